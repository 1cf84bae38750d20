/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-language-reach.h"

struct _PlLanguageReach
{
  GObject   parent_instance;

  char     *language;
  guint     n_families;
  guint     n_reached;
  gboolean  flagged;
};

G_DEFINE_FINAL_TYPE (PlLanguageReach, pl_language_reach, G_TYPE_OBJECT)

static void
pl_language_reach_finalize (GObject *object)
{
  PlLanguageReach *self = PL_LANGUAGE_REACH (object);

  g_free (self->language);

  G_OBJECT_CLASS (pl_language_reach_parent_class)->finalize (object);
}

static void
pl_language_reach_class_init (PlLanguageReachClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_language_reach_finalize;
}

static void
pl_language_reach_init (PlLanguageReach *self)
{
}

PlLanguageReach *
pl_language_reach_new (const char *language,
                       guint       n_families,
                       guint       n_reached)
{
  PlLanguageReach *self = g_object_new (PL_TYPE_LANGUAGE_REACH, NULL);

  g_return_val_if_fail (n_reached <= n_families, self);

  self->language = g_strdup (language);
  self->n_families = n_families;
  self->n_reached = n_reached;
  return self;
}

const char *
pl_language_reach_get_language (PlLanguageReach *self)
{
  g_return_val_if_fail (PL_IS_LANGUAGE_REACH (self), NULL);
  return self->language;
}

guint
pl_language_reach_get_n_families (PlLanguageReach *self)
{
  g_return_val_if_fail (PL_IS_LANGUAGE_REACH (self), 0);
  return self->n_families;
}

guint
pl_language_reach_get_n_reached (PlLanguageReach *self)
{
  g_return_val_if_fail (PL_IS_LANGUAGE_REACH (self), 0);
  return self->n_reached;
}

double
pl_language_reach_get_share (PlLanguageReach *self)
{
  g_return_val_if_fail (PL_IS_LANGUAGE_REACH (self), 0);
  return self->n_families > 0 ? (double) self->n_reached / self->n_families : 0;
}

gboolean
pl_language_reach_get_flagged (PlLanguageReach *self)
{
  g_return_val_if_fail (PL_IS_LANGUAGE_REACH (self), FALSE);
  return self->flagged;
}

void
pl_language_reach_set_flagged (PlLanguageReach *self,
                               gboolean         flagged)
{
  g_return_if_fail (PL_IS_LANGUAGE_REACH (self));
  self->flagged = !!flagged;
}

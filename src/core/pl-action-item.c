/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-council-private.h"
#include "pl-util-private.h"

/* A plain record: the store validates and saves it. */
struct _PlActionItem
{
  GObject parent_instance;

  char *id;
  char *council_id;
  char *meeting_id;
  char *title;
  char *owner_member_id;
  char *owner_name;
  char *due_on;
  char *status;
  char *done_at;
  char *notes;
};

G_DEFINE_FINAL_TYPE (PlActionItem, pl_action_item, G_TYPE_OBJECT)

static void
pl_action_item_finalize (GObject *object)
{
  PlActionItem *self = (PlActionItem *) object;

  g_free (self->id);
  g_free (self->council_id);
  g_free (self->meeting_id);
  g_free (self->title);
  g_free (self->owner_member_id);
  g_free (self->owner_name);
  g_free (self->due_on);
  g_free (self->status);
  g_free (self->done_at);
  g_free (self->notes);

  G_OBJECT_CLASS (pl_action_item_parent_class)->finalize (object);
}

static void
pl_action_item_class_init (PlActionItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_action_item_finalize;
}

static void
pl_action_item_init (PlActionItem *self)
{
  self->status = g_strdup ("open");
}

PlActionItem *
_pl_action_item_new_stored (const char *id,
                            const char *council_id)
{
  PlActionItem *self = g_object_new (PL_TYPE_ACTION_ITEM, NULL);

  self->id = g_strdup (id);
  self->council_id = g_strdup (council_id);
  return self;
}

PlActionItem *
pl_action_item_new (const char *council_id,
                    const char *meeting_id)
{
  g_autofree char *id = _pl_new_id ();
  PlActionItem *self = _pl_action_item_new_stored (id, council_id);

  self->meeting_id = g_strdup (meeting_id);
  return self;
}

PlActionItem *
pl_action_item_copy (PlActionItem *self)
{
  PlActionItem *copy;

  g_return_val_if_fail (PL_IS_ACTION_ITEM (self), NULL);

  copy = _pl_action_item_new_stored (self->id, self->council_id);
  copy->meeting_id = g_strdup (self->meeting_id);
  copy->title = g_strdup (self->title);
  copy->owner_member_id = g_strdup (self->owner_member_id);
  copy->owner_name = g_strdup (self->owner_name);
  copy->due_on = g_strdup (self->due_on);
  _pl_set_str (&copy->status, self->status);
  copy->done_at = g_strdup (self->done_at);
  copy->notes = g_strdup (self->notes);
  return copy;
}

#define GETTER(field) \
  const char * \
  pl_action_item_get_##field (PlActionItem *self) \
  { \
    g_return_val_if_fail (PL_IS_ACTION_ITEM (self), NULL); \
    return self->field; \
  }
#define SETTER(field) \
  void \
  pl_action_item_set_##field (PlActionItem *self, const char *value) \
  { \
    g_return_if_fail (PL_IS_ACTION_ITEM (self)); \
    _pl_set_str (&self->field, value); \
  }

GETTER (id)
GETTER (council_id)
GETTER (meeting_id)
GETTER (title)
SETTER (title)
GETTER (owner_member_id)
SETTER (owner_member_id)
GETTER (owner_name)
SETTER (owner_name)
GETTER (due_on)
SETTER (due_on)
GETTER (status)
SETTER (status)
GETTER (done_at)
GETTER (notes)
SETTER (notes)

void
_pl_action_item_set_done_at (PlActionItem *self,
                             const char   *done_at)
{
  _pl_set_str (&self->done_at, done_at);
}

void
_pl_action_item_set_meeting_id (PlActionItem *self,
                                const char   *meeting_id)
{
  _pl_set_str (&self->meeting_id, meeting_id);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-council-private.h"
#include "pl-util-private.h"

/* A plain record: the store validates and saves it. */
struct _PlCouncilMember
{
  GObject parent_instance;

  char *id;
  char *council_id;
  char *guardian_id;
  char *staff_id;
  char *role;
  char *term_start;
  char *term_end;
  char *language;
  char *display_name;
  char *family_id;
};

G_DEFINE_FINAL_TYPE (PlCouncilMember, pl_council_member, G_TYPE_OBJECT)

static const struct
{
  const char *code;
  const char *label;
} roles[] = {
  { "chair", NC_("council role", "Chair") },
  { "co-chair", NC_("council role", "Co-chair") },
  { "secretary", NC_("council role", "Secretary") },
  { "member", NC_("council role", "Member") },
  { "staff-liaison", NC_("council role", "Staff liaison") },
  { "interpreter", NC_("council role", "Interpreter") },
};

static void
pl_council_member_finalize (GObject *object)
{
  PlCouncilMember *self = (PlCouncilMember *) object;

  g_free (self->id);
  g_free (self->council_id);
  g_free (self->guardian_id);
  g_free (self->staff_id);
  g_free (self->role);
  g_free (self->term_start);
  g_free (self->term_end);
  g_free (self->language);
  g_free (self->display_name);
  g_free (self->family_id);

  G_OBJECT_CLASS (pl_council_member_parent_class)->finalize (object);
}

static void
pl_council_member_class_init (PlCouncilMemberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_council_member_finalize;
}

static void
pl_council_member_init (PlCouncilMember *self)
{
  self->role = g_strdup ("member");
}

PlCouncilMember *
_pl_council_member_new_stored (const char *id,
                               const char *council_id)
{
  PlCouncilMember *self = g_object_new (PL_TYPE_COUNCIL_MEMBER, NULL);

  self->id = g_strdup (id);
  self->council_id = g_strdup (council_id);
  return self;
}

PlCouncilMember *
pl_council_member_new_guardian (const char *council_id,
                                const char *guardian_id)
{
  g_autofree char *id = _pl_new_id ();
  PlCouncilMember *self = _pl_council_member_new_stored (id, council_id);

  self->guardian_id = g_strdup (guardian_id);
  return self;
}

PlCouncilMember *
pl_council_member_new_staff (const char *council_id,
                             const char *username)
{
  g_autofree char *id = _pl_new_id ();
  PlCouncilMember *self = _pl_council_member_new_stored (id, council_id);

  self->staff_id = g_strdup (username);
  self->role = (g_free (self->role), g_strdup ("staff-liaison"));
  return self;
}

PlCouncilMember *
pl_council_member_copy (PlCouncilMember *self)
{
  PlCouncilMember *copy;

  g_return_val_if_fail (PL_IS_COUNCIL_MEMBER (self), NULL);

  copy = _pl_council_member_new_stored (self->id, self->council_id);
  copy->guardian_id = g_strdup (self->guardian_id);
  copy->staff_id = g_strdup (self->staff_id);
  _pl_set_str (&copy->role, self->role);
  copy->term_start = g_strdup (self->term_start);
  copy->term_end = g_strdup (self->term_end);
  copy->language = g_strdup (self->language);
  copy->display_name = g_strdup (self->display_name);
  copy->family_id = g_strdup (self->family_id);
  return copy;
}

#define GETTER(field) \
  const char * \
  pl_council_member_get_##field (PlCouncilMember *self) \
  { \
    g_return_val_if_fail (PL_IS_COUNCIL_MEMBER (self), NULL); \
    return self->field; \
  }
#define SETTER(field) \
  void \
  pl_council_member_set_##field (PlCouncilMember *self, const char *value) \
  { \
    g_return_if_fail (PL_IS_COUNCIL_MEMBER (self)); \
    _pl_set_str (&self->field, value); \
  }

GETTER (id)
GETTER (council_id)
GETTER (guardian_id)
GETTER (staff_id)
GETTER (role)
SETTER (role)
GETTER (term_start)
SETTER (term_start)
GETTER (term_end)
SETTER (term_end)
GETTER (language)
SETTER (language)
GETTER (display_name)
GETTER (family_id)

void
_pl_council_member_set_display_name (PlCouncilMember *self,
                                     const char      *name)
{
  _pl_set_str (&self->display_name, name);
}

void
_pl_council_member_set_family_id (PlCouncilMember *self,
                                  const char      *family_id)
{
  _pl_set_str (&self->family_id, family_id);
}

gboolean
pl_council_member_is_current (PlCouncilMember *self,
                              const char      *day)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (PL_IS_COUNCIL_MEMBER (self), FALSE);

  if (day == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      day = today = g_date_time_format (now, "%Y-%m-%d");
    }
  /* ISO dates compare as text. */
  if (self->term_start != NULL && g_strcmp0 (self->term_start, day) > 0)
    return FALSE;
  if (self->term_end != NULL && g_strcmp0 (self->term_end, day) < 0)
    return FALSE;
  return TRUE;
}

gboolean
pl_council_role_is_valid (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].code, role) == 0)
      return TRUE;
  return FALSE;
}

const char *
pl_council_role_label (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].code, role) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "council role", roles[i].label);
  return role;
}

void
_pl_council_member_set_person (PlCouncilMember *self,
                               const char      *guardian_id,
                               const char      *staff_id)
{
  _pl_set_str (&self->guardian_id, guardian_id);
  _pl_set_str (&self->staff_id, guardian_id != NULL ? NULL : staff_id);
}

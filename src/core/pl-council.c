/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-council-private.h"
#include "pl-util-private.h"

G_DEFINE_QUARK (pl-council-error-quark, pl_council_error)

/* A plain record: the store validates and saves it. */
struct _PlCouncil
{
  GObject parent_instance;

  char *id;
  char *school_id;
  char *name;
  char *purpose;
  char *meeting_pattern;
  GStrv languages;
  char *timezone;
};

G_DEFINE_FINAL_TYPE (PlCouncil, pl_council, G_TYPE_OBJECT)

static void
pl_council_finalize (GObject *object)
{
  PlCouncil *self = (PlCouncil *) object;

  g_free (self->id);
  g_free (self->school_id);
  g_free (self->name);
  g_free (self->purpose);
  g_free (self->meeting_pattern);
  g_strfreev (self->languages);
  g_free (self->timezone);

  G_OBJECT_CLASS (pl_council_parent_class)->finalize (object);
}

static void
pl_council_class_init (PlCouncilClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_council_finalize;
}

static void
pl_council_init (PlCouncil *self)
{
  self->languages = g_new0 (char *, 1);
  self->timezone = g_strdup (PL_COUNCIL_DEFAULT_TIMEZONE);
}

PlCouncil *
_pl_council_new_stored (const char *id,
                        const char *school_id)
{
  PlCouncil *self = g_object_new (PL_TYPE_COUNCIL, NULL);

  self->id = g_strdup (id);
  self->school_id = g_strdup (school_id);
  return self;
}

PlCouncil *
pl_council_new (const char *school_id)
{
  g_autofree char *id = _pl_new_id ();

  return _pl_council_new_stored (id, school_id);
}

PlCouncil *
pl_council_copy (PlCouncil *self)
{
  PlCouncil *copy;

  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);

  copy = _pl_council_new_stored (self->id, self->school_id);
  copy->name = g_strdup (self->name);
  copy->purpose = g_strdup (self->purpose);
  copy->meeting_pattern = g_strdup (self->meeting_pattern);
  pl_council_set_languages (copy, (const char *const *) self->languages);
  pl_council_set_timezone (copy, self->timezone);
  return copy;
}

const char *
pl_council_get_id (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->id;
}

const char *
pl_council_get_school_id (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->school_id;
}

const char *
pl_council_get_name (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->name;
}

void
pl_council_set_name (PlCouncil  *self,
                     const char *value)
{
  g_return_if_fail (PL_IS_COUNCIL (self));
  _pl_set_str (&self->name, value);
}

const char *
pl_council_get_purpose (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->purpose;
}

void
pl_council_set_purpose (PlCouncil  *self,
                        const char *value)
{
  g_return_if_fail (PL_IS_COUNCIL (self));
  _pl_set_str (&self->purpose, value);
}

const char *
pl_council_get_meeting_pattern (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->meeting_pattern;
}

void
pl_council_set_meeting_pattern (PlCouncil  *self,
                                const char *rrule)
{
  g_return_if_fail (PL_IS_COUNCIL (self));
  _pl_set_str (&self->meeting_pattern, rrule);
}

void
pl_council_set_repeat_rule (PlCouncil          *self,
                            const PlRepeatRule *rule)
{
  g_autofree char *rrule = NULL;

  g_return_if_fail (PL_IS_COUNCIL (self));

  if (rule != NULL)
    rrule = pl_repeat_rule_to_rrule (rule, NULL);
  _pl_set_str (&self->meeting_pattern, rrule);
}

gboolean
pl_council_get_repeat_rule (PlCouncil     *self,
                            PlRepeatRule  *rule,
                            GError       **error)
{
  GDate until;

  g_return_val_if_fail (PL_IS_COUNCIL (self), FALSE);

  if (self->meeting_pattern == NULL)
    return FALSE;
  g_date_clear (&until, 1);
  return pl_repeat_rule_from_rrule (self->meeting_pattern, rule, &until, error);
}

char *
pl_council_describe_pattern (PlCouncil *self)
{
  PlRepeatRule rule;

  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);

  if (!pl_council_get_repeat_rule (self, &rule, NULL))
    return NULL;
  return pl_repeat_rule_describe (&rule);
}

const char *const *
pl_council_get_languages (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return (const char *const *) self->languages;
}

void
pl_council_set_languages (PlCouncil         *self,
                          const char *const *languages)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (PL_IS_COUNCIL (self));

  /* Through the stored form, so blanks and repeats go as they would on save. */
  joined = _pl_council_join_languages (languages);
  g_strfreev (self->languages);
  self->languages = _pl_council_split_languages (joined);
}

const char *
pl_council_get_timezone (PlCouncil *self)
{
  g_return_val_if_fail (PL_IS_COUNCIL (self), NULL);
  return self->timezone;
}

void
pl_council_set_timezone (PlCouncil  *self,
                         const char *zone)
{
  g_return_if_fail (PL_IS_COUNCIL (self));
  _pl_set_str (&self->timezone, zone != NULL && *zone != '\0' ? zone : PL_COUNCIL_DEFAULT_TIMEZONE);
}

gboolean
pl_council_validate (PlCouncil  *self,
                     GError    **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) local_error = NULL;
  PlRepeatRule rule;

  g_return_val_if_fail (PL_IS_COUNCIL (self), FALSE);

  if (self->name == NULL || *g_strstrip (self->name) == '\0')
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("A council needs a name"));
      return FALSE;
    }
  if (self->meeting_pattern != NULL &&
      !pl_council_get_repeat_rule (self, &rule, &local_error))
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("The meeting pattern “%s” cannot be read: %s"), self->meeting_pattern,
                   local_error->message);
      return FALSE;
    }
  zone = g_time_zone_new_identifier (self->timezone);
  if (zone == NULL)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not a time zone this computer knows"), self->timezone);
      return FALSE;
    }
  return TRUE;
}

/* Helpers shared by the council records and their store. */

gboolean
_pl_council_check_date (const char  *text,
                        const char  *field,
                        GError     **error)
{
  guint y, m, d;

  if (text == NULL)
    return TRUE;
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
      sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    return TRUE;
  /* TRANSLATORS: the first %s is what was typed, the second the field's name */
  g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
               _("“%s” is not a date (YYYY-MM-DD) for %s"), text, field);
  return FALSE;
}

GDateTime *
_pl_council_parse_utc (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

char *
_pl_council_format_utc (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_pl_council_join_languages (const char *const *languages)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (*languages[i] == '\0' || strchr (languages[i], ' ') != NULL)
        continue;
      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (kept->pdata[j], languages[i]);
      if (!seen)
        g_ptr_array_add (kept, (gpointer) languages[i]);
    }
  if (kept->len == 0)
    return NULL;
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

GStrv
_pl_council_split_languages (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

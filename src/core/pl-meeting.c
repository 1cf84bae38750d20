/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pl-council-private.h"
#include "pl-util-private.h"

/* A plain record: the store validates and saves it. */
struct _PlMeeting
{
  GObject parent_instance;

  char *id;
  char *council_id;
  char *title;
  char *starts_at;
  char *ends_at;
  char *timezone;
  char *location;
  char *video_link;
  GArray *agenda;  /* of PlAgendaItem */
  GStrv interpretation_languages;
  char *status;
  char *minutes;
  char *decisions;
  char *series_id;
  char *series_rule;
  char *original_start;
  gboolean childcare;
  gboolean food;
};

G_DEFINE_FINAL_TYPE (PlMeeting, pl_meeting, G_TYPE_OBJECT)

static const struct
{
  const char *code;
  const char *label;
} statuses[] = {
  { "scheduled", NC_("meeting status", "Scheduled") },
  { "held", NC_("meeting status", "Held") },
  { "cancelled", NC_("meeting status", "Cancelled") },
  { "moved", NC_("meeting status", "Moved") },
};

static void
agenda_item_clear (gpointer data)
{
  PlAgendaItem *item = data;

  g_free (item->title);
  g_free (item->presenter);
}

static void
pl_meeting_finalize (GObject *object)
{
  PlMeeting *self = (PlMeeting *) object;

  g_free (self->id);
  g_free (self->council_id);
  g_free (self->title);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self->timezone);
  g_free (self->location);
  g_free (self->video_link);
  g_array_unref (self->agenda);
  g_strfreev (self->interpretation_languages);
  g_free (self->status);
  g_free (self->minutes);
  g_free (self->decisions);
  g_free (self->series_id);
  g_free (self->series_rule);
  g_free (self->original_start);

  G_OBJECT_CLASS (pl_meeting_parent_class)->finalize (object);
}

static void
pl_meeting_class_init (PlMeetingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_meeting_finalize;
}

static void
pl_meeting_init (PlMeeting *self)
{
  self->agenda = g_array_new (FALSE, TRUE, sizeof (PlAgendaItem));
  g_array_set_clear_func (self->agenda, agenda_item_clear);
  self->interpretation_languages = g_new0 (char *, 1);
  self->status = g_strdup ("scheduled");
  self->timezone = g_strdup (PL_COUNCIL_DEFAULT_TIMEZONE);
}

PlMeeting *
_pl_meeting_new_stored (const char *id,
                        const char *council_id)
{
  PlMeeting *self = g_object_new (PL_TYPE_MEETING, NULL);

  self->id = g_strdup (id);
  self->council_id = g_strdup (council_id);
  return self;
}

PlMeeting *
pl_meeting_new (const char *council_id)
{
  g_autofree char *id = _pl_new_id ();

  return _pl_meeting_new_stored (id, council_id);
}

PlMeeting *
pl_meeting_copy (PlMeeting *self)
{
  PlMeeting *copy;

  g_return_val_if_fail (PL_IS_MEETING (self), NULL);

  copy = _pl_meeting_new_stored (self->id, self->council_id);
  copy->title = g_strdup (self->title);
  copy->starts_at = g_strdup (self->starts_at);
  copy->ends_at = g_strdup (self->ends_at);
  _pl_set_str (&copy->timezone, self->timezone);
  copy->location = g_strdup (self->location);
  copy->video_link = g_strdup (self->video_link);
  for (guint i = 0; i < self->agenda->len; i++)
    {
      PlAgendaItem *item = &g_array_index (self->agenda, PlAgendaItem, i);

      pl_meeting_add_agenda_item (copy, item->title, item->presenter, item->minutes);
    }
  pl_meeting_set_interpretation_languages (copy,
                                           (const char *const *) self->interpretation_languages);
  _pl_set_str (&copy->status, self->status);
  copy->minutes = g_strdup (self->minutes);
  copy->decisions = g_strdup (self->decisions);
  copy->series_id = g_strdup (self->series_id);
  copy->series_rule = g_strdup (self->series_rule);
  copy->original_start = g_strdup (self->original_start);
  copy->childcare = self->childcare;
  copy->food = self->food;
  return copy;
}

#define GETTER(field) \
  const char * \
  pl_meeting_get_##field (PlMeeting *self) \
  { \
    g_return_val_if_fail (PL_IS_MEETING (self), NULL); \
    return self->field; \
  }
#define SETTER(field) \
  void \
  pl_meeting_set_##field (PlMeeting *self, const char *value) \
  { \
    g_return_if_fail (PL_IS_MEETING (self)); \
    _pl_set_str (&self->field, value); \
  }

GETTER (id)
GETTER (council_id)
GETTER (title)
SETTER (title)
GETTER (starts_at)
GETTER (ends_at)
GETTER (timezone)
GETTER (location)
SETTER (location)
GETTER (video_link)
SETTER (video_link)
GETTER (status)
SETTER (status)
GETTER (minutes)
SETTER (minutes)
GETTER (decisions)
SETTER (decisions)
GETTER (series_id)
GETTER (series_rule)
GETTER (original_start)

void
_pl_meeting_set_series (PlMeeting  *self,
                        const char *series_id,
                        const char *rule,
                        const char *original_start)
{
  _pl_set_str (&self->series_id, series_id);
  _pl_set_str (&self->series_rule, rule);
  _pl_set_str (&self->original_start, original_start);
}

void
pl_meeting_set_times (PlMeeting *self,
                      GDateTime *start,
                      GDateTime *end)
{
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;

  g_return_if_fail (PL_IS_MEETING (self));
  g_return_if_fail (start != NULL);

  starts_at = _pl_council_format_utc (start);
  ends_at = _pl_council_format_utc (end);
  _pl_set_str (&self->starts_at, starts_at);
  _pl_set_str (&self->ends_at, ends_at);
  _pl_set_str (&self->timezone,
               g_time_zone_get_identifier (g_date_time_get_timezone (start)));
}

void
_pl_meeting_set_stored_times (PlMeeting  *self,
                              const char *starts_at,
                              const char *ends_at,
                              const char *timezone)
{
  _pl_set_str (&self->starts_at, starts_at);
  _pl_set_str (&self->ends_at, ends_at);
  _pl_set_str (&self->timezone, timezone != NULL ? timezone : PL_COUNCIL_DEFAULT_TIMEZONE);
}

static GDateTime *
local_time (PlMeeting  *self,
            const char *utc_text)
{
  g_autoptr(GDateTime) utc = _pl_council_parse_utc (utc_text);
  g_autoptr(GTimeZone) zone = NULL;

  if (utc == NULL)
    return NULL;
  zone = g_time_zone_new_identifier (self->timezone);
  if (zone == NULL)
    zone = g_time_zone_new_identifier (PL_COUNCIL_DEFAULT_TIMEZONE);
  return g_date_time_to_timezone (utc, zone);
}

GDateTime *
pl_meeting_get_start (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), NULL);
  return local_time (self, self->starts_at);
}

GDateTime *
pl_meeting_get_end (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), NULL);
  return local_time (self, self->ends_at);
}

guint
pl_meeting_get_n_agenda_items (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), 0);
  return self->agenda->len;
}

const PlAgendaItem *
pl_meeting_get_agenda_item (PlMeeting *self,
                            guint      index)
{
  g_return_val_if_fail (PL_IS_MEETING (self), NULL);
  g_return_val_if_fail (index < self->agenda->len, NULL);
  return &g_array_index (self->agenda, PlAgendaItem, index);
}

void
pl_meeting_add_agenda_item (PlMeeting  *self,
                            const char *title,
                            const char *presenter,
                            guint       minutes)
{
  PlAgendaItem item = { NULL, NULL, minutes };

  g_return_if_fail (PL_IS_MEETING (self));

  _pl_set_str (&item.title, title);
  _pl_set_str (&item.presenter, presenter);
  g_array_append_val (self->agenda, item);
}

void
pl_meeting_remove_agenda_item (PlMeeting *self,
                               guint      index)
{
  g_return_if_fail (PL_IS_MEETING (self));
  g_return_if_fail (index < self->agenda->len);
  g_array_remove_index (self->agenda, index);
}

void
pl_meeting_clear_agenda (PlMeeting *self)
{
  g_return_if_fail (PL_IS_MEETING (self));
  g_array_set_size (self->agenda, 0);
}

char *
_pl_meeting_agenda_to_json (PlMeeting *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->agenda->len == 0)
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->agenda->len; i++)
    {
      PlAgendaItem *item = &g_array_index (self->agenda, PlAgendaItem, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, item->title != NULL ? item->title : "");
      if (item->presenter != NULL)
        {
          json_builder_set_member_name (builder, "presenter");
          json_builder_add_string_value (builder, item->presenter);
        }
      if (item->minutes > 0)
        {
          json_builder_set_member_name (builder, "minutes");
          json_builder_add_int_value (builder, item->minutes);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
_pl_meeting_agenda_from_json (PlMeeting   *self,
                              const char  *json,
                              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  pl_meeting_clear_agenda (self);
  if (json == NULL)
    return TRUE;
  root = json_from_string (json, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("A meeting’s agenda is not a list"));
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gint64 minutes;

      if (object == NULL)
        continue;
      minutes = json_object_get_int_member_with_default (object, "minutes", 0);
      pl_meeting_add_agenda_item (self,
                                  json_object_get_string_member_with_default (object, "title", NULL),
                                  json_object_get_string_member_with_default (object, "presenter",
                                                                              NULL),
                                  (guint) CLAMP (minutes, 0, G_MAXUINT));
    }
  return TRUE;
}

const char *const *
pl_meeting_get_interpretation_languages (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), NULL);
  return (const char *const *) self->interpretation_languages;
}

void
pl_meeting_set_interpretation_languages (PlMeeting         *self,
                                         const char *const *languages)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (PL_IS_MEETING (self));

  joined = _pl_council_join_languages (languages);
  g_strfreev (self->interpretation_languages);
  self->interpretation_languages = _pl_council_split_languages (joined);
}

gboolean
pl_meeting_has_interpretation (PlMeeting  *self,
                               const char *language)
{
  g_return_val_if_fail (PL_IS_MEETING (self), FALSE);
  return language != NULL &&
         g_strv_contains ((const char *const *) self->interpretation_languages, language);
}

gboolean
pl_meeting_get_childcare (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), FALSE);
  return self->childcare;
}

void
pl_meeting_set_childcare (PlMeeting *self,
                          gboolean   value)
{
  g_return_if_fail (PL_IS_MEETING (self));
  self->childcare = !!value;
}

gboolean
pl_meeting_get_food (PlMeeting *self)
{
  g_return_val_if_fail (PL_IS_MEETING (self), FALSE);
  return self->food;
}

void
pl_meeting_set_food (PlMeeting *self,
                     gboolean   value)
{
  g_return_if_fail (PL_IS_MEETING (self));
  self->food = !!value;
}

gboolean
pl_meeting_status_is_valid (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].code, status) == 0)
      return TRUE;
  return FALSE;
}

const char *
pl_meeting_status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].code, status) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "meeting status", statuses[i].label);
  return status;
}

gboolean
pl_meeting_validate (PlMeeting  *self,
                     GError    **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (PL_IS_MEETING (self), FALSE);

  start = _pl_council_parse_utc (self->starts_at);
  if (start == NULL)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("A meeting needs a date and a start time"));
      return FALSE;
    }
  if (self->ends_at != NULL)
    {
      end = _pl_council_parse_utc (self->ends_at);
      if (end == NULL || g_date_time_compare (end, start) <= 0)
        {
          g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                               _("A meeting must end after it starts"));
          return FALSE;
        }
    }
  zone = g_time_zone_new_identifier (self->timezone);
  if (zone == NULL)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not a time zone this computer knows"), self->timezone);
      return FALSE;
    }
  if (!pl_meeting_status_is_valid (self->status))
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not a meeting status"), self->status ? self->status : "");
      return FALSE;
    }
  for (guint i = 0; i < self->agenda->len; i++)
    if (g_array_index (self->agenda, PlAgendaItem, i).title == NULL)
      {
        g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                     _("Agenda item %u has no title"), i + 1);
        return FALSE;
      }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-guardian.h"
#include "pl-languages.h"
#include "pl-student.h"
#include "pl-utils.h"

char *
pl_language_display_name (const char *code)
{
  const PlLanguage *language;
  const char *name;

  if (code == NULL || *code == '\0')
    return NULL;

  name = pl_language_get_name (code);
  language = pl_language_lookup (code);

  if (language == NULL || language->native_name == NULL ||
      g_strcmp0 (language->native_name, name) == 0)
    return g_strdup (name);

  /* Translators: a language's name, then its name for itself, e.g. "Vietnamese — Tiếng Việt" */
  return g_strdup_printf (_("%s — %s"), name, language->native_name);
}

GtkStringList *
pl_language_string_list_new (void)
{
  const PlLanguage *languages = pl_languages_get_all ();
  GtkStringList *list = gtk_string_list_new (NULL);

  /* First, so a language picked by mistake can be taken back. */
  gtk_string_list_append (list, C_("language", "Not Recorded"));
  for (guint i = 0; languages[i].code != NULL; i++)
    {
      g_autofree char *name = pl_language_display_name (languages[i].code);

      gtk_string_list_append (list, name);
    }

  return list;
}

guint
pl_language_position (const char *code)
{
  const PlLanguage *languages = pl_languages_get_all ();

  if (code == NULL)
    return 0;

  for (guint i = 0; languages[i].code != NULL; i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return i + 1;

  return GTK_INVALID_LIST_POSITION;
}

const char *
pl_language_code_at (guint position)
{
  const PlLanguage *languages = pl_languages_get_all ();

  /* Position 0 is "Not Recorded". */
  for (guint i = 0; languages[i].code != NULL; i++)
    if (i + 1 == position)
      return languages[i].code;

  return NULL;
}

GtkStringList *
pl_grade_string_list_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int grade = PL_GRADE_PK; grade <= PL_GRADE_MAX; grade++)
    {
      g_autofree char *text = pl_grade_to_string (grade);

      gtk_string_list_append (list, text);
    }

  return list;
}

guint
pl_grade_position (int grade)
{
  if (grade < PL_GRADE_PK || grade > PL_GRADE_MAX)
    return GTK_INVALID_LIST_POSITION;

  return (guint) (grade - PL_GRADE_PK);
}

int
pl_grade_at (guint position)
{
  return (int) position + PL_GRADE_PK;
}

GtkWidget *
pl_tag_new (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tag");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  return label;
}

void
pl_form_set_problem (GtkWidget  *row,
                     GtkWidget  *message_row,
                     const char *message)
{
  gboolean invalid = message != NULL && *message != '\0';

  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, invalid ? message : "",
                                  -1);

  if (message_row != NULL)
    {
      GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (message_row));

      if (invalid)
        gtk_label_set_text (GTK_LABEL (label), message);
      gtk_widget_set_visible (message_row, invalid);
    }
}

char *
pl_format_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  int days;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  /* Translators: a time of day; see the strftime manual for the letters */
  time = g_date_time_format (local, C_("time of day", "%H:%M"));

  /* Calendar days apart, not 24-hour periods. */
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (local);
  if (g_date_time_get_year (now) != g_date_time_get_year (local))
    days = -1000;

  if (days == 0)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("today at %s"), time);
  if (days == 1)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("yesterday at %s"), time);

  if (g_date_time_get_year (now) == g_date_time_get_year (local))
    /* Translators: a date in this year; see the strftime manual for the letters */
    date = g_date_time_format (local, C_("date in this year", "%-d %B"));
  else
    /* Translators: a date in another year; see the strftime manual for the letters */
    date = g_date_time_format (local, C_("date in another year", "%-d %B %Y"));

  /* Translators: a date, then a time of day */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

char *
pl_format_last_synced (GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  GTimeSpan ago;

  if (when == NULL)
    return g_strdup (_("Never synced"));

  now = g_date_time_new_now_utc ();
  ago = g_date_time_difference (now, when);

  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Last synced just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (ago / G_TIME_SPAN_MINUTE);

      return g_strdup_printf (ngettext ("Last synced %d minute ago",
                                        "Last synced %d minutes ago", minutes), minutes);
    }
  if (ago < 12 * G_TIME_SPAN_HOUR)
    {
      int hours = (int) (ago / G_TIME_SPAN_HOUR);

      return g_strdup_printf (ngettext ("Last synced %d hour ago",
                                        "Last synced %d hours ago", hours), hours);
    }

  time = pl_format_time (when);
  /* Translators: %s is a time such as "yesterday at 14:05" */
  return g_strdup_printf (_("Last synced %s"), time);
}

/* Synced fields as a person calls them, for conflicts and changes the
 * server refused. */
typedef struct
{
  const char *entity;   /* NULL: any */
  const char *field;
  const char *label;
  gboolean    free_text;  /* a person can write a combined value */
} FieldInfo;

static const FieldInfo fields[] = {
  { "families", "household_name", N_("Household Name"), TRUE },
  { "families", "address", N_("Address"), TRUE },
  { "families", "city", N_("City"), TRUE },
  { "families", "zip", N_("ZIP Code"), TRUE },
  { "families", "home_language", N_("Home Language"), FALSE },
  { "families", "notes", N_("Notes"), TRUE },
  { "guardians", "full_name", N_("Name"), TRUE },
  { "guardians", "relationship", N_("Relationship"), FALSE },
  { "guardians", "phone", N_("Phone"), TRUE },
  { "guardians", "phone_alt", N_("Other Phone"), TRUE },
  { "guardians", "email", N_("Email"), TRUE },
  { "guardians", "preferred_language", N_("Preferred Language"), FALSE },
  { "guardians", "needs_interpreter", N_("Needs an Interpreter"), FALSE },
  { "guardians", "can_text", N_("Can Receive Texts"), FALSE },
  { "students", "full_name", N_("Name"), TRUE },
  { "students", "district_id", N_("Student ID"), TRUE },
  { "students", "school_id", N_("School"), FALSE },
  { "students", "grade", N_("Grade"), FALSE },
  { "students", "emerging_bilingual", N_("Emerging Bilingual"), FALSE },
  { "students", "iep", N_("Individualized Education Program"), FALSE },
  { "students", "plan_504", N_("504 Plan"), FALSE },
  { "contacts", "happened_at", N_("Date of the Contact"), FALSE },
  { "contacts", "method", N_("Contact Method"), FALSE },
  { "contacts", "language", N_("Language Used"), FALSE },
  { "contacts", "purpose_other", N_("Purpose"), TRUE },
  { "contacts", "outcome", N_("Outcome"), TRUE },
  { "contacts", "notes", N_("Contact Notes"), TRUE },
  { "contacts", "follow_up_due", N_("Follow-Up Due"), FALSE },
  { "schools", "name", N_("School Name"), TRUE },
  { "schools", "code", N_("School Code"), TRUE },
  { NULL, "position", N_("Order"), FALSE },
  { NULL, "deleted", N_("Deleted or Kept"), FALSE },
};

static const FieldInfo *
lookup_field (const char *entity,
              const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if ((fields[i].entity == NULL || g_strcmp0 (fields[i].entity, entity) == 0) &&
        g_strcmp0 (fields[i].field, field) == 0)
      return &fields[i];

  return NULL;
}

const char *
pl_field_label (const char *entity,
                const char *field)
{
  const FieldInfo *info = lookup_field (entity, field);

  /* A field this version has no words for still shows its name. */
  return info != NULL ? _(info->label) : field;
}

gboolean
pl_field_is_free_text (const char *entity,
                       const char *field)
{
  const FieldInfo *info = lookup_field (entity, field);

  return info != NULL && info->free_text;
}

char *
pl_person_name (PlStore    *store,
                const char *entity,
                const char *family_id,
                const char *row_id)
{
  g_autoptr(PlFamily) family = NULL;
  GListModel *people;

  if (family_id == NULL || (g_strcmp0 (entity, "guardians") != 0 &&
                            g_strcmp0 (entity, "students") != 0))
    return NULL;
  family = pl_store_load_family (store, family_id, NULL);
  if (family == NULL)
    return NULL;
  people = g_str_equal (entity, "guardians") ? G_LIST_MODEL (pl_family_get_guardians (family))
                                             : G_LIST_MODEL (pl_family_get_students (family));

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(GObject) person = g_list_model_get_item (people, i);

      if (PL_IS_GUARDIAN (person) &&
          g_strcmp0 (pl_guardian_get_id (PL_GUARDIAN (person)), row_id) == 0)
        return g_strdup (pl_guardian_get_full_name (PL_GUARDIAN (person)));
      if (PL_IS_STUDENT (person) &&
          g_strcmp0 (pl_student_get_id (PL_STUDENT (person)), row_id) == 0)
        return g_strdup (pl_student_get_full_name (PL_STUDENT (person)));
    }
  return NULL;
}

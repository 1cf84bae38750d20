/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-contact-row.h"
#include "pl-languages.h"

struct _PlContactRow
{
  GtkListBoxRow  parent_instance;

  PlContact     *contact;

  GtkImage      *method_icon;
  GtkLabel      *title_label;
  GtkLabel      *outcome_label;
  GtkLabel      *when_label;
  GtkLabel      *people_label;
  GtkLabel      *language_label;
  GtkLabel      *notes_label;
  GtkLabel      *follow_up_label;
  GtkLabel      *staff_label;
  GtkWidget     *edit_button;
  GtkWidget     *delete_button;
};

G_DEFINE_FINAL_TYPE (PlContactRow, pl_contact_row, GTK_TYPE_LIST_BOX_ROW)

const char *
pl_contact_method_icon_name (const char *method)
{
  static const struct { const char *method; const char *icon; } icons[] = {
    { "phone", "call-start-symbolic" },
    { "text", "chat-message-new-symbolic" },
    { "email", "mail-unread-symbolic" },
    { "home-visit", "go-home-symbolic" },
    { "in-person", "system-users-symbolic" },
    { "video", "camera-video-symbolic" },
    { "letter", "document-send-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].method, method) == 0)
      return icons[i].icon;
  return "user-available-symbolic";
}

/* Calendar days from @a to @b, in local time. */
static int
days_between (GDateTime *a,
              GDateTime *b)
{
  g_autoptr(GDateTime) la = g_date_time_to_local (a);
  g_autoptr(GDateTime) lb = g_date_time_to_local (b);
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (la), g_date_time_get_month (la),
                  g_date_time_get_year (la));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (lb), g_date_time_get_month (lb),
                  g_date_time_get_year (lb));
  return g_date_days_between (&da, &db);
}

char *
pl_contact_row_format_when (GDateTime *when,
                            GDateTime *now)
{
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (current);
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  int days = days_between (local, local_now);

  /* Translators: a time of day; see the strftime manual for the letters */
  time = g_date_time_format (local, C_("time of day", "%H:%M"));

  if (days == 0)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("Today at %s"), time);
  if (days == 1)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("Yesterday at %s"), time);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a weekday and date in this year, e.g. "Friday 20 November"; see the
     * strftime manual for the letters */
    date = g_date_time_format (local, C_("contact date", "%A %-d %B"));
  else
    /* Translators: a date in another year; see the strftime manual for the letters */
    date = g_date_time_format (local, C_("date in another year", "%-d %B %Y"));

  /* Translators: a date, then a time of day */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

char *
pl_contact_row_format_ago (GDateTime *when,
                           GDateTime *now)
{
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  GTimeSpan span = g_date_time_difference (current, when);
  int days = days_between (when, current);
  int n;

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = (int) (span / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }
  if (days == 0)
    {
      n = (int) (span / G_TIME_SPAN_HOUR);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }
  if (days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  if (days < 61)
    {
      n = days / 7;
      return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", n), n);
    }
  if (days < 730)
    {
      n = days / 30;
      return g_strdup_printf (ngettext ("%d month ago", "%d months ago", n), n);
    }
  n = days / 365;
  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", n), n);
}

char *
pl_contact_row_format_due (const GDate *due)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char text[128];

  if (g_date_get_year (due) == g_date_time_get_year (now))
    /* Translators: a weekday and date in this year; see the strftime manual */
    g_date_strftime (text, sizeof text, C_("contact date", "%A %-d %B"), due);
  else
    /* Translators: a weekday and date in another year; see the strftime manual */
    g_date_strftime (text, sizeof text, C_("due date in another year", "%A %-d %B %Y"), due);
  return g_strdup (text);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), is_set (text));
}

static const char *
guardian_name (PlFamily   *family,
               const char *guardian_id)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));

  for (guint i = 0; guardian_id != NULL && i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      if (g_strcmp0 (pl_guardian_get_id (guardian), guardian_id) == 0)
        return pl_guardian_get_full_name (guardian);
    }
  return NULL;
}

static char *
describe_language (PlContact *contact)
{
  const char *code = pl_contact_get_language (contact);
  const char *interpreter = pl_contact_get_interpreter (contact);
  const char *language = is_set (code) ? pl_language_get_name (code) : NULL;
  gboolean helped = interpreter != NULL && g_strcmp0 (interpreter, "none") != 0;

  if (language != NULL && helped)
    /* Translators: a language, then who interpreted, e.g. "Somali · Staff Interpreter" */
    return g_strdup_printf (C_("language and interpreter", "%s · %s"), language,
                            pl_contact_interpreter_label (interpreter));
  if (language != NULL)
    return g_strdup (language);
  if (helped)
    return g_strdup (pl_contact_interpreter_label (interpreter));
  return NULL;
}

static void
show_follow_up (PlContactRow *self)
{
  PlContact *contact = self->contact;
  const char *due_text = pl_contact_get_follow_up_due (contact);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  GDate due, today;

  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "dim-label");

  if (!pl_contact_parse_date (due_text, &due))
    {
      set_line (self->follow_up_label, NULL);
      return;
    }

  date = pl_contact_row_format_due (&due);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (pl_contact_get_follow_up_done_at (contact) != NULL)
    {
      /* Translators: %s is a date */
      text = g_strdup_printf (_("Followed up (due %s)"), date);
      gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), "dim-label");
    }
  else if (g_date_compare (&due, &today) < 0)
    {
      /* Translators: %s is a date */
      text = g_strdup_printf (_("Follow-up overdue since %s"), date);
      gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), "warning");
    }
  else
    {
      /* Translators: %s is a date */
      text = g_strdup_printf (_("Follow up by %s"), date);
      gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), "accent");
    }
  set_line (self->follow_up_label, text);
}

static void
show_contact (PlContactRow *self,
              PlFamily     *family,
              const char   *staff_name)
{
  PlContact *contact = self->contact;
  const char *purpose = pl_contact_get_purpose (contact);
  const char *outcome = pl_contact_get_outcome (contact);
  const char *guardian = guardian_name (family, pl_contact_get_guardian_id (contact));
  g_autoptr(GDateTime) when = pl_contact_dup_happened_at_time (contact);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *purpose_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when_text = NULL;
  g_autofree char *people = NULL;
  g_autofree char *language = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *accessible = NULL;
  const char *method = pl_contact_method_label (pl_contact_get_method (contact));
  const char *direction = pl_contact_direction_label (pl_contact_get_direction (contact));

  gtk_image_set_from_icon_name (self->method_icon,
                                pl_contact_method_icon_name (pl_contact_get_method (contact)));

  if (g_strcmp0 (purpose, "other") == 0 && is_set (pl_contact_get_purpose_other (contact)))
    /* Translators: the purpose "Other" with what a person wrote, e.g. "Other: winter coats" */
    purpose_text = g_strdup_printf (_("Other: %s"), pl_contact_get_purpose_other (contact));
  else if (purpose != NULL)
    purpose_text = g_strdup (pl_contact_purpose_label (purpose));

  if (purpose_text != NULL)
    /* Translators: how, then what about, e.g. "Phone Call · Attendance" */
    title = g_strdup_printf (C_("contact title", "%s · %s"), method, purpose_text);
  else
    title = g_strdup (method);
  gtk_label_set_text (self->title_label, title);

  gtk_label_set_text (self->outcome_label, outcome ? pl_contact_outcome_label (outcome) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), outcome != NULL);
  /* Reaching the family is what counts; the rest are tries. */
  if (g_strcmp0 (outcome, "reached") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), "success");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), "dim-label");

  if (when != NULL)
    {
      g_autofree char *absolute = pl_contact_row_format_when (when, now);

      /* "Today at 14:05" says it all; older ones say how long ago too. */
      if (days_between (when, now) < 2)
        when_text = g_steal_pointer (&absolute);
      else
        {
          g_autofree char *ago = pl_contact_row_format_ago (when, now);

          /* Translators: e.g. "3 days ago · Friday 20 November at 14:05" */
          when_text = g_strdup_printf (C_("ago and when", "%s · %s"), ago, absolute);
        }
    }
  set_line (self->when_label, when_text);

  if (is_set (guardian))
    /* Translators: a direction and a guardian's name, e.g. "Outgoing · with Ana Silva" */
    people = g_strdup_printf (C_("direction and guardian", "%s · with %s"), direction, guardian);
  else
    people = g_strdup (direction);
  set_line (self->people_label, people);

  language = describe_language (contact);
  set_line (self->language_label, language);

  set_line (self->notes_label, pl_contact_get_notes (contact));
  show_follow_up (self);

  if (is_set (staff_name) || is_set (pl_contact_get_staff_id (contact)))
    /* Translators: %s is a staff member's name */
    staff = g_strdup_printf (_("Logged by %s"),
                             is_set (staff_name) ? staff_name : pl_contact_get_staff_id (contact));
  set_line (self->staff_label, staff);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s",
                                    pl_contact_get_id (contact));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s",
                                    pl_contact_get_id (contact));

  /* A screen reader hears the entry as one sentence-like label. */
  accessible = g_strjoin (", ", title, outcome ? pl_contact_outcome_label (outcome) : "",
                          when_text ? when_text : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

GtkWidget *
pl_contact_row_new (PlContact  *contact,
                    PlFamily   *family,
                    const char *staff_name)
{
  PlContactRow *self;

  g_return_val_if_fail (PL_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (PL_IS_FAMILY (family), NULL);

  self = g_object_new (PL_TYPE_CONTACT_ROW, NULL);
  self->contact = g_object_ref (contact);
  show_contact (self, family, staff_name);
  return GTK_WIDGET (self);
}

PlContact *
pl_contact_row_get_contact (PlContactRow *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_ROW (self), NULL);
  return self->contact;
}

static void
pl_contact_row_dispose (GObject *object)
{
  PlContactRow *self = PL_CONTACT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CONTACT_ROW);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (pl_contact_row_parent_class)->dispose (object);
}

static void
pl_contact_row_class_init (PlContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_contact_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, method_icon);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, people_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, language_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, staff_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PlContactRow, delete_button);
}

static void
pl_contact_row_init (PlContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

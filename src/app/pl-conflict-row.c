/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-clock.h"
#include "pl-conflict-row.h"
#include "pl-guardian.h"
#include "pl-school.h"
#include "pl-student.h"
#include "pl-utils.h"

struct _PlConflictRow
{
  GtkWidget      parent_instance;

  PlStore       *store;
  PlConflict    *conflict;
  gboolean       this_is_winner;   /* the first value shown is the one in place */

  GtkLabel      *household_label;
  GtkWidget     *family_button;
  GtkLabel      *field_label;
  GtkWidget     *edit_button;
  AdwActionRow  *this_row;
  AdwActionRow  *that_row;
  GtkWidget     *keep_this_button;
  GtkWidget     *keep_that_button;
};

G_DEFINE_FINAL_TYPE (PlConflictRow, pl_conflict_row, GTK_TYPE_WIDGET)

enum {
  RESOLVE,
  SHOW_FAMILY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
field_label (PlConflict *conflict)
{
  return g_strdup (pl_field_label (pl_conflict_get_entity (conflict),
                                   pl_conflict_get_field (conflict)));
}

static gboolean
is_flag (const char *field)
{
  return g_str_equal (field, "needs_interpreter") || g_str_equal (field, "can_text") ||
         g_str_equal (field, "emerging_bilingual") || g_str_equal (field, "iep") ||
         g_str_equal (field, "plan_504");
}

static char *
school_name (PlStore    *store,
             const char *school_id)
{
  g_autoptr(GListModel) schools = pl_store_list_schools (store, NULL);

  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      if (g_strcmp0 (pl_school_get_id (school), school_id) == 0)
        return g_strdup (pl_school_get_name (school));
    }

  return g_strdup (school_id);
}

/* A stored value as a person reads it. */
static char *
format_value (PlConflictRow *self,
              const char    *value)
{
  const char *field = pl_conflict_get_field (self->conflict);

  if (value == NULL || *value == '\0')
    return g_strdup (_("No value"));

  if (g_str_equal (field, "deleted"))
    return g_strdup (g_str_equal (value, "1") ? _("Deleted") : _("Kept"));
  if (is_flag (field))
    return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
  if (g_str_equal (field, "home_language") || g_str_equal (field, "preferred_language") ||
      g_str_equal (field, "language"))
    return pl_language_display_name (value);
  if (g_str_equal (field, "relationship"))
    return g_strdup (pl_guardian_relationship_label (value));
  if (g_str_equal (field, "school_id"))
    return school_name (self->store, value);
  if (g_str_equal (field, "grade"))
    {
      g_autofree char *grade = pl_grade_to_string ((int) g_ascii_strtoll (value, NULL, 10));

      /* Translators: %s is a grade, such as K or 3 */
      return g_strdup_printf (_("Grade %s"), grade);
    }

  return g_strdup (value);
}

/* "Phone of Nguyễn Thị Hương": whose field it is, when it is not the
 * household's own. */
static char *
describe_field (PlConflictRow *self)
{
  g_autofree char *label = field_label (self->conflict);
  g_autofree char *name = pl_person_name (self->store, pl_conflict_get_entity (self->conflict),
                                          pl_conflict_get_family_id (self->conflict),
                                          pl_conflict_get_row_id (self->conflict));

  if (name != NULL)
    /* Translators: a field, then a person, e.g. "Phone of Nguyễn Thị Hương" */
    return g_strdup_printf (C_("conflict field", "%s of %s"), label, name);

  return g_steal_pointer (&label);
}

static const char *
device_of (const char *stamp)
{
  const char *device = NULL;

  if (stamp == NULL || !pl_hlc_parse (stamp, NULL, NULL, &device))
    return NULL;

  return device;
}

static char *
describe_change (const char *who,
                 const char *stamp)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  gint64 ms = 0;

  if (stamp == NULL || !pl_hlc_parse (stamp, &ms, NULL, NULL))
    return g_strdup (who);

  when = g_date_time_new_from_unix_utc (ms / 1000);
  time = pl_format_time (when);

  /* Translators: who changed a value, then when, e.g. "This device · today at 14:05" */
  return g_strdup_printf (C_("conflict change", "%s · %s"), who, time);
}

static void
set_value_row (PlConflictRow *self,
               AdwActionRow  *row,
               const char    *value,
               const char    *who,
               const char    *stamp)
{
  g_autofree char *shown = format_value (self, value);
  g_autofree char *change = describe_change (who, stamp);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_action_row_set_subtitle (row, change);

  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (row), "no-value");
}

static void
show_conflict (PlConflictRow *self)
{
  PlConflict *conflict = self->conflict;
  const char *mine = pl_store_get_device_id (self->store);
  const char *winner_device = device_of (pl_conflict_get_winner_hlc (conflict));
  const char *loser_device = pl_conflict_get_loser_origin (conflict);
  const char *household = pl_conflict_get_household_name (conflict);
  const char *this_who, *that_who;
  g_autofree char *description = describe_field (self);

  if (loser_device == NULL)
    loser_device = device_of (pl_conflict_get_loser_hlc (conflict));

  /* "This" is what this device wrote, when it wrote either; otherwise the
   * value in place now. */
  self->this_is_winner = g_strcmp0 (loser_device, mine) != 0;
  if (g_strcmp0 (winner_device, mine) == 0 || g_strcmp0 (loser_device, mine) == 0)
    {
      this_who = _("This device");
      that_who = _("Another device");
    }
  else
    {
      this_who = _("In use now");
      that_who = _("Set aside");
    }

  gtk_label_set_text (self->household_label,
                      household != NULL && *household != '\0' ? household : _("Unnamed Household"));
  gtk_widget_set_sensitive (self->family_button, pl_conflict_get_family_id (conflict) != NULL);
  gtk_label_set_text (self->field_label, description);

  if (self->this_is_winner)
    {
      set_value_row (self, self->this_row, pl_conflict_get_winner_value (conflict), this_who,
                     pl_conflict_get_winner_hlc (conflict));
      set_value_row (self, self->that_row, pl_conflict_get_loser_value (conflict), that_who,
                     pl_conflict_get_loser_hlc (conflict));
    }
  else
    {
      set_value_row (self, self->this_row, pl_conflict_get_loser_value (conflict), this_who,
                     pl_conflict_get_loser_hlc (conflict));
      set_value_row (self, self->that_row, pl_conflict_get_winner_value (conflict), that_who,
                     pl_conflict_get_winner_hlc (conflict));
    }

  /* Two languages or two grades do not combine into a third. */
  gtk_widget_set_visible (self->edit_button,
                          pl_field_is_free_text (pl_conflict_get_entity (conflict),
                                                 pl_conflict_get_field (conflict)));
}

static const char *
this_value (PlConflictRow *self)
{
  return self->this_is_winner ? pl_conflict_get_winner_value (self->conflict)
                              : pl_conflict_get_loser_value (self->conflict);
}

static const char *
that_value (PlConflictRow *self)
{
  return self->this_is_winner ? pl_conflict_get_loser_value (self->conflict)
                              : pl_conflict_get_winner_value (self->conflict);
}

static void
on_keep_this_clicked (PlConflictRow *self,
                      GtkButton     *button)
{
  g_signal_emit (self, signals[RESOLVE], 0,
                 self->this_is_winner ? PL_CONFLICT_KEEP_WINNER : PL_CONFLICT_KEEP_LOSER, NULL);
}

static void
on_keep_that_clicked (PlConflictRow *self,
                      GtkButton     *button)
{
  g_signal_emit (self, signals[RESOLVE], 0,
                 self->this_is_winner ? PL_CONFLICT_KEEP_LOSER : PL_CONFLICT_KEEP_WINNER, NULL);
}

static void
on_family_clicked (PlConflictRow *self,
                   GtkButton     *button)
{
  const char *family_id = pl_conflict_get_family_id (self->conflict);

  if (family_id != NULL)
    g_signal_emit (self, signals[SHOW_FAMILY], 0, family_id);
}

static gboolean
is_notes (PlConflictRow *self)
{
  const char *field = pl_conflict_get_field (self->conflict);

  return g_str_equal (field, "notes") || g_str_equal (field, "outcome");
}

static void
on_edit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  PlConflictRow    *self)
{
  GtkWidget *editor = g_object_get_data (G_OBJECT (dialog), "pl-editor");
  g_autofree char *combined = NULL;

  if (!g_str_equal (response, "save"))
    return;

  if (GTK_IS_TEXT_VIEW (editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      combined = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    {
      combined = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
    }

  g_strstrip (combined);
  g_signal_emit (self, signals[RESOLVE], 0, PL_CONFLICT_KEEP_COMBINED,
                 *combined != '\0' ? combined : NULL);
}

static void
on_edit_clicked (PlConflictRow *self,
                 GtkButton     *button)
{
  g_autofree char *label = field_label (self->conflict);
  g_autofree char *heading = NULL;
  g_autofree char *prefill = NULL;
  const char *mine = this_value (self);
  const char *theirs = that_value (self);
  GtkWidget *editor;
  GtkWidget *child;
  GtkWidget *dialog;

  /* Notes combine by keeping both; a name or a phone starts from this one. */
  if (is_notes (self) && mine != NULL && *mine != '\0' && theirs != NULL && *theirs != '\0' &&
      g_strcmp0 (mine, theirs) != 0)
    prefill = g_strconcat (mine, "\n\n", theirs, NULL);
  else
    prefill = g_strdup (mine != NULL ? mine : theirs != NULL ? theirs : "");

  if (is_notes (self))
    {
      editor = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (editor), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (editor), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (editor), 9);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (editor), 9);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (editor), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (editor), 12);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), prefill, -1);
      gtk_widget_add_css_class (editor, "conflict-editor");
      child = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (child), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (child), 140);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (child), editor);
      gtk_widget_add_css_class (child, "card");
      gtk_widget_set_overflow (child, GTK_OVERFLOW_HIDDEN);
    }
  else
    {
      editor = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (editor), prefill);
      gtk_entry_set_activates_default (GTK_ENTRY (editor), TRUE);
      child = editor;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  /* Translators: %s is a field, such as Phone or Notes */
  heading = g_strdup_printf (_("Edit %s"), label);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("What you write here replaces both values, on every device."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "pl-editor", editor);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (editor);
}

GtkWidget *
pl_conflict_row_new (PlStore    *store,
                     PlConflict *conflict)
{
  PlConflictRow *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (PL_IS_CONFLICT (conflict), NULL);

  self = g_object_new (PL_TYPE_CONFLICT_ROW, NULL);
  self->store = g_object_ref (store);
  self->conflict = g_object_ref (conflict);
  show_conflict (self);

  return GTK_WIDGET (self);
}

PlConflict *
pl_conflict_row_get_conflict (PlConflictRow *self)
{
  g_return_val_if_fail (PL_IS_CONFLICT_ROW (self), NULL);

  return self->conflict;
}

static void
pl_conflict_row_dispose (GObject *object)
{
  PlConflictRow *self = PL_CONFLICT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CONFLICT_ROW);
  /* Children without an id in the template are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->conflict);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_conflict_row_parent_class)->dispose (object);
}

static void
pl_conflict_row_class_init (PlConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_conflict_row_dispose;

  signals[RESOLVE] =
    g_signal_new ("resolve",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  signals[SHOW_FAMILY] =
    g_signal_new ("show-family",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, household_label);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, family_button);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, field_label);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, this_row);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, that_row);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, keep_this_button);
  gtk_widget_class_bind_template_child (widget_class, PlConflictRow, keep_that_button);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_this_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_that_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_family_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_conflict_row_init (PlConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-family-editor-private.h"
#include "pl-guardian-editor.h"
#include "pl-school.h"
#include "pl-student-editor.h"
#include "pl-utils.h"

/* Problems appear after a short pause in typing, so a phone number is not
 * called wrong while it is still being typed. */
#define PROBLEMS_DELAY_MS 400

struct _PlFamilyEditor
{
  AdwWindow            parent_instance;

  PlStore             *store;
  PlFamily            *family;        /* the copy being edited */
  gboolean             is_new;
  GHashTable          *touched;       /* household fields a person edited */
  gboolean             touched_any;
  gboolean             populating;
  guint                problems_source;
  GtkStringList       *school_names;
  GStrv                school_ids;

  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  AdwEntryRow         *name_row;
  GtkWidget           *name_message;
  AdwEntryRow         *address_row;
  GtkWidget           *address_message;
  AdwEntryRow         *city_row;
  GtkWidget           *city_message;
  AdwEntryRow         *zip_row;
  GtkWidget           *zip_message;
  AdwComboRow         *language_row;
  GtkWidget           *language_message;
  GtkTextView         *notes_view;
  GtkLabel            *notes_message;
  GtkBox              *guardians_box;
  GtkBox              *students_box;
};

G_DEFINE_FINAL_TYPE (PlFamilyEditor, pl_family_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void queue_problems (PlFamilyEditor *self);

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
show_banner (PlFamilyEditor *self,
             const char     *message)
{
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static void
show_household_problem (PlFamilyEditor *self,
                        GHashTable     *problems,
                        const char     *field,
                        const char     *value,
                        GtkWidget      *row,
                        GtkWidget      *message_row)
{
  const char *message = g_hash_table_lookup (problems, field);
  gboolean show = g_hash_table_contains (self->touched, field) || empty_to_null (value) != NULL;

  pl_form_set_problem (row, message_row, show ? message : NULL);
  g_hash_table_remove (problems, field);
}

static GHashTable *
problems_for (GPtrArray *tables,
              guint      index)
{
  while (tables->len <= index)
    g_ptr_array_add (tables, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));

  return g_ptr_array_index (tables, index);
}

/* The messages of problems no row took, one a line. */
static void
append_messages (GString    *text,
                 GHashTable *problems)
{
  GHashTableIter iter;
  const char *message;

  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &message))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, message);
    }
}

/* pl_family_check() names fields "household-name", "guardian:2:phone",
 * "student:0:grade"; each part of the form shows its own. */
static void
show_problems (PlFamilyEditor *self,
               GPtrArray      *problems)
{
  g_autoptr(GHashTable) household = NULL;
  g_autoptr(GPtrArray) guardians = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GString) others = g_string_new (NULL);
  const char *message;
  GtkWidget *child;
  guint index;

  household = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      PlFieldProblem *problem = g_ptr_array_index (problems, i);
      const char *field = problem->field != NULL ? problem->field : "";
      GHashTable *table = household;
      char *end = NULL;

      if (g_str_has_prefix (field, "guardian:") || g_str_has_prefix (field, "student:"))
        {
          gboolean guardian = g_str_has_prefix (field, "guardian:");
          const char *number = strchr (field, ':') + 1;

          index = (guint) strtoul (number, &end, 10);
          if (end != number && *end == ':')
            {
              table = problems_for (guardian ? guardians : students, index);
              field = end + 1;
            }
        }

      /* The first problem of a field is the one to fix first. */
      if (!g_hash_table_contains (table, field))
        g_hash_table_insert (table, g_strdup (field), g_strdup (problem->message));
    }

  show_household_problem (self, household, "household-name",
                          pl_family_get_household_name (self->family),
                          GTK_WIDGET (self->name_row), self->name_message);
  show_household_problem (self, household, "address", pl_family_get_address (self->family),
                          GTK_WIDGET (self->address_row), self->address_message);
  show_household_problem (self, household, "city", pl_family_get_city (self->family),
                          GTK_WIDGET (self->city_row), self->city_message);
  show_household_problem (self, household, "zip", pl_family_get_zip (self->family),
                          GTK_WIDGET (self->zip_row), self->zip_message);
  show_household_problem (self, household, "home-language",
                          pl_family_get_home_language (self->family),
                          GTK_WIDGET (self->language_row), self->language_message);

  message = g_hash_table_lookup (household, "notes");
  gtk_label_set_text (self->notes_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_message), message != NULL);
  g_hash_table_remove (household, "notes");

  index = 0;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->guardians_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      GHashTable *table = problems_for (guardians, index);

      pl_guardian_editor_show_problems (PL_GUARDIAN_EDITOR (child), table);
      append_messages (others, table);
    }

  index = 0;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->students_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      GHashTable *table = problems_for (students, index);

      pl_student_editor_show_problems (PL_STUDENT_EDITOR (child), table);
      append_messages (others, table);
    }

  /* What has no field of its own ("a family needs a guardian") goes on top,
   * once the person has started filling in the form. */
  append_messages (others, household);

  show_banner (self, self->touched_any && others->len > 0 ? others->str : NULL);
}

static void
update_save (PlFamilyEditor *self,
             GPtrArray      *problems)
{
  gboolean valid = problems->len == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);

  /* Say why Save does nothing yet. */
  if (valid)
    gtk_widget_set_tooltip_text (self->save_button, NULL);
  else
    gtk_widget_set_tooltip_text (self->save_button,
                                 ((PlFieldProblem *) g_ptr_array_index (problems, 0))->message);
}

static gboolean
problems_cb (gpointer user_data)
{
  PlFamilyEditor *self = user_data;
  g_autoptr(GPtrArray) problems = NULL;

  self->problems_source = 0;

  problems = pl_family_check (self->family);
  update_save (self, problems);
  show_problems (self, problems);

  return G_SOURCE_REMOVE;
}

static void
queue_problems (PlFamilyEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* Save follows every key at once; the messages wait for a pause. */
  problems = pl_family_check (self->family);
  update_save (self, problems);

  g_clear_handle_id (&self->problems_source, g_source_remove);
  self->problems_source = g_timeout_add (PROBLEMS_DELAY_MS, problems_cb, self);
}

static void
edited (PlFamilyEditor *self,
        const char     *field)
{
  if (self->populating)
    return;

  if (field != NULL)
    g_hash_table_add (self->touched, (gpointer) field);
  self->touched_any = TRUE;

  show_banner (self, NULL);
  queue_problems (self);
}

static void
on_name_changed (PlFamilyEditor *self,
                 GtkEditable    *editable)
{
  if (self->populating)
    return;
  pl_family_set_household_name (self->family, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "household-name");
}

static void
on_address_changed (PlFamilyEditor *self,
                    GtkEditable    *editable)
{
  if (self->populating)
    return;
  pl_family_set_address (self->family, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "address");
}

static void
on_city_changed (PlFamilyEditor *self,
                 GtkEditable    *editable)
{
  if (self->populating)
    return;
  pl_family_set_city (self->family, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "city");
}

static void
on_zip_changed (PlFamilyEditor *self,
                GtkEditable    *editable)
{
  if (self->populating)
    return;
  pl_family_set_zip (self->family, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "zip");
}

static void
on_language_selected (PlFamilyEditor *self,
                      GParamSpec     *pspec,
                      AdwComboRow    *row)
{
  if (self->populating)
    return;
  pl_family_set_home_language (self->family, pl_language_code_at (adw_combo_row_get_selected (row)));
  edited (self, "home-language");
}

static void
on_notes_changed (PlFamilyEditor *self,
                  GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->populating)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  pl_family_set_notes (self->family, empty_to_null (text));
  edited (self, "notes");
}

static void
on_child_changed (PlFamilyEditor *self,
                  GtkWidget      *child)
{
  edited (self, NULL);
}

static void
renumber (GtkBox  *box,
          gboolean guardians)
{
  guint number = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), number++)
    {
      if (guardians)
        pl_guardian_editor_set_number (PL_GUARDIAN_EDITOR (child), number);
      else
        pl_student_editor_set_number (PL_STUDENT_EDITOR (child), number);
    }
}

static void
on_guardian_remove (PlFamilyEditor   *self,
                    PlGuardianEditor *editor)
{
  GListStore *guardians = pl_family_get_guardians (self->family);
  guint position;

  if (g_list_store_find (guardians, pl_guardian_editor_get_guardian (editor), &position))
    g_list_store_remove (guardians, position);

  gtk_box_remove (self->guardians_box, GTK_WIDGET (editor));
  renumber (self->guardians_box, TRUE);
  edited (self, NULL);
}

static void
on_student_remove (PlFamilyEditor  *self,
                   PlStudentEditor *editor)
{
  GListStore *students = pl_family_get_students (self->family);
  guint position;

  if (g_list_store_find (students, pl_student_editor_get_student (editor), &position))
    g_list_store_remove (students, position);

  gtk_box_remove (self->students_box, GTK_WIDGET (editor));
  renumber (self->students_box, FALSE);
  edited (self, NULL);
}

static GtkWidget *
add_guardian_editor (PlFamilyEditor *self,
                     PlGuardian     *guardian)
{
  GtkWidget *editor = pl_guardian_editor_new (guardian);

  g_signal_connect_object (editor, "changed", G_CALLBACK (on_child_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "remove", G_CALLBACK (on_guardian_remove), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->guardians_box, editor);
  renumber (self->guardians_box, TRUE);

  return editor;
}

static GtkWidget *
add_student_editor (PlFamilyEditor *self,
                    PlStudent      *student)
{
  GtkWidget *editor = pl_student_editor_new (student, G_LIST_MODEL (self->school_names),
                                             (const char *const *) self->school_ids);

  g_signal_connect_object (editor, "changed", G_CALLBACK (on_child_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "remove", G_CALLBACK (on_student_remove), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->students_box, editor);
  renumber (self->students_box, FALSE);

  return editor;
}

static void
add_guardian_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlFamilyEditor *self = PL_FAMILY_EDITOR (widget);
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  GtkWidget *editor;

  g_list_store_append (pl_family_get_guardians (self->family), guardian);
  editor = add_guardian_editor (self, guardian);
  pl_guardian_editor_focus (PL_GUARDIAN_EDITOR (editor));
  edited (self, NULL);
}

static void
add_student_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlFamilyEditor *self = PL_FAMILY_EDITOR (widget);
  g_autoptr(PlStudent) student = pl_student_new ();
  GtkWidget *editor;

  g_list_store_append (pl_family_get_students (self->family), student);
  editor = add_student_editor (self, student);
  pl_student_editor_focus (PL_STUDENT_EDITOR (editor));
  edited (self, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlFamilyEditor *self = PL_FAMILY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *family_id = NULL;

  if (!pl_store_save_family (self->store, self->family, &error))
    {
      show_banner (self, error->message);
      return;
    }

  family_id = g_strdup (pl_family_get_id (self->family));

  /* Keep the form alive until whoever listens is done with it. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, family_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
load_schools (PlFamilyEditor *self)
{
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  self->school_names = gtk_string_list_new (NULL);

  schools = pl_store_list_schools (self->store, &error);
  if (schools == NULL)
    {
      g_warning ("Could not list schools: %s", error->message);
      show_banner (self, error->message);
    }

  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      gtk_string_list_append (self->school_names, pl_school_get_name (school));
      g_strv_builder_add (ids, pl_school_get_id (school));
    }

  self->school_ids = g_strv_builder_end (ids);
}

static void
populate (PlFamilyEditor *self)
{
  PlFamily *f = self->family;
  g_autoptr(GtkStringList) languages = pl_language_string_list_new ();
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (f));
  GListModel *students = G_LIST_MODEL (pl_family_get_students (f));

  self->populating = TRUE;

  adw_window_title_set_title (self->window_title, self->is_new ? _("New Family") : _("Edit Family"));
  if (!self->is_new)
    adw_window_title_set_subtitle (self->window_title, pl_family_get_household_name (f));
  gtk_button_set_label (GTK_BUTTON (self->save_button), self->is_new ? _("_Add") : _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pl_family_get_household_name (f) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), pl_family_get_address (f) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), pl_family_get_city (f) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->zip_row), pl_family_get_zip (f) ?: "");
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  adw_combo_row_set_selected (self->language_row, pl_language_position (pl_family_get_home_language (f)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), pl_family_get_notes (f) ?: "", -1);

  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      add_guardian_editor (self, guardian);
    }

  for (guint i = 0; i < g_list_model_get_n_items (students); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);

      add_student_editor (self, student);
    }

  self->populating = FALSE;

  problems_cb (self);
}

PlFamilyEditor *
pl_family_editor_new (GtkWindow *parent,
                      PlStore   *store,
                      PlFamily  *family)
{
  PlFamilyEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (!family || PL_IS_FAMILY (family), NULL);

  self = g_object_new (PL_TYPE_FAMILY_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->is_new = family == NULL;

  if (family != NULL)
    {
      self->family = pl_family_copy (family);
    }
  else
    {
      g_autoptr(PlGuardian) guardian = pl_guardian_new ();
      g_autoptr(PlStudent) student = pl_student_new ();

      /* Nearly every family comes with one guardian and one student. */
      self->family = pl_family_new ();
      g_list_store_append (pl_family_get_guardians (self->family), guardian);
      g_list_store_append (pl_family_get_students (self->family), student);
    }

  load_schools (self);
  populate (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

PlFamily *
_pl_family_editor_get_family (PlFamilyEditor *self)
{
  return self->family;
}

GtkEditable *
_pl_family_editor_get_household_name_row (PlFamilyEditor *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkWidget *
_pl_family_editor_get_guardian_editor (PlFamilyEditor *self,
                                       guint           index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->guardians_box));

  while (child != NULL && index-- > 0)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

GtkWidget *
_pl_family_editor_get_student_editor (PlFamilyEditor *self,
                                      guint           index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->students_box));

  while (child != NULL && index-- > 0)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

gboolean
_pl_family_editor_get_can_save (PlFamilyEditor *self)
{
  g_autoptr(GPtrArray) problems = pl_family_check (self->family);

  return problems->len == 0;
}

void
_pl_family_editor_flush_problems (PlFamilyEditor *self)
{
  g_clear_handle_id (&self->problems_source, g_source_remove);
  problems_cb (self);
}

static void
pl_family_editor_dispose (GObject *object)
{
  PlFamilyEditor *self = PL_FAMILY_EDITOR (object);

  g_clear_handle_id (&self->problems_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FAMILY_EDITOR);

  g_clear_object (&self->school_names);
  g_clear_object (&self->family);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_family_editor_parent_class)->dispose (object);
}

static void
pl_family_editor_finalize (GObject *object)
{
  PlFamilyEditor *self = PL_FAMILY_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->school_ids, g_strfreev);

  G_OBJECT_CLASS (pl_family_editor_parent_class)->finalize (object);
}

static void
pl_family_editor_class_init (PlFamilyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_family_editor_dispose;
  object_class->finalize = pl_family_editor_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-family-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, address_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, city_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, zip_row);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, zip_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, language_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, notes_message);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, guardians_box);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyEditor, students_box);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_city_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_zip_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.add-guardian", NULL, add_guardian_action);
  gtk_widget_class_install_action (widget_class, "editor.add-student", NULL, add_student_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
pl_family_editor_init (PlFamilyEditor *self)
{
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->populating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->populating = FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-family.h"
#include "pl-student-editor.h"
#include "pl-utils.h"

struct _PlStudentEditor
{
  AdwPreferencesGroup  parent_instance;

  PlStudent           *student;
  GStrv                school_ids;
  GHashTable          *touched;      /* field names a person edited */
  guint                number;
  gboolean             populating;

  GtkWidget           *remove_button;
  AdwEntryRow         *name_row;
  GtkWidget           *name_message;
  AdwEntryRow         *district_id_row;
  GtkWidget           *district_id_message;
  AdwComboRow         *school_row;
  GtkWidget           *school_message;
  AdwComboRow         *grade_row;
  GtkWidget           *grade_message;
  GtkSwitch           *bilingual_switch;
  GtkSwitch           *iep_switch;
  GtkSwitch           *plan_504_switch;
};

G_DEFINE_FINAL_TYPE (PlStudentEditor, pl_student_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
update_title (PlStudentEditor *self)
{
  const char *name = empty_to_null (pl_student_get_full_name (self->student));
  g_autofree char *title = NULL;

  if (name != NULL)
    title = g_strdup (name);
  else
    /* Translators: the title of a student without a name yet in the form */
    title = g_strdup_printf (_("Student %u"), self->number);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
}

static void
edited (PlStudentEditor *self,
        const char      *field)
{
  g_hash_table_add (self->touched, (gpointer) field);

  if (g_str_equal (field, "full-name"))
    update_title (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_name_changed (PlStudentEditor *self,
                 GtkEditable     *editable)
{
  if (self->populating)
    return;
  pl_student_set_full_name (self->student, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "full-name");
}

static void
on_district_id_changed (PlStudentEditor *self,
                        GtkEditable     *editable)
{
  if (self->populating)
    return;
  pl_student_set_district_id (self->student, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "district-id");
}

static void
on_school_selected (PlStudentEditor *self,
                    GParamSpec      *pspec,
                    AdwComboRow     *row)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->populating)
    return;

  if (self->school_ids != NULL && position < g_strv_length (self->school_ids))
    pl_student_set_school_id (self->student, self->school_ids[position]);
  edited (self, "school-id");
}

static void
on_grade_selected (PlStudentEditor *self,
                   GParamSpec      *pspec,
                   AdwComboRow     *row)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->populating || position == GTK_INVALID_LIST_POSITION)
    return;

  pl_student_set_grade (self->student, pl_grade_at (position));
  edited (self, "grade");
}

static void
on_bilingual_changed (PlStudentEditor *self,
                      GParamSpec      *pspec,
                      GtkSwitch       *toggle)
{
  if (self->populating)
    return;
  pl_student_set_emerging_bilingual (self->student, gtk_switch_get_active (toggle));
  edited (self, "emerging-bilingual");
}

static void
on_iep_changed (PlStudentEditor *self,
                GParamSpec      *pspec,
                GtkSwitch       *toggle)
{
  if (self->populating)
    return;
  pl_student_set_iep (self->student, gtk_switch_get_active (toggle));
  edited (self, "iep");
}

static void
on_plan_504_changed (PlStudentEditor *self,
                     GParamSpec      *pspec,
                     GtkSwitch       *toggle)
{
  if (self->populating)
    return;
  pl_student_set_plan_504 (self->student, gtk_switch_get_active (toggle));
  edited (self, "plan-504");
}

static void
on_remove_clicked (PlStudentEditor *self,
                   GtkButton       *button)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
show_field_problem (PlStudentEditor *self,
                    GHashTable      *problems,
                    const char      *field,
                    gboolean         has_value,
                    GtkWidget       *row,
                    GtkWidget       *message_row,
                    char            *inline_message)
{
  g_autofree char *own = inline_message;
  const char *message = own;
  gboolean show;

  if (message == NULL)
    message = g_hash_table_lookup (problems, field);

  show = has_value || g_hash_table_contains (self->touched, field);

  pl_form_set_problem (row, message_row, show ? message : NULL);
  g_hash_table_remove (problems, field);
}

void
pl_student_editor_show_problems (PlStudentEditor *self,
                                 GHashTable      *problems)
{
  PlStudent *s;

  g_return_if_fail (PL_IS_STUDENT_EDITOR (self));

  s = self->student;

  show_field_problem (self, problems, "full-name",
                      empty_to_null (pl_student_get_full_name (s)) != NULL,
                      GTK_WIDGET (self->name_row), self->name_message, NULL);
  show_field_problem (self, problems, "district-id",
                      empty_to_null (pl_student_get_district_id (s)) != NULL,
                      GTK_WIDGET (self->district_id_row), self->district_id_message, NULL);
  show_field_problem (self, problems, "school-id",
                      empty_to_null (pl_student_get_school_id (s)) != NULL,
                      GTK_WIDGET (self->school_row), self->school_message, NULL);
  show_field_problem (self, problems, "grade", TRUE,
                      GTK_WIDGET (self->grade_row), self->grade_message,
                      pl_check_grade (pl_student_get_grade (s)));
}

static void
populate (PlStudentEditor *self,
          GListModel      *school_names)
{
  PlStudent *s = self->student;
  const char *school_id = pl_student_get_school_id (s);
  guint school_position = GTK_INVALID_LIST_POSITION;
  g_autoptr(GtkStringList) grades = pl_grade_string_list_new ();

  self->populating = TRUE;

  for (guint i = 0; self->school_ids != NULL && self->school_ids[i] != NULL; i++)
    if (g_strcmp0 (self->school_ids[i], school_id) == 0)
      school_position = i;

  adw_combo_row_set_model (self->school_row, school_names);
  adw_combo_row_set_selected (self->school_row, school_position);
  adw_combo_row_set_model (self->grade_row, G_LIST_MODEL (grades));
  adw_combo_row_set_selected (self->grade_row, pl_grade_position (pl_student_get_grade (s)));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pl_student_get_full_name (s) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->district_id_row), pl_student_get_district_id (s) ?: "");
  gtk_switch_set_active (self->bilingual_switch, pl_student_get_emerging_bilingual (s));
  gtk_switch_set_active (self->iep_switch, pl_student_get_iep (s));
  gtk_switch_set_active (self->plan_504_switch, pl_student_get_plan_504 (s));

  self->populating = FALSE;

  update_title (self);
}

GtkWidget *
pl_student_editor_new (PlStudent         *student,
                       GListModel        *school_names,
                       const char *const *school_ids)
{
  PlStudentEditor *self;

  g_return_val_if_fail (PL_IS_STUDENT (student), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (school_names), NULL);

  self = g_object_new (PL_TYPE_STUDENT_EDITOR, NULL);
  self->student = g_object_ref (student);
  self->school_ids = g_strdupv ((char **) school_ids);
  populate (self, school_names);

  return GTK_WIDGET (self);
}

PlStudent *
pl_student_editor_get_student (PlStudentEditor *self)
{
  g_return_val_if_fail (PL_IS_STUDENT_EDITOR (self), NULL);

  return self->student;
}

void
pl_student_editor_set_number (PlStudentEditor *self,
                              guint            number)
{
  g_return_if_fail (PL_IS_STUDENT_EDITOR (self));

  self->number = number;
  update_title (self);
}

void
pl_student_editor_focus (PlStudentEditor *self)
{
  g_return_if_fail (PL_IS_STUDENT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
pl_student_editor_dispose (GObject *object)
{
  PlStudentEditor *self = PL_STUDENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_STUDENT_EDITOR);
  g_clear_object (&self->student);

  G_OBJECT_CLASS (pl_student_editor_parent_class)->dispose (object);
}

static void
pl_student_editor_finalize (GObject *object)
{
  PlStudentEditor *self = PL_STUDENT_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->school_ids, g_strfreev);

  G_OBJECT_CLASS (pl_student_editor_parent_class)->finalize (object);
}

static void
pl_student_editor_class_init (PlStudentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_student_editor_dispose;
  object_class->finalize = pl_student_editor_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-student-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, district_id_row);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, district_id_message);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, school_row);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, school_message);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, grade_row);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, grade_message);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, bilingual_switch);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, iep_switch);
  gtk_widget_class_bind_template_child (widget_class, PlStudentEditor, plan_504_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_district_id_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_school_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_grade_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_bilingual_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_iep_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_504_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
pl_student_editor_init (PlStudentEditor *self)
{
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->number = 1;
  self->populating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->populating = FALSE;
}

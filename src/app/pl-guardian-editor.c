/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-family.h"
#include "pl-guardian-editor.h"
#include "pl-utils.h"

struct _PlGuardianEditor
{
  AdwPreferencesGroup  parent_instance;

  PlGuardian          *guardian;
  GHashTable          *touched;      /* field names a person edited */
  guint                number;
  gboolean             populating;

  GtkWidget           *remove_button;
  AdwEntryRow         *name_row;
  GtkWidget           *name_message;
  AdwComboRow         *relationship_row;
  GtkWidget           *relationship_message;
  AdwEntryRow         *phone_row;
  GtkWidget           *phone_message;
  AdwEntryRow         *phone_alt_row;
  GtkWidget           *phone_alt_message;
  AdwEntryRow         *email_row;
  GtkWidget           *email_message;
  AdwComboRow         *language_row;
  GtkWidget           *language_message;
  GtkSwitch           *interpreter_switch;
  GtkSwitch           *texts_switch;
};

G_DEFINE_FINAL_TYPE (PlGuardianEditor, pl_guardian_editor, ADW_TYPE_PREFERENCES_GROUP)

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
update_title (PlGuardianEditor *self)
{
  const char *name = empty_to_null (pl_guardian_get_full_name (self->guardian));
  g_autofree char *title = NULL;

  if (name != NULL)
    title = g_strdup (name);
  else
    /* Translators: the title of a guardian without a name yet in the form */
    title = g_strdup_printf (_("Guardian %u"), self->number);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
}

static void
edited (PlGuardianEditor *self,
        const char       *field)
{
  if (self->populating)
    return;

  g_hash_table_add (self->touched, (gpointer) field);

  if (g_str_equal (field, "full-name"))
    update_title (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_name_changed (PlGuardianEditor *self,
                 GtkEditable      *editable)
{
  if (self->populating)
    return;
  pl_guardian_set_full_name (self->guardian, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "full-name");
}

static void
on_phone_changed (PlGuardianEditor *self,
                  GtkEditable      *editable)
{
  if (self->populating)
    return;
  pl_guardian_set_phone (self->guardian, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "phone");
}

static void
on_phone_alt_changed (PlGuardianEditor *self,
                      GtkEditable      *editable)
{
  if (self->populating)
    return;
  pl_guardian_set_phone_alt (self->guardian, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "phone-alt");
}

static void
on_email_changed (PlGuardianEditor *self,
                  GtkEditable      *editable)
{
  if (self->populating)
    return;
  pl_guardian_set_email (self->guardian, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "email");
}

static void
on_relationship_selected (PlGuardianEditor *self,
                          GParamSpec       *pspec,
                          AdwComboRow      *row)
{
  const char *const *codes = pl_guardian_relationships ();
  guint position = adw_combo_row_get_selected (row);

  if (self->populating)
    return;

  if (position != GTK_INVALID_LIST_POSITION && position < g_strv_length ((char **) codes))
    pl_guardian_set_relationship (self->guardian, codes[position]);
  edited (self, "relationship");
}

static void
on_language_selected (PlGuardianEditor *self,
                      GParamSpec       *pspec,
                      AdwComboRow      *row)
{
  if (self->populating)
    return;

  pl_guardian_set_preferred_language (self->guardian,
                                      pl_language_code_at (adw_combo_row_get_selected (row)));
  edited (self, "preferred-language");
}

static void
on_interpreter_changed (PlGuardianEditor *self,
                        GParamSpec       *pspec,
                        GtkSwitch        *toggle)
{
  if (self->populating)
    return;
  pl_guardian_set_needs_interpreter (self->guardian, gtk_switch_get_active (toggle));
  edited (self, "needs-interpreter");
}

static void
on_texts_changed (PlGuardianEditor *self,
                  GParamSpec       *pspec,
                  GtkSwitch        *toggle)
{
  if (self->populating)
    return;
  pl_guardian_set_can_text (self->guardian, gtk_switch_get_active (toggle));
  edited (self, "can-text");
}

static void
on_remove_clicked (PlGuardianEditor *self,
                   GtkButton        *button)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
show_field_problem (PlGuardianEditor *self,
                    GHashTable       *problems,
                    const char       *field,
                    const char       *value,
                    GtkWidget        *row,
                    GtkWidget        *message_row,
                    char             *inline_message)
{
  g_autofree char *own = inline_message;
  const char *message = own;
  gboolean show;

  if (message == NULL)
    message = g_hash_table_lookup (problems, field);

  /* A required field someone has not reached yet is not an error yet. */
  show = g_hash_table_contains (self->touched, field) || empty_to_null (value) != NULL;

  pl_form_set_problem (row, message_row, show ? message : NULL);
  g_hash_table_remove (problems, field);
}

void
pl_guardian_editor_show_problems (PlGuardianEditor *self,
                                  GHashTable       *problems)
{
  PlGuardian *g;

  g_return_if_fail (PL_IS_GUARDIAN_EDITOR (self));

  g = self->guardian;

  show_field_problem (self, problems, "full-name", pl_guardian_get_full_name (g),
                      GTK_WIDGET (self->name_row), self->name_message, NULL);
  show_field_problem (self, problems, "relationship", pl_guardian_get_relationship (g),
                      GTK_WIDGET (self->relationship_row), self->relationship_message, NULL);
  show_field_problem (self, problems, "phone", pl_guardian_get_phone (g),
                      GTK_WIDGET (self->phone_row), self->phone_message,
                      empty_to_null (pl_guardian_get_phone (g))
                      ? pl_check_phone (pl_guardian_get_phone (g)) : NULL);
  show_field_problem (self, problems, "phone-alt", pl_guardian_get_phone_alt (g),
                      GTK_WIDGET (self->phone_alt_row), self->phone_alt_message,
                      empty_to_null (pl_guardian_get_phone_alt (g))
                      ? pl_check_phone (pl_guardian_get_phone_alt (g)) : NULL);
  show_field_problem (self, problems, "email", pl_guardian_get_email (g),
                      GTK_WIDGET (self->email_row), self->email_message,
                      empty_to_null (pl_guardian_get_email (g))
                      ? pl_check_email (pl_guardian_get_email (g)) : NULL);
  show_field_problem (self, problems, "preferred-language", pl_guardian_get_preferred_language (g),
                      GTK_WIDGET (self->language_row), self->language_message, NULL);
}

static void
populate (PlGuardianEditor *self)
{
  PlGuardian *g = self->guardian;
  const char *const *codes = pl_guardian_relationships ();
  const char *relationship = pl_guardian_get_relationship (g);
  guint relationship_position = GTK_INVALID_LIST_POSITION;
  g_autoptr(GtkStringList) relationships = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) languages = pl_language_string_list_new ();

  self->populating = TRUE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (relationships, pl_guardian_relationship_label (codes[i]));
      if (g_strcmp0 (codes[i], relationship) == 0)
        relationship_position = i;
    }

  adw_combo_row_set_model (self->relationship_row, G_LIST_MODEL (relationships));
  adw_combo_row_set_selected (self->relationship_row, relationship_position);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  adw_combo_row_set_selected (self->language_row,
                              pl_language_position (pl_guardian_get_preferred_language (g)));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pl_guardian_get_full_name (g) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), pl_guardian_get_phone (g) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_alt_row), pl_guardian_get_phone_alt (g) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), pl_guardian_get_email (g) ?: "");
  gtk_switch_set_active (self->interpreter_switch, pl_guardian_get_needs_interpreter (g));
  gtk_switch_set_active (self->texts_switch, pl_guardian_get_can_text (g));

  self->populating = FALSE;

  update_title (self);
}

GtkWidget *
pl_guardian_editor_new (PlGuardian *guardian)
{
  PlGuardianEditor *self;

  g_return_val_if_fail (PL_IS_GUARDIAN (guardian), NULL);

  self = g_object_new (PL_TYPE_GUARDIAN_EDITOR, NULL);
  self->guardian = g_object_ref (guardian);
  populate (self);

  return GTK_WIDGET (self);
}

PlGuardian *
pl_guardian_editor_get_guardian (PlGuardianEditor *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN_EDITOR (self), NULL);

  return self->guardian;
}

void
pl_guardian_editor_set_number (PlGuardianEditor *self,
                               guint             number)
{
  g_return_if_fail (PL_IS_GUARDIAN_EDITOR (self));

  self->number = number;
  update_title (self);
}

void
pl_guardian_editor_focus (PlGuardianEditor *self)
{
  g_return_if_fail (PL_IS_GUARDIAN_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
pl_guardian_editor_dispose (GObject *object)
{
  PlGuardianEditor *self = PL_GUARDIAN_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_GUARDIAN_EDITOR);
  g_clear_object (&self->guardian);

  G_OBJECT_CLASS (pl_guardian_editor_parent_class)->dispose (object);
}

static void
pl_guardian_editor_finalize (GObject *object)
{
  PlGuardianEditor *self = PL_GUARDIAN_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (pl_guardian_editor_parent_class)->finalize (object);
}

static void
pl_guardian_editor_class_init (PlGuardianEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_guardian_editor_dispose;
  object_class->finalize = pl_guardian_editor_finalize;

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
                                               RESOURCE_PREFIX "/ui/pl-guardian-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, relationship_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, relationship_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, phone_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, phone_alt_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, phone_alt_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, email_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, language_message);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, interpreter_switch);
  gtk_widget_class_bind_template_child (widget_class, PlGuardianEditor, texts_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_alt_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_relationship_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_interpreter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_texts_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
pl_guardian_editor_init (PlGuardianEditor *self)
{
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->number = 1;
  self->populating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->populating = FALSE;
}

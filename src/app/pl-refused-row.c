/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-refused-row.h"
#include "pl-utils.h"

struct _PlRefusedRow
{
  GtkWidget        parent_instance;

  PlStore         *store;
  PlRefusedChange *change;

  GtkWidget       *family_button;
  GtkLabel        *household_label;
  AdwActionRow    *change_row;
  GtkWidget       *buttons_box;
  GtkWidget       *retry_button;
  GtkWidget       *discard_button;
};

G_DEFINE_FINAL_TYPE (PlRefusedRow, pl_refused_row, GTK_TYPE_WIDGET)

enum {
  RETRY,
  DISCARD,
  SHOW_FAMILY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "New student Rui Silva": a row this device added. */
static char *
describe_insert (PlStore         *store,
                 PlRefusedChange *change)
{
  const char *entity = pl_refused_change_get_entity (change);
  g_autofree char *name = pl_person_name (store, entity, pl_refused_change_get_family_id (change),
                                          pl_refused_change_get_row_id (change));

  if (g_str_equal (entity, "families"))
    return g_strdup (_("New family"));
  if (g_str_equal (entity, "guardians"))
    /* Translators: %s is a person's name */
    return name ? g_strdup_printf (_("New guardian %s"), name) : g_strdup (_("New guardian"));
  if (g_str_equal (entity, "students"))
    /* Translators: %s is a person's name */
    return name ? g_strdup_printf (_("New student %s"), name) : g_strdup (_("New student"));
  if (g_str_equal (entity, "contacts"))
    return g_strdup (_("New contact"));
  if (g_str_equal (entity, "schools"))
    return g_strdup (_("New school"));
  if (g_str_equal (entity, "conflicts"))
    return g_strdup (_("How a conflict was settled"));
  return g_strdup (entity);
}

/**
 * pl_refused_row_describe:
 *
 * Returns: what the change was, in words: "New student Rui Silva",
 *   "Phone, Email of Nguyễn Thị Hương", "Deleted or Kept"
 */
char *
pl_refused_row_describe (PlStore         *store,
                         PlRefusedChange *change)
{
  const char *entity = pl_refused_change_get_entity (change);
  const char *const *fields = pl_refused_change_get_fields (change);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *name = NULL;

  if (pl_refused_change_get_is_insert (change))
    return describe_insert (store, change);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      if (labels->len > 0)
        /* Translators: between the names of fields in a list, e.g. "Phone, Email" */
        g_string_append (labels, C_("list of fields", ", "));
      g_string_append (labels, pl_field_label (entity, fields[i]));
    }
  if (labels->len == 0)
    g_string_append (labels, _("A change"));

  name = pl_person_name (store, entity, pl_refused_change_get_family_id (change),
                         pl_refused_change_get_row_id (change));
  if (name != NULL)
    /* Translators: fields, then a person, e.g. "Phone of Nguyễn Thị Hương" */
    return g_strdup_printf (C_("conflict field", "%s of %s"), labels->str, name);
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/**
 * pl_refused_row_reason:
 *
 * Returns: why the server refused the change, in the person's language:
 *   from the server's code where this version knows it, or the server's
 *   own words
 */
char *
pl_refused_row_reason (PlRefusedChange *change)
{
  const char *code = pl_refused_change_get_code (change);
  const char *message = pl_refused_change_get_message (change);

  if (g_strcmp0 (code, "forbidden-school") == 0)
    return g_strdup (_("The server did not accept it: the family is not at one of your "
                       "schools."));
  if (g_strcmp0 (code, "forbidden-role") == 0)
    return g_strdup (_("The server did not accept it: your role may not make this change."));
  if (g_strcmp0 (code, "too-long") == 0)
    return g_strdup (_("The server did not accept it: a text is longer than the server takes "
                       "(10,000 characters)."));
  if (g_strcmp0 (code, "unknown-entity") == 0 || g_strcmp0 (code, "unknown-field") == 0)
    return g_strdup (_("The server did not accept it: it does not know this kind of record or "
                       "detail. It may need updating."));
  if (message != NULL && *message != '\0')
    /* Translators: %s is the server's explanation, in the server's language */
    return g_strdup_printf (_("The server did not accept it: %s"), message);
  return g_strdup (_("The server did not accept it."));
}

static void
show_change (PlRefusedRow *self)
{
  const char *household = pl_refused_change_get_household_name (self->change);
  g_autofree char *what = pl_refused_row_describe (self->store, self->change);
  g_autofree char *reason = pl_refused_row_reason (self->change);

  gtk_label_set_text (self->household_label,
                      household != NULL && *household != '\0' ? household
                      : pl_refused_change_get_family_id (self->change) != NULL
                        ? _("Unnamed Household") : _("School Records"));
  gtk_widget_set_sensitive (self->family_button,
                            pl_refused_change_get_family_id (self->change) != NULL &&
                            household != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->change_row), what);
  adw_action_row_set_subtitle (self->change_row, reason);
}

static void
on_retry_clicked (PlRefusedRow *self,
                  GtkButton    *button)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PlRefusedRow     *self)
{
  if (g_str_equal (response, "discard"))
    g_signal_emit (self, signals[DISCARD], 0);
}

static void
on_discard_clicked (PlRefusedRow *self,
                    GtkButton    *button)
{
  g_autofree char *what = pl_refused_row_describe (self->store, self->change);
  GtkWidget *dialog;

  /* What was typed is lost: asked first. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Discard This Change?"), NULL);
  if (pl_refused_change_get_is_insert (self->change))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    /* Translators: %s says what the change was, e.g. "New student Rui Silva" */
                                    _("“%s” will be removed from this computer. It never "
                                      "reached the server."), what);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    /* Translators: %s says what the change was, e.g. "Phone of Nguyễn Thị Hương" */
                                    _("“%s” goes back to what the server has. What was typed "
                                      "here is lost."), what);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_family_clicked (PlRefusedRow *self,
                   GtkButton    *button)
{
  const char *family_id = pl_refused_change_get_family_id (self->change);

  if (family_id != NULL)
    g_signal_emit (self, signals[SHOW_FAMILY], 0, family_id);
}

GtkWidget *
pl_refused_row_new (PlStore         *store,
                    PlRefusedChange *change)
{
  PlRefusedRow *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (PL_IS_REFUSED_CHANGE (change), NULL);

  self = g_object_new (PL_TYPE_REFUSED_ROW, NULL);
  self->store = g_object_ref (store);
  self->change = g_object_ref (change);
  show_change (self);

  return GTK_WIDGET (self);
}

PlRefusedChange *
pl_refused_row_get_change (PlRefusedRow *self)
{
  g_return_val_if_fail (PL_IS_REFUSED_ROW (self), NULL);

  return self->change;
}

void
pl_refused_row_set_show_household (PlRefusedRow *self,
                                   gboolean      show)
{
  g_return_if_fail (PL_IS_REFUSED_ROW (self));

  gtk_widget_set_visible (self->family_button, show);
}

void
pl_refused_row_set_busy (PlRefusedRow *self,
                         gboolean      busy)
{
  g_return_if_fail (PL_IS_REFUSED_ROW (self));

  gtk_widget_set_sensitive (self->buttons_box, !busy);
}

static void
pl_refused_row_dispose (GObject *object)
{
  PlRefusedRow *self = PL_REFUSED_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_REFUSED_ROW);
  /* Children without an id in the template are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->change);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_refused_row_parent_class)->dispose (object);
}

static void
pl_refused_row_class_init (PlRefusedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_refused_row_dispose;

  signals[RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DISCARD] =
    g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_FAMILY] =
    g_signal_new ("show-family", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-refused-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, family_button);
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, household_label);
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, change_row);
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PlRefusedRow, discard_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_family_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_refused_row_init (PlRefusedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-duplicate-forms-banner-private.h"
#include "pl-languages.h"
#include "pl-store-surveys.h"
#include "pl-utils.h"

struct _PlDuplicateFormsBanner
{
  GtkWidget        parent_instance;

  PlStore         *store;
  char            *survey_id;
  char            *batch_id;
  GPtrArray       *groups;        /* of GPtrArray of PlSurveyResponse */
  GHashTable      *keep_buttons;  /* response id → its Keep button */
  GtkWindow       *dialog;

  GtkRevealer     *revealer;
  GtkLabel        *title_label;
  GtkToggleButton *review_button;
  GtkWidget       *groups_box;
};

G_DEFINE_FINAL_TYPE (PlDuplicateFormsBanner, pl_duplicate_forms_banner, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PlDuplicateFormsBanner *self,
       const char             *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_warning ("%s", title);
}

static char *
staff_name (PlDuplicateFormsBanner *self,
            const char             *username)
{
  char *name;

  if (username == NULL)
    /* Translators: who keyed a form, when the record does not say */
    return g_strdup (C_("keyer", "Unknown"));
  name = pl_store_dup_staff_name (self->store, username);
  return name != NULL ? name : g_strdup (username);
}

/* "keyed yesterday at 10:42", or NULL when the record has no time. */
static char *
describe_time (PlSurveyResponse *response)
{
  const char *entered_at = pl_survey_response_get_entered_at (response);
  g_autoptr(GDateTime) when = entered_at != NULL ? g_date_time_new_from_iso8601 (entered_at, NULL)
                                                 : NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return NULL;
  time = pl_format_time (when);
  /* Translators: %s is a time such as "yesterday at 10:42" or "12 March at 14:05" */
  return g_strdup_printf (_("keyed %s"), time);
}

/* "Amina Yusuf, keyed yesterday at 10:42", for the confirmation. */
static char *
describe_keying (PlDuplicateFormsBanner *self,
                 PlSurveyResponse       *response)
{
  g_autofree char *name = staff_name (self, pl_survey_response_get_entered_by (response));
  g_autofree char *time = describe_time (response);

  if (time == NULL)
    return g_steal_pointer (&name);
  /* Translators: %s is a person, then when they keyed the form ("keyed today at 10:42") */
  return g_strdup_printf (C_("person and time", "%s, %s"), name, time);
}

/* "This batch · 14 answers · Spanish form · keyed today at 10:42". */
static char *
describe_context (PlDuplicateFormsBanner *self,
                  PlSurveyResponse       *response)
{
  const char *batch_id = pl_survey_response_get_batch_id (response);
  const char *language = pl_survey_response_get_language (response);
  guint n_answers = g_hash_table_size (pl_survey_response_get_answers (response));
  g_autofree char *time = describe_time (response);
  g_autoptr(GString) text = g_string_new (NULL);

  if (batch_id != NULL && g_strcmp0 (batch_id, self->batch_id) == 0)
    g_string_append (text, _("This batch"));
  else if (batch_id != NULL)
    {
      g_autoptr(PlEntryBatch) batch = pl_store_load_batch (self->store, batch_id, NULL);
      g_autoptr(GDate) date = g_date_new ();

      if (batch != NULL && pl_entry_batch_get_received_on (batch) != NULL)
        g_date_set_parse (date, pl_entry_batch_get_received_on (batch));
      if (batch != NULL && g_date_valid (date))
        {
          char day[128];

          /* Translators: a date; see the strftime manual for the letters */
          if (g_date_strftime (day, sizeof day, C_("date in another year", "%-d %B %Y"), date) > 0)
            /* Translators: %s is the date a stack of paper forms came in */
            g_string_append_printf (text, _("Batch received %s"), day);
        }
      if (text->len == 0)
        g_string_append (text, _("Another batch"));
    }
  else
    g_string_append (text, _("No batch"));

  /* Translators: separates the parts of a line such as "This batch · 14 answers" */
  g_string_append (text, C_("separator", " · "));
  g_string_append_printf (text, ngettext ("%u answer", "%u answers", n_answers), n_answers);
  if (language != NULL)
    {
      g_string_append (text, C_("separator", " · "));
      /* Translators: %s is a language name: the language of the paper form */
      g_string_append_printf (text, _("%s form"), pl_language_get_name (language));
    }
  if (time != NULL)
    {
      g_string_append (text, C_("separator", " · "));
      g_string_append (text, time);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
group_of (PlDuplicateFormsBanner *self,
          const char             *response_id)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      GPtrArray *group = self->groups->pdata[i];

      for (guint j = 0; j < group->len; j++)
        if (g_str_equal (pl_survey_response_get_id (group->pdata[j]), response_id))
          return group;
    }
  return NULL;
}

static void
on_dialog_response (PlDuplicateFormsBanner *self,
                    const char             *response,
                    AdwMessageDialog       *dialog)
{
  const char *keep_id = g_object_get_data (G_OBJECT (dialog), "pl-keep");
  GPtrArray *group;
  g_autofree char *form_code = NULL;
  g_autoptr(GError) error = NULL;

  self->dialog = NULL;
  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  group = group_of (self, keep_id);
  if (group == NULL)
    return;

  form_code = g_strdup (pl_survey_response_get_form_code (group->pdata[0]));
  /* One transaction: the others go together, or none does. */
  pl_store_keep_response (self->store, keep_id, &error);

  if (error != NULL)
    toast (self, error->message);
  else
    {
      /* Translators: %s is a paper form's code */
      g_autofree char *title = g_strdup_printf (_("Form %s is keyed once now"), form_code);

      toast (self, title);
    }
  pl_duplicate_forms_banner_load (self, self->store, self->survey_id, self->batch_id);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_keep_clicked (PlDuplicateFormsBanner *self,
                 GtkButton              *button)
{
  const char *keep_id = g_object_get_data (G_OBJECT (button), "pl-keep");
  GPtrArray *group = group_of (self, keep_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  PlSurveyResponse *kept = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_others;

  if (group == NULL)
    return;
  n_others = group->len - 1;
  for (guint i = 0; i < group->len; i++)
    {
      PlSurveyResponse *response = group->pdata[i];
      g_autofree char *keying = NULL;

      if (g_str_equal (pl_survey_response_get_id (response), keep_id))
        {
          kept = response;
          continue;
        }
      keying = describe_keying (self, response);
      g_string_append_printf (others, "\n%s", keying);
    }

  {
    g_autofree char *kept_text = describe_keying (self, kept);
    /* Translators: %s is a paper form's code, then (after a colon) a person and when they keyed it */
    g_autofree char *keeps = g_strdup_printf (_("Form %s keeps this keying: %s."),
                                              pl_survey_response_get_form_code (kept), kept_text);

    heading = g_strdup (_("Keep This Keying?"));
    body = g_strdup_printf ("%s\n\n%s\n%s\n\n%s", keeps,
                            _("Deleted here, and on every other computer after the next sync:"),
                            others->str + 1, _("This cannot be undone."));
  }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", ngettext ("_Delete the Other Keying",
                                                        "_Delete the Other Keyings", n_others),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pl-keep", g_strdup (keep_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self,
                           G_CONNECT_SWAPPED);
  self->dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
group_new (PlDuplicateFormsBanner *self,
           GPtrArray              *group)
{
  PlSurveyResponse *first = group->pdata[0];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *title = NULL;

  if (pl_survey_response_get_keying (first) == 2)
    /* Translators: %s is a paper form's code, keyed twice by the second keyers */
    title = g_strdup_printf (_("%s, second keying"), pl_survey_response_get_form_code (first));
  else
    title = g_strdup (pl_survey_response_get_form_code (first));
  gtk_label_set_text (GTK_LABEL (heading), title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < group->len; i++)
    {
      PlSurveyResponse *response = group->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep This One"));
      g_autofree char *name = staff_name (self, pl_survey_response_get_entered_by (response));
      g_autofree char *context = describe_context (self, response);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), context);
      gtk_widget_set_valign (keep, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (keep), "pl-keep",
                              g_strdup (pl_survey_response_get_id (response)), g_free);
      g_signal_connect_object (keep, "clicked", G_CALLBACK (on_keep_clicked), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), keep);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_hash_table_insert (self->keep_buttons, g_strdup (pl_survey_response_get_id (response)),
                           keep);
    }
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

void
pl_duplicate_forms_banner_load (PlDuplicateFormsBanner *self,
                                PlStore                *store,
                                const char             *survey_id,
                                const char             *batch_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  g_return_if_fail (PL_IS_DUPLICATE_FORMS_BANNER (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  g_set_object (&self->store, store);
  if (survey_id != self->survey_id)
    {
      g_free (self->survey_id);
      self->survey_id = g_strdup (survey_id);
    }
  if (batch_id != self->batch_id)
    {
      g_free (self->batch_id);
      self->batch_id = g_strdup (batch_id);
    }

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_hash_table_remove_all (self->keep_buttons);
  while ((child = gtk_widget_get_first_child (self->groups_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups_box), child);

  if (store != NULL && survey_id != NULL)
    {
      all = pl_store_list_duplicate_forms (store, survey_id, &error);
      if (all == NULL)
        g_warning ("Could not look for forms keyed twice: %s", error->message);
    }

  /* Only the codes this batch has a part in. */
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      GPtrArray *group = all->pdata[i];
      gboolean ours = batch_id == NULL;

      for (guint j = 0; !ours && j < group->len; j++)
        ours = g_strcmp0 (pl_survey_response_get_batch_id (group->pdata[j]), batch_id) == 0;
      if (ours && group->len > 1)
        g_ptr_array_add (self->groups, g_ptr_array_ref (group));
    }

  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_append (GTK_BOX (self->groups_box), group_new (self, self->groups->pdata[i]));

  /* Translators: a warning over a batch of paper forms */
  title = g_strdup_printf (ngettext ("%u form was keyed twice on different laptops",
                                     "%u forms were keyed twice on different laptops",
                                     self->groups->len),
                           self->groups->len);
  gtk_label_set_text (self->title_label, title);
  gtk_revealer_set_reveal_child (self->revealer, self->groups->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), self->groups->len > 0);
  if (self->groups->len == 0)
    gtk_toggle_button_set_active (self->review_button, FALSE);
}

guint
pl_duplicate_forms_banner_get_n_groups (PlDuplicateFormsBanner *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_FORMS_BANNER (self), 0);

  return self->groups != NULL ? self->groups->len : 0;
}

GtkWidget *
pl_duplicate_forms_banner_new (void)
{
  return g_object_new (PL_TYPE_DUPLICATE_FORMS_BANNER, NULL);
}

/* For tests */

GtkWidget *
_pl_duplicate_forms_banner_get_keep_button (PlDuplicateFormsBanner *self,
                                            const char             *response_id)
{
  return g_hash_table_lookup (self->keep_buttons, response_id);
}

GtkWindow *
_pl_duplicate_forms_banner_get_dialog (PlDuplicateFormsBanner *self)
{
  return self->dialog;
}

/* GObject */

static void
pl_duplicate_forms_banner_dispose (GObject *object)
{
  PlDuplicateFormsBanner *self = PL_DUPLICATE_FORMS_BANNER (object);

  if (self->dialog != NULL)
    gtk_window_destroy (g_steal_pointer (&self->dialog));
  g_hash_table_remove_all (self->keep_buttons);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DUPLICATE_FORMS_BANNER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_duplicate_forms_banner_parent_class)->dispose (object);
}

static void
pl_duplicate_forms_banner_finalize (GObject *object)
{
  PlDuplicateFormsBanner *self = PL_DUPLICATE_FORMS_BANNER (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_hash_table_unref (self->keep_buttons);
  g_free (self->survey_id);
  g_free (self->batch_id);

  G_OBJECT_CLASS (pl_duplicate_forms_banner_parent_class)->finalize (object);
}

static void
pl_duplicate_forms_banner_class_init (PlDuplicateFormsBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_duplicate_forms_banner_dispose;
  object_class->finalize = pl_duplicate_forms_banner_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/springfieldempowerment/Porchlight/ui/pl-duplicate-forms-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDuplicateFormsBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicateFormsBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicateFormsBanner, review_button);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicateFormsBanner, groups_box);
}

static void
pl_duplicate_forms_banner_init (PlDuplicateFormsBanner *self)
{
  self->keep_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

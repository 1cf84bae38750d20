/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-languages.h"
#include "pl-print-forms-dialog.h"
#include "pl-store-surveys.h"
#include "pl-survey-editor.h"
#include "pl-surveys-page-private.h"
#include "pl-utils.h"
#include "pl-xlsform.h"

struct _PlSurveysPage
{
  GtkWidget           parent_instance;

  PlStore            *store;
  gulong              changed_id;
  GPtrArray          *surveys;    /* PlSurvey, as shown */
  GPtrArray          *editors;    /* PlSurveyEditor, weak: removed when destroyed */
  GCancellable       *cancellable;
  GtkFileChooserNative *chooser;
  GtkWidget          *problem;    /* weak: the message dialog shown last */
  gboolean            show_start_title_buttons;
  gboolean            show_back_button;

  GtkStack           *stack;
  GtkBox             *groups_box;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (PlSurveysPage, pl_surveys_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (PlSurveysPage *self,
       const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static GtkWindow *
parent_window (PlSurveysPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A problem a person should read whole, with what to do: a message dialog. */
static void
show_problem (PlSurveysPage *self,
              const char    *heading,
              const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_set_weak_pointer (&self->problem, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static PlSurvey *
find_survey (PlSurveysPage *self,
             const char    *id)
{
  for (guint i = 0; self->surveys != NULL && i < self->surveys->len; i++)
    {
      PlSurvey *survey = g_ptr_array_index (self->surveys, i);

      if (g_strcmp0 (pl_survey_get_id (survey), id) == 0)
        return survey;
    }
  return NULL;
}

/* The versions of one survey share a series; only the newest gets a new one. */
static gboolean
is_newest_version (PlSurveysPage *self,
                   PlSurvey      *survey)
{
  for (guint i = 0; i < self->surveys->len; i++)
    {
      PlSurvey *other = g_ptr_array_index (self->surveys, i);

      if (g_strcmp0 (pl_survey_get_series_id (other), pl_survey_get_series_id (survey)) == 0 &&
          pl_survey_get_version (other) > pl_survey_get_version (survey))
        return FALSE;
    }
  return TRUE;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return C_("survey status", "Open");
  if (g_strcmp0 (status, "closed") == 0)
    return C_("survey status", "Closed");
  return C_("survey status", "Draft");
}

/* "Somali: 3 missing, 1 changed", or just the name when it is complete. */
static char *
completeness_text (PlSurvey   *survey,
                   const char *language,
                   guint      *n_missing,
                   guint      *n_stale)
{
  const char *name = pl_language_get_name (language);
  g_autofree char *missing = NULL;
  g_autofree char *stale = NULL;

  pl_survey_count_text_states (survey, language, n_missing, n_stale);
  if (*n_missing == 0 && *n_stale == 0)
    return g_strdup (name);

  /* Translators: texts of a survey not yet translated into a language */
  missing = g_strdup_printf (ngettext ("%u missing", "%u missing", *n_missing), *n_missing);
  /* Translators: translations made before the default-language text last changed */
  stale = g_strdup_printf (ngettext ("%u changed", "%u changed", *n_stale), *n_stale);

  if (*n_stale == 0)
    /* Translators: a language and how many of its texts are missing: “Somali: 3 missing” */
    return g_strdup_printf (C_("translation completeness", "%s: %s"), name, missing);
  if (*n_missing == 0)
    return g_strdup_printf (C_("translation completeness", "%s: %s"), name, stale);
  /* Translators: “Somali: 3 missing, 1 changed” */
  return g_strdup_printf (C_("translation completeness", "%s: %s, %s"), name, missing, stale);
}

static GMenuModel *
row_menu_new (PlSurveysPage *self,
              PlSurvey      *survey,
              gint64         n_responses)
{
  const char *id = pl_survey_get_id (survey);
  const char *status = pl_survey_get_status (survey);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) entry = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Edit"), NULL);

    g_menu_item_set_action_and_target_value (item, "surveys.edit", g_variant_new_string (id));
    g_menu_append_item (edit, item);
  }
  if (is_newest_version (self, survey))
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_New Version"), NULL);

      g_menu_item_set_action_and_target_value (item, "surveys.new-version",
                                               g_variant_new_string (id));
      g_menu_append_item (edit, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  {
    g_autoptr(GMenuItem) item = NULL;

    if (g_strcmp0 (status, "open") == 0)
      {
        item = g_menu_item_new (_("_Close for Entry"), NULL);
        g_menu_item_set_action_and_target_value (item, "surveys.close-entry",
                                                 g_variant_new_string (id));
      }
    else
      {
        item = g_menu_item_new (g_strcmp0 (status, "closed") == 0 ? _("_Reopen for Entry")
                                                                   : _("_Open for Entry"),
                                NULL);
        g_menu_item_set_action_and_target_value (item, "surveys.open-entry",
                                                 g_variant_new_string (id));
      }
    g_menu_append_item (entry, item);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (entry));
  }

  {
    g_autoptr(GMenuItem) print = g_menu_item_new (_("_Print Forms…"), NULL);
    g_autoptr(GMenuItem) item = g_menu_item_new (_("E_xport XLSForm…"), NULL);

    g_menu_item_set_action_and_target_value (print, "surveys.print", g_variant_new_string (id));
    g_menu_append_item (files, print);
    g_menu_item_set_action_and_target_value (item, "surveys.export", g_variant_new_string (id));
    g_menu_append_item (files, item);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  }

  /* Only a draft no one keyed can go: a survey in use stays on record. */
  if (g_strcmp0 (status, "draft") == 0 && n_responses == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete"), NULL);

      g_menu_item_set_action_and_target_value (item, "surveys.delete", g_variant_new_string (id));
      g_menu_append_item (danger, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
    }

  return G_MENU_MODEL (menu);
}

static gboolean
on_row_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkMenuButton         *button)
{
  /* The context-menu key, or Shift+F10, opens the version's actions. */
  if (keyval == GDK_KEY_Menu ||
      (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    {
      gtk_menu_button_popup (button);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
survey_row_new (PlSurveysPage *self,
                PlSurvey      *survey,
                gint64         n_responses)
{
  const char *status = pl_survey_get_status (survey);
  const char *const *languages = pl_survey_get_languages (survey);
  const char *term = pl_survey_get_term (survey);
  guint n_questions = pl_survey_get_n_questions (survey);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *version = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *status_class = NULL;
  GtkWidget *row, *box, *text_box, *top, *label, *tag, *flow, *button;
  GtkEventController *keys;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "pl-survey-id", g_strdup (pl_survey_get_id (survey)),
                          g_free);
  gtk_widget_add_css_class (row, "survey-row");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  gtk_box_append (GTK_BOX (text_box), top);

  /* Translators: a survey version, “Version 2” */
  version = g_strdup_printf (_("Version %u"), pl_survey_get_version (survey));
  label = gtk_label_new (version);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);

  status_class = g_strconcat ("survey-status-", status ? status : "draft", NULL);
  tag = pl_tag_new (status_label (status), status_class);
  if (g_strcmp0 (status, "open") == 0)
    gtk_widget_set_tooltip_text (tag, _("Forms of this version can be keyed"));
  else if (g_strcmp0 (status, "closed") == 0)
    gtk_widget_set_tooltip_text (tag, _("Keying is over for this version"));
  else
    gtk_widget_set_tooltip_text (tag, _("Being written: no forms are keyed yet"));
  gtk_box_append (GTK_BOX (top), tag);

  if (pl_survey_get_locked (survey) || n_responses > 0)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, _("Forms have been keyed: only translations can change"));
      gtk_widget_add_css_class (lock, "dim-label");
      gtk_box_append (GTK_BOX (top), lock);
    }

  if (term != NULL && *term != '\0')
    g_ptr_array_add (details, g_strdup (term));
  g_ptr_array_add (details, g_strdup_printf (ngettext ("%u question", "%u questions", n_questions),
                                             n_questions));
  if (n_responses > 0)
    g_ptr_array_add (details, g_strdup_printf (ngettext ("%'u form keyed", "%'u forms keyed",
                                                         (gulong) n_responses),
                                               (guint) n_responses));
  else
    g_ptr_array_add (details, g_strdup (_("No forms keyed")));
  g_ptr_array_add (details, NULL);
  subtitle = g_strjoinv (" · ", (char **) details->pdata);
  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text_box), label);

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_widget_set_can_focus (flow, FALSE);
  gtk_widget_set_can_target (flow, FALSE);
  gtk_widget_set_margin_top (flow, 2);
  gtk_widget_add_css_class (flow, "survey-languages");
  gtk_box_append (GTK_BOX (text_box), flow);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      GtkWidget *child;

      if (i == 0)
        {
          g_autofree char *tooltip = NULL;

          tag = pl_tag_new (pl_language_get_name (languages[i]), "language-tag");
          tooltip = g_strdup_printf (_("%s is the survey’s default language"),
                                     pl_language_get_name (languages[i]));
          gtk_widget_set_tooltip_text (tag, tooltip);
        }
      else
        {
          guint n_missing = 0, n_stale = 0;
          g_autofree char *text = completeness_text (survey, languages[i], &n_missing, &n_stale);
          gboolean complete = n_missing == 0 && n_stale == 0;

          tag = pl_tag_new (text, complete ? "translation-complete-tag" : "translation-missing-tag");
          gtk_widget_set_tooltip_text (tag, complete ? _("Every text is translated")
                                                     : _("Open the survey to finish the translation"));
        }
      gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_NONE);
      /* The flow box lines its children up in columns: a tag keeps its
       * own width rather than its column's. */
      gtk_widget_set_halign (tag, GTK_ALIGN_START);
      child = gtk_flow_box_child_new ();
      gtk_widget_set_can_focus (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), tag);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), child);
    }

  menu = row_menu_new (self, survey, n_responses);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Version Actions"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), button);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed), button);
  gtk_widget_add_controller (row, keys);

  {
    g_autofree char *accessible = NULL;

    /* Translators: read by a screen reader for a survey version: “Family Survey, Version 2, Open” */
    accessible = g_strdup_printf (C_("survey row", "%s, %s, %s"), pl_survey_get_title (survey)
                                  ? pl_survey_get_title (survey) : "", version, status_label (status));
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  }
  return row;
}

static void
on_row_activated (PlSurveysPage *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "pl-survey-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "surveys.edit", "s", id);
}

/* One group a series: its newest title above its versions. */
static GtkWidget *
series_group_new (PlSurveysPage *self,
                  PlSurvey      *newest,
                  GtkWidget    **list)
{
  const char *title = pl_survey_get_title (newest);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped = g_markup_escape_text (title && *title ? title : _("Untitled Survey"), -1);
  g_autofree char *number = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  if (pl_survey_get_number (newest) > 0)
    {
      /* Translators: the survey's number as printed at the start of its form codes: “Form codes S3-…” */
      number = g_strdup_printf (_("Form codes S%u-…"), pl_survey_get_number (newest));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), number);
    }

  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  g_signal_connect_object (*list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *list);
  return group;
}

static void
show_surveys (PlSurveysPage *self)
{
  GtkWidget *child, *list = NULL;
  const char *series = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (self->surveys == NULL || self->surveys->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < self->surveys->len; i++)
    {
      PlSurvey *survey = g_ptr_array_index (self->surveys, i);
      g_autoptr(GError) error = NULL;
      gint64 n_responses = pl_store_count_responses (self->store, pl_survey_get_id (survey), &error);

      if (n_responses < 0)
        {
          g_warning ("Could not count a survey's responses: %s", error->message);
          n_responses = 0;
        }

      if (g_strcmp0 (series, pl_survey_get_series_id (survey)) != 0)
        {
          series = pl_survey_get_series_id (survey);
          gtk_box_append (self->groups_box, series_group_new (self, survey, &list));
        }
      gtk_list_box_append (GTK_LIST_BOX (list), survey_row_new (self, survey, n_responses));
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

void
pl_surveys_page_reload (PlSurveysPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_SURVEYS_PAGE (self));

  g_clear_pointer (&self->surveys, g_ptr_array_unref);
  /* Until the window hands the page its store, there is nothing to say. */
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* Surveys are few and small: read whole, each time the page shows. */
  self->surveys = pl_store_list_surveys (self->store, &error);
  if (self->surveys == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_surveys (self);
}

/* Editors */

static void
on_editor_destroyed (PlSurveysPage  *self,
                     PlSurveyEditor *editor)
{
  g_ptr_array_remove (self->editors, editor);
}

static void
on_editor_saved (PlSurveysPage  *self,
                 const char     *survey_id,
                 PlSurveyEditor *editor)
{
  pl_surveys_page_reload (self);
}

static void
open_editor (PlSurveysPage *self,
             PlSurvey      *survey)
{
  PlSurveyEditor *editor;

  if (self->store == NULL)
    return;

  /* One window a version: asking again brings it forward. */
  if (survey != NULL)
    {
      editor = _pl_surveys_page_get_editor (self, pl_survey_get_id (survey));
      if (editor != NULL)
        {
          gtk_window_present (GTK_WINDOW (editor));
          return;
        }
    }

  editor = pl_survey_editor_new (parent_window (self), self->store, survey);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroyed), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->editors, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static PlSurvey *
survey_for_action (PlSurveysPage *self,
                   GVariant      *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  PlSurvey *survey = find_survey (self, id);

  if (survey == NULL)
    toast (self, _("That survey version is no longer there"));
  return survey;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (PL_SURVEYS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (widget);
  PlSurvey *survey = survey_for_action (self, parameter);

  if (survey != NULL)
    open_editor (self, survey);
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (widget);
  PlSurvey *survey = survey_for_action (self, parameter);
  g_autoptr(PlSurvey) next = NULL;
  g_autoptr(GError) error = NULL;

  if (survey == NULL || self->store == NULL)
    return;

  next = pl_survey_new_version (survey);
  if (!pl_store_save_survey (self->store, next, &error))
    {
      show_problem (self, _("Cannot Make a New Version"), error->message);
      return;
    }
  pl_surveys_page_reload (self);
  open_editor (self, next);
}

static void
set_status (PlSurveysPage *self,
            GVariant      *parameter,
            const char    *status)
{
  PlSurvey *shown = survey_for_action (self, parameter);
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL || self->store == NULL)
    return;

  /* The stored version, not the one read when the page showed. */
  survey = pl_store_load_survey (self->store, pl_survey_get_id (shown), &error);
  if (survey != NULL)
    {
      pl_survey_set_status (survey, status);
      if (pl_store_save_survey (self->store, survey, &error))
        {
          toast (self, g_str_equal (status, "open") ? _("Open for entry: its forms can be keyed")
                                                    : _("Closed: no more forms are keyed"));
          pl_surveys_page_reload (self);
          return;
        }
    }
  show_problem (self, g_str_equal (status, "open") ? _("Cannot Open the Survey for Entry")
                                                   : _("Cannot Close the Survey"),
                error->message);
}

static void
open_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_status (PL_SURVEYS_PAGE (widget), parameter, "open");
}

static void
close_entry_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_status (PL_SURVEYS_PAGE (widget), parameter, "closed");
}

/* Deleting */

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PlSurveysPage    *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "pl-survey-id");
  g_autoptr(GError) error = NULL;
  PlSurveyEditor *editor;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;

  if (!pl_store_delete_survey (self->store, id, &error))
    {
      show_problem (self, _("Cannot Delete the Survey"), error->message);
      return;
    }
  /* Its editor has nothing left to save to. */
  editor = _pl_surveys_page_get_editor (self, id);
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  toast (self, _("Survey version deleted"));
  pl_surveys_page_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (widget);
  PlSurvey *survey = survey_for_action (self, parameter);
  g_autofree char *heading = NULL;
  const char *title;
  GtkWidget *dialog;

  if (survey == NULL)
    return;

  title = pl_survey_get_title (survey);
  /* Translators: “Delete Version 2 of “Family Survey”?” */
  heading = g_strdup_printf (_("Delete Version %u of “%s”?"), pl_survey_get_version (survey),
                             title && *title ? title : _("Untitled Survey"));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Its questions and translations are deleted on every "
                                     "computer that syncs. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pl-survey-id",
                          g_strdup (pl_survey_get_id (survey)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  g_set_weak_pointer (&self->problem, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* XLSForm import */

static void
on_survey_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PlSurveysPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurvey) survey = pl_xlsform_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (survey == NULL)
    {
      show_problem (self, _("Cannot Import the Survey"), error->message);
      return;
    }
  if (self->store == NULL)
    return;

  if (!pl_store_save_survey (self->store, survey, &error))
    {
      show_problem (self, _("Cannot Import the Survey"), error->message);
      return;
    }
  toast (self, _("Survey imported as a draft"));
  pl_surveys_page_reload (self);
  open_editor (self, survey);
}

static void
import_sheets (PlSurveysPage *self,
               const char    *survey_path,
               const char    *choices_path,
               const char    *settings_path)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pl_xlsform_read_async (survey_path, choices_path, settings_path, self->cancellable,
                         on_survey_read, g_object_ref (self));
}

/* Which sheet a CSV file is, by its name: "… choices.csv", "settings.csv". */
static const char *
sheet_of (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (strstr (lower, "choices") != NULL)
    return "choices";
  if (strstr (lower, "settings") != NULL)
    return "settings";
  return "survey";
}

static void
import_files (PlSurveysPage *self,
              GListModel    *files)
{
  guint n_files = g_list_model_get_n_items (files);
  g_autofree char *survey_path = NULL;
  g_autofree char *choices_path = NULL;
  g_autofree char *settings_path = NULL;
  g_autofree char *first = NULL;

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);
      const char *sheet;
      char **slot;

      if (path == NULL)
        continue;
      sheet = sheet_of (path);
      slot = g_str_equal (sheet, "choices") ? &choices_path
             : g_str_equal (sheet, "settings") ? &settings_path : &survey_path;
      if (first == NULL)
        first = g_strdup (path);
      g_free (*slot);
      *slot = g_steal_pointer (&path);
    }

  if (first == NULL)
    return;

  /* One file chosen: its sheets are found beside it. */
  if (survey_path == NULL || choices_path == NULL)
    {
      g_autofree char *found_survey = NULL;
      g_autofree char *found_choices = NULL;
      g_autofree char *found_settings = NULL;

      if (!pl_xlsform_find_sheets (first, &found_survey, &found_choices, &found_settings) ||
          found_survey == NULL)
        {
          g_autofree char *name = g_filename_display_basename (first);
          g_autofree char *body =
            g_strdup_printf (_("No survey and choices sheets were found beside “%s”. Choose the "
                               "survey and choices CSV files together, or the folder that holds "
                               "them."), name);

          show_problem (self, _("Cannot Import the Survey"), body);
          return;
        }
      if (survey_path == NULL)
        survey_path = g_steal_pointer (&found_survey);
      if (choices_path == NULL)
        choices_path = g_steal_pointer (&found_choices);
      if (settings_path == NULL)
        settings_path = g_steal_pointer (&found_settings);
    }

  import_sheets (self, survey_path, choices_path, settings_path);
}

/* A folder: the CSV file whose name says "survey", and its siblings. */
static void
import_folder (PlSurveysPage *self,
               GFile         *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *display = g_file_get_parse_name (folder);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (path == NULL || (dir = g_dir_open (path, 0, &error)) == NULL)
    {
      show_problem (self, _("Cannot Import the Survey"), error ? error->message : display);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *candidate = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *survey_path = NULL;
      g_autofree char *choices_path = NULL;
      g_autofree char *settings_path = NULL;

      if (!g_str_equal (sheet_of (candidate), "survey"))
        continue;
      if (pl_xlsform_find_sheets (candidate, &survey_path, &choices_path, &settings_path) &&
          survey_path != NULL)
        {
          import_sheets (self, survey_path, choices_path, settings_path);
          return;
        }
    }

  {
    g_autofree char *body =
      g_strdup_printf (_("The folder “%s” holds no XLSForm survey and choices CSV files."), display);

    show_problem (self, _("Cannot Import the Survey"), body);
  }
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    PlSurveysPage   *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
        {
          g_autoptr(GFile) folder = gtk_file_chooser_get_file (chooser);

          if (folder != NULL)
            import_folder (self, folder);
        }
      else
        {
          g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);

          import_files (self, files);
        }
    }
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
start_import (PlSurveysPage       *self,
              GtkFileChooserAction action)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->store == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 ? _("Import XLSForm Folder")
                                                 : _("Import XLSForm"),
                                               parent_window (self), action, _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("XLSForm sheets as CSV"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_import (PL_SURVEYS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  start_import (PL_SURVEYS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

/* Printing: the paper forms of a version, for one school */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (widget);
  PlSurvey *survey = survey_for_action (self, parameter);
  PlPrintFormsDialog *dialog;

  if (survey == NULL || self->store == NULL)
    return;
  dialog = pl_print_forms_dialog_new (self->store, survey, parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* XLSForm export */

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PlSurvey *survey = g_object_get_data (G_OBJECT (task), "pl-survey");
  GError *error = NULL;

  if (pl_xlsform_write (survey, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, _("Cannot Export the Survey"), error->message);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (g_task_get_task_data (G_TASK (result)));
    /* Translators: %s is the folder the survey.csv, choices.csv and settings.csv files went to */
    g_autofree char *message = g_strdup_printf (_("Exported to the folder “%s”"), name);

    toast (self, message);
  }
}

static void
export_to (PlSurveysPage *self,
           PlSurvey      *survey,
           const char    *directory)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_written, NULL);

  g_task_set_source_tag (task, export_to);
  /* A copy of its own: the page may read the surveys again meanwhile. */
  g_object_set_data_full (G_OBJECT (task), "pl-survey", pl_survey_copy (survey), g_object_unref);
  g_task_set_task_data (task, g_strdup (directory), g_free);
  g_task_run_in_thread (task, write_thread);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PlSurveysPage    *self)
{
  PlSurvey *survey = g_object_get_data (G_OBJECT (dialog), "pl-survey");
  const char *directory = g_object_get_data (G_OBJECT (dialog), "pl-directory");

  if (g_strcmp0 (response, "replace") == 0)
    export_to (self, survey, directory);
}

/* The folder a person chose: a new one, or one whose sheets are replaced
 * once they say so. */
static void
export_chosen (PlSurveysPage *self,
               PlSurvey      *survey,
               const char    *directory)
{
  g_autofree char *survey_csv = NULL;

  if (g_file_test (directory, G_FILE_TEST_EXISTS) && !g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_basename (directory);
      g_autofree char *body =
        g_strdup_printf (_("“%s” is a file. The survey is exported as a folder of CSV files: "
                           "choose a new name or a folder."), name);

      show_problem (self, _("Cannot Export the Survey"), body);
      return;
    }

  /* Another form's sheets are not replaced without asking. */
  survey_csv = g_build_filename (directory, "survey.csv", NULL);
  if (g_file_test (survey_csv, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (directory);
      g_autofree char *heading = g_strdup_printf (_("Replace the Survey in “%s”?"), name);
      GtkWidget *confirm = adw_message_dialog_new (parent_window (self), heading,
                                                   _("That folder already holds an XLSForm "
                                                     "survey.csv. Its sheets are replaced by "
                                                     "this survey’s."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                        "cancel", _("_Cancel"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
      g_object_set_data_full (G_OBJECT (confirm), "pl-survey", g_object_ref (survey),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (confirm), "pl-directory", g_strdup (directory), g_free);
      g_signal_connect_object (confirm, "response", G_CALLBACK (on_replace_response), self, 0);
      g_set_weak_pointer (&self->problem, confirm);
      gtk_window_present (GTK_WINDOW (confirm));
      return;
    }

  export_to (self, survey, directory);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    PlSurveysPage   *self)
{
  PlSurvey *survey = g_object_get_data (G_OBJECT (dialog), "pl-survey");
  g_autoptr(GFile) file = NULL;
  g_autofree char *directory = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (directory = g_file_get_path (file)) != NULL)
    export_chosen (self, survey, directory);

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

/* "Family Survey v2": a folder name from the title, without characters
 * file systems refuse. */
static char *
suggested_folder_name (PlSurvey *survey)
{
  const char *title = pl_survey_get_title (survey);
  g_autofree char *name = NULL;

  /* Translators: the name offered for the folder a survey version is exported to */
  name = g_strdup_printf (_("%s v%u"), title && *title ? title : _("Survey"),
                          pl_survey_get_version (survey));
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_steal_pointer (&name);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (widget);
  PlSurvey *survey = survey_for_action (self, parameter);
  g_autofree char *name = NULL;

  if (survey == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* A folder to make: survey.csv, choices.csv and settings.csv go in it. */
  self->chooser = gtk_file_chooser_native_new (_("Export XLSForm"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = suggested_folder_name (survey);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data_full (G_OBJECT (self->chooser), "pl-survey", g_object_ref (survey),
                          g_object_unref);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A sync tells of what it brought as families changed, all at once (no id):
 * surveys and keyed forms may have come too. */
static void
on_store_changed (PlSurveysPage *self,
                  const char    *family_id,
                  PlStore       *store)
{
  if (family_id == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    pl_surveys_page_reload (self);
}

PlStore *
pl_surveys_page_get_store (PlSurveysPage *self)
{
  g_return_val_if_fail (PL_IS_SURVEYS_PAGE (self), NULL);

  return self->store;
}

void
pl_surveys_page_set_store (PlSurveysPage *self,
                           PlStore       *store)
{
  g_return_if_fail (PL_IS_SURVEYS_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Editors of another database's surveys have nothing to save to. */
  while (self->editors->len > 0)
    gtk_window_destroy (g_ptr_array_index (self->editors, self->editors->len - 1));
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "family-changed",
                                                G_CALLBACK (on_store_changed), self,
                                                G_CONNECT_SWAPPED);
  pl_surveys_page_reload (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.new", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import-folder", store != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
_pl_surveys_page_get_state (PlSurveysPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static GtkWidget *
find_row_in (GtkWidget  *widget,
             const char *survey_id)
{
  if (GTK_IS_LIST_BOX_ROW (widget) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (widget), "pl-survey-id"), survey_id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_in (child, survey_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
_pl_surveys_page_find_row (PlSurveysPage *self,
                           const char    *survey_id)
{
  return find_row_in (GTK_WIDGET (self->groups_box), survey_id);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

char *
_pl_surveys_page_dup_row_text (PlSurveysPage *self,
                               const char    *survey_id)
{
  GtkWidget *row = _pl_surveys_page_find_row (self, survey_id);
  GString *text;

  if (row == NULL)
    return NULL;
  text = g_string_new (NULL);
  collect_labels (row, text);
  return g_string_free (text, FALSE);
}

void
_pl_surveys_page_import_files (PlSurveysPage     *self,
                               const char *const *paths)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_list_store_append (files, file);
    }
  import_files (self, G_LIST_MODEL (files));
}

void
_pl_surveys_page_import_folder (PlSurveysPage *self,
                                const char    *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  import_folder (self, folder);
}

void
_pl_surveys_page_export (PlSurveysPage *self,
                         const char    *survey_id,
                         const char    *directory)
{
  PlSurvey *survey = find_survey (self, survey_id);

  g_return_if_fail (survey != NULL);
  export_chosen (self, survey, directory);
}

AdwMessageDialog *
_pl_surveys_page_get_message (PlSurveysPage *self)
{
  return self->problem && gtk_widget_get_visible (self->problem)
           ? ADW_MESSAGE_DIALOG (self->problem) : NULL;
}

PlSurveyEditor *
_pl_surveys_page_get_editor (PlSurveysPage *self,
                             const char    *survey_id)
{
  for (guint i = self->editors->len; i > 0; i--)
    {
      PlSurveyEditor *editor = g_ptr_array_index (self->editors, i - 1);

      if (survey_id == NULL ||
          g_strcmp0 (pl_survey_editor_get_survey_id (editor), survey_id) == 0)
        return editor;
    }
  return NULL;
}

static void
pl_surveys_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pl_surveys_page_parent_class)->map (widget);
  pl_surveys_page_reload (PL_SURVEYS_PAGE (widget));
}

static void
pl_surveys_page_dispose (GObject *object)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->problem != NULL)
    gtk_window_destroy (GTK_WINDOW (self->problem));
  g_clear_weak_pointer (&self->problem);
  while (self->editors != NULL && self->editors->len > 0)
    gtk_window_destroy (g_ptr_array_index (self->editors, self->editors->len - 1));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SURVEYS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->surveys, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_surveys_page_parent_class)->dispose (object);
}

static void
pl_surveys_page_finalize (GObject *object)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_surveys_page_parent_class)->finalize (object);
}

static void
pl_surveys_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlSurveysPage *self,
             gboolean      *field,
             gboolean       value,
             guint          prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_surveys_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlSurveysPage *self = PL_SURVEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_surveys_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      set_boolean (self, &self->show_start_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      set_boolean (self, &self->show_back_button, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_surveys_page_class_init (PlSurveysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_surveys_page_dispose;
  object_class->finalize = pl_surveys_page_finalize;
  object_class->get_property = pl_surveys_page_get_property;
  object_class->set_property = pl_surveys_page_set_property;
  widget_class->map = pl_surveys_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "surveys.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "surveys.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "surveys.import-folder", NULL,
                                   import_folder_action);
  gtk_widget_class_install_action (widget_class, "surveys.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "surveys.new-version", "s", new_version_action);
  gtk_widget_class_install_action (widget_class, "surveys.open-entry", "s", open_entry_action);
  gtk_widget_class_install_action (widget_class, "surveys.close-entry", "s", close_entry_action);
  gtk_widget_class_install_action (widget_class, "surveys.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "surveys.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "surveys.print", "s", print_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-surveys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSurveysPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PlSurveysPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, PlSurveysPage, error_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_surveys_page_init (PlSurveysPage *self)
{
  self->editors = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import-folder", FALSE);
}

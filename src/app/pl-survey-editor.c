/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-languages.h"
#include "pl-store-surveys.h"
#include "pl-survey-editor-private.h"
#include "pl-survey-text-row.h"
#include "pl-utils.h"

/* What the right-hand side shows: the survey's own settings, the answer
 * labels scales share, or one question (by id). */
#define ITEM_SETTINGS "settings"
#define ITEM_LABELS   "labels"

/* One key per option on the entry desk: 1 to 9. */
#define MAX_OPTIONS 9

struct _PlSurveyEditor
{
  AdwWindow         parent_instance;

  PlStore          *store;
  PlSurvey         *survey;        /* the copy being edited */
  PlSurvey         *undo_survey;   /* before the last removal, until the next change */
  gboolean          is_new;
  gboolean          modified;
  gboolean          locked;
  gboolean          building;      /* filling widgets: not a person's change */
  gboolean          close_confirmed;
  guint             rebuild_source;
  char             *rebuild_focus;  /* a widget's name, or "option:N" */
  char             *selected;      /* ITEM_SETTINGS, ITEM_LABELS or a question id */
  char             *compare[2];    /* the translations beside the default language */
  GPtrArray        *text_rows;     /* PlSurveyTextRow on the page shown */
  GPtrArray        *option_entries; /* the option code entries shown */
  GStrv             compare_choices;
  AdwComboRow      *kind_row;      /* on a question's page */
  AdwComboRow      *skip_question_row;
  AdwComboRow      *skip_value_row;
  GPtrArray        *skip_question_ids; /* positions of skip_question_row */

  AdwToastOverlay  *toast_overlay;
  AdwLeaflet       *leaflet;
  GtkListBox       *nav_list;
  AdwWindowTitle   *window_title;
  GtkWidget        *save_button;
  GtkRevealer      *locked_revealer;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkBox           *columns_header;
  GtkScrolledWindow *detail_scroller;
  GtkBox           *detail_box;
};

G_DEFINE_FINAL_TYPE (PlSurveyEditor, pl_survey_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void build_detail      (PlSurveyEditor *self);
static void rebuild_sidebar   (PlSurveyEditor *self);
static void update_title      (PlSurveyEditor *self);
static void update_actions    (PlSurveyEditor *self);
static void queue_rebuild     (PlSurveyEditor *self,
                               const char     *focus);

static void
toast (PlSurveyEditor *self,
       const char     *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_error (PlSurveyEditor *self,
            const char     *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_modified (PlSurveyEditor *self)
{
  if (self->building)
    return;
  self->modified = TRUE;
  /* Undo would put back the copy from before the last removal, and lose
   * what was done since: a change after it ends its chance. */
  g_clear_object (&self->undo_survey);
  update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", FALSE);
}

static PlQuestion *
selected_question (PlSurveyEditor *self)
{
  if (self->selected == NULL || g_str_equal (self->selected, ITEM_SETTINGS) ||
      g_str_equal (self->selected, ITEM_LABELS))
    return NULL;
  return pl_survey_find_question (self->survey, self->selected);
}

/* "Version 2 · Draft", or what a new survey is. */
static void
update_title (PlSurveyEditor *self)
{
  const char *title = pl_survey_get_title (self->survey);
  const char *status = pl_survey_get_status (self->survey);
  g_autofree char *subtitle = NULL;
  g_autofree char *window = NULL;
  const char *status_text;

  if (g_strcmp0 (status, "open") == 0)
    status_text = C_("survey status", "Open");
  else if (g_strcmp0 (status, "closed") == 0)
    status_text = C_("survey status", "Closed");
  else
    status_text = C_("survey status", "Draft");

  if (self->is_new)
    subtitle = g_strdup (_("New survey, not saved yet"));
  else
    /* Translators: under the survey's title: “Version 2 · Draft” */
    subtitle = g_strdup_printf (_("Version %u · %s"), pl_survey_get_version (self->survey),
                                status_text);
  if (self->modified)
    {
      /* Translators: added to the window's subtitle while there are unsaved changes */
      g_autofree char *changed = g_strdup_printf (_("%s · Changed"), subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&changed);
    }

  adw_window_title_set_title (self->window_title,
                              title && *title ? title : (self->is_new ? _("New Survey")
                                                                      : _("Untitled Survey")));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  window = g_strdup (title && *title ? title : _("New Survey"));
  gtk_window_set_title (GTK_WINDOW (self), window);
}

/* The languages of the text columns: the default, then the chosen translations. */
static GStrv
column_languages (PlSurveyEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, pl_survey_get_default_language (self->survey));
  for (guint i = 0; i < G_N_ELEMENTS (self->compare); i++)
    if (self->compare[i] != NULL)
      g_strv_builder_add (builder, self->compare[i]);
  return g_strv_builder_end (builder);
}

/* Keeps the compared languages among those offered, and one shown when
 * there is any translation at all. */
static void
fix_compare (PlSurveyEditor *self)
{
  const char *const *languages = pl_survey_get_languages (self->survey);
  const char *default_language = pl_survey_get_default_language (self->survey);

  for (guint i = 0; i < G_N_ELEMENTS (self->compare); i++)
    if (self->compare[i] != NULL &&
        (!g_strv_contains (languages, self->compare[i]) ||
         g_str_equal (self->compare[i], default_language)))
      g_clear_pointer (&self->compare[i], g_free);

  if (self->compare[1] != NULL && g_strcmp0 (self->compare[0], self->compare[1]) == 0)
    g_clear_pointer (&self->compare[1], g_free);
  if (self->compare[0] == NULL && self->compare[1] != NULL)
    self->compare[0] = g_steal_pointer (&self->compare[1]);
  if (self->compare[0] == NULL)
    for (guint i = 0; languages[i] != NULL; i++)
      if (!g_str_equal (languages[i], default_language))
        {
          self->compare[0] = g_strdup (languages[i]);
          break;
        }
}

/* Sidebar */

/* How many of a question's texts the compared languages lack or have stale. */
static void
count_question_states (PlSurveyEditor *self,
                       PlQuestion     *question,
                       guint          *n_missing,
                       guint          *n_stale)
{
  const char *id = pl_question_get_id (question);
  const char *default_language = pl_survey_get_default_language (self->survey);
  const char *const *options = pl_question_get_options (question);
  const char *fields[] = { "text", "hint" };

  *n_missing = *n_stale = 0;
  for (guint c = 0; c < G_N_ELEMENTS (self->compare); c++)
    {
      const char *language = self->compare[c];

      if (language == NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (pl_survey_get_own_text (self->survey, PL_TEXT_OWNER_QUESTION, id, fields[f],
                                      default_language) == NULL)
            continue;
          switch (pl_survey_get_text_state (self->survey, PL_TEXT_OWNER_QUESTION, id, fields[f],
                                            language))
            {
            case PL_TEXT_MISSING: (*n_missing)++; break;
            case PL_TEXT_STALE: (*n_stale)++; break;
            case PL_TEXT_CURRENT: break;
            }
        }
      for (guint o = 0; options != NULL && options[o] != NULL; o++)
        {
          g_autofree char *owner = g_strdup_printf ("%s/%s", id, options[o]);

          if (pl_survey_get_own_text (self->survey, PL_TEXT_OWNER_OPTION, owner, "label",
                                      default_language) == NULL)
            continue;
          switch (pl_survey_get_text_state (self->survey, PL_TEXT_OWNER_OPTION, owner, "label",
                                            language))
            {
            case PL_TEXT_MISSING: (*n_missing)++; break;
            case PL_TEXT_STALE: (*n_stale)++; break;
            case PL_TEXT_CURRENT: break;
            }
        }
    }
}

static void
fill_question_row (PlSurveyEditor *self,
                   GtkWidget      *row,
                   PlQuestion     *question)
{
  GtkLabel *number = g_object_get_data (G_OBJECT (row), "pl-number");
  GtkLabel *code = g_object_get_data (G_OBJECT (row), "pl-code");
  GtkLabel *wording = g_object_get_data (G_OBJECT (row), "pl-wording");
  GtkWidget *flag = g_object_get_data (G_OBJECT (row), "pl-flag");
  const char *text = pl_survey_question_text (self->survey, question,
                                              pl_survey_get_default_language (self->survey), NULL);
  g_autofree char *position = g_strdup_printf ("%d", pl_survey_question_index (self->survey,
                                                                               question) + 1);
  const char *question_code = pl_question_get_code (question);
  guint n_missing, n_stale;

  gtk_label_set_text (number, position);
  gtk_label_set_text (code, question_code && *question_code ? question_code : _("No code"));
  gtk_label_set_text (wording, text && *text ? text : _("No wording yet"));

  count_question_states (self, question, &n_missing, &n_stale);
  gtk_widget_set_visible (flag, n_missing > 0 || n_stale > 0);
  if (n_missing > 0 || n_stale > 0)
    {
      g_autofree char *tooltip = NULL;

      if (n_stale == 0)
        tooltip = g_strdup_printf (ngettext ("%u text untranslated", "%u texts untranslated",
                                             n_missing), n_missing);
      else if (n_missing == 0)
        tooltip = g_strdup_printf (ngettext ("%u translation to check", "%u translations to check",
                                             n_stale), n_stale);
      else
        /* Translators: a question's translations in the languages shown beside the default */
        tooltip = g_strdup_printf (_("%u untranslated, %u to check"), n_missing, n_stale);
      gtk_widget_set_tooltip_text (flag, tooltip);
    }
}

static GtkWidget *
question_row_new (PlSurveyEditor *self,
                  PlQuestion     *question)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *wording = gtk_label_new (NULL);
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_name (row, "question");
  g_object_set_data_full (G_OBJECT (row), "pl-question-id",
                          g_strdup (pl_question_get_id (question)), g_free);

  gtk_widget_set_valign (number, GTK_ALIGN_START);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_box_append (GTK_BOX (box), number);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_ellipsize (GTK_LABEL (code), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (code, "heading");
  gtk_box_append (GTK_BOX (texts), code);
  gtk_label_set_xalign (GTK_LABEL (wording), 0);
  gtk_label_set_ellipsize (GTK_LABEL (wording), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (wording), TRUE);
  gtk_widget_add_css_class (wording, "caption");
  gtk_widget_add_css_class (wording, "dim-label");
  gtk_box_append (GTK_BOX (texts), wording);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (flag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (flag, "translation-flag");
  gtk_box_append (GTK_BOX (box), flag);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "pl-number", number);
  g_object_set_data (G_OBJECT (row), "pl-code", code);
  g_object_set_data (G_OBJECT (row), "pl-wording", wording);
  g_object_set_data (G_OBJECT (row), "pl-flag", flag);
  fill_question_row (self, row, question);
  return row;
}

static GtkWidget *
item_row_new (const char *name,
              const char *icon,
              const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_widget_set_name (row, name);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static const char *
row_item (GtkListBoxRow *row)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  if (g_strcmp0 (name, "question") == 0)
    return g_object_get_data (G_OBJECT (row), "pl-question-id");
  if (g_strcmp0 (name, ITEM_SETTINGS) == 0 || g_strcmp0 (name, ITEM_LABELS) == 0)
    return name;
  return NULL;
}

static GtkListBoxRow *
find_nav_row (PlSurveyEditor *self,
              const char     *item)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->nav_list, i)) != NULL; i++)
    if (g_strcmp0 (row_item (row), item) == 0)
      return row;
  return NULL;
}

static void
update_question_row (PlSurveyEditor *self,
                     PlQuestion     *question)
{
  GtkListBoxRow *row = find_nav_row (self, pl_question_get_id (question));

  if (row != NULL)
    fill_question_row (self, GTK_WIDGET (row), question);
}

static void
update_question_rows (PlSurveyEditor *self)
{
  for (guint i = 0; i < pl_survey_get_n_questions (self->survey); i++)
    update_question_row (self, pl_survey_get_question (self->survey, i));
}

static void
nav_header_func (GtkListBoxRow *row,
                 GtkListBoxRow *before,
                 gpointer       user_data)
{
  gboolean first = g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), ITEM_SETTINGS) != 0 &&
                   g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), ITEM_LABELS) != 0 &&
                   (before == NULL ||
                    g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (before)), ITEM_LABELS) == 0);

  if (first && gtk_list_box_row_get_header (row) == NULL)
    {
      GtkWidget *header = gtk_label_new (_("Questions"));

      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_bottom (header, 3);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_list_box_row_set_header (row, header);
    }
  else if (!first)
    gtk_list_box_row_set_header (row, NULL);
}

static void
rebuild_sidebar (PlSurveyEditor *self)
{
  GtkWidget *child;
  GtkListBoxRow *row;
  gboolean building = self->building;

  self->building = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->nav_list))) != NULL)
    gtk_list_box_remove (self->nav_list, child);

  gtk_list_box_append (self->nav_list,
                       item_row_new (ITEM_SETTINGS, "document-properties-symbolic",
                                     _("Survey and Languages")));
  gtk_list_box_append (self->nav_list,
                       item_row_new (ITEM_LABELS, "view-list-bullet-symbolic",
                                     _("Answer Labels")));
  for (guint i = 0; i < pl_survey_get_n_questions (self->survey); i++)
    gtk_list_box_append (self->nav_list,
                         question_row_new (self, pl_survey_get_question (self->survey, i)));

  if (pl_survey_get_n_questions (self->survey) == 0)
    {
      GtkWidget *empty = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_("No questions yet: add one with the + button or Ctrl+N."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (empty), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (empty), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (empty), FALSE);
      gtk_widget_set_focusable (empty, FALSE);
      gtk_widget_set_name (empty, "no-questions");
      gtk_list_box_append (self->nav_list, empty);
    }

  row = find_nav_row (self, self->selected);
  if (row == NULL)
    {
      g_free (self->selected);
      self->selected = g_strdup (ITEM_SETTINGS);
      row = find_nav_row (self, ITEM_SETTINGS);
    }
  gtk_list_box_select_row (self->nav_list, row);
  self->building = building;
}

/* Choosing what the right-hand side shows. */
static void
select_item (PlSurveyEditor *self,
             const char     *item)
{
  GtkListBoxRow *row;

  if (item == NULL ||
      (!g_str_equal (item, ITEM_SETTINGS) && !g_str_equal (item, ITEM_LABELS) &&
       pl_survey_find_question (self->survey, item) == NULL))
    return;

  if (g_strcmp0 (self->selected, item) != 0)
    {
      g_free (self->selected);
      self->selected = g_strdup (item);
      build_detail (self);
    }
  row = find_nav_row (self, item);
  if (row != NULL && gtk_list_box_get_selected_row (self->nav_list) != row)
    {
      gboolean building = self->building;

      self->building = TRUE;
      gtk_list_box_select_row (self->nav_list, row);
      self->building = building;
    }
  update_actions (self);
}

static void
on_nav_row_selected (PlSurveyEditor *self,
                     GtkListBoxRow  *row,
                     GtkListBox     *list)
{
  const char *item;

  if (self->building || row == NULL || (item = row_item (row)) == NULL)
    return;
  select_item (self, item);
}

static void
on_nav_row_activated (PlSurveyEditor *self,
                      GtkListBoxRow  *row,
                      GtkListBox     *list)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Texts */

static void
on_text_row_changed (PlSurveyEditor  *self,
                     const char      *language,
                     PlSurveyTextRow *row)
{
  PlQuestion *question = selected_question (self);

  set_modified (self);
  if (question != NULL)
    update_question_row (self, question);
  else
    update_title (self);
}

static GtkWidget *
text_row_new (PlSurveyEditor *self,
              PlTextOwner     owner,
              const char     *owner_id,
              const char     *field,
              const char     *title,
              gboolean        multiline)
{
  g_auto(GStrv) languages = column_languages (self);
  GtkWidget *row = pl_survey_text_row_new (self->survey, owner, owner_id, field, title, multiline);

  pl_survey_text_row_set_languages (PL_SURVEY_TEXT_ROW (row), (const char *const *) languages);
  pl_survey_text_row_set_default_locked (PL_SURVEY_TEXT_ROW (row), self->locked);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_text_row_changed), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->text_rows, row);
  return row;
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
group_new (PlSurveyEditor *self,
           const char     *title,
           const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped_title = title ? g_markup_escape_text (title, -1) : NULL;
  g_autofree char *escaped_description = description ? g_markup_escape_text (description, -1)
                                                     : NULL;

  if (escaped_title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped_title);
  if (escaped_description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped_description);
  gtk_box_append (self->detail_box, group);
  return group;
}

/* The columns' header: the default language, then pickers for the others. */

static void
on_compare_selected (PlSurveyEditor *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "pl-column"));
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *language;

  if (self->building || self->compare_choices == NULL ||
      position >= g_strv_length (self->compare_choices))
    return;
  language = self->compare_choices[position];
  if (g_strcmp0 (self->compare[column], language) == 0)
    return;

  /* The same language twice: the two columns trade places. */
  if (g_strcmp0 (self->compare[1 - column], language) == 0)
    {
      g_free (self->compare[1 - column]);
      self->compare[1 - column] = g_steal_pointer (&self->compare[column]);
    }
  g_free (self->compare[column]);
  self->compare[column] = g_strdup (language);

  update_question_rows (self);
  queue_rebuild (self, column == 0 ? "compare-0" : "compare-1");
}

/* In a narrow window a column's language is cut short on its button; the
 * list shows it whole. */
static void
setup_language_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_language_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      item ? gtk_string_object_get_string (item) : "");
}

static GtkListItemFactory *
language_factory_new (gboolean short_labels)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_language_cb),
                    GINT_TO_POINTER (short_labels));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_language_cb), NULL);
  return factory;
}

static GtkWidget *
compare_dropdown_new (PlSurveyEditor *self,
                      guint           column)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  g_autofree char *accessible = NULL;
  guint selected = 0;

  for (guint i = 0; self->compare_choices[i] != NULL; i++)
    {
      g_autofree char *name = pl_language_display_name (self->compare_choices[i]);

      gtk_string_list_append (names, name);
      if (g_strcmp0 (self->compare_choices[i], self->compare[column]) == 0)
        selected = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  {
    g_autoptr(GtkListItemFactory) button = language_factory_new (TRUE);
    g_autoptr(GtkListItemFactory) list = language_factory_new (FALSE);

    gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list);
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_widget_set_name (dropdown, column == 0 ? "compare-0" : "compare-1");
  g_object_set_data (G_OBJECT (dropdown), "pl-column", GUINT_TO_POINTER (column));
  /* Translators: read by a screen reader for the language picker of a column */
  accessible = g_strdup_printf (_("Language of column %u"), column + 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_compare_selected), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), column == 0 ? "pl-compare-0" : "pl-compare-1", dropdown);
  return dropdown;
}

static void
update_columns_header (PlSurveyEditor *self)
{
  const char *default_language = pl_survey_get_default_language (self->survey);
  const char *const *languages = pl_survey_get_languages (self->survey);
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_autofree char *default_name = pl_language_display_name (default_language);
  GtkWidget *child, *column, *label;
  guint n_choices = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_header))) != NULL)
    gtk_box_remove (self->columns_header, child);
  g_object_set_data (G_OBJECT (self), "pl-compare-0", NULL);
  g_object_set_data (G_OBJECT (self), "pl-compare-1", NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    if (!g_str_equal (languages[i], default_language))
      {
        g_strv_builder_add (choices, languages[i]);
        n_choices++;
      }
  g_clear_pointer (&self->compare_choices, g_strfreev);
  self->compare_choices = g_strv_builder_end (choices);

  column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (default_name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (column), label);
  label = gtk_label_new (_("default"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (column), label);
  gtk_box_append (self->columns_header, column);

  if (n_choices == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add a Language…"));

      column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = gtk_label_new (_("No translations yet"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (column), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.show-languages");
      gtk_widget_add_css_class (button, "flat");
      gtk_box_append (GTK_BOX (column), button);
      gtk_box_append (self->columns_header, column);
      return;
    }

  self->building = TRUE;
  for (guint c = 0; c < G_N_ELEMENTS (self->compare); c++)
    {
      GtkWidget *button;

      if (self->compare[c] == NULL)
        continue;
      column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (column), compare_dropdown_new (self, c));

      if (c == 0 && self->compare[1] == NULL && n_choices > 1)
        {
          button = gtk_button_new_from_icon_name ("list-add-symbolic");
          gtk_widget_set_tooltip_text (button, _("Show Another Language Beside"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.add-column");
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_name (button, "add-column");
          gtk_box_append (GTK_BOX (column), button);
        }
      else if (c == 1)
        {
          button = gtk_button_new_from_icon_name ("window-close-symbolic");
          gtk_widget_set_tooltip_text (button, _("Hide This Column"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.remove-column");
          gtk_widget_add_css_class (button, "flat");
          gtk_box_append (GTK_BOX (column), button);
        }
      gtk_box_append (self->columns_header, column);
    }
  self->building = FALSE;
}

/* Settings */

static void
on_term_changed (PlSurveyEditor *self,
                 GtkEditable    *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *term = g_strstrip (g_strdup (text));

  if (self->building)
    return;
  pl_survey_set_term (self->survey, *term ? term : NULL);
  set_modified (self);
}

static const char *const statuses[] = { "draft", "open", "closed" };

static void
on_status_selected (PlSurveyEditor *self,
                    GParamSpec     *pspec,
                    AdwComboRow    *row)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->building || position >= G_N_ELEMENTS (statuses))
    return;
  pl_survey_set_status (self->survey, statuses[position]);
  set_modified (self);
}

static void
on_default_language_selected (PlSurveyEditor *self,
                              GParamSpec     *pspec,
                              AdwComboRow    *row)
{
  const PlLanguage *all = pl_languages_get_all ();
  guint position = adw_combo_row_get_selected (row);

  if (self->building || all[position].code == NULL)
    return;
  pl_survey_set_default_language (self->survey, all[position].code);
  fix_compare (self);
  set_modified (self);
  queue_rebuild (self, "default-language");
}

static GtkWidget *
language_row_new (PlSurveyEditor *self,
                  const char     *language)
{
  gboolean is_default = g_strcmp0 (language, pl_survey_get_default_language (self->survey)) == 0;
  g_autofree char *name = pl_language_display_name (language);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_name (row, language);

  if (is_default)
    subtitle = g_strdup (_("Default language: every text is written in it first"));
  else
    {
      guint n_missing = 0, n_stale = 0;

      pl_survey_count_text_states (self->survey, language, &n_missing, &n_stale);
      if (n_missing == 0 && n_stale == 0)
        subtitle = g_strdup (_("Every text is translated"));
      else if (n_stale == 0)
        subtitle = g_strdup_printf (ngettext ("%u text untranslated", "%u texts untranslated",
                                              n_missing), n_missing);
      else if (n_missing == 0)
        subtitle = g_strdup_printf (ngettext ("%u translation to check",
                                              "%u translations to check", n_stale), n_stale);
      else
        subtitle = g_strdup_printf (_("%u untranslated, %u to check"), n_missing, n_stale);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (!is_default)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip =
        /* Translators: %s is a language; the button removes it and its translations from the survey */
        g_strdup_printf (_("Remove %s and Its Translations"), pl_language_get_name (language));

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove-language");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_string (language));
      /* Forms may have been keyed in it: a locked version keeps its languages. */
      gtk_widget_set_sensitive (remove, !self->locked);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static GMenuModel *
add_language_menu_new (PlSurveyEditor *self)
{
  const char *const *offered = pl_survey_get_languages (self->survey);
  GMenu *menu = g_menu_new ();

  for (const PlLanguage *language = pl_languages_get_all (); language->code != NULL; language++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = NULL;

      if (g_strv_contains (offered, language->code))
        continue;
      name = pl_language_display_name (language->code);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "editor.add-language",
                                               g_variant_new_string (language->code));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
build_settings (PlSurveyEditor *self)
{
  const char *id = pl_survey_get_id (self->survey);
  const char *const *languages = pl_survey_get_languages (self->survey);
  g_autoptr(GtkStringList) status_names = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  GtkWidget *group, *list, *row, *button, *content;
  guint status_position = 0;

  group = group_new (self, _("What Families Read First"),
                     _("The survey’s title, a few words about it and how to fill it in, in each "
                       "language"));
  list = boxed_list_new ();
  gtk_list_box_append (GTK_LIST_BOX (list),
                       text_row_new (self, PL_TEXT_OWNER_SURVEY, id, "title", _("Title"), FALSE));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       text_row_new (self, PL_TEXT_OWNER_SURVEY, id, "description",
                                     _("Description"), TRUE));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       text_row_new (self, PL_TEXT_OWNER_SURVEY, id, "instructions",
                                     _("Instructions"), TRUE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  group = group_new (self, _("Survey"), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Term, such as 2026-fall"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), pl_survey_get_term (self->survey)
                                             ? pl_survey_get_term (self->survey) : "");
  gtk_widget_set_name (row, "term");
  g_signal_connect_object (row, "changed", G_CALLBACK (on_term_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  status_names = gtk_string_list_new (NULL);
  gtk_string_list_append (status_names, C_("survey status", "Draft"));
  gtk_string_list_append (status_names, C_("survey status", "Open for Entry"));
  gtk_string_list_append (status_names, C_("survey status", "Closed"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], pl_survey_get_status (self->survey)) == 0)
      status_position = i;
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Status"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Forms are keyed only while the survey is open"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (status_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), status_position);
  gtk_widget_set_name (row, "status");
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_status_selected), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* The default language is chosen once, before the texts are written. */
  if (self->is_new)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      guint position = 0, i = 0;

      for (const PlLanguage *language = pl_languages_get_all (); language->code != NULL;
           language++, i++)
        {
          g_autofree char *name = pl_language_display_name (language->code);

          gtk_string_list_append (names, name);
          if (g_strcmp0 (language->code, pl_survey_get_default_language (self->survey)) == 0)
            position = i;
        }
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Default Language"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The language every text is written in first"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
      gtk_widget_set_name (row, "default-language");
      g_object_set_data (G_OBJECT (self), "pl-default-language", row);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_default_language_selected),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  group = group_new (self, _("Languages"),
                     _("Forms are printed and keyed in each of these languages"));
  gtk_widget_set_name (group, "languages");
  menu = add_language_menu_new (self);
  button = gtk_menu_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Language"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "add-language");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  for (guint i = 0; languages[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), language_row_new (self, languages[i]));
}

/* Answer labels shared by the scales */

static gboolean
survey_uses_kind (PlSurvey       *survey,
                  PlQuestionKind  kind)
{
  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    if (pl_question_get_kind (pl_survey_get_question (survey, i)) == kind)
      return TRUE;
  return FALSE;
}

static void
build_labels (PlSurveyEditor *self)
{
  static const struct {
    PlQuestionKind kind;
    const char *code;
  } scales[] = {
    { PL_QUESTION_AGREEMENT, "agreement" },
    { PL_QUESTION_FREQUENCY, "frequency" },
    { PL_QUESTION_YES_NO, "yes-no" },
  };
  gboolean any = FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autoptr(PlQuestion) sample = NULL;
      g_auto(GStrv) values = NULL;
      GtkWidget *group, *list;

      if (!survey_uses_kind (self->survey, scales[s].kind))
        continue;
      any = TRUE;
      sample = pl_question_new (scales[s].kind);
      pl_question_set_allow_na (sample, TRUE);
      values = pl_question_dup_values (sample);

      group = group_new (self, pl_question_kind_to_label (scales[s].kind),
                         _("Shared by every question of this kind, on paper and on screen"));
      list = boxed_list_new ();
      for (guint v = 0; values[v] != NULL; v++)
        {
          g_autofree char *owner = g_strdup_printf ("%s/%s", scales[s].code, values[v]);
          g_autofree char *key = pl_question_key_for_value (sample, values[v]);
          g_autofree char *title = NULL;

          if (g_str_equal (values[v], PL_ANSWER_NOT_APPLICABLE))
            /* Translators: %s is the key that picks “not applicable” at the entry desk */
            title = g_strdup_printf (_("Not applicable · key %s"), key);
          else
            /* Translators: a point of a scale and the key that picks it: “Answer 1 · key 1” */
            title = g_strdup_printf (_("Answer %u · key %s"), v + 1, key);
          gtk_list_box_append (GTK_LIST_BOX (list),
                               text_row_new (self, PL_TEXT_OWNER_SCALE, owner, "label", title,
                                             FALSE));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
    }

  if (!any)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-bullet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Scales Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Agreement, frequency and yes/no questions share their "
                                         "answer labels. They show here once a question uses one."));
      gtk_box_append (self->detail_box, status);
    }
}

/* A question */

static void
on_code_changed (PlSurveyEditor *self,
                 GtkEditable    *editable)
{
  PlQuestion *question = selected_question (self);
  g_autofree char *code = NULL;

  if (self->building || question == NULL)
    return;
  code = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  pl_question_set_code (question, code);
  set_modified (self);
  update_question_row (self, question);
}

static const PlQuestionKind kinds[] = {
  PL_QUESTION_AGREEMENT,
  PL_QUESTION_FREQUENCY,
  PL_QUESTION_SINGLE,
  PL_QUESTION_MULTIPLE,
  PL_QUESTION_YES_NO,
  PL_QUESTION_NUMBER,
  PL_QUESTION_SHORT_TEXT,
  PL_QUESTION_LONG_TEXT,
};

static gboolean
is_choice (PlQuestionKind kind)
{
  return kind == PL_QUESTION_SINGLE || kind == PL_QUESTION_MULTIPLE;
}

static void
remove_option_texts (PlSurveyEditor *self,
                     PlQuestion     *question,
                     const char     *value)
{
  g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (question), value);
  const char *const *languages = pl_survey_get_languages (self->survey);

  /* Translations first: the default text is what they are measured against. */
  for (guint i = g_strv_length ((char **) languages); i > 0; i--)
    pl_survey_set_text (self->survey, PL_TEXT_OWNER_OPTION, owner, "label", languages[i - 1], NULL);
}

static char *
unique_option_value (PlQuestion *question)
{
  const char *const *options = pl_question_get_options (question);

  for (guint n = 1;; n++)
    {
      g_autofree char *value = g_strdup_printf ("option%u", n);

      if (options == NULL || !g_strv_contains (options, value))
        return g_steal_pointer (&value);
    }
}

static void
on_kind_selected (PlSurveyEditor *self,
                  GParamSpec     *pspec,
                  AdwComboRow    *row)
{
  PlQuestion *question = selected_question (self);
  guint position = adw_combo_row_get_selected (row);
  PlQuestionKind kind;

  if (self->building || question == NULL || position >= G_N_ELEMENTS (kinds))
    return;
  kind = kinds[position];
  if (kind == pl_question_get_kind (question))
    return;

  /* Choice questions bring their options; other kinds have fixed answers. */
  if (is_choice (kind) && !is_choice (pl_question_get_kind (question)))
    {
      g_autofree char *first = unique_option_value (question);
      const char *values[] = { first, NULL, NULL };
      g_autofree char *second = NULL;

      pl_question_set_options (question, values);
      second = unique_option_value (question);
      values[1] = second;
      pl_question_set_options (question, values);
    }
  else if (!is_choice (kind) && is_choice (pl_question_get_kind (question)))
    {
      const char *const *options = pl_question_get_options (question);

      for (guint i = 0; options != NULL && options[i] != NULL; i++)
        remove_option_texts (self, question, options[i]);
      pl_question_set_options (question, NULL);
    }
  if (kind != PL_QUESTION_AGREEMENT && kind != PL_QUESTION_FREQUENCY)
    pl_question_set_allow_na (question, FALSE);
  if (kind != PL_QUESTION_NUMBER)
    pl_question_set_range (question, FALSE, 0, FALSE, 0);
  pl_question_set_kind (question, kind);

  set_modified (self);
  update_question_row (self, question);
  queue_rebuild (self, "kind");
}

static void
on_domain_selected (PlSurveyEditor *self,
                    GParamSpec     *pspec,
                    AdwComboRow    *row)
{
  PlQuestion *question = selected_question (self);
  const char *const *domains = pl_question_domains ();
  guint position = adw_combo_row_get_selected (row);

  if (self->building || question == NULL || position >= g_strv_length ((char **) domains))
    return;
  pl_question_set_domain (question, domains[position]);
  set_modified (self);
}

static void
on_required_changed (PlSurveyEditor *self,
                     GParamSpec     *pspec,
                     GtkSwitch      *toggle)
{
  PlQuestion *question = selected_question (self);

  if (self->building || question == NULL)
    return;
  pl_question_set_required (question, gtk_switch_get_active (toggle));
  set_modified (self);
}

static void
on_allow_na_changed (PlSurveyEditor *self,
                     GParamSpec     *pspec,
                     GtkSwitch      *toggle)
{
  PlQuestion *question = selected_question (self);

  if (self->building || question == NULL)
    return;
  pl_question_set_allow_na (question, gtk_switch_get_active (toggle));
  set_modified (self);
}

static void
on_range_changed (PlSurveyEditor *self)
{
  PlQuestion *question = selected_question (self);
  GtkSwitch *has_min = g_object_get_data (G_OBJECT (self), "pl-has-min");
  GtkSwitch *has_max = g_object_get_data (G_OBJECT (self), "pl-has-max");
  GtkSpinButton *min = g_object_get_data (G_OBJECT (self), "pl-min");
  GtkSpinButton *max = g_object_get_data (G_OBJECT (self), "pl-max");

  if (self->building || question == NULL || has_min == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (min), gtk_switch_get_active (has_min) && !self->locked);
  gtk_widget_set_sensitive (GTK_WIDGET (max), gtk_switch_get_active (has_max) && !self->locked);
  pl_question_set_range (question,
                         gtk_switch_get_active (has_min), gtk_spin_button_get_value (min),
                         gtk_switch_get_active (has_max), gtk_spin_button_get_value (max));
  set_modified (self);
}

static GtkWidget *
switch_row_new (const char *title,
                const char *subtitle,
                gboolean    active,
                const char *name,
                GtkWidget **toggle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  *toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (*toggle), active);
  gtk_widget_set_valign (*toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_name (*toggle, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *toggle);
  return row;
}

static GtkWidget *
range_row_new (PlSurveyEditor *self,
               const char     *title,
               gboolean        active,
               double          value,
               const char     *name)
{
  GtkWidget *toggle, *spin;
  GtkWidget *row = switch_row_new (title, NULL, active, name, &toggle);
  g_autofree char *spin_name = g_strconcat (name, "-value", NULL);

  spin = gtk_spin_button_new_with_range (-1000000, 1000000, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), fmod (value, 1) != 0 ? 2 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, active && !self->locked);
  gtk_widget_set_name (spin, spin_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  /* The spin goes before the switch. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_widget_insert_before (spin, gtk_widget_get_parent (toggle), toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_range_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_range_changed), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), g_str_equal (name, "has-min") ? "pl-has-min" : "pl-has-max",
                     toggle);
  g_object_set_data (G_OBJECT (self), g_str_equal (name, "has-min") ? "pl-min" : "pl-max", spin);
  return row;
}

/* Options of a choice question */

static gboolean
option_code_ok (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

/* An option's texts are filed under its value: a new value takes them along,
 * and the skip rules of later questions follow. */
typedef struct
{
  const char *owner_id;
  GPtrArray  *found;  /* language, text, source hash: three strings a text */
} OptionTexts;

static void
collect_option_text (PlTextOwner  owner,
                     const char  *owner_id,
                     const char  *field,
                     const char  *language,
                     const char  *text,
                     const char  *source_hash,
                     gpointer     user_data)
{
  OptionTexts *texts = user_data;

  if (owner != PL_TEXT_OWNER_OPTION || g_strcmp0 (owner_id, texts->owner_id) != 0 ||
      g_strcmp0 (field, "label") != 0)
    return;
  g_ptr_array_add (texts->found, g_strdup (language));
  g_ptr_array_add (texts->found, g_strdup (text));
  g_ptr_array_add (texts->found, g_strdup (source_hash));
}

static void
rename_option (PlSurveyEditor *self,
               PlQuestion     *question,
               guint           index,
               const char     *value)
{
  const char *question_id = pl_question_get_id (question);
  g_auto(GStrv) options = g_strdupv ((char **) pl_question_get_options (question));
  g_autofree char *old_owner = g_strdup_printf ("%s/%s", question_id, options[index]);
  g_autofree char *new_owner = g_strdup_printf ("%s/%s", question_id, value);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  OptionTexts texts = { old_owner, found };
  g_autofree char *old_value = g_strdup (options[index]);

  pl_survey_foreach_text (self->survey, collect_option_text, &texts);
  remove_option_texts (self, question, old_value);
  for (guint i = 0; i + 2 < found->len; i += 3)
    {
      pl_survey_load_text (self->survey, PL_TEXT_OWNER_OPTION, new_owner, "label",
                           found->pdata[i], found->pdata[i + 1], found->pdata[i + 2]);
    }

  g_free (options[index]);
  options[index] = g_strdup (value);
  pl_question_set_options (question, (const char *const *) options);

  for (guint i = 0; i < pl_survey_get_n_questions (self->survey); i++)
    {
      PlQuestion *other = pl_survey_get_question (self->survey, i);

      if (g_strcmp0 (pl_question_get_skip_question_id (other), question_id) == 0 &&
          g_strcmp0 (pl_question_get_skip_value (other), old_value) == 0)
        pl_question_set_skip_rule (other, question_id, value);
    }
}

static void
on_option_code_changed (PlSurveyEditor *self,
                        GtkEditable    *editable)
{
  PlQuestion *question = selected_question (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "pl-index"));
  const char *const *options;
  g_autofree char *value = NULL;
  const char *problem = NULL;

  if (self->building || question == NULL)
    return;
  options = pl_question_get_options (question);
  if (options == NULL || index >= g_strv_length ((char **) options))
    return;

  value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  if (!option_code_ok (value))
    problem = _("An option’s code is letters, digits and _");
  else
    for (guint i = 0; options[i] != NULL; i++)
      if (i != index && g_str_equal (options[i], value))
        problem = _("Another option has this code");

  /* Until the code is one the survey can take, the option keeps its old
   * one (and its texts); the field says what is wrong. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), problem);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (g_str_equal (options[index], value))
    return;

  rename_option (self, question, index, value);
  set_modified (self);

  /* The option's label row is filed under the new value now: the page is
   * built again, with the keyboard back in this field. */
  {
    g_autofree char *focus = g_strdup_printf ("option:%u", index);

    queue_rebuild (self, focus);
  }
}

static void
focus_option (PlSurveyEditor *self,
              guint           index,
              gboolean        label)
{
  GtkWidget *entry;

  if (index >= self->option_entries->len)
    return;
  entry = g_ptr_array_index (self->option_entries, index);
  if (label)
    {
      PlSurveyTextRow *row = g_object_get_data (G_OBJECT (entry), "pl-label-row");

      if (row != NULL)
        {
          gtk_widget_grab_focus (pl_survey_text_row_get_field (
            row, pl_survey_get_default_language (self->survey)));
          return;
        }
    }
  gtk_widget_grab_focus (entry);
}

static void
add_option_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  PlQuestion *question = selected_question (self);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) options = NULL;
  g_autofree char *value = NULL;
  const char *const *current;

  if (question == NULL || self->locked || !is_choice (pl_question_get_kind (question)))
    return;
  current = pl_question_get_options (question);
  if (current != NULL && g_strv_length ((char **) current) >= MAX_OPTIONS)
    {
      toast (self, _("A question has at most 9 options: one key each"));
      return;
    }
  builder = g_strv_builder_new ();
  if (current != NULL)
    g_strv_builder_addv (builder, (const char **) current);
  value = unique_option_value (question);
  g_strv_builder_add (builder, value);
  options = g_strv_builder_end (builder);
  pl_question_set_options (question, (const char *const *) options);
  set_modified (self);
  build_detail (self);
  focus_option (self, g_strv_length (options) - 1, TRUE);
}

static void
remove_option_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  PlQuestion *question = selected_question (self);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) options = NULL;
  g_autoptr(PlSurvey) before = NULL;
  const char *const *current;

  if (question == NULL || self->locked)
    return;
  current = pl_question_get_options (question);
  if (current == NULL || index >= g_strv_length ((char **) current))
    return;

  /* Undo puts this copy back: any later change drops it (set_modified()). */
  before = pl_survey_copy (self->survey);

  remove_option_texts (self, question, current[index]);
  builder = g_strv_builder_new ();
  for (guint i = 0; current[i] != NULL; i++)
    if (i != index)
      g_strv_builder_add (builder, current[i]);
  options = g_strv_builder_end (builder);
  pl_question_set_options (question, (const char *const *) options);
  set_modified (self);
  g_set_object (&self->undo_survey, before);
  build_detail (self);
  update_question_row (self, question);
  focus_option (self, MIN (index, g_strv_length (options) - 1), FALSE);

  {
    AdwToast *removed = adw_toast_new (_("Option removed"));

    adw_toast_set_button_label (removed, _("_Undo"));
    adw_toast_set_action_name (removed, "editor.undo");
    adw_toast_overlay_add_toast (self->toast_overlay, removed);
  }
}

static void
move_option_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  PlQuestion *question = selected_question (self);
  guint index, n;
  int direction;
  g_auto(GStrv) options = NULL;
  char *swap;

  g_variant_get (parameter, "(ui)", &index, &direction);
  if (question == NULL || self->locked || pl_question_get_options (question) == NULL)
    return;
  options = g_strdupv ((char **) pl_question_get_options (question));
  n = g_strv_length (options);
  if (index >= n || (int) index + direction < 0 || (int) index + direction >= (int) n)
    return;

  swap = options[index];
  options[index] = options[index + direction];
  options[index + direction] = swap;
  pl_question_set_options (question, (const char *const *) options);
  set_modified (self);
  build_detail (self);
  focus_option (self, index + direction, FALSE);
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  if (action != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
build_options (PlSurveyEditor *self,
               PlQuestion     *question)
{
  const char *const *options = pl_question_get_options (question);
  guint n = options ? g_strv_length ((char **) options) : 0;
  GtkWidget *group, *list, *add;

  group = group_new (self, _("Options"),
                     pl_question_get_kind (question) == PL_QUESTION_MULTIPLE
                       ? _("A family may tick several; each is keyed with its number")
                       : _("A family ticks one; it is keyed with its number"));
  gtk_widget_set_name (group, "options");
  list = boxed_list_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (question), options[i]);
      g_autofree char *key = pl_question_key_for_value (question, options[i]);
      /* Translators: the key that picks an option at the entry desk: “Key 3” */
      g_autofree char *key_text = g_strdup_printf (_("Key %s"), key ? key : "");
      g_autofree char *accessible = NULL;
      GtkWidget *row = text_row_new (self, PL_TEXT_OWNER_OPTION, owner, "label", NULL, FALSE);
      GtkBox *header = pl_survey_text_row_get_header (PL_SURVEY_TEXT_ROW (row));
      GtkWidget *label, *entry;

      label = gtk_label_new (key_text);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (header, label);

      entry = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (entry), options[i]);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("code"));
      gtk_widget_add_css_class (entry, "option-code");
      gtk_widget_set_tooltip_text (entry, _("The option’s code, as stored and exported"));
      /* Translators: read by a screen reader for an option's code field: “Code of option 2” */
      accessible = g_strdup_printf (_("Code of option %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_editable_set_editable (GTK_EDITABLE (entry), !self->locked);
      g_object_set_data (G_OBJECT (entry), "pl-index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (entry), "pl-label-row", row);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_option_code_changed), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (header, entry);
      g_ptr_array_add (self->option_entries, entry);

      label = gtk_label_new (NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (header, label);

      if (!self->locked)
        {
          GtkWidget *button;

          /* A button with an action takes its sensitivity from it: the
           * first and last options' have none. */
          button = icon_button_new ("go-up-symbolic", _("Move Option Up"),
                                    i > 0 ? "editor.move-option" : NULL,
                                    i > 0 ? g_variant_new ("(ui)", i, -1) : NULL);
          gtk_widget_set_sensitive (button, i > 0);
          gtk_box_append (header, button);
          button = icon_button_new ("go-down-symbolic", _("Move Option Down"),
                                    i + 1 < n ? "editor.move-option" : NULL,
                                    i + 1 < n ? g_variant_new ("(ui)", i, 1) : NULL);
          gtk_widget_set_sensitive (button, i + 1 < n);
          gtk_box_append (header, button);
          button = icon_button_new ("user-trash-symbolic", _("Remove Option"),
                                    "editor.remove-option", g_variant_new_uint32 (i));
          gtk_box_append (header, button);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  if (!self->locked)
    {
      GtkWidget *content = adw_button_content_new ();

      add = gtk_button_new ();
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Option"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (add), content);
      if (n < MAX_OPTIONS)
        gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "editor.add-option");
      else
        gtk_widget_set_tooltip_text (add, _("A question has at most 9 options: one key each"));
      gtk_widget_set_sensitive (add, n < MAX_OPTIONS);
      gtk_widget_set_name (add, "add-option");
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
    }
}

/* Skip rule */

static void
fill_skip_values (PlSurveyEditor *self,
                  PlQuestion     *rule_question,
                  const char     *selected_value)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto(GStrv) values = rule_question ? pl_question_dup_values (rule_question) : NULL;
  guint position = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = pl_survey_value_label (self->survey, rule_question, values[i],
                                                 pl_survey_get_default_language (self->survey),
                                                 NULL);
      g_autofree char *text = NULL;

      if (label != NULL && *label != '\0' && g_strcmp0 (label, values[i]) != 0)
        /* Translators: an answer in the skip rule's list: its label, then its code */
        text = g_strdup_printf (C_("skip value", "%s (%s)"), label, values[i]);
      else
        text = g_strdup (values[i]);
      gtk_string_list_append (labels, text);
      if (g_strcmp0 (values[i], selected_value) == 0)
        position = i;
    }
  g_object_set_data_full (G_OBJECT (self->skip_value_row), "pl-values", g_steal_pointer (&values),
                          (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (self->skip_value_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->skip_value_row, position);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_value_row), rule_question != NULL);
}

static void
on_skip_value_selected (PlSurveyEditor *self,
                        GParamSpec     *pspec,
                        AdwComboRow    *row)
{
  PlQuestion *question = selected_question (self);
  GStrv values = g_object_get_data (G_OBJECT (row), "pl-values");
  guint position = adw_combo_row_get_selected (row);

  if (self->building || question == NULL || values == NULL ||
      position >= g_strv_length (values) || pl_question_get_skip_question_id (question) == NULL)
    return;
  pl_question_set_skip_rule (question, pl_question_get_skip_question_id (question),
                             values[position]);
  set_modified (self);
}

static void
on_skip_question_selected (PlSurveyEditor *self,
                           GParamSpec     *pspec,
                           AdwComboRow    *row)
{
  PlQuestion *question = selected_question (self);
  guint position = adw_combo_row_get_selected (row);
  PlQuestion *rule_question = NULL;
  g_auto(GStrv) values = NULL;

  if (self->building || question == NULL || position >= self->skip_question_ids->len)
    return;

  if (position > 0)
    rule_question = pl_survey_find_question (self->survey,
                                             g_ptr_array_index (self->skip_question_ids, position));
  if (rule_question == NULL)
    pl_question_set_skip_rule (question, NULL, NULL);
  else
    {
      values = pl_question_dup_values (rule_question);
      pl_question_set_skip_rule (question, pl_question_get_id (rule_question),
                                 values && values[0] ? values[0] : NULL);
    }
  self->building = TRUE;
  fill_skip_values (self, rule_question, pl_question_get_skip_value (question));
  self->building = FALSE;
  set_modified (self);
}

static void
build_skip_rule (PlSurveyEditor *self,
                 PlQuestion     *question)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *rule_id = pl_question_get_skip_question_id (question);
  int index = pl_survey_question_index (self->survey, question);
  PlQuestion *rule_question = NULL;
  guint position = 0;
  GtkWidget *group;

  g_ptr_array_set_size (self->skip_question_ids, 0);
  gtk_string_list_append (names, _("Always"));
  g_ptr_array_add (self->skip_question_ids, NULL);

  /* Only an earlier question with answers to choose from can open this one. */
  for (int i = 0; i < index; i++)
    {
      PlQuestion *earlier = pl_survey_get_question (self->survey, i);
      g_auto(GStrv) values = pl_question_dup_values (earlier);
      const char *text = pl_survey_question_text (self->survey, earlier,
                                                  pl_survey_get_default_language (self->survey),
                                                  NULL);
      g_autofree char *name = NULL;

      if (values == NULL)
        continue;
      /* Translators: an earlier question in the skip rule's list: “2. attended — Did you attend…” */
      name = g_strdup_printf (C_("skip question", "%d. %s — %s"), i + 1,
                              pl_question_get_code (earlier) ? pl_question_get_code (earlier) : "",
                              text ? text : "");
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->skip_question_ids, g_strdup (pl_question_get_id (earlier)));
      if (g_strcmp0 (pl_question_get_id (earlier), rule_id) == 0)
        {
          position = self->skip_question_ids->len - 1;
          rule_question = earlier;
        }
    }

  group = group_new (self, _("Only Ask If"),
                     _("A question after an earlier one’s answer, such as “How did you attend?” "
                       "after “Did you attend?”, is skipped otherwise"));
  gtk_widget_set_name (group, "skip-rule");

  self->skip_question_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_question_row), _("_Question"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->skip_question_row), TRUE);
  adw_combo_row_set_model (self->skip_question_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->skip_question_row, position);
  gtk_widget_set_name (GTK_WIDGET (self->skip_question_row), "skip-question");
  gtk_widget_set_sensitive (GTK_WIDGET (self->skip_question_row), !self->locked);
  g_signal_connect_object (self->skip_question_row, "notify::selected",
                           G_CALLBACK (on_skip_question_selected), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->skip_question_row));

  self->skip_value_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_value_row), _("_Is Answered"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->skip_value_row), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->skip_value_row), "skip-value");
  gtk_widget_set_sensitive (GTK_WIDGET (self->skip_value_row), !self->locked);
  fill_skip_values (self, rule_question, pl_question_get_skip_value (question));
  g_signal_connect_object (self->skip_value_row, "notify::selected",
                           G_CALLBACK (on_skip_value_selected), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->skip_value_row));
}

static void
build_question (PlSurveyEditor *self,
                PlQuestion     *question)
{
  const char *id = pl_question_get_id (question);
  PlQuestionKind kind = pl_question_get_kind (question);
  int index = pl_survey_question_index (self->survey, question);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) domain_names = gtk_string_list_new (NULL);
  const char *const *domains = pl_question_domains ();
  g_autofree char *heading = NULL;
  GtkWidget *group, *list, *row, *toggle;
  guint position = 0;

  /* Translators: the heading of a question's page: “Question 3 of 20” */
  heading = g_strdup_printf (_("Question %d of %u"), index + 1,
                             pl_survey_get_n_questions (self->survey));
  group = group_new (self, heading, NULL);
  list = boxed_list_new ();
  gtk_list_box_append (GTK_LIST_BOX (list),
                       text_row_new (self, PL_TEXT_OWNER_QUESTION, id, "text", _("Question"),
                                     TRUE));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       text_row_new (self, PL_TEXT_OWNER_QUESTION, id, "hint",
                                     _("Hint, printed under the question (optional)"), TRUE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  if (is_choice (kind))
    build_options (self, question);

  group = group_new (self, _("Answer"), NULL);
  gtk_widget_set_name (group, "answer");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gtk_string_list_append (kind_names, pl_question_kind_to_label (kinds[i]));
      if (kinds[i] == kind)
        position = i;
    }
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_selected (self->kind_row, position);
  gtk_widget_set_name (GTK_WIDGET (self->kind_row), "kind");
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Code, as stored and exported"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), pl_question_get_code (question)
                                             ? pl_question_get_code (question) : "");
  gtk_widget_set_name (row, "code");
  g_signal_connect_object (row, "changed", G_CALLBACK (on_code_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (self), "pl-code-row", row);

  position = 0;
  for (guint i = 0; domains[i] != NULL; i++)
    {
      gtk_string_list_append (domain_names, pl_question_domain_to_label (domains[i]));
      if (g_strcmp0 (domains[i], pl_question_get_domain (question)) == 0)
        position = i;
    }
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Domain"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Where it counts in the satisfaction figures"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (domain_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  gtk_widget_set_name (row, "domain");
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_domain_selected), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  /* Set before the survey took a domain: what it shows is what it stores. */
  if (pl_question_get_domain (question) == NULL && domains[0] != NULL)
    pl_question_set_domain (question, domains[position]);

  row = switch_row_new (_("_Required"), _("The entry desk does not move on without an answer"),
                        pl_question_get_required (question), "required", &toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_required_changed), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  if (kind == PL_QUESTION_AGREEMENT || kind == PL_QUESTION_FREQUENCY)
    {
      row = switch_row_new (_("“Not Applicable” Offered"),
                            _("A sixth box on paper, keyed with 0"),
                            pl_question_get_allow_na (question), "allow-na", &toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_allow_na_changed), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (kind == PL_QUESTION_NUMBER)
    {
      double min = 0, max = 0;
      gboolean has_min = FALSE, has_max = FALSE;

      pl_question_get_range (question, &min, &has_min, &max, &has_max);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 range_row_new (self, _("_Lowest Answer"), has_min, min,
                                                "has-min"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 range_row_new (self, _("_Highest Answer"), has_max, max,
                                                "has-max"));
    }
  /* A locked version's question means what it meant when forms were keyed. */
  gtk_widget_set_sensitive (group, !self->locked);

  build_skip_rule (self, question);
}

static void
build_detail (PlSurveyEditor *self)
{
  GtkWidget *child;
  PlQuestion *question;
  gboolean building = self->building;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean had_focus = focus != NULL &&
                       (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->detail_box)) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns_header)));

  self->building = TRUE;
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  g_ptr_array_set_size (self->text_rows, 0);
  g_ptr_array_set_size (self->option_entries, 0);
  self->kind_row = NULL;
  self->skip_question_row = NULL;
  self->skip_value_row = NULL;
  g_object_set_data (G_OBJECT (self), "pl-has-min", NULL);
  g_object_set_data (G_OBJECT (self), "pl-has-max", NULL);
  g_object_set_data (G_OBJECT (self), "pl-min", NULL);
  g_object_set_data (G_OBJECT (self), "pl-max", NULL);
  g_object_set_data (G_OBJECT (self), "pl-code-row", NULL);
  g_object_set_data (G_OBJECT (self), "pl-default-language", NULL);

  update_columns_header (self);
  self->building = TRUE;

  question = selected_question (self);
  if (question != NULL)
    build_question (self, question);
  else if (g_strcmp0 (self->selected, ITEM_LABELS) == 0)
    build_labels (self);
  else
    build_settings (self);

  self->building = building;
  update_actions (self);

  /* The keyboard was on the page that went: it goes to the sidebar's row
   * (callers that know better move it on). */
  if (had_focus && gtk_list_box_get_selected_row (self->nav_list) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (self->nav_list)));
}

/* A page is built again after the change a widget on it reported, not
 * while that widget is still telling of it: the focus goes back to the
 * widget of the same name on the new page, and the view stays put. */
static gboolean
rebuild_cb (gpointer user_data)
{
  PlSurveyEditor *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->detail_scroller);
  double scroll = gtk_adjustment_get_value (adjustment);
  g_autofree char *focus = g_steal_pointer (&self->rebuild_focus);
  GtkWidget *widget = NULL;

  self->rebuild_source = 0;
  build_detail (self);
  gtk_adjustment_set_value (adjustment, scroll);

  if (focus != NULL && g_str_has_prefix (focus, "option:"))
    {
      guint index = (guint) g_ascii_strtoull (focus + strlen ("option:"), NULL, 10);

      if (index < self->option_entries->len)
        {
          widget = g_ptr_array_index (self->option_entries, index);
          gtk_widget_grab_focus (widget);
          gtk_editable_set_position (GTK_EDITABLE (widget), -1);
        }
    }
  else if (focus != NULL && (widget = _pl_survey_editor_find_widget (self, focus)) != NULL)
    gtk_widget_grab_focus (widget);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (PlSurveyEditor *self,
               const char     *focus)
{
  g_free (self->rebuild_focus);
  self->rebuild_focus = g_strdup (focus);
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

/* Whole-survey changes */

static void
update_actions (PlSurveyEditor *self)
{
  PlQuestion *question = selected_question (self);
  int index = question ? pl_survey_question_index (self->survey, question) : -1;
  guint n = pl_survey_get_n_questions (self->survey);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-question", !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-question",
                                 !self->locked && question != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-up",
                                 !self->locked && question != NULL && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-down",
                                 !self->locked && question != NULL && index + 1 < (int) n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-option",
                                 !self->locked && question != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-option", !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-option", !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-language", !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", self->undo_survey != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->modified);
}

static void
rebuild_all (PlSurveyEditor *self)
{
  fix_compare (self);
  rebuild_sidebar (self);
  build_detail (self);
  update_title (self);
}

static char *
unique_question_code (PlSurvey *survey)
{
  for (guint n = pl_survey_get_n_questions (survey) + 1;; n++)
    {
      g_autofree char *code = g_strdup_printf ("q%u", n);

      if (pl_survey_find_question_by_code (survey, code) == NULL)
        return g_steal_pointer (&code);
    }
}

static void
focus_default_text (PlSurveyEditor *self)
{
  if (self->text_rows->len > 0)
    gtk_widget_grab_focus (pl_survey_text_row_get_field (
      g_ptr_array_index (self->text_rows, 0), pl_survey_get_default_language (self->survey)));
}

static void
add_question_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  PlQuestion *selected = selected_question (self);
  g_autoptr(PlQuestion) question = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autofree char *code = unique_question_code (self->survey);
  const char *const *domains = pl_question_domains ();
  int position = -1;

  if (self->locked)
    return;

  /* After the question shown, as a person writes them in order. */
  if (selected != NULL)
    position = pl_survey_question_index (self->survey, selected) + 1;
  if (position >= (int) pl_survey_get_n_questions (self->survey))
    position = -1;
  pl_question_set_code (question, code);
  /* The same domain as the question before it: questions come in groups. */
  pl_question_set_domain (question, selected && pl_question_get_domain (selected)
                                      ? pl_question_get_domain (selected) : domains[0]);
  pl_survey_insert_question (self->survey, position, question);

  g_free (self->selected);
  self->selected = g_strdup (pl_question_get_id (question));
  set_modified (self);
  rebuild_sidebar (self);
  build_detail (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  focus_default_text (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);

  if (self->undo_survey == NULL)
    return;
  g_set_object (&self->survey, self->undo_survey);
  g_clear_object (&self->undo_survey);
  set_modified (self);
  rebuild_all (self);
}

static void
remove_question_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  PlQuestion *question = selected_question (self);
  int index;
  guint n;
  AdwToast *removed;
  g_autofree char *title = NULL;
  g_autoptr(PlSurvey) before = NULL;

  if (question == NULL || self->locked)
    return;

  /* Undo puts this copy back: any later change drops it (set_modified()). */
  before = pl_survey_copy (self->survey);

  index = pl_survey_question_index (self->survey, question);
  /* Translators: a toast after a question was removed; %s is its code */
  title = g_strdup_printf (_("Question %s removed"), pl_question_get_code (question)
                                                     ? pl_question_get_code (question) : "");
  pl_survey_remove_question (self->survey, question);
  n = pl_survey_get_n_questions (self->survey);

  g_free (self->selected);
  if (n == 0)
    self->selected = g_strdup (ITEM_SETTINGS);
  else
    self->selected = g_strdup (pl_question_get_id (
      pl_survey_get_question (self->survey, MIN ((guint) index, n - 1))));
  set_modified (self);
  g_set_object (&self->undo_survey, before);
  rebuild_sidebar (self);
  build_detail (self);
  if (gtk_list_box_get_selected_row (self->nav_list) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (self->nav_list)));

  removed = adw_toast_new (title);
  adw_toast_set_button_label (removed, _("_Undo"));
  adw_toast_set_action_name (removed, "editor.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, removed);
}

static void
move_question (PlSurveyEditor *self,
               int             direction)
{
  PlQuestion *question = selected_question (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->nav_list));
  int index, target;

  if (question == NULL || self->locked)
    return;
  index = pl_survey_question_index (self->survey, question);
  target = index + direction;
  if (target < 0 || target >= (int) pl_survey_get_n_questions (self->survey))
    return;

  pl_survey_move_question (self->survey, question, target);
  set_modified (self);
  rebuild_sidebar (self);
  /* The page shows "Question N of M" and the earlier questions a rule may use. */
  build_detail (self);
  if (in_list && gtk_list_box_get_selected_row (self->nav_list) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (self->nav_list)));
  update_actions (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_question (PL_SURVEY_EDITOR (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_question (PL_SURVEY_EDITOR (widget), 1);
}

static void
add_language_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  const char *language = g_variant_get_string (parameter, NULL);

  if (pl_language_lookup (language) == NULL ||
      g_strv_contains (pl_survey_get_languages (self->survey), language))
    return;
  pl_survey_add_language (self->survey, language);
  /* The language just added is the one to translate now. */
  g_free (self->compare[0]);
  self->compare[0] = g_strdup (language);
  set_modified (self);
  rebuild_all (self);
}

static void
remove_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  const char *language = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;
  g_autoptr(PlSurvey) before = NULL;
  AdwToast *removed;

  if (self->locked || g_strcmp0 (language, pl_survey_get_default_language (self->survey)) == 0 ||
      !g_strv_contains (pl_survey_get_languages (self->survey), language))
    return;

  /* Undo puts this copy back: any later change drops it (set_modified()). */
  before = pl_survey_copy (self->survey);
  /* Translators: a toast after a language and its translations left a survey */
  title = g_strdup_printf (_("%s removed"), pl_language_get_name (language));
  pl_survey_remove_language (self->survey, language);
  set_modified (self);
  g_set_object (&self->undo_survey, before);
  rebuild_all (self);

  removed = adw_toast_new (title);
  adw_toast_set_button_label (removed, _("_Undo"));
  adw_toast_set_action_name (removed, "editor.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, removed);
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);

  if (self->compare[0] == NULL || self->compare[1] != NULL || self->compare_choices == NULL)
    return;
  for (guint i = 0; self->compare_choices[i] != NULL; i++)
    if (!g_str_equal (self->compare_choices[i], self->compare[0]))
      {
        self->compare[1] = g_strdup (self->compare_choices[i]);
        break;
      }
  build_detail (self);
  update_question_rows (self);
  if (g_object_get_data (G_OBJECT (self), "pl-compare-1") != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (self), "pl-compare-1"));
}

static void
remove_column_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);

  g_clear_pointer (&self->compare[1], g_free);
  build_detail (self);
  update_question_rows (self);
  if (g_object_get_data (G_OBJECT (self), "pl-compare-0") != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (self), "pl-compare-0"));
}

static void
show_languages_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (widget);
  GtkWidget *button;

  select_item (self, ITEM_SETTINGS);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  button = _pl_survey_editor_find_widget (self, "add-language");
  if (button != NULL)
    {
      gtk_widget_grab_focus (button);
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    }
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_navigate (PL_SURVEY_EDITOR (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Saving */

static gboolean
question_code_ok (const char *code)
{
  if (code == NULL || !(g_ascii_isalpha (*code) || *code == '_'))
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

/* Where the core's complaint is: the first question a simple look finds
 * wrong, or the survey's own settings (its title). */
static const char *
problem_item (PlSurveyEditor *self)
{
  const char *title = pl_survey_get_title (self->survey);

  if (title == NULL || *title == '\0')
    return ITEM_SETTINGS;
  for (guint i = 0; i < pl_survey_get_n_questions (self->survey); i++)
    {
      PlQuestion *question = pl_survey_get_question (self->survey, i);
      const char *code = pl_question_get_code (question);
      const char *text = pl_survey_question_text (self->survey, question,
                                                  pl_survey_get_default_language (self->survey),
                                                  NULL);
      const char *const *options = pl_question_get_options (question);
      guint n_options = options ? g_strv_length ((char **) options) : 0;
      double min, max;
      gboolean has_min, has_max;
      const char *rule = pl_question_get_skip_question_id (question);

      if (!question_code_ok (code) || text == NULL || *text == '\0')
        return pl_question_get_id (question);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (pl_question_get_code (pl_survey_get_question (self->survey, j)), code) == 0)
          return pl_question_get_id (question);
      if (is_choice (pl_question_get_kind (question)) && (n_options < 2 || n_options > MAX_OPTIONS))
        return pl_question_get_id (question);
      pl_question_get_range (question, &min, &has_min, &max, &has_max);
      if (has_min && has_max && min > max)
        return pl_question_get_id (question);
      if (rule != NULL)
        {
          PlQuestion *rule_question = pl_survey_find_question (self->survey, rule);
          g_auto(GStrv) values = rule_question ? pl_question_dup_values (rule_question) : NULL;

          if (rule_question == NULL ||
              pl_survey_question_index (self->survey, rule_question) >= (int) i ||
              values == NULL || !g_strv_contains ((const char *const *) values,
                                                  pl_question_get_skip_value (question)))
            return pl_question_get_id (question);
        }
    }
  return NULL;
}

static gboolean
save (PlSurveyEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *item;

  /* An option code still being corrected would be lost: say so first. */
  for (guint i = 0; i < self->option_entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->option_entries, i);

      if (gtk_widget_has_css_class (entry, "error"))
        {
          show_error (self, gtk_widget_get_tooltip_text (entry));
          gtk_widget_grab_focus (entry);
          return FALSE;
        }
    }

  if (pl_store_save_survey (self->store, self->survey, &error))
    {
      gboolean was_locked = self->locked;

      show_error (self, NULL);
      for (guint i = 0; i < self->text_rows->len; i++)
        pl_survey_text_row_set_problem (g_ptr_array_index (self->text_rows, i), FALSE);
      self->modified = FALSE;
      self->is_new = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      self->locked = pl_survey_get_locked (self->survey);
      update_title (self);
      if (was_locked != self->locked)
        rebuild_all (self);
      /* The default language is chosen: the settings page no longer offers it. */
      else if (g_strcmp0 (self->selected, ITEM_SETTINGS) == 0 &&
               g_object_get_data (G_OBJECT (self), "pl-default-language") != NULL)
        build_detail (self);
      g_signal_emit (self, signals[SAVED], 0, pl_survey_get_id (self->survey));
      toast (self, _("Survey saved"));
      return TRUE;
    }

  /* Nothing typed is lost: the copy keeps it all, to be put right and saved. */
  show_error (self, error->message);
  item = problem_item (self);
  if (item != NULL && g_strcmp0 (item, self->selected) != 0)
    select_item (self, item);
  if (item != NULL && self->text_rows->len > 0 &&
      (g_str_equal (item, ITEM_SETTINGS) || pl_survey_find_question (self->survey, item)))
    {
      PlQuestion *question = selected_question (self);
      GtkWidget *code_row = g_object_get_data (G_OBJECT (self), "pl-code-row");
      const char *text = question ? pl_survey_question_text (self->survey, question,
                                                             pl_survey_get_default_language (self->survey),
                                                             NULL) : NULL;

      if (question != NULL && text != NULL && *text != '\0' && code_row != NULL)
        gtk_widget_grab_focus (code_row);
      else
        {
          pl_survey_text_row_set_problem (g_ptr_array_index (self->text_rows, 0), TRUE);
          focus_default_text (self);
        }
    }
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (PL_SURVEY_EDITOR (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
close_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PlSurveyEditor   *self)
{
  if (g_strcmp0 (response, "discard") == 0 ||
      (g_strcmp0 (response, "save") == 0 && save (self)))
    {
      self->close_confirmed = TRUE;
      /* Once the dialog, which belongs to this window, is done with. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
    }
}

static gboolean
pl_survey_editor_close_request (GtkWindow *window)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (window);
  GtkWidget *dialog;

  if (!self->modified || self->close_confirmed)
    return GTK_WINDOW_CLASS (pl_survey_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   _("The survey has changes that are not saved. Without saving, "
                                     "they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

PlSurveyEditor *
pl_survey_editor_new (GtkWindow *parent,
                      PlStore   *store,
                      PlSurvey  *survey)
{
  PlSurveyEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (!survey || PL_IS_SURVEY (survey), NULL);

  self = g_object_new (PL_TYPE_SURVEY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  if (survey != NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 n_responses = pl_store_count_responses (store, pl_survey_get_id (survey), &error);

      self->survey = pl_survey_copy (survey);
      if (n_responses < 0)
        g_warning ("Could not count a survey's responses: %s", error->message);
      self->locked = pl_survey_get_locked (survey) || n_responses > 0;
    }
  else
    {
      self->survey = pl_survey_new ("en");
      self->is_new = TRUE;
    }

  gtk_revealer_set_reveal_child (self->locked_revealer, self->locked);
  self->selected = g_strdup (ITEM_SETTINGS);
  rebuild_all (self);
  update_actions (self);
  /* A new survey starts with its title. */
  if (self->is_new)
    focus_default_text (self);
  return self;
}

const char *
pl_survey_editor_get_survey_id (PlSurveyEditor *self)
{
  g_return_val_if_fail (PL_IS_SURVEY_EDITOR (self), NULL);

  return pl_survey_get_id (self->survey);
}

gboolean
pl_survey_editor_get_modified (PlSurveyEditor *self)
{
  g_return_val_if_fail (PL_IS_SURVEY_EDITOR (self), FALSE);

  return self->modified;
}

PlSurvey *
_pl_survey_editor_get_survey (PlSurveyEditor *self)
{
  return self->survey;
}

void
_pl_survey_editor_select (PlSurveyEditor *self,
                          const char     *item)
{
  select_item (self, item);
}

const char *
_pl_survey_editor_get_selected (PlSurveyEditor *self)
{
  return self->selected;
}

GtkWidget *
_pl_survey_editor_get_text_field (PlSurveyEditor *self,
                                  PlTextOwner     owner,
                                  const char     *owner_id,
                                  const char     *field,
                                  const char     *language)
{
  for (guint i = 0; i < self->text_rows->len; i++)
    {
      PlSurveyTextRow *row = g_ptr_array_index (self->text_rows, i);

      if (_pl_survey_text_row_is (row, owner, owner_id, field))
        return pl_survey_text_row_get_field (row, language);
    }
  return NULL;
}

PlSurveyTextRow *
_pl_survey_editor_get_text_row (PlSurveyEditor *self,
                                PlTextOwner     owner,
                                const char     *owner_id,
                                const char     *field)
{
  for (guint i = 0; i < self->text_rows->len; i++)
    {
      PlSurveyTextRow *row = g_ptr_array_index (self->text_rows, i);

      if (_pl_survey_text_row_is (row, owner, owner_id, field))
        return row;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
_pl_survey_editor_find_widget (PlSurveyEditor *self,
                               const char     *name)
{
  return find_named (GTK_WIDGET (self), name);
}

const char *
_pl_survey_editor_get_error (PlSurveyEditor *self)
{
  return gtk_revealer_get_reveal_child (self->error_revealer)
           ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
_pl_survey_editor_get_locked_shown (PlSurveyEditor *self)
{
  return gtk_revealer_get_reveal_child (self->locked_revealer);
}

const char *const *
_pl_survey_editor_get_compared (PlSurveyEditor *self)
{
  return (const char *const *) self->compare;
}

void
_pl_survey_editor_set_compared (PlSurveyEditor *self,
                                const char     *first,
                                const char     *second)
{
  g_free (self->compare[0]);
  g_free (self->compare[1]);
  self->compare[0] = g_strdup (first);
  self->compare[1] = g_strdup (second);
  fix_compare (self);
  build_detail (self);
  update_question_rows (self);
}

static void
pl_survey_editor_dispose (GObject *object)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SURVEY_EDITOR);
  g_clear_pointer (&self->text_rows, g_ptr_array_unref);
  g_clear_pointer (&self->option_entries, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->survey);
  g_clear_object (&self->undo_survey);

  G_OBJECT_CLASS (pl_survey_editor_parent_class)->dispose (object);
}

static void
pl_survey_editor_finalize (GObject *object)
{
  PlSurveyEditor *self = PL_SURVEY_EDITOR (object);

  g_free (self->selected);
  g_free (self->rebuild_focus);
  g_free (self->compare[0]);
  g_free (self->compare[1]);
  g_strfreev (self->compare_choices);
  g_clear_pointer (&self->skip_question_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_survey_editor_parent_class)->finalize (object);
}

static void
pl_survey_editor_class_init (PlSurveyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pl_survey_editor_dispose;
  object_class->finalize = pl_survey_editor_finalize;
  window_class->close_request = pl_survey_editor_close_request;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PL_TYPE_SURVEY_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-survey-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, nav_list);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, locked_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, columns_header);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyEditor, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_nav_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_nav_row_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.add-question", NULL, add_question_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-question", NULL,
                                   remove_question_action);
  gtk_widget_class_install_action (widget_class, "editor.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "editor.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "editor.add-option", NULL, add_option_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-option", "u",
                                   remove_option_action);
  gtk_widget_class_install_action (widget_class, "editor.move-option", "(ui)", move_option_action);
  gtk_widget_class_install_action (widget_class, "editor.add-language", "s", add_language_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-language", "s",
                                   remove_language_action);
  gtk_widget_class_install_action (widget_class, "editor.add-column", NULL, add_column_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-column", NULL,
                                   remove_column_action);
  gtk_widget_class_install_action (widget_class, "editor.show-languages", NULL,
                                   show_languages_action);
  gtk_widget_class_install_action (widget_class, "editor.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "editor.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "editor.add-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "editor.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "editor.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "editor.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "editor.move-down", NULL);
}

static void
pl_survey_editor_init (PlSurveyEditor *self)
{
  self->text_rows = g_ptr_array_new ();
  self->option_entries = g_ptr_array_new ();
  self->skip_question_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->nav_list, nav_header_func, NULL, NULL);
}

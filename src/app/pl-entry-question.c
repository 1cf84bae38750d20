/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-entry-question.h"
#include "pl-languages.h"

/* How long a refused key's blink lasts. */
#define FLASH_MS 350

struct _PlEntryQuestion
{
  GtkWidget   parent_instance;

  PlSurvey   *survey;
  PlQuestion *question;
  guint       number;
  char       *form_language;
  char       *staff_language;
  char       *value;
  char       *message;
  gboolean    skipped;
  GStrv       values;      /* one-key kinds: the values in key order */
  GPtrArray  *choices;     /* one-key kinds: a choice widget per value */
  GtkWidget  *input;       /* number and text kinds: GtkEntry or GtkTextView */
  GtkWidget  *choice_box;  /* one-key kinds: GtkFlowBox */
  char       *preedit;
  gboolean    setting_value;

  GtkLabel   *number_label;
  GtkLabel   *form_text_label;
  GtkWidget  *fallback_icon;
  GtkLabel   *staff_text_label;
  GtkLabel   *hint_label;
  GtkWidget  *required_label;
  GtkLabel   *keys_label;
  GtkBox     *answer_box;
  GtkLabel   *skip_label;
  GtkWidget  *message_box;
  GtkLabel   *message_label;
};

G_DEFINE_FINAL_TYPE (PlEntryQuestion, pl_entry_question, GTK_TYPE_WIDGET)

enum {
  CHOICE_CLICKED,
  INPUT_CHANGED,
  INPUT_ACTIVATE,
  PRESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
pl_entry_language_is_rtl (const char *language)
{
  const PlLanguage *known = language ? pl_language_lookup (language) : NULL;

  return known != NULL && known->rtl;
}

char *
pl_entry_fallback_tooltip (const char *default_language)
{
  /* Translators: %s is a language name: the text is missing in the form's
   * language, so the survey's default language shows instead */
  return g_strdup_printf (_("Not translated: shown in %s"), pl_language_get_name (default_language));
}

/* Right to left for Arabic and Dari whatever the window's direction; other
 * languages follow the window. */
static void
set_text_direction (GtkWidget  *widget,
                    const char *language)
{
  gtk_widget_set_direction (widget, pl_entry_language_is_rtl (language) ? GTK_TEXT_DIR_RTL
                                                                        : GTK_TEXT_DIR_NONE);
}

/* Cards: the desk's own (form code, language, save) use these too */

static gboolean
unflash_cb (gpointer user_data)
{
  GtkWidget *card = user_data;

  gtk_widget_remove_css_class (card, "flash");
  /* This source ends by returning; it is not to be removed again. */
  g_object_steal_data (G_OBJECT (card), "pl-flash-source");
  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

void
pl_entry_card_flash (GtkWidget *card)
{
  guint source;

  gtk_widget_error_bell (card);
  gtk_widget_add_css_class (card, "flash");
  /* A new blink restarts the old one's clock. */
  g_object_set_data (G_OBJECT (card), "pl-flash-source", NULL);
  source = g_timeout_add_full (G_PRIORITY_DEFAULT, FLASH_MS, unflash_cb, card, NULL);
  g_object_set_data_full (G_OBJECT (card), "pl-flash-source", GUINT_TO_POINTER (source),
                          remove_source);
}

void
pl_entry_card_set_current (GtkWidget *card,
                           gboolean   current)
{
  if (current)
    gtk_widget_add_css_class (card, "current");
  else
    gtk_widget_remove_css_class (card, "current");
}

/* Choices */

static void
on_choice_clicked (GtkButton *button,
                   gpointer   user_data)
{
  PlEntryQuestion *self = user_data;
  const char *value = g_object_get_data (G_OBJECT (button), "pl-value");

  g_signal_emit (self, signals[CHOICE_CLICKED], 0, value);
}

GtkWidget *
pl_entry_choice_new (const char *key,
                     gboolean    stacked)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (stacked ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL,
                                stacked ? 4 : 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *keycap = gtk_label_new (key);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *staff = gtk_label_new (NULL);
  float xalign = stacked ? 0.5 : 0;

  /* Keys choose; a click is for the mouse, and Tab never stops here. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "entry-choice");

  /* A scale's points stack their key over the label, as boxes on paper,
   * so five or six of them fit on one line. */
  gtk_widget_add_css_class (keycap, "entry-keycap");
  gtk_widget_set_valign (keycap, stacked ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_set_halign (keycap, stacked ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_box_append (GTK_BOX (box), keycap);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (text), stacked ? 10 : 14);
  gtk_label_set_xalign (GTK_LABEL (text), xalign);
  if (stacked)
    gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (texts), text);

  gtk_label_set_wrap (GTK_LABEL (staff), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (staff), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (staff), stacked ? 10 : 14);
  gtk_label_set_xalign (GTK_LABEL (staff), xalign);
  if (stacked)
    gtk_label_set_justify (GTK_LABEL (staff), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (staff, "dim-label");
  gtk_widget_add_css_class (staff, "caption");
  gtk_widget_set_visible (staff, FALSE);
  gtk_box_append (GTK_BOX (texts), staff);

  gtk_widget_set_valign (texts, stacked ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_button_set_child (GTK_BUTTON (button), box);

  /* Children of the button: they live as long as it does. */
  g_object_set_data (G_OBJECT (button), "pl-key", keycap);
  g_object_set_data (G_OBJECT (button), "pl-label", text);
  g_object_set_data (G_OBJECT (button), "pl-staff-label", staff);
  return button;
}

void
pl_entry_choice_set_labels (GtkWidget  *choice,
                            const char *label,
                            const char *label_language,
                            const char *fallback_tooltip,
                            const char *staff_label)
{
  GtkLabel *text = g_object_get_data (G_OBJECT (choice), "pl-label");
  GtkLabel *staff = g_object_get_data (G_OBJECT (choice), "pl-staff-label");
  GtkLabel *keycap = g_object_get_data (G_OBJECT (choice), "pl-key");
  gboolean show_staff = staff_label != NULL && g_strcmp0 (staff_label, label) != 0;
  g_autofree char *accessible = NULL;

  /* Only what changed is set: switching a form's language is instant. */
  if (g_strcmp0 (gtk_label_get_text (text), label ? label : "") != 0)
    gtk_label_set_text (text, label ? label : "");
  set_text_direction (GTK_WIDGET (text), label_language);
  if (fallback_tooltip != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (text), "entry-fallback");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (text), "entry-fallback");
  gtk_widget_set_tooltip_text (choice, fallback_tooltip);

  if (show_staff && g_strcmp0 (gtk_label_get_text (staff), staff_label) != 0)
    gtk_label_set_text (staff, staff_label);
  gtk_widget_set_visible (GTK_WIDGET (staff), show_staff);

  /* Translators: read by a screen reader for one answer: its key and label */
  accessible = g_strdup_printf (_("%s: %s"), gtk_label_get_text (keycap), label ? label : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

void
pl_entry_choice_set_selected (GtkWidget *choice,
                              gboolean   selected)
{
  if (selected)
    gtk_widget_add_css_class (choice, "selected");
  else
    gtk_widget_remove_css_class (choice, "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
}

static gboolean
value_has (const char *value,
           const char *item)
{
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return FALSE;
  parts = g_strsplit (value, " ", -1);
  return g_strv_contains ((const char *const *) parts, item);
}

static void
show_selection (PlEntryQuestion *self)
{
  gboolean multiple = pl_question_get_kind (self->question) == PL_QUESTION_MULTIPLE;

  for (guint i = 0; self->choices != NULL && i < self->choices->len; i++)
    pl_entry_choice_set_selected (self->choices->pdata[i],
                                  multiple ? value_has (self->value, self->values[i])
                                           : g_strcmp0 (self->value, self->values[i]) == 0);
}

/* The answers' labels in the form's language and the staff's. */
static void
show_choices (PlEntryQuestion *self)
{
  const char *form = self->form_language;
  const char *staff = self->staff_language;
  const char *default_language = pl_survey_get_default_language (self->survey);
  g_autofree char *tooltip = pl_entry_fallback_tooltip (default_language);

  for (guint i = 0; i < self->choices->len; i++)
    {
      const char *value = self->values[i];
      gboolean fell_back = FALSE, staff_fell_back = FALSE;
      const char *label = pl_survey_value_label (self->survey, self->question, value, form,
                                                 &fell_back);
      const char *staff_label = NULL;

      if (staff != NULL && g_strcmp0 (staff, form) != 0)
        staff_label = pl_survey_value_label (self->survey, self->question, value, staff,
                                             &staff_fell_back);
      pl_entry_choice_set_labels (self->choices->pdata[i], label ? label : value,
                                  fell_back ? default_language : form,
                                  fell_back ? tooltip : NULL, staff_label);
    }
}

static void
build_choices (PlEntryQuestion *self)
{
  guint n_values = g_strv_length (self->values);
  gboolean scale = pl_question_kind_is_scale (pl_question_get_kind (self->question));

  /* A scale reads as one line; choices in columns of up to three. */
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->choice_box),
                                          scale ? MAX (n_values, 1) : MIN (MAX (n_values, 1), 3));
  /* A narrow window folds a scale in two rather than growing. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->choice_box),
                                          scale ? (n_values + 1) / 2 : 1);

  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *key = pl_question_key_for_value (self->question, self->values[i]);
      GtkWidget *choice = pl_entry_choice_new (key ? key : "", scale);

      g_object_set_data_full (G_OBJECT (choice), "pl-value", g_strdup (self->values[i]), g_free);
      g_signal_connect (choice, "clicked", G_CALLBACK (on_choice_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->choice_box), choice);
      gtk_widget_set_focusable (gtk_widget_get_parent (choice), FALSE);
      g_ptr_array_add (self->choices, choice);
    }
  show_choices (self);
  show_selection (self);
}

/* Fields */

/* Digits of any script as ASCII and a decimal comma as a point, so a
 * number keyed on an Arabic or a Spanish keyboard is stored as the paper
 * means it. */
static char *
normalize_number (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (g_unichar_isspace (c))
        continue;
      if (digit >= 0)
        g_string_append_c (out, '0' + digit);
      else if (c == ',' || c == 0x066B /* Arabic decimal separator */)
        g_string_append_c (out, '.');
      else if (c == 0x2212 /* minus sign */)
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
input_text (PlEntryQuestion *self)
{
  if (GTK_IS_TEXT_VIEW (self->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input)));
}

static void
read_input (PlEntryQuestion *self)
{
  g_autofree char *text = input_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_clear_pointer (&self->value, g_free);
  if (*stripped == '\0')
    return;
  if (pl_question_get_kind (self->question) == PL_QUESTION_NUMBER)
    self->value = normalize_number (stripped);
  else
    /* Stored as typed, in its own script; only the blank ends go. */
    self->value = g_steal_pointer (&stripped);
}

static void
on_input_changed (PlEntryQuestion *self)
{
  read_input (self);
  if (!self->setting_value)
    g_signal_emit (self, signals[INPUT_CHANGED], 0);
}

static void
on_input_activate (PlEntryQuestion *self)
{
  g_signal_emit (self, signals[INPUT_ACTIVATE], 0);
}

static void
on_preedit_changed (PlEntryQuestion *self,
                    const char      *preedit)
{
  g_free (self->preedit);
  self->preedit = g_strdup (preedit);
}

static void
build_input (PlEntryQuestion *self)
{
  PlQuestionKind kind = pl_question_get_kind (self->question);

  if (kind == PL_QUESTION_LONG_TEXT)
    {
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_set_size_request (view, -1, 84);
      gtk_widget_add_css_class (view, "entry-long-text");
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (self->answer_box, frame);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                               G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "preedit-changed", G_CALLBACK (on_preedit_changed), self,
                               G_CONNECT_SWAPPED);
      self->input = view;
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkEditable *delegate;

      if (kind == PL_QUESTION_NUMBER)
        {
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
          gtk_widget_set_halign (entry, GTK_ALIGN_START);
          gtk_widget_add_css_class (entry, "numeric");
        }
      gtk_widget_add_css_class (entry, "entry-answer-field");
      gtk_box_append (self->answer_box, entry);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_input_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (entry, "activate", G_CALLBACK (on_input_activate), self,
                               G_CONNECT_SWAPPED);
      delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry));
      if (delegate != NULL)
        g_signal_connect_object (delegate, "preedit-changed", G_CALLBACK (on_preedit_changed),
                                 self, G_CONNECT_SWAPPED);
      self->input = entry;
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->form_text_label, NULL, -1);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

/* What the keys do, under the "Required" tag. */
static char *
keys_hint (PlEntryQuestion *self)
{
  PlQuestionKind kind = pl_question_get_kind (self->question);
  guint n_values = self->values ? g_strv_length (self->values) : 0;

  switch (kind)
    {
    case PL_QUESTION_AGREEMENT:
    case PL_QUESTION_FREQUENCY:
      return g_strdup (pl_question_get_allow_na (self->question)
                       ? _("Keys 1–5; 0 or N: not applicable")
                       : _("Keys 1–5"));

    case PL_QUESTION_YES_NO:
      return g_strdup (_("1 or Y: yes; 2 or N: no"));

    case PL_QUESTION_SINGLE:
      /* Translators: the keys of a choice question, "Keys 1–4" */
      return g_strdup_printf (_("Keys 1–%u"), n_values);

    case PL_QUESTION_MULTIPLE:
      /* Translators: the keys of a question with several answers */
      return g_strdup_printf (_("Keys 1–%u tick; Enter goes on"), n_values);

    case PL_QUESTION_NUMBER:
      {
        double min, max;
        gboolean has_min, has_max;
        g_autofree char *low = NULL;
        g_autofree char *high = NULL;

        pl_question_get_range (self->question, &min, &has_min, &max, &has_max);
        low = format_number (min);
        high = format_number (max);
        if (has_min && has_max)
          /* Translators: the range of a number question */
          return g_strdup_printf (_("From %s to %s"), low, high);
        if (has_min)
          return g_strdup_printf (_("At least %s"), low);
        if (has_max)
          return g_strdup_printf (_("At most %s"), high);
        return g_strdup (_("A number"));
      }

    case PL_QUESTION_SHORT_TEXT:
      return g_strdup (_("Typed as written"));

    case PL_QUESTION_LONG_TEXT:
      return g_strdup (_("Shift+Enter: new line"));

    default:
      return NULL;
    }
}

static void
show_texts (PlEntryQuestion *self)
{
  const char *form = self->form_language;
  const char *staff = self->staff_language;
  const char *default_language = pl_survey_get_default_language (self->survey);
  const char *id = pl_question_get_id (self->question);
  gboolean fell_back = FALSE, staff_fell_back = FALSE, hint_fell_back = FALSE;
  const char *text = pl_survey_question_text (self->survey, self->question, form, &fell_back);
  const char *hint = pl_survey_get_text (self->survey, PL_TEXT_OWNER_QUESTION, id, "hint", form,
                                         &hint_fell_back);
  gboolean show_staff = staff != NULL && g_strcmp0 (staff, form) != 0;
  g_autofree char *tooltip = pl_entry_fallback_tooltip (default_language);

  /* A question with no wording at all still shows its code. */
  gtk_label_set_text (self->form_text_label, text ? text : pl_question_get_code (self->question));
  set_text_direction (GTK_WIDGET (self->form_text_label), fell_back ? default_language : form);
  gtk_widget_set_visible (self->fallback_icon, fell_back);
  gtk_widget_set_tooltip_text (self->fallback_icon, fell_back ? tooltip : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fallback_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  if (fell_back)
    gtk_widget_add_css_class (GTK_WIDGET (self->form_text_label), "entry-fallback");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->form_text_label), "entry-fallback");

  if (show_staff)
    {
      const char *staff_text = pl_survey_question_text (self->survey, self->question, staff,
                                                        &staff_fell_back);

      /* When both fell back they are the same words: once is enough. */
      show_staff = staff_text != NULL && g_strcmp0 (staff_text, text) != 0;
      if (show_staff)
        {
          gtk_label_set_text (self->staff_text_label, staff_text);
          set_text_direction (GTK_WIDGET (self->staff_text_label),
                              staff_fell_back ? default_language : staff);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->staff_text_label), show_staff);

  gtk_label_set_text (self->hint_label, hint ? hint : "");
  set_text_direction (GTK_WIDGET (self->hint_label), hint_fell_back ? default_language : form);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL && *hint != '\0');

  if (self->input != NULL)
    set_text_direction (self->input, form);
}

/* Public */

GtkWidget *
pl_entry_question_new (PlSurvey   *survey,
                       PlQuestion *question,
                       guint       number)
{
  PlEntryQuestion *self;
  g_autofree char *number_text = NULL;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (PL_IS_QUESTION (question), NULL);

  self = g_object_new (PL_TYPE_ENTRY_QUESTION, NULL);
  self->survey = g_object_ref (survey);
  self->question = g_object_ref (question);
  self->number = number;
  self->form_language = g_strdup (pl_survey_get_default_language (survey));

  number_text = g_strdup_printf ("%u", number);
  gtk_label_set_text (self->number_label, number_text);
  gtk_widget_set_visible (self->required_label, pl_question_get_required (question));

  if (pl_question_kind_is_one_key (pl_question_get_kind (question)) ||
      pl_question_get_kind (question) == PL_QUESTION_MULTIPLE)
    {
      self->values = pl_question_dup_values (question);
      if (self->values == NULL)
        self->values = g_new0 (char *, 1);
      self->choices = g_ptr_array_new ();
      self->choice_box = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->choice_box), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->choice_box), TRUE);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->choice_box), 8);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->choice_box), 8);
      gtk_widget_set_focusable (self->choice_box, FALSE);
      gtk_box_append (self->answer_box, self->choice_box);
    }
  else
    build_input (self);

  hint = keys_hint (self);
  gtk_label_set_text (self->keys_label, hint ? hint : "");

  show_texts (self);
  if (self->choices != NULL)
    build_choices (self);

  return GTK_WIDGET (self);
}

void
pl_entry_question_set_survey (PlEntryQuestion *self,
                              PlSurvey        *survey,
                              PlQuestion      *question)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));
  g_return_if_fail (PL_IS_SURVEY (survey));
  g_return_if_fail (PL_IS_QUESTION (question));

  g_set_object (&self->survey, survey);
  g_set_object (&self->question, question);
  show_texts (self);
  if (self->choices != NULL)
    show_choices (self);
}

PlQuestion *
pl_entry_question_get_question (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), NULL);

  return self->question;
}

guint
pl_entry_question_get_number (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), 0);

  return self->number;
}

void
pl_entry_question_set_languages (PlEntryQuestion *self,
                                 const char      *form_language,
                                 const char      *staff_language)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  if (g_strcmp0 (self->form_language, form_language) == 0 &&
      g_strcmp0 (self->staff_language, staff_language) == 0)
    return;

  g_free (self->form_language);
  self->form_language = g_strdup (form_language);
  g_free (self->staff_language);
  self->staff_language = g_strdup (staff_language);
  show_texts (self);
  if (self->choices != NULL)
    show_choices (self);
}

const char *
pl_entry_question_get_value (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), NULL);

  return self->value;
}

void
pl_entry_question_set_value (PlEntryQuestion *self,
                             const char      *value)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  if (value != NULL && *value == '\0')
    value = NULL;

  if (self->input != NULL)
    {
      /* The field is the answer: the value follows what it holds. */
      self->setting_value = TRUE;
      if (GTK_IS_TEXT_VIEW (self->input))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input)),
                                  value ? value : "", -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (self->input), value ? value : "");
      self->setting_value = FALSE;
      read_input (self);
    }
  else
    {
      g_free (self->value);
      self->value = g_strdup (value);
      show_selection (self);
    }

  if (self->value != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "answered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "answered");
}

void
pl_entry_question_set_current (PlEntryQuestion *self,
                               gboolean         current)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  pl_entry_card_set_current (GTK_WIDGET (self), current);
}

void
pl_entry_question_set_skipped (PlEntryQuestion *self,
                               const char      *why)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  self->skipped = why != NULL;
  gtk_label_set_text (self->skip_label, why ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->skip_label), why != NULL);
  if (self->skipped)
    gtk_widget_add_css_class (GTK_WIDGET (self), "skipped");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "skipped");
  if (self->input != NULL)
    gtk_widget_set_sensitive (self->input, !self->skipped);
}

gboolean
pl_entry_question_get_skipped (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), FALSE);

  return self->skipped;
}

void
pl_entry_question_set_message (PlEntryQuestion *self,
                               const char      *message)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  if (message != NULL && *message == '\0')
    message = NULL;
  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "invalid");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "invalid");
  if (self->input != NULL && message != NULL)
    gtk_widget_add_css_class (self->input, "error");
  else if (self->input != NULL)
    gtk_widget_remove_css_class (self->input, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input ? self->input : GTK_WIDGET (self)),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->input ? self->input : GTK_WIDGET (self)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "", -1);
}

const char *
pl_entry_question_get_message (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), NULL);

  return self->message;
}

void
pl_entry_question_flash (PlEntryQuestion *self)
{
  g_return_if_fail (PL_IS_ENTRY_QUESTION (self));

  pl_entry_card_flash (GTK_WIDGET (self));
}

GtkWidget *
pl_entry_question_get_input (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), NULL);

  return self->input;
}

gboolean
pl_entry_question_has_preedit (PlEntryQuestion *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_QUESTION (self), FALSE);

  return self->preedit != NULL && *self->preedit != '\0';
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PlEntryQuestion *self)
{
  g_signal_emit (self, signals[PRESSED], 0);
}

static void
pl_entry_question_dispose (GObject *object)
{
  PlEntryQuestion *self = PL_ENTRY_QUESTION (object);

  g_object_set_data (object, "pl-flash-source", NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ENTRY_QUESTION);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_object (&self->question);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (pl_entry_question_parent_class)->dispose (object);
}

static void
pl_entry_question_finalize (GObject *object)
{
  PlEntryQuestion *self = PL_ENTRY_QUESTION (object);

  g_free (self->form_language);
  g_free (self->staff_language);
  g_free (self->value);
  g_free (self->message);
  g_free (self->preedit);
  g_strfreev (self->values);

  G_OBJECT_CLASS (pl_entry_question_parent_class)->finalize (object);
}

static void
pl_entry_question_class_init (PlEntryQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_entry_question_dispose;
  object_class->finalize = pl_entry_question_finalize;

  signals[CHOICE_CLICKED] =
    g_signal_new ("choice-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[INPUT_CHANGED] =
    g_signal_new ("input-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[INPUT_ACTIVATE] =
    g_signal_new ("input-activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PRESSED] =
    g_signal_new ("pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-entry-question.ui");
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, number_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, form_text_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, fallback_icon);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, staff_text_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, required_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, keys_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, answer_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, skip_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, message_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryQuestion, message_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryquestion");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_entry_question_init (PlEntryQuestion *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A click anywhere on the card makes it the current question; the
   * choices' own clicks still go through. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

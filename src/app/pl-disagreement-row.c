/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-disagreement-row-private.h"

struct _PlDisagreementRow
{
  GtkListBoxRow   parent_instance;

  PlSurvey       *survey;
  PlQuestion     *question;     /* the survey's; NULL when the version lost it */
  PlDisagreement *disagreement; /* our own copy */
  char           *language;
  GHashTable     *names;        /* username → display name; may be NULL */
  gboolean        can_settle;

  GtkLabel       *form_label;
  GtkLabel       *position_label;
  GtkLabel       *status_label;
  GtkLabel       *question_label;
  GtkWidget      *fallback_icon;
  GtkWidget      *first_button;
  GtkLabel       *first_value_label;
  GtkLabel       *first_keyer_label;
  GtkWidget      *first_check;
  GtkWidget      *second_button;
  GtkLabel       *second_value_label;
  GtkLabel       *second_keyer_label;
  GtkWidget      *second_check;
  GtkWidget      *other_button;
  GtkPopover     *other_popover;
  GtkLabel       *settled_label;

  /* What the Other popover edits, for the kinds typed or ticked. */
  GtkWidget      *other_entry;
  GtkTextView    *other_text_view;
  GPtrArray      *other_checks;
};

G_DEFINE_FINAL_TYPE (PlDisagreementRow, pl_disagreement_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SETTLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
nonblank (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

/* "" and NULL are the same blank, as the core compares them. */
static gboolean
same_value (const char *a,
            const char *b)
{
  return g_strcmp0 (nonblank (a), nonblank (b)) == 0;
}

static PlDisagreement *
disagreement_copy (const PlDisagreement *d)
{
  PlDisagreement *copy = g_new0 (PlDisagreement, 1);

  copy->form_code = g_strdup (d->form_code);
  copy->first_response_id = g_strdup (d->first_response_id);
  copy->second_response_id = g_strdup (d->second_response_id);
  copy->question_id = g_strdup (d->question_id);
  copy->first_value = g_strdup (d->first_value);
  copy->second_value = g_strdup (d->second_value);
  copy->first_keyer = g_strdup (d->first_keyer);
  copy->second_keyer = g_strdup (d->second_keyer);
  copy->final_value = g_strdup (d->final_value);
  copy->reconciled_by = g_strdup (d->reconciled_by);
  return copy;
}

static const char *
display_name (PlDisagreementRow *self,
              const char        *username)
{
  const char *name = NULL;

  if (username == NULL)
    /* Translators: who keyed a form, when the record does not say */
    return C_("keyer", "Unknown");
  if (self->names != NULL)
    name = g_hash_table_lookup (self->names, username);
  return name != NULL ? name : username;
}

/* A stored answer as staff read it: option and scale labels in the staff's
 * language, numbers in the locale, text as typed. */
static char *
format_answer (PlDisagreementRow *self,
               const char        *value,
               gboolean          *fell_back)
{
  PlQuestionKind kind;

  *fell_back = FALSE;
  if (nonblank (value) == NULL)
    /* Translators: an answer the paper form left empty */
    return g_strdup (C_("answer", "Blank"));
  if (self->question == NULL)
    return g_strdup (value);

  kind = pl_question_get_kind (self->question);
  if (kind == PL_QUESTION_MULTIPLE)
    {
      g_auto(GStrv) parts = g_strsplit (value, " ", -1);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gboolean part_fell_back = FALSE;
          const char *label;

          if (*parts[i] == '\0')
            continue;
          label = pl_survey_value_label (self->survey, self->question, parts[i], self->language,
                                         &part_fell_back);
          if (text->len > 0)
            /* Translators: between the options of a multiple-choice answer */
            g_string_append (text, C_("list separator", ", "));
          g_string_append (text, label != NULL ? label : parts[i]);
          *fell_back = *fell_back || part_fell_back;
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (kind == PL_QUESTION_NUMBER)
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);

      /* Stored in the C locale; shown in the staff's. */
      if (end != NULL && *end == '\0')
        return g_strdup_printf ("%g", number);
      return g_strdup (value);
    }
  if (kind == PL_QUESTION_SHORT_TEXT || kind == PL_QUESTION_LONG_TEXT)
    return g_strdup (value);

  {
    const char *label = pl_survey_value_label (self->survey, self->question, value, self->language,
                                               fell_back);

    return g_strdup (label != NULL ? label : value);
  }
}

/* Marks where a typed answer differs from the other keying's: between two
 * long comments, one changed letter is hard to see. */
static void
highlight_difference (GtkLabel   *label,
                      const char *text,
                      const char *other)
{
  const char *start = text;
  const char *other_start = other;
  const char *end = text + strlen (text);
  const char *other_end = other + strlen (other);
  PangoAttrList *attrs;
  PangoAttribute *attr;

  while (*start != '\0' && *other_start != '\0' &&
         g_utf8_get_char (start) == g_utf8_get_char (other_start))
    {
      start = g_utf8_next_char (start);
      other_start = g_utf8_next_char (other_start);
    }
  while (end > start && other_end > other_start)
    {
      const char *before = g_utf8_prev_char (end);
      const char *other_before = g_utf8_prev_char (other_end);

      if (g_utf8_get_char (before) != g_utf8_get_char (other_before))
        break;
      end = before;
      other_end = other_before;
    }
  /* Nothing of this one differs: the other has something more. */
  if (end == start)
    return;

  attrs = pango_attr_list_new ();
  /* The warning yellow, faint, reads on light and dark alike. */
  attr = pango_attr_background_new (0xe5e5, 0xa5a5, 0x0a0a);
  attr->start_index = start - text;
  attr->end_index = end - text;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_background_alpha_new (0x6000);
  attr->start_index = start - text;
  attr->end_index = end - text;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
  attr->start_index = start - text;
  attr->end_index = end - text;
  pango_attr_list_insert (attrs, attr);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static void
set_value_label (PlDisagreementRow *self,
                 GtkLabel          *label,
                 const char        *value,
                 const char        *other_value)
{
  gboolean fell_back = FALSE;
  g_autofree char *text = format_answer (self, value, &fell_back);
  PlQuestionKind kind = self->question != NULL ? pl_question_get_kind (self->question)
                                               : PL_QUESTION_SHORT_TEXT;

  gtk_label_set_text (label, text);
  if ((kind == PL_QUESTION_SHORT_TEXT || kind == PL_QUESTION_LONG_TEXT) &&
      nonblank (value) != NULL && nonblank (other_value) != NULL)
    highlight_difference (label, value, other_value);
  if (nonblank (value) == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "reconcile-blank");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "reconcile-blank");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               fell_back ? _("Not translated: shown in the survey’s main language")
                                         : NULL);
}

static void
update_state (PlDisagreementRow *self)
{
  PlDisagreement *d = self->disagreement;
  gboolean open = d->reconciled_by == NULL;
  gboolean first_chosen = !open && same_value (d->final_value, d->first_value);
  gboolean second_chosen = !open && same_value (d->final_value, d->second_value);

  gtk_label_set_text (self->status_label,
                      /* Translators: a disagreement between two keyings, not yet settled */
                      open ? C_("disagreement", "Open")
                      /* Translators: a disagreement a supervisor settled */
                           : C_("disagreement", "Settled"));
  if (open)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "disagreement-open");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "disagreement-settled");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "disagreement-settled");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "disagreement-open");
    }

  gtk_widget_set_visible (self->first_check, first_chosen);
  gtk_widget_set_visible (self->second_check, second_chosen);
  if (first_chosen)
    gtk_widget_add_css_class (self->first_button, "chosen");
  else
    gtk_widget_remove_css_class (self->first_button, "chosen");
  if (second_chosen)
    gtk_widget_add_css_class (self->second_button, "chosen");
  else
    gtk_widget_remove_css_class (self->second_button, "chosen");

  gtk_widget_set_visible (GTK_WIDGET (self->settled_label), !open);
  if (!open)
    {
      gboolean fell_back = FALSE;
      g_autofree char *value = format_answer (self, d->final_value, &fell_back);
      g_autofree char *text = NULL;

      if (first_chosen || second_chosen)
        /* Translators: the first %s is a person, the second an answer such as "Agree" */
        text = g_strdup_printf (_("Settled by %s: the paper says “%s”"),
                                display_name (self, d->reconciled_by), value);
      else
        /* Translators: the first %s is a person, the second an answer such as "Agree";
         * neither keyer had typed that answer */
        text = g_strdup_printf (_("Settled by %s: the paper says “%s” (neither keying had it)"),
                                display_name (self, d->reconciled_by), value);
      gtk_label_set_text (self->settled_label, text);
    }
}

static void
emit_settle (PlDisagreementRow *self,
             const char        *value)
{
  if (!self->can_settle)
    return;
  g_signal_emit (self, signals[SETTLE], 0, nonblank (value));
}

void
pl_disagreement_row_settle_keyed (PlDisagreementRow *self,
                                  guint              keying)
{
  g_return_if_fail (PL_IS_DISAGREEMENT_ROW (self));
  g_return_if_fail (keying == 1 || keying == 2);

  emit_settle (self, keying == 1 ? self->disagreement->first_value
                                 : self->disagreement->second_value);
}

void
pl_disagreement_row_open_other (PlDisagreementRow *self)
{
  g_return_if_fail (PL_IS_DISAGREEMENT_ROW (self));

  if (self->can_settle)
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->other_button));
}

static void
on_first_clicked (PlDisagreementRow *self)
{
  pl_disagreement_row_settle_keyed (self, 1);
}

static void
on_second_clicked (PlDisagreementRow *self)
{
  pl_disagreement_row_settle_keyed (self, 2);
}

/* The Other popover */

static void
on_other_value_clicked (PlDisagreementRow *self,
                        GtkButton         *button)
{
  g_autofree char *value = g_strdup (g_object_get_data (G_OBJECT (button), "pl-value"));

  gtk_popover_popdown (self->other_popover);
  emit_settle (self, value);
}

static void
on_other_use_clicked (PlDisagreementRow *self)
{
  g_autofree char *value = NULL;

  if (self->other_checks != NULL)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      /* In option order, space-separated, as the core stores them. */
      for (guint i = 0; i < self->other_checks->len; i++)
        {
          GtkCheckButton *check = self->other_checks->pdata[i];

          if (!gtk_check_button_get_active (check))
            continue;
          if (joined->len > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, g_object_get_data (G_OBJECT (check), "pl-value"));
        }
      value = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  else if (self->other_text_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->other_text_view);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      value = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else if (self->other_entry != NULL)
    {
      value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_entry))));
      /* A number is stored in the C locale, whatever separator was typed. */
      if (self->question != NULL && pl_question_get_kind (self->question) == PL_QUESTION_NUMBER)
        g_strdelimit (value, ",", '.');
    }

  gtk_popover_popdown (self->other_popover);
  emit_settle (self, value);
}

static GtkWidget *
value_button_new (PlDisagreementRow *self,
                  const char        *value,
                  const char        *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_label_new (label);
  g_autofree char *name = g_strdup_printf ("value-%s", value != NULL ? value : "");

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, name);
  if (value == NULL)
    gtk_widget_add_css_class (text, "reconcile-blank");
  g_object_set_data_full (G_OBJECT (button), "pl-value", g_strdup (value), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_other_value_clicked), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static GtkWidget *
use_button_new (PlDisagreementRow *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use This Answer"));

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_name (button, "use");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_other_use_clicked), self,
                           G_CONNECT_SWAPPED);
  return button;
}

/* What the paper says, when neither keying has it: the kind decides how it
 * is given (pick one, tick several, or type it). */
static GtkWidget *
build_other_content (PlDisagreementRow *self)
{
  PlDisagreement *d = self->disagreement;
  const char *current = d->reconciled_by != NULL ? d->final_value : d->first_value;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  PlQuestionKind kind = self->question != NULL ? pl_question_get_kind (self->question)
                                               : PL_QUESTION_SHORT_TEXT;
  GtkWidget *heading = gtk_label_new (_("What the Paper Says"));

  g_clear_pointer (&self->other_checks, g_ptr_array_unref);
  self->other_entry = NULL;
  self->other_text_view = NULL;

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_bottom (heading, 3);
  gtk_box_append (GTK_BOX (box), heading);

  if (kind == PL_QUESTION_MULTIPLE)
    {
      g_auto(GStrv) values = pl_question_dup_values (self->question);
      g_auto(GStrv) ticked = g_strsplit (current != NULL ? current : "", " ", -1);

      self->other_checks = g_ptr_array_new ();
      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        {
          gboolean fell_back = FALSE;
          const char *label = pl_survey_value_label (self->survey, self->question, values[i],
                                                     self->language, &fell_back);
          GtkWidget *check = gtk_check_button_new_with_label (label != NULL ? label : values[i]);
          g_autofree char *name = g_strdup_printf ("value-%s", values[i]);

          gtk_widget_set_name (check, name);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strv_contains ((const char *const *) ticked, values[i]));
          g_object_set_data_full (G_OBJECT (check), "pl-value", g_strdup (values[i]), g_free);
          g_ptr_array_add (self->other_checks, check);
          gtk_box_append (GTK_BOX (box), check);
        }
      gtk_box_append (GTK_BOX (box), use_button_new (self));
    }
  else if (kind == PL_QUESTION_NUMBER || kind == PL_QUESTION_SHORT_TEXT)
    {
      GtkWidget *use = use_button_new (self);

      self->other_entry = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (self->other_entry), current != NULL ? current : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (self->other_entry), 24);
      if (kind == PL_QUESTION_NUMBER)
        gtk_entry_set_input_purpose (GTK_ENTRY (self->other_entry), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect_object (self->other_entry, "activate", G_CALLBACK (on_other_use_clicked),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), self->other_entry);
      gtk_box_append (GTK_BOX (box), use);
    }
  else if (kind == PL_QUESTION_LONG_TEXT)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();

      self->other_text_view = GTK_TEXT_VIEW (view);
      gtk_text_view_set_wrap_mode (self->other_text_view, GTK_WRAP_WORD_CHAR);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->other_text_view),
                                current != NULL ? current : "", -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_widget_set_size_request (scrolled, 320, 120);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_box_append (GTK_BOX (box), scrolled);
      gtk_box_append (GTK_BOX (box), use_button_new (self));
    }
  else
    {
      g_auto(GStrv) values = pl_question_dup_values (self->question);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        {
          gboolean fell_back = FALSE;
          const char *label = pl_survey_value_label (self->survey, self->question, values[i],
                                                     self->language, &fell_back);
          /* No entry-desk keys here: 1 and 2 pick a keying in this view. */
          gtk_box_append (GTK_BOX (box), value_button_new (self, values[i],
                                                           label != NULL ? label : values[i]));
        }
    }

  /* Text and ticks are blank when emptied; one-pick kinds need the choice. */
  if (kind != PL_QUESTION_MULTIPLE && kind != PL_QUESTION_NUMBER &&
      kind != PL_QUESTION_SHORT_TEXT && kind != PL_QUESTION_LONG_TEXT)
    {
      gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      /* Translators: the paper form left this question unanswered */
      gtk_box_append (GTK_BOX (box), value_button_new (self, NULL, _("Blank (not answered)")));
    }
  else
    {
      GtkWidget *hint = gtk_label_new (_("Leave it empty when the paper left it blank."));

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (hint), 36);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");
      gtk_box_insert_child_after (GTK_BOX (box), hint, heading);
    }
  return box;
}

static void
on_other_popover_show (PlDisagreementRow *self)
{
  /* Built afresh each time, so it starts from the value now in place. */
  gtk_popover_set_child (self->other_popover, build_other_content (self));
  if (self->other_entry != NULL)
    gtk_widget_grab_focus (self->other_entry);
  else if (self->other_text_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->other_text_view));
}

/* Public */

GtkWidget *
pl_disagreement_row_new (PlSurvey             *survey,
                         const PlDisagreement *disagreement,
                         const char           *language,
                         GHashTable           *names)
{
  PlDisagreementRow *self;
  gboolean fell_back = FALSE;
  const char *wording = NULL;
  g_autofree char *position = NULL;
  g_autofree char *first_keyer = NULL;
  g_autofree char *second_keyer = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (disagreement != NULL, NULL);

  self = g_object_new (PL_TYPE_DISAGREEMENT_ROW, NULL);
  self->survey = g_object_ref (survey);
  self->disagreement = disagreement_copy (disagreement);
  self->language = g_strdup (language != NULL ? language : pl_survey_get_default_language (survey));
  self->names = names != NULL ? g_hash_table_ref (names) : NULL;
  self->question = pl_survey_find_question (survey, disagreement->question_id);

  gtk_label_set_text (self->form_label, disagreement->form_code);
  if (self->question != NULL)
    {
      int index = pl_survey_question_index (survey, self->question);

      wording = pl_survey_question_text (survey, self->question, self->language, &fell_back);
      /* Translators: %d is a question's number on the form, %s its short code name */
      position = g_strdup_printf (_("Question %d · %s"), index + 1,
                                  pl_question_get_code (self->question));
    }
  gtk_label_set_text (self->position_label, position != NULL ? position : "");
  gtk_label_set_text (self->question_label,
                      wording != NULL ? wording
                      /* Translators: the question a disagreement is about is gone from its survey */
                                      : _("A question this survey version no longer has"));
  gtk_widget_set_visible (self->fallback_icon, fell_back);
  gtk_widget_set_tooltip_text (self->fallback_icon,
                               _("Not translated: shown in the survey’s main language"));
  if (fell_back)
    gtk_widget_add_css_class (GTK_WIDGET (self->question_label), "dim-label");

  set_value_label (self, self->first_value_label, disagreement->first_value,
                   disagreement->second_value);
  set_value_label (self, self->second_value_label, disagreement->second_value,
                   disagreement->first_value);
  /* Translators: %s is the person who typed this value (the first keying) */
  first_keyer = g_strdup_printf (_("Keyed first by %s"), display_name (self, disagreement->first_keyer));
  /* Translators: %s is the person who typed this value (the second keying) */
  second_keyer = g_strdup_printf (_("Keyed second by %s"),
                                  display_name (self, disagreement->second_keyer));
  gtk_label_set_text (self->first_keyer_label, first_keyer);
  gtk_label_set_text (self->second_keyer_label, second_keyer);
  gtk_widget_set_tooltip_text (self->first_button, _("The first keyer was right (1)"));
  gtk_widget_set_tooltip_text (self->second_button, _("The second keyer was right (2)"));

  update_state (self);
  return GTK_WIDGET (self);
}

const PlDisagreement *
pl_disagreement_row_get_disagreement (PlDisagreementRow *self)
{
  g_return_val_if_fail (PL_IS_DISAGREEMENT_ROW (self), NULL);

  return self->disagreement;
}

gboolean
pl_disagreement_row_get_open (PlDisagreementRow *self)
{
  g_return_val_if_fail (PL_IS_DISAGREEMENT_ROW (self), FALSE);

  return self->disagreement->reconciled_by == NULL;
}

void
pl_disagreement_row_set_settled (PlDisagreementRow *self,
                                 const char        *final_value,
                                 const char        *settled_by)
{
  g_return_if_fail (PL_IS_DISAGREEMENT_ROW (self));

  g_free (self->disagreement->final_value);
  self->disagreement->final_value = g_strdup (nonblank (final_value));
  g_free (self->disagreement->reconciled_by);
  self->disagreement->reconciled_by = g_strdup (settled_by);
  update_state (self);
}

void
pl_disagreement_row_set_can_settle (PlDisagreementRow *self,
                                    gboolean           can_settle)
{
  g_return_if_fail (PL_IS_DISAGREEMENT_ROW (self));

  self->can_settle = can_settle;
  gtk_widget_set_sensitive (self->first_button, can_settle);
  gtk_widget_set_sensitive (self->second_button, can_settle);
  gtk_widget_set_sensitive (self->other_button, can_settle);
}

/* For tests */

GtkWidget *
_pl_disagreement_row_get_other_button (PlDisagreementRow *self)
{
  return self->other_button;
}

GtkWidget *
_pl_disagreement_row_get_other_popover (PlDisagreementRow *self)
{
  return GTK_WIDGET (self->other_popover);
}

const char *
_pl_disagreement_row_get_value_text (PlDisagreementRow *self,
                                     guint              keying)
{
  return gtk_label_get_text (keying == 1 ? self->first_value_label : self->second_value_label);
}

const char *
_pl_disagreement_row_get_settled_text (PlDisagreementRow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->settled_label))
         ? gtk_label_get_text (self->settled_label) : NULL;
}

/* GObject */

static void
pl_disagreement_row_dispose (GObject *object)
{
  PlDisagreementRow *self = PL_DISAGREEMENT_ROW (object);

  g_clear_pointer (&self->other_checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DISAGREEMENT_ROW);

  G_OBJECT_CLASS (pl_disagreement_row_parent_class)->dispose (object);
}

static void
pl_disagreement_row_finalize (GObject *object)
{
  PlDisagreementRow *self = PL_DISAGREEMENT_ROW (object);

  g_clear_object (&self->survey);
  g_clear_pointer (&self->disagreement, pl_disagreement_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->language);

  G_OBJECT_CLASS (pl_disagreement_row_parent_class)->finalize (object);
}

static void
pl_disagreement_row_class_init (PlDisagreementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_disagreement_row_dispose;
  object_class->finalize = pl_disagreement_row_finalize;

  /**
   * PlDisagreementRow::settle:
   * @value: (nullable): the paper's value; NULL when it was left blank
   */
  signals[SETTLE] = g_signal_new ("settle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/springfieldempowerment/Porchlight/ui/pl-disagreement-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, form_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, question_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, fallback_icon);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, first_button);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, first_value_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, first_keyer_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, first_check);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, second_button);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, second_value_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, second_keyer_label);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, second_check);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, other_button);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, other_popover);
  gtk_widget_class_bind_template_child (widget_class, PlDisagreementRow, settled_label);
  gtk_widget_class_bind_template_callback (widget_class, on_first_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_second_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_other_popover_show);
}

static void
pl_disagreement_row_init (PlDisagreementRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->can_settle = TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-entry-desk-private.h"
#include "pl-form-code.h"
#include "pl-languages.h"
#include "pl-school.h"
#include "pl-store-surveys.h"
#include "pl-contact.h"

/* Where the current card settles in the view: its top this far down the
 * visible height, so the questions after it show below it. */
#define SCROLL_FRACTION 0.22
#define SCROLL_MS 160
/* How many codes still to key again the second keyer sees at once. */
#define PENDING_SHOWN 24

typedef enum
{
  STEP_NONE,
  STEP_CODE,
  STEP_LANGUAGE,
  STEP_QUESTION,
  STEP_SAVE,
} Step;

struct _PlEntryDesk
{
  GtkWidget       parent_instance;

  PlStore        *store;
  PlEntryBatch   *batch;
  PlSurvey       *survey;
  char           *school_name;
  char           *school_code;
  guint           keying;
  char           *keyer;
  char           *staff_language;
  GPtrArray      *cards;              /* PlEntryQuestion, in survey order */
  GHashTable     *answers;            /* question id → value */
  GPtrArray      *language_choices;   /* widgets, in survey language order */

  Step            step;
  guint           current;            /* card index while STEP_QUESTION */
  char           *form_code;          /* checked, printed form */
  char           *form_language;      /* chosen for this form, or NULL */
  char           *marked_language;    /* what Enter keeps in the language step */
  char           *previous_language;
  gint64          started_usec;       /* monotonic, 0 before the first key */
  gboolean        setting_code;
  char           *started_at;

  guint           n_keyed;            /* first keyings of the batch / second keyings wanted and done */
  guint           n_wanted;           /* keying 2: forms chosen for second keying */
  GStrv           pending;            /* keying 2: their codes not keyed again yet */
  guint           n_saved;            /* saved since the desk opened */
  char           *last_saved_id;
  char           *last_saved_code;
  char           *counter;

  GtkWidget      *scroll_target;
  guint           scroll_tick_id;
  guint           scroll_ticks;
  AdwAnimation   *scroll_animation;
  gboolean        show_start_title_buttons;
  gboolean        show_back_button;
  AdwMessageDialog *confirm;          /* weak */

  AdwWindowTitle *window_title;
  GtkWidget      *undo_button;
  GtkScrolledWindow *scrolled_window;
  GtkWidget      *content_box;
  GtkWidget      *code_card;
  GtkLabel       *counter_label;
  GtkEntry       *code_entry;
  GtkWidget      *code_message_box;
  GtkLabel       *code_message_label;
  GtkLabel       *code_hint_label;
  GtkLabel       *pending_label;
  GtkWidget      *done_box;
  GtkLabel       *done_label;
  GtkButton      *done_button;
  GtkWidget      *language_card;
  GtkLabel       *language_keys_label;
  GtkFlowBox     *language_box;
  GtkBox         *questions_box;
  GtkWidget      *save_card;
  GtkWidget      *save_button;
  GtkWidget      *save_message_box;
  GtkLabel       *save_message_label;
};

G_DEFINE_FINAL_TYPE (PlEntryDesk, pl_entry_desk, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void set_step (PlEntryDesk *self, Step step, guint index);
static void go_next (PlEntryDesk *self);

static void
toast (PlEntryDesk *self,
       AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The staff's language: the one the window speaks when the survey has it,
 * else the survey's default. */
static char *
staff_language_for (PlSurvey *survey)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = NULL;

      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") ||
          g_str_has_prefix (names[i], "C."))
        continue;
      code = g_strndup (names[i], strcspn (names[i], "_.@"));
      if (g_strv_contains (pl_survey_get_languages (survey), code))
        return g_steal_pointer (&code);
      break;
    }
  return g_strdup (pl_survey_get_default_language (survey));
}

static gboolean
has_several_languages (PlEntryDesk *self)
{
  const char *const *languages = pl_survey_get_languages (self->survey);

  return languages != NULL && languages[0] != NULL && languages[1] != NULL;
}

static PlEntryQuestion *
card_at (PlEntryDesk *self,
         guint        index)
{
  return index < self->cards->len ? self->cards->pdata[index] : NULL;
}

static PlEntryQuestion *
current_card (PlEntryDesk *self)
{
  return self->step == STEP_QUESTION ? card_at (self, self->current) : NULL;
}

static GtkWidget *
step_widget (PlEntryDesk *self)
{
  switch (self->step)
    {
    case STEP_CODE:
      return self->code_card;
    case STEP_LANGUAGE:
      return self->language_card;
    case STEP_QUESTION:
      return GTK_WIDGET (current_card (self));
    case STEP_SAVE:
      return self->save_card;
    case STEP_NONE:
    default:
      return NULL;
    }
}

/* Whether anything of the form on the desk would be lost by leaving it. */
static gboolean
form_is_dirty (PlEntryDesk *self)
{
  return self->form_code != NULL || g_hash_table_size (self->answers) > 0 ||
         self->step > STEP_CODE;
}

static gboolean
form_is_blank (PlEntryDesk *self)
{
  return !form_is_dirty (self) &&
         *gtk_editable_get_text (GTK_EDITABLE (self->code_entry)) == '\0';
}

static void
update_actions (PlEntryDesk *self)
{
  gboolean open = self->step != STEP_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.pause", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.save", open && self->form_code != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.undo",
                                 open && self->last_saved_id != NULL);
}

/* Scrolling the current card into place */

static void
scroll_value_cb (double   value,
                 gpointer user_data)
{
  PlEntryDesk *self = user_data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), value);
}

static double
scroll_target_value (PlEntryDesk *self,
                     GtkWidget   *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double page = gtk_adjustment_get_page_size (adjustment);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  graphene_rect_t bounds;
  double target;

  if (!gtk_widget_compute_bounds (widget, self->content_box, &bounds))
    return gtk_adjustment_get_value (adjustment);

  /* A card taller than what is left below the settling line starts at the
   * top, so that all of it shows. */
  if (bounds.size.height > page * (1 - SCROLL_FRACTION) - 12)
    target = bounds.origin.y - 12;
  else
    target = bounds.origin.y - page * SCROLL_FRACTION;
  return CLAMP (target, lower, MAX (lower, upper - page));
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  PlEntryDesk *self = PL_ENTRY_DESK (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double from, to;

  /* A tick comes before its frame's layout: the second one sees the cards
   * where the last change put them. */
  if (++self->scroll_ticks < 2 || self->scroll_target == NULL)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;
  from = gtk_adjustment_get_value (adjustment);
  to = scroll_target_value (self, self->scroll_target);
  g_clear_object (&self->scroll_target);
  if (ABS (from - to) < 1)
    return G_SOURCE_REMOVE;

  if (self->scroll_animation == NULL)
    {
      AdwAnimationTarget *target = adw_callback_animation_target_new (scroll_value_cb, self, NULL);

      self->scroll_animation = adw_timed_animation_new (widget, from, to, SCROLL_MS, target);
      adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->scroll_animation), ADW_EASE_OUT_CUBIC);
    }
  adw_animation_reset (self->scroll_animation);
  adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->scroll_animation), from);
  adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->scroll_animation), to);
  adw_animation_play (self->scroll_animation);
  return G_SOURCE_REMOVE;
}

static void
scroll_to (PlEntryDesk *self,
           GtkWidget   *widget)
{
  if (widget == NULL)
    return;
  /* Keys faster than frames move the target; the scroll goes once. */
  g_set_object (&self->scroll_target, widget);
  if (self->scroll_tick_id == 0)
    {
      self->scroll_ticks = 0;
      self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                           NULL, NULL);
    }
}

/* The counter and the header */

static void
update_counter (PlEntryDesk *self)
{
  guint form_count = self->batch ? pl_entry_batch_get_form_count (self->batch) : 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *done = NULL;
  gboolean all_done;

  g_clear_pointer (&self->counter, g_free);
  if (self->batch == NULL)
    {
      gtk_label_set_text (self->counter_label, "");
      return;
    }

  if (self->keying == 2)
    {
      if (self->n_wanted > 0 && self->n_keyed < self->n_wanted)
        /* Translators: the form being keyed a second time, of those chosen */
        self->counter = g_strdup_printf (_("Form %u of %u"), self->n_keyed + 1, self->n_wanted);
      else
        self->counter = g_strdup_printf (_("Form %u"), self->n_keyed + 1);
      all_done = self->pending == NULL || self->pending[0] == NULL;
      if (all_done)
        done = g_strdup (_("Every form chosen for second keying is keyed again."));
    }
  else
    {
      if (form_count > 0 && self->n_keyed < form_count)
        /* Translators: the form being keyed of the forms in the batch: "Form 12 of 40" */
        self->counter = g_strdup_printf (_("Form %u of %u"), self->n_keyed + 1, form_count);
      else
        self->counter = g_strdup_printf (_("Form %u"), self->n_keyed + 1);
      all_done = form_count > 0 && self->n_keyed >= form_count;
      if (all_done)
        done = g_strdup_printf (ngettext ("The batch’s form is keyed. Key more if the stack "
                                          "holds more.",
                                          "All %u forms of the batch are keyed. Key more if the "
                                          "stack holds more.", form_count), form_count);
    }

  gtk_label_set_text (self->counter_label, self->counter);
  gtk_widget_set_visible (self->done_box, all_done);
  gtk_label_set_text (self->done_label, done ? done : "");

  /* Translators: the header under the survey's title: school, which form,
   * e.g. "Riverside Elementary · Form 12 of 40" */
  subtitle = g_strdup_printf (_("%s · %s"), self->school_name ? self->school_name : "",
                              self->counter);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_pending (PlEntryDesk *self)
{
  g_autoptr(GString) text = NULL;
  guint n_pending = self->pending ? g_strv_length (self->pending) : 0;

  if (self->keying != 2 || n_pending == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->pending_label), FALSE);
      return;
    }

  text = g_string_new (NULL);
  /* Translators: followed by the form codes to pull from the stack */
  g_string_append_printf (text, ngettext ("To key again: %u form. ", "To key again: %u forms. ",
                                          n_pending), n_pending);
  for (guint i = 0; i < n_pending && i < PENDING_SHOWN; i++)
    {
      if (i > 0)
        g_string_append (text, "  ");
      g_string_append (text, self->pending[i]);
    }
  if (n_pending > PENDING_SHOWN)
    /* Translators: after a list of form codes cut short */
    g_string_append_printf (text, ngettext (" … and %u more", " … and %u more",
                                            n_pending - PENDING_SHOWN), n_pending - PENDING_SHOWN);
  gtk_label_set_text (self->pending_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), TRUE);
}

/* What the store holds of the batch: how many forms are keyed, and for a
 * second keying, which codes are still to key again. */
static gboolean
read_counts (PlEntryDesk  *self,
             GError      **error)
{
  const char *batch_id = pl_entry_batch_get_id (self->batch);

  if (self->keying == 2)
    {
      g_autoptr(GPtrArray) first = pl_store_list_batch_responses (self->store, batch_id, 1, error);
      g_autoptr(GPtrArray) second = NULL;
      g_autoptr(GHashTable) again = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GStrvBuilder) pending = g_strv_builder_new ();

      if (first == NULL)
        return FALSE;
      second = pl_store_list_batch_responses (self->store, batch_id, 2, error);
      if (second == NULL)
        return FALSE;
      /* Only the codes are read: the second keyer never sees the first's answers. */
      for (guint i = 0; i < second->len; i++)
        {
          const char *code = pl_survey_response_get_form_code (second->pdata[i]);

          if (code != NULL)
            g_hash_table_add (again, (gpointer) code);
        }
      self->n_wanted = 0;
      self->n_keyed = 0;
      for (guint i = 0; i < first->len; i++)
        {
          const char *code = pl_survey_response_get_form_code (first->pdata[i]);

          if (code == NULL || !pl_entry_batch_wants_second_keying (self->batch, code))
            continue;
          self->n_wanted++;
          if (g_hash_table_contains (again, code))
            self->n_keyed++;
          else
            g_strv_builder_add (pending, code);
        }
      g_strfreev (self->pending);
      self->pending = g_strv_builder_end (pending);
    }
  else
    {
      PlEntryStats stats;

      if (!pl_store_get_entry_stats (self->store, batch_id, &stats, error))
        return FALSE;
      self->n_keyed = stats.n_forms;
    }
  return TRUE;
}

static void
refresh_counts (PlEntryDesk *self)
{
  g_autoptr(GError) error = NULL;

  if (!read_counts (self, &error))
    g_warning ("Could not count the batch’s forms: %s", error->message);
  update_counter (self);
  update_pending (self);
}

/* Messages */

static void
set_code_message (PlEntryDesk *self,
                  const char  *message)
{
  gtk_label_set_text (self->code_message_label, message ? message : "");
  gtk_widget_set_visible (self->code_message_box, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->code_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "", -1);
}

static void
set_save_message (PlEntryDesk *self,
                  const char  *message)
{
  gtk_label_set_text (self->save_message_label, message ? message : "");
  gtk_widget_set_visible (self->save_message_box, message != NULL);
}

/* Languages */

static void
mark_language (PlEntryDesk *self,
               const char  *language)
{
  const char *const *languages = pl_survey_get_languages (self->survey);

  g_free (self->marked_language);
  self->marked_language = g_strdup (language);
  for (guint i = 0; i < self->language_choices->len && languages[i] != NULL; i++)
    pl_entry_choice_set_selected (self->language_choices->pdata[i],
                                  g_strcmp0 (languages[i], language) == 0);
}

static void
show_languages (PlEntryDesk *self)
{
  const char *form = self->form_language ? self->form_language : self->marked_language;

  for (guint i = 0; i < self->cards->len; i++)
    pl_entry_question_set_languages (self->cards->pdata[i], form, self->staff_language);
}

static guint
first_shown_from (PlEntryDesk *self,
                  guint        index)
{
  for (guint i = index; i < self->cards->len; i++)
    if (!pl_entry_question_get_skipped (self->cards->pdata[i]))
      return i;
  return G_MAXUINT;
}

static void
go_to_first_question (PlEntryDesk *self)
{
  guint first = first_shown_from (self, 0);

  if (first == G_MAXUINT)
    set_step (self, STEP_SAVE, 0);
  else
    set_step (self, STEP_QUESTION, first);
}

static void
choose_language (PlEntryDesk *self,
                 const char  *language)
{
  g_free (self->form_language);
  self->form_language = g_strdup (language);
  mark_language (self, language);
  show_languages (self);
  go_to_first_question (self);
}

static void
on_language_clicked (GtkButton   *button,
                     PlEntryDesk *self)
{
  if (self->form_code == NULL)
    {
      set_step (self, STEP_CODE, 0);
      return;
    }
  choose_language (self, g_object_get_data (G_OBJECT (button), "pl-language"));
}

static void
build_languages (PlEntryDesk *self)
{
  const char *const *languages = pl_survey_get_languages (self->survey);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->language_box))) != NULL)
    gtk_flow_box_remove (self->language_box, child);
  g_ptr_array_set_size (self->language_choices, 0);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      const PlLanguage *known = pl_language_lookup (languages[i]);
      const char *name = pl_language_get_name (languages[i]);
      g_autofree char *key = i < 9 ? g_strdup_printf ("%u", i + 1) : g_strdup ("");
      GtkWidget *choice;

      /* The language's own name, as the paper has it, and the staff's word for it. */
      choice = pl_entry_choice_new (key, FALSE);
      pl_entry_choice_set_labels (choice, known ? known->native_name : name, languages[i], NULL,
                                  name);
      g_object_set_data_full (G_OBJECT (choice), "pl-language", g_strdup (languages[i]), g_free);
      g_signal_connect (choice, "clicked", G_CALLBACK (on_language_clicked), self);
      gtk_flow_box_append (self->language_box, choice);
      gtk_widget_set_focusable (gtk_widget_get_parent (choice), FALSE);
      g_ptr_array_add (self->language_choices, choice);
      n++;
    }
  gtk_flow_box_set_max_children_per_line (self->language_box, CLAMP (n, 1, 4));
  gtk_widget_set_visible (self->language_card, n > 1);
}

/* Typing a language's first letter: the one it starts, or, when several
 * start alike, the next of them marked (Enter takes it). */
static gboolean
language_letter (PlEntryDesk *self,
                 gunichar     c)
{
  const char *const *languages = pl_survey_get_languages (self->survey);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  gunichar lower = g_unichar_tolower (c);
  int marked = -1;

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const PlLanguage *known = pl_language_lookup (languages[i]);
      const char *names[] = { pl_language_get_name (languages[i]),
                              known ? known->name : NULL,
                              known ? known->native_name : NULL };

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (names[n] != NULL && g_unichar_tolower (g_utf8_get_char (names[n])) == lower)
          {
            g_ptr_array_add (matches, (gpointer) languages[i]);
            break;
          }
    }
  if (matches->len == 0)
    return FALSE;
  if (matches->len == 1)
    {
      choose_language (self, matches->pdata[0]);
      return TRUE;
    }
  for (guint i = 0; i < matches->len; i++)
    if (g_strcmp0 (matches->pdata[i], self->marked_language) == 0)
      marked = i;
  mark_language (self, matches->pdata[(marked + 1) % matches->len]);
  return TRUE;
}

/* Answers and skip rules */

static char *
skip_reason (PlEntryDesk *self,
             PlQuestion  *question)
{
  PlQuestion *source = pl_survey_find_question (self->survey,
                                                pl_question_get_skip_question_id (question));
  const char *value = pl_question_get_skip_value (question);
  const char *label;
  int index;

  if (source == NULL)
    return g_strdup (_("Skipped"));
  index = pl_survey_question_index (self->survey, source);
  label = pl_survey_value_label (self->survey, source, value, self->staff_language, NULL);
  /* Translators: why a question is passed over: "Skipped: asked only when
   * question 2 is “Yes”" */
  return g_strdup_printf (_("Skipped: asked only when question %d is “%s”"), index + 1,
                          label ? label : value);
}

/* Applies the skip rules to the answers so far: a question they pass over
 * shows dimmed and loses any answer, as on the paper. */
static void
apply_skip_rules (PlEntryDesk *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      PlEntryQuestion *card = self->cards->pdata[i];
      PlQuestion *question = pl_entry_question_get_question (card);

      if (pl_survey_question_is_shown (self->survey, question, self->answers))
        {
          pl_entry_question_set_skipped (card, NULL);
          continue;
        }
      if (!pl_entry_question_get_skipped (card))
        {
          g_autofree char *why = skip_reason (self, question);

          pl_entry_question_set_skipped (card, why);
        }
      if (g_hash_table_remove (self->answers, pl_question_get_id (question)))
        pl_entry_question_set_value (card, NULL);
      pl_entry_question_set_message (card, NULL);
    }
}

static void
record_answer (PlEntryDesk     *self,
               PlEntryQuestion *card)
{
  const char *id = pl_question_get_id (pl_entry_question_get_question (card));
  const char *value = pl_entry_question_get_value (card);

  if (value != NULL)
    g_hash_table_replace (self->answers, g_strdup (id), g_strdup (value));
  else
    g_hash_table_remove (self->answers, id);
  apply_skip_rules (self);
}

static void
set_answer (PlEntryDesk     *self,
            PlEntryQuestion *card,
            const char      *value)
{
  pl_entry_question_set_value (card, value);
  pl_entry_question_set_message (card, NULL);
  set_save_message (self, NULL);
  record_answer (self, card);
}

/* "What is wrong with this answer", or NULL when it may be left as it is. */
static char *
check_card (PlEntryDesk     *self,
            PlEntryQuestion *card)
{
  PlQuestion *question = pl_entry_question_get_question (card);
  const char *value = pl_entry_question_get_value (card);
  g_autoptr(GError) error = NULL;

  if (pl_entry_question_get_skipped (card))
    return NULL;
  if (value == NULL)
    return pl_question_get_required (question)
           ? g_strdup (_("This question needs an answer before the form can be saved"))
           : NULL;
  if (pl_question_get_kind (question) == PL_QUESTION_NUMBER)
    {
      /* Said in the keyer's terms, beside the field, without the question's code. */
      double min, max, number;
      gboolean has_min, has_max;
      char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
      char *end = NULL;

      pl_question_get_range (question, &min, &has_min, &max, &has_max);
      g_ascii_formatd (low, sizeof low, "%g", min);
      g_ascii_formatd (high, sizeof high, "%g", max);
      number = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0')
        /* Translators: %s is what was typed in a number field */
        return g_strdup_printf (_("“%s” is not a number"), value);
      if (has_min && has_max && (number < min || number > max))
        /* Translators: a number typed, and the question's range */
        return g_strdup_printf (_("%s is not possible here: the answer is from %s to %s"), value,
                                low, high);
      if (has_min && number < min)
        return g_strdup_printf (_("%s is not possible here: the answer is at least %s"), value,
                                low);
      if (has_max && number > max)
        return g_strdup_printf (_("%s is not possible here: the answer is at most %s"), value,
                                high);
    }
  if (!pl_question_check_value (question, value, &error))
    return g_strdup (error->message);
  return NULL;
}

/* A number is checked as it is typed; only a value still too small, which
 * more digits may mend, waits until the keyer moves on. */
static void
on_card_input_changed (PlEntryDesk     *self,
                       PlEntryQuestion *card)
{
  PlQuestion *question = pl_entry_question_get_question (card);
  const char *value = pl_entry_question_get_value (card);
  g_autofree char *problem = NULL;

  set_save_message (self, NULL);
  record_answer (self, card);
  if (pl_question_get_kind (question) == PL_QUESTION_NUMBER && value != NULL)
    {
      double min, max, number;
      gboolean has_min, has_max;
      char *end = NULL;

      problem = check_card (self, card);
      pl_question_get_range (question, &min, &has_min, &max, &has_max);
      number = g_ascii_strtod (value, &end);
      if (problem != NULL && end != NULL && *end == '\0' && has_min && number < min &&
          number >= 0 && (!has_max || number <= max))
        g_clear_pointer (&problem, g_free);
      if (problem != NULL && pl_entry_question_get_message (card) == NULL)
        pl_entry_question_flash (card);
    }
  pl_entry_question_set_message (card, problem);
}

static void
on_card_input_activate (PlEntryDesk     *self,
                        PlEntryQuestion *card)
{
  if (current_card (self) == card)
    go_next (self);
}

static void
on_card_choice_clicked (PlEntryDesk     *self,
                        const char      *value,
                        PlEntryQuestion *card)
{
  guint index;

  if (self->form_code == NULL || pl_entry_question_get_skipped (card) ||
      !g_ptr_array_find (self->cards, card, &index))
    {
      pl_entry_question_flash (card);
      return;
    }

  if (pl_question_get_kind (pl_entry_question_get_question (card)) == PL_QUESTION_MULTIPLE)
    {
      const char *old = pl_entry_question_get_value (card);
      const char *const *options = pl_question_get_options (pl_entry_question_get_question (card));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = old ? g_strsplit (old, " ", -1) : NULL;
      g_auto(GStrv) values = NULL;
      g_autofree char *joined = NULL;
      gboolean had = parts != NULL && g_strv_contains ((const char *const *) parts, value);

      /* Kept in option order, the XLSForm way. */
      for (guint i = 0; options != NULL && options[i] != NULL; i++)
        {
          gboolean in = g_str_equal (options[i], value)
                        ? !had : parts != NULL && g_strv_contains ((const char *const *) parts,
                                                                   options[i]);
          if (in)
            g_strv_builder_add (builder, options[i]);
        }
      values = g_strv_builder_end (builder);
      joined = g_strjoinv (" ", values);
      set_answer (self, card, *joined ? joined : NULL);
      set_step (self, STEP_QUESTION, index);
      return;
    }

  set_answer (self, card, value);
  set_step (self, STEP_QUESTION, index);
  go_next (self);
}

static void
on_card_pressed (PlEntryDesk     *self,
                 PlEntryQuestion *card)
{
  guint index;

  /* The answers wait for the code and the language. */
  if (self->form_code == NULL || self->form_language == NULL ||
      pl_entry_question_get_skipped (card) || !g_ptr_array_find (self->cards, card, &index))
    return;
  if (self->step != STEP_QUESTION || self->current != index)
    set_step (self, STEP_QUESTION, index);
}

static void
build_cards (PlEntryDesk *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
  g_ptr_array_set_size (self->cards, 0);

  for (guint i = 0; i < pl_survey_get_n_questions (self->survey); i++)
    {
      GtkWidget *card = pl_entry_question_new (self->survey, pl_survey_get_question (self->survey, i),
                                               i + 1);

      g_signal_connect_object (card, "input-changed", G_CALLBACK (on_card_input_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (card, "input-activate", G_CALLBACK (on_card_input_activate), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (card, "choice-clicked", G_CALLBACK (on_card_choice_clicked), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (card, "pressed", G_CALLBACK (on_card_pressed), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->questions_box, card);
      g_ptr_array_add (self->cards, card);
    }
}

/* Steps */

static void
set_step (PlEntryDesk *self,
          Step         step,
          guint        index)
{
  GtkWidget *old = step_widget (self);
  GtkWidget *now;

  if (old != NULL)
    pl_entry_card_set_current (old, FALSE);

  self->step = step;
  self->current = step == STEP_QUESTION ? index : 0;
  now = step_widget (self);
  if (now != NULL)
    pl_entry_card_set_current (now, TRUE);

  switch (step)
    {
    case STEP_CODE:
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      break;

    case STEP_LANGUAGE:
      gtk_widget_grab_focus (self->language_card);
      break;

    case STEP_QUESTION:
      {
        PlEntryQuestion *card = current_card (self);
        GtkWidget *input = pl_entry_question_get_input (card);

        if (input != NULL)
          gtk_widget_grab_focus (input);
        else
          gtk_widget_grab_focus (GTK_WIDGET (card));
      }
      break;

    case STEP_SAVE:
      gtk_widget_grab_focus (self->save_button);
      break;

    case STEP_NONE:
    default:
      break;
    }

  /* The code card holds the counter: the first question keeps it in view. */
  scroll_to (self, step == STEP_CODE || (step == STEP_LANGUAGE && index == 0)
                   ? self->code_card : now);
  update_actions (self);
}

static void
go_next (PlEntryDesk *self)
{
  PlEntryQuestion *card = current_card (self);
  g_autofree char *problem = NULL;
  guint next;

  if (card == NULL)
    return;

  problem = check_card (self, card);
  if (problem != NULL)
    {
      pl_entry_question_set_message (card, problem);
      pl_entry_question_flash (card);
      return;
    }
  pl_entry_question_set_message (card, NULL);

  next = first_shown_from (self, self->current + 1);
  if (next == G_MAXUINT)
    set_step (self, STEP_SAVE, 0);
  else
    set_step (self, STEP_QUESTION, next);
}

static void
go_back (PlEntryDesk *self)
{
  guint from = self->step == STEP_QUESTION ? self->current : self->cards->len;

  if (self->step == STEP_QUESTION || self->step == STEP_SAVE)
    {
      for (guint i = from; i > 0; i--)
        if (!pl_entry_question_get_skipped (self->cards->pdata[i - 1]))
          {
            set_step (self, STEP_QUESTION, i - 1);
            return;
          }
      if (has_several_languages (self))
        {
          set_step (self, STEP_LANGUAGE, 0);
          return;
        }
    }

  if (self->step != STEP_CODE)
    {
      set_step (self, STEP_CODE, 0);
      gtk_editable_select_region (GTK_EDITABLE (self->code_entry), 0, -1);
    }
}

/* The form code */

static void
check_code (PlEntryDesk *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  if (*text == '\0')
    {
      set_code_message (self, _("Type the form code printed on the paper"));
      pl_entry_card_flash (self->code_card);
      return;
    }

  code = pl_store_check_form_code (self->store, self->batch, self->keying, text, &error);
  if (code == NULL)
    {
      /* The keyer fixes the code where it is: focus stays, all of it selected. */
      set_code_message (self, error->message);
      pl_entry_card_flash (self->code_card);
      g_clear_pointer (&self->form_code, g_free);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->code_entry), 0, -1);
      update_actions (self);
      return;
    }

  set_code_message (self, NULL);
  /* The code as printed, which the changed handler must not take for an edit. */
  if (!g_str_equal (code, text))
    {
      self->setting_code = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
      self->setting_code = FALSE;
    }
  g_free (self->form_code);
  self->form_code = g_steal_pointer (&code);

  if (has_several_languages (self))
    {
      g_clear_pointer (&self->form_language, g_free);
      set_step (self, STEP_LANGUAGE, 0);
    }
  else
    {
      g_free (self->form_language);
      self->form_language = g_strdup (pl_survey_get_default_language (self->survey));
      go_to_first_question (self);
    }
}

static void
on_code_changed (PlEntryDesk *self,
                 GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->setting_code)
    return;

  /* Keying time counts from the first key of the form code. */
  if (self->started_usec == 0 && *text != '\0')
    {
      self->started_usec = g_get_monotonic_time ();
      g_free (self->started_at);
      self->started_at = utc_now ();
    }
  if (self->form_code != NULL && g_strcmp0 (self->form_code, text) != 0)
    {
      /* A changed code is checked again before the answers go on. */
      g_clear_pointer (&self->form_code, g_free);
      update_actions (self);
    }
  if (gtk_widget_get_visible (self->code_message_box))
    set_code_message (self, NULL);
}

static void
on_code_activate (PlEntryDesk *self)
{
  if (self->step == STEP_CODE)
    check_code (self);
}

/* A fresh form */

static void
clear_form (PlEntryDesk *self)
{
  g_hash_table_remove_all (self->answers);
  for (guint i = 0; i < self->cards->len; i++)
    {
      pl_entry_question_set_value (self->cards->pdata[i], NULL);
      pl_entry_question_set_message (self->cards->pdata[i], NULL);
      pl_entry_card_set_current (self->cards->pdata[i], FALSE);
    }
  apply_skip_rules (self);
  g_clear_pointer (&self->form_code, g_free);
  g_clear_pointer (&self->form_language, g_free);
  g_clear_pointer (&self->started_at, g_free);
  self->started_usec = 0;
  set_save_message (self, NULL);
  set_code_message (self, NULL);
}

static void
new_form (PlEntryDesk *self)
{
  GtkWidget *old = step_widget (self);

  if (old != NULL)
    pl_entry_card_set_current (old, FALSE);
  self->step = STEP_NONE;
  clear_form (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  /* A stack is mostly in one language: the last form's is marked for Enter. */
  mark_language (self, self->previous_language ? self->previous_language
                                               : pl_survey_get_default_language (self->survey));
  show_languages (self);
  self->started_usec = 0;
  set_step (self, STEP_CODE, 0);
}

/* Saving */

static void
on_undo_toast_clicked (AdwToast    *toast,
                       PlEntryDesk *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "desk.undo", NULL);
}

static void
save_form (PlEntryDesk *self)
{
  g_autoptr(PlSurveyResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GHashTableIter iter;
  gpointer key, value;
  AdwToast *saved;

  if (self->step == STEP_NONE)
    return;
  if (self->form_code == NULL)
    {
      if (self->step == STEP_CODE)
        check_code (self);
      else
        set_step (self, STEP_CODE, 0);
      return;
    }
  if (self->form_language == NULL)
    {
      set_step (self, STEP_LANGUAGE, 0);
      pl_entry_card_flash (self->language_card);
      return;
    }

  /* Every answer is checked where it stands before anything is written. */
  for (guint i = 0; i < self->cards->len; i++)
    {
      g_autofree char *problem = check_card (self, self->cards->pdata[i]);

      if (problem != NULL)
        {
          set_step (self, STEP_QUESTION, i);
          pl_entry_question_set_message (self->cards->pdata[i], problem);
          pl_entry_question_flash (self->cards->pdata[i]);
          return;
        }
    }

  response = pl_survey_response_new (pl_survey_get_id (self->survey),
                                     pl_entry_batch_get_school_id (self->batch));
  pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (self->batch));
  pl_survey_response_set_form_code (response, self->form_code);
  pl_survey_response_set_language (response, self->form_language);
  pl_survey_response_set_mode (response, "paper");
  pl_survey_response_set_entered_by (response, self->keyer);
  pl_survey_response_set_keying (response, self->keying);
  pl_survey_response_set_started_at (response, self->started_at);
  if (self->started_usec > 0)
    pl_survey_response_set_keyed_seconds (response,
                                          (g_get_monotonic_time () - self->started_usec) /
                                          (double) G_USEC_PER_SEC);
  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pl_survey_response_set_answer (response, key, value);

  if (!pl_store_save_response (self->store, response, &error))
    {
      if (g_error_matches (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM) ||
          g_error_matches (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE))
        {
          /* Keyed meanwhile on this laptop or by a sync: say so at the code. */
          g_clear_pointer (&self->form_code, g_free);
          set_step (self, STEP_CODE, 0);
          set_code_message (self, error->message);
          gtk_editable_select_region (GTK_EDITABLE (self->code_entry), 0, -1);
          pl_entry_card_flash (self->code_card);
          return;
        }
      set_step (self, STEP_SAVE, 0);
      set_save_message (self, error->message);
      pl_entry_card_flash (self->save_card);
      return;
    }

  self->n_saved++;
  g_free (self->last_saved_id);
  self->last_saved_id = g_strdup (pl_survey_response_get_id (response));
  g_free (self->last_saved_code);
  self->last_saved_code = g_strdup (pl_survey_response_get_form_code (response));
  g_free (self->previous_language);
  self->previous_language = g_strdup (self->form_language);

  /* Translators: %s is a form code */
  title = g_strdup_printf (_("Form %s saved"), self->last_saved_code);
  saved = adw_toast_new (title);
  adw_toast_set_button_label (saved, _("_Undo"));
  adw_toast_set_timeout (saved, 4);
  g_signal_connect_object (saved, "button-clicked", G_CALLBACK (on_undo_toast_clicked), self, 0);
  toast (self, saved);

  refresh_counts (self);
  new_form (self);
}

/* Taking back the last form saved: it leaves the store and comes back to
 * the desk, to be corrected and saved again. */
static void
undo_last (PlEntryDesk *self)
{
  g_autoptr(PlSurveyResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GHashTableIter iter;
  gpointer key, value;
  double seconds;

  if (self->last_saved_id == NULL)
    return;

  response = pl_store_load_response (self->store, self->last_saved_id, &error);
  if (response == NULL || !pl_store_delete_response (self->store, self->last_saved_id, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->last_saved_id, g_free);
  if (self->n_saved > 0)
    self->n_saved--;
  refresh_counts (self);

  new_form (self);
  self->setting_code = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), pl_survey_response_get_form_code (response));
  self->setting_code = FALSE;
  self->form_code = g_strdup (pl_survey_response_get_form_code (response));
  self->form_language = g_strdup (pl_survey_response_get_language (response)
                                  ? pl_survey_response_get_language (response)
                                  : pl_survey_get_default_language (self->survey));
  mark_language (self, self->form_language);
  show_languages (self);
  /* The time it took counts on, from when it was first begun. */
  seconds = pl_survey_response_get_keyed_seconds (response);
  self->started_usec = g_get_monotonic_time () - (gint64) (seconds * G_USEC_PER_SEC);
  g_free (self->started_at);
  self->started_at = g_strdup (pl_survey_response_get_started_at (response));

  g_hash_table_iter_init (&iter, pl_survey_response_get_answers (response));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PlQuestion *question = pl_survey_find_question (self->survey, key);
      int index = question ? pl_survey_question_index (self->survey, question) : -1;

      if (index >= 0 && (guint) index < self->cards->len)
        {
          pl_entry_question_set_value (self->cards->pdata[index], value);
          g_hash_table_replace (self->answers, g_strdup (key), g_strdup (value));
        }
    }
  apply_skip_rules (self);
  go_to_first_question (self);

  /* Translators: %s is a form code */
  title = g_strdup_printf (_("Form %s taken back: correct it and save it again"),
                           pl_survey_response_get_form_code (response));
  toast (self, adw_toast_new (title));
}

/* Leaving */

static void
close_desk (PlEntryDesk *self)
{
  pl_entry_desk_stop (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

typedef enum
{
  AFTER_CONFIRM_PAUSE,
  AFTER_CONFIRM_UNDO,
} AfterConfirm;

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PlEntryDesk      *self)
{
  AfterConfirm after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pl-after"));

  if (g_strcmp0 (response, "discard") != 0)
    {
      /* Back where the keyer was. */
      set_step (self, self->step, self->current);
      return;
    }
  if (after == AFTER_CONFIRM_UNDO)
    undo_last (self);
  else
    close_desk (self);
}

static void
confirm_discard (PlEntryDesk  *self,
                 AfterConfirm  after)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->confirm != NULL)
    return;

  if (after == AFTER_CONFIRM_UNDO)
    /* Translators: %s is the form code of the form saved last */
    body = g_strdup_printf (_("The form being keyed is not saved and will be lost. Form %s "
                              "comes back to the desk to be corrected."), self->last_saved_code);
  else
    body = g_strdup (_("The form being keyed is not saved and will be lost. The forms saved "
                       "before it stay in the batch."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Discard This Form?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Keying"),
                                    "discard", after == AFTER_CONFIRM_UNDO
                                               ? _("_Discard and Take Back")
                                               : _("_Discard and Pause"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data (G_OBJECT (dialog), "pl-after", GINT_TO_POINTER (after));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  g_set_weak_pointer (&self->confirm, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlEntryDesk *self = PL_ENTRY_DESK (widget);

  if (self->step == STEP_NONE)
    return;
  if (form_is_dirty (self))
    confirm_discard (self, AFTER_CONFIRM_PAUSE);
  else
    close_desk (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_form (PL_ENTRY_DESK (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlEntryDesk *self = PL_ENTRY_DESK (widget);

  if (self->last_saved_id == NULL)
    return;
  if (form_is_blank (self) || !form_is_dirty (self))
    undo_last (self);
  else
    confirm_discard (self, AFTER_CONFIRM_UNDO);
}

static void
on_done_clicked (PlEntryDesk *self)
{
  g_autoptr(GError) error = NULL;

  if (self->batch == NULL)
    return;

  if (self->keying == 1)
    {
      g_autoptr(PlEntryBatch) done = pl_entry_batch_copy (self->batch);

      pl_entry_batch_set_status (done, "done");
      if (!pl_store_save_batch (self->store, done, &error))
        {
          set_code_message (self, error->message);
          return;
        }
      toast (self, adw_toast_new (_("Batch marked done")));
    }
  if (form_is_dirty (self))
    confirm_discard (self, AFTER_CONFIRM_PAUSE);
  else
    close_desk (self);
}

/* Keys */

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* The character a key types, digits of any script as ASCII ones. */
static gunichar
key_char (guint keyval)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  int digit = c ? g_unichar_digit_value (c) : -1;

  return digit >= 0 ? (gunichar) ('0' + digit) : c;
}

static gboolean
language_key (PlEntryDesk *self,
              guint        keyval,
              gboolean     forward,
              gboolean     back)
{
  const char *const *languages = pl_survey_get_languages (self->survey);
  gunichar c;

  if (forward)
    {
      choose_language (self, self->marked_language ? self->marked_language : languages[0]);
      return TRUE;
    }
  if (back || keyval == GDK_KEY_BackSpace)
    {
      go_back (self);
      return TRUE;
    }

  c = key_char (keyval);
  if (c == 0)
    return FALSE;
  if (c >= '1' && c <= '9' && c - '1' < g_strv_length ((char **) languages))
    {
      choose_language (self, languages[c - '1']);
      return TRUE;
    }
  if (g_unichar_isalpha (c) && language_letter (self, c))
    return TRUE;
  pl_entry_card_flash (self->language_card);
  return TRUE;
}

static gboolean
number_char_ok (gunichar c)
{
  return g_unichar_digit_value (c) >= 0 || c == '.' || c == ',' || c == '-' || c == 0x066B ||
         c == 0x2212;
}

static gboolean
question_key (PlEntryDesk     *self,
              guint            keyval,
              GdkModifierType  mods,
              gboolean         forward,
              gboolean         back)
{
  PlEntryQuestion *card = current_card (self);
  PlQuestion *question = pl_entry_question_get_question (card);
  PlQuestionKind kind = pl_question_get_kind (question);
  const char *value;
  gunichar c;

  if (pl_entry_question_get_input (card) != NULL)
    {
      /* A field keeps its keys, for input methods too; only moving is ours. */
      if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
        {
          if (!back)
            go_next (self);
          else
            go_back (self);
          return TRUE;
        }
      if (keyval == GDK_KEY_ISO_Left_Tab)
        {
          go_back (self);
          return TRUE;
        }
      if (kind == PL_QUESTION_LONG_TEXT && is_enter (keyval) && !(mods & GDK_SHIFT_MASK) &&
          !pl_entry_question_has_preedit (card))
        {
          go_next (self);
          return TRUE;
        }
      if (kind == PL_QUESTION_NUMBER)
        {
          c = gdk_keyval_to_unicode (keyval);
          if (c != 0 && g_unichar_isprint (c) && !number_char_ok (c))
            {
              pl_entry_question_flash (card);
              return TRUE;
            }
        }
      return FALSE;
    }

  if (forward)
    {
      go_next (self);
      return TRUE;
    }
  if (back || keyval == GDK_KEY_BackSpace)
    {
      go_back (self);
      return TRUE;
    }
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    {
      set_answer (self, card, NULL);
      return TRUE;
    }

  c = key_char (keyval);
  if (c == 0 || !g_unichar_isprint (c))
    return FALSE;
  value = pl_question_value_for_key (question, c);
  if (value == NULL)
    {
      pl_entry_question_flash (card);
      return TRUE;
    }
  /* The desk's own click handler toggles and moves on as a key would. */
  on_card_choice_clicked (self, value, card);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PlEntryDesk           *self)
{
  GdkModifierType mods = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  gboolean tab = keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab ||
                 keyval == GDK_KEY_ISO_Left_Tab;
  gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (tab && (mods & GDK_SHIFT_MASK));
  gboolean forward = (tab && !back) || is_enter (keyval);

  if (self->step == STEP_NONE)
    return FALSE;
  /* While an input method composes, its keys are its own. */
  if (current_card (self) != NULL && pl_entry_question_has_preedit (current_card (self)))
    return FALSE;

  if (keyval == GDK_KEY_Escape && (mods & ~GDK_SHIFT_MASK) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "desk.pause", NULL);
      return TRUE;
    }
  if (is_enter (keyval) && (mods & GDK_CONTROL_MASK))
    {
      save_form (self);
      return TRUE;
    }
  /* In the code field Ctrl+Z is always the desk's: the field's own text
   * is gone with the form saved. */
  if (self->step == STEP_CODE && keyval == GDK_KEY_z && mods == GDK_CONTROL_MASK)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "desk.undo", NULL);
      return TRUE;
    }
  if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;

  switch (self->step)
    {
    case STEP_CODE:
      if (tab && !back)
        {
          check_code (self);
          return TRUE;
        }
      /* Nothing comes before the code. */
      return back;

    case STEP_LANGUAGE:
      return language_key (self, keyval, forward && !(mods & GDK_SHIFT_MASK), back);

    case STEP_QUESTION:
      return question_key (self, keyval, mods, forward && !(mods & GDK_SHIFT_MASK), back);

    case STEP_SAVE:
      if (is_enter (keyval))
        {
          save_form (self);
          return TRUE;
        }
      if (back || keyval == GDK_KEY_BackSpace)
        {
          go_back (self);
          return TRUE;
        }
      if (tab)
        return TRUE;
      if (gdk_keyval_to_unicode (keyval) != 0)
        {
          pl_entry_card_flash (self->save_card);
          return TRUE;
        }
      return FALSE;

    case STEP_NONE:
    default:
      return FALSE;
    }
}

/* Public */

GtkWidget *
pl_entry_desk_new (void)
{
  return g_object_new (PL_TYPE_ENTRY_DESK, NULL);
}

static char *
find_school (PlStore     *store,
             const char  *school_id,
             char       **code)
{
  g_autoptr(GListModel) schools = pl_store_list_schools (store, NULL);

  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      if (g_strcmp0 (pl_school_get_id (school), school_id) == 0)
        {
          *code = g_strdup (pl_school_get_code (school));
          return g_strdup (pl_school_get_name (school));
        }
    }
  *code = NULL;
  return NULL;
}

gboolean
pl_entry_desk_start (PlEntryDesk  *self,
                     PlStore      *store,
                     const char   *batch_id,
                     guint         keying,
                     GError      **error)
{
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autofree char *example = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *keys = NULL;
  guint n_languages;
  gboolean reuse;

  g_return_val_if_fail (PL_IS_ENTRY_DESK (self), FALSE);
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (batch_id != NULL, FALSE);
  g_return_val_if_fail (keying == 1 || keying == 2, FALSE);

  batch = pl_store_load_batch (store, batch_id, error);
  if (batch == NULL)
    return FALSE;
  survey = pl_store_load_survey (store, pl_entry_batch_get_survey_id (batch), error);
  if (survey == NULL)
    return FALSE;
  /* Said now, not after a whole form is typed. */
  if (g_strcmp0 (pl_survey_get_status (survey), "open") != 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_NOT_OPEN,
                   /* Translators: %s is a survey's title */
                   _("“%s” is not open for keying; open it under Surveys first"),
                   pl_survey_get_title (survey) ? pl_survey_get_title (survey) : "");
      return FALSE;
    }

  pl_entry_desk_stop (self);
  g_set_object (&self->store, store);
  g_set_object (&self->batch, batch);
  /* Back at the same survey, the cards stay: building a long form's cards
   * is what takes time when the desk opens. */
  reuse = self->survey != NULL && self->cards->len == pl_survey_get_n_questions (survey) &&
          g_strcmp0 (pl_survey_get_id (self->survey), pl_survey_get_id (survey)) == 0 &&
          !pl_survey_changes_meaning (self->survey, survey, NULL);
  g_set_object (&self->survey, survey);
  self->keying = keying;
  g_free (self->school_name);
  g_free (self->school_code);
  self->school_name = find_school (store, pl_entry_batch_get_school_id (batch), &self->school_code);
  g_free (self->keyer);
  self->keyer = g_strdup (keying == 2 ? pl_entry_batch_get_second_keyer (batch)
                                      : pl_entry_batch_get_entered_by (batch));
  if (self->keyer == NULL)
    self->keyer = pl_store_dup_me (store);
  g_free (self->staff_language);
  self->staff_language = staff_language_for (survey);
  g_clear_pointer (&self->previous_language, g_free);
  g_clear_pointer (&self->last_saved_id, g_free);
  self->n_saved = 0;

  adw_window_title_set_title (self->window_title, pl_survey_get_title (survey)
                                                  ? pl_survey_get_title (survey) : "");
  example = self->school_code ? pl_form_code_format (pl_survey_get_number (survey),
                                                     self->school_code, 421) : NULL;
  if (example != NULL)
    {
      /* Translators: shown in the empty form code field: "for example S1-0153-00421" */
      g_autofree char *placeholder = g_strdup_printf (_("for example %s"), example);

      gtk_entry_set_placeholder_text (self->code_entry, placeholder);
    }
  else
    gtk_entry_set_placeholder_text (self->code_entry, NULL);
  if (keying == 2)
    hint = g_strdup (_("Second keying: pull one of the forms listed below and type its code, "
                       "then Enter. The first keying’s answers are not shown."));
  else
    hint = g_strdup (_("Type the code printed at the top of the form, then Enter."));
  gtk_label_set_text (self->code_hint_label, hint);
  gtk_button_set_label (self->done_button, keying == 2 ? _("Back to Batches") : _("Mark Batch Done"));

  build_languages (self);
  n_languages = g_strv_length ((char **) pl_survey_get_languages (survey));
  if (n_languages > 9)
    keys = g_strdup (_("Type its first letter; Enter keeps the one marked"));
  else
    /* Translators: the keys of the form's language: "Type 1–8 or its first letter; …" */
    keys = g_strdup_printf (_("Type 1–%u or its first letter; Enter keeps the one marked"),
                            n_languages);
  gtk_label_set_text (self->language_keys_label, keys);
  if (reuse)
    for (guint i = 0; i < self->cards->len; i++)
      pl_entry_question_set_survey (self->cards->pdata[i], survey,
                                    pl_survey_get_question (survey, i));
  else
    build_cards (self);

  refresh_counts (self);
  new_form (self);
  return TRUE;
}

void
pl_entry_desk_stop (PlEntryDesk *self)
{
  g_return_if_fail (PL_IS_ENTRY_DESK (self));

  if (self->confirm != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm));
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  g_clear_object (&self->scroll_target);
  if (self->step != STEP_NONE)
    {
      GtkWidget *old = step_widget (self);

      if (old != NULL)
        pl_entry_card_set_current (old, FALSE);
      self->step = STEP_NONE;
      clear_form (self);
    }
  g_clear_pointer (&self->last_saved_id, g_free);
  update_actions (self);
}

const char *
pl_entry_desk_get_batch_id (PlEntryDesk *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_DESK (self), NULL);

  return self->batch ? pl_entry_batch_get_id (self->batch) : NULL;
}

/* For tests */

const char *
_pl_entry_desk_get_step (PlEntryDesk *self)
{
  static const char *const names[] = { NULL, "code", "language", "question", "save" };

  return names[self->step];
}

PlEntryQuestion *
_pl_entry_desk_get_current (PlEntryDesk *self)
{
  return current_card (self);
}

PlEntryQuestion *
_pl_entry_desk_get_question (PlEntryDesk *self,
                             guint        index)
{
  return card_at (self, index);
}

GtkWidget *
_pl_entry_desk_get_code_entry (PlEntryDesk *self)
{
  return GTK_WIDGET (self->code_entry);
}

const char *
_pl_entry_desk_get_code_message (PlEntryDesk *self)
{
  return gtk_widget_get_visible (self->code_message_box)
           ? gtk_label_get_text (self->code_message_label) : NULL;
}

const char *
_pl_entry_desk_get_language (PlEntryDesk *self)
{
  return self->form_language ? self->form_language : self->marked_language;
}

const char *
_pl_entry_desk_get_counter (PlEntryDesk *self)
{
  return self->counter;
}

guint
_pl_entry_desk_get_n_saved (PlEntryDesk *self)
{
  return self->n_saved;
}

gboolean
_pl_entry_desk_current_in_view (PlEntryDesk *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *widget = step_widget (self);
  graphene_rect_t bounds;
  double top, bottom;

  if (widget == NULL || !gtk_widget_compute_bounds (widget, self->content_box, &bounds))
    return FALSE;
  top = gtk_adjustment_get_value (adjustment);
  bottom = top + gtk_adjustment_get_page_size (adjustment);
  return bounds.origin.y >= top - 0.5 && bounds.origin.y + bounds.size.height <= bottom + 0.5;
}

const char *const *
_pl_entry_desk_get_pending (PlEntryDesk *self)
{
  return self->keying == 2 ? (const char *const *) self->pending : NULL;
}

/* GObject */

static void
pl_entry_desk_dispose (GObject *object)
{
  PlEntryDesk *self = PL_ENTRY_DESK (object);

  if (self->confirm != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm));
  g_clear_weak_pointer (&self->confirm);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  g_clear_object (&self->scroll_target);
  g_clear_object (&self->scroll_animation);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ENTRY_DESK);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->language_choices, g_ptr_array_unref);

  g_clear_object (&self->survey);
  g_clear_object (&self->batch);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_entry_desk_parent_class)->dispose (object);
}

static void
pl_entry_desk_finalize (GObject *object)
{
  PlEntryDesk *self = PL_ENTRY_DESK (object);

  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_free (self->school_name);
  g_free (self->school_code);
  g_free (self->keyer);
  g_free (self->staff_language);
  g_free (self->form_code);
  g_free (self->form_language);
  g_free (self->marked_language);
  g_free (self->previous_language);
  g_free (self->started_at);
  g_strfreev (self->pending);
  g_free (self->last_saved_id);
  g_free (self->last_saved_code);
  g_free (self->counter);

  G_OBJECT_CLASS (pl_entry_desk_parent_class)->finalize (object);
}

static void
pl_entry_desk_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlEntryDesk *self = PL_ENTRY_DESK (object);

  switch (prop_id)
    {
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
pl_entry_desk_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlEntryDesk *self = PL_ENTRY_DESK (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_SHOW_START_TITLE_BUTTONS:
      field = &self->show_start_title_buttons;
      break;

    case PROP_SHOW_BACK_BUTTON:
      field = &self->show_back_button;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field != g_value_get_boolean (value))
    {
      *field = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
pl_entry_desk_class_init (PlEntryDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_entry_desk_dispose;
  object_class->finalize = pl_entry_desk_finalize;
  object_class->get_property = pl_entry_desk_get_property;
  object_class->set_property = pl_entry_desk_set_property;

  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-entry-desk.ui");
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, content_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, code_card);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, counter_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, code_message_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, code_message_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, code_hint_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, done_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, done_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, done_button);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, language_card);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, language_keys_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, language_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, questions_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, save_card);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, save_message_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryDesk, save_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activate);

  gtk_widget_class_install_action (widget_class, "desk.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "desk.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "desk.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "desk.undo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entrydesk");
}

static void
pl_entry_desk_init (PlEntryDesk *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cards = g_ptr_array_new ();
  self->language_choices = g_ptr_array_new ();
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before any field: one-key answers, moving on and back, Escape and
   * Ctrl+Enter. A field's own typing (and its input method) is left alone. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->done_button, "clicked", G_CALLBACK (on_done_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->code_entry), FALSE);
  update_actions (self);
}

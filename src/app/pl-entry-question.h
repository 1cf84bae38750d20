/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-survey.h"

G_BEGIN_DECLS

#define PL_TYPE_ENTRY_QUESTION (pl_entry_question_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryQuestion, pl_entry_question, PL, ENTRY_QUESTION, GtkWidget)

/* One question of a paper form at the entry desk, as a card: its number,
 * its wording in the form's language with the staff's language beside it
 * (a missing translation marked), the answers with the key of each, and
 * what was keyed. Scales and choices are answered with one key (the desk
 * reads the keys); numbers and texts have a field of their own.
 *
 * Signals: "choice-clicked" (const char *value) when a person clicks an
 * answer; "input-changed" when the field's text changes; "input-activate"
 * on Enter in the field (after the input method had its say); "pressed"
 * when the card is clicked. */
GtkWidget  *pl_entry_question_new           (PlSurvey        *survey,
                                             PlQuestion      *question,
                                             guint            number);
/* The same question read again (its texts may have been corrected): the
 * card shows the new texts. */
void        pl_entry_question_set_survey    (PlEntryQuestion *self,
                                             PlSurvey        *survey,
                                             PlQuestion      *question);
PlQuestion *pl_entry_question_get_question  (PlEntryQuestion *self);
guint       pl_entry_question_get_number    (PlEntryQuestion *self);

/* The form's language (texts the family read) and the staff's. */
void        pl_entry_question_set_languages (PlEntryQuestion *self,
                                             const char      *form_language,
                                             const char      *staff_language);

/* The answer as stored (see PlQuestionKind), or NULL when there is none.
 * For numbers and texts, it is what the field holds (digits of any script
 * read as ASCII, a decimal comma as a point). */
const char *pl_entry_question_get_value     (PlEntryQuestion *self);
void        pl_entry_question_set_value     (PlEntryQuestion *self,
                                             const char      *value);

void        pl_entry_question_set_current   (PlEntryQuestion *self,
                                             gboolean         current);
/* A question the skip rules pass over shows dimmed, saying why. */
void        pl_entry_question_set_skipped   (PlEntryQuestion *self,
                                             const char      *why);
gboolean    pl_entry_question_get_skipped   (PlEntryQuestion *self);
/* A problem with the answer, beside the question; NULL clears it. */
void        pl_entry_question_set_message   (PlEntryQuestion *self,
                                             const char      *message);
const char *pl_entry_question_get_message   (PlEntryQuestion *self);
/* A short error blink, for a key that means nothing here. */
void        pl_entry_question_flash         (PlEntryQuestion *self);

/* The field of a number or text question (NULL for one-key kinds). */
GtkWidget  *pl_entry_question_get_input     (PlEntryQuestion *self);
/* Whether an input method is composing text in the field. */
gboolean    pl_entry_question_has_preedit   (PlEntryQuestion *self);

/* Shared with the desk's own cards: a card's highlight and blink. */
void        pl_entry_card_set_current       (GtkWidget       *card,
                                             gboolean         current);
void        pl_entry_card_flash             (GtkWidget       *card);
/* A one-key choice: the key in a keycap (over the label when @stacked,
 * before it otherwise), then (pl_entry_choice_set_labels)
 * the label in the form's language, right to left when it is, marked with
 * @fallback_tooltip when it fell back to the default language, and the
 * staff's label under it when it differs. */
GtkWidget  *pl_entry_choice_new             (const char      *key,
                                             gboolean         stacked);
void        pl_entry_choice_set_labels      (GtkWidget       *choice,
                                             const char      *label,
                                             const char      *label_language,
                                             const char      *fallback_tooltip,
                                             const char      *staff_label);
void        pl_entry_choice_set_selected    (GtkWidget       *choice,
                                             gboolean         selected);
/* Whether texts in @language are written right to left. */
gboolean    pl_entry_language_is_rtl        (const char      *language);
/* "Not translated: shown in English" */
char       *pl_entry_fallback_tooltip       (const char      *default_language);

G_END_DECLS

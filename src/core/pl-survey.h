/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-question.h"

G_BEGIN_DECLS

#define PL_SURVEY_ERROR (pl_survey_error_quark ())

/* Failures of surveys, forms and responses; every message names the
 * question, value or form code concerned. */
typedef enum
{
  PL_SURVEY_ERROR_INVALID,        /* the definition is inconsistent (bad code, skip loop, …) */
  PL_SURVEY_ERROR_LOCKED,         /* responses exist: the version's meaning cannot change */
  PL_SURVEY_ERROR_BAD_ANSWER,     /* an answer not among the values, out of range, not a number */
  PL_SURVEY_ERROR_REQUIRED,       /* a required (and shown) question has no answer */
  PL_SURVEY_ERROR_BAD_FORM_CODE,  /* not a form code, or one of another survey or school */
  PL_SURVEY_ERROR_DUPLICATE_FORM, /* that form code was already keyed */
  PL_SURVEY_ERROR_NOT_OPEN,       /* the survey is a draft or closed */
  PL_SURVEY_ERROR_BAD_FILE,       /* an import file (XLSForm CSV) is malformed */
} PlSurveyError;

GQuark pl_survey_error_quark (void);

/* Where a text is, in a survey: the survey's "title", "description" and
 * "instructions" (owner id: the survey id); a question's "text" and "hint"
 * (owner id: the question id); a SINGLE/MULTIPLE option's "label" (owner
 * id: "QUESTION-ID/VALUE"); a scale point's "label", shared by every
 * question of that kind (owner id: "KIND-CODE/VALUE", e.g. "agreement/5",
 * "agreement/na", "frequency/1", "yes-no/yes"). */
typedef enum
{
  PL_TEXT_OWNER_SURVEY,
  PL_TEXT_OWNER_QUESTION,
  PL_TEXT_OWNER_OPTION,
  PL_TEXT_OWNER_SCALE,
} PlTextOwner;

/* Stored codes "survey", "question", "option", "scale". */
const char *pl_text_owner_to_code   (PlTextOwner  owner);
gboolean    pl_text_owner_from_code (const char  *code,
                                     PlTextOwner *owner);

/* The state of one text in one language other than the default. */
typedef enum
{
  PL_TEXT_CURRENT,  /* translated from the default text as it is now */
  PL_TEXT_MISSING,  /* no translation: the default language's text shows */
  PL_TEXT_STALE,    /* the default text changed after it was translated */
} PlTextState;

#define PL_TYPE_SURVEY (pl_survey_get_type ())
G_DECLARE_FINAL_TYPE (PlSurvey, pl_survey, PL, SURVEY, GObject)

/* A survey version: a family-satisfaction survey as printed and keyed.
 *
 * "series-id" ties the versions of one survey together; "number" is the
 * series' short number printed in form codes ("S3-…"); "version" counts
 * from 1. "status" is "draft", "open" (forms may be keyed) or "closed".
 * "languages" are the codes it is offered in, the default language first.
 * "term" is a school term such as "2026-fall".
 *
 * Once responses exist (pl_survey_get_locked(), set by the store), the
 * questions cannot change meaning and the default-language texts cannot
 * change: pl_survey_new_version() makes the next version to edit. Other
 * languages' texts can still be added and corrected. */
PlSurvey   *pl_survey_new                 (const char *default_language);
/* A deep copy with the same ids, for an editor. */
PlSurvey   *pl_survey_copy                (PlSurvey   *self);
/* The next version: same series and number, version + 1, status draft,
 * not locked, fresh ids for the survey and questions (skip rules and texts
 * follow them). */
PlSurvey   *pl_survey_new_version         (PlSurvey   *self);

const char *pl_survey_get_id              (PlSurvey   *self);
const char *pl_survey_get_series_id       (PlSurvey   *self);
guint       pl_survey_get_number          (PlSurvey   *self);
void        pl_survey_set_number          (PlSurvey   *self, guint number);
guint       pl_survey_get_version         (PlSurvey   *self);
const char *pl_survey_get_default_language (PlSurvey  *self);
/* Changing the default language of a survey with texts is not offered;
 * this is for a new survey. */
void        pl_survey_set_default_language (PlSurvey  *self, const char *language);
/* NULL-terminated, default language first. */
const char *const *pl_survey_get_languages (PlSurvey  *self);
/* Adds a language (filling its scale labels from the built-in ones when
 * Porchlight knows them), or removes one and its texts. */
void        pl_survey_add_language        (PlSurvey   *self, const char *language);
void        pl_survey_remove_language     (PlSurvey   *self, const char *language);
const char *pl_survey_get_term            (PlSurvey   *self);
void        pl_survey_set_term            (PlSurvey   *self, const char *term);
const char *pl_survey_get_status          (PlSurvey   *self);
void        pl_survey_set_status          (PlSurvey   *self, const char *status);
gboolean    pl_survey_get_locked          (PlSurvey   *self);
void        pl_survey_set_locked          (PlSurvey   *self, gboolean locked);

/* The default-language title (a shortcut for pl_survey_get_text()). */
const char *pl_survey_get_title           (PlSurvey   *self);

/* Questions, in order (a GPtrArray of PlQuestion owned by the survey). */
guint       pl_survey_get_n_questions     (PlSurvey   *self);
PlQuestion *pl_survey_get_question        (PlSurvey   *self, guint index);
PlQuestion *pl_survey_find_question       (PlSurvey   *self, const char *id);
PlQuestion *pl_survey_find_question_by_code (PlSurvey *self, const char *code);
int         pl_survey_question_index      (PlSurvey   *self, PlQuestion *question);
void        pl_survey_insert_question     (PlSurvey   *self, int position, PlQuestion *question);
/* Removes the question, its texts and the skip rules that point at it. */
void        pl_survey_remove_question     (PlSurvey   *self, PlQuestion *question);
void        pl_survey_move_question       (PlSurvey   *self, PlQuestion *question, guint position);

/* Texts. pl_survey_get_text() never returns a blank for a text the default
 * language has: a missing translation falls back to the default language's
 * text and sets *@fell_back (staff screens mark it; paper does not print
 * a blank). NULL only when even the default text is missing. */
const char *pl_survey_get_text            (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language,
                                           gboolean    *fell_back);
/* The text stored for exactly that language, or NULL. */
const char *pl_survey_get_own_text        (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language);
/* Sets (NULL or "" removes) a text. A translation remembers which default
 * text it was made from, so that a later change of the default text makes
 * it STALE. */
void        pl_survey_set_text            (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language,
                                           const char  *text);
/* For a translation checked against a changed default text and still
 * right: it becomes CURRENT without being retyped. */
void        pl_survey_confirm_text        (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language);
/* CURRENT for the default language whenever it has the text. */
PlTextState pl_survey_get_text_state      (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language);

/* Shortcuts for the texts a family reads, with the same fallback. */
const char *pl_survey_question_text       (PlSurvey    *self,
                                           PlQuestion  *question,
                                           const char  *language,
                                           gboolean    *fell_back);
/* The label of one of pl_question_dup_values(): the option's own label, or
 * the shared scale label for scales and yes/no. */
const char *pl_survey_value_label         (PlSurvey    *self,
                                           PlQuestion  *question,
                                           const char  *value,
                                           const char  *language,
                                           gboolean    *fell_back);

/* Every text of the survey in any language, for the store and for export:
 * calls @func for each (in a stable order). @source_hash is the hash of the
 * default text a translation was made from (NULL for default-language texts). */
typedef void (*PlSurveyTextFunc) (PlTextOwner  owner,
                                  const char  *owner_id,
                                  const char  *field,
                                  const char  *language,
                                  const char  *text,
                                  const char  *source_hash,
                                  gpointer     user_data);
void        pl_survey_foreach_text        (PlSurvey         *self,
                                           PlSurveyTextFunc  func,
                                           gpointer          user_data);
/* For the store reading texts back: sets a text with its stored hash. */
void        pl_survey_load_text           (PlSurvey    *self,
                                           PlTextOwner  owner,
                                           const char  *owner_id,
                                           const char  *field,
                                           const char  *language,
                                           const char  *text,
                                           const char  *source_hash);
/* The hash a translation of @text records: 16 hex digits. */
char       *pl_survey_hash_text           (const char  *text);

/* How many of the texts a family reads are MISSING or STALE in @language. */
void        pl_survey_count_text_states   (PlSurvey    *self,
                                           const char  *language,
                                           guint       *n_missing,
                                           guint       *n_stale);

/* Skip rules: whether @question is asked, given the answers so far (a table
 * of question id → value). A question whose rule's question is itself not
 * asked is not asked either. */
gboolean    pl_survey_question_is_shown   (PlSurvey    *self,
                                           PlQuestion  *question,
                                           GHashTable  *answers);

/* Checks the definition: question codes present, unique and well formed;
 * options of choice questions present, unique, at most 9 (one key each);
 * skip rules pointing to an earlier question and one of its values; number
 * ranges with min ≤ max; a title in the default language. */
gboolean    pl_survey_validate            (PlSurvey    *self,
                                           GError     **error);

/* Checks a whole set of answers (question id → value): each value valid,
 * every required question that is shown answered. Answers to questions
 * not shown are removed from @answers, since the paper skipped them. */
gboolean    pl_survey_check_answers       (PlSurvey    *self,
                                           GHashTable  *answers,
                                           GError     **error);

/* TRUE when @other (an edited copy) changes the meaning of a locked
 * survey: a question added, removed, reordered or changed in meaning, or a
 * default-language text changed. Sets @error naming what changed. */
gboolean    pl_survey_changes_meaning     (PlSurvey    *self,
                                           PlSurvey    *other,
                                           GError     **error);

/* Scale labels Porchlight ships for a language (owner id "agreement/1" …,
 * field "label"), or NULL when it has none for that language. */
const char *pl_survey_builtin_scale_label (const char  *owner_id,
                                           const char  *language);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What kind of answer a question takes, and how it is stored (a text value):
 *
 * - AGREEMENT: a five-point scale, "1" (strongly disagree) … "5" (strongly
 *   agree), and "na" (not applicable) when the question allows it.
 * - FREQUENCY: "1" (never) … "5" (always), "na" likewise.
 * - SINGLE: one of the question's option values.
 * - MULTIPLE: option values joined by single spaces, in option order
 *   (the XLSForm convention), e.g. "email text".
 * - YES_NO: "yes" or "no".
 * - NUMBER: a decimal number in the C locale ("12", "3.5") within the
 *   question's range.
 * - SHORT_TEXT, LONG_TEXT: the text as typed, in its own script.
 *
 * A question not answered has no value (NULL). */
typedef enum
{
  PL_QUESTION_AGREEMENT,
  PL_QUESTION_FREQUENCY,
  PL_QUESTION_SINGLE,
  PL_QUESTION_MULTIPLE,
  PL_QUESTION_YES_NO,
  PL_QUESTION_NUMBER,
  PL_QUESTION_SHORT_TEXT,
  PL_QUESTION_LONG_TEXT,
} PlQuestionKind;

/* The stored codes: "agreement", "frequency", "single", "multiple",
 * "yes-no", "number", "short-text", "long-text". */
const char *pl_question_kind_to_code   (PlQuestionKind  kind);
gboolean    pl_question_kind_from_code (const char     *code,
                                        PlQuestionKind *kind);
/* The kind's name for staff, translated ("Agreement scale", …). */
const char *pl_question_kind_to_label  (PlQuestionKind  kind);
/* TRUE for kinds answered with one key (scales, single choice, yes/no). */
gboolean    pl_question_kind_is_one_key (PlQuestionKind kind);
/* TRUE for the kinds whose labels are the survey's shared scale texts
 * (agreement, frequency, yes/no) rather than per-question options. */
gboolean    pl_question_kind_is_scale  (PlQuestionKind  kind);

/* The value meaning "not applicable" on a scale. */
#define PL_ANSWER_NOT_APPLICABLE "na"

/* Domains group questions in the satisfaction figures. Codes: "welcoming",
 * "communication", "family-voice", "academic-support", "overall",
 * "demographics", "other". NULL-terminated, in display order. */
const char *const *pl_question_domains        (void);
/* The domain's name for staff, translated; the code itself when unknown. */
const char *pl_question_domain_to_label       (const char *domain);

#define PL_TYPE_QUESTION (pl_question_get_type ())
G_DECLARE_FINAL_TYPE (PlQuestion, pl_question, PL, QUESTION, GObject)

/* One question of a survey version. Its texts (wording, hint, option
 * labels) are the survey's: see pl_survey_get_text().
 *
 * "code" is a short name unique in the survey, [A-Za-z_][A-Za-z0-9_]*
 * (the XLSForm "name"); "options" the option values of a SINGLE or MULTIPLE
 * question, in order (for the other kinds they are fixed: see
 * pl_question_dup_values()); the skip rule shows the question only when the
 * question with id skip-question-id was answered skip-value (for a MULTIPLE
 * question: its answer includes that value). */
PlQuestion     *pl_question_new              (PlQuestionKind kind);
/* A copy with the same id (for an editor), or with a fresh id (for a new
 * survey version; the caller maps skip rules to the new ids). */
PlQuestion     *pl_question_copy             (PlQuestion *self,
                                              gboolean    same_id);

const char     *pl_question_get_id           (PlQuestion *self);
PlQuestionKind  pl_question_get_kind         (PlQuestion *self);
void            pl_question_set_kind         (PlQuestion *self, PlQuestionKind kind);
const char     *pl_question_get_code         (PlQuestion *self);
void            pl_question_set_code         (PlQuestion *self, const char *code);
const char     *pl_question_get_domain       (PlQuestion *self);
void            pl_question_set_domain       (PlQuestion *self, const char *domain);
gboolean        pl_question_get_required     (PlQuestion *self);
void            pl_question_set_required     (PlQuestion *self, gboolean required);
gboolean        pl_question_get_allow_na     (PlQuestion *self);
void            pl_question_set_allow_na     (PlQuestion *self, gboolean allow_na);
/* NULL-terminated; NULL when the question has none. */
const char *const *pl_question_get_options   (PlQuestion *self);
void            pl_question_set_options      (PlQuestion *self, const char *const *values);
/* A NUMBER question's range; has_min/has_max FALSE when open. */
gboolean        pl_question_get_range        (PlQuestion *self,
                                              double     *min,
                                              gboolean   *has_min,
                                              double     *max,
                                              gboolean   *has_max);
void            pl_question_set_range        (PlQuestion *self,
                                              gboolean    has_min,
                                              double      min,
                                              gboolean    has_max,
                                              double      max);
const char     *pl_question_get_skip_question_id (PlQuestion *self);
const char     *pl_question_get_skip_value   (PlQuestion *self);
/* Both NULL to remove the rule. */
void            pl_question_set_skip_rule    (PlQuestion *self,
                                              const char *question_id,
                                              const char *value);

/* Every value an answer may take, in key order: "1"…"5" (+ "na" when
 * allowed) for scales, "yes" "no", or the options. NULL for number and
 * text questions. */
GStrv           pl_question_dup_values       (PlQuestion *self);

/* The entry desk's one-key answers: the value that key @c selects, or NULL.
 * Scales: '1'–'5', and '0' or 'n'/'N' for not applicable when allowed.
 * Yes/no: '1', 'y'/'Y' yes; '2', 'n'/'N' no. Single and multiple choice:
 * '1'–'9' pick the option at that position. */
const char     *pl_question_value_for_key    (PlQuestion *self,
                                              gunichar    c);
/* The key shown beside a value on screen and on paper ("1", "0", …), or NULL. */
char           *pl_question_key_for_value    (PlQuestion *self,
                                              const char *value);

/* Checks one answer against the kind, options and range. NULL and "" are
 * valid (unanswered); whether an answer is required is the survey's check,
 * since it depends on skip rules. Errors are PL_SURVEY_ERROR_BAD_ANSWER and
 * name the value. */
gboolean        pl_question_check_value      (PlQuestion  *self,
                                              const char  *value,
                                              GError     **error);

/* TRUE when the two questions ask the same thing in the same way: same
 * kind, options, range, N/A and skip rule. (Used to refuse changes to a
 * locked survey version; texts are compared by the survey.) */
gboolean        pl_question_same_meaning     (PlQuestion *a,
                                              PlQuestion *b);

G_END_DECLS

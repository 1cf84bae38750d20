/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"

G_BEGIN_DECLS

/* Family satisfaction figures from the keyed responses of one survey
 * series (every version and term of it): percent favorable, mean and n,
 * Wilson intervals, response rates, change since the previous term, and
 * breakdowns by group with small cells suppressed.
 *
 * Method, in the words the reports use:
 * - A scale answer is favorable when it is one of the top two points of a
 *   five-point scale (agree / strongly agree; often / always). "Does not
 *   apply" and blanks are left out of the count.
 * - For one question, percent favorable = favorable answers ÷ answers.
 *   For a domain, or overall (every scale question outside
 *   "demographics"), the answers of its questions are pooled.
 * - n is the number of responses (families) with at least one counted
 *   answer in what is measured. The 95% interval is Wilson's, computed
 *   with that n, so pooling several questions does not narrow it.
 * - Response rate = responses in the term ÷ families with a student
 *   enrolled at the school now (the roster Porchlight holds).
 * - A change since the previous term is marked only when the two
 *   intervals do not overlap.
 * - Any group of fewer than the district's minimum (default 10, never
 *   below 5) shows no figure; and where one group of a set shown with its
 *   total is hidden, the next smallest is hidden too, so it cannot be
 *   worked out by subtraction. */

/* The smallest the minimum cell size may be set to, and its default. */
#define PL_SATISFACTION_MIN_CELL_FLOOR 5
#define PL_SATISFACTION_MIN_CELL_DEFAULT 10
/* Response rate below which a school's figures are marked "not representative". */
#define PL_SATISFACTION_RATE_FLOOR_DEFAULT 0.25

/* Store settings (pl_store_get_setting) holding those per district:
 * "suppression-minimum" (an integer) and "response-rate-floor" (a percent). */
guint   pl_satisfaction_get_minimum_cell   (PlStore *store);
gboolean pl_satisfaction_set_minimum_cell  (PlStore *store, guint minimum, GError **error);
double  pl_satisfaction_get_rate_floor     (PlStore *store);
gboolean pl_satisfaction_set_rate_floor    (PlStore *store, double floor, GError **error);

/* The 95% Wilson score interval of @favorable out of @n (0 ≤ favorable ≤ n). */
void    pl_wilson_interval                 (guint    favorable,
                                            guint    n,
                                            double  *low,
                                            double  *high);

/* Orders school terms: "2025-spring" < "2025-fall" < "2026-spring";
 * winter, spring, summer, fall (or autumn) within a year; anything else by
 * its text after the year. */
int     pl_term_compare                    (const char *a,
                                            const char *b);

/* What a figure is about. Every pointer may be NULL: all terms (only
 * where a function says so), the whole zone, every domain (overall), the
 * domain rather than one question. */
typedef struct
{
  const char *term;
  const char *school_id;
  const char *domain;
  const char *question_code;
} PlSatisfactionScope;

/* How a breakdown groups responses: by the language of the form, or by
 * the answer to one of the survey's single-choice or yes/no questions
 * (grade band, home language, … : question_code). */
typedef enum
{
  PL_GROUP_BY_FORM_LANGUAGE,
  PL_GROUP_BY_QUESTION,
} PlGroupBy;

/* One figure. When @suppressed, only @group, @label and the fact that
 * there are fewer than the minimum may be shown: @n and the rest are 0. */
typedef struct
{
  char     *group;          /* the group's code (a language code, an option value, "" for "not answered"), NULL for a total */
  char     *label;          /* the group's name for staff */
  gboolean  suppressed;
  guint     n;              /* responses counted */
  guint     n_answers;      /* answers counted (pooled over questions) */
  guint     n_favorable;
  double    percent;        /* favorable ÷ answers, 0–100 */
  double    low, high;      /* Wilson 95% interval, 0–100 */
  double    mean;           /* on the 1–5 scale */
} PlSatisfactionFigure;

void    pl_satisfaction_figure_free        (PlSatisfactionFigure *figure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlSatisfactionFigure, pl_satisfaction_figure_free)

#define PL_TYPE_SATISFACTION (pl_satisfaction_get_type ())
G_DECLARE_FINAL_TYPE (PlSatisfaction, pl_satisfaction, PL, SATISFACTION, GObject)

/* Reads every first keying of the series into a compact table in memory
 * (about 25 bytes an answer), so each figure after that is a scan of
 * memory, not of the database. Run it in a worker thread: on five years
 * of a district it takes a second or two. */
PlSatisfaction *pl_satisfaction_load       (PlStore       *store,
                                            const char    *series_id,
                                            GCancellable  *cancellable,
                                            GError       **error);
void            pl_satisfaction_load_async (PlStore             *store,
                                            const char          *series_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PlSatisfaction *pl_satisfaction_load_finish (GAsyncResult       *result,
                                            GError             **error);

const char     *pl_satisfaction_get_series_id (PlSatisfaction *self);
/* The survey's title (newest version, default language). */
const char     *pl_satisfaction_get_title  (PlSatisfaction *self);
guint           pl_satisfaction_get_minimum_cell_size (PlSatisfaction *self);
/* Changes the minimum for this table (never below the floor). */
void            pl_satisfaction_set_minimum_cell_size (PlSatisfaction *self, guint minimum);
double          pl_satisfaction_get_response_rate_floor (PlSatisfaction *self);

/* The terms with responses, oldest first. */
const char *const *pl_satisfaction_get_terms (PlSatisfaction *self);
/* The schools with enrolled families or responses, by name: ids and names. */
const char *const *pl_satisfaction_get_school_ids (PlSatisfaction *self);
const char     *pl_satisfaction_get_school_name (PlSatisfaction *self, const char *school_id);
/* The domains that have scale questions, in pl_question_domains() order. */
const char *const *pl_satisfaction_get_domains (PlSatisfaction *self);
/* Codes of the scale questions (in a domain, or all when NULL), in survey order. */
GStrv           pl_satisfaction_dup_questions (PlSatisfaction *self, const char *domain);
/* Codes of the questions a breakdown can group by (single choice, yes/no). */
GStrv           pl_satisfaction_dup_group_questions (PlSatisfaction *self);
/* A question's wording in @language (falling back to the default), or NULL. */
const char     *pl_satisfaction_get_question_text (PlSatisfaction *self,
                                            const char     *question_code,
                                            const char     *language);

/* One figure for a scope (@scope->term must be set), suppressed when n
 * is below the minimum. */
PlSatisfactionFigure *pl_satisfaction_compute (PlSatisfaction            *self,
                                            const PlSatisfactionScope *scope);

/* Response rate of a school (or the zone) in a term: responses, enrolled
 * families, and whether it is under the floor. Returns the rate (0–1), or
 * -1 when nobody is enrolled. */
double          pl_satisfaction_response_rate (PlSatisfaction *self,
                                            const char     *school_id,
                                            const char     *term,
                                            guint          *n_responses,
                                            guint          *n_enrolled,
                                            gboolean       *under_floor);

/* The previous term with responses before @scope->term, and whether the
 * figure changed there beyond the noise: *@change is +1 (up), -1 (down) or
 * 0 (intervals overlap, or either figure suppressed or missing). Returns
 * the previous term's figure, or NULL when there is no previous term. */
PlSatisfactionFigure *pl_satisfaction_compare_previous (PlSatisfaction            *self,
                                            const PlSatisfactionScope *scope,
                                            int                       *change);

/* A breakdown of a scope by group: the total first (group NULL), then
 * each group with responses, largest first, "not answered" last; primary
 * and complementary suppression applied across the set. A GPtrArray of
 * PlSatisfactionFigure. @label_language names groups (the staff's
 * language; option labels fall back to the survey's default). */
GPtrArray      *pl_satisfaction_breakdown  (PlSatisfaction            *self,
                                            const PlSatisfactionScope *scope,
                                            PlGroupBy                  group_by,
                                            const char                *group_question,
                                            const char                *label_language);

/* The same scope for every school of the zone: the zone total first, then
 * each school (by name), with suppression across the set (a heat map
 * column, the school cards). */
GPtrArray      *pl_satisfaction_by_school  (PlSatisfaction            *self,
                                            const PlSatisfactionScope *scope);

/* A comment: its text as written, the form's language, the term. */
typedef struct
{
  char *text;
  char *language;
  char *term;
  char *school_id;
} PlSatisfactionComment;

void            pl_satisfaction_comment_free (PlSatisfactionComment *comment);

/* The free-text answers to @question_code for a scope (term may be NULL
 * for all), newest term first — only when the scope's responses number at
 * least the minimum; otherwise NULL with *@withheld TRUE. */
GPtrArray      *pl_satisfaction_list_comments (PlSatisfaction            *self,
                                            const PlSatisfactionScope *scope,
                                            const char                *question_code,
                                            gboolean                  *withheld);
/* Codes of the free-text questions. */
GStrv           pl_satisfaction_dup_comment_questions (PlSatisfaction *self);

G_END_DECLS

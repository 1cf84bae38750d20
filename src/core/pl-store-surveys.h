/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-entry-batch.h"
#include "pl-store.h"
#include "pl-survey.h"
#include "pl-survey-response.h"

G_BEGIN_DECLS

/* Surveys, entry batches and responses in the store. Every write is one
 * transaction with journal entries, so it syncs like a family does; a
 * crash loses at most the form being typed. Errors are PL_SURVEY_ERROR for
 * what a person can fix (and name it) and PL_STORE_ERROR for the rest. */

/* Every survey version, newest series number and version first (a
 * GPtrArray of PlSurvey, each complete with questions and texts). Surveys
 * are few and small. */
GPtrArray  *pl_store_list_surveys          (PlStore      *self,
                                            GError      **error);
PlSurvey   *pl_store_load_survey           (PlStore      *self,
                                            const char   *id,
                                            GError      **error);
/* Validates and saves a survey version: its row, questions and texts.
 * A survey with no number gets the next free one. A locked survey (one
 * with responses) is refused with PL_SURVEY_ERROR_LOCKED when the change
 * would alter its meaning (pl_survey_changes_meaning()); translations in
 * other languages may still change. */
gboolean    pl_store_save_survey           (PlStore      *self,
                                            PlSurvey     *survey,
                                            GError      **error);
/* Deletes a survey version that has no responses. */
gboolean    pl_store_delete_survey         (PlStore      *self,
                                            const char   *id,
                                            GError      **error);
/* How many first keyings the survey version has. */
gint64      pl_store_count_responses       (PlStore      *self,
                                            const char   *survey_id,
                                            GError      **error);

/* Entry batches, newest first; @survey_id NULL for all. */
GPtrArray  *pl_store_list_batches          (PlStore      *self,
                                            const char   *survey_id,
                                            GError      **error);
PlEntryBatch *pl_store_load_batch          (PlStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean    pl_store_save_batch            (PlStore      *self,
                                            PlEntryBatch *batch,
                                            GError      **error);

/* The keying of @form_code (1 or 2) already stored, or NULL (no error)
 * when there is none: the entry desk asks before the answers are typed. */
PlSurveyResponse *pl_store_find_form       (PlStore      *self,
                                            const char   *form_code,
                                            guint         keying,
                                            GError      **error);
/* Checks a form code typed at the entry desk for @batch and @keying:
 * well formed, of the batch's survey and school, not already keyed in that
 * keying (PL_SURVEY_ERROR_DUPLICATE_FORM, saying when, by whom and in
 * which batch it was keyed), and for a second keying, keyed once already
 * and by someone else. Returns the code in printed form. */
char       *pl_store_check_form_code       (PlStore      *self,
                                            PlEntryBatch *batch,
                                            guint         keying,
                                            const char   *text,
                                            GError      **error);
/* Validates (pl_survey_check_answers(), form code as above) and saves a
 * response with its answers in one transaction. A first keying of a form
 * the batch wants keyed twice is saved "pending"; saving its second keying
 * compares the two and sets the first's verification. */
gboolean    pl_store_save_response         (PlStore          *self,
                                            PlSurveyResponse *response,
                                            GError          **error);
PlSurveyResponse *pl_store_load_response   (PlStore      *self,
                                            const char   *id,
                                            GError      **error);
/* The responses of a batch for one keying, in the order they were keyed. */
GPtrArray  *pl_store_list_batch_responses  (PlStore      *self,
                                            const char   *batch_id,
                                            guint         keying,
                                            GError      **error);

/* Form codes keyed on two laptops before they synced: each group of
 * first keyings (or of second keyings) sharing a form code, as a GPtrArray
 * of GPtrArray of PlSurveyResponse, for a supervisor to keep one. */
GPtrArray  *pl_store_list_duplicate_forms  (PlStore      *self,
                                            const char   *survey_id,
                                            GError      **error);
/* Deletes one keying (a tombstone that syncs), e.g. the extra keying of a
 * duplicated form code. */
gboolean    pl_store_delete_response       (PlStore      *self,
                                            const char   *response_id,
                                            GError      **error);

/* Keeps one keying of a form code keyed more than once (on two laptops
 * before they synced) and deletes the others of the same keying, all in
 * one transaction. */
gboolean    pl_store_keep_response         (PlStore      *self,
                                            const char   *response_id,
                                            GError      **error);

/* Printing: reserves @count form serials for @survey's series and a
 * school, and returns the first. The reservation is stored (and synced), so
 * two print runs never share a code. */
gboolean    pl_store_reserve_form_serials  (PlStore      *self,
                                            PlSurvey     *survey,
                                            const char   *school_id,
                                            guint         count,
                                            const char   *language,
                                            const char   *printed_by,
                                            guint        *first_serial,
                                            GError      **error);

/* Double entry. One disagreement: an answer the two keyings of a form
 * differ on. */
typedef struct
{
  char *form_code;
  char *first_response_id;
  char *second_response_id;
  char *question_id;
  char *first_value;      /* as the first keyer typed it (NULL: blank) */
  char *second_value;
  char *first_keyer;
  char *second_keyer;
  char *final_value;      /* the paper's value a supervisor chose, or NULL */
  char *reconciled_by;    /* NULL while open */
} PlDisagreement;

void        pl_disagreement_free           (PlDisagreement *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlDisagreement, pl_disagreement_free)

/* Every disagreement of a batch's double-keyed forms, open ones first, by
 * form code and question order (a GPtrArray of PlDisagreement). */
GPtrArray  *pl_store_list_disagreements    (PlStore      *self,
                                            const char   *batch_id,
                                            GError      **error);
/* A supervisor (neither keyer) records the paper's true value (NULL: left blank) for one
 * disagreement: the first keying's answer becomes it, what was keyed is
 * kept for the error rates, and the form becomes "reconciled" once none of
 * its disagreements is open. */
gboolean    pl_store_reconcile_answer      (PlStore      *self,
                                            const char   *first_response_id,
                                            const char   *question_id,
                                            const char   *final_value,
                                            const char   *supervisor,
                                            GError      **error);

/* Entry statistics of a batch (or of every batch, @batch_id NULL). */
typedef struct
{
  guint  n_forms;            /* first keyings */
  guint  n_second;           /* second keyings */
  guint  n_answers;          /* answers in first keyings */
  double keyed_seconds;      /* time spent keying first and second keyings */
  double forms_per_hour;     /* 0 when no time was recorded */
  double answers_per_minute;
  guint  n_compared;         /* answers compared between two keyings */
  guint  n_disagreements;
  guint  n_open;             /* disagreements not reconciled */
  double agreement_rate;     /* (n_compared − n_disagreements) / n_compared; 1 with none compared */
  double error_rate;         /* keyed values found wrong after reconciliation / answers compared */
} PlEntryStats;

gboolean    pl_store_get_entry_stats       (PlStore      *self,
                                            const char   *batch_id,
                                            PlEntryStats *stats,
                                            GError      **error);

/* Per keyer: the share of their compared answers that match the paper —
 * the value both keyings agreed on or a supervisor settled (answers still
 * disputed are left out). A GHashTable of staff username → double*, for
 * one batch or, @batch_id NULL, every batch. */
GHashTable *pl_store_get_keyer_agreement   (PlStore      *self,
                                            const char   *batch_id,
                                            GError      **error);

G_END_DECLS

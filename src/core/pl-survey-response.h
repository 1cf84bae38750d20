/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_SURVEY_RESPONSE (pl_survey_response_get_type ())
G_DECLARE_FINAL_TYPE (PlSurveyResponse, pl_survey_response, PL, SURVEY_RESPONSE, GObject)

/* One keying of one paper form (or one response entered another way).
 * Anonymous: no link to a family. Demographics on the paper are ordinary
 * questions.
 *
 * "keying" is 1 for the first keying and 2 for a blind second keying of the
 * same paper form (same form code). "verification" of a first keying is
 * "single" (no second keying planned), "pending" (chosen for a second
 * keying not yet done), "agreed" (both keyings agree), "disputed" (they
 * disagree on at least one answer not yet reconciled) or "reconciled"; a
 * second keying's is "second". "mode" is "paper" (keyed from a form) or
 * "direct". Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; "keyed-seconds" is the
 * time spent keying the form, for entry statistics. */
PlSurveyResponse *pl_survey_response_new          (const char *survey_id,
                                                   const char *school_id);

const char *pl_survey_response_get_id             (PlSurveyResponse *self);
const char *pl_survey_response_get_survey_id      (PlSurveyResponse *self);
const char *pl_survey_response_get_school_id      (PlSurveyResponse *self);
const char *pl_survey_response_get_batch_id       (PlSurveyResponse *self);
void        pl_survey_response_set_batch_id       (PlSurveyResponse *self, const char *value);
const char *pl_survey_response_get_form_code      (PlSurveyResponse *self);
void        pl_survey_response_set_form_code      (PlSurveyResponse *self, const char *value);
/* The language of the form the family answered. */
const char *pl_survey_response_get_language       (PlSurveyResponse *self);
void        pl_survey_response_set_language       (PlSurveyResponse *self, const char *value);
const char *pl_survey_response_get_mode           (PlSurveyResponse *self);
void        pl_survey_response_set_mode           (PlSurveyResponse *self, const char *value);
const char *pl_survey_response_get_entered_by     (PlSurveyResponse *self);
void        pl_survey_response_set_entered_by     (PlSurveyResponse *self, const char *value);
guint       pl_survey_response_get_keying         (PlSurveyResponse *self);
void        pl_survey_response_set_keying         (PlSurveyResponse *self, guint keying);
const char *pl_survey_response_get_verification   (PlSurveyResponse *self);
void        pl_survey_response_set_verification   (PlSurveyResponse *self, const char *value);
const char *pl_survey_response_get_started_at     (PlSurveyResponse *self);
void        pl_survey_response_set_started_at     (PlSurveyResponse *self, const char *value);
const char *pl_survey_response_get_entered_at     (PlSurveyResponse *self);
void        pl_survey_response_set_entered_at     (PlSurveyResponse *self, const char *value);
double      pl_survey_response_get_keyed_seconds  (PlSurveyResponse *self);
void        pl_survey_response_set_keyed_seconds  (PlSurveyResponse *self, double value);

/* Answers: question id → value (see PlQuestionKind for the forms). The
 * table is the response's own; callers may change it in place. */
GHashTable *pl_survey_response_get_answers        (PlSurveyResponse *self);
const char *pl_survey_response_get_answer         (PlSurveyResponse *self,
                                                   const char       *question_id);
/* NULL or "" removes the answer. */
void        pl_survey_response_set_answer         (PlSurveyResponse *self,
                                                   const char       *question_id,
                                                   const char       *value);

G_END_DECLS

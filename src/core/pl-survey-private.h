/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-entry-batch.h"
#include "pl-question.h"
#include "pl-survey.h"
#include "pl-survey-response.h"

G_BEGIN_DECLS

/* For the store, which reads rows back with the ids they were saved with. */
PlQuestion       *_pl_question_new_with_id  (const char     *id,
                                             PlQuestionKind  kind);
PlSurvey         *_pl_survey_new_stored     (const char     *id,
                                             const char     *series_id,
                                             guint           version,
                                             const char     *default_language);
/* The languages as stored, default first, without filling in scale labels. */
void              _pl_survey_set_languages  (PlSurvey       *survey,
                                             const char *const *languages);
PlSurveyResponse *_pl_survey_response_new_stored (const char *id,
                                             const char     *survey_id,
                                             const char     *school_id);
PlEntryBatch     *_pl_entry_batch_new_stored (const char    *id,
                                             const char     *survey_id,
                                             const char     *school_id);

G_END_DECLS

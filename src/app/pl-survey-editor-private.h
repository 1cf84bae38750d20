/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-survey-editor.h"
#include "pl-survey-text-row.h"

G_BEGIN_DECLS

/* For tests and screenshots, which drive the real editor through these. */
/* The copy being edited. */
PlSurvey        *_pl_survey_editor_get_survey     (PlSurveyEditor *self);
/* Shows "settings", "labels" or a question (by id) on the right. */
void             _pl_survey_editor_select         (PlSurveyEditor *self,
                                                   const char     *item);
const char      *_pl_survey_editor_get_selected   (PlSurveyEditor *self);
/* The field of one text in one language on the page shown, or NULL. */
GtkWidget       *_pl_survey_editor_get_text_field (PlSurveyEditor *self,
                                                   PlTextOwner     owner,
                                                   const char     *owner_id,
                                                   const char     *field,
                                                   const char     *language);
PlSurveyTextRow *_pl_survey_editor_get_text_row   (PlSurveyEditor *self,
                                                   PlTextOwner     owner,
                                                   const char     *owner_id,
                                                   const char     *field);
/* The first widget of the window named @name ("kind", "code", "add-option", …). */
GtkWidget       *_pl_survey_editor_find_widget    (PlSurveyEditor *self,
                                                   const char     *name);
/* The problem the banner shows, or NULL. */
const char      *_pl_survey_editor_get_error      (PlSurveyEditor *self);
/* Whether the "forms have been keyed" banner shows. */
gboolean         _pl_survey_editor_get_locked_shown (PlSurveyEditor *self);
/* The languages beside the default one (two, either NULL). */
const char *const *_pl_survey_editor_get_compared (PlSurveyEditor *self);
void             _pl_survey_editor_set_compared   (PlSurveyEditor *self,
                                                   const char     *first,
                                                   const char     *second);

G_END_DECLS

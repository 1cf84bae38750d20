/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-store.h"
#include "pl-survey.h"

G_BEGIN_DECLS

#define PL_TYPE_SURVEY_EDITOR (pl_survey_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlSurveyEditor, pl_survey_editor, PL, SURVEY_EDITOR, AdwWindow)

/* The window to make a survey (@survey NULL) or edit a survey version: its
 * settings and languages, its questions (kind, code, domain, options,
 * range, skip rule) and every text a family reads, the default language
 * side by side with one or two translations. It edits a copy: nothing is
 * stored until Save (Ctrl+S), and closing with unsaved changes asks first.
 * A version with keyed forms is locked: only its translations change.
 *
 * Signal "saved" (const char *survey_id) after the survey was written to
 * @store. */
PlSurveyEditor *pl_survey_editor_new           (GtkWindow      *parent,
                                                PlStore        *store,
                                                PlSurvey       *survey);
/* The id of the survey version edited (a new survey has one too). */
const char     *pl_survey_editor_get_survey_id (PlSurveyEditor *self);
/* Whether there are changes not yet saved. */
gboolean        pl_survey_editor_get_modified  (PlSurveyEditor *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-survey-editor.h"
#include "pl-surveys-page.h"

G_BEGIN_DECLS

/* For tests and screenshots, which drive the real page through these. */
/* "loading" (no store yet), "list", "empty" or "error". */
const char     *_pl_surveys_page_get_state      (PlSurveysPage *self);
/* The row of a survey version on the page, or NULL. */
GtkWidget      *_pl_surveys_page_find_row       (PlSurveysPage *self,
                                                 const char    *survey_id);
/* Every text the row of a survey version shows, one per line. */
char           *_pl_surveys_page_dup_row_text   (PlSurveysPage *self,
                                                 const char    *survey_id);
/* The editor open for @survey_id (NULL: the last opened), or NULL. */
PlSurveyEditor *_pl_surveys_page_get_editor     (PlSurveysPage *self,
                                                 const char    *survey_id);

/* What a person choosing files, a folder, or a folder to export to in the
 * file chooser sets going. */
void            _pl_surveys_page_import_files   (PlSurveysPage     *self,
                                                 const char *const *paths);
void            _pl_surveys_page_import_folder  (PlSurveysPage     *self,
                                                 const char        *path);
void            _pl_surveys_page_export         (PlSurveysPage     *self,
                                                 const char        *survey_id,
                                                 const char        *directory);
/* The message dialog the page showed last (a problem, or a question), while
 * it is open. */
AdwMessageDialog *_pl_surveys_page_get_message  (PlSurveysPage     *self);

G_END_DECLS

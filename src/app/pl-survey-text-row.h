/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-survey.h"

G_BEGIN_DECLS

#define PL_TYPE_SURVEY_TEXT_ROW (pl_survey_text_row_get_type ())
G_DECLARE_FINAL_TYPE (PlSurveyTextRow, pl_survey_text_row, PL, SURVEY_TEXT_ROW, GtkListBoxRow)

/* One text of a survey (a title, a question's wording, an option's label,
 * …) in several of its languages side by side: the default language first,
 * then the translations chosen for the editor's right-hand columns. Typing
 * writes the text into @survey at once. A translation that is missing
 * shows the default text dimmed in its place and an "Untranslated" tag; one
 * made before the default text last changed says so, with a button to
 * confirm it still fits. Columns of right-to-left languages are written
 * right to left whatever the direction of the interface.
 *
 * @title names the text ("Wording", "Hint"); NULL leaves the top line to
 * what the caller puts in pl_survey_text_row_get_header().
 *
 * Signal "changed" (const char *language) after a text was typed or a
 * translation confirmed. */
GtkWidget  *pl_survey_text_row_new             (PlSurvey          *survey,
                                                PlTextOwner        owner,
                                                const char        *owner_id,
                                                const char        *field,
                                                const char        *title,
                                                gboolean           multiline);
/* The languages of the columns, the survey's default language first. */
void        pl_survey_text_row_set_languages   (PlSurveyTextRow   *self,
                                                const char *const *languages);
/* A locked survey version keeps its default-language text: that column
 * can be read and copied but not changed. */
void        pl_survey_text_row_set_default_locked (PlSurveyTextRow *self,
                                                   gboolean         locked);
/* The top line, for a caller's own widgets (an option's code, buttons). */
GtkBox     *pl_survey_text_row_get_header      (PlSurveyTextRow   *self);
/* The text field of @language's column (a GtkEntry or a GtkTextView), or
 * NULL when the row has no such column. */
GtkWidget  *pl_survey_text_row_get_field       (PlSurveyTextRow   *self,
                                                const char        *language);
/* The state shown for @language's column. */
PlTextState pl_survey_text_row_get_state       (PlSurveyTextRow   *self,
                                                const char        *language);
/* Presses the column's "Still Right" button, as for a stale translation. */
gboolean    pl_survey_text_row_confirm         (PlSurveyTextRow   *self,
                                                const char        *language);
/* Reads the texts from the survey again (after it changed elsewhere). */
void        pl_survey_text_row_refresh         (PlSurveyTextRow   *self);
/* Marks the row as the one a problem is about, or clears that. */
void        pl_survey_text_row_set_problem     (PlSurveyTextRow   *self,
                                                gboolean           problem);

/* Whether the row is that text (for the editor and tests). */
gboolean    _pl_survey_text_row_is             (PlSurveyTextRow   *self,
                                                PlTextOwner        owner,
                                                const char        *owner_id,
                                                const char        *field);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-survey.h"

G_BEGIN_DECLS

/* Survey definitions as XLSForm CSV files, the form ODK and KoboToolbox
 * use: a "survey" sheet (one question a row), a "choices" sheet (the
 * answer lists) and an optional "settings" sheet, each saved as its own
 * CSV file. Texts in several languages are columns such as
 * "label::Español (es)", "hint::Soomaali (so)".
 *
 * What Porchlight reads and writes:
 * - survey: type (select_one LIST, select_multiple LIST, integer, decimal,
 *   text), name, label[::LANGUAGE], hint[::LANGUAGE], required, relevant
 *   ("${q} = 'v'" or "selected(${q}, 'v')"), constraint (a number range,
 *   ". >= 1 and . <= 10"), appearance ("multiline": a long text) and
 *   Porchlight's own "domain" column;
 * - choices: list_name, name, label[::LANGUAGE];
 * - settings: form_title[::LANGUAGE], default_language, version, form_id,
 *   and Porchlight's own description::LANGUAGE, instructions::LANGUAGE and
 *   term.
 * Agreement and frequency scales and yes/no are choice lists with the
 * values 1–5 (and "na") or yes and no; Porchlight writes them as the lists
 * agree5, agree5_na, freq5, freq5_na and yes_no. Metadata rows (start,
 * end, deviceid, …) and groups without a condition are passed over, since
 * paper has neither; anything else Porchlight cannot print and key (notes,
 * repeats, calculations, complex conditions) is refused with the file,
 * line and column. */

/* Reads a survey from its sheets' CSV files (@settings_path may be NULL).
 * The survey is new (fresh ids, version 1, draft, no number) and valid
 * (pl_survey_validate()). Errors are PL_SURVEY_ERROR_BAD_FILE and name the
 * file, line and column. */
PlSurvey *pl_xlsform_read             (const char    *survey_path,
                                       const char    *choices_path,
                                       const char    *settings_path,
                                       GError       **error);
/* The same for files already in memory; the names are what error
 * messages call the files. @settings may be NULL. */
PlSurvey *pl_xlsform_read_bytes       (const char    *survey_name,
                                       GBytes        *survey,
                                       const char    *choices_name,
                                       GBytes        *choices,
                                       const char    *settings_name,
                                       GBytes        *settings,
                                       GError       **error);

/* pl_xlsform_read() in a worker thread, for a window. */
void      pl_xlsform_read_async       (const char          *survey_path,
                                       const char          *choices_path,
                                       const char          *settings_path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PlSurvey *pl_xlsform_read_finish      (GAsyncResult        *result,
                                       GError             **error);

/* Given the path of any one of a form's CSV files ("survey.csv",
 * "Family survey - choices.csv", …), the paths of its siblings that exist
 * next to it: the word survey, choices or settings in the file name is
 * swapped for the others. Returns FALSE when no choices file is found; the
 * settings path is NULL when there is none. */
gboolean  pl_xlsform_find_sheets      (const char    *path,
                                       char         **survey_path,
                                       char         **choices_path,
                                       char         **settings_path);

/* The three sheets of @survey as CSV text (UTF-8, RFC 4180, CRLF). */
void      pl_xlsform_write_strings    (PlSurvey      *survey,
                                       char         **survey_csv,
                                       char         **choices_csv,
                                       char         **settings_csv);
/* Writes survey.csv, choices.csv and settings.csv into @directory
 * (created if need be), each replaced whole or not at all. */
gboolean  pl_xlsform_write            (PlSurvey      *survey,
                                       const char    *directory,
                                       GError       **error);

/* The family satisfaction survey Porchlight ships (about twenty questions
 * in English, Spanish, Vietnamese, Arabic, Nepali, Somali, Portuguese and
 * Haitian Creole), read from the XLSForm files built into the library. A
 * new draft survey each call. */
PlSurvey *pl_xlsform_load_demo_survey (GError       **error);

G_END_DECLS

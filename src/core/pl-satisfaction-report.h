/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-satisfaction.h"
#include "pl-survey-print.h"

G_BEGIN_DECLS

/* Exports of the satisfaction figures: CSV files of the tables the
 * dashboard shows, and a PDF report per school or for the whole zone
 * that a principal can hand to a council.
 *
 * Both follow the dashboard's rules: a figure about fewer families than
 * the minimum is written as "fewer than N", never as a number; every
 * figure comes with the response rate, and a rate under the floor is
 * marked "not representative".
 *
 * Languages: a CSV file is written in the language the program runs in
 * (@language NULL) or in "en" / "es"; a PDF report in "en" or "es".
 * A report language is read from Porchlight's own translation catalog
 * for that language (the .mo file under the directory the text domain is
 * bound to), not through the process's locale: so a report in Spanish
 * can be made on a worker thread while the window stays in English, and
 * nothing global (LANGUAGE, setlocale) is ever changed. A language whose
 * catalog is not installed comes out in English, as gettext would. */

#define PL_SATISFACTION_REPORT_ERROR (pl_satisfaction_report_error_quark ())

typedef enum
{
  PL_SATISFACTION_REPORT_ERROR_INVALID, /* a term, school or language the figures do not have (named) */
  PL_SATISFACTION_REPORT_ERROR_WRITE,   /* the file could not be written (the message names it) */
} PlSatisfactionReportError;

GQuark      pl_satisfaction_report_error_quark (void);

/* The languages a PDF report can be written in, NULL-terminated: "en", "es". */
const char *const *pl_satisfaction_report_get_languages (void);
/* The report language that suits the person running the program: "es"
 * when their language is Spanish, "en" otherwise. */
const char *pl_satisfaction_report_get_default_language (void);

/* CSV (RFC 4180: a header line, then one record per line, CRLF, values
 * quoted where needed), as UTF-8 text. Percentages are numbers from 0 to
 * 100 with one decimal and a full stop ("72.5"), whatever the language,
 * so spreadsheets read them as numbers; a suppressed figure's cells say
 * "fewer than N" in @language. Each returns NULL with
 * PL_SATISFACTION_REPORT_ERROR_INVALID for a term or school that
 * @satisfaction does not have. */

/* The school cards and the heat map: for @term, the whole zone and each
 * school (only @school_id's rows when it is not NULL), overall and each
 * domain: n, percent favorable, its 95% interval, mean, the response rate
 * (responses, families enrolled, "not representative"), and the previous
 * term's figure with the change. */
char       *pl_satisfaction_report_schools_csv   (PlSatisfaction            *satisfaction,
                                                  const char                *term,
                                                  const char                *school_id,
                                                  const char                *language,
                                                  GError                   **error);

/* A breakdown of @scope (term, school or zone, domain or question) by
 * group, as pl_satisfaction_breakdown() gives it: the total first, with
 * the scope's response rate on each row. */
char       *pl_satisfaction_report_breakdown_csv (PlSatisfaction            *satisfaction,
                                                  const PlSatisfactionScope *scope,
                                                  PlGroupBy                  group_by,
                                                  const char                *group_question,
                                                  const char                *language,
                                                  GError                   **error);

/* The trend of @scope (school or zone, domain or question; its term is
 * not used) across every term, oldest first, with the response rate and
 * the change since the term before. */
char       *pl_satisfaction_report_trend_csv     (PlSatisfaction            *satisfaction,
                                                  const PlSatisfactionScope *scope,
                                                  const char                *language,
                                                  GError                   **error);

/* The answers to the free-text question @question_code in @scope (term
 * may be NULL for every term), newest term first, with each one's
 * language. NULL with PL_SATISFACTION_REPORT_ERROR_INVALID when the scope
 * has fewer responses than the minimum: comments are withheld then. */
char       *pl_satisfaction_report_comments_csv  (PlSatisfaction            *satisfaction,
                                                  const PlSatisfactionScope *scope,
                                                  const char                *question_code,
                                                  const char                *language,
                                                  GError                   **error);

/* Writes @csv to @path with a UTF-8 byte order mark (without one, Excel
 * reads UTF-8 as Windows-1252 and garbles every accent), replacing the
 * file in one step: a failure leaves the old file as it was. */
gboolean    pl_satisfaction_report_save_csv      (const char                *csv,
                                                  const char                *path,
                                                  GError                   **error);

/* PDF */

/* Called with the pages drawn so far and the pages in all: on the
 * rendering thread for pl_satisfaction_report_write_pdf(), on the
 * caller's main context for the async variant. */
typedef void (*PlSatisfactionReportProgress) (guint    pages_done,
                                              guint    pages_total,
                                              gpointer user_data);

/* Writes the report of @term for @school_id (NULL: the whole zone) in
 * @language ("en" or "es"; NULL: pl_satisfaction_report_get_default_language())
 * to the PDF file @path: a summary (percent
 * favorable, response rate, change since the previous term), charts
 * (each domain with its interval, the trend across terms, the breakdown
 * by the language of the form and by the home-language question when the
 * survey has one; for the zone, every school), the tables with the
 * numbers, the families' comments where the group is large enough, and
 * "How to read these numbers".
 *
 * Reads @satisfaction only, so it may run on a worker thread while the
 * dashboard keeps reading the same object (do not change its minimum
 * meanwhile). The file is written beside @path and renamed into place at
 * the end: a failure or a cancellation leaves no half-written PDF. Sets
 * @n_pages (may be NULL) to the pages written. */
gboolean    pl_satisfaction_report_write_pdf     (PlSatisfaction                *satisfaction,
                                                  const char                    *term,
                                                  const char                    *school_id,
                                                  const char                    *language,
                                                  PlPaperSize                    paper,
                                                  const char                    *path,
                                                  PlSatisfactionReportProgress   progress,
                                                  gpointer                       progress_data,
                                                  guint                         *n_pages,
                                                  GCancellable                  *cancellable,
                                                  GError                       **error);

/* The same in a worker thread (holding a reference to @satisfaction);
 * progress comes on the caller's thread-default main context. */
void        pl_satisfaction_report_write_pdf_async (PlSatisfaction                *satisfaction,
                                                  const char                    *term,
                                                  const char                    *school_id,
                                                  const char                    *language,
                                                  PlPaperSize                    paper,
                                                  const char                    *path,
                                                  PlSatisfactionReportProgress   progress,
                                                  gpointer                       progress_data,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);
/* Sets @n_pages (may be NULL). */
gboolean    pl_satisfaction_report_write_pdf_finish (GAsyncResult               *result,
                                                  guint                         *n_pages,
                                                  GError                       **error);

G_END_DECLS

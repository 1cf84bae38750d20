/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-school.h"
#include "pl-store.h"
#include "pl-survey.h"

G_BEGIN_DECLS

/* Paper survey forms as PDF: each form in one of the survey's languages
 * (right to left for Arabic and Dari), its form code on every page, the
 * questions numbered with answer boxes that carry the entry desk's keys.
 * Nothing here needs GTK, so it runs in a worker thread. */

#define PL_SURVEY_PRINT_ERROR (pl_survey_print_error_quark ())

typedef enum
{
  PL_SURVEY_PRINT_ERROR_INVALID, /* nothing to print: no questions, a language the survey lacks, 0 forms */
  PL_SURVEY_PRINT_ERROR_WRITE,   /* the PDF file could not be written (the message names it) */
} PlSurveyPrintError;

GQuark pl_survey_print_error_quark (void);

typedef enum
{
  PL_PAPER_LETTER, /* US Letter, 8.5 × 11 in: the district's default */
  PL_PAPER_A4,
} PlPaperSize;

/* "letter" and "a4", as the command line takes them. */
const char *pl_paper_size_to_code   (PlPaperSize  paper);
gboolean    pl_paper_size_from_code (const char  *code,
                                     PlPaperSize *paper);
/* The paper's name for staff, translated ("US Letter", "A4"). */
const char *pl_paper_size_to_label  (PlPaperSize  paper);

/* Called with the forms rendered so far and the forms in all: on the
 * rendering thread for pl_survey_print_render(), on the caller's main
 * context for pl_survey_print_async(). */
typedef void (*PlSurveyPrintProgress) (guint    forms_done,
                                       guint    forms_total,
                                       gpointer user_data);

/* How many pages one form of @survey takes in @language on @paper with
 * codes of @school_code (every form of a batch takes the same number). 0
 * with @error when the survey cannot be printed (see
 * pl_survey_print_render()). */
guint       pl_survey_print_count_pages (PlSurvey     *survey,
                                         const char   *language,
                                         const char   *school_code,
                                         PlPaperSize   paper,
                                         GError      **error);

/* Renders @count forms of @survey in @language into the PDF file @path,
 * with the form codes of @school_code and serials @first_serial,
 * @first_serial + 1, …: each form starts on a new page and every page
 * carries its code. @school_name is printed in each form's header.
 *
 * This only draws: the serials must have been reserved (see
 * pl_survey_print()), or the codes may be printed twice. The file is
 * written beside @path and renamed into place at the end, so a failure or
 * a cancellation leaves no half-written PDF (and an older file of that
 * name as it was). Sets @n_pages (may be NULL) to the pages written. */
gboolean    pl_survey_print_render  (PlSurvey               *survey,
                                     const char             *language,
                                     const char             *school_name,
                                     const char             *school_code,
                                     guint                   first_serial,
                                     guint                   count,
                                     PlPaperSize             paper,
                                     const char             *path,
                                     PlSurveyPrintProgress   progress,
                                     gpointer                progress_data,
                                     guint                  *n_pages,
                                     GCancellable           *cancellable,
                                     GError                **error);

/* Prints a batch of @count forms for @school: reserves @count serials in
 * @store (pl_store_reserve_form_serials(), recording @language and
 * @printed_by, which may be NULL), so no other print run ever reuses the
 * codes, then renders them to @path. Sets @first_serial and @n_pages
 * (either may be NULL) to the first form's serial and the pages written. Serials reserved for a run that fails are not
 * given out again: a gap in the codes is harmless, a code printed twice
 * is not. */
gboolean    pl_survey_print         (PlStore                *store,
                                     PlSurvey               *survey,
                                     PlSchool               *school,
                                     const char             *language,
                                     guint                   count,
                                     PlPaperSize             paper,
                                     const char             *path,
                                     const char             *printed_by,
                                     PlSurveyPrintProgress   progress,
                                     gpointer                progress_data,
                                     guint                  *first_serial,
                                     guint                  *n_pages,
                                     GCancellable           *cancellable,
                                     GError                **error);

/* The same in a worker thread, on its own connection to @store's file and
 * with its own copy of @survey and @school (change them freely meanwhile).
 * Progress comes on the caller's thread-default main context. */
void        pl_survey_print_async   (PlStore                *store,
                                     PlSurvey               *survey,
                                     PlSchool               *school,
                                     const char             *language,
                                     guint                   count,
                                     PlPaperSize             paper,
                                     const char             *path,
                                     const char             *printed_by,
                                     PlSurveyPrintProgress   progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
/* Sets @first_serial and @n_pages (either may be NULL). */
gboolean    pl_survey_print_finish  (GAsyncResult           *result,
                                     guint                  *first_serial,
                                     guint                  *n_pages,
                                     GError                **error);

G_END_DECLS

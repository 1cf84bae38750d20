/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-csv.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_ROSTER_IMPORT_ERROR (pl_roster_import_error_quark ())

typedef enum
{
  PL_ROSTER_IMPORT_ERROR_EMPTY,          /* the file holds no header line or no rows */
  PL_ROSTER_IMPORT_ERROR_MISSING_COLUMN, /* no column holds the student id or name */
  PL_ROSTER_IMPORT_ERROR_MAP,            /* a Header=field map that cannot be used */
  PL_ROSTER_IMPORT_ERROR_INVALID_ROWS,   /* some rows are not valid: nothing was imported */
  PL_ROSTER_IMPORT_ERROR_REJECTS_FILE,   /* the rejected rows could not be written */
} PlRosterImportError;

GQuark pl_roster_import_error_quark (void);

/* What a column of the roster holds. */
typedef enum
{
  PL_ROSTER_FIELD_IGNORE = 0,
  PL_ROSTER_FIELD_STUDENT_ID,
  PL_ROSTER_FIELD_STUDENT_NAME,
  PL_ROSTER_FIELD_FIRST_NAME,
  PL_ROSTER_FIELD_MIDDLE_NAME,
  PL_ROSTER_FIELD_LAST_NAME,
  PL_ROSTER_FIELD_GRADE,
  PL_ROSTER_FIELD_SCHOOL,
  PL_ROSTER_FIELD_BIRTH_DATE,
  PL_ROSTER_FIELD_ENTRY_DATE,
  PL_ROSTER_FIELD_EL_STATUS,
  PL_ROSTER_FIELD_IEP,
  PL_ROSTER_FIELD_PLAN_504,
  PL_ROSTER_FIELD_HOME_LANGUAGE,
  PL_ROSTER_FIELD_ADDRESS,
  PL_ROSTER_FIELD_ADDRESS_2,
  PL_ROSTER_FIELD_CITY,
  PL_ROSTER_FIELD_ZIP,
  PL_ROSTER_FIELD_GUARDIAN_NAME,
  PL_ROSTER_FIELD_GUARDIAN_FIRST_NAME,
  PL_ROSTER_FIELD_GUARDIAN_LAST_NAME,
  PL_ROSTER_FIELD_RELATIONSHIP,
  PL_ROSTER_FIELD_PHONE,
  PL_ROSTER_FIELD_CELL_PHONE,
  PL_ROSTER_FIELD_WORK_PHONE,
  PL_ROSTER_FIELD_EMAIL,
  PL_ROSTER_FIELD_GUARDIAN_LANGUAGE,
  PL_ROSTER_FIELD_INTERPRETER,
  PL_ROSTER_FIELD_GUARDIAN_2_NAME,
  PL_ROSTER_FIELD_GUARDIAN_2_RELATIONSHIP,
  PL_ROSTER_FIELD_GUARDIAN_2_PHONE,
  PL_ROSTER_FIELD_GUARDIAN_2_EMAIL,
  PL_ROSTER_N_FIELDS
} PlRosterField;

/* The field's name for --map, like "student_id"; "ignore" for IGNORE. */
const char *pl_roster_field_get_name   (PlRosterField  field);
/* The field's translated name for a person, like "Student ID". */
const char *pl_roster_field_get_label  (PlRosterField  field);
/* Parses a field name (case, spaces and underscores do not matter);
 * "ignore", "skip" and "none" are IGNORE. */
gboolean    pl_roster_field_from_name  (const char    *name,
                                        PlRosterField *field);
/* The field a header names, as exported by student information systems
 * ("Student Number", "SASID", "Grade Level", "Home Phone", …), matched
 * without regard to case, spaces or punctuation; IGNORE when unknown. */
PlRosterField pl_roster_field_for_header (const char  *header);

/* What an import did. After a failed all-or-nothing import every count
 * but the rows read and rejected is zero. */
typedef struct
{
  guint rows_read;            /* data rows, header lines apart */
  guint rows_imported;        /* valid rows taken in (repeats apart) */
  guint rows_rejected;
  guint rows_repeated;        /* the very same row again: taken once */
  guint header_lines_skipped; /* the header repeated inside the file */
  guint families_added;
  guint families_updated;
  guint students_added;
  guint students_updated;
  guint students_unchanged;
  guint guardians_added;
  guint guardians_updated;
} PlRosterCounts;

/* Called with rows done and rows in all, on the thread that runs the
 * import (on the caller's main context for the async call). */
typedef void (*PlRosterProgress) (guint    rows_done,
                                  guint    rows_total,
                                  gpointer user_data);

#define PL_TYPE_ROSTER_IMPORT (pl_roster_import_get_type ())
G_DECLARE_FINAL_TYPE (PlRosterImport, pl_roster_import, PL, ROSTER_IMPORT, GObject)

/* An import of the district roster in the CSV file at @path. Nothing is
 * read until pl_roster_import_load() or pl_roster_import_run(). */
PlRosterImport *pl_roster_import_new             (const char      *path);
const char     *pl_roster_import_get_path        (PlRosterImport  *self);

/* Import the valid rows and write the others, with a "reason" column, to a
 * CSV file beside the roster (default: if any row is invalid, import nothing). */
void            pl_roster_import_set_skip_invalid (PlRosterImport *self,
                                                  gboolean         skip_invalid);
gboolean        pl_roster_import_get_skip_invalid (PlRosterImport *self);
/* Check everything, count what would change, and write nothing. */
void            pl_roster_import_set_dry_run     (PlRosterImport  *self,
                                                  gboolean         dry_run);
gboolean        pl_roster_import_get_dry_run     (PlRosterImport  *self);

/* Takes the column headed @header (compared without case or spaces) as
 * @field, whatever its header says; IGNORE leaves the column out. */
void            pl_roster_import_set_header_field (PlRosterImport *self,
                                                  const char      *header,
                                                  PlRosterField    field);
/* The same from "Header=field" text, as given to porchlight-cli --map. */
gboolean        pl_roster_import_add_map         (PlRosterImport  *self,
                                                  const char      *map,
                                                  GError         **error);
/* Takes the language a roster calls @value as @code; a %NULL @code keeps
 * the value as it is written. Languages Porchlight does not know are
 * otherwise reported as invalid, so a person decides what they are. */
void            pl_roster_import_set_language    (PlRosterImport  *self,
                                                  const char      *value,
                                                  const char      *code);
/* Forgets every language given with pl_roster_import_set_language(). */
void            pl_roster_import_clear_languages (PlRosterImport  *self);
/* The same from "Value=code" text; "keep" as the code keeps the value. */
gboolean        pl_roster_import_add_language_map (PlRosterImport *self,
                                                  const char      *map,
                                                  GError         **error);

/* Reads the file: the header and every row, nothing from the database.
 * pl_roster_import_run() does it too when it was not done. */
gboolean        pl_roster_import_load            (PlRosterImport  *self,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void            pl_roster_import_load_async      (PlRosterImport      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        pl_roster_import_load_finish     (PlRosterImport  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* After loading: the file's encoding, its columns and what each one holds,
 * the first values of a column, and the number of data rows. */
PlCsvEncoding   pl_roster_import_get_encoding    (PlRosterImport  *self);
guint           pl_roster_import_get_n_columns   (PlRosterImport  *self);
const char     *pl_roster_import_get_column_header (PlRosterImport *self,
                                                  guint            column);
PlRosterField   pl_roster_import_get_column_field (PlRosterImport *self,
                                                  guint            column);
/* TRUE when the header was recognized or mapped, FALSE for a column that
 * is left out because nobody said what it holds. */
gboolean        pl_roster_import_get_column_known (PlRosterImport *self,
                                                  guint            column);
GStrv           pl_roster_import_get_column_samples (PlRosterImport *self,
                                                  guint            column,
                                                  guint            n_samples);
guint           pl_roster_import_get_n_rows      (PlRosterImport  *self);
/* FALSE, naming what is missing, when no column holds the student ID or
 * the student's name. */
gboolean        pl_roster_import_check_columns   (PlRosterImport  *self,
                                                  GError         **error);
/* The language values in the file that Porchlight does not know and that
 * were not mapped, most rows first. */
GStrv           pl_roster_import_list_unknown_languages (PlRosterImport *self);

/* Imports the loaded rows into @store in one transaction. Students are
 * matched by district student ID: known ones are updated, new ones added,
 * and siblings grouped into one family by a shared guardian phone or
 * address (also with families already in the store). Only what changed is
 * written and journaled, so the changes sync. Returns FALSE with
 * %PL_ROSTER_IMPORT_ERROR_INVALID_ROWS when rows are invalid and invalid
 * rows are not skipped; the rejected rows are then listed all the same. */
gboolean        pl_roster_import_run             (PlRosterImport   *self,
                                                  PlStore          *store,
                                                  PlRosterProgress  progress,
                                                  gpointer          progress_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
/* Runs the import in a worker thread on its own connection to @store's
 * file; progress comes on the caller's main context. Do not change the
 * import until it finishes. On success @store emits "family-changed"
 * with a %NULL id, unless it was a dry run. */
void            pl_roster_import_run_async       (PlRosterImport      *self,
                                                  PlStore             *store,
                                                  PlRosterProgress     progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        pl_roster_import_run_finish      (PlRosterImport  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* The outcome of the last run. */
const PlRosterCounts *pl_roster_import_get_counts (PlRosterImport *self);
guint           pl_roster_import_get_n_rejected  (PlRosterImport  *self);
/* The @index-th rejected row: returns its line and sets @reason. */
guint           pl_roster_import_get_rejected    (PlRosterImport  *self,
                                                  guint            index,
                                                  const char     **reason);
/* Where the rejected rows were written, or %NULL when no file was written. */
const char     *pl_roster_import_get_rejects_path (PlRosterImport *self);

G_END_DECLS

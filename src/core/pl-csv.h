/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PL_CSV_ERROR (pl_csv_error_quark ())

typedef enum
{
  PL_CSV_ERROR_READ,      /* the file cannot be read */
  PL_CSV_ERROR_NOT_TEXT,  /* a spreadsheet workbook or another binary file */
  PL_CSV_ERROR_ENCODING,  /* text in an encoding that cannot be converted */
  PL_CSV_ERROR_SYNTAX,    /* a quoted value that is never closed */
  PL_CSV_ERROR_TOO_LARGE, /* more than PL_CSV_MAX_SIZE bytes */
} PlCsvError;

GQuark pl_csv_error_quark (void);

/* Bigger than any district's roster by a wide margin; the whole file is
 * held in memory while it is read. */
#define PL_CSV_MAX_SIZE (256 * 1024 * 1024)

typedef enum
{
  PL_CSV_ENCODING_UTF8,
  PL_CSV_ENCODING_UTF8_BOM,
  PL_CSV_ENCODING_UTF16,
  PL_CSV_ENCODING_WINDOWS_1252,
} PlCsvEncoding;

#define PL_TYPE_CSV_READER (pl_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (PlCsvReader, pl_csv_reader, PL, CSV_READER, GObject)

/* Reads the whole file at @path and works out its encoding (UTF-8 with or
 * without a byte order mark, UTF-16 with one, otherwise Windows-1252 as
 * Excel writes it) and its delimiter (comma, semicolon or tab). */
PlCsvReader   *pl_csv_reader_new_for_path    (const char   *path,
                                              GError      **error);
/* The same for bytes already in memory; @data is copied. */
PlCsvReader   *pl_csv_reader_new_for_data    (const char   *data,
                                              gsize         length,
                                              GError      **error);

PlCsvEncoding  pl_csv_reader_get_encoding    (PlCsvReader  *self);
/* The encoding's name for a person: "UTF-8", "Windows-1252", "UTF-16". */
const char    *pl_csv_encoding_get_name      (PlCsvEncoding encoding);
char           pl_csv_reader_get_delimiter   (PlCsvReader  *self);

/* Reads the next record. Quoted values may hold delimiters, doubled quotes
 * and line breaks (kept as "\n"); values are trimmed of surrounding spaces;
 * records whose values are all empty are skipped. @line is set to the
 * physical line the record starts on (the first line is 1).
 *
 * Returns: (transfer full) (nullable): the values, or %NULL at the end of
 *   the file or, with @error set, when a quoted value is never closed */
GStrv          pl_csv_reader_read_record     (PlCsvReader  *self,
                                              guint        *line,
                                              GError      **error);

/* How far the reader is, for progress: bytes of text read and in all. */
gsize          pl_csv_reader_get_position    (PlCsvReader  *self);
gsize          pl_csv_reader_get_length      (PlCsvReader  *self);

/* Appends one record to @out, quoting values that need it, ended by CRLF
 * as spreadsheets expect. */
void           pl_csv_append_record          (GString            *out,
                                              const char *const  *values,
                                              guint               n_values);

G_END_DECLS

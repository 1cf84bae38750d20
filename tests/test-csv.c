/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"

/* The CSV reader on the files people really have: written by Excel on
 * Windows, by old Macs, by a student information system, by hand. */

static PlCsvReader *
reader_for (const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  PlCsvReader *reader;

  reader = pl_csv_reader_new_for_data (data, length < 0 ? strlen (data) : (gsize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Reads the next record and checks its line and values (NULL-terminated). */
static void
expect_record (PlCsvReader *reader,
               guint        line,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  const char *expected;
  guint got_line = 0, i = 0;
  va_list ap;

  values = pl_csv_reader_read_record (reader, &got_line, &error);
  g_assert_no_error (error);
  g_assert_nonnull (values);
  g_assert_cmpuint (got_line, ==, line);

  va_start (ap, line);
  while ((expected = va_arg (ap, const char *)) != NULL)
    {
      g_assert_nonnull (values[i]);
      g_assert_cmpstr (values[i], ==, expected);
      i++;
    }
  va_end (ap);
  g_assert_cmpuint (g_strv_length (values), ==, i);
}

static void
expect_end (PlCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = pl_csv_reader_read_record (reader, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (values);
}

static void
test_bom (void)
{
  g_autoptr(PlCsvReader) reader = reader_for ("\xEF\xBB\xBFStudent ID,Name\r\n12,Ana\r\n", -1);

  g_assert_cmpint (pl_csv_reader_get_encoding (reader), ==, PL_CSV_ENCODING_UTF8_BOM);
  /* The mark is not part of the first header. */
  expect_record (reader, 1, "Student ID", "Name", NULL);
  expect_record (reader, 2, "12", "Ana", NULL);
  expect_end (reader);
}

static void
test_windows_1252 (void)
{
  /* Peña, José, O’Brien (0x92), “Zoë” (0x93 0x94), 5 € (0x80), Œ (0x8C) */
  g_autoptr(PlCsvReader) reader =
    reader_for ("Name,Note\r\nPe\xF1" "a,Jos\xE9\r\nO\x92" "Brien,\x93Zo\xEB\x94\r\n5 \x80,\x8C" "uvre\r\n", -1);

  g_assert_cmpint (pl_csv_reader_get_encoding (reader), ==, PL_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (pl_csv_encoding_get_name (PL_CSV_ENCODING_WINDOWS_1252), ==, "Windows-1252");
  expect_record (reader, 1, "Name", "Note", NULL);
  expect_record (reader, 2, "Peña", "José", NULL);
  expect_record (reader, 3, "O’Brien", "“Zoë”", NULL);
  expect_record (reader, 4, "5 €", "Œuvre", NULL);
  expect_end (reader);
}

static void
test_utf8_scripts (void)
{
  /* Valid UTF-8 is never taken for Windows-1252, whatever the script. */
  g_autoptr(PlCsvReader) reader =
    reader_for ("Name,Guardian\nNguyễn Thị Hương,مُحَمَّد عبد الله\nहरि,Пётр\n", -1);

  g_assert_cmpint (pl_csv_reader_get_encoding (reader), ==, PL_CSV_ENCODING_UTF8);
  expect_record (reader, 1, "Name", "Guardian", NULL);
  expect_record (reader, 2, "Nguyễn Thị Hương", "مُحَمَّد عبد الله", NULL);
  expect_record (reader, 3, "हरि", "Пётр", NULL);
  expect_end (reader);
}

static void
test_utf16 (void)
{
  /* Excel's "Unicode Text": UTF-16 little endian with a byte order mark. */
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *utf16 = g_convert ("a,b\r\nPeña,1\r\n", -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_autofree char *data = NULL;
  g_autoptr(PlCsvReader) reader = NULL;

  g_assert_no_error (error);
  data = g_malloc (length + 2);
  memcpy (data, "\xFF\xFE", 2);
  memcpy (data + 2, utf16, length);
  reader = reader_for (data, length + 2);
  g_assert_cmpint (pl_csv_reader_get_encoding (reader), ==, PL_CSV_ENCODING_UTF16);
  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "Peña", "1", NULL);
  expect_end (reader);
}

static void
test_line_endings (void)
{
  /* CRLF, LF and old Mac CR in one file: each is one line. */
  g_autoptr(PlCsvReader) reader = reader_for ("a,b\r\n1,2\n3,4\r5,6\r\n7,8", -1);

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_record (reader, 3, "3", "4", NULL);
  expect_record (reader, 4, "5", "6", NULL);
  expect_record (reader, 5, "7", "8", NULL);
  expect_end (reader);
}

static void
test_quoted (void)
{
  g_autoptr(PlCsvReader) reader =
    reader_for ("Name,Address,Note\r\n"
                "\"García, María\",\"12 Main St\r\nApt 2\",\"She said \"\"call after 5\"\"\"\r\n"
                "\"\",\"\",plain\r\n"
                "Bob,  \"quoted after spaces\"  ,\"a\"\"\"\r\n"
                "\"multi\nline\nvalue\",x,y\r\n"
                "last,row,here\r\n", -1);

  expect_record (reader, 1, "Name", "Address", "Note", NULL);
  expect_record (reader, 2, "García, María", "12 Main St\nApt 2", "She said \"call after 5\"", NULL);
  /* The record after a value with a line break starts on its own physical line. */
  expect_record (reader, 4, "", "", "plain", NULL);
  expect_record (reader, 5, "Bob", "quoted after spaces", "a\"", NULL);
  expect_record (reader, 6, "multi\nline\nvalue", "x", "y", NULL);
  expect_record (reader, 9, "last", "row", "here", NULL);
  expect_end (reader);
}

static void
test_blank_and_spaces (void)
{
  /* Blank lines, lines of only commas as Excel leaves them, trailing spaces
   * and no-break spaces around values. */
  g_autoptr(PlCsvReader) reader =
    reader_for ("\r\nID , Name \r\n\r\n  \r\n,,,\r\n1,Ana   \r\n2,\xC2\xA0" "Bo\xC2\xA0\r\n\r\n", -1);

  expect_record (reader, 2, "ID", "Name", NULL);
  expect_record (reader, 6, "1", "Ana", NULL);
  expect_record (reader, 7, "2", "Bo", NULL);
  expect_end (reader);
}

static void
test_stray_quote (void)
{
  /* A quote inside an unquoted value is a character, not a syntax error. */
  g_autoptr(PlCsvReader) reader = reader_for ("height,name\n5'10\",O\"Neil\n", -1);

  expect_record (reader, 1, "height", "name", NULL);
  expect_record (reader, 2, "5'10\"", "O\"Neil", NULL);
  expect_end (reader);
}

static void
test_empty_values (void)
{
  g_autoptr(PlCsvReader) reader = reader_for ("a,b,c\n1,,3\n,2,\n4,5,", -1);

  expect_record (reader, 1, "a", "b", "c", NULL);
  expect_record (reader, 2, "1", "", "3", NULL);
  expect_record (reader, 3, "", "2", "", NULL);
  expect_record (reader, 4, "4", "5", "", NULL);
  expect_end (reader);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(PlCsvReader) reader = reader_for ("a,b\n1,2\n3,\"never closed\n4,5\n", -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  values = pl_csv_reader_read_record (reader, NULL, &error);
  g_assert_null (values);
  g_assert_error (error, PL_CSV_ERROR, PL_CSV_ERROR_SYNTAX);
  /* The message names the line where the quote opens. */
  g_assert_nonnull (strstr (error->message, "3"));
}

static void
test_delimiters (void)
{
  g_autoptr(PlCsvReader) semicolons = reader_for ("ID;Name;City\n1;Ana, Jr.;Springfield\n", -1);
  g_autoptr(PlCsvReader) tabs = reader_for ("ID\tName\tCity\n1\tAna, Jr.\tSpringfield\n", -1);

  g_assert_cmpint (pl_csv_reader_get_delimiter (semicolons), ==, ';');
  expect_record (semicolons, 1, "ID", "Name", "City", NULL);
  expect_record (semicolons, 2, "1", "Ana, Jr.", "Springfield", NULL);
  g_assert_cmpint (pl_csv_reader_get_delimiter (tabs), ==, '\t');
  expect_record (tabs, 1, "ID", "Name", "City", NULL);
  expect_record (tabs, 2, "1", "Ana, Jr.", "Springfield", NULL);
}

static void
test_not_text (void)
{
  g_autoptr(GError) error = NULL;
  PlCsvReader *reader;

  /* An .xlsx workbook is a zip file. */
  reader = pl_csv_reader_new_for_data ("PK\x03\x04\x14\x00\x06\x00", 8, &error);
  g_assert_null (reader);
  g_assert_error (error, PL_CSV_ERROR, PL_CSV_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "CSV"));
  g_clear_error (&error);

  reader = pl_csv_reader_new_for_data ("a,b\n\0\0\0\1", 8, &error);
  g_assert_null (reader);
  g_assert_error (error, PL_CSV_ERROR, PL_CSV_ERROR_NOT_TEXT);
}

static void
test_missing_file (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "no-such-roster.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCsvReader) reader = pl_csv_reader_new_for_path (path, &error);

  g_assert_null (reader);
  g_assert_error (error, PL_CSV_ERROR, PL_CSV_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "no-such-roster.csv"));
}

static void
test_write_round_trip (void)
{
  const char *values[] = {
    "plain", "with, comma", "with \"quotes\"", "two\nlines", "", "Nguyễn", "مُحَمَّد", "a;b",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PlCsvReader) reader = NULL;
  g_auto(GStrv) back = NULL;
  g_autoptr(GError) error = NULL;

  pl_csv_append_record (out, values, G_N_ELEMENTS (values));
  pl_csv_append_record (out, values, G_N_ELEMENTS (values));
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));

  reader = reader_for (out->str, out->len);
  back = pl_csv_reader_read_record (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (back), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpstr (back[i], ==, values[i]);
  g_clear_pointer (&back, g_strfreev);
  back = pl_csv_reader_read_record (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back[3], ==, "two\nlines");
  expect_end (reader);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/windows-1252", test_windows_1252);
  g_test_add_func ("/csv/utf8-scripts", test_utf8_scripts);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/line-endings", test_line_endings);
  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/blank-and-spaces", test_blank_and_spaces);
  g_test_add_func ("/csv/stray-quote", test_stray_quote);
  g_test_add_func ("/csv/empty-values", test_empty_values);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/not-text", test_not_text);
  g_test_add ("/csv/missing-file", PlTestDir, NULL, pl_test_dir_setup, test_missing_file,
              pl_test_dir_teardown);
  g_test_add_func ("/csv/write-round-trip", test_write_round_trip);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-csv.h"

/* A reader for the CSV files people actually have: exports from a student
 * information system, opened and saved again in Excel on Windows, with all
 * that comes with it. */

struct _PlCsvReader
{
  GObject        parent_instance;

  char          *text;      /* the whole file as UTF-8, without a BOM */
  gsize          length;
  gsize          position;
  guint          line;      /* physical line at position, from 1 */
  char           delimiter;
  PlCsvEncoding  encoding;
};

G_DEFINE_FINAL_TYPE (PlCsvReader, pl_csv_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (pl-csv-error-quark, pl_csv_error)

static void
pl_csv_reader_finalize (GObject *object)
{
  PlCsvReader *self = PL_CSV_READER (object);

  g_free (self->text);

  G_OBJECT_CLASS (pl_csv_reader_parent_class)->finalize (object);
}

static void
pl_csv_reader_class_init (PlCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_csv_reader_finalize;
}

static void
pl_csv_reader_init (PlCsvReader *self)
{
  self->line = 1;
  self->delimiter = ',';
}

/* Windows-1252 bytes 0x80–0x9F; the rest of the upper half is Latin-1. The
 * five bytes the code page leaves undefined keep their own code point, as
 * browsers do, so no byte is ever lost. */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
windows_1252_to_utf8 (const guchar *data,
                      gsize         length)
{
  GString *out = g_string_sized_new (length + length / 8);

  for (gsize i = 0; i < length; i++)
    {
      guchar byte = data[i];

      if (byte < 0x80)
        g_string_append_c (out, (char) byte);
      else if (byte < 0xA0)
        g_string_append_unichar (out, windows_1252_high[byte - 0x80]);
      else
        g_string_append_unichar (out, byte);
    }
  return g_string_free (out, FALSE);
}

/* The delimiter is the one of comma, semicolon and tab that the first line
 * (outside quotes) uses most; European Excel writes semicolons, and "text"
 * exports from a student information system often use tabs. */
static char
detect_delimiter (const char *text,
                  gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < length; i++)
    {
      char ch = text[i];

      if (ch == '"')
        quoted = !quoted;
      else if (!quoted && (ch == '\n' || ch == '\r'))
        {
          /* Blank lines before the header do not count as the first line. */
          if (counts[0] + counts[1] + counts[2] > 0)
            break;
        }
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          if (ch == candidates[c])
            counts[c]++;
    }

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > best_count)
      {
        best = candidates[c];
        best_count = counts[c];
      }
  return best;
}

static gboolean
decode (PlCsvReader  *self,
        const char   *data,
        gsize         length,
        GError      **error)
{
  const guchar *bytes = (const guchar *) data;

  /* A workbook chosen by mistake: say what to do rather than show noise. */
  if ((length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0) ||
      (length >= 4 && memcmp (data, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      g_set_error_literal (error, PL_CSV_ERROR, PL_CSV_ERROR_NOT_TEXT,
                           _("This is a spreadsheet workbook, not a CSV file. Open it in "
                             "your spreadsheet program and save it as CSV."));
      return FALSE;
    }

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      g_autoptr(GError) local_error = NULL;
      gsize written = 0;
      char *converted = g_convert (data, length, "UTF-8", "UTF-16", NULL, &written, &local_error);

      if (converted == NULL)
        {
          g_set_error (error, PL_CSV_ERROR, PL_CSV_ERROR_ENCODING,
                       /* Translators: %s is the system's reason */
                       _("The file says it is UTF-16 text but cannot be read as such: %s"),
                       local_error->message);
          return FALSE;
        }
      /* iconv keeps the byte order mark as U+FEFF. */
      if (written >= 3 && memcmp (converted, "\xEF\xBB\xBF", 3) == 0)
        {
          memmove (converted, converted + 3, written - 3 + 1);
          written -= 3;
        }
      self->text = converted;
      self->length = written;
      self->encoding = PL_CSV_ENCODING_UTF16;
      return TRUE;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
      self->encoding = PL_CSV_ENCODING_UTF8_BOM;
    }
  else
    {
      self->encoding = PL_CSV_ENCODING_UTF8;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, PL_CSV_ERROR, PL_CSV_ERROR_NOT_TEXT,
                           _("This is not a text file. Save the roster as CSV and try again."));
      return FALSE;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      self->text = g_strndup (data, length);
      self->length = length;
      return TRUE;
    }

  /* Not UTF-8: Excel on Windows saves "CSV" in the ANSI code page. */
  self->text = windows_1252_to_utf8 ((const guchar *) data, length);
  self->length = strlen (self->text);
  self->encoding = PL_CSV_ENCODING_WINDOWS_1252;
  return TRUE;
}

/**
 * pl_csv_reader_new_for_data:
 *
 * Returns: (transfer full): a reader, or %NULL with @error set when the
 *   bytes are not text
 */
PlCsvReader *
pl_csv_reader_new_for_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(PlCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > PL_CSV_MAX_SIZE)
    {
      g_set_error (error, PL_CSV_ERROR, PL_CSV_ERROR_TOO_LARGE,
                   /* Translators: %d is a number of megabytes */
                   _("The file is larger than %d MB; split it into smaller files"),
                   PL_CSV_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  self = g_object_new (PL_TYPE_CSV_READER, NULL);
  if (!decode (self, data ? data : "", length, error))
    return NULL;
  self->delimiter = detect_delimiter (self->text, self->length);
  return g_steal_pointer (&self);
}

/**
 * pl_csv_reader_new_for_path:
 *
 * Returns: (transfer full): a reader, or %NULL with @error set naming the file
 */
PlCsvReader *
pl_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  PlCsvReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, PL_CSV_ERROR, PL_CSV_ERROR_READ,
                   /* Translators: first %s is a file name, second the system's reason */
                   _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }

  self = pl_csv_reader_new_for_data (g_mapped_file_get_contents (mapped),
                                     g_mapped_file_get_length (mapped), &local_error);
  if (self == NULL)
    {
      g_set_error (error, PL_CSV_ERROR, local_error->code,
                   /* Translators: first %s is a file name, second why it cannot be read */
                   _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return self;
}

PlCsvEncoding
pl_csv_reader_get_encoding (PlCsvReader *self)
{
  g_return_val_if_fail (PL_IS_CSV_READER (self), PL_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
pl_csv_encoding_get_name (PlCsvEncoding encoding)
{
  switch (encoding)
    {
    case PL_CSV_ENCODING_UTF16:
      return "UTF-16";
    case PL_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    case PL_CSV_ENCODING_UTF8:
    case PL_CSV_ENCODING_UTF8_BOM:
    default:
      return "UTF-8";
    }
}

char
pl_csv_reader_get_delimiter (PlCsvReader *self)
{
  g_return_val_if_fail (PL_IS_CSV_READER (self), ',');
  return self->delimiter;
}

gsize
pl_csv_reader_get_position (PlCsvReader *self)
{
  g_return_val_if_fail (PL_IS_CSV_READER (self), 0);
  return self->position;
}

gsize
pl_csv_reader_get_length (PlCsvReader *self)
{
  g_return_val_if_fail (PL_IS_CSV_READER (self), 0);
  return self->length;
}

/* Spaces around a value, including the no-break space spreadsheets leave
 * behind, are never meant. */
static char *
trimmed (GString *value)
{
  const char *start = value->str;
  const char *end = value->str + value->len;

  while (start < end)
    {
      if (*start == ' ' || *start == '\t')
        start++;
      else if (end - start >= 2 && (guchar) start[0] == 0xC2 && (guchar) start[1] == 0xA0)
        start += 2;
      else
        break;
    }
  while (end > start)
    {
      if (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n')
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }
  return g_strndup (start, end - start);
}

/* Consumes a line break at the position (CRLF, LF or a lone CR as old Mac
 * Excel writes), counting it. */
static gboolean
take_line_break (PlCsvReader *self)
{
  char ch = self->text[self->position];

  if (ch == '\r')
    {
      self->position++;
      if (self->position < self->length && self->text[self->position] == '\n')
        self->position++;
      self->line++;
      return TRUE;
    }
  if (ch == '\n')
    {
      self->position++;
      self->line++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
all_empty (GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    if (*(const char *) g_ptr_array_index (values, i) != '\0')
      return FALSE;
  return TRUE;
}

GStrv
pl_csv_reader_read_record (PlCsvReader  *self,
                           guint        *line,
                           GError      **error)
{
  g_return_val_if_fail (PL_IS_CSV_READER (self), NULL);

  while (self->position < self->length)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) value = g_string_new (NULL);
      guint start_line = self->line;
      gboolean end_of_record = FALSE;

      while (!end_of_record)
        {
          g_string_truncate (value, 0);

          /* Spaces before an opening quote do not make it a literal quote. */
          while (self->position < self->length &&
                 (self->text[self->position] == ' ' ||
                  (self->text[self->position] == '\t' && self->delimiter != '\t')))
            self->position++;

          if (self->position < self->length && self->text[self->position] == '"')
            {
              guint quote_line = self->line;

              self->position++;
              for (;;)
                {
                  char ch;

                  if (self->position >= self->length)
                    {
                      g_set_error (error, PL_CSV_ERROR, PL_CSV_ERROR_SYNTAX,
                                   /* Translators: %u is a line number in a file */
                                   _("Line %u: a value opens a quotation mark that is never "
                                     "closed"), quote_line);
                      return NULL;
                    }
                  ch = self->text[self->position];
                  if (ch == '"')
                    {
                      if (self->position + 1 < self->length && self->text[self->position + 1] == '"')
                        {
                          g_string_append_c (value, '"');
                          self->position += 2;
                          continue;
                        }
                      self->position++;
                      break;
                    }
                  if (take_line_break (self))
                    {
                      g_string_append_c (value, '\n');
                      continue;
                    }
                  g_string_append_c (value, ch);
                  self->position++;
                }
            }

          /* Unquoted text, or what follows a closing quote: taken as it is,
           * so a stray quote inside a value (5'10") survives. */
          while (self->position < self->length)
            {
              char ch = self->text[self->position];

              if (ch == self->delimiter)
                {
                  self->position++;
                  break;
                }
              if (take_line_break (self))
                {
                  end_of_record = TRUE;
                  break;
                }
              g_string_append_c (value, ch);
              self->position++;
            }
          if (self->position >= self->length)
            end_of_record = TRUE;

          g_ptr_array_add (values, trimmed (value));
        }

      /* A trailing delimiter at the very end of the file leaves no value
       * behind it; the record ends with an empty one as elsewhere. */
      if (self->position >= self->length && self->length > 0 &&
          self->text[self->length - 1] == self->delimiter)
        g_ptr_array_add (values, g_strdup (""));

      if (all_empty (values))
        continue;

      if (line != NULL)
        *line = start_line;
      g_ptr_array_add (values, NULL);
      return (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
    }

  return NULL;
}

static gboolean
needs_quotes (const char *value)
{
  if (*value == ' ' || (*value && value[strlen (value) - 1] == ' '))
    return TRUE;
  return strpbrk (value, ",;\t\"\r\n") != NULL;
}

void
pl_csv_append_record (GString            *out,
                      const char *const  *values,
                      guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      const char *value = values[i] ? values[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');
      if (!needs_quotes (value))
        {
          g_string_append (out, value);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}

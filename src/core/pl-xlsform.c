/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-csv.h"
#include "pl-languages.h"
#include "pl-normalize.h"
#include "pl-surveys-resources.h"
#include "pl-xlsform.h"

/* XLSForm CSV in and out. A form made in ODK or Kobo comes in as three
 * spreadsheet sheets saved as CSV; every cell that cannot become part of a
 * paper survey is refused with its file, line and column, so the person
 * importing can fix that cell and try again. */

#define DEMO_RESOURCE_PATH "/org/springfieldempowerment/Porchlight/surveys/family-satisfaction/"

/* The lists Porchlight writes for its shared scales. */
#define LIST_AGREEMENT    "agree5"
#define LIST_AGREEMENT_NA "agree5_na"
#define LIST_FREQUENCY    "freq5"
#define LIST_FREQUENCY_NA "freq5_na"
#define LIST_YES_NO       "yes_no"

/* Rows ODK fills in by itself on a phone; a paper form has nothing to key. */
static const char *const metadata_types[] = {
  "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
  "username", "email", "audit", "start-geopoint", "background-audio", NULL,
};

/* ------------------------------------------------------------------------ */
/* Sheets */

typedef struct
{
  guint   line;
  char  **values;
  guint   n_values;
} Row;

typedef struct
{
  char      *name;       /* the file's name, for messages */
  char     **header;
  guint      n_columns;
  guint      header_line;
  GPtrArray *rows;       /* Row */
} Sheet;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->values);
  g_free (row);
}

static void
sheet_free (Sheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_strfreev (sheet->header);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static const char *
cell (Row *row,
      int  column)
{
  if (row == NULL || column < 0 || (guint) column >= row->n_values)
    return "";
  return row->values[column];
}

/* Spreadsheet column letters: A … Z, AA, AB, … */
static char *
column_letters (guint column)
{
  char buffer[8];
  int i = G_N_ELEMENTS (buffer) - 1;

  buffer[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buffer[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (buffer + i);
}

static void set_cell_error (GError    **error,
                            Sheet      *sheet,
                            guint       line,
                            int         column,
                            const char *format,
                            ...) G_GNUC_PRINTF (5, 6);

/* Every message about a file names the cell as a spreadsheet shows it. */
static void
set_cell_error (GError    **error,
                Sheet      *sheet,
                guint       line,
                int         column,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column < 0 || (guint) column >= sheet->n_columns)
    g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE,
                 /* Translators: “survey.csv”, line 4: what is wrong there */
                 _("“%s”, line %u: %s"), sheet->name, line, message);
  else
    {
      g_autofree char *letters = column_letters (column);

      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE,
                   /* Translators: “survey.csv”, line 4, column F (relevant): what is wrong
                    * there; the column is named by its letter and its heading */
                   _("“%s”, line %u, column %s (%s): %s"), sheet->name, line, letters,
                   sheet->header[column], message);
    }
}

static Sheet *
read_sheet (const char  *name,
            GBytes      *bytes,
            GError     **error)
{
  g_autoptr(Sheet) sheet = g_new0 (Sheet, 1);
  g_autoptr(PlCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  char **values;
  guint line = 0;

  sheet->name = g_strdup (name);
  sheet->rows = g_ptr_array_new_with_free_func (row_free);

  reader = pl_csv_reader_new_for_data (data, length, &local_error);
  if (reader == NULL)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE,
                   /* Translators: first %s is a file name, second why it cannot be read */
                   _("“%s”: %s"), name, local_error->message);
      return NULL;
    }

  while ((values = pl_csv_reader_read_record (reader, &line, &local_error)) != NULL)
    {
      if (sheet->header == NULL)
        {
          sheet->header = values;
          sheet->n_columns = g_strv_length (values);
          sheet->header_line = line;
          continue;
        }
      else
        {
          Row *row = g_new0 (Row, 1);

          row->line = line;
          row->values = values;
          row->n_values = g_strv_length (values);
          g_ptr_array_add (sheet->rows, row);
        }
    }
  if (local_error != NULL)
    {
      /* The reader's message names the line. */
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE, _("“%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  if (sheet->header == NULL)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE,
                   /* Translators: %s is a file name */
                   _("“%s” is empty: it needs a line of column headings and then one line a row"),
                   name);
      return NULL;
    }
  return g_steal_pointer (&sheet);
}

/* The one column headed @heading (case does not matter), -1 when there is
 * none; a second column of that heading is an error, since which one was
 * meant cannot be told. */
static gboolean
find_column (Sheet       *sheet,
             const char  *heading,
             const char  *alias,
             int         *column,
             GError     **error)
{
  *column = -1;
  for (guint i = 0; i < sheet->n_columns; i++)
    if (g_ascii_strcasecmp (sheet->header[i], heading) == 0 ||
        (alias != NULL && g_ascii_strcasecmp (sheet->header[i], alias) == 0))
      {
        if (*column >= 0)
          {
            g_autofree char *first = column_letters (*column);

            set_cell_error (error, sheet, sheet->header_line, i,
                            /* Translators: %s is a column letter */
                            _("the same heading as column %s; delete one of the two"), first);
            return FALSE;
          }
        *column = i;
      }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Languages */

/* "Español (es)", "es", "Spanish", "العربية (ar)": the code in parentheses
 * first (it is the exact one), then the whole name. */
static const char *
language_code (const char *text)
{
  const char *open = strrchr (text, '(');
  gsize length = strlen (text);

  if (open != NULL && length > 0 && text[length - 1] == ')')
    {
      g_autofree char *inside = g_strndup (open + 1, text + length - 1 - (open + 1));
      const char *code = pl_language_from_text (g_strstrip (inside));

      if (code != NULL)
        return code;
    }
  return pl_language_from_text (text);
}

/* How a language's columns are headed: "label::Español (es)". */
static char *
language_heading (const char *base,
                  const char *code)
{
  const PlLanguage *language = pl_language_lookup (code);

  if (language == NULL)
    return g_strdup_printf ("%s::%s", base, code);
  return g_strdup_printf ("%s::%s (%s)", base, language->native_name, code);
}

typedef struct
{
  int         column;
  const char *language;  /* a code; NULL for the plain column until it is known */
} LanguageColumn;

/* The columns headed @base or @base::LANGUAGE. A language Porchlight does
 * not know, or one given twice, is an error naming the column. */
static gboolean
find_language_columns (Sheet       *sheet,
                       const char  *base,
                       GArray      *columns,
                       GError     **error)
{
  gsize base_length = strlen (base);

  for (guint i = 0; i < sheet->n_columns; i++)
    {
      const char *heading = sheet->header[i];
      LanguageColumn found = { (int) i, NULL };

      if (g_ascii_strncasecmp (heading, base, base_length) != 0)
        continue;
      if (heading[base_length] == '\0')
        found.language = NULL;
      else if (g_str_has_prefix (heading + base_length, "::"))
        {
          g_autofree char *text = g_strstrip (g_strdup (heading + base_length + 2));

          found.language = language_code (text);
          if (found.language == NULL)
            {
              set_cell_error (error, sheet, sheet->header_line, i,
                              /* Translators: %s is a language as the file names it */
                              _("Porchlight does not know the language “%s”; name it like "
                                "“Español (es)” or remove the column"), text);
              return FALSE;
            }
        }
      else
        continue;

      for (guint c = 0; c < columns->len; c++)
        if (g_strcmp0 (g_array_index (columns, LanguageColumn, c).language, found.language) == 0)
          {
            g_autofree char *first = column_letters (g_array_index (columns, LanguageColumn, c).column);

            set_cell_error (error, sheet, sheet->header_line, i,
                            /* Translators: %s is a column letter */
                            _("the same language as column %s; delete one of the two"), first);
            return FALSE;
          }
      g_array_append_val (columns, found);
    }
  return TRUE;
}

/* The plain column ("label") is the default language's; it clashes with
 * a column naming that language too. */
static gboolean
resolve_plain_column (Sheet       *sheet,
                      GArray      *columns,
                      const char  *default_language,
                      GError     **error)
{
  int plain = -1;

  for (guint c = 0; c < columns->len; c++)
    if (g_array_index (columns, LanguageColumn, c).language == NULL)
      plain = c;
  if (plain < 0)
    return TRUE;
  for (guint c = 0; c < columns->len; c++)
    if (g_strcmp0 (g_array_index (columns, LanguageColumn, c).language, default_language) == 0)
      {
        LanguageColumn *column = &g_array_index (columns, LanguageColumn, c);

        set_cell_error (error, sheet, sheet->header_line, column->column,
                        /* Translators: %s is a column heading such as “label” */
                        _("the column “%s” is already in %s, the default language; delete one "
                          "of the two"), sheet->header[g_array_index (columns, LanguageColumn,
                                                                        plain).column],
                        pl_language_get_name (default_language));
        return FALSE;
      }
  g_array_index (columns, LanguageColumn, plain).language = default_language;
  return TRUE;
}

static void
add_languages (GPtrArray *languages,
               GArray    *columns)
{
  for (guint c = 0; c < columns->len; c++)
    {
      const char *language = g_array_index (columns, LanguageColumn, c).language;

      if (language != NULL && !g_ptr_array_find_with_equal_func (languages, language, g_str_equal,
                                                                  NULL))
        g_ptr_array_add (languages, (gpointer) language);
    }
}

/* ------------------------------------------------------------------------ */
/* Choices */

typedef struct
{
  char       *value;
  guint       line;
  GHashTable *labels;  /* language code → text */
} Choice;

typedef struct
{
  char      *name;
  GPtrArray *choices;  /* Choice */
} ChoiceList;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->value);
  g_hash_table_unref (choice->labels);
  g_free (choice);
}

static void
choice_list_free (gpointer data)
{
  ChoiceList *list = data;

  g_free (list->name);
  g_ptr_array_unref (list->choices);
  g_free (list);
}

static Choice *
list_find (ChoiceList *list,
           const char *value)
{
  for (guint i = 0; i < list->choices->len; i++)
    {
      Choice *choice = list->choices->pdata[i];

      if (g_str_equal (choice->value, value))
        return choice;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Reading */

typedef struct
{
  PlTextOwner  owner;
  char        *owner_id;
  const char  *field;
  const char  *language;
  char        *text;
} PendingText;

static void
pending_text_free (gpointer data)
{
  PendingText *text = data;

  g_free (text->owner_id);
  g_free (text->text);
  g_free (text);
}

typedef struct
{
  Sheet      *survey;
  Sheet      *choices;
  Sheet      *settings;

  const char *default_language;
  GPtrArray  *languages;       /* const char * codes, default first */
  GArray     *label_columns;   /* survey sheet */
  GArray     *hint_columns;
  GArray     *choice_columns;  /* choices sheet labels */
  GArray     *title_columns;   /* settings sheet */
  GArray     *description_columns;
  GArray     *instructions_columns;

  GHashTable *lists;           /* name → ChoiceList */
  GPtrArray  *texts;           /* PendingText, set once every question exists */
  GHashTable *scale_texts;     /* "agreement/1\x1fes" → text taken from a list */
  GHashTable *lines;           /* question code → GUINT_TO_POINTER (line) */

  PlSurvey   *result;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->survey, sheet_free);
  g_clear_pointer (&reader->choices, sheet_free);
  g_clear_pointer (&reader->settings, sheet_free);
  g_clear_pointer (&reader->languages, g_ptr_array_unref);
  g_clear_pointer (&reader->label_columns, g_array_unref);
  g_clear_pointer (&reader->hint_columns, g_array_unref);
  g_clear_pointer (&reader->choice_columns, g_array_unref);
  g_clear_pointer (&reader->title_columns, g_array_unref);
  g_clear_pointer (&reader->description_columns, g_array_unref);
  g_clear_pointer (&reader->instructions_columns, g_array_unref);
  g_clear_pointer (&reader->lists, g_hash_table_unref);
  g_clear_pointer (&reader->texts, g_ptr_array_unref);
  g_clear_pointer (&reader->scale_texts, g_hash_table_unref);
  g_clear_pointer (&reader->lines, g_hash_table_unref);
  g_clear_object (&reader->result);
}

static void
add_text (Reader      *reader,
          PlTextOwner  owner,
          const char  *owner_id,
          const char  *field,
          const char  *language,
          const char  *text)
{
  PendingText *pending;

  if (text == NULL || *text == '\0')
    return;
  pending = g_new0 (PendingText, 1);
  pending->owner = owner;
  pending->owner_id = g_strdup (owner_id);
  pending->field = field;
  pending->language = language;
  pending->text = g_strdup (text);
  g_ptr_array_add (reader->texts, pending);
}

/* Texts of one row in every language column. */
static void
add_row_texts (Reader      *reader,
               Row         *row,
               GArray      *columns,
               PlTextOwner  owner,
               const char  *owner_id,
               const char  *field)
{
  for (guint c = 0; c < columns->len; c++)
    {
      LanguageColumn *column = &g_array_index (columns, LanguageColumn, c);

      add_text (reader, owner, owner_id, field, column->language, cell (row, column->column));
    }
}

static int
default_column (GArray     *columns,
                const char *language)
{
  for (guint c = 0; c < columns->len; c++)
    if (g_strcmp0 (g_array_index (columns, LanguageColumn, c).language, language) == 0)
      return g_array_index (columns, LanguageColumn, c).column;
  return -1;
}

static gboolean
read_settings (Reader  *reader,
               GError **error)
{
  Sheet *sheet = reader->settings;
  int column;
  const char *text;

  if (sheet == NULL)
    return TRUE;
  if (sheet->rows->len > 1)
    {
      set_cell_error (error, sheet, ((Row *) sheet->rows->pdata[1])->line, -1,
                      _("the settings sheet has one line of values, under its headings"));
      return FALSE;
    }
  if (!find_column (sheet, "default_language", NULL, &column, error))
    return FALSE;
  text = cell (sheet->rows->len ? sheet->rows->pdata[0] : NULL, column);
  if (*text != '\0')
    {
      reader->default_language = language_code (text);
      if (reader->default_language == NULL)
        {
          set_cell_error (error, sheet, ((Row *) sheet->rows->pdata[0])->line, column,
                          _("Porchlight does not know the language “%s”; name it like "
                            "“Español (es)”"), text);
          return FALSE;
        }
    }
  return find_language_columns (sheet, "form_title", reader->title_columns, error) &&
         find_language_columns (sheet, "description", reader->description_columns, error) &&
         find_language_columns (sheet, "instructions", reader->instructions_columns, error);
}

static gboolean
read_choices (Reader  *reader,
              GError **error)
{
  Sheet *sheet = reader->choices;
  int list_column, name_column, filter_column;

  if (!find_column (sheet, "list_name", "list name", &list_column, error) ||
      !find_column (sheet, "name", NULL, &name_column, error) ||
      !find_column (sheet, "choice_filter", NULL, &filter_column, error))
    return FALSE;
  if (list_column < 0 || name_column < 0)
    {
      set_cell_error (error, sheet, sheet->header_line, -1,
                      /* Translators: keep list_name, name and label as they are */
                      _("there is no “%s” column; the choices sheet of an XLSForm has the "
                        "columns list_name, name and label"),
                      list_column < 0 ? "list_name" : "name");
      return FALSE;
    }

  for (guint r = 0; r < sheet->rows->len; r++)
    {
      Row *row = sheet->rows->pdata[r];
      const char *list_name = cell (row, list_column);
      const char *value = cell (row, name_column);
      ChoiceList *list;
      Choice *choice;

      if (*list_name == '\0')
        {
          set_cell_error (error, sheet, row->line, list_column,
                          _("the choice has no list name"));
          return FALSE;
        }
      if (*value == '\0')
        {
          set_cell_error (error, sheet, row->line, name_column,
                          _("the choice has no name (the value stored for it)"));
          return FALSE;
        }
      list = g_hash_table_lookup (reader->lists, list_name);
      if (list == NULL)
        {
          list = g_new0 (ChoiceList, 1);
          list->name = g_strdup (list_name);
          list->choices = g_ptr_array_new_with_free_func (choice_free);
          g_hash_table_insert (reader->lists, list->name, list);
        }
      if ((choice = list_find (list, value)) != NULL)
        {
          set_cell_error (error, sheet, row->line, name_column,
                          /* Translators: “4” appears twice in the list “grades” (first on line 7) */
                          _("“%s” appears twice in the list “%s” (first on line %u)"), value,
                          list_name, choice->line);
          return FALSE;
        }
      choice = g_new0 (Choice, 1);
      choice->value = g_strdup (value);
      choice->line = row->line;
      choice->labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      for (guint c = 0; c < reader->choice_columns->len; c++)
        {
          LanguageColumn *column = &g_array_index (reader->choice_columns, LanguageColumn, c);
          const char *label = cell (row, column->column);

          if (*label != '\0')
            g_hash_table_insert (choice->labels, (gpointer) column->language, g_strdup (label));
        }
      if (!g_hash_table_contains (choice->labels, reader->default_language))
        {
          set_cell_error (error, sheet, row->line,
                          default_column (reader->choice_columns, reader->default_language),
                          /* Translators: %s is a language name */
                          _("the choice has no label in %s, the survey’s default language"),
                          pl_language_get_name (reader->default_language));
          return FALSE;
        }
      g_ptr_array_add (list->choices, choice);
    }
  return TRUE;
}

/* Works out which languages there are and which is the default, from the
 * headings of all three sheets. */
static gboolean
read_languages (Reader  *reader,
                GError **error)
{
  Sheet *survey = reader->survey;
  gboolean plain_label = FALSE;

  if (!find_language_columns (survey, "label", reader->label_columns, error) ||
      !find_language_columns (survey, "hint", reader->hint_columns, error) ||
      !find_language_columns (reader->choices, "label", reader->choice_columns, error))
    return FALSE;

  for (guint c = 0; c < reader->label_columns->len; c++)
    if (g_array_index (reader->label_columns, LanguageColumn, c).language == NULL)
      plain_label = TRUE;
  if (reader->label_columns->len == 0)
    {
      set_cell_error (error, survey, survey->header_line, -1,
                      /* Translators: keep label and label::Español (es) as they are */
                      _("there is no label column; the questions’ wording goes in a column "
                        "headed label, or label::Español (es) for each language"));
      return FALSE;
    }

  /* Without a default_language setting, a form whose plain "label" column
   * holds the default texts is taken to be in English, as ODK forms of the
   * zone are; otherwise the first language column leads. */
  if (reader->default_language == NULL)
    reader->default_language = plain_label ? "en"
                                           : g_array_index (reader->label_columns, LanguageColumn,
                                                            0).language;

  if (!resolve_plain_column (survey, reader->label_columns, reader->default_language, error) ||
      !resolve_plain_column (survey, reader->hint_columns, reader->default_language, error) ||
      !resolve_plain_column (reader->choices, reader->choice_columns, reader->default_language,
                             error) ||
      (reader->settings != NULL &&
       (!resolve_plain_column (reader->settings, reader->title_columns, reader->default_language,
                               error) ||
        !resolve_plain_column (reader->settings, reader->description_columns,
                               reader->default_language, error) ||
        !resolve_plain_column (reader->settings, reader->instructions_columns,
                               reader->default_language, error))))
    return FALSE;

  if (default_column (reader->label_columns, reader->default_language) < 0)
    {
      g_autofree char *heading = language_heading ("label", reader->default_language);

      set_cell_error (error, survey, survey->header_line, -1,
                      /* Translators: first %s is a language name, second a column heading */
                      _("there is no label column in %s, the default language; add a column "
                        "“%s”"), pl_language_get_name (reader->default_language), heading);
      return FALSE;
    }

  g_ptr_array_add (reader->languages, (gpointer) reader->default_language);
  add_languages (reader->languages, reader->label_columns);
  add_languages (reader->languages, reader->hint_columns);
  add_languages (reader->languages, reader->choice_columns);
  add_languages (reader->languages, reader->title_columns);
  add_languages (reader->languages, reader->description_columns);
  add_languages (reader->languages, reader->instructions_columns);
  return TRUE;
}

/* Whether @label reads as @expected: letters alike, whatever the case,
 * accents or punctuation. */
static gboolean
label_matches (const char *label,
               const char *expected)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (label == NULL || expected == NULL)
    return FALSE;
  a = pl_normalize_text (label);
  b = pl_normalize_text (expected);
  return g_str_equal (a, b);
}

static gboolean
label_contains (const char *label,
                const char *word)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (label == NULL)
    return FALSE;
  folded = pl_normalize_text (label);
  words = g_strsplit (folded, " ", -1);
  return g_strv_contains ((const char *const *) words, word);
}

/* Does a 1–5 list read as @scale ("agreement" or "frequency")? Its labels
 * for 1 and 5 are Porchlight's own in some language, or, in English, the
 * words such scales use. */
static gboolean
list_reads_as (ChoiceList *list,
               const char *scale)
{
  Choice *low = list_find (list, "1");
  Choice *high = list_find (list, "5");
  g_autofree char *low_id = g_strdup_printf ("%s/1", scale);
  g_autofree char *high_id = g_strdup_printf ("%s/5", scale);
  GHashTableIter iter;
  gpointer language, label;
  const char *low_en, *high_en;

  g_hash_table_iter_init (&iter, low->labels);
  while (g_hash_table_iter_next (&iter, &language, &label))
    if (label_matches (label, pl_survey_builtin_scale_label (low_id, language)) &&
        label_matches (g_hash_table_lookup (high->labels, language),
                       pl_survey_builtin_scale_label (high_id, language)))
      return TRUE;

  low_en = g_hash_table_lookup (low->labels, "en");
  high_en = g_hash_table_lookup (high->labels, "en");
  if (g_str_equal (scale, "agreement"))
    return label_contains (low_en, "disagree") && label_contains (high_en, "agree");
  return label_contains (low_en, "never") && label_contains (high_en, "always");
}

/* TRUE when the list's values are exactly 1–5, maybe with "na". */
static gboolean
list_is_five_points (ChoiceList *list,
                     gboolean   *has_na)
{
  static const char *const points[] = { "1", "2", "3", "4", "5" };
  guint n = list->choices->len;

  *has_na = list_find (list, PL_ANSWER_NOT_APPLICABLE) != NULL;
  if (n != 5 + (*has_na ? 1 : 0))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (list_find (list, points[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
list_is_yes_no (ChoiceList *list)
{
  return list->choices->len == 2 && list_find (list, "yes") != NULL && list_find (list, "no") != NULL;
}

/* The labels a scale list brings for the survey's shared scale texts; FALSE
 * when they differ from those an earlier list brought for the same scale,
 * since shared labels cannot say two things (the question then stays a
 * plain single choice with its own labels). */
static gboolean
adopt_scale_labels (Reader     *reader,
                    ChoiceList *list,
                    const char *scale)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < list->choices->len; i++)
    {
      Choice *choice = list->choices->pdata[i];

      for (guint l = 0; l < reader->languages->len; l++)
        {
          const char *language = reader->languages->pdata[l];
          const char *label = g_hash_table_lookup (choice->labels, language);
          char *key = g_strdup_printf ("%s/%s\x1f%s", scale, choice->value, language);
          const char *known = g_hash_table_lookup (reader->scale_texts, key);

          if (label != NULL && known != NULL && !g_str_equal (label, known))
            {
              g_free (key);
              return FALSE;
            }
          g_ptr_array_add (keys, key);
          g_ptr_array_add (labels, (gpointer) label);
        }
    }
  for (guint i = 0; i < keys->len; i++)
    if (labels->pdata[i] != NULL)
      g_hash_table_replace (reader->scale_texts, g_strdup (keys->pdata[i]),
                            g_strdup (labels->pdata[i]));
  return TRUE;
}

/* Which kind a select_one list makes: a scale when the list surely is one
 * (Porchlight's own list names, or values and labels that say so), a
 * single choice when unsure. */
static PlQuestionKind
kind_of_list (Reader     *reader,
              ChoiceList *list,
              gboolean   *allow_na)
{
  gboolean has_na = FALSE;

  *allow_na = FALSE;
  if (list_is_yes_no (list))
    return adopt_scale_labels (reader, list, "yes-no") ? PL_QUESTION_YES_NO : PL_QUESTION_SINGLE;
  if (!list_is_five_points (list, &has_na))
    return PL_QUESTION_SINGLE;

  if (g_str_equal (list->name, LIST_AGREEMENT) || g_str_equal (list->name, LIST_AGREEMENT_NA) ||
      list_reads_as (list, "agreement"))
    {
      if (!adopt_scale_labels (reader, list, "agreement"))
        return PL_QUESTION_SINGLE;
      *allow_na = has_na;
      return PL_QUESTION_AGREEMENT;
    }
  if (g_str_equal (list->name, LIST_FREQUENCY) || g_str_equal (list->name, LIST_FREQUENCY_NA) ||
      list_reads_as (list, "frequency"))
    {
      if (!adopt_scale_labels (reader, list, "frequency"))
        return PL_QUESTION_SINGLE;
      *allow_na = has_na;
      return PL_QUESTION_FREQUENCY;
    }
  return PL_QUESTION_SINGLE;
}

static gboolean
code_is_well_formed (const char *code)
{
  if (!(g_ascii_isalpha (*code) || *code == '_'))
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return strlen (code) <= 64;
}

static gboolean
option_is_well_formed (const char *value)
{
  if (g_ascii_isdigit (*value))
    {
      for (const char *p = value; *p; p++)
        if (!(g_ascii_isalnum (*p) || *p == '_'))
          return FALSE;
      return TRUE;
    }
  return code_is_well_formed (value);
}

static gboolean
parse_required (const char *text,
                gboolean   *required)
{
  static const char *const yes[] = { "yes", "true", "true()", "1", "y", NULL };
  static const char *const no[] = { "no", "false", "false()", "0", "n", "", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *required = TRUE;
        return TRUE;
      }
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *required = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* "Family voice", "family_voice", "FAMILY-VOICE" → "family-voice". */
static const char *
parse_domain (const char *text)
{
  g_autofree char *folded = pl_normalize_text (text);
  const char *const *domains = pl_question_domains ();

  g_strdelimit (folded, " _", '-');
  for (guint i = 0; domains[i]; i++)
    if (g_str_equal (folded, domains[i]) ||
        label_matches (text, pl_question_domain_to_label (domains[i])))
      return domains[i];
  if (g_str_equal (folded, "academic") || g_str_equal (folded, "academics"))
    return "academic-support";
  if (g_str_equal (folded, "voice"))
    return "family-voice";
  if (g_str_equal (folded, "overall-satisfaction") || g_str_equal (folded, "satisfaction"))
    return "overall";
  return NULL;
}

/* ". >= 1 and . <= 10", "(. > 0)", ".<=120": a number range. Strict
 * bounds mean the next whole number for an integer, and cannot be kept for
 * a decimal. */
static gboolean
parse_constraint (const char *text,
                  gboolean    integer,
                  gboolean   *has_min,
                  double     *min,
                  gboolean   *has_max,
                  double     *max)
{
  g_autoptr(GRegex) split = g_regex_new ("\\s+and\\s+", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) part = g_regex_new ("^\\(?\\s*\\.\\s*(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*\\)?$",
                                        0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (split, text, 0);

  *has_min = *has_max = FALSE;
  for (guint i = 0; parts[i]; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *op = NULL;
      g_autofree char *number = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (parts[i]));
      double value;

      if (!g_regex_match (part, stripped, 0, &match))
        return FALSE;
      op = g_match_info_fetch (match, 1);
      number = g_match_info_fetch (match, 2);
      value = g_ascii_strtod (number, NULL);
      if ((op[0] == '>' || op[0] == '<') && op[1] == '\0')
        {
          if (!integer || value != (double) (gint64) value)
            return FALSE;
          value += op[0] == '>' ? 1 : -1;
        }
      if (op[0] == '>')
        {
          if (*has_min)
            return FALSE;
          *has_min = TRUE;
          *min = value;
        }
      else
        {
          if (*has_max)
            return FALSE;
          *has_max = TRUE;
          *max = value;
        }
    }
  return *has_min || *has_max;
}

typedef struct
{
  int type, name, required, relevant, constraint, appearance, domain;
  int choice_filter, calculation, repeat_count;
} SurveyColumns;

static gboolean
find_survey_columns (Sheet          *sheet,
                     SurveyColumns  *columns,
                     GError        **error)
{
  if (!find_column (sheet, "type", NULL, &columns->type, error) ||
      !find_column (sheet, "name", NULL, &columns->name, error) ||
      !find_column (sheet, "required", NULL, &columns->required, error) ||
      !find_column (sheet, "relevant", NULL, &columns->relevant, error) ||
      !find_column (sheet, "constraint", NULL, &columns->constraint, error) ||
      !find_column (sheet, "appearance", NULL, &columns->appearance, error) ||
      !find_column (sheet, "domain", NULL, &columns->domain, error) ||
      !find_column (sheet, "choice_filter", NULL, &columns->choice_filter, error) ||
      !find_column (sheet, "calculation", NULL, &columns->calculation, error) ||
      !find_column (sheet, "repeat_count", NULL, &columns->repeat_count, error))
    return FALSE;

  if (columns->type < 0 || columns->name < 0)
    {
      int list_name = -1;

      find_column (sheet, "list_name", "list name", &list_name, NULL);
      if (list_name >= 0)
        set_cell_error (error, sheet, sheet->header_line, -1,
                        _("this is a choices sheet (it has a list_name column); the survey "
                          "sheet comes first, the choices sheet second"));
      else
        set_cell_error (error, sheet, sheet->header_line, -1,
                        /* Translators: keep type, name and label as they are */
                        _("there is no “%s” column; the survey sheet of an XLSForm has the "
                          "columns type, name and label"),
                        columns->type < 0 ? "type" : "name");
      return FALSE;
    }
  return TRUE;
}

/* "${q} = 'v'", "selected(${q}, 'v')": the question's name and the value. */
static gboolean
parse_relevant (const char  *text,
                char       **code,
                char       **value)
{
  static const char *const patterns[] = {
    "^\\s*\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*\\}\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\"|(-?[0-9]+))\\s*$",
    "^\\s*selected\\s*\\(\\s*\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*\\}\\s*,\\s*(?:'([^']*)'|\"([^\"]*)\"|(-?[0-9]+))\\s*\\)\\s*$",
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (patterns[i], 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, text, 0, &match))
        {
          *code = g_match_info_fetch (match, 1);
          for (guint group = 2; group <= 4; group++)
            {
              int start = -1, end = -1;

              if (g_match_info_fetch_pos (match, group, &start, &end) && start >= 0)
                {
                  *value = g_match_info_fetch (match, group);
                  return TRUE;
                }
            }
          g_clear_pointer (code, g_free);
        }
    }
  return FALSE;
}

static gboolean
read_question (Reader         *reader,
               SurveyColumns  *columns,
               Row            *row,
               GError        **error)
{
  Sheet *sheet = reader->survey;
  g_autofree char *type_text = g_strdup (cell (row, columns->type));
  g_auto(GStrv) type = NULL;
  g_autoptr(PlQuestion) question = NULL;
  const char *name = cell (row, columns->name);
  const char *relevant = cell (row, columns->relevant);
  const char *constraint = cell (row, columns->constraint);
  const char *appearance = cell (row, columns->appearance);
  const char *domain_text = cell (row, columns->domain);
  const char *id;
  ChoiceList *list = NULL;
  PlQuestionKind kind;
  gboolean allow_na = FALSE, required = FALSE;
  guint n_words;

  /* Words of the type, whatever spaces a spreadsheet put between them. */
  g_strdelimit (type_text, "\t", ' ');
  type = g_strsplit (g_strstrip (type_text), " ", -1);
  {
    guint kept = 0;

    for (guint i = 0; type[i]; i++)
      {
        if (*type[i] == '\0')
          g_free (type[i]);
        else
          type[kept++] = type[i];
      }
    type[kept] = NULL;
    n_words = kept;
  }

  if (n_words == 0)
    {
      set_cell_error (error, sheet, row->line, columns->type,
                      _("the row has no type; give one such as select_one LIST, integer or text"));
      return FALSE;
    }
  for (guint i = 0; type[i]; i++)
    {
      char *lower = g_ascii_strdown (type[i], -1);

      /* List names keep their case; the keywords do not have one. */
      if (i == 0 || (i == 1 && g_str_equal (type[0], "begin")) ||
          (i == 1 && g_str_equal (type[0], "end")))
        {
          g_free (type[i]);
          type[i] = lower;
        }
      else
        g_free (lower);
    }

  if (n_words == 1 && g_strv_contains (metadata_types, type[0]))
    return TRUE;
  if ((n_words == 2 && (g_str_equal (type[0], "begin") || g_str_equal (type[0], "end")) &&
       g_str_equal (type[1], "group")) ||
      (n_words == 1 && (g_str_equal (type[0], "begin_group") || g_str_equal (type[0], "end_group"))))
    {
      /* A group only gathers questions on a phone's screen; with a
       * condition it would skip them all, which questions here cannot
       * inherit. */
      if (*relevant != '\0')
        {
          set_cell_error (error, sheet, row->line, columns->relevant,
                          _("a group with a condition is not supported; put the condition on "
                            "each of its questions"));
          return FALSE;
        }
      return TRUE;
    }

  if ((g_str_equal (type[0], "select_one") || g_str_equal (type[0], "select_multiple")) &&
      n_words == 2)
    {
      list = g_hash_table_lookup (reader->lists, type[1]);
      if (list == NULL)
        {
          set_cell_error (error, sheet, row->line, columns->type,
                          /* Translators: first %s is a list name, second a file name */
                          _("there is no list “%s” in “%s”"), type[1], reader->choices->name);
          return FALSE;
        }
      if (g_str_equal (type[0], "select_multiple"))
        kind = PL_QUESTION_MULTIPLE;
      else
        kind = kind_of_list (reader, list, &allow_na);
    }
  else if ((g_str_equal (type[0], "select_one") || g_str_equal (type[0], "select_multiple")) &&
           n_words == 3 && g_ascii_strcasecmp (type[2], "or_other") == 0)
    {
      set_cell_error (error, sheet, row->line, columns->type,
                      _("“or_other” is not supported; add a choice “other” and a text question "
                        "after it"));
      return FALSE;
    }
  else if (n_words == 1 && (g_str_equal (type[0], "integer") || g_str_equal (type[0], "int") ||
                            g_str_equal (type[0], "decimal")))
    kind = PL_QUESTION_NUMBER;
  else if (n_words == 1 && (g_str_equal (type[0], "text") || g_str_equal (type[0], "string")))
    {
      g_auto(GStrv) appearances = g_strsplit (appearance, " ", -1);

      kind = g_strv_contains ((const char *const *) appearances, "multiline")
               ? PL_QUESTION_LONG_TEXT : PL_QUESTION_SHORT_TEXT;
    }
  else if (n_words == 1 && g_str_equal (type[0], "note"))
    {
      set_cell_error (error, sheet, row->line, columns->type,
                      _("notes are not supported, since a note has no answer to key; put its "
                        "text in a question’s hint or in the instructions of the settings sheet"));
      return FALSE;
    }
  else
    {
      set_cell_error (error, sheet, row->line, columns->type,
                      /* Translators: %s is a question type from the file; keep select_one
                       * LIST, select_multiple LIST, integer, decimal and text as they are */
                      _("Porchlight cannot print and key questions of the type “%s”; it takes "
                        "select_one LIST, select_multiple LIST, integer, decimal and text"),
                      cell (row, columns->type));
      return FALSE;
    }

  if (*cell (row, columns->choice_filter) != '\0')
    {
      set_cell_error (error, sheet, row->line, columns->choice_filter,
                      _("choice filters are not supported: a paper form shows every choice"));
      return FALSE;
    }
  if (*cell (row, columns->calculation) != '\0' || *cell (row, columns->repeat_count) != '\0')
    {
      set_cell_error (error, sheet, row->line,
                      *cell (row, columns->calculation) ? columns->calculation
                                                        : columns->repeat_count,
                      _("calculations and repeats are not supported on a paper form"));
      return FALSE;
    }

  /* Name */
  if (*name == '\0')
    {
      set_cell_error (error, sheet, row->line, columns->name, _("the question has no name"));
      return FALSE;
    }
  if (!code_is_well_formed (name))
    {
      set_cell_error (error, sheet, row->line, columns->name,
                      _("“%s” cannot be a question’s name: use letters, digits and _, starting "
                        "with a letter, at most 64 of them"), name);
      return FALSE;
    }
  if (g_hash_table_contains (reader->lines, name))
    {
      set_cell_error (error, sheet, row->line, columns->name,
                      /* Translators: %s is a question name, %u a line number */
                      _("“%s” is already the name of the question on line %u"), name,
                      GPOINTER_TO_UINT (g_hash_table_lookup (reader->lines, name)));
      return FALSE;
    }

  question = pl_question_new (kind);
  id = pl_question_get_id (question);
  pl_question_set_code (question, name);
  pl_question_set_allow_na (question, allow_na);

  /* Wording */
  if (*cell (row, default_column (reader->label_columns, reader->default_language)) == '\0')
    {
      set_cell_error (error, sheet, row->line,
                      default_column (reader->label_columns, reader->default_language),
                      /* Translators: %s is a language name */
                      _("the question has no label in %s, the survey’s default language"),
                      pl_language_get_name (reader->default_language));
      return FALSE;
    }
  add_row_texts (reader, row, reader->label_columns, PL_TEXT_OWNER_QUESTION, id, "text");
  add_row_texts (reader, row, reader->hint_columns, PL_TEXT_OWNER_QUESTION, id, "hint");

  /* Options of a choice question: values in the list's order, each label
   * the question's own. */
  if (kind == PL_QUESTION_SINGLE || kind == PL_QUESTION_MULTIPLE)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_null_terminated (list->choices->len, NULL, TRUE);

      if (list->choices->len < 2 || list->choices->len > 9)
        {
          set_cell_error (error, sheet, row->line, columns->type,
                          /* Translators: %s is a list name, %u how many choices it has */
                          _("the list “%s” has %u choices; a question on paper takes 2 to 9, "
                            "one key each"), list->name, list->choices->len);
          return FALSE;
        }
      for (guint i = 0; i < list->choices->len; i++)
        {
          Choice *choice = list->choices->pdata[i];
          g_autofree char *owner_id = g_strdup_printf ("%s/%s", id, choice->value);
          GHashTableIter iter;
          gpointer language, label;
          int name_column = -1;

          if (!option_is_well_formed (choice->value))
            {
              find_column (reader->choices, "name", NULL, &name_column, NULL);
              set_cell_error (error, reader->choices, choice->line, name_column,
                              _("“%s” cannot be a choice’s name: use letters, digits and _"),
                              choice->value);
              return FALSE;
            }
          g_ptr_array_add (values, choice->value);
          g_hash_table_iter_init (&iter, choice->labels);
          while (g_hash_table_iter_next (&iter, &language, &label))
            add_text (reader, PL_TEXT_OWNER_OPTION, owner_id, "label", language, label);
        }
      pl_question_set_options (question, (const char *const *) values->pdata);
    }

  /* Required */
  if (!parse_required (cell (row, columns->required), &required))
    {
      set_cell_error (error, sheet, row->line, columns->required,
                      _("“%s” is neither yes nor no"), cell (row, columns->required));
      return FALSE;
    }
  pl_question_set_required (question, required);

  /* Domain */
  if (*domain_text != '\0')
    {
      const char *domain = parse_domain (domain_text);

      if (domain == NULL)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) pl_question_domains ());

          set_cell_error (error, sheet, row->line, columns->domain,
                          /* Translators: first %s is what the file says, second a list of codes */
                          _("“%s” is not a domain; use one of %s"), domain_text, known);
          return FALSE;
        }
      pl_question_set_domain (question, domain);
    }

  /* Range */
  if (*constraint != '\0')
    {
      gboolean has_min, has_max;
      double min = 0, max = 0;

      if (kind != PL_QUESTION_NUMBER)
        {
          set_cell_error (error, sheet, row->line, columns->constraint,
                          _("only number questions can have a constraint (their range)"));
          return FALSE;
        }
      if (!parse_constraint (constraint, !g_str_equal (type[0], "decimal"), &has_min, &min,
                             &has_max, &max))
        {
          set_cell_error (error, sheet, row->line, columns->constraint,
                          _("only a number range such as “. >= 1 and . <= 10” is understood, "
                            "not “%s”"), constraint);
          return FALSE;
        }
      if (has_min && has_max && min > max)
        {
          set_cell_error (error, sheet, row->line, columns->constraint,
                          _("the range’s lowest number is above its highest"));
          return FALSE;
        }
      pl_question_set_range (question, has_min, min, has_max, max);
    }

  /* Skip rule: questions only depend on earlier ones, so the question it
   * names is already read. */
  if (*relevant != '\0')
    {
      g_autofree char *code = NULL;
      g_autofree char *value = NULL;
      PlQuestion *rule_question;
      g_auto(GStrv) values = NULL;

      if (!parse_relevant (relevant, &code, &value))
        {
          set_cell_error (error, sheet, row->line, columns->relevant,
                          /* Translators: keep ${question} = 'value' and selected(${question},
                           * 'value') as they are */
                          _("only a condition such as ${question} = 'value' or "
                            "selected(${question}, 'value') is understood, not “%s”"), relevant);
          return FALSE;
        }
      rule_question = pl_survey_find_question_by_code (reader->result, code);
      if (rule_question == NULL)
        {
          set_cell_error (error, sheet, row->line, columns->relevant,
                          _("no question before this one is named “%s”"), code);
          return FALSE;
        }
      values = pl_question_dup_values (rule_question);
      if (values == NULL || !g_strv_contains ((const char *const *) values, value))
        {
          set_cell_error (error, sheet, row->line, columns->relevant,
                          /* Translators: “q4” has no answer “maybe” */
                          _("the question “%s” has no answer “%s”"), code, value);
          return FALSE;
        }
      pl_question_set_skip_rule (question, pl_question_get_id (rule_question), value);
    }

  g_hash_table_insert (reader->lines, g_strdup (name), GUINT_TO_POINTER (row->line));
  pl_survey_insert_question (reader->result, -1, question);
  return TRUE;
}

static void
apply_texts (Reader *reader)
{
  PlSurvey *survey = reader->result;
  GHashTableIter iter;
  gpointer key, value;

  /* The default language's texts first: a translation records the text it
   * was made from, and is current only if that text is already there. */
  g_hash_table_iter_init (&iter, reader->scale_texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);

      if (g_str_equal (parts[1], reader->default_language))
        pl_survey_set_text (survey, PL_TEXT_OWNER_SCALE, parts[0], "label", parts[1], value);
    }
  for (guint i = 0; i < reader->texts->len; i++)
    {
      PendingText *text = reader->texts->pdata[i];

      if (g_str_equal (text->language, reader->default_language))
        pl_survey_set_text (survey, text->owner, text->owner_id, text->field, text->language,
                            text->text);
    }

  g_hash_table_iter_init (&iter, reader->scale_texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);

      if (!g_str_equal (parts[1], reader->default_language))
        pl_survey_set_text (survey, PL_TEXT_OWNER_SCALE, parts[0], "label", parts[1], value);
    }
  for (guint i = 0; i < reader->texts->len; i++)
    {
      PendingText *text = reader->texts->pdata[i];

      if (!g_str_equal (text->language, reader->default_language))
        pl_survey_set_text (survey, text->owner, text->owner_id, text->field, text->language,
                            text->text);
    }
}

static gboolean
read_survey_texts (Reader  *reader,
                   GError **error)
{
  Sheet *sheet = reader->settings;
  Row *row = sheet && sheet->rows->len ? sheet->rows->pdata[0] : NULL;
  const char *id = pl_survey_get_id (reader->result);
  int column;

  if (row == NULL)
    return TRUE;
  add_row_texts (reader, row, reader->title_columns, PL_TEXT_OWNER_SURVEY, id, "title");
  add_row_texts (reader, row, reader->description_columns, PL_TEXT_OWNER_SURVEY, id,
                 "description");
  add_row_texts (reader, row, reader->instructions_columns, PL_TEXT_OWNER_SURVEY, id,
                 "instructions");
  if (!find_column (sheet, "term", NULL, &column, error))
    return FALSE;
  pl_survey_set_term (reader->result, cell (row, column));
  return TRUE;
}

/* A form with no form_title still needs a title to be saved: its form_id,
 * or failing that a plain one, which the editor shows for changing. */
static void
ensure_title (Reader *reader)
{
  PlSurvey *survey = reader->result;
  Row *row = reader->settings && reader->settings->rows->len ? reader->settings->rows->pdata[0]
                                                              : NULL;
  int column = -1;

  if (pl_survey_get_title (survey) != NULL)
    return;
  if (row != NULL)
    find_column (reader->settings, "form_id", NULL, &column, NULL);
  if (*cell (row, column) != '\0')
    pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title",
                        reader->default_language, cell (row, column));
  else
    pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title",
                        reader->default_language, _("Imported survey"));
}

/**
 * pl_xlsform_read_bytes:
 * @survey_name: what messages call the survey sheet's file
 * @settings: (nullable): the settings sheet, if there is one
 *
 * Returns: (transfer full): a new, valid survey, or %NULL with @error set
 *   (PL_SURVEY_ERROR_BAD_FILE, naming the file, line and column)
 */
PlSurvey *
pl_xlsform_read_bytes (const char  *survey_name,
                       GBytes      *survey,
                       const char  *choices_name,
                       GBytes      *choices,
                       const char  *settings_name,
                       GBytes      *settings,
                       GError     **error)
{
  Reader reader = { 0 };
  SurveyColumns columns;
  g_autoptr(GError) invalid = NULL;
  PlSurvey *result = NULL;

  g_return_val_if_fail (survey_name != NULL && survey != NULL, NULL);
  g_return_val_if_fail (choices_name != NULL && choices != NULL, NULL);

  reader.languages = g_ptr_array_new ();
  reader.label_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.hint_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.choice_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.title_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.description_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.instructions_columns = g_array_new (FALSE, FALSE, sizeof (LanguageColumn));
  reader.lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, choice_list_free);
  reader.texts = g_ptr_array_new_with_free_func (pending_text_free);
  reader.scale_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((reader.survey = read_sheet (survey_name, survey, error)) == NULL ||
      (reader.choices = read_sheet (choices_name, choices, error)) == NULL ||
      (settings != NULL &&
       (reader.settings = read_sheet (settings_name ? settings_name : "settings.csv", settings,
                                      error)) == NULL))
    goto out;

  if (!find_survey_columns (reader.survey, &columns, error) ||
      !read_settings (&reader, error) ||
      !read_languages (&reader, error) ||
      !read_choices (&reader, error))
    goto out;

  reader.result = pl_survey_new (reader.default_language);
  for (guint i = 1; i < reader.languages->len; i++)
    pl_survey_add_language (reader.result, reader.languages->pdata[i]);
  if (!read_survey_texts (&reader, error))
    goto out;

  for (guint r = 0; r < reader.survey->rows->len; r++)
    if (!read_question (&reader, &columns, reader.survey->rows->pdata[r], error))
      goto out;
  if (pl_survey_get_n_questions (reader.result) == 0)
    {
      set_cell_error (error, reader.survey, reader.survey->header_line, -1,
                      _("the survey sheet has no questions"));
      goto out;
    }

  apply_texts (&reader);
  ensure_title (&reader);

  /* What is left for the survey's own check (nothing, when the reading
   * above is right) is still the file's fault. */
  if (!pl_survey_validate (reader.result, &invalid))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE, _("“%s”: %s"),
                   reader.survey->name, invalid->message);
      goto out;
    }
  result = g_steal_pointer (&reader.result);

out:
  reader_clear (&reader);
  return result;
}

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE,
                   /* Translators: first %s is a file name, second the system's reason */
                   _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/**
 * pl_xlsform_read:
 * @settings_path: (nullable): the settings sheet, if there is one
 *
 * Returns: (transfer full): a new, valid survey, or %NULL with @error set
 */
PlSurvey *
pl_xlsform_read (const char  *survey_path,
                 const char  *choices_path,
                 const char  *settings_path,
                 GError     **error)
{
  g_autoptr(GBytes) survey = NULL;
  g_autoptr(GBytes) choices = NULL;
  g_autoptr(GBytes) settings = NULL;
  g_autofree char *survey_name = NULL;
  g_autofree char *choices_name = NULL;
  g_autofree char *settings_name = NULL;

  g_return_val_if_fail (survey_path != NULL && choices_path != NULL, NULL);

  if ((survey = read_file (survey_path, error)) == NULL ||
      (choices = read_file (choices_path, error)) == NULL ||
      (settings_path != NULL && (settings = read_file (settings_path, error)) == NULL))
    return NULL;

  survey_name = g_filename_display_basename (survey_path);
  choices_name = g_filename_display_basename (choices_path);
  settings_name = settings_path ? g_filename_display_basename (settings_path) : NULL;
  return pl_xlsform_read_bytes (survey_name, survey, choices_name, choices, settings_name,
                                settings, error);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;
  PlSurvey *survey = pl_xlsform_read (paths[0], paths[1], paths[2], &error);

  if (survey == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, survey, g_object_unref);
}

void
pl_xlsform_read_async (const char          *survey_path,
                       const char          *choices_path,
                       const char          *settings_path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char **paths = g_new0 (char *, 4);

  g_return_if_fail (survey_path != NULL && choices_path != NULL);

  g_task_set_source_tag (task, pl_xlsform_read_async);
  paths[0] = g_strdup (survey_path);
  paths[1] = g_strdup (choices_path);
  paths[2] = g_strdup (settings_path);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_thread);
}

/**
 * pl_xlsform_read_finish:
 *
 * Returns: (transfer full): the survey, or %NULL with @error set
 */
PlSurvey *
pl_xlsform_read_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The file name with its last "survey", "choices" or "settings" (any case)
 * swapped for @word in the same case. */
static char *
swap_sheet_word (const char *name,
                 const char *word)
{
  static const char *const words[] = { "survey", "choices", "settings" };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const char *found = NULL;
  gsize found_length = 0;
  g_autofree char *replacement = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *at = g_strrstr (lower, words[i]);

      if (at != NULL && (found == NULL || at > found))
        {
          found = at;
          found_length = strlen (words[i]);
        }
    }
  if (found == NULL)
    return NULL;

  {
    const char *original = name + (found - lower);

    if (g_ascii_isupper (original[0]) && g_ascii_isupper (original[1]))
      replacement = g_ascii_strup (word, -1);
    else if (g_ascii_isupper (original[0]))
      {
        replacement = g_strdup (word);
        replacement[0] = g_ascii_toupper (replacement[0]);
      }
    else
      replacement = g_strdup (word);
    return g_strdup_printf ("%.*s%s%s", (int) (original - name), name, replacement,
                            original + found_length);
  }
}

/**
 * pl_xlsform_find_sheets:
 * @path: one of a form's CSV files
 * @survey_path: (out) (transfer full) (optional): the survey sheet's file
 * @choices_path: (out) (transfer full) (optional): the choices sheet's file
 * @settings_path: (out) (transfer full) (optional) (nullable): the settings
 *   sheet's file, or %NULL
 *
 * Returns: %TRUE when survey and choices files were found
 */
gboolean
pl_xlsform_find_sheets (const char  *path,
                        char       **survey_path,
                        char       **choices_path,
                        char       **settings_path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  static const char *const words[] = { "survey", "choices", "settings" };
  char *found[3] = { NULL, NULL, NULL };
  gboolean complete;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *swapped = swap_sheet_word (name, words[i]);
      g_autofree char *candidate = swapped ? g_build_filename (directory, swapped, NULL) : NULL;

      if (candidate != NULL && g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        found[i] = g_steal_pointer (&candidate);
    }
  complete = found[0] != NULL && found[1] != NULL;
  if (survey_path)
    *survey_path = g_steal_pointer (&found[0]);
  if (choices_path)
    *choices_path = g_steal_pointer (&found[1]);
  if (settings_path)
    *settings_path = g_steal_pointer (&found[2]);
  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    g_free (found[i]);
  return complete;
}

/* ------------------------------------------------------------------------ */
/* Writing */

static void
append_row (GString   *out,
            GPtrArray *values)
{
  pl_csv_append_record (out, (const char *const *) values->pdata, values->len);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

/* The list a question's answers are written as. Scales share Porchlight's
 * lists; a choice question has its own, named after it. */
static char *
list_name_for (PlQuestion *question,
               GHashTable *used_names)
{
  gboolean na = pl_question_get_allow_na (question);
  char *name;

  switch (pl_question_get_kind (question))
    {
    case PL_QUESTION_AGREEMENT:
      return g_strdup (na ? LIST_AGREEMENT_NA : LIST_AGREEMENT);
    case PL_QUESTION_FREQUENCY:
      return g_strdup (na ? LIST_FREQUENCY_NA : LIST_FREQUENCY);
    case PL_QUESTION_YES_NO:
      return g_strdup (LIST_YES_NO);
    case PL_QUESTION_SINGLE:
    case PL_QUESTION_MULTIPLE:
      /* A question may be named like one of the scale lists. */
      name = g_strdup (pl_question_get_code (question));
      while (g_hash_table_contains (used_names, name) || g_str_equal (name, LIST_AGREEMENT) ||
             g_str_equal (name, LIST_AGREEMENT_NA) || g_str_equal (name, LIST_FREQUENCY) ||
             g_str_equal (name, LIST_FREQUENCY_NA) || g_str_equal (name, LIST_YES_NO))
        {
          char *longer = g_strconcat (name, "_choices", NULL);

          g_free (name);
          name = longer;
        }
      return name;
    case PL_QUESTION_NUMBER:
    case PL_QUESTION_SHORT_TEXT:
    case PL_QUESTION_LONG_TEXT:
    default:
      return NULL;
    }
}

static gboolean
has_field (PlSurvey    *survey,
           PlTextOwner  owner,
           const char  *field)
{
  const char *const *languages = pl_survey_get_languages (survey);

  for (guint i = 0; languages[i]; i++)
    {
      if (owner == PL_TEXT_OWNER_SURVEY &&
          pl_survey_get_own_text (survey, owner, pl_survey_get_id (survey), field, languages[i]))
        return TRUE;
      if (owner == PL_TEXT_OWNER_QUESTION)
        for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
          if (pl_survey_get_own_text (survey, owner,
                                      pl_question_get_id (pl_survey_get_question (survey, q)),
                                      field, languages[i]))
            return TRUE;
    }
  return FALSE;
}

static const char *
own_text (PlSurvey    *survey,
          PlTextOwner  owner,
          const char  *owner_id,
          const char  *field,
          const char  *language)
{
  const char *text = pl_survey_get_own_text (survey, owner, owner_id, field, language);

  return text ? text : "";
}

static char *
write_survey_sheet (PlSurvey   *survey,
                    GHashTable *list_names)
{
  const char *const *languages = pl_survey_get_languages (survey);
  gboolean hints = has_field (survey, PL_TEXT_OWNER_QUESTION, "hint");
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_ptr_array_add (header, g_strdup ("type"));
  g_ptr_array_add (header, g_strdup ("name"));
  for (guint l = 0; languages[l]; l++)
    g_ptr_array_add (header, language_heading ("label", languages[l]));
  for (guint l = 0; hints && languages[l]; l++)
    g_ptr_array_add (header, language_heading ("hint", languages[l]));
  g_ptr_array_add (header, g_strdup ("required"));
  g_ptr_array_add (header, g_strdup ("relevant"));
  g_ptr_array_add (header, g_strdup ("constraint"));
  g_ptr_array_add (header, g_strdup ("appearance"));
  g_ptr_array_add (header, g_strdup ("domain"));
  append_row (out, header);

  for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
    {
      PlQuestion *question = pl_survey_get_question (survey, q);
      PlQuestionKind kind = pl_question_get_kind (question);
      const char *id = pl_question_get_id (question);
      const char *list = g_hash_table_lookup (list_names, id);
      const char *rule_id = pl_question_get_skip_question_id (question);
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
      double min, max;
      gboolean has_min, has_max;

      switch (kind)
        {
        case PL_QUESTION_MULTIPLE:
          g_ptr_array_add (row, g_strdup_printf ("select_multiple %s", list));
          break;
        case PL_QUESTION_AGREEMENT:
        case PL_QUESTION_FREQUENCY:
        case PL_QUESTION_YES_NO:
        case PL_QUESTION_SINGLE:
          g_ptr_array_add (row, g_strdup_printf ("select_one %s", list));
          break;
        case PL_QUESTION_NUMBER:
          /* Porchlight's numbers take decimals. */
          g_ptr_array_add (row, g_strdup ("decimal"));
          break;
        case PL_QUESTION_SHORT_TEXT:
        case PL_QUESTION_LONG_TEXT:
        default:
          g_ptr_array_add (row, g_strdup ("text"));
          break;
        }
      g_ptr_array_add (row, g_strdup (pl_question_get_code (question)));
      for (guint l = 0; languages[l]; l++)
        g_ptr_array_add (row, g_strdup (own_text (survey, PL_TEXT_OWNER_QUESTION, id, "text",
                                                  languages[l])));
      for (guint l = 0; hints && languages[l]; l++)
        g_ptr_array_add (row, g_strdup (own_text (survey, PL_TEXT_OWNER_QUESTION, id, "hint",
                                                  languages[l])));
      g_ptr_array_add (row, g_strdup (pl_question_get_required (question) ? "yes" : ""));

      if (rule_id != NULL)
        {
          PlQuestion *rule_question = pl_survey_find_question (survey, rule_id);
          const char *code = rule_question ? pl_question_get_code (rule_question) : "";

          if (rule_question && pl_question_get_kind (rule_question) == PL_QUESTION_MULTIPLE)
            g_ptr_array_add (row, g_strdup_printf ("selected(${%s}, '%s')", code,
                                                   pl_question_get_skip_value (question)));
          else
            g_ptr_array_add (row, g_strdup_printf ("${%s} = '%s'", code,
                                                   pl_question_get_skip_value (question)));
        }
      else
        g_ptr_array_add (row, g_strdup (""));

      if (kind == PL_QUESTION_NUMBER &&
          pl_question_get_range (question, &min, &has_min, &max, &has_max))
        {
          g_autofree char *low = format_number (min);
          g_autofree char *high = format_number (max);

          if (has_min && has_max)
            g_ptr_array_add (row, g_strdup_printf (". >= %s and . <= %s", low, high));
          else if (has_min)
            g_ptr_array_add (row, g_strdup_printf (". >= %s", low));
          else
            g_ptr_array_add (row, g_strdup_printf (". <= %s", high));
        }
      else
        g_ptr_array_add (row, g_strdup (""));

      g_ptr_array_add (row, g_strdup (kind == PL_QUESTION_LONG_TEXT ? "multiline" : ""));
      g_ptr_array_add (row, g_strdup (pl_question_get_domain (question)
                                        ? pl_question_get_domain (question) : ""));
      append_row (out, row);
    }
  return g_string_free (out, FALSE);
}

static char *
write_choices_sheet (PlSurvey   *survey,
                     GHashTable *list_names)
{
  const char *const *languages = pl_survey_get_languages (survey);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new (NULL);

  g_ptr_array_add (header, g_strdup ("list_name"));
  g_ptr_array_add (header, g_strdup ("name"));
  for (guint l = 0; languages[l]; l++)
    g_ptr_array_add (header, language_heading ("label", languages[l]));
  append_row (out, header);

  for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
    {
      PlQuestion *question = pl_survey_get_question (survey, q);
      PlQuestionKind kind = pl_question_get_kind (question);
      const char *list = g_hash_table_lookup (list_names, pl_question_get_id (question));
      g_auto(GStrv) values = pl_question_dup_values (question);

      if (list == NULL || !g_hash_table_add (written, (gpointer) list))
        continue;
      for (guint v = 0; values && values[v]; v++)
        {
          g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *owner_id = NULL;
          PlTextOwner owner;

          if (pl_question_kind_is_scale (kind))
            {
              owner = PL_TEXT_OWNER_SCALE;
              owner_id = g_strdup_printf ("%s/%s", pl_question_kind_to_code (kind), values[v]);
            }
          else
            {
              owner = PL_TEXT_OWNER_OPTION;
              owner_id = g_strdup_printf ("%s/%s", pl_question_get_id (question), values[v]);
            }
          g_ptr_array_add (row, g_strdup (list));
          g_ptr_array_add (row, g_strdup (values[v]));
          for (guint l = 0; languages[l]; l++)
            g_ptr_array_add (row, g_strdup (own_text (survey, owner, owner_id, "label",
                                                      languages[l])));
          append_row (out, row);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
write_settings_sheet (PlSurvey *survey)
{
  const char *const *languages = pl_survey_get_languages (survey);
  const char *id = pl_survey_get_id (survey);
  const char *default_language = pl_survey_get_default_language (survey);
  static const char *const fields[] = { "description", "instructions" };
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  /* ODK reads form_title in the default language; Porchlight's own columns
   * carry the other languages and the texts ODK has no place for. */
  g_ptr_array_add (header, g_strdup ("form_title"));
  g_ptr_array_add (row, g_strdup (own_text (survey, PL_TEXT_OWNER_SURVEY, id, "title",
                                            default_language)));
  g_ptr_array_add (header, g_strdup ("form_id"));
  if (pl_survey_get_number (survey) > 0)
    g_ptr_array_add (row, g_strdup_printf ("porchlight_s%u_v%u", pl_survey_get_number (survey),
                                           pl_survey_get_version (survey)));
  else
    g_ptr_array_add (row, g_strdup_printf ("porchlight_survey_v%u", pl_survey_get_version (survey)));
  g_ptr_array_add (header, g_strdup ("version"));
  g_ptr_array_add (row, g_strdup_printf ("%u", pl_survey_get_version (survey)));
  g_ptr_array_add (header, g_strdup ("default_language"));
  {
    const PlLanguage *language = pl_language_lookup (default_language);

    g_ptr_array_add (row, language ? g_strdup_printf ("%s (%s)", language->native_name,
                                                      default_language)
                                   : g_strdup (default_language));
  }
  for (guint l = 1; languages[l]; l++)
    {
      g_ptr_array_add (header, language_heading ("form_title", languages[l]));
      g_ptr_array_add (row, g_strdup (own_text (survey, PL_TEXT_OWNER_SURVEY, id, "title",
                                                languages[l])));
    }
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      if (!has_field (survey, PL_TEXT_OWNER_SURVEY, fields[f]))
        continue;
      for (guint l = 0; languages[l]; l++)
        {
          g_ptr_array_add (header, language_heading (fields[f], languages[l]));
          g_ptr_array_add (row, g_strdup (own_text (survey, PL_TEXT_OWNER_SURVEY, id, fields[f],
                                                    languages[l])));
        }
    }
  g_ptr_array_add (header, g_strdup ("term"));
  g_ptr_array_add (row, g_strdup (pl_survey_get_term (survey) ? pl_survey_get_term (survey) : ""));
  append_row (out, header);
  append_row (out, row);
  return g_string_free (out, FALSE);
}

/**
 * pl_xlsform_write_strings:
 * @survey_csv: (out) (transfer full): the survey sheet
 * @choices_csv: (out) (transfer full): the choices sheet
 * @settings_csv: (out) (transfer full): the settings sheet
 */
void
pl_xlsform_write_strings (PlSurvey  *survey,
                          char     **survey_csv,
                          char     **choices_csv,
                          char     **settings_csv)
{
  g_autoptr(GHashTable) list_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (PL_IS_SURVEY (survey));

  for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
    {
      PlQuestion *question = pl_survey_get_question (survey, q);
      char *name = list_name_for (question, used);

      if (name == NULL)
        continue;
      if (!pl_question_kind_is_scale (pl_question_get_kind (question)))
        g_hash_table_add (used, name);
      g_hash_table_insert (list_names, (gpointer) pl_question_get_id (question), name);
    }

  if (survey_csv)
    *survey_csv = write_survey_sheet (survey, list_names);
  if (choices_csv)
    *choices_csv = write_choices_sheet (survey, list_names);
  if (settings_csv)
    *settings_csv = write_settings_sheet (survey);
}

/**
 * pl_xlsform_write:
 * @directory: where survey.csv, choices.csv and settings.csv go
 *
 * Returns: %TRUE when all three files were written
 */
gboolean
pl_xlsform_write (PlSurvey    *survey,
                  const char  *directory,
                  GError     **error)
{
  static const char *const names[] = { "survey.csv", "choices.csv", "settings.csv" };
  g_autofree char *survey_csv = NULL;
  g_autofree char *choices_csv = NULL;
  g_autofree char *settings_csv = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: first %s is a folder, second the system's reason */
                   _("Could not create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  pl_xlsform_write_strings (survey, &survey_csv, &choices_csv, &settings_csv);
  {
    const char *contents[3] = { survey_csv, choices_csv, settings_csv };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (directory, names[i], NULL);
        g_autoptr(GError) local_error = NULL;

        if (!g_file_set_contents (path, contents[i], -1, &local_error))
          {
            g_set_error (error, local_error->domain, local_error->code,
                         /* Translators: first %s is a file name, second the system's reason */
                         _("Could not write “%s”: %s"), names[i], local_error->message);
            return FALSE;
          }
      }
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The demo survey */

PlSurvey *
pl_xlsform_load_demo_survey (GError **error)
{
  GResource *resource = pl_surveys_get_resource ();
  g_autoptr(GBytes) survey = NULL;
  g_autoptr(GBytes) choices = NULL;
  g_autoptr(GBytes) settings = NULL;

  survey = g_resource_lookup_data (resource, DEMO_RESOURCE_PATH "survey.csv", 0, error);
  if (survey == NULL)
    return NULL;
  choices = g_resource_lookup_data (resource, DEMO_RESOURCE_PATH "choices.csv", 0, error);
  if (choices == NULL)
    return NULL;
  settings = g_resource_lookup_data (resource, DEMO_RESOURCE_PATH "settings.csv", 0, error);
  if (settings == NULL)
    return NULL;
  return pl_xlsform_read_bytes ("survey.csv", survey, "choices.csv", choices, "settings.csv",
                                settings, error);
}

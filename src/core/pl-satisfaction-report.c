/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pl-csv.h"
#include "pl-languages.h"
#include "pl-question.h"
#include "pl-satisfaction-report.h"

G_DEFINE_QUARK (pl-satisfaction-report-error-quark, pl_satisfaction_report_error)

static const char *const report_languages[] = { "en", "es", NULL };

const char *const *
pl_satisfaction_report_get_languages (void)
{
  return report_languages;
}

/* "es" for "es", "es_US.UTF-8", "es@euro"; "en" for "C". */
static char *
language_code_of (const char *name)
{
  gsize length = strcspn (name, "_.@");

  if (length == 0 || g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return g_strdup ("en");
  return g_ascii_strdown (name, length);
}

const char *
pl_satisfaction_report_get_default_language (void)
{
  const char *const *names = g_get_language_names ();
  g_autofree char *first = names[0] ? language_code_of (names[0]) : NULL;

  return g_strcmp0 (first, "es") == 0 ? "es" : "en";
}

/* Translation catalogs
 *
 * gettext translates into the process's language, chosen by the locale
 * and LANGUAGE, which are global: switching them for a report would
 * change the window's language on the main thread at the same moment,
 * and glibc only honours a thread's own locale (uselocale) when that
 * locale is installed and LANGUAGE is unset. A report therefore reads the
 * compiled catalog of its language itself: the .mo file is a sorted table
 * of original and translated strings (GNU gettext manual, "The Format of
 * GNU MO Files"), read once per report into a hash table that nothing
 * else touches. The messages are the ones xgettext extracts from this
 * file, so translators see them like any other. */

typedef enum
{
  CATALOG_PROCESS,  /* the process's own language, through gettext */
  CATALOG_SOURCE,   /* English: the messages as written */
  CATALOG_FILE,     /* a language's .mo file */
} CatalogKind;

typedef struct
{
  const char *text;    /* forms separated by NUL */
  guint32     length;  /* of all the forms */
} Translation;

typedef struct
{
  CatalogKind  kind;
  char        *language;   /* for survey texts and option labels: "en", "es" */
  char        *data;
  GHashTable  *strings;    /* original ("context\004msgid" or msgid) → Translation */
  GArray      *translations;
  char        *plural;     /* the header's plural expression */
  gulong       n_plurals;
} Catalog;

static void
catalog_free (Catalog *catalog)
{
  g_free (catalog->language);
  g_free (catalog->data);
  g_clear_pointer (&catalog->strings, g_hash_table_unref);
  g_clear_pointer (&catalog->translations, g_array_unref);
  g_free (catalog->plural);
  g_free (catalog);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalog, catalog_free)

static guint32
read_u32 (const char *data,
          gsize       offset,
          gboolean    swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Whether data[offset, offset + length] is inside the file and ends with
 * the NUL every string of a .mo file has. */
static gboolean
string_fits (gsize   size,
             const char *data,
             guint32 offset,
             guint32 length)
{
  return (gsize) offset + length < size && data[(gsize) offset + length] == '\0';
}

static void
read_plural_forms (Catalog    *catalog,
                   const char *header)
{
  const char *line = strstr (header, "Plural-Forms:");
  const char *n_plurals, *plural;
  gsize length;

  if (line == NULL)
    return;
  n_plurals = strstr (line, "nplurals=");
  plural = strstr (line, "plural=");
  /* "nplurals=" also contains "plural=": take the one after it. */
  if (plural != NULL && n_plurals != NULL && plural == n_plurals + 1)
    plural = strstr (n_plurals + 9, "plural=");
  if (n_plurals == NULL || plural == NULL)
    return;
  catalog->n_plurals = strtoul (n_plurals + 9, NULL, 10);
  plural += 7;
  length = strcspn (plural, ";\n");
  catalog->plural = g_strndup (plural, length);
}

/* Reads the .mo file at @path; FALSE when it is missing or not one. */
static gboolean
catalog_read (Catalog    *catalog,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  guint32 magic, revision, n, originals, translations;
  gboolean swap;

  if (!g_file_get_contents (path, &catalog->data, &size, &error))
    {
      g_debug ("No report catalog at %s: %s", path, error->message);
      return FALSE;
    }
  if (size < 28)
    return FALSE;
  magic = read_u32 (catalog->data, 0, FALSE);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return FALSE;
  revision = read_u32 (catalog->data, 4, swap);
  n = read_u32 (catalog->data, 8, swap);
  originals = read_u32 (catalog->data, 12, swap);
  translations = read_u32 (catalog->data, 16, swap);
  /* Major revisions 0 and 1 share the tables read here. */
  if ((revision >> 16) > 1 ||
      (guint64) originals + 8 * (guint64) n > size ||
      (guint64) translations + 8 * (guint64) n > size)
    return FALSE;

  catalog->strings = g_hash_table_new (g_str_hash, g_str_equal);
  catalog->translations = g_array_sized_new (FALSE, FALSE, sizeof (Translation), n);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 original_length = read_u32 (catalog->data, originals + 8 * i, swap);
      guint32 original_offset = read_u32 (catalog->data, originals + 8 * i + 4, swap);
      guint32 length = read_u32 (catalog->data, translations + 8 * i, swap);
      guint32 offset = read_u32 (catalog->data, translations + 8 * i + 4, swap);
      Translation translation;

      if (!string_fits (size, catalog->data, original_offset, original_length) ||
          !string_fits (size, catalog->data, offset, length))
        return FALSE;
      translation.text = catalog->data + offset;
      translation.length = length;
      g_array_append_val (catalog->translations, translation);
    }
  for (guint32 i = 0; i < n; i++)
    {
      guint32 original_offset = read_u32 (catalog->data, originals + 8 * i + 4, swap);
      const char *original = catalog->data + original_offset;

      /* A plural entry's original is "singular\0plural": it is found by
       * its singular, as a C string. */
      g_hash_table_insert (catalog->strings, (gpointer) original,
                           &g_array_index (catalog->translations, Translation, i));
      if (*original == '\0')
        read_plural_forms (catalog, g_array_index (catalog->translations, Translation, i).text);
    }
  return TRUE;
}

/* Where gettext finds Porchlight's catalogs in this process (tests and
 * relocated installs bind the domain elsewhere). */
static char *
catalog_directory (void)
{
  const char *bound = bindtextdomain (GETTEXT_PACKAGE, NULL);

  return g_strdup (bound ? bound : LOCALEDIR);
}

/* The catalog for @language: NULL for the process's language, "en" for
 * the messages as written, "es" from its .mo file under @directory (the
 * messages as written when it is not installed). */
static Catalog *
catalog_new (const char  *language,
             const char  *directory,
             GError     **error)
{
  g_autoptr(Catalog) catalog = g_new0 (Catalog, 1);

  if (language == NULL)
    {
      const char *const *names = g_get_language_names ();

      catalog->kind = CATALOG_PROCESS;
      catalog->language = language_code_of (names[0] ? names[0] : "C");
      return g_steal_pointer (&catalog);
    }
  if (!g_strv_contains (report_languages, language))
    {
      g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID,
                   /* Translators: %s is a language code someone gave, such as "fr" */
                   _("Reports are written in English (en) or Spanish (es), not “%s”"), language);
      return NULL;
    }
  catalog->kind = CATALOG_SOURCE;
  catalog->language = g_strdup (language);
  if (!g_str_equal (language, "en"))
    {
      g_autofree char *own = directory ? NULL : catalog_directory ();
      g_autofree char *file = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
      g_autofree char *path = g_build_filename (directory ? directory : own, language,
                                                "LC_MESSAGES", file, NULL);

      if (catalog_read (catalog, path))
        catalog->kind = CATALOG_FILE;
      else
        {
          g_clear_pointer (&catalog->data, g_free);
          g_clear_pointer (&catalog->strings, g_hash_table_unref);
          g_clear_pointer (&catalog->translations, g_array_unref);
          g_clear_pointer (&catalog->plural, g_free);
        }
    }
  return g_steal_pointer (&catalog);
}

/* Plural forms: the C expression of the catalog's header ("n != 1",
 * "n==1 ? 0 : n%10>=2 && … ? 1 : 2"), evaluated for one n. */

typedef struct
{
  const char *p;
  gulong      n;
  gboolean    ok;
} PluralParser;

static gulong plural_conditional (PluralParser *parser);

static void
plural_skip (PluralParser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static gboolean
plural_accept (PluralParser *parser,
               const char   *token)
{
  gsize length = strlen (token);

  plural_skip (parser);
  if (strncmp (parser->p, token, length) != 0)
    return FALSE;
  /* "<" is not "<=", "!" is not "!=". */
  if (length == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!') && parser->p[1] == '=')
    return FALSE;
  parser->p += length;
  return TRUE;
}

static gulong
plural_primary (PluralParser *parser)
{
  gulong value;

  plural_skip (parser);
  if (plural_accept (parser, "("))
    {
      value = plural_conditional (parser);
      if (!plural_accept (parser, ")"))
        parser->ok = FALSE;
      return value;
    }
  if (*parser->p == 'n')
    {
      parser->p++;
      return parser->n;
    }
  if (g_ascii_isdigit (*parser->p))
    {
      char *end;

      value = strtoul (parser->p, &end, 10);
      parser->p = end;
      return value;
    }
  parser->ok = FALSE;
  return 0;
}

static gulong
plural_unary (PluralParser *parser)
{
  if (plural_accept (parser, "!"))
    return !plural_unary (parser);
  return plural_primary (parser);
}

static gulong
plural_product (PluralParser *parser)
{
  gulong value = plural_unary (parser);

  while (parser->ok)
    {
      if (plural_accept (parser, "*"))
        value *= plural_unary (parser);
      else if (plural_accept (parser, "/") || plural_accept (parser, "%"))
        {
          gboolean modulo = parser->p[-1] == '%';
          gulong right = plural_unary (parser);

          if (right == 0)
            {
              parser->ok = FALSE;
              return 0;
            }
          value = modulo ? value % right : value / right;
        }
      else
        break;
    }
  return value;
}

static gulong
plural_sum (PluralParser *parser)
{
  gulong value = plural_product (parser);

  while (parser->ok)
    {
      if (plural_accept (parser, "+"))
        value += plural_product (parser);
      else if (plural_accept (parser, "-"))
        value -= plural_product (parser);
      else
        break;
    }
  return value;
}

static gulong
plural_relation (PluralParser *parser)
{
  gulong value = plural_sum (parser);

  while (parser->ok)
    {
      if (plural_accept (parser, "<="))
        value = value <= plural_sum (parser);
      else if (plural_accept (parser, ">="))
        value = value >= plural_sum (parser);
      else if (plural_accept (parser, "<"))
        value = value < plural_sum (parser);
      else if (plural_accept (parser, ">"))
        value = value > plural_sum (parser);
      else
        break;
    }
  return value;
}

static gulong
plural_equality (PluralParser *parser)
{
  gulong value = plural_relation (parser);

  while (parser->ok)
    {
      if (plural_accept (parser, "=="))
        value = value == plural_relation (parser);
      else if (plural_accept (parser, "!="))
        value = value != plural_relation (parser);
      else
        break;
    }
  return value;
}

static gulong
plural_and (PluralParser *parser)
{
  gulong value = plural_equality (parser);

  while (parser->ok && plural_accept (parser, "&&"))
    {
      gulong right = plural_equality (parser);

      value = value && right;
    }
  return value;
}

static gulong
plural_or (PluralParser *parser)
{
  gulong value = plural_and (parser);

  while (parser->ok && plural_accept (parser, "||"))
    {
      gulong right = plural_and (parser);

      value = value || right;
    }
  return value;
}

static gulong
plural_conditional (PluralParser *parser)
{
  gulong condition = plural_or (parser);

  if (parser->ok && plural_accept (parser, "?"))
    {
      gulong yes = plural_conditional (parser);
      gulong no;

      if (!plural_accept (parser, ":"))
        {
          parser->ok = FALSE;
          return 0;
        }
      no = plural_conditional (parser);
      return condition ? yes : no;
    }
  return condition;
}

/* Which plural form of the catalog's language suits @n. */
static gulong
catalog_plural_index (Catalog *catalog,
                      gulong   n)
{
  PluralParser parser = { catalog->plural, n, TRUE };
  gulong index;

  if (catalog->plural == NULL)
    return n == 1 ? 0 : 1;
  index = plural_conditional (&parser);
  plural_skip (&parser);
  if (!parser.ok || *parser.p != '\0' || index >= MAX (catalog->n_plurals, 1))
    return n == 1 ? 0 : 1;
  return index;
}

static const Translation *
catalog_lookup (Catalog    *catalog,
                const char *original)
{
  if (catalog->kind != CATALOG_FILE)
    return NULL;
  return g_hash_table_lookup (catalog->strings, original);
}

/* _() in the catalog's language. */
static const char *
tr (Catalog    *catalog,
    const char *message)
{
  const Translation *translation;

  if (catalog->kind == CATALOG_PROCESS)
    return g_dgettext (GETTEXT_PACKAGE, message);
  translation = catalog_lookup (catalog, message);
  return translation ? translation->text : message;
}

/* C_() in the catalog's language. */
static const char *
trc (Catalog    *catalog,
     const char *context,
     const char *message)
{
  g_autofree char *key = NULL;
  const Translation *translation;

  if (catalog->kind == CATALOG_PROCESS)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, message);
  if (catalog->kind == CATALOG_SOURCE)
    return message;
  key = g_strconcat (context, "\004", message, NULL);
  translation = catalog_lookup (catalog, key);
  return translation ? translation->text : message;
}

/* ngettext() in the catalog's language. */
static const char *
trn (Catalog    *catalog,
     const char *singular,
     const char *plural,
     gulong      n)
{
  const Translation *translation = catalog_lookup (catalog, singular);
  const char *form, *end;

  if (catalog->kind == CATALOG_PROCESS)
    return g_dngettext (GETTEXT_PACKAGE, singular, plural, n);
  if (translation == NULL)
    return n == 1 ? singular : plural;
  form = translation->text;
  end = translation->text + translation->length;
  for (gulong i = catalog_plural_index (catalog, n); i > 0 && form < end; i--)
    form += strlen (form) + 1;
  return form < end ? form : translation->text;
}

/* Words and numbers */

/* "fewer than 10": what a suppressed figure says instead of a number.
 * Both branches name the same messages: g_dngettext() is the call
 * xgettext finds, and the process's language uses. */
static char *
fewer_than (Catalog *catalog,
            guint    minimum)
{
  const char *format;

  if (catalog->kind == CATALOG_PROCESS)
    /* Translators: said instead of a figure about too few families to
     * show; %u is the district's minimum, always 5 or more */
    format = g_dngettext (GETTEXT_PACKAGE, "fewer than %u", "fewer than %u", minimum);
  else
    format = trn (catalog, "fewer than %u", "fewer than %u", minimum);
  return g_strdup_printf (format, minimum);
}

/* @value with @decimals decimals and the language's decimal separator. */
static char *
format_decimal (Catalog *catalog,
                double   value,
                int      decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  /* Translators: the decimal separator of numbers in reports: "." in
   * English ("72.5%"); "," where numbers are written "72,5" */
  const char *separator = trc (catalog, "decimal separator", NC_("decimal separator", "."));
  GString *out;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  out = g_string_new (NULL);
  for (const char *p = buffer; *p; p++)
    if (*p == '.')
      g_string_append (out, separator);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A percentage of 0–100, or a range of two, as the language writes it. */
static char *
format_percent_text (Catalog    *catalog,
                     const char *number)
{
  /* Translators: how a percentage is written in reports; %s is the
   * number ("72.5"). Spanish usually puts a space: "%s %%" */
  return g_strdup_printf (trc (catalog, "percent", NC_("percent", "%s%%")), number);
}

static char *
format_percent (Catalog *catalog,
                double   value)
{
  g_autofree char *number = format_decimal (catalog, value, 1);

  return format_percent_text (catalog, number);
}

static char *
format_interval (Catalog *catalog,
                 double   low,
                 double   high)
{
  g_autofree char *from = format_decimal (catalog, low, 1);
  g_autofree char *to = format_decimal (catalog, high, 1);
  g_autofree char *range = g_strdup_printf ("%s–%s", from, to);

  return format_percent_text (catalog, range);
}

/* A count with the language's thousands separator: "1,234". */
static char *
format_count (Catalog *catalog,
              guint    n)
{
  /* Translators: the thousands separator in reports' counts ("1,234") */
  const char *separator = trc (catalog, "thousands separator", NC_("thousands separator", ","));
  g_autofree char *digits = g_strdup_printf ("%u", n);
  gsize length = strlen (digits);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* "Fall 2025" for "2025-fall"; a term in another form as it is. */
static char *
term_label (Catalog    *catalog,
            const char *term)
{
  char *rest;
  guint64 year;
  const char *format = NULL;

  if (term == NULL)
    return g_strdup ("");
  year = g_ascii_strtoull (term, &rest, 10);
  if (rest == term || year < 1900 || year > 9999)
    return g_strdup (term);
  while (*rest == '-' || *rest == ' ')
    rest++;
  /* Translators: a school term in reports; %s is its year */
  if (g_ascii_strcasecmp (rest, "winter") == 0)
    format = tr (catalog, N_("Winter %s"));
  /* Translators: a school term in reports; %s is its year */
  else if (g_ascii_strcasecmp (rest, "spring") == 0)
    format = tr (catalog, N_("Spring %s"));
  /* Translators: a school term in reports; %s is its year */
  else if (g_ascii_strcasecmp (rest, "summer") == 0)
    format = tr (catalog, N_("Summer %s"));
  /* Translators: a school term in reports; %s is its year */
  else if (g_ascii_strcasecmp (rest, "fall") == 0 || g_ascii_strcasecmp (rest, "autumn") == 0)
    format = tr (catalog, N_("Fall %s"));
  if (format == NULL)
    return g_strdup (term);
  {
    g_autofree char *year_text = g_strdup_printf ("%" G_GUINT64_FORMAT, year);

    return g_strdup_printf (format, year_text);
  }
}

/* The domains' names: the same messages as pl_question_domain_to_label(),
 * which translates into the process's language only. */
static const struct
{
  const char *code;
  const char *label;
} domain_labels[] = {
  { "welcoming", N_("Welcoming") },
  { "communication", N_("Communication") },
  { "family-voice", N_("Family voice") },
  { "academic-support", N_("Academic support") },
  { "overall", N_("Overall satisfaction") },
  { "demographics", N_("Demographics") },
  { "other", N_("Other") },
};

/* What a scope measures: a question's wording, a domain, or "Overall". */
static const char *
measure_label (Catalog                   *catalog,
               PlSatisfaction            *satisfaction,
               const PlSatisfactionScope *scope)
{
  if (scope->question_code != NULL)
    {
      const char *text = pl_satisfaction_get_question_text (satisfaction, scope->question_code,
                                                            catalog->language);

      return text ? text : scope->question_code;
    }
  if (scope->domain == NULL)
    /* Translators: every domain's questions pooled into one figure */
    return tr (catalog, N_("Overall"));
  for (guint i = 0; i < G_N_ELEMENTS (domain_labels); i++)
    if (g_str_equal (domain_labels[i].code, scope->domain))
      return tr (catalog, domain_labels[i].label);
  return pl_question_domain_to_label (scope->domain);
}

static const char *
school_label (Catalog        *catalog,
              PlSatisfaction *satisfaction,
              const char     *school_id)
{
  const char *name;

  if (school_id == NULL)
    return tr (catalog, N_("Whole zone"));
  name = pl_satisfaction_get_school_name (satisfaction, school_id);
  /* The figures name a school no longer on the roster in the process's
   * language. */
  if (name != NULL && g_str_equal (name, g_dgettext (GETTEXT_PACKAGE, "Former school")))
    return tr (catalog, N_("Former school"));
  return name ? name : school_id;
}

/* A breakdown's group in the catalog's language (the figures name the
 * fixed ones in the process's). */
static const char *
group_label (Catalog                    *catalog,
             const PlSatisfactionFigure *figure,
             PlGroupBy                   group_by)
{
  if (figure->group == NULL)
    return tr (catalog, N_("All responses"));
  if (*figure->group == '\0')
    return group_by == PL_GROUP_BY_QUESTION ? tr (catalog, N_("Not answered"))
                                            : tr (catalog, N_("Language not recorded"));
  if (group_by == PL_GROUP_BY_FORM_LANGUAGE)
    {
      const PlLanguage *language = pl_language_lookup (figure->group);

      if (language != NULL)
        return tr (catalog, language->name);
    }
  return figure->label ? figure->label : figure->group;
}

static const char *
language_name (Catalog    *catalog,
               const char *code)
{
  const PlLanguage *language = pl_language_lookup (code);

  if (code == NULL || *code == '\0')
    return tr (catalog, N_("Language not recorded"));
  return language ? tr (catalog, language->name) : code;
}

/* Checks */

static gboolean
check_term (PlSatisfaction  *satisfaction,
            const char      *term,
            GError         **error)
{
  const char *const *terms = pl_satisfaction_get_terms (satisfaction);
  g_autofree char *known = NULL;

  if (term != NULL && g_strv_contains (terms, term))
    return TRUE;
  known = g_strjoinv (", ", (char **) terms);
  if (*known == '\0')
    g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID,
                 /* Translators: %s is a school term someone gave, such as "2025-fall" */
                 _("The survey has no term “%s”: it has no terms yet"), term ? term : "");
  else
    g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID,
                 /* Translators: the first %s is a term someone gave, the second a
                  * list of the survey's terms ("2025-fall, 2026-spring") */
                 _("The survey has no term “%s”; its terms are %s"), term ? term : "", known);
  return FALSE;
}

static gboolean
check_school (PlSatisfaction  *satisfaction,
              const char      *school_id,
              GError         **error)
{
  if (school_id == NULL || pl_satisfaction_get_school_name (satisfaction, school_id) != NULL)
    return TRUE;
  g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID,
               /* Translators: %s is a school's ID someone gave */
               _("No school with the ID “%s” has families or responses"), school_id);
  return FALSE;
}

/* The term before @term with figures, or NULL. */
static const char *
previous_term (PlSatisfaction *satisfaction,
               const char     *term)
{
  const char *const *terms = pl_satisfaction_get_terms (satisfaction);

  for (guint i = 1; terms[i]; i++)
    if (g_str_equal (terms[i], term))
      return terms[i - 1];
  return NULL;
}

/* Figures as every export shows them */

static gboolean
shown (const PlSatisfactionFigure *figure)
{
  return figure != NULL && !figure->suppressed && figure->n > 0;
}

static void
hide (PlSatisfactionFigure *figure)
{
  figure->suppressed = TRUE;
  figure->n = figure->n_answers = figure->n_favorable = 0;
  figure->percent = figure->low = figure->high = figure->mean = 0;
}

/* The figure of a school (NULL: the zone) for a measure in @term, as the
 * dashboard shows it beside the other schools: hidden when the
 * suppression across the schools hides it. A school's figures are always
 * taken so, in every export, so that no two of them together reveal
 * what one of them hides (a school's report showing what the zone's
 * hides to protect its neighbour). */
static PlSatisfactionFigure *
school_figure (PlSatisfaction *satisfaction,
               const char     *term,
               const char     *school_id,
               const char     *domain,
               const char     *question)
{
  PlSatisfactionScope scope = { term, NULL, domain, question };
  g_autoptr(GPtrArray) set = pl_satisfaction_by_school (satisfaction, &scope);

  for (guint i = 0; i < set->len; i++)
    if (g_strcmp0 (((PlSatisfactionFigure *) set->pdata[i])->group, school_id) == 0)
      return g_ptr_array_steal_index (set, i);
  return g_new0 (PlSatisfactionFigure, 1);
}

/* The figure before @term and the change since then, marked (+1, -1)
 * only when both figures are shown and their intervals part. Sets
 * *@before to NULL when @term is the first. */
static int
school_change (PlSatisfaction              *satisfaction,
               const char                  *term,
               const char                  *school_id,
               const char                  *domain,
               const char                  *question,
               const PlSatisfactionFigure  *now,
               PlSatisfactionFigure       **before)
{
  PlSatisfactionScope scope = { term, school_id, domain, question };
  const char *previous = previous_term (satisfaction, term);
  g_autoptr(PlSatisfactionFigure) unused = NULL;
  int change = 0;

  *before = NULL;
  if (previous == NULL)
    return 0;
  *before = school_figure (satisfaction, previous, school_id, domain, question);
  unused = pl_satisfaction_compare_previous (satisfaction, &scope, &change);
  return shown (*before) && shown (now) ? change : 0;
}

/* pl_satisfaction_breakdown(), with every group hidden when the scope's
 * own total is hidden beside the other schools (see school_figure()). */
static GPtrArray *
school_breakdown (PlSatisfaction            *satisfaction,
                  const PlSatisfactionScope *scope,
                  PlGroupBy                  group_by,
                  const char                *group_question,
                  const char                *label_language)
{
  g_autoptr(PlSatisfactionFigure) total =
    school_figure (satisfaction, scope->term, scope->school_id, scope->domain,
                   scope->question_code);
  GPtrArray *figures = pl_satisfaction_breakdown (satisfaction, scope, group_by, group_question,
                                                  label_language);

  if (total->suppressed)
    for (guint i = 0; i < figures->len; i++)
      hide (figures->pdata[i]);
  return figures;
}

/* CSV */

/* Numbers for spreadsheets: C format, whatever the language. */
static char *
csv_number (double value,
            int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, decimals == 2 ? "%.2f" : "%.1f", value);
  return g_strdup (buffer);
}

typedef struct
{
  GPtrArray *values;  /* char*, one record being built */
  GString   *out;
} CsvWriter;

static void
csv_add (CsvWriter  *writer,
         const char *value)
{
  g_ptr_array_add (writer->values, g_strdup (value ? value : ""));
}

static void
csv_take (CsvWriter *writer,
          char      *value)
{
  g_ptr_array_add (writer->values, value);
}

static void
csv_end_record (CsvWriter *writer)
{
  pl_csv_append_record (writer->out, (const char *const *) writer->values->pdata,
                        writer->values->len);
  g_ptr_array_set_size (writer->values, 0);
}

static void
csv_writer_init (CsvWriter *writer)
{
  writer->values = g_ptr_array_new_with_free_func (g_free);
  writer->out = g_string_new (NULL);
}

static char *
csv_writer_finish (CsvWriter *writer)
{
  g_ptr_array_unref (writer->values);
  return g_string_free (writer->out, FALSE);
}

/* The figure's cells: n, percent favorable, low, high, mean. A suppressed
 * figure says "fewer than N" where n and the percentage would be, and
 * leaves the rest empty; a scope nobody answered has n 0 and no figure. */
static void
csv_add_figure (CsvWriter                  *writer,
                Catalog                    *catalog,
                const PlSatisfactionFigure *figure,
                guint                       minimum)
{
  if (figure == NULL || (!figure->suppressed && figure->n == 0))
    {
      csv_add (writer, figure ? "0" : "");
      for (guint i = 0; i < 4; i++)
        csv_add (writer, "");
      return;
    }
  if (figure->suppressed)
    {
      csv_take (writer, fewer_than (catalog, minimum));
      csv_take (writer, fewer_than (catalog, minimum));
      for (guint i = 0; i < 3; i++)
        csv_add (writer, "");
      return;
    }
  csv_take (writer, g_strdup_printf ("%u", figure->n));
  csv_take (writer, csv_number (figure->percent, 1));
  csv_take (writer, csv_number (figure->low, 1));
  csv_take (writer, csv_number (figure->high, 1));
  csv_take (writer, csv_number (figure->mean, 2));
}

static void
csv_add_figure_headers (CsvWriter *writer,
                        Catalog   *catalog)
{
  /* Translators: a CSV column: how many families a figure counts */
  csv_add (writer, tr (catalog, N_("Families counted (n)")));
  csv_add (writer, tr (catalog, N_("Percent favorable")));
  /* xgettext:no-c-format */
  csv_add (writer, tr (catalog, N_("95% interval, low")));
  /* xgettext:no-c-format */
  csv_add (writer, tr (catalog, N_("95% interval, high")));
  /* Translators: a CSV column: the average answer on the 1–5 scale */
  csv_add (writer, tr (catalog, N_("Mean (1–5)")));
}

/* Responses, families enrolled, response rate, representative. */
static void
csv_add_rate (CsvWriter      *writer,
              Catalog        *catalog,
              PlSatisfaction *satisfaction,
              const char     *school_id,
              const char     *term)
{
  guint responses = 0, enrolled = 0;
  gboolean under = FALSE;
  double rate = pl_satisfaction_response_rate (satisfaction, school_id, term, &responses,
                                               &enrolled, &under);

  csv_take (writer, g_strdup_printf ("%u", responses));
  csv_take (writer, g_strdup_printf ("%u", enrolled));
  csv_take (writer, rate >= 0 ? csv_number (100 * rate, 1) : g_strdup (""));
  if (rate < 0)
    csv_add (writer, "");
  else
    csv_add (writer, under ? trc (catalog, "representative", NC_("representative", "No"))
                           : trc (catalog, "representative", NC_("representative", "Yes")));
}

static void
csv_add_rate_headers (CsvWriter *writer,
                      Catalog   *catalog)
{
  /* Translators: a CSV column: forms returned in the term */
  csv_add (writer, tr (catalog, N_("Responses")));
  csv_add (writer, tr (catalog, N_("Families enrolled")));
  csv_add (writer, tr (catalog, N_("Response rate")));
  /* Translators: a CSV column; its values are Yes, or No when the
   * response rate is under the district's floor */
  csv_add (writer, tr (catalog, N_("Representative")));
}

static const char *
change_text (Catalog                    *catalog,
             const PlSatisfactionFigure *before,
             const PlSatisfactionFigure *now,
             int                         change)
{
  if (before == NULL)
    return "";
  if (before->suppressed || now->suppressed || before->n == 0 || now->n == 0)
    /* Translators: a change since the previous term that cannot be told,
     * as one of the figures is hidden or missing */
    return tr (catalog, N_("Not comparable"));
  if (change > 0)
    /* Translators: percent favorable rose beyond the noise since the previous term */
    return trc (catalog, "change", NC_("change", "Up"));
  if (change < 0)
    return trc (catalog, "change", NC_("change", "Down"));
  /* Translators: the intervals of the two terms overlap */
  return tr (catalog, N_("No clear change"));
}

char *
pl_satisfaction_report_schools_csv (PlSatisfaction  *satisfaction,
                                    const char      *term,
                                    const char      *school_id,
                                    const char      *language,
                                    GError         **error)
{
  g_autoptr(Catalog) catalog = NULL;
  g_autoptr(GPtrArray) measures = g_ptr_array_new ();         /* const char* domain, NULL first */
  g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *term_text = NULL;
  const char *previous;
  guint minimum;
  CsvWriter writer;

  g_return_val_if_fail (PL_IS_SATISFACTION (satisfaction), NULL);

  if (!check_term (satisfaction, term, error) || !check_school (satisfaction, school_id, error) ||
      !(catalog = catalog_new (language, NULL, error)))
    return NULL;
  minimum = pl_satisfaction_get_minimum_cell_size (satisfaction);
  previous = previous_term (satisfaction, term);
  term_text = term_label (catalog, term);

  /* Each measure across the schools, as the dashboard shows them: the
   * suppression holds across the set of schools, in both terms. */
  g_ptr_array_add (measures, NULL);
  for (const char *const *domain = pl_satisfaction_get_domains (satisfaction); *domain; domain++)
    g_ptr_array_add (measures, (gpointer) *domain);
  for (guint m = 0; m < measures->len; m++)
    {
      PlSatisfactionScope scope = { term, NULL, measures->pdata[m], NULL };
      PlSatisfactionScope earlier = { previous, NULL, measures->pdata[m], NULL };

      g_ptr_array_add (now, pl_satisfaction_by_school (satisfaction, &scope));
      g_ptr_array_add (before,
                       previous ? pl_satisfaction_by_school (satisfaction, &earlier) : NULL);
    }

  csv_writer_init (&writer);
  /* Translators: a CSV column: the school term, such as "Fall 2025" */
  csv_add (&writer, tr (catalog, N_("Term")));
  csv_add (&writer, tr (catalog, N_("School")));
  /* Translators: a CSV column: what a figure is about (a domain, "Overall", a question) */
  csv_add (&writer, tr (catalog, N_("Measure")));
  csv_add_figure_headers (&writer, catalog);
  csv_add_rate_headers (&writer, catalog);
  csv_add (&writer, tr (catalog, N_("Previous term")));
  /* Translators: a CSV column: percent favorable in the previous term */
  csv_add (&writer, tr (catalog, N_("Previous percent favorable")));
  /* Translators: a CSV column: Up, Down, No clear change, Not comparable */
  csv_add (&writer, tr (catalog, N_("Change")));
  csv_end_record (&writer);

  {
    GPtrArray *first = now->pdata[0];

    for (guint s = 0; s < first->len; s++)
      {
        const char *id = ((PlSatisfactionFigure *) first->pdata[s])->group;

        if (school_id != NULL && g_strcmp0 (id, school_id) != 0)
          continue;
        for (guint m = 0; m < measures->len; m++)
          {
            PlSatisfactionScope scope = { term, id, measures->pdata[m], NULL };
            const PlSatisfactionFigure *figure = ((GPtrArray *) now->pdata[m])->pdata[s];
            const PlSatisfactionFigure *earlier =
              before->pdata[m] ? ((GPtrArray *) before->pdata[m])->pdata[s] : NULL;
            g_autoptr(PlSatisfactionFigure) unused = NULL;
            int change = 0;

            if (earlier != NULL)
              unused = pl_satisfaction_compare_previous (satisfaction, &scope, &change);
            csv_add (&writer, term_text);
            csv_add (&writer, school_label (catalog, satisfaction, id));
            csv_add (&writer, measure_label (catalog, satisfaction, &scope));
            csv_add_figure (&writer, catalog, figure, minimum);
            csv_add_rate (&writer, catalog, satisfaction, id, term);
            if (earlier == NULL)
              {
                csv_add (&writer, "");
                csv_add (&writer, "");
              }
            else
              {
                csv_take (&writer, term_label (catalog, previous));
                if (earlier->suppressed)
                  csv_take (&writer, fewer_than (catalog, minimum));
                else if (earlier->n == 0)
                  csv_add (&writer, "");
                else
                  csv_take (&writer, csv_number (earlier->percent, 1));
              }
            csv_add (&writer, change_text (catalog, earlier, figure, change));
            csv_end_record (&writer);
          }
      }
  }
  return csv_writer_finish (&writer);
}

char *
pl_satisfaction_report_breakdown_csv (PlSatisfaction             *satisfaction,
                                      const PlSatisfactionScope  *scope,
                                      PlGroupBy                   group_by,
                                      const char                 *group_question,
                                      const char                 *language,
                                      GError                    **error)
{
  g_autoptr(Catalog) catalog = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *term_text = NULL;
  const char *grouped_by;
  guint minimum;
  CsvWriter writer;

  g_return_val_if_fail (PL_IS_SATISFACTION (satisfaction), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if (!check_term (satisfaction, scope->term, error) ||
      !check_school (satisfaction, scope->school_id, error) ||
      !(catalog = catalog_new (language, NULL, error)))
    return NULL;
  minimum = pl_satisfaction_get_minimum_cell_size (satisfaction);
  term_text = term_label (catalog, scope->term);
  figures = school_breakdown (satisfaction, scope, group_by, group_question, catalog->language);
  if (group_by == PL_GROUP_BY_FORM_LANGUAGE)
    grouped_by = tr (catalog, N_("Language of the form"));
  else
    {
      grouped_by = pl_satisfaction_get_question_text (satisfaction, group_question,
                                                      catalog->language);
      if (grouped_by == NULL)
        grouped_by = group_question;
    }

  csv_writer_init (&writer);
  csv_add (&writer, tr (catalog, N_("Term")));
  csv_add (&writer, tr (catalog, N_("School")));
  csv_add (&writer, tr (catalog, N_("Measure")));
  /* Translators: a CSV column: what the groups are (the language of the
   * form, or a question such as the family's home language) */
  csv_add (&writer, tr (catalog, N_("Grouped by")));
  csv_add (&writer, tr (catalog, N_("Group")));
  csv_add_figure_headers (&writer, catalog);
  csv_add_rate_headers (&writer, catalog);
  csv_end_record (&writer);

  for (guint i = 0; i < figures->len; i++)
    {
      const PlSatisfactionFigure *figure = figures->pdata[i];

      csv_add (&writer, term_text);
      csv_add (&writer, school_label (catalog, satisfaction, scope->school_id));
      csv_add (&writer, measure_label (catalog, satisfaction, scope));
      csv_add (&writer, grouped_by);
      csv_add (&writer, group_label (catalog, figure, group_by));
      csv_add_figure (&writer, catalog, figure, minimum);
      csv_add_rate (&writer, catalog, satisfaction, scope->school_id, scope->term);
      csv_end_record (&writer);
    }
  return csv_writer_finish (&writer);
}

char *
pl_satisfaction_report_trend_csv (PlSatisfaction             *satisfaction,
                                  const PlSatisfactionScope  *scope,
                                  const char                 *language,
                                  GError                    **error)
{
  g_autoptr(Catalog) catalog = NULL;
  guint minimum;
  CsvWriter writer;

  g_return_val_if_fail (PL_IS_SATISFACTION (satisfaction), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if (!check_school (satisfaction, scope->school_id, error) ||
      !(catalog = catalog_new (language, NULL, error)))
    return NULL;
  minimum = pl_satisfaction_get_minimum_cell_size (satisfaction);

  csv_writer_init (&writer);
  csv_add (&writer, tr (catalog, N_("Term")));
  csv_add (&writer, tr (catalog, N_("School")));
  csv_add (&writer, tr (catalog, N_("Measure")));
  csv_add_figure_headers (&writer, catalog);
  csv_add_rate_headers (&writer, catalog);
  /* Translators: a CSV column: Up, Down, No clear change, Not comparable */
  csv_add (&writer, tr (catalog, N_("Change since the previous term")));
  csv_end_record (&writer);

  for (const char *const *term = pl_satisfaction_get_terms (satisfaction); *term; term++)
    {
      g_autoptr(PlSatisfactionFigure) figure = NULL;
      g_autoptr(PlSatisfactionFigure) before = NULL;
      int change = 0;

      figure = school_figure (satisfaction, *term, scope->school_id, scope->domain,
                              scope->question_code);
      change = school_change (satisfaction, *term, scope->school_id, scope->domain,
                              scope->question_code, figure, &before);
      csv_take (&writer, term_label (catalog, *term));
      csv_add (&writer, school_label (catalog, satisfaction, scope->school_id));
      csv_add (&writer, measure_label (catalog, satisfaction, scope));
      csv_add_figure (&writer, catalog, figure, minimum);
      csv_add_rate (&writer, catalog, satisfaction, scope->school_id, *term);
      csv_add (&writer, change_text (catalog, before, figure, change));
      csv_end_record (&writer);
    }
  return csv_writer_finish (&writer);
}

char *
pl_satisfaction_report_comments_csv (PlSatisfaction             *satisfaction,
                                     const PlSatisfactionScope  *scope,
                                     const char                 *question_code,
                                     const char                 *language,
                                     GError                    **error)
{
  g_autoptr(Catalog) catalog = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  const char *question;
  gboolean withheld = FALSE;
  CsvWriter writer;

  g_return_val_if_fail (PL_IS_SATISFACTION (satisfaction), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if ((scope->term != NULL && !check_term (satisfaction, scope->term, error)) ||
      !check_school (satisfaction, scope->school_id, error) ||
      !(catalog = catalog_new (language, NULL, error)))
    return NULL;
  comments = pl_satisfaction_list_comments (satisfaction, scope, question_code, &withheld);
  if (comments == NULL)
    {
      g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID,
                   /* Translators: %u is the district's minimum, 5 or more */
                   _("Comments are shown only for groups of at least %u families"),
                   pl_satisfaction_get_minimum_cell_size (satisfaction));
      return NULL;
    }
  question = pl_satisfaction_get_question_text (satisfaction, question_code, catalog->language);

  csv_writer_init (&writer);
  csv_add (&writer, tr (catalog, N_("Term")));
  csv_add (&writer, tr (catalog, N_("School")));
  csv_add (&writer, tr (catalog, N_("Question")));
  /* Translators: a CSV column: the language a comment is written in */
  csv_add (&writer, tr (catalog, N_("Language")));
  csv_add (&writer, tr (catalog, N_("Comment")));
  csv_end_record (&writer);
  for (guint i = 0; i < comments->len; i++)
    {
      const PlSatisfactionComment *comment = comments->pdata[i];

      csv_take (&writer, term_label (catalog, comment->term));
      csv_add (&writer, school_label (catalog, satisfaction, comment->school_id));
      csv_add (&writer, question ? question : question_code);
      csv_add (&writer, language_name (catalog, comment->language));
      csv_add (&writer, comment->text);
      csv_end_record (&writer);
    }
  return csv_writer_finish (&writer);
}

/* Files: written beside their destination and renamed into place, so a
 * failure or a cancellation never leaves half a file (and an older file
 * of that name stays as it was). */

typedef struct
{
  int   fd;
  char *temp_path;
  int   error_number;  /* of a failed write */
} Output;

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          error_number)
{
  g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_WRITE,
               /* Translators: the first %s is a file, the second why it failed */
               _("Could not write “%s”: %s"), path, g_strerror (error_number));
}

static gboolean
output_open (Output      *output,
             const char  *path,
             GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  mode_t mask;

  output->error_number = 0;
  output->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", directory, base);
  output->fd = g_mkstemp_full (output->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (output->fd < 0)
    {
      set_write_error (error, path, errno);
      g_clear_pointer (&output->temp_path, g_free);
      return FALSE;
    }
  /* mkstemp makes the file private; a report is an ordinary document. */
  mask = umask (0);
  umask (mask);
  if (fchmod (output->fd, 0666 & ~mask) != 0)
    g_debug ("Could not make the report readable: %s", g_strerror (errno));
  return TRUE;
}

static gboolean
output_write (Output     *output,
              const char *data,
              gsize       length)
{
  while (length > 0)
    {
      gssize written = write (output->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          output->error_number = errno;
          return FALSE;
        }
      data += written;
      length -= written;
    }
  return TRUE;
}

static void
output_abort (Output *output)
{
  if (output->fd >= 0)
    close (output->fd);
  output->fd = -1;
  if (output->temp_path != NULL)
    g_unlink (output->temp_path);
  g_clear_pointer (&output->temp_path, g_free);
}

static gboolean
output_commit (Output      *output,
               const char  *path,
               GError     **error)
{
  int fd = output->fd;

  output->fd = -1;
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      set_write_error (error, path, errno);
      output_abort (output);
      return FALSE;
    }
  if (g_rename (output->temp_path, path) != 0)
    {
      set_write_error (error, path, errno);
      output_abort (output);
      return FALSE;
    }
  g_clear_pointer (&output->temp_path, g_free);
  return TRUE;
}

gboolean
pl_satisfaction_report_save_csv (const char  *csv,
                                 const char  *path,
                                 GError     **error)
{
  Output output = { -1, NULL, 0 };

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!output_open (&output, path, error))
    return FALSE;
  if (!output_write (&output, "\xEF\xBB\xBF", 3) || !output_write (&output, csv, strlen (csv)))
    {
      set_write_error (error, path, output.error_number);
      output_abort (&output);
      return FALSE;
    }
  return output_commit (&output, path, error);
}

/* The PDF report
 *
 * Drawn twice: once to count the pages (for "Page 2 of 7"), then into the
 * file. Both runs lay out the same way, so they break pages alike; the
 * figures are scans of memory, quick enough to compute twice. */

/* One family list for every script, as the paper forms use: Pango takes
 * each character from the first family that has it, so a comment in
 * Arabic, Nepali or Vietnamese prints in its own letters. */
#define FONT_FAMILY "Noto Sans, Noto Sans Arabic, Noto Sans Arabic UI, " \
                    "Noto Sans Devanagari, Noto Sans Devanagari UI, DejaVu Sans, Sans"

#define FONT_BAND_LABEL FONT_FAMILY " Bold 8.5"
#define FONT_TITLE      FONT_FAMILY " Bold 24"
#define FONT_SUBTITLE   FONT_FAMILY " 12"
#define FONT_BAND_SMALL FONT_FAMILY " 8"
#define FONT_H1         FONT_FAMILY " Bold 15"
#define FONT_H2         FONT_FAMILY " Bold 11"
#define FONT_BODY       FONT_FAMILY " 9.5"
#define FONT_SMALL      FONT_FAMILY " 8"
#define FONT_SMALL_ITALIC FONT_FAMILY " Italic 7.5"
#define FONT_TABLE      FONT_FAMILY " 8.5"
#define FONT_TABLE_BOLD FONT_FAMILY " Bold 8.5"
#define FONT_TABLE_HEAD FONT_FAMILY " Bold 7.5"
#define FONT_TILE_LABEL FONT_FAMILY " Bold 8"
#define FONT_TILE_VALUE FONT_FAMILY " Bold 22"
#define FONT_TILE_WORDS FONT_FAMILY " Bold 15"
#define FONT_CHART      FONT_FAMILY " 8"
#define FONT_CHART_BOLD FONT_FAMILY " Bold 8"
#define FONT_CHART_SMALL FONT_FAMILY " 7"
#define FONT_FOOTER     FONT_FAMILY " 7.5"

#define MARGIN_SIDE   50.0
#define MARGIN_TOP    46.0
#define MARGIN_BOTTOM 50.0
#define RUNNING_HEIGHT 26.0   /* the running header of pages after the first */
#define HEADING_ROOM  60.0   /* a section's title and the space around it */
#define CELL_PAD_X    5.0
#define CELL_PAD_Y    4.0
#define MAX_COLUMNS   8
/* A council reads a school's comments in full; the zone's are many. */
#define MAX_COMMENTS  150

typedef struct
{
  double r, g, b;
} Color;

static const Color INK = { 0.12, 0.15, 0.19 };
static const Color MUTED = { 0.40, 0.44, 0.50 };
static const Color PRIMARY = { 0.10, 0.29, 0.51 };
static const Color BAR = { 0.27, 0.50, 0.76 };
static const Color BAR_STRONG = { 0.10, 0.29, 0.51 };
static const Color BAND = { 0.80, 0.87, 0.95 };
static const Color GRID = { 0.87, 0.89, 0.92 };
static const Color RULE = { 0.78, 0.81, 0.85 };
static const Color HEAD_FILL = { 0.92, 0.94, 0.97 };
static const Color ZEBRA = { 0.97, 0.975, 0.98 };
static const Color TILE_FILL = { 0.95, 0.96, 0.98 };
static const Color WARN_TEXT = { 0.62, 0.30, 0.00 };
static const Color WARN_FILL = { 1.00, 0.93, 0.78 };
static const Color UP = { 0.09, 0.45, 0.22 };
static const Color DOWN = { 0.72, 0.14, 0.11 };
static const Color WHITE = { 1, 1, 1 };

typedef struct
{
  Catalog                      *catalog;
  PlSatisfaction               *satisfaction;
  const char                   *term;
  const char                   *school_id;   /* NULL: the whole zone */
  guint                         minimum;
  char                         *fewer;       /* "fewer than 10" */
  char                         *term_text;   /* "Fall 2025" */
  const char                   *previous;    /* the term before, or NULL */
  char                         *previous_text;
  char                         *home_language_question;
  char                         *date;
  GPtrArray                    *strings;     /* texts made for a page, freed at the end */

  cairo_t                      *cr;
  PangoContext                 *context;
  double                        page_width;
  double                        page_height;
  double                        left, right, top, bottom;
  double                        y;
  guint                         page;
  guint                         total;       /* 0 while counting */
  gboolean                      page_open;

  PlSatisfactionReportProgress  progress;
  gpointer                      progress_data;
  GCancellable                 *cancellable;
} Report;

/* Keeps @text until the report is done; returns it. */
static const char *
keep (Report *report,
      char   *text)
{
  g_ptr_array_add (report->strings, text);
  return text;
}

static double
content_width (Report *report)
{
  return report->right - report->left;
}

static void
set_color (cairo_t     *cr,
           const Color *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

/* A text in @font, wrapped at @width (not when <= 0). Paragraphs take
 * their direction from their own letters: an Arabic comment runs right
 * to left and aligns right. */
static PangoLayout *
make_text (Report         *report,
           const char     *text,
           const char     *font,
           double          width,
           PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (report->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  return layout;
}

static PangoLayout *
make_markup (Report         *report,
             const char     *markup,
             const char     *font,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = make_text (report, "", font, width, align);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
draw_layout (Report      *report,
             PangoLayout *layout,
             double       x,
             double       y,
             const Color *color)
{
  set_color (report->cr, color);
  cairo_move_to (report->cr, x, y);
  pango_cairo_show_layout (report->cr, layout);
}

/* Draws a text and returns its height. */
static double
draw_text (Report         *report,
           const char     *text,
           const char     *font,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align,
           const Color    *color)
{
  g_autoptr(PangoLayout) layout = make_text (report, text, font, width, align);

  draw_layout (report, layout, x, y, color);
  return layout_height (layout);
}

static void
fill_rect (Report      *report,
           double       x,
           double       y,
           double       w,
           double       h,
           const Color *color)
{
  set_color (report->cr, color);
  cairo_rectangle (report->cr, x, y, w, h);
  cairo_fill (report->cr);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
hline (Report      *report,
       double       x1,
       double       x2,
       double       y,
       double       width,
       const Color *color)
{
  set_color (report->cr, color);
  cairo_set_line_width (report->cr, width);
  cairo_move_to (report->cr, x1, y);
  cairo_line_to (report->cr, x2, y);
  cairo_stroke (report->cr);
}

/* Pages */

static const char *
report_title (Report *report)
{
  return tr (report->catalog, N_("Family satisfaction report"));
}

static const char *
place_name (Report *report)
{
  if (report->school_id == NULL)
    /* Translators: the title of the zone's report, where a school's report
     * has the school's name */
    return tr (report->catalog, N_("All schools of the zone"));
  return school_label (report->catalog, report->satisfaction, report->school_id);
}

static void
finish_page (Report *report)
{
  g_autofree char *page = NULL;
  g_autofree char *left = NULL;
  double y = report->page_height - MARGIN_BOTTOM + 18;

  if (!report->page_open)
    return;
  if (report->total > 0)
    /* Translators: the page number at the foot of a report's pages */
    page = g_strdup_printf (tr (report->catalog, N_("Page %u of %u")), report->page, report->total);
  else
    page = g_strdup_printf (tr (report->catalog, N_("Page %u of %u")), report->page, report->page);
  left = g_strdup_printf ("%s · %s", pl_satisfaction_get_title (report->satisfaction)
                                     ? pl_satisfaction_get_title (report->satisfaction) : "",
                          report->date);
  hline (report, report->left, report->right, y - 5, 0.5, &RULE);
  draw_text (report, left, FONT_FOOTER, report->left, y, content_width (report) * 0.7,
             PANGO_ALIGN_LEFT, &MUTED);
  draw_text (report, page, FONT_FOOTER, report->left, y, content_width (report),
             PANGO_ALIGN_RIGHT, &MUTED);
  cairo_show_page (report->cr);
  report->page_open = FALSE;
  if (report->total > 0 && report->progress != NULL)
    report->progress (report->page, report->total, report->progress_data);
}

static void
begin_page (Report *report)
{
  finish_page (report);
  report->page++;
  report->page_open = TRUE;
  report->y = report->top;
  if (report->page > 1)
    {
      g_autofree char *left = g_strdup_printf ("%s · %s", report_title (report),
                                               place_name (report));

      draw_text (report, left, FONT_FOOTER, report->left, report->top,
                 content_width (report) * 0.75, PANGO_ALIGN_LEFT, &MUTED);
      draw_text (report, report->term_text, FONT_FOOTER, report->left, report->top,
                 content_width (report), PANGO_ALIGN_RIGHT, &MUTED);
      hline (report, report->left, report->right, report->top + 14, 0.5, &RULE);
      report->y = report->top + RUNNING_HEIGHT;
    }
}

/* Makes room for @height: a new page when it does not fit on this one. */
static void
need (Report *report,
      double  height)
{
  if (!report->page_open || report->y + height > report->bottom)
    begin_page (report);
}

static gboolean
cancelled (Report  *report,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (report->cancellable, error);
}

/* A section's title, kept with @keep points of what follows it. */
static void
heading (Report     *report,
         const char *text,
         double      keep)
{
  g_autoptr(PangoLayout) layout = make_text (report, text, FONT_H1, content_width (report),
                                             PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  if (report->page_open && report->y > report->top + RUNNING_HEIGHT + 1)
    report->y += 16;
  need (report, h + 10 + keep);
  draw_layout (report, layout, report->left, report->y, &PRIMARY);
  report->y += h + 3;
  hline (report, report->left, report->right, report->y, 1.2, &PRIMARY);
  report->y += 10;
}

static void
subheading (Report     *report,
            const char *text,
            double      keep)
{
  g_autoptr(PangoLayout) layout = make_text (report, text, FONT_H2, content_width (report),
                                             PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  report->y += 6;
  need (report, h + 6 + keep);
  draw_layout (report, layout, report->left, report->y, &INK);
  report->y += h + 6;
}

static void
paragraph (Report      *report,
           const char  *text,
           const char  *font,
           const Color *color,
           double       space_after)
{
  g_autoptr(PangoLayout) layout = make_text (report, text, font, content_width (report),
                                             PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  need (report, h);
  draw_layout (report, layout, report->left, report->y, color);
  report->y += h + space_after;
}

/* Figures in words */

static char *
percent_text (Report                     *report,
              const PlSatisfactionFigure *figure)
{
  if (figure->suppressed)
    return g_strdup (report->fewer);
  if (figure->n == 0)
    return g_strdup ("—");
  return format_percent (report->catalog, figure->percent);
}

/* The response rate as a table cell says it: "31.2%", or with a second
 * line under the floor. Sets *@under. */
static char *
rate_text (Report     *report,
           const char *school_id,
           const char *term,
           gboolean   *under)
{
  guint responses = 0, enrolled = 0;
  double rate = pl_satisfaction_response_rate (report->satisfaction, school_id, term, &responses,
                                               &enrolled, under);
  g_autofree char *percent = NULL;

  if (rate < 0)
    /* Translators: a response rate where no family is on the roster */
    return g_strdup (tr (report->catalog, N_("no roster")));
  percent = format_percent (report->catalog, 100 * rate);
  if (*under)
    return g_strdup_printf ("%s\n%s", percent, tr (report->catalog, N_("Not representative")));
  return g_steal_pointer (&percent);
}

/* Tables */

typedef enum
{
  CELL_NORMAL,
  CELL_MUTED,
  CELL_WARN,
  CELL_UP,
  CELL_DOWN,
} CellStyle;

typedef struct
{
  const char     *title;
  double          share;   /* of the content's width */
  PangoAlignment  align;
} Column;

typedef struct
{
  char      *text[MAX_COLUMNS];
  CellStyle  style[MAX_COLUMNS];
  guint      span[MAX_COLUMNS];   /* columns a cell covers (0 and 1: its own) */
  gboolean   strong;              /* a total or a domain */
  double     indent;
  double     shade[MAX_COLUMNS];  /* heat map: 0 none, else the percent */
} Row;

static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (row->text[i]);
  g_free (row);
}

static Row *
row_add (GPtrArray *rows)
{
  Row *row = g_new0 (Row, 1);

  g_ptr_array_add (rows, row);
  return row;
}

static void
row_take (Row       *row,
          guint      column,
          char      *text,
          CellStyle  style)
{
  g_free (row->text[column]);
  row->text[column] = text;
  row->style[column] = style;
}

static void
row_set (Row        *row,
         guint       column,
         const char *text,
         CellStyle   style)
{
  row_take (row, column, g_strdup (text), style);
}

/* n, percent favorable, interval and mean in columns @first…@first + 3;
 * a hidden figure is one cell across them. */
static void
row_set_figure (Report                     *report,
                Row                        *row,
                guint                       first,
                const PlSatisfactionFigure *figure,
                gboolean                    with_mean)
{
  guint n_cells = with_mean ? 4 : 3;

  if (figure->suppressed)
    {
      row_set (row, first, report->fewer, CELL_MUTED);
      row->span[first] = n_cells;
      return;
    }
  if (figure->n == 0)
    {
      /* Translators: in a table, where nobody answered */
      row_set (row, first, tr (report->catalog, N_("no responses")), CELL_MUTED);
      row->span[first] = n_cells;
      return;
    }
  row_take (row, first, format_count (report->catalog, figure->n), CELL_NORMAL);
  row_take (row, first + 1, format_percent (report->catalog, figure->percent), CELL_NORMAL);
  row_take (row, first + 2, format_interval (report->catalog, figure->low, figure->high),
            CELL_NORMAL);
  if (with_mean)
    row_take (row, first + 3, format_decimal (report->catalog, figure->mean, 2), CELL_NORMAL);
}

static void
row_set_change (Report                     *report,
                Row                        *row,
                guint                       column,
                const PlSatisfactionFigure *before,
                const PlSatisfactionFigure *now,
                int                         change)
{
  if (before == NULL)
    {
      /* Translators: a table cell where there is no earlier term to compare with */
      row_set (row, column, tr (report->catalog, N_("first term")), CELL_MUTED);
      return;
    }
  if (!shown (before) || !shown (now))
    {
      row_set (row, column, tr (report->catalog, N_("Not comparable")), CELL_MUTED);
      return;
    }
  if (change > 0)
    row_take (row, column,
              g_strdup_printf ("▲ %s", trc (report->catalog, "change", NC_("change", "Up"))),
              CELL_UP);
  else if (change < 0)
    row_take (row, column,
              g_strdup_printf ("▼ %s", trc (report->catalog, "change", NC_("change", "Down"))),
              CELL_DOWN);
  else
    row_set (row, column, tr (report->catalog, N_("No clear change")), CELL_NORMAL);
}

static const Color *
style_color (CellStyle style)
{
  switch (style)
    {
    case CELL_MUTED:
      return &MUTED;
    case CELL_WARN:
      return &WARN_TEXT;
    case CELL_UP:
      return &UP;
    case CELL_DOWN:
      return &DOWN;
    case CELL_NORMAL:
    default:
      return &INK;
    }
}

/* The heat map's shade for a percentage, on one scale in every report
 * (0% palest, 100% darkest): a sequential blue ramp whose steps look
 * evenly spaced, as cartographers' "Blues" does. */
static const Color shades[] = {
  { 0.969, 0.984, 1.000 }, { 0.871, 0.922, 0.969 }, { 0.776, 0.859, 0.937 },
  { 0.620, 0.792, 0.882 }, { 0.420, 0.682, 0.839 }, { 0.259, 0.573, 0.776 },
  { 0.129, 0.443, 0.710 }, { 0.031, 0.318, 0.612 }, { 0.031, 0.188, 0.420 },
};

static Color
shade_color (double percent)
{
  double position = CLAMP (percent / 100.0, 0, 1) * (G_N_ELEMENTS (shades) - 1);
  guint step = MIN ((guint) position, G_N_ELEMENTS (shades) - 2);
  double t = position - step;
  const Color *a = &shades[step], *b = &shades[step + 1];

  return (Color) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t, a->b + (b->b - a->b) * t };
}

/* White text on a dark shade, ink on a light one (the ramp's fifth
 * step and beyond). */
static gboolean
shade_is_dark (double percent)
{
  return percent >= 55;
}

/* A column's title, wrapped between words only: "Communication" may
 * reach into the cell's padding rather than break in two. */
static PangoLayout *
make_header (Report       *report,
             const Column *column,
             double        width)
{
  PangoLayout *layout = make_text (report, column->title, FONT_TABLE_HEAD,
                                   width - 2 * CELL_PAD_X, column->align);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  return layout;
}

static double
table_header (Report       *report,
              const Column *columns,
              guint         n_columns,
              const double *x,
              const double *w,
              gboolean      draw)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = make_header (report, &columns[c], w[c]);

      height = MAX (height, layout_height (layout));
    }
  height += 2 * CELL_PAD_Y;
  if (!draw)
    return height;
  fill_rect (report, report->left, report->y, content_width (report), height, &HEAD_FILL);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = make_header (report, &columns[c], w[c]);

      draw_layout (report, layout, x[c] + CELL_PAD_X,
                   report->y + height - CELL_PAD_Y - layout_height (layout), &MUTED);
    }
  hline (report, report->left, report->right, report->y + height, 0.8, &RULE);
  report->y += height;
  return height;
}

/* Lays out a row's cells into @layouts; returns the row's height. */
static double
row_layouts (Report       *report,
             Row          *row,
             const Column *columns,
             guint         n_columns,
             const double *w,
             PangoLayout **layouts)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      guint span = MAX (row->span[c], 1);
      double width = 0;
      const char *font = row->strong ? FONT_TABLE_BOLD : FONT_TABLE;

      if (row->text[c] == NULL)
        continue;
      for (guint k = c; k < MIN (c + span, n_columns); k++)
        width += w[k];
      if (row->style[c] == CELL_MUTED && !row->strong)
        font = FONT_FAMILY " Italic 8.5";
      layouts[c] = make_text (report, row->text[c], font,
                              width - 2 * CELL_PAD_X - (c == 0 ? row->indent : 0),
                              span > 1 ? PANGO_ALIGN_CENTER : columns[c].align);
      height = MAX (height, layout_height (layouts[c]));
    }
  return height + 2 * CELL_PAD_Y;
}

/* The room a table needs at the foot of a page to start there: all of it
 * when it fits on one page below a heading (it is not split then, rather
 * than leave a few rows behind), else its header and first rows. A
 * heading above it keeps this much too. */
static double
table_keep (Report       *report,
            const Column *columns,
            guint         n_columns,
            GPtrArray    *rows)
{
  double x[MAX_COLUMNS], w[MAX_COLUMNS];
  double page = report->bottom - report->top - RUNNING_HEIGHT - HEADING_ROOM;
  double whole, first = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      w[c] = columns[c].share * content_width (report);
      x[c] = c == 0 ? report->left : x[c - 1] + w[c - 1];
    }
  whole = table_header (report, columns, n_columns, x, w, FALSE);
  for (guint r = 0; r < rows->len && whole <= page; r++)
    {
      PangoLayout *layouts[MAX_COLUMNS] = { NULL };
      double height = row_layouts (report, rows->pdata[r], columns, n_columns, w, layouts);

      for (guint c = 0; c < n_columns; c++)
        g_clear_object (&layouts[c]);
      whole += height;
      if (r < 3)
        first = whole;
    }
  return whole <= page ? whole : first;
}

/* Draws @rows under a header line, breaking pages between rows and
 * repeating the header on each. */
static void
table (Report       *report,
       const Column *columns,
       guint         n_columns,
       GPtrArray    *rows)
{
  double x[MAX_COLUMNS], w[MAX_COLUMNS];
  double position = report->left;
  double header_height, first_row;

  for (guint c = 0; c < n_columns; c++)
    {
      x[c] = position;
      w[c] = columns[c].share * content_width (report);
      position += w[c];
    }
  header_height = table_header (report, columns, n_columns, x, w, FALSE);
  first_row = table_keep (report, columns, n_columns, rows) - header_height;
  need (report, header_height + first_row);
  table_header (report, columns, n_columns, x, w, TRUE);

  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = rows->pdata[r];
      PangoLayout *layouts[MAX_COLUMNS] = { NULL };
      double height = row_layouts (report, row, columns, n_columns, w, layouts);

      if (report->y + height > report->bottom)
        {
          begin_page (report);
          table_header (report, columns, n_columns, x, w, TRUE);
        }
      if (row->strong)
        fill_rect (report, report->left, report->y, content_width (report), height, &ZEBRA);
      for (guint c = 0; c < n_columns; c++)
        if (row->shade[c] > 0 && layouts[c] != NULL)
          {
            Color shade = shade_color (row->shade[c]);

            fill_rect (report, x[c] + 1, report->y + 1, w[c] - 2, height - 2, &shade);
          }
      for (guint c = 0; c < n_columns; c++)
        {
          const Color *color = style_color (row->style[c]);

          if (layouts[c] == NULL)
            continue;
          if (row->shade[c] > 0 && row->style[c] == CELL_NORMAL)
            {
              if (shade_is_dark (row->shade[c]))
                color = &WHITE;
            }
          draw_layout (report, layouts[c], x[c] + CELL_PAD_X + (c == 0 ? row->indent : 0),
                       report->y + CELL_PAD_Y, color);
          g_object_unref (layouts[c]);
        }
      report->y += height;
      hline (report, report->left, report->right, report->y, 0.4, &GRID);
    }
  report->y += 6;
}

/* Charts */

typedef struct
{
  const char                 *label;
  const PlSatisfactionFigure *figure;
  gboolean                    strong;
  int                         change;   /* +1, -1: marked beside the value */
} Bar;

static void
axis_labels (Report *report,
             double  plot_x,
             double  plot_w,
             double  y)
{
  for (guint tick = 0; tick <= 4; tick++)
    {
      g_autofree char *number = g_strdup_printf ("%u", tick * 25);
      g_autofree char *text = format_percent_text (report->catalog, number);
      g_autoptr(PangoLayout) layout = make_text (report, text, FONT_CHART_SMALL, -1,
                                                 PANGO_ALIGN_LEFT);
      double tw = layout_width (layout);

      draw_layout (report, layout, plot_x + plot_w * tick / 4.0 - tw / 2, y, &MUTED);
    }
}

/* Long lists (the zone's schools) are set closer together. */
#define BAR_ROW(n_bars) ((n_bars) > 12 ? 14.5 : 19.0)
#define BAR_AXIS 16.0

/* The height of a bar chart, to keep a heading with it: all of it when it
 * fits on a page (it is not split then), else its first rows. */
static double
bar_chart_keep (Report *report,
                guint   n_bars)
{
  double whole = n_bars * BAR_ROW (n_bars) + BAR_AXIS + 12;

  if (whole <= report->bottom - report->top - RUNNING_HEIGHT - HEADING_ROOM)
    return whole;
  return 3 * BAR_ROW (n_bars) + BAR_AXIS + 12;
}

/* Horizontal bars of percent favorable on a 0–100% axis, each with its
 * interval as a whisker; a hidden figure says so in place of its bar. */
static void
bar_chart (Report    *report,
           const Bar *bars,
           guint      n_bars)
{
  const double row_h = BAR_ROW (n_bars), bar_h = n_bars > 12 ? 8.5 : 11, axis_h = BAR_AXIS;
  double label_w = 0, value_w = 80, plot_x, plot_w;
  guint first = 0;

  for (guint i = 0; i < n_bars; i++)
    {
      g_autoptr(PangoLayout) layout = make_text (report, bars[i].label,
                                                 bars[i].strong ? FONT_CHART_BOLD : FONT_CHART, -1,
                                                 PANGO_ALIGN_LEFT);

      label_w = MAX (label_w, layout_width (layout) + 10);
    }
  label_w = MIN (label_w, content_width (report) * 0.36);
  plot_x = report->left + label_w;
  plot_w = content_width (report) - label_w - value_w;

  while (first < n_bars)
    {
      guint fit, count;
      double top, plot_h;

      /* The whole chart when it fits on a page, else as many rows as fit
       * on this one (at least three, or a new page). */
      if (first == 0)
        need (report, bar_chart_keep (report, n_bars));
      else
        need (report, MIN (n_bars - first, 3) * row_h + axis_h + 8);
      fit = (guint) ((report->bottom - report->y - axis_h - 8) / row_h);
      count = MIN (fit, n_bars - first);
      top = report->y + 4;
      plot_h = count * row_h;

      /* Grid */
      for (guint tick = 0; tick <= 4; tick++)
        {
          double gx = plot_x + plot_w * tick / 4.0;

          set_color (report->cr, tick == 0 ? &RULE : &GRID);
          cairo_set_line_width (report->cr, tick == 0 ? 0.8 : 0.5);
          cairo_move_to (report->cr, gx, top - 2);
          cairo_line_to (report->cr, gx, top + plot_h + 2);
          cairo_stroke (report->cr);
        }

      /* A long list is read against its total (the zone): a dashed line
       * down the chart at the total's figure. */
      if (n_bars > 12 && shown (bars[0].figure))
        {
          double rx = plot_x + plot_w * bars[0].figure->percent / 100;
          const double dash[] = { 3, 2 };

          set_color (report->cr, &PRIMARY);
          cairo_set_line_width (report->cr, 0.8);
          cairo_set_dash (report->cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (report->cr, rx, top - 2);
          cairo_line_to (report->cr, rx, top + plot_h + 2);
          cairo_stroke (report->cr);
          cairo_set_dash (report->cr, NULL, 0, 0);
        }

      for (guint i = 0; i < count; i++)
        {
          const Bar *bar = &bars[first + i];
          const PlSatisfactionFigure *figure = bar->figure;
          double cy = top + i * row_h + row_h / 2;
          g_autoptr(PangoLayout) label = make_text (report, bar->label,
                                                    bar->strong ? FONT_CHART_BOLD : FONT_CHART,
                                                    label_w - 10, PANGO_ALIGN_LEFT);

          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          pango_layout_set_wrap (label, PANGO_WRAP_WORD);
          pango_layout_set_height (label, 0);
          draw_layout (report, label, report->left, cy - layout_height (label) / 2, &INK);

          if (shown (figure))
            {
              double x1 = plot_x + plot_w * figure->percent / 100;
              double lo = plot_x + plot_w * figure->low / 100;
              double hi = plot_x + plot_w * figure->high / 100;
              g_autofree char *value = format_percent (report->catalog, figure->percent);
              g_autoptr(PangoLayout) value_layout = NULL;

              fill_rect (report, plot_x, cy - bar_h / 2, x1 - plot_x, bar_h,
                         bar->strong ? &BAR_STRONG : &BAR);
              /* The interval */
              set_color (report->cr, &INK);
              cairo_set_line_width (report->cr, 0.9);
              cairo_move_to (report->cr, lo, cy);
              cairo_line_to (report->cr, hi, cy);
              cairo_move_to (report->cr, lo, cy - 3.5);
              cairo_line_to (report->cr, lo, cy + 3.5);
              cairo_move_to (report->cr, hi, cy - 3.5);
              cairo_line_to (report->cr, hi, cy + 3.5);
              cairo_stroke (report->cr);

              value_layout = make_text (report, value, bar->strong ? FONT_CHART_BOLD : FONT_CHART,
                                        -1, PANGO_ALIGN_LEFT);
              draw_layout (report, value_layout, plot_x + plot_w + 8,
                           cy - layout_height (value_layout) / 2, &INK);
              if (bar->change != 0)
                {
                  g_autoptr(PangoLayout) mark = make_text (report, bar->change > 0 ? "▲" : "▼",
                                                           FONT_CHART, -1, PANGO_ALIGN_LEFT);

                  draw_layout (report, mark, plot_x + plot_w + 14 + layout_width (value_layout),
                               cy - layout_height (mark) / 2, bar->change > 0 ? &UP : &DOWN);
                }
            }
          else
            {
              g_autoptr(PangoLayout) note =
                make_text (report,
                           figure->suppressed ? report->fewer
                                              : tr (report->catalog, N_("no responses")),
                           FONT_SMALL_ITALIC, -1, PANGO_ALIGN_LEFT);

              draw_layout (report, note, plot_x + 6, cy - layout_height (note) / 2, &MUTED);
            }
        }
      axis_labels (report, plot_x, plot_w, top + plot_h + 4);
      report->y = top + plot_h + axis_h + 6;
      first += count;
    }
}

/* A small note under a chart. */
static void
chart_note (Report     *report,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_text (report, text, FONT_SMALL_ITALIC,
                                             content_width (report), PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  need (report, h);
  draw_layout (report, layout, report->left, report->y, &MUTED);
  report->y += h + 8;
}

/* Percent favorable across the terms: a line through the terms with a
 * figure, its interval as a band; a hidden term says so at its place. */
static void
trend_chart (Report                      *report,
             PlSatisfactionFigure *const *figures,
             const char *const           *terms,
             guint                        n_terms)
{
  const double plot_h = 150, axis_w = 34, label_h = 26, top_pad = 14;
  double plot_x = report->left + axis_w;
  double plot_w = content_width (report) - axis_w - 6;
  double step = plot_w / MAX (n_terms, 1);
  double top;
  cairo_t *cr = report->cr;

  need (report, top_pad + plot_h + label_h + 8);
  top = report->y + top_pad;

  for (guint tick = 0; tick <= 4; tick++)
    {
      double gy = top + plot_h * (1 - tick / 4.0);
      g_autofree char *number = g_strdup_printf ("%u", tick * 25);
      g_autofree char *text = format_percent_text (report->catalog, number);
      g_autoptr(PangoLayout) layout = make_text (report, text, FONT_CHART_SMALL, axis_w - 6,
                                                 PANGO_ALIGN_RIGHT);

      hline (report, plot_x, plot_x + plot_w, gy, tick == 0 ? 0.8 : 0.5, tick == 0 ? &RULE : &GRID);
      draw_layout (report, layout, report->left, gy - layout_height (layout) / 2, &MUTED);
    }

#define TX(i) (plot_x + step * ((i) + 0.5))
#define TY(v) (top + plot_h * (1 - (v) / 100.0))
  /* Bands and lines over each run of terms with a figure. */
  for (guint start = 0; start < n_terms;)
    {
      guint end = start;

      if (!shown (figures[start]))
        {
          start++;
          continue;
        }
      while (end + 1 < n_terms && shown (figures[end + 1]))
        end++;
      if (end > start)
        {
          cairo_move_to (cr, TX (start), TY (figures[start]->high));
          for (guint i = start + 1; i <= end; i++)
            cairo_line_to (cr, TX (i), TY (figures[i]->high));
          for (guint i = end + 1; i-- > start;)
            cairo_line_to (cr, TX (i), TY (figures[i]->low));
          cairo_close_path (cr);
          set_color (cr, &BAND);
          cairo_fill (cr);
          cairo_move_to (cr, TX (start), TY (figures[start]->percent));
          for (guint i = start + 1; i <= end; i++)
            cairo_line_to (cr, TX (i), TY (figures[i]->percent));
          set_color (cr, &PRIMARY);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
        }
      start = end + 1;
    }
  for (guint i = 0; i < n_terms; i++)
    {
      const PlSatisfactionFigure *figure = figures[i];
      gboolean current = g_strcmp0 (terms[i], report->term) == 0;
      g_autofree char *label = term_label (report->catalog, terms[i]);
      g_autoptr(PangoLayout) label_layout = make_text (report, label,
                                                       current ? FONT_CHART_BOLD : FONT_CHART_SMALL,
                                                       step - 2, PANGO_ALIGN_CENTER);

      draw_layout (report, label_layout, TX (i) - (step - 2) / 2, top + plot_h + 5,
                   current ? &INK : &MUTED);
      if (shown (figure))
        {
          g_autofree char *value = format_percent (report->catalog, figure->percent);
          g_autoptr(PangoLayout) value_layout = make_text (report, value, FONT_CHART_SMALL, -1,
                                                           PANGO_ALIGN_LEFT);
          double vy = TY (figure->high) - layout_height (value_layout) - 2;

          /* The interval as a whisker too, so a lone term shows one. */
          set_color (cr, &PRIMARY);
          cairo_set_line_width (cr, 0.7);
          cairo_move_to (cr, TX (i), TY (figure->low));
          cairo_line_to (cr, TX (i), TY (figure->high));
          cairo_stroke (cr);
          cairo_arc (cr, TX (i), TY (figure->percent), current ? 3.8 : 3, 0, 2 * G_PI);
          set_color (cr, current ? &PRIMARY : &BAR);
          cairo_fill_preserve (cr);
          set_color (cr, &WHITE);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          draw_layout (report, value_layout, TX (i) - layout_width (value_layout) / 2, vy, &INK);
        }
      else if (figure->suppressed)
        {
          g_autoptr(PangoLayout) note = make_text (report, report->fewer, FONT_SMALL_ITALIC,
                                                   step - 4, PANGO_ALIGN_CENTER);

          draw_layout (report, note, TX (i) - (step - 4) / 2,
                       top + plot_h - layout_height (note) - 4, &MUTED);
        }
    }
#undef TX
#undef TY
  report->y = top + plot_h + label_h + 8;
}

/* The summary's tiles */

typedef struct
{
  const char  *label;
  char        *value;
  const char  *value_font;
  const Color *value_color;
  char        *detail;
  const char  *badge;   /* "Not representative" */
} Tile;

static void
tile_clear (Tile *tile)
{
  g_free (tile->value);
  g_free (tile->detail);
}

static void
draw_tiles (Report *report,
            Tile   *tiles,
            guint   n_tiles)
{
  const double gap = 12, pad = 12;
  double width = (content_width (report) - gap * (n_tiles - 1)) / n_tiles;
  double height = 0;

  for (guint i = 0; i < n_tiles; i++)
    {
      g_autoptr(PangoLayout) label = make_text (report, tiles[i].label, FONT_TILE_LABEL,
                                                width - 2 * pad, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) value = make_text (report, tiles[i].value, tiles[i].value_font,
                                                width - 2 * pad, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) detail = make_text (report, tiles[i].detail, FONT_SMALL,
                                                 width - 2 * pad, PANGO_ALIGN_LEFT);
      double h = pad + layout_height (label) + 4 + layout_height (value) + 4 +
                 layout_height (detail) + pad + (tiles[i].badge ? 20 : 0);

      height = MAX (height, h);
    }
  need (report, height);
  for (guint i = 0; i < n_tiles; i++)
    {
      double x = report->left + i * (width + gap);
      double y = report->y + pad;
      g_autoptr(PangoLayout) label = make_text (report, tiles[i].label, FONT_TILE_LABEL,
                                                width - 2 * pad, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) value = make_text (report, tiles[i].value, tiles[i].value_font,
                                                width - 2 * pad, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) detail = make_text (report, tiles[i].detail, FONT_SMALL,
                                                 width - 2 * pad, PANGO_ALIGN_LEFT);

      rounded_rect (report->cr, x, report->y, width, height, 6);
      set_color (report->cr, &TILE_FILL);
      cairo_fill (report->cr);
      fill_rect (report, x, report->y + 6, 3, height - 12, &PRIMARY);
      draw_layout (report, label, x + pad, y, &MUTED);
      y += layout_height (label) + 4;
      draw_layout (report, value, x + pad, y, tiles[i].value_color);
      y += layout_height (value) + 4;
      draw_layout (report, detail, x + pad, y, &INK);
      y += layout_height (detail) + 6;
      if (tiles[i].badge != NULL)
        {
          g_autoptr(PangoLayout) badge = make_text (report, tiles[i].badge, FONT_TILE_LABEL, -1,
                                                    PANGO_ALIGN_LEFT);
          double bw = layout_width (badge) + 12, bh = layout_height (badge) + 5;

          rounded_rect (report->cr, x + pad, y, bw, bh, bh / 2);
          set_color (report->cr, &WARN_FILL);
          cairo_fill (report->cr);
          draw_layout (report, badge, x + pad + 6, y + 2.5, &WARN_TEXT);
        }
    }
  report->y += height + 14;
}

/* The report's figures */

/* The report's school (or the zone) as school_figure() and the others
 * take it. */
static PlSatisfactionFigure *
place_figure (Report     *report,
              const char *term,
              const char *domain,
              const char *question)
{
  return school_figure (report->satisfaction, term, report->school_id, domain, question);
}

static int
place_change (Report                      *report,
              const PlSatisfactionFigure  *now,
              const char                  *domain,
              const char                  *question,
              PlSatisfactionFigure       **before)
{
  return school_change (report->satisfaction, report->term, report->school_id, domain, question,
                        now, before);
}

static GPtrArray *
place_breakdown (Report     *report,
                 PlGroupBy   group_by,
                 const char *question)
{
  PlSatisfactionScope scope = { report->term, report->school_id, NULL, NULL };

  return school_breakdown (report->satisfaction, &scope, group_by, question,
                           report->catalog->language);
}

/* The question families answer with their home language, when the
 * survey has one: a single-choice question whose answers are mostly
 * language codes ("en", "es", "so", …, "other"). */
static char *
find_home_language_question (PlSatisfaction *satisfaction)
{
  g_auto(GStrv) questions = pl_satisfaction_dup_group_questions (satisfaction);

  for (guint q = 0; questions[q]; q++)
    {
      PlSatisfactionScope everything = { NULL, NULL, NULL, NULL };
      g_autoptr(GPtrArray) groups =
        pl_satisfaction_breakdown (satisfaction, &everything, PL_GROUP_BY_QUESTION, questions[q],
                                   "en");
      guint answers = 0, languages = 0;

      for (guint i = 1; i < groups->len; i++)
        {
          const char *code = ((PlSatisfactionFigure *) groups->pdata[i])->group;

          if (code == NULL || *code == '\0')
            continue;
          answers++;
          languages += pl_language_lookup (code) != NULL;
        }
      if (languages >= 2 && 2 * languages > answers)
        return g_strdup (questions[q]);
    }
  return NULL;
}

/* Sections */

static void
title_band (Report *report)
{
  const double band_h = 158;
  double y = report->top + 6;
  double width = content_width (report);
  Color light = { 0.78, 0.86, 0.95 };
  g_autofree char *label = g_utf8_strup (report_title (report), -1);
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  g_autofree char *markup = g_strdup_printf ("<span letter_spacing=\"1500\">%s</span>", escaped);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", report->term_text,
                                               pl_satisfaction_get_title (report->satisfaction)
                                               ? pl_satisfaction_get_title (report->satisfaction)
                                               : "");
  /* Translators: %s is the date a report was made, as 2026-03-14 */
  g_autofree char *produced =
    g_strdup_printf (tr (report->catalog, N_("Made on %s with Porchlight")), report->date);
  g_autoptr(PangoLayout) label_layout = make_markup (report, markup, FONT_BAND_LABEL, width,
                                                     PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) title = make_text (report, place_name (report), FONT_TITLE, width,
                                            PANGO_ALIGN_LEFT);

  fill_rect (report, 0, 0, report->page_width, band_h, &PRIMARY);
  draw_layout (report, label_layout, report->left, y, &light);
  y += layout_height (label_layout) + 10;
  draw_layout (report, title, report->left, y, &WHITE);
  y += layout_height (title) + 4;
  y += draw_text (report, subtitle, FONT_SUBTITLE, report->left, y, width, PANGO_ALIGN_LEFT,
                  &WHITE);
  draw_text (report, produced, FONT_BAND_SMALL, report->left, band_h - 24, width,
             PANGO_ALIGN_LEFT, &light);
  report->y = band_h + 22;
}

static void
summary (Report *report)
{
  g_autoptr(PlSatisfactionFigure) overall = place_figure (report, report->term, NULL, NULL);
  g_autoptr(PlSatisfactionFigure) before = NULL;
  int change = place_change (report, overall, NULL, NULL, &before);
  guint responses = 0, enrolled = 0;
  gboolean under = FALSE;
  double rate = pl_satisfaction_response_rate (report->satisfaction, report->school_id,
                                               report->term, &responses, &enrolled, &under);
  g_autofree char *responses_text = format_count (report->catalog, responses);
  g_autofree char *enrolled_text = format_count (report->catalog, enrolled);
  Tile tiles[3] = { { 0 } };

  tiles[0].label = tr (report->catalog, N_("Percent favorable"));
  tiles[0].value_color = &PRIMARY;
  if (shown (overall))
    {
      g_autofree char *interval = format_interval (report->catalog, overall->low, overall->high);
      g_autofree char *n = format_count (report->catalog, overall->n);

      tiles[0].value = format_percent (report->catalog, overall->percent);
      tiles[0].value_font = FONT_TILE_VALUE;
      /* Translators: under percent favorable: its 95% interval, and the
       * families counted (n) */
      tiles[0].detail = g_strdup_printf (tr (report->catalog,
                                             N_("95%% interval %s\nn = %s families")),
                                         interval, n);
    }
  else
    {
      tiles[0].value = g_strdup (overall->suppressed ? report->fewer
                                 : tr (report->catalog, N_("no responses")));
      tiles[0].value_font = FONT_TILE_WORDS;
      tiles[0].detail =
        g_strdup (overall->suppressed
                  ? tr (report->catalog, N_("Too few families answered to show a figure."))
                  : "");
    }

  tiles[1].label = tr (report->catalog, N_("Response rate"));
  tiles[1].value_color = under ? &WARN_TEXT : &PRIMARY;
  if (rate >= 0)
    {
      tiles[1].value = format_percent (report->catalog, 100 * rate);
      tiles[1].value_font = FONT_TILE_VALUE;
      /* Translators: under the response rate: "312 of 1,000 families" */
      tiles[1].detail = g_strdup_printf (tr (report->catalog, N_("%s of %s families")),
                                         responses_text, enrolled_text);
      tiles[1].badge = under ? tr (report->catalog, N_("Not representative")) : NULL;
    }
  else
    {
      tiles[1].value = g_strdup ("—");
      tiles[1].value_font = FONT_TILE_VALUE;
      tiles[1].detail = g_strdup (tr (report->catalog, N_("No families are on the roster.")));
    }

  tiles[2].value_font = FONT_TILE_WORDS;
  tiles[2].value_color = &PRIMARY;
  if (before == NULL)
    {
      tiles[2].label = tr (report->catalog, N_("Change"));
      tiles[2].value = g_strdup ("—");
      tiles[2].detail = g_strdup (tr (report->catalog, N_("This is the survey’s first term.")));
    }
  else
    {
      g_autofree char *label = g_strdup_printf (tr (report->catalog, N_("Since %s")),
                                                report->previous_text);

      tiles[2].label = keep (report, g_steal_pointer (&label));
      if (!shown (before) || !shown (overall))
        {
          tiles[2].value = g_strdup (tr (report->catalog, N_("Not comparable")));
          tiles[2].value_color = &MUTED;
          tiles[2].detail =
            g_strdup (tr (report->catalog,
                          N_("One of the two terms has too few families to compare.")));
        }
      else
        {
          g_autofree char *then = format_percent (report->catalog, before->percent);
          g_autofree char *interval = format_interval (report->catalog, before->low, before->high);

          if (change > 0)
            {
              tiles[2].value = g_strdup_printf ("▲ %s", trc (report->catalog, "change",
                                                              NC_("change", "Up")));
              tiles[2].value_color = &UP;
            }
          else if (change < 0)
            {
              tiles[2].value = g_strdup_printf ("▼ %s", trc (report->catalog, "change",
                                                              NC_("change", "Down")));
              tiles[2].value_color = &DOWN;
            }
          else
            tiles[2].value = g_strdup (tr (report->catalog, N_("No clear change")));
          /* Translators: under the change since the previous term: the
           * figure then ("70.1%") and its interval */
          tiles[2].detail = g_strdup_printf (tr (report->catalog, N_("Then %s (%s)")), then,
                                             interval);
        }
    }
  draw_tiles (report, tiles, G_N_ELEMENTS (tiles));
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    tile_clear (&tiles[i]);

  /* The same in a sentence, for a reader who skips the tiles. */
  if (shown (overall))
    {
      g_autofree char *percent = format_percent (report->catalog, overall->percent);
      g_autofree char *interval = format_interval (report->catalog, overall->low, overall->high);
      g_autofree char *text = NULL;

      if (rate >= 0)
        {
          g_autofree char *rate_percent = format_percent (report->catalog, 100 * rate);

          /* Translators: the report's summary. In order: the term ("Fall
           * 2025"), the forms returned ("312"), the response rate
           * ("31.2%"), the families enrolled ("1,000"), percent favorable
           * ("78.4%") and its interval ("74.1–82.2%"). The numbers of
           * families are always 5 or more. */
          text = g_strdup_printf (tr (report->catalog,
                                      N_("In %s, %s families returned the survey: %s of the %s "
                                         "families enrolled. %s of their answers were favorable "
                                         "(95%% interval %s).")),
                                  report->term_text, responses_text, rate_percent, enrolled_text,
                                  percent, interval);
        }
      else
        /* Translators: the report's summary where no family is on the
         * roster: the term, the forms returned, percent favorable and its
         * interval */
        text = g_strdup_printf (tr (report->catalog,
                                    N_("In %s, %s families returned the survey. %s of their "
                                       "answers were favorable (95%% interval %s).")),
                                report->term_text, responses_text, percent, interval);
      paragraph (report, text, FONT_BODY, &INK, 4);
      if (under)
        {
          double floor_rate = pl_satisfaction_get_response_rate_floor (report->satisfaction);
          g_autofree char *floor = format_percent (report->catalog, 100 * floor_rate);
          g_autofree char *warning =
            /* Translators: %s is the district's response-rate floor ("25.0%") */
            g_strdup_printf (tr (report->catalog,
                                 N_("Fewer than %s of the families answered: the figures may not "
                                    "speak for the families who did not.")), floor);

          paragraph (report, warning, FONT_BODY, &WARN_TEXT, 4);
        }
      report->y += 6;
    }
}

static void
domains_chart (Report *report)
{
  const char *const *domains = pl_satisfaction_get_domains (report->satisfaction);
  guint n = g_strv_length ((char **) domains) + 1;
  g_autoptr(GPtrArray) figures =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
  g_autofree Bar *bars = g_new0 (Bar, n);
  g_autofree char *note = NULL;

  for (guint i = 0; i < n; i++)
    {
      const char *domain = i == 0 ? NULL : domains[i - 1];
      PlSatisfactionScope scope = { report->term, report->school_id, domain, NULL };
      PlSatisfactionFigure *figure = place_figure (report, report->term, domain, NULL);
      g_autoptr(PlSatisfactionFigure) before = NULL;

      g_ptr_array_add (figures, figure);
      bars[i].label = measure_label (report->catalog, report->satisfaction, &scope);
      bars[i].figure = figure;
      bars[i].strong = i == 0;
      bars[i].change = place_change (report, figure, domain, NULL, &before);
    }
  heading (report, tr (report->catalog, N_("Percent favorable by domain")),
           bar_chart_keep (report, n));
  bar_chart (report, bars, n);
  if (report->previous_text != NULL)
    /* Translators: under a chart; %s is the previous term ("Spring 2025") */
    note = g_strdup_printf (tr (report->catalog,
                                N_("Bars show percent favorable, lines its 95%% interval. ▲ and ▼ "
                                   "mark a change since %s beyond the intervals.")),
                            report->previous_text);
  else
    note = g_strdup (tr (report->catalog,
                         /* xgettext:no-c-format */
                         N_("Bars show percent favorable, lines its 95% interval.")));
  chart_note (report, note);
}

/* The first column, then n, percent favorable, interval and mean. */
static guint
figure_columns (Report     *report,
                Column     *columns,
                const char *first,
                double      first_share)
{
  columns[0] = (Column) { first, first_share, PANGO_ALIGN_LEFT };
  /* Translators: a table's column: families counted */
  columns[1] = (Column) { trc (report->catalog, "families counted", NC_("families counted", "n")),
                          0.09, PANGO_ALIGN_RIGHT };
  columns[2] = (Column) { tr (report->catalog, N_("Percent favorable")), 0.11, PANGO_ALIGN_RIGHT };
  /* xgettext:no-c-format */
  columns[3] = (Column) { tr (report->catalog, N_("95% interval")), 0.15, PANGO_ALIGN_RIGHT };
  /* Translators: a table's column: the average answer on the 1–5 scale */
  columns[4] = (Column) { tr (report->catalog, N_("Mean (1–5)")), 0.11, PANGO_ALIGN_RIGHT };
  return 5;
}

static void
questions_table (Report *report)
{
  const char *const *domains = pl_satisfaction_get_domains (report->satisfaction);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  Column columns[6];
  guint n_columns;

  figure_columns (report, columns, tr (report->catalog, N_("Domain and question")), 0.36);
  columns[5] = (Column) { tr (report->catalog, N_("Change")), 0.18, PANGO_ALIGN_LEFT };
  if (report->previous_text != NULL)
    {
      /* Translators: a table's column; %s is the previous term */
      columns[5].title = keep (report, g_strdup_printf (tr (report->catalog, N_("Since %s")),
                                                        report->previous_text));
    }
  n_columns = 6;

  for (int d = -1; d < (int) g_strv_length ((char **) domains); d++)
    {
      const char *domain = d < 0 ? NULL : domains[d];
      PlSatisfactionScope scope = { report->term, report->school_id, domain, NULL };
      g_autoptr(PlSatisfactionFigure) figure = place_figure (report, report->term, domain, NULL);
      g_autoptr(PlSatisfactionFigure) before = NULL;
      int change = place_change (report, figure, domain, NULL, &before);
      Row *row = row_add (rows);
      g_auto(GStrv) questions = NULL;

      row->strong = TRUE;
      row_set (row, 0, measure_label (report->catalog, report->satisfaction, &scope), CELL_NORMAL);
      row_set_figure (report, row, 1, figure, TRUE);
      row_set_change (report, row, 5, before, figure, change);
      if (domain == NULL)
        continue;

      questions = pl_satisfaction_dup_questions (report->satisfaction, domain);
      for (guint q = 0; questions[q]; q++)
        {
          PlSatisfactionScope one = { report->term, report->school_id, NULL, questions[q] };
          g_autoptr(PlSatisfactionFigure) question = place_figure (report, report->term, NULL,
                                                                   questions[q]);
          g_autoptr(PlSatisfactionFigure) question_before = NULL;
          int question_change = place_change (report, question, NULL, questions[q],
                                              &question_before);

          row = row_add (rows);
          row->indent = 10;
          row_set (row, 0, measure_label (report->catalog, report->satisfaction, &one),
                   CELL_NORMAL);
          row_set_figure (report, row, 1, question, TRUE);
          row_set_change (report, row, 5, question_before, question, question_change);
        }
    }
  heading (report, tr (report->catalog, N_("Domains and questions")),
           table_keep (report, columns, n_columns, rows));
  table (report, columns, n_columns, rows);
}

static void
trend_section (Report *report)
{
  const char *const *terms = pl_satisfaction_get_terms (report->satisfaction);
  guint n_terms = g_strv_length ((char **) terms);
  g_autoptr(GPtrArray) figures =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  Column columns[7];
  guint n_columns;

  for (guint i = 0; i < n_terms; i++)
    g_ptr_array_add (figures, place_figure (report, terms[i], NULL, NULL));

  figure_columns (report, columns, tr (report->catalog, N_("Term")), 0.18);
  columns[5] = (Column) { tr (report->catalog, N_("Response rate")), 0.17, PANGO_ALIGN_RIGHT };
  /* Translators: a table's column: the change since the term before */
  columns[6] = (Column) { tr (report->catalog, N_("Change")), 0.19, PANGO_ALIGN_LEFT };
  columns[3].share = 0.15;
  n_columns = 7;

  for (guint i = 0; i < n_terms; i++)
    {
      PlSatisfactionFigure *figure = figures->pdata[i];
      PlSatisfactionFigure *before = i > 0 ? figures->pdata[i - 1] : NULL;
      PlSatisfactionScope scope = { terms[i], report->school_id, NULL, NULL };
      g_autoptr(PlSatisfactionFigure) unused = NULL;
      gboolean under = FALSE;
      int change = 0;
      Row *row = row_add (rows);

      unused = pl_satisfaction_compare_previous (report->satisfaction, &scope, &change);
      row->strong = g_str_equal (terms[i], report->term);
      row_take (row, 0, term_label (report->catalog, terms[i]), CELL_NORMAL);
      row_set_figure (report, row, 1, figure, TRUE);
      row_take (row, 5, rate_text (report, report->school_id, terms[i], &under),
                under ? CELL_WARN : CELL_NORMAL);
      row_set_change (report, row, 6, before, figure,
                      shown (before) && shown (figure) ? change : 0);
      /* Nothing after the report's term: the report is about that term. */
      if (row->strong)
        {
          n_terms = i + 1;
          break;
        }
    }

  heading (report, tr (report->catalog, N_("Across terms")), 200);
  subheading (report, tr (report->catalog, N_("Percent favorable, all questions")), 180);
  trend_chart (report, (PlSatisfactionFigure *const *) figures->pdata, terms, n_terms);
  chart_note (report, tr (report->catalog,
                          /* xgettext:no-c-format */
                          N_("The line shows percent favorable in each term, the shaded band its "
                             "95% interval.")));
  table (report, columns, n_columns, rows);
}

/* One breakdown: its chart and its table. */
static void
breakdown_section (Report     *report,
                   const char *title,
                   PlGroupBy   group_by,
                   const char *question)
{
  g_autoptr(GPtrArray) figures = place_breakdown (report, group_by, question);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autofree Bar *bars = NULL;
  Column columns[5];
  guint n_columns;

  if (figures->len < 2)
    return;
  bars = g_new0 (Bar, figures->len);
  for (guint i = 0; i < figures->len; i++)
    {
      PlSatisfactionFigure *figure = figures->pdata[i];
      Row *row = row_add (rows);

      bars[i].label = group_label (report->catalog, figure, group_by);
      bars[i].figure = figure;
      bars[i].strong = i == 0;
      row->strong = i == 0;
      row_set (row, 0, bars[i].label, CELL_NORMAL);
      row_set_figure (report, row, 1, figure, TRUE);
    }
  n_columns = figure_columns (report, columns, tr (report->catalog, N_("Group")), 0.44);
  columns[1].share = 0.10;
  columns[2].share = 0.14;
  columns[3].share = 0.18;
  columns[4].share = 0.14;
  subheading (report, title, bar_chart_keep (report, figures->len));
  bar_chart (report, bars, figures->len);
  table (report, columns, n_columns, rows);
}

static void
groups_section (Report *report)
{
  guint responses = 0, enrolled = 0;
  gboolean under = FALSE;
  double rate = pl_satisfaction_response_rate (report->satisfaction, report->school_id,
                                               report->term, &responses, &enrolled, &under);
  g_autofree char *note = NULL;

  {
    /* The heading stays with the note and the first chart. */
    g_autoptr(GPtrArray) first = place_breakdown (report, PL_GROUP_BY_FORM_LANGUAGE, NULL);

    heading (report, tr (report->catalog, N_("Groups of families")),
             50 + bar_chart_keep (report, first->len));
  }
  if (rate >= 0)
    {
      g_autofree char *percent = format_percent (report->catalog, 100 * rate);
      g_autofree char *responses_text = format_count (report->catalog, responses);
      g_autofree char *enrolled_text = format_count (report->catalog, enrolled);

      /* Translators: above the breakdowns by group: the response rate
       * ("31.2%"), forms returned and families enrolled */
      note = g_strdup_printf (tr (report->catalog,
                                  N_("All questions pooled. Response rate %s: %s of %s families.")),
                              percent, responses_text, enrolled_text);
      if (under)
        {
          g_autofree char *marked =
            g_strdup_printf ("%s %s", note, tr (report->catalog, N_("Not representative")));

          g_free (note);
          note = g_steal_pointer (&marked);
        }
    }
  else
    note = g_strdup (tr (report->catalog, N_("All questions pooled.")));
  paragraph (report, note, FONT_SMALL, under ? &WARN_TEXT : &MUTED, 2);

  {
    g_autoptr(PlSatisfactionFigure) total = place_figure (report, report->term, NULL, NULL);

    if (total->suppressed)
      {
        g_autofree char *hidden =
          /* Translators: %s says how many answered ("fewer than 10") */
          g_strdup_printf (tr (report->catalog,
                               N_("No group is shown: %s families answered, too few to divide.")),
                           report->fewer);

        paragraph (report, hidden, FONT_BODY, &INK, 4);
        return;
      }
  }
  breakdown_section (report, tr (report->catalog, N_("By the language of the form")),
                     PL_GROUP_BY_FORM_LANGUAGE, NULL);
  if (report->home_language_question != NULL)
    breakdown_section (report, tr (report->catalog, N_("By the language spoken at home")),
                       PL_GROUP_BY_QUESTION, report->home_language_question);
}

/* Shown figures first, highest first; then hidden ones, then schools
 * nobody answered, by name. */
static int
compare_bars (const void *a,
              const void *b)
{
  const Bar *x = a, *y = b;
  int rank_x = shown (x->figure) ? 0 : x->figure->suppressed ? 1 : 2;
  int rank_y = shown (y->figure) ? 0 : y->figure->suppressed ? 1 : 2;

  if (rank_x != rank_y)
    return rank_x - rank_y;
  if (rank_x == 0 && x->figure->percent != y->figure->percent)
    return x->figure->percent > y->figure->percent ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/* The zone's report: every school beside the others. */
static void
schools_section (Report *report)
{
  const char *const *domains = pl_satisfaction_get_domains (report->satisfaction);
  guint n_domains = g_strv_length ((char **) domains);
  PlSatisfactionScope scope = { report->term, NULL, NULL, NULL };
  PlSatisfactionScope earlier = { report->previous, NULL, NULL, NULL };
  g_autoptr(GPtrArray) figures = pl_satisfaction_by_school (report->satisfaction, &scope);
  g_autoptr(GPtrArray) before = report->previous
                                ? pl_satisfaction_by_school (report->satisfaction, &earlier) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) heat = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) by_domain =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree Bar *bars = g_new0 (Bar, figures->len);
  Column columns[6];
  Column heat_columns[MAX_COLUMNS];
  guint n_columns, n_heat;

  for (guint i = 0; i < figures->len; i++)
    {
      PlSatisfactionFigure *figure = figures->pdata[i];
      PlSatisfactionFigure *then = before ? before->pdata[i] : NULL;
      PlSatisfactionScope one = { report->term, figure->group, NULL, NULL };
      g_autoptr(PlSatisfactionFigure) unused = NULL;
      gboolean under = FALSE;
      int change = 0;
      Row *row = row_add (rows);

      if (then != NULL)
        unused = pl_satisfaction_compare_previous (report->satisfaction, &one, &change);
      if (!shown (then) || !shown (figure))
        change = 0;
      bars[i].label = school_label (report->catalog, report->satisfaction, figure->group);
      bars[i].figure = figure;
      bars[i].strong = i == 0;
      bars[i].change = change;
      row->strong = i == 0;
      row_set (row, 0, bars[i].label, CELL_NORMAL);
      row_set_figure (report, row, 1, figure, FALSE);
      row_take (row, 4, rate_text (report, figure->group, report->term, &under),
                under ? CELL_WARN : CELL_NORMAL);
      row_set_change (report, row, 5, then, figure, change);
    }
  figure_columns (report, columns, tr (report->catalog, N_("School")), 0.32);
  columns[0].share = 0.31;
  columns[1].share = 0.09;
  columns[2].share = 0.12;
  columns[3].share = 0.15;
  columns[4] = (Column) { tr (report->catalog, N_("Response rate")), 0.17, PANGO_ALIGN_RIGHT };
  columns[5] = (Column) { tr (report->catalog, N_("Change")), 0.16, PANGO_ALIGN_LEFT };
  if (report->previous_text != NULL)
    columns[5].title = keep (report, g_strdup_printf (tr (report->catalog, N_("Since %s")),
                                                      report->previous_text));
  n_columns = 6;

  heading (report, tr (report->catalog, N_("Schools")), bar_chart_keep (report, figures->len));
  {
    /* Highest first, so the chart reads as a ranking; the tables below
     * keep the schools by name for finding one. */
    g_autofree Bar *ranked = g_memdup2 (bars, sizeof (Bar) * figures->len);

    if (figures->len > 2)
      qsort (ranked + 1, figures->len - 1, sizeof (Bar), compare_bars);
    bar_chart (report, ranked, figures->len);
  }
  chart_note (report, tr (report->catalog,
                          /* xgettext:no-c-format */
                          N_("Percent favorable, all questions pooled, with its 95% interval. "
                             "The dashed line is the whole zone.")));
  table (report, columns, n_columns, rows);

  /* The heat map: each domain of each school. */
  n_domains = MIN (n_domains, MAX_COLUMNS - 2);
  for (guint d = 0; d < n_domains; d++)
    {
      PlSatisfactionScope one = { report->term, NULL, domains[d], NULL };

      g_ptr_array_add (by_domain, pl_satisfaction_by_school (report->satisfaction, &one));
    }
  heat_columns[0] = (Column) { tr (report->catalog, N_("School")), 0.28, PANGO_ALIGN_LEFT };
  heat_columns[1] = (Column) { tr (report->catalog, N_("Overall")), 0, PANGO_ALIGN_CENTER };
  for (guint d = 0; d < n_domains; d++)
    {
      PlSatisfactionScope one = { report->term, NULL, domains[d], NULL };

      heat_columns[2 + d] = (Column) { measure_label (report->catalog, report->satisfaction, &one),
                                       0, PANGO_ALIGN_CENTER };
    }
  n_heat = 2 + n_domains;
  for (guint c = 1; c < n_heat; c++)
    heat_columns[c].share = 0.72 / (n_heat - 1);
  for (guint i = 0; i < figures->len; i++)
    {
      Row *row = row_add (heat);

      row->strong = i == 0;
      row_set (row, 0, bars[i].label, CELL_NORMAL);
      for (guint c = 1; c < n_heat; c++)
        {
          const PlSatisfactionFigure *figure =
            c == 1 ? figures->pdata[i] : ((GPtrArray *) by_domain->pdata[c - 2])->pdata[i];

          if (shown (figure))
            {
              row_take (row, c, format_percent (report->catalog, figure->percent), CELL_NORMAL);
              row->shade[c] = MAX (figure->percent, 0.01);
            }
          else
            row_take (row, c, percent_text (report, figure), CELL_MUTED);
        }
    }
  subheading (report, tr (report->catalog, N_("Each domain by school")), 80);
  chart_note (report, tr (report->catalog,
                          N_("Percent favorable; the darker the cell, the higher the figure.")));
  table (report, heat_columns, n_heat, heat);
}

static void
comments_section (Report *report)
{
  g_auto(GStrv) questions = pl_satisfaction_dup_comment_questions (report->satisfaction);
  PlSatisfactionScope scope = { report->term, report->school_id, NULL, NULL };
  gboolean started = FALSE;

  for (guint q = 0; questions[q]; q++)
    {
      g_autoptr(GPtrArray) comments = NULL;
      const char *question;
      gboolean withheld = FALSE;
      guint shown_comments;

      comments = pl_satisfaction_list_comments (report->satisfaction, &scope, questions[q],
                                                &withheld);
      if (comments == NULL || comments->len == 0)
        continue;
      if (!started)
        {
          heading (report, tr (report->catalog, N_("What families wrote")), 60);
          paragraph (report, tr (report->catalog,
                                 N_("Comments as families wrote them, in their own language.")),
                     FONT_SMALL, &MUTED, 4);
          started = TRUE;
        }
      question = pl_satisfaction_get_question_text (report->satisfaction, questions[q],
                                                    report->catalog->language);
      subheading (report, question ? question : questions[q], 40);
      shown_comments = MIN (comments->len, MAX_COMMENTS);
      for (guint i = 0; i < shown_comments; i++)
        {
          const PlSatisfactionComment *comment = comments->pdata[i];
          g_autoptr(PangoLayout) text = make_text (report, comment->text, FONT_BODY,
                                                   content_width (report) - 14, PANGO_ALIGN_LEFT);
          /* A comment in Arabic or Dari reads from the right: its marks go there. */
          gboolean rtl = pango_layout_get_line_readonly (text, 0)->resolved_dir ==
                         PANGO_DIRECTION_RTL;
          double text_x = rtl ? report->left + 2 : report->left + 12;
          double page_h = report->bottom - report->top - RUNNING_HEIGHT - 30;
          g_autofree char *where = NULL;
          g_autoptr(PangoLayout) language = NULL;
          double h;

          /* The zone's comments say which school they come from. */
          if (report->school_id == NULL)
            where = g_strdup_printf ("%s · %s", language_name (report->catalog, comment->language),
                                     school_label (report->catalog, report->satisfaction,
                                                   comment->school_id));
          else
            where = g_strdup (language_name (report->catalog, comment->language));
          language = make_text (report, where, FONT_SMALL_ITALIC, content_width (report) - 14,
                                rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          /* Typed comments have no length limit: one longer than a page
           * ends with an ellipsis there. */
          pango_layout_set_height (text, (int) (page_h * PANGO_SCALE));
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          h = layout_height (text) + 2 + layout_height (language);

          need (report, h);
          fill_rect (report, rtl ? report->right - 2.5 : report->left, report->y + 1, 2.5, h - 2,
                     &BAND);
          draw_layout (report, text, text_x, report->y, &INK);
          draw_layout (report, language, text_x, report->y + layout_height (text) + 2, &MUTED);
          report->y += h + 9;
          if (i % 20 == 19 && g_cancellable_is_cancelled (report->cancellable))
            return;
        }
      if (shown_comments < comments->len)
        {
          g_autofree char *first = format_count (report->catalog, shown_comments);
          g_autofree char *all = format_count (report->catalog, comments->len);
          g_autofree char *text =
            /* Translators: after a long list of comments; both numbers are
             * over a hundred ("150", "2,345") */
            g_strdup_printf (tr (report->catalog,
                                 N_("The first %s of %s comments are shown here; Porchlight’s "
                                    "dashboard lists them all.")), first, all);

          paragraph (report, text, FONT_SMALL_ITALIC, &MUTED, 6);
        }
    }
}

/* "How to read these numbers": the method of pl-satisfaction.h in plain words. */
static void
method_section (Report *report)
{
  double floor_rate = pl_satisfaction_get_response_rate_floor (report->satisfaction);
  g_autofree char *floor = format_percent (report->catalog, 100 * floor_rate);
  g_autofree char *rate = NULL;
  g_autofree char *small = NULL;
  struct
  {
    const char *lead;
    const char *text;
  } items[8];

  /* Translators: the method in plain words. The figures follow the top of
   * src/core/pl-satisfaction.h; keep the meaning exact. */
  items[0].lead = tr (report->catalog, N_("Percent favorable"));
  items[0].text = tr (report->catalog,
                      N_("Most questions are answered on a five-point scale. An answer is "
                         "favorable when it is one of the top two points: agree or strongly "
                         "agree, often or always. Percent favorable is the share of favorable "
                         "answers among the answers counted; “does not apply” and questions "
                         "left blank are not counted."));
  items[1].lead = tr (report->catalog, N_("Domains and overall"));
  items[1].text = tr (report->catalog,
                      N_("A domain’s figure pools the answers to all of its questions. The "
                         "overall figure pools every question except the demographic ones."));
  items[2].lead = tr (report->catalog, N_("n and the mean"));
  items[2].text = tr (report->catalog,
                      N_("n is the number of families (forms returned) with at least one answer "
                         "counted. The mean is the average answer on the scale from 1 to 5."));
  /* xgettext:no-c-format */
  items[3].lead = tr (report->catalog, N_("95% interval"));
  items[3].text = tr (report->catalog,
                      N_("Each percentage comes with a range, computed with Wilson’s method: had "
                         "other families of the school answered, the figure would most likely "
                         "fall within it. The fewer the families, the wider the range. It is "
                         "computed from the number of families, so pooling several questions "
                         "does not make it narrower."));
  items[4].lead = tr (report->catalog, N_("Response rate"));
  /* Translators: %s is the district's floor, such as "25.0%" */
  rate = g_strdup_printf (tr (report->catalog,
                              N_("The forms returned in the term divided by the families with a "
                                 "student enrolled at the school now. Below %s, the families who "
                                 "answered may not speak for the others, and the figures are "
                                 "marked “Not representative”.")), floor);
  items[4].text = rate;
  items[5].lead = tr (report->catalog, N_("Change since the previous term"));
  items[5].text = tr (report->catalog,
                      N_("A change is marked up or down only when the two terms’ intervals do not "
                         "overlap. When they overlap, the difference may be chance, and the "
                         "report says “No clear change”."));
  items[6].lead = tr (report->catalog, N_("Small groups"));
  /* Translators: the first %u is the district's minimum (5 or more), the
   * %s what a hidden figure says instead ("fewer than 10") */
  small = g_strdup_printf (tr (report->catalog,
                               N_("To protect families’ privacy, a group of fewer than %u families "
                                  "shows “%s” instead of a figure, and its comments are not "
                                  "printed. When one group of a table is hidden, the next "
                                  "smallest is hidden too, so that the hidden figure cannot be "
                                  "worked out from the total and the other groups.")),
                           report->minimum, report->fewer);
  items[6].text = small;
  items[7].lead = tr (report->catalog, N_("Comments"));
  items[7].text = tr (report->catalog,
                      N_("Families’ comments are printed as they wrote them, in their own "
                         "language."));

  finish_page (report);
  heading (report, tr (report->catalog, N_("How to read these numbers")), 80);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s.</b> %s", items[i].lead,
                                                         items[i].text);
      g_autoptr(PangoLayout) layout = make_markup (report, markup, FONT_BODY,
                                                   content_width (report), PANGO_ALIGN_LEFT);
      double h = layout_height (layout);

      need (report, h);
      draw_layout (report, layout, report->left, report->y, &INK);
      report->y += h + 9;
    }
}

/* Draws the whole report on @cr; returns the pages drawn. */
static guint
draw_report (Report   *report,
             cairo_t  *cr,
             GError  **error)
{
  report->cr = cr;
  report->page = 0;
  report->page_open = FALSE;

  begin_page (report);
  title_band (report);
  summary (report);
  domains_chart (report);
  if (cancelled (report, error))
    return 0;
  if (report->school_id == NULL)
    schools_section (report);
  questions_table (report);
  if (cancelled (report, error))
    return 0;
  trend_section (report);
  groups_section (report);
  if (cancelled (report, error))
    return 0;
  comments_section (report);
  if (cancelled (report, error))
    return 0;
  method_section (report);
  finish_page (report);
  return report->page;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return output_write (closure, (const char *) data, length) ? CAIRO_STATUS_SUCCESS
                                                             : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
write_pdf (PlSatisfaction                *satisfaction,
           const char                    *term,
           const char                    *school_id,
           const char                    *language,
           const char                    *locale_directory,
           PlPaperSize                    paper,
           const char                    *path,
           PlSatisfactionReportProgress   progress,
           gpointer                       progress_data,
           guint                         *n_pages,
           GCancellable                  *cancellable,
           GError                       **error)
{
  g_autoptr(Catalog) catalog = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Report report = { 0 };
  Output output = { -1, NULL, 0 };
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  cairo_font_options_t *options;
  cairo_status_t status;
  g_autofree char *pdf_title = NULL;
  gboolean ok = FALSE;
  guint pages;

  if (language == NULL)
    language = pl_satisfaction_report_get_default_language ();
  if (!check_term (satisfaction, term, error) || !check_school (satisfaction, school_id, error) ||
      !(catalog = catalog_new (language, locale_directory, error)))
    return FALSE;

  report.catalog = catalog;
  report.satisfaction = satisfaction;
  report.term = term;
  report.school_id = school_id;
  report.minimum = pl_satisfaction_get_minimum_cell_size (satisfaction);
  report.fewer = fewer_than (catalog, report.minimum);
  report.term_text = term_label (catalog, term);
  report.previous = previous_term (satisfaction, term);
  report.previous_text = report.previous ? term_label (catalog, report.previous) : NULL;
  report.home_language_question = find_home_language_question (satisfaction);
  report.date = g_date_time_format (now, "%Y-%m-%d");
  report.strings = g_ptr_array_new_with_free_func (g_free);
  report.cancellable = cancellable;
  if (paper == PL_PAPER_A4)
    {
      report.page_width = 210.0 / 25.4 * 72.0;
      report.page_height = 297.0 / 25.4 * 72.0;
    }
  else
    {
      report.page_width = 8.5 * 72.0;
      report.page_height = 11.0 * 72.0;
    }
  report.left = MARGIN_SIDE;
  report.right = report.page_width - MARGIN_SIDE;
  report.top = MARGIN_TOP;
  report.bottom = report.page_height - MARGIN_BOTTOM;

  /* Points as the unit and no hinting: a PDF is drawn at any size. */
  report.context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (report.context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (report.context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (report.context, pango_language_from_string (catalog->language));

  /* The first run counts the pages. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  pages = draw_report (&report, cr, error);
  cairo_destroy (g_steal_pointer (&cr));
  cairo_surface_destroy (g_steal_pointer (&surface));
  if (pages == 0)
    goto out;

  if (!output_open (&output, path, error))
    goto out;
  surface = cairo_pdf_surface_create_for_stream (write_cb, &output, report.page_width,
                                                 report.page_height);
  pdf_title = g_strdup_printf ("%s — %s — %s", report_title (&report), place_name (&report),
                               report.term_text);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Porchlight");
  cr = cairo_create (surface);
  report.total = pages;
  report.progress = progress;
  report.progress_data = progress_data;
  if (draw_report (&report, cr, error) == 0)
    goto out;
  cairo_destroy (g_steal_pointer (&cr));
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (output.error_number != 0)
        set_write_error (error, path, output.error_number);
      else
        g_set_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_WRITE,
                     _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      goto out;
    }
  if (!output_commit (&output, path, error))
    goto out;
  if (n_pages != NULL)
    *n_pages = pages;
  ok = TRUE;

out:
  if (cr != NULL)
    cairo_destroy (cr);
  if (surface != NULL)
    {
      /* Finishing flushes to the stream: only while the file is open. */
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  output_abort (&output);
  g_clear_object (&report.context);
  g_free (report.fewer);
  g_free (report.term_text);
  g_free (report.previous_text);
  g_free (report.home_language_question);
  g_free (report.date);
  g_ptr_array_unref (report.strings);
  return ok;
}

gboolean
pl_satisfaction_report_write_pdf (PlSatisfaction                *satisfaction,
                                  const char                    *term,
                                  const char                    *school_id,
                                  const char                    *language,
                                  PlPaperSize                    paper,
                                  const char                    *path,
                                  PlSatisfactionReportProgress   progress,
                                  gpointer                       progress_data,
                                  guint                         *n_pages,
                                  GCancellable                  *cancellable,
                                  GError                       **error)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (satisfaction), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_pdf (satisfaction, term, school_id, language, NULL, paper, path, progress,
                    progress_data, n_pages, cancellable, error);
}

/* The async variant */

typedef struct
{
  GTask                        *task;        /* not a reference: the task owns this */
  PlSatisfaction               *satisfaction;
  char                         *term;
  char                         *school_id;
  char                         *language;
  char                         *locale_directory;
  PlPaperSize                   paper;
  char                         *path;
  PlSatisfactionReportProgress  progress;
  gpointer                      progress_data;
  GMainContext                 *context;
  guint                         n_pages;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_object_unref (data->satisfaction);
  g_free (data->term);
  g_free (data->school_id);
  g_free (data->language);
  g_free (data->locale_directory);
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  GTask                       *task;
  PlSatisfactionReportProgress progress;
  gpointer                     progress_data;
  guint                        done;
  guint                        total;
} ProgressReport;

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  /* Once the caller has its result, it may have let go of its data. */
  if (!g_task_get_completed (report->task))
    report->progress (report->done, report->total, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  WriteData *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL)
    return;
  report = g_new (ProgressReport, 1);
  *report = (ProgressReport) { g_object_ref (data->task), data->progress, data->progress_data,
                               done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!write_pdf (data->satisfaction, data->term, data->school_id, data->language,
                  data->locale_directory, data->paper, data->path, thread_progress, data,
                  &data->n_pages, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_satisfaction_report_write_pdf_async (PlSatisfaction                *satisfaction,
                                        const char                    *term,
                                        const char                    *school_id,
                                        const char                    *language,
                                        PlPaperSize                    paper,
                                        const char                    *path,
                                        PlSatisfactionReportProgress   progress,
                                        gpointer                       progress_data,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (PL_IS_SATISFACTION (satisfaction));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_satisfaction_report_write_pdf_async);
  data = g_new0 (WriteData, 1);
  data->task = task;
  data->satisfaction = g_object_ref (satisfaction);
  data->term = g_strdup (term);
  data->school_id = g_strdup (school_id);
  data->language = g_strdup (language);
  /* Where the catalogs are, asked here rather than on the worker. */
  data->locale_directory = catalog_directory ();
  data->paper = paper;
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
pl_satisfaction_report_write_pdf_finish (GAsyncResult  *result,
                                         guint         *n_pages,
                                         GError       **error)
{
  WriteData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pl_satisfaction_report_write_pdf_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (n_pages != NULL)
    *n_pages = data->n_pages;
  return TRUE;
}

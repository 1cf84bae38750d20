/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include "pl-normalize.h"

/* Letters that carry their accent in the letter itself rather than as a
 * combining mark, so NFKD leaves them alone. Folded by hand so that a person
 * typing plain Latin still finds them (Vietnamese đ above all). */
static const struct
{
  gunichar    ch;
  const char *ascii;
} extra_folds[] = {
  { 0x0111, "d" },  /* đ */
  { 0x0110, "d" },  /* Đ */
  { 0x00F0, "d" },  /* ð */
  { 0x00D0, "d" },  /* Ð */
  { 0x00F8, "o" },  /* ø */
  { 0x00D8, "o" },  /* Ø */
  { 0x0142, "l" },  /* ł */
  { 0x0141, "l" },  /* Ł */
  { 0x0131, "i" },  /* dotless ı */
  { 0x00E6, "ae" }, /* æ */
  { 0x00C6, "ae" }, /* Æ */
  { 0x0153, "oe" }, /* œ */
  { 0x0152, "oe" }, /* Œ */
  { 0x00DF, "ss" }, /* ß */
  { 0x0640, "" },   /* Arabic tatweel, only stretches a word */
  { 0x200C, "" },   /* zero-width non-joiner, common in Dari and Persian */
  { 0x200D, "" },   /* zero-width joiner */
  /* Arabic letter variants people type interchangeably */
  { 0x0623, "\xd8\xa7" }, /* أ → ا */
  { 0x0625, "\xd8\xa7" }, /* إ → ا */
  { 0x0622, "\xd8\xa7" }, /* آ → ا */
  { 0x0671, "\xd8\xa7" }, /* ٱ → ا */
  { 0x0649, "\xd9\x8a" }, /* ى → ي */
  { 0x06CC, "\xd9\x8a" }, /* Persian ی → ي */
  { 0x06A9, "\xd9\x83" }, /* Persian ک → ك */
  { 0x0629, "\xd9\x87" }, /* ة → ه */
};

static const char *
extra_fold (gunichar ch)
{
  for (guint i = 0; i < G_N_ELEMENTS (extra_folds); i++)
    if (extra_folds[i].ch == ch)
      return extra_folds[i].ascii;
  return NULL;
}

static gboolean
is_mark (gunichar ch)
{
  GUnicodeType type = g_unichar_type (ch);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK;
}

static gboolean
is_word_char (gunichar ch)
{
  /* Spacing marks (Devanagari vowel signs) belong to their word. */
  return g_unichar_isalnum (ch) || g_unichar_type (ch) == G_UNICODE_SPACING_MARK;
}

/**
 * pl_normalize_text:
 * @text: (nullable): any UTF-8 text
 *
 * Returns: (transfer full): the folded text, words separated by one space
 */
char *
pl_normalize_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean need_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *replacement;

      if (is_mark (ch))
        continue;

      replacement = extra_fold (ch);
      if (replacement != NULL)
        {
          if (*replacement == '\0')
            continue;
          if (need_space && out->len > 0)
            g_string_append_c (out, ' ');
          need_space = FALSE;
          g_string_append (out, replacement);
          continue;
        }

      if (!is_word_char (ch))
        {
          need_space = TRUE;
          continue;
        }

      if (need_space && out->len > 0)
        g_string_append_c (out, ' ');
      need_space = FALSE;
      g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

char *
pl_normalize_phone_digits (const char *phone)
{
  GString *out = g_string_new (NULL);

  for (const char *p = phone; p && *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (ch);

      /* Arabic-Indic and other digits count too */
      if (digit >= 0)
        g_string_append_c (out, '0' + digit);
    }
  return g_string_free (out, FALSE);
}

char *
pl_normalize_phone_tokens (const char *phone)
{
  g_autofree char *digits = pl_normalize_phone_digits (phone);
  gsize len = strlen (digits);
  GString *out;

  if (len == 0)
    return g_strdup ("");

  out = g_string_new (digits);
  /* A US number with its country code: index it without the 1 too. */
  if (len == 11 && digits[0] == '1')
    g_string_append_printf (out, " %s", digits + 1);
  if (len > 7)
    g_string_append_printf (out, " %s", digits + len - 7);
  if (len > 4)
    g_string_append_printf (out, " %s", digits + len - 4);
  return g_string_free (out, FALSE);
}

/* A query is a phone number when it holds only digits and phone punctuation. */
static gboolean
looks_like_phone (const char *query)
{
  guint digits = 0;

  for (const char *p = query; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_digit_value (ch) >= 0)
        digits++;
      else if (!strchr ("()-.+ /", (int) ch) || ch == 0)
        return FALSE;
    }
  return digits >= 3;
}

/**
 * pl_normalize_query:
 * @query: what a person typed
 *
 * Every word becomes a prefix term, all of which must match: "nguyen hu"
 * finds "Nguyễn Thị Hương". A phone number is searched by its digits, so
 * "555-0199" and "(413) 555-0199" find the same family.
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression
 */
char *
pl_normalize_query (const char *query)
{
  g_autofree char *normalized = NULL;
  g_auto(GStrv) words = NULL;
  GString *out;

  if (query == NULL)
    return NULL;

  if (looks_like_phone (query))
    {
      g_autofree char *digits = pl_normalize_phone_digits (query);
      const char *start = digits;

      /* Numbers are indexed whole, by their last seven and by their last four
       * digits; a US country code typed in front is dropped. */
      if (strlen (digits) == 11 && digits[0] == '1')
        start++;
      return g_strdup_printf ("\"%s\"*", start);
    }

  normalized = pl_normalize_text (query);
  words = g_strsplit (normalized, " ", -1);
  out = g_string_new (NULL);
  for (guint i = 0; words[i]; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* Normalized words hold no quotes, so quoting makes any word a plain term. */
      g_string_append_printf (out, "\"%s\"*", words[i]);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"

static void
assert_folds (const char *text,
              const char *expected)
{
  g_autofree char *folded = pl_normalize_text (text);
  g_assert_cmpstr (folded, ==, expected);
}

static void
test_latin (void)
{
  assert_folds ("Nguyễn Thị Hương", "nguyen thi huong");
  assert_folds ("José", "jose");
  assert_folds ("JOSÉ  Rodríguez-Núñez", "jose rodriguez nunez");
  assert_folds ("Đặng Văn Đức", "dang van duc");
  assert_folds ("Conceição", "conceicao");
  assert_folds ("Kreyòl", "kreyol");
  assert_folds ("Straße", "strasse");
  assert_folds ("O'Brien", "o brien");
  assert_folds ("  ", "");
  assert_folds (NULL, "");
}

static void
test_other_scripts (void)
{
  g_autofree char *plain = pl_normalize_text ("محمد");

  /* Arabic vowel marks (harakat) are dropped, so both spellings meet. */
  assert_folds ("مُحَمَّد", plain);
  /* Tatweel only stretches a word. */
  assert_folds ("محـــمد", plain);
  /* Hamza forms of alef fold to plain alef. */
  {
    g_autofree char *a = pl_normalize_text ("أحمد");
    g_autofree char *b = pl_normalize_text ("احمد");
    g_assert_cmpstr (a, ==, b);
  }
  /* Dari/Persian yeh and kaf meet their Arabic forms. */
  {
    g_autofree char *a = pl_normalize_text ("کریمی");
    g_autofree char *b = pl_normalize_text ("كريمي");
    g_assert_cmpstr (a, ==, b);
  }
  /* Devanagari keeps its vowel signs (spacing marks) inside the word. */
  {
    g_autofree char *folded = pl_normalize_text ("सीता अधिकारी");
    g_auto(GStrv) words = g_strsplit (folded, " ", -1);
    g_assert_cmpuint (g_strv_length (words), ==, 2);
  }
  assert_folds ("ИВАНОВА", "иванова");
}

static void
test_phone (void)
{
  g_autofree char *digits = pl_normalize_phone_digits ("(413) 555-0199");
  g_autofree char *tokens = pl_normalize_phone_tokens ("(413) 555-0199");
  g_autofree char *us = pl_normalize_phone_tokens ("+1 413 555 0199");

  g_assert_cmpstr (digits, ==, "4135550199");
  g_assert_cmpstr (tokens, ==, "4135550199 5550199 0199");
  g_assert_nonnull (strstr (us, "4135550199"));
}

static void
test_query (void)
{
  struct { const char *query; const char *match; } cases[] = {
    { "nguyen thi huong", "\"nguyen\"* \"thi\"* \"huong\"*" },
    { "Nguyễn", "\"nguyen\"*" },
    { "4135550199", "\"4135550199\"*" },
    { "555-0199", "\"5550199\"*" },
    { "(413) 555-0199", "\"4135550199\"*" },
    { "+1 (413) 555-0199", "\"4135550199\"*" },
    /* FTS syntax typed by a person is only text. */
    { "name\" OR x*", "\"name\"* \"or\"* \"x\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = pl_normalize_query (cases[i].query);
      g_assert_cmpstr (match, ==, cases[i].match);
    }
  g_assert_null (pl_normalize_query ("  -- "));
  g_assert_null (pl_normalize_query (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/normalize/latin", test_latin);
  g_test_add_func ("/normalize/other-scripts", test_other_scripts);
  g_test_add_func ("/normalize/phone", test_phone);
  g_test_add_func ("/normalize/query", test_query);
  return g_test_run ();
}

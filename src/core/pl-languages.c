/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-languages.h"
#include "pl-normalize.h"

/* The languages families in the zone speak at home, with each one's own name
 * for itself so a family recognizes it whatever language the app is in. */
static const PlLanguage languages[] = {
  { "en",  N_("English"),          "English",          FALSE },
  { "es",  N_("Spanish"),          "Español",          FALSE },
  { "vi",  N_("Vietnamese"),       "Tiếng Việt",       FALSE },
  { "ar",  N_("Arabic"),           "العربية",          TRUE },
  { "ne",  N_("Nepali"),           "नेपाली",           FALSE },
  { "so",  N_("Somali"),           "Soomaali",         FALSE },
  { "sw",  N_("Swahili"),          "Kiswahili",        FALSE },
  { "pt",  N_("Portuguese"),       "Português",        FALSE },
  { "prs", N_("Dari"),             "دری",              TRUE },
  { "ht",  N_("Haitian Creole"),   "Kreyòl ayisyen",   FALSE },
  { "ru",  N_("Russian"),          "Русский",          FALSE },
  { "zh",  N_("Chinese"),          "中文",             FALSE },
  { "km",  N_("Khmer"),            "ខ្មែរ",              FALSE },
  { "ps",  N_("Pashto"),           "پښتو",             TRUE },
  { "fr",  N_("French"),           "Français",         FALSE },
  { "ti",  N_("Tigrinya"),         "ትግርኛ",            FALSE },
  { "my",  N_("Burmese"),          "မြန်မာ",            FALSE },
  { "uk",  N_("Ukrainian"),        "Українська",       FALSE },
  { "ku",  N_("Kurdish"),          "Kurdî",            FALSE },
  { "asl", N_("American Sign Language"), "ASL",        FALSE },
  { NULL, NULL, NULL, FALSE },
};

const PlLanguage *
pl_languages_get_all (void)
{
  return languages;
}

const PlLanguage *
pl_language_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; languages[i].code; i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

const char *
pl_language_get_name (const char *code)
{
  const PlLanguage *language = pl_language_lookup (code);

  if (language == NULL)
    return code ? code : "";
  return g_dgettext (GETTEXT_PACKAGE, language->name);
}

/* Other names and codes that school records use for the zone's languages:
 * ISO 639-2/3 codes and common spellings, already folded as
 * pl_normalize_text() folds them. */
static const struct
{
  const char *alias;
  const char *code;
} language_aliases[] = {
  { "eng", "en" },
  { "spa", "es" }, { "castellano", "es" },
  { "vie", "vi" },
  { "ara", "ar" }, { "arb", "ar" },
  { "nep", "ne" }, { "npi", "ne" }, { "nepalese", "ne" },
  { "som", "so" },
  { "swa", "sw" }, { "swh", "sw" },
  { "por", "pt" },
  { "dari", "prs" }, { "fa af", "prs" }, { "afghan persian", "prs" },
  { "hat", "ht" }, { "haitian", "ht" }, { "haitian creole", "ht" }, { "creole haitian", "ht" },
  { "kreyol", "ht" }, { "haitian kreyol", "ht" },
  { "rus", "ru" },
  { "zho", "zh" }, { "chi", "zh" }, { "mandarin", "zh" }, { "cantonese", "zh" },
  { "chinese mandarin", "zh" }, { "chinese cantonese", "zh" }, { "putonghua", "zh" },
  { "khm", "km" }, { "cambodian", "km" },
  { "pus", "ps" }, { "pashtu", "ps" },
  { "fra", "fr" }, { "fre", "fr" },
  { "tir", "ti" }, { "tigrigna", "ti" },
  { "mya", "my" }, { "bur", "my" }, { "myanmar", "my" },
  { "ukr", "uk" },
  { "kur", "ku" }, { "kurmanji", "ku" }, { "sorani", "ku" },
  { "sgn", "asl" }, { "sign language", "asl" }, { "american sign language", "asl" },
};

/* Folded English and own names of the languages, made once: NFKD for every
 * lookup would cost more than the lookups. */
static const char *const *
folded_names (void)
{
  static gsize initialized = 0;
  static char **names = NULL;

  if (g_once_init_enter (&initialized))
    {
      guint n = 0;

      while (languages[n].code)
        n++;
      names = g_new0 (char *, 2 * n + 1);
      for (guint i = 0; i < n; i++)
        {
          names[2 * i] = pl_normalize_text (languages[i].name);
          names[2 * i + 1] = pl_normalize_text (languages[i].native_name);
        }
      g_once_init_leave (&initialized, 1);
    }
  return (const char *const *) names;
}

static const char *
lookup_folded (const char *folded)
{
  const char *const *names = folded_names ();

  for (guint i = 0; languages[i].code; i++)
    if (g_str_equal (folded, languages[i].code) || g_str_equal (folded, names[2 * i]) ||
        g_str_equal (folded, names[2 * i + 1]))
      return languages[i].code;
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (g_str_equal (folded, language_aliases[i].alias))
      return language_aliases[i].code;
  return NULL;
}

const char *
pl_language_from_text (const char *text)
{
  g_autofree char *folded = pl_normalize_text (text);
  g_auto(GStrv) words = NULL;
  const char *code;

  if (*folded == '\0')
    return NULL;
  if ((code = lookup_folded (folded)) != NULL)
    return code;

  /* "es-MX", "pt_BR", "Spanish (Mexico)", "Arabic - Levantine": the first
   * word names the language, the rest a region or a variety. */
  words = g_strsplit (folded, " ", 2);
  if (words[0] != NULL && words[1] != NULL)
    return lookup_folded (words[0]);
  return NULL;
}

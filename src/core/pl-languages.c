/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-languages.h"

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

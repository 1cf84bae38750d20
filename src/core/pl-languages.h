/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;        /* ISO 639 code, e.g. "es", "so", "prs" */
  const char *name;        /* English name, translatable (use pl_language_get_name) */
  const char *native_name; /* the language's name for itself, in its own script */
  gboolean    rtl;         /* written right to left */
} PlLanguage;

/* The zone's languages, in a stable order; terminated by an entry whose code is NULL. */
const PlLanguage *pl_languages_get_all   (void);
const PlLanguage *pl_language_lookup     (const char *code);
/* The translated name of a language, or the code itself when it is unknown. */
const char       *pl_language_get_name   (const char *code);
/* The code of the language a file or a person names: a code ("es", "spa",
 * "es-MX"), an English name, the language's own name, or a common spelling
 * from school records ("Mandarin", "Cambodian", "Haitian Creole"). NULL when
 * it is none of the zone's languages. */
const char       *pl_language_from_text  (const char *text);

G_END_DECLS

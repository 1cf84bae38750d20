/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names of one home language of the demo district. Every name list is
 * NULL-terminated and written in the language's own script. When
 * @family_name_first is TRUE a full name is written "Family Given". */
typedef struct
{
  const char        *code;          /* home-language code, as in pl-languages.h */
  guint              weight;        /* families per 1000 speaking it at home */
  const char *const *given_female;
  const char *const *given_male;
  const char *const *family;
  gboolean           family_name_first;
} PlDemoLanguageNames;

/* A school of the demo district. Grades as in pl-student.h (-1 is PK). */
typedef struct
{
  const char *name;
  const char *code;
  int         grade_low;
  int         grade_high;
} PlDemoSchool;

/* The home languages of the demo district with their names; the weights add
 * up to 1000. */
const PlDemoLanguageNames *pl_demo_names_get_languages (guint *n_languages);

/* Street names of the demo city, NULL-terminated. */
const char *const         *pl_demo_names_streets       (void);

/* The demo city. */
const char                *pl_demo_names_city          (void);

/* The 60 schools of the demo district: elementary, middle, K–8 and high. */
const PlDemoSchool        *pl_demo_names_get_schools   (guint *n_schools);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-form-code.h"
#include "pl-survey.h"

#define MAX_SCHOOL_CODE 8

/* The school part: its code's letters and digits, upper-cased. */
static char *
school_part (const char *school_code)
{
  GString *part = g_string_new (NULL);

  for (const char *p = school_code; p && *p; p++)
    if (g_ascii_isalnum (*p) && part->len < MAX_SCHOOL_CODE)
      g_string_append_c (part, g_ascii_toupper (*p));
  if (part->len == 0)
    {
      g_string_free (part, TRUE);
      return NULL;
    }
  return g_string_free (part, FALSE);
}

char *
pl_form_code_format (guint       survey_number,
                     const char *school_code,
                     guint       serial)
{
  g_autofree char *school = school_part (school_code);

  if (school == NULL)
    return NULL;
  return g_strdup_printf ("S%u-%s-%05u", survey_number, school, serial);
}

static char *
bad_code (const char  *text,
          GError     **error)
{
  g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
               /* Translators: %s is what was typed; the example is a form code */
               _("“%s” is not a form code; form codes look like S3-0153-00421"), text);
  return NULL;
}

char *
pl_form_code_parse (const char  *text,
                    guint       *survey_number,
                    char       **school_code,
                    guint       *serial,
                    GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  const char *p = shown;
  guint64 number, serial_number;
  char *end;

  /* Groups of letters and digits, split by dashes, spaces or dots. */
  while (*p)
    {
      const char *start;

      while (*p && (*p == '-' || *p == ' ' || *p == '.' || *p == '_'))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p == start && *p)
        return bad_code (shown, error);
      if (p > start)
        g_ptr_array_add (parts, g_ascii_strup (start, p - start));
    }

  /* "S3" "0153" "00421", or the survey letter apart: "S" "3" … */
  if (parts->len == 4 && g_str_equal (parts->pdata[0], "S"))
    {
      char *joined = g_strconcat ("S", parts->pdata[1], NULL);

      g_ptr_array_remove_index (parts, 0);
      g_free (parts->pdata[0]);
      parts->pdata[0] = joined;
    }
  if (parts->len != 3)
    return bad_code (shown, error);

  if (((char *) parts->pdata[0])[0] != 'S' || !g_ascii_isdigit (((char *) parts->pdata[0])[1]))
    return bad_code (shown, error);
  number = g_ascii_strtoull ((char *) parts->pdata[0] + 1, &end, 10);
  if (*end != '\0' || number == 0 || number > 9999)
    return bad_code (shown, error);

  if (strlen (parts->pdata[1]) > MAX_SCHOOL_CODE)
    return bad_code (shown, error);

  for (const char *s = parts->pdata[2]; *s; s++)
    if (!g_ascii_isdigit (*s))
      return bad_code (shown, error);
  serial_number = g_ascii_strtoull (parts->pdata[2], &end, 10);
  if (strlen (parts->pdata[2]) > 9 || serial_number == 0)
    return bad_code (shown, error);

  if (survey_number)
    *survey_number = number;
  if (school_code)
    *school_code = g_strdup (parts->pdata[1]);
  if (serial)
    *serial = serial_number;
  return pl_form_code_format (number, parts->pdata[1], serial_number);
}

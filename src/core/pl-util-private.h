/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *str_pointer with a copy of @value and says whether it changed.
 * An empty string is stored as NULL, so "no value" has one form. (GLib 2.74
 * has no g_set_str.) */
static inline gboolean
_pl_set_str (char       **str_pointer,
             const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*str_pointer, value) == 0)
    return FALSE;
  g_free (*str_pointer);
  *str_pointer = g_strdup (value);
  return TRUE;
}

/* A new random UUID for a row, made on the device that creates it. */
static inline char *
_pl_new_id (void)
{
  return g_uuid_string_random ();
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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

/* Tells @model's watchers what changed between two lists of rowids: only the
 * run between their common head and tail, or everything when @all_changed
 * (rows whose content may differ under the same ids). Returns whether the
 * number of items changed. */
static inline gboolean
_pl_rowids_announce (GListModel   *model,
                     const GArray *old,
                     const GArray *fresh,
                     gboolean      all_changed)
{
  guint old_n = old->len, new_n = fresh->len, head = 0, tail = 0;

  if (!all_changed)
    {
      while (head < old_n && head < new_n &&
             g_array_index (old, gint64, head) == g_array_index (fresh, gint64, head))
        head++;
      while (tail < old_n - head && tail < new_n - head &&
             g_array_index (old, gint64, old_n - 1 - tail) ==
             g_array_index (fresh, gint64, new_n - 1 - tail))
        tail++;
    }
  if (old_n - head - tail > 0 || new_n - head - tail > 0)
    g_list_model_items_changed (model, head, old_n - head - tail, new_n - head - tail);
  return old_n != new_n;
}

G_END_DECLS

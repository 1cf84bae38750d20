/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_CLOCK (pl_clock_get_type ())
G_DECLARE_FINAL_TYPE (PlClock, pl_clock, PL, CLOCK, GObject)

/* A hybrid logical clock: physical milliseconds, a counter and the device id.
 * Its string form sorts in clock order, so SQLite compares stamps as text. */
PlClock *pl_clock_new        (const char *device_id,
                              const char *last_stamp);
char    *pl_clock_now        (PlClock    *self);
void     pl_clock_observe    (PlClock    *self,
                              const char *remote_stamp);
const char *pl_clock_get_device_id (PlClock *self);
char    *pl_clock_dup_last   (PlClock    *self);
/* Sets the last stamp issued, even backwards: only for stamps that ran
 * ahead on a wrong wall clock and were all rewritten (doc/sync-protocol.md,
 * "A clock that ran ahead"). */
void     pl_clock_set_last   (PlClock    *self,
                              const char *stamp);

/* The wall clock as this clock reads it, in milliseconds since the epoch. */
gint64   pl_clock_get_wall_ms (PlClock  *self);

/* Test seam: replaces the wall clock of every clock without a time func of
 * its own, as a computer whose date is wrong would (NULL: the real one). */
void     pl_clock_set_default_time_func (gint64 (*func) (gpointer user_data),
                                         gpointer  user_data);

/* Test seam: replaces the wall clock (milliseconds since the epoch). */
void     pl_clock_set_time_func (PlClock   *self,
                                 gint64   (*func) (gpointer user_data),
                                 gpointer   user_data);

gboolean pl_hlc_parse        (const char *stamp,
                              gint64     *physical_ms,
                              guint      *counter,
                              const char **device_id);
int      pl_hlc_compare      (const char *a,
                              const char *b);

G_END_DECLS

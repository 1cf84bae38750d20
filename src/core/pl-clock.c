/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl-clock.h"

/* Stamps look like "0192F3A4B5C6D-0000-<device id>": thirteen hex digits of
 * milliseconds, four of counter, then the device. Fixed width keeps text order
 * equal to clock order, with the device id breaking ties. */
#define PHYS_DIGITS 13
#define COUNTER_DIGITS 4
#define COUNTER_MAX 0xFFFF

struct _PlClock
{
  GObject parent_instance;

  GMutex  lock;
  char   *device_id;
  gint64  last_ms;
  guint   last_counter;

  gint64  (*time_func) (gpointer user_data);
  gpointer time_data;
};

G_DEFINE_FINAL_TYPE (PlClock, pl_clock, G_TYPE_OBJECT)

static gint64 (*default_time_func) (gpointer user_data);
static gpointer default_time_data;

static gint64
wall_clock_ms (gpointer user_data)
{
  if (default_time_func != NULL)
    return default_time_func (default_time_data);
  return g_get_real_time () / 1000;
}

void
pl_clock_set_default_time_func (gint64 (*func) (gpointer user_data),
                                gpointer  user_data)
{
  default_time_func = func;
  default_time_data = user_data;
}

gint64
pl_clock_get_wall_ms (PlClock *self)
{
  g_return_val_if_fail (PL_IS_CLOCK (self), 0);
  return self->time_func (self->time_data);
}

static void
pl_clock_finalize (GObject *object)
{
  PlClock *self = PL_CLOCK (object);

  g_free (self->device_id);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pl_clock_parent_class)->finalize (object);
}

static void
pl_clock_class_init (PlClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_clock_finalize;
}

static void
pl_clock_init (PlClock *self)
{
  g_mutex_init (&self->lock);
  self->time_func = wall_clock_ms;
}

/**
 * pl_clock_new:
 * @device_id: this device's id (no '-' inside)
 * @last_stamp: (nullable): the last stamp this device issued, so a restart
 *   never goes backwards even when the wall clock did
 */
PlClock *
pl_clock_new (const char *device_id,
              const char *last_stamp)
{
  PlClock *self;
  gint64 ms;
  guint counter;

  g_return_val_if_fail (device_id != NULL && *device_id != '\0', NULL);

  self = g_object_new (PL_TYPE_CLOCK, NULL);
  self->device_id = g_strdup (device_id);
  if (last_stamp != NULL && pl_hlc_parse (last_stamp, &ms, &counter, NULL))
    {
      self->last_ms = ms;
      self->last_counter = counter;
    }
  return self;
}

const char *
pl_clock_get_device_id (PlClock *self)
{
  g_return_val_if_fail (PL_IS_CLOCK (self), NULL);
  return self->device_id;
}

void
pl_clock_set_time_func (PlClock  *self,
                        gint64  (*func) (gpointer user_data),
                        gpointer  user_data)
{
  g_return_if_fail (PL_IS_CLOCK (self));
  self->time_func = func ? func : wall_clock_ms;
  self->time_data = user_data;
}

static char *
format_stamp (gint64      ms,
              guint       counter,
              const char *device_id)
{
  return g_strdup_printf ("%0" G_STRINGIFY (PHYS_DIGITS) "" G_GINT64_MODIFIER "X-%04X-%s",
                          ms, counter, device_id);
}

/* Must hold the lock. Advances past (ms, counter) so stamps stay strictly increasing. */
static void
advance_locked (PlClock *self,
                gint64   other_ms,
                guint    other_counter)
{
  gint64 now = self->time_func (self->time_data);
  gint64 top = MAX (now, MAX (self->last_ms, other_ms));

  if (top == self->last_ms && top == other_ms)
    self->last_counter = MAX (self->last_counter, other_counter) + 1;
  else if (top == self->last_ms)
    self->last_counter = self->last_counter + 1;
  else if (top == other_ms)
    self->last_counter = other_counter + 1;
  else
    self->last_counter = 0;
  self->last_ms = top;

  /* The counter only overflows if 65,536 stamps share one millisecond; borrow
   * the next millisecond rather than wrap. */
  if (self->last_counter > COUNTER_MAX)
    {
      self->last_ms++;
      self->last_counter = 0;
    }
}

/**
 * pl_clock_now:
 *
 * Returns: (transfer full): a new stamp, later than every stamp this clock
 *   issued or observed before.
 */
char *
pl_clock_now (PlClock *self)
{
  char *stamp;

  g_return_val_if_fail (PL_IS_CLOCK (self), NULL);

  g_mutex_lock (&self->lock);
  advance_locked (self, 0, 0);
  stamp = format_stamp (self->last_ms, self->last_counter, self->device_id);
  g_mutex_unlock (&self->lock);

  return stamp;
}

/**
 * pl_clock_observe:
 * @remote_stamp: a stamp received from another device
 *
 * Moves the clock past @remote_stamp, so the next local change orders after
 * everything this device has seen, whatever the laptop's wall clock says.
 */
void
pl_clock_observe (PlClock    *self,
                  const char *remote_stamp)
{
  gint64 ms;
  guint counter;

  g_return_if_fail (PL_IS_CLOCK (self));

  if (!pl_hlc_parse (remote_stamp, &ms, &counter, NULL))
    return;

  g_mutex_lock (&self->lock);
  advance_locked (self, ms, counter);
  g_mutex_unlock (&self->lock);
}

/**
 * pl_clock_set_last:
 * @stamp: the new last stamp
 *
 * Unlike pl_clock_observe(), may move the clock back.
 */
void
pl_clock_set_last (PlClock    *self,
                   const char *stamp)
{
  gint64 ms;
  guint counter;

  g_return_if_fail (PL_IS_CLOCK (self));

  if (!pl_hlc_parse (stamp, &ms, &counter, NULL))
    return;

  g_mutex_lock (&self->lock);
  self->last_ms = ms;
  self->last_counter = counter;
  g_mutex_unlock (&self->lock);
}

char *
pl_clock_dup_last (PlClock *self)
{
  char *stamp;

  g_return_val_if_fail (PL_IS_CLOCK (self), NULL);

  g_mutex_lock (&self->lock);
  stamp = format_stamp (self->last_ms, self->last_counter, self->device_id);
  g_mutex_unlock (&self->lock);
  return stamp;
}

static gboolean
parse_hex (const char *text,
           gsize       len,
           guint64    *out)
{
  guint64 value = 0;

  for (gsize i = 0; i < len; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);
      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint) digit;
    }
  *out = value;
  return TRUE;
}

/**
 * pl_hlc_parse:
 * @stamp: a stamp as made by pl_clock_now()
 * @device_id: (out) (optional) (transfer none): points into @stamp
 *
 * Returns: %TRUE if @stamp is well formed
 */
gboolean
pl_hlc_parse (const char  *stamp,
              gint64      *physical_ms,
              guint       *counter,
              const char **device_id)
{
  guint64 ms, count;

  if (stamp == NULL || strlen (stamp) < PHYS_DIGITS + 1 + COUNTER_DIGITS + 2)
    return FALSE;
  if (stamp[PHYS_DIGITS] != '-' || stamp[PHYS_DIGITS + 1 + COUNTER_DIGITS] != '-')
    return FALSE;
  if (!parse_hex (stamp, PHYS_DIGITS, &ms) ||
      !parse_hex (stamp + PHYS_DIGITS + 1, COUNTER_DIGITS, &count))
    return FALSE;

  if (physical_ms)
    *physical_ms = (gint64) ms;
  if (counter)
    *counter = (guint) count;
  if (device_id)
    *device_id = stamp + PHYS_DIGITS + 1 + COUNTER_DIGITS + 1;
  return TRUE;
}

/* Orders two stamps; NULL sorts before every stamp. */
int
pl_hlc_compare (const char *a,
                const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

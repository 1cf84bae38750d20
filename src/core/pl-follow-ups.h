/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-follow-up.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_FOLLOW_UPS_ERROR (pl_follow_ups_error_quark ())

typedef enum
{
  PL_FOLLOW_UPS_ERROR_NOT_OPEN,      /* no such contact, or its follow-up is done or gone */
  PL_FOLLOW_UPS_ERROR_INVALID_DATE,  /* not a calendar date */
  PL_FOLLOW_UPS_ERROR_PAST_DATE,     /* a new due date before today */
} PlFollowUpsError;

GQuark pl_follow_ups_error_quark (void);

/* Whose follow-ups a list shows. "Me" is the store's person (the setting
 * "me", a staff user name): theirs are the ones they own, or logged without
 * naming an owner. "My schools" are the schools of that person's staff
 * record; without one, every school. */
typedef enum
{
  PL_FOLLOW_UP_SCOPE_MINE,
  PL_FOLLOW_UP_SCOPE_MY_SCHOOLS,
  PL_FOLLOW_UP_SCOPE_EVERYONE,
} PlFollowUpScope;

typedef struct
{
  guint overdue;
  guint today;
  guint this_week;
} PlFollowUpCounts;

#define PL_TYPE_FOLLOW_UPS (pl_follow_ups_get_type ())
G_DECLARE_FINAL_TYPE (PlFollowUps, pl_follow_ups, PL, FOLLOW_UPS, GObject)

/* A GListModel of the open PlFollowUps (due date set, not done, contact and
 * family not deleted) of one scope and one period, read lazily: it keeps the
 * ordered row ids and builds items for a window around the ones asked for.
 * Overdue ones come most recently due first (the ones a call can still
 * save), the others soonest first; on one day, by household name.
 *
 * Properties: "store", "scope", "period", "now" (a pinned time, NULL for
 * the clock), "time-zone" (the zone whose calendar days count, NULL for the
 * local one), "n-items". A change saved through the store (a contact, a
 * follow-up marked done) updates the list; a new day needs
 * pl_follow_ups_refresh(). */
PlFollowUps      *pl_follow_ups_new            (PlStore          *store,
                                                PlFollowUpScope   scope,
                                                PlFollowUpPeriod  period);
PlStore          *pl_follow_ups_get_store      (PlFollowUps      *self);
void              pl_follow_ups_set_scope      (PlFollowUps      *self,
                                                PlFollowUpScope   scope);
PlFollowUpScope   pl_follow_ups_get_scope      (PlFollowUps      *self);
void              pl_follow_ups_set_period     (PlFollowUps      *self,
                                                PlFollowUpPeriod  period);
PlFollowUpPeriod  pl_follow_ups_get_period     (PlFollowUps      *self);
void              pl_follow_ups_set_now        (PlFollowUps      *self,
                                                GDateTime        *now);
void              pl_follow_ups_set_time_zone  (PlFollowUps      *self,
                                                GTimeZone        *time_zone);
/* Reads the list again, for the current time unless one is pinned. */
void              pl_follow_ups_refresh        (PlFollowUps      *self);
/* The position of the follow-up set by @contact_id, or -1. */
int               pl_follow_ups_find           (PlFollowUps      *self,
                                                const char       *contact_id);
/* The error of the last refresh, if it failed (the list is then empty). */
const GError     *pl_follow_ups_get_error      (PlFollowUps      *self);

/* The local calendar day of @now (NULL: the current time in the local
 * zone), moved by @offset_days, as "YYYY-MM-DD". */
char             *pl_follow_ups_local_date     (GDateTime        *now,
                                                int               offset_days);

/* How many open follow-ups of @scope are overdue, due today and due in the
 * six days after today, on the calendar of @now's time zone (NULL: now,
 * local). */
gboolean          pl_follow_ups_count          (PlStore          *store,
                                                PlFollowUpScope   scope,
                                                GDateTime        *now,
                                                PlFollowUpCounts *counts,
                                                GError          **error);

/* Marks the follow-up set by @contact_id done at @done_at (NULL: now), a
 * journaled change of the contact, so it syncs. */
gboolean          pl_follow_ups_mark_done      (PlStore          *store,
                                                const char       *contact_id,
                                                GDateTime        *done_at,
                                                GError          **error);
/* Opens again a follow-up marked done (to undo it); journaled. */
gboolean          pl_follow_ups_reopen         (PlStore          *store,
                                                const char       *contact_id,
                                                GError          **error);
/* Moves the follow-up set by @contact_id to @due ("YYYY-MM-DD"), which must
 * not be before the day of @now (NULL: now, local); journaled. */
gboolean          pl_follow_ups_reschedule     (PlStore          *store,
                                                const char       *contact_id,
                                                const char       *due,
                                                GDateTime        *now,
                                                GError          **error);

/* Seconds from @now (NULL: now, local) until the next calendar day begins
 * in @now's time zone: when "today" changes. */
guint             pl_follow_ups_seconds_to_next_day (GDateTime   *now);

/* The school ids of the person using @store, from their staff record;
 * NULL when every school is theirs (no such record, or no schools in it). */
GStrv             pl_follow_ups_dup_my_schools (PlStore          *store,
                                                GError          **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-language-reach.h"
#include "pl-outreach-family.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_OUTREACH_ERROR (pl_outreach_error_quark ())

typedef enum
{
  PL_OUTREACH_ERROR_BAD_TERM,  /* a term that is not "MM-DD..MM-DD" */
} PlOutreachError;

GQuark pl_outreach_error_quark (void);

/* Families not reached in this many days are listed unless told otherwise. */
#define PL_OUTREACH_DEFAULT_DAYS 60

/* A group reached this many percentage points less than all the families
 * in scope together is flagged. */
#define PL_OUTREACH_FLAG_POINTS 10

/* A school term as days of the year, the same every year; a term whose end
 * comes before its start in the calendar runs over New Year. */
typedef struct
{
  guint8 start_month;
  guint8 start_day;
  guint8 end_month;
  guint8 end_day;
} PlTerm;

/* The district calendar when nobody set another: a fall term from
 * 1 September to 31 January and a spring term from 1 February to 30 June.
 * July and August belong to neither. */
const PlTerm *pl_outreach_default_terms     (guint          *n_terms);
/* Reads "MM-DD..MM-DD", such as "09-01..01-31". */
gboolean      pl_outreach_parse_term        (const char     *text,
                                             PlTerm         *term,
                                             GError        **error);
/* The first and last day of the term @today falls in, and TRUE; between
 * terms (summer), the term that ended last, and FALSE: its outreach is
 * the most recent there is to show. */
gboolean      pl_outreach_find_term         (const PlTerm   *terms,
                                             guint           n_terms,
                                             const GDate    *today,
                                             GDate          *start,
                                             GDate          *end);

/* The families of each home language in scope (with a live student at one
 * of @school_ids; NULL for every family) and how many of them had a
 * contact that reached them (outcome "reached") from @since up to but not
 * including @until (NULL: no end). A GListModel of PlLanguageReach, the
 * least reached share first; the groups reached PL_OUTREACH_FLAG_POINTS
 * points or more below all the families in scope together are flagged.
 * Reads a district's families and contacts: call it off the main thread,
 * or use the async version. */
GListModel   *pl_outreach_language_reach    (PlStore            *store,
                                             const char *const  *school_ids,
                                             GDateTime          *since,
                                             GDateTime          *until,
                                             GError            **error);
/* The same in a worker thread with its own connection to @store's file. */
void          pl_outreach_language_reach_async  (PlStore            *store,
                                                 const char *const  *school_ids,
                                                 GDateTime          *since,
                                                 GDateTime          *until,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GListModel   *pl_outreach_language_reach_finish (PlStore            *store,
                                                 GAsyncResult       *result,
                                                 GError            **error);

#define PL_TYPE_OUTREACH (pl_outreach_get_type ())
G_DECLARE_FINAL_TYPE (PlOutreach, pl_outreach, PL, OUTREACH, GObject)

/* A GListModel of PlOutreachFamily: the families in scope that no contact
 * reached (outcome "reached") since the start of the local day @days days
 * ago, the longest unreached first (never reached before all), then by
 * household name. Which families match is worked out in a worker thread on
 * its own connection (it reads every family's latest contacts); items are
 * built when a view asks for them.
 *
 * Properties: "store", "days" (default PL_OUTREACH_DEFAULT_DAYS),
 * "school-ids" (NULL for every family), "now" (a pinned time, NULL for the
 * clock), "time-zone" (NULL for local), "loading" (TRUE while the worker
 * reads), "n-families" (how many families are in scope, reached or not),
 * "n-items". Changing a property, or a change saved through the store,
 * starts a new read; the list changes when it is done. */
PlOutreach   *pl_outreach_new               (PlStore            *store);
PlStore      *pl_outreach_get_store         (PlOutreach         *self);
void          pl_outreach_set_days          (PlOutreach         *self,
                                             guint               days);
guint         pl_outreach_get_days          (PlOutreach         *self);
void          pl_outreach_set_school_ids    (PlOutreach         *self,
                                             const char *const  *school_ids);
const char *const *pl_outreach_get_school_ids (PlOutreach       *self);
void          pl_outreach_set_now           (PlOutreach         *self,
                                             GDateTime          *now);
void          pl_outreach_set_time_zone     (PlOutreach         *self,
                                             GTimeZone          *time_zone);
gboolean      pl_outreach_get_loading       (PlOutreach         *self);
guint         pl_outreach_get_n_families    (PlOutreach         *self);
/* Starts reading the list again, for the current time unless one is pinned. */
void          pl_outreach_refresh           (PlOutreach         *self);
/* The error of the last read, if it failed (the list is then empty). */
const GError *pl_outreach_get_error         (PlOutreach         *self);

G_END_DECLS

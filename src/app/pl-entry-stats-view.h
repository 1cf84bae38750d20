/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store-surveys.h"

G_BEGIN_DECLS

#define PL_TYPE_ENTRY_STATS_VIEW (pl_entry_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryStatsView, pl_entry_stats_view, PL, ENTRY_STATS_VIEW, GtkWidget)

/* A batch's entry statistics for a supervisor: forms keyed (first and
 * second keying), time spent, forms per hour, answers per minute, then what
 * double entry found (answers compared, agreement rate, disagreements and
 * how many are open, error rate), then the agreement of each person who
 * keyed, in this batch and in every batch. */
GtkWidget *pl_entry_stats_view_new                 (void);
/* Which batch the figures are of ("Riverside Elementary, received …"). */
void       pl_entry_stats_view_set_title           (PlEntryStatsView   *self,
                                                    const char         *title);
/* @batch for its form count and double-entry setting; may be NULL. */
void       pl_entry_stats_view_set_stats           (PlEntryStatsView   *self,
                                                    PlEntryBatch       *batch,
                                                    const PlEntryStats *stats);
/* Username → agreement rate (double *), as pl_store_get_keyer_agreement()
 * gives them, for the batch and for every batch (may be NULL); @names maps
 * usernames to display names (may be NULL). */
void       pl_entry_stats_view_set_keyer_agreement (PlEntryStatsView   *self,
                                                    GHashTable         *batch_rates,
                                                    GHashTable         *all_rates,
                                                    GHashTable         *names);

/* "96.4%": a fraction as a percentage with one decimal, in the locale. */
char      *pl_format_percent                       (double              fraction);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-entry-stats-view.h"

G_BEGIN_DECLS

/* The figure shown for @name: "first-keying", "second-keying", "time",
 * "forms-per-hour", "answers-per-minute", "compared", "agreement",
 * "disagreements", "open", "error-rate"; NULL for another name. */
const char *_pl_entry_stats_view_get_value (PlEntryStatsView *self,
                                            const char       *name);
/* The batch's agreement shown for the person @username, or NULL when the
 * view lists no such person. */
const char *_pl_entry_stats_view_get_keyer (PlEntryStatsView *self,
                                            const char       *username);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"

G_BEGIN_DECLS

/* Five years of answered family satisfaction surveys for the demo district
 * (pl-demo.c): one survey version per term, paper forms keyed at every
 * school, with the school, domain, language-group and trend differences a
 * satisfaction dashboard is there to find. */

/* The demo's survey terms, oldest first ("2022-spring" … "2026-fall"),
 * NULL-terminated; the last one is the current term. */
const char *const *pl_demo_responses_get_terms (void);

/* Writes the keyed responses, their answers and the print runs their form
 * serials came from, for @versions (a GPtrArray of saved PlSurvey versions
 * of one series, one per term of pl_demo_responses_get_terms(), oldest
 * first), for the schools and families already written. Direct inserts
 * with no journal entries, like the rest of the demo, inside the caller's
 * transaction (which it rolls back on failure or cancellation); the same
 * @seed and district give the same responses. Adds the rows it wrote to
 * *@rows. */
gboolean           pl_demo_responses_write     (PlStore       *store,
                                                GPtrArray     *versions,
                                                guint32        seed,
                                                guint64       *rows,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS

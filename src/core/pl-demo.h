/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_DEMO_DEFAULT_FAMILIES 25000
#define PL_DEMO_DEFAULT_SEED 2026

typedef void (*PlDemoProgress) (guint    families_done,
                                guint    families_total,
                                gpointer user_data);

/* Fills an empty store with a deterministic demo district: 60 schools,
 * @n_families families with guardians and students, and about forty contacts
 * per family over five school years, and the family satisfaction survey
 * (survey number 1): one version a term from 2022-spring to 2026-fall, the
 * last open and the others closed, with about four keyed paper forms per
 * family over those ten terms. The same seed gives the same district.
 * Fails if the store already holds families. Runs in the calling thread. */
gboolean pl_demo_generate (PlStore        *store,
                           guint           n_families,
                           guint32         seed,
                           PlDemoProgress  progress,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GError        **error);

/* Number of rows (schools, staff, families, guardians, students, contacts,
 * and survey responses, answers and print runs) the last pl_demo_generate()
 * call on this thread wrote, for benchmarks. */
guint64  pl_demo_rows_written (void);

/* Runs pl_demo_generate() in a worker thread on its own connection to
 * @store's file. Progress is delivered on the caller's main context. */
void     pl_demo_generate_async  (PlStore             *store,
                                  guint                n_families,
                                  guint32              seed,
                                  PlDemoProgress       progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean pl_demo_generate_finish (PlStore       *store,
                                  GAsyncResult  *result,
                                  GError       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-demo.h"
#include "pl-server-storage.h"
#include "pl-store.h"

G_BEGIN_DECLS

/* The server's schema version, apart from the store's own. */
#define PL_SERVER_SCHEMA_VERSION 3

#define PL_TYPE_SERVER_STORAGE_SQLITE (pl_server_storage_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (PlServerStorageSqlite, pl_server_storage_sqlite, PL, SERVER_STORAGE_SQLITE,
                      GObject)

/* Opens the server database at @path: a Porchlight store with the server's
 * tables beside the synced ones. With @create the file and tables are made
 * as needed (`init`); without, a missing file or one that is not a server
 * database is refused, so a mistyped path never starts an empty server. */
PlServerStorage *pl_server_storage_sqlite_open      (const char             *path,
                                                     gboolean                create,
                                                     GError                **error);
PlStore         *pl_server_storage_sqlite_get_store (PlServerStorageSqlite  *self);

/* Fills a server database that holds no rows yet with pl_demo_generate()'s
 * district and queues every row for pull (schools, then each family before
 * its guardians, students and contacts), in one transaction: a server to try
 * clients against. Its users are not touched. */
gboolean         pl_server_storage_sqlite_fill_demo (PlServerStorageSqlite  *self,
                                                     guint                   n_families,
                                                     guint32                 seed,
                                                     PlDemoProgress          progress,
                                                     gpointer                user_data,
                                                     GError                **error);

G_END_DECLS

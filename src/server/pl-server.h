/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-server-storage.h"

G_BEGIN_DECLS

/* The largest request body the server reads (doc/sync-protocol.md). */
#define PL_SERVER_MAX_BODY (8 * 1024 * 1024)
/* How long a session lasts unless `serve --token-lifetime` says otherwise. */
#define PL_SERVER_DEFAULT_TOKEN_LIFETIME (30 * 24 * 3600)

#define PL_TYPE_SERVER (pl_server_get_type ())
G_DECLARE_FINAL_TYPE (PlServer, pl_server, PL, SERVER, GObject)

/* The sync API of doc/sync-protocol.md over @storage. It answers on the
 * thread default main context; pushes are applied by a thread of its own
 * with a second storage handle (pl_server_storage_open_writer()), several
 * in one transaction, and answered once they are on disk. */
PlServer *pl_server_new        (PlServerStorage  *storage,
                                gint64            token_lifetime);
/* Listens on @address ("localhost" or an IP address) and @port (0 picks a
 * free one); with @certificate over TLS. Returns the URI it answers on. */
char     *pl_server_listen     (PlServer         *self,
                                const char       *address,
                                guint             port,
                                GTlsCertificate  *certificate,
                                GError          **error);
/* How far ahead of the server's clock a pushed change's stamp may be
 * (default 10 minutes); a change further ahead gets "clock-ahead". */
void      pl_server_set_max_clock_ahead (PlServer *self,
                                         gint64    seconds);
void      pl_server_disconnect (PlServer         *self);

G_END_DECLS

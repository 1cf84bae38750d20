/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-store.h"

G_BEGIN_DECLS

/* pl_store_open() with the write-ahead log's writes gathered into large
 * ones (see pl-server-vfs.c): for a connection that syncs every commit
 * (synchronous=FULL), as the push writer's does. */
PlStore *pl_server_vfs_open_store (const char  *path,
                                   GError     **error);

G_END_DECLS

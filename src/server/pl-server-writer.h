/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pl-server-storage.h"

G_BEGIN_DECLS

#define PL_TYPE_SERVER_WRITER (pl_server_writer_get_type ())
G_DECLARE_FINAL_TYPE (PlServerWriter, pl_server_writer, PL, SERVER_WRITER, GObject)

/* Called on the writer's main context once a push is applied or refused,
 * to fill in the reply; the message is unpaused after it returns. */
typedef void (*PlServerWriterDone) (SoupServerMessage        *msg,
                                    const PlServerPushResult *result,
                                    const GError             *error,
                                    gpointer                  user_data);

/* Applies pushes on a thread of its own over @storage (a handle no other
 * thread uses), several at a time in one transaction (group commit), and
 * answers them on the thread-default main context of the caller. */
PlServerWriter *pl_server_writer_new  (PlServerStorage    *storage,
                                       PlServerWriterDone  done,
                                       gpointer            user_data);
/* Pauses @msg and queues its push; @request keeps @changes alive. */
void            pl_server_writer_push (PlServerWriter     *self,
                                       SoupServerMessage  *msg,
                                       const PlServerUser *user,
                                       const char         *device,
                                       JsonObject         *request,
                                       JsonArray          *changes);
/* Applies what is queued, then ends the thread; replies not yet sent are
 * dropped (the server is going away). */
void            pl_server_writer_stop (PlServerWriter     *self);

G_END_DECLS

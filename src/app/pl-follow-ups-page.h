/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_FOLLOW_UPS_PAGE (pl_follow_ups_page_get_type ())
G_DECLARE_FINAL_TYPE (PlFollowUpsPage, pl_follow_ups_page, PL, FOLLOW_UPS_PAGE, GtkWidget)

/* The Follow-ups section: the open follow-ups that are overdue, due today
 * and due in the six days after, for me, my schools or everyone. Each is
 * closed by logging the contact that closed it, or moved to another day.
 *
 * Properties: "store"; "scope" ("mine", "my-schools" or "everyone", kept
 * in the window's settings); "n-due" (overdue and due today, for the
 * sidebar's badge); "show-start-title-buttons", "show-back-button".
 *
 * Signal "family-activated" (const char *family_id) when a person opens a
 * follow-up's family. */
PlStore    *pl_follow_ups_page_get_store (PlFollowUpsPage *self);
void        pl_follow_ups_page_set_store (PlFollowUpsPage *self,
                                          PlStore         *store);
const char *pl_follow_ups_page_get_scope (PlFollowUpsPage *self);
void        pl_follow_ups_page_set_scope (PlFollowUpsPage *self,
                                          const char      *scope);
guint       pl_follow_ups_page_get_n_due (PlFollowUpsPage *self);
/* Reads the lists again, as after logging in as someone else. */
void        pl_follow_ups_page_reload    (PlFollowUpsPage *self);

G_END_DECLS

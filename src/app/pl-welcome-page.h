/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_WELCOME_PAGE (pl_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (PlWelcomePage, pl_welcome_page, PL, WELCOME_PAGE, GtkWidget)

/* The first-run page: a demo district or an empty database.
 *
 * It opens (and so creates) the database at "path" only once the person
 * chooses, or works on "store" when the database exists but is empty.
 * Signal "finished" (PlStore *store, gboolean demo) when the store is ready. */
const char *pl_welcome_page_get_path  (PlWelcomePage *self);
void        pl_welcome_page_set_path  (PlWelcomePage *self,
                                       const char    *path);
PlStore    *pl_welcome_page_get_store (PlWelcomePage *self);
void        pl_welcome_page_set_store (PlWelcomePage *self,
                                       PlStore       *store);
/* Stops a demo district being made, as the Cancel button does. */
void        pl_welcome_page_cancel    (PlWelcomePage *self);

G_END_DECLS

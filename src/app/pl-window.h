/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-application.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_WINDOW (pl_window_get_type ())
G_DECLARE_FINAL_TYPE (PlWindow, pl_window, PL, WINDOW, AdwApplicationWindow)

/* Opens the database at @database_path, greeting the person first when it
 * does not exist yet or is empty and was never chosen to be. */
PlWindow *pl_window_new           (PlApplication *application,
                                   const char    *database_path);
/* Shows the directory of @store, which is already open. @application may
 * be NULL (tests). */
PlWindow *pl_window_new_for_store (PlApplication *application,
                                   PlStore       *store);
PlStore  *pl_window_get_store     (PlWindow      *self);
/* Opens the preferences at the sync account; nothing without a database. */
void      pl_window_show_preferences (PlWindow    *self);

G_END_DECLS

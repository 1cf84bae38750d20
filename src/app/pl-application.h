/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_APPLICATION (pl_application_get_type ())
G_DECLARE_FINAL_TYPE (PlApplication, pl_application, PL, APPLICATION, AdwApplication)

PlApplication *pl_application_new           (void);
/* Makes the application show @store instead of opening the database named on
 * the command line; for tests, which give it a store in a temporary folder. */
void           pl_application_set_store     (PlApplication *self,
                                             PlStore       *store);
const char    *pl_application_get_database_path (PlApplication *self);

G_END_DECLS

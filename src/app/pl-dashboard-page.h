/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_DASHBOARD_PAGE (pl_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (PlDashboardPage, pl_dashboard_page, PL, DASHBOARD_PAGE, GtkWidget)

/* The Dashboard section: family satisfaction per school, term, domain and
 * group of families for one survey — a card per school, a trend across
 * terms, a breakdown by group, a heat map of domains by school and the
 * comments — each chart also as a table. Figures of fewer families than
 * the district's minimum are never shown. The responses are read in a
 * worker thread when the page is first shown, and again when shown after
 * a while.
 *
 * Properties: "store"; "show-start-title-buttons", "show-back-button". */
PlStore    *pl_dashboard_page_get_store (PlDashboardPage *self);
void        pl_dashboard_page_set_store (PlDashboardPage *self,
                                         PlStore         *store);

G_END_DECLS

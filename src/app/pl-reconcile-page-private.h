/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-duplicate-forms-banner.h"
#include "pl-entry-stats-view.h"
#include "pl-reconcile-page.h"

G_BEGIN_DECLS

/* "loading", "list", "empty" or "error": what the Disagreements view shows. */
const char             *_pl_reconcile_page_get_state      (PlReconcilePage *self);
/* Its rows are PlDisagreementRow, in the order shown. */
GtkListBox             *_pl_reconcile_page_get_list       (PlReconcilePage *self);
PlEntryStatsView       *_pl_reconcile_page_get_stats_view (PlReconcilePage *self);
PlDuplicateFormsBanner *_pl_reconcile_page_get_banner     (PlReconcilePage *self);
AdwViewStack           *_pl_reconcile_page_get_view_stack (PlReconcilePage *self);
/* The last message shown in a toast, such as the core refusing a keyer. */
const char             *_pl_reconcile_page_get_last_toast (PlReconcilePage *self);

G_END_DECLS

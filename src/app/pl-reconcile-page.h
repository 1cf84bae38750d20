/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_RECONCILE_PAGE (pl_reconcile_page_get_type ())
G_DECLARE_FINAL_TYPE (PlReconcilePage, pl_reconcile_page, PL, RECONCILE_PAGE, GtkWidget)

/* Double entry of one batch, for a supervisor with the paper forms at hand.
 *
 * Disagreements: every answer the two keyings of a form differ on, open
 * ones first, each with both values as the family's answer in the staff's
 * language, the question, the form code and who keyed each. Key 1 keeps the
 * first keyer's value, 2 the second's, 3 opens Other for another value or
 * blank;
 * then the next open one is focused. Settled ones say who settled them and
 * can be changed. The person logged in ("me" of the store) settles them;
 * a keyer of the form cannot.
 *
 * Statistics: forms keyed, time, forms per hour, answers per minute,
 * agreement and error rates, open disagreements, agreement per person.
 *
 * A banner lists the batch's form codes keyed twice on two laptops, to
 * keep one keying of each. Reading runs in a worker thread. */
GtkWidget *pl_reconcile_page_new      (PlStore         *store,
                                       const char      *batch_id);
/* Reads the batch again (a sync may have brought keyings). */
void       pl_reconcile_page_reload   (PlReconcilePage *self);

/* Shows the page for @batch_id in its own window over @parent, or brings
 * that batch's open window forward. Returns: (transfer none): the window */
GtkWindow *pl_reconcile_page_present  (GtkWindow       *parent,
                                       PlStore         *store,
                                       const char      *batch_id);

G_END_DECLS

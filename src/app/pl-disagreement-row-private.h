/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-disagreement-row.h"

G_BEGIN_DECLS

GtkWidget  *_pl_disagreement_row_get_other_button  (PlDisagreementRow *self);
/* Its children are built each time it shows: buttons named "value-VALUE"
 * ("value-" for blank), or checks or an entry with a "use" button. */
GtkWidget  *_pl_disagreement_row_get_other_popover (PlDisagreementRow *self);
/* The keyed value as shown (@keying 1 or 2). */
const char *_pl_disagreement_row_get_value_text    (PlDisagreementRow *self,
                                                    guint              keying);
/* "Settled by …", or NULL while open. */
const char *_pl_disagreement_row_get_settled_text  (PlDisagreementRow *self);

G_END_DECLS

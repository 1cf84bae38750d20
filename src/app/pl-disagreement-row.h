/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store-surveys.h"

G_BEGIN_DECLS

#define PL_TYPE_DISAGREEMENT_ROW (pl_disagreement_row_get_type ())
G_DECLARE_FINAL_TYPE (PlDisagreementRow, pl_disagreement_row, PL, DISAGREEMENT_ROW, GtkListBoxRow)

/* One answer the two keyings of a paper form differ on: the form code, the
 * question as staff read it, both keyed values (as the family's answer
 * labels, in the staff's language) with who keyed each, and, once settled,
 * the paper's value and who settled it.
 *
 * Signal "settle" (const char *value) asks for the paper's value to be
 * recorded: one of the two keyed values (keys 1 and 2, or their buttons) or
 * another from the Other Value menu; NULL means the paper left it blank.
 *
 * @names maps staff usernames to their display names (may be NULL);
 * @language is the staff's language, for the texts. */
GtkWidget            *pl_disagreement_row_new             (PlSurvey             *survey,
                                                           const PlDisagreement *disagreement,
                                                           const char           *language,
                                                           GHashTable           *names);
const PlDisagreement *pl_disagreement_row_get_disagreement (PlDisagreementRow   *self);
/* TRUE while no supervisor has settled it. */
gboolean              pl_disagreement_row_get_open        (PlDisagreementRow    *self);
/* Shows the disagreement settled (or open again, @settled_by NULL). */
void                  pl_disagreement_row_set_settled     (PlDisagreementRow    *self,
                                                           const char           *final_value,
                                                           const char           *settled_by);
/* Whether this person may settle it (FALSE: nobody is logged in). */
void                  pl_disagreement_row_set_can_settle  (PlDisagreementRow    *self,
                                                           gboolean              can_settle);
/* Emits "settle" with the first (@keying 1) or second keyer's value. */
void                  pl_disagreement_row_settle_keyed    (PlDisagreementRow    *self,
                                                           guint                 keying);

/* Opens the Other menu, to pick a value neither keyer typed (key 3). */
void                  pl_disagreement_row_open_other      (PlDisagreementRow    *self);

G_END_DECLS

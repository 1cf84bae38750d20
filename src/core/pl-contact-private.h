/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pl-contact.h"

G_BEGIN_DECLS

/* The columns a contact is read from, in the order of
 * _pl_contact_new_from_statement(). */
#define PL_CONTACT_COLUMNS \
  "id, family_id, guardian_id, staff_id, happened_at, method, direction, language," \
  " interpreter, purpose, purpose_other, outcome, notes, follow_up_due," \
  " follow_up_done_at, follow_up_owner"

/* A contact from a row of PL_CONTACT_COLUMNS starting at column 0. */
PlContact *_pl_contact_new_from_statement (sqlite3_stmt *stmt);

G_END_DECLS

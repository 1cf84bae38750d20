/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pl-duplicates.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_MERGE (pl_family_merge_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilyMerge, pl_family_merge, PL, FAMILY_MERGE, GObject)

/* Merges the family @merge_id into @keep_id in one transaction, every write
 * journaled so it syncs:
 *
 * - every live guardian and student of the merged family moves to the kept
 *   one (after the kept family's own, in their order), and every contact
 *   (deleted ones too, so undoing their deletion finds a live family);
 *   guardians alike in both (same folded name and phone digits) are all
 *   kept, and counted, for a person to tidy up;
 * - the kept family's household name, address and home language stay; an
 *   empty address (street, city and zip) or home language is filled from the
 *   merged family, and a note records the merge with the merged family's
 *   address and language where they differ, and its notes;
 * - the merged family is tombstoned;
 * - open conflicts on the merged family's own fields move to the kept
 *   family's (its current value against the losing one; settled when they
 *   agree); one about deleting it is settled as "merged";
 * - the kept family's search text is rebuilt.
 *
 * Fails with PL_DUPLICATES_ERROR_GONE when either family is not live,
 * PL_DUPLICATES_ERROR_SAME_FAMILY for one family twice, and
 * PL_DUPLICATES_ERROR_TOO_LONG when the notes together would be longer than
 * a field may be. Nothing is written on failure.
 *
 * Returns: (transfer full): what was done, to show and to undo */
PlFamilyMerge *pl_family_merge_run        (PlStore        *store,
                                           const char     *keep_id,
                                           const char     *merge_id,
                                           GError        **error);
/* Reverses the merge with journaled writes: the merged family comes back
 * with the guardians, students and contacts that moved, and the kept
 * family's fields and the conflicts get their values back where nobody
 * changed them since. Refused (PL_DUPLICATES_ERROR_CANNOT_UNDO) once done,
 * or when either family was deleted or restored since. */
gboolean       pl_family_merge_undo       (PlFamilyMerge  *self,
                                           PlStore        *store,
                                           GError        **error);

const char    *pl_family_merge_get_keep_id             (PlFamilyMerge *self);
const char    *pl_family_merge_get_merged_id           (PlFamilyMerge *self);
guint          pl_family_merge_get_n_guardians         (PlFamilyMerge *self);
guint          pl_family_merge_get_n_students          (PlFamilyMerge *self);
/* Contacts moved, deleted ones included. */
guint          pl_family_merge_get_n_contacts          (PlFamilyMerge *self);
/* Moved guardians alike one of the kept family's (name and phone). */
guint          pl_family_merge_get_n_repeated_guardians (PlFamilyMerge *self);
/* Moved students with a district id (or, without one, a name) the kept family has. */
guint          pl_family_merge_get_n_repeated_students  (PlFamilyMerge *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why two families may be one household. A pair has at least one of PHONE,
 * GUARDIAN_AT_ADDRESS or HOUSEHOLD_AT_ADDRESS; HOUSEHOLD_NAME and
 * GUARDIAN_NAME only add weight to a pair found by its phone. */
typedef enum
{
  PL_DUPLICATE_REASON_PHONE                = 1 << 0, /* a guardian phone in both */
  PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS  = 1 << 1, /* guardian names alike, same address */
  PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS = 1 << 2, /* household names alike, same address */
  PL_DUPLICATE_REASON_HOUSEHOLD_NAME       = 1 << 3, /* household names alike */
  PL_DUPLICATE_REASON_GUARDIAN_NAME        = 1 << 4, /* guardian names alike */
} PlDuplicateReasons;

#define PL_TYPE_DUPLICATE_PAIR (pl_duplicate_pair_get_type ())
G_DECLARE_FINAL_TYPE (PlDuplicatePair, pl_duplicate_pair, PL, DUPLICATE_PAIR, GObject)

/* Two live families that may be the same household, as found by
 * pl_duplicates_find(). Read-only properties: "family-a", "family-b" (ids),
 * "household-a", "household-b", "reasons", "description". */
PlDuplicatePair   *pl_duplicate_pair_new             (const char         *family_a,
                                                      const char         *household_a,
                                                      const char         *family_b,
                                                      const char         *household_b,
                                                      PlDuplicateReasons  reasons,
                                                      const char         *phone,
                                                      const char         *name,
                                                      const char         *address);
const char        *pl_duplicate_pair_get_family_a    (PlDuplicatePair *self);
const char        *pl_duplicate_pair_get_family_b    (PlDuplicatePair *self);
const char        *pl_duplicate_pair_get_household_a (PlDuplicatePair *self);
const char        *pl_duplicate_pair_get_household_b (PlDuplicatePair *self);
PlDuplicateReasons pl_duplicate_pair_get_reasons     (PlDuplicatePair *self);
/* The shared phone as one of the families wrote it, or NULL. */
const char        *pl_duplicate_pair_get_phone       (PlDuplicatePair *self);
/* The guardian name alike in both, as the first family wrote it, or NULL. */
const char        *pl_duplicate_pair_get_name        (PlDuplicatePair *self);
/* That address as the first family wrote it, or NULL. */
const char        *pl_duplicate_pair_get_address     (PlDuplicatePair *self);
/* The reasons in words, one per line, for a person deciding:
 * "Same phone: (413) 555-0199". Translated. */
const char        *pl_duplicate_pair_get_description (PlDuplicatePair *self);
/* TRUE when @family_id is one of the two. */
gboolean           pl_duplicate_pair_has_family      (PlDuplicatePair *self,
                                                      const char      *family_id);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_DUPLICATE_FORMS_BANNER (pl_duplicate_forms_banner_get_type ())
G_DECLARE_FINAL_TYPE (PlDuplicateFormsBanner, pl_duplicate_forms_banner, PL, DUPLICATE_FORMS_BANNER,
                      GtkWidget)

/* A warning across the top of a batch's view when one of its form codes was
 * keyed more than once in the same keying, as happens when two laptops key
 * the same paper before they sync. Review lists each such form code with
 * its keyings (who, when, which batch, how many answers), and Keep This One
 * deletes the others, once a person confirms it. Hidden when there is none.
 *
 * Signal "changed" after keyings were deleted. */
GtkWidget *pl_duplicate_forms_banner_new          (void);
/* Reads the duplicated form codes of @survey_id that have a keying in
 * @batch_id (every one of the survey's, @batch_id NULL), now. */
void       pl_duplicate_forms_banner_load         (PlDuplicateFormsBanner *self,
                                                   PlStore                *store,
                                                   const char             *survey_id,
                                                   const char             *batch_id);
guint      pl_duplicate_forms_banner_get_n_groups (PlDuplicateFormsBanner *self);

G_END_DECLS

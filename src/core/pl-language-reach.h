/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_LANGUAGE_REACH (pl_language_reach_get_type ())
G_DECLARE_FINAL_TYPE (PlLanguageReach, pl_language_reach, PL, LANGUAGE_REACH, GObject)

/* How many families of one home language were reached in a span of time,
 * out of how many. */
PlLanguageReach *pl_language_reach_new            (const char      *language,
                                                   guint            n_families,
                                                   guint            n_reached);
/* The home language code; NULL for families whose language is not recorded. */
const char      *pl_language_reach_get_language   (PlLanguageReach *self);
guint            pl_language_reach_get_n_families (PlLanguageReach *self);
guint            pl_language_reach_get_n_reached  (PlLanguageReach *self);
/* n_reached / n_families, 0 for no families. */
double           pl_language_reach_get_share      (PlLanguageReach *self);
/* Whether this group was reached clearly less than the families in scope
 * as a whole (see pl_outreach_language_reach()). */
gboolean         pl_language_reach_get_flagged    (PlLanguageReach *self);
void             pl_language_reach_set_flagged    (PlLanguageReach *self,
                                                   gboolean         flagged);

G_END_DECLS

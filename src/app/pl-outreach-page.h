/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_OUTREACH_PAGE (pl_outreach_page_get_type ())
G_DECLARE_FINAL_TYPE (PlOutreachPage, pl_outreach_page, PL, OUTREACH_PAGE, GtkWidget)

/* The Outreach section: the families no contact reached in the last N
 * days, and the share of each home language's families reached this term,
 * for my schools, every school or one school. It reads only while shown.
 *
 * Properties: "store"; "days" (N, kept in the window's settings); "terms"
 * (the school terms, "MM-DD..MM-DD" each; the defaults when NULL or
 * wrong); "show-start-title-buttons", "show-back-button".
 *
 * Signal "family-activated" (const char *family_id) when a person opens a
 * family. */
PlStore    *pl_outreach_page_get_store (PlOutreachPage    *self);
void        pl_outreach_page_set_store (PlOutreachPage    *self,
                                        PlStore           *store);
guint       pl_outreach_page_get_days  (PlOutreachPage    *self);
void        pl_outreach_page_set_days  (PlOutreachPage    *self,
                                        guint              days);
void        pl_outreach_page_set_terms (PlOutreachPage    *self,
                                        const char *const *terms);

G_END_DECLS

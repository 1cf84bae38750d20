/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_SURVEYS_PAGE (pl_surveys_page_get_type ())
G_DECLARE_FINAL_TYPE (PlSurveysPage, pl_surveys_page, PL, SURVEYS_PAGE, GtkWidget)

/* The Surveys section: every survey and its versions, with their status,
 * term, languages and how complete each translation is, and how many
 * forms were keyed; a new survey, an XLSForm import, and for each version
 * Edit, New Version, Open for Entry or Close, Export XLSForm, Delete. It
 * reads the store each time it is shown.
 *
 * Properties: "store"; "show-start-title-buttons", "show-back-button". */
PlStore    *pl_surveys_page_get_store (PlSurveysPage *self);
void        pl_surveys_page_set_store (PlSurveysPage *self,
                                       PlStore       *store);
/* Reads the surveys again, if the page is shown. */
void        pl_surveys_page_reload    (PlSurveysPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-store.h"
#include "pl-survey.h"

G_BEGIN_DECLS

#define PL_TYPE_PRINT_FORMS_DIALOG (pl_print_forms_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlPrintFormsDialog, pl_print_forms_dialog, PL, PRINT_FORMS_DIALOG, AdwWindow)

/* Paper forms of @survey for one school: the school, one of the survey's
 * languages (with how much of it is translated), how many forms and the
 * paper size; then a PDF file to save, a progress bar, and Open. The
 * serials are reserved in @store, so a reprint never repeats a code. */
PlPrintFormsDialog *pl_print_forms_dialog_new (PlStore   *store,
                                               PlSurvey  *survey,
                                               GtkWindow *parent);

G_END_DECLS

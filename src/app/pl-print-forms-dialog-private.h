/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-print-forms-dialog.h"
#include "pl-survey-print.h"

G_BEGIN_DECLS

/* For tests, which drive the real dialog through these. */
void        _pl_print_forms_dialog_select        (PlPrintFormsDialog *self,
                                                  const char         *school_id,
                                                  const char         *language,
                                                  guint               count,
                                                  PlPaperSize         paper);
/* Prints to @path as choosing it in the file chooser would. */
void        _pl_print_forms_dialog_print_to      (PlPrintFormsDialog *self,
                                                  const char         *path);
/* "form", "progress" or "done". */
const char *_pl_print_forms_dialog_get_page      (PlPrintFormsDialog *self);
/* The line under the choices: pages, or what stops the print. */
const char *_pl_print_forms_dialog_get_summary   (PlPrintFormsDialog *self);
/* What the language row says of the chosen language's translation. */
const char *_pl_print_forms_dialog_get_language_state (PlPrintFormsDialog *self);
/* What the done page says: how many forms, which codes, which file. */
const char *_pl_print_forms_dialog_get_done_text (PlPrintFormsDialog *self);

G_END_DECLS

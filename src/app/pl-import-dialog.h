/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_IMPORT_DIALOG (pl_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlImportDialog, pl_import_dialog, PL, IMPORT_DIALOG, AdwWindow)

/* The district roster import, step by step: choose a CSV file, check what
 * each column holds (and say what the unknown ones and unknown languages
 * are), import or only check with a progress bar, then read the report. */
PlImportDialog *pl_import_dialog_new       (GtkWindow      *parent,
                                            PlStore        *store);
/* Reads @file and shows its columns, as choosing it or dropping it would. */
void            pl_import_dialog_open_file (PlImportDialog *self,
                                            GFile          *file);

G_END_DECLS

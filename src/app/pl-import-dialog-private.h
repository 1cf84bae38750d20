/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-import-dialog.h"
#include "pl-roster-import.h"

G_BEGIN_DECLS

/* For tests: what the dialog shows, and the widgets a person would use. */
const char     *_pl_import_dialog_get_page          (PlImportDialog *self);
PlRosterImport *_pl_import_dialog_get_import        (PlImportDialog *self);
AdwComboRow    *_pl_import_dialog_get_column_row    (PlImportDialog *self,
                                                     const char     *header);
gboolean        _pl_import_dialog_column_is_unknown (PlImportDialog *self,
                                                     const char     *header);
AdwComboRow    *_pl_import_dialog_get_language_row  (PlImportDialog *self,
                                                     const char     *value);
/* The position of a language code in a language row's list. */
guint           _pl_import_dialog_language_position (const char     *code);
GtkSwitch      *_pl_import_dialog_get_skip_switch   (PlImportDialog *self);
const char     *_pl_import_dialog_get_report_title  (PlImportDialog *self);
/* The message shown when no column holds the student ID or name, or NULL. */
const char     *_pl_import_dialog_get_columns_problem (PlImportDialog *self);
gboolean        _pl_import_dialog_get_rejects_shown (PlImportDialog *self);
GtkWidget      *_pl_import_dialog_get_import_button (PlImportDialog *self);
/* Why the chosen file could not be read, while the start page says so. */
const char     *_pl_import_dialog_get_start_error (PlImportDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-duplicate-forms-banner.h"

G_BEGIN_DECLS

/* The Keep This One button of the keying @response_id, or NULL. */
GtkWidget *_pl_duplicate_forms_banner_get_keep_button (PlDuplicateFormsBanner *self,
                                                       const char             *response_id);
/* The confirmation Keep This One opened, while it is open. */
GtkWindow *_pl_duplicate_forms_banner_get_dialog      (PlDuplicateFormsBanner *self);

G_END_DECLS

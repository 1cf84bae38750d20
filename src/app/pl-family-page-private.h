/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-contact-editor.h"
#include "pl-contact-list.h"
#include "pl-family-page.h"

G_BEGIN_DECLS

/* For tests, which drive the real page through these. */
PlContactList     *_pl_family_page_get_contacts        (PlFamilyPage *self);
GtkListBox        *_pl_family_page_get_timeline        (PlFamilyPage *self);
/* The contact form the page opened, while it is open. */
PlContactEditor   *_pl_family_page_get_contact_editor  (PlFamilyPage *self);
GtkWidget         *_pl_family_page_get_older_button    (PlFamilyPage *self);
GtkScrolledWindow *_pl_family_page_get_scrolled_window (PlFamilyPage *self);
/* The toast of the last contact deleted, while it shows. */
AdwToast          *_pl_family_page_get_undo_toast      (PlFamilyPage *self);

G_END_DECLS

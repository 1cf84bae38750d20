/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-family.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_PAGE (pl_family_page_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilyPage, pl_family_page, PL, FAMILY_PAGE, GtkWidget)

/* One family: household, guardians and students, read only, and the
 * contact history as a timeline, newest first, read a page at a time as
 * the person scrolls. Edit and delete go through the window's
 * win.edit-family and win.delete-family; "Log Contact" is win.log-contact.
 * Property "family-id" (read-only) follows the family shown. */
PlStore    *pl_family_page_get_store     (PlFamilyPage *self);
void        pl_family_page_set_store     (PlFamilyPage *self,
                                          PlStore      *store);
/* Loads and shows @family_id; NULL shows the "no family selected" page. */
gboolean    pl_family_page_show_family   (PlFamilyPage *self,
                                          const char   *family_id,
                                          GError      **error);
/* The family shown, as loaded from the store; NULL when none. */
PlFamily   *pl_family_page_get_family    (PlFamilyPage *self);
const char *pl_family_page_get_family_id (PlFamilyPage *self);
/* Opens the form to log a contact with the family shown (nothing when none). */
void        pl_family_page_log_contact   (PlFamilyPage *self);

G_END_DECLS

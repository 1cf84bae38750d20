/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-contact.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_CONTACT_LIST (pl_contact_list_get_type ())
G_DECLARE_FINAL_TYPE (PlContactList, pl_contact_list, PL, CONTACT_LIST, GObject)

/* One family's contact history, newest first: a GListModel of PlContact.
 * It reads a page of rows at a time and holds only the pages asked for —
 * the first when made, more with pl_contact_list_load_more() as a person
 * scrolls back in time. It follows the store: a save, delete or restore for
 * the family (PlStore::family-changed) reads the loaded span again.
 *
 * Properties: "store", "family-id" (construct-only), "page-size" (default
 * 20), "n-items", "total" (the family's contacts, loaded or not),
 * "has-more" (TRUE while older contacts are not loaded yet). */
PlContactList *pl_contact_list_new          (PlStore       *store,
                                             const char    *family_id);
const char    *pl_contact_list_get_family_id (PlContactList *self);
guint          pl_contact_list_get_page_size (PlContactList *self);
void           pl_contact_list_set_page_size (PlContactList *self,
                                             guint          page_size);
guint          pl_contact_list_get_total    (PlContactList *self);
gboolean       pl_contact_list_get_has_more (PlContactList *self);
/* Reads the next page of older contacts; FALSE with @error when it fails. */
gboolean       pl_contact_list_load_more    (PlContactList *self,
                                             GError       **error);
/* Reads the loaded span again (at least one page). */
gboolean       pl_contact_list_reload       (PlContactList *self,
                                             GError       **error);
/* The error of the last automatic reload, if it failed. */
const GError  *pl_contact_list_get_error    (PlContactList *self);

G_END_DECLS

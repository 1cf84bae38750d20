/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-contact.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_CONTACT_EDITOR (pl_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlContactEditor, pl_contact_editor, PL, CONTACT_EDITOR, AdwWindow)

/* The form to log a contact with the family @family_id, or to edit one.
 *
 * @contact NULL logs a new contact with the usual defaults: a phone call,
 * outgoing, with the first guardian, now, in that guardian's preferred
 * language, with a staff interpreter when the guardian needs one. A
 * @contact already in @store is edited; one that is not (a new PlContact)
 * is logged with its fields as the starting values — for instance a
 * follow-up's purpose. The form edits a copy: closing it without saving
 * changes nothing.
 *
 * Signal "saved" (const char *contact_id) after the contact was written;
 * the window closes right after. Returns NULL with @error set when the
 * family cannot be read. */
PlContactEditor *pl_contact_editor_new (GtkWindow   *parent,
                                        PlStore     *store,
                                        const char  *family_id,
                                        PlContact   *contact,
                                        GError     **error);
/* Whether it logs a new contact (rather than editing one). */
gboolean         pl_contact_editor_get_is_new (PlContactEditor *self);

G_END_DECLS

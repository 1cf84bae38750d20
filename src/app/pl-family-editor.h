/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-family.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_EDITOR (pl_family_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilyEditor, pl_family_editor, PL, FAMILY_EDITOR, AdwWindow)

/* The form to add a family (@family NULL) or edit one. It edits a copy, so
 * closing it without saving changes nothing. Signal "saved" (const char
 * *family_id) after the family was written to @store. */
PlFamilyEditor *pl_family_editor_new (GtkWindow *parent,
                                      PlStore   *store,
                                      PlFamily  *family);

G_END_DECLS

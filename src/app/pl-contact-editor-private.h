/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-contact-editor.h"

G_BEGIN_DECLS

/* For tests, which drive the real form through these. */
PlContact *_pl_contact_editor_get_contact    (PlContactEditor *self);
/* The row of a field ("method", "purpose", "happened-at", …). */
GtkWidget *_pl_contact_editor_get_row        (PlContactEditor *self,
                                              const char      *field);
/* The message row (or label) under a field, NULL when it has none. */
GtkWidget *_pl_contact_editor_get_message    (PlContactEditor *self,
                                              const char      *field);
/* Shows every problem now instead of after the pause. */
void       _pl_contact_editor_flush_problems (PlContactEditor *self);

G_END_DECLS

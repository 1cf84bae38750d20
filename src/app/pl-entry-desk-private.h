/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-entry-desk.h"
#include "pl-entry-question.h"

G_BEGIN_DECLS

/* For tests and benchmarks, which key forms through the real desk. */

/* "code", "language", "question", "save", or NULL when no batch is open. */
const char      *_pl_entry_desk_get_step        (PlEntryDesk *self);
/* The question card shown as current, or NULL. */
PlEntryQuestion *_pl_entry_desk_get_current     (PlEntryDesk *self);
PlEntryQuestion *_pl_entry_desk_get_question    (PlEntryDesk *self,
                                                 guint        index);
GtkWidget       *_pl_entry_desk_get_code_entry  (PlEntryDesk *self);
/* The message beside the form code, or NULL when none shows. */
const char      *_pl_entry_desk_get_code_message (PlEntryDesk *self);
/* The language chosen for the form being keyed (or to be kept by Enter). */
const char      *_pl_entry_desk_get_language    (PlEntryDesk *self);
/* "Form 3 of 40" */
const char      *_pl_entry_desk_get_counter     (PlEntryDesk *self);
/* Forms saved since the desk opened. */
guint            _pl_entry_desk_get_n_saved     (PlEntryDesk *self);
/* Whether the current step's card lies wholly inside the scrolled view. */
gboolean         _pl_entry_desk_current_in_view (PlEntryDesk *self);
/* The second keying's codes still to key (NULL for a first keying). */
const char *const *_pl_entry_desk_get_pending   (PlEntryDesk *self);

G_END_DECLS

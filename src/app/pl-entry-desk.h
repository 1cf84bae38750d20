/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_ENTRY_DESK (pl_entry_desk_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryDesk, pl_entry_desk, PL, ENTRY_DESK, GtkWidget)

/* The entry desk: paper forms of one batch keyed one after the other with
 * the keyboard alone. For each form the form code comes first (checked at
 * once: a code already keyed is refused, saying where and when), then the
 * form's language (one key), then the answers, the whole form shown as a
 * scrolling list with the current question in view. Scales and choices take
 * one key and move on by themselves; numbers and texts move on with Enter or
 * Tab; Backspace and Shift+Tab go back. Each form is saved in one
 * transaction (Enter on the last step, or Ctrl+Enter), so a crash loses at
 * most the form being typed.
 *
 * Keying 2 is the blind second keying of a double-entry batch: the desk
 * lists the form codes to pull and never shows the first keying's answers.
 *
 * Properties: "show-start-title-buttons", "show-back-button".
 * Signal "closed" when the person pauses the batch or marks it done. */
GtkWidget  *pl_entry_desk_new       (void);
/* Opens @batch_id for keying @keying (1 or 2) on @store, at a fresh form. */
gboolean    pl_entry_desk_start     (PlEntryDesk  *self,
                                     PlStore      *store,
                                     const char   *batch_id,
                                     guint         keying,
                                     GError      **error);
/* Leaves the batch at once (what was saved stays; a form half typed goes). */
void        pl_entry_desk_stop      (PlEntryDesk  *self);
const char *pl_entry_desk_get_batch_id (PlEntryDesk *self);

G_END_DECLS

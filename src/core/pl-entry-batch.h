/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_ENTRY_BATCH (pl_entry_batch_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryBatch, pl_entry_batch, PL, ENTRY_BATCH, GObject)

/* A stack of paper forms keyed together: for one survey and school, the
 * date they came in ("YYYY-MM-DD"), how many forms the stack holds, and
 * who keys them (staff usernames).
 *
 * "double-entry" is "none", "all" or "sample": a blind second keying of
 * every form or of "sample-percent" of them (chosen by form code, so the
 * choice is the same on every laptop) by "second-keyer", who must not be
 * the first keyer. "status" is "open" (keying goes on; it can be paused and
 * resumed any day), or "done". */
PlEntryBatch *pl_entry_batch_new                (const char *survey_id,
                                                 const char *school_id);
PlEntryBatch *pl_entry_batch_copy               (PlEntryBatch *self);

const char   *pl_entry_batch_get_id             (PlEntryBatch *self);
const char   *pl_entry_batch_get_survey_id      (PlEntryBatch *self);
const char   *pl_entry_batch_get_school_id      (PlEntryBatch *self);
const char   *pl_entry_batch_get_received_on    (PlEntryBatch *self);
void          pl_entry_batch_set_received_on    (PlEntryBatch *self, const char *value);
guint         pl_entry_batch_get_form_count     (PlEntryBatch *self);
void          pl_entry_batch_set_form_count     (PlEntryBatch *self, guint value);
const char   *pl_entry_batch_get_entered_by     (PlEntryBatch *self);
void          pl_entry_batch_set_entered_by     (PlEntryBatch *self, const char *value);
const char   *pl_entry_batch_get_double_entry   (PlEntryBatch *self);
void          pl_entry_batch_set_double_entry   (PlEntryBatch *self, const char *value);
guint         pl_entry_batch_get_sample_percent (PlEntryBatch *self);
void          pl_entry_batch_set_sample_percent (PlEntryBatch *self, guint value);
const char   *pl_entry_batch_get_second_keyer   (PlEntryBatch *self);
void          pl_entry_batch_set_second_keyer   (PlEntryBatch *self, const char *value);
const char   *pl_entry_batch_get_status         (PlEntryBatch *self);
void          pl_entry_batch_set_status         (PlEntryBatch *self, const char *value);

/* Whether the form with @form_code is to be keyed a second time. */
gboolean      pl_entry_batch_wants_second_keying (PlEntryBatch *self,
                                                  const char   *form_code);

G_END_DECLS

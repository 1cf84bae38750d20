/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_ACTION_ITEM (pl_action_item_get_type ())
G_DECLARE_FINAL_TYPE (PlActionItem, pl_action_item, PL, ACTION_ITEM, GObject)

/* Something a council decided to do: a title, an owner (a member, or a
 * name for someone who is not one), a due date ("YYYY-MM-DD"), the
 * meeting it came from, notes, and a "status" of "open" or "done" (with
 * when it was done, UTC, set by the store). It is listed at every meeting
 * until it is done. A plain record: the store validates and saves it. */
PlActionItem *pl_action_item_new                (const char *council_id,
                                                 const char *meeting_id);
PlActionItem *pl_action_item_copy               (PlActionItem *self);

const char *pl_action_item_get_id               (PlActionItem *self);
const char *pl_action_item_get_council_id       (PlActionItem *self);
const char *pl_action_item_get_meeting_id       (PlActionItem *self);
const char *pl_action_item_get_title            (PlActionItem *self);
void        pl_action_item_set_title            (PlActionItem *self, const char *value);
const char *pl_action_item_get_owner_member_id  (PlActionItem *self);
void        pl_action_item_set_owner_member_id  (PlActionItem *self, const char *value);
/* The owner's name: as typed, or the member's name as the store read it. */
const char *pl_action_item_get_owner_name       (PlActionItem *self);
void        pl_action_item_set_owner_name       (PlActionItem *self, const char *value);
const char *pl_action_item_get_due_on           (PlActionItem *self);
void        pl_action_item_set_due_on           (PlActionItem *self, const char *value);
const char *pl_action_item_get_status           (PlActionItem *self);
void        pl_action_item_set_status           (PlActionItem *self, const char *value);
const char *pl_action_item_get_done_at          (PlActionItem *self);
const char *pl_action_item_get_notes            (PlActionItem *self);
void        pl_action_item_set_notes            (PlActionItem *self, const char *value);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-contact-editor.h"
#include "pl-follow-ups.h"
#include "pl-follow-ups-page.h"

G_BEGIN_DECLS

/* For tests, which drive the real page through these. */
PlFollowUps     *_pl_follow_ups_page_get_list   (PlFollowUpsPage  *self,
                                                 PlFollowUpPeriod  period);
GtkListView     *_pl_follow_ups_page_get_view   (PlFollowUpsPage  *self,
                                                 PlFollowUpPeriod  period);
/* "overdue", "today" or "week". */
void             _pl_follow_ups_page_show_period (PlFollowUpsPage *self,
                                                  const char      *name);
/* The contact form a "Done…" opened last, while it is open. */
PlContactEditor *_pl_follow_ups_page_get_editor (PlFollowUpsPage  *self);

G_END_DECLS

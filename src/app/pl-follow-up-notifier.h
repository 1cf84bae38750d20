/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_FOLLOW_UP_NOTIFIER (pl_follow_up_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PlFollowUpNotifier, pl_follow_up_notifier, PL, FOLLOW_UP_NOTIFIER, GObject)

/* Tells the desktop when follow-ups are due today: once when made (the
 * app starts, or opens a database), and again each time a new day begins
 * while it runs. Clicking the notification activates "app.show-follow-ups".
 * The follow-ups are the person's own, or their schools' when nobody is
 * logged in. The notification goes when none is left due today. It names
 * no family: a desktop may show it on a locked screen. */
PlFollowUpNotifier *pl_follow_up_notifier_new (GApplication       *application,
                                               PlStore            *store);

/* For tests: the last notification's title, or NULL when none is shown. */
const char         *_pl_follow_up_notifier_get_title (PlFollowUpNotifier *self);

G_END_DECLS

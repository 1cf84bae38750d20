/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-contact.h"
#include "pl-family.h"

G_BEGIN_DECLS

#define PL_TYPE_CONTACT_ROW (pl_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (PlContactRow, pl_contact_row, PL, CONTACT_ROW, GtkListBoxRow)

/* One entry of a family's contact timeline: how and when, with whom, in
 * which language, what it was about and how it went, the notes and the
 * follow-up, with buttons to edit and delete it (the actions
 * "timeline.edit" and "timeline.delete", with the contact id, which the
 * page holding the timeline provides). @family gives the guardian's name;
 * @staff_name is who logged it (NULL when unknown). */
GtkWidget  *pl_contact_row_new              (PlContact  *contact,
                                             PlFamily   *family,
                                             const char *staff_name);
PlContact  *pl_contact_row_get_contact      (PlContactRow *self);

/* The icon of a contact method. */
const char *pl_contact_method_icon_name     (const char *method);
/* "Today at 14:05", "Yesterday at 09:12", "Friday 20 November at 14:05",
 * "3 March 2024 at 14:05", in local time. @now NULL is the current time. */
char       *pl_contact_row_format_when      (GDateTime  *when,
                                             GDateTime  *now);
/* "5 minutes ago", "3 days ago", "2 months ago"…; "just now" within a minute. */
char       *pl_contact_row_format_ago       (GDateTime  *when,
                                             GDateTime  *now);
/* "Monday 30 November", with the year when it is not this one. */
char       *pl_contact_row_format_due       (const GDate *due);

G_END_DECLS

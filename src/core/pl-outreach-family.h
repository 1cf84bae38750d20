/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_OUTREACH_FAMILY (pl_outreach_family_get_type ())
G_DECLARE_FINAL_TYPE (PlOutreachFamily, pl_outreach_family, PL, OUTREACH_FAMILY, GObject)

/* One family nobody has reached lately, with what a list row shows. Times
 * are UTC as stored ("YYYY-MM-DDTHH:MM:SSZ"); NULL when there is none. */
const char *pl_outreach_family_get_family_id         (PlOutreachFamily *self);
const char *pl_outreach_family_get_household_name    (PlOutreachFamily *self);
/* The family's guardians' names, joined with ", ". */
const char *pl_outreach_family_get_guardians         (PlOutreachFamily *self);
const char *pl_outreach_family_get_home_language     (PlOutreachFamily *self);
/* The names of the schools of the family's students, joined with ", ". */
const char *pl_outreach_family_get_schools           (PlOutreachFamily *self);
/* The last contact that reached the family, NULL for never. */
const char *pl_outreach_family_get_last_reached_at   (PlOutreachFamily *self);
/* The last contact of any outcome (a try), and its outcome code. */
const char *pl_outreach_family_get_last_contact_at   (PlOutreachFamily *self);
const char *pl_outreach_family_get_last_outcome      (PlOutreachFamily *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_SUMMARY (pl_family_summary_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilySummary, pl_family_summary, PL, FAMILY_SUMMARY, GObject)

/* One row of the family directory: what a list row shows, nothing more.
 * Read-only properties: "id", "household-name", "guardians" (names joined
 * with ", "), "students" ("Name · School · Grade 3", joined with "\n"),
 * "home-language" (code). */
PlFamilySummary *pl_family_summary_new (const char *id,
                                        const char *household_name,
                                        const char *guardians,
                                        const char *students,
                                        const char *home_language);
const char *pl_family_summary_get_id             (PlFamilySummary *self);
const char *pl_family_summary_get_household_name (PlFamilySummary *self);
const char *pl_family_summary_get_guardians      (PlFamilySummary *self);
const char *pl_family_summary_get_students       (PlFamilySummary *self);
const char *pl_family_summary_get_home_language  (PlFamilySummary *self);

G_END_DECLS

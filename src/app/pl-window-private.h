/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-conflicts-page.h"
#include "pl-dashboard-page.h"
#include "pl-entry-page.h"
#include "pl-families-page.h"
#include "pl-follow-ups-page.h"
#include "pl-family-editor.h"
#include "pl-family-page.h"
#include "pl-import-dialog.h"
#include "pl-outreach-page.h"
#include "pl-preferences-window.h"
#include "pl-surveys-page.h"
#include "pl-sync-manager.h"
#include "pl-welcome-page.h"
#include "pl-window.h"

G_BEGIN_DECLS

/* For tests, which drive the real window through these. */
GtkEditable    *_pl_window_get_search_entry  (PlWindow   *self);
GtkListView    *_pl_window_get_list_view     (PlWindow   *self);
PlFamiliesPage *_pl_window_get_families_page (PlWindow   *self);
PlFamilyPage   *_pl_window_get_family_page   (PlWindow   *self);
PlWelcomePage  *_pl_window_get_welcome_page  (PlWindow   *self);
/* The family form the window opened last, while it is open. */
PlFamilyEditor *_pl_window_get_editor        (PlWindow   *self);
/* "welcome", "error" or "directory". */
const char     *_pl_window_get_page          (PlWindow   *self);
/* "list", "no-results", "empty" or "error". */
const char     *_pl_window_get_families_state (PlWindow  *self);
/* The preferences window, while it is open. */
PlPreferencesWindow *_pl_window_get_preferences (PlWindow *self);
/* The roster import dialog, while it is open. */
PlImportDialog *_pl_window_get_import_dialog (PlWindow   *self);
PlSyncManager  *_pl_window_get_sync_manager  (PlWindow   *self);
PlConflictsPage *_pl_window_get_conflicts_page (PlWindow *self);
PlFollowUpsPage *_pl_window_get_follow_ups_page (PlWindow *self);
PlOutreachPage  *_pl_window_get_outreach_page (PlWindow  *self);
PlSurveysPage   *_pl_window_get_surveys_page (PlWindow   *self);
PlEntryPage     *_pl_window_get_entry_page   (PlWindow   *self);
PlDashboardPage *_pl_window_get_dashboard_page (PlWindow  *self);
/* The count on the Follow-ups row of the sidebar, or NULL when none shows. */
const char     *_pl_window_get_follow_ups_badge (PlWindow *self);
/* The section shown: "families" or "conflicts". */
const char     *_pl_window_get_section       (PlWindow   *self);
/* Whether the sidebar lists the Conflicts section. */
gboolean        _pl_window_get_conflicts_shown (PlWindow *self);

G_END_DECLS

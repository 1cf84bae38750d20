/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-dashboard-page.h"

G_BEGIN_DECLS

/* For tests and screenshots, which drive the real page through these. */

/* TRUE while the responses are being read. */
gboolean    _pl_dashboard_page_get_loading  (PlDashboardPage *self);
/* "loading", "message" or "dashboard". */
const char *_pl_dashboard_page_get_state    (PlDashboardPage *self);
/* Chooses filters as a person would in the drop-downs; NULL leaves one
 * as it is, "" picks the whole zone, every domain, or the form language. */
void        _pl_dashboard_page_select       (PlDashboardPage *self,
                                             const char      *term,
                                             const char      *school_id,
                                             const char      *domain,
                                             const char      *group_question);
/* Every chart shown as its table (or back). */
void        _pl_dashboard_page_show_tables  (PlDashboardPage *self,
                                             gboolean         tables);
/* The widgets a person reads: the school cards, and the tables of
 * "trend", "breakdown" and "heat-map". */
GtkWidget  *_pl_dashboard_page_get_cards    (PlDashboardPage *self);
GtkWidget  *_pl_dashboard_page_get_table    (PlDashboardPage *self,
                                             const char      *name);
/* The same table as Copy Table puts on the clipboard (tab-separated). */
char       *_pl_dashboard_page_dup_table_text (PlDashboardPage *self,
                                             const char      *name);
GtkWidget  *_pl_dashboard_page_get_comments (PlDashboardPage *self);
/* As Export CSV… does once a file is chosen: "schools", "trend",
 * "breakdown" or "comments". */
gboolean    _pl_dashboard_page_export_csv_to (PlDashboardPage *self,
                                             const char      *kind,
                                             const char      *path,
                                             GError         **error);
/* As Export PDF Report… does once a file is chosen; it is written in a
 * worker thread while _pl_dashboard_page_get_exporting(). */
void        _pl_dashboard_page_export_pdf_to (PlDashboardPage *self,
                                             const char      *path,
                                             const char      *language);
gboolean    _pl_dashboard_page_get_exporting (PlDashboardPage *self);
/* As the settings popover does. */
void        _pl_dashboard_page_set_minimum  (PlDashboardPage *self,
                                             guint            minimum);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

/* "Vietnamese — Tiếng Việt": the translated name, then the language's own
 * name when it differs; NULL for NULL or empty. */
char          *pl_language_display_name      (const char *code);

/* "Not Recorded" (position 0, code NULL), then the zone's languages in
 * pl_languages_get_all() order, for a combo row; and the way between
 * positions and codes. */
GtkStringList *pl_language_string_list_new  (void);
guint          pl_language_position         (const char *code);
const char    *pl_language_code_at          (guint       position);

/* PK, K, 1 … 12 for a combo row; position = grade - PL_GRADE_PK. */
GtkStringList *pl_grade_string_list_new     (void);
guint          pl_grade_position            (int         grade);
int            pl_grade_at                  (guint       position);

/* A small rounded label, for a home language or a flag such as "IEP". */
GtkWidget     *pl_tag_new                   (const char *text,
                                             const char *css_class);

/* Marks a form row as invalid (or valid again when @message is NULL) and
 * shows @message in @message_row, the row just below it. */
void           pl_form_set_problem          (GtkWidget  *row,
                                             GtkWidget  *message_row,
                                             const char *message);

/* "today at 14:05", "yesterday at 09:12", "12 March at 14:05": when
 * something happened, in local time, for a sentence. */
char          *pl_format_time               (GDateTime  *when);

/* "Last synced 10 minutes ago", or "Never synced" for NULL. */
char          *pl_format_last_synced        (GDateTime  *when);

/* "Phone", "Household Name": a synced field as a person calls it (the
 * field's own name when this version has no words for it), and whether a
 * person can write a value that combines two of its values. */
const char    *pl_field_label               (const char *entity,
                                             const char *field);
gboolean       pl_field_is_free_text        (const char *entity,
                                             const char *field);

/* The full name of guardian or student @row_id of the family, or NULL for
 * other rows and ones not found. */
char          *pl_person_name               (PlStore    *store,
                                             const char *entity,
                                             const char *family_id,
                                             const char *row_id);

G_END_DECLS

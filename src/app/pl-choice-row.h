/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PL_TYPE_CHOICE_ROW (pl_choice_row_get_type ())
G_DECLARE_FINAL_TYPE (PlChoiceRow, pl_choice_row, PL, CHOICE_ROW, AdwPreferencesRow)

/* A form row that picks one of a few options, shown as buttons under the
 * row's title. The row is one stop for Tab; with
 * the focus on it, one key picks an option: the letter underlined in its
 * label (chosen so every option of the row has its own, preferring the
 * first letter of a word), or its number, 1 to 9. Left and Right step
 * through the options. The title's mnemonic (use-underline) focuses it.
 *
 * Property "selected": the id of the chosen option, or NULL for none. */
GtkWidget  *pl_choice_row_new            (void);
void        pl_choice_row_append         (PlChoiceRow *self,
                                          const char  *id,
                                          const char  *label);
void        pl_choice_row_remove_all     (PlChoiceRow *self);
guint       pl_choice_row_get_n_options  (PlChoiceRow *self);
const char *pl_choice_row_get_selected   (PlChoiceRow *self);
/* An id not among the options selects none. */
void        pl_choice_row_set_selected   (PlChoiceRow *self,
                                          const char  *id);
/* The key that picks @id (lower case), or 0. */
gunichar    pl_choice_row_get_key        (PlChoiceRow *self,
                                          const char  *id);

G_END_DECLS

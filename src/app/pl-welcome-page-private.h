/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-welcome-page.h"

G_BEGIN_DECLS

GtkButton  *_pl_welcome_page_get_demo_button  (PlWelcomePage *self);
GtkButton  *_pl_welcome_page_get_empty_button (PlWelcomePage *self);
/* "choices" or "progress". */
const char *_pl_welcome_page_get_state        (PlWelcomePage *self);
/* The text under the progress bar, e.g. "Creating 1,000 of 25,000 families…". */
const char *_pl_welcome_page_get_progress_text (PlWelcomePage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-outreach.h"
#include "pl-outreach-page.h"

G_BEGIN_DECLS

/* For tests and screenshots, which drive the real page through these. */
PlOutreach *_pl_outreach_page_get_list     (PlOutreachPage *self);
/* TRUE while the breakdown by language is being read. */
gboolean    _pl_outreach_page_get_loading  (PlOutreachPage *self);
GListModel *_pl_outreach_page_get_reach    (PlOutreachPage *self);
/* "not-reached" or "by-language". */
void        _pl_outreach_page_show_view    (PlOutreachPage *self,
                                            const char     *name);

G_END_DECLS

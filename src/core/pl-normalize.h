/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds text for searching: NFKD, combining marks stripped, case-folded,
 * punctuation turned into spaces. "Nguyễn Thị Hương" becomes "nguyen thi huong". */
char *pl_normalize_text          (const char *text);

/* Only the digits of a phone number: "(413) 555-0199" becomes "4135550199". */
char *pl_normalize_phone_digits  (const char *phone);

/* Tokens to index for a phone number: all its digits, the last seven and the
 * last four, space separated, so a caller may type any of them. */
char *pl_normalize_phone_tokens  (const char *phone);

/* Turns what a person typed into an FTS5 MATCH expression of prefix terms,
 * or NULL when nothing searchable is left. */
char *pl_normalize_query         (const char *query);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_PASSWORD_ERROR (pl_password_error_quark ())

typedef enum
{
  PL_PASSWORD_ERROR_NO_TERMINAL,  /* no file given and nobody to ask */
  PL_PASSWORD_ERROR_MISMATCH,     /* typed twice, differently */
  PL_PASSWORD_ERROR_INVALID,      /* empty, or not UTF-8 text */
  PL_PASSWORD_ERROR_FAILED,       /* the terminal could not be used */
} PlPasswordError;

GQuark pl_password_error_quark (void);

/* Reads a password for the command line tools: the first line of @file (a
 * trailing newline, CRLF too, is not part of it), or, with no file and a
 * terminal on standard input, typed without echo after @prompt, and once
 * more after @again_prompt when that is given (the two must match). Free it
 * with pl_password_free(). */
char   *pl_password_read        (const char  *file,
                                 const char  *prompt,
                                 const char  *again_prompt,
                                 GError     **error);
/* Wipes the password's bytes, then frees it. */
void    pl_password_free        (char        *password);

G_END_DECLS

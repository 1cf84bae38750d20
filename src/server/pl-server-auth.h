/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call once before the others (sodium_init). */
gboolean  pl_server_auth_init          (GError     **error);

/* An argon2id hash string of @password (crypto_pwhash_str_alg, interactive limits). */
char     *pl_server_hash_password      (const char  *password,
                                        GError     **error);
gboolean  pl_server_verify_password    (const char  *hash,
                                        const char  *password);
/* Spends the time of a verification, so an unknown user answers no faster
 * than a wrong password. */
void      pl_server_waste_verification (const char  *password);

/* A new session token: 32 random bytes, base64url without padding. */
char     *pl_server_new_token          (void);
/* The SHA-256 of @token in hex: all the server keeps of it. */
char     *pl_server_hash_token         (const char  *token);

G_END_DECLS

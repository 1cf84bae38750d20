/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "pl-server-auth.h"
#include "pl-server-storage.h"

#define TOKEN_BYTES 32

static char dummy_hash[crypto_pwhash_STRBYTES];

gboolean
pl_server_auth_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                           _("Could not start the cryptography library (libsodium)"));
      return FALSE;
    }
  return TRUE;
}

char *
pl_server_hash_password (const char  *password,
                         GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                           _("Could not hash the password: out of memory"));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
pl_server_verify_password (const char *hash,
                           const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

void
pl_server_waste_verification (const char *password)
{
  if (dummy_hash[0] == '\0')
    {
      char salt_text[33];
      guchar salt[16];

      /* A hash of something random nobody can type. */
      randombytes_buf (salt, sizeof salt);
      sodium_bin2hex (salt_text, sizeof salt_text, salt, sizeof salt);
      if (crypto_pwhash_str_alg (dummy_hash, salt_text, strlen (salt_text),
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                 crypto_pwhash_ALG_ARGON2ID13) != 0)
        return;
    }
  (void) pl_server_verify_password (dummy_hash, password ? password : "");
}

char *
pl_server_new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  g_autofree char *text = NULL;
  GString *token;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);

  token = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '+')
        g_string_append_c (token, '-');
      else if (*p == '/')
        g_string_append_c (token, '_');
      else if (*p != '=')
        g_string_append_c (token, *p);
    }
  return g_string_free (token, FALSE);
}

char *
pl_server_hash_token (const char *token)
{
  guchar digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];

  crypto_hash_sha256 (digest, (const guchar *) token, strlen (token));
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

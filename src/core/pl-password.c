/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "pl-password.h"

/* The longest line read from a terminal; a longer one is cut there. */
#define LINE_MAX_LENGTH 1024

G_DEFINE_QUARK (pl-password-error-quark, pl_password_error)

void
pl_password_free (char *password)
{
  if (password == NULL)
    return;
  /* Not a plain memset, which a compiler may drop before a free. */
  explicit_bzero (password, strlen (password));
  g_free (password);
}

/* One line from the terminal on standard input, without echo. */
static char *
prompt_without_echo (const char  *prompt,
                     GError     **error)
{
  struct termios saved, quiet;
  char line[LINE_MAX_LENGTH + 2];
  gboolean got;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_FAILED,
                           _("Could not turn off the terminal’s echo to read the password"));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
  quiet.c_lflag |= ICANON;

  g_printerr ("%s", prompt);
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
    {
      g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_FAILED,
                           _("Could not turn off the terminal’s echo to read the password"));
      return NULL;
    }
  got = fgets (line, sizeof line, stdin) != NULL;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  /* The newline typed was not echoed either. */
  g_printerr ("\n");

  if (!got)
    {
      g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_INVALID,
                           _("No password was typed"));
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  {
    char *password = g_strdup (line);

    explicit_bzero (line, sizeof line);
    return password;
  }
}

/**
 * pl_password_read:
 * @file: (nullable): a file whose first line is the password
 * @prompt: what to say before reading from the terminal, e.g. "Password: "
 * @again_prompt: (nullable): to ask a second time, for a new password
 *
 * Returns: (transfer full): the password, or %NULL with @error set
 */
char *
pl_password_read (const char  *file,
                  const char  *prompt,
                  const char  *again_prompt,
                  GError     **error)
{
  char *password = NULL;

  g_return_val_if_fail (prompt != NULL, NULL);

  if (file != NULL)
    {
      gsize length = 0;

      if (!g_file_get_contents (file, &password, &length, error))
        return NULL;
      /* The first line; a trailing newline is not part of it. */
      password[strcspn (password, "\r\n")] = '\0';
    }
  else if (isatty (STDIN_FILENO))
    {
      char *again;

      password = prompt_without_echo (prompt, error);
      if (password == NULL)
        return NULL;
      if (again_prompt != NULL)
        {
          again = prompt_without_echo (again_prompt, error);
          if (again == NULL)
            {
              pl_password_free (password);
              return NULL;
            }
          if (!g_str_equal (password, again))
            {
              pl_password_free (again);
              pl_password_free (password);
              g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_MISMATCH,
                                   _("The two passwords differ"));
              return NULL;
            }
          pl_password_free (again);
        }
    }
  else
    {
      g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_NO_TERMINAL,
                           _("No terminal to ask for the password: give --password-file FILE"));
      return NULL;
    }

  if (*password == '\0' || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_INVALID,
                           *password == '\0' ? _("The password is empty")
                                             : _("The password is not valid UTF-8 text"));
      pl_password_free (password);
      return NULL;
    }
  return password;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the UI tests share: waiting on the main loop the way the app runs,
 * a real database in a temporary folder, the window shown on screen, and a
 * state folder of the test's own. A test that needs longer waits defines
 * WAIT_SECONDS before it includes this file. */

#include <glib.h>
#include <adwaita.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-window.h"

#ifndef WAIT_SECONDS
#define WAIT_SECONDS 15
#endif

/* Runs the main loop until @cond holds; a loaded machine gets WAIT_SECONDS
 * before the test fails, naming what it waited for. */
#define WAIT_UNTIL(cond)                                                      \
  G_STMT_START                                                                \
  {                                                                           \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > wait_end_)                              \
          g_error ("Timed out waiting for %s", #cond);                        \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  }                                                                           \
  G_STMT_END

/* Lets everything already queued run (idles, redraws, finished tasks). */
static inline void
pl_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A fresh folder named from @tmpl; *@db_path gets the database file in it
 * (not created yet, so a test can also check the window on a missing file). */
static inline char *
pl_test_app_make_dir (const char  *tmpl,
                      char       **db_path)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  *db_path = g_build_filename (dir, "porchlight.db", NULL);
  return dir;
}

/* The real store on @path, as the app opens it. */
static inline PlStore *
pl_test_app_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  PlStore *store = pl_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Puts @window on screen and waits until it is there; returns the reference
 * the test holds (release it with pl_test_app_close_window()). */
static inline PlWindow *
pl_test_app_show_window (PlWindow *window)
{
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  pl_test_iterate ();
  return window;
}

/* Closes *@window, if shown, and lets GTK finish with it before the store
 * under it is closed. */
static inline void
pl_test_app_close_window (PlWindow **window)
{
  if (*window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (*window));
  pl_test_iterate ();
  g_clear_object (window);
}

/* GTK and libadwaita set up for the tests, with the choices the window
 * remembers going to a folder of the test's own; returns that folder, for
 * pl_test_app_run(). */
static inline char *
pl_test_app_init (int    *argc,
                  char ***argv)
{
  char *state_dir = g_dir_make_tmp ("porchlight-app-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return state_dir;
}

/* Runs the tests, then removes @state_dir (and frees it). */
static inline int
pl_test_app_run (char *state_dir)
{
  int status = g_test_run ();

  pl_test_dir_remove (state_dir);
  g_free (state_dir);
  return status;
}

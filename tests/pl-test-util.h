/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh folder for one test's databases, removed when the test ends. */
typedef struct
{
  char *dir;
} PlTestDir;

static inline void
pl_test_dir_remove (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        pl_test_dir_remove (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
pl_test_dir_setup (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("porchlight-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
pl_test_dir_teardown (PlTestDir     *fixture,
                      gconstpointer  data)
{
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static inline char *
pl_test_dir_file (PlTestDir  *fixture,
                  const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

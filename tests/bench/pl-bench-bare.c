/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reference for the startup benchmark: the least a libadwaita program
 * can show, an empty window with a header bar at Porchlight's default size.
 * Like `porchlight` with PORCHLIGHT_BENCH_FIRST_FRAME=1, it prints
 *
 *   FIRST_FRAME <monotonic µs> <VmRSS kB>
 *
 * when the window has painted its first frame, then quits. Like the app in
 * that mode it does not claim a bus name, so each run measures itself. */

#define G_LOG_DOMAIN "pl-bench-bare"

#include <stdio.h>

#include <adwaita.h>

static gint64
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

static void
on_frame_clock_after_paint (GdkFrameClock *frame_clock,
                            gpointer       user_data)
{
  GtkWidget *window = user_data;
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint, user_data);
  printf ("FIRST_FRAME %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", now, read_rss_kb ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

/* Watched from the map, as the app does, so both count the same frames. */
static void
on_window_map (GtkWidget *window,
               gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_handlers_disconnect_by_func (window, on_window_map, user_data);

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint), window);
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window;
  GtkWidget *box;

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), "Porchlight");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  g_signal_connect_after (window, "map", G_CALLBACK (on_window_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("org.springfieldempowerment.Porchlight.BenchBare",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-application.h"
#include "pl-window.h"

struct _PlApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  PlStore        *store;
  gulong          after_paint_id;
};

G_DEFINE_FINAL_TYPE (PlApplication, pl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"), N_("FILE") },
  { NULL }
};

PlApplication *
pl_application_new (void)
{
  return g_object_new (PL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

void
pl_application_set_store (PlApplication *self,
                          PlStore       *store)
{
  g_return_if_fail (PL_IS_APPLICATION (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  g_set_object (&self->store, store);
}

const char *
pl_application_get_database_path (PlApplication *self)
{
  g_return_val_if_fail (PL_IS_APPLICATION (self), NULL);

  if (self->database_path == NULL)
    self->database_path = pl_store_default_path ();

  return self->database_path;
}

/* The benchmark measures how long it takes until a person sees the window,
 * and how much memory that costs: one line on stdout, then quit. */
static gsize
read_vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;

  return (gsize) g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static void
on_frame_clock_after_paint (GdkFrameClock *frame_clock,
                            PlApplication *self)
{
  gint64 now = g_get_monotonic_time ();

  g_clear_signal_handler (&self->after_paint_id, frame_clock);

  printf ("FIRST_FRAME %" G_GINT64_FORMAT " %" G_GSIZE_FORMAT "\n", now, read_vm_rss_kb ());
  fflush (stdout);

  g_application_quit (G_APPLICATION (self));
}

static void
on_window_map (GtkWidget     *window,
               PlApplication *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkFrameClock *frame_clock = gdk_surface_get_frame_clock (surface);

  g_signal_handlers_disconnect_by_func (window, on_window_map, self);

  self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                  G_CALLBACK (on_frame_clock_after_paint),
                                                  self, 0);
}

static void
pl_application_activate (GApplication *app)
{
  PlApplication *self = PL_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      if (self->store != NULL)
        window = GTK_WINDOW (pl_window_new_for_store (self, self->store));
      else
        window = GTK_WINDOW (pl_window_new (self, pl_application_get_database_path (self)));

      if (g_getenv ("PORCHLIGHT_BENCH_FIRST_FRAME") != NULL)
        g_signal_connect_object (window, "map", G_CALLBACK (on_window_map), self, G_CONNECT_AFTER);
    }

  gtk_window_present (window);
}

static int
pl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PlApplication *self = PL_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file);

      /* Another database means another window, not the running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  /* Each benchmark run measures its own process. */
  if (g_getenv ("PORCHLIGHT_BENCH_FIRST_FRAME") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (pl_application_parent_class)->handle_local_options (app, options);
}

static void
pl_application_finalize (GObject *object)
{
  PlApplication *self = PL_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pl_application_parent_class)->finalize (object);
}

static void
pl_application_dispose (GObject *object)
{
  PlApplication *self = PL_APPLICATION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_application_parent_class)->dispose (object);
}

static void
pl_application_class_init (PlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pl_application_dispose;
  object_class->finalize = pl_application_finalize;

  app_class->activate = pl_application_activate;
  app_class->handle_local_options = pl_application_handle_local_options;
}

static void
pl_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PlApplication *self = user_data;
  static const char *developers[] = { "Springfield Empowerment Zone", NULL };
  GtkWindow *window;
  GtkWidget *about;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Porchlight"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("Springfield Empowerment Zone"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Find families in seconds, in every language they speak"),
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
pl_application_shortcuts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  PlApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_set_transient_for (shortcuts, window);
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static void
pl_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  PlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Preferences belong to a window's database; from a dialog, to its window. */
  while (window != NULL && !PL_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  if (window != NULL)
    pl_window_show_preferences (PL_WINDOW (window));
}

static void
pl_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PlApplication *self = user_data;
  GList *windows;

  /* Closing the windows lets each save its size before the app goes. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

/* From the notification of follow-ups due today: the window (of the
 * database, when there are several) comes up on its Follow-ups section. */
static void
pl_application_show_follow_ups_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  PlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  while (window != NULL && !PL_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-follow-ups", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", pl_application_quit_action },
  { "about", pl_application_about_action },
  { "shortcuts", pl_application_shortcuts_action },
  { "preferences", pl_application_preferences_action },
  { "show-follow-ups", pl_application_show_follow_ups_action },
};

static void
pl_application_init (PlApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

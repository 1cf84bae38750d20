/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "pl-demo.h"
#include "pl-welcome-page-private.h"

struct _PlWelcomePage
{
  GtkWidget       parent_instance;

  char           *path;
  PlStore        *store;
  GCancellable   *cancellable;
  gboolean        created_file;   /* the database did not exist before */

  AdwStatusPage  *status_page;
  GtkStack       *choice_stack;
  GtkWidget      *demo_button;
  GtkWidget      *empty_button;
  GtkLabel       *demo_note;
  GtkLabel       *error_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;
};

G_DEFINE_FINAL_TYPE (PlWelcomePage, pl_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATH,
  PROP_STORE,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (PlWelcomePage *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
ensure_store (PlWelcomePage  *self,
              GError        **error)
{
  g_autofree char *dir = NULL;

  if (self->store != NULL)
    return TRUE;

  g_return_val_if_fail (self->path != NULL, FALSE);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  self->created_file = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  self->store = pl_store_open (self->path, error);

  return self->store != NULL;
}

static void
finish (PlWelcomePage *self,
        gboolean       demo)
{
  g_autoptr(PlStore) store = g_object_ref (self->store);

  gtk_stack_set_visible_child_name (self->choice_stack, "choices");
  g_signal_emit (self, signals[FINISHED], 0, store, demo);
}

/* A cancelled demo leaves no half district behind when the database was made
 * for it; the next start greets the person again. */
static void
remove_database (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static void
on_demo_progress (guint    families_done,
                  guint    families_total,
                  gpointer user_data)
{
  PlWelcomePage *self = user_data;
  g_autofree char *text = NULL;

  if (families_total == 0)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, (double) families_done / families_total);
  /* Translators: %'u are numbers with thousands separators, "Creating 12,000 of 25,000 families…" */
  text = g_strdup_printf (ngettext ("Creating %'u of %'u family…",
                                    "Creating %'u of %'u families…",
                                    families_total),
                          families_done, families_total);
  gtk_label_set_text (self->progress_label, text);
}

static void
on_demo_generated (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PlWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  g_clear_object (&self->cancellable);

  if (pl_demo_generate_finish (PL_STORE (object), result, &error))
    {
      finish (self, TRUE);
      return;
    }

  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (self->created_file)
    {
      g_autofree char *path = g_strdup (pl_store_get_path (self->store));

      g_clear_object (&self->store);
      remove_database (path);
    }
  else if (pl_store_count_families (self->store, NULL) > 0)
    {
      /* What was written before the cancel is a district too. */
      finish (self, TRUE);
      return;
    }

  gtk_stack_set_visible_child_name (self->choice_stack, "choices");
  gtk_widget_set_sensitive (self->demo_button, TRUE);
  show_error (self, cancelled ? NULL : error->message);
}

static void
on_demo_clicked (PlWelcomePage *self,
                 GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  show_error (self, NULL);

  if (!ensure_store (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  on_demo_progress (0, PL_DEMO_DEFAULT_FAMILIES, self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->choice_stack, "progress");

  pl_demo_generate_async (self->store,
                          PL_DEMO_DEFAULT_FAMILIES,
                          PL_DEMO_DEFAULT_SEED,
                          on_demo_progress, self,
                          self->cancellable,
                          on_demo_generated,
                          g_object_ref (self));
}

static void
on_empty_clicked (PlWelcomePage *self,
                  GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  show_error (self, NULL);

  if (!ensure_store (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  finish (self, FALSE);
}

static void
on_cancel_clicked (PlWelcomePage *self,
                   GtkButton     *button)
{
  pl_welcome_page_cancel (self);
}

void
pl_welcome_page_cancel (PlWelcomePage *self)
{
  g_return_if_fail (PL_IS_WELCOME_PAGE (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Stopping…"));
    }
}

const char *
pl_welcome_page_get_path (PlWelcomePage *self)
{
  g_return_val_if_fail (PL_IS_WELCOME_PAGE (self), NULL);

  return self->path;
}

void
pl_welcome_page_set_path (PlWelcomePage *self,
                          const char    *path)
{
  g_return_if_fail (PL_IS_WELCOME_PAGE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

PlStore *
pl_welcome_page_get_store (PlWelcomePage *self)
{
  g_return_val_if_fail (PL_IS_WELCOME_PAGE (self), NULL);

  return self->store;
}

void
pl_welcome_page_set_store (PlWelcomePage *self,
                           PlStore       *store)
{
  g_return_if_fail (PL_IS_WELCOME_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      self->created_file = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

GtkButton *
_pl_welcome_page_get_demo_button (PlWelcomePage *self)
{
  return GTK_BUTTON (self->demo_button);
}

GtkButton *
_pl_welcome_page_get_empty_button (PlWelcomePage *self)
{
  return GTK_BUTTON (self->empty_button);
}

const char *
_pl_welcome_page_get_state (PlWelcomePage *self)
{
  return gtk_stack_get_visible_child_name (self->choice_stack);
}

const char *
_pl_welcome_page_get_progress_text (PlWelcomePage *self)
{
  return gtk_label_get_text (self->progress_label);
}

static void
pl_welcome_page_dispose (GObject *object)
{
  PlWelcomePage *self = PL_WELCOME_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WELCOME_PAGE);
  /* The template's top box has no id, so it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_welcome_page_parent_class)->dispose (object);
}

static void
pl_welcome_page_finalize (GObject *object)
{
  PlWelcomePage *self = PL_WELCOME_PAGE (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pl_welcome_page_parent_class)->finalize (object);
}

static void
pl_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlWelcomePage *self = PL_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlWelcomePage *self = PL_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      pl_welcome_page_set_path (self, g_value_get_string (value));
      break;

    case PROP_STORE:
      pl_welcome_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_welcome_page_class_init (PlWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_welcome_page_dispose;
  object_class->finalize = pl_welcome_page_finalize;
  object_class->get_property = pl_welcome_page_get_property;
  object_class->set_property = pl_welcome_page_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PL_TYPE_STORE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, choice_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, demo_note);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlWelcomePage, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_empty_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_welcome_page_init (PlWelcomePage *self)
{
  g_autofree char *note = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  note = g_strdup_printf (ngettext ("The demo district has %'u made-up family in 60 schools. "
                                    "Nothing in it is about real people.",
                                    "The demo district has %'u made-up families in 60 schools. "
                                    "Nothing in it is about real people.",
                                    PL_DEMO_DEFAULT_FAMILIES),
                          (guint) PL_DEMO_DEFAULT_FAMILIES);
  gtk_label_set_text (self->demo_note, note);

  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
}

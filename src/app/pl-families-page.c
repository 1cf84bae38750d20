/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-duplicates-page.h"
#include "pl-families-page-private.h"
#include "pl-family-row.h"
#include "pl-languages.h"
#include "pl-school.h"
#include "pl-sync-button.h"

struct _PlFamiliesPage
{
  GtkWidget           parent_instance;

  PlStore            *store;
  PlFamilyList       *families;
  GtkSliceListModel  *first_rows;
  GtkSingleSelection *selection;
  GPtrArray          *school_ids;
  GStrv               language_codes;
  char               *selected_id;
  gulong              family_changed_id;
  gulong              after_paint_id;
  guint               rows_source;
  guint               filters_source;
  gboolean            restoring_selection;
  gboolean            show_start_title_buttons;
  gboolean            show_end_title_buttons;
  gboolean            show_back_button;

  AdwWindowTitle     *window_title;
  GtkWidget          *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkWidget          *filters_box;
  GtkDropDown        *school_dropdown;
  GtkDropDown        *language_dropdown;
  GtkStack           *view_stack;
  GtkListView        *list_view;
  AdwStatusPage      *error_page;
  PlSyncButton       *sync_button;
};

/* GTK 4.8's list view builds rows for up to 200 items at once, though a
 * window shows a dozen. Until the window has painted once, the list holds
 * only a screenful; the rest join right after (see show_all_rows()).
 * A row is at least this tall: */
#define MIN_ROW_HEIGHT 60

G_DEFINE_FINAL_TYPE (PlFamiliesPage, pl_families_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_END_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  FAMILY_SELECTED,
  FAMILY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_filters (PlFamiliesPage *self)
{
  const char *query = pl_family_list_get_query (self->families);

  return (query != NULL && *query != '\0') ||
         pl_family_list_get_school_id (self->families) != NULL ||
         pl_family_list_get_language (self->families) != NULL;
}

static void
update_state (PlFamiliesPage *self)
{
  const GError *error = NULL;
  const char *state = "list";
  guint n_items = 0;

  if (self->families != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->families));
      error = pl_family_list_get_error (self->families);
    }

  if (error != NULL)
    {
      state = "error";
      adw_status_page_set_description (self->error_page, error->message);
    }
  else if (n_items == 0)
    {
      g_autoptr(GError) count_error = NULL;
      gint64 n_families = 0;

      if (self->store != NULL && !has_filters (self))
        n_families = pl_store_count_families (self->store, &count_error);
      else if (self->store != NULL)
        n_families = 1;

      if (count_error != NULL)
        g_warning ("Could not count families: %s", count_error->message);

      state = n_families == 0 && count_error == NULL ? "empty" : "no-results";
    }

  gtk_stack_set_visible_child_name (self->view_stack, state);
  /* Nothing to search or filter in an empty directory. */
  gtk_widget_set_visible (self->filters_box, g_strcmp0 (state, "empty") != 0);
  gtk_widget_set_visible (self->search_button, g_strcmp0 (state, "empty") != 0);

  if (g_strcmp0 (state, "empty") == 0 || g_strcmp0 (state, "error") == 0)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else
    {
      g_autofree char *subtitle = NULL;

      /* Translators: %'u is a number with thousands separators, e.g. 24,999 */
      subtitle = g_strdup_printf (ngettext ("%'u family", "%'u families", n_items), n_items);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
}

static void
restore_selection (PlFamiliesPage *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->selection == NULL)
    return;

  if (self->selected_id != NULL)
    {
      int found = pl_family_list_find (self->families, self->selected_id);

      if (found >= 0)
        position = (guint) found;
    }

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring_selection = FALSE;
}

static void
on_families_items_changed (PlFamiliesPage *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  update_state (self);

  /* A new filter or a saved family rebuilds rows, which drops the
   * selection; keep the family that is open marked in the list. */
  if (self->selected_id != NULL)
    restore_selection (self);
}

static void
on_selection_changed (PlFamiliesPage     *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  PlFamilySummary *summary;

  if (self->restoring_selection)
    return;

  summary = gtk_single_selection_get_selected_item (selection);
  if (summary == NULL)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (pl_family_summary_get_id (summary));

  g_signal_emit (self, signals[FAMILY_SELECTED], 0, self->selected_id);
}

static void
on_list_view_activate (PlFamiliesPage *self,
                       guint           position,
                       GtkListView    *list_view)
{
  g_autoptr(PlFamilySummary) summary = NULL;

  summary = g_list_model_get_item (G_LIST_MODEL (self->families), position);
  if (summary == NULL)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (pl_family_summary_get_id (summary));

  g_signal_emit (self, signals[FAMILY_ACTIVATED], 0, self->selected_id);
}

static void
on_search_changed (PlFamiliesPage *self,
                   GtkSearchEntry *entry)
{
  if (self->families == NULL)
    return;

  pl_family_list_set_query (self->families, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_mode_changed (PlFamiliesPage *self,
                        GParamSpec     *pspec,
                        GtkSearchBar   *search_bar)
{
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_school_selected (PlFamiliesPage *self,
                    GParamSpec     *pspec,
                    GtkDropDown    *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *school_id = NULL;

  if (self->families == NULL || self->school_ids == NULL)
    return;

  if (position != GTK_INVALID_LIST_POSITION && position > 0 && position <= self->school_ids->len)
    school_id = g_ptr_array_index (self->school_ids, position - 1);

  if (g_strcmp0 (school_id, pl_family_list_get_school_id (self->families)) != 0)
    pl_family_list_set_school_id (self->families, school_id);
}

static void
on_language_selected (PlFamiliesPage *self,
                      GParamSpec     *pspec,
                      GtkDropDown    *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *language = NULL;

  if (self->families == NULL || self->language_codes == NULL)
    return;

  if (position != GTK_INVALID_LIST_POSITION && position > 0 &&
      position <= g_strv_length (self->language_codes))
    language = self->language_codes[position - 1];

  if (g_strcmp0 (language, pl_family_list_get_language (self->families)) != 0)
    pl_family_list_set_language (self->families, language);
}

static void
load_school_filter (PlFamiliesPage *self)
{
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *current = pl_family_list_get_school_id (self->families);
  guint selected = 0;
  guint n_schools;

  schools = pl_store_list_schools (self->store, &error);
  if (schools == NULL)
    {
      g_warning ("Could not list schools: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->school_dropdown), FALSE);
      return;
    }

  g_clear_pointer (&self->school_ids, g_ptr_array_unref);
  self->school_ids = g_ptr_array_new_with_free_func (g_free);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Schools"));

  n_schools = g_list_model_get_n_items (schools);
  for (guint i = 0; i < n_schools; i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      gtk_string_list_append (names, pl_school_get_name (school));
      g_ptr_array_add (self->school_ids, g_strdup (pl_school_get_id (school)));
      if (g_strcmp0 (current, pl_school_get_id (school)) == 0)
        selected = i + 1;
    }

  gtk_drop_down_set_model (self->school_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->school_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->school_dropdown), n_schools > 0);
}

static void
load_language_filter (PlFamiliesPage *self)
{
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *current = pl_family_list_get_language (self->families);
  g_auto(GStrv) codes = NULL;
  guint selected = 0;

  codes = pl_store_list_home_languages (self->store, &error);
  if (error != NULL)
    {
      g_warning ("Could not list home languages: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown), FALSE);
      return;
    }

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Languages"));
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      gtk_string_list_append (names, pl_language_get_name (codes[i]));
      if (g_strcmp0 (current, codes[i]) == 0)
        selected = i + 1;
    }

  g_strfreev (self->language_codes);
  self->language_codes = g_steal_pointer (&codes);

  /* Rebuilding the model must not drop a filter a person chose. */
  g_signal_handlers_block_by_func (self->language_dropdown, on_language_selected, self);
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_language_selected, self);

  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown),
                          self->language_codes != NULL && self->language_codes[0] != NULL);
}

/* The filters are not needed to show the first rows, so they load once the
 * window is up. */
static gboolean
load_filters_cb (gpointer user_data)
{
  PlFamiliesPage *self = user_data;

  self->filters_source = 0;

  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  if (self->school_ids == NULL)
    {
      g_signal_handlers_block_by_func (self->school_dropdown, on_school_selected, self);
      load_school_filter (self);
      g_signal_handlers_unblock_by_func (self->school_dropdown, on_school_selected, self);
    }

  load_language_filter (self);

  return G_SOURCE_REMOVE;
}

static void
queue_load_filters (PlFamiliesPage *self)
{
  if (self->filters_source == 0)
    self->filters_source = g_idle_add_full (G_PRIORITY_LOW, load_filters_cb, self, NULL);
}

static void
on_store_family_changed (PlFamiliesPage *self,
                         const char     *family_id,
                         PlStore        *store)
{
  /* A new family may speak a language no other family speaks. */
  queue_load_filters (self);
  update_state (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, pl_family_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PlFamilyRow *row = PL_FAMILY_ROW (gtk_list_item_get_child (list_item));

  pl_family_row_set_summary (row, gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  PlFamilyRow *row = PL_FAMILY_ROW (gtk_list_item_get_child (list_item));

  pl_family_row_set_summary (row, NULL);
}

static guint
first_screen_rows (PlFamiliesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  int width = 0, height = 0;

  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);

  /* Maximized, the window is as tall as the tallest screen. */
  if (height <= 0 || (GTK_IS_WINDOW (root) && gtk_window_is_maximized (GTK_WINDOW (root))))
    for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
      {
        g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
        GdkRectangle geometry;

        gdk_monitor_get_geometry (monitor, &geometry);
        height = MAX (height, geometry.height);
      }

  return CLAMP (height / MIN_ROW_HEIGHT + 2, 8, 60);
}

static void
show_all_rows (PlFamiliesPage *self)
{
  if (self->first_rows != NULL)
    gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  queue_load_filters (self);
}

static gboolean
show_all_rows_cb (gpointer user_data)
{
  PlFamiliesPage *self = user_data;

  self->rows_source = 0;
  show_all_rows (self);

  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint (GdkFrameClock  *frame_clock,
                            PlFamiliesPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, frame_clock);

  /* Not in the middle of painting: once the frame is out. */
  if (self->rows_source == 0)
    self->rows_source = g_idle_add (show_all_rows_cb, self);
}

static void
pl_families_page_map (GtkWidget *widget)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (pl_families_page_parent_class)->map (widget);

  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock != NULL && self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                    G_CALLBACK (on_frame_clock_after_paint),
                                                    self, 0);
  else
    show_all_rows (self);
}

static void
pl_families_page_unmap (GtkWidget *widget)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (widget);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

  if (frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, frame_clock);
  show_all_rows (self);

  GTK_WIDGET_CLASS (pl_families_page_parent_class)->unmap (widget);
}

PlStore *
pl_families_page_get_store (PlFamiliesPage *self)
{
  g_return_val_if_fail (PL_IS_FAMILIES_PAGE (self), NULL);

  return self->store;
}

void
pl_families_page_set_store (PlFamiliesPage *self,
                            PlStore        *store)
{
  g_return_if_fail (PL_IS_FAMILIES_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
  if (self->families != NULL)
    g_signal_handlers_disconnect_by_func (self->families, on_families_items_changed, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->families);
  g_clear_pointer (&self->school_ids, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_strfreev);
  g_clear_pointer (&self->selected_id, g_free);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      self->families = pl_family_list_new (store);
      if (query != NULL && *query != '\0')
        pl_family_list_set_query (self->families, query);

      self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->families)), 0,
                                                   gtk_widget_get_mapped (GTK_WIDGET (self))
                                                   ? G_MAXUINT : first_screen_rows (self));
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

      g_signal_connect_object (self->families, "items-changed",
                               G_CALLBACK (on_families_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "notify::selected-item",
                               G_CALLBACK (on_selection_changed), self,
                               G_CONNECT_SWAPPED);
      self->family_changed_id =
        g_signal_connect_object (store, "family-changed::household",
                                 G_CALLBACK (on_store_family_changed), self,
                                 G_CONNECT_SWAPPED);

      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        queue_load_filters (self);
    }

  update_state (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "families.find-duplicates", store != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PlFamilyList *
pl_families_page_get_families (PlFamiliesPage *self)
{
  g_return_val_if_fail (PL_IS_FAMILIES_PAGE (self), NULL);

  return self->families;
}

void
pl_families_page_start_search (PlFamiliesPage *self)
{
  g_return_if_fail (PL_IS_FAMILIES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
pl_families_page_select_family (PlFamiliesPage *self,
                                const char     *family_id)
{
  guint position;

  g_return_if_fail (PL_IS_FAMILIES_PAGE (self));

  g_free (self->selected_id);
  self->selected_id = g_strdup (family_id);

  restore_selection (self);

  position = self->selection ? gtk_single_selection_get_selected (self->selection)
                             : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
pl_families_page_set_key_capture_widget (PlFamiliesPage *self,
                                         GtkWidget      *widget)
{
  g_return_if_fail (PL_IS_FAMILIES_PAGE (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

void
pl_families_page_set_sync_manager (PlFamiliesPage *self,
                                   PlSyncManager  *manager)
{
  g_return_if_fail (PL_IS_FAMILIES_PAGE (self));
  g_return_if_fail (!manager || PL_IS_SYNC_MANAGER (manager));

  pl_sync_button_set_manager (self->sync_button, manager);
}

PlSyncButton *
_pl_families_page_get_sync_button (PlFamiliesPage *self)
{
  return self->sync_button;
}

GtkEditable *
_pl_families_page_get_search_entry (PlFamiliesPage *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
_pl_families_page_get_list_view (PlFamiliesPage *self)
{
  return self->list_view;
}

GtkDropDown *
_pl_families_page_get_school_filter (PlFamiliesPage *self)
{
  load_filters_cb (self);
  return self->school_dropdown;
}

GtkDropDown *
_pl_families_page_get_language_filter (PlFamiliesPage *self)
{
  load_filters_cb (self);
  return self->language_dropdown;
}

const char *
_pl_families_page_get_state (PlFamiliesPage *self)
{
  return gtk_stack_get_visible_child_name (self->view_stack);
}

static void
pl_families_page_dispose (GObject *object)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->filters_source, g_source_remove);
  g_clear_handle_id (&self->rows_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FAMILIES_PAGE);
  /* The template's top box has no id, so it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->families);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_families_page_parent_class)->dispose (object);
}

static void
pl_families_page_finalize (GObject *object)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (object);

  g_clear_pointer (&self->school_ids, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_strfreev);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (pl_families_page_parent_class)->finalize (object);
}

static void
pl_families_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_END_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_end_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlFamiliesPage *self,
             gboolean       *field,
             gboolean        value,
             guint           prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_families_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_families_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      set_boolean (self, &self->show_start_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_END_TITLE_BUTTONS:
      set_boolean (self, &self->show_end_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      set_boolean (self, &self->show_back_button, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
find_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlFamiliesPage *self = PL_FAMILIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store != NULL && GTK_IS_WINDOW (root))
    pl_duplicates_page_present (GTK_WINDOW (root), self->store);
}

static void
pl_families_page_class_init (PlFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_families_page_dispose;
  object_class->finalize = pl_families_page_finalize;
  object_class->get_property = pl_families_page_get_property;
  object_class->set_property = pl_families_page_set_property;

  widget_class->map = pl_families_page_map;
  widget_class->unmap = pl_families_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_END_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-end-title-buttons", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAMILY_SELECTED] =
    g_signal_new ("family-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[FAMILY_ACTIVATED] =
    g_signal_new ("family-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PL_TYPE_SYNC_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-families-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, school_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PlFamiliesPage, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_school_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);

  gtk_widget_class_install_action (widget_class, "families.find-duplicates", NULL,
                                   find_duplicates_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_families_page_init (PlFamiliesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->school_dropdown, expression);
  gtk_drop_down_set_expression (self->language_dropdown, expression);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "families.find-duplicates", FALSE);

  update_state (self);
}

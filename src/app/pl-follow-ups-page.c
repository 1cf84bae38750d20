/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-contact-editor.h"
#include "pl-follow-up-row.h"
#include "pl-follow-ups-page-private.h"

/* The day starts over at midnight; a suspended laptop's timer may fire
 * late, so the date is looked at again at least this often. */
#define MAX_CHECK_SECONDS (15 * 60)

#define N_PERIODS 3

static const PlFollowUpPeriod periods[N_PERIODS] = {
  PL_FOLLOW_UP_OVERDUE, PL_FOLLOW_UP_TODAY, PL_FOLLOW_UP_THIS_WEEK,
};
static const char *const scope_names[] = { "mine", "my-schools", "everyone" };

struct _PlFollowUpsPage
{
  GtkWidget         parent_instance;

  PlStore          *store;
  PlFollowUpScope   scope;
  PlFollowUps      *lists[N_PERIODS];
  guint             n_due;
  char             *today;
  guint             day_source;
  gboolean          show_start_title_buttons;
  gboolean          show_back_button;
  PlContactEditor  *editor;  /* weak */

  AdwViewStack     *view_stack;
  GtkDropDown      *scope_dropdown;
  AdwViewStackPage *overdue_page;
  AdwViewStackPage *today_page;
  AdwViewStackPage *week_page;
  GtkStack         *overdue_stack;
  GtkStack         *today_stack;
  GtkStack         *week_stack;
  GtkListView      *overdue_view;
  GtkListView      *today_view;
  GtkListView      *week_view;
  AdwStatusPage    *overdue_empty;
  AdwStatusPage    *today_empty;
  AdwStatusPage    *week_empty;
};

G_DEFINE_FINAL_TYPE (PlFollowUpsPage, pl_follow_ups_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SCOPE,
  PROP_N_DUE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  FAMILY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AdwViewStackPage *
page_at (PlFollowUpsPage *self,
         guint            i)
{
  AdwViewStackPage *pages[N_PERIODS] = { self->overdue_page, self->today_page, self->week_page };
  return pages[i];
}

static GtkStack *
stack_at (PlFollowUpsPage *self,
          guint            i)
{
  GtkStack *stacks[N_PERIODS] = { self->overdue_stack, self->today_stack, self->week_stack };
  return stacks[i];
}

static GtkListView *
view_at (PlFollowUpsPage *self,
         guint            i)
{
  GtkListView *views[N_PERIODS] = { self->overdue_view, self->today_view, self->week_view };
  return views[i];
}

static AdwStatusPage *
empty_at (PlFollowUpsPage *self,
          guint            i)
{
  AdwStatusPage *pages[N_PERIODS] = { self->overdue_empty, self->today_empty, self->week_empty };
  return pages[i];
}

static guint
n_items (PlFollowUps *list)
{
  return list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
}

static void
toast (PlFollowUpsPage *self,
       AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_text (PlFollowUpsPage *self,
            const char      *text)
{
  toast (self, adw_toast_new (text));
}

static void
set_empty_texts (PlFollowUpsPage *self)
{
  static const char *const titles[N_PERIODS] = {
    N_("Nothing Overdue"), N_("Nothing Due Today"), N_("Nothing Due This Week"),
  };
  static const char *const descriptions[N_PERIODS] = {
    N_("Every follow-up is on time."),
    N_("Follow-ups due today will be listed here."),
    N_("Nothing is due in the six days after today."),
  };
  g_autofree char *me = self->store ? pl_store_dup_me (self->store) : NULL;
  gboolean nobody = self->scope == PL_FOLLOW_UP_SCOPE_MINE && me == NULL;

  for (guint i = 0; i < N_PERIODS; i++)
    {
      AdwStatusPage *page = empty_at (self, i);

      /* "Mine" means nothing until this computer knows who uses it. */
      if (nobody)
        {
          adw_status_page_set_icon_name (page, "avatar-default-symbolic");
          adw_status_page_set_title (page, _("Nobody Is Logged In"));
          adw_status_page_set_description (page,
                                           _("Follow-ups become yours when you log in under "
                                             "Preferences → Account. Choose My Schools or "
                                             "Everyone to see the others."));
        }
      else
        {
          adw_status_page_set_icon_name (page, "emblem-ok-symbolic");
          adw_status_page_set_title (page, _(titles[i]));
          adw_status_page_set_description (page, _(descriptions[i]));
        }
    }
}

static void
update_counts (PlFollowUpsPage *self)
{
  guint n[N_PERIODS] = { 0 };
  guint n_due;

  for (guint i = 0; i < N_PERIODS; i++)
    {
      if (self->lists[i] != NULL)
        n[i] = g_list_model_get_n_items (G_LIST_MODEL (self->lists[i]));
      adw_view_stack_page_set_badge_number (page_at (self, i), n[i]);
      gtk_stack_set_visible_child_name (stack_at (self, i), n[i] > 0 ? "list" : "empty");
    }
  /* Overdue ones ask for attention, shown as a dot on the switcher. */
  adw_view_stack_page_set_needs_attention (self->overdue_page, n[0] > 0);

  n_due = n[0] + n[1];
  if (self->n_due != n_due)
    {
      self->n_due = n_due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
}

static void
on_list_items_changed (PlFollowUpsPage *self,
                       guint            position,
                       guint            removed,
                       guint            added,
                       GListModel      *list)
{
  update_counts (self);
}

static PlFollowUp *
follow_up_of (GtkWidget *row)
{
  return pl_follow_up_row_get_follow_up (PL_FOLLOW_UP_ROW (row));
}

static void
on_undo_done (AdwToast *toast,
              gpointer  user_data)
{
  PlFollowUpsPage *self = user_data;
  const char *contact_id = g_object_get_data (G_OBJECT (toast), "pl-contact-id");
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !pl_follow_ups_reopen (self->store, contact_id, &error))
    toast_text (self, error->message);
}

/* The contact that closes a follow-up is saved: the follow-up is done. */
static void
on_editor_saved (PlFollowUpsPage *self,
                 const char      *contact_id,
                 PlContactEditor *editor)
{
  const char *follow_up_id = g_object_get_data (G_OBJECT (editor), "pl-follow-up-id");
  const char *household = g_object_get_data (G_OBJECT (editor), "pl-household");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *done;

  if (self->store == NULL || follow_up_id == NULL)
    return;

  if (!pl_follow_ups_mark_done (self->store, follow_up_id, NULL, &error))
    {
      /* The contact is logged all the same; say why the follow-up stays. */
      toast_text (self, error->message);
      return;
    }

  /* The row with the button is gone: the keyboard carries on in the list. */
  for (guint i = 0; i < N_PERIODS; i++)
    if (gtk_widget_get_mapped (GTK_WIDGET (view_at (self, i))))
      gtk_widget_grab_focus (GTK_WIDGET (view_at (self, i)));

  /* Translators: %s is a household name */
  title = g_strdup_printf (_("Contact logged and follow-up done for %s"),
                           household ? household : "");
  done = adw_toast_new (title);
  adw_toast_set_button_label (done, _("_Undo"));
  g_object_set_data_full (G_OBJECT (done), "pl-contact-id", g_strdup (follow_up_id), g_free);
  g_signal_connect_object (done, "button-clicked", G_CALLBACK (on_undo_done), self, 0);
  toast (self, done);
}

static void
on_row_done (PlFollowUpsPage *self,
             GtkWidget       *row)
{
  PlFollowUp *item = follow_up_of (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(PlContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  PlContactEditor *editor;

  if (item == NULL || self->store == NULL)
    return;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  /* The closing contact is with the same guardian, about the same thing. */
  contact = pl_contact_new (pl_follow_up_get_family_id (item));
  pl_contact_set_guardian_id (contact, pl_follow_up_get_guardian_id (item));
  pl_contact_set_purpose (contact, pl_follow_up_get_purpose (item));
  pl_contact_set_purpose_other (contact, pl_follow_up_get_purpose_other (item));

  editor = pl_contact_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                  pl_follow_up_get_family_id (item), contact, &error);
  if (editor == NULL)
    {
      toast_text (self, error->message);
      return;
    }

  g_object_set_data_full (G_OBJECT (editor), "pl-follow-up-id",
                          g_strdup (pl_follow_up_get_contact_id (item)), g_free);
  g_object_set_data_full (G_OBJECT (editor), "pl-household",
                          g_strdup (pl_follow_up_get_household_name (item)), g_free);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_row_reschedule (PlFollowUpsPage *self,
                   const char      *due,
                   GtkWidget       *row)
{
  PlFollowUp *item = follow_up_of (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *household = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  if (item == NULL || self->store == NULL)
    return;

  /* The row goes away with the change: keep what the toast says first. */
  household = g_strdup (pl_follow_up_get_household_name (item));
  if (!pl_follow_ups_reschedule (self->store, pl_follow_up_get_contact_id (item), due, NULL,
                                 &error))
    {
      toast_text (self, error->message);
      return;
    }

  if (pl_contact_parse_date (due, &date))
    {
      day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 12, 0, 0);
      /* Translators: a weekday and date; see the strftime manual for the letters */
      when = g_date_time_format (day, C_("weekday and date", "%A %-d %B"));
    }
  /* Translators: the first %s is a household name, the second a day */
  title = g_strdup_printf (_("Follow-up for %s moved to %s"), household ? household : "",
                           when ? when : due);
  toast_text (self, title);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  PlFollowUpsPage *self = user_data;
  GtkWidget *row = pl_follow_up_row_new ();

  g_signal_connect_object (row, "done", G_CALLBACK (on_row_done), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "reschedule", G_CALLBACK (on_row_reschedule), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PlFollowUpsPage *self = user_data;
  PlFollowUpRow *row = PL_FOLLOW_UP_ROW (gtk_list_item_get_child (list_item));

  pl_follow_up_row_set_show_owner (row, self->scope != PL_FOLLOW_UP_SCOPE_MINE);
  pl_follow_up_row_set_follow_up (row, gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  pl_follow_up_row_set_follow_up (PL_FOLLOW_UP_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_view_activate (PlFollowUpsPage *self,
                  guint            position,
                  GtkListView      *view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(PlFollowUp) item = g_list_model_get_item (model, position);

  if (item != NULL && pl_follow_up_get_family_id (item) != NULL)
    g_signal_emit (self, signals[FAMILY_ACTIVATED], 0, pl_follow_up_get_family_id (item));
}

static void schedule_day_check (PlFollowUpsPage *self);

static gboolean
day_check_cb (gpointer user_data)
{
  PlFollowUpsPage *self = user_data;
  g_autofree char *today = pl_follow_ups_local_date (NULL, 0);

  self->day_source = 0;
  if (g_strcmp0 (today, self->today) != 0)
    pl_follow_ups_page_reload (self);
  else
    schedule_day_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_day_check (PlFollowUpsPage *self)
{
  guint seconds = pl_follow_ups_seconds_to_next_day (NULL) + 1;

  g_clear_handle_id (&self->day_source, g_source_remove);
  if (self->store != NULL)
    self->day_source = g_timeout_add_seconds (MIN (seconds, MAX_CHECK_SECONDS), day_check_cb,
                                              self);
}

void
pl_follow_ups_page_reload (PlFollowUpsPage *self)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS_PAGE (self));

  g_free (self->today);
  self->today = pl_follow_ups_local_date (NULL, 0);
  for (guint i = 0; i < N_PERIODS; i++)
    if (self->lists[i] != NULL)
      {
        pl_follow_ups_set_scope (self->lists[i], self->scope);
        pl_follow_ups_refresh (self->lists[i]);
      }
  set_empty_texts (self);
  update_counts (self);
  schedule_day_check (self);
}

PlStore *
pl_follow_ups_page_get_store (PlFollowUpsPage *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS_PAGE (self), NULL);

  return self->store;
}

static void
clear_lists (PlFollowUpsPage *self)
{
  for (guint i = 0; i < N_PERIODS; i++)
    {
      gtk_list_view_set_model (view_at (self, i), NULL);
      if (self->lists[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[i], self);
      g_clear_object (&self->lists[i]);
    }
}

void
pl_follow_ups_page_set_store (PlFollowUpsPage *self,
                              PlStore         *store)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  clear_lists (self);
  g_set_object (&self->store, store);

  if (store != NULL)
    for (guint i = 0; i < N_PERIODS; i++)
      {
        g_autoptr(GtkNoSelection) selection = NULL;

        self->lists[i] = pl_follow_ups_new (store, self->scope, periods[i]);
        g_signal_connect_object (self->lists[i], "items-changed",
                                 G_CALLBACK (on_list_items_changed), self, G_CONNECT_SWAPPED);
        selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->lists[i])));
        gtk_list_view_set_model (view_at (self, i), GTK_SELECTION_MODEL (selection));
      }

  g_free (self->today);
  self->today = pl_follow_ups_local_date (NULL, 0);
  set_empty_texts (self);
  update_counts (self);
  schedule_day_check (self);

  /* The day's work first; what slipped when nothing is due today. */
  if (store != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack,
                                           n_items (self->lists[1]) == 0 &&
                                           n_items (self->lists[0]) > 0 ? "overdue" : "today");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
pl_follow_ups_page_get_scope (PlFollowUpsPage *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS_PAGE (self), NULL);

  return scope_names[self->scope];
}

void
pl_follow_ups_page_set_scope (PlFollowUpsPage *self,
                              const char      *scope)
{
  PlFollowUpScope value = PL_FOLLOW_UP_SCOPE_MINE;

  g_return_if_fail (PL_IS_FOLLOW_UPS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (scope_names); i++)
    if (g_strcmp0 (scope, scope_names[i]) == 0)
      value = i;

  if (gtk_drop_down_get_selected (self->scope_dropdown) != value)
    gtk_drop_down_set_selected (self->scope_dropdown, value);

  if (self->scope == value)
    return;
  self->scope = value;

  for (guint i = 0; i < N_PERIODS; i++)
    if (self->lists[i] != NULL)
      pl_follow_ups_set_scope (self->lists[i], value);
  set_empty_texts (self);
  update_counts (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

static void
on_scope_selected (PlFollowUpsPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (scope_names))
    pl_follow_ups_page_set_scope (self, scope_names[selected]);
}

guint
pl_follow_ups_page_get_n_due (PlFollowUpsPage *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS_PAGE (self), 0);

  return self->n_due;
}

PlFollowUps *
_pl_follow_ups_page_get_list (PlFollowUpsPage  *self,
                              PlFollowUpPeriod  period)
{
  for (guint i = 0; i < N_PERIODS; i++)
    if (periods[i] == period)
      return self->lists[i];
  return NULL;
}

GtkListView *
_pl_follow_ups_page_get_view (PlFollowUpsPage  *self,
                              PlFollowUpPeriod  period)
{
  for (guint i = 0; i < N_PERIODS; i++)
    if (periods[i] == period)
      return view_at (self, i);
  return NULL;
}

void
_pl_follow_ups_page_show_period (PlFollowUpsPage *self,
                                 const char      *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

PlContactEditor *
_pl_follow_ups_page_get_editor (PlFollowUpsPage *self)
{
  return self->editor;
}

static void
pl_follow_ups_page_dispose (GObject *object)
{
  PlFollowUpsPage *self = PL_FOLLOW_UPS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->day_source, g_source_remove);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  clear_lists (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FOLLOW_UPS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_follow_ups_page_parent_class)->dispose (object);
}

static void
pl_follow_ups_page_finalize (GObject *object)
{
  PlFollowUpsPage *self = PL_FOLLOW_UPS_PAGE (object);

  g_free (self->today);

  G_OBJECT_CLASS (pl_follow_ups_page_parent_class)->finalize (object);
}

static void
pl_follow_ups_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlFollowUpsPage *self = PL_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SCOPE:
      g_value_set_string (value, scope_names[self->scope]);
      break;

    case PROP_N_DUE:
      g_value_set_uint (value, self->n_due);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlFollowUpsPage *self,
             gboolean        *field,
             gboolean         value,
             guint            prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_follow_ups_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlFollowUpsPage *self = PL_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_follow_ups_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SCOPE:
      pl_follow_ups_page_set_scope (self, g_value_get_string (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      set_boolean (self, &self->show_start_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      set_boolean (self, &self->show_back_button, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_follow_ups_page_class_init (PlFollowUpsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_follow_ups_page_dispose;
  object_class->finalize = pl_follow_ups_page_finalize;
  object_class->get_property = pl_follow_ups_page_get_property;
  object_class->set_property = pl_follow_ups_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "mine",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAMILY_ACTIVATED] =
    g_signal_new ("family-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-follow-ups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, overdue_page);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, today_page);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, week_page);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, overdue_stack);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, today_stack);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, week_stack);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, overdue_view);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, today_view);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, week_view);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, overdue_empty);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, today_empty);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpsPage, week_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_follow_ups_page_init (PlFollowUpsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_PERIODS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
      gtk_list_view_set_factory (view_at (self, i), factory);
    }
  set_empty_texts (self);
  update_counts (self);
}

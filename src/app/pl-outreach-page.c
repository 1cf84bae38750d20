/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact-editor.h"
#include "pl-follow-ups.h"
#include "pl-languages.h"
#include "pl-outreach-page-private.h"
#include "pl-outreach-row.h"
#include "pl-school.h"
#include "pl-utils.h"

/* Saving contact after contact should not read the district after each:
 * the breakdown is read again once the saves pause this long. */
#define REACH_DELAY_MS 1500

struct _PlOutreachPage
{
  GtkWidget       parent_instance;

  PlStore        *store;
  gulong          family_changed_id;
  guint           days;
  GArray         *terms;          /* PlTerm */
  GPtrArray      *school_choices; /* GStrv per dropdown item; NULL item = every family */
  PlOutreach     *outreach;       /* while shown */
  GListModel     *reach;
  GCancellable   *reach_cancellable;
  guint           reach_source;
  gboolean        reach_loading;
  gboolean        show_start_title_buttons;
  gboolean        show_back_button;
  PlContactEditor *editor;        /* weak */

  AdwViewStack   *view_stack;
  GtkDropDown    *school_dropdown;
  GtkSpinButton  *days_spin;
  GtkLabel       *count_label;
  GtkSpinner     *list_spinner;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  AdwStatusPage  *list_empty;
  AdwStatusPage  *list_error;
  GtkLabel       *term_label;
  GtkLabel       *overall_share_label;
  GtkLabel       *overall_count_label;
  GtkStack       *reach_stack;
  GtkSpinner     *reach_spinner;
  GtkListBox     *reach_list;
  AdwStatusPage  *reach_message;
  GtkLabel       *reach_note;
};

G_DEFINE_FINAL_TYPE (PlOutreachPage, pl_outreach_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAYS,
  PROP_TERMS,
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

static void
toast (PlOutreachPage *self,
       const char     *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static const char *const *
chosen_schools (PlOutreachPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->school_dropdown);

  if (self->school_choices == NULL || selected >= self->school_choices->len)
    return NULL;
  return g_ptr_array_index (self->school_choices, selected);
}

/* "37 %": a share as a whole percentage, as the language writes it. */
static char *
format_percent (double share)
{
  /* Translators: a whole percentage; write %d%% as your language writes 37 % */
  return g_strdup_printf (C_("percentage", "%d %%"), (int) lround (share * 100));
}

/* The term the breakdown counts from: the one today is in, or between
 * terms the one that ended last. */
static void
current_term (PlOutreachPage *self,
              GDate          *start,
              GDate          *end,
              gboolean       *in_term)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  guint n_terms = self->terms->len;
  const PlTerm *terms = (const PlTerm *) self->terms->data;

  if (n_terms == 0)
    terms = pl_outreach_default_terms (&n_terms);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  *in_term = pl_outreach_find_term (terms, n_terms, &today, start, end);
}

static char *
format_date (const GDate *date)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (date),
                                                    g_date_get_month (date),
                                                    g_date_get_day (date), 12, 0, 0);

  /* Translators: a date in another year; see the strftime manual for the letters */
  return g_date_time_format (day, C_("date in another year", "%-d %B %Y"));
}

/* The breakdown by language */

static GtkWidget *
reach_row_new (PlLanguageReach *group)
{
  const char *language = pl_language_reach_get_language (group);
  guint n_families = pl_language_reach_get_n_families (group);
  guint n_reached = pl_language_reach_get_n_reached (group);
  double share = pl_language_reach_get_share (group);
  gboolean flagged = pl_language_reach_get_flagged (group);
  g_autofree char *name = language ? pl_language_display_name (language)
                                   : g_strdup (_("Language Not Recorded"));
  g_autofree char *percent = format_percent (share);
  g_autofree char *numbers = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *top, *label, *bar;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  gtk_box_append (GTK_BOX (box), top);

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);

  if (flagged)
    {
      GtkWidget *tag = pl_tag_new (_("Reached Less"), "reach-flag-tag");

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (tag, _("Reached clearly less than the families here as a whole"));
      gtk_box_append (GTK_BOX (top), tag);
    }

  /* Translators: families of one language reached out of all of them, and
   * the share: "380 of 633 · 60 %" */
  numbers = g_strdup_printf (C_("reached of families", "%'u of %'u · %s"), n_reached, n_families,
                             percent);
  label = gtk_label_new (numbers);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  if (flagged)
    gtk_widget_add_css_class (label, "reach-flagged-numbers");
  gtk_box_append (GTK_BOX (top), label);

  bar = gtk_level_bar_new_for_interval (0, 1);
  /* One color for every bar but the flagged ones, whatever their level. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), share);
  gtk_widget_add_css_class (bar, "reach-bar");
  if (flagged)
    gtk_widget_add_css_class (bar, "flagged");
  gtk_box_append (GTK_BOX (box), bar);

  if (flagged)
    /* Translators: read by a screen reader for one language's bar */
    accessible = g_strdup_printf (_("%s: %u of %u families reached, %s, reached less"), name,
                                  n_reached, n_families, percent);
  else
    /* Translators: read by a screen reader for one language's bar */
    accessible = g_strdup_printf (_("%s: %u of %u families reached, %s"), name, n_reached,
                                  n_families, percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
show_reach (PlOutreachPage *self)
{
  GtkWidget *child;
  guint64 all_families = 0, all_reached = 0;
  guint n_groups = self->reach ? g_list_model_get_n_items (self->reach) : 0;
  g_autofree char *note = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reach_list))) != NULL)
    gtk_list_box_remove (self->reach_list, child);

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PlLanguageReach) group = g_list_model_get_item (self->reach, i);

      all_families += pl_language_reach_get_n_families (group);
      all_reached += pl_language_reach_get_n_reached (group);
      gtk_list_box_append (self->reach_list, reach_row_new (group));
    }

  if (self->reach == NULL)
    {
      gtk_label_set_text (self->overall_share_label, "");
      gtk_label_set_text (self->overall_count_label, "");
      return;
    }

  if (all_families == 0)
    {
      adw_status_page_set_title (self->reach_message, _("No Families"));
      adw_status_page_set_description (self->reach_message,
                                       _("No family has a student at these schools."));
      gtk_stack_set_visible_child_name (self->reach_stack, "message");
      gtk_label_set_text (self->overall_share_label, "");
      gtk_label_set_text (self->overall_count_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->reach_note), FALSE);
      return;
    }

  {
    g_autofree char *share = format_percent ((double) all_reached / all_families);
    g_autofree char *count = NULL;

    /* Translators: families reached out of all the families in scope */
    count = g_strdup_printf (ngettext ("%'u of %'u family", "%'u of %'u families",
                                       (gulong) all_families),
                             (guint) all_reached, (guint) all_families);
    gtk_label_set_text (self->overall_share_label, share);
    gtk_label_set_text (self->overall_count_label, count);
  }

  note = g_strdup_printf (_("A family counts as reached when a contact with them this term had "
                            "the outcome Reached. Languages %d or more points below all the "
                            "families here are marked Reached Less."),
                          PL_OUTREACH_FLAG_POINTS);
  gtk_label_set_text (self->reach_note, note);
  gtk_widget_set_visible (GTK_WIDGET (self->reach_note), TRUE);
  gtk_stack_set_visible_child_name (self->reach_stack, "groups");
}

static void
set_reach_loading (PlOutreachPage *self,
                   gboolean        loading)
{
  self->reach_loading = loading;
  gtk_spinner_set_spinning (self->reach_spinner, loading);
  /* A new read over a shown breakdown keeps it in view until it is done. */
  if (loading && self->reach == NULL)
    gtk_stack_set_visible_child_name (self->reach_stack, "loading");
}

static void
on_reach_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PlOutreachPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *reach = pl_outreach_language_reach_finish (PL_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->reach_cancellable)
    {
      g_clear_object (&reach);
      return;
    }
  g_clear_object (&self->reach_cancellable);
  set_reach_loading (self, FALSE);

  g_clear_object (&self->reach);
  if (reach == NULL)
    {
      adw_status_page_set_title (self->reach_message, _("Cannot Count the Families"));
      adw_status_page_set_description (self->reach_message, error->message);
      gtk_stack_set_visible_child_name (self->reach_stack, "message");
      return;
    }
  self->reach = reach;
  show_reach (self);
}

static void
read_reach (PlOutreachPage *self)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *term_text = NULL;
  GDate start, end, after;
  gboolean in_term;

  g_clear_handle_id (&self->reach_source, g_source_remove);
  g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  current_term (self, &start, &end, &in_term);
  start_text = format_date (&start);
  end_text = format_date (&end);
  if (in_term)
    /* Translators: the first and last day of the school term */
    term_text = g_strdup_printf (_("This term runs from %s to %s."), start_text, end_text);
  else
    /* Translators: the first and last day of the school term that ended last */
    term_text = g_strdup_printf (_("Between terms: the last term ran from %s to %s."),
                                 start_text, end_text);
  gtk_label_set_text (self->term_label, term_text);

  /* From the first local day of the term up to the start of the day after
   * its last. */
  after = end;
  g_date_add_days (&after, 1);
  since = g_date_time_new_local (g_date_get_year (&start), g_date_get_month (&start),
                                 g_date_get_day (&start), 0, 0, 0);
  until = g_date_time_new_local (g_date_get_year (&after), g_date_get_month (&after),
                                 g_date_get_day (&after), 0, 0, 0);

  self->reach_cancellable = g_cancellable_new ();
  set_reach_loading (self, TRUE);
  pl_outreach_language_reach_async (self->store, chosen_schools (self), since, until,
                                    self->reach_cancellable, on_reach_read, g_object_ref (self));
}

static gboolean
read_reach_cb (gpointer user_data)
{
  PlOutreachPage *self = user_data;

  self->reach_source = 0;
  read_reach (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_family_changed (PlOutreachPage *self,
                         const char     *family_id,
                         PlStore        *store)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->reach_source, g_source_remove);
  self->reach_source = g_timeout_add (REACH_DELAY_MS, read_reach_cb, self);
}

/* The families not reached */

static void
update_list_state (PlOutreachPage *self)
{
  guint n_items = 0, n_families = 0;
  gboolean loading = FALSE;
  const GError *error = NULL;

  if (self->outreach != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->outreach));
      n_families = pl_outreach_get_n_families (self->outreach);
      loading = pl_outreach_get_loading (self->outreach);
      error = pl_outreach_get_error (self->outreach);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list_spinner), loading);
  gtk_spinner_set_spinning (self->list_spinner, loading);

  if (error != NULL)
    {
      adw_status_page_set_description (self->list_error, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      gtk_label_set_text (self->count_label, "");
      return;
    }

  if (loading && n_items == 0)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  {
    g_autofree char *count = NULL;

    /* Translators: families not reached out of the families in scope */
    count = g_strdup_printf (ngettext ("%'u of %'u family", "%'u of %'u families", n_families),
                             n_items, n_families);
    gtk_label_set_text (self->count_label, count);
  }

  if (n_items == 0)
    {
      g_autofree char *description = NULL;

      if (n_families == 0)
        {
          adw_status_page_set_title (self->list_empty, _("No Families"));
          description = g_strdup (_("No family has a student at these schools."));
        }
      else
        {
          adw_status_page_set_title (self->list_empty, _("Every Family Reached"));
          description = g_strdup_printf (ngettext ("A contact reached each family here in the "
                                                   "last day.",
                                                   "A contact reached each family here in the "
                                                   "last %u days.", self->days), self->days);
        }
      adw_status_page_set_description (self->list_empty, description);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
on_outreach_notify (PlOutreachPage *self,
                    GParamSpec     *pspec,
                    PlOutreach     *outreach)
{
  update_list_state (self);
}

static void
on_editor_saved (PlOutreachPage  *self,
                 const char      *contact_id,
                 PlContactEditor *editor)
{
  toast (self, _("Contact logged"));
}

static void
on_row_log_contact (PlOutreachPage *self,
                    PlOutreachRow  *row)
{
  PlOutreachFamily *family = pl_outreach_row_get_family (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  PlContactEditor *editor;

  if (family == NULL || self->store == NULL)
    return;
  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  editor = pl_contact_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                  pl_outreach_family_get_family_id (family), NULL, &error);
  if (editor == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  PlOutreachPage *self = user_data;
  GtkWidget *row = pl_outreach_row_new ();

  g_signal_connect_object (row, "log-contact", G_CALLBACK (on_row_log_contact), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  pl_outreach_row_set_family (PL_OUTREACH_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  pl_outreach_row_set_family (PL_OUTREACH_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_list_activate (PlOutreachPage *self,
                  guint           position,
                  GtkListView    *view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(PlOutreachFamily) family = g_list_model_get_item (model, position);

  if (family != NULL && pl_outreach_family_get_family_id (family) != NULL)
    g_signal_emit (self, signals[FAMILY_ACTIVATED], 0, pl_outreach_family_get_family_id (family));
}

static void
stop_reading (PlOutreachPage *self)
{
  gtk_list_view_set_model (self->list_view, NULL);
  if (self->outreach != NULL)
    g_signal_handlers_disconnect_by_data (self->outreach, self);
  g_clear_object (&self->outreach);
  g_clear_handle_id (&self->reach_source, g_source_remove);
  g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  set_reach_loading (self, FALSE);
}

/* Reads the list and the breakdown for what the page shows now. */
static void
start_reading (PlOutreachPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (self->outreach == NULL)
    {
      self->outreach = g_object_new (PL_TYPE_OUTREACH, "store", self->store, "days", self->days,
                                     "school-ids", chosen_schools (self), NULL);
      g_signal_connect_object (self->outreach, "notify::loading",
                               G_CALLBACK (on_outreach_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->outreach, "notify::n-items",
                               G_CALLBACK (on_outreach_notify), self, G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->outreach)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    }
  else
    {
      pl_outreach_set_days (self->outreach, self->days);
      pl_outreach_set_school_ids (self->outreach, chosen_schools (self));
    }
  update_list_state (self);
  read_reach (self);
}

static void
load_schools (PlOutreachPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) mine = NULL;

  g_clear_pointer (&self->school_choices, g_ptr_array_unref);
  self->school_choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (self->store != NULL)
    {
      mine = pl_follow_ups_dup_my_schools (self->store, &error);
      if (error != NULL)
        g_warning ("Could not read the schools of this computer's user: %s", error->message);
      g_clear_error (&error);
      schools = pl_store_list_schools (self->store, &error);
      if (schools == NULL)
        g_warning ("Could not read the schools: %s", error->message);
    }

  /* Someone with schools of their own sees theirs first. */
  if (mine != NULL)
    {
      gtk_string_list_append (names, C_("outreach", "My Schools"));
      g_ptr_array_add (self->school_choices, g_strdupv (mine));
    }
  gtk_string_list_append (names, C_("outreach", "All Schools"));
  g_ptr_array_add (self->school_choices, NULL);

  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);
      const char *ids[] = { pl_school_get_id (school), NULL };

      gtk_string_list_append (names, pl_school_get_name (school));
      g_ptr_array_add (self->school_choices, g_strdupv ((char **) ids));
    }

  gtk_drop_down_set_model (self->school_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->school_dropdown, 0);
}

/* The header bar shows a long school name cut short; the list shows it whole. */
static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = item ? gtk_string_object_get_string (item) : "";

  gtk_label_set_text (label, text);
  /* A short name is never cut; a long one keeps its first dozen letters. */
  if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    gtk_label_set_width_chars (label, MIN ((int) g_utf8_strlen (text, -1), 12));
}

static GtkListItemFactory *
choice_factory_new (gboolean short_labels)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb),
                    GINT_TO_POINTER (short_labels));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  return factory;
}

static void
on_school_selected (PlOutreachPage *self,
                    GParamSpec     *pspec,
                    GtkDropDown    *dropdown)
{
  g_clear_object (&self->reach);
  start_reading (self);
}

static void
on_days_changed (PlOutreachPage *self,
                 GtkSpinButton  *spin)
{
  pl_outreach_page_set_days (self, (guint) gtk_spin_button_get_value_as_int (spin));
}

PlStore *
pl_outreach_page_get_store (PlOutreachPage *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH_PAGE (self), NULL);

  return self->store;
}

void
pl_outreach_page_set_store (PlOutreachPage *self,
                            PlStore        *store)
{
  g_return_if_fail (PL_IS_OUTREACH_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  stop_reading (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
  g_clear_object (&self->reach);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->family_changed_id =
      g_signal_connect_object (store, "family-changed", G_CALLBACK (on_store_family_changed),
                               self, G_CONNECT_SWAPPED);

  load_schools (self);
  show_reach (self);
  start_reading (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

guint
pl_outreach_page_get_days (PlOutreachPage *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH_PAGE (self), PL_OUTREACH_DEFAULT_DAYS);

  return self->days;
}

void
pl_outreach_page_set_days (PlOutreachPage *self,
                           guint           days)
{
  g_return_if_fail (PL_IS_OUTREACH_PAGE (self));

  days = CLAMP (days, 1, 730);
  if ((guint) gtk_spin_button_get_value_as_int (self->days_spin) != days)
    gtk_spin_button_set_value (self->days_spin, days);
  if (self->days == days)
    return;

  self->days = days;
  if (self->outreach != NULL)
    pl_outreach_set_days (self->outreach, days);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

void
pl_outreach_page_set_terms (PlOutreachPage    *self,
                            const char *const *terms)
{
  g_return_if_fail (PL_IS_OUTREACH_PAGE (self));

  g_array_set_size (self->terms, 0);
  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PlTerm term;

      /* One wrong term would move every share: all or none. */
      if (!pl_outreach_parse_term (terms[i], &term, &error))
        {
          g_warning ("Using the default school terms: %s", error->message);
          g_array_set_size (self->terms, 0);
          break;
        }
      g_array_append_val (self->terms, term);
    }

  if (self->reach != NULL || self->reach_cancellable != NULL)
    read_reach (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERMS]);
}

PlOutreach *
_pl_outreach_page_get_list (PlOutreachPage *self)
{
  return self->outreach;
}

gboolean
_pl_outreach_page_get_loading (PlOutreachPage *self)
{
  return self->reach_loading;
}

GListModel *
_pl_outreach_page_get_reach (PlOutreachPage *self)
{
  return self->reach;
}

void
_pl_outreach_page_show_view (PlOutreachPage *self,
                             const char     *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
pl_outreach_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pl_outreach_page_parent_class)->map (widget);
  start_reading (PL_OUTREACH_PAGE (widget));
}

static void
pl_outreach_page_unmap (GtkWidget *widget)
{
  /* Out of sight, nothing is read: the district is read again next time. */
  stop_reading (PL_OUTREACH_PAGE (widget));
  GTK_WIDGET_CLASS (pl_outreach_page_parent_class)->unmap (widget);
}

static void
pl_outreach_page_dispose (GObject *object)
{
  PlOutreachPage *self = PL_OUTREACH_PAGE (object);
  GtkWidget *child;

  stop_reading (self);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_OUTREACH_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->reach);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_outreach_page_parent_class)->dispose (object);
}

static void
pl_outreach_page_finalize (GObject *object)
{
  PlOutreachPage *self = PL_OUTREACH_PAGE (object);

  g_clear_pointer (&self->terms, g_array_unref);
  g_clear_pointer (&self->school_choices, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_outreach_page_parent_class)->finalize (object);
}

static void
pl_outreach_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlOutreachPage *self = PL_OUTREACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;

    case PROP_TERMS:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        for (guint i = 0; i < self->terms->len; i++)
          {
            const PlTerm *term = &g_array_index (self->terms, PlTerm, i);
            g_autofree char *text = g_strdup_printf ("%02u-%02u..%02u-%02u", term->start_month,
                                                     term->start_day, term->end_month,
                                                     term->end_day);
            g_strv_builder_add (builder, text);
          }
        g_value_take_boxed (value, g_strv_builder_end (builder));
      }
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
set_boolean (PlOutreachPage *self,
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
pl_outreach_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PlOutreachPage *self = PL_OUTREACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_outreach_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAYS:
      pl_outreach_page_set_days (self, g_value_get_uint (value));
      break;

    case PROP_TERMS:
      pl_outreach_page_set_terms (self, g_value_get_boxed (value));
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
pl_outreach_page_class_init (PlOutreachPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_outreach_page_dispose;
  object_class->finalize = pl_outreach_page_finalize;
  object_class->get_property = pl_outreach_page_get_property;
  object_class->set_property = pl_outreach_page_set_property;
  widget_class->map = pl_outreach_page_map;
  widget_class->unmap = pl_outreach_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL, 1, 730, PL_OUTREACH_DEFAULT_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERMS] =
    g_param_spec_boxed ("terms", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
                                               RESOURCE_PREFIX "/ui/pl-outreach-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, school_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, list_empty);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, list_error);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, term_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, overall_share_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, overall_count_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, reach_stack);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, reach_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, reach_list);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, reach_message);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachPage, reach_note);
  gtk_widget_class_bind_template_callback (widget_class, on_school_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_outreach_page_init (PlOutreachPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->days = PL_OUTREACH_DEFAULT_DAYS;
  self->terms = g_array_new (FALSE, FALSE, sizeof (PlTerm));

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  {
    g_autoptr(GtkListItemFactory) button = choice_factory_new (TRUE);
    g_autoptr(GtkListItemFactory) list = choice_factory_new (FALSE);

    gtk_drop_down_set_factory (self->school_dropdown, button);
    gtk_drop_down_set_list_factory (self->school_dropdown, list);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->reach_note), FALSE);
  load_schools (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-duplicates-page-private.h"
#include "pl-duplicates.h"
#include "pl-family-merge.h"
#include "pl-languages.h"
#include "pl-utils.h"

struct _PlDuplicatesPage
{
  GtkWidget           parent_instance;

  PlStore            *store;
  PlDuplicates       *duplicates;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  GHashTable         *school_names;  /* id → name */
  GHashTable         *merges;        /* merged family id → PlFamilyMerge, for Undo */
  char               *reselect[2];   /* the pair to select when the next search ends */
  char               *shown[2];      /* the pair on the right */
  gulong              family_changed_id;
  guint               reload_source;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  AdwWindowTitle     *pairs_title;
  GtkStack           *pairs_stack;
  GtkSpinner         *spinner;
  GtkListView        *pairs_view;
  AdwStatusPage      *error_page;
  GtkStack           *compare_stack;
  GtkScrolledWindow  *compare_scroll;
  GtkLabel           *reasons_label;
  AdwSqueezer        *columns_squeezer;
  GtkBox             *wide_box;
  GtkBox             *narrow_box;
};

G_DEFINE_FINAL_TYPE (PlDuplicatesPage, pl_duplicates_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (PlDuplicatesPage *self,
       AdwToast         *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
set_pair_ids (char       **ids,
              const char  *a,
              const char  *b)
{
  g_free (ids[0]);
  g_free (ids[1]);
  ids[0] = g_strdup (a);
  ids[1] = g_strdup (b);
}

static PlDuplicatePair *
selected_pair (PlDuplicatesPage *self)
{
  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

/* The list */

static void
update_title (PlDuplicatesPage *self)
{
  g_autofree char *subtitle = NULL;
  guint n = self->duplicates ? g_list_model_get_n_items (G_LIST_MODEL (self->duplicates)) : 0;

  if (n > 0)
    /* Translators: %u is a number of pairs of families */
    subtitle = g_strdup_printf (ngettext ("%u pair to review", "%u pairs to review", n), n);
  adw_window_title_set_subtitle (self->pairs_title, subtitle);

  if (self->duplicates != NULL)
    gtk_stack_set_visible_child_name (self->pairs_stack, n > 0 ? "list" : "empty");
}

static void
setup_pair_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *reasons = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (reasons), 0);
  gtk_label_set_ellipsize (GTK_LABEL (reasons), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (reasons), 2);
  gtk_label_set_wrap (GTK_LABEL (reasons), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reasons), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reasons, "dim-label");
  gtk_widget_add_css_class (reasons, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), reasons);
  gtk_list_item_set_child (item, box);
}

static char *
pair_title (PlDuplicatePair *pair)
{
  /* Translators: two household names, as in "García and Garcia Lopez" */
  return g_strdup_printf (_("%s and %s"), pl_duplicate_pair_get_household_a (pair),
                          pl_duplicate_pair_get_household_b (pair));
}

static void
bind_pair_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  PlDuplicatePair *pair = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *reasons = gtk_widget_get_next_sibling (title);
  g_autofree char *text = pair_title (pair);
  g_auto(GStrv) lines = g_strsplit (pl_duplicate_pair_get_description (pair), "\n", -1);
  g_autofree char *summary = g_strjoinv (" · ", lines);

  gtk_label_set_text (GTK_LABEL (title), text);
  gtk_label_set_text (GTK_LABEL (reasons), summary);
}

static void show_pair    (PlDuplicatesPage *self);
static void show_nothing (PlDuplicatesPage *self);

static void
on_selection_changed (PlDuplicatesPage *self)
{
  show_pair (self);
}

static void
on_pairs_view_activate (PlDuplicatesPage *self,
                        guint             position,
                        GtkListView      *view)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
show_compare_cb (gpointer user_data)
{
  PlDuplicatesPage *self = user_data;

  if (adw_leaflet_get_folded (self->leaflet) && selected_pair (self) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "compare");
  return G_SOURCE_REMOVE;
}

/* Folded, a click on a pair opens it, as a tap would on a phone. The row
 * selects itself on the same click, so this looks after it has. */
static void
on_pairs_clicked (PlDuplicatesPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, show_compare_cb, g_object_ref (self), g_object_unref);
}

static void
on_leaflet_folded (PlDuplicatesPage *self)
{
  /* Unfolded, both panes show; folded, the list comes first. */
  if (!adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "pairs");
}

static void
set_duplicates (PlDuplicatesPage *self,
                PlDuplicates     *duplicates)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_set_object (&self->duplicates, duplicates);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);

  if (duplicates != NULL)
    {
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (duplicates)));
      if (self->reselect[0] != NULL)
        {
          int found = pl_duplicates_find_pair (duplicates, self->reselect[0], self->reselect[1]);
          if (found >= 0)
            position = found;
        }
      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
      g_signal_connect_swapped (self->selection, "notify::selected-item",
                                G_CALLBACK (on_selection_changed), self);
      g_signal_connect_swapped (self->selection, "items-changed",
                                G_CALLBACK (update_title), self);
    }
  set_pair_ids (self->reselect, NULL, NULL);

  gtk_list_view_set_model (self->pairs_view, GTK_SELECTION_MODEL (self->selection));
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->pairs_view), "list.scroll-to-item", "u",
                                position);
  update_title (self);
  show_pair (self);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PlDuplicatesPage) self = user_data;
  g_autoptr(PlDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;

  duplicates = pl_duplicates_find_finish (PL_STORE (source), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.refresh", TRUE);

  if (duplicates == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      set_duplicates (self, NULL);
      gtk_stack_set_visible_child_name (self->pairs_stack, "error");
      return;
    }
  set_duplicates (self, duplicates);
}

void
pl_duplicates_page_refresh (PlDuplicatesPage *self)
{
  g_return_if_fail (PL_IS_DUPLICATES_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Keep the pair a person was looking at, if it is still found. */
  if (self->reselect[0] == NULL && self->shown[0] != NULL)
    set_pair_ids (self->reselect, self->shown[0], self->shown[1]);

  if (self->store == NULL)
    {
      set_duplicates (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->pairs_stack, "loading");
  gtk_spinner_start (self->spinner);
  if (self->duplicates == NULL)
    show_nothing (self);
  adw_window_title_set_subtitle (self->pairs_title, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.refresh", FALSE);
  pl_duplicates_find_async (self->store, self->cancellable, on_found, g_object_ref (self));
}

/* The comparison */

static GtkWidget *
info_row_new (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

static GtkWidget *
group_new (GtkWidget  *column,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (column), group);
  return group;
}

/* A phone number has no letters to give it a direction; right to left it
 * would read "555-0199 (413)" without a left-to-right mark. */
static char *
phone_for_display (PlDuplicatesPage *self,
                   const char       *phone)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return g_strconcat ("\u200E", phone, NULL);
  return g_strdup (phone);
}

/* The phone digits of a family's guardians, and its students' names and
 * district ids, to mark what the other family has too. */
static GHashTable *
family_keys (PlFamily *family)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  GListModel *students = G_LIST_MODEL (pl_family_get_students (family));

  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);
      const char *phones[] = {
        pl_guardian_get_phone (guardian), pl_guardian_get_phone_alt (guardian),
      };
      for (guint p = 0; p < G_N_ELEMENTS (phones); p++)
        {
          g_autofree char *digits = pl_duplicates_phone_key (phones[p]);
          if (digits != NULL)
            g_hash_table_add (keys, g_strconcat ("phone:", digits, NULL));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (students); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);
      g_autofree char *name = pl_duplicates_name_key (pl_student_get_full_name (student));

      if (*name != '\0')
        g_hash_table_add (keys, g_strconcat ("student:", name, NULL));
      if (is_set (pl_student_get_district_id (student)))
        g_hash_table_add (keys, g_strconcat ("student-id:", pl_student_get_district_id (student),
                                             NULL));
    }
  return keys;
}

static gboolean
other_has (GHashTable *other_keys,
           const char *kind,
           const char *key)
{
  g_autofree char *full = g_strconcat (kind, key, NULL);

  return g_hash_table_contains (other_keys, full);
}

/* Whole words ("Same Phone", never "Same Ph…"), stacked at the row's end. */
static void
append_tag (GtkWidget  *box,
            const char *text,
            const char *tooltip)
{
  GtkWidget *tag = pl_tag_new (text, "match-tag");

  gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_halign (tag, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (tag, tooltip);
  gtk_box_append (GTK_BOX (box), tag);
}

static gboolean
has_guardian_alike (PlFamily   *family,
                    const char *name)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));

  for (guint i = 0; is_set (name) && i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      if (pl_duplicates_guardian_names_alike (name, pl_guardian_get_full_name (guardian)))
        return TRUE;
    }
  return FALSE;
}

static void
add_guardian_rows (PlDuplicatesPage *self,
                   GtkWidget        *group,
                   PlFamily         *family,
                   PlFamily         *other,
                   GHashTable       *other_keys)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  guint n = g_list_model_get_n_items (guardians);

  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               info_row_new (_("No guardians recorded"), NULL));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);
      const char *name = pl_guardian_get_full_name (guardian);
      const char *relationship = pl_guardian_get_relationship (guardian);
      const char *phones[] = {
        pl_guardian_get_phone (guardian), pl_guardian_get_phone_alt (guardian),
      };
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;
      gboolean same_phone = FALSE;
      GtkWidget *row, *tags;

      if (is_set (relationship))
        g_ptr_array_add (parts, g_strdup (pl_guardian_relationship_label (relationship)));
      for (guint p = 0; p < G_N_ELEMENTS (phones); p++)
        if (is_set (phones[p]))
          {
            g_autofree char *digits = pl_duplicates_phone_key (phones[p]);

            g_ptr_array_add (parts, phone_for_display (self, phones[p]));
            same_phone |= digits != NULL && other_has (other_keys, "phone:", digits);
          }
      if (is_set (pl_guardian_get_email (guardian)))
        g_ptr_array_add (parts, g_strdup (pl_guardian_get_email (guardian)));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);

      row = info_row_new (is_set (name) ? name : _("Unnamed Guardian"),
                          *subtitle ? subtitle : NULL);
      tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
      if (has_guardian_alike (other, name))
        append_tag (tags, _("Same Name"), _("The other family has a guardian of this name"));
      if (same_phone)
        append_tag (tags, _("Same Phone"), _("The other family lists this phone number"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_student_rows (PlDuplicatesPage *self,
                  GtkWidget        *group,
                  PlFamily         *family,
                  GHashTable       *other_keys)
{
  GListModel *students = G_LIST_MODEL (pl_family_get_students (family));
  guint n = g_list_model_get_n_items (students);

  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               info_row_new (_("No students recorded"), NULL));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);
      const char *name = pl_student_get_full_name (student);
      const char *school = self->school_names
                           ? g_hash_table_lookup (self->school_names,
                                                  pl_student_get_school_id (student) ?: "")
                           : NULL;
      g_autofree char *grade_text = pl_grade_to_string (pl_student_get_grade (student));
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *folded = pl_duplicates_name_key (name);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (school != NULL)
        g_ptr_array_add (parts, g_strdup (school));
      /* Translators: %s is a grade such as "K" or "3" */
      g_ptr_array_add (parts, g_strdup_printf (_("Grade %s"), grade_text));
      if (is_set (pl_student_get_district_id (student)))
        /* Translators: %s is the district's student number */
        g_ptr_array_add (parts, g_strdup_printf (_("Student ID %s"),
                                                 pl_student_get_district_id (student)));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      row = info_row_new (is_set (name) ? name : _("Unnamed Student"), subtitle);
      if ((is_set (pl_student_get_district_id (student)) &&
           other_has (other_keys, "student-id:", pl_student_get_district_id (student))) ||
          (*folded != '\0' && other_has (other_keys, "student:", folded)))
        {
          GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

          gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
          append_tag (tags, _("Same Student"), _("The other family has this student too"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static char *
address_text (PlFamily *family)
{
  const char *parts[] = {
    pl_family_get_address (family), pl_family_get_city (family), pl_family_get_zip (family),
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (is_set (parts[i]))
      {
        if (text->len > 0)
          g_string_append (text, i == 2 ? " " : ", ");
        g_string_append (text, parts[i]);
      }
  return g_string_free (text, FALSE);
}

static char *
counts_text (guint  n_guardians,
             guint  n_students,
             gint64 n_contacts)
{
  g_autofree char *guardians =
    /* Translators: part of "2 guardians · 1 student · 14 contacts" */
    g_strdup_printf (ngettext ("%u guardian", "%u guardians", n_guardians), n_guardians);
  g_autofree char *students =
    /* Translators: part of "2 guardians · 1 student · 14 contacts" */
    g_strdup_printf (ngettext ("%u student", "%u students", n_students), n_students);
  g_autofree char *contacts =
    /* Translators: part of "2 guardians · 1 student · 14 contacts" */
    g_strdup_printf (ngettext ("%u contact", "%u contacts", (gulong) MAX (n_contacts, 0)),
                     (guint) MAX (n_contacts, 0));

  return g_strjoin (" · ", guardians, students, contacts, NULL);
}

static GtkWidget *
column_new (PlDuplicatesPage *self,
            PlFamily         *family,
            PlFamily         *other)
{
  g_autoptr(GHashTable) other_keys = family_keys (other);
  g_autofree char *address = address_text (family);
  g_autofree char *language = pl_language_display_name (pl_family_get_home_language (family));
  g_autofree char *counts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *column, *header, *label, *button, *group;
  gint64 n_contacts;

  n_contacts = pl_duplicates_count_contacts (self->store, pl_family_get_id (family), &error);
  if (error != NULL)
    g_warning ("Could not count a family's contacts: %s", error->message);
  counts = counts_text (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (family))),
                        g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (family))),
                        n_contacts);

  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_size_request (column, 280, -1);
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  gtk_widget_set_hexpand (column, TRUE);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (pl_family_get_household_name (family));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (header), label);
  label = gtk_label_new (counts);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);

  button = gtk_button_new_with_mnemonic (_("_Merge Into This One"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "duplicates.merge-into");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", pl_family_get_id (family));
  gtk_widget_set_tooltip_text (button, _("Keep this family and move the other family’s guardians, "
                                         "students and contacts into it"));
  {
    /* Two buttons read alike; a screen reader names the family kept. */
    /* Translators: %s is a household name */
    g_autofree char *label = g_strdup_printf (_("Merge Into “%s”"),
                                              pl_family_get_household_name (family));

    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (column), header);

  group = group_new (column, _("Household"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row_new (_("Address"), *address ? address : _("Not recorded")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row_new (_("Home Language"),
                                           language ? language : _("Not recorded")));
  if (is_set (pl_family_get_notes (family)))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               info_row_new (_("Notes"), pl_family_get_notes (family)));

  group = group_new (column, _("Guardians"));
  add_guardian_rows (self, group, family, other, other_keys);

  group = group_new (column, _("Students"));
  add_student_rows (self, group, family, other_keys);

  return column;
}

static void
clear_columns (PlDuplicatesPage *self)
{
  GtkBox *boxes[] = { self->wide_box, self->narrow_box };
  GtkWidget *child;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (boxes[i]))) != NULL)
      gtk_box_remove (boxes[i], child);
}

static void
show_nothing (PlDuplicatesPage *self)
{
  clear_columns (self);
  set_pair_ids (self->shown, NULL, NULL);
  /* While the search runs there is nothing to choose from yet. */
  gtk_stack_set_visible_child_name (self->compare_stack,
                                    self->cancellable != NULL ? "blank" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.dismiss", FALSE);
}

static void
show_pair (PlDuplicatesPage *self)
{
  PlDuplicatePair *pair = selected_pair (self);
  g_autoptr(PlFamily) a = NULL;
  g_autoptr(PlFamily) b = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (pair == NULL || self->store == NULL)
    {
      show_nothing (self);
      return;
    }

  a = pl_store_load_family (self->store, pl_duplicate_pair_get_family_a (pair), &error);
  if (a != NULL)
    b = pl_store_load_family (self->store, pl_duplicate_pair_get_family_b (pair), &error);
  if (b == NULL)
    {
      show_nothing (self);
      if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        /* Deleted or merged elsewhere since the search: nothing left to review. */
        pl_duplicates_remove_pair (self->duplicates, pl_duplicate_pair_get_family_a (pair),
                                   pl_duplicate_pair_get_family_b (pair));
      else
        toast (self, adw_toast_new (error->message));
      return;
    }

  set_pair_ids (self->shown, pl_family_get_id (a), pl_family_get_id (b));
  gtk_label_set_text (self->reasons_label, pl_duplicate_pair_get_description (pair));
  clear_columns (self);
  /* Both layouts are built (two families, a few rows each); the squeezer
   * shows the one that fits. */
  gtk_box_append (self->wide_box, column_new (self, a, b));
  gtk_box_append (self->wide_box, column_new (self, b, a));
  gtk_box_append (self->narrow_box, column_new (self, a, b));
  gtk_box_append (self->narrow_box, column_new (self, b, a));

  adjustment = gtk_scrolled_window_get_vadjustment (self->compare_scroll);
  gtk_adjustment_set_value (adjustment, 0);
  gtk_stack_set_visible_child_name (self->compare_stack, "pair");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.dismiss", TRUE);
}

static gboolean
reload_pair_cb (gpointer user_data)
{
  PlDuplicatesPage *self = user_data;

  self->reload_source = 0;
  show_pair (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_family_changed (PlDuplicatesPage *self,
                         const char       *family_id,
                         PlStore          *store)
{
  /* An edit in the main window (or a sync) to one of the two on show. */
  if (family_id == NULL || g_strcmp0 (family_id, self->shown[0]) == 0 ||
      g_strcmp0 (family_id, self->shown[1]) == 0)
    if (self->reload_source == 0)
      self->reload_source = g_idle_add (reload_pair_cb, self);
}

/* Merging */

typedef struct
{
  PlDuplicatesPage *self;
  char             *keep_id;
  char             *merge_id;
  char             *keep_name;
} MergeRequest;

static void
merge_request_free (gpointer  data,
                    GClosure *closure)
{
  MergeRequest *request = data;

  g_object_unref (request->self);
  g_free (request->keep_id);
  g_free (request->merge_id);
  g_free (request->keep_name);
  g_free (request);
}

static void
merge (PlDuplicatesPage *self,
       const char       *keep_id,
       const char       *merge_id,
       const char       *keep_name)
{
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint repeated;
  AdwToast *done;

  merge = pl_family_merge_run (self->store, keep_id, merge_id, &error);
  if (merge == NULL)
    {
      toast (self, adw_toast_new (error->message));
      return;
    }

  g_hash_table_insert (self->merges, g_strdup (merge_id), g_object_ref (merge));
  /* The next pair takes the merged one's place in the list and on the right. */
  pl_duplicates_family_merged (self->duplicates, keep_id, merge_id);

  repeated = pl_family_merge_get_n_repeated_guardians (merge);
  if (repeated > 0)
    title = g_strdup_printf (ngettext ("Merged; %u guardian is listed twice",
                                       "Merged; %u guardians are listed twice", repeated),
                             repeated);
  else
    /* Translators: %s is the household name of the family kept */
    title = g_strdup_printf (_("Merged into “%s”"), keep_name);
  done = adw_toast_new (title);
  adw_toast_set_button_label (done, _("_Undo"));
  /* Each toast undoes its own merge, even when another came after it. */
  adw_toast_set_action_name (done, "duplicates.undo-merge");
  adw_toast_set_action_target (done, "s", merge_id);
  toast (self, done);
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   MergeRequest     *request)
{
  if (g_strcmp0 (response, "merge") == 0)
    merge (request->self, request->keep_id, request->merge_id, request->keep_name);
}

static void
merge_into_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (widget);
  PlDuplicatePair *pair = selected_pair (self);
  const char *keep_id = g_variant_get_string (parameter, NULL);
  MergeRequest *request;
  GtkWidget *dialog;
  gboolean keep_a;
  const char *keep_name, *other_name;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (pair == NULL || !pl_duplicate_pair_has_family (pair, keep_id))
    return;

  keep_a = g_strcmp0 (keep_id, pl_duplicate_pair_get_family_a (pair)) == 0;
  keep_name = keep_a ? pl_duplicate_pair_get_household_a (pair)
                     : pl_duplicate_pair_get_household_b (pair);
  other_name = keep_a ? pl_duplicate_pair_get_household_b (pair)
                      : pl_duplicate_pair_get_household_a (pair);

  request = g_new0 (MergeRequest, 1);
  request->self = g_object_ref (self);
  request->keep_id = g_strdup (keep_id);
  request->merge_id = g_strdup (keep_a ? pl_duplicate_pair_get_family_b (pair)
                                       : pl_duplicate_pair_get_family_a (pair));
  request->keep_name = g_strdup (keep_name);

  /* Translators: %s is a household name */
  heading = g_strdup_printf (_("Merge Into “%s”?"), keep_name);
  body = g_strdup_printf (
    /* Translators: %s are household names: the one that goes, the one kept, the one that goes */
    _("The guardians, students and contacts of “%s” move to “%s”, and “%s” leaves the "
      "directory. What differs in its address, language and notes is kept in the notes."),
    other_name, keep_name, other_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_merge_response), request,
                         merge_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (widget);
  const char *merged_id = g_variant_get_string (parameter, NULL);
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_hash_table_steal_extended (self->merges, merged_id, NULL, (gpointer *) &merge) ||
      self->store == NULL)
    return;
  if (!pl_family_merge_undo (merge, self->store, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  set_pair_ids (self->reselect, pl_family_merge_get_keep_id (merge),
                pl_family_merge_get_merged_id (merge));
  pl_duplicates_page_refresh (self);
}

/* Not duplicates */

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  PlDuplicatePair *pair = selected_pair (self);
  AdwToast *done;

  if (pair == NULL || self->store == NULL)
    return;

  a = g_strdup (pl_duplicate_pair_get_family_a (pair));
  b = g_strdup (pl_duplicate_pair_get_family_b (pair));
  if (!pl_duplicates_dismiss (self->store, a, b, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  pl_duplicates_remove_pair (self->duplicates, a, b);

  done = adw_toast_new (_("Marked as two households"));
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_action_name (done, "duplicates.undo-dismiss");
  adw_toast_set_action_target (done, "(ss)", a, b);
  toast (self, done);
}

static void
undo_dismiss_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *a, *b;

  g_variant_get (parameter, "(&s&s)", &a, &b);
  if (self->store == NULL)
    return;
  if (!pl_duplicates_undismiss (self->store, a, b, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  set_pair_ids (self->reselect, a, b);
  pl_duplicates_page_refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pl_duplicates_page_refresh (PL_DUPLICATES_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The store */

static void
load_school_names (PlDuplicatesPage *self)
{
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->school_names, g_hash_table_unref);
  if (self->store == NULL)
    return;
  schools = pl_store_list_schools (self->store, &error);
  if (schools == NULL)
    {
      g_warning ("Could not read the schools: %s", error->message);
      return;
    }
  self->school_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);
      g_hash_table_insert (self->school_names, g_strdup (pl_school_get_id (school)),
                           g_strdup (pl_school_get_name (school)));
    }
}

PlStore *
pl_duplicates_page_get_store (PlDuplicatesPage *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATES_PAGE (self), NULL);
  return self->store;
}

void
pl_duplicates_page_set_store (PlDuplicatesPage *self,
                              PlStore          *store)
{
  g_return_if_fail (PL_IS_DUPLICATES_PAGE (self));
  g_return_if_fail (store == NULL || PL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->family_changed_id =
      g_signal_connect_object (store, "family-changed", G_CALLBACK (on_store_family_changed), self,
                               G_CONNECT_SWAPPED);

  g_hash_table_remove_all (self->merges);
  set_pair_ids (self->shown, NULL, NULL);
  load_school_names (self);
  pl_duplicates_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GtkWidget *
pl_duplicates_page_new (PlStore *store)
{
  return g_object_new (PL_TYPE_DUPLICATES_PAGE, "store", store, NULL);
}

static void
on_window_destroy (GtkWidget *window,
                   GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "pl-duplicates-window", NULL);
}

GtkWindow *
pl_duplicates_page_present (GtkWindow *parent,
                            PlStore   *store)
{
  GtkWindow *window;
  GtkWidget *page;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  window = g_object_get_data (G_OBJECT (parent), "pl-duplicates-window");
  if (window != NULL)
    {
      GtkWidget *open_page = adw_window_get_content (ADW_WINDOW (window));

      pl_duplicates_page_set_store (PL_DUPLICATES_PAGE (open_page), store);
      gtk_window_present (window);
      return window;
    }

  page = pl_duplicates_page_new (store);
  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (window, _("Possible Duplicates"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_default_size (window, 1000, 700);
  if (gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (parent));
  adw_window_set_content (ADW_WINDOW (window), page);
  g_object_set_data (G_OBJECT (parent), "pl-duplicates-window", window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy), parent, 0);
  gtk_window_present (window);
  return window;
}

/* For tests */

GtkListView *
_pl_duplicates_page_get_list_view (PlDuplicatesPage *self)
{
  return self->pairs_view;
}

GtkWidget *
_pl_duplicates_page_get_columns (PlDuplicatesPage *self)
{
  return adw_squeezer_get_visible_child (self->columns_squeezer);
}

const char *
_pl_duplicates_page_get_state (PlDuplicatesPage *self)
{
  return gtk_stack_get_visible_child_name (self->pairs_stack);
}

guint
_pl_duplicates_page_get_n_pairs (PlDuplicatesPage *self)
{
  return self->duplicates ? g_list_model_get_n_items (G_LIST_MODEL (self->duplicates)) : 0;
}

/* GObject */

static void
pl_duplicates_page_dispose (GObject *object)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DUPLICATES_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->duplicates);
  g_hash_table_remove_all (self->merges);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_duplicates_page_parent_class)->dispose (object);
}

static void
pl_duplicates_page_finalize (GObject *object)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (object);

  g_clear_pointer (&self->school_names, g_hash_table_unref);
  g_clear_pointer (&self->merges, g_hash_table_unref);
  set_pair_ids (self->reselect, NULL, NULL);
  set_pair_ids (self->shown, NULL, NULL);

  G_OBJECT_CLASS (pl_duplicates_page_parent_class)->finalize (object);
}

static void
pl_duplicates_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_duplicates_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlDuplicatesPage *self = PL_DUPLICATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_duplicates_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_duplicates_page_class_init (PlDuplicatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_duplicates_page_dispose;
  object_class->finalize = pl_duplicates_page_finalize;
  object_class->get_property = pl_duplicates_page_get_property;
  object_class->set_property = pl_duplicates_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-duplicates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, pairs_title);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, pairs_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, pairs_view);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, compare_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, compare_scroll);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, columns_squeezer);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, wide_box);
  gtk_widget_class_bind_template_child (widget_class, PlDuplicatesPage, narrow_box);
  gtk_widget_class_bind_template_callback (widget_class, on_pairs_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);

  gtk_widget_class_install_action (widget_class, "duplicates.merge-into", "s", merge_into_action);
  gtk_widget_class_install_action (widget_class, "duplicates.undo-merge", "s", undo_merge_action);
  gtk_widget_class_install_action (widget_class, "duplicates.dismiss", NULL, dismiss_action);
  gtk_widget_class_install_action (widget_class, "duplicates.undo-dismiss", "(ss)",
                                   undo_dismiss_action);
  gtk_widget_class_install_action (widget_class, "duplicates.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "duplicates.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "duplicates.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_duplicates_page_init (PlDuplicatesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->merges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_pair_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_pair_row), NULL);
  gtk_list_view_set_factory (self->pairs_view, factory);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_pairs_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pairs_view), GTK_EVENT_CONTROLLER (click));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.dismiss", FALSE);
}

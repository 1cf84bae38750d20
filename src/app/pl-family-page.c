/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact-editor.h"
#include "pl-contact-list.h"
#include "pl-contact-row.h"
#include "pl-family-page-private.h"
#include "pl-guardian.h"
#include "pl-school.h"
#include "pl-student.h"
#include "pl-utils.h"

struct _PlFamilyPage
{
  GtkWidget            parent_instance;

  PlStore             *store;
  PlFamily            *family;
  GHashTable          *school_names;   /* id → name, loaded when first needed */
  GPtrArray           *dynamic_rows;   /* rows built for the family shown */
  gboolean             show_start_title_buttons;
  gboolean             show_back_button;
  PlContactList       *contacts;       /* the timeline of the family shown */
  GHashTable          *staff_names;    /* username → display name, as met */
  PlContactEditor     *contact_editor; /* weak */
  AdwToast            *undo_toast;     /* weak: the last "Contact deleted" */

  AdwWindowTitle      *window_title;
  GtkWidget           *edit_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *household_group;
  AdwPreferencesGroup *guardians_group;
  AdwPreferencesGroup *students_group;
  AdwPreferencesGroup *contacts_group;
  GtkListBox          *timeline_list;
  GtkWidget           *older_button;
  GtkWidget           *log_contact_button;
};

G_DEFINE_FINAL_TYPE (PlFamilyPage, pl_family_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  PROP_FAMILY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
add_row (PlFamilyPage        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, g_object_ref (row));
}

/* A read-only row: the value as the title, what it is as the subtitle, so
 * the eye lands on the value first. */
static GtkWidget *
info_row_new (const char *icon_name,
              const char *value,
              const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  gtk_widget_add_css_class (row, "info-row");

  if (icon_name != NULL)
    {
      icon = gtk_image_new_from_icon_name (icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static const char *
school_name (PlFamilyPage *self,
             const char   *school_id)
{
  if (school_id == NULL)
    return NULL;

  if (self->school_names == NULL)
    {
      g_autoptr(GListModel) schools = NULL;
      g_autoptr(GError) error = NULL;

      self->school_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      schools = pl_store_list_schools (self->store, &error);
      if (schools == NULL)
        g_warning ("Could not list schools: %s", error->message);

      for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
        {
          g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

          g_hash_table_insert (self->school_names,
                               g_strdup (pl_school_get_id (school)),
                               g_strdup (pl_school_get_name (school)));
        }
    }

  return g_hash_table_lookup (self->school_names, school_id);
}

static void
clear_rows (PlFamilyPage *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }

  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static void
build_household (PlFamilyPage *self)
{
  PlFamily *family = self->family;
  const char *address = pl_family_get_address (family);
  const char *city = pl_family_get_city (family);
  const char *zip = pl_family_get_zip (family);
  g_autofree char *language = pl_language_display_name (pl_family_get_home_language (family));
  g_autoptr(GString) where = g_string_new (NULL);
  gboolean any = FALSE;

  if (is_set (address))
    g_string_append (where, address);
  if (is_set (city) || is_set (zip))
    {
      g_autofree char *place = NULL;

      if (is_set (city) && is_set (zip))
        /* Translators: a city and its ZIP code, e.g. "Springfield 01103" */
        place = g_strdup_printf (C_("city zip", "%s %s"), city, zip);
      else
        place = g_strdup (is_set (city) ? city : zip);

      if (where->len > 0)
        g_string_append_c (where, '\n');
      g_string_append (where, place);
    }

  if (where->len > 0)
    {
      add_row (self, self->household_group,
               info_row_new ("mark-location-symbolic", where->str, _("Address")));
      any = TRUE;
    }

  if (language != NULL)
    {
      add_row (self, self->household_group,
               info_row_new ("preferences-desktop-locale-symbolic", language, _("Home Language")));
      any = TRUE;
    }

  if (is_set (pl_family_get_notes (family)))
    {
      add_row (self, self->household_group,
               info_row_new ("accessories-text-editor-symbolic", pl_family_get_notes (family),
                             _("Notes")));
      any = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->household_group), any);
}

/* A phone number has no letters to give it a direction, so right-to-left
 * it would come out as "555-0199 (413)"; a left-to-right mark keeps it whole. */
static char *
phone_for_display (PlFamilyPage *self,
                   const char   *phone)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return g_strconcat ("\u200E", phone, NULL);

  return g_strdup (phone);
}

static GtkWidget *
guardian_row_new (PlFamilyPage *self,
                  PlGuardian   *guardian)
{
  const char *name = pl_guardian_get_full_name (guardian);
  const char *relationship = pl_guardian_get_relationship (guardian);
  const char *phone = pl_guardian_get_phone (guardian);
  const char *phone_alt = pl_guardian_get_phone_alt (guardian);
  const char *email = pl_guardian_get_email (guardian);
  g_autofree char *language = pl_language_display_name (pl_guardian_get_preferred_language (guardian));
  GtkWidget *expander;
  GtkWidget *avatar;
  GtkWidget *row;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 is_set (name) ? name : _("Unnamed Guardian"));
  if (is_set (relationship))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                   pl_guardian_relationship_label (relationship));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  avatar = adw_avatar_new (32, name, TRUE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), avatar);

  if (pl_guardian_get_needs_interpreter (guardian))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                 pl_tag_new (_("Needs Interpreter"), "interpreter-tag"));

  if (is_set (phone))
    {
      g_autofree char *shown = phone_for_display (self, phone);

      row = info_row_new ("call-start-symbolic", shown, _("Phone"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 pl_guardian_get_can_text (guardian)
                                 ? pl_tag_new (_("Texts OK"), "texts-tag")
                                 : pl_tag_new (_("No Texts"), "no-texts-tag"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (is_set (phone_alt))
    {
      g_autofree char *shown = phone_for_display (self, phone_alt);

      row = info_row_new ("call-start-symbolic", shown, _("Other Phone"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (is_set (email))
    {
      row = info_row_new ("mail-unread-symbolic", email, _("Email"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (language != NULL)
    {
      row = info_row_new ("preferences-desktop-locale-symbolic", language,
                          _("Preferred Language"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  return expander;
}

static void
build_guardians (PlFamilyPage *self)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (self->family));
  guint n_guardians = g_list_model_get_n_items (guardians);

  for (guint i = 0; i < n_guardians; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      add_row (self, self->guardians_group, guardian_row_new (self, guardian));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->guardians_group), n_guardians > 0);
}

static void
append_tag (GtkWidget  *box,
            GtkWidget  *tag,
            const char *tooltip)
{
  /* Whole words: "Emerging Bilingual", never "Em…". */
  gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_halign (tag, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (tag, tooltip);
  gtk_box_append (GTK_BOX (box), tag);
}

static GtkWidget *
student_row_new (PlFamilyPage *self,
                 PlStudent    *student)
{
  const char *name = pl_student_get_full_name (student);
  const char *school = school_name (self, pl_student_get_school_id (student));
  const char *district_id = pl_student_get_district_id (student);
  g_autofree char *grade = pl_grade_to_string (pl_student_get_grade (student));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *tags;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), is_set (name) ? name : _("Unnamed Student"));
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, name, TRUE));

  if (school != NULL)
    g_ptr_array_add (parts, g_strdup (school));
  if (grade != NULL)
    /* Translators: a school grade, e.g. "Grade 3" or "Grade K" */
    g_ptr_array_add (parts, g_strdup_printf (_("Grade %s"), grade));
  if (is_set (district_id))
    /* Translators: the district's student number, e.g. "ID 2041877" */
    g_ptr_array_add (parts, g_strdup_printf (_("ID %s"), district_id));
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  if (!pl_student_get_emerging_bilingual (student) && !pl_student_get_iep (student) &&
      !pl_student_get_plan_504 (student))
    return row;

  /* Stacked, so all of them fit beside the name in a narrow window or a
   * longer language, where a line of them would be cut off. */
  tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  if (pl_student_get_emerging_bilingual (student))
    append_tag (tags, pl_tag_new (_("Emerging Bilingual"), "bilingual-tag"), NULL);
  if (pl_student_get_iep (student))
    /* Translators: Individualized Education Program */
    append_tag (tags, pl_tag_new (_("IEP"), "support-tag"),
                _("Has an Individualized Education Program"));
  if (pl_student_get_plan_504 (student))
    append_tag (tags, pl_tag_new (_("504 Plan"), "support-tag"), _("Has a Section 504 plan"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);

  return row;
}

static void
build_students (PlFamilyPage *self)
{
  GListModel *students = G_LIST_MODEL (pl_family_get_students (self->family));
  guint n_students = g_list_model_get_n_items (students);

  for (guint i = 0; i < n_students; i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);

      add_row (self, self->students_group, student_row_new (self, student));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->students_group), n_students > 0);
}

static void
build_summary (PlFamilyPage *self)
{
  guint n_guardians = g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (self->family)));
  guint n_students = g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (self->family)));
  g_autofree char *guardians = NULL;
  g_autofree char *students = NULL;
  g_autofree char *summary = NULL;

  guardians = g_strdup_printf (ngettext ("%u guardian", "%u guardians", n_guardians), n_guardians);
  students = g_strdup_printf (ngettext ("%u student", "%u students", n_students), n_students);
  /* Translators: "2 guardians · 3 students" */
  summary = g_strdup_printf (C_("family summary", "%s · %s"), guardians, students);

  gtk_label_set_text (self->summary_label, summary);
}


/* The contact timeline. */

#define LOAD_MORE_MARGIN 400  /* pixels from the bottom where older ones load */

static const char *
staff_name (PlFamilyPage *self,
            const char   *username)
{
  char *name;

  if (username == NULL)
    return NULL;
  if (self->staff_names == NULL)
    self->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_hash_table_lookup_extended (self->staff_names, username, NULL, (gpointer *) &name))
    return name;

  name = pl_store_dup_staff_name (self->store, username);
  g_hash_table_insert (self->staff_names, g_strdup (username), name);
  return name;
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  PlFamilyPage *self = user_data;
  PlContact *contact = item;

  return pl_contact_row_new (contact, self->family,
                             staff_name (self, pl_contact_get_staff_id (contact)));
}

static void
update_timeline_state (PlFamilyPage *self)
{
  guint total = self->contacts != NULL ? pl_contact_list_get_total (self->contacts) : 0;
  g_autofree char *description = NULL;

  if (total == 0)
    description = g_strdup (_("No contacts logged yet"));
  else
    description = g_strdup_printf (ngettext ("%u contact, newest first",
                                             "%u contacts, newest first", total), total);
  adw_preferences_group_set_description (self->contacts_group, description);

  gtk_widget_set_visible (GTK_WIDGET (self->timeline_list), total > 0);
  gtk_widget_set_visible (self->older_button,
                          self->contacts != NULL && pl_contact_list_get_has_more (self->contacts));
}

static void
on_contacts_changed (PlFamilyPage *self)
{
  update_timeline_state (self);
}

static void
bind_timeline (PlFamilyPage *self)
{
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->contacts),
                           self->contacts != NULL ? create_contact_row : NULL, self, NULL);
  update_timeline_state (self);
}

static void
set_contacts (PlFamilyPage  *self,
              PlContactList *contacts)
{
  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_data (self->contacts, self);
  g_set_object (&self->contacts, contacts);
  if (contacts != NULL)
    {
      g_signal_connect_object (contacts, "notify::total", G_CALLBACK (on_contacts_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (contacts, "notify::has-more", G_CALLBACK (on_contacts_changed), self,
                               G_CONNECT_SWAPPED);
    }
  bind_timeline (self);
}

static AdwToastOverlay *
toast_overlay (PlFamilyPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

static void
add_toast (PlFamilyPage *self,
           AdwToast     *toast)
{
  AdwToastOverlay *overlay = toast_overlay (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_contact_saved (PlFamilyPage    *self,
                  const char      *contact_id,
                  PlContactEditor *editor)
{
  add_toast (self, adw_toast_new (pl_contact_editor_get_is_new (editor) ? _("Contact logged")
                                                                         : _("Changes saved")));
}

static void
open_contact_editor (PlFamilyPage *self,
                     PlContact    *contact)
{
  g_autoptr(GError) error = NULL;
  PlContactEditor *editor;
  GtkRoot *root;

  if (self->store == NULL || self->family == NULL)
    return;

  if (self->contact_editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->contact_editor));
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = pl_contact_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                  pl_family_get_id (self->family), contact, &error);
  if (editor == NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_contact_saved), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->contact_editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

void
pl_family_page_log_contact (PlFamilyPage *self)
{
  g_return_if_fail (PL_IS_FAMILY_PAGE (self));

  open_contact_editor (self, NULL);
}

static PlContact *
find_loaded_contact (PlFamilyPage *self,
                     const char   *contact_id)
{
  GListModel *model = G_LIST_MODEL (self->contacts);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlContact) contact = g_list_model_get_item (model, i);

      if (g_strcmp0 (pl_contact_get_id (contact), contact_id) == 0)
        return g_steal_pointer (&contact);
    }
  return NULL;
}

static void
on_timeline_row_activated (PlFamilyPage  *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  open_contact_editor (self, pl_contact_row_get_contact (PL_CONTACT_ROW (row)));
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (widget);
  g_autoptr(PlContact) contact = find_loaded_contact (self, g_variant_get_string (parameter, NULL));

  if (contact != NULL)
    open_contact_editor (self, contact);
}

static void
on_undo_delete_clicked (AdwToast     *toast,
                        PlFamilyPage *self)
{
  const char *contact_id = g_object_get_data (G_OBJECT (toast), "pl-contact-id");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || contact_id == NULL)
    return;
  if (!pl_store_restore_contact (self->store, contact_id, &error))
    add_toast (self, adw_toast_new (error->message));
}

static void
delete_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (widget);
  const char *contact_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  AdwToast *deleted;

  if (self->store == NULL)
    return;

  if (!pl_store_delete_contact (self->store, contact_id, &error))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  /* Nothing asks "are you sure": the toast takes it back. */
  deleted = adw_toast_new (_("Contact deleted"));
  adw_toast_set_button_label (deleted, _("_Undo"));
  adw_toast_set_priority (deleted, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (deleted), "pl-contact-id", g_strdup (contact_id), g_free);
  g_signal_connect_object (deleted, "button-clicked", G_CALLBACK (on_undo_delete_clicked), self, 0);
  g_set_weak_pointer (&self->undo_toast, deleted);
  add_toast (self, deleted);
}

static void
load_more (PlFamilyPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->contacts == NULL || !pl_contact_list_get_has_more (self->contacts))
    return;
  if (!pl_contact_list_load_more (self->contacts, &error))
    add_toast (self, adw_toast_new (error->message));
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (widget);
  GtkWidget *focus_row = NULL;
  guint shown = 0;

  if (self->contacts != NULL)
    shown = g_list_model_get_n_items (G_LIST_MODEL (self->contacts));

  load_more (self);

  /* The button may go with the last page: keep the keyboard where the
   * older contacts begin. */
  if (shown > 0)
    focus_row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->timeline_list, (int) shown));
  if (focus_row != NULL && !gtk_widget_get_visible (self->older_button))
    gtk_widget_grab_focus (focus_row);
}

/* Scrolling near the end brings the next page of older contacts. */
static void
on_scrolled (PlFamilyPage  *self,
             GtkAdjustment *adjustment)
{
  double bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);

  if (self->contacts != NULL && pl_contact_list_get_has_more (self->contacts) &&
      gtk_widget_get_mapped (GTK_WIDGET (self->timeline_list)) &&
      bottom >= gtk_adjustment_get_upper (adjustment) - LOAD_MORE_MARGIN)
    load_more (self);
}

static void
show_family (PlFamilyPage *self)
{
  const char *name;

  clear_rows (self);

  if (self->family == NULL)
    {
      adw_window_title_set_title (self->window_title, NULL);
      gtk_widget_set_visible (self->edit_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_contacts (self, NULL);
      return;
    }

  name = pl_family_get_household_name (self->family);

  adw_window_title_set_title (self->window_title, name);
  gtk_label_set_text (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  build_summary (self);
  build_household (self);
  build_guardians (self);
  build_students (self);

  /* The same family again (after a save) keeps the contacts read so far;
   * its rows are made again for the guardians' current names. */
  if (self->contacts == NULL ||
      g_strcmp0 (pl_contact_list_get_family_id (self->contacts),
                 pl_family_get_id (self->family)) != 0)
    {
      g_autoptr(PlContactList) contacts = pl_contact_list_new (self->store,
                                                               pl_family_get_id (self->family));

      /* Staff a sync brought since are named from now on. */
      g_clear_pointer (&self->staff_names, g_hash_table_unref);
      set_contacts (self, contacts);
    }
  else
    bind_timeline (self);

  gtk_widget_set_visible (self->edit_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "family");
}

PlStore *
pl_family_page_get_store (PlFamilyPage *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_PAGE (self), NULL);

  return self->store;
}

void
pl_family_page_set_store (PlFamilyPage *self,
                          PlStore      *store)
{
  g_return_if_fail (PL_IS_FAMILY_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->family);
  g_clear_pointer (&self->school_names, g_hash_table_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  set_contacts (self, NULL);
  show_family (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_ID]);
}

gboolean
pl_family_page_show_family (PlFamilyPage *self,
                            const char   *family_id,
                            GError      **error)
{
  g_autoptr(PlFamily) family = NULL;
  gboolean same;

  g_return_val_if_fail (PL_IS_FAMILY_PAGE (self), FALSE);

  same = family_id != NULL && g_strcmp0 (family_id, pl_family_page_get_family_id (self)) == 0;

  if (family_id != NULL)
    {
      g_return_val_if_fail (self->store != NULL, FALSE);

      family = pl_store_load_family (self->store, family_id, error);
      if (family == NULL)
        {
          g_clear_object (&self->family);
          show_family (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_ID]);
          return FALSE;
        }
    }

  g_set_object (&self->family, family);
  show_family (self);
  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_ID]);

  /* A new family starts at the top; a reload keeps the place. */
  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  return TRUE;
}

PlFamily *
pl_family_page_get_family (PlFamilyPage *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_PAGE (self), NULL);

  return self->family;
}

const char *
pl_family_page_get_family_id (PlFamilyPage *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_PAGE (self), NULL);

  return self->family != NULL ? pl_family_get_id (self->family) : NULL;
}

static void
pl_family_page_dispose (GObject *object)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FAMILY_PAGE);
  /* The template's top box has no id, so it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_data (self->contacts, self);
  g_clear_object (&self->contacts);
  if (self->contact_editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->contact_editor));
  g_clear_weak_pointer (&self->contact_editor);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->family);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_family_page_parent_class)->dispose (object);
}

static void
pl_family_page_finalize (GObject *object)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (object);

  g_clear_pointer (&self->school_names, g_hash_table_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);

  G_OBJECT_CLASS (pl_family_page_parent_class)->finalize (object);
}

static void
pl_family_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_FAMILY_ID:
      g_value_set_string (value, pl_family_page_get_family_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (object);
  gboolean flag;

  switch (prop_id)
    {
    case PROP_STORE:
      pl_family_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      flag = g_value_get_boolean (value);
      if (flag != self->show_start_title_buttons)
        {
          self->show_start_title_buttons = flag;
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_BACK_BUTTON:
      flag = g_value_get_boolean (value);
      if (flag != self->show_back_button)
        {
          self->show_back_button = flag;
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_page_class_init (PlFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_family_page_dispose;
  object_class->finalize = pl_family_page_finalize;
  object_class->get_property = pl_family_page_get_property;
  object_class->set_property = pl_family_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FAMILY_ID] =
    g_param_spec_string ("family-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PL_TYPE_CONTACT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-family-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, household_group);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, guardians_group);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, students_group);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, older_button);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyPage, log_contact_button);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_row_activated);

  gtk_widget_class_install_action (widget_class, "timeline.edit", "s", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", "s", delete_contact_action);
  gtk_widget_class_install_action (widget_class, "timeline.load-more", NULL, load_more_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_family_page_init (PlFamilyPage *self)
{
  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);

  show_family (self);
}

PlContactList *
_pl_family_page_get_contacts (PlFamilyPage *self)
{
  return self->contacts;
}

GtkListBox *
_pl_family_page_get_timeline (PlFamilyPage *self)
{
  return self->timeline_list;
}

PlContactEditor *
_pl_family_page_get_contact_editor (PlFamilyPage *self)
{
  return self->contact_editor;
}

GtkWidget *
_pl_family_page_get_older_button (PlFamilyPage *self)
{
  return self->older_button;
}

GtkScrolledWindow *
_pl_family_page_get_scrolled_window (PlFamilyPage *self)
{
  return self->scrolled_window;
}

AdwToast *
_pl_family_page_get_undo_toast (PlFamilyPage *self)
{
  return self->undo_toast;
}

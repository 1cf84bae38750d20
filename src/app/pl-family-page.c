/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-family-page.h"
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
};

G_DEFINE_FINAL_TYPE (PlFamilyPage, pl_family_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
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
  show_family (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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
          return FALSE;
        }
    }

  g_set_object (&self->family, family);
  show_family (self);

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
  g_clear_object (&self->family);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_family_page_parent_class)->dispose (object);
}

static void
pl_family_page_finalize (GObject *object)
{
  PlFamilyPage *self = PL_FAMILY_PAGE (object);

  g_clear_pointer (&self->school_names, g_hash_table_unref);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_family_page_init (PlFamilyPage *self)
{
  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  show_family (self);
}

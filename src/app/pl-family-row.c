/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-family-row.h"
#include "pl-languages.h"

/* One family in the directory list. Rows are recycled by the list view, so
 * everything here is set from the summary in pl_family_row_set_summary(). */
struct _PlFamilyRow
{
  GtkWidget        parent_instance;

  PlFamilySummary *summary;

  AdwAvatar       *avatar;
  GtkLabel        *name_label;
  GtkLabel        *guardians_label;
  GtkLabel        *students_label;
  GtkLabel        *language_label;
};

G_DEFINE_FINAL_TYPE (PlFamilyRow, pl_family_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pl_family_row_new (void)
{
  return g_object_new (PL_TYPE_FAMILY_ROW, NULL);
}

PlFamilySummary *
pl_family_row_get_summary (PlFamilyRow *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_ROW (self), NULL);

  return self->summary;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

void
pl_family_row_set_summary (PlFamilyRow     *self,
                           PlFamilySummary *summary)
{
  const char *name = NULL;
  const char *language = NULL;

  g_return_if_fail (PL_IS_FAMILY_ROW (self));
  g_return_if_fail (!summary || PL_IS_FAMILY_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;

  if (summary != NULL)
    {
      name = pl_family_summary_get_household_name (summary);
      language = pl_family_summary_get_home_language (summary);
    }

  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  adw_avatar_set_text (self->avatar, name);
  set_label (self->guardians_label, summary ? pl_family_summary_get_guardians (summary) : NULL);
  set_label (self->students_label, summary ? pl_family_summary_get_students (summary) : NULL);

  if (language != NULL && *language != '\0')
    {
      const PlLanguage *info = pl_language_lookup (language);

      gtk_label_set_text (self->language_label, pl_language_get_name (language));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_label),
                                   info != NULL ? info->native_name : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->language_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->language_label), FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
pl_family_row_dispose (GObject *object)
{
  PlFamilyRow *self = PL_FAMILY_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FAMILY_ROW);
  /* The template's top box has no id, so it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (pl_family_row_parent_class)->dispose (object);
}

static void
pl_family_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlFamilyRow *self = PL_FAMILY_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlFamilyRow *self = PL_FAMILY_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      pl_family_row_set_summary (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_row_class_init (PlFamilyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_family_row_dispose;
  object_class->get_property = pl_family_row_get_property;
  object_class->set_property = pl_family_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         PL_TYPE_FAMILY_SUMMARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-family-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFamilyRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyRow, guardians_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyRow, students_label);
  gtk_widget_class_bind_template_child (widget_class, PlFamilyRow, language_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "familyrow");
}

static void
pl_family_row_init (PlFamilyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

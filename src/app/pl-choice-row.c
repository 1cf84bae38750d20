/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include "pl-choice-row.h"

typedef struct
{
  char      *id;
  char      *label;
  GtkWidget *button;
  GtkWidget *text;
  gunichar   key;       /* folded, 0 when the label has no free letter */
  int        key_index; /* in characters, -1 with no key */
} Option;

struct _PlChoiceRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *flow_box;
  GPtrArray *options;   /* Option */
  int        selected;  /* index, or -1 */
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (PlChoiceRow, pl_choice_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
option_free (Option *option)
{
  g_free (option->id);
  g_free (option->label);
  g_free (option);
}

/* A letter as a person types it: "É" is picked with "e". */
static gunichar
fold (gunichar ch)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (ch, FALSE, parts, G_N_ELEMENTS (parts));

  if (n > 0)
    ch = parts[0];
  return g_unichar_tolower (ch);
}

static gboolean
key_taken (PlChoiceRow *self,
           gunichar     key)
{
  for (guint i = 0; i < self->options->len; i++)
    if (((Option *) g_ptr_array_index (self->options, i))->key == key)
      return TRUE;
  return FALSE;
}

/* Gives @option the first free letter of its label: with @initials_only,
 * only the first letters of words. */
static gboolean
take_key (PlChoiceRow *self,
          Option      *option,
          gboolean     initials_only,
          gboolean     first_word_only)
{
  gboolean word_start = TRUE;
  int index = 0;

  for (const char *p = option->label; *p; p = g_utf8_next_char (p), index++)
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean is_letter = g_unichar_isalpha (ch);
      gboolean candidate = is_letter && (!initials_only || word_start);

      if (candidate && !key_taken (self, fold (ch)))
        {
          option->key = fold (ch);
          option->key_index = index;
          return TRUE;
        }
      if (first_word_only && word_start && is_letter)
        return FALSE;
      word_start = !g_unichar_isalnum (ch);
    }
  return FALSE;
}

static void
update_label_markup (Option *option)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  int index = 0;

  for (const char *p = option->label; *p; p = g_utf8_next_char (p), index++)
    {
      g_autofree char *escaped = g_markup_escape_text (p, g_utf8_next_char (p) - p);

      if (index == option->key_index)
        g_string_append_printf (markup, "<u>%s</u>", escaped);
      else
        g_string_append (markup, escaped);
    }
  gtk_label_set_markup (GTK_LABEL (option->text), markup->str);
}

/* The keys go first to the first letters of labels, in order, then to
 * the first letters of later words, then to any letter: "Attendance" keeps
 * "a" and "Academics" gets "d" rather than everything shifting. */
static void
assign_keys (PlChoiceRow *self)
{
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = g_ptr_array_index (self->options, i);

      option->key = 0;
      option->key_index = -1;
    }
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < self->options->len; i++)
      {
        Option *option = g_ptr_array_index (self->options, i);

        if (option->key == 0)
          take_key (self, option, pass < 2, pass == 0);
      }
  for (guint i = 0; i < self->options->len; i++)
    update_label_markup (g_ptr_array_index (self->options, i));
}

static void
update_accessible (PlChoiceRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autoptr(GString) plain_text = NULL;
  g_autofree char *plain = NULL;
  const char *value = "";

  if (self->selected >= 0)
    value = ((Option *) g_ptr_array_index (self->options, self->selected))->label;

  /* The title without its mnemonic marker; "__" stands for "_". */
  plain_text = g_string_new (NULL);
  for (const char *in = title != NULL ? title : ""; *in; in++)
    {
      if (*in == '_' && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (self)))
        {
          if (in[1] != '_')
            continue;
          in++;
        }
      g_string_append_c (plain_text, *in);
    }
  plain = g_string_free (g_steal_pointer (&plain_text), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value,
                                  -1);
}

static void
select_index (PlChoiceRow *self,
              int          index)
{
  if (index >= (int) self->options->len)
    index = -1;
  if (index == self->selected)
    return;

  self->selected = index;

  self->updating = TRUE;
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = g_ptr_array_index (self->options, i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (option->button), (int) i == index);
    }
  self->updating = FALSE;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_button_toggled (PlChoiceRow     *self,
                   GtkToggleButton *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < self->options->len; i++)
    if (((Option *) g_ptr_array_index (self->options, i))->button == GTK_WIDGET (button))
      {
        select_index (self, (int) i);
        break;
      }
}

static gboolean
on_key_pressed (PlChoiceRow           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int n = (int) self->options->len;
  gunichar ch;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      {
        gboolean forward = (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right) != rtl;

        if (self->selected < 0)
          select_index (self, forward ? 0 : n - 1);
        else
          select_index (self, CLAMP (self->selected + (forward ? 1 : -1), 0, n - 1));
        return TRUE;
      }
    default:
      break;
    }

  ch = gdk_keyval_to_unicode (keyval);
  if (ch == 0)
    return FALSE;

  if (ch >= '1' && ch <= '9')
    {
      if ((int) (ch - '1') < n)
        select_index (self, (int) (ch - '1'));
      return TRUE;
    }

  ch = fold (ch);
  for (int i = 0; i < n; i++)
    if (((Option *) g_ptr_array_index (self->options, i))->key == ch)
      {
        select_index (self, i);
        return TRUE;
      }

  /* A letter that picks nothing is still ours: it must not go on to the
   * window and start something else. */
  return g_unichar_isalnum (ch);
}

static void
update_title (PlChoiceRow *self,
              GParamSpec  *pspec,
              gpointer     user_data)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (self)))
    gtk_label_set_text_with_mnemonic (GTK_LABEL (self->title_label), title ? title : "");
  else
    gtk_label_set_text (GTK_LABEL (self->title_label), title ? title : "");
  update_accessible (self);
}

static gboolean
pl_choice_row_mnemonic_activate (GtkWidget *widget,
                                 gboolean   group_cycling)
{
  /* The title's mnemonic brings the focus here, where the keys work. */
  gtk_widget_grab_focus (widget);
  return TRUE;
}

GtkWidget *
pl_choice_row_new (void)
{
  return g_object_new (PL_TYPE_CHOICE_ROW, NULL);
}

void
pl_choice_row_append (PlChoiceRow *self,
                      const char  *id,
                      const char  *label)
{
  Option *option;
  GtkWidget *first;

  g_return_if_fail (PL_IS_CHOICE_ROW (self));
  g_return_if_fail (id != NULL && label != NULL);

  option = g_new0 (Option, 1);
  option->id = g_strdup (id);
  option->label = g_strdup (label);
  option->key_index = -1;
  option->text = gtk_label_new (NULL);
  option->button = gtk_toggle_button_new ();
  gtk_button_set_child (GTK_BUTTON (option->button), option->text);
  gtk_widget_set_focus_on_click (option->button, FALSE);
  gtk_widget_set_tooltip_text (option->button, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (option->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  first = self->options->len > 0 ? ((Option *) g_ptr_array_index (self->options, 0))->button : NULL;
  if (first != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (option->button), GTK_TOGGLE_BUTTON (first));
  g_signal_connect_object (option->button, "toggled", G_CALLBACK (on_button_toggled), self,
                           G_CONNECT_SWAPPED);

  gtk_flow_box_append (GTK_FLOW_BOX (self->flow_box), option->button);
  g_ptr_array_add (self->options, option);
  assign_keys (self);
}

void
pl_choice_row_remove_all (PlChoiceRow *self)
{
  GtkWidget *child;

  g_return_if_fail (PL_IS_CHOICE_ROW (self));

  while ((child = gtk_widget_get_first_child (self->flow_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow_box), child);
  g_ptr_array_set_size (self->options, 0);
  if (self->selected != -1)
    {
      self->selected = -1;
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

guint
pl_choice_row_get_n_options (PlChoiceRow *self)
{
  g_return_val_if_fail (PL_IS_CHOICE_ROW (self), 0);
  return self->options->len;
}

const char *
pl_choice_row_get_selected (PlChoiceRow *self)
{
  g_return_val_if_fail (PL_IS_CHOICE_ROW (self), NULL);

  if (self->selected < 0)
    return NULL;
  return ((Option *) g_ptr_array_index (self->options, self->selected))->id;
}

void
pl_choice_row_set_selected (PlChoiceRow *self,
                            const char  *id)
{
  int index = -1;

  g_return_if_fail (PL_IS_CHOICE_ROW (self));

  for (guint i = 0; id != NULL && i < self->options->len; i++)
    if (g_str_equal (((Option *) g_ptr_array_index (self->options, i))->id, id))
      index = (int) i;
  select_index (self, index);
}

gunichar
pl_choice_row_get_key (PlChoiceRow *self,
                       const char  *id)
{
  g_return_val_if_fail (PL_IS_CHOICE_ROW (self), 0);

  for (guint i = 0; id != NULL && i < self->options->len; i++)
    {
      Option *option = g_ptr_array_index (self->options, i);

      if (g_str_equal (option->id, id))
        return option->key;
    }
  return 0;
}

static void
pl_choice_row_dispose (GObject *object)
{
  PlChoiceRow *self = PL_CHOICE_ROW (object);

  if (self->options != NULL)
    g_ptr_array_set_size (self->options, 0);

  G_OBJECT_CLASS (pl_choice_row_parent_class)->dispose (object);
}

static void
pl_choice_row_finalize (GObject *object)
{
  PlChoiceRow *self = PL_CHOICE_ROW (object);

  g_clear_pointer (&self->options, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_choice_row_parent_class)->finalize (object);
}

static void
pl_choice_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlChoiceRow *self = PL_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_string (value, pl_choice_row_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_choice_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlChoiceRow *self = PL_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      pl_choice_row_set_selected (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_choice_row_class_init (PlChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_choice_row_dispose;
  object_class->finalize = pl_choice_row_finalize;
  object_class->get_property = pl_choice_row_get_property;
  object_class->set_property = pl_choice_row_set_property;
  widget_class->mnemonic_activate = pl_choice_row_mnemonic_activate;

  properties[PROP_SELECTED] =
    g_param_spec_string ("selected", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_choice_row_init (PlChoiceRow *self)
{
  GtkEventController *keys;

  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  self->selected = -1;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (self->box, 10);
  gtk_widget_set_margin_bottom (self->box, 10);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->title_label), GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), self->title_label);

  /* Wraps the buttons onto more lines in a narrow window. The buttons take
   * clicks but not the focus: the row is the one stop for the keyboard. */
  self->flow_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow_box), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow_box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow_box), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow_box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow_box), 6);
  gtk_widget_set_can_focus (self->flow_box, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->flow_box);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->box);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (self, "notify::title", G_CALLBACK (update_title), NULL);
  g_signal_connect (self, "notify::use-underline", G_CALLBACK (update_title), NULL);
}

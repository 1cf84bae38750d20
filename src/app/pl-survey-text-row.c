/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-languages.h"
#include "pl-survey-text-row.h"
#include "pl-utils.h"

typedef struct
{
  PlSurveyTextRow *row;         /* unowned */
  char            *language;
  GtkWidget       *box;
  GtkWidget       *field;       /* GtkEntry or GtkTextView */
  GtkWidget       *frame;       /* what looks like the field: the entry, or the text view's box */
  GtkWidget       *placeholder; /* a label over a text view, NULL for an entry */
  GtkWidget       *status;      /* the line under a translation */
  GtkWidget       *tag;
  GtkWidget       *confirm;
  PlTextState      state;
} Column;

struct _PlSurveyTextRow
{
  GtkListBoxRow  parent_instance;

  PlSurvey      *survey;
  PlTextOwner    owner;
  char          *owner_id;
  char          *field;
  gboolean       multiline;
  gboolean       default_locked;
  gboolean       updating;
  GPtrArray     *columns;  /* Column */

  GtkBox        *header;
  GtkLabel      *title_label;
  GtkBox        *columns_box;
};

G_DEFINE_FINAL_TYPE (PlSurveyTextRow, pl_survey_text_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
column_free (Column *column)
{
  /* The field may outlive the row for a moment (a pending focus change). */
  if (GTK_IS_TEXT_VIEW (column->field))
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (column->field)),
                                          column);
  g_signal_handlers_disconnect_by_data (column->field, column);
  g_signal_handlers_disconnect_by_data (column->confirm, column);
  g_clear_object (&column->field);
  g_clear_object (&column->confirm);
  g_free (column->language);
  g_free (column);
}

static gboolean
is_default (PlSurveyTextRow *self,
            Column          *column)
{
  return g_strcmp0 (column->language, pl_survey_get_default_language (self->survey)) == 0;
}

static char *
field_get_text (Column *column)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (column->field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (column->field)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (column->field));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
field_set_text (Column     *column,
                const char *text)
{
  g_autofree char *shown = field_get_text (column);

  /* Leaves the cursor where it is when nothing changed. */
  if (g_strcmp0 (shown, text ? text : "") == 0)
    return;
  if (GTK_IS_EDITABLE (column->field))
    gtk_editable_set_text (GTK_EDITABLE (column->field), text ? text : "");
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (column->field)),
                              text ? text : "", -1);
}

/* The default text, dimmed, stands in for a missing translation. */
static void
set_placeholder (Column     *column,
                 const char *text)
{
  if (GTK_IS_ENTRY (column->field))
    {
      gtk_entry_set_placeholder_text (GTK_ENTRY (column->field), text);
      return;
    }
  gtk_label_set_text (GTK_LABEL (column->placeholder), text ? text : "");
}

static void
update_placeholder_visibility (Column *column)
{
  g_autofree char *text = NULL;

  if (column->placeholder == NULL)
    return;
  text = field_get_text (column);
  gtk_widget_set_visible (column->placeholder, *text == '\0');
}

static void
update_column (PlSurveyTextRow *self,
               Column          *column)
{
  const char *default_language = pl_survey_get_default_language (self->survey);
  const char *default_text = pl_survey_get_own_text (self->survey, self->owner, self->owner_id,
                                                     self->field, default_language);
  const char *own = pl_survey_get_own_text (self->survey, self->owner, self->owner_id,
                                            self->field, column->language);
  gboolean has_default = default_text != NULL && *default_text != '\0';

  self->updating = TRUE;
  field_set_text (column, own);
  self->updating = FALSE;
  update_placeholder_visibility (column);

  if (is_default (self, column))
    {
      column->state = PL_TEXT_CURRENT;
      return;
    }

  column->state = pl_survey_get_text_state (self->survey, self->owner, self->owner_id, self->field,
                                            column->language);
  /* Nothing in the default language: nothing to translate, nothing to flag. */
  if (!has_default)
    column->state = (own != NULL && *own != '\0') ? PL_TEXT_CURRENT : PL_TEXT_MISSING;
  set_placeholder (column, has_default ? default_text : NULL);

  gtk_widget_remove_css_class (column->tag, "translation-missing-tag");
  gtk_widget_remove_css_class (column->tag, "translation-stale-tag");
  gtk_widget_remove_css_class (column->frame, "untranslated");
  gtk_widget_set_visible (column->confirm, FALSE);

  if (!has_default || column->state == PL_TEXT_CURRENT)
    {
      gtk_widget_set_visible (column->status, FALSE);
      return;
    }

  gtk_widget_set_visible (column->status, TRUE);
  if (column->state == PL_TEXT_MISSING)
    {
      g_autofree char *tooltip =
        /* Translators: %s is a language name; a text not translated into another language */
        g_strdup_printf (_("Not translated: shown in %s"), pl_language_get_name (default_language));

      gtk_label_set_text (GTK_LABEL (column->tag), _("Untranslated"));
      gtk_widget_set_tooltip_text (column->tag, tooltip);
      gtk_widget_add_css_class (column->tag, "translation-missing-tag");
      gtk_widget_add_css_class (column->frame, "untranslated");
    }
  else
    {
      g_autofree char *label =
        /* Translators: %s is the survey's default language, e.g. “Changed in English since translated” */
        g_strdup_printf (_("Changed in %s since translated"), pl_language_get_name (default_language));

      gtk_label_set_text (GTK_LABEL (column->tag), label);
      gtk_widget_set_tooltip_text (column->tag, label);
      gtk_widget_add_css_class (column->tag, "translation-stale-tag");
      gtk_widget_set_visible (column->confirm, TRUE);
    }
}

static void
update_translations (PlSurveyTextRow *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (!is_default (self, column))
        update_column (self, column);
    }
}

static void
on_field_changed (Column *column)
{
  PlSurveyTextRow *self = column->row;
  g_autofree char *text = NULL;
  g_autofree char *language = NULL;

  update_placeholder_visibility (column);
  if (self->updating)
    return;

  text = field_get_text (column);
  language = g_strdup (column->language);
  pl_survey_set_text (self->survey, self->owner, self->owner_id, self->field, language,
                      *text != '\0' ? text : NULL);

  /* A changed default text makes the translations beside it stale. */
  if (is_default (self, column))
    update_translations (self);
  else
    update_column (self, column);

  g_signal_emit (self, signals[CHANGED], 0, language);
}

static void
on_entry_changed (GtkEditable *editable,
                  Column      *column)
{
  on_field_changed (column);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Column        *column)
{
  on_field_changed (column);
}

static void
on_confirm_clicked (GtkButton *button,
                    Column    *column)
{
  pl_survey_text_row_confirm (column->row, column->language);
}

static void
apply_locked (PlSurveyTextRow *self,
              Column          *column)
{
  gboolean editable = !(self->default_locked && is_default (self, column));

  if (GTK_IS_EDITABLE (column->field))
    gtk_editable_set_editable (GTK_EDITABLE (column->field), editable);
  else
    {
      gtk_text_view_set_editable (GTK_TEXT_VIEW (column->field), editable);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (column->field), editable);
    }
  if (editable)
    gtk_widget_remove_css_class (column->frame, "locked");
  else
    gtk_widget_add_css_class (column->frame, "locked");
  gtk_widget_set_tooltip_text (column->field,
                               editable ? NULL
                                        : _("Forms have been keyed: this text can no longer change"));
}

/* A list box gives each row its smallest height, and a scrolled window's
 * smallest is not its text's: the field is held to its text's height (up
 * to a limit, past which it scrolls), checked over the next few frames
 * after the text or the width changes, as the text view lays out its
 * lines when it gets to it. */
#define TEXT_MIN_HEIGHT 34
#define TEXT_MAX_HEIGHT 400
#define FIT_FRAMES 3

static gboolean
fit_height_cb (GtkWidget     *scroller,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  GtkWidget *view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  guint frames_left = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (scroller), "pl-fit-frames"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;
  int natural = 0, height, y = 0, line_height = 0;

  /* Where the last line ends, plus the margins around the text. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &end, &y, &line_height);
  height = y + line_height + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (view)) +
           gtk_text_view_get_bottom_margin (GTK_TEXT_VIEW (view));
  height = CLAMP (height, TEXT_MIN_HEIGHT, TEXT_MAX_HEIGHT);
  gtk_widget_get_size_request (scroller, NULL, &natural);
  if (natural != height)
    gtk_widget_set_size_request (scroller, -1, height);

  if (frames_left > 1)
    {
      g_object_set_data (G_OBJECT (scroller), "pl-fit-frames", GUINT_TO_POINTER (frames_left - 1));
      return G_SOURCE_CONTINUE;
    }
  g_object_set_data (G_OBJECT (scroller), "pl-fit-frames", NULL);
  return G_SOURCE_REMOVE;
}

static void
fit_height (GtkWidget *scroller)
{
  gboolean running = g_object_get_data (G_OBJECT (scroller), "pl-fit-frames") != NULL;

  g_object_set_data (G_OBJECT (scroller), "pl-fit-frames", GUINT_TO_POINTER (FIT_FRAMES));
  if (!running)
    gtk_widget_add_tick_callback (scroller, fit_height_cb, NULL, NULL);
}

static void
on_layout_changed (GObject    *object,
                   GParamSpec *pspec,
                   GtkWidget  *scroller)
{
  fit_height (scroller);
}

static void
on_text_changed (GtkTextBuffer *buffer,
                 GtkWidget     *scroller)
{
  fit_height (scroller);
}

static Column *
column_new (PlSurveyTextRow *self,
            const char      *language)
{
  const PlLanguage *known = pl_language_lookup (language);
  gboolean rtl = known != NULL && known->rtl;
  Column *column = g_new0 (Column, 1);
  g_autofree char *accessible = NULL;
  const char *title = gtk_label_get_text (self->title_label);

  column->row = self;
  column->language = g_strdup (language);
  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (column->box, TRUE);

  if (self->multiline)
    {
      GtkWidget *overlay = gtk_overlay_new ();
      GtkWidget *view = gtk_text_view_new ();
      /* A text view on its own is given no height before it has laid its
       * lines out, and it lays out only what it is given room for: it sits
       * in a scrolled window, held to its text's height (fit_height()). */
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 7);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 7);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 9);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 9);
      /* No scrollbar: its smallest length would make every field as tall. */
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_EXTERNAL);
      gtk_widget_set_size_request (scroller, -1, TEXT_MIN_HEIGHT);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
                               "notify::upper", G_CALLBACK (on_layout_changed), scroller, 0);
      g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)),
                               "notify::page-size", G_CALLBACK (on_layout_changed), scroller, 0);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                               G_CALLBACK (on_text_changed), scroller, 0);
      gtk_widget_add_css_class (scroller, "survey-text");
      gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
      column->frame = scroller;

      column->placeholder = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (column->placeholder), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (column->placeholder), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (column->placeholder), 0);
      gtk_widget_set_halign (column->placeholder, GTK_ALIGN_FILL);
      gtk_widget_set_valign (column->placeholder, GTK_ALIGN_START);
      gtk_widget_set_margin_top (column->placeholder, 7);
      gtk_widget_set_margin_start (column->placeholder, 9);
      gtk_widget_set_margin_end (column->placeholder, 9);
      gtk_widget_set_can_target (column->placeholder, FALSE);
      gtk_widget_add_css_class (column->placeholder, "survey-text-placeholder");
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), column->placeholder);
      /* The placeholder may be longer than what is typed: it sizes the field. */
      gtk_overlay_set_measure_overlay (GTK_OVERLAY (overlay), column->placeholder, TRUE);

      column->field = g_object_ref_sink (view);
      if (rtl)
        gtk_widget_set_direction (column->placeholder, GTK_TEXT_DIR_RTL);
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                        G_CALLBACK (on_buffer_changed), column);
      gtk_box_append (GTK_BOX (column->box), overlay);
    }
  else
    {
      column->field = g_object_ref_sink (gtk_entry_new ());
      column->frame = column->field;
      g_signal_connect (column->field, "changed", G_CALLBACK (on_entry_changed), column);
      gtk_box_append (GTK_BOX (column->box), column->field);
    }

  /* An Arabic or Dari translation is typed right to left even in an
   * English window. */
  if (rtl)
    gtk_widget_set_direction (column->field, GTK_TEXT_DIR_RTL);

  /* Translators: read by a screen reader for one text field: “Wording, Spanish” */
  accessible = g_strdup_printf (C_("survey text field", "%s, %s"),
                                title != NULL && *title != '\0' ? title : _("Text"),
                                pl_language_get_name (language));
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  column->status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_visible (column->status, FALSE);
  column->tag = pl_tag_new ("", NULL);
  /* Three columns leave little room: the tag's words wrap, none is cut. */
  gtk_label_set_ellipsize (GTK_LABEL (column->tag), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (column->tag), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (column->tag), 60);
  gtk_label_set_xalign (GTK_LABEL (column->tag), 0);
  gtk_widget_set_halign (column->tag, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (column->status), column->tag);
  column->confirm = g_object_ref_sink (gtk_button_new_with_label (_("Still Fits")));
  gtk_widget_set_tooltip_text (column->confirm,
                               _("The translation still says what the changed text says: keep it"));
  gtk_widget_add_css_class (column->confirm, "flat");
  gtk_widget_add_css_class (column->confirm, "small-button");
  gtk_widget_set_visible (column->confirm, FALSE);
  g_signal_connect (column->confirm, "clicked", G_CALLBACK (on_confirm_clicked), column);
  gtk_box_append (GTK_BOX (column->status), column->confirm);
  gtk_box_append (GTK_BOX (column->box), column->status);

  return column;
}

static Column *
find_column (PlSurveyTextRow *self,
             const char      *language)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (column->language, language) == 0)
        return column;
    }
  return NULL;
}

GtkWidget *
pl_survey_text_row_new (PlSurvey    *survey,
                        PlTextOwner  owner,
                        const char  *owner_id,
                        const char  *field,
                        const char  *title,
                        gboolean     multiline)
{
  PlSurveyTextRow *self;
  const char *languages[] = { NULL, NULL };

  g_return_val_if_fail (PL_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (owner_id != NULL && field != NULL, NULL);

  self = g_object_new (PL_TYPE_SURVEY_TEXT_ROW, NULL);
  self->survey = g_object_ref (survey);
  self->owner = owner;
  self->owner_id = g_strdup (owner_id);
  self->field = g_strdup (field);
  self->multiline = multiline;
  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL);

  languages[0] = pl_survey_get_default_language (survey);
  pl_survey_text_row_set_languages (self, languages);
  return GTK_WIDGET (self);
}

void
pl_survey_text_row_set_languages (PlSurveyTextRow   *self,
                                  const char *const *languages)
{
  GtkWidget *child;

  g_return_if_fail (PL_IS_SURVEY_TEXT_ROW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_ptr_array_set_size (self->columns, 0);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      Column *column = column_new (self, languages[i]);

      g_ptr_array_add (self->columns, column);
      gtk_box_append (self->columns_box, column->box);
      apply_locked (self, column);
    }
  pl_survey_text_row_refresh (self);
}

void
pl_survey_text_row_set_default_locked (PlSurveyTextRow *self,
                                       gboolean         locked)
{
  g_return_if_fail (PL_IS_SURVEY_TEXT_ROW (self));

  self->default_locked = !!locked;
  for (guint i = 0; i < self->columns->len; i++)
    apply_locked (self, g_ptr_array_index (self->columns, i));
}

GtkBox *
pl_survey_text_row_get_header (PlSurveyTextRow *self)
{
  g_return_val_if_fail (PL_IS_SURVEY_TEXT_ROW (self), NULL);

  return self->header;
}

GtkWidget *
pl_survey_text_row_get_field (PlSurveyTextRow *self,
                              const char      *language)
{
  Column *column;

  g_return_val_if_fail (PL_IS_SURVEY_TEXT_ROW (self), NULL);

  column = find_column (self, language);
  return column ? column->field : NULL;
}

PlTextState
pl_survey_text_row_get_state (PlSurveyTextRow *self,
                              const char      *language)
{
  Column *column;

  g_return_val_if_fail (PL_IS_SURVEY_TEXT_ROW (self), PL_TEXT_MISSING);

  column = find_column (self, language);
  return column ? column->state : PL_TEXT_MISSING;
}

gboolean
pl_survey_text_row_confirm (PlSurveyTextRow *self,
                            const char      *language)
{
  Column *column;

  g_return_val_if_fail (PL_IS_SURVEY_TEXT_ROW (self), FALSE);

  column = find_column (self, language);
  if (column == NULL || column->state != PL_TEXT_STALE)
    return FALSE;

  pl_survey_confirm_text (self->survey, self->owner, self->owner_id, self->field, language);
  update_column (self, column);
  /* The button is gone: the keyboard stays in the translation. */
  gtk_widget_grab_focus (column->field);
  g_signal_emit (self, signals[CHANGED], 0, language);
  return TRUE;
}

void
pl_survey_text_row_refresh (PlSurveyTextRow *self)
{
  g_return_if_fail (PL_IS_SURVEY_TEXT_ROW (self));

  for (guint i = 0; i < self->columns->len; i++)
    update_column (self, g_ptr_array_index (self->columns, i));
}

void
pl_survey_text_row_set_problem (PlSurveyTextRow *self,
                                gboolean         problem)
{
  g_return_if_fail (PL_IS_SURVEY_TEXT_ROW (self));

  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self), "problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "problem");
}

gboolean
_pl_survey_text_row_is (PlSurveyTextRow *self,
                        PlTextOwner      owner,
                        const char      *owner_id,
                        const char      *field)
{
  return self->owner == owner && g_strcmp0 (self->owner_id, owner_id) == 0 &&
         g_strcmp0 (self->field, field) == 0;
}

static void
pl_survey_text_row_dispose (GObject *object)
{
  PlSurveyTextRow *self = PL_SURVEY_TEXT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SURVEY_TEXT_ROW);
  /* The columns' signal handlers point at the columns: the widgets go first. */
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (pl_survey_text_row_parent_class)->dispose (object);
}

static void
pl_survey_text_row_finalize (GObject *object)
{
  PlSurveyTextRow *self = PL_SURVEY_TEXT_ROW (object);

  g_free (self->owner_id);
  g_free (self->field);

  G_OBJECT_CLASS (pl_survey_text_row_parent_class)->finalize (object);
}

static void
pl_survey_text_row_class_init (PlSurveyTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_survey_text_row_dispose;
  object_class->finalize = pl_survey_text_row_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-survey-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSurveyTextRow, header);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyTextRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlSurveyTextRow, columns_box);
}

static void
pl_survey_text_row_init (PlSurveyTextRow *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

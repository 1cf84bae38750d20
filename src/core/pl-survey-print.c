/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pl-form-code.h"
#include "pl-languages.h"
#include "pl-store-surveys.h"
#include "pl-survey-print.h"

G_DEFINE_QUARK (pl-survey-print-error-quark, pl_survey_print_error)

/* A batch is a few hundred forms at most; this bounds a typing slip. */
#define MAX_FORMS 10000

/* Sizes in points (1/72 in). One family list serves every language:
 * Pango takes each character from the first family that has it. The
 * Arabic and Devanagari families come before DejaVu Sans, whose own
 * Arabic is rough on paper; the UI cuts are the small Debian package
 * (fonts-noto-ui-core) a machine may have instead of fonts-noto-core.
 * Other scripts (Ethiopic, Khmer, Han) come from fontconfig's fallbacks. */
#define FONT_FAMILY      "Noto Sans, Noto Sans Arabic, Noto Sans Arabic UI, " \
                         "Noto Sans Devanagari, Noto Sans Devanagari UI, DejaVu Sans, Sans"
#define CODE_FAMILY      "DejaVu Sans Mono, Noto Sans Mono, Monospace"
#define MARGIN_SIDE      42.0
#define MARGIN_TOP       34.0
#define MARGIN_BOTTOM    46.0
#define FOOTER_FROM_EDGE 24.0
#define INDENT           30.0   /* the question number's column */
#define MARK_SIZE        11.0   /* an answer's circle or box */
#define MARK_CENTER_ABOVE_BASELINE 3.3
#define LINE_GAP         22.0   /* between handwriting lines */

const char *
pl_paper_size_to_code (PlPaperSize paper)
{
  return paper == PL_PAPER_A4 ? "a4" : "letter";
}

gboolean
pl_paper_size_from_code (const char  *code,
                         PlPaperSize *paper)
{
  if (code == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (code, "letter") == 0)
    *paper = PL_PAPER_LETTER;
  else if (g_ascii_strcasecmp (code, "a4") == 0)
    *paper = PL_PAPER_A4;
  else
    return FALSE;
  return TRUE;
}

const char *
pl_paper_size_to_label (PlPaperSize paper)
{
  return paper == PL_PAPER_A4 ? C_("paper size", "A4") : C_("paper size", "US Letter");
}

static void
paper_dimensions (PlPaperSize paper,
                  double     *width,
                  double     *height)
{
  if (paper == PL_PAPER_A4)
    {
      *width = 210.0 / 25.4 * 72.0;
      *height = 297.0 / 25.4 * 72.0;
    }
  else
    {
      *width = 8.5 * 72.0;
      *height = 11.0 * 72.0;
    }
}

/* The display list
 *
 * A form is laid out once per batch as a list of items per page, in page
 * coordinates; every form of the batch draws the same items and only its
 * code differs. That keeps a batch of hundreds of forms to one shaping
 * pass, and guarantees every form has the same pages. */

typedef enum
{
  ITEM_TEXT,
  ITEM_CIRCLE,
  ITEM_BOX,
  ITEM_LINE,     /* a horizontal rule from x to x + w */
  ITEM_VLINE,    /* a vertical rule from y to y + h */
  ITEM_PANEL,    /* a light rounded background */
  ITEM_BADGE,    /* a question number's rounded square */
} ItemKind;

typedef struct
{
  ItemKind     kind;
  double       x, y, w, h;
  double       gray;
  double       line_width;
  PangoLayout *layout;
} Item;

static void
item_clear (Item *item)
{
  g_clear_object (&item->layout);
}

typedef struct
{
  PlSurvey     *survey;
  const char   *language;
  gboolean      rtl;
  PangoContext *context;
  double        page_width;
  double        page_height;
  double        content_width;
  double        top;          /* where a page's content starts, below the header */
  double        bottom;       /* where it must end, above the footer */
  double        code_box_width;
  double        code_box_height;
  double        header_height;
  GPtrArray    *pages;        /* of GArray of Item */
} Layout;

/* A piece being built (a question, the introduction): items with y from
 * the piece's top and x from the content's start edge, placed on a page
 * once its height is known. */
typedef struct
{
  Layout *layout;
  GArray *items;
  double  height;
} Block;

static Block *
block_new (Layout *layout)
{
  Block *block = g_new0 (Block, 1);

  block->layout = layout;
  block->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (block->items, (GDestroyNotify) item_clear);
  return block;
}

static void
block_free (Block *block)
{
  g_array_unref (block->items);
  g_free (block);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Block, block_free)

/* Adds an item at @x from the start edge of the content (the right edge
 * for a right-to-left form), so every piece is laid out once and mirrored
 * here. */
static Item *
block_add (Block    *block,
           ItemKind  kind,
           double    x,
           double    y,
           double    w,
           double    h)
{
  Item item = { 0 };

  item.kind = kind;
  item.x = block->layout->rtl ? block->layout->content_width - x - w : x;
  item.y = y;
  item.w = w;
  item.h = h;
  item.line_width = 0.8;
  g_array_append_val (block->items, item);
  if (y + h > block->height)
    block->height = y + h;
  return &g_array_index (block->items, Item, block->items->len - 1);
}

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

/* A text in @font, wrapped at @width (no wrapping when @width <= 0), and
 * aligned to the form's start or end side whatever the direction of the
 * text itself: an English fallback on an Arabic form still lines up with
 * the Arabic around it. */
static PangoLayout *
make_text_sized (Layout     *layout,
                 const char *text,
                 const char *font,
                 double      size,
                 double      width,
                 Align       align)
{
  PangoLayout *text_layout = pango_layout_new (layout->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  PangoAlignment physical;
  gboolean start_is_left = !layout->rtl;

  if (size > 0)
    pango_font_description_set_size (description, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (text_layout, description);
  pango_layout_set_text (text_layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (text_layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (text_layout, PANGO_WRAP_WORD_CHAR);
    }

  if (align == ALIGN_CENTER)
    physical = PANGO_ALIGN_CENTER;
  else if ((align == ALIGN_START) == start_is_left)
    physical = PANGO_ALIGN_LEFT;
  else
    physical = PANGO_ALIGN_RIGHT;
  /* The context is left to right; Pango swaps left and right for a
   * paragraph that runs the other way, so undo that for it. */
  if (physical != PANGO_ALIGN_CENTER &&
      pango_layout_get_line_readonly (text_layout, 0)->resolved_dir == PANGO_DIRECTION_RTL)
    physical = physical == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  pango_layout_set_alignment (text_layout, physical);
  return text_layout;
}

static PangoLayout *
make_text (Layout     *layout,
           const char *text,
           const char *font,
           double      width,
           Align       align)
{
  return make_text_sized (layout, text, font, 0, width, align);
}


static void
text_size (PangoLayout *text_layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (text_layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Adds a text at @x, @y; its box is @width wide when it wraps (or is
 * aligned in a cell) and its natural width otherwise. Returns its height. */
static double
block_add_text (Block      *block,
                const char *text,
                const char *font,
                double      x,
                double      y,
                double      width,
                Align       align,
                double      gray)
{
  g_autoptr(PangoLayout) text_layout = make_text (block->layout, text, font, width, align);
  double w, h;
  Item *item;

  text_size (text_layout, &w, &h);
  if (width > 0)
    w = width;
  item = block_add (block, ITEM_TEXT, x, y, w, h);
  item->layout = g_steal_pointer (&text_layout);
  item->gray = gray;
  return h;
}

/* Adds a text whose first baseline is at @baseline; returns its width. */
static double
block_add_text_on_baseline (Block      *block,
                            const char *text,
                            const char *font,
                            double      x,
                            double      baseline,
                            double      gray)
{
  g_autoptr(PangoLayout) text_layout = make_text (block->layout, text, font, -1, ALIGN_START);
  double w, h;
  Item *item;

  text_size (text_layout, &w, &h);
  item = block_add (block, ITEM_TEXT, x,
                    baseline - (double) pango_layout_get_baseline (text_layout) / PANGO_SCALE,
                    w, h);
  item->layout = g_steal_pointer (&text_layout);
  item->gray = gray;
  return w;
}

static double
natural_width (Layout     *layout,
               const char *text,
               const char *font)
{
  g_autoptr(PangoLayout) text_layout = make_text (layout, text, font, -1, ALIGN_START);
  double w;

  text_size (text_layout, &w, NULL);
  return w;
}

/* Fonts */

#define FONT_TITLE    FONT_FAMILY " Bold 15"
#define FONT_SCHOOL   FONT_FAMILY " 10.5"
#define FONT_BODY     FONT_FAMILY " 10"
#define FONT_QUESTION FONT_FAMILY " 10.5"
#define FONT_NUMBER   FONT_FAMILY " Bold 10"
#define FONT_HINT     FONT_FAMILY " Italic 9"
#define FONT_OPTION   FONT_FAMILY " 9.5"
#define FONT_SCALE    FONT_FAMILY " 8.5"
#define FONT_KEY      FONT_FAMILY " 7"
#define FONT_GOTO     FONT_FAMILY " Bold 9"
#define FONT_RULE     FONT_FAMILY " 8.5"
#define FONT_FOOTER   FONT_FAMILY " 8"
#define FONT_CODE     CODE_FAMILY " Bold 17"
#define FONT_CODE_SMALL CODE_FAMILY " 8"

/* A scale label for a column @width wide: the font steps down (to 6.5
 * points at least) until its longest word fits, so "Dhexdhexaad" is
 * never cut in two. */
static PangoLayout *
make_scale_label (Layout     *layout,
                  const char *text,
                  double      width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double size = 8.5;

  for (; size > 6.5; size -= 0.5)
    {
      gboolean fits = TRUE;

      for (guint i = 0; fits && words[i] != NULL; i++)
        {
          g_autoptr(PangoLayout) word = NULL;
          double w;

          if (*words[i] == '\0')
            continue;
          word = make_text_sized (layout, words[i], FONT_SCALE, size, -1, ALIGN_START);
          text_size (word, &w, NULL);
          fits = w <= width;
        }
      if (fits)
        break;
    }
  return make_text_sized (layout, text, FONT_SCALE, size, width, ALIGN_CENTER);
}

/* Skip rules on paper
 *
 * A family follows arrows: beside an answer after which the next question
 * is not asked, "→ 7" says where to go on. The question a rule hangs on is
 * named at the dependent question as "↳ 4: Yes". Both use only numbers,
 * arrows and the answer's own label, so they read in every language. */

/* Whether @question is asked once @controller is answered @value, as far
 * as that one answer tells: a rule on another question counts as asked,
 * unless that question is itself skipped by the answer. */
static gboolean
asked_given (PlSurvey   *survey,
             PlQuestion *question,
             PlQuestion *controller,
             const char *value,
             guint       depth)
{
  const char *rule_id = pl_question_get_skip_question_id (question);
  PlQuestion *rule_question;

  if (rule_id == NULL || depth > 64)
    return TRUE;
  if (g_strcmp0 (rule_id, pl_question_get_id (controller)) == 0)
    return g_strcmp0 (pl_question_get_skip_value (question), value) == 0;
  rule_question = pl_survey_find_question (survey, rule_id);
  if (rule_question == NULL)
    return TRUE;
  return asked_given (survey, rule_question, controller, value, depth + 1);
}

/* The number (1-based) of the question a family goes on to after
 * answering question @index with @value, when that is not simply the next
 * one; 0 otherwise (also when nothing after it is asked: the form ends,
 * and the dependent questions say whom they are for). */
static guint
goto_after (PlSurvey   *survey,
            guint       index,
            const char *value)
{
  PlQuestion *controller = pl_survey_get_question (survey, index);
  guint n = pl_survey_get_n_questions (survey);

  if (pl_question_get_kind (controller) == PL_QUESTION_MULTIPLE || index + 1 >= n)
    return 0;
  if (asked_given (survey, pl_survey_get_question (survey, index + 1), controller, value, 0))
    return 0;
  for (guint i = index + 2; i < n; i++)
    if (asked_given (survey, pl_survey_get_question (survey, i), controller, value, 0))
      return i + 1;
  return 0;
}

static char *
goto_text (Layout *layout,
           guint   number)
{
  /* Arrows are not mirrored by the bidi algorithm: point the way the
   * form reads. */
  return g_strdup_printf ("%s %u", layout->rtl ? "←" : "→", number);
}

/* Answers */

typedef struct
{
  char  *value;
  char  *label;
  char  *key;
  guint  goto_number;
} Choice;

static void
choice_clear (Choice *choice)
{
  g_free (choice->value);
  g_free (choice->label);
  g_free (choice->key);
}

static GArray *
collect_choices (Layout     *layout,
                 PlQuestion *question,
                 guint       index)
{
  g_auto(GStrv) values = pl_question_dup_values (question);
  GArray *choices = g_array_new (FALSE, TRUE, sizeof (Choice));

  g_array_set_clear_func (choices, (GDestroyNotify) choice_clear);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      Choice choice = { 0 };
      const char *label = pl_survey_value_label (layout->survey, question, values[i],
                                                 layout->language, NULL);

      choice.value = g_strdup (values[i]);
      /* Never a blank box: the value itself when even the default
       * language has no label. */
      choice.label = g_strdup (label != NULL && *label != '\0' ? label : values[i]);
      choice.key = pl_question_key_for_value (question, values[i]);
      choice.goto_number = goto_after (layout->survey, index, values[i]);
      g_array_append_val (choices, choice);
    }
  return choices;
}

/* Draws one answer mark at @x (from the start edge), @y (its top). */
static void
add_mark (Block    *block,
          gboolean  circle,
          double    x,
          double    y)
{
  Item *item = block_add (block, circle ? ITEM_CIRCLE : ITEM_BOX, x, y, MARK_SIZE, MARK_SIZE);

  item->line_width = 0.9;
}

/* A scale: its points side by side, each label over its circle and the
 * entry desk's key under it, "not applicable" a little apart. */
static double
add_scale (Block      *block,
           PlQuestion *question,
           GArray     *choices,
           double      x0,
           double      y0,
           double      width)
{
  Layout *layout = block->layout;
  guint n = choices->len;
  gboolean has_na = n > 0 && g_strcmp0 (g_array_index (choices, Choice, n - 1).value,
                                        PL_ANSWER_NOT_APPLICABLE) == 0;
  double na_gap = has_na ? 14.0 : 0.0;
  double cell = MIN (86.0, (width - na_gap) / MAX (n, 1));
  double label_height = 0;
  g_autofree double *heights = g_new0 (double, n);
  g_autofree PangoLayout **labels = g_new0 (PangoLayout *, n);
  double mark_y, bottom = y0;

  for (guint i = 0; i < n; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);

      labels[i] = make_scale_label (layout, choice->label, cell - 6);
      text_size (labels[i], NULL, &heights[i]);
      label_height = MAX (label_height, heights[i]);
    }

  mark_y = y0 + label_height + 4;
  for (guint i = 0; i < n; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);
      double x = x0 + i * cell + (has_na && i == n - 1 ? na_gap : 0);
      Item *item;

      /* Labels sit on one line at their foot, right over their circle. */
      item = block_add (block, ITEM_TEXT, x + 3, y0 + label_height - heights[i], cell - 6, heights[i]);
      item->layout = g_steal_pointer (&labels[i]);
      add_mark (block, TRUE, x + (cell - MARK_SIZE) / 2, mark_y);
      if (choice->key != NULL)
        bottom = MAX (bottom, mark_y + MARK_SIZE + 1.5 +
                      block_add_text (block, choice->key, FONT_KEY, x, mark_y + MARK_SIZE + 1.5,
                                      cell, ALIGN_CENTER, 0.45));
      if (choice->goto_number > 0)
        {
          g_autofree char *text = goto_text (layout, choice->goto_number);

          bottom = MAX (bottom, mark_y + MARK_SIZE + 10 +
                        block_add_text (block, text, FONT_GOTO, x, mark_y + MARK_SIZE + 10,
                                        cell, ALIGN_CENTER, 0));
        }
      bottom = MAX (bottom, mark_y + MARK_SIZE);
    }

  if (has_na)
    {
      /* A faint divider: "not applicable" is not a point of the scale. */
      Item *item = block_add (block, ITEM_VLINE, x0 + (n - 1) * cell + na_gap / 2, y0,
                              0, bottom - y0);

      item->gray = 0.75;
      item->line_width = 0.5;
    }
  for (guint i = 0; i < n; i++)
    g_clear_object (&labels[i]);
  return bottom - y0;
}

/* Yes/no and choice lists: a mark, the label, the key in small grey and
 * any "→ N"; as many columns as the longest label allows. */
static double
add_options (Block      *block,
             PlQuestion *question,
             GArray     *choices,
             double      x0,
             double      y0,
             double      width)
{
  Layout *layout = block->layout;
  gboolean circle = pl_question_get_kind (question) != PL_QUESTION_MULTIPLE;
  const double gap = 5.0, column_gap = 16.0;
  double key_width = 0, goto_width = 0, label_width = 0;
  guint n = choices->len, columns;
  double column_width, y = y0;

  for (guint i = 0; i < n; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);

      label_width = MAX (label_width, natural_width (layout, choice->label, FONT_OPTION));
      if (choice->key != NULL)
        key_width = MAX (key_width, natural_width (layout, choice->key, FONT_KEY));
      if (choice->goto_number > 0)
        {
          g_autofree char *text = goto_text (layout, choice->goto_number);

          goto_width = MAX (goto_width, natural_width (layout, text, FONT_GOTO));
        }
    }

  /* The widest item decides the columns, at most four and never more than
   * the options; yes/no stays on one line. */
  for (columns = MIN (n, 4); columns > 1; columns--)
    {
      double item = MARK_SIZE + gap + label_width + gap + key_width +
                    (goto_width > 0 ? gap + goto_width : 0);

      if (item * columns + column_gap * (columns - 1) <= width)
        break;
    }
  columns = MAX (columns, 1);
  /* Columns as wide as their items need, not spread over the line: "No"
   * stays near "Yes". */
  column_width = (width - column_gap * (columns - 1)) / columns;
  if (columns > 1)
    column_width = MIN (column_width, MARK_SIZE + gap + label_width + gap + key_width +
                                      (goto_width > 0 ? gap + goto_width : 0) + 30);

  for (guint row_start = 0; row_start < n; row_start += columns)
    {
      guint row_end = MIN (row_start + columns, n);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
      double row_ascent = 0, row_bottom = MARK_SIZE, baseline;

      /* The labels of the row first: they share one baseline, whichever
       * font (and so height) each one's script has. */
      for (guint i = row_start; i < row_end; i++)
        {
          Choice *choice = &g_array_index (choices, Choice, i);
          double extra = gap + key_width + (goto_width > 0 ? gap + goto_width : 0);
          double label_max = column_width - MARK_SIZE - gap - extra;
          PangoLayout *label = make_text (layout, choice->label, FONT_OPTION, -1, ALIGN_START);
          double w;

          text_size (label, &w, NULL);
          if (w > label_max)
            {
              g_object_unref (label);
              label = make_text (layout, choice->label, FONT_OPTION, label_max, ALIGN_START);
            }
          g_ptr_array_add (labels, label);
          row_ascent = MAX (row_ascent, (double) pango_layout_get_baseline (label) / PANGO_SCALE);
        }
      baseline = y + row_ascent;

      for (guint i = row_start; i < row_end; i++)
        {
          Choice *choice = &g_array_index (choices, Choice, i);
          PangoLayout *label = g_ptr_array_index (labels, i - row_start);
          double x = x0 + (i - row_start) * (column_width + column_gap);
          double label_baseline = (double) pango_layout_get_baseline (label) / PANGO_SCALE;
          double w, h;
          Item *item;

          text_size (label, &w, &h);
          if (pango_layout_get_width (label) > 0)
            w = (double) pango_layout_get_width (label) / PANGO_SCALE;
          /* The mark centred a little above the baseline, as on a
           * lower-case letter. */
          add_mark (block, circle, x, baseline - MARK_CENTER_ABOVE_BASELINE - MARK_SIZE / 2);
          item = block_add (block, ITEM_TEXT, x + MARK_SIZE + gap, baseline - label_baseline, w, h);
          item->layout = g_object_ref (label);
          row_bottom = MAX (row_bottom, baseline - label_baseline + h - y);

          x += MARK_SIZE + gap + w + gap;
          if (choice->key != NULL)
            x += block_add_text_on_baseline (block, choice->key, FONT_KEY, x, baseline, 0.45) + gap;
          if (choice->goto_number > 0)
            {
              g_autofree char *text = goto_text (layout, choice->goto_number);

              block_add_text_on_baseline (block, text, FONT_GOTO, x + 2, baseline, 0);
            }
        }
      y += row_bottom + (row_end < n ? 6 : 0);
    }
  return y - y0;
}

/* Digits of a whole number. */
static guint
count_digits (double value)
{
  guint digits = 1;

  value = fabs (value);
  while (value >= 10 && digits < 12)
    {
      value /= 10;
      digits++;
    }
  return digits;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* A number: one box per digit when the range is whole numbers with both
 * ends (a comb keeps handwriting legible), else one long box; the range
 * beside it in plain digits. */
static double
add_number (Block      *block,
            PlQuestion *question,
            double      x0,
            double      y0)
{
  double min = 0, max = 0;
  gboolean has_min = FALSE, has_max = FALSE;
  const double cell_w = 16.0, cell_h = 21.0;
  double x = x0;
  guint cells = 0;

  pl_question_get_range (question, &min, &has_min, &max, &has_max);
  if (has_min && has_max && min == floor (min) && max == floor (max))
    {
      cells = MAX (count_digits (min), count_digits (max)) + (min < 0 ? 1 : 0);
      cells = MIN (cells, 8);
    }

  if (cells > 0)
    {
      for (guint i = 0; i < cells; i++)
        {
          Item *item = block_add (block, ITEM_BOX, x0 + i * cell_w, y0, cell_w, cell_h);

          item->line_width = 0.9;
        }
      x = x0 + cells * cell_w;
    }
  else
    {
      Item *item = block_add (block, ITEM_BOX, x0, y0, 110, cell_h);

      item->line_width = 0.9;
      x = x0 + 110;
    }

  if (has_min || has_max)
    {
      g_autofree char *low = has_min ? format_number (min) : NULL;
      g_autofree char *high = has_max ? format_number (max) : NULL;
      g_autofree char *range = NULL;

      if (has_min && has_max)
        range = g_strdup_printf ("%s – %s", low, high);
      else if (has_min)
        range = g_strdup_printf ("≥ %s", low);
      else
        range = g_strdup_printf ("≤ %s", high);
      block_add_text (block, range, FONT_RULE, x + 8, y0 + (cell_h - 11) / 2, -1, ALIGN_START, 0.4);
    }
  return cell_h;
}

static double
add_lines (Block  *block,
           double  x0,
           double  y0,
           double  width,
           guint   n_lines)
{
  for (guint i = 0; i < n_lines; i++)
    {
      Item *item = block_add (block, ITEM_LINE, x0, y0 + (i + 1) * LINE_GAP, width, 0);

      item->gray = 0.55;
      item->line_width = 0.6;
    }
  return n_lines * LINE_GAP + 2;
}

/* A question's number in a light square at the start edge, then at @x
 * any condition, the wording and the hint. Returns the bottom of the text;
 * sets @baseline (may be NULL) to the wording's first baseline. */
static double
add_question_heading (Block  *block,
                      guint   index,
                      double  x,
                      double  y0,
                      double  width,
                      double *baseline)
{
  Layout *layout = block->layout;
  PlSurvey *survey = layout->survey;
  PlQuestion *question = pl_survey_get_question (survey, index);
  const char *text, *hint, *rule_id;
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  double y = y0, number_w, number_h, badge_w;
  Item *badge;

  text = pl_survey_question_text (survey, question, layout->language, NULL);
  if (text == NULL || *text == '\0')
    text = pl_question_get_code (question);
  hint = pl_survey_get_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question),
                             "hint", layout->language, NULL);

  number_w = natural_width (layout, number, FONT_NUMBER);
  badge_w = MAX (18.0, number_w + 8);
  badge = block_add (block, ITEM_BADGE, 0, y0, badge_w, 16);
  badge->gray = 0.87;
  {
    g_autoptr(PangoLayout) number_layout = make_text (layout, number, FONT_NUMBER, badge_w,
                                                      ALIGN_CENTER);
    Item *item;

    text_size (number_layout, NULL, &number_h);
    item = block_add (block, ITEM_TEXT, 0, y0 + (16 - number_h) / 2, badge_w, number_h);
    item->layout = g_steal_pointer (&number_layout);
  }

  rule_id = pl_question_get_skip_question_id (question);
  if (rule_id != NULL)
    {
      PlQuestion *rule_question = pl_survey_find_question (survey, rule_id);
      int rule_index = rule_question ? pl_survey_question_index (survey, rule_question) : -1;

      if (rule_index >= 0)
        {
          const char *value = pl_question_get_skip_value (question);
          const char *label = pl_survey_value_label (survey, rule_question, value,
                                                     layout->language, NULL);
          g_autofree char *condition =
            g_strdup_printf ("%s %d: %s", layout->rtl ? "↲" : "↳", rule_index + 1,
                             label != NULL && *label != '\0' ? label : value);

          y += block_add_text (block, condition, FONT_RULE, x, y + 1.5, width,
                               ALIGN_START, 0.3) + 3;
        }
    }

  {
    g_autoptr(PangoLayout) wording = make_text (layout, text, FONT_QUESTION, width, ALIGN_START);
    double h;
    Item *item;

    text_size (wording, NULL, &h);
    if (baseline != NULL)
      *baseline = y + (double) pango_layout_get_baseline (wording) / PANGO_SCALE;
    item = block_add (block, ITEM_TEXT, x, y, width, h);
    item->layout = g_steal_pointer (&wording);
    y += h;
  }
  if (hint != NULL && *hint != '\0')
    y += 1.5 + block_add_text (block, hint, FONT_HINT, x, y + 1.5, width, ALIGN_START, 0.35);
  return MAX (y, y0 + 16);
}

/* One question: its number, any condition, the wording and hint, then the
 * answer area. */
static Block *
build_question (Layout *layout,
                guint   index)
{
  PlSurvey *survey = layout->survey;
  PlQuestion *question = pl_survey_get_question (survey, index);
  PlQuestionKind kind = pl_question_get_kind (question);
  Block *block = block_new (layout);
  double text_width = layout->content_width - INDENT;
  double y;

  y = add_question_heading (block, index, INDENT, 0, text_width, NULL) + 8;

  switch (kind)
    {
    case PL_QUESTION_AGREEMENT:
    case PL_QUESTION_FREQUENCY:
      {
        g_autoptr(GArray) choices = collect_choices (layout, question, index);

        y += add_scale (block, question, choices, INDENT, y, text_width);
      }
      break;

    case PL_QUESTION_YES_NO:
    case PL_QUESTION_SINGLE:
    case PL_QUESTION_MULTIPLE:
      {
        g_autoptr(GArray) choices = collect_choices (layout, question, index);

        y += add_options (block, question, choices, INDENT, y, text_width);
      }
      break;

    case PL_QUESTION_NUMBER:
      y += add_number (block, question, INDENT, y);
      break;

    case PL_QUESTION_SHORT_TEXT:
      y += add_lines (block, INDENT, y - 6, text_width, 1) - 6;
      break;

    case PL_QUESTION_LONG_TEXT:
    default:
      y += add_lines (block, INDENT, y - 6, text_width, 4) - 6;
      break;
    }

  block->height = MAX (block->height, y);
  return block;
}

/* A grid of scale questions
 *
 * Consecutive questions on the same scale share one grid, as on most
 * paper surveys: the scale's labels and keys head the columns once, and
 * each question is a row of circles, shaded every other row so the eye
 * follows it across. A scale question an arrow leaves from stays on its
 * own, with its "→ N" under the circle. */

#define MATRIX_TEXT_MIN 180.0

static gboolean
matrix_candidate (Layout *layout,
                  guint   index)
{
  PlQuestion *question = pl_survey_get_question (layout->survey, index);
  PlQuestionKind kind = pl_question_get_kind (question);
  g_auto(GStrv) values = NULL;

  if (kind != PL_QUESTION_AGREEMENT && kind != PL_QUESTION_FREQUENCY)
    return FALSE;
  values = pl_question_dup_values (question);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (goto_after (layout->survey, index, values[i]) > 0)
      return FALSE;
  return TRUE;
}

static gboolean
matrix_same_scale (Layout *layout,
                   guint   a,
                   guint   b)
{
  PlQuestion *qa = pl_survey_get_question (layout->survey, a);
  PlQuestion *qb = pl_survey_get_question (layout->survey, b);

  return pl_question_get_kind (qa) == pl_question_get_kind (qb) &&
         pl_question_get_allow_na (qa) == pl_question_get_allow_na (qb);
}

/* Where the grid's columns are: @n cells of @cell, the last one ("not
 * applicable") @na_gap further, ending at the content's end edge. */
typedef struct
{
  guint    n;
  gboolean has_na;
  double   cell;
  double   na_gap;
  double   start;
} Columns;

static Columns
matrix_columns (Layout     *layout,
                PlQuestion *question)
{
  g_auto(GStrv) values = pl_question_dup_values (question);
  Columns columns = { 0 };

  columns.n = values ? g_strv_length (values) : 0;
  columns.has_na = columns.n > 0 &&
                   g_strcmp0 (values[columns.n - 1], PL_ANSWER_NOT_APPLICABLE) == 0;
  columns.na_gap = columns.has_na ? 8.0 : 0.0;
  columns.cell = MIN (58.0, (layout->content_width - INDENT - MATRIX_TEXT_MIN - columns.na_gap) /
                            MAX (columns.n, 1));
  columns.start = layout->content_width - columns.n * columns.cell - columns.na_gap;
  return columns;
}

static double
column_x (const Columns *columns,
          guint          i)
{
  return columns->start + i * columns->cell + (columns->has_na && i == columns->n - 1
                                               ? columns->na_gap : 0);
}

static void
add_na_divider (Block         *block,
                const Columns *columns,
                double         y,
                double         h)
{
  Item *item;

  if (!columns->has_na)
    return;
  item = block_add (block, ITEM_VLINE, column_x (columns, columns->n - 1) - columns->na_gap / 2,
                    y, 0, h);
  item->gray = 0.75;
  item->line_width = 0.5;
}

/* The grid's head: each scale label over its column, its key below. */
static Block *
build_matrix_header (Layout *layout,
                     guint   index)
{
  PlQuestion *question = pl_survey_get_question (layout->survey, index);
  g_autoptr(GArray) choices = collect_choices (layout, question, index);
  Columns columns = matrix_columns (layout, question);
  Block *block = block_new (layout);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  double label_height = 0, bottom = 0;

  for (guint i = 0; i < choices->len; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);
      PangoLayout *label = make_scale_label (layout, choice->label, columns.cell - 4);
      double h;

      text_size (label, NULL, &h);
      label_height = MAX (label_height, h);
      g_ptr_array_add (labels, label);
    }
  for (guint i = 0; i < choices->len && i < columns.n; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);
      PangoLayout *label = g_ptr_array_index (labels, i);
      double x = column_x (&columns, i), h;
      Item *item;

      text_size (label, NULL, &h);
      item = block_add (block, ITEM_TEXT, x + 2, label_height - h, columns.cell - 4, h);
      item->layout = g_object_ref (label);
      if (choice->key != NULL)
        bottom = MAX (bottom, label_height + 1 +
                      block_add_text (block, choice->key, FONT_KEY, x, label_height + 1,
                                      columns.cell, ALIGN_CENTER, 0.45));
    }
  bottom = MAX (bottom, label_height) + 3;
  add_na_divider (block, &columns, 0, bottom);
  block->height = bottom;
  return block;
}

/* One question of the grid; @shaded for every other row. */
static Block *
build_matrix_row (Layout   *layout,
                  guint     index,
                  gboolean  shaded)
{
  PlQuestion *question = pl_survey_get_question (layout->survey, index);
  Columns columns = matrix_columns (layout, question);
  Block *block = block_new (layout);
  const double pad = 5.0;
  guint panel_index = 0;
  double bottom, baseline = 0;

  if (shaded)
    {
      Item *panel = block_add (block, ITEM_PANEL, 0, 0, layout->content_width, 0);

      panel->gray = 0.955;
      panel_index = block->items->len;
    }
  bottom = add_question_heading (block, index, INDENT, pad,
                                 columns.start - INDENT - 10, &baseline) + pad;
  for (guint i = 0; i < columns.n; i++)
    add_mark (block, TRUE, column_x (&columns, i) + (columns.cell - MARK_SIZE) / 2,
              baseline - MARK_CENTER_ABOVE_BASELINE - MARK_SIZE / 2);
  add_na_divider (block, &columns, 0, bottom);
  if (shaded)
    g_array_index (block->items, Item, panel_index - 1).h = bottom;
  block->height = bottom;
  return block;
}

/* The first page's introduction: description and instructions. */
static Block *
build_introduction (Layout *layout)
{
  PlSurvey *survey = layout->survey;
  const char *id = pl_survey_get_id (survey);
  const char *description = pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY, id, "description",
                                                layout->language, NULL);
  const char *instructions = pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY, id, "instructions",
                                                 layout->language, NULL);
  Block *block = block_new (layout);
  double y = 0;

  if (description != NULL && *description != '\0')
    y += block_add_text (block, description, FONT_BODY, 0, y, layout->content_width,
                         ALIGN_START, 0) + 8;
  if (instructions != NULL && *instructions != '\0')
    {
      const double pad = 8.0;
      guint panel_index = block->items->len;
      double h;
      Item *panel = block_add (block, ITEM_PANEL, 0, y, layout->content_width, 0);

      panel->gray = 0.93;
      h = block_add_text (block, instructions, FONT_BODY, pad, y + pad,
                          layout->content_width - 2 * pad, ALIGN_START, 0);
      g_array_index (block->items, Item, panel_index).h = h + 2 * pad;
      y += h + 2 * pad + 8;
    }
  block->height = y;
  return block;
}

static GArray *
page_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, (GDestroyNotify) item_clear);
  return items;
}

/* Moves a block's items onto the current page at @y. */
static void
place_block (Layout *layout,
             Block  *block,
             double  y)
{
  GArray *page = g_ptr_array_index (layout->pages, layout->pages->len - 1);

  for (guint i = 0; i < block->items->len; i++)
    {
      Item item = g_array_index (block->items, Item, i);

      item.x += MARGIN_SIDE;
      item.y += y;
      g_array_append_val (page, item);
      /* The page owns the layout now. */
      g_array_index (block->items, Item, i).layout = NULL;
    }
}

static void
add_separator (Layout *layout,
               double  y)
{
  GArray *page = g_ptr_array_index (layout->pages, layout->pages->len - 1);
  Item item = { 0 };

  item.kind = ITEM_LINE;
  item.x = MARGIN_SIDE;
  item.y = y;
  item.w = layout->content_width;
  item.gray = 0.8;
  item.line_width = 0.5;
  g_array_append_val (page, item);
}

static void
new_page (Layout *layout,
          double *y)
{
  g_ptr_array_add (layout->pages, page_new ());
  *y = layout->top;
}

static void
layout_free (Layout *layout)
{
  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  g_clear_object (&layout->context);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static gboolean
check_printable (PlSurvey    *survey,
                 const char  *language,
                 GError     **error)
{
  const char *const *languages = pl_survey_get_languages (survey);

  if (language == NULL || languages == NULL || !g_strv_contains (languages, language))
    {
      g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID,
                   /* Translators: %s is a language's name, e.g. "Somali" */
                   _("The survey is not offered in %s; add the language to the survey first."),
                   language ? pl_language_get_name (language) : "?");
      return FALSE;
    }
  if (pl_survey_get_n_questions (survey) == 0)
    {
      g_set_error_literal (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID,
                           _("The survey has no questions to print."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_count (guint    count,
             GError **error)
{
  if (count == 0 || count > MAX_FORMS)
    {
      g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID,
                   _("The number of forms must be between 1 and %u, not %u."), MAX_FORMS, count);
      return FALSE;
    }
  return TRUE;
}

static void
set_school_code_error (GError     **error,
                       const char  *school_code)
{
  g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID,
               /* Translators: %s is what the school's code field holds */
               _("The school’s code “%s” cannot be part of a form code: it needs letters or digits."),
               school_code ? school_code : "");
}

/* Lays out one form. @widest_code sizes the code box, so every form of the
 * batch has the same header and the same pages. */
static Layout *
layout_new (PlSurvey    *survey,
            const char  *language,
            const char  *widest_code,
            PlPaperSize  paper)
{
  g_autoptr(Layout) layout = g_new0 (Layout, 1);
  const PlLanguage *info = pl_language_lookup (language);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options;
  double y;

  layout->survey = survey;
  layout->language = language;
  layout->rtl = info != NULL && info->rtl;
  paper_dimensions (paper, &layout->page_width, &layout->page_height);
  layout->content_width = layout->page_width - 2 * MARGIN_SIDE;
  layout->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Points as the unit and no hinting: a PDF is drawn at any size. */
  layout->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (layout->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (layout->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (layout->context, pango_language_from_string (language));
  pango_context_set_base_dir (layout->context, PANGO_DIRECTION_LTR);

  /* The header's height: the code box or the title and school, whichever
   * is taller. Page one and the others share it. */
  {
    g_autoptr(PangoLayout) code = make_text (layout, widest_code, FONT_CODE, -1, ALIGN_START);
    const char *title = pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey),
                                            "title", language, NULL);
    g_autoptr(PangoLayout) title_layout = NULL;
    g_autoptr(PangoLayout) school_layout = NULL;
    double code_w, code_h, title_h, school_h = 0, title_width;

    text_size (code, &code_w, &code_h);
    layout->code_box_width = code_w + 20;
    layout->code_box_height = code_h + 10;
    title_width = layout->content_width - layout->code_box_width - 18;
    title_layout = make_text (layout, title ? title : "", FONT_TITLE, title_width, ALIGN_START);
    text_size (title_layout, NULL, &title_h);
    /* The school is one line (ellipsized), there or not, so the pages are
     * the same whichever school a batch is for. */
    school_layout = make_text (layout, "School", FONT_SCHOOL, -1, ALIGN_START);
    text_size (school_layout, NULL, &school_h);
    school_h += 2;
    layout->header_height = MAX (layout->code_box_height, title_h + school_h);
  }
  layout->top = MARGIN_TOP + layout->header_height + 16;
  layout->bottom = layout->page_height - MARGIN_BOTTOM;

  /* Questions flow down the pages; a question is never split. */
  g_ptr_array_add (layout->pages, page_new ());
  y = layout->top;
  {
    g_autoptr(Block) introduction = build_introduction (layout);

    place_block (layout, introduction, y);
    y += introduction->height;
  }
  for (guint i = 0; i < pl_survey_get_n_questions (survey);)
    {
      const double pad = 9.0;
      gboolean first_on_page = y <= layout->top + 0.5;
      guint end = i + 1;

      if (matrix_candidate (layout, i))
        while (end < pl_survey_get_n_questions (survey) && matrix_candidate (layout, end) &&
               matrix_same_scale (layout, i, end))
          end++;

      if (end - i >= 2)
        {
          g_autoptr(Block) header = build_matrix_header (layout, i);
          g_autoptr(Block) first = build_matrix_row (layout, i, FALSE);

          /* The head never stays at the foot of a page without a row. */
          if (!first_on_page && y + pad + 4 + header->height + first->height > layout->bottom)
            {
              new_page (layout, &y);
              first_on_page = TRUE;
            }
          if (!first_on_page)
            {
              add_separator (layout, y + pad / 2);
              y += pad + 4;
            }
          place_block (layout, header, y);
          y += header->height;
          for (guint row = i; row < end; row++)
            {
              g_autoptr(Block) block = build_matrix_row (layout, row, (row - i) % 2 == 1);

              if (y + block->height > layout->bottom)
                {
                  g_autoptr(Block) again = build_matrix_header (layout, i);

                  new_page (layout, &y);
                  place_block (layout, again, y);
                  y += again->height;
                }
              place_block (layout, block, y);
              y += block->height;
            }
          y += pad;
        }
      else
        {
          g_autoptr(Block) block = build_question (layout, i);

          if (!first_on_page && y + pad + block->height > layout->bottom)
            {
              new_page (layout, &y);
              first_on_page = TRUE;
            }
          if (!first_on_page)
            {
              add_separator (layout, y + pad / 2);
              y += pad;
            }
          place_block (layout, block, y);
          y += block->height + pad;
        }
      i = end;
    }
  return g_steal_pointer (&layout);
}

/* Drawing */

static void
draw_rounded (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_item (cairo_t    *cr,
           const Item *item)
{
  cairo_set_source_rgb (cr, item->gray, item->gray, item->gray);
  cairo_set_line_width (cr, item->line_width);
  switch (item->kind)
    {
    case ITEM_TEXT:
      cairo_move_to (cr, item->x, item->y);
      pango_cairo_show_layout (cr, item->layout);
      break;
    case ITEM_CIRCLE:
      cairo_new_path (cr);
      cairo_arc (cr, item->x + item->w / 2, item->y + item->h / 2, item->w / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case ITEM_BOX:
      cairo_rectangle (cr, item->x, item->y, item->w, item->h);
      cairo_stroke (cr);
      break;
    case ITEM_LINE:
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x + item->w, item->y);
      cairo_stroke (cr);
      break;
    case ITEM_VLINE:
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x, item->y + item->h);
      cairo_stroke (cr);
      break;
    case ITEM_PANEL:
      draw_rounded (cr, item->x, item->y, item->w, item->h, 5);
      cairo_fill (cr);
      break;
    case ITEM_BADGE:
      draw_rounded (cr, item->x, item->y, item->w, item->h, 3);
      cairo_fill (cr);
      break;
    }
}

static double
baseline_of (PangoLayout *text_layout)
{
  return (double) pango_layout_get_baseline (text_layout) / PANGO_SCALE;
}

static void
show_at (cairo_t     *cr,
         PangoLayout *text_layout,
         double       x,
         double       y,
         double       gray)
{
  cairo_set_source_rgb (cr, gray, gray, gray);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text_layout);
}

/* What is the same on every page of every form: the title, the school,
 * the language and the page number. Made once per batch. */
typedef struct
{
  PangoLayout *title;
  PangoLayout *school;
  PangoLayout *language;
  GPtrArray   *page_numbers;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_object (&frame->title);
  g_clear_object (&frame->school);
  g_clear_object (&frame->language);
  g_clear_pointer (&frame->page_numbers, g_ptr_array_unref);
}

static void
frame_init (Frame      *frame,
            Layout     *layout,
            const char *school_name)
{
  PlSurvey *survey = layout->survey;
  const char *title = pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey),
                                          "title", layout->language, NULL);
  double title_width = layout->content_width - layout->code_box_width - 18;
  const PlLanguage *info = pl_language_lookup (layout->language);
  g_autofree char *language = NULL;
  guint n_pages = layout->pages->len;

  frame->title = make_text (layout, title ? title : "", FONT_TITLE, title_width, ALIGN_START);
  if (school_name != NULL && *school_name != '\0')
    {
      frame->school = make_text (layout, school_name, FONT_SCHOOL, title_width, ALIGN_START);
      pango_layout_set_ellipsize (frame->school, PANGO_ELLIPSIZE_END);
    }
  /* The form's language in its own name, and the survey version, for the
   * staff who sort and key the stack. */
  language = g_strdup_printf ("%s · v%u",
                              info != NULL ? info->native_name : layout->language,
                              pl_survey_get_version (survey));
  frame->language = make_text (layout, language, FONT_FOOTER, -1, ALIGN_START);
  frame->page_numbers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u / %u", i + 1, n_pages);

      g_ptr_array_add (frame->page_numbers, make_text (layout, text, FONT_FOOTER, -1, ALIGN_START));
    }
}

/* Physical x of something @w wide at @x from the start edge. */
static double
start_x (Layout *layout,
         double  x,
         double  w)
{
  return layout->rtl ? layout->page_width - MARGIN_SIDE - x - w : MARGIN_SIDE + x;
}

static void
draw_page (cairo_t     *cr,
           Layout      *layout,
           Frame       *frame,
           guint        page,
           PangoLayout *code,
           PangoLayout *code_small)
{
  GArray *items = g_ptr_array_index (layout->pages, page);
  double title_width = layout->content_width - layout->code_box_width - 18;
  double box_x = start_x (layout, layout->content_width - layout->code_box_width,
                          layout->code_box_width);
  double w, h, y;

  /* Header: title and school at the start, the code boxed at the end, a
   * rule below. */
  show_at (cr, frame->title, start_x (layout, 0, title_width), MARGIN_TOP, 0);
  if (frame->school != NULL)
    {
      text_size (frame->title, NULL, &h);
      show_at (cr, frame->school, start_x (layout, 0, title_width), MARGIN_TOP + h + 2, 0.25);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.4);
  draw_rounded (cr, box_x, MARGIN_TOP, layout->code_box_width, layout->code_box_height, 4);
  cairo_stroke (cr);
  text_size (code, &w, &h);
  show_at (cr, code, box_x + (layout->code_box_width - w) / 2,
           MARGIN_TOP + (layout->code_box_height - h) / 2, 0);
  y = MARGIN_TOP + layout->header_height + 8;
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, MARGIN_SIDE, y);
  cairo_line_to (cr, layout->page_width - MARGIN_SIDE, y);
  cairo_stroke (cr);

  for (guint i = 0; i < items->len; i++)
    draw_item (cr, &g_array_index (items, Item, i));

  /* Footer: language and version at the start, the page in the middle,
   * the code again at the end, all on one baseline. */
  y = layout->page_height - FOOTER_FROM_EDGE;
  text_size (frame->language, &w, NULL);
  show_at (cr, frame->language, start_x (layout, 0, w), y - baseline_of (frame->language), 0.35);
  {
    PangoLayout *number = g_ptr_array_index (frame->page_numbers, page);

    text_size (number, &w, NULL);
    show_at (cr, number, (layout->page_width - w) / 2, y - baseline_of (number), 0.35);
  }
  text_size (code_small, &w, NULL);
  show_at (cr, code_small, start_x (layout, layout->content_width - w, w),
           y - baseline_of (code_small), 0.35);
}

/* Writing the file */

typedef struct
{
  int fd;
  int error_number;
} Output;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Output *output = closure;

  while (length > 0)
    {
      ssize_t written = write (output->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          output->error_number = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          error_number)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_WRITE,
               /* Translators: %s are a file name and the system's reason */
               _("Could not write “%s”: %s"), display, g_strerror (error_number));
}

guint
pl_survey_print_count_pages (PlSurvey     *survey,
                             const char   *language,
                             const char   *school_code,
                             PlPaperSize   paper,
                             GError      **error)
{
  g_autofree char *code = NULL;
  g_autoptr(Layout) layout = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (survey), 0);

  if (!check_printable (survey, language, error))
    return 0;
  code = pl_form_code_format (pl_survey_get_number (survey),
                              school_code != NULL ? school_code : "0000", 99999);
  if (code == NULL)
    code = pl_form_code_format (pl_survey_get_number (survey), "0000", 99999);
  layout = layout_new (survey, language, code, paper);
  return layout->pages->len;
}

gboolean
pl_survey_print_render (PlSurvey               *survey,
                        const char             *language,
                        const char             *school_name,
                        const char             *school_code,
                        guint                   first_serial,
                        guint                   count,
                        PlPaperSize             paper,
                        const char             *path,
                        PlSurveyPrintProgress   progress,
                        gpointer                progress_data,
                        guint                  *n_pages,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(Layout) layout = NULL;
  g_autofree char *widest = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *pdf_title = NULL;
  Frame frame = { 0 };
  Output output = { -1, 0 };
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  cairo_status_t status;
  gboolean ok = FALSE;
  guint pages_written = 0;

  g_return_val_if_fail (PL_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_printable (survey, language, error))
    return FALSE;
  if (!check_count (count, error))
    return FALSE;
  if (first_serial > G_MAXUINT - count)
    {
      g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID,
                   _("Form serial %u is too large."), first_serial);
      return FALSE;
    }
  widest = pl_form_code_format (pl_survey_get_number (survey), school_code,
                                first_serial + count - 1);
  if (widest == NULL)
    {
      set_school_code_error (error, school_code);
      return FALSE;
    }

  layout = layout_new (survey, language, widest, paper);
  frame_init (&frame, layout, school_name);

  /* Written beside the destination and renamed at the end: a failed or
   * cancelled run leaves nothing half-written behind. */
  directory = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_path = g_strdup_printf ("%s/.%s.XXXXXX", directory, base);
  output.fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (output.fd < 0)
    {
      set_write_error (error, path, errno);
      g_clear_pointer (&temp_path, g_free);
      goto out;
    }
  /* mkstemp makes the file private; a PDF is an ordinary document. */
  {
    mode_t mask = umask (0);

    umask (mask);
    if (fchmod (output.fd, 0666 & ~mask) != 0)
      g_debug ("Could not make the PDF readable: %s", g_strerror (errno));
  }

  surface = cairo_pdf_surface_create_for_stream (write_cb, &output,
                                                 layout->page_width, layout->page_height);
  pdf_title = g_strdup_printf ("%s — %s",
                               pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY,
                                                   pl_survey_get_id (survey), "title",
                                                   language, NULL) ?: "",
                               school_name ? school_name : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Porchlight");
  cr = cairo_create (surface);

  for (guint form = 0; form < count; form++)
    {
      g_autofree char *code_text = pl_form_code_format (pl_survey_get_number (survey),
                                                        school_code, first_serial + form);
      g_autoptr(PangoLayout) code = make_text (layout, code_text, FONT_CODE, -1, ALIGN_START);
      g_autoptr(PangoLayout) code_small = make_text (layout, code_text, FONT_CODE_SMALL, -1,
                                                     ALIGN_START);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      for (guint page = 0; page < layout->pages->len; page++)
        {
          draw_page (cr, layout, &frame, page, code, code_small);
          cairo_show_page (cr);
          pages_written++;
        }
      status = cairo_status (cr);
      if (status != CAIRO_STATUS_SUCCESS)
        break;
      if (progress != NULL)
        progress (form + 1, count, progress_data);
    }

  cairo_destroy (g_steal_pointer (&cr));
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (status == CAIRO_STATUS_WRITE_ERROR && output.error_number != 0)
        set_write_error (error, path, output.error_number);
      else
        g_set_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_WRITE,
                     _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      goto out;
    }
  if (fsync (output.fd) != 0 || close (output.fd) != 0)
    {
      int saved = errno;

      output.fd = -1;
      set_write_error (error, path, saved);
      goto out;
    }
  output.fd = -1;
  if (g_rename (temp_path, path) != 0)
    {
      set_write_error (error, path, errno);
      goto out;
    }
  g_clear_pointer (&temp_path, g_free);
  if (n_pages != NULL)
    *n_pages = pages_written;
  ok = TRUE;

out:
  if (cr != NULL)
    cairo_destroy (cr);
  if (surface != NULL)
    {
      /* Finishing flushes to the stream: only while the file is open. */
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  if (output.fd >= 0)
    close (output.fd);
  if (temp_path != NULL)
    g_unlink (temp_path);
  frame_clear (&frame);
  return ok;
}

/* Reserves the serials, then renders: pl_survey_print() with the school
 * as plain strings, which the worker thread can own. */
static gboolean
print_batch (PlStore                *store,
             PlSurvey               *survey,
             const char             *school_id,
             const char             *school_name,
             const char             *school_code,
             const char             *language,
             guint                   count,
             PlPaperSize             paper,
             const char             *path,
             const char             *printed_by,
             PlSurveyPrintProgress   progress,
             gpointer                progress_data,
             guint                  *first_serial,
             guint                  *n_pages,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autofree char *code = NULL;
  guint first = 0;

  /* Everything that can be checked before serials are spent. */
  if (!check_printable (survey, language, error) ||
      !check_count (count, error))
    return FALSE;
  code = pl_form_code_format (pl_survey_get_number (survey), school_code, 1);
  if (code == NULL)
    {
      set_school_code_error (error, school_code);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!pl_store_reserve_form_serials (store, survey, school_id, count, language,
                                      printed_by, &first, error))
    return FALSE;
  if (!pl_survey_print_render (survey, language, school_name, school_code, first, count, paper,
                               path, progress, progress_data, n_pages, cancellable, error))
    return FALSE;
  if (first_serial != NULL)
    *first_serial = first;
  return TRUE;
}

gboolean
pl_survey_print (PlStore                *store,
                 PlSurvey               *survey,
                 PlSchool               *school,
                 const char             *language,
                 guint                   count,
                 PlPaperSize             paper,
                 const char             *path,
                 const char             *printed_by,
                 PlSurveyPrintProgress   progress,
                 gpointer                progress_data,
                 guint                  *first_serial,
                 guint                  *n_pages,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (PL_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (PL_IS_SCHOOL (school), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return print_batch (store, survey, pl_school_get_id (school), pl_school_get_name (school),
                      pl_school_get_code (school), language, count, paper, path, printed_by,
                      progress, progress_data, first_serial, n_pages, cancellable, error);
}

/* The async variant */

typedef struct
{
  char                  *store_path;
  PlSurvey              *survey;
  char                  *school_id;
  char                  *school_name;
  char                  *school_code;
  char                  *language;
  guint                  count;
  PlPaperSize            paper;
  char                  *path;
  char                  *printed_by;
  PlSurveyPrintProgress  progress;
  gpointer               progress_data;
  GMainContext          *context;
  guint                  first_serial;
  guint                  n_pages;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->store_path);
  g_clear_object (&data->survey);
  g_free (data->school_id);
  g_free (data->school_name);
  g_free (data->school_code);
  g_free (data->language);
  g_free (data->path);
  g_free (data->printed_by);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  PlSurveyPrintProgress progress;
  gpointer              progress_data;
  guint                 done;
  guint                 total;
} ProgressReport;

static gboolean
progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->done, report->total, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  PrintData *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL)
    return;
  report = g_new (ProgressReport, 1);
  *report = (ProgressReport) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_cb, report, g_free);
}

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrintData *data = task_data;
  g_autoptr(GError) error = NULL;
  /* SQLite connections stay on one thread: the worker opens its own. */
  g_autoptr(PlStore) store = pl_store_open (data->store_path, &error);

  if (store == NULL ||
      !print_batch (store, data->survey, data->school_id, data->school_name, data->school_code,
                    data->language, data->count, data->paper, data->path, data->printed_by,
                    thread_progress, data, &data->first_serial, &data->n_pages, cancellable,
                    &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_survey_print_async (PlStore                *store,
                       PlSurvey               *survey,
                       PlSchool               *school,
                       const char             *language,
                       guint                   count,
                       PlPaperSize             paper,
                       const char             *path,
                       const char             *printed_by,
                       PlSurveyPrintProgress   progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintData *data;

  g_return_if_fail (PL_IS_STORE (store));
  g_return_if_fail (PL_IS_SURVEY (survey));
  g_return_if_fail (PL_IS_SCHOOL (school));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_survey_print_async);

  /* The worker gets copies: the caller's objects are not thread-safe. */
  data = g_new0 (PrintData, 1);
  data->store_path = g_strdup (pl_store_get_path (store));
  data->survey = pl_survey_copy (survey);
  data->school_id = g_strdup (pl_school_get_id (school));
  data->school_name = g_strdup (pl_school_get_name (school));
  data->school_code = g_strdup (pl_school_get_code (school));
  data->language = g_strdup (language);
  data->count = count;
  data->paper = paper;
  data->path = g_strdup (path);
  data->printed_by = g_strdup (printed_by);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);
  g_task_run_in_thread (task, print_thread);
}

gboolean
pl_survey_print_finish (GAsyncResult  *result,
                        guint         *first_serial,
                        guint         *n_pages,
                        GError       **error)
{
  PrintData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pl_survey_print_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (first_serial != NULL)
    *first_serial = data->first_serial;
  if (n_pages != NULL)
    *n_pages = data->n_pages;
  return TRUE;
}

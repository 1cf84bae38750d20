/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-question.h"
#include "pl-survey.h"
#include "pl-util-private.h"

struct _PlQuestion
{
  GObject         parent_instance;

  char           *id;
  PlQuestionKind  kind;
  char           *code;
  char           *domain;
  gboolean        required;
  gboolean        allow_na;
  GStrv           options;
  gboolean        has_min;
  gboolean        has_max;
  double          min;
  double          max;
  char           *skip_question_id;
  char           *skip_value;
};

G_DEFINE_FINAL_TYPE (PlQuestion, pl_question, G_TYPE_OBJECT)

static const struct
{
  const char *code;
  const char *label;
} kinds[] = {
  [PL_QUESTION_AGREEMENT] = { "agreement", N_("Agreement scale") },
  [PL_QUESTION_FREQUENCY] = { "frequency", N_("Frequency scale") },
  [PL_QUESTION_SINGLE] = { "single", N_("Single choice") },
  [PL_QUESTION_MULTIPLE] = { "multiple", N_("Multiple choice") },
  [PL_QUESTION_YES_NO] = { "yes-no", N_("Yes or no") },
  [PL_QUESTION_NUMBER] = { "number", N_("Number") },
  [PL_QUESTION_SHORT_TEXT] = { "short-text", N_("Short text") },
  [PL_QUESTION_LONG_TEXT] = { "long-text", N_("Long text") },
};

const char *
pl_question_kind_to_code (PlQuestionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind].code;
}

gboolean
pl_question_kind_from_code (const char     *code,
                            PlQuestionKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, code) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pl_question_kind_to_label (PlQuestionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].label);
}

gboolean
pl_question_kind_is_one_key (PlQuestionKind kind)
{
  return kind == PL_QUESTION_AGREEMENT || kind == PL_QUESTION_FREQUENCY ||
         kind == PL_QUESTION_SINGLE || kind == PL_QUESTION_YES_NO;
}

gboolean
pl_question_kind_is_scale (PlQuestionKind kind)
{
  return kind == PL_QUESTION_AGREEMENT || kind == PL_QUESTION_FREQUENCY ||
         kind == PL_QUESTION_YES_NO;
}

static const char *const domain_codes[] = {
  "welcoming", "communication", "family-voice", "academic-support", "overall",
  "demographics", "other", NULL,
};

static const char *const domain_labels[] = {
  N_("Welcoming"), N_("Communication"), N_("Family voice"), N_("Academic support"),
  N_("Overall satisfaction"), N_("Demographics"), N_("Other"),
};

const char *const *
pl_question_domains (void)
{
  return domain_codes;
}

const char *
pl_question_domain_to_label (const char *domain)
{
  for (guint i = 0; domain_codes[i]; i++)
    if (g_strcmp0 (domain_codes[i], domain) == 0)
      return g_dgettext (GETTEXT_PACKAGE, domain_labels[i]);
  return domain;
}

static void
pl_question_finalize (GObject *object)
{
  PlQuestion *self = PL_QUESTION (object);

  g_free (self->id);
  g_free (self->code);
  g_free (self->domain);
  g_strfreev (self->options);
  g_free (self->skip_question_id);
  g_free (self->skip_value);

  G_OBJECT_CLASS (pl_question_parent_class)->finalize (object);
}

static void
pl_question_class_init (PlQuestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_question_finalize;
}

static void
pl_question_init (PlQuestion *self)
{
}

PlQuestion *
pl_question_new (PlQuestionKind kind)
{
  PlQuestion *self = g_object_new (PL_TYPE_QUESTION, NULL);

  self->id = _pl_new_id ();
  self->kind = kind;
  return self;
}

/* For the store, which reads questions back with their own ids. */
PlQuestion *
_pl_question_new_with_id (const char     *id,
                          PlQuestionKind  kind)
{
  PlQuestion *self = g_object_new (PL_TYPE_QUESTION, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  return self;
}

PlQuestion *
pl_question_copy (PlQuestion *self,
                  gboolean    same_id)
{
  PlQuestion *copy;

  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);

  copy = g_object_new (PL_TYPE_QUESTION, NULL);
  copy->id = same_id ? g_strdup (self->id) : _pl_new_id ();
  copy->kind = self->kind;
  copy->code = g_strdup (self->code);
  copy->domain = g_strdup (self->domain);
  copy->required = self->required;
  copy->allow_na = self->allow_na;
  copy->options = g_strdupv (self->options);
  copy->has_min = self->has_min;
  copy->has_max = self->has_max;
  copy->min = self->min;
  copy->max = self->max;
  copy->skip_question_id = g_strdup (self->skip_question_id);
  copy->skip_value = g_strdup (self->skip_value);
  return copy;
}

const char *
pl_question_get_id (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return self->id;
}

PlQuestionKind
pl_question_get_kind (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), 0);
  return self->kind;
}

void
pl_question_set_kind (PlQuestion     *self,
                      PlQuestionKind  kind)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  g_return_if_fail (kind < G_N_ELEMENTS (kinds));
  self->kind = kind;
}

const char *
pl_question_get_code (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return self->code;
}

void
pl_question_set_code (PlQuestion *self,
                      const char *code)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  _pl_set_str (&self->code, code);
}

const char *
pl_question_get_domain (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return self->domain;
}

void
pl_question_set_domain (PlQuestion *self,
                        const char *domain)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  _pl_set_str (&self->domain, domain);
}

gboolean
pl_question_get_required (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), FALSE);
  return self->required;
}

void
pl_question_set_required (PlQuestion *self,
                          gboolean    required)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  self->required = !!required;
}

gboolean
pl_question_get_allow_na (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), FALSE);
  return self->allow_na;
}

void
pl_question_set_allow_na (PlQuestion *self,
                          gboolean    allow_na)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  self->allow_na = !!allow_na;
}

const char *const *
pl_question_get_options (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return (const char *const *) self->options;
}

void
pl_question_set_options (PlQuestion        *self,
                         const char *const *values)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  g_strfreev (self->options);
  self->options = values != NULL && values[0] != NULL ? g_strdupv ((char **) values) : NULL;
}

gboolean
pl_question_get_range (PlQuestion *self,
                       double     *min,
                       gboolean   *has_min,
                       double     *max,
                       gboolean   *has_max)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), FALSE);
  if (min)
    *min = self->min;
  if (has_min)
    *has_min = self->has_min;
  if (max)
    *max = self->max;
  if (has_max)
    *has_max = self->has_max;
  return self->has_min || self->has_max;
}

void
pl_question_set_range (PlQuestion *self,
                       gboolean    has_min,
                       double      min,
                       gboolean    has_max,
                       double      max)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  self->has_min = !!has_min;
  self->min = has_min ? min : 0;
  self->has_max = !!has_max;
  self->max = has_max ? max : 0;
}

const char *
pl_question_get_skip_question_id (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return self->skip_question_id;
}

const char *
pl_question_get_skip_value (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return self->skip_value;
}

void
pl_question_set_skip_rule (PlQuestion *self,
                           const char *question_id,
                           const char *value)
{
  g_return_if_fail (PL_IS_QUESTION (self));
  if (question_id == NULL || *question_id == '\0')
    value = NULL;
  _pl_set_str (&self->skip_question_id, value != NULL ? question_id : NULL);
  _pl_set_str (&self->skip_value, value);
}

static const char *const scale_values[] = { "1", "2", "3", "4", "5", NULL };
static const char *const scale_values_na[] = { "1", "2", "3", "4", "5", "na", NULL };
static const char *const yes_no_values[] = { "yes", "no", NULL };

/* The values without copying them; NULL for number and text. */
static const char *const *
peek_values (PlQuestion *self)
{
  switch (self->kind)
    {
    case PL_QUESTION_AGREEMENT:
    case PL_QUESTION_FREQUENCY:
      return self->allow_na ? scale_values_na : scale_values;
    case PL_QUESTION_YES_NO:
      return yes_no_values;
    case PL_QUESTION_SINGLE:
    case PL_QUESTION_MULTIPLE:
      return (const char *const *) self->options;
    case PL_QUESTION_NUMBER:
    case PL_QUESTION_SHORT_TEXT:
    case PL_QUESTION_LONG_TEXT:
    default:
      return NULL;
    }
}

GStrv
pl_question_dup_values (PlQuestion *self)
{
  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);
  return g_strdupv ((char **) peek_values (self));
}

const char *
pl_question_value_for_key (PlQuestion *self,
                           gunichar    c)
{
  const char *const *values;

  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);

  values = peek_values (self);
  if (values == NULL)
    return NULL;

  switch (self->kind)
    {
    case PL_QUESTION_AGREEMENT:
    case PL_QUESTION_FREQUENCY:
      if (c >= '1' && c <= '5')
        return scale_values[c - '1'];
      if (self->allow_na && (c == '0' || c == 'n' || c == 'N'))
        return PL_ANSWER_NOT_APPLICABLE;
      return NULL;
    case PL_QUESTION_YES_NO:
      if (c == '1' || c == 'y' || c == 'Y')
        return "yes";
      if (c == '2' || c == 'n' || c == 'N')
        return "no";
      return NULL;
    case PL_QUESTION_SINGLE:
    case PL_QUESTION_MULTIPLE:
      if (c >= '1' && c <= '9' && (c - '1') < g_strv_length ((char **) values))
        return values[c - '1'];
      return NULL;
    case PL_QUESTION_NUMBER:
    case PL_QUESTION_SHORT_TEXT:
    case PL_QUESTION_LONG_TEXT:
    default:
      return NULL;
    }
}

char *
pl_question_key_for_value (PlQuestion *self,
                           const char *value)
{
  const char *const *values;

  g_return_val_if_fail (PL_IS_QUESTION (self), NULL);

  values = peek_values (self);
  if (values == NULL || value == NULL)
    return NULL;
  if (g_str_equal (value, PL_ANSWER_NOT_APPLICABLE) && pl_question_kind_is_scale (self->kind))
    return self->allow_na ? g_strdup ("0") : NULL;
  for (guint i = 0; values[i] && i < 9; i++)
    if (g_str_equal (values[i], value))
      return g_strdup_printf ("%u", i + 1);
  return NULL;
}

/* Reads a number typed in the C locale; FALSE for anything else. */
static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*number);
}

gboolean
pl_question_check_value (PlQuestion  *self,
                         const char  *value,
                         GError     **error)
{
  const char *const *values;
  double number;

  g_return_val_if_fail (PL_IS_QUESTION (self), FALSE);

  if (value == NULL || *value == '\0')
    return TRUE;

  values = peek_values (self);
  switch (self->kind)
    {
    case PL_QUESTION_AGREEMENT:
    case PL_QUESTION_FREQUENCY:
    case PL_QUESTION_YES_NO:
    case PL_QUESTION_SINGLE:
      if (values != NULL && g_strv_contains (values, value))
        return TRUE;
      break;

    case PL_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) picked = g_strsplit (value, " ", -1);
        guint last = 0;

        if (values == NULL)
          break;
        for (guint i = 0; picked[i]; i++)
          {
            guint at = G_MAXUINT;

            for (guint j = 0; values[j]; j++)
              if (g_str_equal (values[j], picked[i]))
                at = j;
            /* In option order, each once: one spelling per set of answers. */
            if (at == G_MAXUINT || (i > 0 && at <= last))
              {
                g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                             /* Translators: %s is an option value, the second a question's code */
                             _("“%s” is not an option of question %s, or is given twice"),
                             picked[i], self->code ? self->code : "");
                return FALSE;
              }
            last = at;
          }
        return TRUE;
      }

    case PL_QUESTION_NUMBER:
      if (!parse_number (value, &number))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                       _("“%s” is not a number (question %s)"), value,
                       self->code ? self->code : "");
          return FALSE;
        }
      if ((self->has_min && number < self->min) || (self->has_max && number > self->max))
        {
          char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (low, sizeof low, "%g", self->min);
          g_ascii_formatd (high, sizeof high, "%g", self->max);
          if (self->has_min && self->has_max)
            g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                         /* Translators: question %s: a number %s is outside %s–%s */
                         _("Question %s takes a number from %s to %s, not %s"),
                         self->code ? self->code : "", low, high, value);
          else if (self->has_min)
            g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                         _("Question %s takes a number of at least %s, not %s"),
                         self->code ? self->code : "", low, value);
          else
            g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                         _("Question %s takes a number of at most %s, not %s"),
                         self->code ? self->code : "", high, value);
          return FALSE;
        }
      return TRUE;

    case PL_QUESTION_SHORT_TEXT:
    case PL_QUESTION_LONG_TEXT:
    default:
      if (!g_utf8_validate (value, -1, NULL))
        break;
      return TRUE;
    }

  g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
               /* Translators: %s is an answer value, the second a question's code */
               _("“%s” is not an answer to question %s"), value,
               self->code ? self->code : "");
  return FALSE;
}

gboolean
pl_question_same_meaning (PlQuestion *a,
                          PlQuestion *b)
{
  g_return_val_if_fail (PL_IS_QUESTION (a) && PL_IS_QUESTION (b), FALSE);

  if (a->kind != b->kind || a->allow_na != b->allow_na ||
      a->has_min != b->has_min || a->has_max != b->has_max ||
      (a->has_min && a->min != b->min) || (a->has_max && a->max != b->max) ||
      g_strcmp0 (a->skip_question_id, b->skip_question_id) != 0 ||
      g_strcmp0 (a->skip_value, b->skip_value) != 0 ||
      g_strcmp0 (a->code, b->code) != 0)
    return FALSE;
  if ((a->options == NULL) != (b->options == NULL))
    return FALSE;
  return a->options == NULL || g_strv_equal ((const char *const *) a->options,
                                             (const char *const *) b->options);
}

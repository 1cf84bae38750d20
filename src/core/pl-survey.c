/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-languages.h"
#include "pl-survey.h"
#include "pl-survey-private.h"
#include "pl-util-private.h"

/* A survey version with its questions and every text in every language.
 * Texts are kept in one table keyed by where they are and their language,
 * the default language's included, so that fallback and staleness are one
 * lookup each and the store writes them all the same way. */

G_DEFINE_QUARK (pl-survey-error-quark, pl_survey_error)

typedef struct
{
  char *text;
  char *source_hash;  /* translations only: hash of the default text they came from */
} Text;

static void
text_free (gpointer data)
{
  Text *text = data;

  g_free (text->text);
  g_free (text->source_hash);
  g_free (text);
}

struct _PlSurvey
{
  GObject     parent_instance;

  char       *id;
  char       *series_id;
  guint       number;
  guint       version;
  char       *default_language;
  GPtrArray  *languages;  /* char*, default first, NULL-terminated */
  char       *term;
  char       *status;
  gboolean    locked;
  GPtrArray  *questions;
  GHashTable *texts;      /* key (see text_key()) → Text */
};

G_DEFINE_FINAL_TYPE (PlSurvey, pl_survey, G_TYPE_OBJECT)

static const char *const owner_codes[] = { "survey", "question", "option", "scale" };

const char *
pl_text_owner_to_code (PlTextOwner owner)
{
  g_return_val_if_fail (owner < G_N_ELEMENTS (owner_codes), NULL);
  return owner_codes[owner];
}

gboolean
pl_text_owner_from_code (const char  *code,
                         PlTextOwner *owner)
{
  for (guint i = 0; i < G_N_ELEMENTS (owner_codes); i++)
    if (g_strcmp0 (owner_codes[i], code) == 0)
      {
        *owner = i;
        return TRUE;
      }
  return FALSE;
}

/* Unit separators keep the parts apart: none of them can contain one. */
static char *
text_key (PlTextOwner  owner,
          const char  *owner_id,
          const char  *field,
          const char  *language)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s\x1f%s", owner, owner_id, field, language);
}

static void
pl_survey_finalize (GObject *object)
{
  PlSurvey *self = PL_SURVEY (object);

  g_free (self->id);
  g_free (self->series_id);
  g_free (self->default_language);
  g_ptr_array_unref (self->languages);
  g_free (self->term);
  g_free (self->status);
  g_ptr_array_unref (self->questions);
  g_hash_table_unref (self->texts);

  G_OBJECT_CLASS (pl_survey_parent_class)->finalize (object);
}

static void
pl_survey_class_init (PlSurveyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_survey_finalize;
}

static void
pl_survey_init (PlSurvey *self)
{
  self->languages = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_free);
  self->status = g_strdup ("draft");
  self->version = 1;
}

/* The scale labels Porchlight knows for @language, as the survey's own. */
static void
fill_scale_labels (PlSurvey   *self,
                   const char *language)
{
  static const char *const scales[] = {
    "agreement/1", "agreement/2", "agreement/3", "agreement/4", "agreement/5", "agreement/na",
    "frequency/1", "frequency/2", "frequency/3", "frequency/4", "frequency/5", "frequency/na",
    "yes-no/yes", "yes-no/no",
  };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      const char *label = pl_survey_builtin_scale_label (scales[i], language);

      if (label != NULL && pl_survey_get_own_text (self, PL_TEXT_OWNER_SCALE, scales[i], "label",
                                                   language) == NULL)
        pl_survey_set_text (self, PL_TEXT_OWNER_SCALE, scales[i], "label", language, label);
    }
}

PlSurvey *
pl_survey_new (const char *default_language)
{
  PlSurvey *self = g_object_new (PL_TYPE_SURVEY, NULL);

  g_return_val_if_fail (default_language != NULL, self);

  self->id = _pl_new_id ();
  self->series_id = _pl_new_id ();
  self->default_language = g_strdup (default_language);
  g_ptr_array_add (self->languages, g_strdup (default_language));
  fill_scale_labels (self, default_language);
  return self;
}

/* For the store: a survey with the ids it was saved with, no texts yet. */
PlSurvey *
_pl_survey_new_stored (const char *id,
                       const char *series_id,
                       guint       version,
                       const char *default_language)
{
  PlSurvey *self = g_object_new (PL_TYPE_SURVEY, NULL);

  self->id = g_strdup (id);
  self->series_id = g_strdup (series_id);
  self->version = version;
  self->default_language = g_strdup (default_language);
  g_ptr_array_add (self->languages, g_strdup (default_language));
  return self;
}

static void
copy_texts (PlSurvey   *self,
            PlSurvey   *copy,
            GHashTable *id_map)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Text *text = value, *copied = g_new0 (Text, 1);
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", 4);
      guint owner = (guint) g_ascii_strtoull (parts[0], NULL, 10);
      g_autofree char *owner_id = g_strdup (parts[1]);

      if (id_map != NULL)
        {
          const char *slash = strchr (owner_id, '/');
          g_autofree char *head = slash ? g_strndup (owner_id, slash - owner_id) : g_strdup (owner_id);
          const char *mapped = g_hash_table_lookup (id_map, head);

          if (owner == PL_TEXT_OWNER_SCALE)
            mapped = NULL;
          if (mapped != NULL)
            {
              char *renamed = g_strconcat (mapped, slash ? slash : "", NULL);

              g_free (owner_id);
              owner_id = renamed;
            }
        }
      copied->text = g_strdup (text->text);
      copied->source_hash = g_strdup (text->source_hash);
      g_hash_table_insert (copy->texts, text_key (owner, owner_id, parts[2], parts[3]), copied);
    }
}

static PlSurvey *
copy_survey (PlSurvey *self,
             gboolean  same_ids)
{
  PlSurvey *copy = g_object_new (PL_TYPE_SURVEY, NULL);
  g_autoptr(GHashTable) id_map = NULL;

  copy->id = same_ids ? g_strdup (self->id) : _pl_new_id ();
  copy->series_id = g_strdup (self->series_id);
  copy->number = self->number;
  copy->version = same_ids ? self->version : self->version + 1;
  copy->default_language = g_strdup (self->default_language);
  for (guint i = 0; i < self->languages->len; i++)
    g_ptr_array_add (copy->languages, g_strdup (self->languages->pdata[i]));
  copy->term = g_strdup (self->term);
  _pl_set_str (&copy->status, same_ids ? self->status : "draft");
  copy->locked = same_ids ? self->locked : FALSE;

  if (!same_ids)
    {
      id_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (id_map, g_strdup (self->id), g_strdup (copy->id));
    }
  for (guint i = 0; i < self->questions->len; i++)
    {
      PlQuestion *question = pl_question_copy (self->questions->pdata[i], same_ids);

      if (id_map != NULL)
        g_hash_table_insert (id_map, g_strdup (pl_question_get_id (self->questions->pdata[i])),
                             g_strdup (pl_question_get_id (question)));
      g_ptr_array_add (copy->questions, question);
    }
  if (id_map != NULL)
    for (guint i = 0; i < copy->questions->len; i++)
      {
        PlQuestion *question = copy->questions->pdata[i];
        const char *skip = pl_question_get_skip_question_id (question);

        if (skip != NULL && g_hash_table_contains (id_map, skip))
          {
            g_autofree char *value = g_strdup (pl_question_get_skip_value (question));

            pl_question_set_skip_rule (question, g_hash_table_lookup (id_map, skip), value);
          }
      }
  copy_texts (self, copy, id_map);
  return copy;
}

PlSurvey *
pl_survey_copy (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return copy_survey (self, TRUE);
}

PlSurvey *
pl_survey_new_version (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return copy_survey (self, FALSE);
}

const char *
pl_survey_get_id (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return self->id;
}

const char *
pl_survey_get_series_id (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return self->series_id;
}

guint
pl_survey_get_number (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), 0);
  return self->number;
}

void
pl_survey_set_number (PlSurvey *self,
                      guint     number)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  self->number = number;
}

guint
pl_survey_get_version (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), 0);
  return self->version;
}

const char *
pl_survey_get_default_language (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return self->default_language;
}

void
pl_survey_set_default_language (PlSurvey   *self,
                                const char *language)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (language != NULL && *language != '\0');

  if (g_strcmp0 (self->default_language, language) == 0)
    return;
  _pl_set_str (&self->default_language, language);
  for (guint i = 0; i < self->languages->len; i++)
    if (g_str_equal (self->languages->pdata[i], language))
      {
        g_free (g_ptr_array_steal_index (self->languages, i));
        break;
      }
  g_ptr_array_insert (self->languages, 0, g_strdup (language));
  fill_scale_labels (self, language);
}

const char *const *
pl_survey_get_languages (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return (const char *const *) self->languages->pdata;
}

void
pl_survey_add_language (PlSurvey   *self,
                        const char *language)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (language != NULL && *language != '\0');

  if (!g_strv_contains (pl_survey_get_languages (self), language))
    g_ptr_array_add (self->languages, g_strdup (language));
  fill_scale_labels (self, language);
}

void
_pl_survey_set_languages (PlSurvey          *self,
                          const char *const *languages)
{
  for (guint i = 0; languages && languages[i]; i++)
    if (*languages[i] && !g_strv_contains (pl_survey_get_languages (self), languages[i]))
      g_ptr_array_add (self->languages, g_strdup (languages[i]));
}

void
pl_survey_remove_language (PlSurvey   *self,
                           const char *language)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *suffix = NULL;

  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (g_strcmp0 (language, self->default_language) != 0);

  for (guint i = 0; i < self->languages->len; i++)
    if (g_str_equal (self->languages->pdata[i], language))
      {
        g_ptr_array_remove_index (self->languages, i);
        break;
      }
  suffix = g_strconcat ("\x1f", language, NULL);
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_suffix (key, suffix))
      g_hash_table_iter_remove (&iter);
}

const char *
pl_survey_get_term (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return self->term;
}

void
pl_survey_set_term (PlSurvey   *self,
                    const char *term)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  _pl_set_str (&self->term, term);
}

const char *
pl_survey_get_status (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return self->status;
}

void
pl_survey_set_status (PlSurvey   *self,
                      const char *status)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "open") == 0 ||
                    g_strcmp0 (status, "closed") == 0);
  _pl_set_str (&self->status, status);
}

gboolean
pl_survey_get_locked (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), FALSE);
  return self->locked;
}

void
pl_survey_set_locked (PlSurvey *self,
                      gboolean  locked)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  self->locked = !!locked;
}

const char *
pl_survey_get_title (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  return pl_survey_get_own_text (self, PL_TEXT_OWNER_SURVEY, self->id, "title",
                                 self->default_language);
}

guint
pl_survey_get_n_questions (PlSurvey *self)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), 0);
  return self->questions->len;
}

PlQuestion *
pl_survey_get_question (PlSurvey *self,
                        guint     index)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return self->questions->pdata[index];
}

PlQuestion *
pl_survey_find_question (PlSurvey   *self,
                         const char *id)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  for (guint i = 0; i < self->questions->len; i++)
    if (g_strcmp0 (pl_question_get_id (self->questions->pdata[i]), id) == 0)
      return self->questions->pdata[i];
  return NULL;
}

PlQuestion *
pl_survey_find_question_by_code (PlSurvey   *self,
                                 const char *code)
{
  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  for (guint i = 0; i < self->questions->len; i++)
    if (g_strcmp0 (pl_question_get_code (self->questions->pdata[i]), code) == 0)
      return self->questions->pdata[i];
  return NULL;
}

int
pl_survey_question_index (PlSurvey   *self,
                          PlQuestion *question)
{
  guint index;

  g_return_val_if_fail (PL_IS_SURVEY (self), -1);
  return g_ptr_array_find (self->questions, question, &index) ? (int) index : -1;
}

void
pl_survey_insert_question (PlSurvey   *self,
                           int         position,
                           PlQuestion *question)
{
  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (PL_IS_QUESTION (question));

  if (position < 0 || (guint) position > self->questions->len)
    position = self->questions->len;
  g_ptr_array_insert (self->questions, position, g_object_ref (question));
}

void
pl_survey_remove_question (PlSurvey   *self,
                           PlQuestion *question)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *whole = NULL;
  g_autofree char *options = NULL;
  g_autoptr(PlQuestion) held = NULL;

  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (PL_IS_QUESTION (question));

  held = g_object_ref (question);
  if (!g_ptr_array_remove (self->questions, question))
    return;

  whole = g_strdup_printf ("%u\x1f%s\x1f", PL_TEXT_OWNER_QUESTION, pl_question_get_id (question));
  options = g_strdup_printf ("%u\x1f%s/", PL_TEXT_OWNER_OPTION, pl_question_get_id (question));
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, whole) || g_str_has_prefix (key, options))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < self->questions->len; i++)
    if (g_strcmp0 (pl_question_get_skip_question_id (self->questions->pdata[i]),
                   pl_question_get_id (question)) == 0)
      pl_question_set_skip_rule (self->questions->pdata[i], NULL, NULL);
}

void
pl_survey_move_question (PlSurvey   *self,
                         PlQuestion *question,
                         guint       position)
{
  g_autoptr(PlQuestion) held = NULL;

  g_return_if_fail (PL_IS_SURVEY (self));

  held = g_object_ref (question);
  if (!g_ptr_array_remove (self->questions, question))
    return;
  position = MIN (position, self->questions->len);
  g_ptr_array_insert (self->questions, position, g_steal_pointer (&held));
}

static Text *
lookup_text (PlSurvey    *self,
             PlTextOwner  owner,
             const char  *owner_id,
             const char  *field,
             const char  *language)
{
  g_autofree char *key = NULL;

  if (owner_id == NULL || field == NULL || language == NULL)
    return NULL;
  key = text_key (owner, owner_id, field, language);
  return g_hash_table_lookup (self->texts, key);
}

const char *
pl_survey_get_own_text (PlSurvey    *self,
                        PlTextOwner  owner,
                        const char  *owner_id,
                        const char  *field,
                        const char  *language)
{
  Text *text;

  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  text = lookup_text (self, owner, owner_id, field, language);
  return text ? text->text : NULL;
}

const char *
pl_survey_get_text (PlSurvey    *self,
                    PlTextOwner  owner,
                    const char  *owner_id,
                    const char  *field,
                    const char  *language,
                    gboolean    *fell_back)
{
  Text *text;

  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);

  if (fell_back)
    *fell_back = FALSE;
  text = lookup_text (self, owner, owner_id, field, language);
  if (text != NULL)
    return text->text;
  text = lookup_text (self, owner, owner_id, field, self->default_language);
  if (text != NULL && fell_back != NULL && g_strcmp0 (language, self->default_language) != 0)
    *fell_back = TRUE;
  return text ? text->text : NULL;
}

char *
pl_survey_hash_text (const char *text)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text ? text : "", -1);

  return g_strndup (sha, 16);
}

void
pl_survey_set_text (PlSurvey    *self,
                    PlTextOwner  owner,
                    const char  *owner_id,
                    const char  *field,
                    const char  *language,
                    const char  *text)
{
  char *key;
  Text *stored;

  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (owner_id != NULL && field != NULL && language != NULL);

  key = text_key (owner, owner_id, field, language);
  if (text == NULL || *text == '\0')
    {
      g_hash_table_remove (self->texts, key);
      g_free (key);
      return;
    }

  stored = g_new0 (Text, 1);
  stored->text = g_strdup (text);
  if (g_strcmp0 (language, self->default_language) != 0)
    {
      Text *source = lookup_text (self, owner, owner_id, field, self->default_language);

      stored->source_hash = source ? pl_survey_hash_text (source->text) : NULL;
    }
  g_hash_table_replace (self->texts, key, stored);
}

void
pl_survey_load_text (PlSurvey    *self,
                     PlTextOwner  owner,
                     const char  *owner_id,
                     const char  *field,
                     const char  *language,
                     const char  *text,
                     const char  *source_hash)
{
  Text *stored;

  g_return_if_fail (PL_IS_SURVEY (self));
  g_return_if_fail (owner_id != NULL && field != NULL && language != NULL);

  if (text == NULL || *text == '\0')
    return;
  stored = g_new0 (Text, 1);
  stored->text = g_strdup (text);
  stored->source_hash = g_strdup (source_hash);
  g_hash_table_replace (self->texts, text_key (owner, owner_id, field, language), stored);
}

void
pl_survey_confirm_text (PlSurvey    *self,
                        PlTextOwner  owner,
                        const char  *owner_id,
                        const char  *field,
                        const char  *language)
{
  Text *text, *source;

  g_return_if_fail (PL_IS_SURVEY (self));

  text = lookup_text (self, owner, owner_id, field, language);
  source = lookup_text (self, owner, owner_id, field, self->default_language);
  if (text == NULL || source == NULL || text == source)
    return;
  g_free (text->source_hash);
  text->source_hash = pl_survey_hash_text (source->text);
}

PlTextState
pl_survey_get_text_state (PlSurvey    *self,
                          PlTextOwner  owner,
                          const char  *owner_id,
                          const char  *field,
                          const char  *language)
{
  Text *text, *source;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (self), PL_TEXT_MISSING);

  text = lookup_text (self, owner, owner_id, field, language);
  if (text == NULL)
    return PL_TEXT_MISSING;
  if (g_strcmp0 (language, self->default_language) == 0)
    return PL_TEXT_CURRENT;
  source = lookup_text (self, owner, owner_id, field, self->default_language);
  /* A translation of nothing (the default text was removed) or one loaded
   * without a record of its source cannot be shown to be out of date. */
  if (source == NULL || text->source_hash == NULL)
    return PL_TEXT_CURRENT;
  hash = pl_survey_hash_text (source->text);
  return g_str_equal (hash, text->source_hash) ? PL_TEXT_CURRENT : PL_TEXT_STALE;
}

const char *
pl_survey_question_text (PlSurvey   *self,
                         PlQuestion *question,
                         const char *language,
                         gboolean   *fell_back)
{
  return pl_survey_get_text (self, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "text",
                             language, fell_back);
}

/* Where the label of one value of @question is kept. */
static char *
value_owner (PlQuestion  *question,
             const char  *value,
             PlTextOwner *owner)
{
  if (pl_question_kind_is_scale (pl_question_get_kind (question)))
    {
      *owner = PL_TEXT_OWNER_SCALE;
      return g_strdup_printf ("%s/%s", pl_question_kind_to_code (pl_question_get_kind (question)),
                              value);
    }
  *owner = PL_TEXT_OWNER_OPTION;
  return g_strdup_printf ("%s/%s", pl_question_get_id (question), value);
}

const char *
pl_survey_value_label (PlSurvey   *self,
                       PlQuestion *question,
                       const char *value,
                       const char *language,
                       gboolean   *fell_back)
{
  PlTextOwner owner;
  g_autofree char *owner_id = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (self), NULL);
  g_return_val_if_fail (PL_IS_QUESTION (question), NULL);

  if (fell_back)
    *fell_back = FALSE;
  if (value == NULL)
    return NULL;
  owner_id = value_owner (question, value, &owner);
  return pl_survey_get_text (self, owner, owner_id, "label", language, fell_back);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
pl_survey_foreach_text (PlSurvey         *self,
                        PlSurveyTextFunc  func,
                        gpointer          user_data)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  g_return_if_fail (PL_IS_SURVEY (self));

  keys = g_hash_table_get_keys_as_array (self->texts, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n; i++)
    {
      Text *text = g_hash_table_lookup (self->texts, keys[i]);
      g_auto(GStrv) parts = g_strsplit (keys[i], "\x1f", 4);

      func ((PlTextOwner) g_ascii_strtoull (parts[0], NULL, 10), parts[1], parts[2], parts[3],
            text->text, text->source_hash, user_data);
    }
}

/* Every (owner, owner id, field) a family reads, for counting states. */
typedef void (*FamilyTextFunc) (PlSurvey    *self,
                                PlTextOwner  owner,
                                const char  *owner_id,
                                const char  *field,
                                gpointer     user_data);

static void
foreach_family_text (PlSurvey       *self,
                     FamilyTextFunc  func,
                     gpointer        user_data)
{
  g_autoptr(GHashTable) scales = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  func (self, PL_TEXT_OWNER_SURVEY, self->id, "title", user_data);
  if (pl_survey_get_own_text (self, PL_TEXT_OWNER_SURVEY, self->id, "description",
                              self->default_language))
    func (self, PL_TEXT_OWNER_SURVEY, self->id, "description", user_data);
  if (pl_survey_get_own_text (self, PL_TEXT_OWNER_SURVEY, self->id, "instructions",
                              self->default_language))
    func (self, PL_TEXT_OWNER_SURVEY, self->id, "instructions", user_data);

  for (guint i = 0; i < self->questions->len; i++)
    {
      PlQuestion *question = self->questions->pdata[i];
      const char *id = pl_question_get_id (question);
      g_auto(GStrv) values = pl_question_dup_values (question);

      func (self, PL_TEXT_OWNER_QUESTION, id, "text", user_data);
      if (pl_survey_get_own_text (self, PL_TEXT_OWNER_QUESTION, id, "hint",
                                  self->default_language))
        func (self, PL_TEXT_OWNER_QUESTION, id, "hint", user_data);
      for (guint v = 0; values && values[v]; v++)
        {
          PlTextOwner owner;
          char *owner_id = value_owner (question, values[v], &owner);

          if (owner == PL_TEXT_OWNER_SCALE)
            {
              if (!g_hash_table_add (scales, owner_id))
                continue;
            }
          func (self, owner, owner_id, "label", user_data);
          if (owner != PL_TEXT_OWNER_SCALE)
            g_free (owner_id);
        }
    }
}

typedef struct
{
  const char *language;
  guint       n_missing;
  guint       n_stale;
} CountStates;

static void
count_state (PlSurvey    *self,
             PlTextOwner  owner,
             const char  *owner_id,
             const char  *field,
             gpointer     user_data)
{
  CountStates *count = user_data;

  switch (pl_survey_get_text_state (self, owner, owner_id, field, count->language))
    {
    case PL_TEXT_MISSING:
      count->n_missing++;
      break;
    case PL_TEXT_STALE:
      count->n_stale++;
      break;
    case PL_TEXT_CURRENT:
    default:
      break;
    }
}

void
pl_survey_count_text_states (PlSurvey   *self,
                             const char *language,
                             guint      *n_missing,
                             guint      *n_stale)
{
  CountStates count = { language, 0, 0 };

  g_return_if_fail (PL_IS_SURVEY (self));

  foreach_family_text (self, count_state, &count);
  if (n_missing)
    *n_missing = count.n_missing;
  if (n_stale)
    *n_stale = count.n_stale;
}

static gboolean
answer_matches (PlQuestion *rule_question,
                const char *answer,
                const char *value)
{
  if (answer == NULL)
    return FALSE;
  if (pl_question_get_kind (rule_question) == PL_QUESTION_MULTIPLE)
    {
      g_auto(GStrv) picked = g_strsplit (answer, " ", -1);

      return g_strv_contains ((const char *const *) picked, value);
    }
  return g_str_equal (answer, value);
}

gboolean
pl_survey_question_is_shown (PlSurvey   *self,
                             PlQuestion *question,
                             GHashTable *answers)
{
  /* Rules point only backwards (pl_survey_validate()), so the chain ends;
   * the bound is for a definition not yet validated. */
  for (guint depth = 0; depth <= self->questions->len; depth++)
    {
      const char *rule_id = pl_question_get_skip_question_id (question);
      PlQuestion *rule_question;

      if (rule_id == NULL)
        return TRUE;
      rule_question = pl_survey_find_question (self, rule_id);
      if (rule_question == NULL)
        return TRUE;
      if (!answer_matches (rule_question,
                           answers ? g_hash_table_lookup (answers, rule_id) : NULL,
                           pl_question_get_skip_value (question)))
        return FALSE;
      question = rule_question;
    }
  return FALSE;
}

static gboolean
code_is_well_formed (const char *code)
{
  if (code == NULL || !(g_ascii_isalpha (*code) || *code == '_'))
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return strlen (code) <= 64;
}

gboolean
pl_survey_validate (PlSurvey  *self,
                    GError   **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (PL_IS_SURVEY (self), FALSE);

  if (pl_survey_get_title (self) == NULL)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("The survey needs a title in %s"),
                   pl_language_get_name (self->default_language));
      return FALSE;
    }

  for (guint i = 0; i < self->questions->len; i++)
    {
      PlQuestion *question = self->questions->pdata[i];
      const char *code = pl_question_get_code (question);
      const char *const *options = pl_question_get_options (question);
      PlQuestionKind kind = pl_question_get_kind (question);
      const char *rule_id = pl_question_get_skip_question_id (question);

      if (!code_is_well_formed (code))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                       /* Translators: %u is a question number, %s what was given as its code */
                       _("Question %u needs a code of letters, digits and _ that starts with a letter, not “%s”"),
                       i + 1, code ? code : "");
          return FALSE;
        }
      if (!g_hash_table_add (codes, (gpointer) code))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                       _("Two questions have the code “%s”"), code);
          return FALSE;
        }
      if (pl_survey_question_text (self, question, self->default_language, NULL) == NULL)
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                       _("Question %s has no wording in %s"), code,
                       pl_language_get_name (self->default_language));
          return FALSE;
        }
      if (kind == PL_QUESTION_SINGLE || kind == PL_QUESTION_MULTIPLE)
        {
          guint n = options ? g_strv_length ((char **) options) : 0;

          if (n < 2 || n > 9)
            {
              g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                           _("Question %s needs between 2 and 9 options (one key each), not %u"),
                           code, n);
              return FALSE;
            }
          for (guint a = 0; a < n; a++)
            {
              if (!code_is_well_formed (options[a]) && !g_ascii_isdigit (options[a][0]))
                {
                  g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                               _("Option “%s” of question %s must be letters, digits and _"),
                               options[a], code);
                  return FALSE;
                }
              for (guint b = a + 1; b < n; b++)
                if (g_str_equal (options[a], options[b]))
                  {
                    g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                                 _("Question %s has the option “%s” twice"), code, options[a]);
                    return FALSE;
                  }
            }
        }
      if (kind == PL_QUESTION_NUMBER)
        {
          double min, max;
          gboolean has_min, has_max;

          pl_question_get_range (question, &min, &has_min, &max, &has_max);
          if (has_min && has_max && min > max)
            {
              g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                           _("Question %s has a range whose lowest number is above its highest"),
                           code);
              return FALSE;
            }
        }
      if (rule_id != NULL)
        {
          PlQuestion *rule_question = pl_survey_find_question (self, rule_id);
          int rule_index = rule_question ? pl_survey_question_index (self, rule_question) : -1;
          g_auto(GStrv) values = rule_question ? pl_question_dup_values (rule_question) : NULL;

          if (rule_index < 0 || (guint) rule_index >= i)
            {
              g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                           _("Question %s can only depend on a question before it"), code);
              return FALSE;
            }
          if (values == NULL ||
              !g_strv_contains ((const char *const *) values, pl_question_get_skip_value (question)))
            {
              g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                           _("Question %s depends on the answer “%s”, which question %s does not offer"),
                           code, pl_question_get_skip_value (question),
                           pl_question_get_code (rule_question));
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
pl_survey_check_answers (PlSurvey    *self,
                         GHashTable  *answers,
                         GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PL_IS_SURVEY (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PlQuestion *question = pl_survey_find_question (self, key);

      if (question == NULL)
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                       _("An answer is for a question this survey version does not have"));
          return FALSE;
        }
      if (!pl_question_check_value (question, value, error))
        return FALSE;
    }

  /* In order, so a question hidden by an answer removed here is seen
   * after that removal. */
  for (guint i = 0; i < self->questions->len; i++)
    {
      PlQuestion *question = self->questions->pdata[i];
      const char *id = pl_question_get_id (question);
      const char *value = g_hash_table_lookup (answers, id);

      if (!pl_survey_question_is_shown (self, question, answers))
        {
          g_hash_table_remove (answers, id);
          continue;
        }
      if (pl_question_get_required (question) && (value == NULL || *value == '\0'))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_REQUIRED,
                       /* Translators: %u is the question's number, %s its code */
                       _("Question %u (%s) must be answered"), i + 1, pl_question_get_code (question));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pl_survey_changes_meaning (PlSurvey  *self,
                           PlSurvey  *other,
                           GError   **error)
{
  g_autoptr(GPtrArray) mine = NULL;

  g_return_val_if_fail (PL_IS_SURVEY (self) && PL_IS_SURVEY (other), TRUE);

  if (self->questions->len != other->questions->len)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED,
                   _("Questions cannot be added or removed once forms are keyed; make a new version"));
      return TRUE;
    }
  for (guint i = 0; i < self->questions->len; i++)
    {
      PlQuestion *a = self->questions->pdata[i], *b = other->questions->pdata[i];

      if (g_strcmp0 (pl_question_get_id (a), pl_question_get_id (b)) != 0 ||
          !pl_question_same_meaning (a, b))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED,
                       _("Question %u (%s) cannot change once forms are keyed; make a new version"),
                       i + 1, pl_question_get_code (a));
          return TRUE;
        }
    }

  /* Default-language texts: the words families answered. */
  mine = g_ptr_array_new_with_free_func (g_free);
  {
    GHashTableIter iter;
    gpointer key, value;
    g_autofree char *suffix = g_strconcat ("\x1f", self->default_language, NULL);

    g_hash_table_iter_init (&iter, self->texts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (g_str_has_suffix (key, suffix))
        {
          Text *theirs = g_hash_table_lookup (other->texts, key);

          if (theirs == NULL || g_strcmp0 (theirs->text, ((Text *) value)->text) != 0)
            goto changed;
        }
    g_hash_table_iter_init (&iter, other->texts);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (g_str_has_suffix (key, suffix) && !g_hash_table_contains (self->texts, key))
        goto changed;
  }
  if (g_strcmp0 (self->default_language, other->default_language) != 0)
    goto changed;
  return FALSE;

changed:
  g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED,
               _("The %s wording cannot change once forms are keyed; make a new version"),
               pl_language_get_name (self->default_language));
  return TRUE;
}

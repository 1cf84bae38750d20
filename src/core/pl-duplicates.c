/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-duplicates.h"
#include "pl-normalize.h"
#include "pl-store-private.h"

/* Possible duplicate families. The search reads each live family and guardian
 * once, folds the few fields it compares, and groups them in hash tables: a
 * district of 25,000 families is a fraction of a second and a few megabytes,
 * with no family built as an object. */

/* Dismissed pairs live in the database's local meta table, one key a pair,
 * "not-duplicate:ID ID" with the smaller id first. */
#define DISMISSED_PREFIX "not-duplicate:"

/* How often a long read looks at its GCancellable. */
#define CANCEL_CHECK_ROWS 2048

G_DEFINE_QUARK (pl-duplicates-error-quark, pl_duplicates_error)

typedef struct
{
  const char *id;         /* strings below live in the model's string chunk */
  const char *household;
  const char *address;    /* as written, or NULL */
  const char *sort_key;   /* the directory's order */
} Family;

typedef struct
{
  guint32     a, b;       /* indexes into families, a before b in the directory */
  guint16     reasons;    /* PlDuplicateReasons */
  guint16     crowd;      /* families listing the shared phone; 0 without one */
  const char *phone;      /* as one of them wrote it */
  const char *name;       /* the guardian name alike, as family a wrote it */
  int         score;
} Pair;

struct _PlDuplicates
{
  GObject       parent_instance;

  GStringChunk *strings;
  GArray       *families;      /* Family, every live family at the time of the search */
  GHashTable   *family_index;  /* id → index + 1 */
  GArray       *pairs;         /* Pair, strongest first */
};

static void pl_duplicates_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlDuplicates, pl_duplicates, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_duplicates_model_init))

static void
pl_duplicates_finalize (GObject *object)
{
  PlDuplicates *self = PL_DUPLICATES (object);

  g_clear_pointer (&self->family_index, g_hash_table_unref);
  g_clear_pointer (&self->families, g_array_unref);
  g_clear_pointer (&self->pairs, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (pl_duplicates_parent_class)->finalize (object);
}

static void
pl_duplicates_class_init (PlDuplicatesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_duplicates_finalize;
}

static void
pl_duplicates_init (PlDuplicates *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->families = g_array_new (FALSE, FALSE, sizeof (Family));
  self->family_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
}

static GType
pl_duplicates_get_item_type (GListModel *model)
{
  return PL_TYPE_DUPLICATE_PAIR;
}

static guint
pl_duplicates_get_n_items (GListModel *model)
{
  return PL_DUPLICATES (model)->pairs->len;
}

static gpointer
pl_duplicates_get_item (GListModel *model,
                        guint       position)
{
  PlDuplicates *self = PL_DUPLICATES (model);
  const Pair *pair;
  const Family *a, *b;

  if (position >= self->pairs->len)
    return NULL;
  pair = &g_array_index (self->pairs, Pair, position);
  a = &g_array_index (self->families, Family, pair->a);
  b = &g_array_index (self->families, Family, pair->b);
  return pl_duplicate_pair_new (a->id, a->household, b->id, b->household, pair->reasons,
                                pair->phone, pair->name, a->address ? a->address : b->address);
}

static void
pl_duplicates_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_duplicates_get_item_type;
  iface->get_n_items = pl_duplicates_get_n_items;
  iface->get_item = pl_duplicates_get_item;
}

/* Folding */

static int
compare_words (const void *a,
               const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* A name's folded words, sorted and without repeats, so "García, María"
 * and "Maria Garcia" are the same key. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = pl_normalize_text (name);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint n = g_strv_length (words);
  GString *key = g_string_new (NULL);

  qsort (words, n, sizeof (char *), compare_words);
  for (guint i = 0; i < n; i++)
    {
      if (words[i][0] == '\0' || (i > 0 && strcmp (words[i], words[i - 1]) == 0))
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, words[i]);
    }
  return g_string_free (key, FALSE);
}

static guint
count_words (const char *key)
{
  guint n = 1;

  for (const char *p = key; *p; p++)
    n += *p == ' ';
  return n;
}

/* The word of a key at *@p, moving *@p past it; word order as strcmp() sorts. */
static gsize
next_word (const char **p)
{
  const char *start = *p;
  const char *end = strchr (start, ' ');
  gsize len = end ? (gsize) (end - start) : strlen (start);

  *p = end ? end + 1 : start + len;
  return len;
}

static int
compare_word (const char *a,
              gsize       a_len,
              const char *b,
              gsize       b_len)
{
  int cmp = memcmp (a, b, MIN (a_len, b_len));

  return cmp != 0 ? cmp : (a_len > b_len) - (a_len < b_len);
}

/* Whether two name keys are alike: the same words, or all the words of the
 * shorter (at least @min_words of them) in the longer, so "Garcia" and
 * "Garcia Lopez" are one household's names. Called for every pair a phone
 * or an address makes, so it walks the keys without copying them. */
static gboolean
names_alike (const char *key_a,
             const char *key_b,
             guint       min_words)
{
  const char *shorter, *longer;
  guint n_a, n_b;

  if (key_a == NULL || key_b == NULL || *key_a == '\0' || *key_b == '\0')
    return FALSE;
  if (strcmp (key_a, key_b) == 0)
    return TRUE;

  n_a = count_words (key_a);
  n_b = count_words (key_b);
  if (n_a == n_b)
    return FALSE;  /* as many words, not the same: one cannot hold the other */
  shorter = n_a < n_b ? key_a : key_b;
  longer = shorter == key_a ? key_b : key_a;
  if (MIN (n_a, n_b) < min_words)
    return FALSE;

  /* Both are sorted: one walk tells whether every short word is in the long list. */
  while (*shorter)
    {
      const char *word = shorter;
      gsize len = next_word (&shorter);
      int cmp = 1;

      while (*longer)
        {
          const char *other = longer;
          gsize other_len = next_word (&longer);

          cmp = compare_word (other, other_len, word, len);
          if (cmp >= 0)
            break;
        }
      if (cmp != 0)
        return FALSE;
    }
  return TRUE;
}

/* Street words people write either way. Unit words go, so "Apt 3", "Unit 3"
 * and "#3" all leave the number. */
static const struct
{
  const char *word;
  const char *as;
} address_words[] = {
  { "street", "st" }, { "avenue", "ave" }, { "av", "ave" }, { "road", "rd" },
  { "drive", "dr" }, { "boulevard", "blvd" }, { "lane", "ln" }, { "court", "ct" },
  { "place", "pl" }, { "terrace", "ter" }, { "circle", "cir" }, { "highway", "hwy" },
  { "parkway", "pkwy" }, { "square", "sq" }, { "north", "n" }, { "south", "s" },
  { "east", "e" }, { "west", "w" }, { "apartment", "" }, { "apt", "" }, { "unit", "" },
  { "suite", "" }, { "ste", "" }, { "no", "" },
};

static char *
address_key (const char *address)
{
  g_autofree char *folded = pl_normalize_text (address);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  GString *key = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;
      for (guint w = 0; w < G_N_ELEMENTS (address_words); w++)
        if (strcmp (word, address_words[w].word) == 0)
          {
            word = address_words[w].as;
            break;
          }
      if (*word == '\0')
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, word);
    }
  return g_string_free (key, FALSE);
}

/* The digits that identify a phone line, or NULL for too few to mean anything. */
static char *
phone_key (const char *phone)
{
  g_autofree char *digits = pl_normalize_phone_digits (phone);
  gsize len = strlen (digits);

  if (len == 11 && digits[0] == '1')
    return g_strdup (digits + 1);
  if (len < 7)
    return NULL;
  return g_steal_pointer (&digits);
}

/* Two places are one when neither their zip codes nor their cities differ;
 * a missing one is no evidence either way. */
static gboolean
same_place (const char *zip_a,
            const char *zip_b,
            const char *city_a,
            const char *city_b)
{
  if (zip_a != NULL && zip_b != NULL && *zip_a && *zip_b && strcmp (zip_a, zip_b) != 0)
    return FALSE;
  if (city_a != NULL && city_b != NULL && *city_a && *city_b && strcmp (city_a, city_b) != 0)
    return FALSE;
  return TRUE;
}

/* The search */

typedef struct
{
  guint32     family;
  const char *display;
} PhoneUse;

typedef struct
{
  char       *key;
  const char *display;
} NameUse;

static void
name_use_free (gpointer data)
{
  NameUse *use = data;

  g_free (use->key);
  g_free (use);
}

typedef struct
{
  PlDuplicates *result;
  guint         n_families;
  GHashTable   *addresses;      /* key → GArray of guint32 families */
  GHashTable   *phones;         /* key → GArray of PhoneUse */
  const char  **raw_zips;       /* per family, as written */
  const char  **raw_cities;
  char        **zips;           /* per family, folded when first compared */
  char        **cities;
  GPtrArray   **names;          /* per family: NameUse, folded when first compared */
  char        **household_keys; /* per family, made when first needed */
  GHashTable   *pairs;          /* guint64 (a << 32 | b) → Pair */
  GHashTable   *dismissed;      /* "ID ID" */
} Finder;

static void
finder_clear (Finder *finder)
{
  for (guint i = 0; i < finder->n_families; i++)
    {
      if (finder->zips)
        g_free (finder->zips[i]);
      if (finder->cities)
        g_free (finder->cities[i]);
      if (finder->names && finder->names[i])
        g_ptr_array_unref (finder->names[i]);
      if (finder->household_keys)
        g_free (finder->household_keys[i]);
    }
  g_clear_pointer (&finder->zips, g_free);
  g_clear_pointer (&finder->cities, g_free);
  g_clear_pointer (&finder->raw_zips, g_free);
  g_clear_pointer (&finder->raw_cities, g_free);
  g_clear_pointer (&finder->names, g_free);
  g_clear_pointer (&finder->household_keys, g_free);
  g_clear_pointer (&finder->addresses, g_hash_table_unref);
  g_clear_pointer (&finder->phones, g_hash_table_unref);
  g_clear_pointer (&finder->pairs, g_hash_table_unref);
  g_clear_pointer (&finder->dismissed, g_hash_table_unref);
  g_clear_object (&finder->result);
}

static char *
pair_text_key (const char *a,
               const char *b)
{
  return strcmp (a, b) < 0 ? g_strconcat (a, " ", b, NULL) : g_strconcat (b, " ", a, NULL);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 guint          row,
                 GError       **error)
{
  return row % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
read_families (Finder        *finder,
               PlStore       *store,
               GCancellable  *cancellable,
               GError       **error)
{
  PlDuplicates *result = finder->result;
  g_autoptr(GPtrArray) zips = g_ptr_array_new ();
  g_autoptr(GPtrArray) cities = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (store, "SELECT id, household_name, address, zip, city, sort_key"
                                   " FROM families WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *address = (const char *) sqlite3_column_text (stmt, 2);
      guint32 index = result->families->len;
      Family family = {
        g_string_chunk_insert (result->strings, (const char *) sqlite3_column_text (stmt, 0)),
        g_string_chunk_insert (result->strings, (const char *) sqlite3_column_text (stmt, 1)),
        NULL,
        g_string_chunk_insert (result->strings, (const char *) sqlite3_column_text (stmt, 5)),
      };

      if (check_cancelled (cancellable, index, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (address != NULL && *address != '\0')
        {
          g_autofree char *key = address_key (address);

          if (*key != '\0')
            {
              GArray *group = g_hash_table_lookup (finder->addresses, key);

              if (group == NULL)
                {
                  group = g_array_new (FALSE, FALSE, sizeof (guint32));
                  g_hash_table_insert (finder->addresses, g_steal_pointer (&key), group);
                }
              g_array_append_val (group, index);
              family.address = g_string_chunk_insert (result->strings, address);
            }
        }
      g_ptr_array_add (zips, sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NULL
                       : g_string_chunk_insert_const (result->strings,
                                                      (const char *) sqlite3_column_text (stmt, 3)));
      g_ptr_array_add (cities, sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL
                       : g_string_chunk_insert_const (result->strings,
                                                      (const char *) sqlite3_column_text (stmt, 4)));
      g_array_append_val (result->families, family);
      g_hash_table_insert (result->family_index, (gpointer) family.id,
                           GUINT_TO_POINTER (index + 1));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the families"), error);
      return FALSE;
    }

  finder->n_families = result->families->len;
  finder->names = g_new0 (GPtrArray *, result->families->len);
  finder->household_keys = g_new0 (char *, result->families->len);
  finder->zips = g_new0 (char *, result->families->len);
  finder->cities = g_new0 (char *, result->families->len);
  finder->raw_zips = (const char **) g_ptr_array_free (g_steal_pointer (&zips), FALSE);
  finder->raw_cities = (const char **) g_ptr_array_free (g_steal_pointer (&cities), FALSE);

  /* An address of one family pairs nobody. */
  {
    GHashTableIter iter;
    GArray *group;

    g_hash_table_iter_init (&iter, finder->addresses);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
      if (group->len < 2)
        g_hash_table_iter_remove (&iter);
  }
  return TRUE;
}

static void
add_phone (Finder      *finder,
           guint32      family,
           const char  *phone)
{
  g_autofree char *key = phone_key (phone);
  GArray *uses;
  PhoneUse use = { family, NULL };

  if (key == NULL)
    return;
  uses = g_hash_table_lookup (finder->phones, key);
  if (uses == NULL)
    {
      uses = g_array_new (FALSE, FALSE, sizeof (PhoneUse));
      g_hash_table_insert (finder->phones, g_steal_pointer (&key), uses);
    }
  /* Guardians of one family often share a line: one use a family is enough. */
  for (guint i = 0; i < uses->len; i++)
    if (g_array_index (uses, PhoneUse, i).family == family)
      return;
  use.display = g_string_chunk_insert_const (finder->result->strings, phone);
  g_array_append_val (uses, use);
}

static gboolean
read_guardians (Finder        *finder,
                PlStore       *store,
                GCancellable  *cancellable,
                GError       **error)
{
  PlDuplicates *result = finder->result;
  sqlite3_stmt *stmt;
  guint row = 0;
  int rc;

  stmt = _pl_store_prepare (store, "SELECT family_id, full_name, phone, phone_alt FROM guardians"
                                   " WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer found = g_hash_table_lookup (result->family_index, sqlite3_column_text (stmt, 0));
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      guint32 family;

      if (check_cancelled (cancellable, ++row, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      /* A guardian whose family is gone (a tombstone not yet followed) counts for nothing. */
      if (found == NULL)
        continue;
      family = GPOINTER_TO_UINT (found) - 1;

      for (int column = 2; column <= 3; column++)
        if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
          add_phone (finder, family, (const char *) sqlite3_column_text (stmt, column));

      /* Names are folded only for the families a phone or an address pairs. */
      if (name != NULL)
        {
          NameUse *use = g_new0 (NameUse, 1);

          use->display = g_string_chunk_insert (result->strings, name);
          if (finder->names[family] == NULL)
            finder->names[family] = g_ptr_array_new_with_free_func (name_use_free);
          g_ptr_array_add (finder->names[family], use);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the guardians"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_dismissed (Finder   *finder,
                PlStore  *store,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The keys sort together, so this reads a range of the meta table's key
   * (';' is the character after ':'). */
  stmt = _pl_store_prepare (store, "SELECT key FROM meta WHERE key > 'not-duplicate:'"
                                   " AND key < 'not-duplicate;'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (finder->dismissed,
                      g_strdup ((const char *) sqlite3_column_text (stmt, 0)
                                + strlen (DISMISSED_PREFIX)));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return FALSE;
    }
  return TRUE;
}

static const char *
household_key (Finder  *finder,
               guint32  family)
{
  if (finder->household_keys[family] == NULL)
    finder->household_keys[family] =
      name_key (g_array_index (finder->result->families, Family, family).household);
  return finder->household_keys[family];
}

static int
compare_families (PlDuplicates *self,
                  guint32       a,
                  guint32       b)
{
  const Family *fa = &g_array_index (self->families, Family, a);
  const Family *fb = &g_array_index (self->families, Family, b);
  int cmp = g_strcmp0 (fa->sort_key, fb->sort_key);

  return cmp != 0 ? cmp : strcmp (fa->id, fb->id);
}

/* The pair of two families, made on first sight; NULL for a dismissed one. */
static Pair *
lookup_pair (Finder  *finder,
             guint32  a,
             guint32  b)
{
  gint64 key;
  Pair *pair;

  if (compare_families (finder->result, a, b) > 0)
    {
      guint32 swap = a;
      a = b;
      b = swap;
    }
  key = ((gint64) a << 32) | b;
  pair = g_hash_table_lookup (finder->pairs, &key);
  if (pair == NULL)
    {
      const Family *fa = &g_array_index (finder->result->families, Family, a);
      const Family *fb = &g_array_index (finder->result->families, Family, b);
      g_autofree char *text_key = pair_text_key (fa->id, fb->id);
      gint64 *stored_key;

      if (g_hash_table_contains (finder->dismissed, text_key))
        return NULL;
      stored_key = g_new (gint64, 1);
      *stored_key = key;
      pair = g_new0 (Pair, 1);
      pair->a = a;
      pair->b = b;
      g_hash_table_insert (finder->pairs, stored_key, pair);
    }
  return pair;
}

static const char *
shared_guardian (Finder  *finder,
                 guint32  a,
                 guint32  b)
{
  GPtrArray *names_a = finder->names[a];
  GPtrArray *names_b = finder->names[b];

  for (guint i = 0; names_a && i < names_a->len; i++)
    for (guint j = 0; names_b && j < names_b->len; j++)
      {
        NameUse *use_a = g_ptr_array_index (names_a, i);
        NameUse *use_b = g_ptr_array_index (names_b, j);

        if (use_a->key == NULL)
          use_a->key = name_key (use_a->display);
        if (use_b->key == NULL)
          use_b->key = name_key (use_b->display);

        /* One word ("Maria") is too common to tie two families by itself. */
        if (names_alike (use_a->key, use_b->key, 2))
          return use_a->display;
      }
  return NULL;
}

static gboolean
pair_by_phone (Finder        *finder,
               GCancellable  *cancellable,
               GError       **error)
{
  GHashTableIter iter;
  GArray *uses;
  guint row = 0;

  g_hash_table_iter_init (&iter, finder->phones);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &uses))
    {
      if (check_cancelled (cancellable, ++row, error))
        return FALSE;
      if (uses->len < 2 || uses->len > PL_DUPLICATES_MAX_PHONE_FAMILIES)
        continue;
      for (guint i = 0; i < uses->len; i++)
        for (guint j = i + 1; j < uses->len; j++)
          {
            const PhoneUse *first = &g_array_index (uses, PhoneUse, i);
            const PhoneUse *second = &g_array_index (uses, PhoneUse, j);
            Pair *pair = lookup_pair (finder, first->family, second->family);
            const char *guardian;

            if (pair == NULL)
              continue;
            if (!(pair->reasons & PL_DUPLICATE_REASON_PHONE) || uses->len < pair->crowd)
              {
                pair->crowd = uses->len;
                pair->phone = first->display;
              }
            pair->reasons |= PL_DUPLICATE_REASON_PHONE;
            if (names_alike (household_key (finder, first->family),
                             household_key (finder, second->family), 1))
              pair->reasons |= PL_DUPLICATE_REASON_HOUSEHOLD_NAME;
            if (pair->name == NULL &&
                (guardian = shared_guardian (finder, pair->a, pair->b)) != NULL)
              {
                pair->reasons |= PL_DUPLICATE_REASON_GUARDIAN_NAME;
                pair->name = guardian;
              }
          }
    }
  return TRUE;
}

static const char *
folded (char       **cache,
        const char **raw,
        guint32      family)
{
  if (cache[family] == NULL)
    cache[family] = pl_normalize_text (raw[family]);
  return cache[family];
}

static gboolean
pair_by_address (Finder        *finder,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GHashTableIter iter;
  GArray *group;
  guint row = 0;

  g_hash_table_iter_init (&iter, finder->addresses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    {
      if (check_cancelled (cancellable, ++row, error))
        return FALSE;
      for (guint i = 0; i < group->len; i++)
        for (guint j = i + 1; j < group->len; j++)
          {
            guint32 a = g_array_index (group, guint32, i);
            guint32 b = g_array_index (group, guint32, j);
            gboolean households;
            const char *guardian;
            Pair *pair;

            if (!same_place (folded (finder->zips, finder->raw_zips, a),
                             folded (finder->zips, finder->raw_zips, b),
                             folded (finder->cities, finder->raw_cities, a),
                             folded (finder->cities, finder->raw_cities, b)))
              continue;
            households = names_alike (household_key (finder, a), household_key (finder, b), 1);
            guardian = shared_guardian (finder, a, b);
            if (!households && guardian == NULL)
              continue;

            pair = lookup_pair (finder, a, b);
            if (pair == NULL)
              continue;
            if (households)
              pair->reasons |= PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS |
                               PL_DUPLICATE_REASON_HOUSEHOLD_NAME;
            if (guardian != NULL)
              {
                pair->reasons |= PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS |
                                 PL_DUPLICATE_REASON_GUARDIAN_NAME;
                /* Name it as the family shown first wrote it. */
                pair->name = pair->a == a ? guardian : shared_guardian (finder, b, a);
              }
          }
    }
  return TRUE;
}

/* Stronger evidence first: a person at one address, then a phone only two
 * families list, then names alike. */
static int
pair_score (const Pair *pair)
{
  int score = 0;

  if (pair->reasons & PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS)
    score += 8;
  if (pair->reasons & PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS)
    score += 4;
  if (pair->reasons & PL_DUPLICATE_REASON_PHONE)
    score += pair->crowd <= 2 ? 6 : 4;
  if ((pair->reasons & PL_DUPLICATE_REASON_HOUSEHOLD_NAME) &&
      !(pair->reasons & PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS))
    score += 3;
  if ((pair->reasons & PL_DUPLICATE_REASON_GUARDIAN_NAME) &&
      !(pair->reasons & PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS))
    score += 5;
  return score;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Pair *pa = a, *pb = b;
  int cmp;

  if (pa->score != pb->score)
    return pb->score - pa->score;
  cmp = compare_families (user_data, pa->a, pb->a);
  return cmp != 0 ? cmp : compare_families (user_data, pa->b, pb->b);
}

/**
 * pl_duplicates_find:
 *
 * Returns: (transfer full): the possible duplicates, or %NULL with @error set
 */
PlDuplicates *
pl_duplicates_find (PlStore       *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Finder finder = { NULL };
  GHashTableIter iter;
  gboolean own_transaction;
  Pair *pair;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  finder.result = g_object_new (PL_TYPE_DUPLICATES, NULL);
  finder.addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
  finder.phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
  finder.pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  finder.dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One read transaction, so the families and guardians agree with each
   * other (unless the caller has one open already). */
  own_transaction = sqlite3_get_autocommit (_pl_store_get_db (store));
  _pl_store_reset_all (store);
  if (own_transaction && !_pl_store_exec (store, "BEGIN", error))
    goto failed;
  if (!read_dismissed (&finder, store, error) ||
      !read_families (&finder, store, cancellable, error) ||
      !read_guardians (&finder, store, cancellable, error))
    {
      if (own_transaction)
        _pl_store_rollback (store);
      goto failed;
    }
  _pl_store_reset_all (store);
  if (own_transaction && !_pl_store_exec (store, "COMMIT", error))
    goto failed;

  if (!pair_by_phone (&finder, cancellable, error) ||
      !pair_by_address (&finder, cancellable, error))
    goto failed;

  g_hash_table_iter_init (&iter, finder.pairs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pair))
    {
      /* Names alike alone, without a phone or an address, are not enough. */
      if ((pair->reasons & (PL_DUPLICATE_REASON_PHONE | PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS |
                            PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS)) == 0)
        continue;
      pair->score = pair_score (pair);
      g_array_append_val (finder.result->pairs, *pair);
    }
  g_array_sort_with_data (finder.result->pairs, compare_pairs, finder.result);

  {
    PlDuplicates *result = g_steal_pointer (&finder.result);
    finder_clear (&finder);
    return result;
  }

failed:
  finder_clear (&finder);
  return NULL;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (task_data, &error);
  PlDuplicates *result = NULL;

  if (store != NULL)
    result = pl_duplicates_find (store, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
pl_duplicates_find_async (PlStore             *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PL_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_duplicates_find_async);
  /* The store's connection belongs to its thread; the worker opens its own. */
  g_task_set_task_data (task, g_strdup (pl_store_get_path (store)), g_free);
  g_task_run_in_thread (task, find_thread);
}

/**
 * pl_duplicates_find_finish:
 *
 * Returns: (transfer full): the possible duplicates, or %NULL with @error set
 */
PlDuplicates *
pl_duplicates_find_finish (PlStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pl_duplicates_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changing the list */

static gint64
family_index (PlDuplicates *self,
              const char   *id)
{
  gpointer found = id ? g_hash_table_lookup (self->family_index, id) : NULL;

  return found ? (gint64) GPOINTER_TO_UINT (found) - 1 : -1;
}

static int
find_pair_by_index (PlDuplicates *self,
                    gint64        a,
                    gint64        b)
{
  for (guint i = 0; a >= 0 && b >= 0 && i < self->pairs->len; i++)
    {
      const Pair *pair = &g_array_index (self->pairs, Pair, i);

      if ((pair->a == a && pair->b == b) || (pair->a == b && pair->b == a))
        return (int) i;
    }
  return -1;
}

int
pl_duplicates_find_pair (PlDuplicates *self,
                         const char   *family_a,
                         const char   *family_b)
{
  g_return_val_if_fail (PL_IS_DUPLICATES (self), -1);
  return find_pair_by_index (self, family_index (self, family_a), family_index (self, family_b));
}

void
pl_duplicates_remove_pair (PlDuplicates *self,
                           const char   *family_a,
                           const char   *family_b)
{
  int position;

  g_return_if_fail (PL_IS_DUPLICATES (self));

  position = pl_duplicates_find_pair (self, family_a, family_b);
  if (position < 0)
    return;
  g_array_remove_index (self->pairs, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

void
pl_duplicates_family_merged (PlDuplicates *self,
                             const char   *keep_id,
                             const char   *merged_id)
{
  gint64 keep, merged;

  g_return_if_fail (PL_IS_DUPLICATES (self));

  keep = family_index (self, keep_id);
  merged = family_index (self, merged_id);
  if (merged < 0)
    return;

  for (int i = (int) self->pairs->len - 1; i >= 0; i--)
    {
      Pair *pair = &g_array_index (self->pairs, Pair, i);
      guint32 other;
      int existing;

      if (pair->a != merged && pair->b != merged)
        continue;
      other = pair->a == merged ? pair->b : pair->a;

      /* Only a shared phone is sure to hold: it moved with its guardian. An
       * address or a household name of the merged family may not be the kept
       * one's. */
      if (keep < 0 || other == keep || !(pair->reasons & PL_DUPLICATE_REASON_PHONE))
        {
          g_array_remove_index (self->pairs, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          continue;
        }

      existing = find_pair_by_index (self, keep, other);
      if (existing >= 0)
        {
          Pair *kept = &g_array_index (self->pairs, Pair, existing);
          const char *phone = pair->phone;

          if (!(kept->reasons & PL_DUPLICATE_REASON_PHONE))
            {
              kept->reasons |= PL_DUPLICATE_REASON_PHONE;
              kept->phone = phone;
              kept->crowd = pair->crowd;
              g_list_model_items_changed (G_LIST_MODEL (self), existing, 1, 1);
            }
          g_array_remove_index (self->pairs, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          continue;
        }

      pair->reasons = PL_DUPLICATE_REASON_PHONE;
      pair->name = NULL;
      if (compare_families (self, keep, other) < 0)
        {
          pair->a = keep;
          pair->b = other;
        }
      else
        {
          pair->a = other;
          pair->b = keep;
        }
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
}

char *
pl_duplicates_name_key (const char *name)
{
  return name_key (name);
}

char *
pl_duplicates_phone_key (const char *phone)
{
  return phone_key (phone);
}

gboolean
pl_duplicates_guardian_names_alike (const char *name_a,
                                    const char *name_b)
{
  g_autofree char *key_a = name_key (name_a);
  g_autofree char *key_b = name_key (name_b);

  return names_alike (key_a, key_b, 2);
}

/* Dismissed pairs */

static gboolean
check_ids (const char  *family_a,
           const char  *family_b,
           GError     **error)
{
  if (family_a == NULL || family_b == NULL || strcmp (family_a, family_b) == 0)
    {
      g_set_error_literal (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_SAME_FAMILY,
                           _("A pair of duplicates needs two different families"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pl_duplicates_dismiss:
 *
 * Remembers that a person looked at the two families and found them to be
 * different households.
 */
gboolean
pl_duplicates_dismiss (PlStore     *store,
                       const char  *family_a,
                       const char  *family_b,
                       GError     **error)
{
  g_autofree char *pair = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  if (!check_ids (family_a, family_b, error))
    return FALSE;

  pair = pair_text_key (family_a, family_b);
  key = g_strconcat (DISMISSED_PREFIX, pair, NULL);
  stmt = _pl_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, when, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (store, stmt, _("remember the families are not duplicates"), error);
}

gboolean
pl_duplicates_undismiss (PlStore     *store,
                         const char  *family_a,
                         const char  *family_b,
                         GError     **error)
{
  g_autofree char *pair = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  if (!check_ids (family_a, family_b, error))
    return FALSE;

  pair = pair_text_key (family_a, family_b);
  key = g_strconcat (DISMISSED_PREFIX, pair, NULL);
  stmt = _pl_store_prepare (store, "DELETE FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (store, stmt, _("forget the families are not duplicates"), error);
}

gboolean
pl_duplicates_is_dismissed (PlStore     *store,
                            const char  *family_a,
                            const char  *family_b,
                            GError     **error)
{
  g_autofree char *pair = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  if (family_a == NULL || family_b == NULL)
    return FALSE;

  pair = pair_text_key (family_a, family_b);
  key = g_strconcat (DISMISSED_PREFIX, pair, NULL);
  stmt = _pl_store_prepare (store, "SELECT 1 FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

gint64
pl_duplicates_count_contacts (PlStore     *store,
                              const char  *family_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (store), -1);

  stmt = _pl_store_prepare (store, "SELECT count(*) FROM contacts"
                                   " WHERE family_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("count the contacts"), error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

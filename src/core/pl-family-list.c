/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-family-list.h"
#include "pl-normalize.h"
#include "pl-store-private.h"
#include "pl-student.h"
#include "pl-util-private.h"

/* How many rows to build around the one asked for: a screenful or two above
 * and below, so scrolling rarely waits on SQLite. */
#define WINDOW_BEFORE 20
#define WINDOW_SIZE 80

struct _PlFamilyList
{
  GObject    parent_instance;

  PlStore   *store;
  gulong     changed_id;
  char      *query;
  char      *school_id;
  char      *language;

  GArray    *rowids;        /* gint64, the matching families in order */
  guint32   *rank;          /* by rowid: 1 + position in the directory's order, 0 if absent */
  gint64     rank_len;
  GPtrArray *window;        /* PlFamilySummary for rowids [window_start, +len) */
  guint      window_start;
  GError    *error;
};

static void pl_family_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlFamilyList, pl_family_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_family_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_SCHOOL_ID,
  PROP_LANGUAGE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
collect_rowids (PlFamilyList  *self,
                sqlite3_stmt  *stmt,
                GArray        *rowids,
                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("list the families"), error);
      return FALSE;
    }
  return TRUE;
}

/* The whole directory in order, kept as a rank per rowid. Sorting a search's
 * matches by rank in memory is far cheaper than asking SQLite to order them
 * by name, which walks the whole name index. */
static gboolean
load_ranks (PlFamilyList  *self,
            GError       **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 max_rowid = 0;

  stmt = _pl_store_prepare (self->store, "SELECT rowid FROM families WHERE deleted = 0"
                                         " ORDER BY sort_key, id", error);
  if (stmt == NULL || !collect_rowids (self, stmt, order, error))
    return FALSE;

  for (guint i = 0; i < order->len; i++)
    max_rowid = MAX (max_rowid, g_array_index (order, gint64, i));
  g_free (self->rank);
  self->rank_len = max_rowid + 1;
  self->rank = g_new0 (guint32, self->rank_len);
  for (guint i = 0; i < order->len; i++)
    self->rank[g_array_index (order, gint64, i)] = i + 1;
  return TRUE;
}

static guint32
rank_of (PlFamilyList *self,
         gint64        rowid)
{
  return rowid >= 0 && rowid < self->rank_len ? self->rank[rowid] : 0;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PlFamilyList *self = user_data;
  guint32 ra = rank_of (self, *(const gint64 *) a);
  guint32 rb = rank_of (self, *(const gint64 *) b);

  return (ra > rb) - (ra < rb);
}

/* Reads the ordered rowids of the families that match the filters. Only
 * 8 bytes a family are held; rows are built when a view asks for them. */
static GArray *
query_rowids (PlFamilyList  *self,
              GError       **error)
{
  g_autoptr(GString) sql = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int bind = 1;

  if (self->rank == NULL && !load_ranks (self, error))
    return NULL;

  if (self->query == NULL && self->school_id == NULL && self->language == NULL)
    {
      /* The whole directory: its order is the rank table's. */
      guint n = 0;

      for (gint64 rowid = 0; rowid < self->rank_len; rowid++)
        n += self->rank[rowid] != 0;
      g_array_set_size (rowids, n);
      for (gint64 rowid = 0; rowid < self->rank_len; rowid++)
        if (self->rank[rowid] != 0)
          g_array_index (rowids, gint64, self->rank[rowid] - 1) = rowid;
      return g_steal_pointer (&rowids);
    }

  if (self->query != NULL)
    {
      match = pl_normalize_query (self->query);
      if (match == NULL)
        return g_steal_pointer (&rowids);
      /* Driven by the search index: only the matches are looked at. */
      sql = g_string_new ("SELECT f.rowid FROM family_fts CROSS JOIN families f"
                          " ON f.rowid = family_fts.rowid WHERE family_fts MATCH ?");
      if (self->school_id == NULL && self->language == NULL)
        g_string_assign (sql, "SELECT rowid FROM family_fts WHERE family_fts MATCH ?");
    }
  else
    sql = g_string_new ("SELECT f.rowid FROM families f WHERE f.deleted = 0");

  if (self->school_id != NULL)
    g_string_append (sql, " AND f.id IN (SELECT family_id FROM students"
                          " WHERE school_id = ? AND deleted = 0)");
  if (self->language != NULL)
    g_string_append (sql, " AND f.home_language = ?");

  stmt = _pl_store_prepare (self->store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (match != NULL)
    sqlite3_bind_text (stmt, bind++, match, -1, SQLITE_TRANSIENT);
  if (self->school_id != NULL)
    sqlite3_bind_text (stmt, bind++, self->school_id, -1, SQLITE_TRANSIENT);
  if (self->language != NULL)
    sqlite3_bind_text (stmt, bind++, self->language, -1, SQLITE_TRANSIENT);
  if (!collect_rowids (self, stmt, rowids, error))
    return NULL;

  /* Deleted families are not in the search index, but a row written by
   * another program since the ranks were read has no rank: leave it out
   * until the next refresh. */
  for (guint i = rowids->len; i > 0; i--)
    if (rank_of (self, g_array_index (rowids, gint64, i - 1)) == 0)
      g_array_remove_index_fast (rowids, i - 1);
  g_array_sort_with_data (rowids, compare_rank, self);
  return g_steal_pointer (&rowids);
}

static void
clear_window (PlFamilyList *self)
{
  g_ptr_array_set_size (self->window, 0);
  self->window_start = 0;
}

/* Replaces the list with a fresh query and tells views only what moved: the
 * rows between the common head and the common tail of old and new lists. */
static void
refresh (PlFamilyList *self,
         gboolean      all_changed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) old = g_steal_pointer (&self->rowids);
  GArray *fresh = query_rowids (self, &error);
  

  g_clear_error (&self->error);
  if (fresh == NULL)
    {
      g_warning ("Could not list families: %s", error->message);
      self->error = g_steal_pointer (&error);
      fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  self->rowids = fresh;
  clear_window (self);

  if (_pl_rowids_announce (G_LIST_MODEL (self), old, fresh, all_changed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_family_changed (PlStore      *store,
                   const char   *family_id,
                   PlFamilyList *self)
{
  int position = family_id ? pl_family_list_find (self, family_id) : -1;

  /* A new, renamed or deleted family moves others in the order. */
  g_clear_pointer (&self->rank, g_free);
  self->rank_len = 0;
  refresh (self, family_id == NULL);

  /* An edit that kept the family in place changes no ids; its row must still
   * be rebuilt, so say it changed. */
  if (position >= 0 && (guint) position < self->rowids->len &&
      pl_family_list_find (self, family_id) == position)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static PlFamilySummary *
build_summary (PlFamilyList  *self,
               gint64         rowid,
               GError       **error)
{
  g_autoptr(GString) guardians = g_string_new (NULL);
  g_autoptr(GString) students = g_string_new (NULL);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *language = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self->store,
                            "SELECT id, household_name, home_language FROM families WHERE rowid = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _pl_store_set_error (self->store, rc, _("read the family"), error);
      return NULL;
    }
  id = g_strdup (column_text (stmt, 0));
  name = g_strdup (column_text (stmt, 1));
  language = g_strdup (column_text (stmt, 2));
  sqlite3_reset (stmt);

  stmt = _pl_store_prepare (self->store,
                            "SELECT full_name FROM guardians WHERE family_id = ? AND deleted = 0"
                            " ORDER BY position, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (guardians->len > 0)
        g_string_append (guardians, ", ");
      g_string_append (guardians, column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("read the guardians"), error);
      return NULL;
    }

  stmt = _pl_store_prepare (self->store,
                            "SELECT s.full_name, sc.name, s.grade FROM students s"
                            " LEFT JOIN schools sc ON sc.id = s.school_id"
                            " WHERE s.family_id = ? AND s.deleted = 0"
                            " ORDER BY s.position, s.rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *grade = NULL;

      if (students->len > 0)
        g_string_append_c (students, '\n');
      g_string_append (students, column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_string_append_printf (students, " · %s", column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          grade = pl_grade_to_string (sqlite3_column_int (stmt, 2));
          g_string_append (students, " · ");
          /* Translators: %s is a grade: PK, K, 1 … 12 */
          g_string_append_printf (students, _("Grade %s"), grade);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("read the students"), error);
      return NULL;
    }

  return pl_family_summary_new (id, name, guardians->str, students->str, language);
}

static GType
pl_family_list_get_item_type (GListModel *model)
{
  return PL_TYPE_FAMILY_SUMMARY;
}

static guint
pl_family_list_get_n_items (GListModel *model)
{
  return PL_FAMILY_LIST (model)->rowids->len;
}

static gpointer
pl_family_list_get_item (GListModel *model,
                         guint       position)
{
  PlFamilyList *self = PL_FAMILY_LIST (model);
  guint start, end;

  if (position >= self->rowids->len)
    return NULL;

  if (position < self->window_start || position >= self->window_start + self->window->len)
    {
      clear_window (self);
      start = position > WINDOW_BEFORE ? position - WINDOW_BEFORE : 0;
      end = MIN (start + WINDOW_SIZE, self->rowids->len);
      self->window_start = start;
      for (guint i = start; i < end; i++)
        {
          g_autoptr(GError) error = NULL;
          PlFamilySummary *summary = build_summary (self, g_array_index (self->rowids, gint64, i),
                                                    &error);

          /* A row that vanished under us (another program deleted it) shows
           * as empty rather than shifting every row after it. */
          if (summary == NULL)
            {
              g_debug ("Could not read a family row: %s", error->message);
              summary = pl_family_summary_new ("", "", "", "", NULL);
            }
          g_ptr_array_add (self->window, summary);
        }
    }

  return g_object_ref (g_ptr_array_index (self->window, position - self->window_start));
}

static void
pl_family_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_family_list_get_item_type;
  iface->get_n_items = pl_family_list_get_n_items;
  iface->get_item = pl_family_list_get_item;
}

static void
pl_family_list_dispose (GObject *object)
{
  PlFamilyList *self = PL_FAMILY_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_family_list_parent_class)->dispose (object);
}

static void
pl_family_list_finalize (GObject *object)
{
  PlFamilyList *self = PL_FAMILY_LIST (object);

  g_free (self->query);
  g_free (self->school_id);
  g_free (self->language);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->window, g_ptr_array_unref);
  g_clear_pointer (&self->rank, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pl_family_list_parent_class)->finalize (object);
}

static void
pl_family_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PlFamilyList *self = PL_FAMILY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_SCHOOL_ID:
      g_value_set_string (value, self->school_id);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PlFamilyList *self = PL_FAMILY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      pl_family_list_set_query (self, g_value_get_string (value));
      break;
    case PROP_SCHOOL_ID:
      pl_family_list_set_school_id (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      pl_family_list_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_list_constructed (GObject *object)
{
  PlFamilyList *self = PL_FAMILY_LIST (object);

  G_OBJECT_CLASS (pl_family_list_parent_class)->constructed (object);

  g_return_if_fail (PL_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "family-changed::household",
                                       G_CALLBACK (on_family_changed), self);
  g_clear_pointer (&self->rowids, g_array_unref);
  self->rowids = query_rowids (self, &self->error);
  if (self->rowids == NULL)
    self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
pl_family_list_class_init (PlFamilyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_family_list_dispose;
  object_class->finalize = pl_family_list_finalize;
  object_class->get_property = pl_family_list_get_property;
  object_class->set_property = pl_family_list_set_property;
  object_class->constructed = pl_family_list_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHOOL_ID] =
    g_param_spec_string ("school-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_family_list_init (PlFamilyList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->window = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pl_family_list_new:
 *
 * Returns: (transfer full): every family in @store, by household name
 */
PlFamilyList *
pl_family_list_new (PlStore *store)
{
  return g_object_new (PL_TYPE_FAMILY_LIST, "store", store, NULL);
}

static void
set_filter (PlFamilyList *self,
            char        **field,
            const char   *value,
            GParamSpec   *pspec)
{
  if (!_pl_set_str (field, value))
    return;
  /* Until the store is set (during construction) there is nothing to list yet. */
  if (self->store != NULL)
    refresh (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * pl_family_list_set_query:
 * @query: (nullable): what a person typed; accents, case and punctuation do
 *   not matter, and every word matches as a prefix
 */
void
pl_family_list_set_query (PlFamilyList *self,
                          const char   *query)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PL_IS_FAMILY_LIST (self));

  /* "jose " and "jose" list the same families: do not query twice. */
  trimmed = g_strstrip (g_strdup (query ? query : ""));
  set_filter (self, &self->query, trimmed, properties[PROP_QUERY]);
}

const char *
pl_family_list_get_query (PlFamilyList *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_LIST (self), NULL);
  return self->query;
}

void
pl_family_list_set_school_id (PlFamilyList *self,
                              const char   *school_id)
{
  g_return_if_fail (PL_IS_FAMILY_LIST (self));
  set_filter (self, &self->school_id, school_id, properties[PROP_SCHOOL_ID]);
}

const char *
pl_family_list_get_school_id (PlFamilyList *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_LIST (self), NULL);
  return self->school_id;
}

void
pl_family_list_set_language (PlFamilyList *self,
                             const char   *language)
{
  g_return_if_fail (PL_IS_FAMILY_LIST (self));
  set_filter (self, &self->language, language, properties[PROP_LANGUAGE]);
}

const char *
pl_family_list_get_language (PlFamilyList *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_LIST (self), NULL);
  return self->language;
}

/**
 * pl_family_list_find:
 *
 * Returns: the position of the family in the list, or -1
 */
int
pl_family_list_find (PlFamilyList *self,
                     const char   *family_id)
{
  sqlite3_stmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (PL_IS_FAMILY_LIST (self), -1);

  stmt = _pl_store_prepare (self->store, "SELECT rowid FROM families WHERE id = ?", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return -1;
    }
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return (int) i;
  return -1;
}

const GError *
pl_family_list_get_error (PlFamilyList *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_LIST (self), NULL);
  return self->error;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-outreach-family-private.h"
#include "pl-outreach.h"
#include "pl-store-private.h"

/* How many items to build around the one asked for, as in the family list. */
#define WINDOW_BEFORE 20
#define WINDOW_SIZE 80

/* Successful contacts, in the words of the partial index contacts_reached
 * (migration 3), so SQLite reads the index and not a million contact rows. */
#define REACHED " c.outcome = 'reached' AND c.deleted = 0"

G_DEFINE_QUARK (pl-outreach-error-quark, pl_outreach_error)

/* Terms */

static const PlTerm default_terms[] = {
  { 9, 1, 1, 31 },
  { 2, 1, 6, 30 },
};

/**
 * pl_outreach_default_terms:
 *
 * Returns: (array length=n_terms): the default school terms
 */
const PlTerm *
pl_outreach_default_terms (guint *n_terms)
{
  if (n_terms != NULL)
    *n_terms = G_N_ELEMENTS (default_terms);
  return default_terms;
}

/* Any year with a 29 February, so "02-29" is a day a term may name. */
#define LEAP_YEAR 2024

gboolean
pl_outreach_parse_term (const char  *text,
                        PlTerm      *term,
                        GError     **error)
{
  guint sm, sd, em, ed;
  char end;

  g_return_val_if_fail (term != NULL, FALSE);

  if (text == NULL ||
      sscanf (text, "%2u-%2u..%2u-%2u%c", &sm, &sd, &em, &ed, &end) != 4 ||
      !g_date_valid_dmy (sd, sm, LEAP_YEAR) || !g_date_valid_dmy (ed, em, LEAP_YEAR))
    {
      g_set_error (error, PL_OUTREACH_ERROR, PL_OUTREACH_ERROR_BAD_TERM,
                   /* Translators: %s is what was given; keep "MM-DD..MM-DD" as it is */
                   _("“%s” is not a school term; write its first and last day as "
                     "MM-DD..MM-DD, such as 09-01..01-31"), text ? text : "");
      return FALSE;
    }
  *term = (PlTerm) { sm, sd, em, ed };
  return TRUE;
}

/* @month/@day in @year; 29 February of another year is the 28th. */
static void
set_day (GDate *date,
         guint  year,
         guint  month,
         guint  day)
{
  guint last = g_date_get_days_in_month (month, year);

  g_date_clear (date, 1);
  g_date_set_dmy (date, MIN (day, last), month, year);
}

gboolean
pl_outreach_find_term (const PlTerm *terms,
                       guint         n_terms,
                       const GDate  *today,
                       GDate        *start,
                       GDate        *end)
{
  GDate best_start, best_end;
  gboolean found = FALSE;
  guint year;

  g_return_val_if_fail (terms != NULL && n_terms > 0, FALSE);
  g_return_val_if_fail (g_date_valid (today), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  year = g_date_get_year (today);
  g_date_clear (&best_start, 1);
  g_date_clear (&best_end, 1);

  /* Each term began this year or last; one that began last year may run
   * into this one. Of those that already ended, the latest is remembered
   * for the days between terms. */
  for (guint i = 0; i < n_terms; i++)
    for (guint y = year - 1; y <= year; y++)
      {
        GDate s, e;

        set_day (&s, y, terms[i].start_month, terms[i].start_day);
        set_day (&e, y, terms[i].end_month, terms[i].end_day);
        if (g_date_compare (&e, &s) < 0)
          set_day (&e, y + 1, terms[i].end_month, terms[i].end_day);

        if (g_date_compare (&s, today) <= 0 && g_date_compare (today, &e) <= 0)
          {
            *start = s;
            *end = e;
            return TRUE;
          }
        if (g_date_compare (&e, today) < 0 &&
            (!found || g_date_compare (&e, &best_end) > 0))
          {
            best_start = s;
            best_end = e;
            found = TRUE;
          }
      }

  *start = best_start;
  *end = best_end;
  return FALSE;
}

/* Scope */

/* "f.id IN (…)" for the families with a live student at one of the
 * schools, through the students_school index; empty for every family. */
static void
append_school_scope (GString            *sql,
                     const char *const  *school_ids)
{
  if (school_ids == NULL)
    return;

  g_string_append (sql, " AND f.id IN (SELECT s.family_id FROM students s"
                        " WHERE s.deleted = 0 AND s.school_id IN (");
  for (guint i = 0; school_ids[i] != NULL; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  /* No school at all: no family. */
  if (school_ids[0] == NULL)
    g_string_append (sql, "NULL");
  g_string_append (sql, "))");
}

static int
bind_schools (sqlite3_stmt      *stmt,
              int                bind,
              const char *const *school_ids)
{
  for (guint i = 0; school_ids != NULL && school_ids[i] != NULL; i++)
    sqlite3_bind_text (stmt, bind++, school_ids[i], -1, SQLITE_TRANSIENT);
  return bind;
}

static char *
format_utc (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Language reach */

static int
compare_reach (gconstpointer a,
               gconstpointer b)
{
  PlLanguageReach *ra = *(PlLanguageReach **) a;
  PlLanguageReach *rb = *(PlLanguageReach **) b;
  double sa = pl_language_reach_get_share (ra), sb = pl_language_reach_get_share (rb);
  guint na = pl_language_reach_get_n_families (ra), nb = pl_language_reach_get_n_families (rb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (na != nb)
    return na > nb ? -1 : 1;
  /* Not recorded last among equals. */
  if (pl_language_reach_get_language (ra) == NULL || pl_language_reach_get_language (rb) == NULL)
    return (pl_language_reach_get_language (ra) == NULL) - (pl_language_reach_get_language (rb) == NULL);
  return strcmp (pl_language_reach_get_language (ra), pl_language_reach_get_language (rb));
}

/**
 * pl_outreach_language_reach:
 * @school_ids: (nullable) (array zero-terminated=1): the schools in scope
 * @since: the start of the span, such as the first day of the term
 * @until: (nullable): its end, not included
 *
 * Returns: (transfer full): a GListModel of PlLanguageReach, or %NULL with
 *   @error set
 */
GListModel *
pl_outreach_language_reach (PlStore            *store,
                            const char *const  *school_ids,
                            GDateTime          *since,
                            GDateTime          *until,
                            GError            **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) result = g_list_store_new (PL_TYPE_LANGUAGE_REACH);
  g_autofree char *since_text = NULL;
  g_autofree char *until_text = NULL;
  sqlite3_stmt *stmt;
  guint64 all_families = 0, all_reached = 0;
  int bind, rc;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (since != NULL, NULL);

  since_text = format_utc (since);
  /* Stored times are "YYYY-…Z": any of them sorts before this. */
  until_text = until ? format_utc (until) : g_strdup ("9999-12-31T23:59:59Z");

  sql = g_string_new ("SELECT f.home_language, count (*), sum (EXISTS (SELECT 1 FROM contacts c"
                      "   INDEXED BY contacts_reached WHERE c.family_id = f.id AND" REACHED
                      "   AND c.happened_at >= ? AND c.happened_at < ?))"
                      " FROM families f WHERE f.deleted = 0");
  append_school_scope (sql, school_ids);
  g_string_append (sql, " GROUP BY f.home_language");

  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until_text, -1, SQLITE_TRANSIENT);
  bind = 3;
  bind_schools (stmt, bind, school_ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n_families = sqlite3_column_int (stmt, 1);
      guint n_reached = sqlite3_column_int (stmt, 2);

      g_ptr_array_add (groups, pl_language_reach_new ((const char *) sqlite3_column_text (stmt, 0),
                                                      n_families, n_reached));
      all_families += n_families;
      all_reached += n_reached;
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("count the families reached"), error);
      sqlite3_reset (stmt);
      return NULL;
    }

  /* Shares as they are, not rounded as shown: a group exactly the limit
   * below is flagged (the tolerance only absorbs floating point). */
  for (guint i = 0; i < groups->len; i++)
    {
      PlLanguageReach *group = g_ptr_array_index (groups, i);
      double overall = all_families > 0 ? (double) all_reached / all_families : 0;
      double gap = overall - pl_language_reach_get_share (group);

      pl_language_reach_set_flagged (group, pl_language_reach_get_n_families (group) > 0 &&
                                            gap >= PL_OUTREACH_FLAG_POINTS / 100.0 - 1e-9);
    }

  g_ptr_array_sort (groups, compare_reach);
  for (guint i = 0; i < groups->len; i++)
    g_list_store_append (result, g_ptr_array_index (groups, i));
  return G_LIST_MODEL (g_steal_pointer (&result));
}

typedef struct
{
  char       *path;
  GStrv       school_ids;
  GDateTime  *since;
  GDateTime  *until;
} ReachData;

static void
reach_data_free (ReachData *data)
{
  g_free (data->path);
  g_strfreev (data->school_ids);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_clear_pointer (&data->until, g_date_time_unref);
  g_free (data);
}

static void
reach_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ReachData *data = task_data;
  g_autoptr(GError) error = NULL;
  /* SQLite connections stay on one thread: the worker opens its own. */
  g_autoptr(PlStore) store = pl_store_open (data->path, &error);
  GListModel *result = NULL;

  if (store != NULL)
    result = pl_outreach_language_reach (store, (const char *const *) data->school_ids,
                                         data->since, data->until, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
pl_outreach_language_reach_async (PlStore             *store,
                                  const char *const   *school_ids,
                                  GDateTime           *since,
                                  GDateTime           *until,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReachData *data;

  g_return_if_fail (PL_IS_STORE (store));
  g_return_if_fail (since != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_outreach_language_reach_async);

  data = g_new0 (ReachData, 1);
  data->path = g_strdup (pl_store_get_path (store));
  data->school_ids = g_strdupv ((char **) school_ids);
  data->since = g_date_time_ref (since);
  data->until = until ? g_date_time_ref (until) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) reach_data_free);
  g_task_run_in_thread (task, reach_thread);
}

/**
 * pl_outreach_language_reach_finish:
 *
 * Returns: (transfer full): a GListModel of PlLanguageReach, or %NULL with
 *   @error set
 */
GListModel *
pl_outreach_language_reach_finish (PlStore       *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pl_outreach_language_reach_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The list of families not reached */

struct _PlOutreach
{
  GObject       parent_instance;

  PlStore      *store;
  gulong        changed_id;
  guint         days;
  GStrv         school_ids;
  GDateTime    *now;
  GTimeZone    *time_zone;

  GCancellable *cancellable;  /* of the read under way */
  gboolean      loading;
  gboolean      constructed;
  guint         n_families;
  GArray       *rowids;       /* gint64, the matching families in order */
  GPtrArray    *window;       /* PlOutreachFamily for rowids [window_start, +len) */
  guint         window_start;
  GError       *error;
};

static void pl_outreach_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlOutreach, pl_outreach, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_outreach_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAYS,
  PROP_SCHOOL_IDS,
  PROP_NOW,
  PROP_TIME_ZONE,
  PROP_LOADING,
  PROP_N_FAMILIES,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char   *path;
  GStrv   school_ids;
  char   *since;
} ListData;

typedef struct
{
  GArray *rowids;
  guint   n_families;
} ListResult;

static void
list_data_free (ListData *data)
{
  g_free (data->path);
  g_strfreev (data->school_ids);
  g_free (data->since);
  g_free (data);
}

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->rowids, g_array_unref);
  g_free (result);
}

static gboolean
read_list (PlStore     *store,
           ListData    *data,
           ListResult  *result,
           GError     **error)
{
  const char *const *school_ids = (const char *const *) data->school_ids;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  int bind, rc;

  sql = g_string_new ("SELECT count (*) FROM families f WHERE f.deleted = 0");
  append_school_scope (sql, school_ids);
  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_schools (stmt, 1, school_ids);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("count the families"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  result->n_families = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  /* The latest success of each family is found walking its successful
   * contacts back from the newest: a step or two for most. */
  g_string_assign (sql, "SELECT f.rowid, (SELECT c.happened_at FROM contacts c"
                        "   INDEXED BY contacts_reached WHERE c.family_id = f.id AND" REACHED
                        "   ORDER BY c.happened_at DESC LIMIT 1) AS last_reached"
                        " FROM families f WHERE f.deleted = 0");
  append_school_scope (sql, school_ids);
  g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM contacts c INDEXED BY contacts_reached"
                        "   WHERE c.family_id = f.id AND" REACHED " AND c.happened_at >= ?)"
                        " ORDER BY last_reached, f.sort_key, f.id");
  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind = bind_schools (stmt, 1, school_ids);
  sqlite3_bind_text (stmt, bind, data->since, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (result->rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("list the families not reached"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (data->path, &error);
  ListResult *result = g_new0 (ListResult, 1);

  result->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (store == NULL || !read_list (store, data, result, &error))
    {
      list_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

static void
clear_window (PlOutreach *self)
{
  g_ptr_array_set_size (self->window, 0);
  self->window_start = 0;
}

static void
set_loading (PlOutreach *self,
             gboolean    loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_list_read (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(PlOutreach) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autoptr(GArray) old = NULL;
  guint old_n, new_n, old_families = self->n_families;

  /* A newer read replaced this one: its answer is out of date. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (res))))
    {
      g_clear_pointer (&result, list_result_free);
      return;
    }
  g_clear_object (&self->cancellable);

  g_clear_error (&self->error);
  old = g_steal_pointer (&self->rowids);
  if (result == NULL)
    {
      g_warning ("Could not list the families not reached: %s", error->message);
      self->error = g_steal_pointer (&error);
      self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->n_families = 0;
    }
  else
    {
      self->rowids = g_steal_pointer (&result->rowids);
      self->n_families = result->n_families;
      list_result_free (result);
    }

  old_n = old->len;
  new_n = self->rowids->len;
  clear_window (self);
  /* The family rows may all say something new (the days since), so the
   * whole list is replaced. */
  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_families != self->n_families)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAMILIES]);
  set_loading (self, FALSE);
}

void
pl_outreach_refresh (PlOutreach *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeZone *zone;
  ListData *data;
  GDate day;
  int year, month, mday;

  g_return_if_fail (PL_IS_OUTREACH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The start of the local day @days days ago: the list stays the same
   * all day, and a contact on that day still counts. */
  zone = self->time_zone ? self->time_zone : (local = g_time_zone_new_local ());
  now = self->now ? g_date_time_to_timezone (self->now, zone) : g_date_time_new_now (zone);
  g_date_time_get_ymd (now, &year, &month, &mday);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, mday, month, year);
  g_date_subtract_days (&day, self->days);
  midnight = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), 0, 0, 0);

  data = g_new0 (ListData, 1);
  data->path = g_strdup (pl_store_get_path (self->store));
  data->school_ids = g_strdupv (self->school_ids);
  data->since = format_utc (midnight);

  task = g_task_new (NULL, self->cancellable, on_list_read, g_object_ref (self));
  g_task_set_source_tag (task, pl_outreach_refresh);
  /* The answer comes back even when cancelled, to be dropped there. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, list_thread);
}

static void
on_family_changed (PlStore    *store,
                   const char *family_id,
                   PlOutreach *self)
{
  /* A contact logged, a family added or deleted, a sync. */
  pl_outreach_refresh (self);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Appends the first column of every row of @stmt to @out, joined by ", ". */
static gboolean
join_rows (PlOutreach    *self,
           sqlite3_stmt  *stmt,
           GString       *out,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("read the family"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

static PlOutreachFamily *
build_item (PlOutreach  *self,
            gint64       rowid,
            GError     **error)
{
  g_autoptr(GString) guardians = g_string_new (NULL);
  g_autoptr(GString) schools = g_string_new (NULL);
  char *texts[PL_OUTREACH_FAMILY_N_FIELDS] = { NULL };
  PlOutreachFamily *item = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self->store, "SELECT id, household_name, home_language FROM families"
                                         " WHERE rowid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self->store, rc, _("read the family"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  texts[PL_OUTREACH_FAMILY_ID] = g_strdup (column_text (stmt, 0));
  texts[PL_OUTREACH_FAMILY_HOUSEHOLD_NAME] = g_strdup (column_text (stmt, 1));
  texts[PL_OUTREACH_FAMILY_HOME_LANGUAGE] = g_strdup (column_text (stmt, 2));
  sqlite3_reset (stmt);

  stmt = _pl_store_prepare (self->store, "SELECT full_name FROM guardians WHERE family_id = ?"
                                         " AND deleted = 0 ORDER BY position, rowid", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, texts[PL_OUTREACH_FAMILY_ID], -1, SQLITE_TRANSIENT);
  if (!join_rows (self, stmt, guardians, error))
    goto out;

  stmt = _pl_store_prepare (self->store,
                            "SELECT sc.name FROM students s JOIN schools sc ON sc.id = s.school_id"
                            " WHERE s.family_id = ? AND s.deleted = 0"
                            " GROUP BY sc.id ORDER BY min (s.position), sc.name", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, texts[PL_OUTREACH_FAMILY_ID], -1, SQLITE_TRANSIENT);
  if (!join_rows (self, stmt, schools, error))
    goto out;

  stmt = _pl_store_prepare (self->store, "SELECT c.happened_at FROM contacts c"
                                         " INDEXED BY contacts_reached WHERE c.family_id = ? AND"
                                         REACHED " ORDER BY c.happened_at DESC LIMIT 1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, texts[PL_OUTREACH_FAMILY_ID], -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    texts[PL_OUTREACH_FAMILY_LAST_REACHED_AT] = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _pl_store_prepare (self->store, "SELECT happened_at, outcome FROM contacts"
                                         " WHERE family_id = ? AND deleted = 0"
                                         " ORDER BY happened_at DESC LIMIT 1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, texts[PL_OUTREACH_FAMILY_ID], -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      texts[PL_OUTREACH_FAMILY_LAST_CONTACT_AT] = g_strdup (column_text (stmt, 0));
      texts[PL_OUTREACH_FAMILY_LAST_OUTCOME] = g_strdup (column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  texts[PL_OUTREACH_FAMILY_GUARDIANS] = g_strdup (guardians->str);
  texts[PL_OUTREACH_FAMILY_SCHOOLS] = schools->len > 0 ? g_strdup (schools->str) : NULL;
  item = _pl_outreach_family_new ((const char *const *) texts);

out:
  for (guint i = 0; i < PL_OUTREACH_FAMILY_N_FIELDS; i++)
    g_free (texts[i]);
  return item;
}

static GType
pl_outreach_get_item_type (GListModel *model)
{
  return PL_TYPE_OUTREACH_FAMILY;
}

static guint
pl_outreach_get_n_items (GListModel *model)
{
  return PL_OUTREACH (model)->rowids->len;
}

static gpointer
pl_outreach_get_item (GListModel *model,
                      guint       position)
{
  PlOutreach *self = PL_OUTREACH (model);

  if (position >= self->rowids->len)
    return NULL;

  if (position < self->window_start || position >= self->window_start + self->window->len)
    {
      guint start = position > WINDOW_BEFORE ? position - WINDOW_BEFORE : 0;
      guint end = MIN (start + WINDOW_SIZE, self->rowids->len);

      clear_window (self);
      self->window_start = start;
      for (guint i = start; i < end; i++)
        {
          g_autoptr(GError) error = NULL;
          PlOutreachFamily *item = build_item (self, g_array_index (self->rowids, gint64, i),
                                               &error);

          /* A family that vanished under us shows as empty rather than
           * shifting every row after it; the next read drops it. */
          if (item == NULL)
            {
              const char *empty[PL_OUTREACH_FAMILY_N_FIELDS] = { NULL };

              g_debug ("Could not read a family: %s", error->message);
              item = _pl_outreach_family_new (empty);
            }
          g_ptr_array_add (self->window, item);
        }
    }

  return g_object_ref (g_ptr_array_index (self->window, position - self->window_start));
}

static void
pl_outreach_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_outreach_get_item_type;
  iface->get_n_items = pl_outreach_get_n_items;
  iface->get_item = pl_outreach_get_item;
}

static void
pl_outreach_dispose (GObject *object)
{
  PlOutreach *self = PL_OUTREACH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_outreach_parent_class)->dispose (object);
}

static void
pl_outreach_finalize (GObject *object)
{
  PlOutreach *self = PL_OUTREACH (object);

  g_strfreev (self->school_ids);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->window, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pl_outreach_parent_class)->finalize (object);
}

static void
pl_outreach_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlOutreach *self = PL_OUTREACH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;
    case PROP_SCHOOL_IDS:
      g_value_set_boxed (value, self->school_ids);
      break;
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_FAMILIES:
      g_value_set_uint (value, self->n_families);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_outreach_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlOutreach *self = PL_OUTREACH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DAYS:
      pl_outreach_set_days (self, g_value_get_uint (value));
      break;
    case PROP_SCHOOL_IDS:
      pl_outreach_set_school_ids (self, g_value_get_boxed (value));
      break;
    case PROP_NOW:
      pl_outreach_set_now (self, g_value_get_boxed (value));
      break;
    case PROP_TIME_ZONE:
      pl_outreach_set_time_zone (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_outreach_constructed (GObject *object)
{
  PlOutreach *self = PL_OUTREACH (object);

  G_OBJECT_CLASS (pl_outreach_parent_class)->constructed (object);

  g_return_if_fail (PL_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "family-changed",
                                       G_CALLBACK (on_family_changed), self);
  self->constructed = TRUE;
  pl_outreach_refresh (self);
}

static void
pl_outreach_class_init (PlOutreachClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_outreach_dispose;
  object_class->finalize = pl_outreach_finalize;
  object_class->get_property = pl_outreach_get_property;
  object_class->set_property = pl_outreach_set_property;
  object_class->constructed = pl_outreach_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL, 1, 3660, PL_OUTREACH_DEFAULT_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHOOL_IDS] =
    g_param_spec_boxed ("school-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FAMILIES] =
    g_param_spec_uint ("n-families", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_outreach_init (PlOutreach *self)
{
  self->days = PL_OUTREACH_DEFAULT_DAYS;
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->window = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pl_outreach_new:
 *
 * Returns: (transfer full): the families of every school not reached in
 *   the last PL_OUTREACH_DEFAULT_DAYS days; the first read starts now
 */
PlOutreach *
pl_outreach_new (PlStore *store)
{
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  return g_object_new (PL_TYPE_OUTREACH, "store", store, NULL);
}

PlStore *
pl_outreach_get_store (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), NULL);
  return self->store;
}

static void
changed (PlOutreach *self,
         guint       prop_id)
{
  /* During construction the first read waits for every property. */
  if (self->constructed)
    pl_outreach_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
pl_outreach_set_days (PlOutreach *self,
                      guint       days)
{
  g_return_if_fail (PL_IS_OUTREACH (self));
  g_return_if_fail (days > 0);

  if (self->days == days)
    return;
  self->days = days;
  changed (self, PROP_DAYS);
}

guint
pl_outreach_get_days (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), 0);
  return self->days;
}

/**
 * pl_outreach_set_school_ids:
 * @school_ids: (nullable) (array zero-terminated=1): the schools whose
 *   families to list; %NULL for every family
 */
void
pl_outreach_set_school_ids (PlOutreach        *self,
                            const char *const *school_ids)
{
  g_return_if_fail (PL_IS_OUTREACH (self));

  if (self->school_ids == NULL && school_ids == NULL)
    return;
  if (self->school_ids != NULL && school_ids != NULL &&
      g_strv_equal ((const char *const *) self->school_ids, school_ids))
    return;
  g_strfreev (self->school_ids);
  self->school_ids = g_strdupv ((char **) school_ids);
  changed (self, PROP_SCHOOL_IDS);
}

const char *const *
pl_outreach_get_school_ids (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), NULL);
  return (const char *const *) self->school_ids;
}

void
pl_outreach_set_now (PlOutreach *self,
                     GDateTime  *now)
{
  g_return_if_fail (PL_IS_OUTREACH (self));

  if (self->now == now)
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
  changed (self, PROP_NOW);
}

void
pl_outreach_set_time_zone (PlOutreach *self,
                           GTimeZone  *time_zone)
{
  g_return_if_fail (PL_IS_OUTREACH (self));

  if (self->time_zone == time_zone)
    return;
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone ? g_time_zone_ref (time_zone) : NULL;
  changed (self, PROP_TIME_ZONE);
}

gboolean
pl_outreach_get_loading (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), FALSE);
  return self->loading;
}

guint
pl_outreach_get_n_families (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), 0);
  return self->n_families;
}

const GError *
pl_outreach_get_error (PlOutreach *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH (self), NULL);
  return self->error;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-contact.h"
#include "pl-follow-up-private.h"
#include "pl-follow-ups.h"
#include "pl-util-private.h"
#include "pl-store-private.h"

/* How many items to build around the one asked for, as in the family list. */
#define WINDOW_BEFORE 20
#define WINDOW_SIZE 80

/* What makes a follow-up open. The same words as the partial index
 * contacts_open_follow_ups (migration 3), so SQLite may use it: the index
 * holds the few thousand open ones of a million contacts, with the columns
 * the scopes test, so counting reads no contact row. */
#define OPEN_FOLLOW_UP \
  " c.follow_up_due IS NOT NULL AND c.follow_up_done_at IS NULL AND c.deleted = 0"

struct _PlFollowUps
{
  GObject           parent_instance;

  PlStore          *store;
  gulong            changed_id;
  PlFollowUpScope   scope;
  PlFollowUpPeriod  period;
  GDateTime        *now;        /* pinned, or NULL for the clock */
  GTimeZone        *time_zone;  /* NULL for local */

  GDate             today;      /* of the last refresh */
  GArray           *rowids;     /* gint64, the matching contacts in order */
  GPtrArray        *window;     /* PlFollowUp for rowids [window_start, +len) */
  guint             window_start;
  GError           *error;
};

static void pl_follow_ups_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlFollowUps, pl_follow_ups, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pl_follow_ups_model_init))

G_DEFINE_QUARK (pl-follow-ups-error-quark, pl_follow_ups_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SCOPE,
  PROP_PERIOD,
  PROP_NOW,
  PROP_TIME_ZONE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dates */

static void
date_of (GDateTime *now,
         GDate     *out)
{
  g_autoptr(GDateTime) local = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A stored "YYYY-MM-DD", strictly: a typo must not become another day. */
static gboolean
parse_date (const char *text,
            GDate      *out)
{
  guint year, month, day;
  char end;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/**
 * pl_follow_ups_local_date:
 * @now: (nullable): a time in the zone whose calendar counts; NULL for now
 *   in the local zone
 *
 * Returns: (transfer full): the calendar day of @now plus @offset_days
 */
char *
pl_follow_ups_local_date (GDateTime *now,
                          int        offset_days)
{
  GDate date;

  date_of (now, &date);
  if (offset_days > 0)
    g_date_add_days (&date, offset_days);
  else if (offset_days < 0)
    g_date_subtract_days (&date, -offset_days);
  return format_date (&date);
}

/* The person and their schools */

static char *
dup_me (PlStore *store)
{
  return pl_store_dup_me (store);
}

/**
 * pl_follow_ups_dup_my_schools:
 *
 * Returns: (transfer full) (nullable): the school ids, or %NULL for every
 *   school (or on error, with @error set)
 */
GStrv
pl_follow_ups_dup_my_schools (PlStore  *store,
                              GError  **error)
{
  g_autofree char *me = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  me = dup_me (store);
  if (me == NULL)
    return NULL;

  stmt = _pl_store_prepare (store, "SELECT school_ids FROM staff_users"
                                   " WHERE username = ? AND deleted = 0 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, me, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      ids = g_strsplit (text ? text : "", ",", -1);
    }
  else if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the staff records"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (ids == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      /* The server writes "all" for a user of every school. */
      if (g_ascii_strcasecmp (ids[i], "all") == 0 || g_str_equal (ids[i], "*"))
        return NULL;
      if (*ids[i] != '\0')
        g_strv_builder_add (builder, ids[i]);
    }
  g_clear_pointer (&ids, g_strfreev);
  ids = g_strv_builder_end (builder);
  if (ids[0] == NULL)
    return NULL;
  return g_steal_pointer (&ids);
}

/* Query pieces shared by the list and the counts. */
typedef struct
{
  char *today;
  char *week_end;
  char *me;       /* for MINE */
  char *schools;  /* ",id,id," for MY_SCHOOLS; NULL for every school */
  gboolean nobody;  /* MINE without a "me": nothing is anybody's */
} Filter;

static void
filter_clear (Filter *filter)
{
  g_free (filter->today);
  g_free (filter->week_end);
  g_free (filter->me);
  g_free (filter->schools);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filter, filter_clear)

static gboolean
filter_init (Filter           *filter,
             PlStore          *store,
             PlFollowUpScope   scope,
             const GDate      *today,
             GError          **error)
{
  GDate week_end = *today;

  g_date_add_days (&week_end, 6);
  filter->today = format_date (today);
  filter->week_end = format_date (&week_end);

  if (scope == PL_FOLLOW_UP_SCOPE_MINE)
    {
      filter->me = dup_me (store);
      filter->nobody = filter->me == NULL;
    }
  else if (scope == PL_FOLLOW_UP_SCOPE_MY_SCHOOLS)
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) schools = pl_follow_ups_dup_my_schools (store, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (schools != NULL)
        {
          g_autofree char *joined = g_strjoinv (",", schools);
          filter->schools = g_strconcat (",", joined, ",", NULL);
        }
    }
  return TRUE;
}

static void
append_scope (GString *sql,
              Filter  *filter)
{
  if (filter->me != NULL)
    g_string_append (sql, " AND coalesce (c.follow_up_owner, c.staff_id) = :me");
  if (filter->schools != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM students s WHERE s.family_id = c.family_id"
                          " AND s.deleted = 0"
                          " AND instr (:schools, ',' || s.school_id || ',') > 0)");
}

static void
bind_filter (sqlite3_stmt *stmt,
             Filter       *filter)
{
  struct { const char *name; const char *value; } params[] = {
    { ":today", filter->today },
    { ":week_end", filter->week_end },
    { ":me", filter->me },
    { ":schools", filter->schools },
  };

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      int index = sqlite3_bind_parameter_index (stmt, params[i].name);

      if (index > 0)
        sqlite3_bind_text (stmt, index, params[i].value, -1, SQLITE_TRANSIENT);
    }
}

/**
 * pl_follow_ups_count:
 * @now: (nullable): the time whose calendar day is "today", in the zone
 *   that counts; NULL for now in the local zone
 *
 * Counts the open follow-ups of @scope by period. Later ones are not counted.
 */
gboolean
pl_follow_ups_count (PlStore           *store,
                     PlFollowUpScope    scope,
                     GDateTime         *now,
                     PlFollowUpCounts  *counts,
                     GError           **error)
{
  g_auto(Filter) filter = { 0 };
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  GDate today;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (PlFollowUpCounts) { 0 };
  date_of (now, &today);
  if (!filter_init (&filter, store, scope, &today, error))
    return FALSE;
  if (filter.nobody)
    return TRUE;

  /* Families are deleted rarely: testing the few deleted ones' ids is far
   * cheaper than looking up the family of every open follow-up. */
  sql = g_string_new ("SELECT coalesce (sum (c.follow_up_due < :today), 0),"
                      " coalesce (sum (c.follow_up_due = :today), 0),"
                      " coalesce (sum (c.follow_up_due > :today), 0)"
                      " FROM contacts c INDEXED BY contacts_open_follow_ups WHERE" OPEN_FOLLOW_UP
                      " AND c.follow_up_due <= :week_end"
                      " AND c.family_id NOT IN (SELECT id FROM families WHERE deleted = 1)");
  append_scope (sql, &filter);

  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, &filter);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("count the follow-ups"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  counts->overdue = sqlite3_column_int (stmt, 0);
  counts->today = sqlite3_column_int (stmt, 1);
  counts->this_week = sqlite3_column_int (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The list */

static GDateTime *
list_now (PlFollowUps *self)
{
  g_autoptr(GTimeZone) local = NULL;
  GTimeZone *zone = self->time_zone;

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  if (self->now != NULL)
    return g_date_time_to_timezone (self->now, zone);
  return g_date_time_new_now (zone);
}

static GArray *
query_rowids (PlFollowUps  *self,
              GError      **error)
{
  g_auto(Filter) filter = { 0 };
  g_autoptr(GString) sql = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!filter_init (&filter, self->store, self->scope, &self->today, error))
    return NULL;
  if (filter.nobody)
    return g_steal_pointer (&rowids);

  sql = g_string_new ("SELECT c.rowid FROM contacts c INDEXED BY contacts_open_follow_ups"
                      " CROSS JOIN families f ON f.id = c.family_id"
                      " WHERE" OPEN_FOLLOW_UP " AND f.deleted = 0");
  switch (self->period)
    {
    case PL_FOLLOW_UP_OVERDUE:
      g_string_append (sql, " AND c.follow_up_due < :today");
      break;
    case PL_FOLLOW_UP_TODAY:
      g_string_append (sql, " AND c.follow_up_due = :today");
      break;
    case PL_FOLLOW_UP_THIS_WEEK:
      g_string_append (sql, " AND c.follow_up_due > :today AND c.follow_up_due <= :week_end");
      break;
    case PL_FOLLOW_UP_LATER:
    default:
      g_string_append (sql, " AND c.follow_up_due > :week_end");
      break;
    }
  append_scope (sql, &filter);
  g_string_append_printf (sql, " ORDER BY c.follow_up_due %s, f.sort_key, c.rowid",
                          self->period == PL_FOLLOW_UP_OVERDUE ? "DESC" : "ASC");

  stmt = _pl_store_prepare (self->store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, &filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("list the follow-ups"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

static void
clear_window (PlFollowUps *self)
{
  g_ptr_array_set_size (self->window, 0);
  self->window_start = 0;
}

/* Reads the list again and tells views only what moved: the rows between
 * the common head and the common tail of the old and new lists. */
static void
refresh (PlFollowUps *self,
         gboolean     all_changed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) old = g_steal_pointer (&self->rowids);
  g_autoptr(GDateTime) now = list_now (self);
  GArray *fresh;
  GDate today;
  

  /* On a new day every item's distance to its due date changed. */
  date_of (now, &today);
  if (!g_date_valid (&self->today) || g_date_compare (&today, &self->today) != 0)
    all_changed = TRUE;
  self->today = today;

  g_clear_error (&self->error);
  fresh = query_rowids (self, &error);
  if (fresh == NULL)
    {
      g_warning ("Could not list follow-ups: %s", error->message);
      self->error = g_steal_pointer (&error);
      fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  self->rowids = fresh;
  clear_window (self);

  if (_pl_rowids_announce (G_LIST_MODEL (self), old, fresh, all_changed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_family_changed (PlStore     *store,
                   const char  *family_id,
                   PlFollowUps *self)
{
  /* The rows of a family that stayed in place may still show something
   * new (a guardian's name), so the family's own rows are rebuilt too. */
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  if (family_id != NULL)
    for (guint i = 0; i < self->window->len; i++)
      if (g_strcmp0 (pl_follow_up_get_family_id (g_ptr_array_index (self->window, i)),
                     family_id) == 0)
        {
          guint position = self->window_start + i;
          g_array_append_val (positions, position);
        }

  refresh (self, family_id == NULL);

  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      if (position < self->rowids->len)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static PlFollowUp *
build_item (PlFollowUps  *self,
            gint64        rowid,
            GError      **error)
{
  g_autoptr(GString) schools = g_string_new (NULL);
  char *texts[PL_FOLLOW_UP_N_FIELDS] = { NULL };
  PlFollowUp *item = NULL;
  sqlite3_stmt *stmt;
  GDate due;
  int days = 0;
  int rc;

  /* The guardian the contact was with, even if removed since: that is who
   * was spoken to. A contact with nobody named shows the family's first. */
  stmt = _pl_store_prepare (self->store,
                            "SELECT c.id, c.family_id, f.household_name, c.guardian_id,"
                            " coalesce (g.full_name, (SELECT full_name FROM guardians"
                            "   WHERE family_id = c.family_id AND deleted = 0"
                            "   ORDER BY position, rowid LIMIT 1)),"
                            " c.follow_up_due, c.happened_at, c.method, c.purpose,"
                            " c.purpose_other, c.outcome, c.notes,"
                            " coalesce (c.follow_up_owner, c.staff_id),"
                            " (SELECT display_name FROM staff_users"
                            "   WHERE username = coalesce (c.follow_up_owner, c.staff_id)"
                            "   AND deleted = 0 LIMIT 1)"
                            " FROM contacts c JOIN families f ON f.id = c.family_id"
                            " LEFT JOIN guardians g ON g.id = c.guardian_id"
                            " WHERE c.rowid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN,
                             _("The follow-up is no longer there"));
      else
        _pl_store_set_error (self->store, rc, _("read the follow-up"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  for (int i = 0; i < PL_FOLLOW_UP_SCHOOLS; i++)
    texts[i] = g_strdup (column_text (stmt, i));
  sqlite3_reset (stmt);

  stmt = _pl_store_prepare (self->store,
                            "SELECT sc.name FROM students s JOIN schools sc ON sc.id = s.school_id"
                            " WHERE s.family_id = ? AND s.deleted = 0"
                            " GROUP BY sc.id ORDER BY min (s.position), sc.name", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, texts[PL_FOLLOW_UP_FAMILY_ID], -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (schools->len > 0)
        g_string_append (schools, ", ");
      g_string_append (schools, column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("read the schools"), error);
      sqlite3_reset (stmt);
      goto out;
    }
  texts[PL_FOLLOW_UP_SCHOOLS] = schools->len > 0 ? g_strdup (schools->str) : NULL;

  if (parse_date (texts[PL_FOLLOW_UP_DUE], &due))
    days = (int) g_date_get_julian (&due) - (int) g_date_get_julian (&self->today);

  item = _pl_follow_up_new ((const char *const *) texts, days);

out:
  for (guint i = 0; i < PL_FOLLOW_UP_N_FIELDS; i++)
    g_free (texts[i]);
  return item;
}

static GType
pl_follow_ups_get_item_type (GListModel *model)
{
  return PL_TYPE_FOLLOW_UP;
}

static guint
pl_follow_ups_get_n_items (GListModel *model)
{
  return PL_FOLLOW_UPS (model)->rowids->len;
}

static gpointer
pl_follow_ups_get_item (GListModel *model,
                        guint       position)
{
  PlFollowUps *self = PL_FOLLOW_UPS (model);

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
          PlFollowUp *item = build_item (self, g_array_index (self->rowids, gint64, i), &error);

          /* A row that vanished under us (another program changed it) shows
           * as empty rather than shifting every row after it. */
          if (item == NULL)
            {
              const char *empty[PL_FOLLOW_UP_N_FIELDS] = { NULL };

              g_debug ("Could not read a follow-up: %s", error->message);
              item = _pl_follow_up_new (empty, 0);
            }
          g_ptr_array_add (self->window, item);
        }
    }

  return g_object_ref (g_ptr_array_index (self->window, position - self->window_start));
}

static void
pl_follow_ups_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_follow_ups_get_item_type;
  iface->get_n_items = pl_follow_ups_get_n_items;
  iface->get_item = pl_follow_ups_get_item;
}

static void
pl_follow_ups_dispose (GObject *object)
{
  PlFollowUps *self = PL_FOLLOW_UPS (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_follow_ups_parent_class)->dispose (object);
}

static void
pl_follow_ups_finalize (GObject *object)
{
  PlFollowUps *self = PL_FOLLOW_UPS (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->window, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pl_follow_ups_parent_class)->finalize (object);
}

static void
pl_follow_ups_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlFollowUps *self = PL_FOLLOW_UPS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->period);
      break;
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_follow_ups_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlFollowUps *self = PL_FOLLOW_UPS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      pl_follow_ups_set_scope (self, g_value_get_int (value));
      break;
    case PROP_PERIOD:
      pl_follow_ups_set_period (self, g_value_get_int (value));
      break;
    case PROP_NOW:
      pl_follow_ups_set_now (self, g_value_get_boxed (value));
      break;
    case PROP_TIME_ZONE:
      pl_follow_ups_set_time_zone (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_follow_ups_constructed (GObject *object)
{
  PlFollowUps *self = PL_FOLLOW_UPS (object);

  G_OBJECT_CLASS (pl_follow_ups_parent_class)->constructed (object);

  g_return_if_fail (PL_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "family-changed",
                                       G_CALLBACK (on_family_changed), self);
  refresh (self, TRUE);
}

static void
pl_follow_ups_class_init (PlFollowUpsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_follow_ups_dispose;
  object_class->finalize = pl_follow_ups_finalize;
  object_class->get_property = pl_follow_ups_get_property;
  object_class->set_property = pl_follow_ups_set_property;
  object_class->constructed = pl_follow_ups_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Plain ints: the enums are not registered types. */
  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL, PL_FOLLOW_UP_SCOPE_MINE, PL_FOLLOW_UP_SCOPE_EVERYONE,
                      PL_FOLLOW_UP_SCOPE_MINE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL, PL_FOLLOW_UP_OVERDUE, PL_FOLLOW_UP_LATER,
                      PL_FOLLOW_UP_TODAY,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_follow_ups_init (PlFollowUps *self)
{
  self->period = PL_FOLLOW_UP_TODAY;
  g_date_clear (&self->today, 1);
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->window = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pl_follow_ups_new:
 *
 * Returns: (transfer full): the open follow-ups of @scope due in @period
 */
PlFollowUps *
pl_follow_ups_new (PlStore          *store,
                   PlFollowUpScope   scope,
                   PlFollowUpPeriod  period)
{
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  return g_object_new (PL_TYPE_FOLLOW_UPS, "store", store, "scope", scope, "period", period,
                       NULL);
}

PlStore *
pl_follow_ups_get_store (PlFollowUps *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS (self), NULL);
  return self->store;
}

/* Until the store is set (during construction) there is nothing to list. */
static void
changed (PlFollowUps *self,
         guint        prop_id)
{
  if (self->store != NULL && self->changed_id != 0)
    refresh (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
pl_follow_ups_set_scope (PlFollowUps     *self,
                         PlFollowUpScope  scope)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS (self));

  if (self->scope == scope)
    return;
  self->scope = scope;
  changed (self, PROP_SCOPE);
}

PlFollowUpScope
pl_follow_ups_get_scope (PlFollowUps *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS (self), PL_FOLLOW_UP_SCOPE_MINE);
  return self->scope;
}

void
pl_follow_ups_set_period (PlFollowUps      *self,
                          PlFollowUpPeriod  period)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS (self));

  if (self->period == period)
    return;
  self->period = period;
  changed (self, PROP_PERIOD);
}

PlFollowUpPeriod
pl_follow_ups_get_period (PlFollowUps *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS (self), PL_FOLLOW_UP_TODAY);
  return self->period;
}

/**
 * pl_follow_ups_set_now:
 * @now: (nullable): the time to list for, or %NULL for the clock
 */
void
pl_follow_ups_set_now (PlFollowUps *self,
                       GDateTime   *now)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS (self));

  if (self->now == now)
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
  changed (self, PROP_NOW);
}

/**
 * pl_follow_ups_set_time_zone:
 * @time_zone: (nullable): the zone whose calendar days count, or %NULL for
 *   the local one
 */
void
pl_follow_ups_set_time_zone (PlFollowUps *self,
                             GTimeZone   *time_zone)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS (self));

  if (self->time_zone == time_zone)
    return;
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone ? g_time_zone_ref (time_zone) : NULL;
  changed (self, PROP_TIME_ZONE);
}

void
pl_follow_ups_refresh (PlFollowUps *self)
{
  g_return_if_fail (PL_IS_FOLLOW_UPS (self));
  refresh (self, FALSE);
}

int
pl_follow_ups_find (PlFollowUps *self,
                    const char  *contact_id)
{
  sqlite3_stmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (PL_IS_FOLLOW_UPS (self), -1);

  stmt = _pl_store_prepare (self->store, "SELECT rowid FROM contacts WHERE id = ?", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, contact_id, -1, SQLITE_TRANSIENT);
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
pl_follow_ups_get_error (PlFollowUps *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UPS (self), NULL);
  return self->error;
}

/* Changes */

/* Writes one field of a follow-up's contact as a journaled change; the
 * follow-up must be open, or with @reopen done. */
static gboolean
write_follow_up_field (PlStore     *store,
                       const char  *contact_id,
                       const char  *field,
                       const char  *value,
                       gboolean     reopen,
                       GError     **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("contacts");
  g_autoptr(GHashTable) row = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *family_id = NULL;
  const char *values[32];
  guint n = _pl_store_n_columns (entity);

  g_assert (n <= G_N_ELEMENTS (values));

  if (!_pl_store_begin (store, error))
    return FALSE;

  row = _pl_store_read_row (store, entity, contact_id, error);
  if (row == NULL && error != NULL && *error != NULL)
    goto failed;
  if (row == NULL || g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0 ||
      g_hash_table_lookup (row, "follow_up_due") == NULL)
    {
      g_set_error_literal (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN,
                           _("This follow-up is no longer there: its contact was removed, "
                             "perhaps on another computer"));
      goto failed;
    }
  if (!reopen && g_hash_table_lookup (row, "follow_up_done_at") != NULL)
    {
      g_set_error_literal (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN,
                           _("This follow-up is already done, perhaps on another computer"));
      goto failed;
    }
  if (reopen && g_hash_table_lookup (row, "follow_up_done_at") == NULL)
    {
      g_set_error_literal (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN,
                           _("This follow-up is open already"));
      goto failed;
    }

  for (guint i = 0; i < n; i++)
    values[i] = g_str_equal (entity->columns[i].name, field)
                  ? value : g_hash_table_lookup (row, entity->columns[i].name);
  family_id = g_strdup (g_hash_table_lookup (row, "family_id"));

  hlc = pl_clock_now (pl_store_get_clock (store));
  if (!_pl_store_write_row (store, entity, contact_id, values, FALSE, hlc, error) ||
      !_pl_store_commit (store, error))
    goto failed;

  /* The contact is part of the family's record: its page and every list of
   * follow-ups learn of it the way they learn of any change to the family. */
  _pl_store_emit_contacts_changed (store, family_id);
  return TRUE;

failed:
  _pl_store_rollback (store);
  return FALSE;
}

/**
 * pl_follow_ups_mark_done:
 * @done_at: (nullable): when it was done; %NULL for now
 *
 * Fails with %PL_FOLLOW_UPS_ERROR_NOT_OPEN when the follow-up is already
 * done, or its contact is deleted or unknown.
 */
gboolean
pl_follow_ups_mark_done (PlStore     *store,
                         const char  *contact_id,
                         GDateTime   *done_at,
                         GError     **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);

  when = done_at ? g_date_time_to_utc (done_at) : g_date_time_new_now_utc ();
  text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  return write_follow_up_field (store, contact_id, "follow_up_done_at", text, FALSE, error);
}

/**
 * pl_follow_ups_reopen:
 *
 * Undoes pl_follow_ups_mark_done(): the follow-up is open again, due when
 * it was (a journaled change).
 */
gboolean
pl_follow_ups_reopen (PlStore     *store,
                      const char  *contact_id,
                      GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);

  return write_follow_up_field (store, contact_id, "follow_up_done_at", NULL, TRUE, error);
}

/**
 * pl_follow_ups_reschedule:
 * @due: the new due date, "YYYY-MM-DD"
 * @now: (nullable): the time whose calendar day is "today"; NULL for now
 *   in the local zone
 *
 * Fails with %PL_FOLLOW_UPS_ERROR_INVALID_DATE for a date that does not
 * exist, %PL_FOLLOW_UPS_ERROR_PAST_DATE for one before today, and
 * %PL_FOLLOW_UPS_ERROR_NOT_OPEN as pl_follow_ups_mark_done() does.
 */
gboolean
pl_follow_ups_reschedule (PlStore     *store,
                          const char  *contact_id,
                          const char  *due,
                          GDateTime   *now,
                          GError     **error)
{
  GDate date, today;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);

  if (!parse_date (due, &date))
    {
      g_set_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_INVALID_DATE,
                   /* Translators: %s is what was given as a date */
                   _("“%s” is not a date; a follow-up date looks like 2026-11-30"),
                   due ? due : "");
      return FALSE;
    }

  date_of (now, &today);
  if (g_date_compare (&date, &today) < 0)
    {
      g_autofree char *today_text = format_date (&today);

      g_set_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_PAST_DATE,
                   /* Translators: the first %s is the date chosen, the second today's date */
                   _("%s has already passed; choose today (%s) or a later day"),
                   due, today_text);
      return FALSE;
    }

  return write_follow_up_field (store, contact_id, "follow_up_due", due, FALSE, error);
}

/**
 * pl_follow_ups_seconds_to_next_day:
 * @now: (nullable): a time in the zone whose calendar counts; NULL for now,
 *   local
 *
 * Returns: the seconds until the next day begins there (at least 1)
 */
guint
pl_follow_ups_seconds_to_next_day (GDateTime *now)
{
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  GTimeSpan span;

  midnight = g_date_time_new (g_date_time_get_timezone (current),
                              g_date_time_get_year (current), g_date_time_get_month (current),
                              g_date_time_get_day_of_month (current), 0, 0, 0);
  /* Adding a day to a local midnight keeps it a midnight across a change
   * of summer time, where adding 24 hours would not. */
  tomorrow = g_date_time_add_days (midnight, 1);
  span = g_date_time_difference (tomorrow, current);
  return (guint) MAX (1, (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}

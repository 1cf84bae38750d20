/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-council-private.h"
#include "pl-languages.h"
#include "pl-store-councils.h"
#include "pl-store-private.h"
#include "pl-util-private.h"

/* Councils and their meetings: rows of synced tables written through
 * _pl_store_write_row(), so every save is journaled and merges like a
 * family. Nothing is removed: a member whose term ended keeps their row, a
 * cancelled meeting stays to tell families, a done action item stays. */

#define MAX_VALUES 17
#define MAX_SERIES 366

/* A row id from its parts: the first 128 bits of their SHA-256, written
 * like a UUID. Two laptops adding the same closure meet on one row. */
static char *
derived_id (const char *first,
            ...)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *part = first;
  const char *hex;
  va_list args;

  va_start (args, first);
  while (part != NULL)
    {
      g_checksum_update (sum, (const guchar *) part, -1);
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
      part = va_arg (args, const char *);
    }
  va_end (args);
  hex = g_checksum_get_string (sum);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Every id a query with up to two text parameters returns. */
static GPtrArray *
list_ids (PlStore     *self,
          const char  *sql,
          const char  *param1,
          const char  *param2,
          GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param1 != NULL)
    sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2 != NULL)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read councils"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* One text value of a query with one parameter; NULL with no error when
 * there is no row. */
static char *
query_text (PlStore     *self,
            const char  *sql,
            const char  *param,
            gboolean    *found,
            GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  char *text = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      text = g_strdup (column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _pl_store_set_error (self, rc, _("read councils"), error);
  return text;
}

/* A live row of @table, or NULL with PL_COUNCIL_ERROR_NOT_FOUND saying @what. */
static GHashTable *
read_live_row (PlStore     *self,
               const char  *table,
               const char  *id,
               const char  *what,
               GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;

  if (id == NULL)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_NOT_FOUND, "%s", what);
      return NULL;
    }
  row = _pl_store_read_row (self, _pl_store_lookup_entity (table), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (row == NULL || g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_NOT_FOUND, "%s", what);
      return NULL;
    }
  return g_steal_pointer (&row);
}

static const char *
row_text (GHashTable *row,
          const char *name)
{
  return g_hash_table_lookup (row, name);
}

static gboolean
row_flag (GHashTable *row,
          const char *name)
{
  return g_strcmp0 (row_text (row, name), "1") == 0;
}

/* Saves one row in its own transaction. */
static gboolean
write_one (PlStore            *self,
           const char         *table,
           const char         *id,
           const char *const  *values,
           gboolean            deleted,
           GError            **error)
{
  g_autofree char *hlc = NULL;

  if (!_pl_store_begin (self, error))
    return FALSE;
  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!_pl_store_write_row (self, _pl_store_lookup_entity (table), id, values, deleted, hlc,
                            error) ||
      !_pl_store_commit (self, error))
    {
      _pl_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Councils */

PlCouncil *
pl_store_load_council (PlStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(PlCouncil) council = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  row = read_live_row (self, "councils", id, _("That council is no longer in the database"), error);
  if (row == NULL)
    return NULL;
  council = _pl_council_new_stored (id, row_text (row, "school_id"));
  pl_council_set_name (council, row_text (row, "name"));
  pl_council_set_purpose (council, row_text (row, "purpose"));
  pl_council_set_meeting_pattern (council, row_text (row, "meeting_pattern"));
  languages = _pl_council_split_languages (row_text (row, "languages"));
  pl_council_set_languages (council, (const char *const *) languages);
  pl_council_set_timezone (council, row_text (row, "timezone"));
  return g_steal_pointer (&council);
}

GPtrArray *
pl_store_list_councils (PlStore     *self,
                        const char  *school_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) councils = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (school_id != NULL)
    ids = list_ids (self, "SELECT id FROM councils WHERE school_id = ? AND deleted = 0"
                          " ORDER BY name COLLATE NOCASE, id", school_id, NULL, error);
  else
    ids = list_ids (self, "SELECT id FROM councils WHERE deleted = 0"
                          " ORDER BY name COLLATE NOCASE, id", NULL, NULL, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PlCouncil *council = pl_store_load_council (self, ids->pdata[i], error);

      if (council == NULL)
        return NULL;
      g_ptr_array_add (councils, council);
    }
  return g_steal_pointer (&councils);
}

gboolean
pl_store_save_council (PlStore    *self,
                       PlCouncil  *council,
                       GError    **error)
{
  g_autoptr(GHashTable) school = NULL;
  g_autofree char *languages = NULL;
  const char *values[6];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_COUNCIL (council), FALSE);

  if (!pl_council_validate (council, error))
    return FALSE;
  school = read_live_row (self, "schools", pl_council_get_school_id (council),
                          _("That school is no longer in the database"), error);
  if (school == NULL)
    return FALSE;
  languages = _pl_council_join_languages (pl_council_get_languages (council));
  values[0] = pl_council_get_school_id (council);
  values[1] = pl_council_get_name (council);
  values[2] = pl_council_get_purpose (council);
  values[3] = pl_council_get_meeting_pattern (council);
  values[4] = languages;
  values[5] = pl_council_get_timezone (council);
  return write_one (self, "councils", pl_council_get_id (council), values, FALSE, error);
}

/* Members */

/* Fills a member's name (and family) from the directory. */
static gboolean
fill_member_name (PlStore          *self,
                  PlCouncilMember  *member,
                  GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (pl_council_member_get_guardian_id (member) != NULL)
    {
      stmt = _pl_store_prepare (self, "SELECT full_name, family_id FROM guardians WHERE id = ?",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_council_member_get_guardian_id (member), -1,
                         SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          _pl_council_member_set_display_name (member, column_text (stmt, 0));
          _pl_council_member_set_family_id (member, column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  else
    {
      stmt = _pl_store_prepare (self, "SELECT display_name FROM staff_users"
                                      " WHERE username = ? AND deleted = 0"
                                      " ORDER BY display_name IS NULL LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_council_member_get_staff_id (member), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      _pl_council_member_set_display_name (member,
                                           rc == SQLITE_ROW && column_text (stmt, 0) != NULL
                                           ? column_text (stmt, 0)
                                           : pl_council_member_get_staff_id (member));
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read council members"), error);
      return FALSE;
    }
  return TRUE;
}

static PlCouncilMember *
load_member (PlStore     *self,
             const char  *id,
             GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(PlCouncilMember) member = NULL;

  row = read_live_row (self, "council_members", id,
                       _("That council member is no longer in the database"), error);
  if (row == NULL)
    return NULL;
  member = _pl_council_member_new_stored (id, row_text (row, "council_id"));
  _pl_council_member_set_person (member, row_text (row, "guardian_id"), row_text (row, "staff_id"));
  pl_council_member_set_role (member, row_text (row, "role"));
  pl_council_member_set_term_start (member, row_text (row, "term_start"));
  pl_council_member_set_term_end (member, row_text (row, "term_end"));
  pl_council_member_set_language (member, row_text (row, "language"));
  if (!fill_member_name (self, member, error))
    return NULL;
  return g_steal_pointer (&member);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PlCouncilMember *x = *(PlCouncilMember **) a;
  PlCouncilMember *y = *(PlCouncilMember **) b;
  const char *day = user_data;
  gboolean x_current = pl_council_member_is_current (x, day);
  gboolean y_current = pl_council_member_is_current (y, day);
  g_autofree char *x_key = NULL;
  g_autofree char *y_key = NULL;

  if (x_current != y_current)
    return x_current ? -1 : 1;
  x_key = g_utf8_collate_key (pl_council_member_get_display_name (x) ?
                              pl_council_member_get_display_name (x) : "", -1);
  y_key = g_utf8_collate_key (pl_council_member_get_display_name (y) ?
                              pl_council_member_get_display_name (y) : "", -1);
  return strcmp (x_key, y_key);
}

GPtrArray *
pl_store_list_council_members (PlStore     *self,
                               const char  *council_id,
                               const char  *day,
                               GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *today = today_text ();

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  ids = list_ids (self, "SELECT id FROM council_members WHERE council_id = ? AND deleted = 0",
                  council_id, NULL, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PlCouncilMember *member = load_member (self, ids->pdata[i], error);

      if (member == NULL)
        return NULL;
      if (day != NULL && !pl_council_member_is_current (member, day))
        g_object_unref (member);
      else
        g_ptr_array_add (members, member);
    }
  g_ptr_array_sort_with_data (members, compare_members, day != NULL ? (gpointer) day : today);
  return g_steal_pointer (&members);
}

gboolean
pl_store_save_council_member (PlStore          *self,
                              PlCouncilMember  *member,
                              GError          **error)
{
  g_autoptr(GHashTable) council = NULL;
  const char *start = pl_council_member_get_term_start (member);
  const char *end = pl_council_member_get_term_end (member);
  const char *values[7];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_COUNCIL_MEMBER (member), FALSE);

  if (!pl_council_role_is_valid (pl_council_member_get_role (member)))
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not a council role"),
                   pl_council_member_get_role (member) ? pl_council_member_get_role (member) : "");
      return FALSE;
    }
  if (!_pl_council_check_date (start, _("the start of the term"), error) ||
      !_pl_council_check_date (end, _("the end of the term"), error))
    return FALSE;
  if (start != NULL && end != NULL && strcmp (end, start) < 0)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("The term cannot end (%s) before it starts (%s)"), end, start);
      return FALSE;
    }
  council = read_live_row (self, "councils", pl_council_member_get_council_id (member),
                           _("That council is no longer in the database"), error);
  if (council == NULL)
    return FALSE;
  if (pl_council_member_get_guardian_id (member) != NULL)
    {
      g_autoptr(GHashTable) guardian =
        read_live_row (self, "guardians", pl_council_member_get_guardian_id (member),
                       _("That guardian is no longer in the family directory"), error);

      if (guardian == NULL)
        return FALSE;
    }
  else if (pl_council_member_get_staff_id (member) == NULL)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("A council member is a guardian or a staff member"));
      return FALSE;
    }
  values[0] = pl_council_member_get_council_id (member);
  values[1] = pl_council_member_get_guardian_id (member);
  values[2] = pl_council_member_get_guardian_id (member) ? NULL
              : pl_council_member_get_staff_id (member);
  values[3] = pl_council_member_get_role (member);
  values[4] = start;
  values[5] = end;
  values[6] = pl_council_member_get_language (member);
  if (!write_one (self, "council_members", pl_council_member_get_id (member), values, FALSE, error))
    return FALSE;
  return fill_member_name (self, member, error);
}

gboolean
pl_store_delete_council_member (PlStore     *self,
                                const char  *member_id,
                                GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  const PlEntity *entity = _pl_store_lookup_entity ("council_members");
  const char *values[MAX_VALUES];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  row = read_live_row (self, "council_members", member_id,
                       _("That council member is no longer in the database"), error);
  if (row == NULL)
    return FALSE;
  for (guint c = 0; c < _pl_store_n_columns (entity); c++)
    values[c] = row_text (row, entity->columns[c].name);
  return write_one (self, "council_members", member_id, values, TRUE, error);
}

/* Makeup */

const char *
pl_grade_band_label (PlGradeBand band)
{
  switch (band)
    {
    case PL_GRADE_BAND_PK:
      return C_("grade band", "Pre-K");
    case PL_GRADE_BAND_K_2:
      return C_("grade band", "K–2");
    case PL_GRADE_BAND_3_5:
      return C_("grade band", "3–5");
    case PL_GRADE_BAND_6_8:
      return C_("grade band", "6–8");
    case PL_GRADE_BAND_9_12:
      return C_("grade band", "9–12");
    case PL_N_GRADE_BANDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static PlGradeBand
band_of_grade (int grade)
{
  if (grade < 0)
    return PL_GRADE_BAND_PK;
  if (grade <= 2)
    return PL_GRADE_BAND_K_2;
  if (grade <= 5)
    return PL_GRADE_BAND_3_5;
  if (grade <= 8)
    return PL_GRADE_BAND_6_8;
  return PL_GRADE_BAND_9_12;
}

void
pl_council_makeup_free (PlCouncilMakeup *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->member_languages, g_hash_table_unref);
  g_clear_pointer (&self->family_languages, g_hash_table_unref);
  g_free (self);
}

static void
count_language (GHashTable *table,
                const char *code)
{
  const char *key = code != NULL ? code : "";
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/* The bands a family has children in at a school, as bits. */
static gboolean
family_bands (PlStore     *self,
              const char  *family_id,
              const char  *school_id,
              guint       *bits,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *bits = 0;
  stmt = _pl_store_prepare (self, "SELECT grade FROM students WHERE family_id = ? AND"
                                  " school_id = ? AND deleted = 0 AND grade IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *bits |= 1u << band_of_grade (sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read councils"), error);
      return FALSE;
    }
  return TRUE;
}

PlCouncilMakeup *
pl_store_get_council_makeup (PlStore     *self,
                             const char  *council_id,
                             const char  *day,
                             GError     **error)
{
  g_autoptr(PlCouncilMakeup) makeup = g_new0 (PlCouncilMakeup, 1);
  g_autoptr(PlCouncil) council = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *today = NULL;
  g_autofree char *last_family = NULL;
  guint bits = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  makeup->member_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  makeup->family_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  council = pl_store_load_council (self, council_id, error);
  if (council == NULL)
    return NULL;
  if (day == NULL)
    day = today = today_text ();
  members = pl_store_list_council_members (self, council_id, day, error);
  if (members == NULL)
    return NULL;

  for (guint i = 0; i < members->len; i++)
    {
      PlCouncilMember *member = members->pdata[i];
      const char *family_id = pl_council_member_get_family_id (member);
      g_autofree char *language = NULL;

      if (pl_council_member_get_guardian_id (member) == NULL || family_id == NULL)
        continue;
      makeup->n_members++;
      language = g_strdup (pl_council_member_get_language (member));
      if (language == NULL)
        {
          gboolean found;

          language = query_text (self, "SELECT coalesce (g.preferred_language, f.home_language)"
                                       " FROM guardians g JOIN families f ON f.id = g.family_id"
                                       " WHERE g.id = ?", pl_council_member_get_guardian_id (member),
                                 &found, error);
          if (error != NULL && *error != NULL)
            return NULL;
        }
      count_language (makeup->member_languages, language);
      if (!family_bands (self, family_id, pl_council_get_school_id (council), &bits, error))
        return NULL;
      for (guint b = 0; b < PL_N_GRADE_BANDS; b++)
        if (bits & (1u << b))
          makeup->member_bands[b]++;
    }

  /* The school's families: every family with a child at the school, read
   * in family order so each is counted once. */
  stmt = _pl_store_prepare (self, "SELECT f.id, f.home_language, s.grade FROM students s"
                                  " JOIN families f ON f.id = s.family_id AND f.deleted = 0"
                                  " WHERE s.school_id = ? AND s.deleted = 0 ORDER BY f.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pl_council_get_school_id (council), -1, SQLITE_TRANSIENT);
  bits = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *family_id = column_text (stmt, 0);

      if (g_strcmp0 (family_id, last_family) != 0)
        {
          for (guint b = 0; b < PL_N_GRADE_BANDS; b++)
            if (bits & (1u << b))
              makeup->family_bands[b]++;
          bits = 0;
          g_free (last_family);
          last_family = g_strdup (family_id);
          makeup->n_families++;
          count_language (makeup->family_languages, column_text (stmt, 1));
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        bits |= 1u << band_of_grade (sqlite3_column_int (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read councils"), error);
      return NULL;
    }
  for (guint b = 0; b < PL_N_GRADE_BANDS; b++)
    if (bits & (1u << b))
      makeup->family_bands[b]++;
  return g_steal_pointer (&makeup);
}

/* Meetings */

PlMeeting *
pl_store_load_meeting (PlStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(PlMeeting) meeting = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  row = read_live_row (self, "meetings", id, _("That meeting is no longer in the database"), error);
  if (row == NULL)
    return NULL;
  meeting = _pl_meeting_new_stored (id, row_text (row, "council_id"));
  pl_meeting_set_title (meeting, row_text (row, "title"));
  _pl_meeting_set_stored_times (meeting, row_text (row, "starts_at"), row_text (row, "ends_at"),
                                row_text (row, "timezone"));
  pl_meeting_set_location (meeting, row_text (row, "location"));
  pl_meeting_set_video_link (meeting, row_text (row, "video_link"));
  if (!_pl_meeting_agenda_from_json (meeting, row_text (row, "agenda"), NULL))
    g_warning ("A meeting's agenda could not be read; it shows empty");
  languages = _pl_council_split_languages (row_text (row, "interpretation_languages"));
  pl_meeting_set_interpretation_languages (meeting, (const char *const *) languages);
  pl_meeting_set_childcare (meeting, row_flag (row, "childcare"));
  pl_meeting_set_food (meeting, row_flag (row, "food"));
  pl_meeting_set_status (meeting, row_text (row, "status"));
  pl_meeting_set_minutes (meeting, row_text (row, "minutes"));
  pl_meeting_set_decisions (meeting, row_text (row, "decisions"));
  _pl_meeting_set_series (meeting, row_text (row, "series_id"), row_text (row, "series_rule"),
                          row_text (row, "original_start"));
  return g_steal_pointer (&meeting);
}

GPtrArray *
pl_store_list_meetings (PlStore     *self,
                        const char  *council_id,
                        GDateTime   *from,
                        GDateTime   *to,
                        GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *from_text = _pl_council_format_utc (from);
  g_autofree char *to_text = _pl_council_format_utc (to);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  /* UTC times as stored compare as text. */
  stmt = _pl_store_prepare (self, "SELECT id FROM meetings WHERE council_id = ?1 AND deleted = 0"
                                  " AND (?2 IS NULL OR starts_at >= ?2)"
                                  " AND (?3 IS NULL OR starts_at < ?3) ORDER BY starts_at, id",
                            error);
  if (stmt == NULL)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_text (stmt, 1, council_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read meetings"), error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      PlMeeting *meeting = pl_store_load_meeting (self, ids->pdata[i], error);

      if (meeting == NULL)
        return NULL;
      g_ptr_array_add (meetings, meeting);
    }
  return g_steal_pointer (&meetings);
}

/* Writes a meeting inside the caller's transaction. */
static gboolean
write_meeting (PlStore     *self,
               PlMeeting   *meeting,
               const char  *hlc,
               GError     **error)
{
  g_autofree char *agenda = _pl_meeting_agenda_to_json (meeting);
  g_autofree char *languages =
    _pl_council_join_languages (pl_meeting_get_interpretation_languages (meeting));
  const char *values[17];

  values[0] = pl_meeting_get_council_id (meeting);
  values[1] = pl_meeting_get_title (meeting);
  values[2] = pl_meeting_get_starts_at (meeting);
  values[3] = pl_meeting_get_ends_at (meeting);
  values[4] = pl_meeting_get_timezone (meeting);
  values[5] = pl_meeting_get_location (meeting);
  values[6] = pl_meeting_get_video_link (meeting);
  values[7] = agenda;
  values[8] = languages;
  values[9] = pl_meeting_get_childcare (meeting) ? "1" : "0";
  values[10] = pl_meeting_get_food (meeting) ? "1" : "0";
  values[11] = pl_meeting_get_status (meeting);
  values[12] = pl_meeting_get_minutes (meeting);
  values[13] = pl_meeting_get_decisions (meeting);
  values[14] = pl_meeting_get_series_id (meeting);
  values[15] = pl_meeting_get_series_rule (meeting);
  values[16] = pl_meeting_get_original_start (meeting);
  return _pl_store_write_row (self, _pl_store_lookup_entity ("meetings"),
                              pl_meeting_get_id (meeting), values, FALSE, hlc, error);
}

gboolean
pl_store_save_meeting (PlStore    *self,
                       PlMeeting  *meeting,
                       GError    **error)
{
  g_autoptr(GHashTable) council = NULL;
  g_autofree char *hlc = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_MEETING (meeting), FALSE);

  if (!pl_meeting_validate (meeting, error))
    return FALSE;
  council = read_live_row (self, "councils", pl_meeting_get_council_id (meeting),
                           _("That council is no longer in the database"), error);
  if (council == NULL)
    return FALSE;
  /* Calendars tell a moved occurrence by its original start. */
  if (pl_meeting_get_original_start (meeting) != NULL &&
      g_strcmp0 (pl_meeting_get_status (meeting), "scheduled") == 0 &&
      g_strcmp0 (pl_meeting_get_original_start (meeting), pl_meeting_get_starts_at (meeting)) != 0)
    pl_meeting_set_status (meeting, "moved");

  if (!_pl_store_begin (self, error))
    return FALSE;
  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!write_meeting (self, meeting, hlc, error) || !_pl_store_commit (self, error))
    {
      _pl_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_store_cancel_meeting (PlStore     *self,
                         const char  *meeting_id,
                         GError     **error)
{
  g_autoptr(PlMeeting) meeting = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  meeting = pl_store_load_meeting (self, meeting_id, error);
  if (meeting == NULL)
    return FALSE;
  pl_meeting_set_status (meeting, "cancelled");
  return pl_store_save_meeting (self, meeting, error);
}

GPtrArray *
pl_store_schedule_series (PlStore            *self,
                          PlMeeting          *template,
                          const PlRepeatRule *rule,
                          const GDate        *first,
                          const GDate        *until,
                          int                 hour,
                          int                 minute,
                          guint               duration_minutes,
                          const GDate        *exceptions,
                          guint               n_exceptions,
                          GError            **error)
{
  g_autoptr(PlCouncil) council = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *series_id = _pl_new_id ();
  g_autofree char *rrule = NULL;
  g_autofree char *hlc = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (PL_IS_MEETING (template), NULL);
  g_return_val_if_fail (rule != NULL && first != NULL && until != NULL, NULL);

  if (!pl_repeat_rule_validate (rule, error))
    return NULL;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("%02d:%02d is not a time of day"), hour, minute);
      return NULL;
    }
  if (duration_minutes == 0 || duration_minutes > 24 * 60)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("A meeting cannot last %u minutes"), duration_minutes);
      return NULL;
    }
  if (g_date_compare (until, first) < 0)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("The series ends before its first date"));
      return NULL;
    }
  council = pl_store_load_council (self, pl_meeting_get_council_id (template), error);
  if (council == NULL)
    return NULL;
  zone = g_time_zone_new_identifier (pl_council_get_timezone (council));
  if (zone == NULL)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not a time zone this computer knows"),
                   pl_council_get_timezone (council));
      return NULL;
    }
  starts = pl_repeat_expand (rule, first, until, hour, minute, zone, exceptions, n_exceptions,
                             MAX_SERIES + 1);
  if (starts->len == 0)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("No meeting falls between the first date and the end of the series"));
      return NULL;
    }
  if (starts->len > MAX_SERIES)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("A series can hold at most %u meetings; end it sooner"), MAX_SERIES);
      return NULL;
    }
  rrule = pl_repeat_rule_to_rrule (rule, until);

  for (guint i = 0; i < starts->len; i++)
    {
      GDateTime *start = starts->pdata[i];
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, duration_minutes);
      g_autoptr(PlMeeting) meeting = pl_meeting_copy (template);
      g_autofree char *id = _pl_new_id ();
      PlMeeting *fresh = _pl_meeting_new_stored (id, pl_meeting_get_council_id (template));
      g_autofree char *original = _pl_council_format_utc (start);

      /* A copy of the template under a fresh id. */
      pl_meeting_set_title (fresh, pl_meeting_get_title (meeting));
      pl_meeting_set_location (fresh, pl_meeting_get_location (meeting));
      pl_meeting_set_video_link (fresh, pl_meeting_get_video_link (meeting));
      for (guint a = 0; a < pl_meeting_get_n_agenda_items (meeting); a++)
        {
          const PlAgendaItem *item = pl_meeting_get_agenda_item (meeting, a);

          pl_meeting_add_agenda_item (fresh, item->title, item->presenter, item->minutes);
        }
      pl_meeting_set_interpretation_languages (fresh,
                                               pl_meeting_get_interpretation_languages (meeting));
      pl_meeting_set_childcare (fresh, pl_meeting_get_childcare (meeting));
      pl_meeting_set_food (fresh, pl_meeting_get_food (meeting));
      pl_meeting_set_times (fresh, start, end);
      _pl_meeting_set_stored_times (fresh, pl_meeting_get_starts_at (fresh),
                                    pl_meeting_get_ends_at (fresh),
                                    pl_council_get_timezone (council));
      _pl_meeting_set_series (fresh, series_id, rrule, original);
      if (!pl_meeting_validate (fresh, error))
        {
          g_object_unref (fresh);
          return NULL;
        }
      g_ptr_array_add (meetings, fresh);
    }

  if (!_pl_store_begin (self, error))
    return NULL;
  hlc = pl_clock_now (pl_store_get_clock (self));
  for (guint i = 0; i < meetings->len; i++)
    if (!write_meeting (self, meetings->pdata[i], hlc, error))
      {
        _pl_store_rollback (self);
        return NULL;
      }
  if (!_pl_store_commit (self, error))
    {
      _pl_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&meetings);
}

/* Warnings */

void
pl_meeting_warning_free (PlMeetingWarning *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->detail);
  g_free (self);
}

static void
add_warning (GPtrArray            *warnings,
             PlMeetingWarningKind  kind,
             char                 *message,
             const char           *detail)
{
  PlMeetingWarning *warning = g_new0 (PlMeetingWarning, 1);

  warning->kind = kind;
  warning->message = message;
  warning->detail = g_strdup (detail);
  g_ptr_array_add (warnings, warning);
}

/* Meetings (not cancelled, not @meeting) overlapping [@start, @end): of
 * the same council, or of the school's other councils. */
static gboolean
check_overlaps (PlStore     *self,
                PlMeeting   *meeting,
                const char  *school_id,
                const char  *start,
                const char  *end,
                GPtrArray   *warnings,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* A meeting with no end counts as an hour long. */
  stmt = _pl_store_prepare (self,
                            "SELECT m.id, m.council_id = ?1, m.starts_at, m.timezone, c.name, m.title"
                            " FROM meetings m JOIN councils c ON c.id = m.council_id"
                            " WHERE c.school_id = ?2 AND m.deleted = 0 AND c.deleted = 0"
                            " AND m.status != 'cancelled' AND m.id != ?3 AND m.starts_at < ?5"
                            " AND coalesce (m.ends_at, strftime ('%Y-%m-%dT%H:%M:%SZ', m.starts_at,"
                            "   '+1 hour')) > ?4 ORDER BY m.starts_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pl_meeting_get_council_id (meeting), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pl_meeting_get_id (meeting), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean same = sqlite3_column_int (stmt, 1);
      g_autoptr(GDateTime) utc = _pl_council_parse_utc (column_text (stmt, 2));
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (column_text (stmt, 3) ?
                                                              column_text (stmt, 3) :
                                                              PL_COUNCIL_DEFAULT_TIMEZONE);
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *when = NULL;

      if (utc == NULL)
        continue;
      local = g_date_time_to_timezone (utc, zone != NULL ? zone : g_date_time_get_timezone (utc));
      when = g_date_time_format (local, "%x %H:%M");
      if (same)
        add_warning (warnings, PL_MEETING_WARNING_OVERLAP_COUNCIL,
                     g_strdup_printf (_("Overlaps another meeting of this council (%s)"), when),
                     column_text (stmt, 0));
      else
        add_warning (warnings, PL_MEETING_WARNING_OVERLAP_SCHOOL,
                     /* TRANSLATORS: the first %s is a council's name, the second a date and time */
                     g_strdup_printf (_("Overlaps a meeting of %s at the same school (%s)"),
                                      column_text (stmt, 4), when),
                     column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read meetings"), error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
pl_store_check_meeting (PlStore    *self,
                        PlMeeting  *meeting,
                        GError    **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_meeting_warning_free);
  g_autoptr(PlCouncil) council = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GHashTable) warned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *day = NULL;
  int weekday;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (PL_IS_MEETING (meeting), NULL);

  if (g_strcmp0 (pl_meeting_get_status (meeting), "cancelled") == 0)
    return g_steal_pointer (&warnings);
  if (!pl_meeting_validate (meeting, error))
    return NULL;
  council = pl_store_load_council (self, pl_meeting_get_council_id (meeting), error);
  if (council == NULL)
    return NULL;
  start = pl_meeting_get_start (meeting);
  end = pl_meeting_get_end (meeting);
  if (end == NULL)
    end = g_date_time_add_hours (start, 1);
  start_text = _pl_council_format_utc (start);
  end_text = _pl_council_format_utc (end);
  day = g_date_time_format (start, "%Y-%m-%d");

  if (!check_overlaps (self, meeting, pl_council_get_school_id (council), start_text, end_text,
                       warnings, error))
    return NULL;

  weekday = g_date_time_get_day_of_week (start);
  if (weekday == 6 || weekday == 7)
    add_warning (warnings, PL_MEETING_WARNING_WEEKEND,
                 g_strdup (weekday == 6 ? _("This meeting is on a Saturday")
                                        : _("This meeting is on a Sunday")), NULL);

  /* The school building's hours: 7:00 to 21:00 local. */
  if (g_date_time_get_hour (start) < 7 ||
      g_date_time_get_day_of_year (end) != g_date_time_get_day_of_year (start) ||
      g_date_time_get_hour (end) * 60 + g_date_time_get_minute (end) > 21 * 60)
    add_warning (warnings, PL_MEETING_WARNING_OUTSIDE_HOURS,
                 g_strdup (_("This meeting is outside school hours (7:00 to 21:00)")), NULL);

  closures = pl_store_list_closures (self, pl_council_get_school_id (council), day, day, error);
  if (closures == NULL)
    return NULL;
  for (guint i = 0; i < closures->len; i++)
    {
      PlSchoolClosure *closure = closures->pdata[i];

      add_warning (warnings, PL_MEETING_WARNING_CLOSURE,
                   closure->name != NULL
                   ? g_strdup_printf (_("The school is closed that day (%s)"), closure->name)
                   : g_strdup (_("The school is closed that day")),
                   closure->name);
    }

  members = pl_store_list_council_members (self, pl_meeting_get_council_id (meeting), day, error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      const char *language = pl_council_member_get_language (members->pdata[i]);

      /* Meetings are held in English; any other language needs a voice. */
      if (language == NULL || g_str_equal (language, "en") ||
          pl_meeting_has_interpretation (meeting, language) ||
          g_hash_table_contains (warned, language))
        continue;
      g_hash_table_add (warned, (gpointer) language);
      add_warning (warnings, PL_MEETING_WARNING_NO_INTERPRETATION,
                   g_strdup_printf (_("A member needs %s and no interpretation is set"),
                                    pl_language_get_name (language)),
                   language);
    }
  return g_steal_pointer (&warnings);
}

/* Attendance */

static PlMeetingAttendance *
attendance_from_row (GHashTable *row,
                     const char *id)
{
  PlMeetingAttendance *attendance = _pl_meeting_attendance_new_stored (id,
                                                                       row_text (row, "meeting_id"));
  const char *childcare = row_text (row, "childcare_count");

  _pl_meeting_attendance_set_stored (attendance, row_text (row, "member_id"),
                                     row_text (row, "guardian_id"), row_text (row, "guest_name"),
                                     row_flag (row, "needs_interpretation"),
                                     row_flag (row, "attended"), row_text (row, "checked_in_at"));
  pl_meeting_attendance_set_rsvp (attendance, row_text (row, "rsvp"));
  if (row_flag (row, "needs_interpretation"))
    pl_meeting_attendance_set_interpretation (attendance,
                                              row_text (row, "interpretation_language"));
  pl_meeting_attendance_set_childcare_count (attendance,
                                             childcare != NULL ? (guint) g_ascii_strtoull (childcare,
                                                                                           NULL, 10)
                                                               : 0);
  return attendance;
}

static PlMeetingAttendance *
load_attendance (PlStore     *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(GHashTable) row = _pl_store_read_row (self, _pl_store_lookup_entity ("meeting_attendance"),
                                                  id, error);

  if (row == NULL || row_flag (row, "deleted"))
    return NULL;
  return attendance_from_row (row, id);
}

GPtrArray *
pl_store_list_attendance (PlStore     *self,
                          const char  *meeting_id,
                          GError     **error)
{
  g_autoptr(PlMeeting) meeting = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  meeting = pl_store_load_meeting (self, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  start = pl_meeting_get_start (meeting);
  day = g_date_time_format (start, "%Y-%m-%d");
  members = pl_store_list_council_members (self, pl_meeting_get_council_id (meeting), day, error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      PlCouncilMember *member = members->pdata[i];
      g_autoptr(PlMeetingAttendance) fresh =
        pl_meeting_attendance_new_member (meeting_id, pl_council_member_get_id (member));
      g_autoptr(GError) local_error = NULL;
      PlMeetingAttendance *stored = load_attendance (self, pl_meeting_attendance_get_id (fresh),
                                                     &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (stored == NULL)
        stored = g_steal_pointer (&fresh);
      _pl_meeting_attendance_set_display_name (stored, pl_council_member_get_display_name (member));
      g_ptr_array_add (list, stored);
    }

  /* Guardians who are not members, and new guests, by name. */
  others = list_ids (self, "SELECT a.id FROM meeting_attendance a"
                           " LEFT JOIN guardians g ON g.id = a.guardian_id"
                           " WHERE a.meeting_id = ? AND a.deleted = 0 AND a.member_id IS NULL"
                           " ORDER BY coalesce (g.full_name, a.guest_name) COLLATE NOCASE, a.id", meeting_id, NULL, error);
  if (others == NULL)
    return NULL;
  for (guint i = 0; i < others->len; i++)
    {
      PlMeetingAttendance *attendance = load_attendance (self, others->pdata[i], error);

      if (attendance == NULL)
        return NULL;
      if (pl_meeting_attendance_get_guardian_id (attendance) != NULL)
        {
          gboolean found;
          g_autofree char *name = query_text (self, "SELECT full_name FROM guardians WHERE id = ?",
                                              pl_meeting_attendance_get_guardian_id (attendance),
                                              &found, error);

          if (error != NULL && *error != NULL)
            {
              g_object_unref (attendance);
              return NULL;
            }
          _pl_meeting_attendance_set_display_name (attendance, name);
        }
      g_ptr_array_add (list, attendance);
    }
  return g_steal_pointer (&list);
}

gboolean
pl_store_save_attendance (PlStore              *self,
                          PlMeetingAttendance  *attendance,
                          GError              **error)
{
  g_autoptr(GHashTable) meeting = NULL;
  g_autofree char *childcare = NULL;
  const char *values[10];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (attendance), FALSE);

  if (!pl_rsvp_is_valid (pl_meeting_attendance_get_rsvp (attendance)))
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not an answer to an invitation"),
                   pl_meeting_attendance_get_rsvp (attendance));
      return FALSE;
    }
  meeting = read_live_row (self, "meetings", pl_meeting_attendance_get_meeting_id (attendance),
                           _("That meeting is no longer in the database"), error);
  if (meeting == NULL)
    return FALSE;
  if (pl_meeting_attendance_get_member_id (attendance) != NULL)
    {
      g_autoptr(GHashTable) member =
        read_live_row (self, "council_members", pl_meeting_attendance_get_member_id (attendance),
                       _("That council member is no longer in the database"), error);

      if (member == NULL)
        return FALSE;
    }
  else if (pl_meeting_attendance_get_guardian_id (attendance) != NULL)
    {
      g_autoptr(GHashTable) guardian =
        read_live_row (self, "guardians", pl_meeting_attendance_get_guardian_id (attendance),
                       _("That guardian is no longer in the family directory"), error);

      if (guardian == NULL)
        return FALSE;
    }
  else if (pl_meeting_attendance_get_guest_name (attendance) == NULL)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("A guest needs a name"));
      return FALSE;
    }
  childcare = g_strdup_printf ("%u", pl_meeting_attendance_get_childcare_count (attendance));
  values[0] = pl_meeting_attendance_get_meeting_id (attendance);
  values[1] = pl_meeting_attendance_get_member_id (attendance);
  values[2] = pl_meeting_attendance_get_member_id (attendance) ? NULL
              : pl_meeting_attendance_get_guardian_id (attendance);
  values[3] = pl_meeting_attendance_get_member_id (attendance) ||
              pl_meeting_attendance_get_guardian_id (attendance)
              ? NULL : pl_meeting_attendance_get_guest_name (attendance);
  values[4] = pl_meeting_attendance_get_rsvp (attendance);
  values[5] = pl_meeting_attendance_get_needs_interpretation (attendance) ? "1" : "0";
  values[6] = pl_meeting_attendance_get_interpretation_language (attendance);
  values[7] = childcare;
  values[8] = pl_meeting_attendance_get_attended (attendance) ? "1" : "0";
  values[9] = pl_meeting_attendance_get_checked_in_at (attendance);
  return write_one (self, "meeting_attendance", pl_meeting_attendance_get_id (attendance), values,
                    FALSE, error);
}

void
pl_meeting_counts_clear (PlMeetingCounts *self)
{
  g_clear_pointer (&self->interpretation, g_hash_table_unref);
  memset (self, 0, sizeof *self);
}

gboolean
pl_store_get_meeting_counts (PlStore          *self,
                             const char       *meeting_id,
                             PlMeetingCounts  *counts,
                             GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  counts->interpretation = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list = pl_store_list_attendance (self, meeting_id, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      PlMeetingAttendance *attendance = list->pdata[i];
      const char *rsvp = pl_meeting_attendance_get_rsvp (attendance);

      if (g_str_equal (rsvp, "yes"))
        counts->yes++;
      else if (g_str_equal (rsvp, "no"))
        counts->no++;
      else if (g_str_equal (rsvp, "maybe"))
        counts->maybe++;
      else
        counts->no_answer++;
      if (!g_str_equal (rsvp, "no"))
        {
          counts->childcare += pl_meeting_attendance_get_childcare_count (attendance);
          if (pl_meeting_attendance_get_needs_interpretation (attendance))
            count_language (counts->interpretation,
                            pl_meeting_attendance_get_interpretation_language (attendance));
        }
      if (pl_meeting_attendance_get_attended (attendance))
        {
          counts->attended++;
          if (pl_meeting_attendance_get_member_id (attendance) != NULL)
            counts->members_attended++;
          else
            counts->guests_attended++;
        }
    }
  return TRUE;
}

gint64
pl_store_count_family_council_attendance (PlStore     *self,
                                          const char  *family_id,
                                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), -1);

  /* Meetings, not people: two guardians at one meeting count once. */
  stmt = _pl_store_prepare (self,
                            "SELECT count (DISTINCT a.meeting_id) FROM meeting_attendance a"
                            " JOIN meetings m ON m.id = a.meeting_id AND m.deleted = 0"
                            "  AND m.status != 'cancelled'"
                            " LEFT JOIN council_members cm ON cm.id = a.member_id"
                            " WHERE a.deleted = 0 AND a.attended = 1"
                            " AND coalesce (a.guardian_id, cm.guardian_id) IN"
                            "  (SELECT id FROM guardians WHERE family_id = ?1)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _pl_store_set_error (self, rc, _("read meetings"), error);
  sqlite3_reset (stmt);
  return count;
}

/* Action items */

static PlActionItem *
load_action_item (PlStore     *self,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  PlActionItem *item;

  row = read_live_row (self, "action_items", id,
                       _("That action item is no longer in the database"), error);
  if (row == NULL)
    return NULL;
  item = _pl_action_item_new_stored (id, row_text (row, "council_id"));
  _pl_action_item_set_meeting_id (item, row_text (row, "meeting_id"));
  pl_action_item_set_title (item, row_text (row, "title"));
  pl_action_item_set_owner_member_id (item, row_text (row, "owner_member_id"));
  pl_action_item_set_owner_name (item, row_text (row, "owner_name"));
  pl_action_item_set_due_on (item, row_text (row, "due_on"));
  pl_action_item_set_status (item, row_text (row, "status"));
  _pl_action_item_set_done_at (item, row_text (row, "done_at"));
  pl_action_item_set_notes (item, row_text (row, "notes"));
  if (pl_action_item_get_owner_name (item) == NULL &&
      pl_action_item_get_owner_member_id (item) != NULL)
    {
      g_autoptr(PlCouncilMember) owner = load_member (self, pl_action_item_get_owner_member_id (item),
                                                      NULL);

      if (owner != NULL)
        pl_action_item_set_owner_name (item, pl_council_member_get_display_name (owner));
    }
  return item;
}

gboolean
pl_store_save_action_item (PlStore       *self,
                           PlActionItem  *item,
                           GError       **error)
{
  g_autoptr(GHashTable) council = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autofree char *done_at = NULL;
  const char *status = pl_action_item_get_status (item);
  const char *values[9];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_ACTION_ITEM (item), FALSE);

  if (pl_action_item_get_title (item) == NULL)
    {
      g_set_error_literal (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                           _("An action item needs a title"));
      return FALSE;
    }
  if (g_strcmp0 (status, "open") != 0 && g_strcmp0 (status, "done") != 0)
    {
      g_set_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID,
                   _("“%s” is not an action item status"), status ? status : "");
      return FALSE;
    }
  if (!_pl_council_check_date (pl_action_item_get_due_on (item), _("the due date"), error))
    return FALSE;
  council = read_live_row (self, "councils", pl_action_item_get_council_id (item),
                           _("That council is no longer in the database"), error);
  if (council == NULL)
    return FALSE;
  if (pl_action_item_get_meeting_id (item) != NULL)
    {
      g_autoptr(GHashTable) meeting =
        read_live_row (self, "meetings", pl_action_item_get_meeting_id (item),
                       _("That meeting is no longer in the database"), error);

      if (meeting == NULL)
        return FALSE;
    }
  if (g_str_equal (status, "done"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      done_at = pl_action_item_get_done_at (item) != NULL
                ? g_strdup (pl_action_item_get_done_at (item)) : _pl_council_format_utc (now);
    }
  /* A name typed for a member is read from the directory instead. */
  values[0] = pl_action_item_get_council_id (item);
  values[1] = pl_action_item_get_meeting_id (item);
  values[2] = pl_action_item_get_title (item);
  values[3] = pl_action_item_get_owner_member_id (item);
  values[4] = pl_action_item_get_owner_member_id (item) ? NULL : pl_action_item_get_owner_name (item);
  values[5] = pl_action_item_get_due_on (item);
  values[6] = status;
  values[7] = done_at;
  values[8] = pl_action_item_get_notes (item);
  if (!write_one (self, "action_items", pl_action_item_get_id (item), values, FALSE, error))
    return FALSE;
  _pl_action_item_set_done_at (item, done_at);
  return TRUE;
}

static GPtrArray *
load_action_items (PlStore    *self,
                   GPtrArray  *ids,
                   GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PlActionItem *item = load_action_item (self, ids->pdata[i], error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

GPtrArray *
pl_store_list_action_items (PlStore     *self,
                            const char  *council_id,
                            gboolean     open_only,
                            GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  ids = list_ids (self, open_only
                  ? "SELECT id FROM action_items WHERE council_id = ? AND deleted = 0"
                    " AND status = 'open' ORDER BY due_on IS NULL, due_on, rowid"
                  : "SELECT id FROM action_items WHERE council_id = ? AND deleted = 0"
                    " ORDER BY status = 'done', due_on IS NULL, due_on, rowid",
                  council_id, NULL, error);
  return load_action_items (self, ids, error);
}

GPtrArray *
pl_store_list_meeting_action_items (PlStore     *self,
                                    const char  *meeting_id,
                                    GError     **error)
{
  g_autoptr(PlMeeting) meeting = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  meeting = pl_store_load_meeting (self, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  /* Raised at this meeting, or at an earlier one (or between meetings)
   * and not done before this one started. */
  ids = list_ids (self,
                  "SELECT a.id FROM action_items a LEFT JOIN meetings m ON m.id = a.meeting_id"
                  " WHERE a.council_id = (SELECT council_id FROM meetings WHERE id = ?1)"
                  " AND a.deleted = 0 AND (a.meeting_id = ?1 OR"
                  "  ((m.starts_at IS NULL OR m.starts_at < ?2)"
                  "   AND (a.done_at IS NULL OR a.done_at >= ?2)))"
                  " ORDER BY a.meeting_id = ?1, a.status = 'done', a.due_on IS NULL, a.due_on,"
                  " a.rowid", meeting_id, pl_meeting_get_starts_at (meeting), error);
  return load_action_items (self, ids, error);
}

/* Closures */

void
pl_school_closure_free (PlSchoolClosure *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->school_id);
  g_free (self->date);
  g_free (self->name);
  g_free (self);
}

GPtrArray *
pl_store_list_closures (PlStore     *self,
                        const char  *school_id,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  g_autoptr(GPtrArray) closures =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pl_school_closure_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self, "SELECT id, school_id, date, name FROM school_closures"
                                  " WHERE deleted = 0 AND (school_id IS NULL OR school_id = ?1)"
                                  " AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)"
                                  " ORDER BY date, school_id IS NOT NULL, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, school_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlSchoolClosure *closure = g_new0 (PlSchoolClosure, 1);

      closure->id = g_strdup (column_text (stmt, 0));
      closure->school_id = g_strdup (column_text (stmt, 1));
      closure->date = g_strdup (column_text (stmt, 2));
      closure->name = g_strdup (column_text (stmt, 3));
      g_ptr_array_add (closures, closure);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the school calendar"), error);
      return NULL;
    }
  return g_steal_pointer (&closures);
}

gboolean
pl_store_add_closures (PlStore     *self,
                       const char  *school_id,
                       GPtrArray   *closures,
                       guint       *n_added,
                       GError     **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("school_closures");
  g_autofree char *hlc = NULL;
  guint added = 0;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (closures != NULL, FALSE);

  for (guint i = 0; i < closures->len; i++)
    {
      PlSchoolClosure *closure = closures->pdata[i];

      if (!_pl_council_check_date (closure->date, _("a closure"), error))
        return FALSE;
    }
  if (school_id != NULL)
    {
      g_autoptr(GHashTable) school = read_live_row (self, "schools", school_id,
                                                    _("That school is no longer in the database"),
                                                    error);
      if (school == NULL)
        return FALSE;
    }
  if (!_pl_store_begin (self, error))
    return FALSE;
  hlc = pl_clock_now (pl_store_get_clock (self));
  for (guint i = 0; i < closures->len; i++)
    {
      PlSchoolClosure *closure = closures->pdata[i];
      g_autofree char *id = derived_id ("closure", school_id != NULL ? school_id : "*",
                                        closure->date, NULL);
      g_autoptr(GHashTable) row = NULL;
      const char *values[3] = { school_id, closure->date, closure->name };

      row = _pl_store_read_row (self, entity, id, error);
      if (row == NULL && error != NULL && *error != NULL)
        goto failed;
      if (row == NULL || row_flag (row, "deleted"))
        added++;
      if (!_pl_store_write_row (self, entity, id, values, FALSE, hlc, error))
        goto failed;
      _pl_set_str (&closure->id, id);
      _pl_set_str (&closure->school_id, school_id);
    }
  if (!_pl_store_commit (self, error))
    goto failed;
  if (n_added != NULL)
    *n_added = added;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* A second connection to the file, as another program would see it. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autofree char *text = query_text (path, sql);

  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static GDateTime *
utc (const char *text)
{
  GDateTime *when = pl_contact_parse_time (text);

  g_assert_nonnull (when);
  return when;
}

/* The common case: a phone call in the preferred language that reached the
 * family, an hour before @now. */
static PlContact *
make_contact (PlFamily  *family,
              GDateTime *now)
{
  PlContact *contact = pl_contact_new (pl_family_get_id (family));
  g_autoptr(PlGuardian) guardian =
    g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
  g_autoptr(GDateTime) when = now ? g_date_time_add_hours (now, -1)
                                  : g_date_time_new_now_utc ();

  pl_contact_set_guardian_id (contact, pl_guardian_get_id (guardian));
  pl_contact_set_happened_at_time (contact, when);
  pl_contact_set_method (contact, "phone");
  pl_contact_set_language (contact, pl_guardian_get_preferred_language (guardian));
  pl_contact_set_purpose (contact, "attendance");
  pl_contact_set_outcome (contact, "reached");
  return contact;
}

static PlContactProblem *
find_problem (GPtrArray  *problems,
              const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PlContactProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0)
        return problem;
    }
  return NULL;
}

static void
assert_problem (GPtrArray      *problems,
                const char     *field,
                PlContactError  code)
{
  PlContactProblem *problem = find_problem (problems, field);

  if (problem == NULL)
    g_error ("No problem reported for %s", field);
  g_assert_cmpint (problem->code, ==, code);
  g_assert_nonnull (problem->message);
  g_assert_cmpstr (problem->message, !=, "");
}

static void
test_validate_complete (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "413 555 0199",
                                                    NULL, NULL, "vi");
  g_autoptr(GDateTime) now = utc ("2026-11-23T15:00:00Z");
  g_autoptr(PlContact) contact = make_contact (family, now);
  g_autoptr(GPtrArray) problems = pl_contact_check (contact, family, now);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (pl_contact_validate (contact, family, now, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_direction (contact), ==, "outgoing");
  g_assert_cmpstr (pl_contact_get_interpreter (contact), ==, "none");
  g_assert_true (pl_contact_is_successful (contact));
}

static void
test_validate_required (void)
{
  g_autoptr(PlContact) contact = pl_contact_new (NULL);
  g_autoptr(GPtrArray) problems = pl_contact_check (contact, NULL, NULL);

  assert_problem (problems, "family-id", PL_CONTACT_ERROR_REQUIRED);
  assert_problem (problems, "method", PL_CONTACT_ERROR_REQUIRED);
  assert_problem (problems, "happened-at", PL_CONTACT_ERROR_REQUIRED);
  assert_problem (problems, "purpose", PL_CONTACT_ERROR_REQUIRED);
  assert_problem (problems, "outcome", PL_CONTACT_ERROR_REQUIRED);
  /* Direction and interpreter come with the table's defaults. */
  g_assert_null (find_problem (problems, "direction"));
  g_assert_null (find_problem (problems, "interpreter"));
  /* Language, notes and a follow-up are optional. */
  g_assert_null (find_problem (problems, "language"));
  g_assert_null (find_problem (problems, "notes"));
  g_assert_null (find_problem (problems, "follow-up-due"));
}

static void
test_validate_codes (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Abdi", "Faadumo Abdi", NULL, NULL, NULL, "so");
  g_autoptr(PlContact) contact = make_contact (family, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  PlContactProblem *problem;

  pl_contact_set_method (contact, "fax");
  pl_contact_set_direction (contact, "sideways");
  pl_contact_set_interpreter (contact, "robot");
  pl_contact_set_purpose (contact, "gossip");
  pl_contact_set_outcome (contact, "maybe");
  problems = pl_contact_check (contact, family, NULL);

  assert_problem (problems, "method", PL_CONTACT_ERROR_UNKNOWN_CODE);
  assert_problem (problems, "direction", PL_CONTACT_ERROR_UNKNOWN_CODE);
  assert_problem (problems, "interpreter", PL_CONTACT_ERROR_UNKNOWN_CODE);
  assert_problem (problems, "purpose", PL_CONTACT_ERROR_UNKNOWN_CODE);
  assert_problem (problems, "outcome", PL_CONTACT_ERROR_UNKNOWN_CODE);
  /* The message names the value a person would have to fix. */
  problem = find_problem (problems, "method");
  g_assert_nonnull (strstr (problem->message, "fax"));

  g_assert_false (pl_contact_validate (contact, family, NULL, &error));
  g_assert_error (error, PL_CONTACT_ERROR, PL_CONTACT_ERROR_UNKNOWN_CODE);
  g_assert_nonnull (strstr (error->message, "fax"));

  /* Every listed code is accepted. */
  for (const char *const *m = pl_contact_methods (); *m; m++)
    for (const char *const *o = pl_contact_outcomes (); *o; o++)
      {
        g_autoptr(GPtrArray) none = NULL;

        pl_contact_set_method (contact, *m);
        pl_contact_set_direction (contact, "incoming");
        pl_contact_set_interpreter (contact, "phone-line");
        pl_contact_set_purpose (contact, "council");
        pl_contact_set_outcome (contact, *o);
        none = pl_contact_check (contact, family, NULL);
        g_assert_cmpuint (none->len, ==, 0);
      }
}

static void
test_validate_future (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Rodríguez", "José Rodríguez", NULL, NULL,
                                                    NULL, "es");
  g_autoptr(GDateTime) now = utc ("2026-11-23T15:00:00Z");
  g_autoptr(PlContact) contact = make_contact (family, now);
  g_autoptr(GPtrArray) ahead = NULL;
  g_autoptr(GPtrArray) slack = NULL;
  g_autoptr(GPtrArray) exact = NULL;

  /* Within a minute of the clock: another laptop's clock may run ahead. */
  pl_contact_set_happened_at (contact, "2026-11-23T15:00:45Z");
  slack = pl_contact_check (contact, family, now);
  g_assert_null (find_problem (slack, "happened-at"));

  pl_contact_set_happened_at (contact, "2026-11-23T15:00:00Z");
  exact = pl_contact_check (contact, family, now);
  g_assert_null (find_problem (exact, "happened-at"));

  pl_contact_set_happened_at (contact, "2026-11-23T15:02:00Z");
  ahead = pl_contact_check (contact, family, now);
  assert_problem (ahead, "happened-at", PL_CONTACT_ERROR_FUTURE);
}

static void
test_validate_bad_time (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Abdi", "Faadumo Abdi", NULL, NULL, NULL, "so");
  g_autoptr(PlContact) contact = make_contact (family, NULL);
  const char *bad[] = {
    "2026-11-23 15:00:00", "2026-13-01T10:00:00Z", "2026-02-30T10:00:00Z", "yesterday",
    "2026-11-23T15:00:00+01:00", "2026-11-23T25:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      PlContactProblem *problem;

      pl_contact_set_happened_at (contact, bad[i]);
      problems = pl_contact_check (contact, family, NULL);
      assert_problem (problems, "happened-at", PL_CONTACT_ERROR_BAD_TIME);
      problem = find_problem (problems, "happened-at");
      g_assert_nonnull (strstr (problem->message, bad[i]));
    }

  g_assert_false (pl_contact_parse_date ("2026-02-29", NULL));
  g_assert_true (pl_contact_parse_date ("2028-02-29", NULL));
  g_assert_false (pl_contact_parse_date ("2026-1-05", NULL));
}

/* The follow-up date is a calendar date where the liaison lives: a call at
 * 23:30 on 9 March in Springfield is 03:30 on 10 March in UTC, and a
 * follow-up on 9 March is still the same day, not before it. */
static void
test_validate_follow_up (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Abdi", "Faadumo Abdi", NULL, NULL, NULL, "so");
  g_autoptr(GDateTime) now = utc ("2026-11-23T15:00:00Z");
  g_autoptr(PlContact) contact = make_contact (family, now);
  g_autoptr(GPtrArray) same_day = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) malformed = NULL;

  pl_contact_set_happened_at (contact, "2026-03-10T03:30:00Z");

  pl_contact_set_follow_up_due (contact, "2026-03-09");
  same_day = pl_contact_check (contact, family, now);
  g_assert_null (find_problem (same_day, "follow-up-due"));

  pl_contact_set_follow_up_due (contact, "2026-03-08");
  before = pl_contact_check (contact, family, now);
  assert_problem (before, "follow-up-due", PL_CONTACT_ERROR_FOLLOW_UP);

  pl_contact_set_follow_up_due (contact, "2026-03-20");
  after = pl_contact_check (contact, family, now);
  g_assert_null (find_problem (after, "follow-up-due"));

  pl_contact_set_follow_up_due (contact, "next week");
  malformed = pl_contact_check (contact, family, now);
  assert_problem (malformed, "follow-up-due", PL_CONTACT_ERROR_BAD_TIME);
}

static void
test_validate_guardian (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Abdi", "Faadumo Abdi", NULL, NULL, NULL, "so");
  g_autoptr(PlFamily) other = pl_test_make_family ("Tran", "Tran Van Minh", NULL, NULL, NULL, "vi");
  g_autoptr(PlGuardian) stranger =
    g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (other)), 0);
  g_autoptr(PlContact) contact = make_contact (family, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) wrong_family = NULL;
  g_autoptr(GPtrArray) nobody = NULL;

  pl_contact_set_guardian_id (contact, pl_guardian_get_id (stranger));
  problems = pl_contact_check (contact, family, NULL);
  assert_problem (problems, "guardian-id", PL_CONTACT_ERROR_GUARDIAN);

  /* Checked against the wrong family, the contact says so. */
  wrong_family = pl_contact_check (contact, other, NULL);
  assert_problem (wrong_family, "family-id", PL_CONTACT_ERROR_GUARDIAN);

  /* A contact with the household as a whole names no guardian. */
  pl_contact_set_guardian_id (contact, NULL);
  nobody = pl_contact_check (contact, family, NULL);
  g_assert_cmpuint (nobody->len, ==, 0);
}

static void
test_validate_purpose_other (void)
{
  g_autoptr(PlFamily) family = pl_test_make_family ("Abdi", "Faadumo Abdi", NULL, NULL, NULL, "so");
  g_autoptr(PlContact) contact = make_contact (family, NULL);
  g_autoptr(GPtrArray) stray = NULL;
  g_autoptr(GPtrArray) described = NULL;
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GPtrArray) blank = NULL;
  g_autoptr(GPtrArray) long_notes = NULL;
  g_autofree char *novel = NULL;

  pl_contact_set_purpose_other (contact, "Winter coats");
  stray = pl_contact_check (contact, family, NULL);
  assert_problem (stray, "purpose-other", PL_CONTACT_ERROR_UNKNOWN_CODE);

  pl_contact_set_purpose (contact, "other");
  described = pl_contact_check (contact, family, NULL);
  g_assert_cmpuint (described->len, ==, 0);

  pl_contact_set_purpose_other (contact, NULL);
  bare = pl_contact_check (contact, family, NULL);
  g_assert_cmpuint (bare->len, ==, 0);

  pl_contact_set_purpose_other (contact, "   ");
  blank = pl_contact_check (contact, family, NULL);
  assert_problem (blank, "purpose-other", PL_CONTACT_ERROR_REQUIRED);

  pl_contact_set_purpose_other (contact, NULL);
  novel = g_strnfill (20001, 'a');
  pl_contact_set_notes (contact, novel);
  long_notes = pl_contact_check (contact, family, NULL);
  assert_problem (long_notes, "notes", PL_CONTACT_ERROR_TOO_LONG);
}

static void
test_labels (void)
{
  const char *const *lists[] = {
    pl_contact_methods (), pl_contact_directions (), pl_contact_interpreters (),
    pl_contact_purposes (), pl_contact_outcomes (),
  };
  const char *(*labels[]) (const char *) = {
    pl_contact_method_label, pl_contact_direction_label, pl_contact_interpreter_label,
    pl_contact_purpose_label, pl_contact_outcome_label,
  };
  const guint sizes[] = { 7, 2, 4, 8, 5 };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (g_strv_length ((char **) lists[l]), ==, sizes[l]);
      for (guint i = 0; lists[l][i]; i++)
        {
          const char *label = labels[l] (lists[l][i]);

          /* A person reads words, never the stored code. */
          g_assert_cmpstr (label, !=, lists[l][i]);
          g_assert_cmpstr (label, !=, "");
          g_assert_true (g_hash_table_add (seen, (gpointer) label));
        }
      g_assert_cmpstr (labels[l] ("carrier-pigeon"), ==, "carrier-pigeon");
    }

  g_assert_cmpstr (pl_contact_method_label ("home-visit"), ==, "Home Visit");
  g_assert_cmpstr (pl_contact_outcome_label ("left-message"), ==, "Left a Message");
  g_assert_cmpstr (pl_contact_purpose_label ("council"), ==, "Council Invitation");
}

typedef struct
{
  PlStore  *store;
  char     *path;
  PlFamily *family;
  char     *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlGuardian) second = pl_guardian_new ();

  fixture->dir = g_dir_make_tmp ("porchlight-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "contacts.db", NULL);
  fixture->store = pl_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "413 555 0199", NULL, NULL,
                                         "vi");
  pl_guardian_set_full_name (second, "Trần Văn Bảo");
  pl_guardian_set_preferred_language (second, "en");
  g_list_store_append (pl_family_get_guardians (fixture->family), second);
  pl_test_save (fixture->store, fixture->family);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->family);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_me (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nobody = pl_store_dup_me (fixture->store);
  g_autofree char *ana = NULL;
  g_autofree char *gone = NULL;

  g_assert_null (nobody);
  g_assert_true (pl_store_set_me (fixture->store, "ana.silva", &error));
  g_assert_no_error (error);
  ana = pl_store_dup_me (fixture->store);
  g_assert_cmpstr (ana, ==, "ana.silva");

  g_assert_true (pl_store_set_me (fixture->store, NULL, &error));
  gone = pl_store_dup_me (fixture->store);
  g_assert_null (gone);
}

static void
test_save_and_load (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) contact = make_contact (fixture->family, NULL);
  g_autoptr(PlContact) loaded = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *op = NULL;
  gint64 journal_before = pl_store_count_journal (fixture->store, &error);

  pl_store_set_me (fixture->store, "ana.silva", &error);
  g_assert_no_error (error);
  pl_contact_set_notes (contact, "Asked about the bus schedule.");
  pl_contact_set_follow_up_due (contact, "2099-01-05");
  pl_contact_set_interpreter (contact, "staff");

  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);

  /* Logged by whoever uses this database, who owns the follow-up. */
  g_assert_cmpstr (pl_contact_get_staff_id (contact), ==, "ana.silva");
  g_assert_cmpstr (pl_contact_get_follow_up_owner (contact), ==, "ana.silva");

  loaded = pl_store_load_contact (fixture->store, pl_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_family_id (loaded), ==, pl_family_get_id (fixture->family));
  g_assert_cmpstr (pl_contact_get_guardian_id (loaded), ==, pl_contact_get_guardian_id (contact));
  g_assert_cmpstr (pl_contact_get_happened_at (loaded), ==, pl_contact_get_happened_at (contact));
  g_assert_cmpstr (pl_contact_get_method (loaded), ==, "phone");
  g_assert_cmpstr (pl_contact_get_direction (loaded), ==, "outgoing");
  g_assert_cmpstr (pl_contact_get_language (loaded), ==, "vi");
  g_assert_cmpstr (pl_contact_get_interpreter (loaded), ==, "staff");
  g_assert_cmpstr (pl_contact_get_purpose (loaded), ==, "attendance");
  g_assert_cmpstr (pl_contact_get_outcome (loaded), ==, "reached");
  g_assert_cmpstr (pl_contact_get_notes (loaded), ==, "Asked about the bus schedule.");
  g_assert_cmpstr (pl_contact_get_follow_up_due (loaded), ==, "2099-01-05");
  g_assert_cmpstr (pl_contact_get_staff_id (loaded), ==, "ana.silva");
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);

  /* One insert in the journal, so it syncs like a family does. */
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before + 1);
  sql = g_strdup_printf ("SELECT op FROM journal WHERE entity = 'contacts' AND row_id = '%s'",
                         pl_contact_get_id (contact));
  op = query_text (fixture->path, sql);
  g_assert_cmpstr (op, ==, "insert");
}

static void
test_save_edit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) contact = make_contact (fixture->family, NULL);
  g_autoptr(PlContact) edited = NULL;
  g_autoptr(PlContact) loaded = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *base = NULL;
  gint64 journal_before;

  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  journal_before = pl_store_count_journal (fixture->store, &error);

  /* Saving it unchanged writes nothing to send. */
  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before);

  edited = pl_contact_copy (contact);
  pl_contact_set_outcome (edited, "left-message");
  pl_contact_set_notes (edited, "Voicemail in Vietnamese.");
  g_assert_true (pl_store_save_contact (fixture->store, edited, &error));
  g_assert_no_error (error);

  /* The original object is as it was: an editor works on a copy. */
  g_assert_cmpstr (pl_contact_get_outcome (contact), ==, "reached");

  loaded = pl_store_load_contact (fixture->store, pl_contact_get_id (contact), &error);
  g_assert_cmpstr (pl_contact_get_outcome (loaded), ==, "left-message");
  g_assert_cmpstr (pl_contact_get_notes (loaded), ==, "Voicemail in Vietnamese.");

  /* One update naming only the fields that changed, with what it saw. */
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before + 1);
  fields = query_text (fixture->path, "SELECT fields FROM journal ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (fields, "\"outcome\":\"left-message\""));
  g_assert_nonnull (strstr (fields, "\"notes\":"));
  g_assert_null (strstr (fields, "method"));
  base = query_text (fixture->path, "SELECT base_hlc FROM journal ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (base);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);
}

static void
test_save_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) future = make_contact (fixture->family, NULL);
  g_autoptr(PlContact) orphan = NULL;
  g_autoptr(PlContact) stranger = NULL;
  g_autoptr(PlFamily) other = pl_test_make_family ("Tran", "Tran Van Minh", NULL, NULL, NULL, "vi");
  g_autoptr(PlGuardian) other_guardian = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 journal_before = pl_store_count_journal (fixture->store, &error);

  tomorrow = g_date_time_add_days (now, 1);
  pl_contact_set_happened_at_time (future, tomorrow);
  g_assert_false (pl_store_save_contact (fixture->store, future, &error));
  g_assert_error (error, PL_CONTACT_ERROR, PL_CONTACT_ERROR_FUTURE);
  g_clear_error (&error);

  /* A family that is not in the database. */
  orphan = make_contact (other, NULL);
  g_assert_false (pl_store_save_contact (fixture->store, orphan, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A guardian of another family, checked against the stored family. */
  pl_test_save (fixture->store, other);
  other_guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (other)), 0);
  stranger = make_contact (fixture->family, NULL);
  pl_contact_set_guardian_id (stranger, pl_guardian_get_id (other_guardian));
  journal_before = pl_store_count_journal (fixture->store, &error);
  g_assert_false (pl_store_save_contact (fixture->store, stranger, &error));
  g_assert_error (error, PL_CONTACT_ERROR, PL_CONTACT_ERROR_GUARDIAN);
  g_clear_error (&error);

  /* Nothing half-written. */
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM contacts"), ==, 0);
}

static void
count_family_changed (PlStore    *store,
                      const char *family_id,
                      gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) contact = make_contact (fixture->family, NULL);
  g_autoptr(PlContact) gone = NULL;
  g_autoptr(PlContact) back = NULL;
  g_autofree char *fields = NULL;
  const char *family_id = pl_family_get_id (fixture->family);
  guint changes = 0;
  gint64 journal_before;

  g_signal_connect (fixture->store, "family-changed", G_CALLBACK (count_family_changed), &changes);
  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_cmpuint (changes, ==, 1);
  journal_before = pl_store_count_journal (fixture->store, &error);

  g_assert_true (pl_store_delete_contact (fixture->store, pl_contact_get_id (contact), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  gone = pl_store_load_contact (fixture->store, pl_contact_get_id (contact), &error);
  g_assert_null (gone);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, family_id, &error), ==, 0);

  /* A tombstone, not a removal: the deletion syncs. */
  g_assert_cmpint (query_int (fixture->path, "SELECT deleted FROM contacts"), ==, 1);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before + 1);
  fields = query_text (fixture->path, "SELECT fields FROM journal ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (fields, ==, "{\"deleted\":true}");

  /* Deleting twice is quiet and writes nothing more. */
  g_assert_true (pl_store_delete_contact (fixture->store, pl_contact_get_id (contact), &error));
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before + 1);

  g_assert_true (pl_store_restore_contact (fixture->store, pl_contact_get_id (contact), &error));
  g_assert_no_error (error);
  back = pl_store_load_contact (fixture->store, pl_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_outcome (back), ==, "reached");
  g_assert_cmpint (pl_store_count_contacts (fixture->store, family_id, &error), ==, 1);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before + 2);

  g_assert_false (pl_store_delete_contact (fixture->store, "no-such-contact", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);

  g_signal_handlers_disconnect_by_data (fixture->store, &changes);
}

/* Saves a contact at @when (UTC) with @id, so the order is known. */
static void
save_at (Fixture    *fixture,
         const char *id,
         const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) contact = g_object_new (PL_TYPE_CONTACT, "id", id,
                                               "family-id", pl_family_get_id (fixture->family),
                                               NULL);

  pl_contact_set_happened_at (contact, when);
  pl_contact_set_method (contact, "text");
  pl_contact_set_purpose (contact, "survey");
  pl_contact_set_outcome (contact, "no-answer");
  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

static const char *
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(PlContact) contact = g_list_model_get_item (model, position);

  g_assert_nonnull (contact);
  /* The list holds its own reference. */
  return pl_contact_get_id (contact);
}

static void
test_list_order (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PlContactList) list = NULL;
  GListModel *model;

  save_at (fixture, "c-2024", "2024-05-01T10:00:00Z");
  save_at (fixture, "c-2026", "2026-01-15T09:30:00Z");
  save_at (fixture, "c-2025-a", "2025-09-01T08:00:00Z");
  save_at (fixture, "c-2025-b", "2025-09-01T08:00:00Z");
  save_at (fixture, "c-2023", "2023-12-31T23:59:59Z");

  list = pl_contact_list_new (fixture->store, pl_family_get_id (fixture->family));
  model = G_LIST_MODEL (list);
  g_assert_true (g_list_model_get_item_type (model) == PL_TYPE_CONTACT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (pl_contact_list_get_total (list), ==, 5);
  g_assert_false (pl_contact_list_get_has_more (list));

  /* Newest first; two at the same second in a stable order. */
  g_assert_cmpstr (id_at (model, 0), ==, "c-2026");
  g_assert_cmpstr (id_at (model, 1), ==, "c-2025-b");
  g_assert_cmpstr (id_at (model, 2), ==, "c-2025-a");
  g_assert_cmpstr (id_at (model, 3), ==, "c-2024");
  g_assert_cmpstr (id_at (model, 4), ==, "c-2023");
  g_assert_null (g_list_model_get_item (model, 5));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
test_list_lazy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContactList) list = NULL;
  g_autoptr(GDateTime) start = utc ("2025-01-01T12:00:00Z");
  GListModel *model;
  Change change = { 0 };
  const char *previous = NULL;

  for (guint i = 0; i < 45; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (start, i);
      g_autofree char *text = pl_contact_format_time (when);
      g_autofree char *id = g_strdup_printf ("c-%02u", i);

      save_at (fixture, id, text);
    }

  list = pl_contact_list_new (fixture->store, pl_family_get_id (fixture->family));
  model = G_LIST_MODEL (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* Only the first page is read: the newest 20 of 45. */
  g_assert_cmpuint (pl_contact_list_get_page_size (list), ==, 20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 20);
  g_assert_cmpuint (pl_contact_list_get_total (list), ==, 45);
  g_assert_true (pl_contact_list_get_has_more (list));
  g_assert_cmpstr (id_at (model, 0), ==, "c-44");
  g_assert_cmpstr (id_at (model, 19), ==, "c-25");

  g_assert_true (pl_contact_list_load_more (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 20);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);
  g_assert_true (pl_contact_list_get_has_more (list));

  g_assert_true (pl_contact_list_load_more (list, &error));
  g_assert_cmpuint (change.added, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 45);
  g_assert_false (pl_contact_list_get_has_more (list));

  /* Nothing older: asking again changes nothing. */
  g_assert_true (pl_contact_list_load_more (list, &error));
  g_assert_cmpuint (change.calls, ==, 2);

  for (guint i = 0; i < 45; i++)
    {
      const char *id = id_at (model, i);

      if (previous != NULL)
        g_assert_cmpstr (previous, >, id);
      previous = id;
    }

  /* A smaller page for a small screen. */
  pl_contact_list_set_page_size (list, 7);
  g_assert_true (pl_contact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 45);
}

static void
test_list_follows_store (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContactList) list = pl_contact_list_new (fixture->store,
                                                       pl_family_get_id (fixture->family));
  g_autoptr(PlFamily) other = pl_test_make_family ("Tran", "Tran Van Minh", NULL, NULL, NULL, "vi");
  g_autoptr(PlContact) elsewhere = NULL;
  g_autoptr(PlContact) newest = NULL;
  GListModel *model = G_LIST_MODEL (list);
  Change change = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);
  save_at (fixture, "c-old", "2025-01-01T12:00:00Z");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (change.calls, ==, 1);

  /* A contact with another family is not this timeline's business. */
  pl_test_save (fixture->store, other);
  elsewhere = make_contact (other, NULL);
  g_assert_true (pl_store_save_contact (fixture->store, elsewhere, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  newest = make_contact (fixture->family, NULL);
  g_assert_true (pl_store_save_contact (fixture->store, newest, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (id_at (model, 0), ==, pl_contact_get_id (newest));

  g_assert_true (pl_store_delete_contact (fixture->store, pl_contact_get_id (newest), &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (pl_contact_list_get_total (list), ==, 1);
  g_assert_cmpstr (id_at (model, 0), ==, "c-old");

  g_assert_true (pl_store_restore_contact (fixture->store, pl_contact_get_id (newest), &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_null (pl_contact_list_get_error (list));
}

/* Logging a call leaves the district's family list alone (re-sorting 25,000
 * families after every save made the window pause); renaming a family does
 * not. */
static void
test_family_list_untouched (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamilyList) families = pl_family_list_new (fixture->store);
  g_autoptr(PlContact) contact = make_contact (fixture->family, NULL);
  Change change = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (families)), ==, 1);
  g_signal_connect (families, "items-changed", G_CALLBACK (on_items_changed), &change);

  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  g_assert_true (pl_store_delete_contact (fixture->store, pl_contact_get_id (contact), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.calls, ==, 0);

  pl_family_set_household_name (fixture->family, "Nguyễn-Trần");
  pl_test_save (fixture->store, fixture->family);
  g_assert_cmpuint (change.calls, ==, 1);
}

/* The demo district names staff by username, and "me" is a liaison whose
 * name the timeline can show. */
static void
test_demo_staff (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);
  /* Long after the demo's last contact, whatever this machine's clock says. */
  g_autoptr(GDateTime) later = utc ("2030-01-01T00:00:00Z");
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamilyList) families = NULL;
  g_autofree char *me = NULL;
  g_autofree char *my_name = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_true (pl_demo_generate (store, 40, 7, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  me = pl_store_dup_me (store);
  g_assert_nonnull (me);
  my_name = pl_store_dup_staff_name (store, me);
  g_assert_nonnull (my_name);
  g_assert_cmpstr (my_name, !=, me);
  g_assert_null (pl_store_dup_staff_name (store, "nobody.here"));

  families = pl_family_list_new (store);
  for (guint f = 0; f < g_list_model_get_n_items (G_LIST_MODEL (families)); f++)
    {
      g_autoptr(PlFamilySummary) summary = g_list_model_get_item (G_LIST_MODEL (families), f);
      g_autoptr(PlContactList) contacts =
        pl_contact_list_new (store, pl_family_summary_get_id (summary));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (contacts)); i++)
        {
          g_autoptr(PlContact) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);
          g_autofree char *name =
            pl_store_dup_staff_name (store, pl_contact_get_staff_id (contact));
          g_autoptr(GPtrArray) problems = pl_contact_check (contact, NULL, later);

          g_assert_nonnull (name);
          /* The demo's contacts pass the same checks as a person's. */
          g_assert_cmpuint (problems->len, ==, 0);
          if (pl_contact_get_follow_up_due (contact) != NULL)
            g_assert_cmpstr (pl_contact_get_follow_up_owner (contact), ==,
                             pl_contact_get_staff_id (contact));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 100);
}

int
main (int    argc,
      char **argv)
{
  /* Calendar days are Springfield's, whatever the machine's zone. */
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contacts/validate/complete", test_validate_complete);
  g_test_add_func ("/contacts/validate/required", test_validate_required);
  g_test_add_func ("/contacts/validate/codes", test_validate_codes);
  g_test_add_func ("/contacts/validate/future", test_validate_future);
  g_test_add_func ("/contacts/validate/bad-time", test_validate_bad_time);
  g_test_add_func ("/contacts/validate/follow-up", test_validate_follow_up);
  g_test_add_func ("/contacts/validate/guardian", test_validate_guardian);
  g_test_add_func ("/contacts/validate/purpose-other", test_validate_purpose_other);
  g_test_add_func ("/contacts/labels", test_labels);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/contacts/me", test_me);
  ADD ("/contacts/save-and-load", test_save_and_load);
  ADD ("/contacts/save-edit", test_save_edit);
  ADD ("/contacts/save-invalid", test_save_invalid);
  ADD ("/contacts/delete-restore", test_delete_restore);
  ADD ("/contacts/list/order", test_list_order);
  ADD ("/contacts/list/lazy", test_list_lazy);
  ADD ("/contacts/list/follows-store", test_list_follows_store);
  ADD ("/contacts/family-list-untouched", test_family_list_untouched);
  ADD ("/contacts/demo-staff", test_demo_staff);
#undef ADD

  return g_test_run ();
}

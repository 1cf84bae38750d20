/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-store-private.h"

/* Every synced table carries the same four columns. */
#define SYNC_COLUMNS \
  "id TEXT PRIMARY KEY NOT NULL, " \
  "hlc TEXT NOT NULL, " \
  "origin TEXT NOT NULL, " \
  "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "

/* Migration 1: the data model of the whole mission (DESIGN.md "Data"). Later
 * features fill these tables in; a schema change is a new step below, never
 * an edit of a released one. */
static const char migration_1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"

  "CREATE TABLE schools (" SYNC_COLUMNS
  "  name TEXT NOT NULL, code TEXT, grade_low INTEGER, grade_high INTEGER);"

  "CREATE TABLE staff_users (" SYNC_COLUMNS
  "  username TEXT NOT NULL, display_name TEXT, email TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('admin','organizer','liaison','entry','viewer')),"
  "  school_ids TEXT, language TEXT, active INTEGER NOT NULL DEFAULT 1);"

  "CREATE TABLE families (" SYNC_COLUMNS
  "  household_name TEXT NOT NULL, address TEXT, city TEXT, zip TEXT,"
  "  home_language TEXT, notes TEXT,"
  "  sort_key TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX families_sort ON families (deleted, sort_key, id);"
  "CREATE INDEX families_language ON families (deleted, home_language);"

  "CREATE TABLE guardians (" SYNC_COLUMNS
  "  family_id TEXT NOT NULL REFERENCES families (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  full_name TEXT NOT NULL, relationship TEXT, phone TEXT, phone_alt TEXT, email TEXT,"
  "  preferred_language TEXT, needs_interpreter INTEGER NOT NULL DEFAULT 0,"
  "  can_text INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX guardians_family ON guardians (family_id);"

  "CREATE TABLE students (" SYNC_COLUMNS
  "  family_id TEXT NOT NULL REFERENCES families (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  district_id TEXT, full_name TEXT NOT NULL,"
  "  school_id TEXT REFERENCES schools (id),"
  "  grade INTEGER CHECK (grade BETWEEN -1 AND 12),"
  "  emerging_bilingual INTEGER NOT NULL DEFAULT 0,"
  "  iep INTEGER NOT NULL DEFAULT 0, plan_504 INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX students_family ON students (family_id);"
  "CREATE INDEX students_school ON students (school_id, family_id);"
  "CREATE INDEX students_district_id ON students (district_id);"

  "CREATE TABLE contacts (" SYNC_COLUMNS
  "  family_id TEXT NOT NULL REFERENCES families (id),"
  "  guardian_id TEXT REFERENCES guardians (id),"
  "  staff_id TEXT,"
  "  happened_at TEXT NOT NULL,"
  "  method TEXT NOT NULL, direction TEXT NOT NULL DEFAULT 'outgoing',"
  "  language TEXT, interpreter TEXT NOT NULL DEFAULT 'none',"
  "  purpose TEXT, purpose_other TEXT, outcome TEXT, notes TEXT,"
  "  follow_up_due TEXT, follow_up_done_at TEXT, follow_up_owner TEXT);"
  "CREATE INDEX contacts_family ON contacts (family_id, happened_at);"
  "CREATE INDEX contacts_follow_up ON contacts (follow_up_due) WHERE follow_up_due IS NOT NULL"
  "  AND follow_up_done_at IS NULL;"

  "CREATE TABLE councils (" SYNC_COLUMNS
  "  school_id TEXT NOT NULL REFERENCES schools (id), name TEXT NOT NULL, purpose TEXT,"
  "  meeting_pattern TEXT, languages TEXT);"

  "CREATE TABLE council_members (" SYNC_COLUMNS
  "  council_id TEXT NOT NULL REFERENCES councils (id),"
  "  guardian_id TEXT REFERENCES guardians (id), staff_id TEXT,"
  "  role TEXT NOT NULL DEFAULT 'member', term_start TEXT, term_end TEXT, language TEXT);"
  "CREATE INDEX council_members_council ON council_members (council_id);"

  "CREATE TABLE meetings (" SYNC_COLUMNS
  "  council_id TEXT NOT NULL REFERENCES councils (id),"
  "  starts_at TEXT NOT NULL, ends_at TEXT, timezone TEXT, location TEXT, video_link TEXT,"
  "  agenda TEXT, interpretation_languages TEXT, childcare INTEGER NOT NULL DEFAULT 0,"
  "  food INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'scheduled',"
  "  minutes TEXT, series_id TEXT, series_rule TEXT, original_start TEXT);"
  "CREATE INDEX meetings_council ON meetings (council_id, starts_at);"

  "CREATE TABLE meeting_attendance (" SYNC_COLUMNS
  "  meeting_id TEXT NOT NULL REFERENCES meetings (id),"
  "  member_id TEXT REFERENCES council_members (id),"
  "  guardian_id TEXT REFERENCES guardians (id), guest_name TEXT,"
  "  rsvp TEXT NOT NULL DEFAULT 'none', needs_interpretation INTEGER NOT NULL DEFAULT 0,"
  "  interpretation_language TEXT, childcare_count INTEGER NOT NULL DEFAULT 0,"
  "  attended INTEGER NOT NULL DEFAULT 0, checked_in_at TEXT);"
  "CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);"

  "CREATE TABLE action_items (" SYNC_COLUMNS
  "  council_id TEXT NOT NULL REFERENCES councils (id),"
  "  meeting_id TEXT REFERENCES meetings (id),"
  "  title TEXT NOT NULL, owner_member_id TEXT, owner_name TEXT, due_on TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open', done_at TEXT, notes TEXT);"

  "CREATE TABLE surveys (" SYNC_COLUMNS
  "  series_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,"
  "  title TEXT NOT NULL, description TEXT, default_language TEXT NOT NULL DEFAULT 'en',"
  "  languages TEXT, term TEXT, status TEXT NOT NULL DEFAULT 'draft');"

  "CREATE TABLE questions (" SYNC_COLUMNS
  "  survey_id TEXT NOT NULL REFERENCES surveys (id), position INTEGER NOT NULL,"
  "  code TEXT, kind TEXT NOT NULL, domain TEXT, required INTEGER NOT NULL DEFAULT 0,"
  "  options TEXT, min_value REAL, max_value REAL, allow_na INTEGER NOT NULL DEFAULT 0,"
  "  skip_question_id TEXT, skip_value TEXT);"
  "CREATE INDEX questions_survey ON questions (survey_id, position);"

  "CREATE TABLE translations (" SYNC_COLUMNS
  "  survey_id TEXT NOT NULL REFERENCES surveys (id),"
  "  owner_kind TEXT NOT NULL, owner_id TEXT NOT NULL, field TEXT NOT NULL,"
  "  language TEXT NOT NULL, text TEXT NOT NULL, source_hash TEXT);"
  "CREATE INDEX translations_owner ON translations (owner_id, language);"

  "CREATE TABLE entry_batches (" SYNC_COLUMNS
  "  survey_id TEXT NOT NULL REFERENCES surveys (id),"
  "  school_id TEXT NOT NULL REFERENCES schools (id),"
  "  received_on TEXT, form_count INTEGER, entered_by TEXT,"
  "  double_entry TEXT NOT NULL DEFAULT 'none', sample_percent INTEGER,"
  "  second_keyer TEXT, status TEXT NOT NULL DEFAULT 'open');"

  "CREATE TABLE responses (" SYNC_COLUMNS
  "  survey_id TEXT NOT NULL REFERENCES surveys (id),"
  "  school_id TEXT NOT NULL REFERENCES schools (id),"
  "  batch_id TEXT REFERENCES entry_batches (id),"
  "  form_code TEXT, language TEXT, mode TEXT NOT NULL DEFAULT 'paper',"
  "  entered_by TEXT, keying INTEGER NOT NULL DEFAULT 1,"
  "  verification TEXT NOT NULL DEFAULT 'single', entered_at TEXT);"
  "CREATE UNIQUE INDEX responses_form_code ON responses (form_code, keying)"
  "  WHERE deleted = 0 AND form_code IS NOT NULL;"
  "CREATE INDEX responses_survey ON responses (survey_id, school_id);"

  "CREATE TABLE answers (" SYNC_COLUMNS
  "  response_id TEXT NOT NULL REFERENCES responses (id),"
  "  question_id TEXT NOT NULL REFERENCES questions (id), value TEXT);"
  "CREATE INDEX answers_response ON answers (response_id);"

  "CREATE TABLE conflicts (" SYNC_COLUMNS
  "  entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,"
  "  winner_value TEXT, winner_hlc TEXT NOT NULL, loser_value TEXT, loser_hlc TEXT NOT NULL,"
  "  loser_origin TEXT, resolved_at TEXT, resolved_by TEXT, resolution TEXT);"
  "CREATE INDEX conflicts_row ON conflicts (entity, row_id);"

  /* Local bookkeeping, never synced as rows. */

  /* Per-field clocks: a row with none here has every field at its row hlc;
   * the first update of a row writes all its fields, so lookups stay simple. */
  "CREATE TABLE field_clocks (entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL, hlc TEXT NOT NULL,"
  "  PRIMARY KEY (entity, row_id, field)) WITHOUT ROWID;"

  /* Every local change, in order. fields holds the changed values as a JSON
   * object, or NULL for an insert: its values are the row's own. */
  "CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('insert','update')),"
  "  fields TEXT, hlc TEXT NOT NULL, base_hlc TEXT,"
  "  pushed INTEGER NOT NULL DEFAULT 0);"

  /* Search text per family (rowid = the family's rowid). */
  "CREATE VIRTUAL TABLE family_fts USING fts5 (text,"
  "  tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');";

/* Migration 2: counting the changes not yet sent, shown in the header bar
 * after every save, reads only those. */
static const char migration_2[] =
  "CREATE INDEX journal_unsent ON journal (seq) WHERE pushed = 0;";

/* Migration 3: follow-ups and outreach on a district of a million contacts.
 * The open follow-ups are a few thousand; counting them by owner or family
 * reads only this index. Whether a family was reached since a day reads
 * only the successful contacts' index, not every contact row. */
static const char migration_3[] =
  "CREATE INDEX contacts_open_follow_ups ON contacts"
  "  (follow_up_due, family_id, follow_up_owner, staff_id)"
  "  WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL AND deleted = 0;"
  "CREATE INDEX contacts_reached ON contacts (family_id, happened_at)"
  "  WHERE outcome = 'reached' AND deleted = 0;";

/* Migration 4: a change the server refused is set aside (pushed = 2) with
 * the server's code and message, so the changes after it can go; a person
 * sends it again or discards it. */
static const char migration_4[] =
  "ALTER TABLE journal ADD COLUMN refused_code TEXT;"
  "ALTER TABLE journal ADD COLUMN refused_message TEXT;"
  "CREATE INDEX journal_refused ON journal (seq) WHERE pushed = 2;";

/* Migration 5: surveys and paper data entry (issue 5). A form code keyed
 * on two laptops before they synced must not stop a sync, so its index is
 * no longer unique: the store refuses a duplicate it can see and lists the
 * ones sync brings together. */
static const char migration_5[] =
  "ALTER TABLE surveys ADD COLUMN number INTEGER;"
  "CREATE INDEX surveys_series ON surveys (series_id, version);"
  "CREATE INDEX translations_survey ON translations (survey_id);"
  "ALTER TABLE responses ADD COLUMN started_at TEXT;"
  "ALTER TABLE responses ADD COLUMN keyed_seconds REAL;"
  "DROP INDEX responses_form_code;"
  "CREATE INDEX responses_form_code ON responses (form_code, keying)"
  "  WHERE deleted = 0 AND form_code IS NOT NULL;"
  "CREATE INDEX responses_batch ON responses (batch_id, keying, entered_at);"
  "ALTER TABLE answers ADD COLUMN keyed_value TEXT;"
  "ALTER TABLE answers ADD COLUMN reconciled_by TEXT;"
  "ALTER TABLE answers ADD COLUMN reconciled_at TEXT;"
  "CREATE INDEX entry_batches_survey ON entry_batches (survey_id);"
  "CREATE TABLE form_prints (" SYNC_COLUMNS
  "  series_id TEXT NOT NULL, school_id TEXT NOT NULL REFERENCES schools (id),"
  "  first_serial INTEGER NOT NULL, count INTEGER NOT NULL, language TEXT,"
  "  printed_by TEXT, printed_at TEXT);"
  "CREATE INDEX form_prints_series ON form_prints (series_id, school_id);";

/* Migration 6: councils (issue 7). A meeting has a title and decisions
 * apart from its minutes; a council keeps its time zone, so a series keeps
 * its wall-clock time. The school calendar's closures (school_id NULL: every
 * school) are imported from .ics and warn of a meeting on a day off. A
 * family's council attendance is counted from its guardians' rows. */
static const char migration_6[] =
  "ALTER TABLE councils ADD COLUMN timezone TEXT;"
  "CREATE INDEX councils_school ON councils (school_id);"
  "ALTER TABLE meetings ADD COLUMN title TEXT;"
  "ALTER TABLE meetings ADD COLUMN decisions TEXT;"
  "CREATE INDEX meetings_series ON meetings (series_id);"
  "CREATE INDEX meeting_attendance_guardian ON meeting_attendance (guardian_id)"
  "  WHERE guardian_id IS NOT NULL;"
  "CREATE INDEX meeting_attendance_member ON meeting_attendance (member_id)"
  "  WHERE member_id IS NOT NULL;"
  "CREATE INDEX council_members_guardian ON council_members (guardian_id)"
  "  WHERE guardian_id IS NOT NULL;"
  "CREATE INDEX action_items_council ON action_items (council_id, status);"
  "CREATE TABLE school_closures (" SYNC_COLUMNS
  "  school_id TEXT REFERENCES schools (id), date TEXT NOT NULL, name TEXT);"
  "CREATE INDEX school_closures_date ON school_closures (date);";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PL_STORE_SCHEMA_VERSION);

const char *
_pl_store_migration_sql (int version)
{
  g_return_val_if_fail (version >= 1 && version <= PL_STORE_SCHEMA_VERSION, NULL);
  return migrations[version - 1];
}

/* Columns a program may write for each synced entity (sync columns apart).
 * The store builds its statements from these, and the server (issue 3) will
 * reject any entity or field not listed. */
static const PlColumn school_columns[] = {
  { "name", 't' }, { "code", 't' }, { "grade_low", 'i' }, { "grade_high", 'i' }, { NULL },
};
static const PlColumn family_columns[] = {
  { "household_name", 't' }, { "address", 't' }, { "city", 't' }, { "zip", 't' },
  { "home_language", 't' }, { "notes", 't' }, { NULL },
};
static const PlColumn guardian_columns[] = {
  { "family_id", 't' }, { "position", 'i' }, { "full_name", 't' }, { "relationship", 't' },
  { "phone", 't' }, { "phone_alt", 't' }, { "email", 't' }, { "preferred_language", 't' },
  { "needs_interpreter", 'i' }, { "can_text", 'i' }, { NULL },
};
static const PlColumn student_columns[] = {
  { "family_id", 't' }, { "position", 'i' }, { "district_id", 't' }, { "full_name", 't' },
  { "school_id", 't' }, { "grade", 'i' }, { "emerging_bilingual", 'i' }, { "iep", 'i' },
  { "plan_504", 'i' }, { NULL },
};
static const PlColumn contact_columns[] = {
  { "family_id", 't' }, { "guardian_id", 't' }, { "staff_id", 't' }, { "happened_at", 't' },
  { "method", 't' }, { "direction", 't' }, { "language", 't' }, { "interpreter", 't' },
  { "purpose", 't' }, { "purpose_other", 't' }, { "outcome", 't' }, { "notes", 't' },
  { "follow_up_due", 't' }, { "follow_up_done_at", 't' }, { "follow_up_owner", 't' }, { NULL },
};

static const PlColumn survey_columns[] = {
  { "series_id", 't' }, { "version", 'i' }, { "number", 'i' }, { "title", 't' },
  { "description", 't' }, { "default_language", 't' }, { "languages", 't' }, { "term", 't' },
  { "status", 't' }, { NULL },
};
/* Numbers with a fraction travel as text, as SQLite prints them ("1.0"). */
static const PlColumn question_columns[] = {
  { "survey_id", 't' }, { "position", 'i' }, { "code", 't' }, { "kind", 't' }, { "domain", 't' },
  { "required", 'i' }, { "options", 't' }, { "min_value", 't' }, { "max_value", 't' },
  { "allow_na", 'i' }, { "skip_question_id", 't' }, { "skip_value", 't' }, { NULL },
};
static const PlColumn translation_columns[] = {
  { "survey_id", 't' }, { "owner_kind", 't' }, { "owner_id", 't' }, { "field", 't' },
  { "language", 't' }, { "text", 't' }, { "source_hash", 't' }, { NULL },
};
static const PlColumn entry_batch_columns[] = {
  { "survey_id", 't' }, { "school_id", 't' }, { "received_on", 't' }, { "form_count", 'i' },
  { "entered_by", 't' }, { "double_entry", 't' }, { "sample_percent", 'i' },
  { "second_keyer", 't' }, { "status", 't' }, { NULL },
};
static const PlColumn response_columns[] = {
  { "survey_id", 't' }, { "school_id", 't' }, { "batch_id", 't' }, { "form_code", 't' },
  { "language", 't' }, { "mode", 't' }, { "entered_by", 't' }, { "keying", 'i' },
  { "verification", 't' }, { "entered_at", 't' }, { "started_at", 't' },
  { "keyed_seconds", 't' }, { NULL },
};
static const PlColumn answer_columns[] = {
  { "response_id", 't' }, { "question_id", 't' }, { "value", 't' }, { "keyed_value", 't' },
  { "reconciled_by", 't' }, { "reconciled_at", 't' }, { NULL },
};
static const PlColumn form_print_columns[] = {
  { "series_id", 't' }, { "school_id", 't' }, { "first_serial", 'i' }, { "count", 'i' },
  { "language", 't' }, { "printed_by", 't' }, { "printed_at", 't' }, { NULL },
};

static const PlColumn council_columns[] = {
  { "school_id", 't' }, { "name", 't' }, { "purpose", 't' }, { "meeting_pattern", 't' },
  { "languages", 't' }, { "timezone", 't' }, { NULL },
};
static const PlColumn council_member_columns[] = {
  { "council_id", 't' }, { "guardian_id", 't' }, { "staff_id", 't' }, { "role", 't' },
  { "term_start", 't' }, { "term_end", 't' }, { "language", 't' }, { NULL },
};
static const PlColumn meeting_columns[] = {
  { "council_id", 't' }, { "title", 't' }, { "starts_at", 't' }, { "ends_at", 't' },
  { "timezone", 't' }, { "location", 't' }, { "video_link", 't' }, { "agenda", 't' },
  { "interpretation_languages", 't' }, { "childcare", 'i' }, { "food", 'i' }, { "status", 't' },
  { "minutes", 't' }, { "decisions", 't' }, { "series_id", 't' }, { "series_rule", 't' },
  { "original_start", 't' }, { NULL },
};
static const PlColumn meeting_attendance_columns[] = {
  { "meeting_id", 't' }, { "member_id", 't' }, { "guardian_id", 't' }, { "guest_name", 't' },
  { "rsvp", 't' }, { "needs_interpretation", 'i' }, { "interpretation_language", 't' },
  { "childcare_count", 'i' }, { "attended", 'i' }, { "checked_in_at", 't' }, { NULL },
};
static const PlColumn action_item_columns[] = {
  { "council_id", 't' }, { "meeting_id", 't' }, { "title", 't' }, { "owner_member_id", 't' },
  { "owner_name", 't' }, { "due_on", 't' }, { "status", 't' }, { "done_at", 't' },
  { "notes", 't' }, { NULL },
};
static const PlColumn school_closure_columns[] = {
  { "school_id", 't' }, { "date", 't' }, { "name", 't' }, { NULL },
};

static const PlColumn conflict_columns[] = {
  { "entity", 't' }, { "row_id", 't' }, { "field", 't' }, { "winner_value", 't' },
  { "winner_hlc", 't' }, { "loser_value", 't' }, { "loser_hlc", 't' }, { "loser_origin", 't' },
  { "resolved_at", 't' }, { "resolved_by", 't' }, { "resolution", 't' }, { NULL },
};

static const PlEntity entities[] = {
  { "schools", school_columns },
  { "families", family_columns },
  { "guardians", guardian_columns },
  { "students", student_columns },
  { "contacts", contact_columns },
  { "surveys", survey_columns },
  { "questions", question_columns },
  { "translations", translation_columns },
  { "entry_batches", entry_batch_columns },
  { "responses", response_columns },
  { "answers", answer_columns },
  { "form_prints", form_print_columns },
  { "councils", council_columns },
  { "council_members", council_member_columns },
  { "meetings", meeting_columns },
  { "meeting_attendance", meeting_attendance_columns },
  { "action_items", action_item_columns },
  { "school_closures", school_closure_columns },
  { "conflicts", conflict_columns },
  { NULL, NULL },
};

const PlEntity *
_pl_store_lookup_entity (const char *table)
{
  for (guint i = 0; entities[i].table; i++)
    if (g_strcmp0 (entities[i].table, table) == 0)
      return &entities[i];
  return NULL;
}

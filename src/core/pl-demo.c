/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-contact.h"
#include "pl-demo.h"
#include "pl-demo-responses.h"
#include "pl-demo-names.h"
#include "pl-normalize.h"
#include "pl-store-private.h"
#include "pl-store-surveys.h"
#include "pl-student.h"
#include "pl-xlsform.h"

/* The demo district is written straight into the tables with prepared
 * statements in one transaction: it is fixture data, so it gets no journal
 * entries (it must never be pushed to a district server) and the database is
 * marked as a demo in its meta table. */

#define N_STAFF 24
#define CONTACTS_MAX_PER_FAMILY 80
/* Contacts fall between 1 September 2021 and 20 November 2026, whatever day
 * the demo is made, so a seed always gives the same district. */
#define CONTACTS_FROM_UNIX 1630468800
#define CONTACTS_TO_UNIX 1795132800

static GPrivate rows_written_key;

typedef struct
{
  GRand        *rand;
  PlStore      *store;
  sqlite3_stmt *family;
  sqlite3_stmt *fts;
  sqlite3_stmt *guardian;
  sqlite3_stmt *student;
  sqlite3_stmt *contact;
  const PlDemoLanguageNames *languages;
  guint         n_languages;
  const PlDemoSchool *schools;
  char        **school_ids;
  guint         n_schools;
  char         *staff_usernames[N_STAFF];
  guint         next_district_id;
  guint         phones_issued;
  char         *last_phone;     /* the previous family's first guardian's */
  guint64       rows;
  char         *origin;
  gint64        journal_seq;   /* the journal's last entry before the demo */
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->last_phone, g_free);
  if (demo->school_ids)
    g_strfreev (demo->school_ids);
  for (guint i = 0; i < N_STAFF; i++)
    g_free (demo->staff_usernames[i]);
  g_free (demo->origin);
}

/* A version-4 UUID from the seeded generator, so ids repeat with the seed. */
static void
demo_uuid (Demo *demo,
           char  out[37])
{
  guint32 a = g_rand_int (demo->rand), b = g_rand_int (demo->rand);
  guint32 c = g_rand_int (demo->rand), d = g_rand_int (demo->rand);

  g_snprintf (out, 37, "%08x-%04x-4%03x-%04x-%04x%08x",
              a, b >> 16, b & 0xFFF, 0x8000 | (c >> 16 & 0x3FFF), c & 0xFFFF, d);
}

static const char *
pick (Demo              *demo,
      const char *const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (demo->rand, 0, n)];
}

/* Picks an index by weight from @weights (summing to @total). */
static guint
pick_weighted (Demo        *demo,
               const guint *weights,
               guint        n,
               guint        total)
{
  guint r = g_rand_int_range (demo->rand, 0, total);

  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static gboolean
percent (Demo *demo,
         int   p)
{
  return g_rand_int_range (demo->rand, 0, 100) < p;
}

static gboolean
step_done (Demo          *demo,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (demo->store, rc, _("write the demo district"), error);
      return FALSE;
    }
  demo->rows++;
  return TRUE;
}

static char *
full_name (const PlDemoLanguageNames *names,
           const char                *given,
           const char                *family)
{
  if (names->family_name_first)
    return g_strdup_printf ("%s %s", family, given);
  return g_strdup_printf ("%s %s", given, family);
}

static char *
demo_phone (Demo *demo)
{
  static const char *const area_codes[] = { "413", "774", "508", "978", "351", "617" };
  const guint count = G_N_ELEMENTS (area_codes) * 10000;
  /* A stride prime to the count visits every number once, so families share
   * a phone only where the demo means them to (a household entered twice,
   * for Possible Duplicates). 555 numbers are reserved for fiction. */
  guint n = (guint) (((guint64) demo->phones_issued++ * 7919) % count);

  return g_strdup_printf ("(%s) 555-%04u", area_codes[n / 10000], n % 10000);
}

static char *
demo_email (Demo       *demo,
            const char *given,
            const char *family)
{
  g_autofree char *g = pl_normalize_text (given);
  g_autofree char *f = pl_normalize_text (family);

  /* Only names that fold to plain Latin make a believable address. */
  for (const char *p = g; *p; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;
  for (char *p = f; *p; p++)
    if (*p == ' ')
      *p = '.';
    else if (!g_ascii_isalnum (*p))
      return NULL;
  return g_strdup_printf ("%s.%s%d@example.org", g, f, g_rand_int_range (demo->rand, 1, 99));
}

static gboolean
prepare_all (Demo    *demo,
             GError **error)
{
  sqlite3 *db = _pl_store_get_db (demo->store);
  struct { sqlite3_stmt **stmt; const char *sql; } statements[] = {
    { &demo->family, "INSERT INTO families (id, hlc, origin, household_name, address, city, zip,"
                     " home_language, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
    { &demo->fts, "INSERT INTO family_fts (rowid, text) VALUES (?, ?)" },
    { &demo->guardian, "INSERT INTO guardians (id, hlc, origin, family_id, position, full_name,"
                       " relationship, phone, phone_alt, email, preferred_language,"
                       " needs_interpreter, can_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
    { &demo->student, "INSERT INTO students (id, hlc, origin, family_id, position, district_id,"
                      " full_name, school_id, grade, emerging_bilingual, iep, plan_504)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
    { &demo->contact, "INSERT INTO contacts (id, hlc, origin, family_id, guardian_id, staff_id,"
                      " happened_at, method, direction, language, interpreter, purpose, outcome,"
                      " notes, follow_up_due, follow_up_done_at, follow_up_owner)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      *statements[i].stmt = _pl_store_prepare (demo->store, statements[i].sql, error);
      if (*statements[i].stmt == NULL)
        return FALSE;
    }
  (void) db;
  return TRUE;
}

static gboolean
write_schools_and_staff (Demo    *demo,
                         GError **error)
{
  static const char *const staff_given[] = {
    "María", "Luis", "Thu", "Ahmed", "Bishnu", "Hodan", "Grace", "Ana", "Farida", "Jean",
    "Carmen", "Kevin", "Linh", "Samira", "Pema", "Abdi", "Neema", "Rosa", "Omid", "Nadège",
    "Diana", "Marcus", "Yolanda", "Peter",
  };
  static const char *const staff_family[] = {
    "Ortiz", "Santiago", "Tran", "Haddad", "Adhikari", "Warsame", "Mwangi", "Silva", "Rahimi",
    "Pierre", "Colón", "O'Brien", "Pham", "Nasser", "Gurung", "Farah", "Wanjiru", "Delgado",
    "Karimi", "Joseph", "Rivera", "Johnson", "Figueroa", "Murphy",
  };
  sqlite3_stmt *stmt;
  g_autofree char *hlc = pl_clock_now (pl_store_get_clock (demo->store));

  demo->schools = pl_demo_names_get_schools (&demo->n_schools);
  demo->school_ids = g_new0 (char *, demo->n_schools + 1);

  stmt = _pl_store_prepare (demo->store,
                            "INSERT INTO schools (id, hlc, origin, name, code, grade_low, grade_high)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demo->n_schools; i++)
    {
      char id[37];

      demo_uuid (demo, id);
      demo->school_ids[i] = g_strdup (id);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, demo->schools[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, demo->schools[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, demo->schools[i].grade_low);
      sqlite3_bind_int (stmt, 7, demo->schools[i].grade_high);
      if (!step_done (demo, stmt, error))
        return FALSE;
    }

  stmt = _pl_store_prepare (demo->store,
                            "INSERT INTO staff_users (id, hlc, origin, username, display_name, role,"
                            " school_ids, language) VALUES (?, ?, ?, ?, ?, 'liaison', ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_STAFF; i++)
    {
      char id[37];
      g_autofree char *display = g_strdup_printf ("%s %s", staff_given[i], staff_family[i]);
      g_autofree char *folded = pl_normalize_text (display);
      /* Each liaison covers a run of schools. */
      g_autofree char *schools = g_strjoin (",", demo->school_ids[(i * 5) % demo->n_schools],
                                            demo->school_ids[(i * 5 + 1) % demo->n_schools],
                                            demo->school_ids[(i * 5 + 2) % demo->n_schools], NULL);

      g_strdelimit (folded, " '", '.');
      demo_uuid (demo, id);
      /* Contacts name their staff by username (see pl_store_dup_me()). */
      demo->staff_usernames[i] = g_strdup (folded);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, folded, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, display, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, schools, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, i % 3 == 0 ? "es" : "en", -1, SQLITE_STATIC);
      if (!step_done (demo, stmt, error))
        return FALSE;
    }

  /* The person trying the demo is its first liaison, so "my" follow-ups
   * and schools have something in them. */
  return pl_store_set_me (demo->store, demo->staff_usernames[0], error);
}

static guint
school_for_grade (Demo *demo,
                  int   grade,
                  guint preferred)
{
  /* Siblings go to the same school when it teaches the grade. */
  if (preferred < demo->n_schools &&
      demo->schools[preferred].grade_low <= grade && grade <= demo->schools[preferred].grade_high)
    return preferred;

  for (guint tries = 0; tries < 200; tries++)
    {
      guint i = g_rand_int_range (demo->rand, 0, demo->n_schools);
      if (demo->schools[i].grade_low <= grade && grade <= demo->schools[i].grade_high)
        return i;
    }
  return 0;
}

typedef struct
{
  char        id[37];
  const char *language;
} DemoGuardian;

static gboolean
write_contacts (Demo               *demo,
                const char         *family_id,
                const DemoGuardian *guardians,
                guint               n_guardians,
                const char         *hlc,
                GError            **error)
{
  static const char *const methods[] = {
    "phone", "text", "in-person", "email", "home-visit", "video", "letter",
  };
  static const guint method_weights[] = { 45, 25, 10, 8, 5, 4, 3 };
  static const char *const purposes[] = {
    "attendance", "academics", "behavior", "wellbeing", "council", "survey", "resources", "other",
  };
  static const guint purpose_weights[] = { 25, 25, 10, 12, 8, 6, 10, 4 };
  static const char *const outcomes[] = {
    "reached", "left-message", "no-answer", "wrong-number", "declined",
  };
  static const guint outcome_weights[] = { 60, 20, 15, 3, 2 };
  static const char *const interpreters[] = { "staff", "phone-line", "family-member", "none" };
  static const guint interpreter_weights[] = { 40, 30, 10, 20 };
  static const char *const notes[] = {
    "Asked about the bus schedule.", "Will bring documents on Friday.",
    "Prefers calls after 5 pm.", "Interested in the family council.",
    "Shared the food pantry flyer.", "Needs help with the parent portal.",
  };
  guint n = g_rand_int_range (demo->rand, 0, CONTACTS_MAX_PER_FAMILY + 1);
  sqlite3_stmt *stmt = demo->contact;
  guint staff = g_rand_int_range (demo->rand, 0, N_STAFF);

  for (guint i = 0; i < n; i++)
    {
      const DemoGuardian *guardian = &guardians[g_rand_int_range (demo->rand, 0, n_guardians)];
      gint64 when = CONTACTS_FROM_UNIX +
                    (gint64) (g_rand_double (demo->rand) * (CONTACTS_TO_UNIX - CONTACTS_FROM_UNIX));
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (when);
      g_autofree char *at_text = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *due = NULL;
      g_autofree char *done = NULL;
      const char *language = percent (demo, 85) ? guardian->language : "en";
      const char *staff_username;
      char id[37];

      if (percent (demo, 15))
        {
          g_autoptr(GDateTime) due_at = g_date_time_add_days (at, g_rand_int_range (demo->rand, 1, 15));
          due = g_date_time_format (due_at, "%Y-%m-%d");
          /* Older follow-ups were nearly all done; the last weeks' are open. */
          if (when < CONTACTS_TO_UNIX - 21 * 86400 && percent (demo, 95))
            done = g_date_time_format (due_at, "%Y-%m-%dT17:00:00Z");
        }

      demo_uuid (demo, id);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, family_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, guardian->id, -1, SQLITE_STATIC);
      /* A family mostly hears from its own liaison. */
      staff_username = demo->staff_usernames[percent (demo, 80) ? staff
                                       : (guint) g_rand_int_range (demo->rand, 0, N_STAFF)];
      sqlite3_bind_text (stmt, 6, staff_username, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, at_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, methods[pick_weighted (demo, method_weights, 7, 100)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, percent (demo, 80) ? "outgoing" : "incoming", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, language, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, g_str_equal (language, "en")
                                     ? "none"
                                     : interpreters[pick_weighted (demo, interpreter_weights, 4, 100)],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, purposes[pick_weighted (demo, purpose_weights, 8, 100)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, outcomes[pick_weighted (demo, outcome_weights, 5, 100)], -1,
                         SQLITE_STATIC);
      if (percent (demo, 20))
        sqlite3_bind_text (stmt, 14, notes[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (notes))],
                           -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 15, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 16, done, -1, SQLITE_TRANSIENT);
      /* A follow-up is the logging liaison's to do. */
      sqlite3_bind_text (stmt, 17, due != NULL ? staff_username : NULL, -1, SQLITE_STATIC);
      if (!step_done (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_family (Demo    *demo,
              GError **error)
{
  static const char *const relationships_female[] = { "mother", "grandmother", "aunt", "guardian" };
  static const guint female_weights[] = { 85, 8, 4, 3 };
  static const char *const relationships_male[] = { "father", "grandfather", "uncle", "guardian" };
  static const guint male_weights[] = { 88, 6, 4, 2 };
  guint weights[64];
  guint language_index;
  const PlDemoLanguageNames *names;
  const char *surname, *second_surname = NULL;
  g_autofree char *household = NULL;
  g_autofree char *address = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *search = NULL;
  g_autofree char *hlc = pl_clock_now (pl_store_get_clock (demo->store));
  g_autoptr(GPtrArray) all_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) district_ids = g_ptr_array_new_with_free_func (g_free);
  DemoGuardian guardians[3];
  guint n_guardians, n_students;
  guint preferred_school = G_MAXUINT;
  gboolean english;
  gint64 family_rowid;
  char family_id[37];

  g_assert (demo->n_languages <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < demo->n_languages; i++)
    weights[i] = demo->languages[i].weight;
  language_index = pick_weighted (demo, weights, demo->n_languages, 1000);
  names = &demo->languages[language_index];
  english = g_str_equal (names->code, "en");

  surname = pick (demo, names->family);
  if (g_str_equal (names->code, "es") && percent (demo, 45))
    second_surname = pick (demo, names->family);
  household = second_surname ? g_strdup_printf ("%s %s", surname, second_surname)
                             : g_strdup (surname);
  address = g_strdup_printf ("%d %s", g_rand_int_range (demo->rand, 1, 1400),
                             pick (demo, pl_demo_names_streets ()));
  zip = g_strdup_printf ("011%02d", g_rand_int_range (demo->rand, 3, 20));
  demo_uuid (demo, family_id);

  sort_key = pl_normalize_text (household);
  sqlite3_bind_text (demo->family, 1, family_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 2, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 3, demo->origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 4, household, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 5, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 6, pl_demo_names_city (), -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 7, zip, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 8, names->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->family, 9, sort_key, -1, SQLITE_STATIC);
  if (!step_done (demo, demo->family, error))
    return FALSE;
  family_rowid = sqlite3_last_insert_rowid (_pl_store_get_db (demo->store));

  n_guardians = percent (demo, 55) ? 2 : (percent (demo, 8) ? 3 : 1);
  for (guint g = 0; g < n_guardians; g++)
    {
      gboolean female = g == 0 ? percent (demo, 80) : g == 1 ? percent (demo, 20) : percent (demo, 50);
      const char *given = pick (demo, female ? names->given_female : names->given_male);
      const char *their_surname = g == 0 ? household : (percent (demo, 70) ? surname
                                                                            : pick (demo, names->family));
      const char *relationship = female ? relationships_female[pick_weighted (demo, female_weights, 4, 100)]
                                        : relationships_male[pick_weighted (demo, male_weights, 4, 100)];
      g_autofree char *name = full_name (names, given, their_surname);
      /* About one family in 400 was entered twice under another name. */
      g_autofree char *phone = g == 0 && demo->last_phone != NULL &&
                               g_rand_int_range (demo->rand, 0, 400) == 0
                               ? g_strdup (demo->last_phone)
                               : demo_phone (demo);
      g_autofree char *phone_alt = percent (demo, 25) ? demo_phone (demo) : NULL;
      g_autofree char *email = percent (demo, 40) ? demo_email (demo, given, their_surname) : NULL;
      /* Most guardians prefer the home language; some bilingual ones English. */
      const char *preferred = english || percent (demo, 85) ? names->code : "en";
      sqlite3_stmt *stmt = demo->guardian;

      demo_uuid (demo, guardians[g].id);
      guardians[g].language = preferred;
      sqlite3_bind_text (stmt, 1, guardians[g].id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, family_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, g);
      sqlite3_bind_text (stmt, 6, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, relationship, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, phone_alt, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, preferred, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 12, !g_str_equal (preferred, "en") && percent (demo, 70));
      sqlite3_bind_int (stmt, 13, percent (demo, 85));
      if (!step_done (demo, stmt, error))
        return FALSE;

      if (g == 0)
        {
          g_free (demo->last_phone);
          demo->last_phone = g_strdup (phone);
        }
      g_ptr_array_add (all_names, g_steal_pointer (&name));
      g_ptr_array_add (phones, g_steal_pointer (&phone));
      if (phone_alt)
        g_ptr_array_add (phones, g_steal_pointer (&phone_alt));
    }

  n_students = 1 + (percent (demo, 45) ? 1 : 0) + (percent (demo, 25) ? 1 : 0) +
               (percent (demo, 8) ? 1 : 0);
  for (guint s = 0; s < n_students; s++)
    {
      gboolean female = percent (demo, 50);
      const char *given = pick (demo, female ? names->given_female : names->given_male);
      g_autofree char *name = full_name (names, given, surname);
      int grade = g_rand_int_range (demo->rand, PL_GRADE_PK, PL_GRADE_MAX + 1);
      guint school = school_for_grade (demo, grade, preferred_school);
      g_autofree char *district_id = g_strdup_printf ("%07u", demo->next_district_id++);
      sqlite3_stmt *stmt = demo->student;
      char id[37];

      preferred_school = school;
      demo_uuid (demo, id);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, family_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, s);
      sqlite3_bind_text (stmt, 6, district_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, demo->school_ids[school], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, grade);
      sqlite3_bind_int (stmt, 10, !english && percent (demo, 60));
      sqlite3_bind_int (stmt, 11, percent (demo, 15));
      sqlite3_bind_int (stmt, 12, percent (demo, 5));
      if (!step_done (demo, stmt, error))
        return FALSE;

      g_ptr_array_add (all_names, g_steal_pointer (&name));
      g_ptr_array_add (district_ids, g_steal_pointer (&district_id));
    }

  g_ptr_array_add (all_names, NULL);
  g_ptr_array_add (phones, NULL);
  g_ptr_array_add (district_ids, NULL);
  search = _pl_store_build_search_text (household, (const char *const *) all_names->pdata,
                                        (const char *const *) phones->pdata,
                                        (const char *const *) district_ids->pdata);
  sqlite3_bind_int64 (demo->fts, 1, family_rowid);
  sqlite3_bind_text (demo->fts, 2, search, -1, SQLITE_STATIC);
  if (!step_done (demo, demo->fts, error))
    return FALSE;
  demo->rows--;  /* the search index is not a row of the district */

  return write_contacts (demo, family_id, guardians, n_guardians, hlc, error);
}

/* When the district cannot be made after all, its survey goes too, with any
 * journal entries its saving left. */
static void
remove_survey_versions (Demo      *demo,
                        GPtrArray *versions)
{
  static const char *const tables[] = { "translations", "questions", "surveys" };
  sqlite3_stmt *stmt;

  if (!_pl_store_begin (demo->store, NULL))
    return;
  for (guint i = 0; i < versions->len; i++)
    for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
      {
        g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", tables[t],
                                                t == 2 ? "id" : "survey_id");

        stmt = _pl_store_prepare (demo->store, sql, NULL);
        if (stmt == NULL)
          goto failed;
        sqlite3_bind_text (stmt, 1, pl_survey_get_id (versions->pdata[i]), -1, SQLITE_STATIC);
        if (!_pl_store_step_done (demo->store, stmt, _("write the demo district"), NULL))
          goto failed;
      }
  stmt = _pl_store_prepare (demo->store, "DELETE FROM journal WHERE seq > ?", NULL);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, demo->journal_seq);
  if (_pl_store_step_done (demo->store, stmt, _("write the demo district"), NULL) &&
      _pl_store_commit (demo->store, NULL))
    return;
failed:
  _pl_store_rollback (demo->store);
}

/* The family satisfaction survey: one version a term over five years, the
 * current term's open for keying, the older ones closed. The versions are
 * saved through the store's own API (it validates them and writes their
 * questions and texts as the editor would), before the bulk transaction
 * whose responses need them; like the bulk rows they are fixture data, never
 * pushed, so their journal entries are dropped again. */
static GPtrArray *
save_survey_versions (Demo    *demo,
                      GError **error)
{
  g_autoptr(PlSurvey) survey = pl_xlsform_load_demo_survey (error);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const *terms = pl_demo_responses_get_terms ();
  guint n_terms = g_strv_length ((char **) terms);
  sqlite3_stmt *stmt;

  if (survey == NULL)
    return NULL;
  pl_survey_set_number (survey, 1);
  for (guint i = 0; i < n_terms; i++)
    {
      PlSurvey *version = i == 0 ? g_object_ref (survey)
                                 : pl_survey_new_version (versions->pdata[i - 1]);

      pl_survey_set_term (version, terms[i]);
      pl_survey_set_status (version, i + 1 == n_terms ? "open" : "closed");
      g_ptr_array_add (versions, version);
    }

  stmt = _pl_store_prepare (demo->store, "SELECT COALESCE (MAX (seq), 0) FROM journal", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _pl_store_set_error (demo->store, sqlite3_errcode (_pl_store_get_db (demo->store)),
                           _("write the demo district"), error);
      return NULL;
    }
  demo->journal_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < versions->len; i++)
    if (!pl_store_save_survey (demo->store, versions->pdata[i], error))
      {
        remove_survey_versions (demo, versions);
        return NULL;
      }

  stmt = _pl_store_prepare (demo->store, "DELETE FROM journal WHERE seq > ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, demo->journal_seq);
  if (!_pl_store_step_done (demo->store, stmt, _("write the demo district"), error))
    {
      remove_survey_versions (demo, versions);
      return NULL;
    }
  return g_steal_pointer (&versions);
}
/**
 * pl_demo_generate:
 * @n_families: how many families; 25,000 makes a district like Springfield's
 * @seed: the same seed makes the same district
 * @progress: (nullable) (scope call): told every few hundred families
 *
 * Fills an empty store with a demo district: its survey versions first, then
 * everything else in one transaction; on failure or cancellation nothing is
 * left behind.
 */
gboolean
pl_demo_generate (PlStore        *store,
                  guint           n_families,
                  guint32         seed,
                  PlDemoProgress  progress,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  Demo demo = { 0 };
  g_autoptr(GPtrArray) versions = NULL;
  gint64 existing;
  guint64 *rows;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  existing = pl_store_count_families (store, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("“%s” already holds families; a demo district goes only into an empty "
                     "database"), pl_store_get_path (store));
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.origin = g_strdup (pl_store_get_device_id (store));
  demo.languages = pl_demo_names_get_languages (&demo.n_languages);
  demo.next_district_id = 1200000 + g_rand_int_range (demo.rand, 0, 100000);

  versions = save_survey_versions (&demo, error);
  if (versions == NULL || !_pl_store_begin (store, error))
    goto out;
  if (!prepare_all (&demo, error) ||
      !_pl_store_exec (store, "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')",
                       error) ||
      !write_schools_and_staff (&demo, error))
    goto failed;

  for (guint i = 0; i < n_families; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_family (&demo, error))
        goto failed;
      /* The last report waits for the survey forms below. */
      if (progress != NULL && (i + 1) % 250 == 0 && i + 1 < n_families)
        progress (i + 1, n_families, user_data);
    }

  if (!pl_demo_responses_write (store, versions, seed, &demo.rows, cancellable, error) ||
      !_pl_store_commit (store, error))
    goto failed;
  if (progress != NULL)
    progress (n_families, n_families, user_data);

  rows = g_private_get (&rows_written_key);
  if (rows == NULL)
    {
      rows = g_new0 (guint64, 1);
      g_private_replace (&rows_written_key, rows);
    }
  *rows = demo.rows;
  demo_clear (&demo);
  return TRUE;

failed:
  _pl_store_rollback (store);
out:
  if (versions != NULL)
    remove_survey_versions (&demo, versions);
  demo_clear (&demo);
  return FALSE;
}

guint64
pl_demo_rows_written (void)
{
  guint64 *rows = g_private_get (&rows_written_key);

  return rows ? *rows : 0;
}

typedef struct
{
  char           *path;
  guint           n_families;
  guint32         seed;
  PlDemoProgress  progress;
  gpointer        progress_data;
  GMainContext   *context;
} GenerateData;

static void
generate_data_free (GenerateData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  PlDemoProgress progress;
  gpointer       progress_data;
  guint          done;
  guint          total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer user_data)
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
  GenerateData *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL)
    return;
  report = g_new (ProgressReport, 1);
  *report = (ProgressReport) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress_cb, report,
                              g_free);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  g_autoptr(GError) error = NULL;
  /* SQLite connections stay on one thread: the worker opens its own. */
  g_autoptr(PlStore) store = pl_store_open (data->path, &error);

  if (store == NULL ||
      !pl_demo_generate (store, data->n_families, data->seed, thread_progress, data, cancellable,
                         &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pl_demo_generate_async:
 *
 * Generates the demo district in a worker thread. When it finishes, @store
 * emits #PlStore::family-changed with a %NULL id so lists reload.
 */
void
pl_demo_generate_async (PlStore             *store,
                        guint                n_families,
                        guint32              seed,
                        PlDemoProgress       progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *data;

  g_return_if_fail (PL_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_demo_generate_async);

  data = g_new0 (GenerateData, 1);
  data->path = g_strdup (pl_store_get_path (store));
  data->n_families = n_families;
  data->seed = seed;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) generate_data_free);
  g_task_run_in_thread (task, generate_thread);
}

gboolean
pl_demo_generate_finish (PlStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pl_demo_generate_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  _pl_store_emit_family_changed (store, NULL);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-family.h"
#include "pl-languages.h"
#include "pl-normalize.h"
#include "pl-roster-import.h"
#include "pl-store-private.h"

/* The district roster import: a student information system's export, as
 * messy as real exports are, turned into families, guardians and students.
 * The whole file is read first; every row is checked before anything is
 * written; everything is written in one transaction through the same
 * journaled writes as a person's save, so the import syncs like any edit. */

/* A phone number or an address shared by more students than this is a
 * school's or a shelter's, not one family's: it does not group rows. */
#define MAX_STUDENTS_PER_KEY 12
#define MAX_TEXT 500
#define MAX_GUARDIANS_PER_ROW 2

/* Header spellings, folded (lower case, letters and digits only), with a
 * rank: where two columns name one field, the lower rank wins. */
typedef struct
{
  const char    *header;
  PlRosterField  field;
  guint          rank;
} HeaderAlias;

static const HeaderAlias header_aliases[] = {
  { "studentid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "districtstudentid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "localstudentid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "localid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "lasid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "districtid", PL_ROSTER_FIELD_STUDENT_ID, 0 },
  { "studentnumber", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "studentno", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "studentidnumber", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "permid", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "permanentid", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "pupilnumber", PL_ROSTER_FIELD_STUDENT_ID, 1 },
  { "id", PL_ROSTER_FIELD_STUDENT_ID, 2 },
  { "sasid", PL_ROSTER_FIELD_STUDENT_ID, 3 },
  { "stateid", PL_ROSTER_FIELD_STUDENT_ID, 3 },
  { "statestudentid", PL_ROSTER_FIELD_STUDENT_ID, 3 },

  { "studentname", PL_ROSTER_FIELD_STUDENT_NAME, 0 },
  { "studentfullname", PL_ROSTER_FIELD_STUDENT_NAME, 0 },
  { "fullname", PL_ROSTER_FIELD_STUDENT_NAME, 1 },
  { "name", PL_ROSTER_FIELD_STUDENT_NAME, 2 },
  { "student", PL_ROSTER_FIELD_STUDENT_NAME, 2 },
  { "lastfirst", PL_ROSTER_FIELD_STUDENT_NAME, 2 },
  { "lastnamefirstname", PL_ROSTER_FIELD_STUDENT_NAME, 2 },

  { "firstname", PL_ROSTER_FIELD_FIRST_NAME, 1 },
  { "studentfirstname", PL_ROSTER_FIELD_FIRST_NAME, 0 },
  { "givenname", PL_ROSTER_FIELD_FIRST_NAME, 1 },
  { "first", PL_ROSTER_FIELD_FIRST_NAME, 2 },
  { "fname", PL_ROSTER_FIELD_FIRST_NAME, 2 },
  { "middlename", PL_ROSTER_FIELD_MIDDLE_NAME, 1 },
  { "studentmiddlename", PL_ROSTER_FIELD_MIDDLE_NAME, 0 },
  { "middle", PL_ROSTER_FIELD_MIDDLE_NAME, 2 },
  { "middleinitial", PL_ROSTER_FIELD_MIDDLE_NAME, 2 },
  { "lastname", PL_ROSTER_FIELD_LAST_NAME, 1 },
  { "studentlastname", PL_ROSTER_FIELD_LAST_NAME, 0 },
  { "surname", PL_ROSTER_FIELD_LAST_NAME, 1 },
  { "familyname", PL_ROSTER_FIELD_LAST_NAME, 1 },
  { "last", PL_ROSTER_FIELD_LAST_NAME, 2 },
  { "lname", PL_ROSTER_FIELD_LAST_NAME, 2 },

  { "grade", PL_ROSTER_FIELD_GRADE, 0 },
  { "gradelevel", PL_ROSTER_FIELD_GRADE, 0 },
  { "currentgrade", PL_ROSTER_FIELD_GRADE, 0 },
  { "studentgrade", PL_ROSTER_FIELD_GRADE, 0 },
  { "gr", PL_ROSTER_FIELD_GRADE, 1 },
  { "grd", PL_ROSTER_FIELD_GRADE, 1 },
  { "gradelvl", PL_ROSTER_FIELD_GRADE, 1 },

  { "school", PL_ROSTER_FIELD_SCHOOL, 0 },
  { "schoolname", PL_ROSTER_FIELD_SCHOOL, 0 },
  { "schoolcode", PL_ROSTER_FIELD_SCHOOL, 1 },
  { "schoolid", PL_ROSTER_FIELD_SCHOOL, 1 },
  { "schoolnumber", PL_ROSTER_FIELD_SCHOOL, 1 },
  { "building", PL_ROSTER_FIELD_SCHOOL, 2 },
  { "buildingname", PL_ROSTER_FIELD_SCHOOL, 2 },
  { "campus", PL_ROSTER_FIELD_SCHOOL, 2 },
  { "enrolledschool", PL_ROSTER_FIELD_SCHOOL, 2 },
  { "homeschool", PL_ROSTER_FIELD_SCHOOL, 2 },

  { "birthdate", PL_ROSTER_FIELD_BIRTH_DATE, 0 },
  { "dateofbirth", PL_ROSTER_FIELD_BIRTH_DATE, 0 },
  { "dob", PL_ROSTER_FIELD_BIRTH_DATE, 0 },
  { "birthday", PL_ROSTER_FIELD_BIRTH_DATE, 1 },
  { "studentbirthdate", PL_ROSTER_FIELD_BIRTH_DATE, 0 },
  { "studentdob", PL_ROSTER_FIELD_BIRTH_DATE, 0 },
  { "entrydate", PL_ROSTER_FIELD_ENTRY_DATE, 0 },
  { "enrollmentdate", PL_ROSTER_FIELD_ENTRY_DATE, 0 },
  { "enrolldate", PL_ROSTER_FIELD_ENTRY_DATE, 0 },
  { "admissiondate", PL_ROSTER_FIELD_ENTRY_DATE, 1 },
  { "startdate", PL_ROSTER_FIELD_ENTRY_DATE, 1 },

  { "elstatus", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "el", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "ell", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "ellstatus", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "lep", PL_ROSTER_FIELD_EL_STATUS, 1 },
  { "lepstatus", PL_ROSTER_FIELD_EL_STATUS, 1 },
  { "englishlearner", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "englishlanguagelearner", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "mlstatus", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "multilinguallearner", PL_ROSTER_FIELD_EL_STATUS, 0 },
  { "emergingbilingual", PL_ROSTER_FIELD_EL_STATUS, 0 },

  { "iep", PL_ROSTER_FIELD_IEP, 0 },
  { "hasiep", PL_ROSTER_FIELD_IEP, 0 },
  { "iepstatus", PL_ROSTER_FIELD_IEP, 0 },
  { "sped", PL_ROSTER_FIELD_IEP, 1 },
  { "specialeducation", PL_ROSTER_FIELD_IEP, 1 },
  { "specialed", PL_ROSTER_FIELD_IEP, 1 },
  { "swd", PL_ROSTER_FIELD_IEP, 1 },
  { "504", PL_ROSTER_FIELD_PLAN_504, 0 },
  { "504plan", PL_ROSTER_FIELD_PLAN_504, 0 },
  { "plan504", PL_ROSTER_FIELD_PLAN_504, 0 },
  { "section504", PL_ROSTER_FIELD_PLAN_504, 0 },
  { "has504", PL_ROSTER_FIELD_PLAN_504, 0 },

  { "homelanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 0 },
  { "primarylanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 0 },
  { "language", PL_ROSTER_FIELD_HOME_LANGUAGE, 1 },
  { "nativelanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 1 },
  { "firstlanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 1 },
  { "languagespokenathome", PL_ROSTER_FIELD_HOME_LANGUAGE, 0 },
  { "homelang", PL_ROSTER_FIELD_HOME_LANGUAGE, 1 },
  { "familylanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 1 },
  { "studenthomelanguage", PL_ROSTER_FIELD_HOME_LANGUAGE, 0 },

  { "address", PL_ROSTER_FIELD_ADDRESS, 0 },
  { "streetaddress", PL_ROSTER_FIELD_ADDRESS, 0 },
  { "homeaddress", PL_ROSTER_FIELD_ADDRESS, 0 },
  { "street", PL_ROSTER_FIELD_ADDRESS, 1 },
  { "address1", PL_ROSTER_FIELD_ADDRESS, 0 },
  { "addressline1", PL_ROSTER_FIELD_ADDRESS, 0 },
  { "mailingaddress", PL_ROSTER_FIELD_ADDRESS, 1 },
  { "residentialaddress", PL_ROSTER_FIELD_ADDRESS, 1 },
  { "address2", PL_ROSTER_FIELD_ADDRESS_2, 0 },
  { "addressline2", PL_ROSTER_FIELD_ADDRESS_2, 0 },
  { "apt", PL_ROSTER_FIELD_ADDRESS_2, 1 },
  { "apartment", PL_ROSTER_FIELD_ADDRESS_2, 1 },
  { "unit", PL_ROSTER_FIELD_ADDRESS_2, 1 },
  { "city", PL_ROSTER_FIELD_CITY, 0 },
  { "town", PL_ROSTER_FIELD_CITY, 1 },
  { "citytown", PL_ROSTER_FIELD_CITY, 0 },
  { "zip", PL_ROSTER_FIELD_ZIP, 0 },
  { "zipcode", PL_ROSTER_FIELD_ZIP, 0 },
  { "postalcode", PL_ROSTER_FIELD_ZIP, 0 },
  { "postcode", PL_ROSTER_FIELD_ZIP, 1 },

  { "guardianname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "guardianfullname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "guardian1name", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "contactname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "contact1name", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "parentname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "parent1name", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "parentguardianname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "parentguardian", PL_ROSTER_FIELD_GUARDIAN_NAME, 1 },
  { "guardian", PL_ROSTER_FIELD_GUARDIAN_NAME, 1 },
  { "parent", PL_ROSTER_FIELD_GUARDIAN_NAME, 1 },
  { "primarycontact", PL_ROSTER_FIELD_GUARDIAN_NAME, 1 },
  { "primarycontactname", PL_ROSTER_FIELD_GUARDIAN_NAME, 0 },
  { "guardianfirstname", PL_ROSTER_FIELD_GUARDIAN_FIRST_NAME, 0 },
  { "parentfirstname", PL_ROSTER_FIELD_GUARDIAN_FIRST_NAME, 0 },
  { "contactfirstname", PL_ROSTER_FIELD_GUARDIAN_FIRST_NAME, 0 },
  { "guardianlastname", PL_ROSTER_FIELD_GUARDIAN_LAST_NAME, 0 },
  { "parentlastname", PL_ROSTER_FIELD_GUARDIAN_LAST_NAME, 0 },
  { "contactlastname", PL_ROSTER_FIELD_GUARDIAN_LAST_NAME, 0 },
  { "relationship", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "relation", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "relationshiptostudent", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "guardianrelationship", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "guardian1relationship", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "contactrelationship", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "contact1relationship", PL_ROSTER_FIELD_RELATIONSHIP, 0 },
  { "phone", PL_ROSTER_FIELD_PHONE, 0 },
  { "homephone", PL_ROSTER_FIELD_PHONE, 0 },
  { "phonenumber", PL_ROSTER_FIELD_PHONE, 0 },
  { "telephone", PL_ROSTER_FIELD_PHONE, 0 },
  { "primaryphone", PL_ROSTER_FIELD_PHONE, 0 },
  { "guardianphone", PL_ROSTER_FIELD_PHONE, 0 },
  { "guardian1phone", PL_ROSTER_FIELD_PHONE, 0 },
  { "contactphone", PL_ROSTER_FIELD_PHONE, 0 },
  { "contact1phone", PL_ROSTER_FIELD_PHONE, 0 },
  { "parentphone", PL_ROSTER_FIELD_PHONE, 0 },
  { "homephonenumber", PL_ROSTER_FIELD_PHONE, 0 },
  { "tel", PL_ROSTER_FIELD_PHONE, 1 },
  { "cellphone", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "cell", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "mobile", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "mobilephone", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "cellphonenumber", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "guardiancellphone", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "guardiancell", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "contactcellphone", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "parentcellphone", PL_ROSTER_FIELD_CELL_PHONE, 0 },
  { "workphone", PL_ROSTER_FIELD_WORK_PHONE, 0 },
  { "businessphone", PL_ROSTER_FIELD_WORK_PHONE, 0 },
  { "daytimephone", PL_ROSTER_FIELD_WORK_PHONE, 0 },
  { "email", PL_ROSTER_FIELD_EMAIL, 0 },
  { "emailaddress", PL_ROSTER_FIELD_EMAIL, 0 },
  { "guardianemail", PL_ROSTER_FIELD_EMAIL, 0 },
  { "guardian1email", PL_ROSTER_FIELD_EMAIL, 0 },
  { "parentemail", PL_ROSTER_FIELD_EMAIL, 0 },
  { "contactemail", PL_ROSTER_FIELD_EMAIL, 0 },
  { "contact1email", PL_ROSTER_FIELD_EMAIL, 0 },
  { "preferredlanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "parentlanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "guardianlanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "contactlanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "correspondencelanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "languageofcorrespondence", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "parentpreferredlanguage", PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, 0 },
  { "interpreter", PL_ROSTER_FIELD_INTERPRETER, 0 },
  { "needsinterpreter", PL_ROSTER_FIELD_INTERPRETER, 0 },
  { "interpreterneeded", PL_ROSTER_FIELD_INTERPRETER, 0 },
  { "interpreterrequired", PL_ROSTER_FIELD_INTERPRETER, 0 },

  { "guardian2name", PL_ROSTER_FIELD_GUARDIAN_2_NAME, 0 },
  { "contact2name", PL_ROSTER_FIELD_GUARDIAN_2_NAME, 0 },
  { "parent2name", PL_ROSTER_FIELD_GUARDIAN_2_NAME, 0 },
  { "secondguardianname", PL_ROSTER_FIELD_GUARDIAN_2_NAME, 0 },
  { "guardian2relationship", PL_ROSTER_FIELD_GUARDIAN_2_RELATIONSHIP, 0 },
  { "contact2relationship", PL_ROSTER_FIELD_GUARDIAN_2_RELATIONSHIP, 0 },
  { "guardian2phone", PL_ROSTER_FIELD_GUARDIAN_2_PHONE, 0 },
  { "contact2phone", PL_ROSTER_FIELD_GUARDIAN_2_PHONE, 0 },
  { "parent2phone", PL_ROSTER_FIELD_GUARDIAN_2_PHONE, 0 },
  { "guardian2email", PL_ROSTER_FIELD_GUARDIAN_2_EMAIL, 0 },
  { "contact2email", PL_ROSTER_FIELD_GUARDIAN_2_EMAIL, 0 },
  { "parent2email", PL_ROSTER_FIELD_GUARDIAN_2_EMAIL, 0 },
};

static const char *const field_names[PL_ROSTER_N_FIELDS] = {
  "ignore", "student_id", "student_name", "first_name", "middle_name", "last_name", "grade",
  "school", "birth_date", "entry_date", "el_status", "iep", "plan_504", "home_language",
  "address", "address_2", "city", "zip", "guardian_name", "guardian_first_name",
  "guardian_last_name", "relationship", "phone", "cell_phone", "work_phone", "email",
  "guardian_language", "interpreter", "guardian_2_name", "guardian_2_relationship",
  "guardian_2_phone", "guardian_2_email",
};

static const char *const field_labels[PL_ROSTER_N_FIELDS] = {
  NC_("roster field", "Not Imported"),
  NC_("roster field", "Student ID"),
  NC_("roster field", "Student Name"),
  NC_("roster field", "First Name"),
  NC_("roster field", "Middle Name"),
  NC_("roster field", "Last Name"),
  NC_("roster field", "Grade"),
  NC_("roster field", "School"),
  /* Translators: a roster column Porchlight checks for mistakes but does not keep */
  NC_("roster field", "Birth Date (Checked Only)"),
  /* Translators: a roster column Porchlight checks for mistakes but does not keep */
  NC_("roster field", "Entry Date (Checked Only)"),
  NC_("roster field", "Emerging Bilingual (EL)"),
  NC_("roster field", "IEP"),
  NC_("roster field", "504 Plan"),
  NC_("roster field", "Home Language"),
  NC_("roster field", "Address"),
  NC_("roster field", "Address Line 2"),
  NC_("roster field", "City"),
  NC_("roster field", "ZIP Code"),
  NC_("roster field", "Guardian Name"),
  NC_("roster field", "Guardian First Name"),
  NC_("roster field", "Guardian Last Name"),
  NC_("roster field", "Relationship"),
  NC_("roster field", "Phone"),
  NC_("roster field", "Cell Phone"),
  NC_("roster field", "Work Phone"),
  NC_("roster field", "Email"),
  NC_("roster field", "Guardian’s Language"),
  NC_("roster field", "Needs an Interpreter"),
  NC_("roster field", "Second Guardian Name"),
  NC_("roster field", "Second Guardian Relationship"),
  NC_("roster field", "Second Guardian Phone"),
  NC_("roster field", "Second Guardian Email"),
};

typedef struct
{
  guint  line;
  GStrv  values;
  guint  n_values;
} Row;

typedef struct
{
  guint  line;
  char  *reason;
  guint  row;   /* index into rows */
} Reject;

struct _PlRosterImport
{
  GObject         parent_instance;

  char           *path;
  gboolean        skip_invalid;
  gboolean        dry_run;
  GHashTable     *header_map;    /* folded header → PlRosterField, from a person */
  GHashTable     *language_map;  /* folded value → code ("" keeps the value) */

  /* What pl_roster_import_load() read */
  gboolean        loaded;
  PlCsvEncoding   encoding;
  GStrv           headers;
  guint           n_columns;
  PlRosterField  *auto_fields;   /* by the header alone */
  guint          *auto_ranks;
  GArray         *rows;          /* Row */
  guint           header_lines_skipped;

  /* The last run */
  PlRosterCounts  counts;
  GArray         *rejected;      /* Reject */
  char           *rejects_path;
};

G_DEFINE_FINAL_TYPE (PlRosterImport, pl_roster_import, G_TYPE_OBJECT)
G_DEFINE_QUARK (pl-roster-import-error-quark, pl_roster_import_error)

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_strfreev (row->values);
}

static void
reject_clear (gpointer data)
{
  Reject *reject = data;

  g_free (reject->reason);
}

static void
pl_roster_import_finalize (GObject *object)
{
  PlRosterImport *self = PL_ROSTER_IMPORT (object);

  g_free (self->path);
  g_hash_table_unref (self->header_map);
  g_hash_table_unref (self->language_map);
  g_strfreev (self->headers);
  g_free (self->auto_fields);
  g_free (self->auto_ranks);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->rejected, g_array_unref);
  g_free (self->rejects_path);

  G_OBJECT_CLASS (pl_roster_import_parent_class)->finalize (object);
}

static void
pl_roster_import_class_init (PlRosterImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_roster_import_finalize;
}

static void
pl_roster_import_init (PlRosterImport *self)
{
  self->header_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->language_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rejected = g_array_new (FALSE, TRUE, sizeof (Reject));
  g_array_set_clear_func (self->rejected, reject_clear);
}

/* Headers compare by letters and digits only: "Student_ID", "student id"
 * and "STUDENT-ID" are one header, and "Student #" is "Student Number". */
static char *
fold_header (const char *header)
{
  g_autofree char *spelled = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (header == NULL)
    return g_strdup ("");
  spelled = g_strdup (header);
  if (strchr (spelled, '#') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (spelled, "#", -1);
      g_free (spelled);
      spelled = g_strjoinv (" number ", parts);
    }
  folded = pl_normalize_text (spelled);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

const char *
pl_roster_field_get_name (PlRosterField field)
{
  g_return_val_if_fail (field < PL_ROSTER_N_FIELDS, NULL);
  return field_names[field];
}

const char *
pl_roster_field_get_label (PlRosterField field)
{
  g_return_val_if_fail (field < PL_ROSTER_N_FIELDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "roster field", field_labels[field]);
}

gboolean
pl_roster_field_from_name (const char    *name,
                           PlRosterField *field)
{
  g_autofree char *folded = fold_header (name);

  if (g_str_equal (folded, "") || g_str_equal (folded, "skip") || g_str_equal (folded, "none"))
    {
      *field = PL_ROSTER_FIELD_IGNORE;
      return TRUE;
    }
  for (guint i = 0; i < PL_ROSTER_N_FIELDS; i++)
    {
      g_autofree char *candidate = fold_header (field_names[i]);

      if (g_str_equal (folded, candidate))
        {
          *field = i;
          return TRUE;
        }
    }
  return FALSE;
}

static PlRosterField
field_for_folded_header (const char *folded,
                         guint      *rank)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    if (g_str_equal (folded, header_aliases[i].header))
      {
        if (rank)
          *rank = header_aliases[i].rank;
        return header_aliases[i].field;
      }
  return PL_ROSTER_FIELD_IGNORE;
}

PlRosterField
pl_roster_field_for_header (const char *header)
{
  g_autofree char *folded = fold_header (header);

  return field_for_folded_header (folded, NULL);
}

PlRosterImport *
pl_roster_import_new (const char *path)
{
  PlRosterImport *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PL_TYPE_ROSTER_IMPORT, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
pl_roster_import_get_path (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);
  return self->path;
}

void
pl_roster_import_set_skip_invalid (PlRosterImport *self,
                                   gboolean        skip_invalid)
{
  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  self->skip_invalid = !!skip_invalid;
}

gboolean
pl_roster_import_get_skip_invalid (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  return self->skip_invalid;
}

void
pl_roster_import_set_dry_run (PlRosterImport *self,
                              gboolean        dry_run)
{
  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  self->dry_run = !!dry_run;
}

gboolean
pl_roster_import_get_dry_run (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  return self->dry_run;
}

void
pl_roster_import_set_header_field (PlRosterImport *self,
                                   const char     *header,
                                   PlRosterField   field)
{
  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  g_return_if_fail (header != NULL);
  g_return_if_fail (field < PL_ROSTER_N_FIELDS);

  g_hash_table_insert (self->header_map, fold_header (header), GUINT_TO_POINTER (field));
}

/**
 * pl_roster_import_add_map:
 * @map: "Header=field", such as "Pupil Ref=student_id" or "Gender=ignore"
 *
 * Returns: %FALSE with %PL_ROSTER_IMPORT_ERROR_MAP when @map is not of that
 *   form or names no field
 */
gboolean
pl_roster_import_add_map (PlRosterImport  *self,
                          const char      *map,
                          GError         **error)
{
  const char *equals;
  g_autofree char *header = NULL;
  PlRosterField field;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (map != NULL, FALSE);

  equals = strrchr (map, '=');
  if (equals == NULL || equals == map)
    {
      g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MAP,
                   /* Translators: %s is what was given; keep Header=field as it is */
                   _("“%s” is not a column map: write Header=field, like “Pupil Ref=student_id”"),
                   map);
      return FALSE;
    }
  if (!pl_roster_field_from_name (equals + 1, &field))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 1; i < PL_ROSTER_N_FIELDS; i++)
        g_string_append_printf (names, "%s%s", i > 1 ? ", " : "", field_names[i]);
      g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MAP,
                   /* Translators: first %s is a field name that was given, second the list of names */
                   _("There is no field “%s”; the fields are ignore, %s"), equals + 1, names->str);
      return FALSE;
    }
  header = g_strndup (map, equals - map);
  pl_roster_import_set_header_field (self, g_strstrip (header), field);
  return TRUE;
}

void
pl_roster_import_set_language (PlRosterImport *self,
                               const char     *value,
                               const char     *code)
{
  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  g_return_if_fail (value != NULL);

  g_hash_table_insert (self->language_map, pl_normalize_text (value), g_strdup (code ? code : ""));
}

void
pl_roster_import_clear_languages (PlRosterImport *self)
{
  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  g_hash_table_remove_all (self->language_map);
}

gboolean
pl_roster_import_add_language_map (PlRosterImport  *self,
                                   const char      *map,
                                   GError         **error)
{
  const char *equals;
  g_autofree char *value = NULL;
  g_autofree char *code = NULL;
  const char *known;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (map != NULL, FALSE);

  equals = strrchr (map, '=');
  if (equals == NULL || equals == map || equals[1] == '\0')
    {
      g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MAP,
                   /* Translators: %s is what was given; keep Value=code as it is */
                   _("“%s” is not a language map: write Value=code, like “Cape Verdean=pt”, "
                     "or Value=keep"), map);
      return FALSE;
    }
  value = g_strstrip (g_strndup (map, equals - map));
  code = g_strstrip (g_strdup (equals + 1));
  if (g_ascii_strcasecmp (code, "keep") == 0)
    {
      pl_roster_import_set_language (self, value, NULL);
      return TRUE;
    }
  known = pl_language_from_text (code);
  pl_roster_import_set_language (self, value, known ? known : code);
  return TRUE;
}

/* Loading */

static guint
count_recognized (const char *const *values)
{
  guint n = 0;

  for (guint i = 0; values[i]; i++)
    if (pl_roster_field_for_header (values[i]) != PL_ROSTER_FIELD_IGNORE)
      n++;
  return n;
}

/* The header again inside the file, as when several exports were pasted
 * together: most of its values are the column's own header. */
static gboolean
is_header_again (PlRosterImport     *self,
                 const char *const  *values)
{
  guint same = 0, filled = 0;

  for (guint i = 0; values[i] && i < self->n_columns; i++)
    {
      if (*values[i] == '\0')
        continue;
      filled++;
      if (g_ascii_strcasecmp (values[i], self->headers[i]) == 0)
        same++;
    }
  return same >= 2 && same * 2 > filled;
}

static void
clear_loaded (PlRosterImport *self)
{
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->auto_fields, g_free);
  g_clear_pointer (&self->auto_ranks, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  self->n_columns = 0;
  self->header_lines_skipped = 0;
  self->loaded = FALSE;
}

/**
 * pl_roster_import_load:
 *
 * Reads the file. Lines before the header (a title an export put on top)
 * are passed over: the header is the first of the first ten records that
 * names at least two known columns, or else the first record.
 */
gboolean
pl_roster_import_load (PlRosterImport  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(PlCsvReader) reader = NULL;
  g_autoptr(GPtrArray) early = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) early_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  guint header_index = 0;
  GStrv values;
  guint line;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);

  clear_loaded (self);

  reader = pl_csv_reader_new_for_path (self->path, error);
  if (reader == NULL)
    return FALSE;
  self->encoding = pl_csv_reader_get_encoding (reader);

  while (early->len < 10 && (values = pl_csv_reader_read_record (reader, &line, &local_error)))
    {
      g_ptr_array_add (early, values);
      g_array_append_val (early_lines, line);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (early->len == 0)
    {
      g_set_error_literal (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_EMPTY,
                           _("The file is empty"));
      return FALSE;
    }
  for (guint i = 0; i < early->len; i++)
    if (count_recognized (g_ptr_array_index (early, i)) >= 2)
      {
        header_index = i;
        break;
      }

  self->headers = g_strdupv (g_ptr_array_index (early, header_index));
  self->n_columns = g_strv_length (self->headers);
  self->auto_fields = g_new0 (PlRosterField, self->n_columns);
  self->auto_ranks = g_new0 (guint, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autofree char *folded = fold_header (self->headers[c]);
      self->auto_fields[c] = field_for_folded_header (folded, &self->auto_ranks[c]);
    }

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  for (guint i = header_index + 1;; i++)
    {
      Row row;

      if (i < early->len)
        {
          values = g_steal_pointer (&g_ptr_array_index (early, i));
          line = g_array_index (early_lines, guint, i);
        }
      else if ((values = pl_csv_reader_read_record (reader, &line, &local_error)) == NULL)
        break;

      if (is_header_again (self, (const char *const *) values))
        {
          self->header_lines_skipped++;
          g_strfreev (values);
          continue;
        }
      row.line = line;
      row.values = values;
      row.n_values = g_strv_length (values);
      g_array_append_val (self->rows, row);

      if (self->rows->len % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->loaded = TRUE;
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (pl_roster_import_load (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
pl_roster_import_load_async (PlRosterImport      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_roster_import_load_async);
  g_task_run_in_thread (task, load_thread);
}

gboolean
pl_roster_import_load_finish (PlRosterImport  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

PlCsvEncoding
pl_roster_import_get_encoding (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), PL_CSV_ENCODING_UTF8);
  return self->encoding;
}

guint
pl_roster_import_get_n_columns (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), 0);
  return self->n_columns;
}

const char *
pl_roster_import_get_column_header (PlRosterImport *self,
                                    guint           column)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->headers[column];
}

/* Each field comes from one column: the one a person chose, else the one
 * whose header names it best, else the first. Fills @fields (per column)
 * and @columns (per field, -1 when no column holds it). */
static void
resolve_columns (PlRosterImport *self,
                 PlRosterField  *fields,
                 gboolean       *known,
                 int            *columns)
{
  guint best_rank[PL_ROSTER_N_FIELDS];

  for (guint f = 0; f < PL_ROSTER_N_FIELDS; f++)
    {
      columns[f] = -1;
      best_rank[f] = G_MAXUINT;
    }

  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autofree char *folded = fold_header (self->headers[c]);
      gpointer chosen;
      guint rank = self->auto_ranks[c] + 1;

      fields[c] = self->auto_fields[c];
      if (known)
        known[c] = fields[c] != PL_ROSTER_FIELD_IGNORE;
      if (g_hash_table_lookup_extended (self->header_map, folded, NULL, &chosen))
        {
          fields[c] = GPOINTER_TO_UINT (chosen);
          rank = 0;
          if (known)
            known[c] = TRUE;
        }
      if (fields[c] == PL_ROSTER_FIELD_IGNORE)
        continue;
      if (rank < best_rank[fields[c]])
        {
          if (columns[fields[c]] >= 0)
            fields[columns[fields[c]]] = PL_ROSTER_FIELD_IGNORE;
          columns[fields[c]] = c;
          best_rank[fields[c]] = rank;
        }
      else
        {
          fields[c] = PL_ROSTER_FIELD_IGNORE;
        }
    }
}

PlRosterField
pl_roster_import_get_column_field (PlRosterImport *self,
                                   guint           column)
{
  g_autofree PlRosterField *fields = NULL;
  int columns[PL_ROSTER_N_FIELDS];

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), PL_ROSTER_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, PL_ROSTER_FIELD_IGNORE);

  fields = g_new0 (PlRosterField, self->n_columns);
  resolve_columns (self, fields, NULL, columns);
  return fields[column];
}

gboolean
pl_roster_import_get_column_known (PlRosterImport *self,
                                   guint           column)
{
  g_autofree PlRosterField *fields = NULL;
  g_autofree gboolean *known = NULL;
  int columns[PL_ROSTER_N_FIELDS];

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);

  fields = g_new0 (PlRosterField, self->n_columns);
  known = g_new0 (gboolean, self->n_columns);
  resolve_columns (self, fields, known, columns);
  return known[column];
}

/**
 * pl_roster_import_get_column_samples:
 *
 * Returns: (transfer full): up to @n_samples non-empty values of the
 *   column, from the first rows
 */
GStrv
pl_roster_import_get_column_samples (PlRosterImport *self,
                                     guint           column,
                                     guint           n_samples)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint found = 0;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);

  for (guint r = 0; self->rows && r < self->rows->len && found < n_samples && r < 200; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      if (column < row->n_values && *row->values[column] != '\0')
        {
          g_strv_builder_add (builder, row->values[column]);
          found++;
        }
    }
  return g_strv_builder_end (builder);
}

guint
pl_roster_import_get_n_rows (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), 0);
  return self->rows ? self->rows->len : 0;
}

static gboolean
check_columns (PlRosterImport  *self,
               const int       *columns,
               GError         **error)
{
  if (columns[PL_ROSTER_FIELD_STUDENT_ID] < 0)
    {
      g_set_error_literal (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MISSING_COLUMN,
                           _("No column holds the student ID (a header like “Student ID”, "
                             "“Student Number” or “SASID”); say which column holds it"));
      return FALSE;
    }
  if (columns[PL_ROSTER_FIELD_STUDENT_NAME] < 0 && columns[PL_ROSTER_FIELD_LAST_NAME] < 0)
    {
      g_set_error_literal (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MISSING_COLUMN,
                           _("No column holds the student’s name (a header like “Student Name” "
                             "or “Last Name”); say which column holds it"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_roster_import_check_columns (PlRosterImport  *self,
                                GError         **error)
{
  g_autofree PlRosterField *fields = NULL;
  int columns[PL_ROSTER_N_FIELDS];

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);

  fields = g_new0 (PlRosterField, MAX (self->n_columns, 1));
  resolve_columns (self, fields, NULL, columns);
  return check_columns (self, columns, error);
}

/* Values that say "no language recorded" rather than name one. */
static gboolean
is_no_language (const char *folded)
{
  static const char *const none[] = {
    "unknown", "n a", "na", "none", "not reported", "declined", "other", "unspecified", NULL,
  };

  return g_strv_contains (none, folded);
}

/* The code for a language value: "" for none, NULL when nobody knows it. */
static const char *
language_code (PlRosterImport *self,
               GHashTable     *cache,
               const char     *value)
{
  g_autofree char *folded = NULL;
  const char *code;
  gpointer cached;

  if (*value == '\0')
    return "";
  if (g_hash_table_lookup_extended (cache, value, NULL, &cached))
    return cached;

  folded = pl_normalize_text (value);
  if (is_no_language (folded))
    code = "";
  else if ((code = g_hash_table_lookup (self->language_map, folded)) != NULL)
    code = *code ? g_intern_string (code) : g_intern_string (value);
  else
    code = pl_language_from_text (value);

  g_hash_table_insert (cache, g_strdup (value), (gpointer) code);
  return code;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint count_a = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint count_b = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

GStrv
pl_roster_import_list_unknown_languages (PlRosterImport *self)
{
  g_autofree PlRosterField *fields = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int columns[PL_ROSTER_N_FIELDS];
  const PlRosterField language_fields[] = {
    PL_ROSTER_FIELD_HOME_LANGUAGE, PL_ROSTER_FIELD_GUARDIAN_LANGUAGE,
  };

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);

  fields = g_new0 (PlRosterField, MAX (self->n_columns, 1));
  resolve_columns (self, fields, NULL, columns);
  for (guint r = 0; self->rows && r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      for (guint f = 0; f < G_N_ELEMENTS (language_fields); f++)
        {
          int c = columns[language_fields[f]];
          const char *value;

          if (c < 0 || (guint) c >= row->n_values)
            continue;
          value = row->values[c];
          if (language_code (self, cache, value) == NULL)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, value));
              if (n == 0)
                g_ptr_array_add (values, (gpointer) value);
              g_hash_table_insert (counts, (gpointer) value, GUINT_TO_POINTER (n + 1));
            }
        }
    }
  g_ptr_array_sort_with_data (values, compare_counts, counts);
  for (guint i = 0; i < values->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (values, i));
  return g_strv_builder_end (builder);
}

/* Checking rows */

typedef struct
{
  char     *name;
  char     *relationship;
  char     *phone;
  char     *phone_alt;
  char     *email;
  char     *language;     /* NULL: the file does not say */
  int       interpreter;  /* -1: the file does not say */
} GuardianData;

typedef struct
{
  guint         row;       /* index into rows */
  guint         line;
  char         *district_id;
  char         *full_name;
  char         *last_name;
  const char   *school_id; /* NULL: not given */
  int           grade;
  gboolean      has_grade;
  int           el, iep, plan_504;  /* -1: the file does not say */
  char         *address;
  char         *city;
  char         *zip;
  char         *home_language;
  GuardianData  guardians[MAX_GUARDIANS_PER_ROW];
  guint         n_guardians;
  gboolean      again;      /* the same student as an earlier row */
  const char   *student_id; /* in the store already */
  const char   *family_id;  /* that student's family */
} Record;

static void
guardian_data_clear (GuardianData *guardian)
{
  g_free (guardian->name);
  g_free (guardian->relationship);
  g_free (guardian->phone);
  g_free (guardian->phone_alt);
  g_free (guardian->email);
  g_free (guardian->language);
}

static void
record_free (Record *record)
{
  if (record == NULL)
    return;
  g_free (record->district_id);
  g_free (record->full_name);
  g_free (record->last_name);
  g_free (record->address);
  g_free (record->city);
  g_free (record->zip);
  g_free (record->home_language);
  for (guint i = 0; i < record->n_guardians; i++)
    guardian_data_clear (&record->guardians[i]);
  g_free (record);
}

/* What the store already holds, read once at the start of a run. */
typedef struct
{
  GHashTable *schools;       /* code, folded name, id → school id */
  GHashTable *students;      /* district id → StoredStudent */
  GHashTable *phones;        /* phone key → family id */
  GHashTable *addresses;     /* address key → family id */
  GStringChunk *strings;
} Stored;

typedef struct
{
  const char *student_id;
  const char *family_id;
} StoredStudent;

typedef struct
{
  PlRosterImport *self;
  int             columns[PL_ROSTER_N_FIELDS];
  GHashTable     *language_cache;
  Stored          stored;
  GDate           today;
} Checker;

static const char *
value_of (Checker    *checker,
          Row        *row,
          PlRosterField field)
{
  int c = checker->columns[field];

  if (c < 0 || (guint) c >= row->n_values)
    return "";
  return row->values[c];
}

/* The column's header as the file writes it, which is what a person looks
 * for when fixing a row. */
static const char *
header_of (Checker       *checker,
           PlRosterField  field)
{
  if (checker->columns[field] < 0)
    return pl_roster_field_get_label (field);
  return checker->self->headers[checker->columns[field]];
}

static gboolean
has_column (Checker       *checker,
            PlRosterField  field)
{
  return checker->columns[field] >= 0;
}

/* A line break inside a quoted value: keep it as a separator in one line. */
static char *
one_line (const char *value)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (strchr (value, '\n') == NULL)
    return g_strdup (value);
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, out->str[out->len - 1] == ',' ? " " : ", ");
      g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
nonempty_or_null (char *value)
{
  if (value != NULL && *value == '\0')
    {
      g_free (value);
      return NULL;
    }
  return value;
}

/* "Last, First" as records often write names becomes "First Last". */
static void
split_name (const char  *value,
            char       **full_name,
            char       **last_name)
{
  g_autofree char *text = one_line (value);
  const char *comma = strchr (text, ',');

  if (comma != NULL)
    {
      g_autofree char *last = g_strstrip (g_strndup (text, comma - text));
      g_autofree char *first = g_strstrip (g_strdup (comma + 1));

      if (*last != '\0' && *first != '\0')
        {
          *full_name = g_strdup_printf ("%s %s", first, last);
          *last_name = g_steal_pointer (&last);
          return;
        }
    }

  {
    const char *space = strrchr (text, ' ');

    *full_name = g_strdup (text);
    *last_name = g_strdup (space ? space + 1 : text);
  }
}

static char *
join_names (const char *first,
            const char *middle,
            const char *last)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *parts[] = { first, middle, last };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] && *parts[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", parts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Grades as student information systems write them, on top of what
 * pl_grade_parse() takes: "P4", "PK3", "TK", "KF", "Gr. 3", "3rd", "10th". */
static gboolean
parse_grade (const char *text,
             int        *grade)
{
  static const char *const pre_k[] = {
    "p3", "p4", "pk3", "pk4", "prek3", "prek4", "ps", "pre", "preschool", "prekindergarten",
    "prekinder", NULL,
  };
  static const char *const kindergarten[] = {
    "tk", "kf", "kh", "k5", "kinder", "kindergarten", "0k", NULL,
  };
  g_autoptr(GString) folded = g_string_new (NULL);
  const char *p;

  for (p = text; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (folded, g_ascii_tolower (*p));

  if (g_strv_contains (pre_k, folded->str) || g_str_equal (folded->str, "pre-k"))
    {
      *grade = PL_GRADE_PK;
      return TRUE;
    }
  if (g_strv_contains (kindergarten, folded->str))
    {
      *grade = PL_GRADE_K;
      return TRUE;
    }

  /* "gr3", "grade3" */
  p = folded->str;
  if (g_str_has_prefix (p, "grade"))
    p += strlen ("grade");
  else if (g_str_has_prefix (p, "gr"))
    p += strlen ("gr");
  if (g_ascii_isdigit (*p))
    {
      g_autoptr(GString) number = g_string_new (NULL);

      while (g_ascii_isdigit (*p))
        g_string_append_c (number, *p++);
      if (*p == '\0' || g_str_equal (p, "st") || g_str_equal (p, "nd") || g_str_equal (p, "rd") ||
          g_str_equal (p, "th"))
        return pl_grade_parse (number->str, grade);
      return FALSE;
    }
  return pl_grade_parse (text, grade);
}

/* 1 for yes, 0 for no, -1 for empty, -2 for anything else. EL status
 * comes in many words: a current learner is "yes", a former or never one
 * "no". */
static int
parse_yes_no (const char *text)
{
  static const char *const yes[] = {
    "y", "yes", "true", "t", "1", "x", "el", "ell", "lep", "ml", "active", "current", "si", NULL,
  };
  static const char *const no[] = {
    "n", "no", "false", "f", "0", "never", "non el", "not el", "nonel", "fep", "rfep", "ifep",
    "exited", "former", "former el", "monitor", "monitored", "not ell", "non ell", NULL,
  };
  g_autofree char *folded = pl_normalize_text (text);

  if (*folded == '\0')
    return -1;
  if (g_strv_contains (yes, folded))
    return 1;
  if (g_strv_contains (no, folded))
    return 0;
  return -2;
}

static const char *
parse_relationship (const char *text)
{
  static const struct { const char *word; const char *code; } words[] = {
    { "mother", "mother" }, { "mom", "mother" }, { "mum", "mother" }, { "mama", "mother" },
    { "madre", "mother" }, { "mere", "mother" }, { "biologicalmother", "mother" },
    { "father", "father" }, { "dad", "father" }, { "papa", "father" }, { "padre", "father" },
    { "pere", "father" }, { "biologicalfather", "father" },
    { "grandmother", "grandmother" }, { "grandma", "grandmother" }, { "abuela", "grandmother" },
    { "grandfather", "grandfather" }, { "grandpa", "grandfather" }, { "abuelo", "grandfather" },
    { "aunt", "aunt" }, { "auntie", "aunt" }, { "tia", "aunt" },
    { "uncle", "uncle" }, { "tio", "uncle" },
    { "sibling", "sibling" }, { "brother", "sibling" }, { "sister", "sibling" },
    { "adultsibling", "sibling" }, { "hermano", "sibling" }, { "hermana", "sibling" },
    { "fosterparent", "foster-parent" }, { "fostermother", "foster-parent" },
    { "fosterfather", "foster-parent" }, { "foster", "foster-parent" },
    { "guardian", "guardian" }, { "legalguardian", "guardian" }, { "parent", "guardian" },
    { "parentguardian", "guardian" }, { "custodian", "guardian" },
  };
  g_autofree char *folded = fold_header (text);

  if (*folded == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (folded, words[i].word))
      return words[i].code;
  return "other";
}

/* Dates as exports write them: 2015-03-09, 2015/03/09, 20150309, and the US
 * 3/9/2015, 03-09-2015 or 3/9/15. */
static gboolean
parse_date (const char *text,
            guint       this_year,
            GDate      *date)
{
  guint a = 0, b = 0, c = 0;
  char sep1 = 0, sep2 = 0;
  int n;
  guint year, month, day;
  g_autofree char *head = g_strdup (text);
  char *space;

  /* A time after the date ("2015-03-09 00:00:00") says nothing more. */
  if ((space = strpbrk (head, " T")) != NULL)
    *space = '\0';

  if (strlen (head) == 8 && strspn (head, "0123456789") == 8)
    {
      year = (head[0] - '0') * 1000 + (head[1] - '0') * 100 + (head[2] - '0') * 10 + (head[3] - '0');
      month = (head[4] - '0') * 10 + (head[5] - '0');
      day = (head[6] - '0') * 10 + (head[7] - '0');
    }
  else
    {
      int consumed = 0;

      n = sscanf (head, "%u%c%u%c%u%n", &a, &sep1, &b, &sep2, &c, &consumed);
      if (n != 5 || head[consumed] != '\0' || sep1 != sep2 ||
          (sep1 != '-' && sep1 != '/' && sep1 != '.'))
        return FALSE;
      if (a >= 1000)
        {
          year = a;
          month = b;
          day = c;
        }
      else
        {
          month = a;
          day = b;
          year = c;
          if (year < 100)
            {
              /* Two-digit years: the most recent century that is not ahead. */
              year += year <= this_year % 100 ? 2000 : 1900;
            }
        }
    }

  if (year < 1900 || year > 2200 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Excel drops a ZIP code's leading zero (01109 becomes 1109) and runs a
 * ZIP+4 together; put both back. NULL when it is not a ZIP code. */
static char *
parse_zip (const char *text)
{
  gsize len = strlen (text);
  gsize digits = strspn (text, "0123456789");

  if (digits == len && (len == 3 || len == 4))
    return g_strdup_printf ("%0*d%s", 5, (int) g_ascii_strtoll (text, NULL, 10), "");
  if (digits == len && len == 5)
    return g_strdup (text);
  if (digits == len && (len == 8 || len == 9))
    {
      g_autofree char *padded = g_strdup_printf ("%09" G_GINT64_FORMAT,
                                                 g_ascii_strtoll (text, NULL, 10));
      return g_strdup_printf ("%.5s-%s", padded, padded + 5);
    }
  if (len == 10 && digits == 5 && text[5] == '-' && strspn (text + 6, "0123456789") == 4)
    return g_strdup (text);
  return NULL;
}

static void
add_reason (GPtrArray  *reasons,
            char       *reason)
{
  g_ptr_array_add (reasons, reason);
}

static void
check_length (Checker       *checker,
              GPtrArray     *reasons,
              PlRosterField  field,
              const char    *value)
{
  if (value != NULL && g_utf8_strlen (value, -1) > MAX_TEXT)
    add_reason (reasons, g_strdup_printf (_("%s is longer than %d characters"),
                                          header_of (checker, field), MAX_TEXT));
}

static void
check_phone (Checker       *checker,
             GPtrArray     *reasons,
             PlRosterField  field,
             const char    *value)
{
  g_autofree char *problem = pl_check_phone (value);

  if (problem != NULL)
    /* Translators: first %s is a column of the file, second what is wrong with its value */
    add_reason (reasons, g_strdup_printf (_("%s: %s"), header_of (checker, field), problem));
}

static void
check_email (Checker       *checker,
             GPtrArray     *reasons,
             PlRosterField  field,
             const char    *value)
{
  g_autofree char *problem = pl_check_email (value);

  if (problem != NULL)
    add_reason (reasons, g_strdup_printf (_("%s: %s"), header_of (checker, field), problem));
}

static char *
check_language (Checker       *checker,
                GPtrArray     *reasons,
                PlRosterField  field,
                const char    *value)
{
  const char *code = language_code (checker->self, checker->language_cache, value);

  if (code == NULL)
    {
      add_reason (reasons,
                  /* Translators: first %s is a column of the file, second a language as written there */
                  g_strdup_printf (_("%s: Porchlight does not know the language “%s”; say which "
                                     "language it is, or keep it as written"),
                                   header_of (checker, field), value));
      return NULL;
    }
  return *code ? g_strdup (code) : NULL;
}

static int
check_yes_no (Checker       *checker,
              GPtrArray     *reasons,
              PlRosterField  field,
              Row           *row)
{
  const char *value = value_of (checker, row, field);
  int answer = parse_yes_no (value);

  if (answer == -2)
    {
      add_reason (reasons,
                  /* Translators: first %s is a column of the file, second its value */
                  g_strdup_printf (_("%s: “%s” is not yes or no"), header_of (checker, field), value));
      return -1;
    }
  return answer;
}

static void
check_date (Checker       *checker,
            GPtrArray     *reasons,
            PlRosterField  field,
            Row           *row)
{
  const char *value = value_of (checker, row, field);
  GDate date;

  if (*value == '\0')
    return;
  if (!parse_date (value, g_date_get_year (&checker->today), &date))
    add_reason (reasons,
                /* Translators: first %s is a column of the file, second its value */
                g_strdup_printf (_("%s: “%s” is not a date (write it like 2015-03-09 or "
                                   "3/9/2015)"), header_of (checker, field), value));
  else if (field == PL_ROSTER_FIELD_BIRTH_DATE && g_date_compare (&date, &checker->today) > 0)
    add_reason (reasons,
                /* Translators: first %s is a column of the file, second its value */
                g_strdup_printf (_("%s: “%s” is in the future"), header_of (checker, field), value));
}

static const char *
lookup_school (Checker    *checker,
               const char *value)
{
  g_autofree char *lower = g_utf8_strdown (value, -1);
  g_autofree char *folded = NULL;
  const char *id;

  if ((id = g_hash_table_lookup (checker->stored.schools, lower)) != NULL)
    return id;
  folded = pl_normalize_text (value);
  return g_hash_table_lookup (checker->stored.schools, folded);
}

/* One guardian's columns; FALSE when the row names none. */
static gboolean
check_guardian (Checker       *checker,
                GPtrArray     *reasons,
                Row           *row,
                PlRosterField  name_field,
                PlRosterField  first_field,
                PlRosterField  last_field,
                PlRosterField  relationship_field,
                PlRosterField  phone_field,
                PlRosterField  cell_field,
                PlRosterField  work_field,
                PlRosterField  email_field,
                GuardianData  *guardian)
{
  g_autofree char *name = NULL;
  const char *phone = phone_field ? value_of (checker, row, phone_field) : "";
  const char *cell = cell_field ? value_of (checker, row, cell_field) : "";
  const char *work = work_field ? value_of (checker, row, work_field) : "";
  const char *email = value_of (checker, row, email_field);

  memset (guardian, 0, sizeof *guardian);
  guardian->interpreter = -1;

  if (*value_of (checker, row, name_field) != '\0')
    {
      g_autofree char *last = NULL;
      split_name (value_of (checker, row, name_field), &name, &last);
    }
  else if (first_field && (*value_of (checker, row, first_field) || *value_of (checker, row, last_field)))
    name = join_names (value_of (checker, row, first_field), NULL, value_of (checker, row, last_field));

  if (name == NULL || *name == '\0')
    {
      if (*phone || *cell || *work || *email)
        add_reason (reasons,
                    g_strdup (_("A phone number or email address without a guardian’s name: "
                                "add the name of the guardian it belongs to")));
      return FALSE;
    }

  check_length (checker, reasons, has_column (checker, name_field) ? name_field : first_field, name);
  if (*phone)
    check_phone (checker, reasons, phone_field, phone);
  if (*cell)
    check_phone (checker, reasons, cell_field, cell);
  if (*work)
    check_phone (checker, reasons, work_field, work);
  if (*email)
    check_email (checker, reasons, email_field, email);

  guardian->name = g_steal_pointer (&name);
  guardian->relationship = g_strdup (parse_relationship (value_of (checker, row, relationship_field)));
  /* The main number is the home phone, else the cell; the other one next. */
  guardian->phone = g_strdup (*phone ? phone : *cell ? cell : *work ? work : NULL);
  guardian->phone_alt = g_strdup (*phone && *cell ? cell : (*phone || *cell) && *work ? work : NULL);
  guardian->email = g_strdup (*email ? email : NULL);
  return TRUE;
}

/* Turns a row into a record, or NULL with the reasons it is not valid. */
static Record *
check_row (Checker   *checker,
           Row       *row,
           guint      row_index,
           GPtrArray *reasons)
{
  PlRosterImport *self = checker->self;
  g_autoptr(GPtrArray) extra = NULL;
  Record *record = g_new0 (Record, 1);
  const char *value;
  guint filled = 0;

  record->row = row_index;
  record->line = row->line;
  record->el = record->iep = record->plan_504 = -1;

  /* More values than headers: a comma inside an unquoted name shifted the
   * columns, and every value after it would land in the wrong field. */
  for (guint c = self->n_columns; c < row->n_values; c++)
    if (*row->values[c] != '\0')
      filled++;
  if (filled > 0)
    add_reason (reasons,
                /* Translators: the numbers count values on a line of the file */
                g_strdup_printf (_("The line has %u values but the header has %u: a value with a "
                                   "comma may be missing its quotation marks"),
                                 row->n_values, self->n_columns));

  value = value_of (checker, row, PL_ROSTER_FIELD_STUDENT_ID);
  if (*value == '\0')
    add_reason (reasons, g_strdup_printf (_("%s is empty: every student needs a district "
                                            "student ID"),
                                          header_of (checker, PL_ROSTER_FIELD_STUDENT_ID)));
  record->district_id = g_strdup (value);

  if (has_column (checker, PL_ROSTER_FIELD_LAST_NAME) &&
      *value_of (checker, row, PL_ROSTER_FIELD_LAST_NAME) != '\0')
    {
      record->last_name = one_line (value_of (checker, row, PL_ROSTER_FIELD_LAST_NAME));
      record->full_name = join_names (value_of (checker, row, PL_ROSTER_FIELD_FIRST_NAME),
                                      value_of (checker, row, PL_ROSTER_FIELD_MIDDLE_NAME),
                                      record->last_name);
    }
  else if (*value_of (checker, row, PL_ROSTER_FIELD_STUDENT_NAME) != '\0')
    {
      split_name (value_of (checker, row, PL_ROSTER_FIELD_STUDENT_NAME), &record->full_name,
                  &record->last_name);
    }
  if (record->full_name == NULL || *record->full_name == '\0')
    add_reason (reasons,
                g_strdup_printf (_("%s is empty: every student needs a name"),
                                 header_of (checker, has_column (checker, PL_ROSTER_FIELD_LAST_NAME)
                                                       ? PL_ROSTER_FIELD_LAST_NAME
                                                       : PL_ROSTER_FIELD_STUDENT_NAME)));
  else
    check_length (checker, reasons, has_column (checker, PL_ROSTER_FIELD_LAST_NAME)
                                      ? PL_ROSTER_FIELD_LAST_NAME : PL_ROSTER_FIELD_STUDENT_NAME,
                  record->full_name);

  if (has_column (checker, PL_ROSTER_FIELD_GRADE))
    {
      value = value_of (checker, row, PL_ROSTER_FIELD_GRADE);
      if (*value == '\0')
        add_reason (reasons, g_strdup_printf (_("%s is empty: give the student’s grade"),
                                              header_of (checker, PL_ROSTER_FIELD_GRADE)));
      else if (!parse_grade (value, &record->grade))
        add_reason (reasons,
                    /* Translators: first %s is a column of the file, second its value */
                    g_strdup_printf (_("%s: “%s” is not a grade (PK, K or 1 to 12)"),
                                     header_of (checker, PL_ROSTER_FIELD_GRADE), value));
      else
        record->has_grade = TRUE;
    }

  value = value_of (checker, row, PL_ROSTER_FIELD_SCHOOL);
  if (*value != '\0')
    {
      record->school_id = lookup_school (checker, value);
      if (record->school_id == NULL)
        add_reason (reasons,
                    /* Translators: first %s is a column of the file, second a school as written there */
                    g_strdup_printf (_("%s: there is no school “%s” in Porchlight; add the school "
                                       "or correct its name or code"),
                                     header_of (checker, PL_ROSTER_FIELD_SCHOOL), value));
    }

  check_date (checker, reasons, PL_ROSTER_FIELD_BIRTH_DATE, row);
  check_date (checker, reasons, PL_ROSTER_FIELD_ENTRY_DATE, row);
  record->el = check_yes_no (checker, reasons, PL_ROSTER_FIELD_EL_STATUS, row);
  record->iep = check_yes_no (checker, reasons, PL_ROSTER_FIELD_IEP, row);
  record->plan_504 = check_yes_no (checker, reasons, PL_ROSTER_FIELD_PLAN_504, row);

  value = value_of (checker, row, PL_ROSTER_FIELD_HOME_LANGUAGE);
  if (*value != '\0')
    record->home_language = check_language (checker, reasons, PL_ROSTER_FIELD_HOME_LANGUAGE, value);

  if (*value_of (checker, row, PL_ROSTER_FIELD_ADDRESS) != '\0')
    {
      g_autofree char *street = one_line (value_of (checker, row, PL_ROSTER_FIELD_ADDRESS));
      g_autofree char *unit = one_line (value_of (checker, row, PL_ROSTER_FIELD_ADDRESS_2));

      record->address = *unit ? g_strdup_printf ("%s, %s", street, unit) : g_steal_pointer (&street);
      check_length (checker, reasons, PL_ROSTER_FIELD_ADDRESS, record->address);
    }
  record->city = nonempty_or_null (one_line (value_of (checker, row, PL_ROSTER_FIELD_CITY)));
  check_length (checker, reasons, PL_ROSTER_FIELD_CITY, record->city);
  value = value_of (checker, row, PL_ROSTER_FIELD_ZIP);
  if (*value != '\0' && (record->zip = parse_zip (value)) == NULL)
    add_reason (reasons,
                /* Translators: first %s is a column of the file, second its value */
                g_strdup_printf (_("%s: “%s” is not a ZIP code"), header_of (checker, PL_ROSTER_FIELD_ZIP),
                                 value));

  if (check_guardian (checker, reasons, row, PL_ROSTER_FIELD_GUARDIAN_NAME,
                      PL_ROSTER_FIELD_GUARDIAN_FIRST_NAME, PL_ROSTER_FIELD_GUARDIAN_LAST_NAME,
                      PL_ROSTER_FIELD_RELATIONSHIP, PL_ROSTER_FIELD_PHONE, PL_ROSTER_FIELD_CELL_PHONE,
                      PL_ROSTER_FIELD_WORK_PHONE, PL_ROSTER_FIELD_EMAIL,
                      &record->guardians[record->n_guardians]))
    {
      GuardianData *guardian = &record->guardians[record->n_guardians++];

      value = value_of (checker, row, PL_ROSTER_FIELD_GUARDIAN_LANGUAGE);
      if (*value != '\0')
        guardian->language = check_language (checker, reasons, PL_ROSTER_FIELD_GUARDIAN_LANGUAGE, value);
      guardian->interpreter = check_yes_no (checker, reasons, PL_ROSTER_FIELD_INTERPRETER, row);
    }
  if (check_guardian (checker, reasons, row, PL_ROSTER_FIELD_GUARDIAN_2_NAME, 0, 0,
                      PL_ROSTER_FIELD_GUARDIAN_2_RELATIONSHIP, PL_ROSTER_FIELD_GUARDIAN_2_PHONE, 0, 0,
                      PL_ROSTER_FIELD_GUARDIAN_2_EMAIL, &record->guardians[record->n_guardians]))
    record->n_guardians++;

  if (reasons->len > 0)
    {
      record_free (record);
      return NULL;
    }

  {
    StoredStudent *stored = g_hash_table_lookup (checker->stored.students, record->district_id);

    if (stored != NULL)
      {
        record->student_id = stored->student_id;
        record->family_id = stored->family_id;
      }
  }
  return record;
}

/* Why two rows of one student cannot both be right, or NULL when they agree
 * on the student (they may still name different guardians). */
static char *
disagreement (Checker *checker,
              Record  *first,
              Record  *again)
{
  const char *header = NULL;
  const char *was = NULL, *is = NULL;
  g_autofree char *was_text = NULL, *is_text = NULL;

  if (g_strcmp0 (first->full_name, again->full_name) != 0)
    {
      header = header_of (checker, has_column (checker, PL_ROSTER_FIELD_LAST_NAME)
                                     ? PL_ROSTER_FIELD_LAST_NAME : PL_ROSTER_FIELD_STUDENT_NAME);
      was = first->full_name;
      is = again->full_name;
    }
  else if (first->has_grade && again->has_grade && first->grade != again->grade)
    {
      header = header_of (checker, PL_ROSTER_FIELD_GRADE);
      was = was_text = pl_grade_to_string (first->grade);
      is = is_text = pl_grade_to_string (again->grade);
    }
  else if (first->school_id && again->school_id && g_strcmp0 (first->school_id, again->school_id) != 0)
    {
      Row *first_row = &g_array_index (checker->self->rows, Row, first->row);
      Row *again_row = &g_array_index (checker->self->rows, Row, again->row);

      header = header_of (checker, PL_ROSTER_FIELD_SCHOOL);
      was = value_of (checker, first_row, PL_ROSTER_FIELD_SCHOOL);
      is = value_of (checker, again_row, PL_ROSTER_FIELD_SCHOOL);
    }
  else
    {
      const struct { PlRosterField field; int a, b; } flags[] = {
        { PL_ROSTER_FIELD_EL_STATUS, first->el, again->el },
        { PL_ROSTER_FIELD_IEP, first->iep, again->iep },
        { PL_ROSTER_FIELD_PLAN_504, first->plan_504, again->plan_504 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (flags) && header == NULL; i++)
        if (flags[i].a >= 0 && flags[i].b >= 0 && flags[i].a != flags[i].b)
          {
            Row *first_row = &g_array_index (checker->self->rows, Row, first->row);
            Row *again_row = &g_array_index (checker->self->rows, Row, again->row);

            header = header_of (checker, flags[i].field);
            was = value_of (checker, first_row, flags[i].field);
            is = value_of (checker, again_row, flags[i].field);
          }
    }

  if (header == NULL)
    return NULL;
  /* Translators: "Student 10234 is also on line 12 with a different Grade (“3” there, “4” here)" */
  return g_strdup_printf (_("Student %s is also on line %u with a different %s (“%s” there, “%s” "
                            "here)"), first->district_id, first->line, header, was, is);
}

static gboolean
same_values (Row *a,
             Row *b)
{
  guint n = MAX (a->n_values, b->n_values);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (i < a->n_values ? a->values[i] : "", i < b->n_values ? b->values[i] : "") != 0)
      return FALSE;
  return TRUE;
}

/* Reading what the store holds */

/* A phone number as a grouping key: its last ten digits, at least seven,
 * not all one digit (000-000-0000 says there is no number). */
static char *
phone_key (const char *phone)
{
  g_autofree char *digits = pl_normalize_phone_digits (phone);
  gsize len = strlen (digits);
  gboolean varied = FALSE;

  if (len < 7)
    return NULL;
  for (gsize i = 1; i < len; i++)
    if (digits[i] != digits[0])
      varied = TRUE;
  if (!varied)
    return NULL;
  return g_strdup_printf ("p:%s", len > 10 ? digits + len - 10 : digits);
}

static char *
address_key (const char *address,
             const char *city,
             const char *zip)
{
  g_autofree char *street = pl_normalize_text (address);
  g_autofree char *place = NULL;

  if (*street == '\0')
    return NULL;
  if (zip != NULL && strlen (zip) >= 5)
    place = g_strndup (zip, 5);
  else
    place = pl_normalize_text (city);
  return g_strdup_printf ("a:%s|%s", street, place);
}

static void
stored_clear (Stored *stored)
{
  g_clear_pointer (&stored->schools, g_hash_table_unref);
  g_clear_pointer (&stored->students, g_hash_table_unref);
  g_clear_pointer (&stored->phones, g_hash_table_unref);
  g_clear_pointer (&stored->addresses, g_hash_table_unref);
  g_clear_pointer (&stored->strings, g_string_chunk_free);
}

static gboolean
read_stored (PlStore  *store,
             Stored   *stored,
             GError  **error)
{
  g_autoptr(GListModel) schools = pl_store_list_schools (store, error);
  sqlite3_stmt *stmt;
  int rc;

  if (schools == NULL)
    return FALSE;

  stored->strings = g_string_chunk_new (64 * 1024);
  stored->schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stored->students = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  stored->phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stored->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);
      const char *id = g_string_chunk_insert_const (stored->strings, pl_school_get_id (school));
      g_autofree char *folded = pl_normalize_text (pl_school_get_name (school));
      g_auto(GStrv) words = g_strsplit (folded, " ", -1);
      g_autoptr(GString) short_name = g_string_new (NULL);

      g_hash_table_insert (stored->schools, g_strdup (id), (gpointer) id);
      if (pl_school_get_code (school) != NULL)
        g_hash_table_insert (stored->schools, g_utf8_strdown (pl_school_get_code (school), -1),
                             (gpointer) id);
      g_hash_table_insert (stored->schools, g_strdup (folded), (gpointer) id);
      /* "Brightwood Elementary School" is also "Brightwood Elementary". */
      for (guint w = 0; words[w]; w++)
        if (!g_str_equal (words[w], "school") && !g_str_equal (words[w], "the"))
          g_string_append_printf (short_name, "%s%s", short_name->len ? " " : "", words[w]);
      if (short_name->len > 0 && !g_hash_table_contains (stored->schools, short_name->str))
        g_hash_table_insert (stored->schools, g_strdup (short_name->str), (gpointer) id);
    }

  stmt = _pl_store_prepare (store, "SELECT district_id, id, family_id FROM students"
                                   " WHERE deleted = 0 AND district_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredStudent *student = g_new (StoredStudent, 1);
      const char *district_id = g_string_chunk_insert_const (stored->strings,
                                                             (const char *) sqlite3_column_text (stmt, 0));

      student->student_id = g_string_chunk_insert (stored->strings, (const char *) sqlite3_column_text (stmt, 1));
      student->family_id = g_string_chunk_insert_const (stored->strings,
                                                        (const char *) sqlite3_column_text (stmt, 2));
      if (!g_hash_table_contains (stored->students, district_id))
        g_hash_table_insert (stored->students, (gpointer) district_id, student);
      else
        g_free (student);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the students"), error);
      return FALSE;
    }

  stmt = _pl_store_prepare (store, "SELECT g.phone, g.phone_alt, g.family_id FROM guardians g"
                                   " JOIN families f ON f.id = g.family_id"
                                   " WHERE g.deleted = 0 AND f.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 2; c++)
      {
        char *key = phone_key ((const char *) sqlite3_column_text (stmt, c));

        if (key != NULL && !g_hash_table_contains (stored->phones, key))
          g_hash_table_insert (stored->phones, key,
                               (gpointer) g_string_chunk_insert_const (stored->strings,
                                                                       (const char *) sqlite3_column_text (stmt, 2)));
        else
          g_free (key);
      }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the guardians"), error);
      return FALSE;
    }

  stmt = _pl_store_prepare (store, "SELECT id, address, city, zip FROM families"
                                   " WHERE deleted = 0 AND address IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = address_key ((const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3));

      if (key != NULL && !g_hash_table_contains (stored->addresses, key))
        g_hash_table_insert (stored->addresses, key,
                             (gpointer) g_string_chunk_insert_const (stored->strings,
                                                                     (const char *) sqlite3_column_text (stmt, 0)));
      else
        g_free (key);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the families"), error);
      return FALSE;
    }
  return TRUE;
}

/* Grouping rows into families: a union-find over records. */

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
unite (guint *parent,
       guint  a,
       guint  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);
  /* The earlier record stays the root, so groups keep file order. */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static GPtrArray *
record_keys (Record *record)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  char *key;

  for (guint g = 0; g < record->n_guardians; g++)
    {
      if ((key = phone_key (record->guardians[g].phone)))
        g_ptr_array_add (keys, key);
      if ((key = phone_key (record->guardians[g].phone_alt)))
        g_ptr_array_add (keys, key);
    }
  if (record->address && (key = address_key (record->address, record->city, record->zip)))
    g_ptr_array_add (keys, key);
  return keys;
}

/* Writing */

typedef struct
{
  PlFamily *family;
  gboolean  is_new;
  gboolean  changed;
  gboolean  set[PL_ROSTER_N_FIELDS];  /* family fields already taken from a row */
} FamilyWork;

static void
family_work_free (FamilyWork *work)
{
  g_clear_object (&work->family);
  g_free (work);
}

enum { ADDED = 1, UPDATED, UNCHANGED };

typedef struct
{
  PlRosterImport *self;
  PlStore        *store;
  GHashTable     *student_states;   /* student id → ADDED/UPDATED/UNCHANGED */
  GHashTable     *guardian_states;  /* guardian id → ADDED/UPDATED */
} Writer;

static gboolean
update_string (gpointer    object,
               const char *property,
               const char *value)
{
  g_autofree char *old = NULL;

  if (value == NULL || *value == '\0')
    return FALSE;
  g_object_get (object, property, &old, NULL);
  if (g_strcmp0 (old, value) == 0)
    return FALSE;
  g_object_set (object, property, value, NULL);
  return TRUE;
}

static gboolean
update_flag (gpointer    object,
             const char *property,
             int         value)
{
  gboolean old;

  if (value < 0)
    return FALSE;
  g_object_get (object, property, &old, NULL);
  if (!old == !value)
    return FALSE;
  g_object_set (object, property, value != 0, NULL);
  return TRUE;
}

static void
mark (GHashTable *states,
      const char *id,
      int         state)
{
  int old = GPOINTER_TO_INT (g_hash_table_lookup (states, id));

  /* Added beats updated beats unchanged. */
  if (old == 0 || state < old)
    g_hash_table_insert (states, g_strdup (id), GINT_TO_POINTER (state));
}

static gboolean
apply_student (Writer     *writer,
               PlStudent  *student,
               Record     *record)
{
  gboolean changed = FALSE;

  changed |= update_string (student, "district-id", record->district_id);
  changed |= update_string (student, "full-name", record->full_name);
  changed |= update_string (student, "school-id", record->school_id);
  if (record->has_grade && pl_student_get_grade (student) != record->grade)
    {
      pl_student_set_grade (student, record->grade);
      changed = TRUE;
    }
  changed |= update_flag (student, "emerging-bilingual", record->el);
  changed |= update_flag (student, "iep", record->iep);
  changed |= update_flag (student, "plan-504", record->plan_504);
  return changed;
}

static gboolean
same_phone (const char *a,
            const char *b)
{
  g_autofree char *key_a = phone_key (a);
  g_autofree char *key_b = phone_key (b);

  return key_a != NULL && g_strcmp0 (key_a, key_b) == 0;
}

static PlGuardian *
find_guardian (PlFamily     *family,
               GuardianData *data)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  g_autofree char *folded = pl_normalize_text (data->name);
  guint n = g_list_model_get_n_items (guardians);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);
      g_autofree char *name = pl_normalize_text (pl_guardian_get_full_name (guardian));

      if (g_str_equal (name, folded))
        return guardian;
    }
  /* The same number under a corrected spelling is the same person. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      if (same_phone (data->phone, pl_guardian_get_phone (guardian)) ||
          same_phone (data->phone, pl_guardian_get_phone_alt (guardian)))
        return guardian;
    }
  return NULL;
}

static gboolean
apply_guardian (Writer       *writer,
                FamilyWork   *work,
                GuardianData *data,
                const char   *home_language)
{
  PlGuardian *guardian = find_guardian (work->family, data);
  gboolean changed = FALSE;

  if (guardian == NULL)
    {
      g_autoptr(PlGuardian) added = pl_guardian_new ();

      pl_guardian_set_full_name (added, data->name);
      pl_guardian_set_relationship (added, data->relationship);
      pl_guardian_set_phone (added, data->phone);
      pl_guardian_set_phone_alt (added, data->phone_alt);
      pl_guardian_set_email (added, data->email);
      pl_guardian_set_preferred_language (added, data->language ? data->language : home_language);
      if (data->interpreter >= 0)
        pl_guardian_set_needs_interpreter (added, data->interpreter != 0);
      g_list_store_append (pl_family_get_guardians (work->family), added);
      mark (writer->guardian_states, pl_guardian_get_id (added), ADDED);
      return TRUE;
    }

  changed |= update_string (guardian, "full-name", data->name);
  /* "other" only says the file had some word there. */
  if (g_strcmp0 (data->relationship, "other") != 0 || pl_guardian_get_relationship (guardian) == NULL)
    changed |= update_string (guardian, "relationship", data->relationship);
  if (data->phone != NULL && !same_phone (data->phone, pl_guardian_get_phone (guardian)))
    {
      /* A number the guardian already had as the other one is a swap. */
      if (same_phone (data->phone, pl_guardian_get_phone_alt (guardian)))
        pl_guardian_set_phone_alt (guardian, pl_guardian_get_phone (guardian));
      pl_guardian_set_phone (guardian, data->phone);
      changed = TRUE;
    }
  if (data->phone_alt != NULL && !same_phone (data->phone_alt, pl_guardian_get_phone_alt (guardian)) &&
      !same_phone (data->phone_alt, pl_guardian_get_phone (guardian)))
    {
      pl_guardian_set_phone_alt (guardian, data->phone_alt);
      changed = TRUE;
    }
  changed |= update_string (guardian, "email", data->email);
  changed |= update_string (guardian, "preferred-language", data->language);
  if (pl_guardian_get_preferred_language (guardian) == NULL)
    changed |= update_string (guardian, "preferred-language", home_language);
  changed |= update_flag (guardian, "needs-interpreter", data->interpreter);

  if (changed)
    mark (writer->guardian_states, pl_guardian_get_id (guardian), UPDATED);
  return changed;
}

static gboolean
apply_family_field (FamilyWork    *work,
                    PlRosterField  field,
                    const char    *property,
                    const char    *value)
{
  if (value == NULL || work->set[field])
    return FALSE;
  work->set[field] = TRUE;
  return update_string (work->family, property, value);
}

static PlStudent *
find_student (PlFamily   *family,
              const char *id,
              const char *district_id)
{
  GListModel *students = G_LIST_MODEL (pl_family_get_students (family));

  for (guint i = 0; i < g_list_model_get_n_items (students); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);

      if ((id != NULL && g_strcmp0 (pl_student_get_id (student), id) == 0) ||
          (id == NULL && g_strcmp0 (pl_student_get_district_id (student), district_id) == 0))
        return student;
    }
  return NULL;
}

static FamilyWork *
family_work (Writer      *writer,
             GHashTable  *works,
             GPtrArray   *order,
             const char  *family_id,
             GError     **error)
{
  FamilyWork *work = g_hash_table_lookup (works, family_id);

  if (work != NULL)
    return work;
  work = g_new0 (FamilyWork, 1);
  work->family = pl_store_load_family (writer->store, family_id, error);
  if (work->family == NULL)
    {
      g_free (work);
      return NULL;
    }
  g_hash_table_insert (works, g_strdup (family_id), work);
  g_ptr_array_add (order, work);
  return work;
}

static void
reject (PlRosterImport *self,
        Row            *row,
        guint           row_index,
        char           *reason)
{
  Reject item = { row->line, reason, row_index };

  g_array_append_val (self->rejected, item);
}

/* Writes one group of records (the rows of one or more families that share
 * students, phones or addresses). Returns FALSE with @error on a database
 * failure; a family that fails validation rejects the group's rows instead. */
static gboolean
write_group (Writer     *writer,
             Checker    *checker,
             GPtrArray  *records,
             GArray     *members,
             const char *target_id,
             gboolean   *rejected,
             GError    **error)
{
  PlRosterImport *self = writer->self;
  g_autoptr(GHashTable) works = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) family_work_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  FamilyWork *target = NULL;
  /* What this group does to students and guardians counts only once it is
   * written. */
  Writer *outer = writer;
  Writer group = *writer;
  g_autoptr(GHashTable) student_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) guardian_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id, state;

  group.student_states = student_states;
  group.guardian_states = guardian_states;
  writer = &group;
  *rejected = FALSE;

  for (guint m = 0; m < members->len; m++)
    {
      Record *record = g_ptr_array_index (records, g_array_index (members, guint, m));
      FamilyWork *work;
      PlStudent *student;

      if (record->student_id != NULL)
        {
          work = family_work (writer, works, order, record->family_id, error);
          if (work == NULL)
            return FALSE;
          student = find_student (work->family, record->student_id, NULL);
        }
      else
        {
          if (target == NULL && target_id != NULL)
            target = family_work (writer, works, order, target_id, error);
          else if (target == NULL)
            {
              target = g_new0 (FamilyWork, 1);
              target->family = pl_family_new ();
              target->is_new = TRUE;
              pl_family_set_household_name (target->family, record->last_name);
              g_hash_table_insert (works, g_strdup (pl_family_get_id (target->family)), target);
              g_ptr_array_add (order, target);
            }
          if (target == NULL)
            return FALSE;
          work = target;
          student = find_student (work->family, NULL, record->district_id);
        }

      if (student == NULL)
        {
          g_autoptr(PlStudent) added = pl_student_new ();

          apply_student (writer, added, record);
          g_list_store_append (pl_family_get_students (work->family), added);
          mark (writer->student_states, pl_student_get_id (added), ADDED);
          work->changed = TRUE;
        }
      else if (apply_student (writer, student, record))
        {
          mark (writer->student_states, pl_student_get_id (student), UPDATED);
          work->changed = TRUE;
        }
      else
        {
          mark (writer->student_states, pl_student_get_id (student), UNCHANGED);
        }

      /* Family fields come from the first row that gives them. */
      work->changed |= apply_family_field (work, PL_ROSTER_FIELD_ADDRESS, "address", record->address);
      work->changed |= apply_family_field (work, PL_ROSTER_FIELD_CITY, "city", record->city);
      work->changed |= apply_family_field (work, PL_ROSTER_FIELD_ZIP, "zip", record->zip);
      work->changed |= apply_family_field (work, PL_ROSTER_FIELD_HOME_LANGUAGE, "home-language",
                                           record->home_language);
      for (guint g = 0; g < record->n_guardians; g++)
        work->changed |= apply_guardian (writer, work, &record->guardians[g],
                                         pl_family_get_home_language (work->family));
    }

  for (guint i = 0; i < order->len; i++)
    {
      FamilyWork *work = g_ptr_array_index (order, i);
      g_autoptr(GError) invalid = NULL;

      if (work->changed && !pl_family_validate (work->family, &invalid))
        {
          for (guint m = 0; m < members->len; m++)
            {
              Record *record = g_ptr_array_index (records, g_array_index (members, guint, m));

              reject (self, &g_array_index (self->rows, Row, record->row), record->row,
                      g_strdup (invalid->message));
            }
          *rejected = TRUE;
          return TRUE;
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      FamilyWork *work = g_ptr_array_index (order, i);
      g_autofree char *hlc = NULL;

      if (!work->changed)
        continue;
      hlc = pl_clock_now (pl_store_get_clock (writer->store));
      if (!_pl_store_write_family (writer->store, work->family, hlc, error))
        return FALSE;
      if (work->is_new)
        self->counts.families_added++;
      else
        self->counts.families_updated++;
    }

  g_hash_table_iter_init (&iter, student_states);
  while (g_hash_table_iter_next (&iter, &id, &state))
    mark (outer->student_states, id, GPOINTER_TO_INT (state));
  g_hash_table_iter_init (&iter, guardian_states);
  while (g_hash_table_iter_next (&iter, &id, &state))
    mark (outer->guardian_states, id, GPOINTER_TO_INT (state));
  return TRUE;
}

static gboolean
write_rejects (PlRosterImport  *self,
               GError         **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");  /* so Excel reads it as UTF-8 */
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-rejected.csv", base);
  g_free (self->rejects_path);
  self->rejects_path = g_build_filename (dir, name, NULL);

  for (guint c = 0; c < self->n_columns; c++)
    g_ptr_array_add (values, g_strdup (self->headers[c]));
  g_ptr_array_add (values, g_strdup ("line"));
  g_ptr_array_add (values, g_strdup ("reason"));
  pl_csv_append_record (out, (const char *const *) values->pdata, values->len);

  for (guint i = 0; i < self->rejected->len; i++)
    {
      Reject *item = &g_array_index (self->rejected, Reject, i);
      Row *row = &g_array_index (self->rows, Row, item->row);

      g_ptr_array_set_size (values, 0);
      for (guint c = 0; c < MAX (self->n_columns, row->n_values); c++)
        g_ptr_array_add (values, g_strdup (c < row->n_values ? row->values[c] : ""));
      g_ptr_array_add (values, g_strdup_printf ("%u", item->line));
      g_ptr_array_add (values, g_strdup (item->reason));
      pl_csv_append_record (out, (const char *const *) values->pdata, values->len);
    }

  if (!g_file_set_contents (self->rejects_path, out->str, out->len, &local_error))
    {
      g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_REJECTS_FILE,
                   /* Translators: %s is the system's reason */
                   _("Could not write the rejected rows beside the roster, so nothing was "
                     "imported: %s"), local_error->message);
      g_clear_pointer (&self->rejects_path, g_free);
      return FALSE;
    }
  return TRUE;
}

static int
compare_rejects (gconstpointer a,
                 gconstpointer b)
{
  const Reject *ra = a, *rb = b;

  return ra->line < rb->line ? -1 : ra->line > rb->line;
}

static void
report_progress (PlRosterProgress progress,
                 gpointer         data,
                 guint            done,
                 guint            total)
{
  if (progress != NULL)
    progress (done, total, data);
}

/**
 * pl_roster_import_run:
 *
 * Imports the roster into @store (see the header for the rules). Reads the
 * file first when it was not loaded. Cancelling leaves the store as it was.
 */
gboolean
pl_roster_import_run (PlRosterImport    *self,
                      PlStore           *store,
                      PlRosterProgress   progress,
                      gpointer           progress_data,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autofree PlRosterField *fields = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) first_of_student = NULL;
  g_autoptr(GHashTable) key_owner = NULL;
  g_autoptr(GHashTable) key_students = NULL;
  g_autoptr(GHashTable) group_index = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) all_keys = NULL;
  g_autofree guint *parent = NULL;
  Checker checker = { 0 };
  Writer writer = { 0 };
  guint n_rows, done = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  memset (&self->counts, 0, sizeof self->counts);
  g_array_set_size (self->rejected, 0);
  g_clear_pointer (&self->rejects_path, g_free);

  if (!self->loaded && !pl_roster_import_load (self, cancellable, error))
    return FALSE;

  n_rows = self->rows->len;
  self->counts.rows_read = n_rows;
  self->counts.header_lines_skipped = self->header_lines_skipped;
  if (n_rows == 0)
    {
      g_set_error_literal (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_EMPTY,
                           _("The file has a header but no rows"));
      return FALSE;
    }

  checker.self = self;
  fields = g_new0 (PlRosterField, self->n_columns);
  resolve_columns (self, fields, NULL, checker.columns);
  if (!check_columns (self, checker.columns, error))
    return FALSE;
  checker.language_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_clear (&checker.today, 1);
    g_date_set_dmy (&checker.today, g_date_time_get_day_of_month (now),
                    g_date_time_get_month (now), g_date_time_get_year (now));
  }

  /* A district's roster changes more pages than SQLite's default cache
   * holds; spilling them to the log half way costs more than the import. */
  if (!_pl_store_exec (store, "PRAGMA cache_size = -65536", error))
    goto out;
  /* Everything from here, reads included, sees one state of the store. */
  if (!pl_store_begin (store, error))
    goto out;
  if (!read_stored (store, &checker.stored, error))
    goto rollback;

  report_progress (progress, progress_data, 0, n_rows);

  /* 1. Check every row. */
  records = g_ptr_array_new_full (n_rows, (GDestroyNotify) record_free);
  first_of_student = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < n_rows; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
      Record *record;
      Record *first;

      if (r % 2048 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;

      record = check_row (&checker, row, r, reasons);
      if (record == NULL)
        {
          g_ptr_array_add (reasons, NULL);
          reject (self, row, r, g_strjoinv ("; ", (char **) reasons->pdata));
          g_ptr_array_add (records, NULL);
          continue;
        }

      first = g_hash_table_lookup (first_of_student, record->district_id);
      if (first != NULL)
        {
          char *why = disagreement (&checker, first, record);

          if (why != NULL)
            {
              reject (self, row, r, why);
              record_free (record);
              g_ptr_array_add (records, NULL);
              continue;
            }
          if (same_values (&g_array_index (self->rows, Row, first->row), row))
            {
              self->counts.rows_repeated++;
              record_free (record);
              g_ptr_array_add (records, NULL);
              continue;
            }
          /* Another row of the same student, for another guardian. */
          record->again = TRUE;
        }
      else
        {
          g_hash_table_insert (first_of_student, record->district_id, record);
        }
      g_ptr_array_add (records, record);
    }

  if (self->rejected->len > 0 && !self->skip_invalid)
    {
      guint n = self->rejected->len;

      g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS,
                   ngettext ("%u row is not valid, so nothing was imported",
                             "%u rows are not valid, so nothing was imported", n), n);
      goto rollback;
    }

  /* 2. Group records into families: the rows of one student, rows that
   * share a phone number or an address, and rows that meet a family the
   * store already has (by a student, a phone or an address). */
  parent = g_new (guint, n_rows);
  for (guint r = 0; r < n_rows; r++)
    parent[r] = r;

  key_students = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  all_keys = g_ptr_array_new_full (n_rows, (GDestroyNotify) g_ptr_array_unref);
  for (guint r = 0; r < n_rows; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      GPtrArray *keys = record ? record_keys (record) : g_ptr_array_new ();

      g_ptr_array_add (all_keys, keys);
      for (guint k = 0; k < keys->len; k++)
        {
          GHashTable *students = g_hash_table_lookup (key_students, g_ptr_array_index (keys, k));

          if (students == NULL)
            {
              students = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (key_students, g_strdup (g_ptr_array_index (keys, k)), students);
            }
          if (g_hash_table_size (students) <= MAX_STUDENTS_PER_KEY)
            g_hash_table_add (students, record->district_id);
        }
    }

  key_owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < n_rows; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      GPtrArray *keys = g_ptr_array_index (all_keys, r);
      g_autoptr(GPtrArray) family_keys = g_ptr_array_new_with_free_func (g_free);

      if (record == NULL)
        continue;

      g_ptr_array_add (family_keys, g_strdup_printf ("s:%s", record->district_id));
      if (record->family_id != NULL)
        g_ptr_array_add (family_keys, g_strdup_printf ("f:%s", record->family_id));
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          GHashTable *students = g_hash_table_lookup (key_students, key);
          const char *stored_family;

          if (g_hash_table_size (students) > MAX_STUDENTS_PER_KEY)
            continue;
          g_ptr_array_add (family_keys, g_strdup (key));
          stored_family = g_hash_table_lookup (key[0] == 'p' ? checker.stored.phones
                                                             : checker.stored.addresses, key);
          if (stored_family != NULL)
            g_ptr_array_add (family_keys, g_strdup_printf ("f:%s", stored_family));
        }

      for (guint k = 0; k < family_keys->len; k++)
        {
          const char *key = g_ptr_array_index (family_keys, k);
          gpointer owner;

          if (g_hash_table_lookup_extended (key_owner, key, NULL, &owner))
            unite (parent, GPOINTER_TO_UINT (owner), r);
          else
            g_hash_table_insert (key_owner, g_strdup (key), GUINT_TO_POINTER (r));
        }
    }

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  group_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint r = 0; r < n_rows; r++)
    {
      GArray *members;
      guint root;

      if (g_ptr_array_index (records, r) == NULL)
        continue;
      root = find_root (parent, r);
      members = g_hash_table_lookup (group_index, GUINT_TO_POINTER (root));
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (groups, members);
          g_hash_table_insert (group_index, GUINT_TO_POINTER (root), members);
        }
      g_array_append_val (members, r);
    }

  /* 3. Write family by family. */
  writer.self = self;
  writer.store = store;
  writer.student_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer.guardian_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint g = 0; g < groups->len; g++)
    {
      GArray *members = g_ptr_array_index (groups, g);
      const char *target_id = NULL;
      gboolean group_rejected;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;

      /* New students join the family of a student the store already has,
       * else the family a shared phone or address finds, else a new one. */
      for (guint m = 0; m < members->len && target_id == NULL; m++)
        target_id = ((Record *) g_ptr_array_index (records, g_array_index (members, guint, m)))->family_id;
      for (guint m = 0; m < members->len && target_id == NULL; m++)
        {
          guint r = g_array_index (members, guint, m);
          GPtrArray *keys = g_ptr_array_index (all_keys, r);

          for (guint k = 0; k < keys->len && target_id == NULL; k++)
            {
              const char *key = g_ptr_array_index (keys, k);
              GHashTable *students = g_hash_table_lookup (key_students, key);

              if (g_hash_table_size (students) > MAX_STUDENTS_PER_KEY)
                continue;
              target_id = g_hash_table_lookup (key[0] == 'p' ? checker.stored.phones
                                                             : checker.stored.addresses, key);
            }
        }

      if (!write_group (&writer, &checker, records, members, target_id, &group_rejected, error))
        goto rollback;
      if (group_rejected && !self->skip_invalid)
        {
          g_set_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS,
                       ngettext ("%u row is not valid, so nothing was imported",
                                 "%u rows are not valid, so nothing was imported",
                                 self->rejected->len), self->rejected->len);
          goto rollback;
        }

      done += members->len;
      if (g % 64 == 0 || g + 1 == groups->len)
        report_progress (progress, progress_data, done, n_rows);
    }

  {
    GHashTableIter iter;
    gpointer state;

    g_hash_table_iter_init (&iter, writer.student_states);
    while (g_hash_table_iter_next (&iter, NULL, &state))
      {
        if (GPOINTER_TO_INT (state) == ADDED)
          self->counts.students_added++;
        else if (GPOINTER_TO_INT (state) == UPDATED)
          self->counts.students_updated++;
        else
          self->counts.students_unchanged++;
      }
    g_hash_table_iter_init (&iter, writer.guardian_states);
    while (g_hash_table_iter_next (&iter, NULL, &state))
      {
        if (GPOINTER_TO_INT (state) == ADDED)
          self->counts.guardians_added++;
        else
          self->counts.guardians_updated++;
      }
  }

  g_array_sort (self->rejected, compare_rejects);
  self->counts.rows_rejected = self->rejected->len;
  self->counts.rows_imported = n_rows - self->rejected->len - self->counts.rows_repeated;

  if (self->dry_run)
    {
      pl_store_rollback (store);
      ok = TRUE;
      goto out;
    }
  if (self->rejected->len > 0 && !write_rejects (self, error))
    goto rollback;
  if (!pl_store_commit (store, error))
    {
      g_clear_pointer (&self->rejects_path, g_free);
      goto rollback;
    }
  if (self->counts.families_added + self->counts.families_updated > 0)
    _pl_store_emit_family_changed (store, NULL);
  ok = TRUE;
  goto out;

rollback:
  pl_store_rollback (store);
  {
    /* Nothing was written: the counts say so, the rejected rows stay. */
    PlRosterCounts kept = { 0 };

    kept.rows_read = self->counts.rows_read;
    kept.header_lines_skipped = self->counts.header_lines_skipped;
    kept.rows_repeated = self->counts.rows_repeated;
    g_array_sort (self->rejected, compare_rejects);
    kept.rows_rejected = self->rejected->len;
    self->counts = kept;
  }

out:
  _pl_store_exec (store, "PRAGMA cache_size = -2000", NULL);
  g_clear_pointer (&checker.language_cache, g_hash_table_unref);
  stored_clear (&checker.stored);
  g_clear_pointer (&writer.student_states, g_hash_table_unref);
  g_clear_pointer (&writer.guardian_states, g_hash_table_unref);
  return ok;
}

/* The async run */

typedef struct
{
  PlStore          *store;
  char             *path;
  PlRosterProgress  progress;
  gpointer          progress_data;
  GMainContext     *context;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->store);
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  PlRosterProgress progress;
  gpointer         progress_data;
  guint            done;
  guint            total;
} ProgressReport;

static gboolean
progress_cb (gpointer user_data)
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
  RunData *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL)
    return;
  report = g_new (ProgressReport, 1);
  *report = (ProgressReport) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_cb, report, g_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;
  /* SQLite connections stay on one thread: the worker opens its own. */
  g_autoptr(PlStore) store = pl_store_open (data->path, &error);

  if (store == NULL ||
      !pl_roster_import_run (source_object, store, thread_progress, data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_roster_import_run_async (PlRosterImport      *self,
                            PlStore             *store,
                            PlRosterProgress     progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (PL_IS_ROSTER_IMPORT (self));
  g_return_if_fail (PL_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_roster_import_run_async);

  data = g_new0 (RunData, 1);
  data->store = g_object_ref (store);
  data->path = g_strdup (pl_store_get_path (store));
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
pl_roster_import_run_finish (PlRosterImport  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pl_roster_import_run_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* The worker wrote through its own connection; lists on this one reload. */
  if (!self->dry_run && self->counts.families_added + self->counts.families_updated > 0)
    _pl_store_emit_family_changed (data->store, NULL);
  return TRUE;
}

const PlRosterCounts *
pl_roster_import_get_counts (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);
  return &self->counts;
}

guint
pl_roster_import_get_n_rejected (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), 0);
  return self->rejected->len;
}

guint
pl_roster_import_get_rejected (PlRosterImport  *self,
                               guint            index,
                               const char     **reason)
{
  Reject *item;

  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), 0);
  g_return_val_if_fail (index < self->rejected->len, 0);

  item = &g_array_index (self->rejected, Reject, index);
  if (reason)
    *reason = item->reason;
  return item->line;
}

const char *
pl_roster_import_get_rejects_path (PlRosterImport *self)
{
  g_return_val_if_fail (PL_IS_ROSTER_IMPORT (self), NULL);
  return self->rejects_path;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-family.h"
#include "pl-merge.h"
#include "pl-util-private.h"

struct _PlFamily
{
  GObject parent_instance;

  char    *id;
  char    *household_name;
  char    *address;
  char    *city;
  char    *zip;
  char    *home_language;
  char    *notes;

  GListStore *guardians;
  GListStore *students;
};

G_DEFINE_FINAL_TYPE (PlFamily, pl_family, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HOUSEHOLD_NAME,
  PROP_ADDRESS,
  PROP_CITY,
  PROP_ZIP,
  PROP_HOME_LANGUAGE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_family_finalize (GObject *object)
{
  PlFamily *self = PL_FAMILY (object);

  g_free (self->id);
  g_free (self->household_name);
  g_free (self->address);
  g_free (self->city);
  g_free (self->zip);
  g_free (self->home_language);
  g_free (self->notes);
  g_clear_object (&self->guardians);
  g_clear_object (&self->students);

  G_OBJECT_CLASS (pl_family_parent_class)->finalize (object);
}

static void
pl_family_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlFamily *self = PL_FAMILY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_HOUSEHOLD_NAME:
      g_value_set_string (value, self->household_name);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_ZIP:
      g_value_set_string (value, self->zip);
      break;
    case PROP_HOME_LANGUAGE:
      g_value_set_string (value, self->home_language);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlFamily *self = PL_FAMILY (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only properties are set even when not given: keep the
       * fresh id made in init unless a stored one is passed. */
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->id);
          self->id = g_value_dup_string (value);
        }
      break;
    case PROP_HOUSEHOLD_NAME:
      pl_family_set_household_name (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      pl_family_set_address (self, g_value_get_string (value));
      break;
    case PROP_CITY:
      pl_family_set_city (self, g_value_get_string (value));
      break;
    case PROP_ZIP:
      pl_family_set_zip (self, g_value_get_string (value));
      break;
    case PROP_HOME_LANGUAGE:
      pl_family_set_home_language (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      pl_family_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_class_init (PlFamilyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_family_finalize;
  object_class->get_property = pl_family_get_property;
  object_class->set_property = pl_family_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOUSEHOLD_NAME] =
    g_param_spec_string ("household-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZIP] =
    g_param_spec_string ("zip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOME_LANGUAGE] =
    g_param_spec_string ("home-language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_family_init (PlFamily *self)
{
  self->id = _pl_new_id ();
  self->guardians = g_list_store_new (PL_TYPE_GUARDIAN);
  self->students = g_list_store_new (PL_TYPE_STUDENT);
}

const char *
pl_family_get_id (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->id;
}

const char *
pl_family_get_household_name (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->household_name;
}

void
pl_family_set_household_name (PlFamily *self,
                             const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->household_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOUSEHOLD_NAME]);
}

const char *
pl_family_get_address (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->address;
}

void
pl_family_set_address (PlFamily *self,
                      const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->address, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

const char *
pl_family_get_city (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->city;
}

void
pl_family_set_city (PlFamily *self,
                   const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->city, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
pl_family_get_zip (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->zip;
}

void
pl_family_set_zip (PlFamily *self,
                  const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->zip, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZIP]);
}

const char *
pl_family_get_home_language (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->home_language;
}

void
pl_family_set_home_language (PlFamily *self,
                            const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->home_language, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOME_LANGUAGE]);
}

const char *
pl_family_get_notes (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->notes;
}

void
pl_family_set_notes (PlFamily *self,
                    const char *value)
{
  g_return_if_fail (PL_IS_FAMILY (self));

  if (_pl_set_str (&self->notes, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

G_DEFINE_QUARK (pl-family-error-quark, pl_family_error)

PlFamily *
pl_family_new (void)
{
  return g_object_new (PL_TYPE_FAMILY, NULL);
}

/**
 * pl_family_copy:
 *
 * Returns: (transfer full): a deep copy (same ids), for an editor to change
 *   while the original stays as it was until saved
 */
PlFamily *
pl_family_copy (PlFamily *self)
{
  PlFamily *copy;
  guint n;

  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);

  copy = g_object_new (PL_TYPE_FAMILY,
                       "id", self->id,
                       "household-name", self->household_name,
                       "address", self->address,
                       "city", self->city,
                       "zip", self->zip,
                       "home-language", self->home_language,
                       "notes", self->notes,
                       NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->guardians));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (self->guardians), i);
      g_autoptr(PlGuardian) guardian_copy = pl_guardian_copy (guardian);
      g_list_store_append (copy->guardians, guardian_copy);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->students));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (G_LIST_MODEL (self->students), i);
      g_autoptr(PlStudent) student_copy = pl_student_copy (student);
      g_list_store_append (copy->students, student_copy);
    }
  return copy;
}

GListStore *
pl_family_get_guardians (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->guardians;
}

GListStore *
pl_family_get_students (PlFamily *self)
{
  g_return_val_if_fail (PL_IS_FAMILY (self), NULL);
  return self->students;
}

void
pl_field_problem_free (PlFieldProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray     *problems,
             PlFamilyError  code,
             char          *field,
             char          *message)
{
  PlFieldProblem *problem = g_new0 (PlFieldProblem, 1);

  problem->code = code;
  problem->field = field;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * pl_check_phone:
 * @phone: (nullable): a phone number as typed
 *
 * A phone number is fine when empty, or when it has 10 digits (a US number),
 * 11 starting with 1, or an international number written with a leading +
 * and 8 to 15 digits. Spaces, dots, dashes and parentheses are allowed.
 *
 * Returns: (transfer full) (nullable): why it is not a phone number
 */
char *
pl_check_phone (const char *phone)
{
  guint digits = 0;
  gboolean plus = FALSE;

  if (is_blank (phone))
    return NULL;

  for (const char *p = phone; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_digit_value (ch) >= 0)
        digits++;
      else if (ch == '+' && digits == 0 && !plus)
        plus = TRUE;
      else if (!strchr (" ().-", (int) ch) || ch == 0)
        /* Translators: %s is what was typed in a phone number field */
        return g_strdup_printf (_("“%s” is not a phone number: use only digits, spaces, "
                                  "dashes, dots and parentheses"), phone);
    }

  if (plus ? (digits < 8 || digits > 15) : !(digits == 10 || (digits == 11 && *phone == '1')))
    /* Translators: %s is what was typed in a phone number field */
    return g_strdup_printf (_("“%s” is not a complete phone number: a local number has "
                              "10 digits, an international one starts with +"), phone);
  return NULL;
}

/**
 * pl_check_email:
 * @email: (nullable): an email address as typed
 *
 * Returns: (transfer full) (nullable): why it is not an email address
 */
char *
pl_check_email (const char *email)
{
  const char *at, *dot;

  if (is_blank (email))
    return NULL;

  at = strchr (email, '@');
  dot = at ? strrchr (at, '.') : NULL;
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || dot == NULL ||
      dot == at + 1 || dot[1] == '\0' || strpbrk (email, " \t,;<>") != NULL)
    /* Translators: %s is what was typed in an email field */
    return g_strdup_printf (_("“%s” is not an email address, which looks like name@example.org"),
                            email);
  return NULL;
}

char *
pl_check_grade (int grade)
{
  if (grade < PL_GRADE_PK || grade > PL_GRADE_MAX)
    /* Translators: %d is a grade number */
    return g_strdup_printf (_("Grade %d does not exist: grades run from pre-kindergarten to 12"),
                            grade);
  return NULL;
}

#define MAX_TEXT 500
/* Notes no longer than a sync server takes. */
#define MAX_NOTES PL_MERGE_MAX_TEXT

/* Takes @field. */
static void
check_length (GPtrArray  *problems,
              char       *field,
              const char *label,
              const char *value,
              glong       max)
{
  if (value != NULL && g_utf8_strlen (value, -1) > max)
    add_problem (problems, PL_FAMILY_ERROR_TOO_LONG, field,
                 /* Translators: %s is a field name, %ld a number of characters */
                 g_strdup_printf (_("%s is too long: at most %ld characters"), label, max));
  else
    g_free (field);
}

/**
 * pl_family_check:
 *
 * Checks every field of the family, its guardians and its students, so an
 * editor can mark them all at once.
 *
 * Returns: (transfer container) (element-type PlFieldProblem): the problems,
 *   empty when the family may be saved
 */
GPtrArray *
pl_family_check (PlFamily *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_field_problem_free);
  guint n;

  g_return_val_if_fail (PL_IS_FAMILY (self), problems);

  if (is_blank (self->household_name))
    add_problem (problems, PL_FAMILY_ERROR_REQUIRED, g_strdup ("household-name"),
                 g_strdup (_("The household needs a name")));
  check_length (problems, g_strdup ("household-name"), _("The household name"),
                self->household_name, MAX_TEXT);
  check_length (problems, g_strdup ("address"), _("The address"), self->address, MAX_TEXT);
  check_length (problems, g_strdup ("city"), _("The city"), self->city, MAX_TEXT);
  check_length (problems, g_strdup ("notes"), _("The notes"), self->notes, MAX_NOTES);
  if (self->zip != NULL)
    {
      gboolean ok = strlen (self->zip) == 5 || (strlen (self->zip) == 10 && self->zip[5] == '-');

      for (const char *p = self->zip; ok && *p; p++)
        ok = g_ascii_isdigit (*p) || (p - self->zip == 5 && *p == '-');
      if (!ok)
        add_problem (problems, PL_FAMILY_ERROR_REQUIRED, g_strdup ("zip"),
                     /* Translators: %s is what was typed in the ZIP code field */
                     g_strdup_printf (_("“%s” is not a ZIP code: use 5 digits, like 01109"),
                                      self->zip));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->guardians));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (self->guardians), i);
      char *message;

      if (is_blank (pl_guardian_get_full_name (guardian)))
        add_problem (problems, PL_FAMILY_ERROR_REQUIRED, g_strdup_printf ("guardian:%u:full-name", i),
                     g_strdup (_("Each guardian needs a name")));
      check_length (problems, g_strdup_printf ("guardian:%u:full-name", i), _("A guardian’s name"),
                    pl_guardian_get_full_name (guardian), MAX_TEXT);
      if ((message = pl_check_phone (pl_guardian_get_phone (guardian))))
        add_problem (problems, PL_FAMILY_ERROR_PHONE, g_strdup_printf ("guardian:%u:phone", i), message);
      if ((message = pl_check_phone (pl_guardian_get_phone_alt (guardian))))
        add_problem (problems, PL_FAMILY_ERROR_PHONE, g_strdup_printf ("guardian:%u:phone-alt", i), message);
      if ((message = pl_check_email (pl_guardian_get_email (guardian))))
        add_problem (problems, PL_FAMILY_ERROR_EMAIL, g_strdup_printf ("guardian:%u:email", i), message);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->students));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (G_LIST_MODEL (self->students), i);
      char *message;

      if (is_blank (pl_student_get_full_name (student)))
        add_problem (problems, PL_FAMILY_ERROR_REQUIRED, g_strdup_printf ("student:%u:full-name", i),
                     g_strdup (_("Each student needs a name")));
      check_length (problems, g_strdup_printf ("student:%u:full-name", i), _("A student’s name"),
                    pl_student_get_full_name (student), MAX_TEXT);
      if ((message = pl_check_grade (pl_student_get_grade (student))))
        add_problem (problems, PL_FAMILY_ERROR_GRADE, g_strdup_printf ("student:%u:grade", i), message);
    }

  return problems;
}

gboolean
pl_family_validate (PlFamily  *self,
                    GError   **error)
{
  g_autoptr(GPtrArray) problems = pl_family_check (self);
  PlFieldProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, PL_FAMILY_ERROR, first->code, first->message);
  return FALSE;
}

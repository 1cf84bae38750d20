/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-contact.h"
#include "pl-merge.h"
#include "pl-util-private.h"

/* Every field of a contact is a string, as stored; they live in one array
 * indexed by property id, so the accessors, copy and validation share it. */
enum {
  PROP_0,
  PROP_ID,
  PROP_FAMILY_ID,
  PROP_GUARDIAN_ID,
  PROP_STAFF_ID,
  PROP_HAPPENED_AT,
  PROP_METHOD,
  PROP_DIRECTION,
  PROP_LANGUAGE,
  PROP_INTERPRETER,
  PROP_PURPOSE,
  PROP_PURPOSE_OTHER,
  PROP_OUTCOME,
  PROP_NOTES,
  PROP_FOLLOW_UP_DUE,
  PROP_FOLLOW_UP_DONE_AT,
  PROP_FOLLOW_UP_OWNER,
  N_PROPS
};

struct _PlContact
{
  GObject parent_instance;

  char   *values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (PlContact, pl_contact, G_TYPE_OBJECT)
G_DEFINE_QUARK (pl-contact-error-quark, pl_contact_error)

static GParamSpec *properties[N_PROPS];

static const char *const property_names[N_PROPS] = {
  NULL, "id", "family-id", "guardian-id", "staff-id", "happened-at", "method", "direction",
  "language", "interpreter", "purpose", "purpose-other", "outcome", "notes", "follow-up-due",
  "follow-up-done-at", "follow-up-owner",
};

static void
pl_contact_finalize (GObject *object)
{
  PlContact *self = PL_CONTACT (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (pl_contact_parent_class)->finalize (object);
}

static void
pl_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PlContact *self = PL_CONTACT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
set_value (PlContact  *self,
           guint       prop_id,
           const char *value)
{
  if (_pl_set_str (&self->values[prop_id], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_contact_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PlContact *self = PL_CONTACT (object);

  if (prop_id == PROP_ID)
    {
      /* Construct-only: keep the fresh id made in init unless one is given. */
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->values[PROP_ID]);
          self->values[PROP_ID] = g_value_dup_string (value);
        }
    }
  else if (prop_id > PROP_0 && prop_id < N_PROPS)
    set_value (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pl_contact_class_init (PlContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_contact_finalize;
  object_class->get_property = pl_contact_get_property;
  object_class->set_property = pl_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = PROP_ID + 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_contact_init (PlContact *self)
{
  self->values[PROP_ID] = _pl_new_id ();
  /* What the table defaults to, so a new contact reads as it will be stored. */
  self->values[PROP_DIRECTION] = g_strdup ("outgoing");
  self->values[PROP_INTERPRETER] = g_strdup ("none");
}

/**
 * pl_contact_new:
 * @family_id: (nullable): the family the contact was with
 *
 * Returns: (transfer full): a new contact, outgoing, without an interpreter
 */
PlContact *
pl_contact_new (const char *family_id)
{
  return g_object_new (PL_TYPE_CONTACT, "family-id", family_id, NULL);
}

/**
 * pl_contact_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change
 *   while the original stays as it was until saved
 */
PlContact *
pl_contact_copy (PlContact *self)
{
  PlContact *copy;

  g_return_val_if_fail (PL_IS_CONTACT (self), NULL);

  copy = g_object_new (PL_TYPE_CONTACT, "id", self->values[PROP_ID], NULL);
  for (guint i = PROP_ID + 1; i < N_PROPS; i++)
    _pl_set_str (&copy->values[i], self->values[i]);
  return copy;
}

#define DEFINE_ACCESSORS(name, PROP)                                 \
  const char *                                                       \
  pl_contact_get_##name (PlContact *self)                            \
  {                                                                  \
    g_return_val_if_fail (PL_IS_CONTACT (self), NULL);               \
    return self->values[PROP];                                       \
  }                                                                  \
                                                                     \
  void                                                               \
  pl_contact_set_##name (PlContact  *self,                           \
                         const char *value)                          \
  {                                                                  \
    g_return_if_fail (PL_IS_CONTACT (self));                         \
    set_value (self, PROP, value);                                   \
  }

const char *
pl_contact_get_id (PlContact *self)
{
  g_return_val_if_fail (PL_IS_CONTACT (self), NULL);
  return self->values[PROP_ID];
}

DEFINE_ACCESSORS (family_id, PROP_FAMILY_ID)
DEFINE_ACCESSORS (guardian_id, PROP_GUARDIAN_ID)
DEFINE_ACCESSORS (staff_id, PROP_STAFF_ID)
DEFINE_ACCESSORS (happened_at, PROP_HAPPENED_AT)
DEFINE_ACCESSORS (method, PROP_METHOD)
DEFINE_ACCESSORS (direction, PROP_DIRECTION)
DEFINE_ACCESSORS (language, PROP_LANGUAGE)
DEFINE_ACCESSORS (interpreter, PROP_INTERPRETER)
DEFINE_ACCESSORS (purpose, PROP_PURPOSE)
DEFINE_ACCESSORS (purpose_other, PROP_PURPOSE_OTHER)
DEFINE_ACCESSORS (outcome, PROP_OUTCOME)
DEFINE_ACCESSORS (notes, PROP_NOTES)
DEFINE_ACCESSORS (follow_up_due, PROP_FOLLOW_UP_DUE)
DEFINE_ACCESSORS (follow_up_done_at, PROP_FOLLOW_UP_DONE_AT)
DEFINE_ACCESSORS (follow_up_owner, PROP_FOLLOW_UP_OWNER)

#undef DEFINE_ACCESSORS

/**
 * pl_contact_parse_time:
 * @text: (nullable): a stored time, "2026-11-23T14:05:00Z"
 *
 * Only the stored form is accepted: UTC, to the second, with a "Z".
 *
 * Returns: (transfer full) (nullable): the time in UTC
 */
GDateTime *
pl_contact_parse_time (const char *text)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || strlen (text) != sizeof shape - 1)
    return NULL;
  for (guint i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new (utc,
                          atoi (text), atoi (text + 5), atoi (text + 8),
                          atoi (text + 11), atoi (text + 14), atoi (text + 17));
}

/**
 * pl_contact_format_time:
 *
 * Returns: (transfer full): @when in UTC, in the stored form
 */
char *
pl_contact_format_time (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * pl_contact_parse_date:
 * @text: (nullable): a calendar date, "2026-11-30"
 * @out: (out) (optional): the date
 *
 * Returns: %TRUE when @text is a date that exists in that form
 */
gboolean
pl_contact_parse_date (const char *text,
                       GDate      *out)
{
  static const char shape[] = "dddd-dd-dd";
  int year, month, day;

  if (text == NULL || strlen (text) != sizeof shape - 1)
    return FALSE;
  for (guint i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/**
 * pl_contact_dup_happened_at_time:
 *
 * Returns: (transfer full) (nullable): when the contact happened, in UTC
 */
GDateTime *
pl_contact_dup_happened_at_time (PlContact *self)
{
  g_return_val_if_fail (PL_IS_CONTACT (self), NULL);
  return pl_contact_parse_time (self->values[PROP_HAPPENED_AT]);
}

void
pl_contact_set_happened_at_time (PlContact *self,
                                 GDateTime *when)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PL_IS_CONTACT (self));

  if (when != NULL)
    text = pl_contact_format_time (when);
  set_value (self, PROP_HAPPENED_AT, text);
}

gboolean
pl_contact_is_successful (PlContact *self)
{
  g_return_val_if_fail (PL_IS_CONTACT (self), FALSE);
  return g_strcmp0 (self->values[PROP_OUTCOME], "reached") == 0;
}

/* The fixed lists. Labels are title case, as they appear on buttons and in
 * the timeline; each has a context, since "Other" or "Reached" alone say
 * little to a translator. */

typedef struct
{
  const char *code;
  const char *label;
} Code;

static const Code methods[] = {
  { "phone", NC_("contact method", "Phone Call") },
  { "text", NC_("contact method", "Text Message") },
  { "in-person", NC_("contact method", "In Person at School") },
  { "home-visit", NC_("contact method", "Home Visit") },
  { "email", NC_("contact method", "Email") },
  { "video", NC_("contact method", "Video Call") },
  { "letter", NC_("contact method", "Letter") },
  { NULL, NULL },
};

static const Code directions[] = {
  { "outgoing", NC_("contact direction", "Outgoing") },
  { "incoming", NC_("contact direction", "Incoming") },
  { NULL, NULL },
};

static const Code interpreters[] = {
  { "none", NC_("interpreter", "No Interpreter") },
  { "staff", NC_("interpreter", "Staff Interpreter") },
  { "phone-line", NC_("interpreter", "Phone Interpreter Line") },
  { "family-member", NC_("interpreter", "Family Member") },
  { NULL, NULL },
};

static const Code purposes[] = {
  { "attendance", NC_("contact purpose", "Attendance") },
  { "academics", NC_("contact purpose", "Academics") },
  { "behavior", NC_("contact purpose", "Behavior") },
  { "wellbeing", NC_("contact purpose", "Wellbeing") },
  { "council", NC_("contact purpose", "Council Invitation") },
  { "survey", NC_("contact purpose", "Survey") },
  { "resources", NC_("contact purpose", "Resources") },
  { "other", NC_("contact purpose", "Other") },
  { NULL, NULL },
};

static const Code outcomes[] = {
  { "reached", NC_("contact outcome", "Reached") },
  { "left-message", NC_("contact outcome", "Left a Message") },
  { "no-answer", NC_("contact outcome", "No Answer") },
  { "wrong-number", NC_("contact outcome", "Wrong Number") },
  { "declined", NC_("contact outcome", "Declined") },
  { NULL, NULL },
};

/* The codes of a table as a static NULL-terminated array, made once. */
static const char *const *
codes_of (const Code  *table,
          const char **storage)
{
  guint i;

  for (i = 0; table[i].code; i++)
    storage[i] = table[i].code;
  storage[i] = NULL;
  return storage;
}

static const Code *
lookup (const Code *table,
        const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; table[i].code; i++)
    if (g_str_equal (table[i].code, code))
      return &table[i];
  return NULL;
}

static const char *
label_of (const Code *table,
          const char *context,
          const char *code)
{
  const Code *entry = lookup (table, code);

  if (entry == NULL)
    return code ? code : "";
  return g_dpgettext2 (GETTEXT_PACKAGE, context, entry->label);
}

#define DEFINE_LIST(plural, singular, table, context)                        \
  const char *const *                                                        \
  pl_contact_##plural (void)                                                 \
  {                                                                          \
    static const char *codes[G_N_ELEMENTS (table)];                          \
    return codes_of (table, codes);                                          \
  }                                                                          \
                                                                             \
  const char *                                                               \
  pl_contact_##singular##_label (const char *code)                           \
  {                                                                          \
    return label_of (table, context, code);                                  \
  }

DEFINE_LIST (methods, method, methods, "contact method")
DEFINE_LIST (directions, direction, directions, "contact direction")
DEFINE_LIST (interpreters, interpreter, interpreters, "interpreter")
DEFINE_LIST (purposes, purpose, purposes, "contact purpose")
DEFINE_LIST (outcomes, outcome, outcomes, "contact outcome")

#undef DEFINE_LIST

void
pl_contact_problem_free (PlContactProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray      *problems,
             PlContactError  code,
             const char      *field,
             char            *message)
{
  PlContactProblem *problem = g_new0 (PlContactProblem, 1);

  problem->code = code;
  problem->field = g_strdup (field);
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

/* A coded field: required, and one of its list. */
static void
check_code (GPtrArray  *problems,
            const char *field,
            const Code *table,
            const char *value,
            const char *missing)
{
  if (value == NULL)
    add_problem (problems, PL_CONTACT_ERROR_REQUIRED, field, g_strdup (missing));
  else if (lookup (table, value) == NULL)
    add_problem (problems, PL_CONTACT_ERROR_UNKNOWN_CODE, field,
                 /* Translators: %s is a code stored in the database, such as "fax" */
                 g_strdup_printf (_("“%s” is not one of the choices"), value));
}

static void
check_length (GPtrArray  *problems,
              const char *field,
              const char *label,
              const char *value,
              glong       max)
{
  if (value != NULL && g_utf8_strlen (value, -1) > max)
    add_problem (problems, PL_CONTACT_ERROR_TOO_LONG, field,
                 /* Translators: %s is a field name, %ld a number of characters */
                 g_strdup_printf (_("%s is too long: at most %ld characters"), label, max));
}

static gboolean
family_has_guardian (PlFamily   *family,
                     const char *guardian_id)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));

  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      if (g_strcmp0 (pl_guardian_get_id (guardian), guardian_id) == 0)
        return TRUE;
    }
  return FALSE;
}

#define MAX_TEXT 500
/* Notes no longer than a sync server takes. */
#define MAX_NOTES PL_MERGE_MAX_TEXT

/**
 * pl_contact_check:
 * @family: (nullable): the contact's family, with its guardians
 * @now: (nullable): the time of the check; %NULL for the current time
 *
 * Returns: (transfer container) (element-type PlContactProblem): the
 *   problems, in the order of the form, empty when the contact may be saved
 */
GPtrArray *
pl_contact_check (PlContact *self,
                  PlFamily  *family,
                  GDateTime *now)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_contact_problem_free);
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDateTime) happened = NULL;
  char **v;

  g_return_val_if_fail (PL_IS_CONTACT (self), problems);
  g_return_val_if_fail (family == NULL || PL_IS_FAMILY (family), problems);

  v = self->values;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();

  if (v[PROP_FAMILY_ID] == NULL)
    add_problem (problems, PL_CONTACT_ERROR_REQUIRED, "family-id",
                 g_strdup (_("A contact needs a family")));
  else if (family != NULL && g_strcmp0 (pl_family_get_id (family), v[PROP_FAMILY_ID]) != 0)
    add_problem (problems, PL_CONTACT_ERROR_GUARDIAN, "family-id",
                 g_strdup (_("The contact is with another family")));

  check_code (problems, "method", methods, v[PROP_METHOD],
              _("Choose how the contact was made"));
  check_code (problems, "direction", directions, v[PROP_DIRECTION],
              _("Choose who reached out: you or the family"));

  if (v[PROP_GUARDIAN_ID] != NULL && family != NULL &&
      !family_has_guardian (family, v[PROP_GUARDIAN_ID]))
    add_problem (problems, PL_CONTACT_ERROR_GUARDIAN, "guardian-id",
                 g_strdup (_("That guardian is not in this family")));

  if (v[PROP_HAPPENED_AT] == NULL)
    add_problem (problems, PL_CONTACT_ERROR_REQUIRED, "happened-at",
                 g_strdup (_("Say when the contact happened")));
  else if ((happened = pl_contact_parse_time (v[PROP_HAPPENED_AT])) == NULL)
    add_problem (problems, PL_CONTACT_ERROR_BAD_TIME, "happened-at",
                 /* Translators: %s is a stored time that could not be read */
                 g_strdup_printf (_("“%s” is not a date and time"), v[PROP_HAPPENED_AT]));
  else if (g_date_time_difference (happened, current) >
           PL_CONTACT_CLOCK_SLACK_SECONDS * G_TIME_SPAN_SECOND)
    add_problem (problems, PL_CONTACT_ERROR_FUTURE, "happened-at",
                 g_strdup (_("A contact cannot be in the future: check the date and time")));

  check_code (problems, "interpreter", interpreters, v[PROP_INTERPRETER],
              _("Say whether an interpreter helped"));
  check_code (problems, "purpose", purposes, v[PROP_PURPOSE],
              _("Choose what the contact was about"));
  if (v[PROP_PURPOSE_OTHER] != NULL && g_strcmp0 (v[PROP_PURPOSE], "other") != 0)
    add_problem (problems, PL_CONTACT_ERROR_UNKNOWN_CODE, "purpose-other",
                 g_strdup (_("Only the purpose “Other” takes a description")));
  else if (v[PROP_PURPOSE_OTHER] != NULL && is_blank (v[PROP_PURPOSE_OTHER]))
    /* Spaces alone say nothing. */
    add_problem (problems, PL_CONTACT_ERROR_REQUIRED, "purpose-other",
                 g_strdup (_("Describe the purpose, or leave it empty")));
  check_length (problems, "purpose-other", _("The purpose"), v[PROP_PURPOSE_OTHER], MAX_TEXT);
  check_code (problems, "outcome", outcomes, v[PROP_OUTCOME],
              _("Choose how the contact went"));
  check_length (problems, "notes", _("The notes"), v[PROP_NOTES], MAX_NOTES);

  if (v[PROP_FOLLOW_UP_DUE] != NULL)
    {
      GDate due;

      if (!pl_contact_parse_date (v[PROP_FOLLOW_UP_DUE], &due))
        add_problem (problems, PL_CONTACT_ERROR_BAD_TIME, "follow-up-due",
                     /* Translators: %s is a stored date that could not be read */
                     g_strdup_printf (_("“%s” is not a date"), v[PROP_FOLLOW_UP_DUE]));
      else if (happened != NULL)
        {
          /* The contact's own day, where the person logging it lives. */
          g_autoptr(GDateTime) local = g_date_time_to_local (happened);
          GDate day;

          g_date_clear (&day, 1);
          g_date_set_dmy (&day, g_date_time_get_day_of_month (local),
                          g_date_time_get_month (local), g_date_time_get_year (local));
          if (g_date_compare (&due, &day) < 0)
            add_problem (problems, PL_CONTACT_ERROR_FOLLOW_UP, "follow-up-due",
                         g_strdup (_("The follow-up cannot be due before the contact")));
        }
    }
  if (v[PROP_FOLLOW_UP_DONE_AT] != NULL)
    {
      g_autoptr(GDateTime) done = pl_contact_parse_time (v[PROP_FOLLOW_UP_DONE_AT]);

      if (done == NULL)
        add_problem (problems, PL_CONTACT_ERROR_BAD_TIME, "follow-up-done-at",
                     /* Translators: %s is a stored time that could not be read */
                     g_strdup_printf (_("“%s” is not a date and time"),
                                      v[PROP_FOLLOW_UP_DONE_AT]));
    }
  check_length (problems, "follow-up-owner", _("The follow-up’s owner"),
                v[PROP_FOLLOW_UP_OWNER], MAX_TEXT);

  return problems;
}

gboolean
pl_contact_validate (PlContact  *self,
                     PlFamily   *family,
                     GDateTime  *now,
                     GError    **error)
{
  g_autoptr(GPtrArray) problems = pl_contact_check (self, family, now);
  PlContactProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, PL_CONTACT_ERROR, first->code, first->message);
  return FALSE;
}

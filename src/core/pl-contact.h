/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-family.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_CONTACT_ERROR (pl_contact_error_quark ())

/* Validation failures of a contact; the message names the field and value. */
typedef enum
{
  PL_CONTACT_ERROR_REQUIRED,     /* a field that must be filled in is empty */
  PL_CONTACT_ERROR_UNKNOWN_CODE, /* a method, purpose, … not in its fixed list */
  PL_CONTACT_ERROR_BAD_TIME,     /* not a date or time in the stored form */
  PL_CONTACT_ERROR_FUTURE,       /* the contact is dated after now */
  PL_CONTACT_ERROR_FOLLOW_UP,    /* the follow-up date is before the contact */
  PL_CONTACT_ERROR_GUARDIAN,     /* the guardian is not one of the family's */
  PL_CONTACT_ERROR_TOO_LONG,
} PlContactError;

GQuark pl_contact_error_quark (void);

/* How far ahead of this computer's clock a contact may be dated: another
 * laptop's clock, or the minute a person typed, may run a little ahead. */
#define PL_CONTACT_CLOCK_SLACK_SECONDS 60

#define PL_TYPE_CONTACT (pl_contact_get_type ())
G_DECLARE_FINAL_TYPE (PlContact, pl_contact, PL, CONTACT, GObject)

/* One contact with a family: a call, a text, a visit…
 *
 * Properties (strings, NULL when not set; an empty string is stored as NULL):
 * "id" (construct-only; a fresh UUID when not given), "family-id",
 * "guardian-id", "staff-id" (a staff username, see pl_store_dup_me()),
 * "happened-at" (UTC, "YYYY-MM-DDTHH:MM:SSZ"), "method", "direction",
 * "language" (language code), "interpreter", "purpose", "purpose-other"
 * (free text, with purpose "other"), "outcome", "notes", "follow-up-due"
 * (a local calendar date "YYYY-MM-DD"), "follow-up-done-at" (UTC, like
 * happened-at), "follow-up-owner" (a staff username).
 *
 * Codes: method phone, text, email, home-visit, in-person, video, letter;
 * direction outgoing, incoming; interpreter staff, phone-line,
 * family-member, none; purpose attendance, academics, behavior, wellbeing,
 * council, survey, resources, other; outcome reached, left-message,
 * no-answer, wrong-number, declined. */
PlContact  *pl_contact_new                   (const char *family_id);
/* A copy with the same id, for an editor to change. */
PlContact  *pl_contact_copy                  (PlContact  *self);

const char *pl_contact_get_id                (PlContact  *self);
const char *pl_contact_get_family_id         (PlContact  *self);
void        pl_contact_set_family_id         (PlContact  *self, const char *value);
const char *pl_contact_get_guardian_id       (PlContact  *self);
void        pl_contact_set_guardian_id       (PlContact  *self, const char *value);
const char *pl_contact_get_staff_id          (PlContact  *self);
void        pl_contact_set_staff_id          (PlContact  *self, const char *value);
const char *pl_contact_get_happened_at       (PlContact  *self);
void        pl_contact_set_happened_at       (PlContact  *self, const char *value);
const char *pl_contact_get_method            (PlContact  *self);
void        pl_contact_set_method            (PlContact  *self, const char *value);
const char *pl_contact_get_direction         (PlContact  *self);
void        pl_contact_set_direction         (PlContact  *self, const char *value);
const char *pl_contact_get_language          (PlContact  *self);
void        pl_contact_set_language          (PlContact  *self, const char *value);
const char *pl_contact_get_interpreter       (PlContact  *self);
void        pl_contact_set_interpreter       (PlContact  *self, const char *value);
const char *pl_contact_get_purpose           (PlContact  *self);
void        pl_contact_set_purpose           (PlContact  *self, const char *value);
const char *pl_contact_get_purpose_other     (PlContact  *self);
void        pl_contact_set_purpose_other     (PlContact  *self, const char *value);
const char *pl_contact_get_outcome           (PlContact  *self);
void        pl_contact_set_outcome           (PlContact  *self, const char *value);
const char *pl_contact_get_notes             (PlContact  *self);
void        pl_contact_set_notes             (PlContact  *self, const char *value);
const char *pl_contact_get_follow_up_due     (PlContact  *self);
void        pl_contact_set_follow_up_due     (PlContact  *self, const char *value);
const char *pl_contact_get_follow_up_done_at (PlContact  *self);
void        pl_contact_set_follow_up_done_at (PlContact  *self, const char *value);
const char *pl_contact_get_follow_up_owner   (PlContact  *self);
void        pl_contact_set_follow_up_owner   (PlContact  *self, const char *value);

/* happened-at as a GDateTime (UTC), or NULL when unset or malformed. */
GDateTime  *pl_contact_dup_happened_at_time  (PlContact  *self);
/* Stores @when (any time zone) as UTC to the second. */
void        pl_contact_set_happened_at_time  (PlContact  *self, GDateTime *when);
/* A stored UTC time ("YYYY-MM-DDTHH:MM:SSZ") as a GDateTime, or NULL. */
GDateTime  *pl_contact_parse_time            (const char *text);
/* Formats @when as a stored UTC time. */
char       *pl_contact_format_time           (GDateTime  *when);
/* TRUE for a calendar date "YYYY-MM-DD" that exists. */
gboolean    pl_contact_parse_date            (const char *text,
                                              GDate      *out);

/* TRUE when the contact reached the family (outcome "reached"). */
gboolean    pl_contact_is_successful         (PlContact  *self);

/* A field that failed validation, for the form to mark. @field is the
 * property name: "happened-at", "method", "guardian-id", "purpose-other",
 * "follow-up-due", … */
typedef struct
{
  char           *field;
  char           *message;
  PlContactError  code;
} PlContactProblem;

void        pl_contact_problem_free          (PlContactProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlContactProblem, pl_contact_problem_free)

/* Checks every field. @family (nullable) is the contact's family, to check
 * the guardian belongs to it; @now (nullable: the current time) is when the
 * check happens, so a test can pin it. Returns a GPtrArray of
 * PlContactProblem, empty when the contact may be saved. */
GPtrArray  *pl_contact_check                 (PlContact  *self,
                                              PlFamily   *family,
                                              GDateTime  *now);
/* TRUE when valid; otherwise the first problem as a PL_CONTACT_ERROR. */
gboolean    pl_contact_validate              (PlContact  *self,
                                              PlFamily   *family,
                                              GDateTime  *now,
                                              GError    **error);

/* The fixed lists, most used first, as codes (NULL-terminated, static), and
 * each code's translated label ("Phone Call", "Left a Message"…). A label
 * for an unknown code is the code itself. */
const char *const *pl_contact_methods          (void);
const char        *pl_contact_method_label      (const char *code);
const char *const *pl_contact_directions       (void);
const char        *pl_contact_direction_label   (const char *code);
const char *const *pl_contact_interpreters     (void);
const char        *pl_contact_interpreter_label (const char *code);
const char *const *pl_contact_purposes         (void);
const char        *pl_contact_purpose_label     (const char *code);
const char *const *pl_contact_outcomes         (void);
const char        *pl_contact_outcome_label     (const char *code);

/* The store's part (src/core/pl-store-contacts.c). */

/* "Me": the staff username of the person using this database (a local
 * setting, never synced), or NULL when nobody logged in. The app sets it at
 * log-in; the demo district sets its first liaison. */
char       *pl_store_dup_me                  (PlStore    *self);
/* @username NULL forgets it. */
gboolean    pl_store_set_me                  (PlStore    *self,
                                              const char *username,
                                              GError    **error);
/* The display name of a staff username ("María Ortiz"), or NULL when no
 * staff row has that username. */
char       *pl_store_dup_staff_name          (PlStore    *self,
                                              const char *username);

/* Validates the contact against its stored family, then inserts or updates
 * it with its journal entry in one transaction (only changed fields are
 * journaled). A new contact without a staff-id is logged by "me"; a
 * follow-up date without an owner is owned by the contact's staff. Emits
 * PlStore::family-changed with the contact's family. */
gboolean    pl_store_save_contact            (PlStore    *self,
                                              PlContact  *contact,
                                              GError    **error);
/* The contact, or NULL with PL_STORE_ERROR_NOT_FOUND when it does not exist
 * or was deleted. */
PlContact  *pl_store_load_contact            (PlStore    *self,
                                              const char *id,
                                              GError    **error);
/* Tombstones the contact (it syncs as deleted); restore undoes it. */
gboolean    pl_store_delete_contact          (PlStore    *self,
                                              const char *id,
                                              GError    **error);
gboolean    pl_store_restore_contact         (PlStore    *self,
                                              const char *id,
                                              GError    **error);
/* How many contacts a family has (deleted ones apart), or -1 on error. */
gint64      pl_store_count_contacts          (PlStore    *self,
                                              const char *family_id,
                                              GError    **error);

G_END_DECLS

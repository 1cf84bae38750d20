/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-guardian.h"
#include "pl-student.h"

G_BEGIN_DECLS

#define PL_FAMILY_ERROR (pl_family_error_quark ())

/* Validation failures; the message names the field and the value for a person. */
typedef enum
{
  PL_FAMILY_ERROR_REQUIRED,
  PL_FAMILY_ERROR_PHONE,
  PL_FAMILY_ERROR_EMAIL,
  PL_FAMILY_ERROR_GRADE,
  PL_FAMILY_ERROR_TOO_LONG,
  PL_FAMILY_ERROR_DUPLICATE,
} PlFamilyError;

GQuark pl_family_error_quark (void);

#define PL_TYPE_FAMILY (pl_family_get_type ())
G_DECLARE_FINAL_TYPE (PlFamily, pl_family, PL, FAMILY, GObject)

/* Properties: "id", "household-name", "address", "city", "zip",
 * "home-language", "notes". Guardians and students are GListStores that the
 * caller edits in place and saves with pl_store_save_family(). */
PlFamily   *pl_family_new                (void);
PlFamily   *pl_family_copy               (PlFamily *self);
const char *pl_family_get_id             (PlFamily *self);
const char *pl_family_get_household_name (PlFamily *self);
void        pl_family_set_household_name (PlFamily *self, const char *value);
const char *pl_family_get_address        (PlFamily *self);
void        pl_family_set_address        (PlFamily *self, const char *value);
const char *pl_family_get_city           (PlFamily *self);
void        pl_family_set_city           (PlFamily *self, const char *value);
const char *pl_family_get_zip            (PlFamily *self);
void        pl_family_set_zip            (PlFamily *self, const char *value);
const char *pl_family_get_home_language  (PlFamily *self);
void        pl_family_set_home_language  (PlFamily *self, const char *value);
const char *pl_family_get_notes          (PlFamily *self);
void        pl_family_set_notes          (PlFamily *self, const char *value);
/* GListStore of PlGuardian / PlStudent, owned by the family. */
GListStore *pl_family_get_guardians      (PlFamily *self);
GListStore *pl_family_get_students       (PlFamily *self);

/* A field that failed validation, for the form to mark. */
typedef struct
{
  char   *field;  /* "household-name", "guardian:2:phone", "student:0:grade", … */
  char   *message;
  PlFamilyError code;
} PlFieldProblem;

void        pl_field_problem_free        (PlFieldProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlFieldProblem, pl_field_problem_free)

/* Checks every field. Returns a GPtrArray of PlFieldProblem (empty when valid). */
GPtrArray  *pl_family_check              (PlFamily *self);
/* TRUE when valid; otherwise the first problem as a PL_FAMILY_ERROR. */
gboolean    pl_family_validate           (PlFamily *self,
                                          GError  **error);

/* Single-field checks shared with the edit form, for inline messages.
 * Each returns NULL when the value is fine, else a translated message. */
char       *pl_check_phone               (const char *phone);
char       *pl_check_email               (const char *email);
char       *pl_check_grade               (int grade);

G_END_DECLS

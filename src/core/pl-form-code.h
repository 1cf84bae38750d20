/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Paper form codes, printed on every page of a form and keyed first:
 * "S3-0153-00421" is survey series number 3, the school's code "0153",
 * form serial 421. The school part is the school's code, upper-cased
 * letters and digits (1–8 of them); the serial has five digits or more. */

/* The code for those parts, or NULL if @school_code has no letter or digit. */
char     *pl_form_code_format (guint        survey_number,
                               const char  *school_code,
                               guint        serial);

/* Reads what a person typed: case, spaces and missing dashes are forgiven
 * ("s3 0153 421" is "S3-0153-00421"). Returns the code in its printed form,
 * or NULL with PL_SURVEY_ERROR_BAD_FORM_CODE naming what is wrong. */
char     *pl_form_code_parse  (const char  *text,
                               guint       *survey_number,
                               char       **school_code,
                               guint       *serial,
                               GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PL_SERVER_ERROR (pl_server_error_quark ())

typedef enum
{
  PL_SERVER_ERROR_FAILED,            /* anything else; a 500 on the wire */
  PL_SERVER_ERROR_INVALID,           /* bad input a person can correct */
  PL_SERVER_ERROR_NOT_FOUND,         /* no such user */
  PL_SERVER_ERROR_EXISTS,            /* a user of that name exists */
  PL_SERVER_ERROR_NOT_SERVER,        /* the file is no server database (run init) */
  PL_SERVER_ERROR_NEWER_SCHEMA,      /* written by a newer porchlight-server */
  PL_SERVER_ERROR_FORBIDDEN_ROLE,    /* the user's role may not write that entity */
  PL_SERVER_ERROR_FORBIDDEN_SCHOOL,  /* a change to a family outside the user's schools */
} PlServerError;

GQuark pl_server_error_quark (void);

typedef enum
{
  PL_SERVER_ROLE_ADMIN,
  PL_SERVER_ROLE_ORGANIZER,
  PL_SERVER_ROLE_LIAISON,
  PL_SERVER_ROLE_ENTRY,
  PL_SERVER_ROLE_VIEWER,
} PlServerRole;

const char *pl_server_role_to_string   (PlServerRole  role);
gboolean    pl_server_role_from_string (const char   *text,
                                        PlServerRole *role);
/* Whether @role may write rows of @entity (doc/sync-protocol.md, "Push"). */
gboolean    pl_server_role_may_write   (PlServerRole  role,
                                        const char   *entity);

typedef struct
{
  char         *name;
  char         *display_name;  /* nullable */
  PlServerRole  role;
  GStrv         schools;       /* school ids; NULL means all schools */
  gboolean      disabled;
  gint64        created_at;    /* Unix seconds */
} PlServerUser;

PlServerUser *pl_server_user_copy      (const PlServerUser *user);
void          pl_server_user_free      (PlServerUser       *user);
/* "all", or the school ids joined by commas: the form commands take and print. */
char         *pl_server_user_dup_schools_text (const PlServerUser *user);
/* Parses "all" or "ID,ID"; NULL with @error for an empty or malformed list. */
gboolean      pl_server_parse_schools  (const char  *text,
                                        GStrv       *schools,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlServerUser, pl_server_user_free)

typedef struct
{
  gint64  seq;
  char   *at;         /* ISO 8601, UTC */
  char   *user;
  char   *device;
  char   *change_id;
  char   *entity;
  char   *row_id;
  char   *family_id;  /* nullable: rows outside any family */
  char   *fields;     /* the change's fields as a JSON object */
  char   *hlc;
} PlServerAuditEntry;

void pl_server_audit_entry_free (PlServerAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlServerAuditEntry, pl_server_audit_entry_free)

typedef struct
{
  guint  accepted;
  guint  duplicates;
  guint  conflicts;
  /* When a push is refused for one change (a 4xx), that change's id, so the
   * client can set it aside and send the rest; free it with g_free(). */
  char  *refused_change_id;
} PlServerPushResult;

/* The server's wall clock in Unix seconds, and a time as the API writes it
 * (ISO 8601, UTC, whole seconds). */
gint64 pl_server_now_seconds (void);
char  *pl_server_format_time (gint64 unix_seconds);

/* One push of a group applied in one transaction (push_group): what came
 * in, and what became of it. */
typedef struct
{
  const PlServerUser *user;
  const char         *device;
  JsonArray          *changes;
  PlServerPushResult  result;
  GError             *error;    /* set when this push was refused or failed */
} PlServerPushRequest;

#define PL_TYPE_SERVER_STORAGE (pl_server_storage_get_type ())
G_DECLARE_INTERFACE (PlServerStorage, pl_server_storage, PL, SERVER_STORAGE, GObject)

/* What the server keeps: accounts, sessions, the synced rows and their
 * order, and the audit journal. The SQLite implementation keeps it all in
 * one Porchlight store, so a push commits or fails as a whole. */
struct _PlServerStorageInterface
{
  GTypeInterface parent_iface;

  /* Creates the server's tables, or checks they are current. Idempotent. */
  gboolean      (*init)                 (PlServerStorage     *self,
                                         GError             **error);

  gboolean      (*add_user)             (PlServerStorage     *self,
                                         const PlServerUser  *user,
                                         const char          *password_hash,
                                         GError             **error);
  /* (element-type PlServerUser), by name */
  GPtrArray    *(*list_users)           (PlServerStorage     *self,
                                         GError             **error);
  /* Disables the user and ends their sessions. */
  gboolean      (*disable_user)         (PlServerStorage     *self,
                                         const char          *name,
                                         GError             **error);
  /* The user, with PL_SERVER_ERROR_NOT_FOUND if there is none. */
  PlServerUser *(*lookup_user)          (PlServerStorage     *self,
                                         const char          *name,
                                         char               **password_hash,
                                         GError             **error);

  gboolean      (*create_token)         (PlServerStorage     *self,
                                         const char          *token_hash,
                                         const char          *user,
                                         const char          *device,
                                         gint64               expires_at,
                                         GError             **error);
  /* The session's user (even a disabled one) with NOT_FOUND if the token is unknown. */
  PlServerUser *(*lookup_token)         (PlServerStorage     *self,
                                         const char          *token_hash,
                                         char               **device,
                                         gint64              *expires_at,
                                         GError             **error);
  gboolean      (*delete_token)         (PlServerStorage     *self,
                                         const char          *token_hash,
                                         GError             **error);

  /* Failed logins, keyed "user:NAME" or "address:ADDR"; times in Unix seconds. */
  gboolean      (*record_login_failure) (PlServerStorage     *self,
                                         const char          *key,
                                         gint64               at,
                                         GError             **error);
  gboolean      (*count_login_failures) (PlServerStorage     *self,
                                         const char          *key,
                                         gint64               since,
                                         guint               *count,
                                         gint64              *latest,
                                         GError             **error);
  gboolean      (*clear_login_failures) (PlServerStorage     *self,
                                         const char          *key,
                                         GError             **error);

  /* Applies a push batch in one transaction: role and school checks, the
   * merge, the audit journal and the pull order. On error nothing changed,
   * and @result names the refused change when one change was at fault. */
  gboolean      (*push)                 (PlServerStorage     *self,
                                         const PlServerUser  *user,
                                         const char          *device,
                                         JsonArray           *changes,
                                         PlServerPushResult  *result,
                                         GError             **error);
  /* Appends to @rows_json, as a JSON array, up to @limit row snapshots the
   * user may see changed after @since, in order (with a "gone" marker for a
   * family that left the user's schools); @cursor is where the next page
   * starts, and @remaining an upper bound of the rows after it. Written as
   * text: a page can hold thousands of rows. */
  gboolean      (*pull)                 (PlServerStorage     *self,
                                         const PlServerUser  *user,
                                         gint64               since,
                                         guint                limit,
                                         GString             *rows_json,
                                         gint64              *cursor,
                                         gboolean            *more,
                                         gint64              *remaining,
                                         GError             **error);
  /* (element-type PlServerAuditEntry), oldest first; all or one family's. */
  GPtrArray    *(*list_audit)           (PlServerStorage     *self,
                                         const char          *family_id,
                                         GError             **error);
  /* A consistent copy of the whole database at @path (a new file). */
  gboolean      (*backup)               (PlServerStorage     *self,
                                         const char          *path,
                                         GError             **error);
  /* Appends one row's snapshot, as pull sends it, to @row_json; NOT_FOUND
   * when there is no such row or the user may not see it. */
  gboolean      (*read_row)             (PlServerStorage     *self,
                                         const PlServerUser  *user,
                                         const char          *entity,
                                         const char          *id,
                                         GString             *row_json,
                                         GError             **error);
  /* Applies several pushes in one transaction, each all or nothing as
   * push() would: a refused push changes nothing and the others still
   * apply. Every request gets its result or its error; when the group
   * cannot be written at all, every request gets that error. */
  void          (*push_group)           (PlServerStorage     *self,
                                         PlServerPushRequest *requests,
                                         guint                n_requests);
  /* Another handle on the same storage, for a thread of its own: the
   * server applies pushes on one, and answers everything else on this. */
  PlServerStorage *(*open_writer)       (PlServerStorage     *self,
                                         GError             **error);
  /* Housekeeping the writer does between groups, once their replies are
   * out (for SQLite, copying the write-ahead log into the database). */
  void          (*after_group)          (PlServerStorage     *self);
};

gboolean      pl_server_storage_init                 (PlServerStorage     *self,
                                                      GError             **error);
gboolean      pl_server_storage_add_user             (PlServerStorage     *self,
                                                      const PlServerUser  *user,
                                                      const char          *password_hash,
                                                      GError             **error);
GPtrArray    *pl_server_storage_list_users           (PlServerStorage     *self,
                                                      GError             **error);
gboolean      pl_server_storage_disable_user         (PlServerStorage     *self,
                                                      const char          *name,
                                                      GError             **error);
PlServerUser *pl_server_storage_lookup_user          (PlServerStorage     *self,
                                                      const char          *name,
                                                      char               **password_hash,
                                                      GError             **error);
gboolean      pl_server_storage_create_token         (PlServerStorage     *self,
                                                      const char          *token_hash,
                                                      const char          *user,
                                                      const char          *device,
                                                      gint64               expires_at,
                                                      GError             **error);
PlServerUser *pl_server_storage_lookup_token         (PlServerStorage     *self,
                                                      const char          *token_hash,
                                                      char               **device,
                                                      gint64              *expires_at,
                                                      GError             **error);
gboolean      pl_server_storage_delete_token         (PlServerStorage     *self,
                                                      const char          *token_hash,
                                                      GError             **error);
gboolean      pl_server_storage_record_login_failure (PlServerStorage     *self,
                                                      const char          *key,
                                                      gint64               at,
                                                      GError             **error);
gboolean      pl_server_storage_count_login_failures (PlServerStorage     *self,
                                                      const char          *key,
                                                      gint64               since,
                                                      guint               *count,
                                                      gint64              *latest,
                                                      GError             **error);
gboolean      pl_server_storage_clear_login_failures (PlServerStorage     *self,
                                                      const char          *key,
                                                      GError             **error);
gboolean      pl_server_storage_push                 (PlServerStorage     *self,
                                                      const PlServerUser  *user,
                                                      const char          *device,
                                                      JsonArray           *changes,
                                                      PlServerPushResult  *result,
                                                      GError             **error);
gboolean      pl_server_storage_pull                 (PlServerStorage     *self,
                                                      const PlServerUser  *user,
                                                      gint64               since,
                                                      guint                limit,
                                                      GString             *rows_json,
                                                      gint64              *cursor,
                                                      gboolean            *more,
                                                      gint64              *remaining,
                                                      GError             **error);
GPtrArray    *pl_server_storage_list_audit           (PlServerStorage     *self,
                                                      const char          *family_id,
                                                      GError             **error);
gboolean      pl_server_storage_backup               (PlServerStorage     *self,
                                                      const char          *path,
                                                      GError             **error);
gboolean      pl_server_storage_read_row             (PlServerStorage     *self,
                                                      const PlServerUser  *user,
                                                      const char          *entity,
                                                      const char          *id,
                                                      GString             *row_json,
                                                      GError             **error);
void          pl_server_storage_push_group           (PlServerStorage     *self,
                                                      PlServerPushRequest *requests,
                                                      guint                n_requests);
PlServerStorage *pl_server_storage_open_writer       (PlServerStorage     *self,
                                                      GError             **error);
void          pl_server_storage_after_group          (PlServerStorage     *self);

G_END_DECLS

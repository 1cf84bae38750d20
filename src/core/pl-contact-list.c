/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-contact-list.h"
#include "pl-contact-private.h"
#include "pl-store-private.h"

/* A family's timeline. Pages are read with a keyset ("older than the last
 * one loaded") rather than an offset, so each page costs the same however
 * far back a person has scrolled, and the contacts_family index serves it. */

#define DEFAULT_PAGE_SIZE 20

struct _PlContactList
{
  GObject    parent_instance;

  PlStore   *store;
  gulong     changed_id;
  char      *family_id;
  guint      page_size;
  guint      total;
  GPtrArray *items;   /* PlContact, newest first */
  GError    *error;
};

static void pl_contact_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlContactList, pl_contact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pl_contact_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FAMILY_ID,
  PROP_PAGE_SIZE,
  PROP_N_ITEMS,
  PROP_TOTAL,
  PROP_HAS_MORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pl_contact_list_get_item_type (GListModel *model)
{
  return PL_TYPE_CONTACT;
}

static guint
pl_contact_list_get_n_items (GListModel *model)
{
  return PL_CONTACT_LIST (model)->items->len;
}

static gpointer
pl_contact_list_get_item (GListModel *model,
                          guint       position)
{
  PlContactList *self = PL_CONTACT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pl_contact_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pl_contact_list_get_item_type;
  iface->get_n_items = pl_contact_list_get_n_items;
  iface->get_item = pl_contact_list_get_item;
}

/* Appends up to @limit contacts older than @after (NULL: from the newest). */
static gboolean
read_page (PlContactList  *self,
           PlContact      *after,
           guint           limit,
           GPtrArray      *out,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (after == NULL)
    stmt = _pl_store_prepare (self->store,
                              "SELECT " PL_CONTACT_COLUMNS " FROM contacts"
                              " WHERE family_id = ?1 AND deleted = 0"
                              " ORDER BY happened_at DESC, id DESC LIMIT ?2", error);
  else
    stmt = _pl_store_prepare (self->store,
                              "SELECT " PL_CONTACT_COLUMNS " FROM contacts"
                              " WHERE family_id = ?1 AND deleted = 0"
                              " AND (happened_at < ?3 OR (happened_at = ?3 AND id < ?4))"
                              " ORDER BY happened_at DESC, id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (after != NULL)
    {
      sqlite3_bind_text (stmt, 3, pl_contact_get_happened_at (after), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, pl_contact_get_id (after), -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, _pl_contact_new_from_statement (stmt));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self->store, rc, _("read the contacts"), error);
      return FALSE;
    }
  return TRUE;
}

static void
set_total (PlContactList *self,
           guint          total,
           gboolean       had_more)
{
  if (total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (had_more != pl_contact_list_get_has_more (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

gboolean
pl_contact_list_load_more (PlContactList  *self,
                           GError        **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean had_more;
  guint before;
  gint64 total;

  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), FALSE);

  had_more = pl_contact_list_get_has_more (self);
  before = self->items->len;
  if (!read_page (self, before > 0 ? g_ptr_array_index (self->items, before - 1) : NULL,
                  self->page_size, page, error))
    return FALSE;
  total = pl_store_count_contacts (self->store, self->family_id, error);
  if (total < 0)
    return FALSE;

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (page, i)));
  /* Another program may have added older contacts meanwhile; the count
   * never says less than what is shown. */
  set_total (self, MAX ((guint) total, self->items->len), had_more);

  if (page->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, page->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  return TRUE;
}

gboolean
pl_contact_list_reload (PlContactList  *self,
                        GError        **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) old = NULL;
  gboolean had_more;
  gint64 total;

  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), FALSE);

  had_more = pl_contact_list_get_has_more (self);
  if (!read_page (self, NULL, MAX (self->items->len, self->page_size), fresh, error))
    return FALSE;
  total = pl_store_count_contacts (self->store, self->family_id, error);
  if (total < 0)
    return FALSE;

  old = g_steal_pointer (&self->items);
  self->items = g_steal_pointer (&fresh);
  set_total (self, MAX ((guint) total, self->items->len), had_more);

  if (old->len > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, self->items->len);
  if (old->len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

static void
on_family_changed (PlStore       *store,
                   const char    *family_id,
                   PlContactList *self)
{
  g_autoptr(GError) error = NULL;

  /* NULL: many families changed at once, as after a sync. */
  if (family_id != NULL && g_strcmp0 (family_id, self->family_id) != 0)
    return;

  g_clear_error (&self->error);
  if (!pl_contact_list_reload (self, &error))
    {
      g_warning ("Could not read the contacts: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
}

const char *
pl_contact_list_get_family_id (PlContactList *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), NULL);
  return self->family_id;
}

guint
pl_contact_list_get_page_size (PlContactList *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), 0);
  return self->page_size;
}

void
pl_contact_list_set_page_size (PlContactList *self,
                               guint          page_size)
{
  g_return_if_fail (PL_IS_CONTACT_LIST (self));
  g_return_if_fail (page_size > 0);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

guint
pl_contact_list_get_total (PlContactList *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), 0);
  return self->total;
}

gboolean
pl_contact_list_get_has_more (PlContactList *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), FALSE);
  return self->total > self->items->len;
}

const GError *
pl_contact_list_get_error (PlContactList *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_LIST (self), NULL);
  return self->error;
}

static void
pl_contact_list_dispose (GObject *object)
{
  PlContactList *self = PL_CONTACT_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_contact_list_parent_class)->dispose (object);
}

static void
pl_contact_list_finalize (GObject *object)
{
  PlContactList *self = PL_CONTACT_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->family_id);

  G_OBJECT_CLASS (pl_contact_list_parent_class)->finalize (object);
}

static void
pl_contact_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlContactList *self = PL_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FAMILY_ID:
      g_value_set_string (value, self->family_id);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, pl_contact_list_get_has_more (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_contact_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlContactList *self = PL_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FAMILY_ID:
      self->family_id = g_value_dup_string (value);
      break;
    case PROP_PAGE_SIZE:
      pl_contact_list_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_contact_list_class_init (PlContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_contact_list_dispose;
  object_class->finalize = pl_contact_list_finalize;
  object_class->get_property = pl_contact_list_get_property;
  object_class->set_property = pl_contact_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAMILY_ID] =
    g_param_spec_string ("family-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_contact_list_init (PlContactList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pl_contact_list_new:
 *
 * Returns: (transfer full): the family's contacts, newest first, with the
 *   first page read (an error reading it is kept, see
 *   pl_contact_list_get_error(), and the list starts empty)
 */
PlContactList *
pl_contact_list_new (PlStore    *store,
                     const char *family_id)
{
  PlContactList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (family_id != NULL, NULL);

  self = g_object_new (PL_TYPE_CONTACT_LIST, "store", store, "family-id", family_id, NULL);
  self->changed_id = g_signal_connect (store, "family-changed", G_CALLBACK (on_family_changed),
                                       self);
  if (!pl_contact_list_load_more (self, &error))
    {
      g_warning ("Could not read the contacts: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
  return self;
}

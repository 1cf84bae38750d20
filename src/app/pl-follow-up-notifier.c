/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-follow-ups.h"
#include "pl-follow-up-notifier.h"

#define NOTIFICATION_ID "follow-ups-due-today"

/* A suspended laptop's timer fires late: the date is looked at again at
 * least this often, so a new day is noticed soon after waking. */
#define MAX_CHECK_SECONDS (15 * 60)

struct _PlFollowUpNotifier
{
  GObject       parent_instance;

  GApplication *application;  /* weak: the application owns the windows that own us */
  PlStore      *store;
  char         *today;
  char         *title;        /* of the notification shown, or NULL */
  guint         day_source;
  guint         recount_source;
  gulong        changed_id;
};

G_DEFINE_FINAL_TYPE (PlFollowUpNotifier, pl_follow_up_notifier, G_TYPE_OBJECT)

static gboolean
count_due (PlFollowUpNotifier *self,
           PlFollowUpCounts   *counts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = pl_store_dup_me (self->store);
  PlFollowUpScope scope = me != NULL ? PL_FOLLOW_UP_SCOPE_MINE : PL_FOLLOW_UP_SCOPE_MY_SCHOOLS;

  if (!pl_follow_ups_count (self->store, scope, NULL, counts, &error))
    {
      g_warning ("Could not count the follow-ups due: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
withdraw (PlFollowUpNotifier *self)
{
  if (self->title == NULL)
    return;
  g_clear_pointer (&self->title, g_free);
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_withdraw_notification (self->application, NOTIFICATION_ID);
}

static void
notify_due (PlFollowUpNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  PlFollowUpCounts counts;

  if (!count_due (self, &counts))
    return;
  if (counts.today == 0)
    {
      withdraw (self);
      return;
    }

  g_free (self->title);
  self->title = g_strdup_printf (ngettext ("%u follow-up due today", "%u follow-ups due today",
                                           counts.today), counts.today);
  if (counts.overdue > 0)
    body = g_strdup_printf (ngettext ("%u more is overdue.", "%u more are overdue.",
                                      counts.overdue), counts.overdue);
  else
    body = g_strdup (_("Open Follow-ups to see who to contact."));

  notification = g_notification_new (self->title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-follow-ups");
  if (self->application != NULL && g_application_get_is_registered (self->application) &&
      !g_application_get_is_remote (self->application))
    g_application_send_notification (self->application, NOTIFICATION_ID, notification);
}

static void schedule_day_check (PlFollowUpNotifier *self);

static gboolean
day_check_cb (gpointer user_data)
{
  PlFollowUpNotifier *self = user_data;
  g_autofree char *today = pl_follow_ups_local_date (NULL, 0);

  self->day_source = 0;
  if (g_strcmp0 (today, self->today) != 0)
    {
      g_free (self->today);
      self->today = g_steal_pointer (&today);
      notify_due (self);
    }
  schedule_day_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_day_check (PlFollowUpNotifier *self)
{
  guint seconds = pl_follow_ups_seconds_to_next_day (NULL) + 1;

  g_clear_handle_id (&self->day_source, g_source_remove);
  self->day_source = g_timeout_add_seconds (MIN (seconds, MAX_CHECK_SECONDS), day_check_cb, self);
}

static gboolean
recount_cb (gpointer user_data)
{
  PlFollowUpNotifier *self = user_data;
  PlFollowUpCounts counts;

  self->recount_source = 0;
  /* Every follow-up of today done: the reminder has served. */
  if (self->title != NULL && count_due (self, &counts) && counts.today == 0)
    withdraw (self);
  return G_SOURCE_REMOVE;
}

static void
on_family_changed (PlFollowUpNotifier *self,
                   const char         *family_id,
                   PlStore            *store)
{
  if (self->title != NULL && self->recount_source == 0)
    self->recount_source = g_idle_add_full (G_PRIORITY_LOW, recount_cb, self, NULL);
}

static void
pl_follow_up_notifier_dispose (GObject *object)
{
  PlFollowUpNotifier *self = PL_FOLLOW_UP_NOTIFIER (object);

  g_clear_handle_id (&self->day_source, g_source_remove);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (pl_follow_up_notifier_parent_class)->dispose (object);
}

static void
pl_follow_up_notifier_finalize (GObject *object)
{
  PlFollowUpNotifier *self = PL_FOLLOW_UP_NOTIFIER (object);

  g_free (self->today);
  g_free (self->title);

  G_OBJECT_CLASS (pl_follow_up_notifier_parent_class)->finalize (object);
}

static void
pl_follow_up_notifier_class_init (PlFollowUpNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_follow_up_notifier_dispose;
  object_class->finalize = pl_follow_up_notifier_finalize;
}

static void
pl_follow_up_notifier_init (PlFollowUpNotifier *self)
{
}

/**
 * pl_follow_up_notifier_new:
 * @application: (nullable): the application that sends the notifications;
 *   without one (or before it is registered) nothing is sent
 */
PlFollowUpNotifier *
pl_follow_up_notifier_new (GApplication *application,
                           PlStore      *store)
{
  PlFollowUpNotifier *self;

  g_return_val_if_fail (!application || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  self = g_object_new (PL_TYPE_FOLLOW_UP_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_object (store, "family-changed",
                                              G_CALLBACK (on_family_changed), self,
                                              G_CONNECT_SWAPPED);
  self->today = pl_follow_ups_local_date (NULL, 0);
  notify_due (self);
  schedule_day_check (self);
  return self;
}

const char *
_pl_follow_up_notifier_get_title (PlFollowUpNotifier *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UP_NOTIFIER (self), NULL);

  return self->title;
}

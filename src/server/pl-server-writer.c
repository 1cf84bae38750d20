/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include "pl-server-writer.h"

/* Pushes are applied by one thread, the writer, in groups: every push that
 * arrived while the previous group was being written goes into the next
 * group's transaction, each in a savepoint of its own so it still stands or
 * falls alone. A commit (and its wait for the disk) is then shared by many
 * pushes instead of paid by each, and the main thread goes on reading
 * requests and sending replies meanwhile. A push is answered only after
 * its group is committed. */

/* A group stops growing at this many pushes or changes, so one group never
 * holds the others up for long. */
#define GROUP_MAX_PUSHES 64
#define GROUP_MAX_CHANGES 4000

typedef struct
{
  SoupServerMessage  *msg;
  PlServerUser       *user;
  char               *device;
  JsonObject         *request;
  JsonArray          *changes;
  PlServerPushResult  result;
  GError             *error;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  pl_server_user_free (job->user);
  g_free (job->device);
  json_object_unref (job->request);
  g_clear_error (&job->error);
  g_free (job->result.refused_change_id);
  g_free (job);
}

struct _PlServerWriter
{
  GObject             parent_instance;

  PlServerStorage    *storage;
  GMainContext       *context;
  PlServerWriterDone  done;
  gpointer            done_data;
  GThread            *thread;

  GMutex              lock;
  GCond               wake;
  GQueue              waiting;         /* Job: for the writer */
  GQueue              finished;        /* Job: for the main context */
  gboolean            stopping;
  gboolean            reply_scheduled;
};

G_DEFINE_FINAL_TYPE (PlServerWriter, pl_server_writer, G_TYPE_OBJECT)

static void
pl_server_writer_dispose (GObject *object)
{
  pl_server_writer_stop (PL_SERVER_WRITER (object));

  G_OBJECT_CLASS (pl_server_writer_parent_class)->dispose (object);
}

static void
pl_server_writer_finalize (GObject *object)
{
  PlServerWriter *self = PL_SERVER_WRITER (object);

  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);
  g_queue_clear_full (&self->finished, (GDestroyNotify) job_free);
  g_clear_object (&self->storage);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (pl_server_writer_parent_class)->finalize (object);
}

static void
pl_server_writer_class_init (PlServerWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pl_server_writer_dispose;
  G_OBJECT_CLASS (klass)->finalize = pl_server_writer_finalize;
}

static void
pl_server_writer_init (PlServerWriter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  g_queue_init (&self->waiting);
  g_queue_init (&self->finished);
}

/* On the main context: the replies of the groups written since last time. */
static gboolean
send_replies (gpointer user_data)
{
  PlServerWriter *self = user_data;
  GQueue finished;
  Job *job;

  g_mutex_lock (&self->lock);
  finished = self->finished;
  g_queue_init (&self->finished);
  self->reply_scheduled = FALSE;
  g_mutex_unlock (&self->lock);

  while ((job = g_queue_pop_head (&finished)) != NULL)
    {
      self->done (job->msg, &job->result, job->error, self->done_data);
      soup_server_message_unpause (job->msg);
      job_free (job);
    }
  return G_SOURCE_REMOVE;
}

static void
write_group (PlServerWriter *self,
             GPtrArray      *group)
{
  g_autofree PlServerPushRequest *requests = g_new0 (PlServerPushRequest, group->len);
  gboolean schedule;

  for (guint i = 0; i < group->len; i++)
    {
      Job *job = group->pdata[i];

      requests[i].user = job->user;
      requests[i].device = job->device;
      requests[i].changes = job->changes;
    }
  pl_server_storage_push_group (self->storage, requests, group->len);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < group->len; i++)
    {
      Job *job = group->pdata[i];

      job->result = requests[i].result;
      job->error = requests[i].error;
      g_queue_push_tail (&self->finished, job);
    }
  schedule = !self->reply_scheduled && !self->stopping;
  self->reply_scheduled = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, send_replies,
                                g_object_ref (self), g_object_unref);
}

static gpointer
writer_thread (gpointer user_data)
{
  PlServerWriter *self = user_data;

  for (;;)
    {
      g_autoptr(GPtrArray) group = g_ptr_array_new ();
      guint n_changes = 0;

      g_mutex_lock (&self->lock);
      while (g_queue_is_empty (&self->waiting) && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      while (!g_queue_is_empty (&self->waiting) && group->len < GROUP_MAX_PUSHES &&
             n_changes < GROUP_MAX_CHANGES)
        {
          Job *job = g_queue_pop_head (&self->waiting);

          n_changes += json_array_get_length (job->changes);
          g_ptr_array_add (group, job);
        }
      g_mutex_unlock (&self->lock);

      if (group->len == 0)
        break;  /* stopping, and nothing left */
      write_group (self, group);
      /* With the replies on their way, the storage tidies up. */
      pl_server_storage_after_group (self->storage);
    }
  return NULL;
}

/**
 * pl_server_writer_new:
 * @storage: (transfer none): a storage handle for the writer's thread alone
 * @done: (scope notified): fills in each push's reply
 */
PlServerWriter *
pl_server_writer_new (PlServerStorage    *storage,
                      PlServerWriterDone  done,
                      gpointer            user_data)
{
  PlServerWriter *self;

  g_return_val_if_fail (PL_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (done != NULL, NULL);

  self = g_object_new (PL_TYPE_SERVER_WRITER, NULL);
  self->storage = g_object_ref (storage);
  self->context = g_main_context_ref_thread_default ();
  self->done = done;
  self->done_data = user_data;
  self->thread = g_thread_new ("pl-push-writer", writer_thread, self);
  return self;
}

void
pl_server_writer_push (PlServerWriter     *self,
                       SoupServerMessage  *msg,
                       const PlServerUser *user,
                       const char         *device,
                       JsonObject         *request,
                       JsonArray          *changes)
{
  Job *job;

  g_return_if_fail (PL_IS_SERVER_WRITER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  job = g_new0 (Job, 1);
  job->msg = g_object_ref (msg);
  job->user = pl_server_user_copy (user);
  job->device = g_strdup (device);
  job->request = json_object_ref (request);
  job->changes = changes;

  soup_server_message_pause (msg);
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->waiting, job);
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

void
pl_server_writer_stop (PlServerWriter *self)
{
  g_return_if_fail (PL_IS_SERVER_WRITER (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Keying paper survey forms.
 *
 *   pl-bench-entry save --database FILE [--saves N]
 *
 * saves whole forms of the district's open survey (the demo's family
 * satisfaction survey, about 20 answers a form; a survey of 20 questions of
 * its own when the database has none) with pl_store_save_response(), timed
 * from call to commit, and prints
 *
 *   BENCH entry_save_p50_ms <value> ms
 *   BENCH entry_save_p99_ms <value> ms
 *
 * It writes to the database it is given: pass a copy.
 *
 *   pl-bench-entry keys --dir DIR [--forms N]
 *
 * keys N forms of a survey of scale and choice questions at the real entry
 * desk, with real key presses sent by xdotool to an X server (DISPLAY), and
 * prints
 *
 *   BENCH entry_keys_per_answer <value> keys
 *   BENCH entry_keys_per_form <value> keys
 *
 * the keys sent for the answers over the answers stored (one key an answer
 * is the aim), and every key of a form, form code and saving included.
 * Progress goes to stderr. */

#define G_LOG_DOMAIN "pl-bench"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-core.h"
#include "pl-entry-desk-private.h"

#define WAIT_SECONDS 60

static void
bench_print (const char *name,
             double      value,
             const char *unit)
{
  printf ("BENCH %s %.3g %s\n", name, value, unit);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value below which @fraction of @values lie (nearest rank). */
static double
percentile (GArray *values,
            double  fraction)
{
  guint rank;

  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (fraction * values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

/* A survey of @n_questions one-key questions (scales, yes/no, choices; a
 * yes/no opens the choice after it), in English and Spanish. */
static PlSurvey *
make_survey (guint n_questions)
{
  PlSurvey *survey = pl_survey_new ("en");
  const char *const options[] = { "walk", "bus", "car", "other", NULL };
  const char *skip_source = NULL;

  pl_survey_add_language (survey, "es");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title", "en",
                      "Bench Survey");
  for (guint i = 0; i < n_questions; i++)
    {
      static const PlQuestionKind kinds[] = {
        PL_QUESTION_AGREEMENT, PL_QUESTION_FREQUENCY, PL_QUESTION_YES_NO, PL_QUESTION_SINGLE,
      };
      PlQuestionKind kind = kinds[i % G_N_ELEMENTS (kinds)];
      g_autoptr(PlQuestion) question = pl_question_new (kind);
      g_autofree char *code = g_strdup_printf ("q%u", i + 1);
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);

      pl_question_set_code (question, code);
      pl_question_set_allow_na (question, kind == PL_QUESTION_AGREEMENT);
      if (kind == PL_QUESTION_SINGLE)
        {
          pl_question_set_options (question, options);
          if (skip_source != NULL)
            pl_question_set_skip_rule (question, skip_source, "yes");
          for (guint o = 0; options[o] != NULL; o++)
            {
              g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (question),
                                                        options[o]);

              pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", options[o]);
            }
        }
      pl_survey_insert_question (survey, -1, question);
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "text",
                          "en", text);
      skip_source = kind == PL_QUESTION_YES_NO ? pl_question_get_id (question) : NULL;
    }
  pl_survey_set_status (survey, "open");
  return survey;
}

/* An answer a family might give. */
static char *
random_value (PlQuestion *question,
              GRand      *rand)
{
  PlQuestionKind kind = pl_question_get_kind (question);

  switch (kind)
    {
    case PL_QUESTION_MULTIPLE:
      {
        const char *const *options = pl_question_get_options (question);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) chosen = NULL;

        for (guint i = 0; options != NULL && options[i] != NULL; i++)
          if (i == 0 || g_rand_boolean (rand))
            g_strv_builder_add (builder, options[i]);
        chosen = g_strv_builder_end (builder);
        return g_strjoinv (" ", chosen);
      }

    case PL_QUESTION_NUMBER:
      {
        double min = 0, max = 10;
        gboolean has_min, has_max;

        pl_question_get_range (question, &min, &has_min, &max, &has_max);
        if (!has_min)
          min = 0;
        if (!has_max)
          max = min + 10;
        return g_strdup_printf ("%d", g_rand_int_range (rand, (int) ceil (min), (int) floor (max) + 1));
      }

    case PL_QUESTION_SHORT_TEXT:
    case PL_QUESTION_LONG_TEXT:
      return g_rand_int_range (rand, 0, 3) == 0
             ? g_strdup ("The teachers call us back; the front office could answer the phone more.")
             : NULL;

    default:
      {
        g_auto(GStrv) values = pl_question_dup_values (question);
        guint n = values ? g_strv_length (values) : 0;

        return n > 0 ? g_strdup (values[g_rand_int_range (rand, 0, n)]) : NULL;
      }
    }
}

static PlSchool *
first_school_with_code (PlStore  *store,
                        GError  **error)
{
  g_autoptr(GListModel) schools = pl_store_list_schools (store, error);

  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      if (pl_school_get_code (school) != NULL && *pl_school_get_code (school) != '\0')
        return g_steal_pointer (&school);
    }
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                         "no school with a code in the database");
  return NULL;
}

static int
run_save (int    argc,
          char **argv)
{
  g_autofree char *database = NULL;
  int n_saves = 2000;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      "A district database (it is written to)", "FILE" },
    { "saves", 0, 0, G_OPTION_ARG_INT, &n_saves, "How many forms (default 2000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("save - form save latency");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  guint64 n_answers = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 2;
    }
  if (database == NULL || n_saves < 1)
    {
      g_printerr ("pl-bench-entry: --database is needed, and --saves must be at least 1\n");
      return 2;
    }
  store = pl_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }

  surveys = pl_store_list_surveys (store, &error);
  for (guint i = 0; surveys != NULL && i < surveys->len && survey == NULL; i++)
    if (g_strcmp0 (pl_survey_get_status (surveys->pdata[i]), "open") == 0 &&
        pl_survey_get_n_questions (surveys->pdata[i]) >= 15)
      survey = g_object_ref (surveys->pdata[i]);
  if (survey == NULL)
    {
      g_printerr ("entry: no open survey in the district; saving one of 20 questions\n");
      survey = make_survey (20);
      if (!pl_store_save_survey (store, survey, &error))
        {
          g_printerr ("pl-bench-entry: %s\n", error->message);
          return 1;
        }
    }

  school = first_school_with_code (store, &error);
  if (school == NULL)
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }
  batch = pl_entry_batch_new (pl_survey_get_id (survey), pl_school_get_id (school));
  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, n_saves);
  pl_entry_batch_set_entered_by (batch, "bench.keyer");
  if (!pl_store_save_batch (store, batch, &error))
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < n_saves; i++)
    {
      g_autoptr(PlSurveyResponse) response =
        pl_survey_response_new (pl_survey_get_id (survey), pl_school_get_id (school));
      g_autofree char *code = NULL;
      const char *const *languages = pl_survey_get_languages (survey);
      struct timespec cpu_start, cpu_end;
      gint64 start;
      double ms, cpu_ms;

      /* Serials far above what the demo prints. */
      code = pl_form_code_format (pl_survey_get_number (survey), pl_school_get_code (school),
                                  900000 + i);
      pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (batch));
      pl_survey_response_set_form_code (response, code);
      pl_survey_response_set_language (response,
                                       languages[g_rand_int_range (rand, 0,
                                                                   g_strv_length ((char **) languages))]);
      pl_survey_response_set_mode (response, "paper");
      pl_survey_response_set_entered_by (response, "bench.keyer");
      pl_survey_response_set_keyed_seconds (response, 60);
      for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
        {
          PlQuestion *question = pl_survey_get_question (survey, q);
          g_autofree char *value = NULL;

          if (!pl_survey_question_is_shown (survey, question,
                                            pl_survey_response_get_answers (response)))
            continue;
          value = random_value (question, rand);
          pl_survey_response_set_answer (response, pl_question_get_id (question), value);
        }
      n_answers += g_hash_table_size (pl_survey_response_get_answers (response));

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
      start = g_get_monotonic_time ();
      if (!pl_store_save_response (store, response, &error))
        {
          g_printerr ("pl-bench-entry: form %d (%s) was refused: %s\n", i, code, error->message);
          return 1;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
      g_array_append_val (times, ms);
      cpu_ms = (cpu_end.tv_sec - cpu_start.tv_sec) * 1000.0 +
               (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6;
      g_array_append_val (cpu_times, cpu_ms);
    }

  /* The processor time of the saving thread says what a save costs when
   * the machine is busy with other work and the wall clock says little. */
  g_printerr ("entry: %d forms of “%s” (%u questions), %.1f answers a form; p90 %.2f ms, "
              "max %.1f ms; processor time p50 %.2f ms, p99 %.2f ms\n", n_saves,
              pl_survey_get_title (survey), pl_survey_get_n_questions (survey),
              (double) n_answers / n_saves, percentile (times, 0.90), percentile (times, 1.0),
              percentile (cpu_times, 0.5), percentile (cpu_times, 0.99));
  bench_print ("entry_save_p50_ms", percentile (times, 0.50), "ms");
  bench_print ("entry_save_p99_ms", percentile (times, 0.99), "ms");
  return 0;
}

/* Keying at the desk */

#define WAIT_UNTIL(cond)                                                      \
  G_STMT_START                                                                \
  {                                                                           \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > wait_end_)                              \
          {                                                                   \
            g_printerr ("pl-bench-entry: timed out waiting for %s\n", #cond); \
            return 1;                                                         \
          }                                                                   \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  }                                                                           \
  G_STMT_END

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Runs xdotool while the main loop goes on, so the desk sees the keys. */
static int
xdotool (GPtrArray *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_insert (args, 0, (gpointer) "xdotool");
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char *const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    {
      g_printerr ("pl-bench-entry: xdotool is needed (build-aux/deps.sh installs it): %s\n",
                  error->message);
      return 1;
    }
  g_subprocess_wait_async (process, NULL, on_waited, &done);
  WAIT_UNTIL (done);
  if (!g_subprocess_get_successful (process))
    {
      g_printerr ("pl-bench-entry: xdotool failed\n");
      return 1;
    }
  return 0;
}

static int
run_keys (int    argc,
          char **argv)
{
  g_autofree char *dir = NULL;
  int n_forms = 5;
  const GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "A folder for the database", "DIR" },
    { "forms", 0, 0, G_OPTION_ARG_INT, &n_forms, "How many forms (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("keys - keys per answer");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  g_autofree char *path = NULL;
  g_autofree char *xid = NULL;
  guint answer_keys = 0, all_keys = 0, n_stored = 0, n_expected = 0;
  GtkWidget *window;
  PlEntryDesk *desk;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL || n_forms < 1)
    {
      g_printerr ("pl-bench-entry: keys needs --dir, and --forms of at least 1\n");
      return 2;
    }
  adw_init ();
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_printerr ("pl-bench-entry: keys needs an X server (DISPLAY)\n");
      return 1;
    }

  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "entry-keys.db", NULL);
  store = pl_store_open (path, &error);
  school = pl_school_new ();
  pl_school_set_name (school, "Bench Elementary");
  pl_school_set_code (school, "0001");
  survey = make_survey (20);
  if (store == NULL || !pl_store_save_school (store, school, &error) ||
      !pl_store_save_survey (store, survey, &error))
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }
  batch = pl_entry_batch_new (pl_survey_get_id (survey), pl_school_get_id (school));
  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, n_forms);
  pl_entry_batch_set_entered_by (batch, "bench.keyer");
  if (!pl_store_save_batch (store, batch, &error))
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  desk = PL_ENTRY_DESK (pl_entry_desk_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (desk));
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (window));
  if (!pl_entry_desk_start (desk, store, pl_entry_batch_get_id (batch), 1, &error))
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }
#ifdef GDK_WINDOWING_X11
  xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
#endif
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    g_ptr_array_add (args, (gpointer) "windowfocus");
    g_ptr_array_add (args, (gpointer) "--sync");
    g_ptr_array_add (args, xid);
    if (xdotool (args) != 0)
      return 1;
    WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (window)));
  }

  for (int f = 0; f < n_forms; f++)
    {
      g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GPtrArray) typing = g_ptr_array_new ();
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *code = pl_form_code_format (pl_survey_get_number (survey), "0001", f + 1);

      WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "code") == 0);

      /* The code, Enter, and the form's language. */
      g_ptr_array_add (typing, (gpointer) "type");
      g_ptr_array_add (typing, (gpointer) "--delay");
      g_ptr_array_add (typing, (gpointer) "20");
      g_ptr_array_add (typing, code);
      if (xdotool (typing) != 0)
        return 1;
      all_keys += strlen (code);

      /* The answers, one key each, as the paper has them. */
      for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
        {
          PlQuestion *question = pl_survey_get_question (survey, q);
          char *value;

          if (!pl_survey_question_is_shown (survey, question, answers))
            continue;
          value = random_value (question, rand);
          g_ptr_array_add (keys, pl_question_key_for_value (question, value));
          g_hash_table_insert (answers, (gpointer) pl_question_get_id (question), value);
        }
      n_expected += g_hash_table_size (answers);

      g_ptr_array_add (args, (gpointer) "key");
      g_ptr_array_add (args, (gpointer) "--delay");
      g_ptr_array_add (args, (gpointer) "15");
      g_ptr_array_add (args, (gpointer) "Return");
      g_ptr_array_add (args, (gpointer) "2");
      for (guint k = 0; k < keys->len; k++)
        g_ptr_array_add (args, keys->pdata[k]);
      /* The last answer leads to the Save step; Enter saves. */
      g_ptr_array_add (args, (gpointer) "Return");
      answer_keys += keys->len;
      all_keys += keys->len + 3;
      if (xdotool (args) != 0)
        return 1;
      WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == (guint) f + 1);
    }

  stored = pl_store_list_batch_responses (store, pl_entry_batch_get_id (batch), 1, &error);
  if (stored == NULL)
    {
      g_printerr ("pl-bench-entry: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < stored->len; i++)
    n_stored += g_hash_table_size (pl_survey_response_get_answers (stored->pdata[i]));
  if (stored->len != (guint) n_forms || n_stored != n_expected)
    {
      g_printerr ("pl-bench-entry: %u forms with %u answers stored, %d with %u keyed\n",
                  stored->len, n_stored, n_forms, n_expected);
      return 1;
    }

  g_printerr ("entry: %d forms keyed at the desk, %u answers, %u answer keys, %u keys in all\n",
              n_forms, n_stored, answer_keys, all_keys);
  bench_print ("entry_keys_per_answer", (double) answer_keys / n_stored, "keys");
  bench_print ("entry_keys_per_form", (double) all_keys / n_forms, "keys");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc >= 2 && g_str_equal (argv[1], "save"))
    return run_save (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "keys"))
    return run_keys (argc - 1, argv + 1);

  g_printerr ("Usage: pl-bench-entry save --database FILE [--saves N]\n"
              "       pl-bench-entry keys --dir DIR [--forms N]\n");
  return 2;
}

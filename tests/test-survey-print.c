/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-survey-print.h"
#include "pl-test-survey.h"
#include "pl-test-util.h"

/* Paper forms: the PDFs are read back with poppler's tools (pdftoppm,
 * pdftotext, pdffonts), as a person checking the print run would. */

typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSurvey  *survey;
  PlSchool  *school;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  path = pl_test_dir_file (&fixture->dir, "print.db");
  fixture->store = pl_store_open (path, &error);
  g_assert_no_error (error);

  fixture->school = pl_school_new ();
  pl_school_set_name (fixture->school, "Riverside Elementary School");
  pl_school_set_code (fixture->school, "0153");
  pl_store_save_school (fixture->store, fixture->school, &error);
  g_assert_no_error (error);

  fixture->survey = pl_test_make_survey ();
  g_assert_true (pl_survey_validate (fixture->survey, &error));
  g_assert_no_error (error);
  pl_store_save_survey (fixture->store, fixture->survey, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_survey_get_number (fixture->survey), ==, 3);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->survey);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

/* Poppler */

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* Pages as pdftoppm draws them: the number of images it writes. */
static guint
count_rendered_pages (const char *pdf,
                      const char *work_dir)
{
  g_autofree char *dir = g_build_filename (work_dir, "pages", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  out = run_tool ((const char *const[]) { "pdftoppm", "-r", "10", "-png", pdf, prefix, NULL });
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  pl_test_dir_remove (dir);
  return n;
}

/* The text of each page (pdftotext separates them with form feeds). */
static GStrv
page_texts (const char *pdf)
{
  g_autofree char *out = run_tool ((const char *const[]) { "pdftotext", "-layout", pdf, "-", NULL });
  GStrv pages = g_strsplit (out, "\f", -1);
  guint n = g_strv_length (pages);

  /* The text ends with a form feed: drop the empty piece after it. */
  if (n > 0 && *g_strstrip (pages[n - 1]) == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return pages;
}

/* Every form code on a page. */
static GPtrArray *
codes_on_page (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("S[0-9]+-[A-Z0-9]+-[0-9]{5,}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (codes, g_match_info_fetch (match, 0));
      g_match_info_next (match, NULL);
    }
  return codes;
}

/* Checks the whole batch in @pdf: @count forms of @pages_per_form pages,
 * every page carrying its own form's code and no other, the codes
 * consecutive from @first_serial. */
static void
assert_batch (const char *pdf,
              const char *work_dir,
              guint       count,
              guint       pages_per_form,
              guint       first_serial)
{
  g_auto(GStrv) pages = page_texts (pdf);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (count_rendered_pages (pdf, work_dir), ==, count * pages_per_form);
  g_assert_cmpuint (g_strv_length (pages), ==, count * pages_per_form);

  for (guint page = 0; page < count * pages_per_form; page++)
    {
      guint form = page / pages_per_form;
      g_autofree char *expected = pl_form_code_format (3, "0153", first_serial + form);
      g_autoptr(GPtrArray) codes = codes_on_page (pages[page]);

      /* Top and foot of the page. */
      g_assert_cmpuint (codes->len, >=, 1);
      for (guint i = 0; i < codes->len; i++)
        g_assert_cmpstr (codes->pdata[i], ==, expected);
      if (page % pages_per_form == 0)
        {
          /* A form's first page: its code was on no earlier form. */
          g_assert_false (g_hash_table_contains (seen, expected));
          g_hash_table_add (seen, g_strdup (expected));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, count);
}

/* Where on page 1 a word starts, from pdftotext's bounding boxes; -1 when
 * it is not there. */
static double
word_x (const char *pdf,
        const char *word)
{
  g_autofree char *out = run_tool ((const char *const[]) { "pdftotext", "-bbox", "-f", "1", "-l", "1",
                                                           pdf, "-", NULL });
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char *end = strstr (out, needle);
  const char *start;

  if (end == NULL)
    return -1;
  for (start = end; start > out && !g_str_has_prefix (start, "<word "); start--)
    ;
  start = strstr (start, "xMin=\"");
  g_assert_nonnull (start);
  return g_ascii_strtod (start + strlen ("xMin=\""), NULL);
}

static char *
fonts_of (const char *pdf)
{
  return run_tool ((const char *const[]) { "pdffonts", pdf, NULL });
}

static void
print_batch (Fixture     *fixture,
             const char  *language,
             guint        count,
             PlPaperSize  paper,
             const char  *pdf,
             guint       *first_serial,
             guint       *pages_per_form)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  *pages_per_form = pl_survey_print_count_pages (fixture->survey, language, "0153", paper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*pages_per_form, >=, 1);

  g_assert_true (pl_survey_print (fixture->store, fixture->survey, fixture->school, language, count,
                                  paper, pdf, "tester", NULL, NULL, first_serial, &n_pages, NULL,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, count * *pages_per_form);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
}

/* Screenshots for people: the PDFs are kept there when asked. */
static void
keep_for_looking (const char *pdf,
                  const char *name)
{
  const char *dir = g_getenv ("PORCHLIGHT_PRINT_KEEP");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
}

static void
test_english (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "english.pdf");
  g_autofree char *info = NULL;
  g_auto(GStrv) pages = NULL;
  guint first = 0, per_form = 0;

  print_batch (fixture, "en", 3, PL_PAPER_LETTER, pdf, &first, &per_form);
  keep_for_looking (pdf, "forms-en.pdf");
  g_assert_cmpuint (first, ==, 1);
  assert_batch (pdf, fixture->dir.dir, 3, per_form, first);

  /* The family reads the survey's own words, the school, the options, and
   * the way past question 5 beside "No" of question 4. */
  pages = page_texts (pdf);
  g_assert_nonnull (strstr (pages[0], "Family Survey 2026"));
  g_assert_nonnull (strstr (pages[0], "Riverside Elementary School"));
  g_assert_nonnull (strstr (pages[0], "Please mark one answer"));
  /* Questions 1 and 2 share a grid: the scale is written once. */
  g_assert_nonnull (strstr (pages[0], "Disagree"));
  g_assert_null (strstr (strstr (pages[0], "Disagree") + 1, "Disagree"));
  g_assert_nonnull (strstr (pages[0], "My child feels safe"));
  {
    g_autofree char *all = g_strjoinv ("\n", pages);

    g_assert_nonnull (strstr (all, "Text message"));
    g_assert_nonnull (strstr (all, "→ 6"));
    g_assert_nonnull (strstr (all, "↳ 4: Yes"));
  }

  /* The code sits at the right on a left-to-right form. */
  g_assert_cmpfloat (word_x (pdf, "S3-0153-00001"), >, 612 / 2);

  info = run_tool ((const char *const[]) { "pdfinfo", pdf, NULL });
  g_assert_nonnull (strstr (info, "612 x 792 pts"));
}

static void
test_arabic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "arabic.pdf");
  g_autofree char *fonts = NULL;
  guint first = 0, per_form = 0;

  print_batch (fixture, "ar", 2, PL_PAPER_A4, pdf, &first, &per_form);
  keep_for_looking (pdf, "forms-ar.pdf");
  assert_batch (pdf, fixture->dir.dir, 2, per_form, first);

  /* Right to left: the code box at the left, mirrored. */
  g_assert_cmpfloat (word_x (pdf, "S3-0153-00001"), >=, 0);
  g_assert_cmpfloat (word_x (pdf, "S3-0153-00001"), <, 595 / 2);

  /* Arabic letters come from a font that has them, not drawn as boxes. */
  fonts = fonts_of (pdf);
  g_assert_nonnull (strstr (fonts, "Arabic"));
}

static void
test_somali (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "somali.pdf");
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint first = 0, per_form = 0;

  print_batch (fixture, "so", 4, PL_PAPER_LETTER, pdf, &first, &per_form);
  keep_for_looking (pdf, "forms-so.pdf");
  assert_batch (pdf, fixture->dir.dir, 4, per_form, first);

  pages = page_texts (pdf);
  all = g_strjoinv ("\n", pages);
  g_assert_nonnull (strstr (pages[0], "Sahanka Qoysaska 2026"));
  /* Porchlight's own Somali scale labels and the survey's options. */
  g_assert_nonnull (strstr (all, "Dhexdhexaad"));
  g_assert_nonnull (strstr (all, "Fariin qoraal ah"));
  g_assert_null (strstr (all, "Strongly agree"));
}

static void
test_nepali (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "nepali.pdf");
  g_autofree char *fonts = NULL;
  guint first = 0, per_form = 0;

  print_batch (fixture, "ne", 1, PL_PAPER_LETTER, pdf, &first, &per_form);
  keep_for_looking (pdf, "forms-ne.pdf");
  assert_batch (pdf, fixture->dir.dir, 1, per_form, first);
  fonts = fonts_of (pdf);
  g_assert_nonnull (strstr (fonts, "Devanagari"));
}

/* However long the school's name, a form has the pages the dialog said. */
static void
test_long_school_name (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "long.pdf");
  g_autoptr(GError) error = NULL;
  guint first = 0, per_form = 0;

  pl_school_set_name (fixture->school, "Dr. Martin Luther King Jr. Community School of the Arts, "
                                       "Sciences and Languages at the Riverside Campus Annex");
  g_assert_true (pl_store_save_school (fixture->store, fixture->school, &error));
  g_assert_no_error (error);
  /* print_batch() holds the pages to pl_survey_print_count_pages(). */
  print_batch (fixture, "ar", 2, PL_PAPER_LETTER, pdf, &first, &per_form);
  assert_batch (pdf, fixture->dir.dir, 2, per_form, first);
}

/* A reprint takes new serials: no code is ever on two papers. */
static void
test_reprint (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *first_pdf = pl_test_dir_file (&fixture->dir, "first.pdf");
  g_autofree char *second_pdf = pl_test_dir_file (&fixture->dir, "second.pdf");
  guint first = 0, second = 0, per_form = 0;

  print_batch (fixture, "en", 5, PL_PAPER_LETTER, first_pdf, &first, &per_form);
  print_batch (fixture, "so", 2, PL_PAPER_LETTER, second_pdf, &second, &per_form);
  g_assert_cmpuint (second, ==, first + 5);
  assert_batch (second_pdf, fixture->dir.dir, 2, per_form, second);
}

typedef struct
{
  GMainLoop *loop;
  guint      calls;
  guint      last_done;
  guint      last_total;
  guint      first_serial;
  guint      n_pages;
  GError    *error;
} AsyncRun;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  /* On the caller's thread, in order. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpuint (done, >, run->last_done);
  run->calls++;
  run->last_done = done;
  run->last_total = total;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  pl_survey_print_finish (result, &run->first_serial, &run->n_pages, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "async.pdf");
  g_autoptr(GError) error = NULL;
  AsyncRun run = { 0 };
  guint per_form;

  per_form = pl_survey_print_count_pages (fixture->survey, "ar", "0153", PL_PAPER_LETTER, &error);
  g_assert_no_error (error);

  run.loop = g_main_loop_new (NULL, FALSE);
  pl_survey_print_async (fixture->store, fixture->survey, fixture->school, "ar", 6, PL_PAPER_LETTER,
                         pdf, "tester", async_progress, &run, NULL, async_done, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  g_assert_no_error (run.error);
  g_assert_cmpuint (run.calls, ==, 6);
  g_assert_cmpuint (run.last_done, ==, 6);
  g_assert_cmpuint (run.last_total, ==, 6);
  g_assert_cmpuint (run.first_serial, ==, 1);
  g_assert_cmpuint (run.n_pages, ==, 6 * per_form);
  assert_batch (pdf, fixture->dir.dir, 6, per_form, run.first_serial);
}

static void
cancel_at_two (guint    done,
               guint    total,
               gpointer user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* A cancelled run leaves the file that was there, and no part of its own. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "forms.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint files;

  g_assert_true (g_file_set_contents (pdf, "the earlier print", -1, NULL));
  files = count_files (fixture->dir.dir);
  g_assert_false (pl_survey_print_render (fixture->survey, "en", "Riverside", "0153", 1, 10,
                                          PL_PAPER_LETTER, pdf, cancel_at_two, cancellable, NULL,
                                          cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the earlier print");
  g_assert_cmpuint (count_files (fixture->dir.dir), ==, files);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing = pl_test_dir_file (&fixture->dir, "no-such-folder");
  g_autofree char *pdf = g_build_filename (missing, "forms.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pl_survey_print (fixture->store, fixture->survey, fixture->school, "en", 2,
                                   PL_PAPER_LETTER, pdf, NULL, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_WRITE);
  /* The message names the file and says why. */
  g_assert_nonnull (strstr (error->message, pdf));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "forms.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurvey) empty = pl_survey_new ("en");
  guint first = 0, per_form = 0;

  /* A language the survey is not offered in. */
  g_assert_false (pl_survey_print (fixture->store, fixture->survey, fixture->school, "vi", 2,
                                   PL_PAPER_LETTER, pdf, NULL, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Vietnamese"));
  g_clear_error (&error);

  /* No forms. */
  g_assert_false (pl_survey_print (fixture->store, fixture->survey, fixture->school, "en", 0,
                                   PL_PAPER_LETTER, pdf, NULL, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID);
  g_clear_error (&error);

  /* No questions. */
  g_assert_cmpuint (pl_survey_print_count_pages (empty, "en", "0153", PL_PAPER_LETTER, &error), ==, 0);
  g_assert_error (error, PL_SURVEY_PRINT_ERROR, PL_SURVEY_PRINT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* None of that spent a serial. */
  print_batch (fixture, "en", 1, PL_PAPER_LETTER, pdf, &first, &per_form);
  g_assert_cmpuint (first, ==, 1);
}

static void
test_paper (void)
{
  PlPaperSize paper;

  g_assert_true (pl_paper_size_from_code ("a4", &paper));
  g_assert_cmpint (paper, ==, PL_PAPER_A4);
  g_assert_true (pl_paper_size_from_code ("Letter", &paper));
  g_assert_cmpint (paper, ==, PL_PAPER_LETTER);
  g_assert_false (pl_paper_size_from_code ("legal", &paper));
  g_assert_cmpstr (pl_paper_size_to_code (PL_PAPER_A4), ==, "a4");
}

/* The command line, as an office script would print a batch. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PORCHLIGHT_CLI");
  const char *arg;
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *db = pl_store_get_path (fixture->store);
  const char *survey_id = pl_survey_get_id (fixture->survey);
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "cli.pdf");
  g_autofree char *again = pl_test_dir_file (&fixture->dir, "again.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  guint per_form;

  per_form = pl_survey_print_count_pages (fixture->survey, "so", "0153", PL_PAPER_A4, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", "0153", "--language", "so", "--count", "3",
                            "--out", pdf, "--paper", "a4", NULL), ==, 0);
  /* It says which codes it printed. */
  g_assert_nonnull (strstr (out, "S3-0153-00001"));
  g_assert_nonnull (strstr (out, "S3-0153-00003"));
  assert_batch (pdf, fixture->dir.dir, 3, per_form, 1);
  info = run_tool ((const char *const[]) { "pdfinfo", pdf, NULL });
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Letter by default, and the next serials. */
  per_form = pl_survey_print_count_pages (fixture->survey, "en", "0153", PL_PAPER_LETTER, &error);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", pl_school_get_id (fixture->school), "--language", "en",
                            "--count", "2", "--out", again, NULL), ==, 0);
  assert_batch (again, fixture->dir.dir, 2, per_form, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input is named. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", "0153", "--language", "vi", "--count", "3",
                            "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Vietnamese"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", "9999", "--language", "en", "--count", "3",
                            "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "9999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", "no-such-survey",
                            "--school", "0153", "--language", "en", "--count", "3",
                            "--out", pdf, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", "0153", "--language", "en", "--count", "3",
                            "--out", pdf, "--paper", "legal", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "legal"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "survey", "print", survey_id,
                            "--school", "0153", "--language", "en", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/survey-print/english", test_english);
  ADD ("/survey-print/arabic", test_arabic);
  ADD ("/survey-print/somali", test_somali);
  ADD ("/survey-print/nepali", test_nepali);
  ADD ("/survey-print/long-school-name", test_long_school_name);
  ADD ("/survey-print/reprint", test_reprint);
  ADD ("/survey-print/async", test_async);
  ADD ("/survey-print/cancel", test_cancel);
  ADD ("/survey-print/unwritable", test_unwritable);
  ADD ("/survey-print/refused", test_refused);
  ADD ("/survey-print/cli", test_cli);
#undef ADD
  g_test_add_func ("/survey-print/paper", test_paper);

  return g_test_run ();
}

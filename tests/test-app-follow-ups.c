/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "pl-choice-row.h"
#include "pl-contact-editor-private.h"
#include "pl-core.h"
#include "pl-follow-up-notifier.h"
#include "pl-follow-up-row.h"
#include "pl-follow-ups-page-private.h"
#include "pl-outreach-page-private.h"
#include "pl-reschedule-popover.h"
#include "pl-window-private.h"

/* The real window on a real database in a temporary folder: a liaison
 * opens Follow-ups, clears one by logging the contact that closed it,
 * moves another to a later day, and looks at Outreach. The dates are set
 * around the real today, as the window reads the real clock. */

#define WAIT_SECONDS 30

#include "pl-test-app.h"

typedef struct
{
  char     *dir;
  char     *path;
  PlStore  *store;
  char     *ortiz;
  char     *nguyen;
  char     *farah;
  char     *due_today;  /* contact ids */
  char     *overdue;
  char     *later;
  PlWindow *window;
} Fixture;

static char *
add_family (Fixture    *fixture,
            PlSchool   *school,
            const char *household,
            const char *guardian_name,
            const char *language)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *student_name = g_strdup_printf ("Kid %s", household);

  pl_family_set_household_name (family, household);
  pl_family_set_home_language (family, language);
  pl_guardian_set_full_name (guardian, guardian_name);
  pl_guardian_set_preferred_language (guardian, language);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  pl_student_set_full_name (student, student_name);
  pl_student_set_school_id (student, pl_school_get_id (school));
  pl_student_set_grade (student, 3);
  g_list_store_append (pl_family_get_students (family), student);
  pl_store_save_family (fixture->store, family, &error);
  g_assert_no_error (error);
  return g_strdup (pl_family_get_id (family));
}

/* A call three days ago asking for a follow-up @due_in days from today. */
static char *
add_follow_up (Fixture    *fixture,
               const char *family_id,
               const char *purpose,
               const char *outcome,
               int         due_in)
{
  g_autoptr(PlContact) contact = pl_contact_new (family_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -3);
  g_autofree char *due = pl_follow_ups_local_date (NULL, due_in);
  g_autoptr(GError) error = NULL;

  pl_contact_set_happened_at_time (contact, then);
  pl_contact_set_method (contact, "phone");
  pl_contact_set_purpose (contact, purpose);
  pl_contact_set_outcome (contact, outcome);
  pl_contact_set_follow_up_due (contact, due);
  pl_store_save_contact (fixture->store, contact, &error);
  g_assert_no_error (error);
  return g_strdup (pl_contact_get_id (contact));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSchool) lincoln = pl_school_new ();

  fixture->dir = pl_test_app_make_dir ("porchlight-follow-ups-XXXXXX", &fixture->path);
  fixture->store = pl_test_app_open_store (fixture->path);

  pl_school_set_name (lincoln, "Lincoln Elementary");
  pl_school_set_grades (lincoln, PL_GRADE_PK, 8);
  pl_store_save_school (fixture->store, lincoln, &error);
  g_assert_no_error (error);

  /* Ana logs in on this laptop; what she logs is hers. */
  pl_store_set_me (fixture->store, "ana", &error);
  g_assert_no_error (error);

  fixture->ortiz = add_family (fixture, lincoln, "Ortiz", "Luis Ortiz", "es");
  fixture->nguyen = add_family (fixture, lincoln, "Nguyễn", "Nguyễn Thị Hương", "vi");
  fixture->farah = add_family (fixture, lincoln, "Farah", "Hodan Farah", "so");
  fixture->due_today = add_follow_up (fixture, fixture->ortiz, "attendance", "left-message", 0);
  fixture->overdue = add_follow_up (fixture, fixture->nguyen, "academics", "no-answer", -1);
  fixture->later = add_follow_up (fixture, fixture->farah, "wellbeing", "reached", 3);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pl_test_app_close_window (&fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->ortiz);
  g_free (fixture->nguyen);
  g_free (fixture->farah);
  g_free (fixture->due_today);
  g_free (fixture->overdue);
  g_free (fixture->later);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
show_window (Fixture *fixture)
{
  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));
}

static PlFollowUpsPage *
open_follow_ups (Fixture *fixture)
{
  PlFollowUpsPage *page = _pl_window_get_follow_ups_page (fixture->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-follow-ups",
                                             NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "follow-ups");
  return page;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks a section in the sidebar. */
static void
choose_section (Fixture    *fixture,
                const char *name)
{
  GtkWidget *row = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, name);

  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  pl_test_iterate ();
}

/* The row on screen for the follow-up set by @contact_id. */
static PlFollowUpRow *
find_row (GtkWidget  *widget,
          const char *contact_id)
{
  if (PL_IS_FOLLOW_UP_ROW (widget))
    {
      PlFollowUp *item = pl_follow_up_row_get_follow_up (PL_FOLLOW_UP_ROW (widget));

      if (item != NULL && g_strcmp0 (pl_follow_up_get_contact_id (item), contact_id) == 0 &&
          gtk_widget_get_mapped (widget))
        return PL_FOLLOW_UP_ROW (widget);
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PlFollowUpRow *row = find_row (child, contact_id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
row_child (PlFollowUpRow *row,
           const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), PL_TYPE_FOLLOW_UP_ROW, name));
}

static guint
n_in (PlFollowUpsPage  *page,
      PlFollowUpPeriod  period)
{
  return g_list_model_get_n_items (G_LIST_MODEL (_pl_follow_ups_page_get_list (page, period)));
}

/* Done… opens the contact form with the follow-up's family, guardian and
 * purpose; saving it logs the contact and marks the follow-up done. */
static void
test_mark_done (Fixture       *fixture,
                gconstpointer  data)
{
  PlFollowUpsPage *page;
  PlFollowUpRow *row = NULL;
  PlContactEditor *editor;
  PlContact *logged;
  g_autoptr(PlContact) closed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contacts, journal;

  show_window (fixture);
  page = open_follow_ups (fixture);

  /* One due today and one overdue: the sidebar says 2. */
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 1);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_OVERDUE), ==, 1);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_THIS_WEEK), ==, 1);
  g_assert_cmpstr (_pl_window_get_follow_ups_badge (fixture->window), ==, "2");

  _pl_follow_ups_page_show_period (page, "today");
  WAIT_UNTIL ((row = find_row (GTK_WIDGET (page), fixture->due_today)) != NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "household_label"))), ==, "Ortiz");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "due_label"))), ==, "Due today");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "summary_label"))), ==,
                   "Luis Ortiz · Attendance");

  contacts = pl_store_count_contacts (fixture->store, fixture->ortiz, &error);
  journal = pl_store_count_journal (fixture->store, &error);
  g_assert_true (gtk_widget_activate (row_child (row, "done_button")));
  WAIT_UNTIL ((editor = _pl_follow_ups_page_get_editor (page)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (editor)));

  /* The form is about the same family, guardian and purpose. */
  logged = _pl_contact_editor_get_contact (editor);
  g_assert_cmpstr (pl_contact_get_family_id (logged), ==, fixture->ortiz);
  g_assert_cmpstr (pl_contact_get_purpose (logged), ==, "attendance");
  g_assert_nonnull (pl_contact_get_guardian_id (logged));
  g_assert_null (pl_contact_get_follow_up_due (logged));

  pl_choice_row_set_selected (PL_CHOICE_ROW (_pl_contact_editor_get_row (editor, "outcome")),
                              "reached");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  WAIT_UNTIL (_pl_follow_ups_page_get_editor (page) == NULL);
  pl_test_iterate ();

  /* The contact is logged and the follow-up done, both journaled. */
  g_assert_cmpint (pl_store_count_contacts (fixture->store, fixture->ortiz, &error), ==,
                   contacts + 1);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal + 2);
  closed = pl_store_load_contact (fixture->store, fixture->due_today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pl_contact_get_follow_up_done_at (closed));

  /* Gone from Today; the sidebar counts the overdue one only. */
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 0);
  g_assert_cmpstr (_pl_window_get_follow_ups_badge (fixture->window), ==, "1");
}

/* The calendar refuses a day that passed and moves the follow-up to the
 * day chosen. */
static void
test_reschedule (Fixture       *fixture,
                 gconstpointer  data)
{
  PlFollowUpsPage *page;
  PlFollowUpRow *row = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkCalendar *calendar;
  GtkWidget *move;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) in_two_days = g_date_time_add_days (now, 2);
  g_autoptr(PlContact) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = pl_follow_ups_local_date (NULL, 2);

  show_window (fixture);
  page = open_follow_ups (fixture);
  _pl_follow_ups_page_show_period (page, "overdue");
  WAIT_UNTIL ((row = find_row (GTK_WIDGET (page), fixture->overdue)) != NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "due_label"))), ==,
                   "Due yesterday");

  button = GTK_MENU_BUTTON (row_child (row, "reschedule_button"));
  gtk_menu_button_popup (button);
  WAIT_UNTIL ((popover = gtk_menu_button_get_popover (button)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (popover)));
  calendar = GTK_CALENDAR (gtk_widget_get_template_child (GTK_WIDGET (popover),
                                                          PL_TYPE_RESCHEDULE_POPOVER, "calendar"));
  move = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover),
                                                    PL_TYPE_RESCHEDULE_POPOVER, "move_button"));

  /* It opens on tomorrow; yesterday cannot be chosen. */
  g_assert_true (gtk_widget_get_sensitive (move));
  gtk_calendar_select_day (calendar, yesterday);
  g_assert_false (gtk_widget_get_sensitive (move));

  gtk_calendar_select_day (calendar, in_two_days);
  g_assert_true (gtk_widget_get_sensitive (move));
  /* A button answers Enter a quarter of a second later (its press effect),
   * from a timeout: wait for the follow-up to leave Overdue. */
  g_assert_true (gtk_widget_activate (move));
  WAIT_UNTIL (n_in (page, PL_FOLLOW_UP_OVERDUE) == 0);
  pl_test_iterate ();

  moved = pl_store_load_contact (fixture->store, fixture->overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_follow_up_due (moved), ==, expected);
  g_assert_null (pl_contact_get_follow_up_done_at (moved));
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_OVERDUE), ==, 0);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_THIS_WEEK), ==, 2);
  g_assert_cmpstr (_pl_window_get_follow_ups_badge (fixture->window), ==, "1");
}

/* A row the list rebinds while its calendar is open (a refresh, a scroll)
 * shows another follow-up: Move then changes neither that one nor the
 * one the calendar was opened for, which left the screen. */
static void
test_reschedule_rebound (Fixture       *fixture,
                         gconstpointer  data)
{
  PlFollowUpsPage *page;
  PlFollowUpRow *row = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkWidget *move;
  g_autoptr(PlFollowUp) other = NULL;
  g_autoptr(PlContact) overdue = NULL;
  g_autoptr(PlContact) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = pl_follow_ups_local_date (NULL, -1);
  g_autofree char *in_three_days = pl_follow_ups_local_date (NULL, 3);

  show_window (fixture);
  page = open_follow_ups (fixture);
  _pl_follow_ups_page_show_period (page, "overdue");
  WAIT_UNTIL ((row = find_row (GTK_WIDGET (page), fixture->overdue)) != NULL);

  button = GTK_MENU_BUTTON (row_child (row, "reschedule_button"));
  gtk_menu_button_popup (button);
  WAIT_UNTIL ((popover = gtk_menu_button_get_popover (button)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (popover)));
  move = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (popover),
                                                    PL_TYPE_RESCHEDULE_POPOVER, "move_button"));
  g_assert_true (gtk_widget_get_sensitive (move));

  /* The list hands the row the Farah follow-up, due in three days. */
  other = g_list_model_get_item (G_LIST_MODEL (_pl_follow_ups_page_get_list (page,
                                                                            PL_FOLLOW_UP_THIS_WEEK)),
                                 0);
  g_assert_cmpstr (pl_follow_up_get_contact_id (other), ==, fixture->later);
  pl_follow_up_row_set_follow_up (row, other);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* The press that was under way lands. */
  g_signal_emit_by_name (move, "clicked");
  pl_test_iterate ();

  overdue = pl_store_load_contact (fixture->store, fixture->overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_follow_up_due (overdue), ==, yesterday);
  later = pl_store_load_contact (fixture->store, fixture->later, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_contact_get_follow_up_due (later), ==, in_three_days);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_OVERDUE), ==, 1);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_THIS_WEEK), ==, 1);
}

/* For Me, My Schools, Everyone; and a row opens its family. */
static void
test_scope_and_open (Fixture       *fixture,
                     gconstpointer  data)
{
  PlFollowUpsPage *page;
  GtkListView *view;
  g_autoptr(GError) error = NULL;

  /* Somebody else's follow-up, due today. */
  {
    g_autoptr(PlContact) contact = pl_contact_new (fixture->farah);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = pl_follow_ups_local_date (NULL, 0);

    pl_contact_set_happened_at_time (contact, now);
    pl_contact_set_method (contact, "text");
    pl_contact_set_purpose (contact, "council");
    pl_contact_set_outcome (contact, "reached");
    pl_contact_set_staff_id (contact, "ben");
    pl_contact_set_follow_up_due (contact, today);
    pl_store_save_contact (fixture->store, contact, &error);
    g_assert_no_error (error);
  }

  show_window (fixture);
  page = open_follow_ups (fixture);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 1);

  pl_follow_ups_page_set_scope (page, "everyone");
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 2);
  g_assert_cmpstr (_pl_window_get_follow_ups_badge (fixture->window), ==, "3");
  pl_follow_ups_page_set_scope (page, "mine");
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 1);

  /* Nobody logged in: nothing is "mine", and the page says why. */
  pl_store_set_me (fixture->store, NULL, &error);
  pl_follow_ups_page_reload (page);
  g_assert_cmpuint (n_in (page, PL_FOLLOW_UP_TODAY), ==, 0);
  g_assert_null (_pl_window_get_follow_ups_badge (fixture->window));
  pl_store_set_me (fixture->store, "ana", &error);
  pl_follow_ups_page_reload (page);

  view = _pl_follow_ups_page_get_view (page, PL_FOLLOW_UP_TODAY);
  g_signal_emit_by_name (view, "activate", 0);
  WAIT_UNTIL (g_strcmp0 (_pl_window_get_section (fixture->window), "families") == 0);
  WAIT_UNTIL (g_strcmp0 (pl_family_page_get_family_id (_pl_window_get_family_page (fixture->window)),
                         fixture->ortiz) == 0);
}

/* The notification counts Ana's follow-ups due today, and goes when none
 * is left. */
static void
test_notifier (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlFollowUpNotifier) notifier = pl_follow_up_notifier_new (NULL, fixture->store);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (_pl_follow_up_notifier_get_title (notifier), ==, "1 follow-up due today");
  pl_follow_ups_mark_done (fixture->store, fixture->due_today, NULL, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (_pl_follow_up_notifier_get_title (notifier) == NULL);
}

/* Outreach: the families not reached in 60 days, and the share reached
 * this term by home language. */
static void
test_outreach (Fixture       *fixture,
               gconstpointer  data)
{
  PlOutreachPage *page = NULL;
  PlOutreach *list = NULL;
  GListModel *reach = NULL;
  guint n_groups, n_families = 0;

  show_window (fixture);
  page = _pl_window_get_outreach_page (fixture->window);
  g_assert_null (_pl_outreach_page_get_list (page));

  /* Nothing is read until the section is shown. */
  choose_section (fixture, "outreach");
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "outreach");
  WAIT_UNTIL ((list = _pl_outreach_page_get_list (page)) != NULL && !pl_outreach_get_loading (list));
  /* Only the Farah family's call three days ago reached them. */
  g_assert_cmpuint (pl_outreach_get_n_families (list), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  _pl_outreach_page_show_view (page, "by-language");
  WAIT_UNTIL ((reach = _pl_outreach_page_get_reach (page)) != NULL &&
              !_pl_outreach_page_get_loading (page));
  n_groups = g_list_model_get_n_items (reach);
  g_assert_cmpuint (n_groups, ==, 3);
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PlLanguageReach) group = g_list_model_get_item (reach, i);

      n_families += pl_language_reach_get_n_families (group);
    }
  g_assert_cmpuint (n_families, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/follow-ups/mark-done", test_mark_done);
  ADD ("/app/follow-ups/reschedule", test_reschedule);
  ADD ("/app/follow-ups/reschedule-rebound", test_reschedule_rebound);
  ADD ("/app/follow-ups/scope-and-open", test_scope_and_open);
  ADD ("/app/follow-ups/notifier", test_notifier);
  ADD ("/app/follow-ups/outreach", test_outreach);
#undef ADD

  return pl_test_app_run (state_dir);
}

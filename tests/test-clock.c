/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-core.h"

static gint64 fake_now;

static gint64
fake_time (gpointer user_data)
{
  return fake_now;
}

static void
test_increasing (void)
{
  g_autoptr(PlClock) clock = pl_clock_new ("aaaa000011112222", NULL);
  g_autofree char *previous = NULL;

  pl_clock_set_time_func (clock, fake_time, NULL);
  fake_now = 1700000000000;
  previous = pl_clock_now (clock);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *next = pl_clock_now (clock);
      g_assert_cmpint (pl_hlc_compare (previous, next), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&next);
      /* The laptop's clock jumps back an hour half way through. */
      if (i == 500)
        fake_now -= 3600 * 1000;
    }
}

static void
test_observe (void)
{
  g_autoptr(PlClock) clock = pl_clock_new ("aaaa000011112222", NULL);
  g_autofree char *mine = NULL;
  const char *remote = "0200000000000-0005-bbbb000011112222";
  gint64 ms;
  guint counter;
  const char *device;

  pl_clock_set_time_func (clock, fake_time, NULL);
  fake_now = 1700000000000;
  pl_clock_observe (clock, remote);
  mine = pl_clock_now (clock);

  /* After seeing a change from a device whose clock runs ahead, ours orders after it. */
  g_assert_cmpint (pl_hlc_compare (remote, mine), <, 0);
  g_assert_true (pl_hlc_parse (mine, &ms, &counter, &device));
  g_assert_cmpint (ms, ==, 0x200000000000);
  /* observe() itself stepped past the remote counter (5 → 6); now() steps once more. */
  g_assert_cmpuint (counter, ==, 7);
  g_assert_cmpstr (device, ==, "aaaa000011112222");

  /* Garbage from the network is ignored, not trusted. */
  pl_clock_observe (clock, "not a stamp");
  g_assert_false (pl_hlc_parse ("zz", NULL, NULL, NULL));
  g_assert_false (pl_hlc_parse ("0200000000000-00G5-bbbb", NULL, NULL, NULL));
}

static void
test_tie_break (void)
{
  /* The same instant on two devices still orders, by device id. */
  const char *a = "0190000000000-0000-aaaa000000000000";
  const char *b = "0190000000000-0000-bbbb000000000000";

  g_assert_cmpint (pl_hlc_compare (a, b), <, 0);
  g_assert_cmpint (pl_hlc_compare (NULL, a), <, 0);
  g_assert_cmpint (pl_hlc_compare (a, a), ==, 0);
}

static void
test_resume (void)
{
  g_autoptr(PlClock) first = pl_clock_new ("aaaa000011112222", NULL);
  g_autoptr(PlClock) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last = NULL;

  pl_clock_set_time_func (first, fake_time, NULL);
  fake_now = 1800000000000;
  before = pl_clock_now (first);
  last = pl_clock_dup_last (first);

  /* Restarted with the wall clock set a day back: still after the last stamp. */
  second = pl_clock_new ("aaaa000011112222", last);
  pl_clock_set_time_func (second, fake_time, NULL);
  fake_now -= 86400 * 1000;
  after = pl_clock_now (second);
  g_assert_cmpint (pl_hlc_compare (before, after), <, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/increasing", test_increasing);
  g_test_add_func ("/clock/observe", test_observe);
  g_test_add_func ("/clock/tie-break", test_tie_break);
  g_test_add_func ("/clock/resume", test_resume);
  return g_test_run ();
}

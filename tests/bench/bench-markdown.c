/* bench-markdown.c - how long a card takes to render
 *
 * Prints medians of eg_markdown_to_html() (the card view) and
 * eg_markdown_to_plain() (a row of the card list, `engram-cli list`) for:
 *
 *   - every card of the shipped deck, one after the other;
 *   - the hostile question of issue 10: 100,000 "www.a.b " (800 KB) and
 *     200,000 (1.6 MB), which md4c 0.4.8 took 3 to 13 s on   target <= 100 ms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define RUNS 11

static char *
hostile_question (guint repeats)
{
  GString *text = g_string_sized_new (8 * repeats);

  for (guint i = 0; i < repeats; i++)
    g_string_append (text, "www.a.b ");
  return g_string_free (text, FALSE);
}

/* Times rendering each of @cards in turn, both ways */
static void
report (const char  *what,
        GPtrArray   *cards,
        const char  *target)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *html_what = g_strdup_printf ("%s: HTML", what);
  g_autofree char *plain_what = g_strdup_printf ("%s: plain text", what);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < cards->len; i++)
        g_free (eg_markdown_to_html (cards->pdata[i], NULL));
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
  eg_bench_report (html_what, samples, target);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < cards->len; i++)
        g_free (eg_markdown_to_plain (cards->pdata[i]));
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
  eg_bench_report (plain_what, samples, target);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *seed_path = NULL;
  g_autoptr(GFile) seed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  seed_path = eg_test_fixture ("expert-go-interview-questions.md");
  seed = g_file_new_for_path (seed_path);
  deck = eg_deck_load (seed, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, j);

          g_ptr_array_add (cards, g_strconcat (card->question, "\n\n", card->answer, NULL));
        }
    }
  g_print ("seed: %u cards\n", cards->len);
  report ("seed: every card", cards, NULL);

  g_ptr_array_set_size (cards, 0);
  g_ptr_array_add (cards, hostile_question (100000));
  report ("hostile question, 800 KB", cards, "<= 100 ms");
  g_ptr_array_set_size (cards, 0);
  g_ptr_array_add (cards, hostile_question (200000));
  report ("hostile question, 1.6 MB", cards, "<= 100 ms");

  return 0;
}

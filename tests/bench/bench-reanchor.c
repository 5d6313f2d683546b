/* bench-reanchor.c - importing an updated deck whose cards carry 10,000
 * highlights
 *
 * A deck of 2,000 cards: the shipped deck's 245 cards and 1,755 generated
 * from them (each answer of the shipped deck again, with a sentence of its
 * own first), 5 highlights on each answer (made with eg_store_add_highlight()).
 * The updated copy of the deck edits 3 answers in 4: a sentence inserted at
 * the start, a word inserted in the middle, or the last paragraph cut (for a
 * generated card whose shipped answer is one paragraph, that is the whole
 * shipped answer: the highlights in it are orphaned, as they must be).  The
 * counts are printed for each kind of edit.
 *
 * Prints the medians of: re-anchoring alone (_eg_store_reanchor_card() over
 * every updated card, in a transaction rolled back; target <= 1 s for the
 * 10,000 highlights); the import of the updated deck; the same import into
 * the same collection without highlights, and what looking for highlights
 * costs it; and the counts placed/orphaned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define N_CARDS 2000
#define PER_SECTION 100
#define HIGHLIGHTS_PER_CARD 5
#define RUNS 3
#define NOW 1795000000000

typedef struct
{
  char      *question;
  char      *answer;
  GPtrArray *parts;
} Source;

/* An edit of @answer, as a deck update makes them: 3 cards in 4 */
static char *
edit_answer (const char *answer,
             guint       n)
{
  const char *middle;
  const char *cut;

  switch (n % 4)
    {
    case 0:
      return g_strconcat ("This is asked in most interviews. ", answer, NULL);
    case 1:
      /* a word in the middle, at a space */
      middle = strchr (answer + strlen (answer) / 2, ' ');
      if (middle == NULL)
        return g_strconcat (answer, " Indeed.", NULL);
      return g_strdup_printf ("%.*s really%s", (int) (middle - answer), answer, middle);
    case 2:
      /* the last paragraph cut, when there are several */
      cut = g_strrstr (answer, "\n\n");
      if (cut == NULL || strstr (answer, "```") != NULL)
        return g_strconcat (answer, "\n\nSee also the Go memory model.", NULL);
      return g_strndup (answer, cut - answer);
    default:
      return g_strdup (answer);
    }
}

/* The deck: the shipped cards, then generated ones from them */
static char *
deck_text (GPtrArray *sources,
           gboolean   updated)
{
  GString *text = g_string_new ("# Reanchor Bench Deck\n\n");

  for (guint n = 0; n < N_CARDS; n++)
    {
      const Source *source = g_ptr_array_index (sources, n % sources->len);
      g_autofree char *answer = NULL;
      g_autofree char *edited = NULL;

      if (n % PER_SECTION == 0)
        g_string_append_printf (text, "## From %u Bench\n\n# Bench %u\n\n",
                                n / PER_SECTION + 1, n / PER_SECTION + 1);
      answer = n < sources->len ? g_strdup (source->answer)
                                : g_strdup_printf ("Generated card %u.\n\n%s", n, source->answer);
      edited = updated ? edit_answer (answer, n) : g_strdup (answer);
      eg_export_append_card (text, n % PER_SECTION + 1, source->question, edited,
                             source->parts);
      g_string_append (text, "\n---\n\n");
    }
  return g_string_free (text, FALSE);
}

static EgImportReport *
import (EgStore    *store,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EgImportReport *report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL,
                                           NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* 5 highlights spread over each answer's rendered text */
static guint
add_highlights (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = eg_store_list_cards (store, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      g_autofree char *text = eg_annotation_field_text (card, "answer");
      guint len = g_utf8_strlen (text, -1);

      for (guint k = 0; k < HIGHLIGHTS_PER_CARD; k++)
        {
          guint start = len * k / HIGHLIGHTS_PER_CARD;
          guint end = MIN (start + 20 + (i + k) % 20, len);

          if (end <= start)
            continue;
          if (eg_store_add_highlight (store, card->id, "answer", start, end, NULL, NULL, NOW,
                                      &error) > 0)
            n++;
          else
            g_clear_error (&error);  /* only spaces there */
        }
    }
  return n;
}

static EgStore *
build_collection (const char *db_path,
                  const char *deck_path,
                  gboolean    highlights,
                  guint      *n_highlights)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgImportReport) report = NULL;
  EgStore *store;

  g_unlink (db_path);
  store = eg_store_open (db_path, &error);
  g_assert_no_error (error);
  report = import (store, deck_path);
  g_assert_cmpuint (report->added, ==, N_CARDS);
  if (highlights)
    {
      /* setting up, not measured: no sync per highlight */
      g_assert_true (_eg_store_exec (store, "PRAGMA synchronous = OFF", NULL));
      *n_highlights = add_highlights (store);
      g_assert_true (_eg_store_exec (store, "PRAGMA synchronous = FULL", NULL));
    }
  /* the setup's log written to the database, not left to the import */
  g_assert_true (_eg_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  return store;
}

/* The updated deck's cards whose text changes, as the store's cards with
 * their new text (id, question, answer, parts, content_hash) */
static GPtrArray *
updated_cards (EgStore    *store,
               const char *deck_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_load (file, NULL, &error);
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);

  g_assert_no_error (error);
  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *new_card = g_ptr_array_index (section->cards, j);
          EgCard *card = eg_store_find_card (store, new_card->key, &error);

          g_assert_no_error (error);
          if (g_strcmp0 (card->content_hash, new_card->content_hash) == 0)
            {
              eg_card_free (card);
              continue;
            }
          g_free (card->answer);
          card->answer = g_strdup (new_card->answer);
          g_free (card->question);
          card->question = g_strdup (new_card->question);
          g_free (card->content_hash);
          card->content_hash = g_strdup (new_card->content_hash);
          g_ptr_array_unref (card->parts);
          card->parts = g_ptr_array_ref (new_card->parts);
          g_ptr_array_add (cards, card);
        }
    }
  return cards;
}

static double
time_reanchor (EgStore   *store,
               GPtrArray *cards,
               guint     *placed,
               guint     *orphaned)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  double ms;

  *placed = *orphaned = 0;
  g_assert_true (_eg_store_begin (store, &error));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < cards->len; i++)
    g_assert_true (_eg_store_reanchor_card (store, g_ptr_array_index (cards, i), placed,
                                            orphaned, &error));
  ms = eg_bench_ms_since (start);
  g_assert_no_error (error);
  _eg_store_rollback (store);
  return ms;
}

/* What each kind of edit did to the highlights (not timed) */
static void
print_by_edit (EgStore   *store,
               GPtrArray *cards)
{
  static const char * const kinds[] = {
    "sentence inserted at the start", "word inserted in the middle", "last paragraph cut",
  };
  guint placed[3] = { 0, };
  guint orphaned[3] = { 0, };

  g_assert_true (_eg_store_begin (store, NULL));
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      guint section = 0;
      guint n;

      g_assert_cmpint (sscanf (card->key, "%u/", &section), ==, 1);
      n = ((section - 1) * PER_SECTION + card->number - 1) % 4;
      g_assert_cmpuint (n, <, 3);
      g_assert_true (_eg_store_reanchor_card (store, card, &placed[n], &orphaned[n], NULL));
    }
  _eg_store_rollback (store);
  for (guint k = 0; k < 3; k++)
    g_print ("#   %s: %u placed again, %u orphaned\n", kinds[k], placed[k], orphaned[k]);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *seed = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) reanchor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_highlights = 0;
  guint n_updated = 0;
  guint placed = 0;
  guint orphaned = 0;
  guint report_placed = 0;
  guint report_orphaned = 0;

  eg_test_setup_dirs ("engram-bench-reanchor");
  g_test_init (&argc, &argv, NULL);

  seed = eg_test_fixture ("expert-go-interview-questions.md");
  file = g_file_new_for_path (seed);
  deck = eg_deck_load (file, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, j);
          Source *source = g_new0 (Source, 1);

          source->question = card->question;
          source->answer = card->answer;
          source->parts = card->parts;
          g_ptr_array_add (sources, source);
        }
    }

  v1 = eg_test_tmp_path ("bench-reanchor-v1.md");
  v2 = eg_test_tmp_path ("bench-reanchor-v2.md");
  db = eg_test_tmp_path ("bench-reanchor.db");
  text = deck_text (sources, FALSE);
  g_assert_true (g_file_set_contents (v1, text, -1, NULL));
  g_free (text);
  text = deck_text (sources, TRUE);
  g_assert_true (g_file_set_contents (v2, text, -1, NULL));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(EgStore) store = build_collection (db, v1, TRUE, &n_highlights);
      g_autoptr(GPtrArray) cards = updated_cards (store, v2);
      g_autoptr(EgImportReport) report = NULL;
      gint64 start;

      n_updated = cards->len;
      eg_bench_add (reanchor, time_reanchor (store, cards, &placed, &orphaned));
      if (run == 0)
        print_by_edit (store, cards);

      start = g_get_monotonic_time ();
      report = import (store, v2);
      eg_bench_add (with, eg_bench_ms_since (start));
      g_assert_cmpuint (report->updated, ==, n_updated);
      report_placed = report->highlights_placed;
      report_orphaned = report->highlights_orphaned;
      g_assert_cmpuint (report_placed, ==, placed);
      g_assert_cmpuint (report_orphaned, ==, orphaned);
    }
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(EgStore) store = build_collection (db, v1, FALSE, NULL);
      g_autoptr(GPtrArray) cards = updated_cards (store, v2);
      g_autoptr(EgImportReport) report = NULL;
      gint64 start;

      eg_bench_add (none, time_reanchor (store, cards, &placed, &orphaned));
      g_assert_cmpuint (placed + orphaned, ==, 0);
      start = g_get_monotonic_time ();
      report = import (store, v2);
      eg_bench_add (without, eg_bench_ms_since (start));
      g_assert_cmpuint (report->updated, ==, n_updated);
    }

  g_print ("# %u cards, %u highlights; the update changes %u cards, whose highlights are "
           "%u placed again and %u orphaned\n",
           N_CARDS, n_highlights, n_updated, report_placed, report_orphaned);
  eg_bench_report ("re-anchoring the updated cards' highlights", reanchor, "<= 1000 ms");
  eg_bench_report ("importing the updated deck (with highlights)", with, NULL);
  eg_bench_report ("importing it without highlights", without, NULL);
  eg_bench_report ("of which looking for highlights there are none", none, NULL);
  g_unlink (db);
  eg_test_cleanup_dirs ();
  return 0;
}

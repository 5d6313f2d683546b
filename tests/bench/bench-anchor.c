/* bench-anchor.c - how long placing 10,000 highlights again takes
 *
 * Highlights on the answers of the shipped deck (plain text), each answer
 * then edited in turn: a sentence inserted at the start (exact search), a
 * word inserted inside the passage and a typo fixed in it (approximate
 * search), the passage deleted (orphan).  Prints the median time of placing
 * all 10,000 highlights; target <= 1 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define N_HIGHLIGHTS 10000
#define RUNS 5

typedef struct
{
  EgAnchor *anchor;
  char     *new_text;
} Job;

static void
job_clear (gpointer data)
{
  Job *job = data;

  eg_anchor_free (job->anchor);
  g_free (job->new_text);
}

static char *
splice (const char *text,
        gsize       at,
        gsize       cut,
        const char *insert)
{
  GString *s = g_string_new_len (text, at);

  g_string_append (s, insert);
  g_string_append (s, text + at + cut);
  return g_string_free (s, FALSE);
}

/* One highlight on @text at the @n-th word start, edited the @n % 4 way */
static gboolean
make_job (const char *text,
          guint       n,
          Job        *job)
{
  guint len = g_utf8_strlen (text, -1);
  guint start = (n * 37) % MAX (len / 2, 1);
  guint end = MIN (start + 30 + n % 40, len);
  const char *sb;
  const char *eb;
  const char *mid;

  job->anchor = eg_anchor_describe (text, start, end);
  if (job->anchor == NULL)
    return FALSE;
  sb = g_utf8_offset_to_pointer (text, start);
  eb = g_utf8_offset_to_pointer (text, end);
  mid = g_utf8_offset_to_pointer (text, (start + end) / 2);
  switch (n % 4)
    {
    case 0:
      job->new_text = g_strconcat ("A new first sentence. ", text, NULL);
      break;
    case 1:
      job->new_text = splice (text, mid - text, 0, " new");
      break;
    case 2:
      job->new_text = splice (text, mid - text, 1, "#");
      break;
    default:
      job->new_text = splice (text, sb - text, eb - sb, "");
      break;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = NULL;
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint counts[4] = { 0, };

  g_test_init (&argc, &argv, NULL);
  path = eg_test_fixture ("expert-go-interview-questions.md");
  file = g_file_new_for_path (path);
  deck = eg_deck_load (file, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, j);

          g_ptr_array_add (answers, eg_markdown_to_plain (card->answer));
        }
    }

  g_array_set_clear_func (jobs, job_clear);
  for (guint n = 0; jobs->len < N_HIGHLIGHTS; n++)
    {
      Job job = { NULL, NULL };

      if (make_job (answers->pdata[n % answers->len], n, &job))
        g_array_append_val (jobs, job);
    }

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < jobs->len; i++)
        {
          Job *job = &g_array_index (jobs, Job, i);
          EgAnchorMatch match = eg_anchor_place (job->anchor, job->new_text,
                                                 NULL, NULL, NULL);

          if (run == 0)
            counts[match]++;
        }
      eg_bench_add (samples, eg_bench_ms_since (start));
    }

  g_print ("# %u highlights on %u answers: %u at their position, %u exact, "
           "%u approximate, %u orphaned\n",
           jobs->len, answers->len, counts[EG_ANCHOR_POSITION], counts[EG_ANCHOR_EXACT],
           counts[EG_ANCHOR_FUZZY], counts[EG_ANCHOR_ORPHANED]);
  eg_bench_report ("placing 10,000 highlights after edits", samples, "<= 1000 ms");
  return 0;
}

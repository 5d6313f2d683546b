/* test-anchor.c - describing a highlight and placing it again after edits
 *
 * The corpus: passages of the answers of the shipped deck (rendered to plain
 * text by eg_markdown_to_plain()), each edited in the ways a deck update
 * edits text.  Every case asserts the exact outcome: placed on exactly these
 * code points, or orphaned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define N_CARDS 8
#define PASSAGE_LENGTH 48   /* code points, then to the end of the word */

typedef struct
{
  char     *old_text;
  guint     start;      /* of the passage in old_text, code points */
  guint     end;
  char     *new_text;
  gboolean  orphan;
  guint     new_start;  /* expected, code points */
  guint     new_end;
} Case;

static GPtrArray *cases;
static GPtrArray *answers;   /* plain text of answers with a passage */

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->old_text);
  g_free (c->new_text);
  g_free (c);
}

static guint
cp (const char *text,
    gsize       bytes)
{
  return (guint) g_utf8_pointer_to_offset (text, text + bytes);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(EgAnchor) anchor = eg_anchor_describe (c->old_text, c->start, c->end);
  guint start = 1;
  guint end = 1;
  double score = -1;
  EgAnchorMatch match;

  g_assert_nonnull (anchor);
  match = eg_anchor_place (anchor, c->new_text, &start, &end, &score);
  g_test_message ("quote \"%s\": match %d, score %.3f", anchor->exact, match, score);
  if (c->orphan)
    {
      g_assert_cmpint (match, ==, EG_ANCHOR_ORPHANED);
      g_assert_cmpuint (start, ==, 0);
      g_assert_cmpuint (end, ==, 0);
      g_assert_cmpfloat (score, ==, 0.0);
    }
  else
    {
      g_assert_cmpint (match, !=, EG_ANCHOR_ORPHANED);
      g_assert_cmpuint (start, ==, c->new_start);
      g_assert_cmpuint (end, ==, c->new_end);
      g_assert_cmpfloat (score, >, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
    }
}

/* Adds a case; offsets given in bytes of old and new text */
static void
add_case (const char *kind,
          guint       card,
          const char *old_text,
          gsize       start_b,
          gsize       end_b,
          char       *new_text,     /* owned */
          gssize      new_start_b,  /* -1: orphaned */
          gsize       new_end_b)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *path = g_strdup_printf ("/anchor/corpus/%s/%u", kind, card);

  c->old_text = g_strdup (old_text);
  c->start = cp (old_text, start_b);
  c->end = cp (old_text, end_b);
  c->new_text = new_text;
  c->orphan = new_start_b < 0;
  if (!c->orphan)
    {
      c->new_start = cp (new_text, new_start_b);
      c->new_end = cp (new_text, new_end_b);
    }
  g_ptr_array_add (cases, c);
  g_test_add_data_func (path, c, run_case);
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

/* A passage of @text: from a word start near the middle, PASSAGE_LENGTH code
 * points to the end of a word, on one line, found once in the text. */
static gboolean
pick_passage (const char *text,
              gsize      *start_b,
              gsize      *end_b)
{
  gsize len = strlen (text);

  for (const char *p = strchr (text + len / 3, ' '); p != NULL; p = strchr (p + 1, ' '))
    {
      const char *start = p + 1;
      const char *end = g_utf8_offset_to_pointer (start, PASSAGE_LENGTH);
      g_autofree char *passage = NULL;

      if ((gsize) (end - text) >= len)
        return FALSE;
      end = strchr (end, ' ');
      if (end == NULL)
        return FALSE;
      passage = g_strndup (start, end - start);
      if (strchr (passage, '\n') != NULL || strstr (end, passage) != NULL
          || strstr (text, passage) != start)
        continue;
      *start_b = start - text;
      *end_b = end - text;
      return TRUE;
    }
  return FALSE;
}

/* The corpus of one card: @text its answer, @other another card's answer */
static void
add_card_cases (guint       n,
                const char *text,
                const char *other)
{
  static const char *marks[] = { "**", "_", "`", "*" };
  const char *mark = marks[n % G_N_ELEMENTS (marks)];
  const char *intro = "Added first: a new opening sentence with a café. ";
  const char *before = "(new words) ";
  const char *inside = " really";
  gsize s, e, mid, ml = strlen (mark), il = strlen (intro);
  g_autofree char *passage = NULL;
  g_autofree char *typo = NULL;
  g_autofree char *removed = NULL;
  char *t;

  g_assert_true (pick_passage (text, &s, &e));
  passage = g_strndup (text + s, e - s);
  mid = (strchr (text + s + (e - s) / 2, ' ') - text);
  g_assert_cmpuint (mid, <, e);

  add_case ("unchanged", n, text, s, e, g_strdup (text), s, e);
  add_case ("inserted-at-start", n, text, s, e,
            g_strconcat (intro, text, NULL), il + s, il + e);
  add_case ("inserted-just-before", n, text, s, e,
            splice (text, s, 0, before), s + strlen (before), e + strlen (before));
  add_case ("inserted-inside", n, text, s, e,
            splice (text, mid, 0, inside), s, e + strlen (inside));

  /* the highlight was made on a typo (two letters swapped), the update fixes it */
  typo = g_strdup (text);
  for (gsize i = mid - 3; i > s + 4; i--)
    if (g_ascii_isalpha (typo[i]) && g_ascii_isalpha (typo[i - 1]) && typo[i] != typo[i - 1])
      {
        char x = typo[i];

        typo[i] = typo[i - 1];
        typo[i - 1] = x;
        break;
      }
  g_assert_cmpstr (typo, !=, text);
  add_case ("typo-fixed", n, typo, s, e, g_strdup (text), s, e);

  t = g_strconcat (mark, passage, mark, NULL);
  add_case ("emphasis-around", n, text, s, e, splice (text, s, e - s, t), s + ml, e + ml);
  g_free (t);

  removed = splice (text, s, e - s, "");
  t = g_strconcat (removed, "\n\nMoved here: ", passage, ".", NULL);
  add_case ("moved-to-another-paragraph", n, text, s, e, t,
            strlen (t) - 1 - (e - s), strlen (t) - 1);

  add_case ("present-twice-copy-after", n, text, s, e,
            g_strconcat (intro, text, "\n\nAgain: ", passage, ".", NULL), il + s, il + e);
  t = g_strconcat (passage, ".\n\n", text, NULL);
  add_case ("present-twice-copy-before", n, text, s, e, t,
            strlen (passage) + 3 + s, strlen (passage) + 3 + e);

  add_case ("deleted", n, text, s, e, g_strdup (removed), -1, 0);
  add_case ("rewritten", n, text, s, e, g_strdup (other), -1, 0);
}

static void
build_corpus (void)
{
  g_autofree char *path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_load (file, NULL, &error);
  guint step;
  guint added = 0;

  g_assert_no_error (error);
  answers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, j);
          char *plain = eg_markdown_to_plain (card->answer);
          gsize s, e;

          if (g_utf8_strlen (plain, -1) >= 200 && pick_passage (plain, &s, &e))
            g_ptr_array_add (answers, plain);
          else
            g_free (plain);
        }
    }
  g_assert_cmpuint (answers->len, >=, 2 * N_CARDS);

  step = answers->len / N_CARDS;
  for (guint i = 0; i < answers->len && added < N_CARDS; i += step, added++)
    add_card_cases (added, answers->pdata[i],
                    answers->pdata[(i + answers->len / 2) % answers->len]);
  g_assert_cmpuint (cases->len, >=, 60);
}

/* Offsets and the 32 of the context are code points, not bytes */
static void
test_describe_code_points (void)
{
  const char *text = "héllo wörld 🙂 done";
  g_autoptr(EgAnchor) anchor = eg_anchor_describe (text, 6, 11);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(EgAnchor) clipped = NULL;

  g_assert_nonnull (anchor);
  g_assert_cmpstr (anchor->exact, ==, "wörld");
  g_assert_cmpstr (anchor->prefix, ==, "héllo ");
  g_assert_cmpstr (anchor->suffix, ==, " 🙂 done");
  g_assert_cmpuint (anchor->start, ==, 6);
  g_assert_cmpuint (anchor->end, ==, 11);

  for (guint i = 0; i < 50; i++)
    g_string_append (long_text, "é");
  g_string_append (long_text, "passage");
  for (guint i = 0; i < 50; i++)
    g_string_append (long_text, "ü");
  clipped = eg_anchor_describe (long_text->str, 50, 57);
  g_assert_cmpstr (clipped->exact, ==, "passage");
  g_assert_cmpuint (g_utf8_strlen (clipped->prefix, -1), ==, EG_ANCHOR_CONTEXT);
  g_assert_cmpuint (g_utf8_strlen (clipped->suffix, -1), ==, EG_ANCHOR_CONTEXT);
  g_assert_true (g_str_has_prefix (clipped->suffix, "ü"));
}

static void
test_describe_bad_range (void)
{
  g_assert_null (eg_anchor_describe ("short", 2, 2));
  g_assert_null (eg_anchor_describe ("short", 3, 2));
  g_assert_null (eg_anchor_describe ("short", 2, 6));
  g_assert_null (eg_anchor_describe ("bad \xff utf-8", 0, 3));
  g_assert_null (eg_anchor_describe (NULL, 0, 3));
}

/* After a multi-byte character is inserted, the position moves by one */
static void
test_place_code_points (void)
{
  g_autoptr(EgAnchor) anchor = eg_anchor_describe ("one two three", 4, 7);
  guint start, end;
  double score;

  g_assert_cmpint (eg_anchor_place (anchor, "one two three", &start, &end, &score),
                   ==, EG_ANCHOR_POSITION);
  g_assert_cmpuint (start, ==, 4);
  g_assert_cmpfloat (score, ==, 1.0);
  g_assert_cmpint (eg_anchor_place (anchor, "🙂one two three", &start, &end, &score),
                   ==, EG_ANCHOR_EXACT);
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpuint (end, ==, 8);
}

/* Words inserted after the passage's first word: the fewest edits drop
 * that word; the place never starts or ends with a space the quote has not */
static void
test_place_no_edge_space (void)
{
  const char *before = "The runtime sends signals for asynchronous preemption of tight loops today.";
  const char *after = "The runtime sends POSIX signals for asynchronous preemption of tight loops today.";
  g_autoptr(EgAnchor) anchor = eg_anchor_describe (before, 12, 68);
  g_autofree char *placed = NULL;
  guint start, end;

  g_assert_cmpstr (anchor->exact, ==, "sends signals for asynchronous preemption of tight loops");
  g_assert_cmpint (eg_anchor_place (anchor, after, &start, &end, NULL), ==, EG_ANCHOR_FUZZY);
  placed = g_utf8_substring (after, start, end);
  g_assert_false (g_ascii_isspace (placed[0]));
  g_assert_true (g_str_has_suffix (placed, "of tight loops"));
  g_assert_nonnull (strstr (placed, "signals for asynchronous preemption of tight loops"));
}

/* The spaces trimmed from the ends of an approximate match leave a close
 * match (found by fuzz-anchor: the quote "he" and eleven line breaks, its
 * "he" deleted, was placed on one line break) */
static void
test_place_edge_space_trim_bounded (void)
{
  const char *before = "the\r\r\r\r\r\r\r\r\r\r\r end";
  const char *after = "t\r\r\r\r\r\r\r\r\r\r\r end";
  g_autoptr(EgAnchor) anchor = eg_anchor_describe (before, 1, 14);
  guint start = 0, end = 0;
  EgAnchorMatch match;

  g_assert_cmpstr (anchor->exact, ==, "he\r\r\r\r\r\r\r\r\r\r\r");
  match = eg_anchor_place (anchor, after, &start, &end, NULL);
  /* orphaned, or on at least 10 of the 13 code points (at most 3 edits) */
  if (match != EG_ANCHOR_ORPHANED)
    g_assert_cmpuint (end - start, >=, 10);
}

/* A short common quote is not taken to another place with another context */
static void
test_place_short_quote (void)
{
  g_autoptr(EgAnchor) anchor = eg_anchor_describe ("alpha beta the gamma delta", 11, 14);
  guint start = 9, end = 9;

  g_assert_cmpstr (anchor->exact, ==, "the");
  g_assert_cmpint (eg_anchor_place (anchor, "zzzz qqqq wwww the", &start, &end, NULL),
                   ==, EG_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
  g_assert_cmpint (eg_anchor_place (anchor, "alpha beta, the gamma delta", &start, &end, NULL),
                   ==, EG_ANCHOR_EXACT);
  g_assert_cmpuint (start, ==, 12);
}

static void
test_place_bad_input (void)
{
  g_autoptr(EgAnchor) anchor = eg_anchor_describe ("one two three", 4, 7);
  g_autoptr(EgAnchor) empty = eg_anchor_new ("", "", "", 0, 0);

  g_assert_cmpint (eg_anchor_place (anchor, "bad \xff two", NULL, NULL, NULL),
                   ==, EG_ANCHOR_ORPHANED);
  g_assert_cmpint (eg_anchor_place (anchor, "", NULL, NULL, NULL), ==, EG_ANCHOR_ORPHANED);
  g_assert_cmpint (eg_anchor_place (empty, "one two three", NULL, NULL, NULL),
                   ==, EG_ANCHOR_ORPHANED);
}

/* A quote longer than one 64-bit block, with a word changed in it */
static void
test_place_long_quote (void)
{
  const char *old_text = "Intro. The runtime preempts a goroutine that has been running "
                         "for more than ten milliseconds by sending it a signal, so that "
                         "tight loops cannot starve the others. Outro.";
  const char *new_text = "Intro. The runtime preempts a goroutine that has been running "
                         "for more than 10 milliseconds by sending it a signal, so that "
                         "tight loops cannot starve the others. Outro.";
  g_autoptr(EgAnchor) anchor = NULL;
  guint start, end;
  guint old_len = g_utf8_strlen (old_text, -1);

  anchor = eg_anchor_describe (old_text, 7, old_len - 7);
  g_assert_cmpuint (g_utf8_strlen (anchor->exact, -1), >, 128);
  g_assert_cmpint (eg_anchor_place (anchor, new_text, &start, &end, NULL),
                   ==, EG_ANCHOR_FUZZY);
  g_assert_cmpuint (start, ==, 7);
  g_assert_cmpuint (end, ==, g_utf8_strlen (new_text, -1) - 7);
}

/* Similar words in another sentence are not the highlighted words */
static void
test_place_near_miss (void)
{
  const char *old_text = "The GC trigger is controlled by GOGC. It runs the collector "
                         "when the heap grows by 100% since the last run, by default.";
  const char *new_text = "The GC trigger is controlled by GOGC. It also sets GOMEMLIMIT. "
                         "Another sentence says the stack grows by 2x since the first run.";
  g_autoptr(EgAnchor) anchor = NULL;
  guint start = 9, end = 9;

  /* "when the heap grows by 100% since the last run" */
  anchor = eg_anchor_describe (old_text, 60, 106);
  g_assert_cmpstr (anchor->exact, ==, "when the heap grows by 100% since the last run");
  g_assert_cmpint (eg_anchor_place (anchor, new_text, &start, &end, NULL),
                   ==, EG_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
}

/* The passage deleted where it was but still written elsewhere: the same
 * words, so it goes there */
static void
test_place_copy_survives (void)
{
  const char *old_text = "First paragraph, with the highlighted words in it.\n\n"
                         "Second paragraph: the highlighted words in it too.";
  const char *new_text = "First paragraph, rewritten.\n\n"
                         "Second paragraph: the highlighted words in it too.";
  g_autoptr(EgAnchor) anchor = eg_anchor_describe (old_text, 22, 48);
  guint start, end;

  g_assert_cmpstr (anchor->exact, ==, "the highlighted words in i");
  g_assert_cmpint (eg_anchor_place (anchor, new_text, &start, &end, NULL),
                   ==, EG_ANCHOR_EXACT);
  g_assert_cmpuint (start, ==, 47);
  g_assert_cmpuint (end, ==, 73);
}

/* A random edit of @text outside [lo, hi) (bytes), at a space: a word
 * inserted or a word deleted.  Returns the new text; *shift is what the
 * bytes after the edit moved by (only edits before lo move the passage). */
static char *
edit_outside (GRand      *rand,
              const char *text,
              gsize       lo,
              gsize       hi,
              gssize     *shift)
{
  gsize len = strlen (text);
  gsize at = g_rand_int_range (rand, 0, len);
  const char *space = strchr (text + at, ' ');
  const char *next;

  *shift = 0;
  if (space == NULL)
    return g_strdup (text);
  at = space - text;
  next = strchr (space + 1, ' ');
  if (at + 40 >= lo && at <= hi + 40)
    return g_strdup (text);
  if (g_rand_boolean (rand) || next == NULL || ((gsize) (next - text) + 40 >= lo && at < lo))
    {
      *shift = at < lo ? 12 : 0;
      return splice (text, at, 0, " lorem ipsum");
    }
  *shift = at < lo ? -(next - space) : 0;
  return splice (text, at, next - space, "");
}

/* Many answers, edited far from the passage and one letter changed inside
 * it: each highlight lands on exactly the passage. */
static void
test_place_random_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  guint fuzzy = 0;

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < answers->len; i++)
      {
        g_autofree char *text = g_strdup (answers->pdata[i]);
        g_autoptr(EgAnchor) anchor = NULL;
        gsize s, e, mid;
        guint start, end;
        EgAnchorMatch match;

        g_assert_true (pick_passage (text, &s, &e));
        anchor = eg_anchor_describe (text, cp (text, s), cp (text, e));
        mid = s + (e - s) / 2;
        if (round > 0 && g_ascii_isalpha (text[mid]))
          text[mid] = text[mid] == 'x' ? 'y' : 'x';
        for (guint n = 0; n < 1 + round; n++)
          {
            gssize shift;
            char *edited = edit_outside (rand, text, s, e, &shift);

            g_free (text);
            text = edited;
            s += shift;
            e += shift;
          }

        match = eg_anchor_place (anchor, text, &start, &end, NULL);
        g_assert_cmpint (match, !=, EG_ANCHOR_ORPHANED);
        g_assert_cmpuint (start, ==, cp (text, s));
        g_assert_cmpuint (end, ==, cp (text, e));
        fuzzy += match == EG_ANCHOR_FUZZY;
      }
  g_test_message ("%u of %u placed approximately", fuzzy, 3 * answers->len);
  g_assert_cmpuint (fuzzy, >, answers->len);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cases = g_ptr_array_new_with_free_func (case_free);

  g_test_add_func ("/anchor/describe/code-points", test_describe_code_points);
  g_test_add_func ("/anchor/describe/bad-range", test_describe_bad_range);
  g_test_add_func ("/anchor/place/code-points", test_place_code_points);
  g_test_add_func ("/anchor/place/no-edge-space", test_place_no_edge_space);
  g_test_add_func ("/anchor/place/edge-space-trim-bounded", test_place_edge_space_trim_bounded);
  g_test_add_func ("/anchor/place/short-quote", test_place_short_quote);
  g_test_add_func ("/anchor/place/bad-input", test_place_bad_input);
  g_test_add_func ("/anchor/place/long-quote", test_place_long_quote);
  g_test_add_func ("/anchor/place/near-miss", test_place_near_miss);
  g_test_add_func ("/anchor/place/copy-survives", test_place_copy_survives);
  g_test_add_func ("/anchor/place/random-edits", test_place_random_edits);
  build_corpus ();

  status = g_test_run ();
  g_ptr_array_unref (cases);
  g_ptr_array_unref (answers);
  return status;
}

/* test-search.c - the card search: query language, filters, sorting, safety
 *
 * Every test builds the same small collection: two decks of 8 cards, states
 * set by grading, suspending, burying and flagging through the scheduler
 * and then pinned down by SQL, and a few annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "eg-core.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "search-fixture.h"

static void
test_blank (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, NULL, ALL_KEYS);
  check (&f, "", ALL_KEYS);
  check (&f, "  \t ", ALL_KEYS);
  /* white space of any kind (found by fuzz-search: a vertical tab was
   * blank to the query but a word to its parser, so that "\v" found every
   * card and "-(\v)" too; a no-break space was a syntax error) */
  check (&f, "\v", ALL_KEYS);
  check (&f, " \v\f\r\n", ALL_KEYS);
  check (&f, "\u00a0\u2003", ALL_KEYS);
  check (&f, "escape\vanalysis", "1/101 2/201 2/202");
  check_error ("-(\v)", 2, NULL);
  check_error ("-(\u00a0)", 2, NULL);
  fixture_teardown (&f);
}

static void
test_text (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  /* words: question, answer, parts (2/202's Indepth) and annotations */
  check (&f, "escape", "1/101 2/201 2/202 9/52");
  check (&f, "ESCAPE", "1/101 2/201 2/202 9/52");
  check (&f, "escape analysis", "1/101 2/201 2/202");
  check (&f, "escape AND analysis", "1/101 2/201 2/202");
  check (&f, "escapes", "1/101");
  check (&f, "bicycle", "1/103");
  check (&f, "unicorn", "");   /* a deleted note */
  check (&f, "nothing-like-this", "");
  /* prefix and phrase */
  check (&f, "analys", "");
  check (&f, "analys*", "1/101 2/201 2/202");
  check (&f, "\"escape analysis\"", "1/101 2/202");
  check (&f, "\"escape anal\"*", "1/101 2/202");
  check (&f, "\"analysis comes\"", "2/201");
  check (&f, "fmt.Println", "");
  check (&f, "GOMAXPROCS", "1/103");
  /* diacritics either way */
  check (&f, "cafe", "1/102");
  check (&f, "café", "1/102");
  check (&f, "CAFÉ", "1/102");
  check (&f, "crème", "");
  /* no letters or digits: a substring of the question or answer */
  check (&f, "--", "1/103");
  check (&f, "=>", "1/103");
  check (&f, "€", "1/102");
  check (&f, "{}", "2/202");
  check (&f, "\"--\"", "1/103");
  check (&f, ";", "1/102 2/201 2/203");
  fixture_teardown (&f);
}

static void
test_boolean (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "zebra OR sky", "2/203 9/51");
  check (&f, "zebra OR sky OR heap", "1/101 2/203 9/51 9/52");
  check (&f, "escape -analysis", "9/52");
  check (&f, "-escape", "1/102 1/103 2/203 9/51");
  check (&f, "-escape -zebra", "1/102 1/103 9/51");
  check (&f, "-\"escape analysis\"", "1/102 1/103 2/201 2/203 9/51 9/52");
  check (&f, "(zebra OR sky) -is:new", "9/51");
  check (&f, "is:review escape", "1/101 2/201 2/202");
  check (&f, "is:new OR flag:3", "1/102 2/203 9/52");
  check (&f, "-(is:new OR is:review)", "1/103");
  check (&f, "-(-(is:new))", "2/203 9/52");
  check (&f, "section:2 -is:suspended", "2/202 2/203");
  check (&f, "(escape OR zebra) (section:2 OR deck:other)", "2/201 2/202 2/203 9/52");
  check (&f, "escape OR is:suspended OR --", "1/101 1/103 2/201 2/202 9/52");
  check (&f, "(escape analysis) OR (sky AND blue)", "1/101 2/201 2/202 9/51");
  check (&f, "((((escape))))", "1/101 2/201 2/202 9/52");
  check (&f, "escape and analysis", "");   /* "and" is a word, in none of them */
  check (&f, "is:review -escape OR is:new", "1/102 2/203 9/51 9/52");
  fixture_teardown (&f);
}

static void
test_filters (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "is:new", "2/203 9/52");
  check (&f, "is:learn", "1/103 2/201");
  check (&f, "is:review", "1/101 1/102 2/201 2/202 9/51");
  check (&f, "is:due", "1/102 1/103 2/203 9/52");   /* new cards within the limit too */
  check (&f, "is:suspended", "2/201");
  check (&f, "is:buried", "2/202");
  check (&f, "is:flagged", "1/102 9/51");
  check (&f, "IS:DUE", "1/102 1/103 2/203 9/52");
  check (&f, "flag:3", "1/102");
  check (&f, "flag:1", "9/51");
  check (&f, "flag:0", "1/101 1/103 2/201 2/202 2/203 9/52");
  check (&f, "flag:7", "");

  check (&f, "section:1", "1/101 1/102 1/103");   /* a key, though "201" has a 1 */
  check (&f, "section:0", "1/101 1/102 1/103 2/201 2/202 2/203");   /* no key: headings */
  check (&f, "section:9", "9/51 9/52");
  check (&f, "section:basics", "1/101 1/102 1/103");
  check (&f, "section:BÄSICS", "1/101 1/102 1/103");
  check (&f, "section:\"go internals\"", "2/201 2/202 2/203");
  check (&f, "section:\"Go  Internals & Runtime\"", "2/201 2/202 2/203");
  check (&f, "section:runtime", "2/201 2/202 2/203");
  check (&f, "section:go", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "section:internals*", "");
  check (&f, "section:*internals*", "2/201 2/202 2/203");
  check (&f, "section:2*", "2/201 2/202 2/203");
  check (&f, "section:*", ALL_KEYS);
  check (&f, "section:x", "");
  check (&f, "deck:other", "9/51 9/52");
  check (&f, "deck:search-deck", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "deck:\"Other Notes\"", "9/51 9/52");
  check (&f, "deck:notes", "9/51 9/52");
  check (&f, "deck:*deck", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "deck:deck", "1/101 1/102 1/103 2/201 2/202 2/203");

  check (&f, "rated:1", "1/101");
  check (&f, "rated:2", "1/101 9/51");
  check (&f, "rated:3", "1/101 2/203 9/51");
  check (&f, "rated:4", "1/101 1/103 2/203 9/51");
  check (&f, "rated:365", "1/101 1/103 2/203 9/51");

  check (&f, "has:note", "1/103");
  check (&f, "has:highlight", "2/203");
  check (&f, "has:Note", "1/103");
  fixture_teardown (&f);
}

static void
test_props (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "prop:ivl>5", "1/101 2/202");
  check (&f, "prop:ivl>=3", "1/101 1/102 2/202");
  check (&f, "prop:ivl<1", "1/103 2/201");
  check (&f, "prop:ivl<=1", "1/103 2/201 9/51");
  check (&f, "prop:ivl=1", "9/51");
  check (&f, "prop:ivl!=0", "1/101 1/102 2/202 9/51");
  check (&f, "prop:ivl>2.5", "1/101 1/102 2/202");
  check (&f, "prop:due<=0", "1/102 1/103 2/201 2/202");
  check (&f, "prop:due<0", "1/102");
  check (&f, "prop:due=1", "9/51");
  check (&f, "prop:due>1", "1/101");
  check (&f, "prop:due>=-2", "1/101 1/102 1/103 2/201 2/202 9/51");
  check (&f, "prop:s>10", "1/101 2/202");
  check (&f, "prop:s<=1", "1/102 1/103 2/201");
  check (&f, "prop:s>1.2", "1/101 2/202 9/51");
  check (&f, "prop:d<5", "1/101 2/202");
  check (&f, "prop:d>=7.5", "1/102 2/201");
  check (&f, "prop:reps>3", "1/102 2/201 2/202");
  check (&f, "prop:reps=0", "2/203 9/52");
  check (&f, "prop:lapses>=2", "1/102 2/201");
  check (&f, "prop:lapses>0", "1/102 2/201 2/202");
  check (&f, "prop:LAPSES>0", "1/102 2/201 2/202");
  /* retrievability: 1/102 0.76, 2/201 0.90, 9/51 0.93, 2/202 0.94, 1/101 0.98, 1/103 1 */
  check (&f, "prop:r<0.8", "1/102");
  check (&f, "prop:r<0.95", "1/102 2/201 2/202 9/51");
  check (&f, "prop:r>=0.95", "1/101 1/103");
  check (&f, "prop:r>=0", "1/101 1/102 1/103 2/201 2/202 9/51");
  check (&f, "-prop:r>=0", "2/203 9/52");
  check (&f, "prop:r<0.95 prop:ivl>5", "2/202");
  fixture_teardown (&f);
}

static void
test_sort (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check_sorted (&f, NULL, EG_SORT_DECK_ORDER, TRUE, "9/52 9/51 2/203 2/202 2/201 1/103 1/102 1/101");
  check_sorted (&f, NULL, EG_SORT_NUMBER, FALSE, "9/51 9/52 1/101 1/102 1/103 2/201 2/202 2/203");
  check_sorted (&f, NULL, EG_SORT_NUMBER, TRUE, "2/203 2/202 2/201 1/103 1/102 1/101 9/52 9/51");
  /* apple, how, tricky, what is a heap, what is an escape, what is escape, where, why */
  check_sorted (&f, NULL, EG_SORT_QUESTION, FALSE, "2/203 1/103 2/202 9/52 2/201 1/101 1/102 9/51");
  check_sorted (&f, NULL, EG_SORT_QUESTION, TRUE, "9/51 1/102 1/101 2/201 9/52 2/202 1/103 2/203");
  /* ties stay in deck order either way */
  check_sorted (&f, NULL, EG_SORT_SECTION, FALSE, ALL_KEYS);
  check_sorted (&f, NULL, EG_SORT_SECTION, TRUE, "9/51 9/52 2/201 2/202 2/203 1/101 1/102 1/103");
  /* new cards last either way */
  check_sorted (&f, NULL, EG_SORT_DUE, FALSE, "1/102 2/202 1/103 2/201 9/51 1/101 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_DUE, TRUE, "1/101 9/51 2/201 1/103 2/202 1/102 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_INTERVAL, FALSE, "1/103 2/201 9/51 1/102 1/101 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_STABILITY, TRUE, "2/202 1/101 9/51 1/102 2/201 1/103 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_STABILITY, FALSE, "1/103 1/102 2/201 9/51 1/101 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_DIFFICULTY, FALSE, "2/202 1/101 9/51 1/103 1/102 2/201 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_RETRIEVABILITY, FALSE,
                "1/102 2/201 9/51 2/202 1/101 1/103 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_RETRIEVABILITY, TRUE,
                "1/103 1/101 2/202 9/51 2/201 1/102 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_REVIEWS, FALSE, "2/203 9/52 1/103 9/51 1/101 2/202 1/102 2/201");
  check_sorted (&f, NULL, EG_SORT_LAPSES, FALSE, "1/101 1/103 2/203 9/51 9/52 2/202 1/102 2/201");
  check_sorted (&f, NULL, EG_SORT_LAPSES, TRUE, "2/201 1/102 2/202 1/101 1/103 2/203 9/51 9/52");
  check_sorted (&f, NULL, EG_SORT_FLAG, FALSE, "1/101 1/103 2/201 2/202 2/203 9/52 9/51 1/102");
  check_sorted (&f, NULL, EG_SORT_FLAG, TRUE, "1/102 9/51 1/101 1/103 2/201 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_MODIFIED, FALSE, "2/202 9/52 1/101 2/201 1/103 9/51 1/102 2/203");
  check_sorted (&f, NULL, EG_SORT_MODIFIED, TRUE, "2/203 1/102 9/51 1/103 2/201 1/101 9/52 2/202");
  /* a filtered sort */
  check_sorted (&f, "escape", EG_SORT_QUESTION, FALSE, "2/202 9/52 2/201 1/101");
  check_sorted (&f, "escape", EG_SORT_QUESTION, TRUE, "1/101 2/201 9/52 2/202");
  check_sorted (&f, "is:review", EG_SORT_DUE, TRUE, "1/101 9/51 2/201 2/202 1/102");
  fixture_teardown (&f);
}

typedef struct
{
  int         number;
  const char *folded;
} Question;

static int
compare_questions (gconstpointer a,
                   gconstpointer b)
{
  const Question *x = a, *y = b;
  int c = strcmp (x->folded, y->folded);

  return c != 0 ? c : x->number - y->number;
}

/* Sorting by question compares whole texts, also many that share a long
 * beginning, and keeps equal ones in deck order.
 */
static void
test_sort_long_texts (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) deck = g_string_new ("# Long Questions\n\n## From 7 Long\n\n# Long\n\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) reversed = g_string_new (NULL);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Question questions[700];
  const guint n = G_N_ELEMENTS (questions);

  fixture_setup (&f);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) tail = g_string_new (NULL);
      int length = g_rand_int_range (rand, 0, 40);

      for (int j = 0; j < length; j++)
        g_string_append_c (tail, "aAb "[g_rand_int_range (rand, 0, 4)]);
      g_strchomp (tail->str);
      g_string_append_printf (deck, "### %u. **The** same `long` beginning of more than "
                              "forty characters: %s\nA.\n\n---\n\n", i + 1, tail->str);
      g_ptr_array_add (folded, g_ascii_strdown (tail->str, -1));
      questions[i] = (Question) { i + 1, NULL };
    }
  import (&f, "long.md", deck->str, f.now);

  for (guint i = 0; i < n; i++)
    questions[i].folded = g_ptr_array_index (folded, i);
  qsort (questions, n, sizeof (Question), compare_questions);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (expected, "%s7/%d", i ? " " : "", questions[i].number);
  /* descending: the same groups of equal texts in reverse, each in deck order */
  for (guint i = n; i > 0;)
    {
      guint start = i - 1;

      while (start > 0 && strcmp (questions[start - 1].folded, questions[i - 1].folded) == 0)
        start--;
      for (guint j = start; j < i; j++)
        g_string_append_printf (reversed, "%s7/%d", reversed->len ? " " : "",
                                questions[j].number);
      i = start;
    }

  check_sorted (&f, "deck:long", EG_SORT_QUESTION, FALSE, expected->str);
  check_sorted (&f, "deck:long", EG_SORT_QUESTION, TRUE, reversed->str);
  fixture_teardown (&f);
}

static void
test_deleted (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  exec_sql (&f, "UPDATE cards SET deleted = 1 WHERE key = '9/52'");
  check (&f, NULL, "1/101 1/102 1/103 2/201 2/202 2/203 9/51");
  check (&f, "heap", "1/101");
  check (&f, "is:new", "2/203");
  check (&f, "-escape", "1/102 1/103 2/203 9/51");
  check_sorted (&f, NULL, EG_SORT_QUESTION, FALSE, "2/203 1/103 2/202 2/201 1/101 1/102 9/51");
  fixture_teardown (&f);
}

static void
test_syntax_errors (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new (NULL);

  check_error ("foo:bar", 1, "“foo:”");
  check_error ("escape Foo:x", 8, "“Foo:”");
  check_error ("col:foo", 1, "“col:”");
  check_error ("café \"abc", 6, "“\"”");
  check_error ("\" OR 1=1 --", 1, "never closed");
  check_error ("section:\"Go", 9, "never closed");
  check_error ("a OR", 3, "“OR”");
  check_error ("OR a", 1, "“OR”");
  check_error ("a OR OR b", 3, "“OR”");
  check_error ("(a OR) b", 4, "“OR”");
  check_error ("a AND", 3, "“AND”");
  check_error ("AND a", 1, "“AND”");
  check_error ("a AND OR b", 3, "“AND”");
  check_error ("(a b", 1, "“(”");
  check_error ("((a) b", 1, "“(”");
  check_error ("a b)", 4, "“)”");
  check_error (")", 1, "“)”");
  check_error ("()", 1, "Empty parentheses");
  check_error ("- a", 1, "“-”");
  check_error ("a -", 3, "“-”");
  check_error ("(a -)", 4, "“-”");
  check_error ("-OR a", 1, "“-”");
  check_error ("\"\"", 1, "Empty phrase");
  check_error ("is:soon", 4, "“soon”");
  check_error ("is:", 1, "“is:”");
  check_error ("has:x", 5, "“x”");
  check_error ("flag:8", 6, "“8”");
  check_error ("flag:-1", 6, "“-1”");
  check_error ("flag:1.0", 6, "“1.0”");
  check_error ("rated:0", 7, "“0”");
  check_error ("rated:x", 7, "“x”");
  check_error ("rated:36501", 7, "“36501”");
  check_error ("section:", 1, "“section:”");
  check_error ("section:\"\"", 1, "“section:”");
  check_error ("section:🟢", 1, "names nothing");
  check_error ("question:escape", 1, "“question:”");
  check_error ("prop:foo>1", 6, "“foo”");
  check_error ("prop:ivl", 9, "prop:ivl");
  check_error ("prop:ivl=>1", 10, "“>1”");
  check_error ("prop:ivl>x", 10, "“x”");
  check_error ("prop:ivl>", 10, "“”");
  check_error ("prop:r<0.8.1", 8, "“0.8.1”");
  check_error ("prop:ivl>1e9", 10, "“1e9”");
  check_error ("prop:>1", 6, "“>1”");
  check_error ("prop:ivl>1; DROP TABLE x", 10, "“1;”");

  for (int i = 0; i < 40; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "a");
  check_error (deep->str, 33, "levels deep");
  for (int i = 0; i < 300; i++)
    g_string_append (many, "w ");
  g_assert_null (eg_search_new (many->str, NULL));
}

/* eg_retrievability() in SQL is eg_fsrs_retrievability() with the collection's
 * parameters (here the defaults), also for stabilities that are not rounded
 * to 8 decimals.
 */
static void
test_retrievability_function (void)
{
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  EgFsrsParams params;

  fixture_setup (&f);
  g_free (search_keys (&f, "prop:r<2", EG_SORT_DECK_ORDER, FALSE, NULL));   /* registers it */
  stmt = _eg_store_prepare (f.store, "SELECT eg_retrievability (?1, ?2, ?3)", NULL);
  g_assert_nonnull (stmt);
  eg_fsrs_params_init_default (&params);

  for (int i = 0; i < 20000; i++)
    {
      EgFsrsCard card;
      double s;
      double expected;
      gint64 last = f.now - g_rand_int_range (rand, 0, 400) * DAY - g_rand_int_range (rand, 0, DAY);

      switch (i % 4)
        {
        case 0:
          s = eg_fsrs_round8 (g_rand_double_range (rand, 0.001, 36500));
          break;
        case 1:
          s = g_rand_double_range (rand, 0, 100);
          break;
        case 2:
          s = g_rand_int_range (rand, 1, 1000) / 3.0;
          break;
        default:
          s = g_rand_int_range (rand, 0, 200000) / 1e8 + 0.000000005;
          break;
        }
      eg_fsrs_card_init_new (&card, 0);
      card.state = EG_FSRS_STATE_REVIEW;
      card.stability = s;
      card.last_review = last;
      expected = eg_fsrs_retrievability (&params, &card, f.now);

      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, s);
      sqlite3_bind_int64 (stmt, 2, last);
      sqlite3_bind_int64 (stmt, 3, f.now);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_double (stmt, 0) != expected)
        {
          g_test_fail_printf ("S = %.17g: %.17g, expected %.17g", s,
                              sqlite3_column_double (stmt, 0), expected);
          break;
        }
    }
  fixture_teardown (&f);
}

/* With the collection's own FSRS weights, prop:r and the sort by
 * retrievability use the same retrievability as the scheduler (which the
 * library's table shows), not the default model's.
 */
static void
test_retrievability_settings (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) by_r = g_string_new (NULL);
  EgSchedulerSettings settings;
  const EgFsrsParams *params;
  double r[8];
  guint n = 0;

  fixture_setup (&f);
  eg_scheduler_settings_init (&settings);
  g_assert_true (eg_scheduler_settings_load (&settings, f.store, &error));
  settings.weights[20] = 0.6;   /* a steeper forgetting curve than the default 0.1542 */
  g_assert_true (eg_scheduler_set_settings (f.scheduler, &settings, &error));
  g_assert_no_error (error);
  eg_scheduler_settings_clear (&settings);
  params = eg_scheduler_get_params (f.scheduler);

  /* the reviewed cards in deck order, with the scheduler's retrievability */
  cards = eg_store_list_cards (f.store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      EgFsrsCard fsrs;

      if (card->state.state == EG_FSRS_STATE_NEW)
        continue;
      eg_card_state_to_fsrs (&card->state, &fsrs);
      r[n++] = eg_fsrs_retrievability (params, &fsrs, f.now);
      g_assert_cmpuint (n, <=, G_N_ELEMENTS (r));
    }

  /* prop:r<X finds exactly the cards whose retrievability is below X */
  for (guint i = 0; i < n; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *query = g_strdup_printf ("prop:r<%s",
                                                g_ascii_dtostr (number, sizeof number, r[i]));
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint c = 0, k = 0; c < cards->len; c++)
        {
          EgCard *card = g_ptr_array_index (cards, c);

          if (card->state.state == EG_FSRS_STATE_NEW)
            continue;
          if (r[k++] < r[i])
            g_string_append_printf (expected, "%s%s", expected->len ? " " : "", card->key);
        }
      check (&f, query, expected->str);
    }

  /* and the sort by retrievability is the scheduler's order, new cards
   * last (a selection sort: r[k] is -1 once card k is placed) */
  for (guint done = 0; done < n; done++)
    {
      guint best = G_MAXUINT;

      for (guint k = 0; k < n; k++)
        if (r[k] >= 0 && (best == G_MAXUINT || r[k] < r[best]))
          best = k;
      for (guint c = 0, k = 0; c < cards->len; c++)
        {
          EgCard *card = g_ptr_array_index (cards, c);

          if (card->state.state == EG_FSRS_STATE_NEW)
            continue;
          if (k++ == best)
            g_string_append_printf (by_r, "%s%s", by_r->len ? " " : "", card->key);
        }
      r[best] = -1;
    }
  g_string_append (by_r, " 2/203 9/52");
  check_sorted (&f, "", EG_SORT_RETRIEVABILITY, FALSE, by_r->str);
  fixture_teardown (&f);
}

/* Writes a message catalog (.mo) that translates @msgid as @msgstr. */
static void
write_catalog (const char *path,
               const char *msgid,
               const char *msgstr)
{
  const char *header = "Content-Type: text/plain; charset=UTF-8\n";
  /* the original strings sorted: "" (the header's) first */
  const char *originals[] = { "", msgid };
  const char *translations[] = { header, msgstr };
  g_autoptr(GByteArray) mo = g_byte_array_new ();
  guint32 words[7] = { 0x950412de, 0, 2, 28, 28 + 16, 0, 28 + 32 };
  guint32 offset = 28 + 32;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (mo, (const guint8 *) words, sizeof words);
  for (int table = 0; table < 2; table++)
    for (int i = 0; i < 2; i++)
      {
        const char *text = table == 0 ? originals[i] : translations[i];
        guint32 entry[2] = { strlen (text), 0 };

        entry[1] = offset;
        offset += strlen (text) + 1;
        g_byte_array_append (mo, (const guint8 *) entry, sizeof entry);
      }
  for (int table = 0; table < 2; table++)
    for (int i = 0; i < 2; i++)
      {
        const char *text = table == 0 ? originals[i] : translations[i];

        g_byte_array_append (mo, (const guint8 *) text, strlen (text) + 1);
      }
  g_assert_true (g_file_set_contents (path, (const char *) mo->data, mo->len, &error));
  g_assert_no_error (error);
}

/* The search's messages reach the user in the user's language. */
static void
test_errors_translated (void)
{
  g_autofree char *dir = eg_test_tmp_path ("locale");
  g_autofree char *messages = g_build_filename (dir, "xx", "LC_MESSAGES", NULL);
  g_autofree char *catalog = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = NULL;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  write_catalog (catalog, "Empty phrase at column %d", "Phrase vide à la colonne %d");
  g_setenv ("LANGUAGE", "xx", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);

  search = eg_search_new ("escape \"  \"", &error);
  g_assert_null (search);
  g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, "Phrase vide à la colonne 8");

  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
}



int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-search");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/search/blank", test_blank);
  g_test_add_func ("/search/text", test_text);
  g_test_add_func ("/search/boolean", test_boolean);
  g_test_add_func ("/search/filters", test_filters);
  g_test_add_func ("/search/props", test_props);
  g_test_add_func ("/search/sort", test_sort);
  g_test_add_func ("/search/sort-long-texts", test_sort_long_texts);
  g_test_add_func ("/search/deleted", test_deleted);
  g_test_add_func ("/search/syntax-errors", test_syntax_errors);
  g_test_add_func ("/search/errors-translated", test_errors_translated);
  g_test_add_func ("/search/retrievability-function", test_retrievability_function);
  g_test_add_func ("/search/retrievability-settings", test_retrievability_settings);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

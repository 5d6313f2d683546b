/* test-search-scope.c - a search run in a scope (a deck, a saved search),
 * and the terms a card view highlights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

static const char deck_a[] =
  "# Scope Deck\n\n"
  "# Basics\n\n"
  "### 1. What is escape analysis?\n"
  "The compiler decides whether a value escapes to the heap.\n\n---\n\n"
  "### 2. Where can I buy a café au lait?\n"
  "Around the corner => there.\n";

static const char deck_b[] =
  "# Other Deck\n\n"
  "# Misc\n\n"
  "### 1. What is a zebra?\n"
  "An animal, not an escape hatch.\n";

static EgStore *
open_store (void)
{
  g_autofree char *db = eg_test_tmp_path ("scope.db");
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_store_open (db, &error);
  const char *decks[] = { deck_a, deck_b };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (decks); i++)
    {
      g_autofree char *name = g_strdup_printf ("deck-%u.md", i);
      g_autofree char *path = eg_test_tmp_path (name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(EgImportReport) report = NULL;

      g_assert_true (g_file_set_contents (path, decks[i], -1, NULL));
      report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                               NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return store;
}

static guint
count (EgStore            *store,
       const char         *query,
       const char * const *scopes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new_scoped (query, scopes, &error);
  g_autoptr(GArray) ids = NULL;

  g_assert_no_error (error);
  if (search == NULL)
    return G_MAXUINT;
  ids = eg_search_card_ids (store, search, EG_SORT_DECK_ORDER, FALSE, eg_time_now_ms (), &error);
  g_assert_no_error (error);
  return ids ? ids->len : G_MAXUINT;
}

/* A wrong query in a scope names the columns of the query as typed: the
 * scope is not pasted in front of it. */
static void
test_error_columns (void)
{
  const char *scopes[] = { "is:due", "deck:\"scope-deck\"", NULL };
  const char *saved[] = { "has:note OR has:highlight", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = NULL;

  search = eg_search_new_scoped ("escape foo:bar", scopes, &error);
  g_assert_null (search);
  g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
  if (error != NULL && strstr (error->message, "“foo:” at column 8;") == NULL)
    g_test_fail_printf ("the error says “%s”, not column 8", error->message);
  g_clear_error (&error);

  search = eg_search_new_scoped ("escape foo:bar", saved, &error);
  g_assert_null (search);
  if (error != NULL && strstr (error->message, "at column 8;") == NULL)
    g_test_fail_printf ("the error says “%s”, not column 8", error->message);
  g_clear_error (&error);

  search = eg_search_new_scoped ("(escape", saved, &error);
  g_assert_null (search);
  if (error != NULL && strstr (error->message, "at column 1 ") == NULL)
    g_test_fail_printf ("the error says “%s”, not column 1", error->message);
}

/* The scopes and the query must all match: an OR in the query does not
 * reach out of the scope. */
static void
test_scope_and (void)
{
  g_autoptr(EgStore) store = open_store ();
  const char *deck[] = { "deck:\"scope-deck\"", NULL };
  const char *other[] = { "deck:\"other-deck\"", NULL };
  const char *new_in_deck[] = { "is:new", "deck:\"scope-deck\"", NULL };
  const char *suspended[] = { "is:suspended", NULL };

  g_assert_cmpuint (count (store, "escape", NULL), ==, 2);
  g_assert_cmpuint (count (store, "escape", deck), ==, 1);
  g_assert_cmpuint (count (store, "escape", other), ==, 1);
  g_assert_cmpuint (count (store, "zebra OR café", deck), ==, 1);
  g_assert_cmpuint (count (store, "zebra OR café", new_in_deck), ==, 1);
  g_assert_cmpuint (count (store, "", deck), ==, 2);
  g_assert_cmpuint (count (store, NULL, new_in_deck), ==, 2);
  g_assert_cmpuint (count (store, "escape", suspended), ==, 0);
}

static void
check_terms (const char         *query,
             const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new (query, &error);
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  g_assert_no_error (error);
  if (search == NULL)
    return;
  got = g_strjoinv ("|", (char **) eg_search_get_terms (search));
  want = g_strjoinv ("|", (char **) expected);
  if (g_strcmp0 (got, want) != 0)
    g_test_fail_printf ("“%s”: terms “%s”, expected “%s”", query, got, want);
}

/* The terms to highlight: words, phrases (their words one space apart),
 * prefixes with '*', literals; not what is negated, not filters; each once. */
static void
test_terms (void)
{
  const char *none[] = { NULL };
  const char *words[] = { "escape", "analysis", NULL };
  const char *phrase[] = { "escape analysis", "escape", NULL };
  const char *mixed[] = { "heap analysis", "gorout*", "=>", "café", "escape", NULL };
  const char *inner[] = { "M N", "say", "work steal*", NULL };
  const char *scoped[] = { "deck:\"scope-deck\"", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = NULL;

  check_terms ("", none);
  check_terms ("is:due section:3 prop:lapses>2", none);
  check_terms ("escape analysis", words);
  check_terms ("\"escape analysis\" escape", phrase);
  check_terms ("escape escape analysis", words);
  check_terms ("\"heap analysis\" gorout* => OR café -zebra -(a b) escape is:new", mixed);
  check_terms ("\"M:N\" say \"work steal\"*", inner);

  /* the scope's words are not the user's */
  search = eg_search_new_scoped ("escape analysis", scoped, &error);
  g_assert_no_error (error);
  if (search != NULL)
    {
      g_autofree char *got = g_strjoinv ("|", (char **) eg_search_get_terms (search));
      g_assert_cmpstr (got, ==, "escape|analysis");
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-search-scope");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/search-scope/error-columns", test_error_columns);
  g_test_add_func ("/search-scope/and", test_scope_and);
  g_test_add_func ("/search-scope/terms", test_terms);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

/* test-store-annotations.c - highlights and notes in the collection
 *
 * A small deck (three cards, one with a part) and the shipped deck; every
 * change is checked through the store's own reads, the full-text search and
 * a reopened collection, and every refusal leaves the table as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "annotations-fixture.h"
#include "eg-test-util.h"

/* A highlight is stored with the selectors of its passage in the rendered
 * text, the card's hash, and its comment and colour; get reads it back. */
static void
test_add_get (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EgCard) card = card_of (f->store, f->c101);
  g_autoptr(EgAnnotation) a = NULL;
  g_autoptr(EgAnnotation) b = NULL;
  guint start, end;
  gint64 id, id2;

  id = highlight (f, f->c101, "answer", "escapes", 0, "Why *heap*?", "green");
  a = get (f, id);
  find_passage (f->store, f->c101, "answer", "escapes", 0, &start, &end);
  g_assert_cmpint (a->id, ==, id);
  g_assert_cmpint (a->card_id, ==, f->c101);
  g_assert_cmpstr (a->card_key, ==, "1/101");
  g_assert_cmpint (a->kind, ==, EG_ANNOTATION_HIGHLIGHT);
  g_assert_cmpstr (a->field, ==, "answer");
  g_assert_cmpstr (a->anchor->exact, ==, "escapes");
  /* the rendered text: no Markdown stars around the word */
  /* the rendered text, without the Markdown stars around the word, and 32
   * code points of context on each side */
  g_assert_cmpstr (a->anchor->prefix, ==, "ompiler decides whether a value ");
  g_assert_cmpstr (a->anchor->suffix, ==, " to the heap; a value that escap");
  g_assert_cmpuint (a->anchor->start, ==, start);
  g_assert_cmpuint (a->anchor->end, ==, end);
  g_assert_cmpuint (a->anchor->start, ==, strlen ("The compiler decides whether a value "));
  g_assert_cmpstr (a->body, ==, "Why *heap*?");
  g_assert_cmpstr (a->color, ==, "green");
  g_assert_cmpstr (a->card_hash, ==, card->content_hash);
  g_assert_false (a->orphaned);
  g_assert_cmpint (a->created, ==, NOW);
  g_assert_cmpint (a->modified, ==, NOW);
  g_assert_cmpint (a->deleted, ==, 0);

  /* the second "escapes"; no comment; the default colour; code points, not
   * bytes, in a field with non-ASCII text before the passage */
  id2 = highlight (f, f->c101, "answer", "escapes", 1, NULL, NULL);
  b = get (f, id2);
  g_assert_cmpstr (b->anchor->exact, ==, "escapes");
  g_assert_cmpuint (b->anchor->start, >, a->anchor->end);
  g_assert_cmpstr (b->body, ==, "");
  g_assert_cmpstr (b->color, ==, EG_ANNOTATION_DEFAULT_COLOR);
  /* a paragraph ends with a line break */
  g_assert_cmpstr (b->anchor->suffix, ==, " is allocated on the heap.\n");
}

/* Offsets count code points: a passage after "é" and "€" */
static void
test_code_points (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) a = NULL;
  gint64 card_id, id;
  guint start, end;

  import_into (f->store, "utf8.md",
               "# Other\n\n## From 2 Café\n\n# Café\n\n"
               "### 201. Price?\nUn café coûte 3 € à Paris.\n");
  card_id = id_of (f->store, "2/201");
  find_passage (f->store, card_id, "answer", "Paris", 0, &start, &end);
  g_assert_cmpuint (start, ==, 20);
  id = eg_store_add_highlight (f->store, card_id, "answer", start, end, NULL, "pink", NOW,
                               &error);
  g_assert_no_error (error);
  a = get (f, id);
  g_assert_cmpstr (a->anchor->exact, ==, "Paris");
  g_assert_cmpstr (a->anchor->prefix, ==, "Un café coûte 3 € à ");
  g_assert_cmpstr (a->anchor->suffix, ==, ".\n");
}

/* A card's annotations: question, answer, parts, by place; the note last;
 * every card's by deck order.  Counts of cards' annotations. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected_one = NULL;
  g_autofree char *expected_all = NULL;
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ids[8];
  gint64 cards[3];

  ids[0] = eg_store_set_note (f->store, f->c101, "My **note**", NOW, &error);
  g_assert_no_error (error);
  ids[1] = highlight (f, f->c101, "part:Indepth", "cheaper", 0, NULL, NULL);
  ids[2] = highlight (f, f->c101, "answer", "heap", 1, NULL, NULL);
  ids[3] = highlight (f, f->c101, "question", "escape", 0, NULL, NULL);
  ids[4] = highlight (f, f->c101, "answer", "compiler", 0, NULL, NULL);
  ids[5] = highlight (f, f->c103, "answer", "Rayleigh", 0, NULL, NULL);
  ids[6] = highlight (f, f->c102, "answer", "thread", 0, "cheap", NULL);

  one = list_ids (f->store, f->c101, EG_STORE_ANNOTATIONS_DEFAULT);
  {
    gint64 order[] = { ids[3], ids[4], ids[2], ids[1], ids[0] };

    expected_one = ids_text (order, G_N_ELEMENTS (order));
  }
  g_assert_cmpstr (one, ==, expected_one);

  all = list_ids (f->store, 0, EG_STORE_ANNOTATIONS_DEFAULT);
  {
    gint64 order[] = { ids[3], ids[4], ids[2], ids[1], ids[0], ids[6], ids[5] };

    expected_all = ids_text (order, G_N_ELEMENTS (order));
  }
  g_assert_cmpstr (all, ==, expected_all);

  cards[0] = f->c101;
  cards[1] = f->c103;
  g_assert_cmpuint (eg_store_count_annotations (f->store, cards, 2, &error), ==, 6);
  g_assert_cmpuint (eg_store_count_annotations (f->store, cards, 0, &error), ==, 0);
  cards[0] = f->c102;
  g_assert_cmpuint (eg_store_count_annotations (f->store, cards, 1, &error), ==, 1);
  g_assert_no_error (error);

  /* more cards than one statement takes, each many times */
  for (guint i = 0; i < 1500; i++)
    {
      gint64 card_id = (i % 3 == 0) ? f->c101 : (i % 3 == 1) ? f->c102 : 1000000 + i;

      g_array_append_val (many, card_id);
    }
  g_assert_cmpuint (eg_store_count_annotations (f->store, &g_array_index (many, gint64, 0), many->len,
                                                &error), ==, 6);
  g_assert_no_error (error);

  /* a deleted card's annotations are left out of the list of every card */
  g_assert_true (_eg_store_exec (f->store, "UPDATE cards SET deleted = 1 WHERE key = '1/102'",
                                 &error));
  g_clear_pointer (&all, g_free);
  all = list_ids (f->store, 0, EG_STORE_ANNOTATIONS_DEFAULT);
  g_clear_pointer (&expected_all, g_free);
  {
    gint64 order[] = { ids[3], ids[4], ids[2], ids[1], ids[0], ids[5] };

    expected_all = ids_text (order, G_N_ELEMENTS (order));
  }
  g_assert_cmpstr (all, ==, expected_all);
}

/* Comments and colours change; NULL keeps them; only white space is no
 * comment. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = highlight (f, f->c102, "answer", "lightweight", 0, "first", "blue");

  g_assert_true (eg_store_update_annotation (f->store, id, "second", NULL, NOW + 10, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_cmpstr (a->body, ==, "second");
    g_assert_cmpstr (a->color, ==, "blue");
    g_assert_cmpint (a->created, ==, NOW);
    g_assert_cmpint (a->modified, ==, NOW + 10);
  }

  g_assert_true (eg_store_update_annotation (f->store, id, NULL, "pink", NOW + 20, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_cmpstr (a->body, ==, "second");
    g_assert_cmpstr (a->color, ==, "pink");
    g_assert_cmpstr (a->anchor->exact, ==, "lightweight");
  }

  g_assert_true (eg_store_update_annotation (f->store, id, " \n\t", NULL, NOW + 30, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_cmpstr (a->body, ==, "");
    g_assert_cmpint (a->deleted, ==, 0);
  }
}

/* One note per card: set, replaced, cleared, set again. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) none = NULL;
  gint64 id, again, cleared, fresh;

  none = eg_store_get_note (f->store, f->c102, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  id = eg_store_set_note (f->store, f->c102, "Goroutines are *cheap*.", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(EgAnnotation) note = eg_store_get_note (f->store, f->c102, &error);

    g_assert_no_error (error);
    g_assert_nonnull (note);
    g_assert_cmpint (note->id, ==, id);
    g_assert_cmpint (note->kind, ==, EG_ANNOTATION_NOTE);
    g_assert_cmpstr (note->field, ==, "");
    g_assert_null (note->anchor);
    g_assert_null (note->color);
    g_assert_cmpstr (note->body, ==, "Goroutines are *cheap*.");
    g_assert_cmpstr (note->card_key, ==, "1/102");
  }

  again = eg_store_set_note (f->store, f->c102, "Replaced.", NOW + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  {
    g_autoptr(EgAnnotation) note = eg_store_get_note (f->store, f->c102, &error);

    g_assert_cmpstr (note->body, ==, "Replaced.");
    g_assert_cmpint (note->created, ==, NOW);
    g_assert_cmpint (note->modified, ==, NOW + 1);
  }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM annotations"), ==, 1);

  cleared = eg_store_set_note (f->store, f->c102, "  \n ", NOW + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cleared, ==, id);
  {
    g_autoptr(EgAnnotation) note = eg_store_get_note (f->store, f->c102, &error);
    g_autoptr(EgAnnotation) row = get (f, id);

    g_assert_no_error (error);
    g_assert_null (note);
    g_assert_cmpint (row->deleted, ==, NOW + 2);
    g_assert_cmpstr (row->body, ==, "Replaced.");
  }
  check_listed (f->store, f->c102, "");

  /* clearing again writes nothing and names the deleted note */
  {
    g_autofree char *before = table_state (f->store);
    g_autofree char *after = NULL;

    g_assert_cmpint (eg_store_set_note (f->store, f->c102, "", NOW + 3, &error), ==, id);
    after = table_state (f->store);
    g_assert_cmpstr (after, ==, before);
  }

  fresh = eg_store_set_note (f->store, f->c102, "New.", NOW + 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fresh, !=, id);
  {
    g_autoptr(EgAnnotation) note = eg_store_get_note (f->store, f->c102, &error);

    g_assert_cmpint (note->id, ==, fresh);
    g_assert_cmpstr (note->body, ==, "New.");
  }

  /* a card that never had a note: clearing returns a deleted note */
  cleared = eg_store_set_note (f->store, f->c103, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cleared, >, 0);
  {
    g_autoptr(EgAnnotation) row = get (f, cleared);

    g_assert_cmpint (row->kind, ==, EG_ANNOTATION_NOTE);
    g_assert_cmpint (row->deleted, !=, 0);
  }
  check_listed (f->store, f->c103, "");

  /* a note's text through update; no colour; empty deletes it */
  g_assert_true (eg_store_update_annotation (f->store, fresh, "Updated.", NULL, NOW + 5, &error));
  g_assert_no_error (error);
  g_assert_false (eg_store_update_annotation (f->store, fresh, NULL, "green", NOW + 6, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (eg_store_update_annotation (f->store, fresh, "", NULL, NOW + 7, &error));
  g_assert_no_error (error);
  g_assert_null (eg_store_get_note (f->store, f->c102, &error));
  g_assert_no_error (error);

  /* no such card */
  g_assert_null (eg_store_get_note (f->store, 999999, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND);
}

/* Deleting keeps the row, marked; a copy put back restores it (undo), or
 * deletes a new one again. */
static void
test_delete_put (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) copy = NULL;
  g_autofree char *listed = NULL;
  gint64 id = highlight (f, f->c102, "answer", "runtime", 0, "wombat", "blue");
  gint64 other = highlight (f, f->c102, "answer", "thread", 0, NULL, NULL);
  g_autofree char *both = NULL;

  {
    gint64 order[] = { other, id };

    both = ids_text (order, 2);
  }
  copy = get (f, id);
  g_assert_true (eg_store_delete_annotation (f->store, id, NOW + 5, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) row = get (f, id);

    g_assert_cmpint (row->deleted, ==, NOW + 5);
    g_assert_cmpstr (row->body, ==, "wombat");
  }
  listed = list_ids (f->store, f->c102, 0);
  g_assert_cmpint (g_ascii_strtoll (listed, NULL, 10), ==, other);
  g_assert_null (strchr (listed, ' '));
  check_search (f->store, "wombat", "");

  /* undo: the copy from before */
  g_assert_true (eg_store_put_annotation (f->store, copy, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_free);
  listed = list_ids (f->store, f->c102, 0);
  g_assert_cmpstr (listed, ==, both);
  {
    g_autoptr(EgAnnotation) row = get (f, id);

    g_assert_cmpint (row->deleted, ==, 0);
    g_assert_cmpstr (row->body, ==, "wombat");
    g_assert_cmpstr (row->color, ==, "blue");
    g_assert_cmpstr (row->anchor->exact, ==, "runtime");
    g_assert_cmpuint (row->anchor->start, ==, copy->anchor->start);
    g_assert_cmpstr (row->card_hash, ==, copy->card_hash);
    g_assert_cmpint (row->modified, ==, copy->modified);
  }
  check_search (f->store, "wombat", "1/102");

  /* undo of an add: the new row, deleted */
  g_clear_pointer (&copy, eg_annotation_free);
  copy = get (f, id);
  copy->deleted = NOW + 6;
  g_assert_true (eg_store_put_annotation (f->store, copy, &error));
  g_assert_no_error (error);
  check_search (f->store, "wombat", "");
  {
    g_autoptr(EgAnnotation) row = get (f, id);

    g_assert_cmpint (row->deleted, ==, NOW + 6);
  }

  /* a copy of a row that is gone altogether is written back with its id */
  copy->deleted = 0;
  g_assert_true (_eg_store_exec (f->store, "DELETE FROM annotations", &error));
  g_assert_true (eg_store_put_annotation (f->store, copy, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_free);
  listed = list_ids (f->store, f->c102, 0);
  g_assert_cmpint (g_ascii_strtoll (listed, NULL, 10), ==, id);
  check_search (f->store, "wombat", "1/102");
}

/* An orphaned highlight is listed as such and placed again on a new
 * passage: new selectors, not orphaned, on the card's current text. */
static void
test_reattach (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = card_of (f->store, f->c101);
  g_autofree char *orphans = NULL;
  gint64 id = highlight (f, f->c101, "answer", "compiler", 0, "about it", "pink");
  gint64 placed = highlight (f, f->c101, "answer", "heap", 0, NULL, NULL);
  guint start, end;

  g_assert_true (_eg_store_exec (f->store,
                                 "UPDATE annotations SET orphaned = 1, card_hash = 'old'", &error));
  g_assert_true (_eg_store_exec (f->store,
                                 "UPDATE annotations SET orphaned = 0 WHERE quote_exact = 'heap'",
                                 &error));
  orphans = list_ids (f->store, 0, EG_STORE_ANNOTATIONS_ORPHANED);
  g_assert_cmpint (g_ascii_strtoll (orphans, NULL, 10), ==, id);
  g_assert_null (strchr (orphans, ' '));
  g_clear_pointer (&orphans, g_free);
  orphans = list_ids (f->store, f->c101, EG_STORE_ANNOTATIONS_ORPHANED);
  g_assert_cmpint (g_ascii_strtoll (orphans, NULL, 10), ==, id);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_true (a->orphaned);
  }

  find_passage (f->store, f->c101, "part:Indepth", "Stack allocation", 0, &start, &end);
  g_assert_true (eg_store_reattach_highlight (f->store, id, "part:Indepth", start, end, NOW + 9,
                                              &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_false (a->orphaned);
    g_assert_cmpstr (a->field, ==, "part:Indepth");
    g_assert_cmpstr (a->anchor->exact, ==, "Stack allocation");
    g_assert_cmpstr (a->anchor->prefix, ==, "");
    g_assert_cmpstr (a->anchor->suffix, ==, " is cheaper than heap allocation");
    g_assert_cmpuint (a->anchor->start, ==, 0);
    g_assert_cmpuint (a->anchor->end, ==, 16);
    g_assert_cmpstr (a->card_hash, ==, card->content_hash);
    g_assert_cmpstr (a->body, ==, "about it");
    g_assert_cmpstr (a->color, ==, "pink");
    g_assert_cmpint (a->created, ==, NOW);
    g_assert_cmpint (a->modified, ==, NOW + 9);
  }
  g_clear_pointer (&orphans, g_free);
  orphans = list_ids (f->store, 0, EG_STORE_ANNOTATIONS_ORPHANED);
  g_assert_cmpstr (orphans, ==, "");

  /* a placed one moves too */
  find_passage (f->store, f->c101, "question", "escape analysis", 0, &start, &end);
  g_assert_true (eg_store_reattach_highlight (f->store, placed, "question", start, end, NOW + 10,
                                              &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgAnnotation) a = get (f, placed);

    g_assert_cmpstr (a->anchor->exact, ==, "escape analysis");
  }
}

/* Words of comments and notes find their card, not after they are gone;
 * has:note and has:highlight follow the table. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id, note;

  check_search (f->store, "zanzibar", "");
  check_search (f->store, "quokka", "");
  check_search (f->store, "has:highlight", "");
  check_search (f->store, "has:note", "");

  id = highlight (f, f->c102, "answer", "thread", 0, "like a Zanzibar ferry", NULL);
  note = eg_store_set_note (f->store, f->c103, "Ask the quokka.", NOW, &error);
  g_assert_no_error (error);
  check_search (f->store, "zanzibar", "1/102");
  check_search (f->store, "quokka", "1/103");
  check_search (f->store, "has:highlight", "1/102");
  check_search (f->store, "has:note", "1/103");
  /* the card's own text is still found */
  check_search (f->store, "lightweight", "1/102");
  check_search (f->store, "Rayleigh", "1/103");

  g_assert_true (eg_store_update_annotation (f->store, id, "like a ferry to Mombasa", NULL, NOW,
                                             &error));
  g_assert_true (eg_store_set_note (f->store, f->c103, "Ask the wallaby.", NOW, &error) == note);
  check_search (f->store, "zanzibar", "");
  check_search (f->store, "mombasa", "1/102");
  check_search (f->store, "quokka", "");
  check_search (f->store, "wallaby", "1/103");

  g_assert_true (eg_store_delete_annotation (f->store, id, NOW, &error));
  g_assert_true (eg_store_set_note (f->store, f->c103, "", NOW, &error) == note);
  g_assert_no_error (error);
  check_search (f->store, "mombasa", "");
  check_search (f->store, "wallaby", "");
  check_search (f->store, "has:highlight", "");
  check_search (f->store, "has:note", "");
  check_search (f->store, "lightweight", "1/102");
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-store-annotations");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/store-annotations/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("add-get", test_add_get);
  ADD ("code-points", test_code_points);
  ADD ("order", test_order);
  ADD ("update", test_update);
  ADD ("note", test_note);
  ADD ("delete-put", test_delete_put);
  ADD ("reattach", test_reattach);
  ADD ("search", test_search);
#undef ADD

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

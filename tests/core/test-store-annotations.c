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
#include "eg-test-util.h"

#define NOW G_GINT64_CONSTANT (1900000000000)

static const char deck[] =
  "# Annotation Deck\n\n"
  "## From 1 Basics\n\n"
  "# Basics\n\n"
  "### 101. What is escape analysis?\n"
  "The compiler decides whether a value **escapes** to the heap; a value that escapes "
  "is allocated on the heap.\n\n"
  "#### Indepth\n"
  "Stack allocation is cheaper than heap allocation.\n\n---\n\n"
  "### 102. What is a goroutine?\n"
  "A lightweight thread managed by the Go runtime.\n\n---\n\n"
  "### 103. Why is the sky blue?\n"
  "Rayleigh scattering.\n";

typedef struct
{
  char    *path;
  EgStore *store;
  gint64   c101;
  gint64   c102;
  gint64   c103;
} Fixture;

static EgCard *
card_of (EgStore *store,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_get_card (store, id, &error);

  g_assert_no_error (error);
  return card;
}

static gint64
id_of (EgStore    *store,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);

  g_assert_no_error (error);
  return card != NULL ? card->id : 0;
}

static void
import_into (EgStore    *store,
             const char *name,
             const char *text)
{
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = eg_import_file (store, file, NOW - 1000, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = eg_test_tmp_path ("annotations.db");
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  import_into (f->store, "deck.md", deck);
  f->c101 = id_of (f->store, "1/101");
  f->c102 = id_of (f->store, "1/102");
  f->c103 = id_of (f->store, "1/103");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->path, g_free);
}

/* The code points [start, end) of the @nth occurrence (from 0) of @quote
 * in the rendered text of the card's field */
static void
find_passage (EgStore    *store,
              gint64      card_id,
              const char *field,
              const char *quote,
              guint       nth,
              guint      *start,
              guint      *end)
{
  g_autoptr(EgCard) card = card_of (store, card_id);
  g_autofree char *text = eg_annotation_field_text (card, field);
  const char *at = text;

  g_assert_nonnull (text);
  for (guint i = 0; at != NULL && i <= nth; i++)
    at = strstr (i == 0 ? at : at + 1, quote);
  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (quote, -1);
}

static gint64
highlight (Fixture    *f,
           gint64      card_id,
           const char *field,
           const char *quote,
           guint       nth,
           const char *comment,
           const char *color)
{
  g_autoptr(GError) error = NULL;
  guint start, end;
  gint64 id;

  find_passage (f->store, card_id, field, quote, nth, &start, &end);
  id = eg_store_add_highlight (f->store, card_id, field, start, end, comment, color, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static EgAnnotation *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgAnnotation *annotation = eg_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

/* The ids listed, space separated */
static char *
list_ids (EgStore                 *store,
          gint64                   card_id,
          EgStoreAnnotationsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = eg_store_list_annotations (store, card_id, flags, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      EgAnnotation *a = g_ptr_array_index (list, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "", a->id);
    }
  return g_string_free (ids, FALSE);
}

static void
check_listed (EgStore    *store,
              gint64      card_id,
              const char *expected)
{
  g_autofree char *listed = list_ids (store, card_id, EG_STORE_ANNOTATIONS_DEFAULT);

  g_assert_cmpstr (listed, ==, expected);
}

static char *
ids_text (const gint64 *ids,
          guint         n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? " " : "", ids[i]);
  return g_string_free (text, FALSE);
}

/* Checks the keys of the cards a search finds, in deck order */
static void
check_search (EgStore    *store,
              const char *query,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) s = eg_search_new (query, &error);
  g_auto(GStrv) keys = NULL;
  g_autofree char *found = NULL;

  g_assert_no_error (error);
  keys = eg_search_card_keys (store, s, EG_SORT_DECK_ORDER, FALSE, NOW, &error);
  g_assert_no_error (error);
  found = g_strjoinv (" ", keys);
  if (g_strcmp0 (found, expected) != 0)
    g_test_fail_printf ("“%s” found “%s”, expected “%s”", query, found, expected);
}

/* Everything in the table and the full-text index, to show a refusal
 * changed nothing */
static char *
table_state (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
    "SELECT coalesce (group_concat (row, '|'), '') || '#' ||"
    "       (SELECT coalesce (group_concat (rowid || annotations, '|'), '') FROM cards_fts)"
    " FROM (SELECT quote (id) || quote (card_id) || kind || field || quote_exact || quote_prefix"
    "              || quote_suffix || quote (position_start) || quote (position_end) || body"
    "              || quote (color) || quote (card_hash) || orphaned || created || modified"
    "              || deleted AS row"
    "       FROM annotations ORDER BY id)", &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

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

static void
expect_refusal (Fixture     *f,
                const char  *before,
                GError      *error,
                int          code,
                const char  *words)
{
  g_autofree char *after = table_state (f->store);

  g_assert_error (error, EG_STORE_ERROR, code);
  if (error != NULL)
    g_test_message ("refused: %s", error->message);
  if (error != NULL && words != NULL && strstr (error->message, words) == NULL)
    g_test_fail_printf ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpstr (after, ==, before);
}

/* Bad input is refused with a sentence, and nothing is written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autoptr(EgCard) card = card_of (f->store, f->c103);
  g_autofree char *text = eg_annotation_field_text (card, "answer");
  guint length = g_utf8_strlen (text, -1);
  struct
  {
    gint64      card_id;
    const char *field;
    guint       start;
    guint       end;
    const char *comment;
    const char *color;
    int         code;
    const char *words;
  } bad[] = {
    { 0, "body", 0, 4, NULL, NULL, EG_STORE_ERROR_INVALID, "has no field “body”" },
    { 0, "part:Nope", 0, 4, NULL, NULL, EG_STORE_ERROR_INVALID, "part:Nope" },
    { 0, "", 0, 4, NULL, NULL, EG_STORE_ERROR_INVALID, "question, answer" },
    { 0, NULL, 0, 4, NULL, NULL, EG_STORE_ERROR_INVALID, "has no field" },
    { 0, "answer", 0, length + 1, NULL, NULL, EG_STORE_ERROR_INVALID, "outside the answer of card 1/103" },
    { 0, "answer", length, length + 3, NULL, NULL, EG_STORE_ERROR_INVALID, "outside" },
    { 0, "answer", 3, 3, NULL, NULL, EG_STORE_ERROR_INVALID, "is empty" },
    { 0, "answer", 5, 2, NULL, NULL, EG_STORE_ERROR_INVALID, "is empty" },
    /* "Rayleigh scattering.": the space between the words */
    { 0, "answer", 8, 9, NULL, NULL, EG_STORE_ERROR_INVALID, "only white space" },
    { 0, "answer", length - 1, length, NULL, NULL, EG_STORE_ERROR_INVALID, "only white space" },
    { 0, "answer", 0, 8, NULL, "purple", EG_STORE_ERROR_INVALID, "“purple” is not a highlight" },
    { 0, "answer", 0, 8, NULL, "", EG_STORE_ERROR_INVALID, "yellow, green, blue, pink" },
    { 0, "answer", 0, 8, "bad \xff byte", NULL, EG_STORE_ERROR_INVALID, "UTF-8" },
    { 999999, "answer", 0, 8, NULL, NULL, EG_STORE_ERROR_NOT_FOUND, "No card 999999" },
  };

  highlight (f, f->c101, "answer", "compiler", 0, "kept", NULL);
  g_assert_cmpint (eg_store_set_note (f->store, f->c101, "kept note", NOW, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Rayleigh scattering.\n");
  before = table_state (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 got;

      g_test_message ("case %u", i);
      got = eg_store_add_highlight (f->store, bad[i].card_id ? bad[i].card_id : f->c103,
                                    bad[i].field, bad[i].start, bad[i].end, bad[i].comment,
                                    bad[i].color, NOW, &error);
      g_assert_cmpint (got, ==, 0);
      expect_refusal (f, before, error, bad[i].code, bad[i].words);
      g_clear_error (&error);
    }

}

/* Changes of missing or deleted cards and annotations, and bad changes,
 * are refused with a sentence, and nothing is written. */
static void
test_refused_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 id = highlight (f, f->c101, "answer", "compiler", 0, "kept", NULL);
  gint64 note = eg_store_set_note (f->store, f->c101, "kept note", NOW, &error);

  g_assert_no_error (error);

  /* a deleted card */
  g_assert_true (_eg_store_exec (f->store, "UPDATE cards SET deleted = 5 WHERE key = '1/103'",
                                 &error));
  before = table_state (f->store);
  g_assert_cmpint (eg_store_add_highlight (f->store, f->c103, "answer", 0, 8, NULL, NULL, NOW,
                                           &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "Card 1/103 is deleted");
  g_clear_error (&error);
  g_assert_cmpint (eg_store_set_note (f->store, f->c103, "no", NOW, &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "is deleted");
  g_clear_error (&error);
  g_assert_cmpint (eg_store_set_note (f->store, 999999, "no", NOW, &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No card");
  g_clear_error (&error);
  g_assert_cmpint (eg_store_set_note (f->store, f->c101, "bad \xc3", NOW, &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "UTF-8");
  g_clear_error (&error);

  /* unknown ids */
  g_assert_null (eg_store_get_annotation (f->store, 424242, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No annotation 424242");
  g_clear_error (&error);
  g_assert_false (eg_store_update_annotation (f->store, 424242, "x", NULL, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No annotation 424242");
  g_clear_error (&error);
  g_assert_false (eg_store_delete_annotation (f->store, 424242, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No annotation 424242");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, 424242, "answer", 0, 3, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No annotation 424242");
  g_clear_error (&error);

  /* bad changes of an existing highlight */
  g_assert_false (eg_store_update_annotation (f->store, id, "x", "mauve", NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "“mauve”");
  g_clear_error (&error);
  g_assert_false (eg_store_update_annotation (f->store, id, "\xfe", NULL, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "UTF-8");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, id, "answer", 0, 999, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "outside");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, id, "part:Gone", 0, 3, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "part:Indepth");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, id, "part:Indepth", 0, 999, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "outside the part “Indepth”");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, note, "answer", 0, 3, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "is a note");
  g_clear_error (&error);

  /* changes of a deleted annotation */
  g_assert_true (eg_store_delete_annotation (f->store, id, NOW + 1, &error));
  g_clear_pointer (&before, g_free);
  before = table_state (f->store);
  g_assert_false (eg_store_delete_annotation (f->store, id, NOW + 2, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "was deleted");
  g_clear_error (&error);
  g_assert_false (eg_store_update_annotation (f->store, id, "x", NULL, NOW + 2, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "was deleted");
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (f->store, id, "answer", 0, 3, NOW + 2, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "was deleted");
  g_clear_error (&error);

  /* bad copies */
  {
    g_autoptr(EgAnnotation) copy = get (f, id);

    g_free (copy->color);
    copy->color = g_strdup ("octarine");
    g_assert_false (eg_store_put_annotation (f->store, copy, &error));
    expect_refusal (f, before, error, EG_STORE_ERROR_INVALID, "colour");
    g_clear_error (&error);
    g_free (copy->color);
    copy->color = g_strdup ("blue");
    copy->card_id = 999999;
    g_assert_false (eg_store_put_annotation (f->store, copy, &error));
    expect_refusal (f, before, error, EG_STORE_ERROR_NOT_FOUND, "No card");
    g_clear_error (&error);
  }
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

/* Everything is in the file: a new connection reads the same. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  highlight (f, f->c101, "answer", "escapes", 1, "second one", "green");
  highlight (f, f->c101, "part:Indepth", "heap", 0, NULL, "blue");
  highlight (f, f->c103, "question", "sky", 0, "up", NULL);
  g_assert_cmpint (eg_store_set_note (f->store, f->c102, "Note *two*", NOW, &error), >, 0);
  before = eg_store_list_annotations (f->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 4);

  g_clear_object (&f->store);
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  after = eg_store_list_annotations (f->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      EgAnnotation *a = g_ptr_array_index (before, i);
      EgAnnotation *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->card_id, ==, b->card_id);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->body, ==, b->body);
      g_assert_cmpstr (a->color, ==, b->color);
      g_assert_cmpstr (a->card_hash, ==, b->card_hash);
      g_assert_cmpint (a->created, ==, b->created);
      g_assert_true ((a->anchor == NULL) == (b->anchor == NULL));
      if (a->anchor != NULL)
        {
          g_assert_cmpstr (a->anchor->exact, ==, b->anchor->exact);
          g_assert_cmpstr (a->anchor->prefix, ==, b->anchor->prefix);
          g_assert_cmpstr (a->anchor->suffix, ==, b->anchor->suffix);
          g_assert_cmpuint (a->anchor->start, ==, b->anchor->start);
          g_assert_cmpuint (a->anchor->end, ==, b->anchor->end);
        }
    }
  check_search (f->store, "second", "1/101");
  check_search (f->store, "two", "1/102");
}

/* A collection open for reading only (a damaged one) is read, never
 * written. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) reader = NULL;
  g_autoptr(EgAnnotation) copy = NULL;
  g_autofree char *before = NULL;
  gint64 id = highlight (f, f->c101, "answer", "compiler", 0, "read me", NULL);
  gint64 note;

  note = eg_store_set_note (f->store, f->c101, "a note", NOW, &error);
  g_assert_no_error (error);
  copy = get (f, id);
  before = table_state (f->store);
  g_clear_object (&f->store);

  reader = eg_store_open_full (f->path, EG_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (reader);

  g_assert_cmpint (eg_store_add_highlight (reader, f->c101, "answer", 0, 3, NULL, NULL, NOW,
                                           &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, "for reading only");
  g_clear_error (&error);
  g_assert_cmpint (eg_store_set_note (reader, f->c101, "other", NOW, &error), ==, 0);
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, NULL);
  g_clear_error (&error);
  g_assert_false (eg_store_update_annotation (reader, id, "x", NULL, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, NULL);
  g_clear_error (&error);
  g_assert_false (eg_store_reattach_highlight (reader, id, "answer", 0, 3, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, NULL);
  g_clear_error (&error);
  g_assert_false (eg_store_delete_annotation (reader, note, NOW, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, NULL);
  g_clear_error (&error);
  copy->deleted = NOW;
  g_assert_false (eg_store_put_annotation (reader, copy, &error));
  expect_refusal (f, before, error, EG_STORE_ERROR_READ_ONLY, NULL);
  g_clear_error (&error);

  /* reads work */
  {
    g_autoptr(EgAnnotation) got = get (f, id);
    g_autoptr(EgAnnotation) got_note = eg_store_get_note (reader, f->c101, &error);

    g_assert_cmpstr (got->body, ==, "read me");
    g_assert_cmpstr (got_note->body, ==, "a note");
    g_assert_cmpuint (eg_store_count_annotations (reader, &f->c101, 1, &error), ==, 2);
    g_assert_no_error (error);
  }
}

/* Another program writing: the change fails at once when it must not wait,
 * and nothing is written. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = eg_store_open (f->path, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = table_state (f->store);
  g_assert_true (_eg_store_exec (other, "BEGIN IMMEDIATE", &error));
  eg_store_set_write_timeout (f->store, 0);
  g_assert_cmpint (eg_store_add_highlight (f->store, f->c101, "answer", 0, 3, NULL, NULL, NOW,
                                           &error), ==, 0);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (eg_store_set_note (f->store, f->c101, "n", NOW, &error), ==, 0);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (_eg_store_exec (other, "ROLLBACK", &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = table_state (f->store);

    g_assert_cmpstr (after, ==, before);
  }

  /* and works once the other is done */
  g_assert_cmpint (eg_store_add_highlight (f->store, f->c101, "answer", 0, 3, NULL, NULL, NOW,
                                           &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
has_column (EgStore    *store,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info ('%s')"
                                          " WHERE name = '%s'", table, column);

  return query_int (store, sql) == 1;
}

/* A schema-5 collection (no card_hash) is upgraded, its annotations kept. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(EgCard) card = card_of (f->store, f->c102);
  gint64 id = highlight (f, f->c102, "answer", "thread", 0, "kept comment", "blue");
  gint64 note = eg_store_set_note (f->store, f->c102, "kept note", NOW, &error);
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (eg_store_get_schema_version (f->store), ==, EG_STORE_SCHEMA_VERSION);
  g_assert_true (has_column (f->store, "annotations", "card_hash"));
  g_clear_object (&f->store);

  /* as version 5 wrote it */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE annotations DROP COLUMN card_hash;"
                                     "DROP TABLE card_state_before_weights;"
                                     "PRAGMA user_version = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_store_get_schema_version (f->store), ==, EG_STORE_SCHEMA_VERSION);
  g_assert_true (has_column (f->store, "annotations", "card_hash"));

  list = eg_store_list_annotations (f->store, f->c102, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    EgAnnotation *a = g_ptr_array_index (list, 0);
    EgAnnotation *n = g_ptr_array_index (list, 1);

    g_assert_cmpint (a->id, ==, id);
    g_assert_cmpstr (a->anchor->exact, ==, "thread");
    g_assert_cmpstr (a->body, ==, "kept comment");
    g_assert_cmpstr (a->color, ==, "blue");
    g_assert_null (a->card_hash);
    g_assert_cmpint (n->id, ==, note);
    g_assert_cmpstr (n->body, ==, "kept note");
  }
  check_search (f->store, "comment", "1/102");

  /* and the upgraded table takes new highlights */
  id = highlight (f, f->c102, "answer", "runtime", 0, NULL, NULL);
  {
    g_autoptr(EgAnnotation) a = get (f, id);

    g_assert_cmpstr (a->card_hash, ==, card->content_hash);
  }
}

/* The shipped deck: a highlight on a word of every card's answer, listed in
 * deck order, each quote what the rendered text has there. */
static void
test_shipped_deck (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = eg_test_fixture ("expert-go-interview-questions.md");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = 0;

  g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));
  import_into (f->store, "shipped.md", text);
  cards = eg_store_list_cards (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, >, 200);

  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      g_autofree char *answer = eg_annotation_field_text (card, "answer");
      glong length = g_utf8_strlen (answer, -1);
      guint start = 0;
      gint64 id;

      /* the first character that is not white space, and up to 12 more */
      while ((glong) start < length &&
             g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (answer, start))))
        start++;
      if ((glong) start >= length)
        continue;
      id = eg_store_add_highlight (f->store, card->id, "answer", start,
                                   MIN (start + 13, (guint) length), NULL, NULL, NOW, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, id);
      n++;
    }
  g_assert_cmpuint (n, >, 200);

  list = eg_store_list_annotations (f->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, ids->len);
  for (guint i = 0; i < list->len; i++)
    {
      EgAnnotation *a = g_ptr_array_index (list, i);
      g_autoptr(EgCard) card = card_of (f->store, a->card_id);
      g_autofree char *answer = eg_annotation_field_text (card, "answer");
      const char *from = g_utf8_offset_to_pointer (answer, a->anchor->start);
      const char *to = g_utf8_offset_to_pointer (answer, a->anchor->end);
      g_autofree char *quote = g_strndup (from, to - from);

      g_assert_cmpint (a->id, ==, g_array_index (ids, gint64, i));
      g_assert_cmpstr (a->anchor->exact, ==, quote);
      g_assert_cmpstr (a->card_hash, ==, card->content_hash);
    }
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
  ADD ("refused", test_refused);
  ADD ("refused-changes", test_refused_changes);
  ADD ("delete-put", test_delete_put);
  ADD ("reattach", test_reattach);
  ADD ("search", test_search);
  ADD ("reopen", test_reopen);
  ADD ("read-only", test_read_only);
  ADD ("busy", test_busy);
  ADD ("migration", test_migration);
  ADD ("shipped-deck", test_shipped_deck);
#undef ADD

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

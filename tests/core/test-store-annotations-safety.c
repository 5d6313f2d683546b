/* test-store-annotations-safety.c - highlights and notes in the collection:
 * refusals that change nothing, a reopened, read-only or busy collection,
 * the upgrade from schema 5, and the shipped deck
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

  eg_test_setup_dirs ("engram-test-store-annotations-safety");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/store-annotations/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("refused", test_refused);
  ADD ("refused-changes", test_refused_changes);
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

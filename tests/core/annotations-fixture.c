/* annotations-fixture.c - the collection the annotation store tests run
 * on: a small deck of three cards, one with a part, and the store's reads
 * of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "annotations-fixture.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

const char annotations_deck[] =
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

EgCard *
card_of (EgStore *store,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_get_card (store, id, &error);

  g_assert_no_error (error);
  return card;
}

gint64
id_of (EgStore    *store,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);

  g_assert_no_error (error);
  return card != NULL ? card->id : 0;
}

void
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

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = eg_test_tmp_path ("annotations.db");
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  import_into (f->store, "deck.md", annotations_deck);
  f->c101 = id_of (f->store, "1/101");
  f->c102 = id_of (f->store, "1/102");
  f->c103 = id_of (f->store, "1/103");
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->path, g_free);
}

/* The code points [start, end) of the @nth occurrence (from 0) of @quote
 * in the rendered text of the card's field */
void
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

gint64
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

EgAnnotation *
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
char *
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

void
check_listed (EgStore    *store,
              gint64      card_id,
              const char *expected)
{
  g_autofree char *listed = list_ids (store, card_id, EG_STORE_ANNOTATIONS_DEFAULT);

  g_assert_cmpstr (listed, ==, expected);
}

char *
ids_text (const gint64 *ids,
          guint         n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? " " : "", ids[i]);
  return g_string_free (text, FALSE);
}

/* Checks the keys of the cards a search finds, in deck order */
void
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
char *
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

gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

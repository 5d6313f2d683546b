/* test-annotation-export.c - the highlights and notes as a Markdown document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define NOW G_GINT64_CONSTANT (1900000000000)

static const char deck[] =
  "# Export Deck\n\n"
  "## From 1 Basics\n\n"
  "# Basics\n\n"
  "### 101. What is *escape* analysis?\n"
  "The compiler decides whether a value **escapes** to the heap.\n"
  "A pointer `*T` kept after return escapes [always].\n\n"
  "#### Indepth\n"
  "`1.` Stack allocation is cheaper than heap allocation.\n\n---\n\n"
  "### 102. What is a goroutine?\n"
  "A lightweight thread managed by the Go runtime.\n\n---\n\n"
  "## From 2 More\n\n"
  "# More & more\n\n"
  "### 201. Why is the sky blue?\n"
  "Rayleigh scattering of sunlight.\n";

typedef struct
{
  char    *path;
  EgStore *store;
} Fixture;

static gint64
card_id (Fixture    *f,
         const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  return card != NULL ? card->id : 0;
}

/* Highlights the first @quote in the card's @field */
static gint64
highlight (Fixture    *f,
           const char *key,
           const char *field,
           const char *quote,
           const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);
  g_autofree char *text = NULL;
  const char *at;
  guint start;
  gint64 id;

  g_assert_no_error (error);
  text = eg_annotation_field_text (card, field);
  at = strstr (text, quote);
  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  id = eg_store_add_highlight (f->store, card->id, field, start,
                               start + g_utf8_strlen (quote, -1), comment, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *deck_path = eg_test_tmp_path ("export-deck.md");
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->path = eg_test_tmp_path ("annotation-export.db");
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (deck_path, deck, -1, NULL));
  report = eg_import_file (f->store, file, NOW - 1000, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_remove (f->path);
  g_clear_pointer (&f->path, g_free);
}

static char *
export (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = eg_annotations_to_markdown (f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = export (f);

  g_assert_cmpstr (text, ==, "# Annotations\n\nNo highlights or notes yet.\n");
}

/* Deck, section and card headings; each card's passages in the order of
 * its fields, the comment under each, then the note; cards without
 * annotations left out */
static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* made out of order: the document is in deck order all the same */
  highlight (f, "2/201", "answer", "Rayleigh scattering", "Short *waves* scatter more.\n\n");
  g_assert_cmpint (eg_store_set_note (f->store, card_id (f, "1/101"), "Ask about `-gcflags=-m`.",
                                      NOW, &error), >, 0);
  g_assert_no_error (error);
  highlight (f, "1/101", "part:Indepth", "1. Stack allocation", "");
  highlight (f, "1/101", "answer", "whether a value escapes", "The **key** idea");
  highlight (f, "1/101", "question", "escape analysis", NULL);
  highlight (f, "1/101", "answer", "heap.\nA pointer *T kept", NULL);

  text = export (f);
  g_assert_cmpstr (text, ==,
    "# Annotations\n\n"
    "## Export Deck\n\n"
    "### Basics\n\n"
    "#### 101. What is *escape* analysis?\n\n"
    "> escape analysis\n\n"
    "*(in the question)*\n\n"
    "> whether a value escapes\n\n"
    "The **key** idea\n\n"
    /* a quote is plain text: line by line, its Markdown characters escaped */
    "> heap.\n"
    "> A pointer \\*T kept\n\n"
    "> 1\\. Stack allocation\n\n"
    "*(in “Indepth”)*\n\n"
    "**Note**\n\n"
    "Ask about `-gcflags=-m`.\n\n"
    "### More & more\n\n"
    "#### 201. Why is the sky blue?\n\n"
    "> Rayleigh scattering\n\n"
    "Short *waves* scatter more.\n");
}

/* An orphaned highlight is kept in the document, marked as such */
static void
test_orphaned (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) annotation = NULL;
  g_autofree char *text = NULL;
  gint64 id = highlight (f, "1/102", "answer", "lightweight thread", "cheap");

  annotation = eg_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  annotation->orphaned = TRUE;
  g_assert_true (eg_store_put_annotation (f->store, annotation, &error));
  g_assert_no_error (error);

  text = export (f);
  g_assert_nonnull (strstr (text,
                            "#### 102. What is a goroutine?\n\n"
                            "> lightweight thread\n\n"
                            "*(orphaned: this passage is no longer in the card)*\n\n"
                            "cheap\n"));
}

/* Deleted highlights and notes are not in it */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = highlight (f, "1/102", "answer", "lightweight thread", "cheap");

  g_assert_true (eg_store_delete_annotation (f->store, id, NOW + 1, &error));
  g_assert_no_error (error);
  eg_store_set_note (f->store, card_id (f, "2/201"), "a note", NOW, &error);
  g_assert_no_error (error);
  eg_store_set_note (f->store, card_id (f, "2/201"), "", NOW + 1, &error);
  g_assert_no_error (error);

  text = export (f);
  g_assert_cmpstr (text, ==, "# Annotations\n\nNo highlights or notes yet.\n");
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-annotation-export");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/annotation-export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("empty", test_empty);
  ADD ("document", test_document);
  ADD ("orphaned", test_orphaned);
  ADD ("deleted", test_deleted);
#undef ADD

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

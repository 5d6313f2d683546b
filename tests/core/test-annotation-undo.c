/* test-annotation-undo.c - every change of a highlight or a note is one
 * undo step that puts the annotation back exactly as it was
 *
 * Annotation steps (EG_UNDO_ANNOTATE) are undone both in review and in the
 * library, and say what they undid ("Undid highlight on card 101").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define NOW 1795000000000  /* 2026-11-19, ms */

#define ANSWER_101 \
  "The scheduler preempts goroutines at function calls. Since Go 1.14 it also sends " \
  "signals for asynchronous preemption of tight loops."

typedef struct
{
  char        *path;
  EgStore     *store;
  EgScheduler *scheduler;
  gint64       card_id;    /* 1/101 */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *deck = eg_test_tmp_path ("annotation-undo.md");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;

  g_assert_true (g_file_set_contents (deck,
    "# Test Deck\n\n## From 1 Part\n\n# Part 1\n\n"
    "### 101. How does Go preempt goroutines?\n" ANSWER_101 "\n\n---\n\n"
    "### 102. What is a channel?\nA typed conduit.\n\n---\n\n", -1, NULL));
  f->path = eg_test_tmp_path ("annotation-undo.db");
  g_unlink (f->path);
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (f->store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  card = eg_store_find_card (f->store, "1/101", &error);
  g_assert_no_error (error);
  f->card_id = card->id;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_clear_pointer (&f->path, g_free);
}

static EgAnnotation *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgAnnotation *a = eg_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static void
assert_same (const EgAnnotation *a,
             const EgAnnotation *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->card_id, ==, b->card_id);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->field, ==, b->field);
  g_assert_cmpstr (a->body, ==, b->body);
  g_assert_cmpstr (a->color, ==, b->color);
  g_assert_cmpstr (a->card_hash, ==, b->card_hash);
  g_assert_cmpint (a->orphaned, ==, b->orphaned);
  g_assert_cmpint (a->created, ==, b->created);
  g_assert_cmpint (a->modified, ==, b->modified);
  g_assert_cmpint (a->deleted, ==, b->deleted);
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

/* Undoes in @scopes; returns what it said */
static char *
undo (Fixture     *f,
      EgUndoScope  scopes)
{
  g_auto(EgUndoInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_scheduler_undo_full (f->scheduler, scopes, NULL, NOW + 9000, &info,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, EG_UNDO_ANNOTATE);
  g_assert_cmpint (info.scope, ==, EG_UNDO_SCOPE_ALL);
  g_assert_cmpint (info.card_id, ==, f->card_id);
  g_assert_cmpuint (info.n_cards, ==, 1);
  return g_steal_pointer (&info.description);
}

static guint
n_listed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = eg_store_list_annotations (f->store, f->card_id,
                                                        EG_STORE_ANNOTATIONS_DEFAULT, &error);

  g_assert_no_error (error);
  return all->len;
}

static gint64
add (Fixture *f,
     gint64   now)
{
  g_autoptr(GError) error = NULL;
  gint64 id = eg_scheduler_add_highlight (f->scheduler, f->card_id, "answer", 4, 22,
                                          "who preempts", "green", now, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_scope (void)
{
  g_assert_cmpint (eg_undo_kind_get_scope (EG_UNDO_ANNOTATE), ==, EG_UNDO_SCOPE_ALL);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  gint64 id = add (f, NOW);
  g_autoptr(EgAnnotation) added = get (f, id);
  g_autoptr(EgAnnotation) undone = NULL;
  g_autofree char *said = NULL;
  EgUndoKind kind;

  g_assert_cmpstr (added->anchor->exact, ==, "scheduler preempts");
  g_assert_cmpuint (n_listed (f), ==, 1);
  g_assert_true (eg_scheduler_can_undo (f->scheduler));
  g_assert_true (eg_scheduler_peek_undo (f->scheduler, &kind));
  g_assert_cmpint (kind, ==, EG_UNDO_ANNOTATE);

  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid highlight on card 101");
  g_assert_cmpuint (n_listed (f), ==, 0);
  undone = get (f, id);
  g_assert_cmpint (undone->deleted, !=, 0);
  /* all else as it was added */
  undone->deleted = 0;
  assert_same (undone, added);
  g_assert_false (eg_scheduler_can_undo (f->scheduler));
  g_assert_false (eg_scheduler_peek_undo (f->scheduler, &kind));
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = add (f, NOW);
  g_autoptr(EgAnnotation) before = get (f, id);
  g_autoptr(EgAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  g_assert_true (eg_scheduler_update_annotation (f->scheduler, id, "the *runtime* does", "pink",
                                                 NOW + 1000, &error));
  g_assert_no_error (error);
  after = get (f, id);
  g_assert_cmpstr (after->body, ==, "the *runtime* does");
  g_assert_cmpstr (after->color, ==, "pink");
  g_clear_pointer (&after, eg_annotation_free);

  /* in review too */
  said = undo (f, EG_UNDO_SCOPE_REVIEW);
  g_assert_cmpstr (said, ==, "Undid highlight change on card 101");
  after = get (f, id);
  assert_same (after, before);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = add (f, NOW);
  g_autoptr(EgAnnotation) before = get (f, id);
  g_autoptr(EgAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  g_assert_true (eg_scheduler_delete_annotation (f->scheduler, id, NOW + 1000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (f), ==, 0);

  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid highlight deletion on card 101");
  g_assert_cmpuint (n_listed (f), ==, 1);
  after = get (f, id);
  assert_same (after, before);

  /* and the addition is still undoable after it */
  g_clear_pointer (&said, g_free);
  said = undo (f, EG_UNDO_SCOPE_ALL);
  g_assert_cmpstr (said, ==, "Undid highlight on card 101");
  g_assert_cmpuint (n_listed (f), ==, 0);
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) first = NULL;
  g_autoptr(EgAnnotation) note = NULL;
  g_autofree char *said = NULL;
  gint64 id;

  id = eg_scheduler_set_note (f->scheduler, f->card_id, "Ask about **GC** too.", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  first = get (f, id);

  g_assert_cmpint (eg_scheduler_set_note (f->scheduler, f->card_id, "Changed.", NOW + 1000,
                                          &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (eg_scheduler_set_note (f->scheduler, f->card_id, "  ", NOW + 2000,
                                          &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (f), ==, 0);

  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid note deletion on card 101");
  note = eg_store_get_note (f->store, f->card_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->body, ==, "Changed.");
  g_clear_pointer (&note, eg_annotation_free);

  g_clear_pointer (&said, g_free);
  said = undo (f, EG_UNDO_SCOPE_REVIEW);
  g_assert_cmpstr (said, ==, "Undid note change on card 101");
  note = get (f, id);
  assert_same (note, first);
  g_clear_pointer (&note, eg_annotation_free);

  g_clear_pointer (&said, g_free);
  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid note on card 101");
  g_assert_cmpuint (n_listed (f), ==, 0);
  note = eg_store_get_note (f->store, f->card_id, NULL);
  g_assert_true (note == NULL || note->deleted != 0);
  g_assert_false (eg_scheduler_can_undo (f->scheduler));
}

static void
test_reattach (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = add (f, NOW);
  g_autoptr(EgAnnotation) orphan = NULL;
  g_autoptr(EgAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  /* the passage goes: orphaned */
  g_assert_true (eg_store_update_card (f->store, f->card_id, "How does Go preempt goroutines?",
                                       "Since Go 1.14 the runtime sends signals.", NULL,
                                       NOW + 1000, &error));
  g_assert_no_error (error);
  orphan = get (f, id);
  g_assert_true (orphan->orphaned);

  g_assert_true (eg_scheduler_reattach_highlight (f->scheduler, id, "answer", 18, 25,
                                                  NOW + 2000, &error));
  g_assert_no_error (error);
  after = get (f, id);
  g_assert_false (after->orphaned);
  g_assert_cmpstr (after->anchor->exact, ==, "runtime");
  g_clear_pointer (&after, eg_annotation_free);

  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid reattaching a highlight on card 101");
  after = get (f, id);
  assert_same (after, orphan);
}

/* A change undone after the card was edited: the copy is placed on the
 * card's new text, never on the old characters */
static void
test_undo_after_edit (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = add (f, NOW);
  g_autoptr(EgAnnotation) after = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  g_assert_true (eg_scheduler_update_annotation (f->scheduler, id, "changed", NULL,
                                                 NOW + 1000, &error));
  g_assert_true (eg_store_update_card (f->store, f->card_id, "How does Go preempt goroutines?",
                                       "In short: " ANSWER_101, NULL, NOW + 2000, &error));
  g_assert_no_error (error);

  said = undo (f, EG_UNDO_SCOPE_CARDS);
  g_assert_cmpstr (said, ==, "Undid highlight change on card 101");
  after = get (f, id);
  card = eg_store_get_card (f->store, f->card_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->body, ==, "who preempts");
  g_assert_false (after->orphaned);
  g_assert_cmpuint (after->anchor->start, ==, 14);
  g_assert_cmpuint (after->anchor->end, ==, 32);
  g_assert_cmpstr (after->anchor->exact, ==, "scheduler preempts");
  g_assert_cmpstr (after->card_hash, ==, card->content_hash);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-annotation-undo");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotation-undo/scope", test_scope);
#define ADD(path, func) \
  g_test_add ("/annotation-undo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("add", test_add);
  ADD ("update", test_update);
  ADD ("delete", test_delete);
  ADD ("note", test_note);
  ADD ("reattach", test_reattach);
  ADD ("after-edit", test_undo_after_edit);
#undef ADD

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

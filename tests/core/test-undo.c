/* test-undo.c - what each undo says it undid, and where it may be undone
 *
 * Grades are undone in review only: the library's undo
 * (EG_UNDO_SCOPE_CARDS) leaves them alone, undoing an older change of
 * other cards, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define HOUR (3600 * G_GINT64_CONSTANT (1000))
#define DAY (24 * HOUR)

typedef struct
{
  char        *path;
  EgStore     *store;
  EgScheduler *scheduler;
} Fixture;

/* One section of cards 101..105, imported at @now. */
static void
fixture_setup (Fixture *f,
               gint64   now)
{
  g_autoptr(GString) text = g_string_new ("# Test Deck\n\n## From 1 Part\n\n# Part 1\n\n");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint c = 1; c <= 5; c++)
    g_string_append_printf (text, "### %u. Question %u?\nAnswer.\n\n---\n\n", 100 + c, c);
  g_assert_true (g_file_set_contents (deck, text->str, -1, NULL));

  f->path = eg_test_tmp_path ("collection.db");
  g_unlink (f->path);
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (f->store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_clear_pointer (&f->path, g_free);
}

static gint64
id_of (Fixture    *f,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  return card ? card->id : 0;
}

static EgCard *
card_of (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_get_card (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

/* Undoes in @scopes and returns the sentence it says, or NULL. */
static char *
undo (Fixture     *f,
      EgUndoScope  scopes,
      gint64       now,
      EgUndoKind   kind)
{
  g_auto(EgUndoInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  if (!eg_scheduler_undo_full (f->scheduler, scopes, NULL, now, &info, &error))
    return NULL;
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, kind);
  g_assert_cmpint (info.scope, ==, eg_undo_kind_get_scope (kind));
  g_assert_cmpint (info.scope & scopes, !=, 0);
  return g_steal_pointer (&info.description);
}

static void
test_describes (void)
{
  Fixture f = { 0 };
  gint64 now = 1700000000000;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  gint64 ids[2];

  fixture_setup (&f, now - DAY);
  ids[0] = id_of (&f, "1/101");
  ids[1] = id_of (&f, "1/102");

  g_assert_true (eg_scheduler_grade (f.scheduler, NULL, ids[1], EG_FSRS_GOOD, now, 1000, NULL,
                                     &error));
  said = undo (&f, EG_UNDO_SCOPE_ALL, now, EG_UNDO_GRADE);
  g_assert_cmpstr (said, ==, "Undid grade Good on card 102");
  g_clear_pointer (&said, g_free);

  g_assert_true (eg_scheduler_grade (f.scheduler, NULL, ids[0], EG_FSRS_AGAIN, now, 1000, NULL,
                                     &error));
  said = undo (&f, EG_UNDO_SCOPE_REVIEW, now, EG_UNDO_GRADE);
  g_assert_cmpstr (said, ==, "Undid grade Again on card 101");
  g_clear_pointer (&said, g_free);

  g_assert_true (eg_scheduler_set_flag (f.scheduler, &ids[1], 1, 1, &error));
  said = undo (&f, EG_UNDO_SCOPE_CARDS, now, EG_UNDO_FLAG);
  g_assert_cmpstr (said, ==, "Undid flag on card 102");
  g_clear_pointer (&said, g_free);

  g_assert_true (eg_scheduler_set_suspended (f.scheduler, ids, 2, TRUE, &error));
  said = undo (&f, EG_UNDO_SCOPE_CARDS, now, EG_UNDO_SUSPEND);
  g_assert_cmpstr (said, ==, "Undid suspend on 2 cards");
  g_clear_pointer (&said, g_free);

  g_assert_true (eg_scheduler_bury (f.scheduler, &ids[0], 1, now, &error));
  said = undo (&f, EG_UNDO_SCOPE_CARDS, now, EG_UNDO_BURY);
  g_assert_cmpstr (said, ==, "Undid bury on card 101");
  g_clear_pointer (&said, g_free);

  g_assert_true (eg_scheduler_delete (f.scheduler, &ids[0], 1, now, &error));
  said = undo (&f, EG_UNDO_SCOPE_CARDS, now, EG_UNDO_DELETE);
  g_assert_cmpstr (said, ==, "Undid delete of card 101");
  g_assert_no_error (error);
  fixture_teardown (&f);
}

/* The library's undo skips a grade and undoes the change before it. */
static void
test_library_skips_grades (void)
{
  Fixture f = { 0 };
  gint64 now = 1700000000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) graded = NULL;
  g_autoptr(EgCard) flagged = NULL;
  g_autofree char *said = NULL;
  g_auto(EgUndoInfo) info = { 0 };
  gint64 a, b;

  fixture_setup (&f, now - DAY);
  a = id_of (&f, "1/101");
  b = id_of (&f, "1/102");
  g_assert_true (eg_scheduler_set_flag (f.scheduler, &b, 1, 1, &error));
  g_assert_true (eg_scheduler_grade (f.scheduler, NULL, a, EG_FSRS_GOOD, now, 1000, NULL,
                                     &error));
  g_assert_no_error (error);

  said = undo (&f, EG_UNDO_SCOPE_CARDS, now, EG_UNDO_FLAG);
  g_assert_cmpstr (said, ==, "Undid flag on card 102");
  flagged = card_of (&f, b);
  g_assert_cmpint (flagged->flag, ==, 0);
  graded = card_of (&f, a);
  g_assert_cmpint (graded->state.reps, ==, 1);

  /* nothing left for the library: the grade stays */
  g_assert_false (eg_scheduler_undo_full (f.scheduler, EG_UNDO_SCOPE_CARDS, NULL, now, &info,
                                          &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO);
  g_assert_null (info.description);
  g_clear_error (&error);
  g_clear_pointer (&graded, eg_card_free);
  graded = card_of (&f, a);
  g_assert_cmpint (graded->state.reps, ==, 1);
  g_assert_true (eg_scheduler_can_undo (f.scheduler));

  /* review still can */
  g_clear_pointer (&said, g_free);
  said = undo (&f, EG_UNDO_SCOPE_REVIEW, now, EG_UNDO_GRADE);
  g_assert_cmpstr (said, ==, "Undid grade Good on card 101");
  g_clear_pointer (&graded, eg_card_free);
  graded = card_of (&f, a);
  g_assert_cmpint (graded->state.reps, ==, 0);
  fixture_teardown (&f);
}

/* A change of a card reviewed since is not undone: undo restores whole rows,
 * which would take the grade back too. */
static void
test_blocked_by_a_later_grade (void)
{
  Fixture f = { 0 };
  gint64 now = 1700000000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  gint64 a;

  fixture_setup (&f, now - DAY);
  a = id_of (&f, "1/101");
  g_assert_true (eg_scheduler_set_flag (f.scheduler, &a, 1, 1, &error));
  g_assert_true (eg_scheduler_grade (f.scheduler, NULL, a, EG_FSRS_GOOD, now, 1000, NULL,
                                     &error));
  g_assert_no_error (error);

  g_assert_false (eg_scheduler_undo_full (f.scheduler, EG_UNDO_SCOPE_CARDS, NULL, now, NULL,
                                          &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_UNDO_BLOCKED);
  g_assert_nonnull (error ? strstr (error->message, "card 101") : NULL);
  card = card_of (&f, a);
  g_assert_cmpint (card->flag, ==, 1);
  g_assert_cmpint (card->state.reps, ==, 1);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-undo");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/undo/describes", test_describes);
  g_test_add_func ("/undo/library-skips-grades", test_library_skips_grades);
  g_test_add_func ("/undo/blocked-by-a-later-grade", test_blocked_by_a_later_grade);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

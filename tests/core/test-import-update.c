/* test-import-update.c - importing a deck again into a collection the user
 * has studied and edited: repeated card numbers, the three-way decision
 * between the file, the card and the text last imported, and the write
 * lock (issue 10, points 6, 7 and 9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define NOW 1795000000000  /* 2026-11-19, ms */

static EgStore *
new_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static EgStore *
new_store (char **path_out)
{
  g_autofree char *path = eg_test_tmp_path ("collection.db");
  EgStore *store = new_store_at (path);

  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static EgImportReport *
import_seed (EgStore *store)
{
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(GError) error = NULL;
  EgImportReport *report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE,
                                           NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The bytes of the database and of its write-ahead log. */
static char *
file_state (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GBytes) a = eg_test_read_bytes (db_path);
  g_autoptr(GBytes) b = eg_test_read_bytes (wal);
  g_autofree char *ha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, a);
  g_autofree char *hb = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, b);

  return g_strdup_printf ("%s %s", ha, hb);
}

static EgImportReport *
import_text_full (EgStore             *store,
                  const char          *text,
                  EgImportFlags        flags,
                  const char * const  *theirs,
                  GError             **error)
{
  /* one file per collection, as a user updates their deck */
  g_autofree char *path = g_strconcat (eg_store_get_path (store), ".md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return eg_import_file_full (store, file, NOW, flags, theirs, NULL, NULL, NULL, error);
}

static EgImportReport *
import_text (EgStore    *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  EgImportReport *report = import_text_full (store, text, EG_IMPORT_FLAGS_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static EgCard *
find_card (EgStore    *store,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_find_card (store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static gint64
count_rows (EgStore    *store,
            const char *sql,
            gint64      card_id)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, card_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
edit_card (EgStore    *store,
           const char *key,
           const char *question,
           const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = find_card (store, key);

  g_assert_true (eg_store_update_card (store, card->id, question, answer, card->parts,
                                       NOW + 1000, &error));
  g_assert_no_error (error);
}

static void
check_card (EgStore    *store,
            const char *key,
            const char *question,
            const char *answer)
{
  g_autoptr(EgCard) card = find_card (store, key);

  g_assert_cmpstr (card->question, ==, question);
  g_assert_cmpstr (card->answer, ==, answer);
}

#define REPEATS_HEAD "# Repeats\n\n## From 7 Repeats\n\n# Repeats\n\n"
#define REPEAT_A "### 1. First one?\nA.\n\n---\n\n"
#define REPEAT_B "### 1. Second one?\nB.\n\n---\n\n"
#define REPEAT_N "### 1. New first?\nN.\n\n---\n\n"
#define REPEAT_C "### 2. Two?\nC.\n"

/* Two cards numbered 1 in one section ("7/1", "7/1-2"): each keeps its key,
 * history and annotations by its content, not by its place among the
 * repeats (issue 10, point 6). */
static void
test_repeated_numbers (void)
{
  g_autoptr(EgStore) store = new_store (NULL);
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) second = NULL;
  g_autoptr(EgImportReport) third = NULL;
  g_autoptr(EgImportReport) fourth = NULL;
  g_autoptr(EgImportReport) fifth = NULL;
  g_autoptr(EgCard) a = NULL;
  g_autoptr(EgCard) b = NULL;
  g_autoptr(EgCard) a_after = NULL;
  g_autoptr(EgCard) b_after = NULL;
  g_autoptr(EgCard) added = NULL;
  g_autoptr(GError) error = NULL;

  first = import_text (store, REPEATS_HEAD REPEAT_A REPEAT_B REPEAT_C);
  g_assert_cmpuint (first->added, ==, 3);
  a = find_card (store, "7/1");
  b = find_card (store, "7/1-2");
  g_assert_cmpstr (a->question, ==, "First one?");
  g_assert_cmpstr (b->question, ==, "Second one?");

  /* "7/1" is studied, "7/1-2" annotated */
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_grade (scheduler, NULL, a->id, EG_FSRS_GOOD, NOW + 1000, 1000,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO annotations (card_id, kind, field, quote_exact, body, created, modified)"
    " SELECT id, 'note', 'answer', 'B', 'about B', 1, 1 FROM cards WHERE key = '7/1-2'",
    &error));

  /* the first of the two leaves the file: the second keeps its own key */
  second = import_text (store, REPEATS_HEAD REPEAT_B REPEAT_C);
  g_assert_cmpuint (second->added, ==, 0);
  g_assert_cmpuint (second->updated, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 2);
  g_assert_cmpuint (second->removed, ==, 1);
  g_assert_cmpuint (second->removed_keys->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->removed_keys, 0), ==, "7/1");

  a_after = find_card (store, "7/1");
  g_assert_cmpint (a_after->id, ==, a->id);
  g_assert_cmpstr (a_after->question, ==, "First one?");
  g_assert_false (a_after->in_source);
  g_assert_cmpint (a_after->state.reps, ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM review_log WHERE card_id = ?1", a->id),
                   ==, 1);
  b_after = find_card (store, "7/1-2");
  g_assert_cmpint (b_after->id, ==, b->id);
  g_assert_cmpstr (b_after->question, ==, "Second one?");
  g_assert_true (b_after->in_source);
  g_assert_cmpint (b_after->state.reps, ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM annotations WHERE card_id = ?1", b->id),
                   ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM review_log WHERE card_id = ?1", b->id),
                   ==, 0);

  /* back in the file, and a new card numbered 1 before both: a new key */
  third = import_text (store, REPEATS_HEAD REPEAT_N REPEAT_A REPEAT_B REPEAT_C);
  g_assert_cmpuint (third->added, ==, 1);
  g_assert_cmpuint (third->updated, ==, 0);
  g_assert_cmpuint (third->unchanged, ==, 3);
  g_assert_cmpuint (third->removed, ==, 0);
  check_card (store, "7/1", "First one?", "A.");
  check_card (store, "7/1-2", "Second one?", "B.");
  added = find_card (store, "7/1-3");
  g_assert_cmpstr (added->question, ==, "New first?");
  g_assert_cmpint (added->state.reps, ==, 0);
  g_clear_pointer (&a_after, eg_card_free);
  a_after = find_card (store, "7/1");
  g_assert_true (a_after->in_source);
  g_assert_cmpint (a_after->state.reps, ==, 1);

  /* the user edits "7/1-2"; the file drops the other two: the card is found
   * by the text it was imported with, and the edit stays */
  edit_card (store, "7/1-2", "Second one, mine?", "B.");
  fourth = import_text (store, REPEATS_HEAD REPEAT_B REPEAT_C);
  g_assert_cmpuint (fourth->updated, ==, 0);
  g_assert_cmpuint (fourth->unchanged, ==, 2);
  g_assert_cmpuint (fourth->conflicts->len, ==, 0);
  g_assert_cmpuint (fourth->removed, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fourth->removed_keys, 0), ==, "7/1");
  g_assert_cmpstr (g_ptr_array_index (fourth->removed_keys, 1), ==, "7/1-3");
  check_card (store, "7/1-2", "Second one, mine?", "B.");
  check_card (store, "7/1", "First one?", "A.");

  /* nothing to go by but the order: the first card left takes the text */
  fifth = import_text (store, REPEATS_HEAD "### 1. Reworded?\nR.\n\n---\n\n" REPEAT_C);
  g_assert_cmpuint (fifth->updated, ==, 1);
  g_assert_cmpuint (fifth->removed, ==, 2);
  check_card (store, "7/1", "Reworded?", "R.");
  check_card (store, "7/1-2", "Second one, mine?", "B.");
}

#define CASES_HEAD "# Cases\n\n## From 3 Cases\n\n# Cases\n\n"

/* Three-way: the text last imported, the card now, the file now (issue 10,
 * point 9). */
static void
test_three_way (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) second = NULL;
  g_autoptr(EgImportReport) again = NULL;
  g_autoptr(EgImportReport) third = NULL;
  g_autoptr(EgImportReport) theirs = NULL;
  g_autoptr(EgImportReport) dry = NULL;
  g_autoptr(EgImportReport) last = NULL;
  g_autoptr(EgImportReport) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;
  g_autofree char *v3 = NULL;
  EgImportConflict *conflict;
  const char *take_3[] = { "cases:3/3", NULL };
  const char *take_unknown[] = { "3/3", "3/9", NULL };

  first = import_text (store, CASES_HEAD
                       "### 1. Kept?\nOne.\n\n---\n\n"
                       "### 2. Taken?\nTwo.\n\n---\n\n"
                       "### 3. Conflict?\nThree.\n\n---\n\n"
                       "### 4. Same?\nFour.\n");
  g_assert_cmpuint (first->added, ==, 4);
  g_assert_cmpuint (first->conflicts->len, ==, 0);

  edit_card (store, "3/1", "Kept?", "One, mine.");
  edit_card (store, "3/3", "Conflict, mine?", "Three, mine.");
  edit_card (store, "3/4", "Same?", "Four, both.");

  second = import_text (store, CASES_HEAD
                        "### 1. Kept?\nOne.\n\n---\n\n"
                        "### 2. Taken?\nTwo, file.\n\n---\n\n"
                        "### 3. Conflict?\nThree, file.\n\n---\n\n"
                        "### 4. Same?\nFour, both.\n");
  g_assert_cmpuint (second->added, ==, 0);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->unchanged, ==, 2);
  g_assert_cmpuint (second->removed, ==, 0);
  g_assert_cmpuint (second->conflicts->len, ==, 1);
  conflict = g_ptr_array_index (second->conflicts, 0);
  g_assert_cmpstr (conflict->key, ==, "3/3");
  g_assert_cmpstr (conflict->question, ==, "Conflict, mine?");

  check_card (store, "3/1", "Kept?", "One, mine.");        /* the file did not change */
  check_card (store, "3/2", "Taken?", "Two, file.");       /* the user did not change it */
  check_card (store, "3/3", "Conflict, mine?", "Three, mine.");  /* both: the user's */
  check_card (store, "3/4", "Same?", "Four, both.");       /* both, the same way */

  /* the same file again: nothing written, the conflict still reported */
  files_before = file_state (db_path);
  again = import_text (store, CASES_HEAD
                       "### 1. Kept?\nOne.\n\n---\n\n"
                       "### 2. Taken?\nTwo, file.\n\n---\n\n"
                       "### 3. Conflict?\nThree, file.\n\n---\n\n"
                       "### 4. Same?\nFour, both.\n");
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  g_assert_cmpuint (again->conflicts->len, ==, 1);

  /* card 4's base moved to the text both agreed on: a later change in the
   * file is taken, not a conflict */
  v3 = g_strdup (CASES_HEAD
                 "### 1. Kept?\nOne.\n\n---\n\n"
                 "### 2. Taken?\nTwo, file.\n\n---\n\n"
                 "### 3. Conflict?\nThree, file.\n\n---\n\n"
                 "### 4. Same?\nFour, later.\n");
  third = import_text (store, v3);
  g_assert_cmpuint (third->updated, ==, 1);
  g_assert_cmpuint (third->conflicts->len, ==, 1);
  check_card (store, "3/4", "Same?", "Four, later.");

  /* a card that is not in the file: refused, nothing written */
  g_clear_pointer (&files_before, g_free);
  g_clear_pointer (&files_after, g_free);
  files_before = file_state (db_path);
  unknown = import_text_full (store, v3, EG_IMPORT_FLAGS_NONE, take_unknown, &error);
  g_assert_null (unknown);
  g_assert_error (error, EG_IMPORT_ERROR, EG_IMPORT_ERROR_UNKNOWN_CARD);
  g_assert_nonnull (error != NULL ? strstr (error->message, "3/9") : NULL);
  g_clear_error (&error);
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);

  /* the user takes the file's version: a dry run says so and writes nothing */
  dry = import_text_full (store, v3, EG_IMPORT_FLAGS_DRY_RUN, take_3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->updated, ==, 1);
  g_assert_cmpuint (dry->conflicts->len, ==, 0);
  g_clear_pointer (&files_after, g_free);
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);

  theirs = import_text_full (store, v3, EG_IMPORT_FLAGS_NONE, take_3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (theirs->updated, ==, 1);
  g_assert_cmpuint (theirs->unchanged, ==, 3);
  g_assert_cmpuint (theirs->conflicts->len, ==, 0);
  check_card (store, "3/3", "Conflict?", "Three, file.");
  check_card (store, "3/1", "Kept?", "One, mine.");

  last = import_text (store, v3);
  g_assert_cmpuint (last->updated, ==, 0);
  g_assert_cmpuint (last->unchanged, ==, 4);
  g_assert_cmpuint (last->conflicts->len, ==, 0);
}

/* The case: card 304 edited in the app, the unchanged deck imported
 * again. */
static void
test_reimport_keeps_edit (void)
{
  g_autoptr(EgStore) store = new_store (NULL);
  g_autoptr(EgImportReport) first = import_seed (store);
  g_autoptr(EgImportReport) second = NULL;
  g_autoptr(EgCard) before = find_card (store, "16/304");

  g_assert_cmpuint (first->added, ==, 245);
  edit_card (store, "16/304", before->question, "My own answer.");
  second = import_seed (store);
  g_assert_cmpuint (second->updated, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 245);
  g_assert_cmpuint (second->conflicts->len, ==, 0);
  check_card (store, "16/304", before->question, "My own answer.");
}

/* Collections from before the last imported text was kept: the card's text
 * now is the base, so an edit made after the upgrade is kept. */
static void
test_base_after_migration (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) second = NULL;

  first = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n");
  g_assert_true (_eg_store_exec (store, "UPDATE cards SET imported_hash = NULL", NULL));
  g_clear_object (&store);
  {
    sqlite3 *db = NULL;

    /* as written by schema version 4, then upgraded */
    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE cards DROP COLUMN imported_hash;"
                                       "ALTER TABLE annotations DROP COLUMN card_hash;"
                                       "DROP TABLE card_state_before_weights;"
                                       "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = new_store_at (db_path);
  edit_card (store, "3/1", "Kept?", "One, mine.");
  second = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n");
  g_assert_cmpuint (second->updated, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 1);
  check_card (store, "3/1", "Kept?", "One, mine.");
}

/* A card added in the app was never imported: no base.  The file's card of
 * that number is a conflict unless it has the same text. */
static void
test_added_in_app (void)
{
  g_autoptr(EgStore) store = new_store (NULL);
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) differs = NULL;
  g_autoptr(EgImportReport) same = NULL;
  g_autoptr(EgImportReport) later = NULL;
  g_autoptr(EgSectionInfo) section = NULL;
  g_autoptr(GError) error = NULL;

  first = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n");
  section = eg_store_find_section (store, "3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_store_add_card (store, section->id, "Added?", "Mine.", NULL, NOW, &error),
                   >, 0);
  check_card (store, "3/2", "Added?", "Mine.");

  differs = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n\n---\n\n### 2. Added?\nFile's.\n");
  g_assert_cmpuint (differs->updated, ==, 0);
  g_assert_cmpuint (differs->conflicts->len, ==, 1);
  check_card (store, "3/2", "Added?", "Mine.");

  same = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n\n---\n\n### 2. Added?\nMine.\n");
  g_assert_cmpuint (same->unchanged, ==, 2);
  g_assert_cmpuint (same->conflicts->len, ==, 0);

  later = import_text (store, CASES_HEAD "### 1. Kept?\nOne.\n\n---\n\n### 2. Added?\nLater.\n");
  g_assert_cmpuint (later->updated, ==, 1);
  g_assert_cmpuint (later->conflicts->len, ==, 0);
  check_card (store, "3/2", "Added?", "Later.");
}

/* ------------------------------------------------------------------ */
/* The write lock                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  char      *db_path;
  guint      calls;
  double     first_fraction;
  gboolean   wrote;
  char      *write_error;
  gboolean   cancel_in_write;
  GCancellable *cancellable;
} LockProbe;

/* On the import's first progress report, another connection (which does
 * not wait for locks) saves an edit of card 5/1. */
static void
write_from_another_connection (double   fraction,
                               gpointer user_data)
{
  LockProbe *probe = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = NULL;
  g_autoptr(EgCard) card = NULL;

  if (probe->calls++ > 0)
    {
      if (probe->cancel_in_write && fraction < 1.0)
        g_cancellable_cancel (probe->cancellable);
      return;
    }
  probe->first_fraction = fraction;
  if (probe->cancellable != NULL)
    return;

  other = eg_store_open (probe->db_path, &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (_eg_store_get_db (other), 0);
  card = eg_store_find_card (other, "5/1", &error);
  g_assert_no_error (error);
  probe->wrote = eg_store_update_card (other, card->id, "Question 1?", "Answer 1, mine.",
                                       card->parts, NOW + 1000, &error);
  if (error != NULL)
    probe->write_error = g_strdup (error->message);
}

static char *
numbered_deck (const char *first_answer)
{
  GString *text = g_string_new ("# Lock\n\n## From 5 Many\n\n# Many\n\n");

  for (int i = 1; i <= 600; i++)
    g_string_append_printf (text, "### %d. Question %d?\n%s\n\n---\n\n", i, i,
                            i == 1 ? first_answer : "An answer.");
  return g_string_free (text, FALSE);
}

/* An import compares the file with the collection without the write lock:
 * another connection commits while it does, and the import then compares
 * again inside its write transaction, so that edit is a conflict rather
 * than overwritten (issue 10, point 7). */
static void
test_write_lock_only_to_write (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) second = NULL;
  g_autofree char *v1 = numbered_deck ("Answer 1.");
  g_autofree char *v2 = numbered_deck ("Answer 1, file.");
  g_autofree char *path = eg_test_tmp_path ("lock.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LockProbe probe = { db_path, 0, };

  first = import_text (store, v1);
  g_assert_cmpuint (first->added, ==, 600);

  g_assert_true (g_file_set_contents (path, v2, -1, NULL));
  second = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL,
                           write_from_another_connection, &probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (probe.calls, >=, 2);
  g_assert_cmpfloat (probe.first_fraction, <, 1.0);
  if (probe.write_error != NULL)
    g_test_message ("the other connection: %s", probe.write_error);
  g_assert_null (probe.write_error);
  g_assert_true (probe.wrote);

  g_assert_cmpuint (second->updated, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 599);
  g_assert_cmpuint (second->conflicts->len, ==, 1);
  check_card (store, "5/1", "Question 1?", "Answer 1, mine.");
  g_free (probe.write_error);
}

/* Cancelled while it writes: nothing written. */
static void
test_cancel_while_writing (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) first = NULL;
  g_autoptr(EgImportReport) second = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *v1 = numbered_deck ("Answer 1.");
  g_autofree char *v2 = numbered_deck ("Answer 1, file.");
  g_autofree char *path = eg_test_tmp_path ("cancel.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;
  LockProbe probe = { db_path, 0, 0, FALSE, NULL, TRUE, cancellable };
  GString *v3 = g_string_new (v2);

  first = import_text (store, v1);
  for (int i = 601; i <= 1200; i++)
    g_string_append_printf (v3, "### %d. Question %d?\nNew.\n\n---\n\n", i, i);
  g_assert_true (g_file_set_contents (path, v3->str, v3->len, NULL));
  g_string_free (v3, TRUE);

  files_before = file_state (db_path);
  second = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, cancellable,
                           write_from_another_connection, &probe, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);
  check_card (store, "5/1", "Question 1?", "Answer 1.");
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-import-update");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/import-update/repeated-numbers", test_repeated_numbers);
  g_test_add_func ("/import-update/three-way", test_three_way);
  g_test_add_func ("/import-update/reimport-keeps-edit", test_reimport_keeps_edit);
  g_test_add_func ("/import-update/base-after-migration", test_base_after_migration);
  g_test_add_func ("/import-update/added-in-app", test_added_in_app);
  g_test_add_func ("/import-update/write-lock-only-to-write", test_write_lock_only_to_write);
  g_test_add_func ("/import-update/cancel-while-writing", test_cancel_while_writing);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

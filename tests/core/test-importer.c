/* test-importer.c - importing Markdown decks into the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define NOW 1795000000000  /* 2026-11-19, ms */

static const char *seed_headings[] = {
  "🟢 **301–320: Go Internals and Runtime**",
  "🔵 **401–420: Networking and Low-Level Programming**",
  "🔴 **461–480: AI, Machine Learning & Data Processing**",
  "🟡 **481–500: WebAssembly, Blockchain, and Experimental**",
  "🔴 **681–700: Real-Time Systems, IoT, and Edge Computing**",
  "⚙️ **701–720: Go Internals & Runtime**",
  "📡 **701–720: Network & Protocol-Level Programming**",
  "🔄 **761–780: Streaming, Batching & Data Pipelines**",
  "🧠 **861–880: Go Compiler & Language Theory**",
  "🧠 **901–920: AI, ML & Generative Use Cases in Go (Part 2)**",
  "⚒️ **981–1000: Tooling, Maintenance & Real-world Scenarios (Part 2)**",
  "🧩 **1021–1045: Niche Patterns, Frameworks & Tricky Snippets**",
};
static const char *seed_keys[] = {
  "16", "21", "24", "25", "35", "36", "37", "39", "44", "46", "50", "52",
};

static EgStore *
new_store (char **path_out)
{
  g_autofree char *path = eg_test_tmp_path ("collection.db");
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_store_open (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static EgImportReport *
import_path (EgStore       *store,
             const char    *path,
             EgImportFlags  flags,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return eg_import_file (store, file, NOW, flags, NULL, NULL, NULL, error);
}

static EgImportReport *
import_seed (EgStore *store)
{
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GError) error = NULL;
  EgImportReport *report = import_path (store, seed, EG_IMPORT_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Everything in the collection, as text: equal dumps mean equal rows. */
static char *
dump_collection (EgStore *store)
{
  static const char *tables[] = {
    "decks", "sections", "cards", "card_parts", "card_state", "review_log", "annotations",
    "settings",
  };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);

      g_assert_nonnull (stmt);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
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

/* A Windows-1252 byte 0x80..0xBF, as the character it decodes to. */
static gboolean
is_cp1252_continuation (gunichar c)
{
  static const gunichar high[] = {
    0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x017D, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178,
  };

  if ((c >= 0x80 && c <= 0x9F) || (c >= 0xA0 && c <= 0xBF))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (high); i++)
    if (c == high[i])
      return TRUE;
  return FALSE;
}

/* Mojibake: a UTF-8 lead byte read as Windows-1252 (Â..ô) followed by a
 * continuation byte read the same way; or a C1 control; or U+FFFD.
 */
static gboolean
has_mojibake (const char *text)
{
  gunichar prev = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFD)
        return TRUE;
      if (prev >= 0xC2 && prev <= 0xF4 && is_cp1252_continuation (c))
        return TRUE;
      prev = c;
    }
  return FALSE;
}

static void
test_mojibake_detector (void)
{
  g_assert_true (has_mojibake ("Itâ€™s"));
  g_assert_true (has_mojibake ("ðŸŸ¢"));
  g_assert_true (has_mojibake ("Ã©"));
  g_assert_false (has_mojibake ("It’s a café, “naïve” ⚙️ 🟢 São Paulo → Ærøskøbing"));
}

static void
test_seed (void)
{
  g_autoptr(EgStore) store = new_store (NULL);
  g_autoptr(EgImportReport) report = import_seed (store);
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  guint lost_byte_warnings = 0;
  struct { const char *key; guint n_parts; } parts[] = {
    { "16/306", 1 }, { "16/319", 1 }, { "16/307", 0 }, { "16/320", 0 }, { "16/301", 1 },
  };

  g_assert_cmpuint (report->sections, ==, 12);
  g_assert_cmpuint (report->cards, ==, 245);
  g_assert_cmpuint (report->added, ==, 245);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);
  g_assert_cmpuint (report->removed, ==, 0);
  g_assert_cmpstr (report->deck_title, ==, "Expert Level Golang Interview Questions");
  g_assert_cmpuint (report->n_repaired, >, 50);

  sections = eg_store_list_sections (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 12);
  for (guint i = 0; i < sections->len && i < G_N_ELEMENTS (seed_headings); i++)
    {
      EgSectionInfo *section = g_ptr_array_index (sections, i);

      g_assert_cmpstr (section->key, ==, seed_keys[i]);
      g_assert_cmpstr (section->heading, ==, seed_headings[i]);
      g_assert_cmpuint (section->n_cards, ==, i == 11 ? 25 : 20);
      g_assert_cmpuint (section->n_new, ==, section->n_cards);
      g_assert_false (has_mojibake (section->heading));
      g_assert_false (has_mojibake (section->source));
    }

  /* Card numbers 701-720 appear in two sections: different cards. */
  {
    g_autoptr(EgCard) a = eg_store_find_card (store, "36/716", &error);
    g_autoptr(EgCard) b = eg_store_find_card (store, "37/716", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (a->question, ==, "What’s the meaning of “non-preemptible” code in Go?");
    g_assert_cmpstr (b->question, ==, "What is the standard `io.Reader` and `io.Writer` interface?");
    g_assert_cmpint (a->id, !=, b->id);
  }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(EgCard) card = eg_store_find_card (store, parts[i].key, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (card->parts->len, ==, parts[i].n_parts);
      if (parts[i].n_parts > 0)
        g_assert_cmpstr (((EgCardPart *) g_ptr_array_index (card->parts, 0))->name, ==, "Indepth");
    }

  {
    g_autoptr(EgCard) card = eg_store_find_card (store, "52/1028", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (card->question, ==,
                     "**Tricky Snippet**: What is the output of `fmt.Println(s)` if "
                     "`s := []int{1,2,3}; append(s[:1], 4)` is called?");
    g_assert_true (g_str_has_prefix (card->answer, "\"Output: `[1 4 3]`."));
    g_assert_true (g_str_has_suffix (card->answer, "if capacity is sufficient!\""));
  }

  {
    g_autoptr(EgCard) card = eg_store_find_card (store, "16/301", &error);
    EgCardPart *part = g_ptr_array_index (card->parts, 0);

    g_assert_true (g_str_has_prefix (card->answer, "\"The Go scheduler is a **M:N scheduler**."));
    g_assert_true (g_str_has_suffix (card->answer, "which would kill scalability.\""));
    g_assert_true (g_str_has_prefix (part->text, "Prior to Go 1.14, the scheduler was"));
    g_assert_cmpint (card->state.state, ==, 0);
    g_assert_cmpint (card->state.due, ==, NOW);
  }

  /* No mojibake left anywhere. */
  cards = eg_store_list_cards (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 245);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);

      if (has_mojibake (card->question) || has_mojibake (card->answer))
        g_test_fail_printf ("card %s still has mojibake", card->key);
      for (guint j = 0; j < card->parts->len; j++)
        if (has_mojibake (((EgCardPart *) g_ptr_array_index (card->parts, j))->text))
          g_test_fail_printf ("a part of card %s still has mojibake", card->key);
    }

  /* The lost bytes that had to be guessed are reported with their lines. */
  for (guint i = 0; i < report->warnings->len; i++)
    {
      EgRepairWarning *w = g_ptr_array_index (report->warnings, i);

      if (strstr (w->message, "lost") != NULL)
        {
          g_assert_true (w->line == 1214 || w->line == 1407 || w->line == 2415);
          lost_byte_warnings++;
        }
    }
  g_assert_cmpuint (lost_byte_warnings, ==, 3);
}

static void
test_reimport_changes_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(EgStore) store = new_store (&path);
  g_autoptr(EgImportReport) first = import_seed (store);
  g_autoptr(EgImportReport) second = NULL;
  g_autofree char *dump_before = dump_collection (store);
  g_autofree char *files_before = file_state (path);
  g_autofree char *dump_after = NULL;
  g_autofree char *files_after = NULL;

  g_assert_cmpuint (first->added, ==, 245);
  second = import_seed (store);
  g_assert_cmpuint (second->added, ==, 0);
  g_assert_cmpuint (second->updated, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 245);
  g_assert_cmpuint (second->removed, ==, 0);

  dump_after = dump_collection (store);
  files_after = file_state (path);
  g_assert_cmpstr (dump_before, ==, dump_after);
  g_assert_cmpstr (files_before, ==, files_after);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_update_in_place (void)
{
  g_autoptr(EgStore) store = new_store (NULL);
  g_autoptr(EgImportReport) first = import_seed (store);
  g_autoptr(EgImportReport) second = NULL;
  g_autoptr(EgImportReport) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) before = NULL;
  g_autoptr(EgCard) after = NULL;
  g_autoptr(EgCard) removed = NULL;
  g_autoptr(EgCard) added = NULL;
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *edited2 = NULL;
  g_autofree char *edited3 = NULL;
  g_autofree char *updated_path = eg_test_tmp_path ("updated.md");

  g_assert_cmpuint (first->added, ==, 245);
  /* some history for card 16/301 */
  g_assert_true (_eg_store_exec (store,
    "UPDATE card_state SET state = 2, stability = 12.5, difficulty = 4.25, reps = 3,"
    "  lapses = 1, scheduled_days = 12, due = 1796000000000, last_review = 1794900000000"
    " WHERE card_id = (SELECT id FROM cards WHERE key = '16/301');"
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
    "  stability_before, stability_after, difficulty_before, difficulty_after,"
    "  elapsed_days, scheduled_days, due_after)"
    " SELECT id, 1794900000000, 3, 2, 2, 4, 12.5, 4.3, 4.25, 4, 12, 1796000000000"
    " FROM cards WHERE key = '16/301';"
    "INSERT INTO annotations (card_id, kind, field, quote_exact, body, created, modified)"
    " SELECT id, 'note', 'answer', 'Work Stealing', 'ask about this', 1, 1"
    " FROM cards WHERE key = '16/301';", &error));
  g_assert_no_error (error);
  before = eg_store_find_card (store, "16/301", &error);

  /* the updated deck: 301 reworded, 302 gone, 321 new */
  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  edited = replace_once (text, "which would kill scalability.", "which would not scale.");
  {
    const char *start = strstr (edited, "### 302.");
    const char *end = strstr (edited, "### 303.");

    edited2 = g_strdup_printf ("%.*s%s", (int) (start - edited), edited, end);
  }
  edited3 = replace_once (edited2, "## From 21 ",
                          "### 321. What is new?\nSomething new.\n\n---\n\n## From 21 ");
  g_assert_true (g_file_set_contents (updated_path, edited3, -1, NULL));

  second = import_path (store, updated_path, EG_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->cards, ==, 245);
  g_assert_cmpuint (second->added, ==, 1);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->unchanged, ==, 243);
  g_assert_cmpuint (second->removed, ==, 1);
  g_assert_cmpuint (second->removed_keys->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->removed_keys, 0), ==, "16/302");

  after = eg_store_find_card (store, "16/301", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->id, ==, before->id);
  g_assert_true (g_str_has_suffix (after->answer, "which would not scale.\""));
  g_assert_cmpstr (after->content_hash, !=, before->content_hash);
  g_assert_cmpmem (&after->state, sizeof after->state, &before->state, sizeof before->state);
  g_assert_cmpint (after->modified, ==, NOW);

  {
    g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
      "SELECT (SELECT count(*) FROM review_log WHERE card_id = ?1),"
      "       (SELECT count(*) FROM annotations WHERE card_id = ?1)", NULL);

    sqlite3_bind_int64 (stmt, 1, after->id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  }

  /* the card that left the file is kept, marked */
  removed = eg_store_find_card (store, "16/302", &error);
  g_assert_no_error (error);
  g_assert_false (removed->in_source);
  added = eg_store_find_card (store, "16/321", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->answer, ==, "Something new.");

  /* importing the original again brings 302 back and rewords 301 */
  third = import_seed (store);
  g_assert_cmpuint (third->added, ==, 0);
  g_assert_cmpuint (third->updated, ==, 1);
  g_assert_cmpuint (third->removed, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (third->removed_keys, 0), ==, "16/321");
  g_clear_pointer (&removed, eg_card_free);
  removed = eg_store_find_card (store, "16/302", &error);
  g_assert_true (removed->in_source);
}

typedef struct
{
  const char  *name;
  const char  *data;
  gssize       length;
  int          code;
  const char  *fragment;   /* in the message, besides the file name */
} BadInput;

static void
check_bad_input (EgStore     *store,
                 const char  *db_path,
                 const char  *path,
                 int          code,
                 const char  *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autofree char *files_before = file_state (db_path);
  g_autofree char *dump_before = dump_collection (store);
  g_autofree char *files_after = NULL;
  g_autofree char *dump_after = NULL;

  report = import_path (store, path, EG_IMPORT_FLAGS_NONE, &error);
  g_assert_null (report);
  g_assert_error (error, EG_DECK_ERROR, code);
  if (error != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_true (strstr (error->message, path) != NULL);
      if (fragment != NULL && strstr (error->message, fragment) == NULL)
        g_test_fail_printf ("“%s” is not in “%s”", fragment, error->message);
    }

  files_after = file_state (db_path);
  dump_after = dump_collection (store);
  g_assert_cmpstr (files_before, ==, files_after);
  g_assert_cmpstr (dump_before, ==, dump_after);
}

static void
test_bad_input (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
  const BadInput inputs[] = {
    { "latin1.md", "# Deck\n\n### 1. Caf\xe9 or tea?\nTea.\n", -1, EG_DECK_ERROR_ENCODING,
      "line 3, column 11" },
    { "truncated.md", "# Deck\n\n### 1. Q?\nIt\xe2\x80", -1, EG_DECK_ERROR_ENCODING, "line 4" },
    { "image.md", png, sizeof png - 1, EG_DECK_ERROR_BINARY, "binary" },
    { "empty.md", "", 0, EG_DECK_ERROR_EMPTY, "empty" },
    { "blank.md", " \n\n\t\n", -1, EG_DECK_ERROR_EMPTY, "empty" },
    { "prose.md", "# Notes\n\nNo cards here.\n", -1, EG_DECK_ERROR_NO_CARDS, "no cards" },
  };
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) seeded = import_seed (store);

  g_assert_cmpuint (seeded->added, ==, 245);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = eg_test_tmp_path (inputs[i].name);

      g_assert_true (g_file_set_contents (path, inputs[i].data, inputs[i].length, NULL));
      check_bad_input (store, db_path, path, inputs[i].code, inputs[i].fragment);
    }

  /* larger than 50 MB: refused before it is read (a sparse file) */
  {
    g_autofree char *path = eg_test_tmp_path ("huge.md");
    FILE *f = fopen (path, "w");

    g_assert_nonnull (f);
    g_assert_cmpint (fseek (f, 60 * 1024 * 1024, SEEK_SET), ==, 0);
    g_assert_cmpint (fputc ('\n', f), ==, '\n');
    fclose (f);
    check_bad_input (store, db_path, path, EG_DECK_ERROR_TOO_LARGE,
                     "too large (60.0");
  }

  /* a folder, a missing file */
  {
    g_autofree char *dir = eg_test_tmp_path ("folder.md");
    g_autofree char *missing = eg_test_tmp_path ("missing.md");

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    check_bad_input (store, db_path, dir, EG_DECK_ERROR_IO, "folder");
    check_bad_input (store, db_path, missing, EG_DECK_ERROR_IO, NULL);
  }
}

/* Anything but a regular file is refused, without hanging or reading
 * without end: stat() says 0 bytes for a device and a pipe. */
static void
test_special_files (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) seeded = import_seed (store);
  g_autofree char *fifo = eg_test_tmp_path ("pipe.md");
  g_autofree char *to_zero = eg_test_tmp_path ("zero.md");
  g_autofree char *to_deck = eg_test_tmp_path ("link.md");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (seeded->added, ==, 245);
  check_bad_input (store, db_path, "/dev/zero", EG_DECK_ERROR_IO, "is a device, not a deck file");

  /* nothing writes to it: opening it must not wait */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  check_bad_input (store, db_path, fifo, EG_DECK_ERROR_IO, "is a pipe, not a deck file");

  g_assert_cmpint (symlink ("/dev/zero", to_zero), ==, 0);
  check_bad_input (store, db_path, to_zero, EG_DECK_ERROR_IO, "is a device, not a deck file");

  /* a symlink to a deck is the deck */
  g_assert_cmpint (symlink (seed, to_deck), ==, 0);
  report = import_path (store, to_deck, EG_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->cards, ==, 245);
  g_assert_cmpuint (report->unchanged, ==, 245);
}

/* The limit is exact: one byte more is refused, the limit itself is read */
static void
test_size_limit (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autoptr(EgImportReport) seeded = import_seed (store);
  g_autofree char *over = eg_test_tmp_path ("over.md");
  g_autofree char *at = eg_test_tmp_path ("at.md");

  g_assert_cmpuint (seeded->added, ==, 245);
  /* sparse files of zero bytes */
  g_assert_true (g_file_set_contents (over, "", 0, NULL));
  g_assert_true (g_file_set_contents (at, "", 0, NULL));
  g_assert_cmpint (truncate (over, EG_DECK_MAX_SIZE + 1), ==, 0);
  g_assert_cmpint (truncate (at, EG_DECK_MAX_SIZE), ==, 0);

  check_bad_input (store, db_path, over, EG_DECK_ERROR_TOO_LARGE, "(52428801 bytes)");
  /* read to its end, then refused for what it holds */
  check_bad_input (store, db_path, at, EG_DECK_ERROR_BINARY, "binary");
}

static void
test_dry_run (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autofree char *files_before = file_state (db_path);
  g_autofree char *files_after = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (store, seed, EG_IMPORT_FLAGS_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 245);
  g_assert_true (eg_store_is_empty (store));
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(EgStore) store = new_store (&db_path);
  g_autofree char *deck_path = eg_test_tmp_path ("big.md");
  g_autoptr(GString) text = g_string_new ("# Big\n\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;

  for (int i = 1; i <= 2000; i++)
    g_string_append_printf (text, "### %d. Question %d?\nAnswer %d.\n\n---\n\n", i, i, i);
  g_assert_true (g_file_set_contents (deck_path, text->str, text->len, NULL));
  file = g_file_new_for_path (deck_path);

  files_before = file_state (db_path);
  g_cancellable_cancel (cancellable);
  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, cancellable,
                           NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  files_after = file_state (db_path);
  g_assert_cmpstr (files_before, ==, files_after);
  g_clear_error (&error);

  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL,
                           record_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 2000);
  g_assert_cmpuint (fractions->len, >=, 3);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-importer");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/importer/mojibake-detector", test_mojibake_detector);
  g_test_add_func ("/importer/seed", test_seed);
  g_test_add_func ("/importer/reimport-changes-nothing", test_reimport_changes_nothing);
  g_test_add_func ("/importer/update-in-place", test_update_in_place);
  g_test_add_func ("/importer/bad-input", test_bad_input);
  g_test_add_func ("/importer/special-files", test_special_files);
  g_test_add_func ("/importer/size-limit", test_size_limit);
  g_test_add_func ("/importer/dry-run", test_dry_run);
  g_test_add_func ("/importer/progress-and-cancel", test_progress_and_cancel);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

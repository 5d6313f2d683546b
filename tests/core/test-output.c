/* test-output.c - writing an export without harming anything else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eg-core.h"
#include "eg-test-util.h"

static const char export_text[] = "{ \"decks\" : [] }\n";

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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir and in its sub-folders, sorted */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_autofree char *inside = list_dir (path);

          g_ptr_array_add (names, g_strdup_printf ("%s/{%s}", name, inside));
        }
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

typedef struct
{
  char    *dir;
  char    *db;
  EgStore *store;
} Collection;

static void
collection_open (Collection *c,
                 const char *name)
{
  g_autoptr(GError) error = NULL;

  c->dir = eg_test_tmp_path (name);
  g_assert_cmpint (g_mkdir (c->dir, 0700), ==, 0);
  c->db = g_build_filename (c->dir, "c.db", NULL);
  c->store = eg_store_open (c->db, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (c->store, "new-per-day", "7", &error));
  g_assert_no_error (error);
}

static void
collection_close (Collection *c)
{
  g_clear_object (&c->store);
  eg_test_rm_rf (c->dir);
  g_clear_pointer (&c->dir, g_free);
  g_clear_pointer (&c->db, g_free);
}

/* Writing to @path is refused with a message naming it; the collection's
 * bytes and the folder's files are as they were, and it still opens. */
static void
check_refused (Collection *c,
               const char *path,
               const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_before = file_state (c->db);
  g_autofree char *files_before = list_dir (c->dir);
  g_autofree char *state_after = NULL;
  g_autofree char *files_after = NULL;
  EgStoreStats stats = { 0 };

  g_test_message ("writing to %s", path);
  g_assert_false (eg_output_write (path, export_text, strlen (export_text), c->db, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION);
  if (error != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, fragment));
    }

  state_after = file_state (c->db);
  files_after = list_dir (c->dir);
  g_assert_cmpstr (state_before, ==, state_after);
  g_assert_cmpstr (files_before, ==, files_after);
  g_clear_error (&error);
  g_assert_true (eg_store_get_stats (c->store, &stats, &error));
  g_assert_no_error (error);
}

static void
test_refuses_collection (void)
{
  Collection c = { 0 };
  g_autofree char *sub = NULL;
  g_autofree char *dotdot = NULL;
  g_autofree char *hard = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *link_to_journal = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  collection_open (&c, "refuses-collection");
  sub = g_build_filename (c.dir, "sub", NULL);
  dotdot = g_build_filename (c.dir, "sub", "..", "c.db", NULL);
  hard = g_build_filename (c.dir, "hard-link.db", NULL);
  link_path = g_build_filename (c.dir, "link.db", NULL);
  link_to_journal = g_build_filename (c.dir, "link-to-journal", NULL);

  check_refused (&c, c.db, "open collection");
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      static const char * const names[] = { "write-ahead log", "shared-memory", "journal" };
      g_autofree char *path = g_strconcat (c.db, suffixes[i], NULL);

      check_refused (&c, path, names[i]);
    }

  /* by identity and resolved name, not by spelling */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  check_refused (&c, dotdot, "open collection");
  g_assert_cmpint (link (c.db, hard), ==, 0);
  check_refused (&c, hard, "open collection");
  g_assert_cmpint (symlink ("c.db", link_path), ==, 0);
  check_refused (&c, link_path, "open collection");
  /* a journal that does not exist now would be taken by SQLite later */
  g_assert_cmpint (symlink ("c.db-journal", link_to_journal), ==, 0);
  check_refused (&c, link_to_journal, "journal");
  /* a relative name */
  g_assert_cmpint (g_chdir (sub), ==, 0);
  check_refused (&c, "../c.db", "open collection");
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  collection_close (&c);
}

static void
test_refuses_backups (void)
{
  Collection c = { 0 };
  g_autofree char *backups = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *through_link = NULL;

  collection_open (&c, "refuses-backups");
  backups = eg_backup_dir_for (c.db);
  inside = g_build_filename (backups, "backup.db", NULL);
  link_path = g_build_filename (c.dir, "elsewhere", NULL);
  through_link = g_build_filename (link_path, "backup.db", NULL);

  /* the folder does not exist yet: its name is refused */
  check_refused (&c, backups, "backup folder");

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  check_refused (&c, inside, "backup folder");
  g_assert_true (g_file_set_contents (inside, "a backup", -1, NULL));
  check_refused (&c, inside, "backup folder");
  g_assert_cmpint (symlink (backups, link_path), ==, 0);
  check_refused (&c, through_link, "backup folder");

  collection_close (&c);
}

/* The collection in the data folder keeps its backups in "backups" there */
static void
test_refuses_default_backups (void)
{
  g_autofree char *db = eg_store_default_path ();
  g_autofree char *backups = eg_backup_dir_for (db);
  g_autofree char *inside = g_build_filename (backups, "x.json", NULL);
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (backups, 0700), ==, 0);
  g_assert_false (eg_output_write (inside, "x", 1, db, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
}

static void
check_written (const char *path,
               const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_new_and_existing_files (void)
{
  Collection c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *files_after = NULL;
  mode_t mask = umask (022);
  struct stat st;

  umask (mask);
  collection_open (&c, "files");
  fresh = g_build_filename (c.dir, "new.json", NULL);
  secret = g_build_filename (c.dir, "secret.json", NULL);

  /* a new file: the usual mode */
  g_assert_true (eg_output_write (fresh, export_text, strlen (export_text), c.db, &error));
  g_assert_no_error (error);
  check_written (fresh, export_text);
  g_assert_cmpint (stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~mask);

  /* an existing file keeps its mode */
  g_assert_true (g_file_set_contents (secret, "old and longer than the new text, much longer", -1,
                                      NULL));
  g_assert_cmpint (g_chmod (secret, 0600), ==, 0);
  g_assert_true (eg_output_write (secret, export_text, strlen (export_text), c.db, &error));
  g_assert_no_error (error);
  check_written (secret, export_text);
  g_assert_cmpint (stat (secret, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* no temporary file is left behind */
  files_after = list_dir (c.dir);
  g_assert_cmpstr (files_after, ==, "c.db c.db-shm c.db-wal new.json secret.json");

  collection_close (&c);
}

static void
test_symlink_written_through (void)
{
  Collection c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *dangling = NULL;
  g_autofree char *link_text = NULL;
  struct stat st;

  collection_open (&c, "symlink");
  target = g_build_filename (c.dir, "target.json", NULL);
  link_path = g_build_filename (c.dir, "link.json", NULL);
  dangling = g_build_filename (c.dir, "dangling.json", NULL);

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0640), ==, 0);
  g_assert_cmpint (symlink ("target.json", link_path), ==, 0);
  g_assert_true (eg_output_write (link_path, export_text, strlen (export_text), c.db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  link_text = g_file_read_link (link_path, NULL);
  g_assert_cmpstr (link_text, ==, "target.json");
  check_written (target, export_text);
  g_assert_cmpint (stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* a link to a file that does not exist yet: the file is made */
  g_assert_cmpint (symlink ("made.json", dangling), ==, 0);
  g_assert_true (eg_output_write (dangling, export_text, strlen (export_text), c.db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_clear_pointer (&target, g_free);
  target = g_build_filename (c.dir, "made.json", NULL);
  check_written (target, export_text);

  collection_close (&c);
}

static gpointer
read_fifo (gpointer data)
{
  char *contents = NULL;

  g_file_get_contents (data, &contents, NULL, NULL);
  return contents;
}

static void
test_fifo_written_directly (void)
{
  Collection c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *received = NULL;
  GThread *reader;
  struct stat st;

  collection_open (&c, "fifo");
  fifo = g_build_filename (c.dir, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  reader = g_thread_new ("reader", read_fifo, fifo);
  g_assert_true (eg_output_write (fifo, export_text, strlen (export_text), c.db, &error));
  g_assert_no_error (error);
  received = g_thread_join (reader);
  g_assert_cmpstr (received, ==, export_text);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  collection_close (&c);
}

static void
test_not_a_file (void)
{
  Collection c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;

  collection_open (&c, "not-a-file");
  missing = g_build_filename (c.dir, "no-such-folder", "x.json", NULL);
  files_before = list_dir (c.dir);

  g_assert_false (eg_output_write (c.dir, "x", 1, c.db, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_true (error != NULL && g_str_has_prefix (error->message, c.dir));
  g_clear_error (&error);

  g_assert_false (eg_output_write (missing, "x", 1, c.db, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_IO);
  g_assert_true (error != NULL && g_str_has_prefix (error->message, missing));

  files_after = list_dir (c.dir);
  g_assert_cmpstr (files_before, ==, files_after);
  collection_close (&c);
}

/* The GFile entry point the app's Export uses */
static void
test_gfile (void)
{
  Collection c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) collection = NULL;
  g_autoptr(GFile) deck = NULL;
  g_autofree char *deck_path = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *state_after = NULL;

  collection_open (&c, "gfile");
  collection = g_file_new_for_path (c.db);
  deck_path = g_build_filename (c.dir, "deck.md", NULL);
  deck = g_file_new_for_path (deck_path);
  state_before = file_state (c.db);

  g_assert_false (eg_output_write_file (collection, "# D\n", 4, c.db, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION);
  state_after = file_state (c.db);
  g_assert_cmpstr (state_before, ==, state_after);
  g_clear_error (&error);

  g_assert_true (eg_output_write_file (deck, "# D\n", 4, c.db, &error));
  g_assert_no_error (error);
  check_written (deck_path, "# D\n");

  collection_close (&c);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-output");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/output/refuses-collection", test_refuses_collection);
  g_test_add_func ("/output/refuses-backups", test_refuses_backups);
  g_test_add_func ("/output/refuses-default-backups", test_refuses_default_backups);
  g_test_add_func ("/output/new-and-existing-files", test_new_and_existing_files);
  g_test_add_func ("/output/symlink-written-through", test_symlink_written_through);
  g_test_add_func ("/output/fifo-written-directly", test_fifo_written_directly);
  g_test_add_func ("/output/not-a-file", test_not_a_file);
  g_test_add_func ("/output/gfile", test_gfile);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

/* fuzz-util.c - what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "eg-test-store.h"
#include "fuzz-util.h"

static char *tmp_dir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_remove (path);
}

static void
cleanup (void)
{
  if (tmp_dir != NULL)
    remove_tree (tmp_dir);
}

/* In run-fuzzer.sh's folder (kept with the input when a run fails), else
 * in memory when there is a tmpfs: a collection syncs each write, and a
 * disk makes that thousands of times slower */
static char *
make_tmp_dir (void)
{
  const char *parent = g_getenv ("ENGRAM_FUZZ_TMPDIR");
  char *dir = NULL;

  if (parent == NULL && g_access ("/dev/shm", W_OK) == 0)
    parent = "/dev/shm";
  if (parent != NULL)
    dir = g_mkdtemp (g_build_filename (parent, "engram-fuzz-XXXXXX", NULL));
  if (dir == NULL)
    dir = g_dir_make_tmp ("engram-fuzz-XXXXXX", NULL);
  return dir;
}

void
fuzz_init (void)
{
  const char *names[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  if (tmp_dir != NULL)
    return;
  tmp_dir = make_tmp_dir ();
  if (tmp_dir == NULL)
    fuzz_fail (G_STRLOC, "g_dir_make_tmp", "cannot make a temporary folder");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (tmp_dir, names[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (names[i][0], dir, TRUE);
    }
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* a g_return_if_fail() that fails is a bug the fuzzer found */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  atexit (cleanup);
}

const char *
fuzz_tmp_dir (void)
{
  fuzz_init ();
  return tmp_dir;
}

char *
fuzz_tmp_path (const char *name)
{
  return g_build_filename (fuzz_tmp_dir (), name, NULL);
}

void
fuzz_fail (const char *where,
           const char *what,
           const char *format,
           ...)
{
  va_list args;

  fprintf (stderr, "FUZZ INVARIANT FAILED at %s: %s\n  ", where, what);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  const char *text = (const char *) data;
  size_t length = size;
  const char *nul = memchr (data, '\0', size);

  if (nul != NULL)
    length = nul - text;
  return g_utf8_make_valid (text, length);
}

GFile *
fuzz_write_file (const char *name,
                 const void *data,
                 gsize       size)
{
  g_autofree char *path = fuzz_tmp_path (name);

  if (!g_file_set_contents (path, data, size, NULL))
    fuzz_fail (G_STRLOC, "g_file_set_contents", "cannot write %s", path);
  return g_file_new_for_path (path);
}

static void
remove_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* A new collection takes ~70 ms (its schema, checks, syncs); a copy of an
 * empty one, opened, a few: the targets make one for each input */
static GBytes *template_store;

static GBytes *
empty_store (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (template_store != NULL)
    return template_store;
  path = fuzz_tmp_path ("template.db");
  remove_store_files (path);
  store = eg_store_open (path, &error);
  if (store == NULL)
    fuzz_fail (G_STRLOC, "eg_store_open", "%s", error->message);
  g_clear_object (&store);
  if (!g_file_get_contents (path, &contents, &length, &error))
    fuzz_fail (G_STRLOC, "g_file_get_contents", "%s", error->message);
  remove_store_files (path);
  template_store = g_bytes_new_take (contents, length);
  return template_store;
}

EgStore *
fuzz_store_new (const char *name)
{
  g_autofree char *path = fuzz_tmp_path (name);
  g_autoptr(GError) error = NULL;
  GBytes *empty = empty_store ();
  EgStore *store;

  remove_store_files (path);
  if (!g_file_set_contents (path, g_bytes_get_data (empty, NULL), g_bytes_get_size (empty),
                            &error))
    fuzz_fail (G_STRLOC, "g_file_set_contents", "%s", error->message);
  store = eg_store_open (path, &error);
  if (store == NULL)
    fuzz_fail (G_STRLOC, "eg_store_open", "%s", error->message);
  return store;
}

void
fuzz_store_drop (EgStore    *store,
                 const char *name)
{
  g_autofree char *path = fuzz_tmp_path (name);

  g_clear_object (&store);
  remove_store_files (path);
}

char *
fuzz_cards_fingerprint (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = eg_test_cards_fingerprint (store, &error);

  FUZZ_CHECK (text != NULL, "%s", error->message);
  return text;
}

guint
fuzz_read_byte (FuzzReader *reader)
{
  if (reader->pos >= reader->size)
    return 0;
  return reader->data[reader->pos++];
}

guint
fuzz_read_u16 (FuzzReader *reader)
{
  guint hi = fuzz_read_byte (reader);

  return (hi << 8) | fuzz_read_byte (reader);
}

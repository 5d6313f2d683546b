/* eg-test-util.c - helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "eg-test-util.h"

static char *test_dir;

const char *
eg_test_setup_dirs (const char *prefix)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  const char *names[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  test_dir = g_dir_make_tmp (template, NULL);
  g_assert_nonnull (test_dir);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (test_dir, names[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (names[i][0], dir, TRUE);
    }

  return test_dir;
}

gboolean
eg_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          eg_test_rm_rf (child);
        else
          g_unlink (child);
      }

  return g_remove (path) == 0;
}

void
eg_test_cleanup_dirs (void)
{
  if (test_dir != NULL)
    eg_test_rm_rf (test_dir);
  g_clear_pointer (&test_dir, g_free);
}

char *
eg_test_tmp_path (const char *name)
{
  static guint counter;

  g_assert_nonnull (test_dir);
  return g_strdup_printf ("%s/%u-%s", test_dir, ++counter, name);
}

char *
eg_test_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

GBytes *
eg_test_read_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/**
 * eg_test_damage_pages:
 * @pages: page numbers (from 0, of 4096 bytes), ending with -1
 *
 * Overwrites those pages of @path with bytes that are not a b-tree page,
 * as a failing disk or a stray program would.
 */
void
eg_test_damage_pages (const char *path,
                      const int  *pages)
{
  FILE *file = fopen (path, "r+b");
  char junk[4096];

  g_assert_nonnull (file);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7 + 3);
  for (guint i = 0; pages[i] >= 0; i++)
    {
      g_assert_cmpint (fseek (file, (long) pages[i] * 4096, SEEK_SET), ==, 0);
      g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
    }
  g_assert_cmpint (fclose (file), ==, 0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
eg_bench_report (const char *what,
                 GArray     *samples,
                 const char *target)
{
  double mid;

  g_assert_cmpuint (samples->len, >, 0);
  g_array_sort (samples, compare_doubles);
  mid = g_array_index (samples, double, samples->len / 2);
  g_print ("%-48s median %8.2f ms  (min %.2f, max %.2f, %u runs)%s%s\n", what, mid,
           g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1),
           samples->len, target ? "  target " : "", target ? target : "");
  g_array_set_size (samples, 0);
}

double
eg_bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

void
eg_bench_add (GArray *samples,
              double  ms)
{
  g_array_append_val (samples, ms);
}

double
eg_bench_run_process (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return eg_bench_ms_since (start);
}

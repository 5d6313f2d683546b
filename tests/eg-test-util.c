/* eg-test-util.c - helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

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

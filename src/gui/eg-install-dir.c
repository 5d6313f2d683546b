/* eg-install-dir.c - Engram's installed folders, found from the program
 *
 * An installed Engram is a tree: PREFIX/bin/engram, PREFIX/lib/.../engram
 * (the web module), PREFIX/share/engram (the shipped decks).  The folders
 * are looked up from where the running program is, so that a tree moved
 * somewhere else (a `meson install --destdir` tree, an unpacked bundle)
 * still finds its own files; the paths fixed at build time are used when
 * the program is not in such a tree (the build tree: see `meson devenv`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-install-dir"

#include "config.h"

#include "eg-install-dir.h"

/* PREFIX for a program at PREFIX/BINDIR_FROM_PREFIX/engram, or NULL */
static char *
running_prefix (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_auto (GStrv) parts = NULL;
  char *prefix;

  if (exe == NULL || g_path_is_absolute (BINDIR_FROM_PREFIX))
    return NULL;
  bindir = g_path_get_dirname (exe);
  parts = g_strsplit (BINDIR_FROM_PREFIX, G_DIR_SEPARATOR_S, -1);
  prefix = g_steal_pointer (&bindir);
  for (guint i = g_strv_length (parts); i > 0; i--)
    {
      g_autofree char *base = NULL;
      char *up;

      if (parts[i - 1][0] == '\0' || g_str_equal (parts[i - 1], "."))
        continue;
      base = g_path_get_basename (prefix);
      if (!g_str_equal (base, parts[i - 1]))
        {
          g_free (prefix);
          return NULL;
        }
      up = g_path_get_dirname (prefix);
      g_free (prefix);
      prefix = up;
    }
  return prefix;
}

/**
 * eg_install_dir:
 * @relative: a folder relative to the install prefix, e.g. "share/engram"
 * @fallback: the same folder as configured at build time
 *
 * Returns: (transfer full): @relative under the prefix the running program
 *   is installed in, when that folder exists; else a copy of @fallback
 */
char *
eg_install_dir (const char *relative,
                const char *fallback)
{
  static gsize once = 0;
  static char *prefix;
  g_autofree char *dir = NULL;

  if (g_once_init_enter (&once))
    {
      prefix = running_prefix ();
      g_once_init_leave (&once, 1);
    }
  if (prefix == NULL || g_path_is_absolute (relative))
    return g_strdup (fallback);
  dir = g_build_filename (prefix, relative, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_strdup (fallback);
  return g_steal_pointer (&dir);
}

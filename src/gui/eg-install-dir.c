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

#include <stdlib.h>
#include <string.h>

/* PREFIX for a program at PREFIX/BINDIR_FROM_PREFIX/engram, or NULL */
static char *
running_prefix (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *bindir = NULL;
  gsize len;

  if (exe == NULL || g_path_is_absolute (BINDIR_FROM_PREFIX))
    return NULL;
  dir = g_path_get_dirname (exe);
  bindir = g_canonicalize_filename (BINDIR_FROM_PREFIX, "/");  /* "/bin" */
  if (!g_str_has_suffix (dir, bindir))
    return NULL;
  len = strlen (dir) - strlen (bindir);
  return len == 0 ? g_strdup ("/") : g_strndup (dir, len);
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

/**
 * eg_install_dir_in_build_tree:
 *
 * Whether the running program is one of the build tree it was built in (the
 * app run by `meson devenv`, a test), which uses the build tree's files.
 *
 * Returns: %TRUE when the program is under the build tree
 */
gboolean
eg_install_dir_in_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (BUILD_ROOT, NULL);
  gsize len;

  if (exe == NULL || root == NULL)
    return FALSE;
  len = strlen (root);
  return strncmp (exe, root, len) == 0 && exe[len] == '/';
}

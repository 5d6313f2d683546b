/* main.c - start Engram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#if defined (__GLIBC__)
#include <malloc.h>
#endif

#include "eg-application.h"
#include "eg-install-dir.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(EgApplication) app = NULL;
  g_autofree char *locale_dir = NULL;

#if defined (__GLIBC__)
  /* Each frame of a web view arrives as a new buffer of a few MiB. Above
   * malloc's mmap threshold each one was mapped afresh and every 4 KiB page
   * of it faulted in when written: ~17 ms more per revealed answer on a
   * 2-core VM. Kept in the heap, the buffers are reused. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
  setlocale (LC_ALL, "");
  /* ENGRAM_LOCALE_DIR: the build tree's translations (meson devenv, tests);
   * else those of the tree the program is installed in */
  if (g_getenv ("ENGRAM_LOCALE_DIR") != NULL)
    locale_dir = g_strdup (g_getenv ("ENGRAM_LOCALE_DIR"));
  else
    locale_dir = eg_install_dir (LOCALEDIR_FROM_PREFIX, LOCALEDIR);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Engram"));

  app = eg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

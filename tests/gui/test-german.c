/* test-german.c - the app speaks German under LANGUAGE=de (issue 16, point 3):
 * the .ui templates, the C labels and the plurals come from po/de.po
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "eg-application.h"
#include "eg-core.h"
#include "app-fixture.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-window.h"

static void
test_library (void)
{
  EgApplication *app;
  GtkWidget *window;

  make_shipped_collection ();
  app = start_app ();
  window = GTK_WIDGET (app_window (app));
  g_assert_nonnull (window);

  /* a .ui label, a C label (the smart folders), a plural, a search hint */
  g_assert_true (eg_gui_test_wait_for_text (window, "Heute fällig", FALSE, 10000));
  g_assert_true (eg_gui_test_shows_text (window, "Bibliothek", FALSE));
  /* the counts come from a thread, a moment later */
  g_assert_true (eg_gui_test_wait_for_text (window, "245 Karten", FALSE, 10000));
  g_assert_true (eg_gui_test_wait_for_text (window, "20 neu · 20 Karten", TRUE, 10000));
  g_assert_false (eg_gui_test_shows_text (window, "Due Today", FALSE));
  g_assert_false (eg_gui_test_shows_text (window, "245 cards", FALSE));

  /* review: the header's count and the button under the question */
  g_assert_true (gtk_widget_activate_action (window, "win.review-all", NULL));
  g_assert_true (eg_gui_test_wait_for_text (window, "Antwort zeigen", FALSE, 10000));
  g_assert_true (eg_gui_test_shows_text (window, "für heute übrig", TRUE));
  g_assert_false (eg_gui_test_shows_text (window, "Show Answer", FALSE));

  stop_app (app);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  const char *locale_dir = g_getenv ("ENGRAM_LOCALE_DIR");
  int status;

  /* German messages; LANGUAGE is ignored in the "C" locale, C.UTF-8 is
   * always there. Set before GTK reads the locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-german");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/german/library-and-review", test_library);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

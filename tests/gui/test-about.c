/* test-about.c - the shortcuts window and About (issue 12, point 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "eg-application.h"
#include "eg-core.h"
#include "app-fixture.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-window.h"

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Ctrl+?: a section for the library and one for review, each on one page;
 * keys named as the HIG writes them. */
static void
test_shortcuts (void)
{
  static const char *library[] = {
    "Show Shortcuts", "Quit", "Move Between the Sidebar, the Search and the Cards",
    "Delete the Selected Cards", "Back, in a Narrow Window", "Save",
  };
  static const char *review[] = {
    "Show the Answer, then Grade Good", "Grade Again, Hard, Good, Easy", "Card Info",
    "Scroll a Page", "Zoom In, Out, Normal Size", "Back to the Library",
    "Highlight the Selected Passage", "Open the Card’s Note",
  };
  EgApplication *app;
  EgWindow *window;
  GtkWidget *overlay;

  make_shipped_collection ();
  app = start_app ();
  window = app_window (app);
  g_assert_nonnull (window);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (eg_gui_test_wait_for (mapped, overlay, 5000));
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    if (!eg_gui_test_shows_text (overlay, library[i], FALSE))
      g_test_fail_printf ("the library's shortcuts do not show “%s” with the rest", library[i]);
  g_assert_true (eg_gui_test_shows_text (overlay, "Esc", FALSE));
  g_assert_false (eg_gui_test_shows_text (overlay, "Escape", FALSE));

  g_object_set (overlay, "section-name", "review", NULL);
  g_assert_true (eg_gui_test_wait_for_text (overlay, "Page Down", FALSE, 5000));
  g_assert_true (eg_gui_test_shows_text (overlay, "Page Up", FALSE));
  g_assert_false (eg_gui_test_shows_text (overlay, "Page_Down", FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (review); i++)
    if (!eg_gui_test_shows_text (overlay, review[i], FALSE))
      g_test_fail_printf ("the review's shortcuts do not show “%s” with the rest", review[i]);

  gtk_window_close (GTK_WINDOW (overlay));
  stop_app (app);
}

/* About: the app's icon (from the resources, installed or not), the
 * website, the issue tracker, the credits. */
static void
test_about (void)
{
  EgApplication *app;
  AdwAboutWindow *about;
  GtkIconTheme *theme;

  make_shipped_collection ();
  app = start_app ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (eg_gui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL));
  g_assert_nonnull (about);
  if (about == NULL)
    return;

  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about)));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_cmpstr (adw_about_window_get_website (about), ==,
                   "https://github.com/engram-app/engram");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==,
                   "https://github.com/engram-app/engram/issues");
  g_assert_nonnull (adw_about_window_get_developers (about));

  gtk_window_destroy (GTK_WINDOW (about));
  stop_app (app);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-about");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/about/shortcuts", test_shortcuts);
  g_test_add_func ("/gui/about/about", test_about);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

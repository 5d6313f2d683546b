/* test-library.c - the library window, in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-test-util.h"
#include "eg-window.h"

typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until @condition holds or @timeout_ms pass. */
static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* let the frame that shows the change be drawn */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return TRUE;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static gboolean
shows_label (GtkWidget  *window,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (window, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return shows_label (wait->window, wait->text);
}

static const char *first_headings[] = {
  "🟢 301–320: Go Internals and Runtime",
  "🔵 401–420: Networking and Low-Level Programming",
  "⚙️ 701–720: Go Internals & Runtime",
  "📡 701–720: Network & Protocol-Level Programming",
  "🧩 1021–1045: Niche Patterns, Frameworks & Tricky Snippets",
};

static void
check_library (EgWindow *window)
{
  GListModel *sections = eg_window_get_sections (window);
  GListModel *cards = eg_window_get_cards (window);
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (wait_for (label_shown, &wait, 10000));

  /* 12 sections, each with its heading and count on screen */
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 12);
  for (guint i = 0; i < G_N_ELEMENTS (first_headings); i++)
    if (!shows_label (GTK_WIDGET (window), first_headings[i]))
      g_test_fail_printf ("the sidebar does not show “%s”", first_headings[i]);
  g_assert_true (shows_label (GTK_WIDGET (window), "25"));

  /* the first section is selected: its 20 cards, numbers and plain questions */
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 20);
  g_assert_true (shows_label (GTK_WIDGET (window), "301"));
  g_assert_true (shows_label (GTK_WIDGET (window), "How does the Go scheduler work?"));
  g_assert_true (shows_label (GTK_WIDGET (window), "What is M:N scheduling in Golang?"));
  g_assert_true (shows_label (GTK_WIDGET (window), "20 cards"));
}

static void
test_window_lists_sections_and_cards (void)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EgWindow *window;
  LabelWait wait;

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  check_library (window);

  /* another section: its own cards, with the Markdown title made plain */
  g_assert_true (eg_window_select_section (window, 11));
  wait = (LabelWait) { GTK_WIDGET (window), "1028" };
  g_assert_true (wait_for (label_shown, &wait, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (eg_window_get_cards (window)), ==, 25);
  g_assert_true (shows_label (GTK_WIDGET (window),
                              "🧩 1021–1045: Niche Patterns, Frameworks & Tricky Snippets"));
  g_assert_true (shows_label (GTK_WIDGET (window),
                              "Tricky Snippet: What is the output of fmt.Println(s) if "
                              "s := []int{1,2,3}; append(s[:1], 4) is called?"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
app_has_window (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL &&
         g_list_model_get_n_items (eg_window_get_sections (EG_WINDOW (window))) == 12;
}

static void
test_first_start_imports_shipped_deck (void)
{
  g_autoptr(EgApplication) app = eg_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autofree char *db = eg_store_default_path ();
  GtkWindow *window;
  EgStoreStats stats = { 0 };

  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_assert_true (wait_for (app_has_window, app, 20000));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  check_library (EG_WINDOW (window));

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.cards, ==, 245);
  g_assert_cmpuint (stats.sections, ==, 12);

  gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (app));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-gui");

  g_test_init (&argc, &argv, NULL);
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      /* TAP: skip the whole plan when there is no display */
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/library/sections-and-cards", test_window_lists_sections_and_cards);
  g_test_add_func ("/gui/library/first-start", test_first_start_imports_shipped_deck);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

/* review-fixture.c - a window reviewing a deck, for the review tests
 *
 * The window and its review page on a collection made from a deck's text;
 * the page's paints (shown, revealed) counted, so that a test waits for
 * what an action shows; the page's DOM read through its web view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <webkit/webkit.h>

#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "review-fixture.h"

static void
painted_cb (Fixture    *f,
            const char *kind,
            guint64     token)
{
  g_ptr_array_add (f->painted, g_strdup (kind));
}

gboolean
painted_again (gpointer data)
{
  PaintWait *wait = data;
  guint n = 0;

  for (guint i = 0; i < wait->f->painted->len; i++)
    if (g_str_equal (g_ptr_array_index (wait->f->painted, i), wait->kind))
      n++;
  return n > wait->seen;
}

/* Runs @action and waits for the page to paint a @kind change. */
gboolean
act_and_wait (Fixture    *f,
              const char *action,
              GVariant   *parameter,
              const char *kind)
{
  PaintWait wait = { f, kind, 0 };

  for (guint i = 0; i < f->painted->len; i++)
    if (g_str_equal (g_ptr_array_index (f->painted, i), kind))
      wait.seen++;
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->page), action, parameter));
  return eg_gui_test_wait_for (painted_again, &wait, 10000);
}

/* Evaluates @script in the page's own world and returns its value as text. */
char *
page_eval (Fixture    *f,
           const char *script)
{
  char *text = eg_gui_test_eval (eg_card_view_get_web_view (f->view), script, 10000);

  g_assert_nonnull (text);
  return text;
}

static gboolean
view_ready (gpointer data)
{
  Fixture *f = data;

  return f->view != NULL && eg_card_view_is_ready (f->view);
}

void
fixture_setup (Fixture    *f,
               const char *deck_text)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (deck, deck_text, -1, NULL));
  f->store = eg_store_open (db, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (f->store, file, eg_time_now_ms () - 60000, EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->painted = g_ptr_array_new_with_free_func (g_free);
  f->window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  eg_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));

  f->page = EG_REVIEW_PAGE (eg_window_get_review_page (f->window));
  eg_review_page_ensure_view (f->page);
  f->view = eg_review_page_get_card_view (f->page);
  g_signal_connect_swapped (f->view, "painted", G_CALLBACK (painted_cb), f);
  g_assert_true (eg_gui_test_wait_for (view_ready, f, 20000));
}

void
fixture_teardown (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_clear_pointer (&f->painted, g_ptr_array_unref);
}

gboolean
start_and_wait (Fixture *f)
{
  PaintWait wait = { f, "shown", 0 };

  for (guint i = 0; i < f->painted->len; i++)
    if (g_str_equal (g_ptr_array_index (f->painted, i), "shown"))
      wait.seen++;
  g_assert_true (eg_window_start_review (f->window, NULL));
  return eg_gui_test_wait_for (painted_again, &wait, 10000);
}

void
assert_page_text (Fixture    *f,
                  const char *element,
                  const char *expected)
{
  g_autofree char *script = g_strdup_printf ("document.getElementById('%s').textContent.trim()",
                                             element);
  g_autofree char *text = page_eval (f, script);

  g_assert_cmpstr (text, ==, expected);
}

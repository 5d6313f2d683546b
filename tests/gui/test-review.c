/* test-review.c - the review view: keyboard actions, WebKit DOM, safety
 *
 * In-process under Xvfb: drives the same actions the keys fire and reads the
 * DOM the WebKit view shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <stdio.h>
#include <webkit/webkit.h>
#include <string.h>
#include <unistd.h>

#include "eg-application.h"
#include "eg-card-editor.h"
#include "eg-card-info.h"
#include "eg-card-view.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-library-page.h"
#include "eg-review-page-private.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "eg-window.h"
#include "review-fixture.h"

static void
test_review_three_cards (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hidden = NULL;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));

  /* the question only */
  assert_page_text (&f, "question", "What is a goroutine?");
  hidden = page_eval (&f, "String(document.getElementById('answer').hidden)");
  g_assert_cmpstr (hidden, ==, "true");
  g_assert_false (eg_review_page_get_revealed (f.page));

  /* Space reveals; the answer and its Indepth part show */
  g_assert_true (act_and_wait (&f, "review.space", NULL, "revealed"));
  g_clear_pointer (&hidden, g_free);
  hidden = page_eval (&f, "String(document.getElementById('answer').hidden)");
  g_assert_cmpstr (hidden, ==, "false");
  assert_page_text (&f, "answer-body", "A lightweight thread managed by the Go runtime.");
  assert_page_text (&f, "parts", "IndepthStacks start at 2 KB.");

  /* 1: Again; the next card shows */
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (1), "shown"));
  assert_page_text (&f, "question", "What does defer do?");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  assert_page_text (&f, "question", "What is a channel?");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (4), "shown"));

  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 3);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 0))->rating, ==, 1);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 1))->rating, ==, 3);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 2))->rating, ==, 4);
  g_assert_cmpstr (((EgReview *) g_ptr_array_index (reviews, 2))->card_key, ==, "three/3");

  /* Ctrl+Z: back to the card just graded, its grade gone */
  g_assert_true (act_and_wait (&f, "review.undo", NULL, "shown"));
  assert_page_text (&f, "question", "What is a channel?");
  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 2);
  {
    g_autoptr(EgCard) card = eg_store_find_card (f.store, "three/3", &error);
    g_assert_cmpint (card->state.state, ==, 0);
  }
  fixture_teardown (&f);
}

/* The library reloading (its counts, an import finishing) while the window
 * crossfades to the review page leaves the keyboard focus in the review,
 * where the keys work. */
static void
test_review_keeps_focus (void)
{
  Fixture f = { 0 };
  GtkWidget *focus;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (eg_window_start_review (f.window, NULL));
  eg_window_reload (f.window);
  focus = gtk_root_get_focus (GTK_ROOT (f.window));
  g_assert_nonnull (focus);
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (f.page)));
  g_assert_true (act_and_wait (&f, "review.space", NULL, "revealed"));
  fixture_teardown (&f);
}

static void
test_dark_mode (void)
{
  Fixture f = { 0 };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *light_bg = NULL;
  g_autofree char *dark_bg = NULL;
  g_autofree char *light_code = NULL;
  g_autofree char *dark_code = NULL;
  const char *code_color = "(() => { const s = document.querySelector('#question span[style]');"
                           " return s ? getComputedStyle(s).color : 'none'; })()";
  PaintWait wait;

  fixture_setup (&f, "# Dark\n\n<!-- engram default-language: go -->\n\n"
                     "### 1. What does `func main() {}` declare?\nThe entry point.\n");
  g_assert_true (start_and_wait (&f));
  light_bg = page_eval (&f, "getComputedStyle(document.documentElement).backgroundColor");
  light_code = page_eval (&f, code_color);
  g_assert_cmpstr (light_bg, ==, "rgb(255, 255, 255)");
  g_assert_cmpstr (light_code, !=, "none");

  wait = (PaintWait) { &f, "shown", 0 };
  for (guint i = 0; i < f.painted->len; i++)
    wait.seen += g_str_equal (g_ptr_array_index (f.painted, i), "shown");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (eg_gui_test_wait_for (painted_again, &wait, 10000));

  dark_bg = page_eval (&f, "getComputedStyle(document.documentElement).backgroundColor");
  dark_code = page_eval (&f, code_color);
  g_assert_cmpstr (dark_bg, ==, "rgb(30, 30, 30)");
  /* the code is highlighted again with the dark style scheme */
  g_assert_cmpstr (dark_code, !=, light_code);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture_teardown (&f);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* The grade bar as it looks now */
static GBytes *
bar_pixels (Fixture *f)
{
  GtkWidget *bar = GTK_WIDGET (f->page->bar_stack);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (bar);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (bar), height = gtk_widget_get_height (bar);
  guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (bar)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, (gsize) width * 4);
  return g_bytes_new_take (data, (gsize) width * height * 4);
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* After the window's next frame: the web view may say it painted before
 * the window has drawn the bar's new buttons (the web process is warm). */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);

  gtk_widget_queue_draw (widget);
  g_assert_true (eg_gui_test_wait_for (is_true, &painted, 5000));
  g_signal_handler_disconnect (clock, handler);
}

/* Whether the grade bar looks the same @ms after @before */
static gboolean
bar_settled (Fixture *f,
             GBytes  *before,
             guint    ms)
{
  g_autoptr(GBytes) after = NULL;

  eg_gui_test_wait_for (never, NULL, ms);
  after = bar_pixels (f);
  return g_bytes_equal (before, after);
}

/* The answer and the next card settle at once: the grade bar looks, just
 * after the change, as it does for good (the theme's 200 ms transitions on
 * its buttons — background, focus ring — kept the window painting ~200 ms
 * after the answer was there) */
static void
test_settles_at_once (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  Fixture f = { 0 };
  gboolean animations = FALSE;

  /* the app's style sheet, as the app loads it */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);   /* as for a user */
  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  /* keys move the focus, and show it, as Space and the digits do */
  gtk_window_set_focus_visible (GTK_WINDOW (f.window), TRUE);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) revealed = NULL;
      g_autoptr(GBytes) shown = NULL;

      g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
      wait_for_frame (GTK_WIDGET (f.page->bar_stack));
      revealed = bar_pixels (&f);
      g_assert_true (bar_settled (&f, revealed, 400));
      g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
      wait_for_frame (GTK_WIDGET (f.page->bar_stack));
      shown = bar_pixels (&f);
      g_assert_true (bar_settled (&f, shown, 400));
    }
  fixture_teardown (&f);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
}

/* A loopback listener: any connection means the page tried to load something. */
typedef struct
{
  GSocketService *service;
  guint16         port;
  guint           connections;
} Canary;

static gboolean
canary_incoming_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  ((Canary *) user_data)->connections++;
  return FALSE;
}

static gboolean
page_loaded (gpointer data)
{
  g_autofree char *state = page_eval (data, "document.readyState");

  return g_strcmp0 (state, "complete") == 0;
}

static void
test_hostile_card (void)
{
  Fixture f = { 0 };
  Canary canary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = NULL;
  g_autofree char *title = NULL;
  g_autofree char *elements = NULL;
  g_autofree char *text = NULL;
  g_autofree char *links = NULL;
  g_autofree char *display = NULL;
  g_autofree char *expected_links = NULL;

  canary.service = g_socket_service_new ();
  canary.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (canary.service), NULL,
                                                     &error);
  g_assert_no_error (error);
  g_signal_connect (canary.service, "incoming", G_CALLBACK (canary_incoming_cb), &canary);
  g_socket_service_start (canary.service);

  deck = g_strdup_printf (
    "# Hostile\n\n"
    "### 1. Is this <script>document.title='pwned';fetch('http://127.0.0.1:%u/q')</script> safe?\n"
    "<script>document.title = 'pwned'; fetch('http://127.0.0.1:%u/script');</script>\n\n"
    "<img src=\"http://127.0.0.1:%u/img\" onerror=\"document.title='pwned'\">\n\n"
    "[click me](javascript:document.title='pwned') and [web](http://127.0.0.1:%u/link)\n\n"
    "<iframe src=\"http://127.0.0.1:%u/iframe\"></iframe>\n\n"
    "<style>body { display: none; }</style>\n\n"
    "![remote](http://127.0.0.1:%u/image.png)\n",
    canary.port, canary.port, canary.port, canary.port, canary.port, canary.port);
  fixture_setup (&f, deck);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));

  /* anything that wanted to load has tried once the page has loaded */
  g_assert_true (eg_gui_test_wait_for (page_loaded, &f, 5000));

  g_assert_cmpuint (canary.connections, ==, 0);
  title = page_eval (&f, "document.title");
  g_assert_cmpstr (title, ==, "Engram");
  elements = page_eval (&f, "String(document.querySelectorAll("
                            "'#card script, #card img, #card iframe, #card style').length)");
  g_assert_cmpstr (elements, ==, "0");
  /* shown as text */
  text = page_eval (&f, "document.getElementById('answer-body').textContent");
  g_assert_nonnull (strstr (text, "<script>document.title = 'pwned'"));
  g_assert_nonnull (strstr (text, "<iframe src="));
  /* the javascript: link is inert, the web link opens only on a click */
  links = page_eval (&f, "[...document.querySelectorAll('#answer-body a')]"
                         ".map(a => a.getAttribute('href') + ' ' + a.rel).join('|') + ' / ' +"
                         " document.querySelectorAll('#answer-body .blocked-link').length");
  expected_links = g_strdup_printf ("http://127.0.0.1:%u/link noopener noreferrer / 1",
                                    canary.port);
  g_assert_cmpstr (links, ==, expected_links);
  display = page_eval (&f, "getComputedStyle(document.body).display");
  g_assert_cmpstr (display, ==, "block");

  g_socket_service_stop (canary.service);
  g_object_unref (canary.service);
  fixture_teardown (&f);
}

typedef struct
{
  Fixture *f;
  int      y;
} ScrollWait;

/* Has the page scrolled to ScrollWait.y? */
static gboolean
scrolled_to (gpointer data)
{
  ScrollWait *wait = data;
  g_autofree char *y = page_eval (wait->f, "String(window.scrollY)");

  return atoi (y) == wait->y;
}

static void
test_long_answer_scrolls (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) deck = g_string_new ("# Long\n\n### 1. A long one?\n");
  g_autofree char *y0 = NULL;
  g_autofree char *y3 = NULL;

  for (int i = 1; i <= 400; i++)
    g_string_append_printf (deck, "Line %d of a very long answer.\n\n", i);
  fixture_setup (&f, deck->str);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));

  y0 = page_eval (&f, "String(window.scrollY)");
  g_assert_cmpstr (y0, ==, "0");

  /* j, j, j: three lines down */
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.scroll", "s", "down"));
  g_assert_true (eg_gui_test_wait_for (scrolled_to, &(ScrollWait) { &f, 120 }, 5000));

  /* k: one up */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.scroll", "s", "up"));
  g_assert_true (eg_gui_test_wait_for (scrolled_to, &(ScrollWait) { &f, 80 }, 5000));

  /* End, then Home */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.scroll", "s", "bottom"));
  y3 = page_eval (&f, "String(window.scrollY + window.innerHeight >= "
                      "document.documentElement.scrollHeight - 2)");
  g_assert_cmpstr (y3, ==, "true");
  fixture_teardown (&f);
}

static void
test_edit_card (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  EgCardEditor *editor = NULL;
  PaintWait wait;
  gint64 id;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  id = eg_review_page_get_card_id (f.page);

  /* E opens the editor on the card's Markdown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.edit", NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  {
    g_autofree char *text = eg_card_editor_get_text (editor);
    g_assert_cmpstr (text, ==, "### 1. What is a goroutine?\n"
                               "A lightweight thread managed by the Go runtime.\n\n"
                               "#### Indepth\nStacks start at 2 KB.\n");
  }

  /* a changed number is refused: it is part of the key */
  eg_card_editor_set_text (editor, "### 9. What is a goroutine?\nA thread.\n");
  g_assert_false (eg_card_editor_save (editor, &error));
  g_clear_error (&error);

  /* saving updates the card in place and the page shows it */
  wait = (PaintWait) { &f, "shown", 0 };
  for (guint i = 0; i < f.painted->len; i++)
    wait.seen += g_str_equal (g_ptr_array_index (f.painted, i), "shown");
  eg_card_editor_set_text (editor, "### 1. What is a goroutine?\nA **green** thread.\n");
  g_assert_true (eg_card_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_true (eg_gui_test_wait_for (painted_again, &wait, 10000));
  assert_page_text (&f, "answer-body", "A green thread.");
  card = eg_store_get_card (f.store, id, &error);
  g_assert_cmpstr (card->answer, ==, "A **green** thread.");
  g_assert_cmpuint (card->parts->len, ==, 0);
  g_assert_cmpstr (card->key, ==, "three/1");

  gtk_window_destroy (GTK_WINDOW (editor));
  fixture_teardown (&f);
}

static void
test_all_caught_up (void)
{
  Fixture f = { 0 };

  fixture_setup (&f, "# One\n\n### 1. Only card?\nYes.\n");
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.grade", "i", 4));
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");
  fixture_teardown (&f);
}

/* Answers @dialog_response in the "Study These Now" dialog, then waits for
 * the first card. */
static gboolean
study_now (Fixture    *f,
           const char *response)
{
  PaintWait wait = { f, "shown", 0 };
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < f->painted->len; i++)
    wait.seen += g_str_equal (g_ptr_array_index (f->painted, i), "shown");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (eg_window_get_library_page (f->window)),
                                             "library.study-now", NULL));
  dialog = (AdwMessageDialog *) eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                           "Study 2 Cards Now?");
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return FALSE;
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return eg_gui_test_wait_for (painted_again, &wait, 10000);
}

/* Custom study: exactly the cards the search shows; a preview leaves their
 * schedule as it was, "Reschedule" grades them as usual. */
static void
test_study_these_now (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (eg_library_page_set_search (eg_window_get_library_page (f.window),
                                             "goroutine OR channel"));

  g_assert_true (study_now (&f, "preview"));
  assert_page_text (&f, "question", "What is a goroutine?");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (4), "shown"));
  assert_page_text (&f, "question", "What is a channel?");   /* not card 2 */
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.grade", "i", 4));
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");
  card = eg_store_find_card (f.store, "three/1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->state.state, ==, 0);     /* still new */
  g_clear_pointer (&card, eg_card_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.back", NULL));
  g_assert_true (study_now (&f, "reschedule"));
  assert_page_text (&f, "question", "What is a goroutine?");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (4), "shown"));
  card = eg_store_find_card (f.store, "three/1", &error);
  g_assert_cmpint (card->state.state, !=, 0);     /* scheduled now */
  g_assert_cmpint (card->state.due, >, eg_time_now_ms () + 24 * 3600 * 1000);
  fixture_teardown (&f);
}

/* ------------------------------------------------------------------ */
/* The card menu: flag, suspend, bury, info; zoom                       */
/* ------------------------------------------------------------------ */

static EgCard *
find_card (Fixture    *f,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  return card;
}

/* F flags the card on screen and F again takes the flag off; S suspends it
 * and B buries it until tomorrow, each taking it out of the session (the
 * next card shows).  Each change is written and said; Ctrl+Z takes the
 * last one back. */
static void
test_flag_suspend_bury (void)
{
  Fixture f = { 0 };
  EgCard *card;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Card flagged", FALSE, 5000));
  card = find_card (&f, "three/1");
  g_assert_cmpint (card->flag, ==, 1);
  g_clear_pointer (&card, eg_card_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Flag removed", FALSE, 5000));
  card = find_card (&f, "three/1");
  g_assert_cmpint (card->flag, ==, 0);
  g_clear_pointer (&card, eg_card_free);

  g_assert_true (act_and_wait (&f, "review.suspend", NULL, "shown"));
  assert_page_text (&f, "question", "What does defer do?");
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Card suspended", FALSE, 5000));
  card = find_card (&f, "three/1");
  g_assert_true (card->suspended);
  g_clear_pointer (&card, eg_card_free);

  g_assert_true (act_and_wait (&f, "review.bury", NULL, "shown"));
  assert_page_text (&f, "question", "What is a channel?");
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Card buried until tomorrow",
                                            FALSE, 5000));
  card = find_card (&f, "three/2");
  g_assert_cmpint (card->buried_until, >, eg_time_now_ms ());
  g_clear_pointer (&card, eg_card_free);

  /* Ctrl+Z: the buried card is back, on screen */
  g_assert_true (act_and_wait (&f, "review.undo", NULL, "shown"));
  assert_page_text (&f, "question", "What does defer do?");
  card = find_card (&f, "three/2");
  g_assert_cmpint (card->buried_until, <=, eg_time_now_ms ());
  g_clear_pointer (&card, eg_card_free);
  fixture_teardown (&f);
}

/* Another program removes a card: a fault the page can meet. */
static void
remove_card (Fixture *f,
             gint64   card_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = eg_store_open (eg_store_get_path (f->store), &error);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM cards WHERE id = %" G_GINT64_FORMAT,
                                          card_id);

  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (other, sql, &error));
  g_assert_no_error (error);
}

/* I shows the card's state and history in a window; a card that cannot be
 * read is said in a toast instead. */
static void
test_card_info (void)
{
  Fixture f = { 0 };
  GtkWindow *info;
  g_autofree char *message = NULL;
  gint64 card_id;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  card_id = eg_review_page_get_card_id (f.page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.info", NULL));
  info = eg_gui_test_find_toplevel (EG_TYPE_CARD_INFO, NULL);
  g_assert_nonnull (info);
  if (info != NULL)
    {
      gtk_window_present (info);
      g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (info), "three/1", FALSE, 5000));
      g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (info), "What is a goroutine?", FALSE));
      g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (info), "Not reviewed yet.", FALSE));
      gtk_window_destroy (info);
    }

  remove_card (&f, card_id);
  message = g_strdup_printf ("No card %" G_GINT64_FORMAT, card_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.info", NULL));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), message, FALSE, 5000));
  g_assert_null (eg_gui_test_find_toplevel (EG_TYPE_CARD_INFO, NULL));
  fixture_teardown (&f);
}

static gboolean
zoom_is (gpointer data)
{
  Fixture *f = data;

  return G_APPROX_VALUE (eg_card_view_get_zoom (f->view), f->zoom, 0.001);
}

/* Ctrl+= and Ctrl+- zoom the card by 10 %, Ctrl+0 back to 100 %; the zoom
 * is remembered in the settings. */
static void
test_zoom (void)
{
  static const struct { const char *how; double zoom; } steps[] = {
    { "in", 1.1 }, { "in", 1.21 }, { "out", 1.1 }, { "reset", 1.0 }, { "out", 1 / 1.1 },
    { "reset", 1.0 },
  };
  Fixture f = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_cmpfloat_with_epsilon (eg_card_view_get_zoom (f.view), 1.0, 0.001);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.zoom", "s",
                                                 steps[i].how));
      f.zoom = steps[i].zoom;
      g_assert_true (eg_gui_test_wait_for (zoom_is, &f, 5000));
      g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), steps[i].zoom,
                                      0.001);
    }
  fixture_teardown (&f);
}


/* Card info shows a question with "<-" and "&" as it is (the group's
 * description is markup). */
static void
test_card_info_plain_text (void)
{
  Fixture f = { 0 };
  GtkWindow *info;

  fixture_setup (&f, "# Chan\n\n### 1. What do `ch <- v` & `<-ch` do?\nSend & receive.\n");
  g_assert_true (start_and_wait (&f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.info", NULL));
  info = eg_gui_test_find_toplevel (EG_TYPE_CARD_INFO, NULL);
  g_assert_nonnull (info);
  if (info != NULL)
    {
      gtk_window_present (info);
      g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (info), "What do ch <- v & <-ch do?",
                                                FALSE, 5000));
      gtk_window_destroy (info);
    }
  fixture_teardown (&f);
}

/* The HIG's narrowest window, 360 px: the page with the answer and its four
 * grade buttons fits, and so do the question and Show Answer, measured with
 * the app's style sheet (the key names' frames). */
static void
test_narrow (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  Fixture f = { 0 };
  int minimum;

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  fixture_setup (&f, THREE_CARDS);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 360, 640);
  g_assert_true (start_and_wait (&f));
  gtk_widget_measure (GTK_WIDGET (f.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("the question needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  gtk_widget_measure (GTK_WIDGET (f.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("the answer and its grade buttons need %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  fixture_teardown (&f);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
}

/* The processes under this one whose name starts with @prefix */
static GArray *
list_descendants (const char *prefix)
{
  g_autoptr(GHashTable) parent_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *found = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *open_paren, *close_paren;
      int pid = atoi (name), ppid = 0;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      open_paren = strchr (stat, '(');
      close_paren = strrchr (stat, ')');
      if (open_paren == NULL || close_paren == NULL || sscanf (close_paren + 2, "%*c %d", &ppid) != 1)
        continue;
      g_hash_table_insert (parent_of, GINT_TO_POINTER (pid), GINT_TO_POINTER (ppid));
      if (strncmp (open_paren + 1, prefix, strlen (prefix)) == 0)
        g_array_append_val (named, pid);
    }
  for (guint i = 0; i < named->len; i++)
    for (int pid = g_array_index (named, int, i); pid > 1;
         pid = GPOINTER_TO_INT (g_hash_table_lookup (parent_of, GINT_TO_POINTER (pid))))
      if (pid == getpid ())
        {
          g_array_append_val (found, g_array_index (named, int, i));
          break;
        }
  return found;
}

static guint
count_descendants (const char *prefix)
{
  g_autoptr(GArray) pids = list_descendants (prefix);

  return pids->len;
}

static gboolean
preview_ready (gpointer data)
{
  return eg_card_view_is_ready (data);
}

static void
count_revealed_cb (guint      *count,
                   const char *kind)
{
  if (g_str_equal (kind, "revealed"))
    (*count)++;
}

/* The library preview and the review view share one web process, and each
 * page's messages reach its own view only. */
static void
test_one_web_process (void)
{
  Fixture f = { 0 };
  EgCardView *preview;
  guint preview_revealed = 0;

  fixture_setup (&f, THREE_CARDS);
  preview = eg_library_page_get_preview (eg_window_get_library_page (f.window));
  g_assert_true (preview != f.view);
  g_assert_true (eg_gui_test_wait_for (preview_ready, preview, 20000));
  g_signal_connect_swapped (preview, "painted", G_CALLBACK (count_revealed_cb), &preview_revealed);

  g_assert_cmpuint (count_descendants ("WebKitWebProces"), ==, 1);

  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_cmpuint (preview_revealed, ==, 0);
  assert_page_text (&f, "question", "What is a goroutine?");

  fixture_teardown (&f);
}

/* The web process dies: the card views' pages come back in a new one, the
 * review view with its card, and review goes on. */
static void
test_web_process_restarts (void)
{
  Fixture f = { 0 };
  g_autoptr(GArray) pids = NULL;
  PaintWait wait = { &f, "shown", 0 };

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  assert_page_text (&f, "question", "What is a goroutine?");

  pids = list_descendants ("WebKitWebProces");
  g_assert_cmpuint (pids->len, ==, 1);
  for (guint i = 0; i < f.painted->len; i++)
    if (g_str_equal (g_ptr_array_index (f.painted, i), "shown"))
      wait.seen++;
  g_assert_cmpint (kill (g_array_index (pids, int, 0), SIGKILL), ==, 0);

  /* the card is shown again, in a new page */
  g_assert_true (eg_gui_test_wait_for (painted_again, &wait, 20000));
  assert_page_text (&f, "question", "What is a goroutine?");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  assert_page_text (&f, "answer-body", "A lightweight thread managed by the Go runtime.");

  fixture_teardown (&f);
}

/* Without the web module the card view says why, and nothing crashes. */
static void
test_missing_web_module (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *view;
      GtkWidget *label;

      g_assert_false (_eg_card_view_load_module_from ("/nonexistent", &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "The card view cannot start"));

      g_test_expect_message ("eg-card-view", G_LOG_LEVEL_WARNING, "The card view cannot start*");
      view = g_object_ref_sink (eg_card_view_new ());
      g_test_assert_expected_messages ();
      g_assert_null (eg_card_view_get_web_view (EG_CARD_VIEW (view)));
      label = gtk_widget_get_first_child (view);
      g_assert_true (GTK_IS_LABEL (label));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "/nonexistent"));
      g_assert_false (eg_card_view_is_ready (EG_CARD_VIEW (view)));
      eg_card_view_scroll (EG_CARD_VIEW (view), "down");
      g_object_unref (view);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The module is loaded from the build tree (this test's), whatever folder an
 * environment variable names. */
static void
test_module_not_from_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *maps = NULL;
      g_autofree char *ours = g_build_filename (BUILD_MODULE_DIR, "libengram-web.so", NULL);

      g_setenv ("ENGRAM_MODULE_DIR", "/nonexistent", TRUE);
      g_assert_true (eg_card_view_load_module (&error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_nonnull (strstr (maps, ours));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Has the page seen the ping's CSP violation (or anything else)? */
static gboolean
ping_settled (gpointer data)
{
  g_autofree char *seen = page_eval (data, "String(window.pingViolation)");

  return g_strcmp0 (seen, "undefined") != 0;
}

/* The engram: scheme serves the page without being a local scheme (which
 * would let it read file: URLs), and a link's ping reaches nobody: WebKitGTK
 * 2.50 has no switch for hyperlink auditing any more, so the page's CSP
 * (default-src 'none', so no connect-src) is what stops it. */
static void
test_web_settings (void)
{
  Fixture f = { 0 };
  Canary canary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *clicked = NULL;
  g_autofree char *violation = NULL;
  WebKitWebView *view;
  WebKitSecurityManager *security;

  canary.service = g_socket_service_new ();
  canary.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (canary.service), NULL,
                                                     &error);
  g_assert_no_error (error);
  g_signal_connect (canary.service, "incoming", G_CALLBACK (canary_incoming_cb), &canary);
  g_socket_service_start (canary.service);

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  assert_page_text (&f, "question", "What is a goroutine?");

  view = WEBKIT_WEB_VIEW (eg_card_view_get_web_view (f.view));
  g_assert_false (webkit_settings_get_enable_javascript_markup (webkit_web_view_get_settings (view)));
  security = webkit_web_context_get_security_manager (webkit_web_view_get_context (view));
  g_assert_false (webkit_security_manager_uri_scheme_is_local (security, "engram"));
  g_assert_true (webkit_security_manager_uri_scheme_is_secure (security, "engram"));
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (view), "engram:///card.html?view="));

  script = g_strdup_printf (
    "document.addEventListener('securitypolicyviolation', e => {"
    "  window.pingViolation = e.effectiveDirective + ' ' + e.blockedURI; });"
    "const a = document.createElement('a');"
    "a.href = '#question'; a.ping = 'http://127.0.0.1:%u/ping';"
    "document.body.append(a); a.click(); a.remove(); 'clicked'", canary.port);
  clicked = page_eval (&f, script);
  g_assert_cmpstr (clicked, ==, "clicked");
  g_assert_true (eg_gui_test_wait_for (ping_settled, &f, 5000));
  violation = page_eval (&f, "window.pingViolation");
  g_assert_true (g_str_has_prefix (violation, "connect-src http://127.0.0.1:"));
  g_assert_cmpuint (canary.connections, ==, 0);
  /* the question is still there: the page did not go anywhere */
  assert_page_text (&f, "question", "What is a goroutine?");

  g_socket_service_stop (canary.service);
  g_object_unref (canary.service);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-review");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/review/three-cards", test_review_three_cards);
  g_test_add_func ("/gui/review/keeps-focus", test_review_keeps_focus);
  g_test_add_func ("/gui/review/dark-mode", test_dark_mode);
  g_test_add_func ("/gui/review/settles-at-once", test_settles_at_once);
  g_test_add_func ("/gui/review/hostile-card", test_hostile_card);
  g_test_add_func ("/gui/review/long-answer-scrolls", test_long_answer_scrolls);
  g_test_add_func ("/gui/review/edit-card", test_edit_card);
  g_test_add_func ("/gui/review/all-caught-up", test_all_caught_up);
  g_test_add_func ("/gui/review/study-these-now", test_study_these_now);
  g_test_add_func ("/gui/review/flag-suspend-bury", test_flag_suspend_bury);
  g_test_add_func ("/gui/review/card-info", test_card_info);
  g_test_add_func ("/gui/review/card-info-plain-text", test_card_info_plain_text);
  g_test_add_func ("/gui/review/zoom", test_zoom);
  g_test_add_func ("/gui/review/narrow", test_narrow);
  g_test_add_func ("/gui/review/one-web-process", test_one_web_process);
  g_test_add_func ("/gui/review/web-process-restarts", test_web_process_restarts);
  g_test_add_func ("/gui/review/missing-web-module", test_missing_web_module);
  g_test_add_func ("/gui/review/module-not-from-environment", test_module_not_from_environment);
  g_test_add_func ("/gui/review/web-settings", test_web_settings);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

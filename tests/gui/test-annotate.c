/* test-annotate.c - highlights and notes in the application: select a
 * passage in a revealed answer, H highlights it, Ctrl+Z takes it back,
 * Shift+H highlights it with a comment, which a restart of the app keeps
 * and the library's search finds; N saves a note shown under the answer;
 * card info lists an orphan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "app-fixture.h"
#include "eg-annotations-window.h"
#include "eg-annotator.h"
#include "eg-application.h"
#include "eg-card-info.h"
#include "eg-card-model.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-note-editor.h"
#include "eg-review-page-private.h"
#include "eg-test-util.h"
#include "eg-window.h"

/* The passage the tests highlight: the first 40 code points of the
 * first card's answer text (the first card the review shows). */
#define SELECT_SCRIPT \
  "(() => {" \
  "  const root = document.getElementById('answer-body');" \
  "  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);" \
  "  let node;" \
  "  while ((node = walker.nextNode()) && node.data.trim().length < 30) {}" \
  "  const range = document.createRange();" \
  "  const start = node.data.search(/\\S/);" \
  "  range.setStart(node, start);" \
  "  range.setEnd(node, start + 25);" \
  "  const selection = getSelection();" \
  "  selection.removeAllRanges();" \
  "  selection.addRange(range);" \
  "  return range.toString();" \
  "})()"

/* The text of every highlight drawn in the page, from the registry of the
 * CSS Custom Highlight API (a name per colour, with or without a comment),
 * read in the card script's world, where the registry is current */
#define DRAWN_SCRIPT \
  "(() => {" \
  "  const out = [];" \
  "  if (window.CSS && CSS.highlights)" \
  "    for (const [name, highlight] of CSS.highlights)" \
  "      if (name.startsWith('engram-'))" \
  "        for (const range of highlight) out.push(range.toString());" \
  "  return out.sort().join('|');" \
  "})()"

typedef struct
{
  EgApplication *app;
  EgReviewPage  *page;
  guint          shown;
  guint          revealed;
  gint64         card_id;     /* the card annotated */
} App;

static gboolean
library_shown (gpointer data)
{
  App *a = data;
  EgWindow *window = app_window (a->app);

  return window != NULL && eg_window_get_store (window) != NULL &&
         eg_library_page_get_cards (eg_window_get_library_page (window)) != NULL &&
         g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))) > 0;
}

static void
painted_cb (App        *a,
            const char *kind,
            guint64     token)
{
  if (g_str_equal (kind, "shown"))
    a->shown++;
  else if (g_str_equal (kind, "revealed"))
    a->revealed++;
}

static gboolean
is_revealed (gpointer data)
{
  App *a = data;

  return a->revealed > 0;
}

static gboolean
is_shown (gpointer data)
{
  App *a = data;

  return a->shown > 0;
}

static char *drawn (App *a);

/* Starts the app and reviews: the first card, revealed.  No highlight of
 * the hidden answer is drawn before it shows: WebKit would paint it over
 * the question (and not at its place once the answer shows). */
static void
start_reviewing (App *a)
{
  g_autofree char *drawn_hidden = NULL;

  EgWindow *window;
  EgCardView *view;

  a->app = start_app ();
  a->shown = a->revealed = 0;
  g_assert_true (eg_gui_test_wait_for (library_shown, a, 30000));
  window = app_window (a->app);
  a->page = EG_REVIEW_PAGE (eg_window_get_review_page (window));
  eg_review_page_ensure_view (a->page);
  view = eg_review_page_get_card_view (a->page);
  g_signal_connect_swapped (view, "painted", G_CALLBACK (painted_cb), a);
  g_assert_true (eg_window_start_review (window, NULL));
  g_assert_true (eg_gui_test_wait_for (is_shown, a, 20000));
  drawn_hidden = drawn (a);
  g_assert_cmpstr (drawn_hidden, ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->page), "review.reveal", NULL));
  g_assert_true (eg_gui_test_wait_for (is_revealed, a, 20000));
}

static char *
page_eval (App        *a,
           const char *script)
{
  GtkWidget *web_view = eg_card_view_get_web_view (eg_review_page_get_card_view (a->page));
  char *text = eg_gui_test_eval (web_view, script, 10000);

  g_assert_nonnull (text);
  return text;
}

typedef struct
{
  App        *a;
  const char *expected;
} DrawnWait;

/* what DRAWN_SCRIPT says, in the card script's world */
static char *
drawn (App *a)
{
  GtkWidget *web_view = eg_card_view_get_web_view (eg_review_page_get_card_view (a->page));
  char *text = eg_gui_test_eval_in_world (web_view, EG_CARD_VIEW_WORLD, DRAWN_SCRIPT, 10000);

  g_assert_nonnull (text);
  return text;
}

static gboolean
drawn_is (gpointer data)
{
  DrawnWait *wait = data;
  g_autofree char *drawn_text = drawn (wait->a);

  return g_strcmp0 (drawn_text, wait->expected) == 0;
}

static guint
n_annotations (App *a)
{
  GPtrArray *annotations = eg_annotator_get_annotations (a->page->annotator);

  return annotations != NULL ? annotations->len : 0;
}

static gboolean
has_annotations (gpointer data)
{
  return n_annotations (data) > 0;
}

static gboolean
editor_open (gpointer data)
{
  App *a = data;

  return eg_annotator_get_editor (a->page->annotator) != NULL;
}

static gboolean
search_found_one (gpointer data)
{
  App *a = data;
  EgLibraryPage *library = eg_window_get_library_page (app_window (a->app));
  GListModel *cards = eg_library_page_get_cards (library);

  return cards != NULL && g_list_model_get_n_items (cards) == 1 &&
         eg_card_model_get_card_id (EG_CARD_MODEL (cards), 0) == a->card_id;
}

static void
test_highlight_undo_restart_search (void)
{
  App a = { 0 };
  g_autofree char *passage = NULL;
  g_autofree char *answer_before = NULL;
  g_autofree char *answer_after = NULL;
  g_autofree char *card_key = NULL;
  EgAnnotation *highlight;
  GtkWidget *editor;
  GtkTextBuffer *buffer;
  g_autoptr(GError) error = NULL;
  EgLibraryPage *library;

  make_shipped_collection ();
  start_reviewing (&a);
  card_key = g_strdup (a.page->card->key);
  a.card_id = a.page->card->id;
  answer_before = page_eval (&a, "document.getElementById('answer-body').textContent");

  /* select a passage through the DOM, press H */
  passage = page_eval (&a, SELECT_SCRIPT);
  g_assert_cmpuint (strlen (passage), >, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "annotate.highlight", NULL));
  g_assert_true (eg_gui_test_wait_for (has_annotations, &a, 10000));
  highlight = g_ptr_array_index (eg_annotator_get_annotations (a.page->annotator), 0);
  g_assert_cmpstr (highlight->anchor->exact, ==, passage);
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, passage }, 10000));
  /* drawn over the text, which stays as it was */
  answer_after = page_eval (&a, "document.getElementById('answer-body').textContent");
  g_assert_cmpstr (answer_after, ==, answer_before);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (app_window (a.app)), "Passage highlighted",
                                            FALSE, 5000));

  /* Ctrl+Z takes it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "review.undo", NULL));
  g_assert_cmpuint (n_annotations (&a), ==, 0);
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, "" }, 10000));

  /* Shift+H: highlighted with a comment */
  g_free (page_eval (&a, SELECT_SCRIPT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "annotate.highlight-comment",
                                             NULL));
  g_assert_true (eg_gui_test_wait_for (editor_open, &a, 10000));
  editor = eg_annotator_get_editor (a.page->annotator);
  buffer = eg_note_editor_get_buffer (EG_NOTE_EDITOR (editor));
  gtk_text_buffer_set_text (buffer, "Remember the *zebraword* here", -1);
  g_assert_true (eg_note_editor_save (EG_NOTE_EDITOR (editor), &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  highlight = g_ptr_array_index (eg_annotator_get_annotations (a.page->annotator), 0);
  g_assert_cmpstr (highlight->body, ==, "Remember the *zebraword* here");
  stop_app (a.app);

  /* a restart keeps it, drawn on the same words */
  start_reviewing (&a);
  g_assert_cmpstr (a.page->card->key, ==, card_key);
  g_assert_cmpuint (n_annotations (&a), ==, 1);
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, passage }, 10000));

  /* the library's free-text search finds the comment's word */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "review.back", NULL));
  library = eg_window_get_library_page (app_window (a.app));
  gtk_editable_set_text (eg_library_page_get_search_entry (library), "zebraword");
  g_assert_true (eg_gui_test_wait_for (search_found_one, &a, 10000));
  stop_app (a.app);
}

/* A highlight on "Work Stealing" of the first card, orphaned by an edit of
 * its answer; returns its id */
static gint64
make_orphan (char **card_key)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(EgScheduler) scheduler = eg_scheduler_new (store, &error);
  g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), &error);
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgAnnotation) highlight = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) answer = NULL;
  const char *at;
  glong start;
  gint64 id;

  g_assert_no_error (error);
  card = eg_store_get_card (store, eg_queue_peek (queue, eg_time_now_ms ()), &error);
  g_assert_no_error (error);
  text = eg_annotation_field_text (card, "answer");
  at = strstr (text, "Work Stealing");
  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  id = eg_store_add_highlight (store, card->id, "answer", start, start + 13, "steal half",
                               "green", eg_time_now_ms (), &error);
  g_assert_no_error (error);
  answer = g_string_new (card->answer);
  g_assert_cmpuint (g_string_replace (answer, "**Work Stealing**", "load balancing", 1), ==, 1);
  g_assert_true (eg_store_update_card (store, card->id, card->question, answer->str, card->parts,
                                       eg_time_now_ms (), &error));
  g_assert_no_error (error);
  highlight = eg_store_get_annotation (store, id, &error);
  g_assert_true (highlight->orphaned);
  *card_key = g_strdup (card->key);
  return id;
}

static EgAnnotation *
get_annotation (App   *a,
                gint64 id)
{
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_window_get_store (app_window (a->app));
  EgAnnotation *annotation = eg_store_get_annotation (store, id, &error);

  g_assert_no_error (error);
  return annotation;
}

static gboolean
info_gone (gpointer data)
{
  return eg_gui_test_find_toplevel (EG_TYPE_CARD_INFO, NULL) == NULL;
}

/* Card info lists the orphan apart; "Attach to a New Selection", a
 * selection and H place it there; Ctrl+Z orphans it again */
static void
test_orphan_reattach (void)
{
  App a = { 0 };
  g_autofree char *card_key = NULL;
  g_autofree char *passage = NULL;
  g_autoptr(EgAnnotation) placed = NULL;
  g_autoptr(EgAnnotation) undone = NULL;
  GtkWindow *info;
  gint64 id;

  make_shipped_collection ();
  id = make_orphan (&card_key);
  start_reviewing (&a);
  g_assert_cmpstr (a.page->card->key, ==, card_key);
  /* an orphan is drawn nowhere */
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, "" }, 10000));

  /* F7: caret browsing on, and off again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "annotate.caret-browsing", NULL));
  g_assert_true (eg_annotator_get_caret_browsing (a.page->annotator));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "annotate.caret-browsing", NULL));
  g_assert_false (eg_annotator_get_caret_browsing (a.page->annotator));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "review.info", NULL));
  info = eg_gui_test_find_toplevel (EG_TYPE_CARD_INFO, NULL);
  g_assert_nonnull (info);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (info), "Orphaned Highlights", FALSE, 5000));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (info), "“Work Stealing”", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (info), "Answer · Green — steal half", FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (info), "annotation.reattach", "x", id));
  g_assert_true (eg_gui_test_wait_for (info_gone, NULL, 5000));

  passage = page_eval (&a, SELECT_SCRIPT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "annotate.highlight", NULL));
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, passage }, 10000));
  placed = get_annotation (&a, id);
  g_assert_false (placed->orphaned);
  g_assert_cmpstr (placed->anchor->exact, ==, passage);
  g_assert_cmpstr (placed->body, ==, "steal half");
  g_assert_cmpuint (n_annotations (&a), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.page), "review.undo", NULL));
  undone = get_annotation (&a, id);
  g_assert_true (undone->orphaned);
  g_assert_cmpstr (undone->anchor->exact, ==, "Work Stealing");
  g_assert_true (eg_gui_test_wait_for (drawn_is, &(DrawnWait) { &a, "" }, 10000));
  stop_app (a.app);
}

typedef struct
{
  EgLibraryPage *library;
  gint64         card_id;
  const char    *quote;
} PreviewWait;

static gboolean
preview_shows (gpointer data)
{
  PreviewWait *wait = data;
  EgCardView *view = eg_library_page_get_preview (wait->library);
  g_autofree char *text = eg_gui_test_eval (eg_card_view_get_web_view (view),
                                            "document.getElementById('answer-body').textContent",
                                            5000);

  return text != NULL && strstr (text, "load balancing") != NULL;
}

/* the card has a highlight of @quote, not orphaned */
static gboolean
has_highlight (gpointer data)
{
  PreviewWait *wait = data;
  g_autoptr(GPtrArray) annotations = NULL;
  EgWindow *window = EG_WINDOW (gtk_widget_get_root (GTK_WIDGET (wait->library)));
  EgStore *store = eg_window_get_store (window);

  annotations = eg_store_list_annotations (store, wait->card_id, EG_STORE_ANNOTATIONS_DEFAULT,
                                           NULL);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (!annotation->orphaned && annotation->anchor != NULL &&
          g_strcmp0 (annotation->anchor->exact, wait->quote) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (EG_TYPE_ANNOTATIONS_WINDOW, NULL) != NULL;
}

/* The Highlights and Notes window lists the orphan apart and exports all
 * as Markdown (never onto the collection); deleting an annotated card asks */
static void
test_list_export_delete (void)
{
  App a = { 0 };
  g_autofree char *card_key = NULL;
  g_autofree char *out = eg_test_tmp_path ("annotations.md");
  g_autofree char *collection = eg_store_default_path ();
  g_autofree char *markdown = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GFile) onto = g_file_new_for_path (collection);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  EgAnnotationsWindow *list;
  EgLibraryPage *library;
  GtkSelectionModel *cards;
  AdwMessageDialog *dialog;
  g_autofree char *passage = NULL;
  gint64 card_id, orphan;

  make_shipped_collection ();
  orphan = make_orphan (&card_key);
  a.app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_shown, &a, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app_window (a.app)), "win.annotations",
                                             NULL));
  g_assert_true (eg_gui_test_wait_for (window_shown, NULL, 5000));
  list = EG_ANNOTATIONS_WINDOW (eg_gui_test_find_toplevel (EG_TYPE_ANNOTATIONS_WINDOW, NULL));
  g_assert_cmpuint (eg_annotations_window_get_n_orphans (list), ==, 1);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (list), "“Work Stealing”", FALSE));
  g_assert_true (eg_annotations_window_export_to (list, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &markdown, NULL, NULL));
  g_assert_nonnull (strstr (markdown, "Work Stealing"));
  g_assert_nonnull (strstr (markdown, "steal half"));
  g_assert_false (eg_annotations_window_export_to (list, onto, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a delete there is undone there; with no such change left, it says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "annotation.delete", "x", orphan));
  g_assert_cmpuint (eg_annotations_window_get_n_orphans (list), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "annotations.undo", NULL));
  g_assert_cmpuint (eg_annotations_window_get_n_orphans (list), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "annotations.undo", NULL));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (list), "No change of a highlight or note to undo",
                                            FALSE, 5000));
  g_assert_cmpuint (eg_annotations_window_get_n_orphans (list), ==, 1);
  gtk_window_destroy (GTK_WINDOW (list));

  /* Delete on the annotated card asks first; Cancel keeps it */
  library = eg_window_get_library_page (app_window (a.app));
  cards = eg_library_page_get_card_selection (library);
  card_id = 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)) && card_id == 0; i++)
    {
      g_autoptr(EgCard) c = eg_store_get_card (eg_window_get_store (app_window (a.app)),
                                               eg_card_model_get_card_id (EG_CARD_MODEL (cards), i),
                                               NULL);

      if (c != NULL && g_str_equal (c->key, card_key))
        {
          gtk_selection_model_select_item (cards, i, TRUE);
          card_id = c->id;
        }
    }
  g_assert_cmpint (card_id, !=, 0);

  /* the preview takes H as review does */
  g_assert_true (eg_gui_test_wait_for (preview_shows, &(PreviewWait) { library, card_id }, 10000));
  passage = eg_gui_test_eval (eg_card_view_get_web_view (eg_library_page_get_preview (library)),
                              SELECT_SCRIPT, 10000);
  g_assert_nonnull (passage);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "annotate.highlight", NULL));
  g_assert_true (eg_gui_test_wait_for (has_highlight, &(PreviewWait) { library, card_id, passage },
                                       10000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.delete", NULL));
  dialog = eg_gui_test_wait_for_dialog ("Delete Annotated Card?", 5000);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  card = eg_store_find_card (eg_window_get_store (app_window (a.app)), card_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_clear_pointer (&card, eg_card_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.delete", NULL));
  dialog = eg_gui_test_wait_for_dialog ("Delete Annotated Card?", 5000);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  card = eg_store_find_card (eg_window_get_store (app_window (a.app)), card_key, &error);
  g_assert_null (card);
  g_clear_error (&error);
  stop_app (a.app);
}

static gboolean
refuse_save (const char  *text,
             gpointer     data,
             GError     **error)
{
  guint *calls = data;

  (*calls)++;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The disk is full");
  return FALSE;
}

/* A save that fails keeps the editor open with the text and says why;
 * Escape with typed text asks before anything is lost */
static void
test_note_editor_keeps_text (void)
{
  guint calls = 0;
  GtkWidget *editor = eg_note_editor_new ("Note on Card 1", "_Note", NULL, "old", refuse_save,
                                          &calls, NULL);
  GtkTextBuffer *buffer = eg_note_editor_get_buffer (EG_NOTE_EDITOR (editor));
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_text_buffer_set_text (buffer, "new words", -1);
  g_assert_true (gtk_widget_activate_action (editor, "note.save", NULL));
  g_assert_cmpuint (calls, ==, 1);
  g_assert_true (eg_gui_test_wait_for_text (editor, "The disk is full", FALSE, 5000));
  g_assert_true (gtk_widget_get_visible (editor));

  g_assert_true (gtk_widget_activate_action (editor, "note.cancel", NULL));
  dialog = eg_gui_test_wait_for_dialog ("Discard Changes?", 5000);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-annotate");
  g_test_init (&argc, &argv, NULL);
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/annotate/highlight-undo-restart-search",
                   test_highlight_undo_restart_search);
  g_test_add_func ("/gui/annotate/orphan-reattach", test_orphan_reattach);
  g_test_add_func ("/gui/annotate/note-editor-keeps-text", test_note_editor_keeps_text);
  g_test_add_func ("/gui/annotate/list-export-delete", test_list_export_delete);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

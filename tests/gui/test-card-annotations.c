/* test-card-annotations.c - highlights and the note in the card view
 *
 * A card view shows a card with a question, an answer with non-ASCII text
 * and an emoji, and a part.  Highlights are given in code points of the
 * fields' rendered text (eg_annotation_field_text()), as the store keeps
 * them; the page must draw them over exactly those passages (the CSS Custom
 * Highlight API's registry, read from the page's main world), leave the
 * text alone, read a DOM selection back as field + code points, and tell a
 * click on a highlight.  The test's scripts run in the page script's world
 * (what another world sees of the highlight registry can be stale).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "eg-application.h"
#include "eg-card-view.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"

#define TIMEOUT 10000

static const char question_md[] = "Why does a `select` with only nil channels block forever?";
static const char answer_md[] =
  "A nil channel is *never* ready — so 🙂 a select with only nil channels blocks forever.\n\n"
  "Closing a channel wakes every receiver; Ünïcode 👩‍💻 text stays.";
static const char part_md[] = "Use a **timeout** with `time.After` to avoid leaks.";
static const char note_md[] = "**Mine**: check `time.After` first.";

/* The page's registry: {name: [range text, ...]}, keys sorted */
static const char read_highlights[] =
  "JSON.stringify (Object.fromEntries ([...CSS.highlights.keys ()].sort ().map ("
  "  (name) => [name, [...CSS.highlights.get (name)].map ((r) => r.toString ())])))";

static const char read_texts[] =
  "JSON.stringify ([document.getElementById ('question').textContent,"
  "  document.getElementById ('answer-body').textContent,"
  "  document.querySelector ('#parts > section.part-body').textContent])";

static const char read_note[] =
  "(() => { const n = document.getElementById ('engram-note');"
  "  return n === null ? 'none' : (n.offsetParent === null ? 'hidden: ' : 'shown: ') +"
  "    n.querySelector ('.engram-note-title').textContent + ' | ' +"
  "    n.querySelector ('.engram-note-body').textContent.trim (); }) ()";

/* Selects @text (its @nth occurrence, UTF-16) in the element @selector:
 * a helper of the test, evaluated in the page's main world. */
static const char select_fmt[] =
  "(() => {"
  "  const find = (selector, text, nth) => {"
  "    const root = document.querySelector (selector);"
  "    const nodes = [];"
  "    const walker = document.createTreeWalker (root, NodeFilter.SHOW_TEXT);"
  "    let all = '';"
  "    while (walker.nextNode ()) { nodes.push ([walker.currentNode, all.length]); all += walker.currentNode.data; }"
  "    let at = -1;"
  "    for (let i = 0; i <= nth; i++) at = all.indexOf (text, at + 1);"
  "    if (at < 0) throw new Error ('no ' + text);"
  "    const point = (offset, isEnd) => {"
  "      for (const [node, start] of nodes)"
  "        if (isEnd ? offset <= start + node.data.length : offset < start + node.data.length)"
  "          return [node, offset - start];"
  "    };"
  "    return [point (at, false), point (at + text.length, true)];"
  "  };"
  "  const [a] = find (%s, %s, 0);"
  "  const [, b] = find (%s, %s, 0);"
  "  const range = document.createRange ();"
  "  range.setStart (a[0], a[1]);"
  "  range.setEnd (b[0], b[1]);"
  "  const selection = document.getSelection ();"
  "  selection.removeAllRanges ();"
  "  selection.addRange (range);"
  "  return selection.toString ();"
  "}) ()";

typedef struct
{
  GtkWidget  *window;
  EgCardView *view;
  EgCard     *card;
  EgCard     *other;
  guint       n_shown;
  guint       n_themed;
  guint       n_revealed;
  guint       n_activated;
  gint64      activated_id;
  GdkRectangle activated_rect;
} Fixture;

static void
painted_cb (Fixture    *fixture,
            const char *kind,
            guint64     token)
{
  if (g_str_equal (kind, "shown"))
    fixture->n_shown++;
  else if (g_str_equal (kind, "themed"))
    fixture->n_themed++;
  else if (g_str_equal (kind, "revealed"))
    fixture->n_revealed++;
}

static void
activated_cb (EgCardView   *view,
              gint64        id,
              GdkRectangle *rect,
              Fixture      *fixture)
{
  fixture->n_activated++;
  fixture->activated_id = id;
  fixture->activated_rect = *rect;
}

typedef struct
{
  guint *counter;
  guint  until;
} Count;

static gboolean
counted (gpointer data)
{
  Count *count = data;

  return *count->counter >= count->until;
}

static void
wait_count (guint *counter,
            guint  until)
{
  Count count = { counter, until };

  g_assert_true (eg_gui_test_wait_for (counted, &count, TIMEOUT));
}

static gboolean
view_ready (gpointer data)
{
  return eg_card_view_is_ready (data);
}

static EgCard *
make_card (gint64      id,
           const char *key)
{
  EgCard *card = g_new0 (EgCard, 1);

  card->id = id;
  card->key = g_strdup (key);
  card->question = g_strdup (question_md);
  card->answer = g_strdup (answer_md);
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_ptr_array_add (card->parts, eg_card_part_new ("Indepth", part_md));
  card->content_hash = g_strdup ("hash");
  return card;
}

static void
set_string (char       **slot,
            const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* A highlight of the first @passage in @field, as the store makes it */
static EgAnnotation *
make_highlight (const EgCard *card,
                gint64        id,
                const char   *field,
                const char   *passage,
                const char   *color,
                const char   *comment)
{
  g_autofree char *text = eg_annotation_field_text (card, field);
  const char *found = strstr (text, passage);
  EgAnnotation *annotation = eg_annotation_new (EG_ANNOTATION_HIGHLIGHT);
  glong start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  annotation->id = id;
  annotation->card_id = card->id;
  set_string (&annotation->field, field);
  annotation->anchor = eg_anchor_describe (text, start, start + g_utf8_strlen (passage, -1));
  set_string (&annotation->color, color);
  set_string (&annotation->body, comment != NULL ? comment : "");
  return annotation;
}

static GPtrArray *
make_annotations (const EgCard *card)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  EgAnnotation *note = eg_annotation_new (EG_ANNOTATION_NOTE);
  EgAnnotation *orphan;

  g_ptr_array_add (annotations, make_highlight (card, 12, "question", "block forever", "green", NULL));
  /* after an emoji: UTF-16 and code points differ there */
  g_ptr_array_add (annotations, make_highlight (card, 11, "answer", "only nil channels blocks",
                                                "yellow", "Remember *this*"));
  g_ptr_array_add (annotations, make_highlight (card, 13, "part:Indepth", "timeout with time.After",
                                                "pink", NULL));
  orphan = make_highlight (card, 14, "answer", "Closing", "blue", NULL);
  orphan->orphaned = TRUE;
  g_ptr_array_add (annotations, orphan);
  note->id = 15;
  note->card_id = card->id;
  set_string (&note->field, "");
  set_string (&note->body, note_md);
  g_ptr_array_add (annotations, note);
  return annotations;
}

static const char expected_highlights[] =
  "{\"engram-green\":[\"block forever\"],"
  "\"engram-pink\":[\"timeout with time.After\"],"
  "\"engram-yellow-comment\":[\"only nil channels blocks\"]}";

static char *
eval (Fixture    *fixture,
      const char *script)
{
  char *value = eg_gui_test_eval_in_world (eg_card_view_get_web_view (fixture->view),
                                           EG_CARD_VIEW_WORLD, script, TIMEOUT);

  g_assert_nonnull (value);
  return value != NULL ? value : g_strdup ("(no answer)");
}

static void
assert_eval (Fixture    *fixture,
             const char *script,
             const char *expected)
{
  g_autofree char *value = eval (fixture, script);

  g_assert_cmpstr (value, ==, expected);
}

static char *
expected_texts (const EgCard *card)
{
  g_autofree char *question = eg_annotation_field_text (card, "question");
  g_autofree char *answer = eg_annotation_field_text (card, "answer");
  g_autofree char *part = eg_annotation_field_text (card, "part:Indepth");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, question);
  json_builder_add_string_value (builder, answer);
  json_builder_add_string_value (builder, part);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The fields' text is what the core renders, highlights or not */
static void
assert_texts_unchanged (Fixture *fixture)
{
  g_autofree char *expected = expected_texts (fixture->card);
  g_autofree char *value = eval (fixture, read_texts);
  g_autoptr(JsonParser) a = json_parser_new ();
  g_autoptr(JsonParser) b = json_parser_new ();

  g_assert_true (json_parser_load_from_data (a, expected, -1, NULL));
  g_assert_true (json_parser_load_from_data (b, value, -1, NULL));
  g_assert_true (json_node_equal (json_parser_get_root (a), json_parser_get_root (b)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->view = EG_CARD_VIEW (eg_card_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect_swapped (fixture->view, "painted", G_CALLBACK (painted_cb), fixture);
  g_signal_connect (fixture->view, "annotation-activated", G_CALLBACK (activated_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (eg_gui_test_wait_for (view_ready, fixture->view, 20000));
  fixture->card = make_card (7, "nil-select");
  fixture->other = make_card (8, "other-card");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  eg_card_free (fixture->card);
  eg_card_free (fixture->other);
}

static void
show (Fixture *fixture,
      EgCard  *card,
      gboolean revealed)
{
  guint shown = fixture->n_shown;

  eg_card_view_show_card (fixture->view, card, "go", revealed, shown + 1);
  wait_count (&fixture->n_shown, shown + 1);
}

static void
test_drawn (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = make_annotations (fixture->card);
  guint n;

  show (fixture, fixture->card, TRUE);
  assert_eval (fixture, "CSS.highlights.size", "0");
  assert_eval (fixture, read_note, "none");

  eg_card_view_set_annotations (fixture->view, annotations);
  assert_eval (fixture, read_highlights, expected_highlights);
  assert_texts_unchanged (fixture);
  assert_eval (fixture, read_note, "shown: Note | Mine: check time.After first.");
  /* WebKit drops a ::highlight rule with a property it does not take there:
   * the comment's cue must be one it keeps */
  assert_eval (fixture,
               "getComputedStyle (document.getElementById ('answer-body'),"
               "  '::highlight(engram-yellow-comment)').textDecorationLine + ' ' + getComputedStyle ("
               "  document.getElementById ('answer-body'), '::highlight(engram-yellow-comment)').backgroundColor"
               "  + ' ' + getComputedStyle (document.getElementById ('answer-body'),"
               "  '::highlight(engram-pink)').textDecorationLine",
               "underline rgba(246, 211, 45, 0.55) none");
  /* the note is rendered Markdown */
  assert_eval (fixture, "document.querySelector ('.engram-note-body strong').textContent", "Mine");

  /* search marks split the text nodes: the highlights follow */
  eg_card_view_set_marks (fixture->view, (const char * const[]) { "nil", NULL });
  assert_eval (fixture, "document.querySelectorAll ('mark.engram-match').length", "3");
  assert_eval (fixture, read_highlights, expected_highlights);
  assert_texts_unchanged (fixture);
  eg_card_view_set_marks (fixture->view, NULL);

  /* theme switch: the card is shown again */
  n = fixture->n_shown;
  eg_card_view_set_dark (fixture->view, TRUE);
  wait_count (&fixture->n_shown, n + 1);
  assert_eval (fixture, "document.documentElement.classList.contains ('dark')", "true");
  assert_eval (fixture, read_highlights, expected_highlights);

  /* zoom and resizing */
  eg_card_view_set_zoom (fixture->view, 1.7);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 500, 600);
  assert_eval (fixture, read_highlights, expected_highlights);
  eg_card_view_set_zoom (fixture->view, 1.0);

  /* the same card shown again keeps them */
  show (fixture, fixture->card, TRUE);
  assert_eval (fixture, read_highlights, expected_highlights);
  assert_eval (fixture, read_note, "shown: Note | Mine: check time.After first.");

  /* another card clears them */
  show (fixture, fixture->other, TRUE);
  assert_eval (fixture, "CSS.highlights.size", "0");
  assert_eval (fixture, read_note, "none");
  /* and none come back with the first card until set again */
  show (fixture, fixture->card, TRUE);
  assert_eval (fixture, "CSS.highlights.size", "0");

  /* NULL clears them too */
  eg_card_view_set_annotations (fixture->view, annotations);
  assert_eval (fixture, "CSS.highlights.size", "3");
  eg_card_view_set_annotations (fixture->view, NULL);
  assert_eval (fixture, "CSS.highlights.size", "0");
  assert_eval (fixture, read_note, "none");
}

static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = make_annotations (fixture->card);
  guint n = fixture->n_revealed;

  show (fixture, fixture->card, FALSE);
  eg_card_view_set_annotations (fixture->view, annotations);
  /* the note waits for the answer */
  assert_eval (fixture, read_note, "hidden: Note | Mine: check time.After first.");
  eg_card_view_reveal (fixture->view, 99);
  wait_count (&fixture->n_revealed, n + 1);
  assert_eval (fixture, read_highlights, expected_highlights);
  assert_eval (fixture, read_note, "shown: Note | Mine: check time.After first.");
  /* drawn where they are: the answer's highlight has boxes now */
  assert_eval (fixture, "[...CSS.highlights.get ('engram-yellow-comment')][0].getClientRects ().length > 0",
               "true");
}

/* An empty or blank note shows no box */
static void
test_empty_note (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  EgAnnotation *note = eg_annotation_new (EG_ANNOTATION_NOTE);

  note->id = 1;
  set_string (&note->body, " \n ");
  g_ptr_array_add (annotations, note);
  show (fixture, fixture->card, TRUE);
  eg_card_view_set_annotations (fixture->view, annotations);
  assert_eval (fixture, "CSS.highlights.size", "0");
  assert_eval (fixture, read_note, "none");
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *field;
  guint     start;
  guint     end;
  GError   *error;
} Selection;

static void
selection_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Selection *selection = data;

  selection->ok = eg_card_view_get_selection_finish (EG_CARD_VIEW (object), result,
                                                     &selection->field, &selection->start,
                                                     &selection->end, &selection->error);
  selection->done = TRUE;
}

static gboolean
selection_done (gpointer data)
{
  return ((Selection *) data)->done;
}

static void
get_selection (Fixture   *fixture,
               Selection *selection)
{
  eg_card_view_get_selection (fixture->view, NULL, selection_cb, selection);
  g_assert_true (eg_gui_test_wait_for (selection_done, selection, TIMEOUT));
}

/* Selects from @from in @from_element to the end of @to in @to_element */
static void
select_text (Fixture    *fixture,
             const char *from_element,
             const char *from,
             const char *to_element,
             const char *to)
{
  g_autofree char *a = g_strdup_printf ("'%s'", from_element);
  g_autofree char *b = g_strdup_printf ("'%s'", to_element);
  g_autofree char *qc = NULL;
  g_autofree char *qd = NULL;
  g_autofree char *script = NULL;
  g_autofree char *value = NULL;

  /* the texts of this test have no quotes or backslashes */
  qc = g_strdup_printf ("\"%s\"", from);
  qd = g_strdup_printf ("\"%s\"", to);
  script = g_strdup_printf (select_fmt, a, qc, b, qd);
  value = eval (fixture, script);
  g_assert_false (g_str_has_prefix (value, "ERROR"));
}

/* Selecting @passage (with @padding around it, which is left out) gives
 * @field and the passage's code points in the core's text of @field */
static void
check_selection (Fixture    *fixture,
                 const char *element,
                 const char *field,
                 const char *passage,
                 const char *selected)
{
  Selection selection = { FALSE, };
  g_autofree char *text = eg_annotation_field_text (fixture->card, field);
  g_autofree char *got = NULL;

  select_text (fixture, element, selected, element, selected);
  get_selection (fixture, &selection);
  g_assert_no_error (selection.error);
  g_assert_true (selection.ok);
  g_assert_cmpstr (selection.field, ==, field);
  g_assert_cmpuint (selection.start, <, selection.end);
  g_assert_cmpuint (selection.end, <=, g_utf8_strlen (text, -1));
  if (selection.ok && selection.end <= g_utf8_strlen (text, -1))
    {
      got = g_utf8_substring (text, selection.start, selection.end);
      g_assert_cmpstr (got, ==, passage);
    }
  g_free (selection.field);
  g_clear_error (&selection.error);
}

static void
check_refused (Fixture *fixture)
{
  Selection selection = { FALSE, };

  get_selection (fixture, &selection);
  g_assert_false (selection.ok);
  g_assert_error (selection.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  if (selection.error != NULL)
    g_test_message ("refused: %s", selection.error->message);
  g_clear_error (&selection.error);
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = make_annotations (fixture->card);

  show (fixture, fixture->card, TRUE);
  eg_card_view_set_annotations (fixture->view, annotations);

  /* nothing selected */
  assert_eval (fixture, "document.getSelection ().removeAllRanges (); 'ok'", "ok");
  check_refused (fixture);

  check_selection (fixture, "#question", "question", "only nil channels", "only nil channels");
  /* after an emoji, across an <em> */
  check_selection (fixture, "#answer-body", "answer", "never ready — so 🙂 a",
                   "never ready — so 🙂 a");
  check_selection (fixture, "#answer-body", "answer", "Ünïcode 👩‍💻 text", "Ünïcode 👩‍💻 text");
  /* in the second paragraph, white space at the ends left out */
  check_selection (fixture, "#answer-body", "answer", "wakes every", " wakes every ");
  check_selection (fixture, "#parts > section.part-body", "part:Indepth", "timeout with time.After",
                   "timeout with time.After");
  /* a highlighted passage can be selected again (no marks in the way) */
  check_selection (fixture, "#answer-body", "answer", "only nil channels blocks",
                   "only nil channels blocks");

  /* white space only */
  select_text (fixture, "#answer-body", " ", "#answer-body", " ");
  check_refused (fixture);
  /* from the question into the answer */
  select_text (fixture, "#question", "forever", "#answer-body", "A nil");
  check_refused (fixture);
  /* collapsed */
  assert_eval (fixture, "document.getSelection ().collapseToStart (); document.getSelection ().type",
               "Caret");
  check_refused (fixture);
  /* the note is no field */
  select_text (fixture, ".engram-note-body", "check", ".engram-note-body", "check");
  check_refused (fixture);
}

/* Clicks (as a mouse would, in the page) at the middle of the first box of
 * the highlight @name */
static void
click_highlight (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *script = g_strdup_printf (
    "(() => { const r = [...CSS.highlights.get ('%s')][0].getClientRects ()[0];"
    "  const x = r.left + r.width / 2, y = r.top + r.height / 2;"
    "  document.getSelection ().removeAllRanges ();"
    "  document.elementFromPoint (x, y).dispatchEvent (new MouseEvent ('click',"
    "    { bubbles: true, clientX: x, clientY: y, button: 0 }));"
    "  return 'clicked'; }) ()", name);

  assert_eval (fixture, script, "clicked");
}

static void
test_activated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = make_annotations (fixture->card);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  GdkRectangle at_1;

  show (fixture, fixture->card, TRUE);
  eg_card_view_set_annotations (fixture->view, annotations);
  assert_eval (fixture, read_highlights, expected_highlights);

  click_highlight (fixture, "engram-pink");
  wait_count (&fixture->n_activated, 1);
  g_assert_cmpint (fixture->activated_id, ==, 13);
  click_highlight (fixture, "engram-yellow-comment");
  wait_count (&fixture->n_activated, 2);
  g_assert_cmpint (fixture->activated_id, ==, 11);
  /* the box is in the view, the size of some text */
  at_1 = fixture->activated_rect;
  g_assert_cmpint (at_1.x, >=, 0);
  g_assert_cmpint (at_1.y, >=, 0);
  g_assert_cmpint (at_1.x + at_1.width, <=, width);
  g_assert_cmpint (at_1.y + at_1.height, <=, height);
  g_assert_cmpint (at_1.width, >, 20);
  g_assert_cmpint (at_1.height, >, 10);

  /* a click outside every highlight is nothing */
  assert_eval (fixture,
               "document.getElementById ('answer-body').dispatchEvent (new MouseEvent ('click',"
               "  { bubbles: true, clientX: 1, clientY: 1, button: 0 })); 'ok'", "ok");

  /* the caret in the green highlight */
  assert_eval (fixture,
               "(() => { const r = [...CSS.highlights.get ('engram-green')][0];"
               "  document.getSelection ().collapse (r.startContainer, r.startOffset + 2);"
               "  return document.getSelection ().type; }) ()", "Caret");
  eg_card_view_activate_at_caret (fixture->view);
  wait_count (&fixture->n_activated, 3);
  g_assert_cmpint (fixture->activated_id, ==, 12);
  /* and outside them: nothing (the next activation is the one counted) */
  assert_eval (fixture,
               "(() => { const q = document.getElementById ('question');"
               "  document.getSelection ().collapse (q.firstChild, 1); return 'ok'; }) ()", "ok");
  eg_card_view_activate_at_caret (fixture->view);

  /* zoomed, the box is in the widget's pixels */
  eg_card_view_set_zoom (fixture->view, 1.5);
  assert_eval (fixture, "window.scrollTo (0, 0); 'ok'", "ok");
  click_highlight (fixture, "engram-yellow-comment");
  wait_count (&fixture->n_activated, 4);
  g_assert_cmpint (fixture->activated_id, ==, 11);
  g_assert_cmpint (fixture->activated_rect.width, >, at_1.width * 1.2);
  eg_card_view_set_zoom (fixture->view, 1.0);

  /* Enter on a highlight while caret browsing */
  g_object_set (webkit_web_view_get_settings (WEBKIT_WEB_VIEW (eg_card_view_get_web_view (fixture->view))),
                "enable-caret-browsing", TRUE, NULL);
  assert_eval (fixture,
               "(() => { const r = [...CSS.highlights.get ('engram-pink')][0];"
               "  document.getSelection ().collapse (r.startContainer, r.startOffset);"
               "  document.body.dispatchEvent (new KeyboardEvent ('keydown', { key: 'Enter', bubbles: true }));"
               "  return 'ok'; }) ()", "ok");
  wait_count (&fixture->n_activated, 5);
  g_assert_cmpint (fixture->activated_id, ==, 13);
}

static void
annotate_cb (GSimpleAction *action,
             GVariant      *parameter,
             GString       *log)
{
  g_string_append_printf (log, "%s;", g_action_get_name (G_ACTION (action)));
}

/* Opens the web view's context menu as WebKit does, on a hit test result of
 * @context, with Copy in it; returns its items' labels, "-" a separator */
static char *
open_context_menu (Fixture              *fixture,
                   WebKitHitTestResultContext context,
                   WebKitContextMenu   **menu_out)
{
  GtkWidget *web_view = eg_card_view_get_web_view (fixture->view);
  g_autoptr(WebKitHitTestResult) hit = g_object_new (WEBKIT_TYPE_HIT_TEST_RESULT,
                                                     "context", context, NULL);
  WebKitContextMenu *menu = webkit_context_menu_new ();
  GString *labels = g_string_new ("");
  gboolean handled = FALSE;

  webkit_context_menu_append (menu, webkit_context_menu_item_new_from_stock_action (
                                      WEBKIT_CONTEXT_MENU_ACTION_COPY));
  webkit_context_menu_append (menu, webkit_context_menu_item_new_from_stock_action (
                                      WEBKIT_CONTEXT_MENU_ACTION_RELOAD));
  g_signal_emit_by_name (web_view, "context-menu", menu, hit, &handled);
  g_assert_false (handled);
  for (GList *l = webkit_context_menu_get_items (menu); l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      GAction *action = webkit_context_menu_item_get_gaction (item);

      if (webkit_context_menu_item_is_separator (item))
        g_string_append (labels, "-;");
      else if (webkit_context_menu_item_get_stock_action (item) == WEBKIT_CONTEXT_MENU_ACTION_COPY)
        g_string_append (labels, "Copy;");
      else
        g_string_append_printf (labels, "%s;", action != NULL ? g_action_get_name (action) : "?");
    }
  *menu_out = menu;
  return g_string_free (labels, FALSE);
}

static void
test_context_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "highlight", (gpointer) annotate_cb },
    { "highlight-comment", (gpointer) annotate_cb },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GString) log = g_string_new ("");
  WebKitContextMenu *menu = NULL;
  g_autofree char *items = NULL;
  GList *l;

  /* the page that shows the card has the actions */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), log);
  gtk_widget_insert_action_group (fixture->window, "annotate", G_ACTION_GROUP (group));
  show (fixture, fixture->card, TRUE);

  items = open_context_menu (fixture, WEBKIT_HIT_TEST_RESULT_CONTEXT_SELECTION |
                                      WEBKIT_HIT_TEST_RESULT_CONTEXT_DOCUMENT, &menu);
  g_assert_cmpstr (items, ==, "Copy;-;highlight;highlight-comment;");
  for (l = webkit_context_menu_get_items (menu); l != NULL; l = l->next)
    {
      GAction *action = webkit_context_menu_item_get_gaction (l->data);

      if (action != NULL && webkit_context_menu_item_get_stock_action (l->data) ==
                            WEBKIT_CONTEXT_MENU_ACTION_CUSTOM)
        g_action_activate (action, NULL);
    }
  g_assert_cmpstr (log->str, ==, "highlight;highlight-comment;");
  g_object_unref (menu);
  g_clear_pointer (&items, g_free);

  /* no selection: Copy only */
  items = open_context_menu (fixture, WEBKIT_HIT_TEST_RESULT_CONTEXT_DOCUMENT, &menu);
  g_assert_cmpstr (items, ==, "Copy;");
  g_object_unref (menu);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-gui");

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      /* TAP: skip the whole plan when there is no display */
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

#define ADD(path, func) \
  g_test_add ("/gui/card-annotations/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("drawn", test_drawn);
  ADD ("reveal", test_reveal);
  ADD ("empty-note", test_empty_note);
  ADD ("selection", test_selection);
  ADD ("activated", test_activated);
  ADD ("context-menu", test_context_menu);
#undef ADD

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

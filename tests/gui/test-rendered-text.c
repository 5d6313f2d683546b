/* test-rendered-text.c - the core's rendered text is what the card view shows
 *
 * Every card of the shipped deck is shown (revealed) in a card view, with
 * its code highlighted as in the app, and the DOM textContent of the
 * question, the answer and each part's body is compared with
 * eg_rendered_text_from_markdown(), which highlights are anchored on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <webkit/webkit.h>

#include "eg-application.h"
#include "eg-card-view.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"

#define MAX_REPORTED 5

static const char read_fields[] =
  "JSON.stringify ({"
  "  question: document.getElementById ('question').textContent,"
  "  answer: document.getElementById ('answer-body').textContent,"
  "  parts: Array.from (document.querySelectorAll ('#parts > section.part-body'),"
  "                     (e) => e.textContent),"
  "  spans: document.querySelectorAll ('#card code span[style]').length,"
  "})";

typedef struct
{
  EgCardView *view;
  guint64     shown;      /* the token of the last card painted */
  guint       n_checked;
  guint       n_mismatched;
  guint       n_highlighted;  /* fields shown with highlighting spans */
} Check;

static void
painted_cb (Check      *check,
            const char *kind,
            guint64     token)
{
  if (g_strcmp0 (kind, "shown") == 0)
    check->shown = token;
}

static gboolean
view_ready (gpointer data)
{
  return eg_card_view_is_ready (((Check *) data)->view);
}

typedef struct
{
  Check   *check;
  guint64  token;
} Wait;

static gboolean
shown (gpointer data)
{
  Wait *wait = data;

  return wait->check->shown == wait->token;
}

/* Where two strings first differ, with a little of each around it, escaped */
static void
report_mismatch (Check      *check,
                 const char *card_key,
                 const char *field,
                 const char *expected,
                 const char *actual)
{
  gsize at = 0;
  gsize from;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want_escaped = NULL;
  g_autofree char *got_escaped = NULL;

  check->n_mismatched++;
  if (check->n_mismatched > MAX_REPORTED)
    return;

  while (expected[at] != '\0' && expected[at] == actual[at])
    at++;
  from = at > 30 ? at - 30 : 0;
  want = g_strndup (expected + from, 80);
  got = g_strndup (actual + from, 80);
  want_escaped = g_strescape (want, NULL);
  got_escaped = g_strescape (got, NULL);
  g_test_message ("%s %s: differs at byte %" G_GSIZE_FORMAT
                  "\n  core: \"%s\"\n  DOM:  \"%s\"",
                  card_key, field, at, want_escaped, got_escaped);
}

static void
compare (Check      *check,
         const char *card_key,
         const char *field,
         const char *markdown,
         const char *dom_text)
{
  g_autofree char *core_text = eg_rendered_text_from_markdown (markdown);

  check->n_checked++;
  if (g_strcmp0 (core_text, dom_text) != 0)
    report_mismatch (check, card_key, field, core_text, dom_text != NULL ? dom_text : "(none)");
}

static void
check_card (Check      *check,
            EgDeckCard *deck_card,
            const char *default_language,
            guint64     token)
{
  EgCard card = {
    .key = deck_card->key,
    .question = deck_card->question,
    .answer = deck_card->answer,
    .parts = deck_card->parts,
    .content_hash = deck_card->content_hash,
  };
  Wait wait = { check, token };
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *fields;
  JsonArray *parts;

  eg_card_view_show_card (check->view, &card, default_language, TRUE, token);
  g_assert_true (eg_gui_test_wait_for (shown, &wait, 10000));

  json = eg_gui_test_eval (eg_card_view_get_web_view (check->view), read_fields, 10000);
  g_assert_nonnull (json);
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &error))
    {
      g_test_message ("%s: cannot read the fields: %s", deck_card->key,
                      json != NULL ? json : "no answer");
      check->n_mismatched++;
      return;
    }

  fields = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member (fields, "spans") > 0)
    check->n_highlighted++;
  compare (check, deck_card->key, "question", deck_card->question,
           json_object_get_string_member (fields, "question"));
  compare (check, deck_card->key, "answer", deck_card->answer,
           json_object_get_string_member (fields, "answer"));

  parts = json_object_get_array_member (fields, "parts");
  g_assert_cmpuint (json_array_get_length (parts), ==, deck_card->parts->len);
  for (guint i = 0; i < deck_card->parts->len && i < json_array_get_length (parts); i++)
    {
      EgCardPart *part = g_ptr_array_index (deck_card->parts, i);
      g_autofree char *field = g_strdup_printf ("part \"%s\"", part->name);

      compare (check, deck_card->key, field, part->text,
               json_array_get_string_element (parts, i));
    }
}

static GtkWidget *
open_view (Check *check)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  check->view = EG_CARD_VIEW (eg_card_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (check->view));
  g_signal_connect_swapped (check->view, "painted", G_CALLBACK (painted_cb), check);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (eg_gui_test_wait_for (view_ready, check, 20000));
  return window;
}

static void
test_shipped_deck (void)
{
  g_autofree char *path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_load (file, NULL, &error);
  GtkWidget *window;
  Check check = { NULL, };
  guint64 token = 0;
  guint n_parts = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (deck->n_cards, ==, 245);

  window = open_view (&check);
  for (guint s = 0; s < deck->sections->len; s++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, s);

      for (guint c = 0; c < section->cards->len; c++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, c);

          n_parts += card->parts->len;
          /* the shipped copy in content/ says "default-language: go" */
          check_card (&check, card, deck->default_language != NULL ? deck->default_language : "go",
                      ++token);
        }
    }

  g_test_message ("%u fields of %u cards compared, %u differ", check.n_checked,
                  (guint) token, check.n_mismatched);
  g_test_message ("%u cards shown with highlighted code", check.n_highlighted);
  g_assert_cmpuint (token, ==, 245);
  /* the comparison covers the highlighter's spans */
  g_assert_cmpuint (check.n_highlighted, >, 0);
  g_assert_cmpuint (check.n_checked, ==, 2 * 245 + n_parts);
  g_assert_cmpuint (check.n_mismatched, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the shipped deck does not have: each snippet is shown as the
 * question, the answer and a part. */
static void
test_hand_cases (void)
{
  static const char * const snippets[] = {
    "| a | b |\n|---|--:|\n| `x < y` | **2** |",
    "- [x] done\n- [ ] todo\n\n1. one\n\n2. two",
    "one\r\ntwo\r\n\r\nthree\rfour",
    "a&#0;b &#13; c &amp;amp; &copy; &#x1F600; &bogus;",
    "<div>\nraw *html*\n</div>\n\ninline <b>tag</b> &lt;",
    "![alt *text*](x.png) [blocked](javascript:x) <https://go.dev> <me@example.com>",
    "```\n\n\tfirst line blank\n```\n\n    indented\n\n> quote\n> more\n\n---\n# Heading",
    "line with two spaces  \nnext\\\nlast",
  };
  GtkWidget *window;
  Check check = { NULL, };

  window = open_view (&check);
  for (guint i = 0; i < G_N_ELEMENTS (snippets); i++)
    {
      g_autofree char *key = g_strdup_printf ("snippet-%u", i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
      EgDeckCard card = { .key = key, .question = (char *) snippets[i],
                          .answer = (char *) snippets[i], .parts = parts };

      g_ptr_array_add (parts, eg_card_part_new ("Indepth", snippets[i]));
      check_card (&check, &card, "go", i + 1);
    }

  g_test_message ("%u fields of %u snippets compared, %u differ", check.n_checked,
                  (guint) G_N_ELEMENTS (snippets), check.n_mismatched);
  g_assert_cmpuint (check.n_checked, ==, 3 * G_N_ELEMENTS (snippets));
  g_assert_cmpuint (check.n_mismatched, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/gui/rendered-text/shipped-deck", test_shipped_deck);
  g_test_add_func ("/gui/rendered-text/hand-cases", test_hand_cases);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

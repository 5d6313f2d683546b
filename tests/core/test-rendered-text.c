/* test-rendered-text.c - the text of a field as the card view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

typedef struct
{
  const char *name;
  const char *markdown;
  const char *text;
} Case;

/* What a browser's textContent gives for the renderer's HTML of each case
 * (checked against WebKit by tests/gui/test-rendered-text.c on the shipped
 * deck). */
static const Case cases[] = {
  { "empty", "", "" },
  { "paragraph", "Hello world", "Hello world\n" },
  { "emphasis", "a *b* **c** ~~d~~", "a b c d\n" },
  { "paragraphs", "one\n\ntwo", "one\ntwo\n" },
  { "soft-break", "one\ntwo", "one\ntwo\n" },
  { "hard-break", "one  \ntwo", "one\ntwo\n" },
  { "code-span", "use `x := <-ch` here", "use x := <-ch here\n" },
  { "code-span-word", "the `GOGC` knob", "the GOGC knob\n" },
  { "fenced-code-tab", "```go\nfunc f() {\n\treturn\n}\n```", "func f() {\n    return\n}\n\n" },
  { "fenced-code-blank-first", "```\n\nx\n```", "\nx\n\n" },
  { "indented-code", "    a < b\n    c", "a < b\nc\n\n" },
  { "entities", "&amp; &lt; &copy; &#65; &#x263A; &bogus;", "& < \xC2\xA9 A \xE2\x98\xBA &bogus;\n" },
  { "escapes", "\\*not\\* 5 > 3 & \"q\" 'a'", "*not* 5 > 3 & \"q\" 'a'\n" },
  { "unordered-list", "- a\n- b", "\na\nb\n\n" },
  { "ordered-list", "3. a\n4. b", "\na\nb\n\n" },
  { "loose-list", "- a\n\n- b", "\n\na\n\n\nb\n\n\n" },
  { "task-list", "- [x] done\n- [ ] todo", "\n done\n todo\n\n" },
  { "nested-list", "- a\n  - b", "\na\n\nb\n\n\n\n" },
  { "link", "see [the spec](https://go.dev/ref/spec \"Spec\")", "see the spec\n" },
  { "blocked-link", "[x](javascript:alert(1))", "x\n" },
  { "autolink", "<https://go.dev>", "https://go.dev\n" },
  { "image", "![a gopher](g.png)", "\xF0\x9F\x96\xBC a gopher\n" },
  { "raw-html-inline", "a <b>bold</b> c", "a <b>bold</b> c\n" },
  { "raw-html-block", "<div>\nx\n</div>", "<div>\nx\n</div>\n\n" },
  { "heading", "# Title\n\ntext", "Title\ntext\n" },
  { "blockquote", "> quoted", "\nquoted\n\n" },
  { "rule", "a\n\n---\n\nb", "a\n\nb\n" },
  { "table", "| a | b |\n|---|--:|\n| 1 | 2 |",
    "\n\n\na\nb\n\n\n\n\n1\n2\n\n\n\n" },
  { "crlf", "one\r\ntwo\r\n\r\nthree", "one\ntwo\nthree\n" },
  { "null-reference", "a&#0;b", "a\xEF\xBF\xBD" "b\n" },
  { "unicode", "caf\xC3\xA9 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xF0\x9F\x98\x80\n" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *text = eg_rendered_text_from_markdown (c->markdown);

  g_assert_cmpstr (text, ==, c->text);
}

static void
test_html (void)
{
  static const struct
  {
    const char *html;
    const char *text;
  } html_cases[] = {
    { "<p>a &amp; b</p>\n", "a & b\n" },
    { "<pre class=\"code\">\nx</pre>\n", "x\n" },
    { "<pre>\r\nx</pre>", "x" },
    { "<p>a\r\nb\rc</p>", "a\nb\nc" },
    { "<p>&#39;&quot;&#x41;&#66;</p>", "'\"AB" },
    { "<span style=\"color:#fff\">x</span>&amp;<span>y</span>", "x&y" },
    { "a &unknown; b & c", "a &unknown; b & c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (html_cases); i++)
    {
      g_autofree char *text = eg_rendered_text_from_html (html_cases[i].html);

      g_assert_cmpstr (text, ==, html_cases[i].text);
    }
}

/* Wraps every character of the code in its own span, as a highlighter could. */
static char *
fake_highlight (const char *code,
                gsize       length,
                const char *language,
                gpointer    user_data)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      g_string_append (out, "<span style=\"color:#123456\">");
      switch (code[i])
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, code[i]); break;
        }
      g_string_append (out, "</span>");
    }
  return g_string_free (out, FALSE);
}

static void
check_field (const char *markdown,
             guint      *n_checked)
{
  EgRenderOptions options = { "go", fake_highlight, NULL };
  g_autofree char *html = eg_markdown_to_html (markdown, &options);
  g_autofree char *highlighted = eg_rendered_text_from_html (html);
  g_autofree char *plain = eg_rendered_text_from_markdown (markdown);

  g_assert_cmpstr (highlighted, ==, plain);
  g_assert_true (g_utf8_validate (plain, -1, NULL));
  (*n_checked)++;
}

/* Highlighting and the default language do not change the text. */
static void
test_highlighting_does_not_matter (void)
{
  g_autofree char *path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_load (file, NULL, &error);
  guint n_checked = 0;

  g_assert_no_error (error);
  for (guint s = 0; s < deck->sections->len; s++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, s);

      for (guint c = 0; c < section->cards->len; c++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, c);

          check_field (card->question, &n_checked);
          check_field (card->answer, &n_checked);
          for (guint p = 0; p < card->parts->len; p++)
            check_field (((EgCardPart *) g_ptr_array_index (card->parts, p))->text, &n_checked);
        }
    }
  g_assert_cmpuint (deck->n_cards, ==, 245);
  g_assert_cmpuint (n_checked, >=, 2 * 245);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/rendered-text/markdown/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/rendered-text/html", test_html);
  g_test_add_func ("/rendered-text/highlighting-does-not-matter", test_highlighting_does_not_matter);

  return g_test_run ();
}

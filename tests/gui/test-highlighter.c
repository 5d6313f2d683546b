/* test-highlighter.c - code blocks highlighted as HTML by GtkSourceView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "eg-highlighter.h"
#include "eg-test-util.h"

static const char go_example[] =
  "func main() { s := []int{1, 2}; fmt.Println(\"hi\", len(s)) // note\n}";

/* One run of the output: its decoded text and the style of its span (NULL
 * outside any span).
 */
typedef struct
{
  char *style;
  char *text;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_free (run->style);
  g_free (run->text);
  g_free (run);
}

/* Decodes one entity at *p into @out; FALSE if it is not one we emit. */
static gboolean
decode_entity (const char **p,
               GString     *out)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
    { "&quot;", '"' }, { "&#39;", '\'' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_has_prefix (*p, entities[i].entity))
      {
        g_string_append_c (out, entities[i].c);
        *p += strlen (entities[i].entity);
        return TRUE;
      }
  return FALSE;
}

/* Splits @html into runs, checking its shape on the way: only
 * <span style="..."> and </span>, never nested, never empty, no raw quotes
 * or angle brackets in text, and no two adjacent spans with the same style.
 * Returns NULL (after a failed assertion) when the shape is wrong.
 */
static GPtrArray *
parse_html (const char *html)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (run_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *style = NULL;
  g_autofree char *last_closed = NULL;
  gboolean open = FALSE;
  const char *p = html;

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "<span style=\""))
        {
          const char *end;

          g_assert_false (open);
          if (open)
            return NULL;
          if (text->len > 0)
            {
              Run *run = g_new0 (Run, 1);

              run->text = g_strdup (text->str);
              g_ptr_array_add (runs, run);
              g_string_truncate (text, 0);
              g_clear_pointer (&last_closed, g_free);
            }
          p += strlen ("<span style=\"");
          end = strstr (p, "\">");
          g_assert_nonnull (end);
          if (end == NULL)
            return NULL;
          style = g_strndup (p, end - p);
          g_assert_cmpstr (style, !=, "");
          g_assert_null (strchr (style, '<'));
          /* adjacent spans must have been merged */
          g_assert_cmpstr (style, !=, last_closed);
          p = end + 2;
          open = TRUE;
        }
      else if (g_str_has_prefix (p, "</span>"))
        {
          Run *run;

          g_assert_true (open);
          g_assert_cmpuint (text->len, >, 0);
          if (!open || text->len == 0)
            return NULL;
          run = g_new0 (Run, 1);
          run->style = g_strdup (style);
          run->text = g_strdup (text->str);
          g_ptr_array_add (runs, run);
          g_string_truncate (text, 0);
          g_free (last_closed);
          last_closed = g_steal_pointer (&style);
          p += strlen ("</span>");
          open = FALSE;
        }
      else if (*p == '&')
        {
          gboolean known = decode_entity (&p, text);

          g_assert_true (known);
          if (!known)
            return NULL;
        }
      else
        {
          g_assert_true (*p != '<' && *p != '>' && *p != '"' && *p != '\'');
          g_string_append_c (text, *p);
          p++;
        }
    }
  g_assert_false (open);
  if (open)
    return NULL;
  if (text->len > 0)
    {
      Run *run = g_new0 (Run, 1);

      run->text = g_strdup (text->str);
      g_ptr_array_add (runs, run);
    }
  return g_steal_pointer (&runs);
}

/* The text of @html without markup, entities decoded. */
static char *
strip_html (const char *html)
{
  g_autoptr(GPtrArray) runs = parse_html (html);
  GString *out = g_string_new (NULL);

  if (runs != NULL)
    for (guint i = 0; i < runs->len; i++)
      g_string_append (out, ((Run *) g_ptr_array_index (runs, i))->text);
  return g_string_free (out, FALSE);
}

/* The style of the run that holds the first @needle whole: "" when the run
 * is unstyled, NULL when @needle is missing or split over runs.
 */
static char *
style_of (const char *html,
          const char *needle)
{
  g_autoptr(GPtrArray) runs = parse_html (html);
  g_autofree char *text = strip_html (html);
  const char *found = strstr (text, needle);
  gsize start, end, offset = 0;

  if (runs == NULL || found == NULL)
    return NULL;
  start = found - text;
  end = start + strlen (needle);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = g_ptr_array_index (runs, i);
      gsize run_end = offset + strlen (run->text);

      if (start >= offset && end <= run_end)
        return g_strdup (run->style != NULL ? run->style : "");
      offset = run_end;
    }
  return NULL;
}

/* The value of @property in @style, or NULL. */
static char *
css_value (const char *style,
           const char *property)
{
  g_auto(GStrv) declarations = NULL;

  if (style == NULL)
    return NULL;
  declarations = g_strsplit (style, ";", -1);
  for (guint i = 0; declarations[i] != NULL; i++)
    {
      const char *colon = strchr (declarations[i], ':');

      if (colon != NULL &&
          strlen (property) == (gsize) (colon - declarations[i]) &&
          strncmp (declarations[i], property, colon - declarations[i]) == 0)
        return g_strdup (colon + 1);
    }
  return NULL;
}

static char *
highlight (EgHighlighter *highlighter,
           const char    *code,
           const char    *language)
{
  return eg_highlighter_highlight (highlighter, code, strlen (code), language);
}

static void
assert_round_trip (EgHighlighter *highlighter,
                   const char    *code,
                   const char    *language)
{
  g_autofree char *html = highlight (highlighter, code, language);
  g_autofree char *text = NULL;

  g_assert_nonnull (html);
  if (html == NULL)
    return;
  text = strip_html (html);
  g_assert_cmpstr (text, ==, code);
}

static void
test_go_example (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *html = highlight (highlighter, go_example, "go");
  g_autofree char *text = NULL;
  g_autofree char *keyword = NULL, *string = NULL, *comment = NULL, *builtin = NULL;
  g_autofree char *keyword_color = NULL, *string_color = NULL;
  g_autofree char *comment_color = NULL, *comment_italic = NULL;
  g_autofree char *builtin_color = NULL, *plain = NULL;

  g_assert_nonnull (html);
  if (html == NULL)
    return;
  g_test_message ("light: %s", html);

  text = strip_html (html);
  g_assert_cmpstr (text, ==, go_example);

  keyword = style_of (html, "func");
  string = style_of (html, "\"hi\"");
  comment = style_of (html, "// note");
  builtin = style_of (html, "len");

  keyword_color = css_value (keyword, "color");
  string_color = css_value (string, "color");
  comment_color = css_value (comment, "color");
  comment_italic = css_value (comment, "font-style");
  builtin_color = css_value (builtin, "color");

  g_assert_nonnull (keyword_color);
  g_assert_nonnull (string_color);
  g_assert_cmpstr (keyword_color, !=, string_color);
  g_assert_true (g_strcmp0 (comment_italic, "italic") == 0 ||
                 (comment_color != NULL &&
                  g_strcmp0 (comment_color, keyword_color) != 0 &&
                  g_strcmp0 (comment_color, string_color) != 0));
  g_assert_nonnull (builtin);
  g_assert_cmpstr (builtin, !=, "");
  g_assert_nonnull (builtin_color);
  g_assert_cmpstr (builtin_color, !=, keyword_color);
  /* a plain identifier stays plain */
  plain = style_of (html, "main");
  g_assert_cmpstr (plain, ==, "");
}

static void
test_dark (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *light = NULL, *dark = NULL, *light_again = NULL;
  g_autofree char *light_style = NULL, *dark_style = NULL;
  g_autofree char *light_color = NULL, *dark_color = NULL;
  gboolean value;

  g_assert_false (eg_highlighter_get_dark (highlighter));
  light = highlight (highlighter, go_example, "go");

  eg_highlighter_set_dark (highlighter, TRUE);
  g_object_get (highlighter, "dark", &value, NULL);
  g_assert_true (value);
  dark = highlight (highlighter, go_example, "go");
  g_test_message ("dark: %s", dark);

  g_assert_nonnull (light);
  g_assert_nonnull (dark);
  light_style = style_of (light, "func");
  dark_style = style_of (dark, "func");
  light_color = css_value (light_style, "color");
  dark_color = css_value (dark_style, "color");
  g_assert_nonnull (light_color);
  g_assert_nonnull (dark_color);
  g_assert_cmpstr (light_color, !=, dark_color);

  /* and back: the same output as before */
  eg_highlighter_set_dark (highlighter, FALSE);
  light_again = highlight (highlighter, go_example, "go");
  g_assert_cmpstr (light_again, ==, light);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_dark_notify (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  guint notified = 0;

  g_signal_connect (highlighter, "notify::dark", G_CALLBACK (count_notify), &notified);
  eg_highlighter_set_dark (highlighter, FALSE);
  g_assert_cmpuint (notified, ==, 0);
  eg_highlighter_set_dark (highlighter, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  eg_highlighter_set_dark (highlighter, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (highlighter, "dark", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_hostile (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  const char *code =
    "x := \"<script>alert(\\\"x\\\")</script> & 'q'\"\n"
    "// <img src=x onerror=alert(1)> & \"\n"
    "y := `</span><span style=\"x\">`\n";
  g_autofree char *html = highlight (highlighter, code, "go");
  g_autofree char *text = NULL;

  g_assert_nonnull (html);
  if (html == NULL)
    return;
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "&amp;"));
  g_assert_nonnull (strstr (html, "&#39;q&#39;"));
  text = strip_html (html);
  g_assert_cmpstr (text, ==, code);
}

static void
test_round_trip (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  static const struct { const char *language, *code; } cases[] = {
    { "go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 1)\n\tch <- 1 & 3\n\tfmt.Printf(\"%d\\n\", <-ch)\n}\n" },
    { "c", "#include <stdio.h>\n/* a < b */\nint main (void) { return 'a' > 0 && 1; }\n" },
    { "cpp", "template <typename T> T f(T a) { return a << 1; } // \"x\"" },
    { "python", "def f(x):\n    \"\"\"doc\"\"\"\n    return x if x > 0 else 'neg'  # <c>\n" },
    { "bash", "#!/bin/sh\nif [ \"$a\" -lt 3 ] && echo 'x' > /dev/null; then ls <in; fi\n" },
    { "rust", "fn main() { let v: Vec<&str> = vec![\"a\"]; println!(\"{}\", v[0]); }" },
    { "js", "const a = (x) => x < 1 ? '<b>' : `t${x}`; // & c" },
    { "ts", "interface A<T> { x: T }\nlet a: A<number> = { x: 1 };" },
    { "json", "{\"a\": [1, 2.5, true, null], \"b\": \"<&>\"}" },
    { "yaml", "a: 'x'\nb: \"y\" # c\nc: [1, 2]\n" },
    { "sql", "SELECT a, 'x''y' FROM t WHERE b < 3 AND c <> \"d\";" },
    { "html", "<!DOCTYPE html>\n<p class=\"a\">x &amp; y</p>\n<script>if (a < b) {}</script>" },
    { "xml", "<?xml version=\"1.0\"?>\n<a b='c'>&lt;</a>" },
    { "css", "a > b:hover { color: #fff; content: \"<\"; }" },
    { "diff", "--- a\n+++ b\n@@ -1 +1 @@\n-old <x>\n+new & \"y\"\n" },
    { "makefile", "all: a.o\n\t$(CC) -o $@ $< # \"x\"\n" },
    { "dockerfile", "FROM debian:12\nRUN echo '<x>' && true\n" },
    { "toml", "[a]\nb = \"c\" # d\ne = 'f'\n" },
    { "markdown", "# T\n*a* <b> & `c` [d](e \"f\")\n" },
    { "java", "class A { String s = \"<\" + 'c'; }" },
    /* CR LF, a lone CR, tabs, multi-byte text and emoji */
    { "go", "// héllo wörld ✓ 🟢\r\nx := \"日本語 🟢\"\r\ny := 1\rz := '\\''\t\n\n" },
    { "go", "\n" },
    { "go", "\"unterminated" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_round_trip (highlighter, cases[i].code, cases[i].language);
}

static void
test_languages (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  static const char *const known[] = {
    "go", "golang", "Go", " go ", "go {.numberLines}", "sh", "bash", "shell",
    "zsh", "console", "js", "javascript", "ts", "typescript", "py", "python",
    "python3", "c", "cpp", "c++", "cc", "rust", "rs", "java", "json", "yaml",
    "yml", "sql", "html", "xml", "css", "diff", "patch", "makefile", "make",
    "dockerfile", "docker", "toml", "markdown", "md", "lua",
  };
  static const char *const unknown[] = {
    "no-such-language", "", "   ", "golang2", "../go",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *html = highlight (highlighter, "x", known[i]);

      if (html == NULL)
        g_test_message ("not known: '%s'", known[i]);
      g_assert_nonnull (html);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autofree char *html = highlight (highlighter, "x", unknown[i]);

      g_assert_null (html);
    }
  g_assert_null (highlight (highlighter, "x", NULL));
}

static void
test_aliases (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *go = highlight (highlighter, go_example, "go");
  g_autofree char *golang = highlight (highlighter, go_example, "golang");
  g_autofree char *bash = highlight (highlighter, "if true; then echo \"x\"; fi", "bash");
  g_autofree char *py = highlight (highlighter, "def f():\n    return 'x'\n", "py");
  g_autofree char *bash_keyword = NULL, *py_keyword = NULL, *py_string = NULL;

  g_assert_cmpstr (golang, ==, go);

  g_assert_nonnull (bash);
  bash_keyword = style_of (bash, "then");
  g_assert_nonnull (bash_keyword);
  g_assert_cmpstr (bash_keyword, !=, "");

  g_assert_nonnull (py);
  py_keyword = style_of (py, "def");
  py_string = style_of (py, "'x'");
  g_assert_nonnull (py_keyword);
  g_assert_cmpstr (py_keyword, !=, "");
  g_assert_nonnull (py_string);
  g_assert_cmpstr (py_string, !=, "");
}

static void
test_edge_cases (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *empty = eg_highlighter_highlight (highlighter, "", 0, "go");
  g_autofree char *null_code = eg_highlighter_highlight (highlighter, NULL, 0, "go");
  g_autofree char *terminated = eg_highlighter_highlight (highlighter, "x := 1", (gsize) -1, "go");
  g_autofree char *part = eg_highlighter_highlight (highlighter, "x := 1 // rest", 6, "go");
  g_autofree char *invalid = eg_highlighter_highlight (highlighter, "x \xff y", 5, "go");
  g_autofree char *nul = eg_highlighter_highlight (highlighter, "x\0y", 3, "go");
  g_autofree char *via_func = eg_highlighter_func (go_example, strlen (go_example), "go", highlighter);
  g_autofree char *direct = highlight (highlighter, go_example, "go");
  g_autofree char *part_text = NULL;
  g_autofree char *multi = NULL, *multi_text = NULL;
  const char *lines = "a := 1\n\nb := \"x\"\n// c\n";

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null_code, ==, "");
  g_assert_nonnull (terminated);
  g_assert_nonnull (part);
  part_text = strip_html (part);
  g_assert_cmpstr (part_text, ==, "x := 1");
  g_assert_null (invalid);
  g_assert_null (nul);
  g_assert_cmpstr (via_func, ==, direct);

  multi = highlight (highlighter, lines, "go");
  multi_text = strip_html (multi);
  g_assert_cmpstr (multi_text, ==, lines);
  g_assert_cmpuint (strlen (multi_text), ==, strlen (lines));
}

static char *
go_snippet (guint n_lines)
{
  GString *code = g_string_new ("package main\n\nimport \"fmt\"\n\n");
  guint line = 4;

  while (line + 6 <= n_lines)
    {
      g_string_append_printf (code,
                              "// f%u doubles its argument & says so\n"
                              "func f%u(x int) (int, error) {\n"
                              "\ts := []string{\"a<%u>\", 'b', `c`}\n"
                              "\tfmt.Println(\"x =\", x, len(s), 0x%x, 1.5e3)\n"
                              "\treturn x * 2, nil\n"
                              "}\n",
                              line, line, line, line);
      line += 6;
    }
  for (; line < n_lines; line++)
    g_string_append (code, "\n");
  return g_string_free (code, FALSE);
}

/* The buffers are reused: the 200th call gives what the first gave. */
static void
test_reuse (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *code = go_snippet (50);
  g_autofree char *first = NULL, *text = NULL;

  first = highlight (highlighter, code, "go");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *html = highlight (highlighter, code, i % 2 ? "go" : "golang");

      g_assert_cmpstr (html, ==, first);
    }
  text = strip_html (first);
  g_assert_cmpstr (text, ==, code);
}

static void
test_large (void)
{
  g_autoptr(EgHighlighter) highlighter = eg_highlighter_new ();
  g_autofree char *code = go_snippet (500);
  g_autofree char *html = NULL, *text = NULL;

  html = highlight (highlighter, code, "go");
  g_assert_nonnull (html);
  text = strip_html (html);
  g_assert_cmpstr (text, ==, code);

  /* too long: left to the caller */
  {
    gsize size = EG_HIGHLIGHTER_MAX_LENGTH + 1;
    g_autofree char *huge = g_malloc (size + 1);
    g_autofree char *huge_html = NULL;

    memset (huge, 'x', size);
    huge[size] = '\0';
    huge_html = eg_highlighter_highlight (highlighter, huge, size, "go");
    g_assert_null (huge_html);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-highlighter");

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  /* GtkSourceView needs no display to highlight a buffer: use one if there
   * is one, carry on without otherwise.
   */
  if (!gtk_init_check ())
    g_test_message ("no display; highlighting without one");

  g_test_add_func ("/gui/highlighter/go-example", test_go_example);
  g_test_add_func ("/gui/highlighter/dark", test_dark);
  g_test_add_func ("/gui/highlighter/dark-notify", test_dark_notify);
  g_test_add_func ("/gui/highlighter/hostile", test_hostile);
  g_test_add_func ("/gui/highlighter/round-trip", test_round_trip);
  g_test_add_func ("/gui/highlighter/languages", test_languages);
  g_test_add_func ("/gui/highlighter/aliases", test_aliases);
  g_test_add_func ("/gui/highlighter/edge-cases", test_edge_cases);
  g_test_add_func ("/gui/highlighter/reuse", test_reuse);
  g_test_add_func ("/gui/highlighter/large", test_large);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

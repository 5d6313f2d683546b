/* fuzz-markdown.c - the Markdown renderer (HTML, plain text, rendered text)
 *
 * The input is a card field's Markdown.  Invariants: each rendering is
 * valid UTF-8; the HTML has no raw <script (the renderer escapes raw HTML).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"

static char *
highlight (const char *code,
           gsize       length,
           const char *language,
           gpointer    user_data)
{
  g_autofree char *copy = g_strndup (code, length);

  /* a highlighter that wraps the escaped code, as the app's does */
  if (language == NULL || length % 3 == 0)
    return NULL;
  return g_markup_printf_escaped ("<span style=\"color:#123456\">%s</span>", copy);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  g_autofree char *html_code = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *from_html = NULL;
  EgRenderOptions options = { NULL, NULL, NULL };
  EgRenderOptions code_options = { "go", highlight, NULL };

  fuzz_init ();
  markdown = fuzz_text (data, size);

  html = eg_markdown_to_html (markdown, &options);
  FUZZ_CHECK (html != NULL && g_utf8_validate (html, -1, NULL), "HTML not UTF-8");
  FUZZ_CHECK (strstr (html, "<script") == NULL, "raw <script in the HTML: %s", html);

  html_code = eg_markdown_to_html (markdown, &code_options);
  FUZZ_CHECK (html_code != NULL && g_utf8_validate (html_code, -1, NULL), "HTML not UTF-8");

  plain = eg_markdown_to_plain (markdown);
  FUZZ_CHECK (plain != NULL && g_utf8_validate (plain, -1, NULL), "plain text not UTF-8");

  rendered = eg_rendered_text_from_markdown (markdown);
  FUZZ_CHECK (rendered != NULL && g_utf8_validate (rendered, -1, NULL), "rendered text not UTF-8");

  from_html = eg_rendered_text_from_html (html);
  FUZZ_CHECK (from_html != NULL && g_utf8_validate (from_html, -1, NULL),
              "rendered text of the HTML not UTF-8");
  return 0;
}

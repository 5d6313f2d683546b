/* eg-rendered-text.c - the text of a card's field as the card view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-rendered-text"

#include "config.h"

#include <string.h>

#include "eg-markdown.h"
#include "eg-rendered-text.h"

/* The card view sets an element's innerHTML to what eg_markdown_to_html()
 * makes, and a browser reads it as an HTML fragment.  Its textContent is
 * the text of that HTML with the tags left out and its character references
 * decoded, after the HTML parser's own changes: CR LF and CR become LF
 * (before tokenising, so a decoded "&#13;" would stay, but the renderer
 * writes control characters as they are), and a newline right after a
 * <pre> start tag is dropped.  Syntax highlighting only adds <span>s, so the
 * text is the same with or without it.  The renderer escapes every "<" and
 * "&" of the card's text and every ">" in attribute values, so tags end at
 * the first ">" and the only references are the ones it writes. */

/* Appends the character a reference at @p (just after its "&") stands for;
 * Returns: the end of the reference, or NULL when @p starts no reference
 *   the renderer writes */
static const char *
decode_reference (const char *p,
                  GString    *out)
{
  static const struct
  {
    const char *name;
    char        c;
  } names[] = {
    { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
  };

  if (p[0] == '#')
    {
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      const char *digits = p + (hex ? 2 : 1);
      char *end = NULL;
      guint64 value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end == digits || *end != ';' || value == 0 || value > 0x10FFFF ||
          (value >= 0xD800 && value <= 0xDFFF))
        return NULL;
      g_string_append_unichar (out, (gunichar) value);
      return end + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize length = strlen (names[i].name);

      if (strncmp (p, names[i].name, length) == 0)
        {
          g_string_append_c (out, names[i].c);
          return p + length;
        }
    }

  return NULL;
}

/* Returns: the end of the tag starting at @p (a "<"), after its ">"; *pre
 *   is set when it is a <pre> start tag */
static const char *
skip_tag (const char *p,
          gboolean   *pre)
{
  const char *end = strchr (p, '>');

  *pre = g_ascii_strncasecmp (p, "<pre", 4) == 0 && (p[4] == '>' || g_ascii_isspace (p[4]));
  return end != NULL ? end + 1 : p + strlen (p);
}

/**
 * eg_rendered_text_from_html:
 * @html: HTML that eg_markdown_to_html() made
 *
 * Returns: the `textContent` an element gets when its innerHTML is set to
 *   @html, in UTF-8
 */
char *
eg_rendered_text_from_html (const char *html)
{
  GString *text;
  const char *p;

  g_return_val_if_fail (html != NULL, NULL);

  text = g_string_sized_new (strlen (html));
  p = html;
  while (*p != '\0')
    {
      if (*p == '<')
        {
          gboolean pre;

          p = skip_tag (p, &pre);
          if (pre && *p == '\n')
            p++;
          else if (pre && p[0] == '\r')
            p += p[1] == '\n' ? 2 : 1;
        }
      else if (*p == '&')
        {
          const char *end = decode_reference (p + 1, text);

          if (end == NULL)
            g_string_append_c (text, *p++);
          else
            p = end;
        }
      else if (*p == '\r')
        {
          g_string_append_c (text, '\n');
          p += p[1] == '\n' ? 2 : 1;
        }
      else
        {
          g_string_append_c (text, *p++);
        }
    }

  return g_string_free (text, FALSE);
}

/**
 * eg_rendered_text_from_markdown:
 * @markdown: a field of a card: its question, answer or a part's text
 *
 * The text of the field as the card view shows it, computed from the same
 * renderer (eg_markdown_to_html()) without a web view.  It is the DOM
 * `textContent` of the field's element (see eg-rendered-text.h): Markdown
 * markup is gone, entities are decoded, images are their mark and alt text,
 * raw HTML is its source, and the white space is the HTML's, a newline
 * after each block included ("a *b*\n\nc" gives "a b\nc\n").  It does not
 * depend on the default language or the code highlighting.
 *
 * Returns: the text, in UTF-8; "" for an empty field
 */
char *
eg_rendered_text_from_markdown (const char *markdown)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  html = eg_markdown_to_html (markdown, NULL);
  return eg_rendered_text_from_html (html);
}

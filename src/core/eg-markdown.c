/* eg-markdown.c - Markdown as the card view shows it: HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-markdown"

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "eg-markdown.h"
#include "eg-markdown-private.h"

/* Every tag in the output is made here: text, raw HTML and entities
 * from the card are escaped, only http(s) and mailto links keep their
 * target and images are never loaded.
 */

#define IMAGE_MARK "\xF0\x9F\x96\xBC"            /* 🖼 U+1F5BC FRAME WITH PICTURE */
#define REPLACEMENT_CHAR "\xEF\xBF\xBD"          /* U+FFFD */
#define CODE_PUNCTUATION "(){}[].:=<>*&!+-/\"';,%|^"

/* An inline element the renderer opened.  md4c does not always close what
 * it opens (an autolink in a table cell can stay open), so every block start
 * and end closes what is left. */
typedef struct
{
  MD_SPANTYPE type;
  gboolean    external;             /* a link: an <a>, not a blocked one */
} OpenSpan;

typedef struct
{
  GString         *out;
  EgRenderOptions  options;
  GArray          *spans;           /* OpenSpan, innermost last */
  GString         *code;            /* the code block or span being collected, or NULL */
  char            *code_lang;       /* the language of the code block, or NULL */
  guint            image_depth;     /* > 0: inside an image's alt text */
  gboolean         in_html_block;
  gboolean         in_raw_html;     /* a <code class="raw-html"> is open */
  gboolean         space;           /* a space is due before inline content */
  EgMarkdownBudget budget;
} HtmlState;

static const char * const go_words[] = {
  /* keywords */
  "break", "case", "chan", "const", "continue", "default", "defer", "else",
  "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
  "package", "range", "return", "select", "struct", "switch", "type", "var",
  /* predeclared types, constants and functions */
  "any", "bool", "byte", "comparable", "complex64", "complex128", "error",
  "float32", "float64", "int", "int8", "int16", "int32", "int64", "rune",
  "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
  "true", "false", "iota", "nil",
  "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len",
  "make", "max", "min", "new", "panic", "print", "println", "real", "recover",
  NULL
};

static const struct
{
  const char         *language;
  const char * const *words;
} language_words[] = {
  { "go", go_words },
  { "golang", go_words },
};

static void
escape_html (GString    *out,
             const char *text,
             gsize       size)
{
  gsize done = 0;

  for (gsize i = 0; i < size; i++)
    {
      const char *replacement;

      switch (text[i])
        {
        case '&':
          replacement = "&amp;";
          break;
        case '<':
          replacement = "&lt;";
          break;
        case '>':
          replacement = "&gt;";
          break;
        case '"':
          replacement = "&quot;";
          break;
        case '\'':
          replacement = "&#39;";
          break;
        case '\0':
          replacement = REPLACEMENT_CHAR;
          break;
        default:
          continue;
        }

      g_string_append_len (out, text + done, i - done);
      g_string_append (out, replacement);
      done = i + 1;
    }

  g_string_append_len (out, text + done, size - done);
}

static void
escape_string (GString    *out,
               const char *text)
{
  escape_html (out, text, strlen (text));
}

static void
escape_entity (GString    *out,
               const char *text,
               gsize       size)
{
  gunichar c = _eg_markdown_decode_entity (text, size);
  char utf8[8];

  if (c == 0)
    {
      escape_html (out, text, size);
      return;
    }

  escape_html (out, utf8, g_unichar_to_utf8 (c, utf8));
}

/* Returns: the value of @attr with its entities decoded, not yet escaped */
static char *
decode_attribute (const MD_ATTRIBUTE *attr)
{
  GString *value = g_string_new (NULL);

  /* an absent attribute (an indented code block's language) has no parts */
  if (attr->text == NULL || attr->size == 0 || attr->substr_offsets == NULL)
    return g_string_free (value, FALSE);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      const char *piece = attr->text + attr->substr_offsets[i];
      gsize size = attr->substr_offsets[i + 1] - attr->substr_offsets[i];

      switch (attr->substr_types[i])
        {
        case MD_TEXT_NULLCHAR:
          g_string_append (value, REPLACEMENT_CHAR);
          break;
        case MD_TEXT_ENTITY:
          _eg_markdown_append_entity (value, piece, size);
          break;
        case MD_TEXT_NORMAL:
        default:
          g_string_append_len (value, piece, size);
          break;
        }
    }

  return g_string_free (value, FALSE);
}

/* Only these keep a link: each starts with its scheme, so a browser cannot
 * read it as another one. */
static gboolean
is_external_url (const char *url)
{
  static const char * const prefixes[] = { "http://", "https://", "mailto:" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize length = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], length) == 0 && url[length] != '\0')
        return TRUE;
    }

  return FALSE;
}

/* Inline code is highlighted when it has an operator or other code
 * punctuation in it, or a keyword or predeclared name of @language as one of
 * its words: `x := 1`, `len` and `type ID int` are code, `GOGC` and `hchan`
 * are names. */
static gboolean
looks_like_code (const char *code,
                 gsize       size,
                 const char *language)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) words = NULL;

  for (gsize i = 0; i < size; i++)
    if (code[i] != '\0' && strchr (CODE_PUNCTUATION, code[i]) != NULL)
      return TRUE;

  copy = g_strndup (code, size);
  words = g_strsplit_set (copy, " \t\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (language_words); i++)
    {
      if (g_ascii_strcasecmp (language, language_words[i].language) != 0)
        continue;
      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0' && g_strv_contains (language_words[i].words, words[j]))
          return TRUE;
    }

  return FALSE;
}

static char *
highlight (HtmlState  *state,
           GString    *code,
           const char *language)
{
  if (state->options.highlight == NULL || language == NULL || language[0] == '\0' ||
      code->len == 0)
    return NULL;

  return state->options.highlight (code->str, code->len, language,
                                   state->options.highlight_data);
}

static void
start_line (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static void
end_raw_html (HtmlState *state)
{
  if (!state->in_raw_html)
    return;

  g_string_append (state->out, "</code>");
  state->in_raw_html = FALSE;
}

static void
put_space (HtmlState *state)
{
  if (!state->space)
    return;

  g_string_append_c (state->out, ' ');
  state->space = FALSE;
}

static void
start_code_block (HtmlState                  *state,
                  const MD_BLOCK_CODE_DETAIL *detail)
{
  g_autofree char *lang = decode_attribute (&detail->lang);

  start_line (state->out);
  g_string_append (state->out, "<pre class=\"code\"");
  if (lang[0] != '\0')
    {
      g_string_append (state->out, " data-lang=\"");
      escape_string (state->out, lang);
      g_string_append_c (state->out, '"');
    }
  g_string_append (state->out, "><code>");

  g_clear_pointer (&state->code_lang, g_free);
  if (lang[0] != '\0')
    state->code_lang = g_steal_pointer (&lang);
  if (state->code == NULL)
    state->code = g_string_new (NULL);
}

static void
finish_code_block (HtmlState *state)
{
  g_autoptr(GString) code = g_steal_pointer (&state->code);
  g_autofree char *lang = g_steal_pointer (&state->code_lang);
  g_autofree char *highlighted = NULL;

  if (code != NULL)
    {
      highlighted = highlight (state, code, lang);
      if (highlighted != NULL)
        g_string_append (state->out, highlighted);
      else
        escape_html (state->out, code->str, code->len);
    }

  g_string_append (state->out, "</code></pre>\n");
}

static void
finish_code_span (HtmlState *state)
{
  g_autoptr(GString) code = g_steal_pointer (&state->code);
  const char *language = state->options.default_language;
  g_autofree char *highlighted = NULL;

  if (code == NULL)
    return;

  if (language == NULL || language[0] == '\0' ||
      !looks_like_code (code->str, code->len, language))
    {
      g_string_append (state->out, "<code>");
      escape_html (state->out, code->str, code->len);
      g_string_append (state->out, "</code>");
      return;
    }

  highlighted = highlight (state, code, language);
  g_string_append (state->out, "<code class=\"code\" data-lang=\"");
  escape_string (state->out, language);
  g_string_append (state->out, "\">");
  if (highlighted != NULL)
    g_string_append (state->out, highlighted);
  else
    escape_html (state->out, code->str, code->len);
  g_string_append (state->out, "</code>");
}

static void
start_link (HtmlState               *state,
            const MD_SPAN_A_DETAIL *detail)
{
  g_autofree char *href = g_strstrip (decode_attribute (&detail->href));
  g_autofree char *title = decode_attribute (&detail->title);
  OpenSpan span = { MD_SPAN_A, is_external_url (href) };

  g_array_append_val (state->spans, span);

  if (!span.external)
    {
      g_string_append (state->out, "<span class=\"blocked-link\" title=\"");
      escape_string (state->out, href);
      g_string_append (state->out, "\">");
      return;
    }

  g_string_append (state->out, "<a href=\"");
  escape_string (state->out, href);
  g_string_append_c (state->out, '"');
  if (title[0] != '\0')
    {
      g_string_append (state->out, " title=\"");
      escape_string (state->out, title);
      g_string_append_c (state->out, '"');
    }
  g_string_append (state->out, " rel=\"noopener noreferrer\" class=\"external\">");
}

static void
start_image (HtmlState                 *state,
             const MD_SPAN_IMG_DETAIL *detail)
{
  g_autofree char *src = g_strstrip (decode_attribute (&detail->src));
  OpenSpan span = { MD_SPAN_IMG, FALSE };

  g_array_append_val (state->spans, span);
  g_string_append (state->out, "<span class=\"image\" title=\"");
  escape_string (state->out, src);
  g_string_append (state->out, "\">" IMAGE_MARK);
  state->image_depth = 1;
  /* before the alt text, if there is any */
  state->space = TRUE;
}

static void
close_span (HtmlState      *state,
            const OpenSpan *span)
{
  switch (span->type)
    {
    case MD_SPAN_EM:
      g_string_append (state->out, "</em>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (state->out, "</strong>");
      break;
    case MD_SPAN_DEL:
      g_string_append (state->out, "</del>");
      break;
    case MD_SPAN_A:
      g_string_append (state->out, span->external ? "</a>" : "</span>");
      break;
    case MD_SPAN_IMG:
      g_string_append (state->out, "</span>");
      state->image_depth = 0;
      state->space = FALSE;
      break;
    case MD_SPAN_CODE:
      finish_code_span (state);
      break;
    default:
      break;
    }
}

/* Closes the open inline elements until @depth are left. */
static void
close_spans (HtmlState *state,
             guint      depth)
{
  end_raw_html (state);

  while (state->spans->len > depth)
    {
      OpenSpan span = g_array_index (state->spans, OpenSpan, state->spans->len - 1);

      g_array_set_size (state->spans, state->spans->len - 1);
      close_span (state, &span);
    }
}

/* Closes the innermost open @type and what was opened inside it; a @type that
 * is not open is ignored. */
static void
close_span_type (HtmlState   *state,
                 MD_SPANTYPE  type)
{
  for (guint i = state->spans->len; i-- > 0;)
    {
      if (g_array_index (state->spans, OpenSpan, i).type == type)
        {
          close_spans (state, i);
          return;
        }
    }
}

static const char *
align_class (MD_ALIGN align)
{
  switch (align)
    {
    case MD_ALIGN_LEFT:
      return " class=\"align-left\"";
    case MD_ALIGN_CENTER:
      return " class=\"align-center\"";
    case MD_ALIGN_RIGHT:
      return " class=\"align-right\"";
    case MD_ALIGN_DEFAULT:
    default:
      return "";
    }
}

static int
html_enter_block_cb (MD_BLOCKTYPE  type,
                     void         *detail,
                     void         *user_data)
{
  HtmlState *state = user_data;
  GString *out = state->out;

  if (!_eg_markdown_spend (&state->budget, _eg_markdown_block_cost (type, detail)))
    return EG_MARKDOWN_STOP;

  close_spans (state, 0);
  state->space = FALSE;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      start_line (out);
      g_string_append (out, "<blockquote>\n");
      break;
    case MD_BLOCK_UL:
      start_line (out);
      g_string_append (out, "<ul>\n");
      break;
    case MD_BLOCK_OL:
      start_line (out);
      if (((MD_BLOCK_OL_DETAIL *) detail)->start != 1)
        g_string_append_printf (out, "<ol start=\"%u\">\n", ((MD_BLOCK_OL_DETAIL *) detail)->start);
      else
        g_string_append (out, "<ol>\n");
      break;
    case MD_BLOCK_LI:
      {
        const MD_BLOCK_LI_DETAIL *li = detail;

        start_line (out);
        if (li->is_task)
          {
            gboolean checked = li->task_mark == 'x' || li->task_mark == 'X';

            g_string_append (out, checked
                                  ? "<li class=\"task\"><input type=\"checkbox\" disabled checked>"
                                  : "<li class=\"task\"><input type=\"checkbox\" disabled>");
            state->space = TRUE;
          }
        else
          {
            g_string_append (out, "<li>");
          }
      }
      break;
    case MD_BLOCK_HR:
      start_line (out);
      g_string_append (out, "<hr>\n");
      break;
    case MD_BLOCK_H:
      start_line (out);
      g_string_append_printf (out, "<h%u>", CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6));
      break;
    case MD_BLOCK_CODE:
      start_code_block (state, detail);
      break;
    case MD_BLOCK_HTML:
      start_line (out);
      g_string_append (out, "<pre class=\"raw-html\">");
      state->in_html_block = TRUE;
      break;
    case MD_BLOCK_P:
      start_line (out);
      g_string_append (out, "<p>");
      break;
    case MD_BLOCK_TABLE:
      start_line (out);
      g_string_append (out, "<table>\n");
      break;
    case MD_BLOCK_THEAD:
      start_line (out);
      g_string_append (out, "<thead>\n");
      break;
    case MD_BLOCK_TBODY:
      start_line (out);
      g_string_append (out, "<tbody>\n");
      break;
    case MD_BLOCK_TR:
      start_line (out);
      g_string_append (out, "<tr>\n");
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      start_line (out);
      g_string_append_printf (out, "<%s%s>", type == MD_BLOCK_TH ? "th" : "td",
                              align_class (((MD_BLOCK_TD_DETAIL *) detail)->align));
      break;
    case MD_BLOCK_DOC:
    default:
      break;
    }

  return 0;
}

static int
html_leave_block_cb (MD_BLOCKTYPE  type,
                     void         *detail,
                     void         *user_data)
{
  HtmlState *state = user_data;
  GString *out = state->out;

  if (!_eg_markdown_spend (&state->budget, 1))
    return EG_MARKDOWN_STOP;

  close_spans (state, 0);
  state->space = FALSE;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      start_line (out);
      g_string_append (out, "</blockquote>\n");
      break;
    case MD_BLOCK_UL:
      start_line (out);
      g_string_append (out, "</ul>\n");
      break;
    case MD_BLOCK_OL:
      start_line (out);
      g_string_append (out, "</ol>\n");
      break;
    case MD_BLOCK_LI:
      g_string_append (out, "</li>\n");
      break;
    case MD_BLOCK_H:
      g_string_append_printf (out, "</h%u>\n", CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6));
      break;
    case MD_BLOCK_CODE:
      finish_code_block (state);
      break;
    case MD_BLOCK_HTML:
      g_string_append (out, "</pre>\n");
      state->in_html_block = FALSE;
      break;
    case MD_BLOCK_P:
      g_string_append (out, "</p>\n");
      break;
    case MD_BLOCK_TABLE:
      start_line (out);
      g_string_append (out, "</table>\n");
      break;
    case MD_BLOCK_THEAD:
      start_line (out);
      g_string_append (out, "</thead>\n");
      break;
    case MD_BLOCK_TBODY:
      start_line (out);
      g_string_append (out, "</tbody>\n");
      break;
    case MD_BLOCK_TR:
      start_line (out);
      g_string_append (out, "</tr>\n");
      break;
    case MD_BLOCK_TH:
      g_string_append (out, "</th>\n");
      break;
    case MD_BLOCK_TD:
      g_string_append (out, "</td>\n");
      break;
    case MD_BLOCK_HR:
    case MD_BLOCK_DOC:
    default:
      break;
    }

  return 0;
}

static int
html_enter_span_cb (MD_SPANTYPE  type,
                    void        *detail,
                    void        *user_data)
{
  HtmlState *state = user_data;

  if (!_eg_markdown_spend (&state->budget, _eg_markdown_span_cost (type, detail)))
    return EG_MARKDOWN_STOP;

  end_raw_html (state);

  /* alt text is text only */
  if (state->image_depth > 0)
    {
      if (type == MD_SPAN_IMG)
        state->image_depth++;
      return 0;
    }

  put_space (state);

  switch (type)
    {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
    case MD_SPAN_DEL:
      {
        OpenSpan span = { type, FALSE };

        g_array_append_val (state->spans, span);
        g_string_append (state->out, type == MD_SPAN_EM ? "<em>"
                                     : type == MD_SPAN_STRONG ? "<strong>" : "<del>");
      }
      break;
    case MD_SPAN_A:
      start_link (state, detail);
      break;
    case MD_SPAN_IMG:
      start_image (state, detail);
      break;
    case MD_SPAN_CODE:
      if (state->code == NULL)
        {
          OpenSpan span = { type, FALSE };

          g_array_append_val (state->spans, span);
          state->code = g_string_new (NULL);
        }
      break;
    default:
      break;
    }

  return 0;
}

static int
html_leave_span_cb (MD_SPANTYPE  type,
                    void        *detail,
                    void        *user_data)
{
  HtmlState *state = user_data;

  if (!_eg_markdown_spend (&state->budget, 1))
    return EG_MARKDOWN_STOP;

  end_raw_html (state);

  if (state->image_depth > 0)
    {
      if (type == MD_SPAN_IMG && --state->image_depth == 0)
        close_span_type (state, MD_SPAN_IMG);
      return 0;
    }

  close_span_type (state, type);
  return 0;
}

static int
html_text_cb (MD_TEXTTYPE    type,
              const MD_CHAR *text,
              MD_SIZE        size,
              void          *user_data)
{
  HtmlState *state = user_data;
  GString *out = state->out;

  if (!_eg_markdown_spend (&state->budget, 1))
    return EG_MARKDOWN_STOP;

  if (state->code != NULL)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (state->code, REPLACEMENT_CHAR);
      else
        g_string_append_len (state->code, text, size);
      return 0;
    }

  if (state->in_html_block)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (out, REPLACEMENT_CHAR);
      else
        escape_html (out, text, size);
      return 0;
    }

  put_space (state);

  if (type == MD_TEXT_HTML && state->image_depth == 0)
    {
      if (!state->in_raw_html)
        g_string_append (out, "<code class=\"raw-html\">");
      state->in_raw_html = TRUE;
      escape_html (out, text, size);
      return 0;
    }

  end_raw_html (state);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (out, REPLACEMENT_CHAR);
      break;
    case MD_TEXT_BR:
      g_string_append (out, state->image_depth > 0 ? "\n" : "<br>\n");
      break;
    case MD_TEXT_SOFTBR:
      g_string_append_c (out, '\n');
      break;
    case MD_TEXT_ENTITY:
      escape_entity (out, text, size);
      break;
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      escape_html (out, text, size);
      break;
    }

  return 0;
}

/* No line ends in white space, and the last one ends in a newline. */
static void
tidy_lines (GString *out)
{
  gsize length = 0;
  gsize line_end = 0;

  for (gsize i = 0; i < out->len; i++)
    {
      char c = out->str[i];

      if (c == '\n')
        length = line_end;
      out->str[length++] = c;
      if (c != ' ' && c != '\t')
        line_end = length;
    }

  g_string_truncate (out, line_end);
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/**
 * eg_markdown_to_html:
 * @options: (nullable): how to show code
 *
 * Renders @markdown (CommonMark with tables, strikethrough, task lists and
 * autolinks) as an HTML fragment, one line per block.  The card cannot add
 * markup of its own: raw HTML is shown as text, only http, https and mailto
 * links are links, and images are shown as their alt text.  The time it
 * takes is bounded by the size of @markdown: Markdown that md4c could not
 * parse in linear time is shown as text (see eg-markdown-limits.c).
 *
 * Returns: the HTML, "" for an empty document
 */
char *
eg_markdown_to_html (const char            *markdown,
                     const EgRenderOptions *options)
{
  g_autofree char *text = NULL;
  HtmlState state = { NULL, };
  MD_PARSER parser = {
    .abi_version = 0,
    .enter_block = html_enter_block_cb,
    .leave_block = html_leave_block_cb,
    .enter_span = html_enter_span_cb,
    .leave_span = html_leave_span_cb,
    .text = html_text_cb,
  };
  gboolean linear;
  gsize length;
  int status = 0;

  g_return_val_if_fail (markdown != NULL, NULL);

  text = g_utf8_make_valid (markdown, -1);
  length = strlen (text);
  state.out = g_string_new (NULL);
  state.spans = g_array_new (FALSE, FALSE, sizeof (OpenSpan));
  if (options != NULL)
    state.options = *options;

  linear = _eg_markdown_plan (text, length, &parser.flags, &state.budget);
  if (linear)
    status = md_parse (text, length, &parser, &state);
  close_spans (&state, 0);

  if (state.code != NULL)
    g_string_free (state.code, TRUE);
  g_free (state.code_lang);
  g_array_unref (state.spans);

  if (!linear || status != 0)
    {
      if (linear && !state.budget.exhausted)
        g_warning ("Cannot parse Markdown (%d), showing it as text", status);
      g_string_assign (state.out, "<p>");
      escape_string (state.out, text);
      g_string_append (state.out, "</p>\n");
    }

  tidy_lines (state.out);
  return g_string_free (state.out, FALSE);
}

/* eg-markdown.c - Markdown as the app shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-markdown"

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "eg-markdown.h"

#define EG_MD_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | \
                     MD_FLAG_PERMISSIVEAUTOLINKS)

typedef struct
{
  GString  *out;
  gboolean  space;   /* a separator is pending */
} PlainState;

static void
append_entity (GString    *out,
               const char *text,
               gsize       size)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
    { "&apos;", '\'' }, { "&nbsp;", 0xA0 }, { "&hellip;", 0x2026 },
    { "&mdash;", 0x2014 }, { "&ndash;", 0x2013 }, { "&rarr;", 0x2192 },
    { "&larr;", 0x2190 }, { "&copy;", 0xA9 },
  };
  g_autofree char *entity = g_strndup (text, size);
  gunichar c = 0;

  if (size > 3 && entity[1] == '#')
    {
      gboolean hex = entity[2] == 'x' || entity[2] == 'X';
      guint64 value = g_ascii_strtoull (entity + (hex ? 3 : 2), NULL, hex ? 16 : 10);

      if (value > 0 && value <= 0x10FFFF && g_unichar_validate ((gunichar) value))
        c = (gunichar) value;
      else
        c = 0xFFFD;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (named); i++)
        if (g_str_equal (entity, named[i].name))
          c = named[i].c;
    }

  if (c != 0)
    g_string_append_unichar (out, c);
  else
    g_string_append_len (out, text, size);
}

static int
plain_text_cb (MD_TEXTTYPE  type,
               const MD_CHAR *text,
               MD_SIZE       size,
               void         *user_data)
{
  PlainState *state = user_data;

  if (state->space && state->out->len > 0)
    g_string_append_c (state->out, ' ');
  state->space = FALSE;

  switch (type)
    {
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      state->space = TRUE;
      break;
    case MD_TEXT_ENTITY:
      append_entity (state->out, text, size);
      break;
    case MD_TEXT_NULLCHAR:
      g_string_append_unichar (state->out, 0xFFFD);
      break;
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      g_string_append_len (state->out, text, size);
      break;
    }

  return 0;
}

static int
plain_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  PlainState *state = user_data;

  if (type != MD_BLOCK_DOC)
    state->space = TRUE;
  return 0;
}

static int
plain_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  return 0;
}

/**
 * eg_markdown_to_plain:
 *
 * Returns: the text of @markdown without its markup, blocks separated by a
 *   space: "**Tricky Snippet**: `x`" gives "Tricky Snippet: x"
 */
char *
eg_markdown_to_plain (const char *markdown)
{
  PlainState state = { g_string_new (NULL), FALSE };
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = EG_MD_FLAGS,
    .enter_block = plain_block_cb,
    .leave_block = plain_block_cb,
    .enter_span = plain_span_cb,
    .leave_span = plain_span_cb,
    .text = plain_text_cb,
  };

  g_return_val_if_fail (markdown != NULL, NULL);

  if (md_parse (markdown, strlen (markdown), &parser, &state) != 0)
    {
      g_string_free (state.out, TRUE);
      return g_strdup (markdown);
    }

  return g_strstrip (g_string_free (state.out, FALSE));
}

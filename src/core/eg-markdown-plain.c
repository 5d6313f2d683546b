/* eg-markdown-plain.c - Markdown as plain text, for lists and headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-markdown"

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "eg-markdown.h"
#include "eg-markdown-private.h"

typedef struct
{
  GString          *out;
  gboolean          space;   /* a separator is pending */
  EgMarkdownBudget  budget;
} PlainState;

static int
plain_text_cb (MD_TEXTTYPE  type,
               const MD_CHAR *text,
               MD_SIZE       size,
               void         *user_data)
{
  PlainState *state = user_data;

  if (!_eg_markdown_spend (&state->budget, 1))
    return EG_MARKDOWN_STOP;

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
      _eg_markdown_append_entity (state->out, text, size);
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
plain_enter_block_cb (MD_BLOCKTYPE  type,
                      void         *detail,
                      void         *user_data)
{
  PlainState *state = user_data;

  if (!_eg_markdown_spend (&state->budget, _eg_markdown_block_cost (type, detail)))
    return EG_MARKDOWN_STOP;

  if (type != MD_BLOCK_DOC)
    state->space = TRUE;
  return 0;
}

static int
plain_leave_block_cb (MD_BLOCKTYPE  type,
                      void         *detail,
                      void         *user_data)
{
  PlainState *state = user_data;

  if (!_eg_markdown_spend (&state->budget, 1))
    return EG_MARKDOWN_STOP;

  if (type != MD_BLOCK_DOC)
    state->space = TRUE;
  return 0;
}

static int
plain_enter_span_cb (MD_SPANTYPE  type,
                     void        *detail,
                     void        *user_data)
{
  PlainState *state = user_data;

  return _eg_markdown_spend (&state->budget, _eg_markdown_span_cost (type, detail))
         ? 0 : EG_MARKDOWN_STOP;
}

static int
plain_leave_span_cb (MD_SPANTYPE  type,
                     void        *detail,
                     void        *user_data)
{
  PlainState *state = user_data;

  return _eg_markdown_spend (&state->budget, 1) ? 0 : EG_MARKDOWN_STOP;
}

/**
 * eg_markdown_to_plain:
 *
 * Returns: the text of @markdown without its markup, blocks separated by a
 *   space: "**Tricky Snippet**: `x`" gives "Tricky Snippet: x".  Markdown
 *   md4c cannot parse in linear time is returned as it is.
 */
char *
eg_markdown_to_plain (const char *markdown)
{
  PlainState state = { g_string_new (NULL), FALSE, { 0 } };
  MD_PARSER parser = {
    .abi_version = 0,
    .enter_block = plain_enter_block_cb,
    .leave_block = plain_leave_block_cb,
    .enter_span = plain_enter_span_cb,
    .leave_span = plain_leave_span_cb,
    .text = plain_text_cb,
  };
  gsize length;

  g_return_val_if_fail (markdown != NULL, NULL);

  length = strlen (markdown);
  if (!_eg_markdown_plan (markdown, length, &parser.flags, &state.budget) ||
      md_parse (markdown, length, &parser, &state) != 0)
    {
      g_string_free (state.out, TRUE);
      return g_strdup (markdown);
    }

  return g_strstrip (g_string_free (state.out, FALSE));
}

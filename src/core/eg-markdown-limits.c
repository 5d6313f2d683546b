/* eg-markdown-limits.c - keeping md4c 0.4.8 linear on hostile cards
 *
 * md4c 0.4.8 has three ways to spend more than linear time on a card; a card
 * is any text an imported deck holds, so each is bounded here:
 *
 * - A bare link (www.… or http://…) is ended by walking every later mark
 *   of its paragraph: a paragraph of n bare links takes n² steps
 *   (100,000 "www.a.b " took 3 to 6 s).  Bare links are left as text when
 *   a card would make the walks too long (md4c 0.5 reworked them).
 * - Each ']' finds its line by walking the paragraph's lines from the first
 *   (md4c #236): a paragraph of n lines with a ']' on each takes n² steps.
 *   Such a card is shown as its text.
 * - A table is padded to the width of its delimiter row and a reference
 *   link copies its target each time it is used, so a few kilobytes can
 *   ask for gigabytes (md4c 0.5.1 caps tables at 128 columns, #238).  Each
 *   parse has a budget of work proportional to the card's size; a card that
 *   runs out is shown as its text.
 *
 * A paragraph never spans a blank line, so the text between blank lines
 * bounds what one paragraph can make md4c walk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-markdown"

#include "config.h"

#include <string.h>

#include "eg-markdown-private.h"

#define EG_MD_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | \
                     MD_FLAG_PERMISSIVEAUTOLINKS)

/* Steps of either walk a card may take: a few milliseconds.  A card of
 * ordinary paragraphs stays far below it whatever its size (a paragraph of
 * 4 KB with 100 bare links walks at most 400,000). */
#define WALK_LIMIT (G_GUINT64_CONSTANT (1) << 24)

/* The budget of a parse: so many units per byte of the card, and so many
 * for free (a small card may have a large table). */
#define WORK_PER_BYTE 8
#define WORK_FREE     65536

/* Text between blank lines: one paragraph or more */
typedef struct
{
  guint64 bytes;
  guint64 lines;
  guint64 bare_links;   /* "www." and "://", more than md4c looks at */
  guint64 closers;      /* ']' */
} Stretch;

typedef struct
{
  guint64 bare_link_steps;
  guint64 line_steps;
} Walks;

static void
end_stretch (Walks   *walks,
             Stretch *stretch)
{
  walks->bare_link_steps += stretch->bare_links * stretch->bytes;
  walks->line_steps += stretch->closers * stretch->lines;
  memset (stretch, 0, sizeof *stretch);
}

/* Bounds what md4c's walks would take on @text.  A line ends as md4c
 * ends it ("\n", "\r\n" or "\r"); a line of spaces and tabs is blank. */
static void
measure_walks (const char *text,
               gsize       length,
               Walks      *walks)
{
  Stretch stretch = { 0, };
  gsize i = 0;

  while (i < length)
    {
      gsize start = i;
      gboolean blank = TRUE;

      for (; i < length && text[i] != '\n' && text[i] != '\r'; i++)
        {
          char c = text[i];

          if (c != ' ' && c != '\t')
            blank = FALSE;
          if (c == ']')
            stretch.closers++;
          else if (c == '.' && i >= 3 && memcmp (text + i - 3, "www", 3) == 0)
            stretch.bare_links++;
          else if (c == ':' && length - i > 2 && text[i + 1] == '/' && text[i + 2] == '/')
            stretch.bare_links++;
        }

      if (i < length && text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
        i += 2;
      else if (i < length)
        i++;

      if (blank)
        {
          end_stretch (walks, &stretch);
          continue;
        }
      stretch.bytes += i - start;
      stretch.lines++;
    }

  end_stretch (walks, &stretch);
}

/**
 * _eg_markdown_plan:
 * @flags: (out): the md4c flags to parse @text with
 * @budget: (out): the work the parse may do
 *
 * Returns: %FALSE when md4c would take more than linear time on @text
 *   whatever the flags: show it as text
 */
gboolean
_eg_markdown_plan (const char       *text,
                   gsize             length,
                   unsigned         *flags,
                   EgMarkdownBudget *budget)
{
  Walks walks = { 0, };

  measure_walks (text, length, &walks);

  *flags = EG_MD_FLAGS;
  if (walks.bare_link_steps > WALK_LIMIT)
    *flags &= ~(MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS);
  budget->left = WORK_PER_BYTE * (guint64) length + WORK_FREE;
  budget->exhausted = FALSE;

  return walks.line_steps <= WALK_LIMIT;
}

/* Returns: %FALSE, and marks @budget exhausted, when it has less than
 *   @units left: stop the parse */
gboolean
_eg_markdown_spend (EgMarkdownBudget *budget,
                    guint64           units)
{
  if (units > budget->left)
    {
      budget->left = 0;
      budget->exhausted = TRUE;
      return FALSE;
    }

  budget->left -= units;
  return TRUE;
}

/* Returns: what entering a block of @type costs: a table pays for all its
 *   cells (each entered and left) before md4c reports the first */
guint64
_eg_markdown_block_cost (MD_BLOCKTYPE  type,
                         const void   *detail)
{
  const MD_BLOCK_TABLE_DETAIL *table = detail;

  if (type != MD_BLOCK_TABLE || table == NULL)
    return 1;

  return 1 + 2 * ((guint64) table->col_count + 1) *
             ((guint64) table->head_row_count + table->body_row_count);
}

/* Returns: what entering a span of @type costs: a link or image pays for
 *   the target and title md4c has built for it */
guint64
_eg_markdown_span_cost (MD_SPANTYPE  type,
                        const void  *detail)
{
  if (type == MD_SPAN_A && detail != NULL)
    {
      const MD_SPAN_A_DETAIL *a = detail;

      return 1 + (guint64) a->href.size + a->title.size;
    }
  if (type == MD_SPAN_IMG && detail != NULL)
    {
      const MD_SPAN_IMG_DETAIL *img = detail;

      return 1 + (guint64) img->src.size + img->title.size;
    }

  return 1;
}

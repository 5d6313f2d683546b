/* eg-deck.c - parse a Markdown Q&A deck
 *
 * The format, as in the deck we ship:
 *
 *   # Deck title
 *
 *   ## From 16 Go Internals            (optional: the section's source)
 *
 *   # 🟢 **301–320: Go Internals**      (a section)
 *
 *   ### 301. Question?                 (a card)
 *   Answer, any Markdown.
 *
 *   #### Indepth                       (a named part of the card)
 *   More Markdown.
 *
 *   ---                                (between cards)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-deck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-deck.h"
#include "eg-input.h"

G_DEFINE_QUARK (eg-deck-error-quark, eg_deck_error)

typedef struct
{
  const char *text;
  gsize       len;
} Line;

typedef struct
{
  EgDeck        *deck;
  Line          *lines;
  guint          n_lines;
  EgDeckSection *section;
  EgDeckCard    *card;
  EgCardPart    *part;
  GString       *body;        /* text of the card's answer or of the current part */
  guint          part_line;   /* the "#### " line of the current part */
  GHashTable    *section_keys;
  GHashTable    *card_keys;   /* of the current section */
  char          *pending_source;
  guint          pending_source_line;
  const char    *name;        /* the file name */
  gboolean       title_seen;
  gboolean       in_fence;    /* inside a fenced code block */
  char           fence_char;
  gsize          fence_len;
  guint          stray_line;  /* the last line of text outside any card */
} Parser;

void
eg_deck_card_free (EgDeckCard *card)
{
  if (card == NULL)
    return;
  g_free (card->key);
  g_free (card->question);
  g_free (card->answer);
  g_clear_pointer (&card->parts, g_ptr_array_unref);
  g_free (card->content_hash);
  g_free (card);
}

static void
section_free (EgDeckSection *section)
{
  g_free (section->key);
  g_free (section->heading);
  g_free (section->source);
  g_clear_pointer (&section->cards, g_ptr_array_unref);
  g_free (section);
}

void
eg_deck_free (EgDeck *deck)
{
  if (deck == NULL)
    return;
  g_free (deck->name);
  g_free (deck->key);
  g_free (deck->title);
  g_free (deck->default_language);
  g_clear_pointer (&deck->sections, g_ptr_array_unref);
  g_clear_pointer (&deck->warnings, g_ptr_array_unref);
  g_free (deck);
}

static void
add_warning (Parser        *parser,
             EgWarningKind  kind,
             guint          line,
             const char    *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_warning (Parser        *parser,
             EgWarningKind  kind,
             guint          line,
             const char    *format,
             ...)
{
  EgRepairWarning *warning = g_new0 (EgRepairWarning, 1);
  va_list args;

  va_start (args, format);
  warning->line = line;
  warning->kind = kind;
  warning->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (parser->deck->warnings, warning);
}

/**
 * eg_slugify:
 *
 * Lower-case letters and digits of @text joined by single dashes; Markdown
 * markup, emoji and punctuation are dropped.  "🟢 **301–320: Go Runtime**"
 * becomes "301-320-go-runtime".
 */
char *
eg_slugify (const char *text)
{
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_unichar (slug, g_unichar_tolower (c));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  return g_string_free (slug, FALSE);
}

/* Kept for the callers of the old name: see eg_card_hash(). */
char *
eg_deck_card_hash (const char *question,
                   const char *answer,
                   GPtrArray  *parts)
{
  return eg_card_hash (question, answer, parts);
}

static gboolean
line_has_prefix (const Line *line,
                 const char *prefix)
{
  gsize n = strlen (prefix);

  return line->len >= n && memcmp (line->text, prefix, n) == 0;
}

static gboolean
line_is_blank (const Line *line)
{
  for (gsize i = 0; i < line->len; i++)
    if (!g_ascii_isspace (line->text[i]))
      return FALSE;
  return TRUE;
}

static char *
line_dup_after (const Line *line,
                gsize       offset)
{
  char *s = g_strndup (line->text + offset, line->len - offset);

  return g_strstrip (s);
}

/* "### 301. Question" */
static gboolean
parse_card_heading (const Line  *line,
                    int         *number,
                    char       **question)
{
  gsize i = 4;
  gint64 n = 0;

  if (!line_has_prefix (line, "### "))
    return FALSE;
  while (i < line->len && line->text[i] == ' ')
    i++;
  if (i >= line->len || !g_ascii_isdigit (line->text[i]))
    return FALSE;
  while (i < line->len && g_ascii_isdigit (line->text[i]))
    {
      n = n * 10 + (line->text[i] - '0');
      if (n > G_MAXINT)
        return FALSE;
      i++;
    }
  if (i >= line->len || line->text[i] != '.')
    return FALSE;
  i++;
  if (i < line->len && line->text[i] != ' ' && line->text[i] != '\t')
    return FALSE;

  *number = (int) n;
  *question = line_dup_after (line, i);
  return TRUE;
}

/* "<!-- engram default-language: go -->" before the first card names the
 * language of the deck's inline code.
 */
static char *
parse_language_directive (const Line *line)
{
  g_autofree char *text = g_strstrip (g_strndup (line->text, line->len));
  const char *prefix = "<!-- engram default-language:";
  char *value;

  if (!g_str_has_prefix (text, prefix) || !g_str_has_suffix (text, "-->"))
    return NULL;
  value = g_strstrip (g_strndup (text + strlen (prefix),
                                 strlen (text) - strlen (prefix) - strlen ("-->")));
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '#' && *p != '-' && *p != '_')
      {
        g_free (value);
        return NULL;
      }
  if (value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
is_section_heading (const Line *line)
{
  return line_has_prefix (line, "# ");
}

/* "## From 16 Go Internals" directly followed (blank lines aside) by a
 * section heading names the section's source.
 */
static gboolean
is_source_line (Parser *parser,
                guint   index)
{
  const Line *line = &parser->lines[index];
  gsize i = 8;

  if (!line_has_prefix (line, "## From "))
    return FALSE;
  if (i >= line->len || !g_ascii_isdigit (line->text[i]))
    return FALSE;

  for (guint j = index + 1; j < parser->n_lines; j++)
    if (!line_is_blank (&parser->lines[j]))
      return is_section_heading (&parser->lines[j]);
  return FALSE;
}

static gboolean
is_separator (const Line *line)
{
  gsize n = line->len;

  while (n > 0 && g_ascii_isspace (line->text[n - 1]))
    n--;
  return n == 3 && memcmp (line->text, "---", 3) == 0;
}

/* A "---" ends a card only where the next thing is a card, a section or the
 * end of the file; anywhere else it is a thematic break inside the answer.
 */
static gboolean
is_card_end (Parser *parser,
             guint   index)
{
  int number;

  if (!is_separator (&parser->lines[index]))
    return FALSE;

  for (guint j = index + 1; j < parser->n_lines; j++)
    {
      const Line *next = &parser->lines[j];
      g_autofree char *question = NULL;

      if (line_is_blank (next) || is_separator (next))
        continue;
      return is_section_heading (next) ||
             is_source_line (parser, j) ||
             parse_card_heading (next, &number, &question);
    }
  return TRUE;
}

/* Opening or closing a fenced code block: up to 3 spaces, then 3 or more
 * backticks or tildes.  Headings inside code are code.
 */
static gboolean
fence_marker (const Line *line,
              char       *fence_char,
              gsize      *fence_len)
{
  gsize i = 0, n = 0;
  char c;

  while (i < line->len && i < 3 && line->text[i] == ' ')
    i++;
  if (i >= line->len || (line->text[i] != '`' && line->text[i] != '~'))
    return FALSE;
  c = line->text[i];
  while (i + n < line->len && line->text[i + n] == c)
    n++;
  if (n < 3)
    return FALSE;
  *fence_char = c;
  *fence_len = n;
  return TRUE;
}

/**
 * _eg_deck_open_fence:
 * @text: a field of a card: its answer or a part's text
 *
 * Returns: (transfer full) (nullable): the line that closes the fenced code
 *   block @text leaves open as eg_deck_parse() reads it (e.g. "```"), or
 *   %NULL when it leaves none open.  In a deck file, what follows such a
 *   field is code: the next part, the "---" and the next cards.
 */
char *
_eg_deck_open_fence (const char *text)
{
  gboolean in_fence = FALSE;
  char fence_char = 0;
  gsize fence_len = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      Line line = { p, eol != NULL ? (gsize) (eol - p) : strlen (p) };
      char marker_char;
      gsize marker_len;

      if (line.len > 0 && line.text[line.len - 1] == '\r')
        line.len--;
      if (in_fence)
        {
          if (fence_marker (&line, &marker_char, &marker_len) &&
              marker_char == fence_char && marker_len >= fence_len)
            in_fence = FALSE;
        }
      else if (fence_marker (&line, &fence_char, &fence_len))
        in_fence = TRUE;
      if (eol == NULL)
        break;
      p = eol + 1;
    }

  if (!in_fence)
    return NULL;
  {
    char *closing = g_malloc (fence_len + 1);

    memset (closing, fence_char, fence_len);
    closing[fence_len] = '\0';
    return closing;
  }
}

/* Leading blank lines and trailing white space go; indentation of the first
 * line stays, it may be Markdown.
 */
static char *
trim_body (GString *body)
{
  const char *start = body->str;
  const char *p = body->str;
  gsize end = body->len;

  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      gboolean blank = TRUE;

      for (const char *q = p; q < (eol ? eol : p + strlen (p)); q++)
        if (!g_ascii_isspace (*q))
          blank = FALSE;
      if (!blank || eol == NULL)
        break;
      p = eol + 1;
      start = p;
    }

  while (end > (gsize) (start - body->str) && g_ascii_isspace (body->str[end - 1]))
    end--;

  return g_strndup (start, end - (start - body->str));
}

static void
finish_body (Parser *parser)
{
  if (parser->card == NULL)
    return;

  if (parser->part != NULL)
    {
      EgCardPart *part = g_steal_pointer (&parser->part);
      gboolean duplicate = FALSE;

      part->text = trim_body (parser->body);
      for (guint i = 0; i < parser->card->parts->len; i++)
        {
          EgCardPart *other = g_ptr_array_index (parser->card->parts, i);

          if (g_str_equal (other->name, part->name) && g_str_equal (other->text, part->text))
            duplicate = TRUE;
        }

      if (duplicate)
        {
          add_warning (parser, EG_WARNING_REPEATED_PART, parser->part_line,
                       _("card %d repeats its “%s” part word for word; kept one"),
                       parser->card->number, part->name);
          eg_card_part_free (part);
        }
      else
        g_ptr_array_add (parser->card->parts, part);
    }
  else if (parser->card->answer == NULL)
    parser->card->answer = trim_body (parser->body);

  g_string_truncate (parser->body, 0);
}

static void
finish_card (Parser *parser)
{
  EgDeckCard *card;

  finish_body (parser);
  card = g_steal_pointer (&parser->card);
  if (card == NULL)
    return;

  if (card->answer == NULL)
    card->answer = g_strdup ("");
  card->content_hash = eg_card_hash (card->question, card->answer, card->parts);
  g_ptr_array_add (parser->section->cards, card);
  parser->deck->n_cards++;
}

/**
 * _eg_deck_section_key_base:
 * @heading: a section's heading (Markdown, without "# ")
 * @source: (nullable): its "From NN Name" line, without "## "
 *
 * Returns: (transfer full): the key the section has unless another took it:
 *   "From 16 Go Internals" gives "16", else the heading's slug
 */
char *
_eg_deck_section_key_base (const char *heading,
                           const char *source)
{
  char *base;

  if (source != NULL)
    {
      const char *p = source + strlen ("From ");
      gsize n = 0;

      while (g_ascii_isdigit (p[n]))
        n++;
      base = g_strndup (p, n);
    }
  else
    base = eg_slugify (heading);
  if (base[0] == '\0')
    {
      g_free (base);
      base = g_strdup ("section");
    }
  return base;
}

/**
 * _eg_deck_section_key:
 * @taken: the keys of the sections before it (char *)
 *
 * Returns: (transfer full): the key of a section with key @base after the
 *   sections with the keys @taken: @base, else "@base-2", "@base-3", …
 */
char *
_eg_deck_section_key (const char *base,
                      GHashTable *taken)
{
  char *key = g_strdup (base);

  for (guint i = 2; g_hash_table_contains (taken, key); i++)
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", base, i);
    }
  return key;
}

static void
start_section (Parser     *parser,
               guint       line,
               const char *heading,
               const char *source)
{
  EgDeckSection *section = g_new0 (EgDeckSection, 1);
  g_autofree char *base = NULL;
  char *key;

  finish_card (parser);

  base = _eg_deck_section_key_base (heading, source);
  key = _eg_deck_section_key (base, parser->section_keys);
  if (!g_str_equal (key, base))
    add_warning (parser, EG_WARNING_REPEATED_SECTION, line,
                 _("section key “%s” is used twice; this section is “%s”"), base, key);
  g_hash_table_add (parser->section_keys, key);

  section->line = line;
  section->key = g_strdup (key);
  section->heading = g_strdup (heading);
  section->source = g_strdup (source);
  section->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_deck_card_free);
  g_ptr_array_add (parser->deck->sections, section);
  parser->section = section;
  g_hash_table_remove_all (parser->card_keys);
}

static char *
title_from_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static void
start_card (Parser *parser,
            guint   line,
            int     number,
            char   *question)
{
  EgDeckCard *card = g_new0 (EgDeckCard, 1);
  g_autofree char *base = NULL;
  char *key;

  finish_card (parser);
  if (parser->deck->title == NULL)
    parser->deck->title = title_from_name (parser->deck->name);
  if (parser->section == NULL)
    start_section (parser, line, parser->deck->title, NULL);

  base = g_strdup_printf ("%s/%d", parser->section->key, number);
  key = g_strdup (base);
  for (guint i = 2; g_hash_table_contains (parser->card_keys, key); i++)
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", base, i);
    }
  if (!g_str_equal (key, base))
    add_warning (parser, EG_WARNING_REPEATED_NUMBER, line,
                 _("card number %d appears twice in section “%s”; this one is card “%s”"),
                 number, parser->section->key, key);
  g_hash_table_add (parser->card_keys, key);

  card->line = line;
  card->number = number;
  card->key = g_strdup (key);
  card->question = question;
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  parser->card = card;
}

static void
start_part (Parser     *parser,
            guint       line,
            const Line *heading)
{
  finish_body (parser);
  parser->part = g_new0 (EgCardPart, 1);
  parser->part->name = line_dup_after (heading, 5);
  parser->part_line = line;
}

static void
append_body (Parser     *parser,
             const Line *line)
{
  g_string_append_len (parser->body, line->text, line->len);
  g_string_append_c (parser->body, '\n');
}

static void
split_lines (Parser     *parser,
             const char *text,
             gsize       length)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      Line line = { p, (eol ? eol : end) - p };

      if (line.len > 0 && line.text[line.len - 1] == '\r')
        line.len--;
      g_array_append_val (lines, line);
      p = eol ? eol + 1 : end;
    }

  parser->n_lines = lines->len;
  parser->lines = (Line *) (void *) g_array_free (lines, FALSE);
}

/* A "# " line: the deck's title when it comes first, else a section */
static void
parse_heading (Parser     *parser,
               const Line *line,
               guint       lineno)
{
  EgDeck *deck = parser->deck;
  g_autofree char *heading = line_dup_after (line, 2);

  if (!parser->title_seen && parser->pending_source == NULL && parser->card == NULL &&
      deck->sections->len == 0)
    {
      parser->title_seen = TRUE;
      /* text before it may have named the deck after its file */
      g_free (deck->title);
      deck->title = g_steal_pointer (&heading);
    }
  else
    {
      if (deck->title == NULL)
        deck->title = title_from_name (parser->name);
      start_section (parser, lineno, heading, parser->pending_source);
      g_clear_pointer (&parser->pending_source, g_free);
    }
}

/* Reads line @i of the file into the deck */
static void
parse_line (Parser *parser,
            guint   i)
{
  EgDeck *deck = parser->deck;
  const Line *line = &parser->lines[i];
  guint lineno = i + 1;
  char marker_char;
  gsize marker_len;
  int number;
  char *question;

  if (parser->in_fence)
    {
      if (fence_marker (line, &marker_char, &marker_len) &&
          marker_char == parser->fence_char && marker_len >= parser->fence_len)
        parser->in_fence = FALSE;
      if (parser->card != NULL)
        append_body (parser, line);
      return;
    }

  if (fence_marker (line, &parser->fence_char, &parser->fence_len))
    parser->in_fence = TRUE;
  else if (parse_card_heading (line, &number, &question))
    {
      start_card (parser, lineno, number, question);
      return;
    }
  else if (is_source_line (parser, i))
    {
      finish_card (parser);
      g_free (parser->pending_source);
      parser->pending_source = line_dup_after (line, 3);
      parser->pending_source_line = lineno;
      return;
    }
  else if (is_section_heading (line))
    {
      parse_heading (parser, line, lineno);
      return;
    }
  else if (parser->card != NULL && line_has_prefix (line, "#### "))
    {
      start_part (parser, lineno, line);
      return;
    }
  else if (parser->card != NULL && is_card_end (parser, i))
    {
      finish_card (parser);
      return;
    }

  if (parser->card == NULL && deck->n_cards == 0 && deck->default_language == NULL &&
      (deck->default_language = parse_language_directive (line)) != NULL)
    return;

  if (deck->title == NULL && !line_is_blank (line))
    deck->title = title_from_name (parser->name);

  if (parser->card != NULL)
    append_body (parser, line);
  else if (!line_is_blank (line) && !is_separator (line))
    {
      if (parser->stray_line == 0)
        add_warning (parser, EG_WARNING_OUTSIDE_CARD, lineno,
                     _("text outside any card is ignored"));
      parser->stray_line = lineno;
    }
}

/* After the last line: the deck's key; sections without cards (a heading
 * nobody filled) are left out */
static gboolean
finish_deck (Parser  *parser,
             GError **error)
{
  EgDeck *deck = parser->deck;

  if (deck->n_cards == 0)
    {
      g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                   _("%s: no cards found (a card starts with a line like “### 1. Question”)"),
                   parser->name);
      return FALSE;
    }

  for (guint i = deck->sections->len; i > 0; i--)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i - 1);

      if (section->cards->len == 0)
        {
          add_warning (parser, EG_WARNING_EMPTY_SECTION, section->line,
                       _("section “%s” has no cards"), section->heading);
          g_ptr_array_remove_index (deck->sections, i - 1);
        }
    }

  deck->key = eg_slugify (deck->title);
  if (deck->key[0] == '\0')
    {
      g_free (deck->key);
      deck->key = g_strdup ("deck");
    }
  return TRUE;
}

/**
 * eg_deck_parse:
 * @text: the deck, valid UTF-8 (already repaired)
 * @name: the file name, used in messages and as title when there is none
 *
 * Returns: (transfer full): the deck, or %NULL with %EG_DECK_ERROR_NO_CARDS
 */
EgDeck *
eg_deck_parse (const char  *text,
               gsize        length,
               const char  *name,
               GError     **error)
{
  g_autoptr(EgDeck) deck = g_new0 (EgDeck, 1);
  Parser parser = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  deck->name = g_strdup (name);
  deck->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  deck->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_repair_warning_free);

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  parser.deck = deck;
  parser.name = name;
  parser.body = g_string_new (NULL);
  parser.section_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser.card_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  split_lines (&parser, text, length);

  for (guint i = 0; i < parser.n_lines; i++)
    parse_line (&parser, i);

  if (parser.in_fence && parser.card != NULL)
    add_warning (&parser, EG_WARNING_OPEN_CODE_BLOCK, parser.card->line,
                 _("card %d: a code block is never closed"), parser.card->number);
  if (deck->title == NULL)
    deck->title = title_from_name (name);
  finish_card (&parser);
  ok = finish_deck (&parser, error);

  g_free (parser.lines);
  g_string_free (parser.body, TRUE);
  g_hash_table_unref (parser.section_keys);
  g_hash_table_unref (parser.card_keys);
  g_free (parser.pending_source);

  return ok ? g_steal_pointer (&deck) : NULL;
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const EgRepairWarning *wa = *(const EgRepairWarning * const *) a;
  const EgRepairWarning *wb = *(const EgRepairWarning * const *) b;

  return (wa->line > wb->line) - (wa->line < wb->line);
}

static gboolean
check_encoding (const char  *name,
                const char  *data,
                gsize        length,
                GError     **error)
{
  const char *end = NULL;
  guint line = 1;
  const char *line_start = data;

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_BINARY,
                   _("%s: this is a binary file, not a Markdown deck"), name);
      return FALSE;
    }

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }

  g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_ENCODING,
               _("%s: line %u, column %u: not UTF-8 text (byte 0x%02X); "
                 "save the deck as UTF-8 and import it again"),
               name, line, (guint) (end - line_start) + 1, (guint) (guchar) *end);
  return FALSE;
}

/* Cancellation stays what it is; a file too large stays that; the rest is
 * an I/O error.  The messages already name the file.
 */
static EgDeck *
propagate_input_error (GError **error,
                       GError  *input_error)
{
  if (input_error->domain == EG_INPUT_ERROR)
    {
      input_error->domain = EG_DECK_ERROR;
      input_error->code = input_error->code == EG_INPUT_ERROR_TOO_LARGE
                          ? EG_DECK_ERROR_TOO_LARGE : EG_DECK_ERROR_IO;
    }
  g_propagate_error (error, input_error);
  return NULL;
}

/**
 * eg_deck_load:
 *
 * Reads, checks, repairs and parses a deck file: a regular file (or a
 * symlink to one) of at most %EG_DECK_MAX_SIZE bytes.  Every refusal names
 * the file (and the line where there is one).
 */
EgDeck *
eg_deck_load (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) repair_warnings = NULL;
  g_autoptr(EgDeck) deck = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *repaired = NULL;
  gsize length = 0;
  guint n_repaired = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* a regular file only (not /dev/zero, not a FIFO), at most 50 MB */
  /* Translators: the kind of file, in "is a folder, not a deck file" */
  data = eg_input_read (file, _("deck"), EG_DECK_MAX_SIZE, &length, cancellable, &local_error);
  if (data == NULL)
    return propagate_input_error (error, g_steal_pointer (&local_error));

  {
    gboolean blank = TRUE;

    for (gsize i = 0; i < length && blank; i++)
      blank = g_ascii_isspace (data[i]);
    if (blank)
      {
        g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_EMPTY, _("%s: the file is empty"), name);
        return NULL;
      }
  }

  if (!check_encoding (name, data, length, error))
    return NULL;

  repair_warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_repair_warning_free);
  repaired = eg_repair_mojibake (data, length, repair_warnings, &n_repaired);

  deck = eg_deck_parse (repaired, strlen (repaired), name, error);
  if (deck == NULL)
    return NULL;

  deck->n_repaired = n_repaired;
  g_ptr_array_extend_and_steal (deck->warnings, g_steal_pointer (&repair_warnings));
  g_ptr_array_sort (deck->warnings, compare_warnings);

  return g_steal_pointer (&deck);
}

/**
 * eg_deck_parse_card:
 * @text: one card in the deck format, starting with "### N. Question"
 *
 * Parses a card as the editor shows it.
 *
 * Returns: (transfer full): the card, or %NULL when @text is not exactly one
 *   card
 */
EgDeckCard *
eg_deck_parse_card (const char  *text,
                    GError     **error)
{
  g_autofree char *deck_text = NULL;
  g_autoptr(EgDeck) deck = NULL;
  EgDeckSection *section;

  g_return_val_if_fail (text != NULL, NULL);

  deck_text = g_strconcat ("# Card\n\n", text, NULL);
  deck = eg_deck_parse (deck_text, strlen (deck_text), "card", NULL);
  if (deck == NULL || deck->n_cards != 1)
    {
      g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                   deck == NULL ? _("The card must start with a line like “### 12. Question”")
                                : _("This is more than one card: only one “### N.” line please"));
      return NULL;
    }

  section = g_ptr_array_index (deck->sections, 0);
  return g_ptr_array_steal_index (section->cards, 0);
}

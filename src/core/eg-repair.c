/* eg-repair.c - repair of UTF-8 text that was mis-decoded as Windows-1252
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the damage happens: the UTF-8 bytes of a character such as ’
 * (E2 80 99) were read as Windows-1252 and written back as UTF-8, so the
 * text shows one character per byte ("â€™").  Windows-1252 leaves 0x81,
 * 0x8D, 0x8F, 0x90 and 0x9D undefined; those bytes were either dropped or
 * kept as the C1 controls U+0081, U+008D, U+008F, U+0090 and U+009D.
 *
 * The repair maps every character back to the byte it stood for and, at
 * each character that stands for a UTF-8 lead byte (Â … ô, i.e. U+00C2 …
 * U+00F4), tries to read a UTF-8 sequence from the continuation bytes that
 * follow it:
 *
 *  - A complete sequence that decodes to a valid scalar value is replaced by
 *    that character.  Two-byte sequences whose second character is typical
 *    trailing typography (… ’ ” – — ™ or a no-break space, as in “CAFÉ”) can
 *    be genuine text, so they are only repaired when the text also holds an
 *    unambiguous ("strong") piece of mojibake.
 *
 *  - An incomplete sequence with at least one continuation byte present is
 *    completed by inserting lost bytes at every possible position, but only
 *    when the text holds strong mojibake.  Candidates must be assigned,
 *    non-control, non-private-use, non-noncharacter scalars, and their
 *    script must be Common or Inherited (punctuation, symbols, emoji,
 *    variation selectors…) or one that complete repairs in the same text
 *    decoded to; this keeps genuine "café—" away from CJK ideographs.  When
 *    several candidates remain, a context score picks one and a warning is
 *    recorded.
 *
 * Lead characters are all encoded as C3 82 … C3 B4, so scanning only looks
 * at 0xC3 bytes and stays linear (and memchr-fast) on any input.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-repair.h"

#define MAX_CANDIDATES 80
#define MAX_LISTED_CANDIDATES 12
#define CACHE_SIZE 256

typedef struct
{
  const char *start;     /* the lead character */
  const char *end;       /* just past the last character read */
  guint8      bytes[4];  /* the lead byte and the continuation bytes present */
  guint       n_bytes;   /* bytes present, lead included */
  guint       width;     /* bytes the lead byte announces */
  gboolean    strong;    /* cannot be genuine text when complete */
} Run;

typedef struct
{
  gboolean any;          /* some lead is followed by a continuation byte */
  gboolean strong;       /* the text holds unambiguous, complete mojibake */
  guint32  scripts[8];   /* GUnicodeScript values decoded by complete runs */
} Survey;

typedef struct
{
  gunichar prev;         /* character before the run in the output, or 0 */
  gunichar next;         /* character after the run (repaired if possible), or 0 */
  gboolean open_quote;   /* an unmatched “ precedes on the same line */
} Context;

typedef struct
{
  gsize scanned;         /* bytes of the output already looked at */
  guint depth;           /* unmatched “ on the current output line */
} QuoteState;

/* Candidates depend only on the bytes present (the survey is fixed for a
 * text), so they are remembered in a small direct-mapped cache. */
typedef struct
{
  guint32  key;          /* the bytes present and their count; 0 when empty */
  guint    n_candidates;
  gunichar candidates[MAX_CANDIDATES];
} CacheEntry;

static const guint8 lost_bytes[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D };

void
eg_repair_warning_free (EgRepairWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->message);
  g_free (warning);
}

/* Decodes the character at @p without reading past @end.  Returns its length;
 * malformed input yields (gunichar) -1 and a length of 1. */
static gsize
decode_char (const char *p,
             const char *end,
             gunichar   *out)
{
  const guchar *s = (const guchar *) p;
  gsize len;
  gunichar c;

  if (s[0] < 0x80)
    {
      *out = s[0];
      return 1;
    }

  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    {
      len = 2;
      c = s[0] & 0x1F;
    }
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    {
      len = 3;
      c = s[0] & 0x0F;
    }
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    {
      len = 4;
      c = s[0] & 0x07;
    }
  else
    {
      *out = (gunichar) -1;
      return 1;
    }

  if ((gsize) (end - p) < len)
    {
      *out = (gunichar) -1;
      return 1;
    }

  for (gsize i = 1; i < len; i++)
    {
      if ((s[i] & 0xC0) != 0x80)
        {
          *out = (gunichar) -1;
          return 1;
        }
      c = (c << 6) | (s[i] & 0x3F);
    }

  *out = c;
  return len;
}

/* The byte @c stood for when text was mis-read as Windows-1252, or -1. */
static int
map_to_byte (gunichar c)
{
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
    return (int) c;

  switch (c)
    {
    case 0x81: case 0x8D: case 0x8F: case 0x90: case 0x9D:
      return (int) c;
    case 0x20AC: return 0x80;
    case 0x201A: return 0x82;
    case 0x0192: return 0x83;
    case 0x201E: return 0x84;
    case 0x2026: return 0x85;
    case 0x2020: return 0x86;
    case 0x2021: return 0x87;
    case 0x02C6: return 0x88;
    case 0x2030: return 0x89;
    case 0x0160: return 0x8A;
    case 0x2039: return 0x8B;
    case 0x0152: return 0x8C;
    case 0x017D: return 0x8E;
    case 0x2018: return 0x91;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    case 0x2022: return 0x95;
    case 0x2013: return 0x96;
    case 0x2014: return 0x97;
    case 0x02DC: return 0x98;
    case 0x2122: return 0x99;
    case 0x0161: return 0x9A;
    case 0x203A: return 0x9B;
    case 0x0153: return 0x9C;
    case 0x017E: return 0x9E;
    case 0x0178: return 0x9F;
    default:     return -1;
    }
}

static guint
get_sequence_width (guint8 lead)
{
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

/* Characters that often follow a word in genuine text ("CAFÉ”", "ÉTÉ—"). */
static gboolean
is_trailing_typography (gunichar c)
{
  switch (c)
    {
    case 0x00A0: case 0x2013: case 0x2014: case 0x2019:
    case 0x201D: case 0x2026: case 0x2122:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reads the run of mojibake starting at @p.  Returns FALSE when @p does not
 * stand for a lead byte. */
static gboolean
read_run (const char *p,
          const char *end,
          Run        *run)
{
  gunichar c;
  gunichar last = 0;
  const char *q;
  int byte;

  q = p + decode_char (p, end, &c);
  byte = map_to_byte (c);
  if (byte < 0xC2 || byte > 0xF4)
    return FALSE;

  run->start = p;
  run->bytes[0] = (guint8) byte;
  run->n_bytes = 1;
  run->width = get_sequence_width ((guint8) byte);
  run->strong = FALSE;

  while (run->n_bytes < run->width && q < end)
    {
      gsize len = decode_char (q, end, &c);

      byte = map_to_byte (c);
      if (byte < 0x80 || byte > 0xBF)
        break;

      run->bytes[run->n_bytes++] = (guint8) byte;
      /* A C1 control in text is never genuine */
      if (c < 0xA0)
        run->strong = TRUE;
      last = c;
      q += len;
    }

  run->end = q;

  if (run->n_bytes == run->width && (run->width > 2 || !is_trailing_typography (last)))
    run->strong = TRUE;

  return TRUE;
}

/* Decodes a full UTF-8 sequence; rejects overlong forms, surrogates and
 * values above U+10FFFF. */
static gboolean
decode_bytes (const guint8 *bytes,
              guint         n_bytes,
              gunichar     *out)
{
  gunichar c;
  gunichar min;

  if (n_bytes == 0 || get_sequence_width (bytes[0]) != n_bytes)
    return FALSE;

  switch (n_bytes)
    {
    case 2:  c = bytes[0] & 0x1F; min = 0x80;    break;
    case 3:  c = bytes[0] & 0x0F; min = 0x800;   break;
    default: c = bytes[0] & 0x07; min = 0x10000; break;
    }

  for (guint i = 1; i < n_bytes; i++)
    {
      if ((bytes[i] & 0xC0) != 0x80)
        return FALSE;
      c = (c << 6) | (bytes[i] & 0x3F);
    }

  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return FALSE;

  *out = c;
  return TRUE;
}

static void
add_script (Survey   *survey,
            gunichar  c)
{
  guint script = (guint) g_unichar_get_script (c);

  if (script < 256)
    survey->scripts[script / 32] |= 1u << (script % 32);
}

static gboolean
has_script (const Survey *survey,
            gunichar      c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED)
    return TRUE;
  if ((guint) script >= 256)
    return FALSE;

  return (survey->scripts[script / 32] & (1u << (script % 32))) != 0;
}

/* A character a lost byte may plausibly have belonged to. */
static gboolean
is_plausible (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_CONTROL:
    case G_UNICODE_SURROGATE:
      return FALSE;
    default:
      break;
    }

  /* Noncharacters */
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return FALSE;

  return TRUE;
}

/* Looks at the whole text once: is there complete mojibake that cannot be
 * genuine text, and which scripts do complete runs decode to? */
static void
survey_text (const char *text,
             const char *end,
             Survey     *survey)
{
  const char *p = text;

  memset (survey, 0, sizeof *survey);

  while (p < end && (p = memchr (p, 0xC3, (gsize) (end - p))) != NULL)
    {
      Run run;
      gunichar c;

      if (!read_run (p, end, &run) || run.n_bytes < 2)
        {
          p++;
          continue;
        }

      survey->any = TRUE;

      if (run.n_bytes != run.width || !decode_bytes (run.bytes, run.n_bytes, &c))
        {
          p++;
          continue;
        }

      if (run.strong)
        survey->strong = TRUE;
      add_script (survey, c);
      p = run.end;
    }
}

static guint
count_bits (guint mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;

  return n;
}

/* Completes @run by inserting lost bytes at every position; stores the
 * distinct acceptable characters in @candidates, ordered by code point. */
static guint
collect_candidates (const Run    *run,
                    const Survey *survey,
                    gunichar     *candidates)
{
  guint slots = run->width - 1;
  guint n_lost = run->width - run->n_bytes;
  guint n_candidates = 0;

  for (guint mask = 0; mask < (1u << slots); mask++)
    {
      guint n_combinations = 1;

      if (count_bits (mask) != n_lost)
        continue;

      for (guint i = 0; i < n_lost; i++)
        n_combinations *= G_N_ELEMENTS (lost_bytes);

      for (guint combination = 0; combination < n_combinations; combination++)
        {
          guint8 bytes[4];
          guint present = 1;
          guint pick = combination;
          gunichar c;
          gboolean seen = FALSE;

          bytes[0] = run->bytes[0];
          for (guint slot = 0; slot < slots; slot++)
            {
              if (mask & (1u << slot))
                {
                  bytes[slot + 1] = lost_bytes[pick % G_N_ELEMENTS (lost_bytes)];
                  pick /= G_N_ELEMENTS (lost_bytes);
                }
              else
                {
                  bytes[slot + 1] = run->bytes[present++];
                }
            }

          if (!decode_bytes (bytes, run->width, &c) || !is_plausible (c) ||
              !has_script (survey, c))
            continue;

          for (guint i = 0; i < n_candidates && !seen; i++)
            seen = candidates[i] == c;
          if (seen || n_candidates == MAX_CANDIDATES)
            continue;

          /* Insertion sort keeps the list ordered by code point */
          {
            guint i = n_candidates++;

            while (i > 0 && candidates[i - 1] > c)
              {
                candidates[i] = candidates[i - 1];
                i--;
              }
            candidates[i] = c;
          }
        }
    }

  return n_candidates;
}

/* collect_candidates() through the cache, which is created on first use. */
static guint
lookup_candidates (CacheEntry     **cache,
                   const Run       *run,
                   const Survey    *survey,
                   const gunichar **candidates)
{
  guint32 key = run->n_bytes;
  CacheEntry *entry;

  /* Incomplete runs hold at most three bytes */
  for (guint i = 0; i < run->n_bytes; i++)
    key = (key << 8) | run->bytes[i];

  if (*cache == NULL)
    *cache = g_new0 (CacheEntry, CACHE_SIZE);

  entry = &(*cache)[(key * 2654435761u) >> 24];
  if (entry->key != key)
    {
      entry->key = key;
      entry->n_candidates = collect_candidates (run, survey, entry->candidates);
    }

  *candidates = entry->candidates;
  return entry->n_candidates;
}

static gboolean
is_emoji_like (gunichar c)
{
  if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2190 && c <= 0x2BFF))
    return TRUE;

  switch (c)
    {
    case 0x00A9: case 0x00AE: case 0x203C: case 0x2049: case 0x2122:
    case 0x2139: case 0x3030: case 0x303D: case 0x3297: case 0x3299:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The character after a run, repaired when it is mojibake itself.  An
 * incomplete run is reduced to what its first bytes make likely. */
static gunichar
peek_next (const char *p,
           const char *end)
{
  Run run;
  gunichar c;

  if (p >= end)
    return 0;

  if (!read_run (p, end, &run))
    {
      decode_char (p, end, &c);
      return c == (gunichar) -1 ? 0 : c;
    }

  if (run.n_bytes == run.width && decode_bytes (run.bytes, run.n_bytes, &c))
    return c;

  if (run.n_bytes >= 2 && run.bytes[0] == 0xEF && run.bytes[1] == 0xB8)
    return 0xFE0F;
  if (run.n_bytes >= 2 && run.bytes[0] == 0xF0 && run.bytes[1] == 0x9F)
    return 0x1F300;

  decode_char (p, end, &c);
  return c;
}

static int
score_candidate (gunichar       c,
                 const Context *context)
{
  int value;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
      value = 40;
      break;
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      value = 30;
      break;
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      value = 20;
      break;
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      value = 5;
      break;
    default:
      value = 0;
      break;
    }

  /* Emoji blocks beat the other astral symbol blocks */
  if (c >= 0x1F300 && c <= 0x1FAFF)
    value += 30;

  if (context->next == 0xFE0F)
    {
      if ((c >= 0x2600 && c <= 0x27BF) || (c >= 0x1F000 && c <= 0x1FAFF))
        value += 40;
      else if (is_emoji_like (c))
        value += 20;
    }

  switch (c)
    {
    case 0x201D:  /* ” lost its 0x9D: by far the most common loss */
      value += 20;
      if (context->open_quote)
        value += 40;
      break;

    case 0xFE0F:  /* VARIATION SELECTOR-16 lost its 0x8F */
      value += 25;
      if (is_emoji_like (context->prev) ||
          g_unichar_type (context->prev) == G_UNICODE_OTHER_SYMBOL)
        value += 100;
      else if (context->next == 0x20E3 &&
               (g_ascii_isdigit (context->prev) || context->prev == '#' ||
                context->prev == '*'))
        value += 100;
      break;

    case 0x200D:  /* ZERO WIDTH JOINER inside an emoji sequence */
      if (is_emoji_like (context->prev) && is_emoji_like (context->next))
        value += 100;
      break;

    default:
      break;
    }

  return value;
}

/* Brings the quote depth up to date with everything appended to @out. */
static void
update_quotes (QuoteState    *state,
               const GString *out)
{
  const guchar *s = (const guchar *) out->str;

  for (gsize i = state->scanned; i < out->len; i++)
    {
      if (s[i] == '\n')
        state->depth = 0;
      else if (s[i] == 0xE2 && i + 2 < out->len && s[i + 1] == 0x80)
        {
          if (s[i + 2] == 0x9C)
            state->depth++;
          else if (s[i + 2] == 0x9D && state->depth > 0)
            state->depth--;
        }
    }

  state->scanned = out->len;
}

static gunichar
get_last_char (const GString *out)
{
  const char *prev;

  if (out->len == 0)
    return 0;

  prev = g_utf8_find_prev_char (out->str, out->str + out->len);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

static guint
pick_candidate (const gunichar *candidates,
                guint           n_candidates,
                const Context  *context)
{
  guint best = 0;
  int best_score = G_MININT;

  /* Candidates are sorted, so ties go to the lowest code point */
  for (guint i = 0; i < n_candidates; i++)
    {
      int value = score_candidate (candidates[i], context);

      if (value > best_score)
        {
          best = i;
          best_score = value;
        }
    }

  return best;
}

static void
append_run_text (GString    *message,
                 const Run  *run)
{
  const char *p = run->start;

  while (p < run->end)
    {
      gunichar c;
      gsize len = decode_char (p, run->end, &c);

      if (c >= 0x80 && c < 0xA0)
        g_string_append_printf (message, "<U+%04X>", c);
      else
        g_string_append_len (message, p, (gssize) len);
      p += len;
    }
}

static EgRepairWarning *
create_warning (guint           line,
                const Run      *run,
                const gunichar *candidates,
                guint           n_candidates,
                guint           chosen)
{
  g_autoptr(GString) run_text = g_string_new (NULL);
  g_autoptr(GString) others = g_string_new (NULL);
  char chosen_text[8] = { 0 };
  EgRepairWarning *warning;
  char *message;
  guint n_listed = 0;
  guint n_lost = run->width - run->n_bytes;

  append_run_text (run_text, run);
  g_unichar_to_utf8 (candidates[chosen], chosen_text);
  for (guint i = 0; i < n_candidates; i++)
    {
      guint rest = n_candidates - 1 - n_listed;

      if (i == chosen)
        continue;

      if (n_listed == MAX_LISTED_CANDIDATES)
        {
          /* Translators: after a list of characters: "U+2001, U+200D and 3 more" */
          g_string_append_printf (others, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                                       " and %u more", rest), rest);
          break;
        }

      g_string_append_printf (others, "%sU+%04X", n_listed > 0 ? ", " : "", candidates[i]);
      n_listed++;
    }

  /* Translators: the mis-decoded text, the character it was repaired as, its
   * code point, then the list of the other characters it could have been */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "lost byte in “%s” repaired as “%s” (U+%04X); "
                                          "other candidates: %s",
                                          "lost bytes in “%s” repaired as “%s” (U+%04X); "
                                          "other candidates: %s", n_lost),
                             run_text->str, chosen_text, candidates[chosen], others->str);

  warning = g_new0 (EgRepairWarning, 1);
  warning->line = line;
  warning->message = message;
  warning->kind = EG_WARNING_REPAIR_GUESS;

  return warning;
}

/**
 * eg_repair_mojibake:
 * @text: valid UTF-8 text
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 * @warnings: (nullable) (element-type EgRepairWarning): array that receives
 *   one #EgRepairWarning for every repair that had to choose between several
 *   characters; create it with eg_repair_warning_free() as free function
 * @n_repaired: (out) (optional): number of characters repaired
 *
 * Repairs UTF-8 text that was mis-read as Windows-1252 and saved again as
 * UTF-8, including sequences whose bytes 0x81, 0x8D, 0x8F, 0x90 or 0x9D were
 * lost.  Text that is not mojibake is returned unchanged.
 *
 * Returns: (transfer full): the repaired text, free with g_free()
 */
char *
eg_repair_mojibake (const char *text,
                    gssize      length,
                    GPtrArray  *warnings,
                    guint      *n_repaired)
{
  g_autoptr(GString) out = NULL;
  g_autofree CacheEntry *cache = NULL;
  const char *end;
  const char *copied;
  const char *p;
  const char *line_start;
  guint line = 1;
  guint repaired = 0;
  QuoteState quotes = { 0, 0 };
  Survey survey;

  if (n_repaired != NULL)
    *n_repaired = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    return g_strdup ("");

  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;

  survey_text (text, end, &survey);

  /* Fast path: nothing looks like a UTF-8 sequence */
  if (!survey.any)
    {
      char *copy = g_malloc ((gsize) length + 1);

      memcpy (copy, text, (gsize) length);
      copy[length] = '\0';
      return copy;
    }

  out = g_string_sized_new ((gsize) length + 1);
  copied = p = line_start = text;

  while (p < end && (p = memchr (p, 0xC3, (gsize) (end - p))) != NULL)
    {
      Run run;
      const gunichar *candidates;
      guint n_candidates;
      guint chosen = 0;
      gunichar c;

      if (!read_run (p, end, &run) || run.n_bytes < 2)
        {
          p++;
          continue;
        }

      if (run.n_bytes == run.width)
        {
          if (!decode_bytes (run.bytes, run.n_bytes, &c) || (!run.strong && !survey.strong))
            {
              p++;
              continue;
            }

          g_string_append_len (out, copied, p - copied);
          g_string_append_unichar (out, c);
          copied = p = run.end;
          repaired++;
          continue;
        }

      /* Some bytes were lost: only guess when the text is known to be damaged */
      if (!survey.strong)
        {
          p++;
          continue;
        }

      n_candidates = lookup_candidates (&cache, &run, &survey, &candidates);
      if (n_candidates == 0)
        {
          p++;
          continue;
        }

      g_string_append_len (out, copied, p - copied);

      if (n_candidates > 1)
        {
          Context context;

          update_quotes (&quotes, out);
          context.prev = get_last_char (out);
          context.next = peek_next (run.end, end);
          context.open_quote = quotes.depth > 0;
          chosen = pick_candidate (candidates, n_candidates, &context);

          for (const char *nl = line_start;
               (nl = memchr (nl, '\n', (gsize) (p - nl))) != NULL;
               nl++)
            line++;
          line_start = p;

          if (warnings != NULL)
            g_ptr_array_add (warnings,
                             create_warning (line, &run, candidates, n_candidates, chosen));
        }

      g_string_append_unichar (out, candidates[chosen]);
      copied = p = run.end;
      repaired++;
    }

  g_string_append_len (out, copied, end - copied);

  if (n_repaired != NULL)
    *n_repaired = repaired;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

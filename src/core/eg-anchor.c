/* eg-anchor.c - where a highlight sits in a field's text, and placing it again
 *
 * Everything works on arrays of code points (gunichar), so that offsets are
 * code points as eg-anchor.h promises.  The approximate search is Myers'
 * bit-parallel algorithm for k differences ("A fast bit-vector algorithm for
 * approximate string matching based on dynamic programming", 1999) in the
 * blocked form of Hyyrö (2003), 64 pattern code points per machine word: it
 * finds where in the text a match of the quote with at most k edits ends; a
 * small dynamic programme on the quote reversed then finds where it starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-anchor.h"

/* The weights of a place's score, as in Hypothesis' anchoring */
#define WEIGHT_QUOTE    50.0
#define WEIGHT_PREFIX   20.0
#define WEIGHT_SUFFIX   20.0
#define WEIGHT_POSITION  2.0
#define WEIGHT_TOTAL    (WEIGHT_QUOTE + WEIGHT_PREFIX + WEIGHT_SUFFIX + WEIGHT_POSITION)

/* An approximate place needs this score, and at most a quarter of the quote's
 * code points changed; a rival place scoring within AMBIGUITY makes it unsure. */
#define FUZZY_THRESHOLD 0.70
#define AMBIGUITY       0.02
#define MAX_CANDIDATES  64
/* An exact quote shorter than this is taken away from its context only when
 * the context agrees. */
#define SHORT_QUOTE     8

typedef struct
{
  gunichar *chars;
  gsize     len;
} Ucs4;

typedef struct
{
  gsize end;
  guint errors;
} Hit;

static gboolean
ucs4_from_utf8 (const char *utf8,
                Ucs4       *out)
{
  glong len = 0;

  out->chars = NULL;
  out->len = 0;
  if (utf8 == NULL)
    utf8 = "";
  if (!g_utf8_validate (utf8, -1, NULL))
    return FALSE;
  out->chars = g_utf8_to_ucs4_fast (utf8, -1, &len);
  out->len = (gsize) len;
  return TRUE;
}

static char *
utf8_from_ucs4 (const gunichar *chars,
                gsize           len)
{
  char *utf8 = g_ucs4_to_utf8 (chars, (glong) len, NULL, NULL, NULL);

  return utf8 != NULL ? utf8 : g_strdup ("");
}

EgAnchor *
eg_anchor_new (const char *exact,
               const char *prefix,
               const char *suffix,
               guint       start,
               guint       end)
{
  EgAnchor *anchor = g_new0 (EgAnchor, 1);

  anchor->exact = g_strdup (exact != NULL ? exact : "");
  anchor->prefix = g_strdup (prefix != NULL ? prefix : "");
  anchor->suffix = g_strdup (suffix != NULL ? suffix : "");
  anchor->start = start;
  anchor->end = end;
  return anchor;
}

EgAnchor *
eg_anchor_copy (const EgAnchor *anchor)
{
  g_return_val_if_fail (anchor != NULL, NULL);

  return eg_anchor_new (anchor->exact, anchor->prefix, anchor->suffix,
                        anchor->start, anchor->end);
}

void
eg_anchor_free (EgAnchor *anchor)
{
  if (anchor == NULL)
    return;
  g_free (anchor->exact);
  g_free (anchor->prefix);
  g_free (anchor->suffix);
  g_free (anchor);
}

EgAnchor *
eg_anchor_describe (const char *text,
                    guint       start,
                    guint       end)
{
  Ucs4 t;
  EgAnchor *anchor;
  gsize before;
  gsize after;

  if (text == NULL || !ucs4_from_utf8 (text, &t))
    return NULL;
  if (start >= end || end > t.len)
    {
      g_free (t.chars);
      return NULL;
    }

  before = MIN (start, EG_ANCHOR_CONTEXT);
  after = MIN (t.len - end, EG_ANCHOR_CONTEXT);
  anchor = g_new0 (EgAnchor, 1);
  anchor->exact = utf8_from_ucs4 (t.chars + start, end - start);
  anchor->prefix = utf8_from_ucs4 (t.chars + start - before, before);
  anchor->suffix = utf8_from_ucs4 (t.chars + end, after);
  anchor->start = start;
  anchor->end = end;
  g_free (t.chars);
  return anchor;
}

/* The Levenshtein distance of a and b (short strings: the context) */
static guint
levenshtein (const gunichar *a,
             gsize           na,
             const gunichar *b,
             gsize           nb)
{
  g_autofree guint *row = g_new (guint, nb + 1);

  for (gsize j = 0; j <= nb; j++)
    row[j] = j;
  for (gsize i = 1; i <= na; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint best = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);

          best = MIN (best, above + 1);
          best = MIN (best, row[j - 1] + 1);
          row[j] = best;
          diagonal = above;
        }
    }
  return row[nb];
}

static double
similarity (const gunichar *a,
            gsize           na,
            const gunichar *b,
            gsize           nb)
{
  gsize longest = MAX (na, nb);

  if (longest == 0)
    return 1.0;
  return 1.0 - (double) levenshtein (a, na, b, nb) / (double) longest;
}

/* How well the old prefix and suffix agree with the text around [start, end) */
static void
context_similarity (const Ucs4 *text,
                    gsize       start,
                    gsize       end,
                    const Ucs4 *prefix,
                    const Ucs4 *suffix,
                    double     *prefix_sim,
                    double     *suffix_sim)
{
  gsize before = MIN (start, prefix->len);
  gsize after = MIN (text->len - end, suffix->len);

  /* an empty prefix means the passage began the text */
  if (prefix->len == 0)
    *prefix_sim = start == 0 ? 1.0 : 0.5;
  else
    *prefix_sim = similarity (prefix->chars, prefix->len,
                              text->chars + start - before, before);
  if (suffix->len == 0)
    *suffix_sim = end == text->len ? 1.0 : 0.5;
  else
    *suffix_sim = similarity (suffix->chars, suffix->len,
                              text->chars + end, after);
}

static double
place_score (const Ucs4 *text,
             gsize       start,
             gsize       end,
             double      quote_sim,
             const Ucs4 *prefix,
             const Ucs4 *suffix,
             guint       old_start,
             double     *context)
{
  double prefix_sim;
  double suffix_sim;
  double distance = ABS ((double) start - (double) old_start);
  double position_sim = 1.0 - distance / (double) MAX (text->len, 1);

  context_similarity (text, start, end, prefix, suffix, &prefix_sim, &suffix_sim);
  if (context != NULL)
    *context = (prefix_sim + suffix_sim) / 2.0;
  return (WEIGHT_QUOTE * quote_sim
          + WEIGHT_PREFIX * prefix_sim
          + WEIGHT_SUFFIX * suffix_sim
          + WEIGHT_POSITION * MAX (position_sim, 0.0)) / WEIGHT_TOTAL;
}

static gboolean
quote_at (const Ucs4 *text,
          gsize       start,
          const Ucs4 *quote)
{
  return start + quote->len <= text->len
         && memcmp (text->chars + start, quote->chars, quote->len * sizeof (gunichar)) == 0;
}

/* Step 2: the best exact occurrence of the quote, or FALSE */
static gboolean
place_exact (const Ucs4 *text,
             const Ucs4 *quote,
             const Ucs4 *prefix,
             const Ucs4 *suffix,
             guint       old_start,
             gsize      *start,
             double     *score)
{
  gboolean found = FALSE;
  double best = -1.0;
  double best_context = 0.0;
  gsize best_distance = G_MAXSIZE;

  for (gsize i = 0; i + quote->len <= text->len; i++)
    {
      double context;
      double s;
      gsize distance;

      if (text->chars[i] != quote->chars[0] || !quote_at (text, i, quote))
        continue;
      s = place_score (text, i, i + quote->len, 1.0, prefix, suffix, old_start, &context);
      distance = i > old_start ? i - old_start : old_start - i;
      if (s > best + 1e-9 || (s > best - 1e-9 && distance < best_distance))
        {
          best = s;
          best_context = context;
          best_distance = distance;
          *start = i;
          found = TRUE;
        }
    }
  if (!found)
    return FALSE;
  if (quote->len < SHORT_QUOTE && best_context < 0.5)
    return FALSE;
  *score = best;
  return TRUE;
}

/* One column of one 64-row block of Myers' algorithm; returns the horizontal
 * delta at the block's last row, given the one at the row above (hin). */
static inline int
advance_block (guint64 *pv_io,
               guint64 *mv_io,
               guint64  eq,
               guint64  last_bit,
               int      hin)
{
  guint64 pv = *pv_io;
  guint64 mv = *mv_io;
  guint64 hin_neg = hin < 0 ? 1 : 0;
  guint64 hin_pos = hin > 0 ? 1 : 0;
  guint64 xv;
  guint64 xh;
  guint64 ph;
  guint64 mh;
  int hout = 0;

  eq |= hin_neg;
  xv = eq | mv;
  xh = (((eq & pv) + pv) ^ pv) | eq;
  ph = mv | ~(xh | pv);
  mh = pv & xh;
  if (ph & last_bit)
    hout = 1;
  else if (mh & last_bit)
    hout = -1;
  ph = (ph << 1) | hin_pos;
  mh = (mh << 1) | hin_neg;
  *pv_io = mh | ~(xv | ph);
  *mv_io = ph & xv;
  return hout;
}

/* Every end offset in @text of a match of @quote with at most @k edits,
 * reduced to the best end of each run of consecutive ends. */
static GArray *
myers_search (const Ucs4 *text,
              const Ucs4 *quote,
              guint       k)
{
  gsize blocks = (quote->len + 63) / 64;
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autofree guint64 *peq = NULL;
  g_autofree guint64 *pv = g_new (guint64, blocks);
  g_autofree guint64 *mv = g_new0 (guint64, blocks);
  g_autofree guint64 *last = g_new (guint64, blocks);
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  guint n_symbols = 1;
  gsize score = quote->len;
  gboolean in_run = FALSE;

  for (gsize i = 0; i < quote->len; i++)
    if (!g_hash_table_contains (index, GUINT_TO_POINTER (quote->chars[i])))
      g_hash_table_insert (index, GUINT_TO_POINTER (quote->chars[i]),
                           GUINT_TO_POINTER (n_symbols++));
  peq = g_new0 (guint64, n_symbols * blocks);
  for (gsize i = 0; i < quote->len; i++)
    {
      guint symbol = GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                                            GUINT_TO_POINTER (quote->chars[i])));

      peq[symbol * blocks + i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
  for (gsize b = 0; b < blocks; b++)
    {
      pv[b] = ~G_GUINT64_CONSTANT (0);
      last[b] = G_GUINT64_CONSTANT (1) << 63;
    }
  last[blocks - 1] = G_GUINT64_CONSTANT (1) << ((quote->len - 1) % 64);

  for (gsize j = 0; j < text->len; j++)
    {
      guint symbol = GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                                            GUINT_TO_POINTER (text->chars[j])));
      const guint64 *eq = peq + symbol * blocks;
      int carry = 0;

      for (gsize b = 0; b < blocks; b++)
        carry = advance_block (&pv[b], &mv[b], eq[b], last[b], carry);
      score += carry;
      if (score <= k)
        {
          Hit hit = { j + 1, (guint) score };

          if (!in_run)
            g_array_append_val (hits, hit);
          else if (hit.errors < g_array_index (hits, Hit, hits->len - 1).errors)
            g_array_index (hits, Hit, hits->len - 1) = hit;
          in_run = TRUE;
        }
      else
        in_run = FALSE;
    }
  return hits;
}

/* Where the match of @quote ending at @end starts: the shortest span with
 * the fewest edits, found on the quote and the text read backwards. */
static gsize
match_start (const Ucs4 *text,
             gsize       end,
             const Ucs4 *quote,
             guint       k,
             guint      *errors)
{
  gsize span = MIN (end, quote->len + k);
  g_autofree guint *row = g_new (guint, span + 1);
  gsize best_j = 0;
  guint best = G_MAXUINT;

  for (gsize j = 0; j <= span; j++)
    row[j] = j;
  for (gsize i = 1; i <= quote->len; i++)
    {
      gunichar q = quote->chars[quote->len - i];
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= span; j++)
        {
          guint above = row[j];
          guint cost = diagonal + (text->chars[end - j] == q ? 0 : 1);

          cost = MIN (cost, above + 1);
          cost = MIN (cost, row[j - 1] + 1);
          row[j] = cost;
          diagonal = above;
        }
    }
  for (gsize j = 1; j <= span; j++)
    if (row[j] < best)
      {
        best = row[j];
        best_j = j;
      }
  *errors = best;
  return end - best_j;
}

static int
hit_by_errors (gconstpointer a,
               gconstpointer b)
{
  const Hit *ha = a;
  const Hit *hb = b;

  if (ha->errors != hb->errors)
    return ha->errors < hb->errors ? -1 : 1;
  return ha->end < hb->end ? -1 : (ha->end > hb->end ? 1 : 0);
}

/* Step 3: the best approximate match, if it is good and not ambiguous */
static gboolean
place_fuzzy (const Ucs4 *text,
             const Ucs4 *quote,
             const Ucs4 *prefix,
             const Ucs4 *suffix,
             guint       old_start,
             gsize      *start,
             gsize      *end,
             double     *score)
{
  guint k = quote->len / 4;
  g_autoptr(GArray) hits = NULL;
  double best = -1.0;
  double rival = -1.0;
  gsize best_start = 0;
  gsize best_end = 0;
  gsize trimmed_start;
  gsize trimmed_end;

  if (k == 0 || text->len == 0)
    return FALSE;
  hits = myers_search (text, quote, k);
  g_array_sort (hits, hit_by_errors);

  for (guint h = 0; h < MIN (hits->len, MAX_CANDIDATES); h++)
    {
      const Hit *hit = &g_array_index (hits, Hit, h);
      guint errors;
      gsize s = match_start (text, hit->end, quote, k, &errors);
      double quote_sim = 1.0 - (double) errors / (double) quote->len;
      double sc;

      if (errors > k || s == hit->end)
        continue;
      sc = place_score (text, s, hit->end, quote_sim, prefix, suffix, old_start, NULL);
      if (sc > best)
        {
          /* the previous best is a rival only if it is somewhere else */
          if (best_end <= s || hit->end <= best_start)
            rival = MAX (rival, best);
          best = sc;
          best_start = s;
          best_end = hit->end;
        }
      else if (best_end <= s || hit->end <= best_start)
        rival = MAX (rival, sc);
    }

  if (best < FUZZY_THRESHOLD || rival > best - AMBIGUITY)
    return FALSE;
  /* the fewest edits can take a space the quote does not have for a word
   * it has ("sends POSIX signals" for "sends signals" is " signals"); but
   * only while what is left is still a close match: a quote "he" and ten
   * line breaks, found as ten line breaks, is not one line break */
  trimmed_start = best_start;
  trimmed_end = best_end;
  while (trimmed_end - trimmed_start > 1 && g_unichar_isspace (text->chars[trimmed_start]) &&
         !g_unichar_isspace (quote->chars[0]))
    trimmed_start++;
  while (trimmed_end - trimmed_start > 1 && g_unichar_isspace (text->chars[trimmed_end - 1]) &&
         !g_unichar_isspace (quote->chars[quote->len - 1]))
    trimmed_end--;
  if ((trimmed_start != best_start || trimmed_end != best_end) &&
      levenshtein (text->chars + trimmed_start, trimmed_end - trimmed_start,
                   quote->chars, quote->len) <= k)
    {
      best_start = trimmed_start;
      best_end = trimmed_end;
    }
  *start = best_start;
  *end = best_end;
  *score = best;
  return TRUE;
}

EgAnchorMatch
eg_anchor_place (const EgAnchor *anchor,
                 const char     *text,
                 guint          *start,
                 guint          *end,
                 double         *score)
{
  Ucs4 t = { NULL, 0 };
  Ucs4 quote = { NULL, 0 };
  Ucs4 prefix = { NULL, 0 };
  Ucs4 suffix = { NULL, 0 };
  EgAnchorMatch match = EG_ANCHOR_ORPHANED;
  gsize new_start = 0;
  gsize new_end = 0;
  double new_score = 0.0;

  if (anchor != NULL && text != NULL
      && ucs4_from_utf8 (text, &t)
      && ucs4_from_utf8 (anchor->exact, &quote)
      && ucs4_from_utf8 (anchor->prefix, &prefix)
      && ucs4_from_utf8 (anchor->suffix, &suffix)
      && quote.len > 0)
    {
      if (anchor->end == anchor->start + quote.len
          && quote_at (&t, anchor->start, &quote))
        {
          match = EG_ANCHOR_POSITION;
          new_start = anchor->start;
          new_score = 1.0;
        }
      else if (place_exact (&t, &quote, &prefix, &suffix, anchor->start,
                            &new_start, &new_score))
        match = EG_ANCHOR_EXACT;
      if (match != EG_ANCHOR_ORPHANED)
        new_end = new_start + quote.len;
      else if (place_fuzzy (&t, &quote, &prefix, &suffix, anchor->start,
                            &new_start, &new_end, &new_score))
        match = EG_ANCHOR_FUZZY;
    }

  g_free (t.chars);
  g_free (quote.chars);
  g_free (prefix.chars);
  g_free (suffix.chars);
  if (match == EG_ANCHOR_ORPHANED)
    {
      new_start = 0;
      new_end = 0;
      new_score = 0.0;
    }
  if (start != NULL)
    *start = new_start;
  if (end != NULL)
    *end = new_end;
  if (score != NULL)
    *score = new_score;
  return match;
}

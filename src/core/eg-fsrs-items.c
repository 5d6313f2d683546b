/* eg-fsrs-items.c - a review log as FSRS training items, as fsrs-rs builds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The conversion of fsrs-rs's convertCsvToFsrsItems:
 *   1. the rows are grouped by card and ordered by time;
 *   2. only the last contiguous run of rows made in state New or Learning
 *      and everything after it are kept (a card without one is dropped);
 *   3. delta_t is the difference of (study) days to the previous kept
 *      review (never negative), 0 for the first;
 *   4. every later review with delta_t > 0 makes an item: the reviews up
 *      to and including it (same-day reviews are never targets, but stay
 *      in the histories of later items);
 *   5. the items are ordered by the time of their last review, then by
 *      card id: fsrs-rs weights them by position (recency). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-optimizer-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CSV_HEADER "card_id,review_time,review_rating,review_state,review_duration"

G_DEFINE_QUARK (eg-fsrs-optimizer-error-quark, eg_fsrs_optimizer_error)

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static gint64
day_of (gint64 ms,
        gint64 day_offset_s)
{
  return floor_div (floor_div (ms, 1000) + day_offset_s, 86400);
}

typedef struct {
  const EgFsrsLogRow *rows;
} SortContext;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  const EgFsrsLogRow *ra = &ctx->rows[ia];
  const EgFsrsLogRow *rb = &ctx->rows[ib];

  if (ra->card_id != rb->card_id)
    return ra->card_id < rb->card_id ? -1 : 1;
  if (ra->review_ms != rb->review_ms)
    return ra->review_ms < rb->review_ms ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const EgFsrsItems *items = user_data;
  const EgFsrsItemsItem *x = a;
  const EgFsrsItemsItem *y = b;
  gint64 cx = items->cards[x->card].card_id;
  gint64 cy = items->cards[y->card].card_id;

  if (x->last_ms != y->last_ms)
    return x->last_ms < y->last_ms ? -1 : 1;
  if (cx != cy)
    return cx < cy ? -1 : 1;
  return x->n_reviews < y->n_reviews ? -1 : (x->n_reviews > y->n_reviews);
}

/* Adds the card made of the sorted rows @order[from..to) */
static void
add_card (GArray             *reviews,
          GArray             *cards,
          GArray             *list,
          const EgFsrsLogRow *rows,
          const guint        *order,
          guint               from,
          guint               to)
{
  EgFsrsItemsCard card;
  guint start;
  guint last_learning = G_MAXUINT;

  for (guint i = from; i < to; i++)
    if (rows[order[i]].state == 0 || rows[order[i]].state == 1)
      last_learning = i;
  if (last_learning == G_MAXUINT)
    return;
  start = last_learning;
  while (start > from
         && (rows[order[start - 1]].state == 0 || rows[order[start - 1]].state == 1))
    start--;

  card.card_id = rows[order[from]].card_id;
  card.offset = reviews->len;
  card.n_reviews = to - start;
  for (guint i = start; i < to; i++)
    {
      const EgFsrsLogRow *row = &rows[order[i]];
      EgFsrsItemReview review = { (guint32) row->rating, 0 };

      if (i > start)
        {
          gint64 delta = row->day - rows[order[i - 1]].day;

          review.delta_t = (guint32) CLAMP (delta, 0, G_MAXINT32);
        }
      g_array_append_val (reviews, review);
      if (review.delta_t > 0)
        {
          EgFsrsItemsItem item = { cards->len, i - start + 1, row->review_ms, row->day };

          g_array_append_val (list, item);
        }
    }
  g_array_append_val (cards, card);
}

EgFsrsItems *
eg_fsrs_items_new_from_rows (const EgFsrsLogRow *rows,
                             gsize               n_rows)
{
  EgFsrsItems *items = g_new0 (EgFsrsItems, 1);
  g_autofree guint *order = g_new (guint, MAX (n_rows, 1));
  GArray *reviews = g_array_new (FALSE, FALSE, sizeof (EgFsrsItemReview));
  GArray *cards = g_array_new (FALSE, FALSE, sizeof (EgFsrsItemsCard));
  GArray *list = g_array_new (FALSE, FALSE, sizeof (EgFsrsItemsItem));
  SortContext ctx = { rows };
  guint from = 0;

  g_return_val_if_fail (n_rows < G_MAXUINT / 2, NULL);

  for (guint i = 0; i < n_rows; i++)
    order[i] = i;
  g_qsort_with_data (order, (int) n_rows, sizeof (guint), compare_rows, &ctx);

  for (guint i = 1; i <= n_rows; i++)
    if (i == n_rows || rows[order[i]].card_id != rows[order[from]].card_id)
      {
        add_card (reviews, cards, list, rows, order, from, i);
        from = i;
      }

  items->n_cards = cards->len;
  items->cards = (EgFsrsItemsCard *) (void *) g_array_free (cards, FALSE);
  items->reviews = (EgFsrsItemReview *) (void *) g_array_free (reviews, FALSE);
  items->n_items = list->len;
  g_qsort_with_data (list->data, (int) list->len, sizeof (EgFsrsItemsItem),
                     compare_items, items);
  items->items = (EgFsrsItemsItem *) (void *) g_array_free (list, FALSE);
  return items;
}

static gboolean
parse_field (char   **cursor,
             gint64  *value)
{
  char *end;

  errno = 0;
  *value = g_ascii_strtoll (*cursor, &end, 10);
  if (errno != 0 || end == *cursor)
    return FALSE;
  *cursor = end;
  return TRUE;
}

/* card_id,review_time,review_rating,review_state,review_duration */
static gboolean
parse_line (char         *line,
            gint64        day_offset_s,
            EgFsrsLogRow *row)
{
  gint64 f[5];
  char *cursor = line;

  for (guint i = 0; i < 5; i++)
    {
      if (!parse_field (&cursor, &f[i]))
        return FALSE;
      if (i < 4 && *cursor++ != ',')
        return FALSE;
    }
  if (*cursor != '\0' || f[2] < 1 || f[2] > 4 || f[3] < 0 || f[3] > 3)
    return FALSE;
  row->card_id = f[0];
  row->review_ms = f[1];
  row->day = day_of (f[1], day_offset_s);
  row->rating = (int) f[2];
  row->state = (int) f[3];
  return TRUE;
}

EgFsrsItems *
eg_fsrs_items_new_from_csv_file (const char  *path,
                                 gint64       day_offset_s,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (EgFsrsLogRow));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  char *line;
  char *next;
  guint line_no = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                   _("Could not read the review log “%s”: %s"), display, local_error->message);
      return NULL;
    }

  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      EgFsrsLogRow row;
      gsize len;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      line_no++;
      if (line_no == 1)
        {
          if (strcmp (line, CSV_HEADER) != 0)
            {
              g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                           _("“%s” is not a review log: its first line must be “%s”"),
                           display, CSV_HEADER);
              return NULL;
            }
          continue;
        }
      if (len == 0)
        continue;
      if (!parse_line (line, day_offset_s, &row))
        {
          g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                       _("“%s”, line %u: expected card id, time in ms, rating 1–4, state 0–3 and duration"),
                       display, line_no);
          return NULL;
        }
      g_array_append_val (rows, row);
    }
  if (line_no == 0)
    {
      g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                   _("The review log “%s” is empty"), display);
      return NULL;
    }

  return eg_fsrs_items_new_from_rows ((const EgFsrsLogRow *) (gpointer) rows->data,
                                      rows->len);
}

EgFsrsItems *
_eg_fsrs_items_slice (const EgFsrsItems *items,
                      guint              from,
                      guint              to)
{
  EgFsrsItems *slice = g_new0 (EgFsrsItems, 1);
  gsize n_reviews = 0;

  g_assert (from <= to && to <= items->n_items);
  for (guint c = 0; c < items->n_cards; c++)
    n_reviews += items->cards[c].n_reviews;
  slice->reviews = g_memdup2 (items->reviews, MAX (n_reviews, 1) * sizeof (EgFsrsItemReview));
  slice->cards = g_memdup2 (items->cards, MAX (items->n_cards, 1) * sizeof (EgFsrsItemsCard));
  slice->n_cards = items->n_cards;
  slice->n_items = to - from;
  slice->items = g_memdup2 (items->items + from,
                            MAX (slice->n_items, 1) * sizeof (EgFsrsItemsItem));
  return slice;
}

void
eg_fsrs_items_free (EgFsrsItems *items)
{
  if (items == NULL)
    return;
  g_free (items->reviews);
  g_free (items->cards);
  g_free (items->items);
  g_free (items);
}

guint
eg_fsrs_items_get_n_items (const EgFsrsItems *items)
{
  g_return_val_if_fail (items != NULL, 0);
  return items->n_items;
}

const EgFsrsItemReview *
eg_fsrs_items_get_item (const EgFsrsItems *items,
                        guint              i,
                        guint             *n_reviews)
{
  const EgFsrsItemsItem *item;

  g_return_val_if_fail (items != NULL && i < items->n_items, NULL);

  item = &items->items[i];
  if (n_reviews != NULL)
    *n_reviews = item->n_reviews;
  return &items->reviews[items->cards[item->card].offset];
}

gint64
eg_fsrs_items_get_card_id (const EgFsrsItems *items,
                           guint              i)
{
  g_return_val_if_fail (items != NULL && i < items->n_items, 0);
  return items->cards[items->items[i].card].card_id;
}

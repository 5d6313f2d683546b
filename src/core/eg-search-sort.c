/* eg-search-sort.c - ordering the cards a search found
 *
 * The statement returns the matching cards with their sort key, unordered,
 * and they are ordered here by a stable radix sort of compact items (the
 * key mapped to unsigned integers; questions 16 bytes at a time), made in
 * deck order so that ties stay in deck order.  SQLite's sorter needs
 * 100-300 ms to order 100,000 cards by a key and then by deck order (it
 * decodes records for every comparison); this takes 5-40 ms.  Cards
 * without a value (new cards: no due time, interval, stability, difficulty
 * or retrievability) come last in both directions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <string.h>

#include "eg-search-private.h"

#if defined(__GNUC__)
# define PREFETCH(address) __builtin_prefetch (address)
#else
# define PREFETCH(address) ((void) (address))
#endif

/* What the sort by a column compares, sorted in place.  The key is mapped
 * to unsigned integers that compare in the wanted direction.
 */
typedef struct
{
  guint64      k[2];    /* an int or double key: no value (1: last), key; text: 16 bytes */
  const char  *text;    /* EG_SEARCH_KEY_TEXT */
  guint        index;   /* into the rows, which are in deck order */
} Item;

static int
compare_deck_order (gconstpointer a,
                    gconstpointer b)
{
  const EgSearchRow *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The question as it sorts: without Markdown emphasis and code marks
 * ('*', '`'), ASCII letters in lower case (as SQLite's NOCASE folds them).
 */
const char *
_eg_search_sort_text (GStringChunk *chunk,
                      const char   *question,
                      int           length)
{
  char *text = g_string_chunk_insert_len (chunk, question, length);
  char *out = text;

  for (const char *s = text; *s; s++)
    if (*s != '*' && *s != '`')
      *out++ = (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
  *out = '\0';
  return text;
}

/* The first 16 bytes of @text as two integers, zeros after its end */
static void
text_key (const char *text,
          guint64     k[2])
{
  for (int w = 0; w < 2; w++)
    {
      k[w] = 0;
      for (int i = 0; i < 8; i++)
        {
          k[w] <<= 8;
          if (*text)
            k[w] |= (guchar) *text++;
        }
    }
}

/* Integers and doubles as unsigned integers in the same order */
static inline guint64
int_bits (gint64 i)
{
  return (guint64) i ^ (G_GUINT64_CONSTANT (1) << 63);
}

static inline guint64
double_bits (double d)
{
  guint64 bits;

  memcpy (&bits, &d, sizeof bits);
  return (bits >> 63) ? ~bits : bits | (G_GUINT64_CONSTANT (1) << 63);
}

static Item
make_item (const EgSearchRow *row,
           guint              index,
           EgSearchKeyType    type,
           gboolean           descending)
{
  Item item = { { 0, 0 }, row->text, index };

  switch (type)
    {
    case EG_SEARCH_KEY_TEXT:
      text_key (row->text, item.k);
      break;
    case EG_SEARCH_KEY_INT:
    case EG_SEARCH_KEY_DOUBLE:
      item.k[0] = row->has_key ? 0 : 1;   /* no value: last, either way */
      if (row->has_key)
        item.k[1] = type == EG_SEARCH_KEY_INT ? int_bits (row->key.i) : double_bits (row->key.d);
      break;
    case EG_SEARCH_KEY_NONE:
    default:
      g_assert_not_reached ();
    }
  if (descending)
    {
      if (type == EG_SEARCH_KEY_TEXT)
        item.k[0] = ~item.k[0];
      item.k[1] = ~item.k[1];
    }
  return item;
}

/* A stable LSD radix sort of @n items by k[@word], a byte at a time;
 * *@items and *@spare trade places after each pass.
 */
static void
radix_sort (Item  **items,
            Item  **spare,
            guint   n,
            guint   word)
{
  for (guint shift = 0; shift < 64 && n > 0; shift += 8)
    {
      guint count[256] = { 0 };
      guint sum = 0;
      Item *src = *items;
      Item *dst = *spare;

      for (guint i = 0; i < n; i++)
        count[(src[i].k[word] >> shift) & 0xff]++;
      if (count[(src[0].k[word] >> shift) & 0xff] == n)
        continue;   /* every item has the same byte here */
      for (guint b = 0; b < 256; b++)
        {
          guint c = count[b];

          count[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(src[i].k[word] >> shift) & 0xff]++] = src[i];
      *items = dst;
      *spare = src;
    }
}

/* The text must be at least @offset bytes long */
static void
set_text_key (Item       *item,
              gsize       offset,
              gboolean    descending)
{
  text_key (item->text + offset, item->k);
  if (descending)
    {
      item->k[0] = ~item->k[0];
      item->k[1] = ~item->k[1];
    }
}

/* Whether texts with this key go on after its 16 bytes */
static inline gboolean
text_goes_on (const Item *item,
              gboolean    descending)
{
  return (item->k[1] & 0xff) != (descending ? 0xff : 0);
}

typedef struct
{
  EgSearchKeyType  type;
  gboolean         descending;
  gsize            offset;   /* texts are alike before it; k holds the 16 bytes from it */
} SortContext;

static inline int
compare_items (const Item        *x,
               const Item        *y,
               const SortContext *ctx)
{
  int c;

  if (x->k[0] != y->k[0])
    return x->k[0] < y->k[0] ? -1 : 1;
  if (x->k[1] != y->k[1])
    return x->k[1] < y->k[1] ? -1 : 1;
  if (ctx->type != EG_SEARCH_KEY_TEXT || !text_goes_on (x, ctx->descending))
    return 0;
  c = strcmp (x->text + ctx->offset + 16, y->text + ctx->offset + 16);
  return ctx->descending ? -c : c;
}

/* A stable merge sort, for fewer items than radix passes pay off for */
static void
merge_sort (Item              *items,
            Item              *spare,
            guint              n,
            const SortContext *ctx)
{
  guint half = n / 2;
  guint i = 0, j = half, k = 0;

  if (n < 12)
    {
      for (guint a = 1; a < n; a++)
        {
          Item item = items[a];
          guint b = a;

          for (; b > 0 && compare_items (&items[b - 1], &item, ctx) > 0; b--)
            items[b] = items[b - 1];
          items[b] = item;
        }
      return;
    }

  merge_sort (items, spare, half, ctx);
  merge_sort (items + half, spare + half, n - half, ctx);
  if (compare_items (&items[half - 1], &items[half], ctx) <= 0)
    return;

  memcpy (spare, items, n * sizeof (Item));
  while (i < half && j < n)
    items[k++] = compare_items (&spare[j], &spare[i], ctx) < 0 ? spare[j++] : spare[i++];
  while (i < half)
    items[k++] = spare[i++];
  while (j < n)
    items[k++] = spare[j++];
}

/* Sorts @n items stably by k[0], k[1]; texts, which are alike before
 * ctx->offset, by the rest of the text too (16 bytes more at each level).
 */
static void
sort_items (Item              *items,
            Item              *spare,
            guint              n,
            const SortContext *ctx)
{
  Item *sorted = items;
  Item *other = spare;
  SortContext next = *ctx;

  if (n < 2)
    return;
  if (n < 512)
    {
      merge_sort (items, spare, n, ctx);
      return;
    }

  radix_sort (&sorted, &other, n, 1);
  radix_sort (&sorted, &other, n, 0);
  if (sorted != items)
    memcpy (items, sorted, n * sizeof (Item));

  if (ctx->type != EG_SEARCH_KEY_TEXT)
    return;

  next.offset += 16;
  for (guint start = 0, end; start < n; start = end)
    {
      for (end = start + 1; end < n; end++)
        if (items[end].k[0] != items[start].k[0] || items[end].k[1] != items[start].k[1])
          break;
      if (end - start > 1 && text_goes_on (&items[start], ctx->descending))
        {
          for (guint i = start; i < end; i++)
            {
              /* the texts are all over the place: fetch ahead */
              if (i + 8 < end)
                PREFETCH (items[i + 8].text + next.offset);
              set_text_key (&items[i], next.offset, ctx->descending);
            }
          sort_items (items + start, spare + start, end - start, &next);
        }
    }
}

/* The ids of @rows ordered by their key, ties in deck order; their card
 * keys in the same order into @keys, if given */
GArray *
_eg_search_sort_rows (GArray         *rows,
                      EgSearchKeyType type,
                      gboolean        descending,
                      gboolean        deck_descending,
                      GPtrArray      *keys)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  g_autofree Item *items = NULL;
  g_autofree Item *spare = NULL;
  guint n = rows->len;
  SortContext ctx;

  /* rows mostly come in deck order already */
  for (guint i = 1; i < n; i++)
    if (compare_deck_order (&g_array_index (rows, EgSearchRow, i - 1),
                            &g_array_index (rows, EgSearchRow, i)) > 0)
      {
        g_array_sort (rows, compare_deck_order);
        break;
      }

  if (type == EG_SEARCH_KEY_NONE)
    {
      for (guint i = 0; i < n; i++)
        {
          EgSearchRow *row = &g_array_index (rows, EgSearchRow, deck_descending ? n - 1 - i : i);

          g_array_append_val (ids, row->id);
          if (keys != NULL)
            g_ptr_array_add (keys, g_strdup (row->card_key));
        }
      return ids;
    }

  /* items made in deck order and sorted stably keep ties in deck order */
  items = g_new (Item, n + 1);
  spare = g_new (Item, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = make_item (&g_array_index (rows, EgSearchRow, i), i, type, descending);
  ctx = (SortContext) { type, descending, 0 };
  sort_items (items, spare, n, &ctx);

  for (guint i = 0; i < n; i++)
    {
      EgSearchRow *row = &g_array_index (rows, EgSearchRow, items[i].index);

      g_array_append_val (ids, row->id);
      if (keys != NULL)
        g_ptr_array_add (keys, g_strdup (row->card_key));
    }
  return ids;
}

/* eg-fsrs-pretrain.c - outlier filter and the pre-training of the initial stabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* As fsrs-rs (dataset.rs, parameter_initialization.rs):
 *
 * Outliers: the items whose only long-term review is their last one are
 * grouped by first rating and by that review's delta_t.  Within a rating,
 * the smallest groups (ties: the shortest delta_t first) are removed until
 * max(20, total / 20) items have gone; of the rest, groups of at least 6
 * items with delta_t <= 100 days (365 for Easy) pre-train, the others are
 * removed too.  A training item goes when its (first rating, first
 * long-term delta_t) pair was removed.
 *
 * Pre-training: per first rating, the recall observed at each delta_t
 * (smoothed towards the average recall) is fitted with the forgetting curve
 * of the default decay by a ternary search on S0 in [0.001, 100],
 * minimising the count-weighted log loss plus |S0 - default| / 16.  Then
 * the stabilities are put in order and the missing ratings are filled in
 * (smooth_and_fill). */

#include "config.h"

#include "eg-fsrs-optimizer-private.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
  guint   delta_t;
  GArray *indices;   /* guint item indices */
} Group;

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a;
  const Group *y = b;

  /* by size descending, then delta_t descending */
  if (x->indices->len != y->indices->len)
    return x->indices->len > y->indices->len ? -1 : 1;
  if (x->delta_t != y->delta_t)
    return x->delta_t > y->delta_t ? -1 : 1;
  return 0;
}

static guint
long_term_count (const EgFsrsItemReview *r,
                 guint                   n)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    count += r[i].delta_t > 0;
  return count;
}

static guint
first_long_term_delta (const EgFsrsItemReview *r,
                       guint                   n)
{
  for (guint i = 0; i < n; i++)
    if (r[i].delta_t > 0)
      return r[i].delta_t;
  return 0;
}

static void
free_group (gpointer data)
{
  Group *group = data;

  g_array_unref (group->indices);
}

GArray *
_eg_fsrs_filter_outliers (const EgFsrsItems *items,
                          gboolean          *keep)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTable *removed[5] = { NULL };

  for (guint rating = 1; rating <= 4; rating++)
    {
      g_autoptr(GHashTable) by_delta = g_hash_table_new (NULL, NULL);
      g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (Group));
      guint total = 0;
      guint has_been_removed = 0;

      g_array_set_clear_func (groups, free_group);
      removed[rating] = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < items->n_items; i++)
        {
          guint n;
          const EgFsrsItemReview *r = eg_fsrs_items_get_item (items, i, &n);
          GArray *indices;

          if (r[0].rating != rating || long_term_count (r, n) != 1)
            continue;
          indices = g_hash_table_lookup (by_delta, GUINT_TO_POINTER (r[n - 1].delta_t));
          if (indices == NULL)
            {
              Group group = { r[n - 1].delta_t, g_array_new (FALSE, FALSE, sizeof (guint)) };

              indices = group.indices;
              g_hash_table_insert (by_delta, GUINT_TO_POINTER (group.delta_t), indices);
              g_array_append_val (groups, group);
            }
          g_array_append_val (indices, i);
          total++;
        }
      g_array_sort (groups, compare_groups);
      for (guint j = groups->len; j-- > 0;)
        {
          Group *group = &g_array_index (groups, Group, j);

          if (has_been_removed + group->indices->len >= MAX (20, total / 20))
            {
              if (group->indices->len >= 6 && group->delta_t <= (rating != 4 ? 100u : 365u))
                g_array_append_vals (kept, group->indices->data, group->indices->len);
              else
                g_hash_table_add (removed[rating], GUINT_TO_POINTER (group->delta_t));
            }
          else
            {
              has_been_removed += group->indices->len;
              g_hash_table_add (removed[rating], GUINT_TO_POINTER (group->delta_t));
            }
        }
    }

  for (guint i = 0; i < items->n_items; i++)
    {
      guint n;
      const EgFsrsItemReview *r = eg_fsrs_items_get_item (items, i, &n);
      guint rating = r[0].rating;

      keep[i] = !g_hash_table_contains (removed[rating],
                                        GUINT_TO_POINTER (first_long_term_delta (r, n)));
    }
  for (guint rating = 1; rating <= 4; rating++)
    g_hash_table_unref (removed[rating]);
  return kept;
}

typedef struct {
  double delta_t;
  double recall;
  double count;
} Recall;

static int
compare_recall (gconstpointer a,
                gconstpointer b)
{
  const Recall *x = a;
  const Recall *y = b;

  return x->delta_t < y->delta_t ? -1 : (x->delta_t > y->delta_t);
}

static double
search_loss (const GArray *data,
             double        s0,
             double        default_s0)
{
  double decay = -(double) (float) 0.1542;
  double factor = pow (0.9, 1.0 / decay) - 1.0;
  double loss = 0.0;

  for (guint i = 0; i < data->len; i++)
    {
      const Recall *rc = &g_array_index (data, Recall, i);
      double y = pow (rc->delta_t / s0 * factor + 1.0, decay);

      loss += -(rc->recall * log (y) + (1.0 - rc->recall) * log (1.0 - y)) * rc->count;
    }
  return loss + fabs (s0 - default_s0) / 16.0;
}

static double
search_stability (const GArray *data,
                  double        default_s0)
{
  double low = EG_OPT_S_MIN;
  double high = EG_OPT_INIT_S_MAX;
  double best = default_s0;

  for (guint iter = 0; high - low > DBL_EPSILON && iter < 1000; iter++)
    {
      double mid1 = low + (high - low) / 3.0;
      double mid2 = high - (high - low) / 3.0;

      if (search_loss (data, mid1, default_s0) < search_loss (data, mid2, default_s0))
        high = mid2;
      else
        low = mid1;
      best = (high + low) / 2.0;
    }
  return (double) (float) best;
}

gboolean
_eg_fsrs_pretrain (const EgFsrsItems *items,
                   const GArray      *init_items,
                   double             average_recall,
                   double            *s0,
                   guint             *rating_count)
{
  const double *defaults = eg_fsrs_default_weights ();

  for (guint rating = 1; rating <= 4; rating++)
    {
      g_autoptr(GArray) data = g_array_new (FALSE, FALSE, sizeof (Recall));
      g_autoptr(GHashTable) by_delta = g_hash_table_new (NULL, NULL);

      rating_count[rating] = 0;
      for (guint k = 0; k < init_items->len; k++)
        {
          guint n;
          const EgFsrsItemReview *r =
            eg_fsrs_items_get_item (items, g_array_index (init_items, guint, k), &n);
          gpointer slot;
          Recall *rc;

          if (r[0].rating != rating)
            continue;
          slot = g_hash_table_lookup (by_delta, GUINT_TO_POINTER (r[n - 1].delta_t));
          if (slot == NULL)
            {
              Recall fresh = { r[n - 1].delta_t, 0.0, 0.0 };

              g_array_append_val (data, fresh);
              slot = GUINT_TO_POINTER (data->len);
              g_hash_table_insert (by_delta, GUINT_TO_POINTER (r[n - 1].delta_t), slot);
            }
          rc = &g_array_index (data, Recall, GPOINTER_TO_UINT (slot) - 1);
          rc->recall += r[n - 1].rating > 1;
          rc->count += 1.0;
          rating_count[rating]++;
        }
      if (data->len == 0)
        continue;
      g_array_sort (data, compare_recall);
      for (guint k = 0; k < data->len; k++)
        {
          Recall *rc = &g_array_index (data, Recall, k);
          double real = rc->recall / rc->count;

          rc->recall = (real * rc->count + average_recall) / (rc->count + 1.0);
        }
      s0[rating - 1] = search_stability (data, (double) (float) defaults[rating - 1]);
    }
  return _eg_fsrs_smooth_and_fill (s0, rating_count);
}

/* S0 of the missing ratings from the neighbouring ones (fsrs-rs's
 * geometric interpolation with w1 = 0.41, w2 = 0.54) */
static void
fill_two (double *r,
          gboolean *have)
{
  const double w1 = 0.41, w2 = 0.54;
  double den = w1 + w2 - w1 * w2;

  if (have[3] && have[4])
    {
      r[2] = pow (r[3], 1.0 / (1.0 - w2)) * pow (r[4], 1.0 - 1.0 / (1.0 - w2));
      r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
    }
  else if (have[2] && have[4])
    {
      r[3] = pow (r[2], 1.0 - w2) * pow (r[4], w2);
      r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
    }
  else if (have[2] && have[3])
    {
      r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
      r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
    }
  else if (have[1] && have[4])
    {
      r[2] = pow (r[1], w1 / den) * pow (r[4], 1.0 - w1 / den);
      r[3] = pow (r[1], 1.0 - w2 / den) * pow (r[4], w2 / den);
    }
  else if (have[1] && have[3])
    {
      r[2] = pow (r[1], w1) * pow (r[3], 1.0 - w1);
      r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
    }
  else if (have[1] && have[2])
    {
      r[3] = pow (r[1], 1.0 - 1.0 / (1.0 - w1)) * pow (r[2], 1.0 / (1.0 - w1));
      r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
    }
}

static void
fill_three (double *r,
            gboolean *have)
{
  const double w1 = 0.41, w2 = 0.54;

  if (!have[1])
    r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
  else if (!have[2])
    r[2] = pow (r[1], w1) * pow (r[3], 1.0 - w1);
  else if (!have[3])
    r[3] = pow (r[2], 1.0 - w2) * pow (r[4], w2);
  else if (!have[4])
    r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y);
}

gboolean
_eg_fsrs_smooth_and_fill (double      *s,
                          const guint *rating_count)
{
  static const guint pairs[6][2] = { { 1, 2 }, { 2, 3 }, { 3, 4 }, { 1, 3 }, { 2, 4 }, { 1, 4 } };
  const double *defaults = eg_fsrs_default_weights ();
  double r[5] = { 0 };
  gboolean have[5] = { FALSE };
  guint n_have = 0;

  for (guint g = 1; g <= 4; g++)
    {
      have[g] = rating_count[g] > 0;
      r[g] = s[g - 1];
      n_have += have[g];
    }
  for (guint k = 0; k < 6; k++)
    {
      guint small = pairs[k][0], big = pairs[k][1];

      if (have[small] && have[big] && r[small] > r[big])
        {
          if (rating_count[small] > rating_count[big])
            r[big] = r[small];
          else
            r[small] = r[big];
        }
    }

  switch (n_have)
    {
    case 0:
      return FALSE;
    case 1:
      for (guint g = 1; g <= 4; g++)
        if (have[g])
          {
            double factor = r[g] / (double) (float) defaults[g - 1];
            double scaled[4];

            for (guint k = 0; k < 4; k++)
              scaled[k] = (double) (float) defaults[k] * factor;
            qsort (scaled, 4, sizeof (double), compare_doubles);
            for (guint k = 0; k < 4; k++)
              r[k + 1] = scaled[k];
            break;
          }
      break;
    case 2:
      fill_two (r, have);
      break;
    case 3:
      fill_three (r, have);
      break;
    default:
      break;
    }
  for (guint g = 1; g <= 4; g++)
    s[g - 1] = CLAMP (r[g], EG_OPT_S_MIN, EG_OPT_INIT_S_MAX);
  return TRUE;
}

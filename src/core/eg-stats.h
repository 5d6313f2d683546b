/* eg-stats.h - the statistics of the collection, a deck or a section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-scheduler.h"

G_BEGIN_DECLS

/* Days of the forecast (the short one and the long one) and of the review
 * history */
#define EG_STATS_DUE_DAYS     30
#define EG_STATS_DUE90_DAYS   90
#define EG_STATS_HISTORY_DAYS 365
/* Calendar months of the true retention by month */
#define EG_STATS_MONTHS       12

/* Cards due on one study day */
typedef struct
{
  guint learning;   /* learning or relearning */
  guint review;
} EgStatsDue;

/* The distributions of the studied cards (not new, reviewed at least once;
 * suspended ones included) in fixed buckets, each bucket including its
 * lower edge and excluding its upper one:
 *   stability (days):   [0,1) [1,2) [2,4) [4,7) [7,14) [14,30) [30,60)
 *                       [60,120) [120,365) [365,∞)
 *   difficulty (1–10):  [1,2) [2,3) … [8,9) [9,10] (10 in the last)
 *   retrievability now: [0,0.1) [0.1,0.2) … [0.9,1] (1 in the last), the
 *                       FSRS retrievability with the scheduler's parameters
 *                       at the time given */
#define EG_STATS_STABILITY_BUCKETS      10
#define EG_STATS_DIFFICULTY_BUCKETS     9
#define EG_STATS_RETRIEVABILITY_BUCKETS 10

extern const double eg_stats_stability_edges[EG_STATS_STABILITY_BUCKETS];

/* The true retention of one calendar month (of the study days) */
typedef struct
{
  int    first_day;   /* the study day the month starts */
  guint  reviews;     /* grades of cards in the review state */
  guint  passed;      /* of those, not rated Again */
  double rate;        /* passed / reviews; -1 when none */
} EgStatsMonth;

/* A card is mature when in the review state with an interval of this many
 * days or more */
#define EG_STATS_MATURE_DAYS 21

/* How well one section is known */
typedef struct
{
  gint64  id;
  char   *key;
  char   *heading;
  guint   cards;      /* not deleted */
  double  mastery;    /* the mean retrievability now over all its cards, a card
                       * never studied counting 0 (as the library's section bar) */
  guint   mature;     /* mature cards */
  double  mature_share; /* mature / cards; 0 without cards */
} EgStatsSection;

/* What the statistics show.  Days are study days (eg_time_study_day()); a
 * review is a grade that rescheduled its card. */
typedef struct
{
  int         today;                 /* the study day of the time given */

  /* Today */
  guint       reviews_today;
  gint64      time_today_ms;         /* the reviews' durations, summed */
  guint       again_today;           /* rated Again */
  double      again_rate;            /* again_today / reviews_today; -1 when no review */
  guint       retention_reviews;     /* reviews of cards in the review state */
  guint       retention_passed;      /* of those, not rated Again */
  double      true_retention;        /* retention_passed / retention_reviews; -1 when none */

  /* due[0]: today, overdue cards included; due[i]: today + i.  Cards a
   * session may show now (neither suspended nor buried).  The first
   * EG_STATS_DUE_DAYS entries are the 30-day forecast. */
  EgStatsDue  due[EG_STATS_DUE90_DAYS];

  /* history[i]: the reviews on study day history_first_day + i; the last
   * is today */
  int         history_first_day;
  guint       history[EG_STATS_HISTORY_DAYS];
  guint       streak;                /* days in a row with a review, up to today, or up
                                      * to yesterday when there is none yet today */

  /* months[i]: the true retention in the calendar month of today, less
   * EG_STATS_MONTHS - 1 - i months; the last is this month */
  EgStatsMonth months[EG_STATS_MONTHS];

  /* The distributions, see above; studied: the cards they count */
  guint       studied;
  guint       stability[EG_STATS_STABILITY_BUCKETS];
  guint       difficulty[EG_STATS_DIFFICULTY_BUCKETS];
  guint       retrievability[EG_STATS_RETRIEVABILITY_BUCKETS];

  /* (element-type EgStatsSection): every section in scope that has cards,
   * in the library's order */
  GArray     *sections;

  /* Cards by state (not deleted); suspended cards only count as suspended */
  guint       new_cards;
  guint       learning;
  guint       review;
  guint       relearning;
  guint       suspended;
} EgStats;

EgStats  *eg_stats_compute  (EgScheduler  *scheduler,
                             gint64        deck_id,
                             gint64        section_id,
                             gint64        now_ms,
                             GError      **error);
void      eg_stats_free     (EgStats      *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgStats, eg_stats_free)

G_END_DECLS

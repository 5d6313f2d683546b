/* eg-plan.h - interview-date mode: the plan towards an interview date
 *
 * The user sets a date and, optionally, a deck and some of its sections
 * (the scope; default: every card of the collection).  The settings live
 * in the collection ("interview-date", "interview-deck",
 * "interview-sections").  eg_plan_compute() then paces the scope's new
 * cards so that each reaches the target stability before the date,
 * forecasts the expected recall of the scope on each day up to the date by
 * simulation (eg-simulate.h, the scheduler's own parameters as the
 * learner's, fuzz left out, up to EG_PLAN_RUNS runs averaged), and says whether the goal is in
 * reach with the daily budget, and what budget would reach it.
 *
 * The study queue follows the same plan (eg-plan-policy.h): before the
 * date the day's new-card limit is the plan's when higher; in the cram
 * window the reviews go lowest predicted recall at the date first, and
 * cards not due yet whose recall at the date is low are added as early
 * reviews.  After the date the plan has no effect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-plan-policy.h"
#include "eg-scheduler.h"

G_BEGIN_DECLS

#define EG_PLAN_ERROR (eg_plan_error_quark ())

typedef enum
{
  EG_PLAN_ERROR_INVALID,   /* a bad date, a date in the past, an unknown deck or section */
  EG_PLAN_ERROR_NOT_SET,   /* no interview date is set */
} EgPlanError;

/* The target stability (days) each card of the scope should reach before
 * the interview.  Stability is the time it takes the recall of a card to
 * fall to 90 %: a card at 7 days stays at or above 90 % for a week without
 * any review, so it holds through the interview even when the last days go
 * to the weakest cards; it is also what FSRS reaches after two or three
 * good answers, so the lead time stays a few days (eg_plan_lead_days()). */
#define EG_PLAN_TARGET_STABILITY 7.0
/* Simulation runs averaged for the forecast: EG_PLAN_RUNS for a scope of
 * up to EG_PLAN_CARD_RUNS / EG_PLAN_RUNS cards, fewer for a larger one
 * (its mean varies less from run to run), at least one */
#define EG_PLAN_RUNS      8
#define EG_PLAN_CARD_RUNS 2000

#define EG_PLAN_KEY_DATE     "interview-date"
#define EG_PLAN_KEY_DECK     "interview-deck"
#define EG_PLAN_KEY_SECTIONS "interview-sections"

/* One study day of the plan */
typedef struct
{
  int     day;         /* study day (eg_time_study_day()) */
  guint   new_cards;   /* new cards to introduce that day (the plan's pacing) */
  double  reviews;     /* expected reviews of review cards that day */
  double  recall;      /* expected recall of the scope after that day's study: the mean
                        * predicted retrievability of its cards (never studied: 0) */
} EgPlanDay;

typedef struct
{
  char     *date;              /* "YYYY-MM-DD" */
  char     *deck_key;          /* NULL: every deck */
  char    **sections;          /* section keys, NULL or empty: the whole deck */
  int       today;             /* study days */
  int       interview_day;
  int       days_left;         /* interview_day - today; negative: the date has passed */
  guint     scope_cards;       /* cards in scope (neither deleted nor suspended) */
  guint     scope_new;         /* of those, never studied */
  double    target_stability;  /* EG_PLAN_TARGET_STABILITY */
  int       lead_days;         /* days a new card needs to reach it */
  int       last_intro_day;    /* the last day to introduce a card: interview_day - lead_days */
  int       new_per_day;       /* the settings */
  int       reviews_per_day;
  GArray   *days;              /* EgPlanDay, today .. the interview day (empty once past) */
  double    expected_recall;   /* on the interview day (the last of days); -1 when past */
  gboolean  feasible;          /* every card can reach the target in time within the budget */
  gboolean  too_few_days;      /* new cards left and fewer days than the lead time */
  int       needed_reviews_per_day; /* the review budget the plan needs (its busiest day) */
  int       needed_new_per_day;     /* the new cards a day the pacing needs at most */
} EgPlan;

GQuark    eg_plan_error_quark   (void);

gboolean  eg_plan_set           (EgScheduler  *scheduler,
                                 const char   *date,
                                 const char   *deck_key,
                                 const char   *sections,
                                 gint64        now_ms,
                                 GError      **error);
gboolean  eg_plan_clear         (EgScheduler  *scheduler,
                                 GError      **error);
gboolean  eg_plan_is_set        (EgScheduler  *scheduler);
EgPlan   *eg_plan_compute       (EgScheduler  *scheduler,
                                 gint64        now_ms,
                                 GError      **error);
void      eg_plan_free          (EgPlan       *plan);

int       eg_plan_lead_days     (const EgFsrsParams *params,
                                 double              target_stability);
gboolean  eg_plan_parse_date    (const char   *date,
                                 int          *day,
                                 GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgPlan, eg_plan_free)

G_END_DECLS

/* eg-scheduler.h - study queue, grading and undo over the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib-object.h>

#include "eg-fsrs-optimizer.h"
#include "eg-fsrs.h"
#include "eg-simulate.h"
#include "eg-store.h"

G_BEGIN_DECLS

#define EG_SCHEDULER_ERROR (eg_scheduler_error_quark ())

typedef enum
{
  EG_SCHEDULER_ERROR_INVALID_SETTING,
  EG_SCHEDULER_ERROR_NO_CARD,
  EG_SCHEDULER_ERROR_NOTHING_TO_UNDO,
  EG_SCHEDULER_ERROR_STALE,   /* graded elsewhere since the queue took it */
  EG_SCHEDULER_ERROR_UNDO_BLOCKED,   /* a later change of the same card comes first */
} EgSchedulerError;

/* Undo keeps at least this many steps. */
#define EG_SCHEDULER_UNDO_LEVELS 50

/* Collection settings of the scheduler, persisted in the collection. */
typedef struct
{
  double    desired_retention;     /* 0.90 */
  char    **learning_steps;        /* "1m", "10m" */
  char    **relearning_steps;      /* "10m" */
  int       new_per_day;           /* 20 */
  int       reviews_per_day;       /* 200 */
  int       maximum_interval;      /* 36500 days */
  gboolean  fuzz;                  /* on */
  int       day_start_hour;        /* 4: a study day starts at 04:00 local time */
  double    weights[EG_FSRS_N_PARAMS];
} EgSchedulerSettings;

typedef enum
{
  EG_UNDO_GRADE,
  EG_UNDO_SUSPEND,
  EG_UNDO_UNSUSPEND,
  EG_UNDO_BURY,
  EG_UNDO_FLAG,
  EG_UNDO_RESET,
  EG_UNDO_DELETE,
  EG_UNDO_ANNOTATE,    /* a highlight or note added, changed or deleted */
} EgUndoKind;

/* Where a change can be undone: a grade only in review; a change of cards
 * (flag, suspend, bury, reset, delete) wherever cards are changed. */
typedef enum
{
  EG_UNDO_SCOPE_REVIEW = 1 << 0,
  EG_UNDO_SCOPE_CARDS  = 1 << 1,
} EgUndoScope;

#define EG_UNDO_SCOPE_ALL (EG_UNDO_SCOPE_REVIEW | EG_UNDO_SCOPE_CARDS)

/* What an undo undid. */
typedef struct
{
  EgUndoKind   kind;
  EgUndoScope  scope;
  gint64       card_id;       /* the (first) card it changed */
  guint        n_cards;
  char        *description;   /* a sentence: "Undid grade Good on card 302" */
} EgUndoInfo;

typedef struct
{
  EgFsrsCard  before;
  EgFsrsCard  after;
  gint64      log_id;
  int         due_day;
} EgGradeResult;

/* A section as the library's sidebar shows it. */
typedef struct
{
  gint64 section_id;
  guint  total;
  guint  new_cards;
  guint  due;          /* learning due before the day ends, reviews due today */
  guint  reviewed;     /* cards studied at least once */
  double mastery;      /* known: summed current retrievability of its reviewed cards over
                        * all its cards (a card never studied counts as not known) */
} EgSectionStats;

/* What the queue has left for today. */
typedef struct
{
  guint new_cards;
  guint learning;
  guint review;
} EgQueueCounts;

/* What a study session takes from the collection. */
typedef struct
{
  gint64    deck_id;      /* 0: every deck */
  gint64    section_id;   /* 0: every section */
  gint64    ahead_ms;     /* study ahead: take what is due by now + ahead_ms, past the
                           * daily review limit (graded as FSRS grades early reviews) */
  gboolean  all_cards;    /* every card of the selection in deck order, due or not, no limits */
  const gint64 *card_ids; /* custom study: exactly these cards, in this order, no limits */
  guint     n_card_ids;
  gboolean  preview_only; /* grades write nothing (see eg_scheduler_grade_full()) */
} EgQueueOptions;

/* What today's limits held back of a session's cards, and what studying
 * ahead or a preview would take (see eg_scheduler_get_day_limits()). */
typedef struct
{
  guint new_studied;      /* new cards introduced today (the whole collection) */
  guint new_limit;        /* today's new-card limit, with what was added today */
  guint new_waiting;      /* new cards of the session's part held back by it */
  guint review_studied;   /* review cards graded today */
  guint review_limit;
  guint review_waiting;   /* reviews due today held back by the review limit */
  guint due_ahead;        /* reviews due in the next days (not today) */
  guint n_cards;          /* every card a preview of the part shows */
} EgDayLimits;

#define EG_TYPE_SCHEDULER (eg_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (EgScheduler, eg_scheduler, EG, SCHEDULER, GObject)

typedef struct _EgQueue EgQueue;

GQuark        eg_scheduler_error_quark      (void);

void          eg_scheduler_settings_init    (EgSchedulerSettings        *settings);
void          eg_scheduler_settings_clear   (EgSchedulerSettings        *settings);
gboolean      eg_scheduler_settings_load    (EgSchedulerSettings        *settings,
                                             EgStore                    *store,
                                             GError                    **error);
gboolean      eg_scheduler_settings_save    (const EgSchedulerSettings  *settings,
                                             EgStore                    *store,
                                             GError                    **error);
gboolean      eg_scheduler_settings_set_value (EgStore                  *store,
                                               const char               *key,
                                               const char               *value,
                                               GError                  **error);
gboolean      eg_scheduler_settings_to_params (const EgSchedulerSettings *settings,
                                               EgFsrsParams              *params,
                                               GError                   **error);

EgScheduler  *eg_scheduler_new              (EgStore       *store,
                                             GError       **error);
EgStore      *eg_scheduler_get_store        (EgScheduler   *self);
const EgSchedulerSettings *
              eg_scheduler_get_settings     (EgScheduler   *self);
gboolean      eg_scheduler_set_settings     (EgScheduler               *self,
                                             const EgSchedulerSettings *settings,
                                             GError                   **error);
const EgFsrsParams *
              eg_scheduler_get_params       (EgScheduler   *self);
int           eg_scheduler_study_day        (EgScheduler   *self,
                                             gint64         now_ms);

/* The queue */
EgQueue      *eg_scheduler_build_queue      (EgScheduler   *self,
                                             gint64         now_ms,
                                             GError       **error);
EgQueue      *eg_scheduler_build_queue_full (EgScheduler          *self,
                                             gint64                now_ms,
                                             const EgQueueOptions *options,
                                             GError              **error);
gint64        eg_queue_peek                 (EgQueue       *queue,
                                             gint64         now_ms);
void          eg_queue_get_counts           (EgQueue       *queue,
                                             EgQueueCounts *counts);
GArray       *eg_queue_list_cards           (EgQueue       *queue);
gint64        eg_queue_get_next_due         (EgQueue       *queue);
void          eg_queue_remove               (EgQueue       *queue,
                                             gint64         card_id);
void          eg_queue_free                 (EgQueue       *queue);
gint64        eg_scheduler_next_due         (EgScheduler   *self,
                                             gint64         now_ms,
                                             GError       **error);

/* Today's limits (eg-scheduler-limits.c) */
int           eg_scheduler_get_new_limit    (EgScheduler   *self,
                                             gint64         now_ms);
gboolean      eg_scheduler_add_new_today    (EgScheduler   *self,
                                             gint64         now_ms,
                                             guint          n_more,
                                             GError       **error);
gboolean      eg_scheduler_get_day_limits   (EgScheduler          *self,
                                             gint64                now_ms,
                                             const EgQueueOptions *options,
                                             guint                 ahead_days,
                                             EgDayLimits          *limits,
                                             GError              **error);

/* Changes: each commits before it returns, and each can be undone. */
gboolean      eg_scheduler_grade            (EgScheduler   *self,
                                             EgQueue       *queue,
                                             gint64         card_id,
                                             EgFsrsRating   rating,
                                             gint64         now_ms,
                                             gint64         duration_ms,
                                             EgGradeResult *result,
                                             GError       **error);
gboolean      eg_scheduler_grade_full       (EgScheduler   *self,
                                             EgQueue       *queue,
                                             gint64         card_id,
                                             EgFsrsRating   rating,
                                             gint64         now_ms,
                                             gint64         duration_ms,
                                             gboolean       reschedule,
                                             EgGradeResult *result,
                                             GError       **error);
gboolean      eg_scheduler_preview          (EgScheduler   *self,
                                             gint64         card_id,
                                             gint64         now_ms,
                                             EgFsrsCard     outcomes[4],
                                             GError       **error);
gboolean      eg_scheduler_set_suspended    (EgScheduler   *self,
                                             const gint64  *card_ids,
                                             guint          n_cards,
                                             gboolean       suspended,
                                             GError       **error);
gboolean      eg_scheduler_bury             (EgScheduler   *self,
                                             const gint64  *card_ids,
                                             guint          n_cards,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_set_flag         (EgScheduler   *self,
                                             const gint64  *card_ids,
                                             guint          n_cards,
                                             int            flag,
                                             GError       **error);
gboolean      eg_scheduler_reset            (EgScheduler   *self,
                                             const gint64  *card_ids,
                                             guint          n_cards,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_delete           (EgScheduler   *self,
                                             const gint64  *card_ids,
                                             guint          n_cards,
                                             gint64         now_ms,
                                             GError       **error);
/* Annotations, each undoable (in review and in the library): the store's
 * calls of the same names (eg-store.h) with an undo step. */
gint64        eg_scheduler_add_highlight    (EgScheduler   *self,
                                             gint64         card_id,
                                             const char    *field,
                                             guint          start,
                                             guint          end,
                                             const char    *comment,
                                             const char    *color,
                                             gint64         now_ms,
                                             GError       **error);
gint64        eg_scheduler_set_note         (EgScheduler   *self,
                                             gint64         card_id,
                                             const char    *body,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_update_annotation (EgScheduler  *self,
                                             gint64         id,
                                             const char    *body,
                                             const char    *color,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_reattach_highlight (EgScheduler *self,
                                             gint64         id,
                                             const char    *field,
                                             guint          start,
                                             guint          end,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_delete_annotation (EgScheduler  *self,
                                             gint64         id,
                                             gint64         now_ms,
                                             GError       **error);
gboolean      eg_scheduler_can_undo         (EgScheduler   *self);
gboolean      eg_scheduler_peek_undo        (EgScheduler   *self,
                                             EgUndoKind    *kind);
gboolean      eg_scheduler_undo             (EgScheduler   *self,
                                             EgQueue       *queue,
                                             gint64         now_ms,
                                             EgUndoKind    *kind,
                                             gint64        *card_id,
                                             GError       **error);
gboolean      eg_scheduler_undo_full        (EgScheduler   *self,
                                             EgUndoScope    scopes,
                                             EgQueue       *queue,
                                             gint64         now_ms,
                                             EgUndoInfo    *info,
                                             GError       **error);
EgUndoScope   eg_undo_kind_get_scope        (EgUndoKind     kind);
void          eg_undo_info_clear            (EgUndoInfo    *info);

/* The review log is the truth: every card's state can be recomputed. */
gboolean      eg_scheduler_rebuild          (EgScheduler   *self,
                                             guint         *n_cards,
                                             guint         *n_reviews,
                                             GError       **error);
/* FSRS parameters fitted to the reviews (eg-scheduler-weights.c).  Apply
 * and undo are each one transaction; reset to the defaults is an apply of
 * eg_fsrs_default_weights(). */
EgFsrsItems  *eg_scheduler_read_fsrs_items  (EgScheduler   *self,
                                             GError       **error);
gboolean      eg_scheduler_apply_weights    (EgScheduler   *self,
                                             const double  *w,
                                             guint         *n_cards,
                                             GError       **error);
gboolean      eg_scheduler_can_undo_weights (EgScheduler   *self);
gboolean      eg_scheduler_undo_weights     (EgScheduler   *self,
                                             guint         *n_cards,
                                             GError       **error);
gboolean      eg_scheduler_weights_are_default (EgScheduler *self);
GArray       *eg_scheduler_section_stats    (EgScheduler   *self,
                                             gint64         now_ms,
                                             GError       **error);
GArray       *eg_scheduler_forecast         (EgScheduler   *self,
                                             gint64         now_ms,
                                             guint          n_days,
                                             GError       **error);

/* The expected reviews a day for a desired retention, by simulation
 * (eg-scheduler-workload.c): runs averaged */
#define EG_SCHEDULER_WORKLOAD_RUNS 4

gboolean      eg_scheduler_estimate_workload (EgScheduler  *self,
                                             double         desired_retention,
                                             guint          days,
                                             gint64         now_ms,
                                             double        *reviews_per_day,
                                             GError       **error);

/* What study costs this learner, from the review log's durations and
 * ratings (eg-scheduler-costs.c), for eg_simulate_optimal_retention() */
gboolean      eg_scheduler_read_review_costs (EgScheduler   *self,
                                              EgReviewCosts *costs,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgQueue, eg_queue_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EgUndoInfo, eg_undo_info_clear)

G_END_DECLS

/* eg-scheduler-private.h - what the files of the scheduler share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-plan-private.h"
#include "eg-scheduler.h"
#include "eg-store-private.h"

G_BEGIN_DECLS

typedef struct _EgUndoEntry EgUndoEntry;

struct _EgUndoEntry
{
  EgUndoKind     kind;
  int            value;       /* the grade's rating; the flag set; EgAnnotateAction */
  GPtrArray     *snapshots;   /* EgCardSnapshot */
  GArray        *log_ids;     /* gint64: review_log rows this change added */
  EgAnnotation  *annotation;  /* EG_UNDO_ANNOTATE: the annotation as it was (for an
                               * addition: the new row, deleted) */
};

/* What an EG_UNDO_ANNOTATE step did (its value) */
typedef enum
{
  EG_ANNOTATE_ADD,
  EG_ANNOTATE_CHANGE,        /* comment, colour or note text changed */
  EG_ANNOTATE_REATTACH,
  EG_ANNOTATE_DELETE,
} EgAnnotateAction;

/* What a card's state was when the queue took it: a grade of a card that
 * another program graded meanwhile is refused (see _eg_scheduler_check_version()). */
typedef struct
{
  int     reps;
  gint64  last_review;
} EgCardVersion;

struct _EgScheduler
{
  GObject              parent_instance;
  EgStore             *store;
  EgSchedulerSettings  settings;
  EgFsrsParams         params;
  GQueue               undo;      /* EgUndoEntry, newest first */
  GHashTable          *written;   /* card id -> EgCardVersion of this scheduler's last change */
};

gint64        _eg_scheduler_day_start        (EgScheduler       *self,
                                              int                day);
int           _eg_scheduler_new_limit        (EgScheduler       *self,
                                              int                day);
EgCardSnapshot *_eg_scheduler_snapshot_card  (EgScheduler       *self,
                                              gint64             card_id,
                                              EgFsrsCard        *fsrs,
                                              int               *due_day,
                                              GError           **error);
gboolean      _eg_scheduler_write_state      (EgScheduler       *self,
                                              gint64             card_id,
                                              const EgFsrsCard  *card,
                                              int                due_day,
                                              GError           **error);
gint64        _eg_scheduler_append_log       (EgScheduler       *self,
                                              gint64             card_id,
                                              gint64             now_ms,
                                              int                rating,
                                              int                day,
                                              const EgFsrsCard  *before,
                                              const EgFsrsCard  *after,
                                              gint64             duration_ms,
                                              gboolean           rescheduled,
                                              GError           **error);

/* Rebuilding (eg-scheduler-rebuild.c), inside the caller's transaction */
gboolean      _eg_scheduler_replay_log       (EgScheduler        *self,
                                              const EgFsrsParams *params,
                                              guint              *n_cards,
                                              guint              *n_reviews,
                                              GError            **error);

/* The "fsrs-weights" text: 21 numbers, comma-separated (eg-scheduler-settings.c) */
char         *_eg_scheduler_format_weights   (const double       *w);
gboolean      _eg_scheduler_parse_weights    (const char         *key,
                                              const char         *text,
                                              double             *w,
                                              GError            **error);

/* Undo (eg-scheduler-undo.c) */
EgUndoEntry  *_eg_undo_entry_new             (EgUndoKind         kind);
void          _eg_undo_entry_free            (EgUndoEntry       *entry);
void          _eg_scheduler_push_undo        (EgScheduler       *self,
                                              EgUndoEntry       *entry);

/* Annotations (eg-scheduler-annotations.c) */
gboolean      _eg_scheduler_undo_annotation  (EgScheduler       *self,
                                              const EgUndoEntry *entry,
                                              GError           **error);
char         *_eg_scheduler_describe_annotation (const EgUndoEntry *entry,
                                                 int                number);

/* The queue (eg-scheduler-queue.c) */
void          _eg_scheduler_remember_version (GHashTable        *versions,
                                              gint64             card_id,
                                              int                reps,
                                              gint64             last_review);
gboolean      _eg_queue_remove_card          (EgQueue           *queue,
                                              gint64             card_id);
void          _eg_scheduler_requeue          (EgScheduler       *self,
                                              EgQueue           *queue,
                                              gint64             card_id,
                                              gboolean           to_front,
                                              gint64             now_ms);
gboolean      _eg_scheduler_check_version    (EgScheduler       *self,
                                              EgQueue           *queue,
                                              gint64             card_id,
                                              const EgFsrsCard  *card,
                                              GError           **error);

/* Interview-date mode (eg-scheduler-interview.c) */
gboolean      _eg_scheduler_interview_load   (EgScheduler        *self,
                                              gint64              now_ms,
                                              int                 introduced,
                                              EgPlanScope        *plan,
                                              int                *new_limit,
                                              gboolean           *active,
                                              GError            **error);
void          _eg_scheduler_cram_reviews     (EgScheduler        *self,
                                              const EgStudyScope *scope,
                                              const EgPlanScope  *plan,
                                              guint               limit,
                                              GArray             *reviews);
void          _eg_scheduler_plan_new_first   (const EgStudyScope *scope,
                                              const EgPlanScope  *plan,
                                              guint               limit,
                                              GArray             *news);

G_END_DECLS

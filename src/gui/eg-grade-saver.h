/* eg-grade-saver.h - commits a grade without making the main thread wait
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "eg-core.h"

G_BEGIN_DECLS

/* How often a grade that met a busy collection is tried again, and for how
 * long before it is given up (with an error). */
#define EG_GRADE_SAVER_RETRY_MS    100
#define EG_GRADE_SAVER_TIMEOUT_MS  30000

/* A grade as the user gave it. */
typedef struct
{
  gint64        card_id;
  EgFsrsRating  rating;
  gint64        graded_at;     /* ms: the key press; the review is logged at this time */
  gint64        duration_ms;   /* time on the card */
  gboolean      reschedule;    /* FALSE for a preview (see eg_scheduler_grade_full()) */
} EgPendingGrade;

typedef enum
{
  EG_GRADE_SAVE_DONE,      /* committed */
  EG_GRADE_SAVE_WAITING,   /* the collection is busy: ::finished tells how it ends */
  EG_GRADE_SAVE_FAILED,    /* not saved: see the error */
} EgGradeSave;

#define EG_TYPE_GRADE_SAVER (eg_grade_saver_get_type ())
G_DECLARE_FINAL_TYPE (EgGradeSaver, eg_grade_saver, EG, GRADE_SAVER, GObject)

EgGradeSaver         *eg_grade_saver_new          (void);
void                  eg_grade_saver_set_timeout  (EgGradeSaver          *self,
                                                   guint                  timeout_ms);
EgGradeSave           eg_grade_saver_save         (EgGradeSaver          *self,
                                                   EgScheduler           *scheduler,
                                                   EgQueue               *queue,
                                                   const EgPendingGrade  *grade,
                                                   GError               **error);
const EgPendingGrade *eg_grade_saver_get_pending  (EgGradeSaver          *self);
gboolean              eg_grade_saver_finish_now   (EgGradeSaver          *self,
                                                   GError               **error);
void                  eg_grade_saver_cancel       (EgGradeSaver          *self);

G_END_DECLS

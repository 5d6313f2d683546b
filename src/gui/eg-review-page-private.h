/* eg-review-page-private.h - the review page's parts, shared by its files
 *
 * eg-review-page.c shows cards and grades them; eg-review-page-actions.c has
 * the card menu's actions and the done page's; eg-review-page-marks.c the
 * card's marks (flagged, suspended, buried).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-grade-saver.h"
#include "eg-review-page.h"
#include "eg-trace.h"

G_BEGIN_DECLS

struct _EgReviewPage
{
  GtkWidget       parent_instance;

  EgScheduler    *scheduler;
  EgQueue        *queue;
  EgQueueOptions  options;
  gint64         *card_ids;
  GSettings      *settings;
  EgCardView     *card_view;

  EgCard         *card;
  char           *language;
  gboolean        revealed;
  EgGradeSaver   *saver;          /* a grade waiting for a busy collection */

  /* time on the current card, counted only while the window is active */
  gint64          active_since;    /* monotonic µs, 0 while inactive */
  gint64          spent_us;
  GtkWindow      *window;
  gulong          active_handler;

  /* the session */
  guint           reviewed;
  guint           again;
  gint64          session_us;

  /* the change on screen: its token goes with each card shown, for tracing */
  EgTraceSpan     trace;

  gint64        (*clock) (gpointer data);
  gpointer        clock_data;

  /* template widgets */
  GtkWidget      *box;
  AdwWindowTitle *title;
  GtkStack       *stack;
  AdwBin         *card_slot;
  GtkStack       *bar_stack;
  GtkWidget      *reveal_button;
  GtkLabel       *again_interval;
  GtkLabel       *hard_interval;
  GtkLabel       *good_interval;
  GtkLabel       *easy_interval;
  GtkWidget      *good_button;
  GtkSpinner     *saving_spinner;
  GtkWidget      *study_ahead_button;
  AdwStatusPage  *done_page;
  AdwToastOverlay *toast_overlay;   /* around the card: toasts never cover the buttons */
  GtkWidget      *marks_box;
  GtkWidget      *flag_mark;
  GtkWidget      *suspended_mark;
  GtkWidget      *buried_mark;
};

gint64  _eg_review_page_now_ms               (EgReviewPage   *self);
void    _eg_review_page_toast                (EgReviewPage   *self,
                                              const char     *message,
                                              gboolean        with_undo);
void    _eg_review_page_error_toast          (EgReviewPage   *self,
                                              GError         *error);
void    _eg_review_page_clock_pause          (EgReviewPage   *self);
void    _eg_review_page_trace_begin          (EgReviewPage   *self);
void    _eg_review_page_show_next            (EgReviewPage   *self);
void    _eg_review_page_class_add_actions    (GtkWidgetClass *widget_class);
void    _eg_review_page_class_add_marks      (GtkWidgetClass *widget_class);
void    _eg_review_page_update_marks         (EgReviewPage   *self);

/* for tests */
void    _eg_review_page_set_save_timeout     (EgReviewPage   *self,
                                              guint           timeout_ms);

G_END_DECLS

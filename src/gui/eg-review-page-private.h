/* eg-review-page-private.h - the review page's parts, shared by its files
 *
 * eg-review-page.c shows cards and grades them; eg-review-page-actions.c has
 * the card menu's actions; eg-review-page-marks.c the card's marks (flagged,
 * suspended, buried); eg-review-page-done.c the page a session ends on and
 * its choices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-annotator.h"
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
  EgAnnotator    *annotator;       /* of the card view's card */

  EgCard         *card;
  char           *language;
  gboolean        revealed;
  EgGradeSaver   *saver;          /* a grade waiting for a busy collection */

  /* time on the current card (ms), from showing it to grading it, paused
   * while the user is in another window */
  gint64          running_since;
  gboolean        running;
  gboolean        away;            /* the window went inactive */
  gint64          spent_ms;
  GtkWindow      *window;
  gulong          active_handler;

  /* the session */
  char           *scope_title;     /* the deck, the section, or all decks */
  GHashTable     *headings;        /* section id -> its heading as plain text, read
                                    * once a session for each deck shown */
  guint           reviewed;
  guint           again;
  GArray         *durations;       /* gint64 ms of each saved grade, as logged */

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
  AdwStatusPage  *done_page;
  AdwToastOverlay *toast_overlay;   /* around the card: toasts never cover the buttons */
  GtkWidget      *marks_box;
  GtkWidget      *flag_mark;
  GtkWidget      *suspended_mark;
  GtkWidget      *buried_mark;
  GtkWidget      *done_list;
  AdwActionRow   *learn_more_row;
  AdwActionRow   *study_ahead_row;
  AdwActionRow   *preview_row;
  GtkWidget      *learn_more_key;
  GtkWidget      *study_ahead_key;
  GtkWidget      *preview_key;
  GtkWidget      *done_back_button;
};

/* Time on a card counts up to this (a user who walked away) */
#define EG_REVIEW_MAX_CARD_MS (5 * 60 * 1000)
/* Studying ahead takes the reviews due in this many days */
#define EG_REVIEW_AHEAD_DAYS 7

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

/* The page a session ends on (eg-review-page-done.c) */
gint64  _eg_review_page_session_ms           (EgReviewPage   *self);
char   *_eg_review_page_scope_title          (EgReviewPage   *self,
                                              const EgQueueOptions *options);
void    _eg_review_page_show_done            (EgReviewPage   *self);
void    _eg_review_page_class_add_done       (GtkWidgetClass *widget_class);

/* for tests */
void    _eg_review_page_set_save_timeout     (EgReviewPage   *self,
                                              guint           timeout_ms);

G_END_DECLS

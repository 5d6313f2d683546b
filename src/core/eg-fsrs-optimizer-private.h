/* eg-fsrs-optimizer-private.h - internals of the FSRS optimizer, shared
 * by its files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-fsrs-optimizer.h"

G_BEGIN_DECLS

#define EG_OPT_S_MIN       0.001
#define EG_OPT_S_MAX       36500.0
#define EG_OPT_D_MIN       1.0
#define EG_OPT_D_MAX       10.0
#define EG_OPT_INIT_S_MAX  100.0

typedef struct {
  gint64 card_id;
  guint  offset;       /* into EgFsrsItems.reviews */
  guint  n_reviews;    /* the card's kept reviews */
} EgFsrsItemsCard;

typedef struct {
  guint  card;         /* index into EgFsrsItems.cards */
  guint  n_reviews;    /* the item is the card's first n_reviews reviews */
  gint64 last_ms;      /* time of its last review */
  gint64 last_day;     /* its day */
} EgFsrsItemsItem;

struct _EgFsrsItems {
  EgFsrsItemReview *reviews;
  EgFsrsItemsCard  *cards;
  guint             n_cards;
  EgFsrsItemsItem  *items;
  guint             n_items;
};

/* The parameter-derived constants of one forward/backward pass */
typedef struct {
  const double *w;
  double        decay;         /* -w20 */
  double        factor;        /* 0.9^(1/decay) - 1 */
  double        dfactor_ddecay;
  double        exp_w8;
  double        failure_div;   /* exp(w17 * w18) */
  double        easy_d;        /* D0(Easy), unclamped */
  double        exp_3w5;
} EgFsrsPassParams;

/* What the backward pass needs of one step */
typedef struct {
  double state_s, state_d;     /* the state before the step, unclamped */
  double last_s, last_d;       /* clamped */
  double delta_t;
  double r;                    /* R(delta_t, last_s) */
  double branch_a;             /* short: the raw factor; failure: raw; success: inc */
  double pre_clamp_s;
  double mean_d;               /* difficulty before its clamp */
  double g_r;                  /* the loss's gradient on r */
  guint8 rating;
  guint8 kind;                 /* EG_OPT_STEP_* */
  guint8 flag;                 /* short: raw factor used; failure: floor used */
} EgFsrsStepCache;

enum {
  EG_OPT_STEP_INIT,
  EG_OPT_STEP_SHORT,
  EG_OPT_STEP_FAILURE,
  EG_OPT_STEP_SUCCESS,
};

void     _eg_fsrs_pass_params_init (EgFsrsPassParams       *p,
                                    const double           *w);
double   _eg_fsrs_curve            (const EgFsrsPassParams *p,
                                    double                  t,
                                    double                  s);
/* R predicted for each review 1..n-1 of a card into @r_out[1..n-1]
 * (@r_out[0] is set to 0) */
void     _eg_fsrs_card_predict     (const EgFsrsPassParams *p,
                                    const EgFsrsItemReview *reviews,
                                    guint                   n,
                                    double                 *r_out);
/* Sum over t in 1..n-1 of @weights[t] * BCE(R_t, rating_t > 1), with R
 * clamped to [1e-7, 1 - 1e-7] as fsrs-rs trains; adds the gradient to
 * @grad (21 values) unless NULL.  @scratch holds n caches. */
double   _eg_fsrs_card_loss        (const EgFsrsPassParams *p,
                                    const EgFsrsItemReview *reviews,
                                    guint                   n,
                                    const double           *weights,
                                    double                 *grad,
                                    EgFsrsStepCache        *scratch);

/* The whole training loss of @items (every item, recency weights, no
 * outlier filter, no L2) and its gradient: for the gradient tests */
double   _eg_fsrs_items_loss       (const EgFsrsItems      *items,
                                    const double           *w,
                                    double                 *grad);

/* Log loss and RMSE(bins) of the items @order[0..n): weighted by
 * recency in that order, or all alike */
gboolean _eg_fsrs_evaluate_items  (const EgFsrsItems      *items,
                                    const double           *w,
                                    const guint            *order,
                                    guint                   n,
                                    gboolean                recency,
                                    double                 *log_loss,
                                    double                 *rmse_bins,
                                    GError                **error);
/* A copy of @items holding only the items @from..@to-1 */
EgFsrsItems *_eg_fsrs_items_slice (const EgFsrsItems      *items,
                                    guint                   from,
                                    guint                   to);

/* Parameter clamps after each step (one relearning step, short-term on) */
void     _eg_fsrs_clip_training    (double                 *w);

/* Outlier filter and pre-training (eg-fsrs-pretrain.c).
 * @keep[i] tells whether item i stays in the training set; the returned
 * array lists the items that pre-train the initial stabilities. */
GArray  *_eg_fsrs_filter_outliers  (const EgFsrsItems      *items,
                                    gboolean               *keep);
/* Fits w0..w3 into @s0; @rating_count[1..4] (5 values) receives the
 * number of pre-training items by first rating.  FALSE when there is
 * none. */
gboolean _eg_fsrs_pretrain         (const EgFsrsItems      *items,
                                    const GArray           *init_items,
                                    double                  average_recall,
                                    double                 *s0,
                                    guint                  *rating_count);
/* fsrs-rs's smooth_and_fill: puts @s[0..3] in order and fills in the
 * ratings without pre-training items (@rating_count[1..4] == 0); FALSE if
 * no rating has any. */
gboolean _eg_fsrs_smooth_and_fill  (double                 *s,
                                    const guint            *rating_count);

G_END_DECLS

/* eg-fsrs-optimizer.h - fitting the 21 FSRS-6 parameters to a review log
 *
 * Follows fsrs-rs (v6.5.0, the optimizer of Anki and of the
 * @open-spaced-repetition/binding package) step by step, without linking
 * it:
 *   - a review log (the fsrs-rs/srs-benchmark CSV format, or rows from the
 *     collection) becomes training items: one per review made at least a
 *     calendar day after the card's previous one, holding the card's
 *     reviews up to and including it (eg_fsrs_items_new_from_rows());
 *   - the items are evaluated with fsrs-rs's log loss (binary cross-entropy
 *     weighted by recency) and RMSE(bins) (eg_fsrs_evaluate());
 *   - the optimizer filters outliers, pre-trains the four initial
 *     stabilities from the first long-term reviews, then fits all 21
 *     parameters with Adam (cosine-annealed learning rate, batches, L2 pull
 *     towards the start, clamping after every step; analytic gradients),
 *     keeping the parameters of the best epoch (eg_fsrs_optimize()).
 *
 * Deterministic: the same log gives bit-identical parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-fsrs.h"

G_BEGIN_DECLS

#define EG_FSRS_OPTIMIZER_ERROR (eg_fsrs_optimizer_error_quark ())

typedef enum {
  EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,     /* a malformed row or file */
  EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA, /* too few reviews to fit anything */
  EG_FSRS_OPTIMIZER_ERROR_CANCELLED,       /* the progress callback said stop */
  EG_FSRS_OPTIMIZER_ERROR_FAILED,          /* the fit diverged (non-finite) */
} EgFsrsOptimizerError;

GQuark eg_fsrs_optimizer_error_quark (void);

/* Below this many training items (after outlier filtering) fsrs-rs keeps
 * the default parameters; eg_fsrs_optimize() fails with NOT_ENOUGH_DATA. */
#define EG_FSRS_OPTIMIZER_MIN_ITEMS     8
/* Below this many (or when every item is a first long-term review) only
 * the four initial stabilities are fitted. */
#define EG_FSRS_OPTIMIZER_MIN_TRAIN     64

/* One row of a review log */
typedef struct {
  gint64 card_id;
  gint64 review_ms;    /* Unix epoch milliseconds */
  gint64 day;          /* the study day of the review (any origin) */
  int    rating;       /* 1 Again .. 4 Easy */
  int    state;        /* the card's state before the review: 0 New .. 3 Relearning */
} EgFsrsLogRow;

/* One review of a training item */
typedef struct {
  guint32 rating;
  guint32 delta_t;     /* calendar days since the previous review (0 for the first) */
} EgFsrsItemReview;

typedef struct _EgFsrsItems EgFsrsItems;

/* delta_t is the difference of the rows' days */
EgFsrsItems            *eg_fsrs_items_new_from_rows     (const EgFsrsLogRow *rows,
                                                         gsize               n_rows);
/* Day boundaries: a review at ms belongs to day
 * floor((floor(ms / 1000) + @day_offset_s) / 86400); fsrs-rs's
 * convertCsvToFsrsItems with nextDayStartsAt = 0 in UTC is @day_offset_s = 0. */
EgFsrsItems            *eg_fsrs_items_new_from_csv_file (const char         *path,
                                                         gint64              day_offset_s,
                                                         GError            **error);
void                    eg_fsrs_items_free              (EgFsrsItems        *items);
guint                   eg_fsrs_items_get_n_items       (const EgFsrsItems  *items);
/* The @i-th item (in the order fsrs-rs weights them: by the time of the
 * last review, then card id): its reviews, first to last */
const EgFsrsItemReview *eg_fsrs_items_get_item          (const EgFsrsItems  *items,
                                                         guint               i,
                                                         guint              *n_reviews);
gint64                  eg_fsrs_items_get_card_id       (const EgFsrsItems  *items,
                                                         guint               i);

/* fsrs-rs's evaluate() as its binding (and results.json) applies it: the
 * items the outlier filter keeps (first the first long-term reviews, then
 * the others), the recency-weighted log loss of their predicted recall
 * and RMSE(bins).  FALSE (NOT_ENOUGH_DATA) when no item is left, FAILED
 * for a non-finite figure. */
gboolean                eg_fsrs_evaluate                (const EgFsrsItems  *items,
                                                         const double       *w,
                                                         double             *log_loss,
                                                         double             *rmse_bins,
                                                         GError            **error);

typedef enum {
  EG_FSRS_OPTIMIZE_PRETRAINED, /* only w0..w3 fitted, w4..w20 the defaults */
  EG_FSRS_OPTIMIZE_TRAINED,    /* all 21 fitted */
} EgFsrsOptimizeResult;

/* Return FALSE to cancel.  @done of @total units of work. */
typedef gboolean (*EgFsrsOptimizerProgress) (guint    done,
                                             guint    total,
                                             gpointer user_data);

/* Fits the parameters to @items into @w_out (21 values).  On FALSE @w_out
 * is untouched: NOT_ENOUGH_DATA when fsrs-rs would keep the defaults (its
 * message says how many items there are and how many are needed),
 * CANCELLED, or FAILED. */
gboolean                eg_fsrs_optimize                (const EgFsrsItems      *items,
                                                         EgFsrsOptimizerProgress progress,
                                                         gpointer                user_data,
                                                         double                 *w_out,
                                                         EgFsrsOptimizeResult   *result,
                                                         GError                **error);

/* A fit and how it compares, every figure on all the items */
typedef struct {
  double w[EG_FSRS_N_PARAMS];                  /* fitted */
  EgFsrsOptimizeResult result;
  guint  n_items;
  double log_loss, rmse_bins;                  /* of the fit */
  double current_log_loss, current_rmse_bins;  /* of the parameters in use */
  double default_log_loss, default_rmse_bins;  /* of the defaults */
  double ms;                                   /* the time the fit took */
} EgFsrsFit;

gboolean                eg_fsrs_fit                     (const EgFsrsItems      *items,
                                                         const double           *current_w,
                                                         EgFsrsOptimizerProgress progress,
                                                         gpointer                user_data,
                                                         EgFsrsFit              *fit,
                                                         GError                **error);
/* The fall of the log loss from the parameters in use to the fit, in per
 * cent of the former ("predicts your recall N % better"); negative: worse */
double                  eg_fsrs_fit_improvement         (const EgFsrsFit        *fit);

/* Does the fit generalise?  The items whose last review falls on the first
 * @train_share of the days (0.8) fit the parameters; the later items are
 * predicted with them and with the defaults (every item, unweighted, as
 * fsrs-rs's time-series evaluation). */
typedef struct {
  guint  train_items;
  guint  test_items;
  gint64 first_test_day;
  double w[EG_FSRS_N_PARAMS];          /* fitted on the training part */
  EgFsrsOptimizeResult result;
  double log_loss, rmse_bins;          /* of w on the test part */
  double default_log_loss, default_rmse_bins;
} EgFsrsSplitEvaluation;

gboolean                eg_fsrs_evaluate_split          (const EgFsrsItems      *items,
                                                         double                  train_share,
                                                         EgFsrsOptimizerProgress progress,
                                                         gpointer                user_data,
                                                         EgFsrsSplitEvaluation  *out,
                                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgFsrsItems, eg_fsrs_items_free)

G_END_DECLS

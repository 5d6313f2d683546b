/* eg-fsrs.h - FSRS-6 memory model and scheduler (bit-compatible with ts-fsrs 5.4.2)
 *
 * doc/fsrs.md describes the model, the formulas and constants, and the
 * tolerances the tests accept; § in comments refers to its sections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Everything here is a pure function: no I/O, no clock, no global state.
 * Times are Unix milliseconds (UTC) and are always passed in by the caller.
 * Valid review times lie in [EG_FSRS_TIME_MIN_MS, EG_FSRS_TIME_MAX_MS]
 * (0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z). */

#define EG_FSRS_ERROR (eg_fsrs_error_quark ())

typedef enum
{
  EG_FSRS_ERROR_INVALID_PARAMETERS, /* parameter array of an unknown length, bad maximum_interval */
  EG_FSRS_ERROR_INVALID_RETENTION,  /* request_retention outside (0, 1] */
  EG_FSRS_ERROR_INVALID_STEP,       /* unparsable (re)learning step string, too many steps */
  EG_FSRS_ERROR_INVALID_RATING,     /* rating outside Again..Easy */
  EG_FSRS_ERROR_INVALID_CARD,       /* S < 0.001, D < 1, unknown state, negative counters */
  EG_FSRS_ERROR_INVALID_TIME,       /* negative elapsed days, time out of range */
} EgFsrsError;

GQuark eg_fsrs_error_quark (void);

typedef enum
{
  EG_FSRS_STATE_NEW = 0,
  EG_FSRS_STATE_LEARNING = 1,
  EG_FSRS_STATE_REVIEW = 2,
  EG_FSRS_STATE_RELEARNING = 3,
} EgFsrsState;

typedef enum
{
  EG_FSRS_AGAIN = 1,
  EG_FSRS_HARD = 2,
  EG_FSRS_GOOD = 3,
  EG_FSRS_EASY = 4,
} EgFsrsRating;

#define EG_FSRS_N_PARAMS                   21
#define EG_FSRS_MAX_STEPS                  16
#define EG_FSRS_MS_PER_DAY                 G_GINT64_CONSTANT (86400000)
#define EG_FSRS_TIME_MIN_MS                G_GINT64_CONSTANT (-62135596800000)
#define EG_FSRS_TIME_MAX_MS                G_GINT64_CONSTANT (253402300799999)
#define EG_FSRS_S_MIN                      0.001
#define EG_FSRS_S_MAX                      36500.0
#define EG_FSRS_DEFAULT_REQUEST_RETENTION  0.9
#define EG_FSRS_DEFAULT_MAXIMUM_INTERVAL   36500
#define EG_FSRS_JS_NUMBER_BUF_SIZE         32   /* enough for any JS Number.toString() */
#define EG_FSRS_SEED_BUF_SIZE              80   /* enough for any fuzz seed string */

/* Scheduler configuration.  Plain data, may be copied by value; fill it with
 * eg_fsrs_params_init() (never by hand: w is clipped and the derived fields
 * must agree with it). */
typedef struct
{
  double   w[EG_FSRS_N_PARAMS];   /* clipped FSRS-6 parameters */
  double   request_retention;     /* in (0, 1] */
  int      maximum_interval;      /* days, >= 1 */
  gboolean enable_fuzz;
  gboolean enable_short_term;     /* TRUE: (re)learning steps and same-day rule */
  int      learning_steps[EG_FSRS_MAX_STEPS];    /* minutes */
  guint    n_learning_steps;
  int      relearning_steps[EG_FSRS_MAX_STEPS];  /* minutes */
  guint    n_relearning_steps;
  /* derived */
  double   decay;                 /* -w[20] */
  double   factor;                /* round8 (0.9^(1/decay) - 1) */
  double   interval_modifier;     /* round8 ((rr^(1/decay) - 1) / factor) */
} EgFsrsParams;

/* The card's scheduling record.  last_review == 0 means "never reviewed". */
typedef struct
{
  EgFsrsState state;
  double      stability;       /* days */
  double      difficulty;      /* 1..10, 0 for new cards */
  gint64      due;             /* ms */
  gint64      last_review;     /* ms, 0 = none */
  int         elapsed_days;    /* calendar days since the previous review, at the last review */
  int         scheduled_days;
  int         reps;
  int         lapses;
  int         learning_steps;  /* index into the current (re)learning step list */
} EgFsrsCard;

/* Baagoe's Alea generator as used by ts-fsrs for fuzz. */
typedef struct
{
  double s0, s1, s2, c;
} EgFsrsAlea;

/* --- numeric helpers (JavaScript semantics) --- */
double       eg_fsrs_jsround              (double       x);
double       eg_fsrs_round8               (double       x);
double       eg_fsrs_to_fixed8            (double       x);
const char  *eg_fsrs_format_js_number     (double       value,
                                           char        *buffer);

/* --- parameters --- */
const double *eg_fsrs_default_weights     (void);
void         eg_fsrs_parameter_bounds     (guint        index,
                                           gboolean     enable_short_term,
                                           double      *lo,
                                           double      *hi);
void         eg_fsrs_clip_parameters      (const double *w,
                                           guint         n_w,
                                           guint         n_relearning_steps,
                                           gboolean      enable_short_term,
                                           double       *out);
gboolean     eg_fsrs_migrate_parameters   (const double *w,
                                           guint         n_w,
                                           guint         n_relearning_steps,
                                           gboolean      enable_short_term,
                                           double       *out);
gboolean     eg_fsrs_parse_step           (const char   *step,
                                           int          *minutes,
                                           GError      **error);
gboolean     eg_fsrs_params_init          (EgFsrsParams       *params,
                                           const double       *w,
                                           guint               n_w,
                                           double              request_retention,
                                           int                 maximum_interval,
                                           gboolean            enable_fuzz,
                                           gboolean            enable_short_term,
                                           const char * const *learning_steps,
                                           const char * const *relearning_steps,
                                           GError            **error);
void         eg_fsrs_params_init_default  (EgFsrsParams *params);

/* --- memory model --- */
double       eg_fsrs_forgetting_curve     (const EgFsrsParams *params,
                                           double              elapsed_days,
                                           double              stability);
double       eg_fsrs_init_stability       (const EgFsrsParams *params,
                                           EgFsrsRating        rating);
double       eg_fsrs_init_difficulty      (const EgFsrsParams *params,
                                           EgFsrsRating        rating);
double       eg_fsrs_next_difficulty      (const EgFsrsParams *params,
                                           double              difficulty,
                                           EgFsrsRating        rating);
double       eg_fsrs_next_recall_stability (const EgFsrsParams *params,
                                            double              difficulty,
                                            double              stability,
                                            double              retrievability,
                                            EgFsrsRating        rating);
double       eg_fsrs_next_forget_stability (const EgFsrsParams *params,
                                            double              difficulty,
                                            double              stability,
                                            double              retrievability);
double       eg_fsrs_next_short_term_stability (const EgFsrsParams *params,
                                                double              stability,
                                                EgFsrsRating        rating);
gboolean     eg_fsrs_next_state           (const EgFsrsParams *params,
                                           double              stability,
                                           double              difficulty,
                                           int                 elapsed_days,
                                           EgFsrsRating        rating,
                                           double             *next_stability,
                                           double             *next_difficulty,
                                           GError            **error);

/* --- intervals and fuzz --- */
void         eg_fsrs_alea_init            (EgFsrsAlea   *alea,
                                           const char   *seed);
double       eg_fsrs_alea_next            (EgFsrsAlea   *alea);
const char  *eg_fsrs_fuzz_seed            (char         *buffer,
                                           gint64        now_ms,
                                           int           reps,
                                           double        difficulty_times_stability);
void         eg_fsrs_fuzz_range           (double        interval,
                                           int           elapsed_days,
                                           int           maximum_interval,
                                           int          *min_interval,
                                           int          *max_interval);
int          eg_fsrs_apply_fuzz           (const char   *seed,
                                           int           interval,
                                           int           elapsed_days,
                                           int           maximum_interval);
int          eg_fsrs_next_interval        (const EgFsrsParams *params,
                                           double              stability,
                                           int                 elapsed_days,
                                           const char         *fuzz_seed);

/* --- scheduler --- */
gint64       eg_fsrs_elapsed_days         (gint64        last_review_ms,
                                           gint64        now_ms);
void         eg_fsrs_card_init_new        (EgFsrsCard   *card,
                                           gint64        created_ms);
gboolean     eg_fsrs_review               (const EgFsrsParams *params,
                                           const EgFsrsCard   *card,
                                           gint64              now_ms,
                                           EgFsrsRating        rating,
                                           EgFsrsCard         *out,
                                           GError            **error);
gboolean     eg_fsrs_preview              (const EgFsrsParams *params,
                                           const EgFsrsCard   *card,
                                           gint64              now_ms,
                                           EgFsrsCard          out[4],
                                           GError            **error);
double       eg_fsrs_retrievability       (const EgFsrsParams *params,
                                           const EgFsrsCard   *card,
                                           gint64              now_ms);

G_END_DECLS

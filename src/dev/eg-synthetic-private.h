/* eg-synthetic-private.h - what the parts of the synthetic-collection generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The generator is split by concern: the simulated user
 * (eg-synthetic-sim.c), planning and running the simulation on threads
 * (eg-synthetic-run.c), the cards' Markdown (eg-synthetic-text.c) and
 * writing the collection (eg-synthetic.c).  This header holds the types
 * and tunables they share.
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

/* The generator's tunables */
#define N_DECKS            4
#define SECTIONS_PER_DECK  25

#define MS_PER_MINUTE      G_GINT64_CONSTANT (60000)
#define MS_PER_HOUR        G_GINT64_CONSTANT (3600000)

#define NEW_PER_DAY        20.0   /* the fewest new cards a study day brings */
#define PLAN_DAYS          730    /* introduce the cards over two years when that is enough */
#define MAX_SPAN_DAYS      10957  /* thirty years: the oldest review there can be */
#define SKIP_PROBABILITY   0.06   /* days without any study */
#define PLAN_MARGIN        1.10   /* plan for this many times the reviews wanted */
#define MAX_ATTEMPTS       6

#define CHUNK_RANKS        256    /* cards a thread simulates at a time */
#define CALIBRATION_CARDS  64     /* cards simulated for each age */

/* Independent random streams */
enum
{
  SALT_SKIP = 1,
  SALT_SESSION,
  SALT_LENGTH,
  SALT_NEW,
  SALT_NEW_FRACTION,
  SALT_CARD,
  SALT_CALIBRATION,
  SALT_TEXT,
};

enum
{
  DAY_SKIPPED  = 1 << 0,
  DAY_VERIFIED = 1 << 1,
};

/* ------------------------------------------------------------------ */
/* Random numbers: SplitMix64, one stream per (seed, salt, key)         */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint64 state;
} Rng;

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
rng_init (Rng     *rng,
          guint32  seed,
          guint64  salt,
          guint64  key)
{
  rng->state = mix64 (mix64 (((guint64) seed << 16) ^ salt) ^ mix64 (key + salt));
}

static inline guint64
rng_next (Rng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

/* Uniform in [0, 1) */
static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_double (rng) * n);
}

static inline double
hash01 (guint32 seed,
        guint64 salt,
        gint64  key)
{
  Rng rng;

  rng_init (&rng, seed, salt, (guint64) key);
  return rng_double (&rng);
}

/* ------------------------------------------------------------------ */
/* The simulated user (eg-synthetic-sim.c)                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  EgFsrsParams  params;
  int           day_start_hour;
  guint32       seed;
  gint64        now_ms;
  int           today;
  int           first_day;        /* the day tables start here */
  int           n_days;           /* first_day .. today + 1 */
  gint64       *day_start;        /* n_days + 1 entries */
  gint64       *session_start;
  gint64       *session_length;
  guint8       *day_flags;
  GCancellable *cancellable;
} Sim;

/* One review, as the card is after it (the row's "before" is the previous
 * review of the same card, or a new card).
 */
typedef struct
{
  gint64   reviewed_at;
  gint64   due;
  double   stability;
  double   difficulty;
  gint32   elapsed_days;
  gint32   scheduled_days;
  gint32   reps;
  gint32   lapses;
  gint32   day;
  guint16  duration_ms;
  guint8   rating;
  guint8   state;
  guint8   learning_steps;
} Review;

static inline gint64
day_start_of (const Sim *sim,
              int        day)
{
  return sim->day_start[day - sim->first_day];
}

static inline gboolean
day_is_skipped (const Sim *sim,
                int        day)
{
  return (sim->day_flags[day - sim->first_day] & DAY_SKIPPED) != 0;
}

gboolean _eg_synthetic_sim_init          (Sim                        *sim,
                                         const EgSchedulerSettings  *settings,
                                         guint                       n_reviews,
                                         guint32                     seed,
                                         gint64                      now_ms,
                                         GCancellable               *cancellable,
                                         GError                    **error);
void     _eg_synthetic_sim_clear         (Sim                        *sim);
int      _eg_synthetic_previous_study_day (const Sim                 *sim,
                                          int                        day);
gboolean _eg_synthetic_simulate_card     (const Sim                  *sim,
                                         guint64                     salt,
                                         guint64                     stream,
                                         int                         intro_day,
                                         GArray                     *reviews,
                                         guint                      *n_out,
                                         GError                    **error);

/* ------------------------------------------------------------------ */
/* Planning, and simulating every card on threads (eg-synthetic-run.c)  */
/* ------------------------------------------------------------------ */

typedef gboolean (*TaskFunc) (gpointer   data,
                              guint      task,
                              GError   **error);

typedef struct
{
  TaskFunc    func;
  gpointer    data;
  guint       n_tasks;
  gint        next;      /* atomic: the next task to take */
  gint        stop;      /* atomic */
  GMutex      lock;
  GCond       cond;
  gboolean   *done;      /* under lock */
  GError     *error;     /* under lock: the first failure */
  GPtrArray  *threads;
} Pool;

#define N_CALIBRATION_AGES 33

typedef struct
{
  const Sim *sim;
  double     mean[N_CALIBRATION_AGES];   /* reviews of a card of that age */
} Calibration;

typedef struct
{
  double rate;   /* new cards on an average study day */
  int    gap;    /* days between the last new card and today */
} Plan;

typedef struct
{
  GArray *reviews;   /* Review */
  guint  *first;     /* per rank: its first review; first[n_ranks] = reviews->len */
  guint   n_ranks;
} Chunk;

typedef struct
{
  const Sim  *sim;
  const int  *intro_day;
  guint       n_ranks;
  guint       n_chunks;
  Chunk      *chunks;
  guint       last_rank;   /* the oldest card introduced */
  guint64     total;       /* reviews of ranks 0 .. last_rank */
  Pool        pool;
  gboolean    running;
} Run;

static inline const Review *
run_review (const Run *run,
            guint      rank,
            guint      index)
{
  const Chunk *chunk = &run->chunks[rank / CHUNK_RANKS];

  return &g_array_index (chunk->reviews, Review, chunk->first[rank % CHUNK_RANKS] + index);
}

static inline guint
run_count (const Run *run,
           guint      rank)
{
  const Chunk *chunk = &run->chunks[rank / CHUNK_RANKS];
  guint r = rank % CHUNK_RANKS;

  return chunk->first[r + 1] - chunk->first[r];
}

/* A review in the order of the log */
typedef struct
{
  gint64  reviewed_at;
  guint32 rank;
  guint32 index;
} Entry;

gboolean _eg_synthetic_calibrate      (const Sim          *sim,
                                     Calibration        *calibration,
                                     GError            **error);
gboolean _eg_synthetic_plan_and_start (Run                *run,
                                      const Sim          *sim,
                                      const Calibration  *calibration,
                                      guint               n_cards,
                                      guint               n_reviews,
                                      double              margin,
                                      int                *intro_day,
                                      Plan               *plan,
                                      GError            **error);
gboolean _eg_synthetic_run_wait       (Run                *run,
                                      guint               n_reviews,
                                      GError            **error);
void     _eg_synthetic_run_clear      (Run                *run);
Entry   *_eg_synthetic_order_reviews  (const Run          *run,
                                      guint               n_reviews,
                                      guint              *kept);

/* ------------------------------------------------------------------ */
/* Card text (eg-synthetic-text.c)                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char * const *words;
  guint               n;
} Words;


typedef struct
{
  const char *title;
  double      code_share;   /* cards about programming */
  Words       topics;
  Words       nouns;
} Theme;

typedef struct
{
  char      *question;
  char      *answer;
  GPtrArray *parts;   /* EgCardPart */
  char      *hash;
} CardText;

const Theme *_eg_synthetic_theme            (guint        deck);
const char  *_eg_synthetic_emoji            (guint        index);
void         _eg_synthetic_make_card_text   (guint32      seed,
                                             guint        index,
                                             const Theme *theme,
                                             CardText    *text);
void         _eg_synthetic_card_text_clear  (CardText    *text);

G_END_DECLS

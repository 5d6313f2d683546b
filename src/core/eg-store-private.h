/* eg-store-private.h - what the files of the store share, and the core's
 * internal access to the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "eg-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A new card, as _eg_store_insert_card() writes it. */
typedef struct
{
  gint64      deck_id;
  gint64      section_id;
  const char *key;
  int         number;
  int         position;
  const char *question;
  const char *answer;
  GPtrArray  *parts;          /* EgCardPart */
  const char *content_hash;
  const char *imported_hash;  /* the text as imported from its deck file, or NULL */
} EgNewCard;

/* A deck's rows as the importer compares them with its file
 * (eg-store-import.c).  Strings live in the deck's string chunk.
 */
typedef struct
{
  gint64      id;
  gint64      section_id;
  const char *key;
  int         number;
  int         position;
  gboolean    in_source;
  gboolean    deleted;
  const char *content_hash;
  const char *imported_hash;  /* NULL for a card never imported */
} EgStoredCard;

typedef struct
{
  gint64      id;
  const char *heading;
  const char *source;
  int         position;
} EgStoredSection;

typedef struct
{
  gint64        id;              /* 0: no such deck yet */
  const char   *title;
  const char   *source_path;
  const char   *default_language;
  GHashTable   *sections;        /* key -> EgStoredSection */
  GArray       *cards;           /* EgStoredCard */
  GStringChunk *strings;
} EgStoredDeck;

sqlite3      *_eg_store_get_db        (EgStore     *self);
sqlite3_stmt *_eg_store_cached        (EgStore     *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _eg_store_step_done     (EgStore       *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gint64        _eg_store_insert_card   (EgStore         *self,
                                       const EgNewCard *card,
                                       gint64           now_ms,
                                       GError         **error);
gboolean      _eg_store_reindex_card  (EgStore     *self,
                                       gint64       card_id,
                                       GError     **error);
gboolean      _eg_store_replace_card_content (EgStore     *self,
                                              gint64       card_id,
                                              const char  *question,
                                              const char  *answer,
                                              GPtrArray   *parts,
                                              const char  *content_hash,
                                              gboolean     imported,
                                              gint64       now_ms,
                                              GError     **error);
sqlite3_stmt *_eg_store_prepare       (EgStore     *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _eg_store_exec          (EgStore     *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _eg_store_begin         (EgStore     *self,
                                       GError     **error);
gboolean      _eg_store_commit        (EgStore     *self,
                                       GError     **error);
void          _eg_store_rollback      (EgStore     *self);
gboolean      _eg_store_set_error     (EgStore     *self,
                                       GError     **error,
                                       const char  *what);

/* Importing (eg-store-import.c) */
gboolean      _eg_store_begin_read    (EgStore     *self,
                                       GError     **error);
gint64        _eg_store_data_version  (EgStore     *self,
                                       GError     **error);
EgStoredDeck *_eg_store_read_deck     (EgStore     *self,
                                       const char  *deck_key,
                                       GError     **error);
void          _eg_stored_deck_free    (EgStoredDeck *deck);
gint64        _eg_store_write_deck    (EgStore     *self,
                                       gint64       deck_id,
                                       const char  *key,
                                       const char  *title,
                                       const char  *source_path,
                                       const char  *default_language,
                                       gint64       now_ms,
                                       GError     **error);
gint64        _eg_store_write_section (EgStore     *self,
                                       gint64       deck_id,
                                       gint64       section_id,
                                       const char  *key,
                                       const char  *heading,
                                       const char  *source,
                                       int          position,
                                       GError     **error);
gboolean      _eg_store_place_card    (EgStore     *self,
                                       gint64       card_id,
                                       gint64       section_id,
                                       int          number,
                                       int          position,
                                       GError     **error);
gboolean      _eg_store_set_imported_hash (EgStore     *self,
                                           gint64       card_id,
                                           const char  *hash,
                                           GError     **error);
gboolean      _eg_store_set_not_in_source (EgStore     *self,
                                           gint64       card_id,
                                           GError     **error);
char         *_eg_store_get_question  (EgStore     *self,
                                       gint64       card_id,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgStoredDeck, _eg_stored_deck_free)

/* Reads the columns EG_STORE_STATE_COLUMNS (eg-store-sql.h) from @first_column on */
void          _eg_store_read_state    (sqlite3_stmt *stmt,
                                       int           first_column,
                                       EgCardState  *state);

/* Placing highlights again when a card's text changes (eg-store-reanchor.c) */
gboolean      _eg_store_reanchor_card (EgStore       *self,
                                       const EgCard  *card,
                                       guint         *placed,
                                       guint         *orphaned,
                                       GError       **error);
EgAnchor     *_eg_annotation_place_in_text (const EgAnchor *anchor,
                                            const char     *text);

/* Decks and sections (eg-store-decks.c) */
void          _eg_store_split_key     (const char   *key,
                                       char        **deck_key,
                                       char        **rest);

static inline char *
_eg_store_column_dup (sqlite3_stmt *stmt,
                      int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/* The review log (eg-store-reviews.c) */
gint64        _eg_store_append_review (EgStore        *self,
                                       const EgReview *review,
                                       GError        **error);
gboolean      _eg_store_delete_review (EgStore        *self,
                                       gint64          review_id,
                                       GError        **error);
int           _eg_store_count_graded  (EgStore        *self,
                                       int             day,
                                       int             state_before,
                                       GError        **error);

/* One card's history, as eg_scheduler_rebuild() replays it */
typedef struct
{
  gint64  card_id;
  gint64  created;
  guint   first;      /* its first row in the rows array */
  guint   n_rows;
} EgStoreHistory;

/* A grade that rescheduled its card (rating 0: reset to new) */
typedef struct
{
  gint64  reviewed_at;
  int     rating;
  int     day;
} EgStoreHistoryRow;

gboolean      _eg_store_read_history  (EgStore        *self,
                                       GArray         *cards,
                                       GArray         *rows,
                                       GError        **error);

/* Scheduling (eg-store-study.c) */

/* A card as the study queue takes it */
typedef struct
{
  gint64  card_id;
  int     state;        /* EgFsrsState */
  gint64  due;          /* ms */
  int     reps;
  gint64  last_review;  /* ms, 0 when never reviewed */
} EgStudyCard;

/* Which cards a study session takes */
typedef struct
{
  gint64  deck_id;      /* 0: every deck */
  gint64  section_id;   /* 0: every section */
  gint64  now_ms;       /* buried until later: left out */
} EgStudyScope;

/* A statement's cards of @scope: its SQL says EG_STORE_SQL_IN_SCOPE and
 * takes the time as ?1 */
void          _eg_store_bind_scope       (sqlite3_stmt       *stmt,
                                          const EgStudyScope *scope);

gboolean      _eg_store_list_learning    (EgStore            *self,
                                          const EgStudyScope *scope,
                                          gint64              before_ms,
                                          GArray             *cards,
                                          GError            **error);
gboolean      _eg_store_list_due_reviews (EgStore            *self,
                                          const EgStudyScope *scope,
                                          int                 day,
                                          guint               limit,
                                          GArray             *cards,
                                          GError            **error);
gboolean      _eg_store_list_new_cards   (EgStore            *self,
                                          const EgStudyScope *scope,
                                          guint               limit,
                                          GArray             *cards,
                                          GError            **error);
gboolean      _eg_store_list_not_learning (EgStore            *self,
                                           const EgStudyScope *scope,
                                           GArray             *cards,
                                           GError            **error);
/* How many cards a session could take (eg-store-study-counts.c) */
typedef struct
{
  guint new_cards;
  guint due_today;      /* review cards due today or before */
  guint due_by_ahead;   /* review cards due by the day ahead, today's included */
  guint not_learning;   /* new and review cards */
  guint learning;       /* (re)learning cards due before the time given */
} EgStudyCounts;

gboolean      _eg_store_count_study      (EgStore            *self,
                                          const EgStudyScope *scope,
                                          int                 today,
                                          int                 ahead_day,
                                          gint64              learning_before,
                                          EgStudyCounts      *counts,
                                          GError            **error);
gboolean      _eg_store_get_study_card   (EgStore            *self,
                                          gint64              card_id,
                                          EgStudyCard        *card,
                                          gboolean           *found,
                                          GError            **error);

/* A card of an interview plan's scope (eg-store-plan.c) */
typedef struct
{
  gint64       card_id;
  gint64       deck_id;
  gint64       section_id;
  gboolean     buried;     /* at the time given */
  EgCardState  state;
} EgScopeCard;

gboolean      _eg_store_list_scope_cards (EgStore            *self,
                                          gint64              deck_id,
                                          gint64              now_ms,
                                          GArray             *cards,
                                          GError            **error);

/* A card's rows as a change found them, to put back on undo */
typedef struct
{
  gint64          card_id;
  EgCardState     state;
  int             flag;
  gboolean        suspended;
  gint64          buried_until;
  gint64          deleted;
  sqlite3_value  *columns[32];   /* the card_state row, column by column */
  int             n_columns;
} EgCardSnapshot;

EgCardSnapshot *_eg_store_snapshot_card  (EgStore            *self,
                                          gint64              card_id,
                                          GError            **error);
gboolean      _eg_store_restore_snapshot (EgStore              *self,
                                          const EgCardSnapshot *snapshot,
                                          GError              **error);
void          _eg_card_snapshot_free     (EgCardSnapshot     *snapshot);

gboolean      _eg_store_write_state      (EgStore            *self,
                                          gint64              card_id,
                                          const EgCardState  *state,
                                          GError            **error);

typedef enum
{
  EG_CARD_FIELD_FLAG,
  EG_CARD_FIELD_SUSPENDED,
  EG_CARD_FIELD_BURIED_UNTIL,
  EG_CARD_FIELD_DELETED,
} EgCardField;

gboolean      _eg_store_set_card_field   (EgStore            *self,
                                          gint64              card_id,
                                          EgCardField         field,
                                          gint64              value,
                                          GError            **error);

/* A card as the statistics see it */
typedef struct
{
  gint64    section_id;
  int       state;
  double    stability;
  gint64    last_review;
  gboolean  reviewed;     /* it has a last review */
  gboolean  due;          /* see EG_STORE_SQL_DUE */
  gboolean  active;       /* neither suspended nor buried */
} EgStudyState;

typedef void (*EgStudyStateFunc) (const EgStudyState *state,
                                  gpointer            user_data);

gboolean      _eg_store_foreach_state    (EgStore            *self,
                                          gint64              now_ms,
                                          int                 day,
                                          gint64              day_end_ms,
                                          EgStudyStateFunc    func,
                                          gpointer            user_data,
                                          GError            **error);
gboolean      _eg_store_count_reviews_ahead (EgStore         *self,
                                             gint64           now_ms,
                                             int              day,
                                             guint            n_days,
                                             guint           *counts,
                                             GError         **error);
gboolean      _eg_store_list_learning_due (EgStore           *self,
                                           gint64             now_ms,
                                           GArray            *due,
                                           GError           **error);

/* The statistics' rows (eg-store-stats.c), for the cards of a scope */
typedef struct
{
  guint   reviews;               /* grades */
  gint64  duration_ms;           /* their time */
  guint   again;                 /* rated Again */
  guint   review_state;          /* grades of cards in the review state */
  guint   review_state_passed;   /* those not rated Again */
} EgStoreDayReviews;

typedef struct
{
  int   day;
  guint reviews;
} EgStoreDayCount;

typedef struct
{
  int   day;
  guint reviews;                 /* grades of cards in the review state */
  guint passed;                  /* those not rated Again */
} EgStoreDayRetention;

gboolean      _eg_store_stats_retention_days (EgStore          *self,
                                              const EgStudyScope *scope,
                                              int               first_day,
                                              int               last_day,
                                              GArray           *days,
                                              GError          **error);
gboolean      _eg_store_stats_mature     (EgStore            *self,
                                          const EgStudyScope *scope,
                                          int                 min_interval,
                                          GHashTable         *counts,
                                          GError            **error);
gboolean      _eg_store_stats_studied    (EgStore            *self,
                                          const EgStudyScope *scope,
                                          GArray             *cards,
                                          GError            **error);
gboolean      _eg_store_stats_day        (EgStore            *self,
                                          const EgStudyScope *scope,
                                          int                 day,
                                          EgStoreDayReviews  *reviews,
                                          GError            **error);
gboolean      _eg_store_stats_review_days (EgStore           *self,
                                           const EgStudyScope *scope,
                                           int                last_day,
                                           GArray            *days,
                                           GError           **error);
gboolean      _eg_store_stats_states     (EgStore            *self,
                                          const EgStudyScope *scope,
                                          guint              *counts,
                                          GError            **error);
gboolean      _eg_store_stats_reviews_due (EgStore           *self,
                                           const EgStudyScope *scope,
                                           int                day,
                                           guint              n_days,
                                           guint             *counts,
                                           GError           **error);
gboolean      _eg_store_stats_learning_due (EgStore          *self,
                                            const EgStudyScope *scope,
                                            GArray           *due,
                                            GError          **error);

/* What eg_scheduler_next_due() weighs; 0 where there is none */
typedef struct
{
  gint64    learning_due;   /* the first (re)learning step after now */
  int       review_day;     /* the first day after today a review is due */
  gboolean  has_review_day;
  gboolean  waiting;        /* reviews, or new cards, left for today */
  gint64    unburied;       /* the first burial that ends */
} EgStudyNext;

gboolean      _eg_store_next_due         (EgStore            *self,
                                          gint64              now_ms,
                                          int                 day,
                                          gboolean            new_cards_come,
                                          EgStudyNext        *next,
                                          GError            **error);

/* The file (eg-store-file.c) */
gboolean      _eg_store_set_sqlite_error (sqlite3     *db,
                                          GError     **error,
                                          const char  *what);
gboolean      _eg_store_set_sqlite_error_for (sqlite3     *db,
                                              const char  *path,
                                              GError     **error,
                                              const char  *what);
gboolean      _eg_store_exec_sql      (sqlite3     *db,
                                       const char  *sql,
                                       GError     **error);
int           _eg_store_read_user_version (sqlite3 *db);
gboolean      _eg_store_identify      (sqlite3     *db,
                                       const char  *path,
                                       int          n_versions,
                                       GError     **error);
gboolean      _eg_store_claim         (sqlite3     *db,
                                       GError     **error);
gboolean      _eg_store_quick_check   (sqlite3       *db,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean      _eg_store_set_io_error  (GError     **error,
                                       int          errsv,
                                       const char  *what,
                                       const char  *path);
gboolean      _eg_store_sync_path     (const char  *path,
                                       gboolean     folder,
                                       GError     **error);
char         *_eg_store_describe_finding (const char *finding);
void          _eg_store_stamp         (const char  *path);
gboolean      _eg_store_stamp_matches (const char  *path);
gboolean      _eg_store_create_file   (const char  *path,
                                       int          n_versions,
                                       GError     **error);
void          _eg_store_count_file    (const char  *path,
                                       int         *cards,
                                       int         *reviews);

/* Backups (eg-store-backup.c): the copy taken before an upgrade, and the
 * collection moved aside before a new one takes its name. */
gboolean      _eg_store_back_up_for_upgrade (EgStore  *self,
                                             GError  **error);
char         *_eg_store_set_aside     (const char  *path,
                                       GError     **error);

/* The states kept across a change of the FSRS parameters
 * (eg-store-weights.c); inside the caller's transaction */
gboolean      _eg_store_keep_states          (EgStore     *self,
                                              GError     **error);
gboolean      _eg_store_restore_kept_states  (EgStore     *self,
                                              guint       *n_cards,
                                              GError     **error);
gboolean      _eg_store_forget_kept_states   (EgStore     *self,
                                              GError     **error);
gboolean      _eg_store_last_review_id       (EgStore     *self,
                                              gint64      *id,
                                              GError     **error);
gboolean      _eg_store_delete_setting       (EgStore     *self,
                                              const char  *key,
                                              GError     **error);

/* Migrations, for the tests: bring a database at any version up to @version. */
int           _eg_store_n_migrations  (void);
gboolean      _eg_store_migrate_db    (sqlite3     *db,
                                       int          version,
                                       GError     **error);

G_END_DECLS

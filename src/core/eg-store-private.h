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

/* The columns _eg_store_read_state() reads, card_state aliased as "s". */
#define EG_STORE_STATE_COLUMNS \
  "s.state, s.due, s.stability, s.difficulty, s.elapsed_days, s.scheduled_days," \
  " s.reps, s.lapses, s.learning_steps, s.last_review, s.due_day"

void          _eg_store_read_state    (sqlite3_stmt *stmt,
                                       int           first_column,
                                       EgCardState  *state);

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

/* Migrations, for the tests: bring a database at any version up to @version. */
int           _eg_store_n_migrations  (void);
gboolean      _eg_store_migrate_db    (sqlite3     *db,
                                       int          version,
                                       GError     **error);

G_END_DECLS

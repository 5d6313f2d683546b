/* eg-store-private.h - internal access to the collection for the core
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
} EgNewCard;

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
/* The columns _eg_store_read_state() reads, card_state aliased as "s". */
#define EG_STORE_STATE_COLUMNS \
  "s.state, s.due, s.stability, s.difficulty, s.elapsed_days, s.scheduled_days," \
  " s.reps, s.lapses, s.learning_steps, s.last_review, s.due_day"

void          _eg_store_read_state    (sqlite3_stmt *stmt,
                                       int           first_column,
                                       EgCardState  *state);

/* Migrations, for the tests: bring a database at any version up to @version. */
int           _eg_store_n_migrations  (void);
gboolean      _eg_store_migrate_db    (sqlite3     *db,
                                       int          version,
                                       GError     **error);

G_END_DECLS

/* eg-store-schema.c - the tables of the collection and their migrations
 *
 * The one description of the schema: each migration upgrades it by one
 * version.  The other files of the store (eg-store-*.c) read and write
 * these tables; nothing outside the store does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

/* Each entry upgrades the schema from version i to i + 1.  Never edit an
 * entry once it has shipped: add a new one and bump EG_STORE_SCHEMA_VERSION.
 */
static const char * const migrations[] = {
  /* 0 -> 1: the initial schema */
  "CREATE TABLE decks ("
  "  id               INTEGER PRIMARY KEY,"
  "  key              TEXT NOT NULL UNIQUE,"
  "  title            TEXT NOT NULL,"
  "  source_path      TEXT,"
  "  default_language TEXT,"
  "  position         INTEGER NOT NULL DEFAULT 0,"
  "  created          INTEGER NOT NULL,"
  "  modified         INTEGER NOT NULL"
  ");"
  "CREATE TABLE sections ("
  "  id       INTEGER PRIMARY KEY,"
  "  deck_id  INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  key      TEXT NOT NULL,"
  "  heading  TEXT NOT NULL,"
  "  source   TEXT,"
  "  position INTEGER NOT NULL,"
  "  UNIQUE (deck_id, key)"
  ");"
  "CREATE TABLE cards ("
  "  id           INTEGER PRIMARY KEY,"
  "  deck_id      INTEGER NOT NULL REFERENCES decks (id),"
  "  section_id   INTEGER NOT NULL REFERENCES sections (id),"
  "  key          TEXT NOT NULL,"
  "  number       INTEGER NOT NULL,"
  "  position     INTEGER NOT NULL,"
  "  question     TEXT NOT NULL,"
  "  answer       TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  created      INTEGER NOT NULL,"
  "  modified     INTEGER NOT NULL,"
  "  flag         INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7),"
  "  suspended    INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),"
  "  buried_until INTEGER NOT NULL DEFAULT 0,"
  "  in_source    INTEGER NOT NULL DEFAULT 1 CHECK (in_source IN (0, 1)),"
  "  deleted      INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (deck_id, key)"
  ");"
  "CREATE INDEX cards_section ON cards (section_id, position);"
  "CREATE INDEX cards_key ON cards (key);"
  "CREATE TABLE card_parts ("
  "  card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  text     TEXT NOT NULL,"
  "  PRIMARY KEY (card_id, position)"
  ") WITHOUT ROWID;"
  /* FSRS memory state; times are ms since the epoch (UTC) */
  "CREATE TABLE card_state ("
  "  card_id        INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,"
  "  state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  due            INTEGER NOT NULL,"
  "  stability      REAL NOT NULL DEFAULT 0,"
  "  difficulty     REAL NOT NULL DEFAULT 0,"
  "  elapsed_days   INTEGER NOT NULL DEFAULT 0,"
  "  scheduled_days INTEGER NOT NULL DEFAULT 0,"
  "  reps           INTEGER NOT NULL DEFAULT 0,"
  "  lapses         INTEGER NOT NULL DEFAULT 0,"
  "  learning_steps INTEGER NOT NULL DEFAULT 0,"
  "  last_review    INTEGER"
  ");"
  "CREATE INDEX card_state_due ON card_state (state, due);"
  /* Append-only.  rating 0 is a manual change (reset to new). */
  "CREATE TABLE review_log ("
  "  id                INTEGER PRIMARY KEY,"
  "  card_id           INTEGER NOT NULL REFERENCES cards (id),"
  "  reviewed_at       INTEGER NOT NULL,"
  "  rating            INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),"
  "  state_before      INTEGER NOT NULL,"
  "  state_after       INTEGER NOT NULL,"
  "  stability_before  REAL NOT NULL,"
  "  stability_after   REAL NOT NULL,"
  "  difficulty_before REAL NOT NULL,"
  "  difficulty_after  REAL NOT NULL,"
  "  elapsed_days      INTEGER NOT NULL,"
  "  scheduled_days    INTEGER NOT NULL,"
  "  due_after         INTEGER NOT NULL,"
  "  duration_ms       INTEGER NOT NULL DEFAULT 0,"
  "  rescheduled       INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);"
  "CREATE INDEX review_log_time ON review_log (reviewed_at);"
  "CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log BEGIN"
  "  SELECT RAISE (ABORT, 'the review log is append-only');"
  "END;"
  /* Highlights and notes, anchored by a W3C-style text quote selector */
  "CREATE TABLE annotations ("
  "  id             INTEGER PRIMARY KEY,"
  "  card_id        INTEGER NOT NULL REFERENCES cards (id),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('highlight', 'note')),"
  "  field          TEXT NOT NULL,"
  "  quote_exact    TEXT NOT NULL DEFAULT '',"
  "  quote_prefix   TEXT NOT NULL DEFAULT '',"
  "  quote_suffix   TEXT NOT NULL DEFAULT '',"
  "  position_start INTEGER,"
  "  position_end   INTEGER,"
  "  body           TEXT NOT NULL DEFAULT '',"
  "  color          TEXT,"
  "  orphaned       INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),"
  "  created        INTEGER NOT NULL,"
  "  modified       INTEGER NOT NULL,"
  "  deleted        INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX annotations_card ON annotations (card_id);"
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Full-text index over card text and annotations, rowid = cards.id.  The
   * store keeps it current (_eg_store_insert_card, _eg_store_reindex_card):
   * one insert per card is many times faster than triggers that update the
   * row once per part.
   */
  "CREATE VIRTUAL TABLE cards_fts USING fts5 ("
  "  question, answer, parts, annotations,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");",

  /* 1 -> 2: study days (local days starting at the day-start hour, counted
   * from 1970-01-01) so that a time zone or DST change never moves a card
   * to another day.  Existing rows are filled in with the default 04:00.
   */
  "ALTER TABLE card_state ADD COLUMN due_day INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE review_log ADD COLUMN day INTEGER NOT NULL DEFAULT 0;"
  "DROP TRIGGER review_log_append_only;"
  "UPDATE review_log SET day = CAST (julianday (date ((reviewed_at - 14400000) / 1000,"
  "                                                   'unixepoch', 'localtime'))"
  "                                  - 2440587.5 AS INTEGER);"
  "UPDATE card_state SET due_day ="
  "  CAST (julianday (date ((last_review - 14400000) / 1000, 'unixepoch', 'localtime'))"
  "        - 2440587.5 AS INTEGER) + scheduled_days"
  "  WHERE last_review IS NOT NULL;"
  "CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log BEGIN"
  "  SELECT RAISE (ABORT, 'the review log is append-only');"
  "END;"
  "CREATE INDEX card_state_due_day ON card_state (state, due_day);"
  "CREATE INDEX review_log_day ON review_log (day);",

  /* 2 -> 3: the card search (eg-search.c) reads every card's place, flags
   * and times from this index rather than from the rows with their text,
   * twice as fast; it starts like cards_section, which it replaces.
   */
  "CREATE INDEX cards_search ON cards (section_id, position, deleted, number, flag,"
  "                                    suspended, buried_until, modified, deck_id);"
  "DROP INDEX cards_section;",

  /* 3 -> 4: a search that finds its cards by id (full text, rated:, has:)
   * reads them from this index rather than from the rows with their text:
   * a 100,000-card collection's rows fill 37 MB, the index 4.  Only id and
   * deleted are looked up: "section_id IN (…)" on a third column would
   * be a look-up per section and card.
   */
  "CREATE INDEX cards_by_id ON cards (id, deleted, key, position, number, flag, suspended,"
  "                                   buried_until, modified, deck_id, section_id);",

  /* 4 -> 5: the hash of the text each card had when its deck was last
   * imported, the base of the importer's three-way decision (the file's
   * text, the card's text now, the text last imported).  NULL for a card
   * never imported (added in the app).  Existing cards start from their
   * current text, as if they had just been imported.
   */
  "ALTER TABLE cards ADD COLUMN imported_hash TEXT;"
  "UPDATE cards SET imported_hash = content_hash;",

  /* 5 -> 6: the content hash of the card's text a highlight was last
   * placed on (eg-store-annotations.c); NULL in older rows.
   */
  "ALTER TABLE annotations ADD COLUMN card_hash TEXT;",

  /* 6 -> 7: every card's scheduling state as it was before the last change
   * of the FSRS parameters (eg-scheduler-weights.c), so that the change can
   * be undone exactly; empty when there is nothing to undo.
   */
  "CREATE TABLE card_state_before_weights ("
  "  card_id        INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,"
  "  state          INTEGER NOT NULL,"
  "  due            INTEGER NOT NULL,"
  "  stability      REAL NOT NULL,"
  "  difficulty     REAL NOT NULL,"
  "  elapsed_days   INTEGER NOT NULL,"
  "  scheduled_days INTEGER NOT NULL,"
  "  reps           INTEGER NOT NULL,"
  "  lapses         INTEGER NOT NULL,"
  "  learning_steps INTEGER NOT NULL,"
  "  last_review    INTEGER,"
  "  due_day        INTEGER NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EG_STORE_SCHEMA_VERSION);

int
_eg_store_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

#define set_sqlite_error _eg_store_set_sqlite_error
#define exec_sql _eg_store_exec_sql

gboolean
_eg_store_migrate_db (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (version <= (int) G_N_ELEMENTS (migrations), FALSE);

  for (;;)
    {
      g_autofree char *bump = NULL;
      int current;

      /* read inside the transaction: another process may have migrated */
      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      current = _eg_store_read_user_version (db);
      if (current < 0)
        {
          set_sqlite_error (db, error, _("Cannot read the collection's version"));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (current >= version)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return TRUE;
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", current + 1);
      if (!exec_sql (db, migrations[current], error) || !exec_sql (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Cannot upgrade the collection to version %d: "), current + 1);
          return FALSE;
        }

      if (!exec_sql (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
}

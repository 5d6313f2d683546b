/* annotations-fixture.h - the collection the annotation store tests run on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

#define NOW G_GINT64_CONSTANT (1900000000000)

/* Three cards, 101 with an "Indepth" part */
extern const char annotations_deck[];

typedef struct
{
  char    *path;
  EgStore *store;
  gint64   c101;
  gint64   c102;
  gint64   c103;
} Fixture;

EgCard  *card_of         (EgStore *store,
                          gint64  id);
gint64   id_of           (EgStore    *store,
                          const char *key);
void     import_into     (EgStore    *store,
                          const char *name,
                          const char *text);
void     fixture_setup   (Fixture       *f,
                          gconstpointer data);
void     fixture_teardown (Fixture      *f,
                           gconstpointer data);
void     find_passage    (EgStore    *store,
                          gint64     card_id,
                          const char *field,
                          const char *quote,
                          guint      nth,
                          guint      *start,
                          guint      *end);
gint64   highlight       (Fixture    *f,
                          gint64     card_id,
                          const char *field,
                          const char *quote,
                          guint      nth,
                          const char *comment,
                          const char *color);
EgAnnotation *get            (Fixture *f,
                              gint64   id);
char    *list_ids        (EgStore                 *store,
                          gint64                  card_id,
                          EgStoreAnnotationsFlags flags);
void     check_listed    (EgStore    *store,
                          gint64     card_id,
                          const char *expected);
char    *ids_text        (const gint64 *ids,
                          guint        n);
void     check_search    (EgStore    *store,
                          const char *query,
                          const char *expected);
char    *table_state     (EgStore *store);
gint64   query_int       (EgStore    *store,
                          const char *sql);

G_END_DECLS

/* search-fixture.h - the collection the search tests run on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

#define ALL_KEYS "1/101 1/102 1/103 2/201 2/202 2/203 9/51 9/52"

/* The collection, its scheduler, and the time the tests search at */
typedef struct
{
  char        *path;
  EgStore     *store;
  EgScheduler *scheduler;
  gint64       now;
  int          today;
} Fixture;

gint64   iso                (const char *text);
gint64   id_of              (Fixture    *f,
                             const char *key);
void     import             (Fixture    *f,
                             const char *name,
                             const char *text,
                             gint64     when);
void     grade              (Fixture      *f,
                             const char   *key,
                             EgFsrsRating rating,
                             gint64       when);
void     exec_sql           (Fixture    *f,
                             const char *sql);
void     set_state          (Fixture    *f,
                             const char *key,
                             int        state,
                             gint64     due,
                             int        due_day,
                             double     stability,
                             double     difficulty,
                             int        scheduled_days,
                             int        reps,
                             int        lapses,
                             gint64     last_review);
void     annotate           (Fixture    *f,
                             const char *key,
                             const char *kind,
                             const char *body,
                             gboolean   deleted);
void     fixture_setup      (Fixture *f);
void     fixture_teardown   (Fixture *f);
char    *search_keys        (Fixture      *f,
                             const char   *query,
                             EgSortColumn sort,
                             gboolean     descending,
                             GError       **error);
void     check_sorted       (Fixture      *f,
                             const char   *query,
                             EgSortColumn sort,
                             gboolean     descending,
                             const char   *expected);
void     check              (Fixture    *f,
                             const char *query,
                             const char *expected);
void     check_error        (const char *query,
                             int        column,
                             const char *token);

G_END_DECLS

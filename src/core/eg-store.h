/* eg-store.h - the SQLite collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "eg-annotation.h"
#include "eg-card.h"

G_BEGIN_DECLS

#define EG_STORE_ERROR (eg_store_error_quark ())

typedef enum
{
  EG_STORE_ERROR_OPEN,
  EG_STORE_ERROR_CORRUPT,
  EG_STORE_ERROR_TOO_NEW,
  EG_STORE_ERROR_SQL,
  EG_STORE_ERROR_NOT_FOUND,
  EG_STORE_ERROR_AMBIGUOUS,
  EG_STORE_ERROR_NOT_COLLECTION,  /* empty, or another program's database */
  EG_STORE_ERROR_READ_ONLY,       /* permission denied */
  EG_STORE_ERROR_BUSY,            /* another program is writing */
  EG_STORE_ERROR_FULL,            /* the disk is full */
  EG_STORE_ERROR_IO,
  EG_STORE_ERROR_INVALID,         /* an argument the collection cannot take */
} EgStoreError;

typedef enum
{
  EG_STORE_OPEN_DEFAULT   = 0,       /* check integrity; create when missing */
  EG_STORE_OPEN_UNCHECKED = 1 << 0,  /* no check: writes wait for eg_store_check() */
  EG_STORE_OPEN_READ_ONLY = 1 << 1,  /* never write (a damaged collection) */
  EG_STORE_OPEN_NO_CREATE = 1 << 2,  /* refuse a missing file */
  EG_STORE_OPEN_READ      = 1 << 3,  /* never write; check only a file that changed
                                      * since its last check */
} EgStoreOpenFlags;

typedef enum
{
  EG_STORE_INTEGRITY_UNKNOWN,   /* not checked yet: read only */
  EG_STORE_INTEGRITY_DAMAGED,   /* the check failed: read only */
  EG_STORE_INTEGRITY_OK,
} EgStoreIntegrity;

/* How long a write waits for another program's write to finish. */
#define EG_STORE_BUSY_TIMEOUT_MS 5000

/* The schema version this build writes (PRAGMA user_version). */
#define EG_STORE_SCHEMA_VERSION 7

#define EG_TYPE_STORE (eg_store_get_type ())
G_DECLARE_FINAL_TYPE (EgStore, eg_store, EG, STORE, GObject)

typedef struct
{
  gint64  id;
  char   *key;
  char   *title;
  char   *source_path;
  char   *default_language;   /* of inline code in its cards, or NULL */
} EgDeckInfo;

typedef struct
{
  gint64  id;
  gint64  deck_id;
  char   *key;
  char   *heading;   /* Markdown, without the leading "# " */
  char   *source;    /* the "From NN Name" text, or NULL */
  guint   n_cards;   /* cards not deleted */
  guint   n_new;
} EgSectionInfo;

/* One row of the review log. */
typedef struct
{
  gint64  id;
  gint64  card_id;
  char   *card_key;
  gint64  reviewed_at;      /* ms */
  int     rating;           /* 1..4; 0 is a manual change (reset to new) */
  int     state_before;
  int     state_after;
  double  stability_before;
  double  stability_after;
  double  difficulty_before;
  double  difficulty_after;
  int     elapsed_days;
  int     scheduled_days;
  gint64  due_after;        /* ms */
  gint64  duration_ms;
  gboolean rescheduled;     /* FALSE for a preview that left the schedule alone */
  int     day;              /* study day of the review */
} EgReview;

typedef struct
{
  guint decks;
  guint sections;
  guint cards;
  guint new_cards;
  guint learning;
  guint review;
  guint relearning;
  guint suspended;
  guint not_in_source;
  guint reviews_logged;
  guint annotations;
} EgStoreStats;

GQuark      eg_store_error_quark        (void);
char       *eg_store_default_path       (void);
EgStore    *eg_store_open               (const char     *path,
                                         GError        **error);
EgStore    *eg_store_open_full          (const char     *path,
                                         EgStoreOpenFlags flags,
                                         GError        **error);
gboolean    eg_store_check              (EgStore        *self,
                                         GCancellable   *cancellable,
                                         GError        **error);
void        eg_store_set_integrity      (EgStore        *self,
                                         EgStoreIntegrity integrity);
EgStoreIntegrity eg_store_get_integrity (EgStore        *self);
void        eg_store_set_write_timeout  (EgStore        *self,
                                         int             ms);
void        eg_store_set_cache_size     (EgStore        *self,
                                         int             kib);
const char *eg_store_get_path           (EgStore        *self);
void        eg_store_set_memory_map     (EgStore        *self,
                                         gsize           bytes);
int         eg_store_get_schema_version (EgStore        *self);
gboolean    eg_store_is_empty           (EgStore        *self);
gboolean    eg_store_begin_read         (EgStore        *self,
                                         GError        **error);
void        eg_store_end_read           (EgStore        *self);

GPtrArray  *eg_store_list_decks         (EgStore        *self,
                                         GError        **error);
GPtrArray  *eg_store_list_sections      (EgStore        *self,
                                         gint64          deck_id,
                                         GError        **error);
GPtrArray  *eg_store_list_section_headings (EgStore     *self,
                                         gint64          deck_id,
                                         GError        **error);
GPtrArray  *eg_store_list_cards         (EgStore        *self,
                                         gint64          section_id,
                                         GError        **error);
GArray     *eg_store_list_card_ids      (EgStore        *self,
                                         gint64          section_id,
                                         GError        **error);
gint64      eg_store_add_card           (EgStore        *self,
                                         gint64          section_id,
                                         const char     *question,
                                         const char     *answer,
                                         GPtrArray      *parts,
                                         gint64          now_ms,
                                         GError        **error);
gboolean    eg_store_update_card        (EgStore        *self,
                                         gint64          card_id,
                                         const char     *question,
                                         const char     *answer,
                                         GPtrArray      *parts,
                                         gint64          now_ms,
                                         GError        **error);
gboolean    eg_store_set_deck_language  (EgStore        *self,
                                         const char     *deck_key,
                                         const char     *language,
                                         GError        **error);
EgDeckInfo *eg_store_find_deck          (EgStore        *self,
                                         const char     *key,
                                         GError        **error);
EgSectionInfo *eg_store_find_section    (EgStore        *self,
                                         const char     *key,
                                         GError        **error);
EgCard     *eg_store_find_card          (EgStore        *self,
                                         const char     *key,
                                         GError        **error);
EgCard     *eg_store_get_card           (EgStore        *self,
                                         gint64          card_id,
                                         GError        **error);
GPtrArray  *eg_store_get_cards          (EgStore        *self,
                                         const gint64   *card_ids,
                                         guint           n_cards,
                                         GError        **error);
GPtrArray  *eg_store_list_reviews       (EgStore        *self,
                                         gint64          card_id,
                                         GError        **error);
gboolean    eg_store_get_stats          (EgStore        *self,
                                         EgStoreStats   *stats,
                                         GError        **error);

char       *eg_store_get_setting        (EgStore        *self,
                                         const char     *key);
gboolean    eg_store_set_setting        (EgStore        *self,
                                         const char     *key,
                                         const char     *value,
                                         GError        **error);

/* Annotations (eg-store-annotations.c).  Each call is its own transaction
 * and keeps the card's full-text row current (comments and notes are
 * searchable).  Deleting marks the row deleted (@deleted = time); undo puts
 * a copy back with eg_store_put_annotation(). */
typedef enum
{
  EG_STORE_ANNOTATIONS_DEFAULT  = 0,       /* highlights and notes, not deleted */
  EG_STORE_ANNOTATIONS_ORPHANED = 1 << 0,  /* only orphaned highlights */
} EgStoreAnnotationsFlags;

gint64      eg_store_add_highlight      (EgStore        *self,
                                         gint64          card_id,
                                         const char     *field,
                                         guint           start,
                                         guint           end,
                                         const char     *comment,
                                         const char     *color,
                                         gint64          now_ms,
                                         GError        **error);
gint64      eg_store_set_note           (EgStore        *self,
                                         gint64          card_id,
                                         const char     *body,
                                         gint64          now_ms,
                                         GError        **error);
EgAnnotation *eg_store_get_note         (EgStore        *self,
                                         gint64          card_id,
                                         GError        **error);
EgAnnotation *eg_store_get_annotation   (EgStore        *self,
                                         gint64          id,
                                         GError        **error);
GPtrArray  *eg_store_list_annotations   (EgStore        *self,
                                         gint64          card_id,
                                         EgStoreAnnotationsFlags flags,
                                         GError        **error);
guint       eg_store_count_annotations  (EgStore        *self,
                                         const gint64   *card_ids,
                                         guint           n_cards,
                                         GError        **error);
gboolean    eg_store_update_annotation  (EgStore        *self,
                                         gint64          id,
                                         const char     *body,
                                         const char     *color,
                                         gint64          now_ms,
                                         GError        **error);
gboolean    eg_store_reattach_highlight (EgStore        *self,
                                         gint64          id,
                                         const char     *field,
                                         guint           start,
                                         guint           end,
                                         gint64          now_ms,
                                         GError        **error);
gboolean    eg_store_delete_annotation  (EgStore        *self,
                                         gint64          id,
                                         gint64          now_ms,
                                         GError        **error);
gboolean    eg_store_put_annotation     (EgStore        *self,
                                         const EgAnnotation *annotation,
                                         GError        **error);

void        eg_deck_info_free           (EgDeckInfo     *info);
void        eg_section_info_free        (EgSectionInfo  *info);
EgCard     *eg_store_card_copy          (const EgCard   *card);
void        eg_review_free              (EgReview       *review);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgDeckInfo, eg_deck_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgSectionInfo, eg_section_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgReview, eg_review_free)

G_END_DECLS

/* eg-deck.h - a Markdown Q&A deck parsed from a file, before it is imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "eg-card.h"
#include "eg-repair.h"

G_BEGIN_DECLS

#define EG_DECK_ERROR (eg_deck_error_quark ())

typedef enum
{
  EG_DECK_ERROR_IO,
  EG_DECK_ERROR_EMPTY,
  EG_DECK_ERROR_TOO_LARGE,
  EG_DECK_ERROR_BINARY,
  EG_DECK_ERROR_ENCODING,
  EG_DECK_ERROR_NO_CARDS,
} EgDeckError;

/* Decks larger than this are refused; no more than this + 1 byte is read. */
#define EG_DECK_MAX_SIZE (50 * 1024 * 1024)

typedef struct
{
  guint       line;
  int         number;
  char       *key;           /* "<section key>/<number>", stable across updates */
  char       *question;      /* Markdown */
  char       *answer;        /* Markdown */
  GPtrArray  *parts;         /* EgCardPart, e.g. "Indepth" */
  char       *content_hash;
} EgDeckCard;

typedef struct
{
  guint       line;
  char       *key;
  char       *heading;       /* Markdown, without the leading "# " */
  char       *source;        /* "From 16 Go Internals", or NULL */
  GPtrArray  *cards;         /* EgDeckCard */
} EgDeckSection;

typedef struct
{
  char       *name;          /* the file name, for messages */
  char       *key;
  char       *title;
  char       *default_language; /* "<!-- engram default-language: go -->", or NULL */
  GPtrArray  *sections;      /* EgDeckSection */
  GPtrArray  *warnings;      /* EgRepairWarning, sorted by line */
  guint       n_cards;
  guint       n_repaired;    /* characters repaired from mojibake */
} EgDeck;

GQuark   eg_deck_error_quark    (void);
EgDeck  *eg_deck_parse          (const char    *text,
                                 gsize          length,
                                 const char    *name,
                                 GError       **error);
EgDeck  *eg_deck_load           (GFile         *file,
                                 GCancellable  *cancellable,
                                 GError       **error);
EgDeckCard *eg_deck_parse_card (const char    *text,
                                GError       **error);
void     eg_deck_card_free      (EgDeckCard    *card);
/* the old name of eg_card_hash() */
char    *eg_deck_card_hash      (const char    *question,
                                 const char    *answer,
                                 GPtrArray     *parts);
char    *eg_slugify             (const char    *text);
void     eg_deck_free           (EgDeck        *deck);
/* internal: the exporter's */
char    *_eg_deck_open_fence    (const char    *text);
char    *_eg_deck_section_key_base (const char *heading,
                                    const char *source);
char    *_eg_deck_section_key   (const char    *base,
                                 GHashTable    *taken);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgDeck, eg_deck_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgDeckCard, eg_deck_card_free)

G_END_DECLS

/* eg-dev-vectors.h - reading and writing FSRS vector files (JSON) for engram-dev
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON of files in the schema of the ts-fsrs golden vectors
 * (tests/fixtures/fsrs, doc/fsrs.md §13): every reading function names
 * where a member is missing or wrong ("FILE: case ID: reviews[N]").
 */
#pragma once

#include <json-glib/json-glib.h>
#include <stddef.h>

#include "eg-core.h"

G_BEGIN_DECLS

/* A member of a card in the file, and where it is in an EgFsrsCard */
typedef enum
{
  FIELD_STATE,
  FIELD_INT,
  FIELD_DOUBLE,
  FIELD_TIME,
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
  gsize       offset;
} CardField;

#define CARD_FIELD(member, kind) { #member, kind, offsetof (EgFsrsCard, member) }
#define INT_FIELD(card, field)    G_STRUCT_MEMBER (int, card, (field)->offset)
#define DOUBLE_FIELD(card, field) G_STRUCT_MEMBER (double, card, (field)->offset)
#define TIME_FIELD(card, field)   G_STRUCT_MEMBER (gint64, card, (field)->offset)

gboolean    _eg_vectors_schema_error  (GError           **error,
                                       const char        *where,
                                       const char        *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean    _eg_vectors_is_number     (JsonNode          *node);
gboolean    _eg_vectors_read_object   (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       JsonObject       **value,
                                       GError           **error);
gboolean    _eg_vectors_read_array    (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       JsonArray        **value,
                                       GError           **error);
gboolean    _eg_vectors_read_double   (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       double            *value,
                                       GError           **error);
gboolean    _eg_vectors_read_int      (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       gint64             min,
                                       gint64             max,
                                       gint64            *value,
                                       GError           **error);
gboolean    _eg_vectors_read_boolean  (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       gboolean          *value,
                                       GError           **error);
gboolean    _eg_vectors_read_string   (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       const char       **value,
                                       GError           **error);
gboolean    _eg_vectors_read_time     (JsonObject        *object,
                                       const char        *member,
                                       const char        *where,
                                       gint64            *ms,
                                       GError           **error);
gboolean    _eg_vectors_read_params   (JsonObject        *config,
                                       const char        *where,
                                       EgFsrsParams      *params,
                                       GError           **error);
JsonNode   *_eg_vectors_double_node   (double             value);
JsonObject *_eg_vectors_card_to_json  (const EgFsrsCard  *card,
                                       const CardField   *fields,
                                       guint              n_fields);
gboolean    _eg_vectors_card_from_json (JsonObject       *object,
                                        const CardField  *fields,
                                        guint             n_fields,
                                        const char       *where,
                                        gint64            review_time,
                                        EgFsrsCard       *card,
                                        GError          **error);
char       *_eg_vectors_fix_exponents (const char        *json);

G_END_DECLS

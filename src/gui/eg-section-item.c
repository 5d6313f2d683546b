/* eg-section-item.c - a section of a deck, as the library sidebar lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-section-item.h"

struct _EgSectionItem
{
  GObject  parent_instance;
  gint64   id;
  char    *key;
  char    *heading;   /* plain text, emoji included */
  guint    n_cards;
};

G_DEFINE_FINAL_TYPE (EgSectionItem, eg_section_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_HEADING,
  PROP_N_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eg_section_item_finalize (GObject *object)
{
  EgSectionItem *self = (EgSectionItem *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->heading, g_free);

  G_OBJECT_CLASS (eg_section_item_parent_class)->finalize (object);
}

static void
eg_section_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EgSectionItem *self = EG_SECTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_HEADING:
      g_value_set_string (value, self->heading);
      break;
    case PROP_N_CARDS:
      g_value_set_uint (value, self->n_cards);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_section_item_class_init (EgSectionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_section_item_finalize;
  object_class->get_property = eg_section_item_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eg_section_item_init (EgSectionItem *self)
{
}

EgSectionItem *
eg_section_item_new (gint64      id,
                     const char *key,
                     const char *heading,
                     guint       n_cards)
{
  EgSectionItem *self = g_object_new (EG_TYPE_SECTION_ITEM, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->heading = g_strdup (heading);
  self->n_cards = n_cards;
  return self;
}

gint64
eg_section_item_get_id (EgSectionItem *self)
{
  g_return_val_if_fail (EG_IS_SECTION_ITEM (self), 0);
  return self->id;
}

const char *
eg_section_item_get_key (EgSectionItem *self)
{
  g_return_val_if_fail (EG_IS_SECTION_ITEM (self), NULL);
  return self->key;
}

const char *
eg_section_item_get_heading (EgSectionItem *self)
{
  g_return_val_if_fail (EG_IS_SECTION_ITEM (self), NULL);
  return self->heading;
}

guint
eg_section_item_get_n_cards (EgSectionItem *self)
{
  g_return_val_if_fail (EG_IS_SECTION_ITEM (self), 0);
  return self->n_cards;
}

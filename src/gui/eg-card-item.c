/* eg-card-item.c - a card, as the library's card list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-card-item.h"

struct _EgCardItem
{
  GObject  parent_instance;
  gint64   id;
  char    *key;
  int      number;
  char    *question;   /* plain text, without Markdown markup */
};

G_DEFINE_FINAL_TYPE (EgCardItem, eg_card_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NUMBER,
  PROP_QUESTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eg_card_item_finalize (GObject *object)
{
  EgCardItem *self = (EgCardItem *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->question, g_free);

  G_OBJECT_CLASS (eg_card_item_parent_class)->finalize (object);
}

static void
eg_card_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EgCardItem *self = EG_CARD_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_card_item_class_init (EgCardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_card_item_finalize;
  object_class->get_property = eg_card_item_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eg_card_item_init (EgCardItem *self)
{
}

EgCardItem *
eg_card_item_new (gint64      id,
                  const char *key,
                  int         number,
                  const char *question)
{
  EgCardItem *self = g_object_new (EG_TYPE_CARD_ITEM, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->number = number;
  self->question = g_strdup (question);
  return self;
}

gint64
eg_card_item_get_id (EgCardItem *self)
{
  g_return_val_if_fail (EG_IS_CARD_ITEM (self), 0);
  return self->id;
}

const char *
eg_card_item_get_key (EgCardItem *self)
{
  g_return_val_if_fail (EG_IS_CARD_ITEM (self), NULL);
  return self->key;
}

int
eg_card_item_get_number (EgCardItem *self)
{
  g_return_val_if_fail (EG_IS_CARD_ITEM (self), 0);
  return self->number;
}

const char *
eg_card_item_get_question (EgCardItem *self)
{
  g_return_val_if_fail (EG_IS_CARD_ITEM (self), NULL);
  return self->question;
}

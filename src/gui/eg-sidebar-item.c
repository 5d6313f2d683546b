/* eg-sidebar-item.c - an entry of the library sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-sidebar-item.h"

struct _EgSidebarItem
{
  GObject        parent_instance;
  EgSidebarKind  kind;
  gint64         id;
  gint64         deck_id;   /* a deck's or a section's deck */
  char          *key;
  char          *title;
  char          *icon_name;
  char          *query;
  char          *counts;
  double         mastery;   /* 0..1, or -1 when nothing was reviewed */
};

G_DEFINE_FINAL_TYPE (EgSidebarItem, eg_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_COUNTS,
  PROP_MASTERY,
  PROP_HAS_MASTERY,
  PROP_IS_DECK,
  PROP_TOOLTIP,
  PROP_HAS_ICON,
  PROP_HAS_COUNTS,
  PROP_TITLE_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eg_sidebar_item_finalize (GObject *object)
{
  EgSidebarItem *self = (EgSidebarItem *)object;

  g_free (self->key);
  g_free (self->title);
  g_free (self->icon_name);
  g_free (self->query);
  g_free (self->counts);

  G_OBJECT_CLASS (eg_sidebar_item_parent_class)->finalize (object);
}

static void
eg_sidebar_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EgSidebarItem *self = EG_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;
    case PROP_COUNTS:
      g_value_set_string (value, self->counts);
      break;
    case PROP_MASTERY:
      g_value_set_double (value, MAX (self->mastery, 0));
      break;
    case PROP_HAS_MASTERY:
      g_value_set_boolean (value, self->mastery >= 0);
      break;
    case PROP_IS_DECK:
      g_value_set_boolean (value, self->kind == EG_SIDEBAR_DECK);
      break;
    case PROP_HAS_ICON:
      g_value_set_boolean (value, self->icon_name != NULL);
      break;
    case PROP_HAS_COUNTS:
      g_value_set_boolean (value, self->counts != NULL);
      break;
    case PROP_TITLE_CLASSES:
      {
        static const char *deck[] = { "heading", NULL };
        static const char *other[] = { NULL };

        g_value_set_boxed (value, self->kind == EG_SIDEBAR_DECK ? deck : other);
      }
      break;
    case PROP_TOOLTIP:
      if (self->mastery >= 0)
        g_value_take_string (value, g_strdup_printf (_("%s\nKnown: %.0f %% expected recall today"),
                                                     self->title, 100 * self->mastery));
      else
        g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_sidebar_item_class_init (EgSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_sidebar_item_finalize;
  object_class->get_property = eg_sidebar_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COUNTS] =
    g_param_spec_string ("counts", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MASTERY] =
    g_param_spec_double ("mastery", NULL, NULL, 0, 1, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_MASTERY] =
    g_param_spec_boolean ("has-mastery", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_DECK] =
    g_param_spec_boolean ("is-deck", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_ICON] =
    g_param_spec_boolean ("has-icon", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_COUNTS] =
    g_param_spec_boolean ("has-counts", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE_CLASSES] =
    g_param_spec_boxed ("title-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eg_sidebar_item_init (EgSidebarItem *self)
{
  self->mastery = -1;
}

EgSidebarItem *
eg_sidebar_item_new_search (const char *title,
                            const char *icon_name,
                            const char *query)
{
  EgSidebarItem *self = g_object_new (EG_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = EG_SIDEBAR_SEARCH;
  self->title = g_strdup (title);
  self->icon_name = g_strdup (icon_name);
  self->query = g_strdup (query);
  return self;
}

EgSidebarItem *
eg_sidebar_item_new_deck (gint64      deck_id,
                          const char *title)
{
  EgSidebarItem *self = g_object_new (EG_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = EG_SIDEBAR_DECK;
  self->id = deck_id;
  self->deck_id = deck_id;
  self->title = g_strdup (title);
  return self;
}

/* The counts come later (eg_sidebar_item_set_stats()): they take a pass over
 * every card, which the first frame does not wait for.
 */
EgSidebarItem *
eg_sidebar_item_new_section (gint64      section_id,
                             gint64      deck_id,
                             const char *key,
                             const char *title)
{
  EgSidebarItem *self = g_object_new (EG_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = EG_SIDEBAR_SECTION;
  self->id = section_id;
  self->deck_id = deck_id;
  self->key = g_strdup (key);
  self->title = g_strdup (title);
  return self;
}

void
eg_sidebar_item_set_stats (EgSidebarItem *self,
                           guint          due,
                           guint          new_cards,
                           guint          total,
                           double         mastery)
{
  g_autofree char *counts = NULL;

  g_return_if_fail (EG_IS_SIDEBAR_ITEM (self));

  /* Translators: cards due, new and in all, in the sidebar */
  counts = g_strdup_printf (_("%u due · %u new · %u"), due, new_cards, total);
  if (g_strcmp0 (counts, self->counts) == 0 && mastery == self->mastery)
    return;

  g_free (self->counts);
  self->counts = g_steal_pointer (&counts);
  self->mastery = mastery;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASTERY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MASTERY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLTIP]);
}

/**
 * eg_sidebar_item_equal:
 *
 * Returns: whether @a and @b are the same deck, section or search, under
 *   the same title (their counts aside)
 */
gboolean
eg_sidebar_item_equal (EgSidebarItem *a,
                       EgSidebarItem *b)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (a) && EG_IS_SIDEBAR_ITEM (b), FALSE);

  return a->kind == b->kind && a->id == b->id && a->deck_id == b->deck_id &&
         g_strcmp0 (a->key, b->key) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->icon_name, b->icon_name) == 0 &&
         g_strcmp0 (a->query, b->query) == 0;
}

EgSidebarKind
eg_sidebar_item_get_kind (EgSidebarItem *self)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (self), EG_SIDEBAR_SEARCH);
  return self->kind;
}

gint64
eg_sidebar_item_get_id (EgSidebarItem *self)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (self), 0);
  return self->id;
}

/**
 * eg_sidebar_item_get_deck_id:
 *
 * Returns: the deck of a deck or section; 0 for a search
 */
gint64
eg_sidebar_item_get_deck_id (EgSidebarItem *self)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (self), 0);
  return self->deck_id;
}

const char *
eg_sidebar_item_get_title (EgSidebarItem *self)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
}

const char *
eg_sidebar_item_get_query (EgSidebarItem *self)
{
  g_return_val_if_fail (EG_IS_SIDEBAR_ITEM (self), NULL);
  return self->query;
}

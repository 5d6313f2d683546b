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
  char          *details;   /* the counts in words, for the tooltip */
  double         mastery;   /* 0..1 over all its cards, or -1 before it is counted */
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
  g_free (self->details);

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
      if (self->details != NULL)
        g_value_take_string (value, g_strdup_printf ("%s\n%s", self->title, self->details));
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

/* Sets the counts and their words; notifies what changed */
static void
set_counts (EgSidebarItem *self,
            char          *counts,
            char          *details,
            double         mastery)
{
  if (g_strcmp0 (counts, self->counts) == 0 && g_strcmp0 (details, self->details) == 0 &&
      mastery == self->mastery)
    {
      g_free (counts);
      g_free (details);
      return;
    }

  g_free (self->counts);
  g_free (self->details);
  self->counts = counts;
  self->details = details;
  self->mastery = mastery;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASTERY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MASTERY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLTIP]);
}

/**
 * eg_sidebar_item_set_stats:
 * @due: cards due today, limits aside (learning and review)
 * @new_cards: cards never studied
 * @total: all its cards
 * @reviewed: cards studied at least once
 * @mastery: how well the whole section is known, 0..1 (a card never
 *   studied counts as not known); its bar shows once a card is studied
 *
 * A section's counts: what is in it, whatever today's limits let in.
 */
void
eg_sidebar_item_set_stats (EgSidebarItem *self,
                           guint          due,
                           guint          new_cards,
                           guint          total,
                           guint          reviewed,
                           double         mastery)
{
  g_autofree char *cards = NULL;
  g_autofree char *known = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *new_text = NULL;

  g_return_if_fail (EG_IS_SIDEBAR_ITEM (self));

  /* Translators: the cards of a section in the sidebar, e.g. "20 cards" */
  cards = g_strdup_printf (ngettext ("%u card", "%u cards", total), total);
  if (reviewed == 0)
    /* Translators: the tooltip of a section none of whose cards was studied */
    known = g_strdup (_("Known: nothing yet, no card studied"));
  else
    /* Translators: the tooltip of a section's bar: "Known: 5 % of 20 cards (1
     * studied, expected recall 100 %)"; the first %s is "20 cards" */
    known = g_strdup_printf (ngettext ("Known: %.0f %% of %s (%u studied, expected recall "
                                       "%.0f %%)",
                                       "Known: %.0f %% of %s (%u studied, expected recall "
                                       "%.0f %%)", reviewed),
                             100 * mastery, cards, reviewed,
                             100 * mastery * total / reviewed);
  /* Translators: tooltip of a section: learning and review cards due today */
  due_text = g_strdup_printf (ngettext ("%u due today (learning or review)",
                                        "%u due today (learning or review)", due), due);
  /* Translators: tooltip of a section: its cards never studied */
  new_text = g_strdup_printf (ngettext ("%u new, never studied", "%u new, never studied",
                                        new_cards), new_cards);
  set_counts (self,
              /* Translators: a section's cards due today, new and in all, in the sidebar;
               * the last %s is "20 cards" */
              g_strdup_printf (_("%u due · %u new · %s"), due, new_cards, cards),
              /* Translators: a section's tooltip: what is due, new, in all, how well
               * known; then where the daily limits are */
              g_strdup_printf (_("%s · %s · %s\n%s\nToday’s limits apply to the whole deck: "
                                 "see the deck’s row."),
                               due_text, new_text, cards, known),
              /* the bar once a card is studied: an empty bar on every row
               * of a new deck would say nothing */
              reviewed > 0 ? mastery : -1);
}

/**
 * eg_sidebar_item_set_today:
 * @new_cards: @learning: @review: what the deck's review takes today
 * @new_per_day: @reviews_per_day: the daily limits
 *
 * A deck's cards today, within the daily limits: what its review shows.
 */
void
eg_sidebar_item_set_today (EgSidebarItem *self,
                           guint          new_cards,
                           guint          learning,
                           guint          review,
                           int            new_per_day,
                           int            reviews_per_day)
{
  g_return_if_fail (EG_IS_SIDEBAR_ITEM (self));

  set_counts (self,
              /* Translators: in a deck's row of the sidebar: what its review takes today */
              g_strdup_printf (_("Today: %u new · %u learning · %u review"),
                               new_cards, learning, review),
              /* Translators: the tooltip of a deck's counts */
              g_strdup_printf (_("Today’s review of this deck: %u new, %u learning and %u "
                                 "review cards,\nwithin the daily limits of %d new cards "
                                 "and %d reviews"),
                               new_cards, learning, review, new_per_day, reviews_per_day),
              -1);
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

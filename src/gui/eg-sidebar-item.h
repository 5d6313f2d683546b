/* eg-sidebar-item.h - an entry of the library sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  EG_SIDEBAR_SEARCH,    /* a built-in saved search */
  EG_SIDEBAR_DECK,
  EG_SIDEBAR_SECTION,
} EgSidebarKind;

#define EG_TYPE_SIDEBAR_ITEM (eg_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (EgSidebarItem, eg_sidebar_item, EG, SIDEBAR_ITEM, GObject)

EgSidebarItem *eg_sidebar_item_new_search  (const char *title,
                                            const char *icon_name,
                                            const char *query);
EgSidebarItem *eg_sidebar_item_new_deck    (gint64      deck_id,
                                            const char *title);
EgSidebarItem *eg_sidebar_item_new_section (gint64      section_id,
                                            gint64      deck_id,
                                            const char *key,
                                            const char *title);
void           eg_sidebar_item_set_stats      (EgSidebarItem *self,
                                               guint          due,
                                               guint          new_cards,
                                               guint          total,
                                               guint          reviewed,
                                               double         mastery);
void           eg_sidebar_item_set_today      (EgSidebarItem *self,
                                               guint          new_cards,
                                               guint          learning,
                                               guint          review,
                                               int            new_per_day,
                                               int            reviews_per_day);
gboolean       eg_sidebar_item_equal          (EgSidebarItem *a,
                                               EgSidebarItem *b);
EgSidebarKind  eg_sidebar_item_get_kind       (EgSidebarItem *self);
gint64         eg_sidebar_item_get_id         (EgSidebarItem *self);
gint64         eg_sidebar_item_get_deck_id    (EgSidebarItem *self);
const char    *eg_sidebar_item_get_title      (EgSidebarItem *self);
const char    *eg_sidebar_item_get_query      (EgSidebarItem *self);

G_END_DECLS

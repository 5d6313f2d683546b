/* eg-application-private.h - what the parts of EgApplication share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-application.h"
#include "eg-core.h"
#include "eg-window.h"

G_BEGIN_DECLS

struct _EgApplication
{
  AdwApplication  parent_instance;
  EgStore        *store;
  GCancellable   *cancellable;       /* cancelled at shutdown */
  GCancellable   *guard_cancellable; /* the check and daily backup of this store */
  guint           guard_retry;
  gboolean        review_when_ready;
  gboolean        painted;           /* the first window frame is on screen */
  gboolean        importing_shipped; /* the first start's import is under way */
  GPtrArray      *open_when_ready;   /* GFiles opened before the collection was */
};

/* eg-application.c */
void _eg_application_open_pending           (EgApplication *self);

/* eg-application-collection.c */
void _eg_application_open_collection        (EgApplication *self,
                                             EgWindow      *window);
void _eg_application_add_collection_actions (EgApplication *self);
void _eg_application_close_collection       (EgApplication *self);

G_END_DECLS

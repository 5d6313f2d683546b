/* eg-window-private.h - the main window's parts, shared by its files
 *
 * eg-window.c holds the pages, toasts and the window's lifecycle;
 * eg-window-import.c imports and exports decks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-damaged-page.h"
#include "eg-library-page.h"
#include "eg-review-page.h"
#include "eg-window.h"

G_BEGIN_DECLS

struct _EgWindow
{
  AdwApplicationWindow  parent_instance;

  EgStore              *store;
  EgScheduler          *scheduler;
  GSettings            *settings;
  gulong                after_paint_handler;
  GFile                *import_file;
  GCancellable         *import_cancellable;
  GQueue                import_queue;     /* GFiles waiting for their preview */
  gboolean              import_busy;      /* a preview or an import is under way */
  gboolean              import_confirmed; /* the preview's Import was chosen */
  GtkWidget            *preferences;   /* weak: the Preferences window while it is open */

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  EgLibraryPage        *library_page;
  EgReviewPage         *review_page;
  EgDamagedPage        *damaged_page;
};

void _eg_window_class_add_import_actions (GtkWidgetClass *widget_class);
void _eg_window_add_drop_target         (EgWindow       *self);
void _eg_window_clear_import_queue      (EgWindow       *self);

G_END_DECLS

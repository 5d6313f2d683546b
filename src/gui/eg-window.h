/* eg-window.h - the main window: the library, reviewing, a damaged collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-damaged-page.h"
#include "eg-library-page.h"
#include "eg-core.h"

G_BEGIN_DECLS

typedef enum
{
  EG_EXPORT_FORMAT_MARKDOWN,   /* a deck file, as imported */
  EG_EXPORT_FORMAT_JSON,       /* with the cards' schedule */
} EgExportFormat;

#define EG_TYPE_WINDOW (eg_window_get_type ())
G_DECLARE_FINAL_TYPE (EgWindow, eg_window, EG, WINDOW, AdwApplicationWindow)

EgWindow      *eg_window_new              (GtkApplication       *application);
void           eg_window_set_store        (EgWindow             *self,
                                           EgStore              *store);
EgStore       *eg_window_get_store        (EgWindow             *self);
void           eg_window_reload           (EgWindow             *self);
void           eg_window_show_loading     (EgWindow             *self,
                                           const char           *title,
                                           const char           *description);
void           eg_window_show_error       (EgWindow             *self,
                                           const char           *message);
void           eg_window_show_damaged     (EgWindow             *self,
                                           const char           *collection_path,
                                           const GError         *error);
EgDamagedPage *eg_window_get_damaged_page (EgWindow             *self);
void           eg_window_add_toast        (EgWindow             *self,
                                           const char           *message);
gboolean       eg_window_start_review     (EgWindow             *self,
                                           const EgQueueOptions *options);
GtkWidget     *eg_window_get_review_page  (EgWindow             *self);
GtkWidget     *eg_window_show_preferences (EgWindow             *self,
                                           const char           *page);
GtkWidget     *eg_window_get_preferences  (EgWindow             *self);
EgScheduler   *eg_window_get_scheduler    (EgWindow             *self);
EgLibraryPage *eg_window_get_library_page (EgWindow             *self);
void           eg_window_import_file      (EgWindow             *self,
                                           GFile                *file);
gboolean       eg_window_export_deck      (EgWindow             *self,
                                           GFile                *file,
                                           GError              **error);
gboolean       eg_window_export_deck_as   (EgWindow             *self,
                                           GFile                *file,
                                           EgExportFormat        format,
                                           GError              **error);

G_END_DECLS

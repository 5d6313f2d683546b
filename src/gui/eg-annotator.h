/* eg-annotator.h - highlights and notes of the card a card view shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "eg-card-view.h"

G_BEGIN_DECLS

#define EG_TYPE_ANNOTATOR (eg_annotator_get_type ())
G_DECLARE_FINAL_TYPE (EgAnnotator, eg_annotator, EG, ANNOTATOR, GObject)

EgAnnotator *eg_annotator_new              (EgCardView   *view);
void         eg_annotator_set_scheduler    (EgAnnotator  *self,
                                            EgScheduler  *scheduler);
void         eg_annotator_set_card         (EgAnnotator  *self,
                                            const EgCard *card);
void         eg_annotator_reload           (EgAnnotator  *self);
GPtrArray   *eg_annotator_get_annotations  (EgAnnotator  *self);
void         eg_annotator_highlight        (EgAnnotator  *self,
                                            gboolean      with_comment);
void         eg_annotator_edit_note        (EgAnnotator  *self);
void         eg_annotator_edit_comment     (EgAnnotator  *self,
                                            gint64        id);
void         eg_annotator_start_reattach   (EgAnnotator  *self,
                                            gint64        id);
void         eg_annotator_activate_at_caret (EgAnnotator *self);
void         eg_annotator_set_caret_browsing (EgAnnotator *self,
                                             gboolean     caret_browsing);
gboolean     eg_annotator_get_caret_browsing (EgAnnotator *self);
GtkPopover  *eg_annotator_get_popover      (EgAnnotator  *self);
GtkWidget   *eg_annotator_get_editor       (EgAnnotator  *self);

void         eg_annotator_class_add_actions (GtkWidgetClass *widget_class,
                                             EgAnnotator  *(*get) (GtkWidget *widget));

G_END_DECLS

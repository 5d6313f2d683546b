/* eg-card-editor.h - edit a card's question, answer and parts, with a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_CARD_EDITOR (eg_card_editor_get_type ())
G_DECLARE_FINAL_TYPE (EgCardEditor, eg_card_editor, EG, CARD_EDITOR, AdwWindow)

GtkWidget *eg_card_editor_new      (EgStore    *store,
                                    EgCard     *card,
                                    const char *default_language);
GtkWidget *eg_card_editor_new_card (EgStore    *store,
                                    gint64      deck_id,
                                    gint64      section_id,
                                    int         number,
                                    const char *default_language);
void       eg_card_editor_set_text (EgCardEditor *self,
                                    const char   *text);
char      *eg_card_editor_get_text (EgCardEditor *self);
gboolean   eg_card_editor_save     (EgCardEditor *self,
                                    GError      **error);
GtkEditable   *eg_card_editor_get_question    (EgCardEditor *self);
GtkTextBuffer *eg_card_editor_get_answer      (EgCardEditor *self);
guint          eg_card_editor_get_n_parts     (EgCardEditor *self);
const char    *eg_card_editor_get_number_text (EgCardEditor *self);

G_END_DECLS

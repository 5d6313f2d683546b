/* eg-note-editor.h - edit a card's note or a highlight's comment (Markdown)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Writes @text; FALSE with @error keeps the editor open, showing why. */
typedef gboolean (*EgNoteEditorSaveFunc) (const char  *text,
                                          gpointer     user_data,
                                          GError     **error);

#define EG_TYPE_NOTE_EDITOR (eg_note_editor_get_type ())
G_DECLARE_FINAL_TYPE (EgNoteEditor, eg_note_editor, EG, NOTE_EDITOR, AdwWindow)

GtkWidget *eg_note_editor_new      (const char           *title,
                                    const char           *field_label,
                                    const char           *quote,
                                    const char           *text,
                                    EgNoteEditorSaveFunc  save_func,
                                    gpointer              user_data,
                                    GDestroyNotify        destroy);
GtkTextBuffer *eg_note_editor_get_buffer (EgNoteEditor *self);
gboolean   eg_note_editor_save     (EgNoteEditor         *self,
                                    GError              **error);

G_END_DECLS

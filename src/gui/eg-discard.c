/* eg-discard.c - "Discard Changes?" before an editor closes
 *
 * The card editor and the note editor close at once when nothing was
 * typed, and otherwise ask: Keep Editing (the default, and Escape) or
 * Discard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-discard.h"

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *editor)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (editor);
}

/**
 * eg_discard_close:
 * @changed: whether something typed would be lost
 * @body: what would be lost, a sentence
 *
 * Closes @editor, or asks first when @changed.
 */
void
eg_discard_close (GtkWindow  *editor,
                  gboolean    changed,
                  const char *body)
{
  AdwMessageDialog *dialog;

  if (!changed)
    {
      gtk_window_destroy (editor);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (editor, _("Discard Changes?"), body));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), editor, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

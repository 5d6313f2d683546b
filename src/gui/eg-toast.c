/* eg-toast.c - toasts whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-toast.h"

/**
 * eg_toast_new:
 * @text: plain text, e.g. a message naming a file
 *
 * libadwaita 1.2 reads a toast's title as Pango markup: a file name with
 * "&" or "<" in it would show nothing.  The text is escaped.
 *
 * Returns: (transfer full): a new toast showing @text
 */
AdwToast *
eg_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/**
 * eg_toast_show:
 * @widget: a widget inside the window's toast overlay, e.g. a page
 * @with_undo: whether the toast has an Undo button (win.undo)
 *
 * Shows @text in a toast of the overlay @widget is in; nothing if it is in
 * none.
 */
void
eg_toast_show (GtkWidget  *widget,
               const char *text,
               gboolean    with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = eg_toast_new (text);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

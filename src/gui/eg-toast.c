/* eg-toast.c - toasts whose text is shown as it is, one at a time
 *
 * A toast overlay in libadwaita 1.2 queues a new toast behind the one on
 * screen: after Flag then Suspend the screen went on saying "Card flagged".
 * eg_toast_overlay_add() dismisses the overlay's toast first, so the toast
 * on screen is always about the last action.
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

static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  if (g_object_get_data (G_OBJECT (overlay), "eg-toast") == toast)
    g_object_set_data (G_OBJECT (overlay), "eg-toast", NULL);
}

/**
 * eg_toast_overlay_add:
 * @toast: (transfer full): the toast to show now
 *
 * Shows @toast in place of the toast @overlay shows or has queued, if any.
 */
void
eg_toast_overlay_add (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  AdwToast *shown = g_object_get_data (G_OBJECT (overlay), "eg-toast");

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (shown != NULL)
    adw_toast_dismiss (shown);
  /* the overlay holds the toast until it is dismissed, which forgets it */
  g_object_set_data (G_OBJECT (overlay), "eg-toast", toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * eg_toast_set_overlay:
 * @overlay: an overlay inside @widget, around its content
 *
 * Makes the toasts of @widget and of what is inside it show in @overlay:
 * a page puts its toasts above its own buttons, not over them.
 */
void
eg_toast_set_overlay (GtkWidget       *widget,
                      AdwToastOverlay *overlay)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  g_object_set_data (G_OBJECT (widget), "eg-toast-overlay", overlay);
}

/* The overlay @widget's toasts show in: its own, or the nearest around it */
static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      AdwToastOverlay *own = g_object_get_data (G_OBJECT (w), "eg-toast-overlay");

      if (own != NULL)
        return own;
      if (ADW_IS_TOAST_OVERLAY (w))
        return ADW_TOAST_OVERLAY (w);
    }
  return NULL;
}

/**
 * eg_toast_show:
 * @widget: a widget inside the window's toast overlay, e.g. a page
 * @with_undo: whether the toast has an Undo button (win.undo)
 *
 * Shows @text in a toast of @widget's overlay (see eg_toast_set_overlay()),
 * or else the one it is in, in place of the toast it shows; nothing if
 * there is none.
 */
void
eg_toast_show (GtkWidget  *widget,
               const char *text,
               gboolean    with_undo)
{
  AdwToastOverlay *overlay = find_overlay (widget);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = eg_toast_new (text);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  eg_toast_overlay_add (overlay, toast);
}

/**
 * eg_status_page_set_text:
 * @text: (nullable): plain text, e.g. naming a section "Go Internals & Runtime"
 *   or saying "due in <1m"
 *
 * Sets the page's description, which libadwaita reads as markup, escaped.
 */
void
eg_status_page_set_text (AdwStatusPage *page,
                         const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}

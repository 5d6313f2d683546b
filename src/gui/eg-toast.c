/* eg-toast.c - toasts whose text is shown as it is, one at a time
 *
 * A toast overlay in libadwaita 1.2 queues a new toast behind the one on
 * screen: after Flag then Suspend the screen went on saying "Card flagged".
 * eg_toast_overlay_add() dismisses the overlay's toast first, so the toast
 * on screen is always about the last action.
 *
 * Not at once, though: libadwaita 1.2 frees a toast dismissed while its
 * show animation (500 ms at most) still runs, and that animation's end then
 * writes into freed memory — the app crashed when a window closed just after
 * two quick toasts (fixed in libadwaita 1.3, commit 1674ebc9 "toast-overlay:
 * Prevent show_done from firing after hide_done").  So a toast is dismissed
 * only once it has been on screen for SETTLE_US; the next one waits for it.
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

/* Longer than the longest show animation of a toast (REPLACE_DURATION) */
#define SETTLE_US (600 * G_TIME_SPAN_MILLISECOND)

static gboolean
animates (GtkWidget *widget)
{
  gboolean enabled = FALSE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (widget);
}

static gboolean
dismiss_cb (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Dismisses @toast once its show animation has surely ended; returns when */
static gint64
dismiss_when_settled (AdwToast *toast)
{
  gint64 *settled = g_object_get_data (G_OBJECT (toast), "eg-toast-settled");
  gint64 now = g_get_monotonic_time ();

  if (settled == NULL || *settled <= now)
    {
      adw_toast_dismiss (toast);
      return now;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((*settled - now + 999) / 1000),
                      dismiss_cb, g_object_ref (toast), g_object_unref);
  return *settled;
}

/**
 * eg_toast_overlay_add:
 * @toast: (transfer full): the toast to show now
 *
 * Shows @toast in place of the toast @overlay shows or has queued, if any
 * (once that one has been on screen long enough, see above).
 */
void
eg_toast_overlay_add (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  AdwToast *shown = g_object_get_data (G_OBJECT (overlay), "eg-toast");
  gint64 *settled;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* it shows when the one on screen goes, and settles after that (at once
   * without animations, or out of sight: they are skipped then) */
  settled = g_new (gint64, 1);
  *settled = (shown != NULL ? dismiss_when_settled (shown) : g_get_monotonic_time ()) +
             (animates (GTK_WIDGET (overlay)) ? SETTLE_US : 0);
  g_object_set_data_full (G_OBJECT (toast), "eg-toast-settled", settled, g_free);
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
 * eg_toast_add:
 * @widget: a widget inside a toast overlay, e.g. a page
 * @toast: (transfer full): a toast made with eg_toast_new(), with a button maybe
 *
 * Shows @toast as eg_toast_show() shows its text; drops it if there is no
 * overlay.
 */
void
eg_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  AdwToastOverlay *overlay = find_overlay (widget);

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
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

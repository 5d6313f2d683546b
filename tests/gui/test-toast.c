/* test-toast.c - a toast is dismissed only once it has settled
 *
 * libadwaita 1.2 frees a toast dismissed during its show animation before
 * that animation ends; the animation's end then wrote into freed memory,
 * and the app crashed when a window closed soon after two quick toasts
 * (the GUI tests crashed now and then in stop_app(): annotate with
 * MALLOC_PERTURB_=56 or 169).  eg_toast_overlay_add() replaces the toast on
 * screen only once its show animation is over.
 * Animations stay on here, as for a user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-toast.h"

typedef struct
{
  GtkWidget       *window;
  AdwToastOverlay *overlay;
} Window;

static void
window_open (Window *w)
{
  w->window = gtk_window_new ();
  w->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (w->overlay, gtk_label_new ("content"));
  gtk_window_set_child (GTK_WINDOW (w->window), GTK_WIDGET (w->overlay));
  gtk_window_set_default_size (GTK_WINDOW (w->window), 400, 300);
  gtk_window_present (GTK_WINDOW (w->window));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
count_cb (AdwToast *toast,
          guint    *count)
{
  (*count)++;
}

static gboolean
is_one (gpointer count)
{
  return *(guint *) count == 1;
}

/* The toast on screen is replaced, but not while it is still appearing */
static void
test_replaced_once_settled (void)
{
  Window w;
  AdwToast *first = eg_toast_new ("First");
  guint dismissed = 0;

  window_open (&w);
  g_assert_true (eg_gui_test_wait_for (is_mapped, w.overlay, 5000));
  g_signal_connect (first, "dismissed", G_CALLBACK (count_cb), &dismissed);
  eg_toast_overlay_add (w.overlay, first);
  eg_toast_overlay_add (w.overlay, eg_toast_new ("Second"));
  /* still appearing: not dismissed yet (before the fix: at once) */
  g_assert_cmpuint (dismissed, ==, 0);
  /* then it goes, and the second one shows */
  g_assert_true (eg_gui_test_wait_for (is_one, &dismissed, 5000));
  g_assert_true (eg_gui_test_wait_for_text (w.window, "Second", FALSE, 5000));
  gtk_window_destroy (GTK_WINDOW (w.window));
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("engram-tests");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  g_test_add_func ("/gui/toast/replaced-once-settled", test_replaced_once_settled);
  return g_test_run ();
}

/* eg-gui-test.c - helpers the GUI tests share
 *
 * Tests wait on conditions, never for a time: eg_gui_test_wait_for() runs
 * the main loop until the condition holds (with a deadline that only a
 * failing test meets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <webkit/webkit.h>

#include "eg-gui-test.h"

/**
 * eg_gui_test_find_toplevel:
 * @type: the window's type (an editor, a message dialog)
 * @heading: (nullable): for a message dialog, its heading
 *
 * Returns: (transfer none) (nullable): the last such window open
 */
GtkWindow *
eg_gui_test_find_toplevel (GType       type,
                           const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        continue;
      if (heading != NULL &&
          (!ADW_IS_MESSAGE_DIALOG (window) ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) != 0))
        continue;
      found = GTK_WINDOW (window);
    }
  return found;
}

/* Wakes the loop up, so that a condition that changes outside it (another
 * connection's write, say) is looked at again. */
static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * eg_gui_test_wait_for:
 * @timeout_ms: how long to wait at most
 *
 * Runs the main loop until @condition holds, then the events pending, so
 * that the frame showing the change is drawn.
 *
 * Returns: whether @condition held in time
 */
gboolean
eg_gui_test_wait_for (gboolean (*condition) (gpointer data),
                      gpointer   data,
                      guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  for (int i = 0; held && i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  return held;
}

static gboolean
dialog_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, data) != NULL;
}

/**
 * eg_gui_test_wait_for_dialog:
 * @heading: the message dialog's heading
 *
 * Returns: (transfer none) (nullable): the message dialog with @heading,
 *   once it is open, or %NULL after @timeout_ms
 */
AdwMessageDialog *
eg_gui_test_wait_for_dialog (const char *heading,
                             guint       timeout_ms)
{
  if (!eg_gui_test_wait_for (dialog_shown, (gpointer) heading, timeout_ms))
    return NULL;
  return ADW_MESSAGE_DIALOG (eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, heading));
}

/* The texts on screen in @widget and below: labels, and the card table's
 * cells (GtkInscriptions). */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_INSCRIPTION (widget))
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/**
 * eg_gui_test_shows_text:
 * @widget: a window, a page
 * @text: a label's whole text, or with @part a piece of it
 *
 * Returns: whether a label (or table cell) on screen in @widget shows @text
 */
gboolean
eg_gui_test_shows_text (GtkWidget  *widget,
                        const char *text,
                        gboolean    part)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *shown = g_ptr_array_index (texts, i);

      if (shown != NULL && (part ? strstr (shown, text) != NULL : g_str_equal (shown, text)))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
  gboolean    part;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return eg_gui_test_shows_text (wait->widget, wait->text, wait->part);
}

/**
 * eg_gui_test_wait_for_text:
 *
 * Returns: whether @text (see eg_gui_test_shows_text()) showed within
 *   @timeout_ms
 */
gboolean
eg_gui_test_wait_for_text (GtkWidget  *widget,
                           const char *text,
                           gboolean    part,
                           guint       timeout_ms)
{
  TextWait wait = { widget, text, part };

  return eg_gui_test_wait_for (text_shown, &wait, timeout_ms);
}

typedef struct
{
  gboolean  done;
  char     *text;
} Eval;

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Eval *eval = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object),
                                                                          result, &error);

  eval->text = value ? jsc_value_to_string (value) : g_strdup_printf ("ERROR: %s", error->message);
  eval->done = TRUE;
}

static gboolean
eval_done (gpointer data)
{
  return ((Eval *) data)->done;
}

/**
 * eg_gui_test_eval:
 * @web_view: a WebKitWebView (a card view's)
 *
 * Evaluates @script in the page and waits for its value.
 *
 * Returns: (transfer full) (nullable): the value as text, "ERROR: …" when
 *   the script threw, %NULL when no answer came within @timeout_ms
 */
char *
eg_gui_test_eval (GtkWidget  *web_view,
                  const char *script,
                  guint       timeout_ms)
{
  return eg_gui_test_eval_in_world (web_view, NULL, script, timeout_ms);
}

/**
 * eg_gui_test_eval_in_world:
 * @world: (nullable): a script world's name, %NULL for the page's own
 *
 * eg_gui_test_eval() in @world.  What a world sees of the CSS highlight
 * registry is not always what another world put there: read it in the world
 * that wrote it (the card page's, "engram").
 */
char *
eg_gui_test_eval_in_world (GtkWidget  *web_view,
                           const char *world,
                           const char *script,
                           guint       timeout_ms)
{
  Eval *eval = g_new0 (Eval, 1);
  char *text;

  /* the callback may come after a timeout: then @eval is left to it */
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (web_view), script, -1, world, NULL, NULL,
                                       evaluated_cb, eval);
  if (!eg_gui_test_wait_for (eval_done, eval, timeout_ms))
    return NULL;
  text = eval->text;
  g_free (eval);
  return text;
}

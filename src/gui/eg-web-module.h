/* eg-web-module.h - the WebKit half of the card view, loaded at run time
 *
 * WebKitGTK and the ~100 libraries under it take the dynamic linker about
 * 70 ms to load, before main().  The library window paints without them;
 * they come in a module (libengram-web.so) that EgCardView opens after
 * the first frame.  This header is all the two halves share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Bump when EgWebModule changes: a stale module is refused, not called. */
#define EG_WEB_MODULE_ABI 4

#define EG_WEB_MODULE_NAME "engram-web"
#define EG_WEB_MODULE_SYMBOL "eg_web_module_get"

/* The script world our page script and its message handler live in. */
#define EG_WEB_MODULE_WORLD "engram"

/**
 * EgWebMessageFunc:
 * @kind: "ready" once the page has loaded, then "shown", "revealed" or
 *   "themed" when the first frame with that change is painted, or
 *   "activated" when a highlight is clicked (or Enter pressed in it);
 *   "ended" when the page's web process died: the page is loaded again,
 *   and says "ready" again
 * @token: the token the change was made with
 * @json: the whole message as JSON
 */
typedef void (*EgWebMessageFunc) (GObject    *owner,
                                  const char *kind,
                                  guint64     token,
                                  const char *json);

typedef struct
{
  guint       abi;

  /* A web view, a WebKitWebView, showing engram:///card.html from the
   * resources.  All card views share one web process, web context,
   * ephemeral network session and settings (caret browsing is on in all or
   * in none).  @func gets the page's messages for as long as @owner lives.  The
   * context menu of a selection has "Highlight" and "Highlight with
   * Comment…", which activate "annotate.highlight" and
   * "annotate.highlight-comment" on the view's parent and its ancestors.
   */
  GtkWidget *(*new_view) (GObject          *owner,
                          EgWebMessageFunc  func);
  /* Calls the page script with @body as a function of @arguments (a{sv},
   * floating references are sunk); failures are critical warnings. */
  void       (*call)     (GtkWidget        *view,
                          const char       *body,
                          GVariant         *arguments);
  void       (*set_zoom) (GtkWidget        *view,
                          double            zoom);
  double     (*get_zoom) (GtkWidget        *view);
  /* Calls the page script as call() does, and gives its value back as
   * JSON through call_finish() */
  void       (*call_async)  (GtkWidget           *view,
                             const char          *body,
                             GVariant            *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
  char      *(*call_finish) (GtkWidget           *view,
                             GAsyncResult        *result,
                             GError             **error);
  /* Caret browsing: a caret in the page, moved with the arrow keys */
  void       (*set_caret_browsing) (GtkWidget     *view,
                                    gboolean       caret_browsing);
  gboolean   (*get_caret_browsing) (GtkWidget     *view);
  /* A web view, set up as new_view()'s (but its own process, context and
   * ephemeral session; strict content security policy, no script from
   * markup, nothing loaded from the network), for a whole document given
   * by load_document(), as engram:///document.html.  @func gets "ready"
   * (token 0) each time a document has loaded. */
  GtkWidget *(*new_document_view) (GObject          *owner,
                                   EgWebMessageFunc  func);
  void       (*load_document)     (GtkWidget        *view,
                                   const char       *html);
} EgWebModule;

typedef const EgWebModule *(*EgWebModuleGetFunc) (void);

G_END_DECLS

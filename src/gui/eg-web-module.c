/* eg-web-module.c - the WebKit half of the card view (libengram-web.so)
 *
 * One persistent page (engram:///card.html?view=N) per view.  The card
 * views share one web process: they are related views of an anchor page,
 * made with the first of them and kept for the app's life, and share its
 * web context, ephemeral network session, settings and script message
 * handler, which sends each page's messages to the owner of the view
 * numbered N.  Every page has a strict content security policy, no
 * JavaScript from markup, and loads nothing but our own engram: resources.
 * Links to the web open in the user's browser after a click; every other
 * navigation is refused.  A document view shows a whole document made by
 * the app (the statistics) the same way, in a web process of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-web"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "eg-web-module.h"

#define PAGE_URI "engram:///card.html"
#define PAGE_URI_FORMAT PAGE_URI "?view=%u"
#define DOCUMENT_URI "engram:///document.html"
#define WEB_RESOURCES RESOURCE_BASE "/web"

/* Also set in card.html; policies add up, so either one alone is enough. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; style-src engram: 'unsafe-inline'; img-src engram: data:; " \
  "font-src engram:; base-uri 'none'; form-action 'none'"

static void
serve_resource_cb (WebKitURISchemeRequest *request,
                   gpointer                user_data)
{
  WebKitWebContext *context = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *resource = NULL;
  const char *path = webkit_uri_scheme_request_get_path (request);
  const char *mime = NULL;
  gsize size = 0;

  /* Custom schemes bypass CORS: serve our own page only. */
  if (webkit_web_view_get_context (webkit_uri_scheme_request_get_web_view (request)) != context)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Not for this page");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  if (g_strcmp0 (path, "/card.html") == 0)
    mime = "text/html";
  else if (g_strcmp0 (path, "/card.css") == 0)
    mime = "text/css";

  if (mime != NULL)
    {
      resource = g_strconcat (WEB_RESOURCES, path, NULL);
      if (g_resources_get_info (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL, &error))
        stream = g_resources_open_stream (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
    }
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such resource: %s", path);

  if (stream == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  webkit_uri_scheme_request_finish (request, stream, size, mime);
}

static gboolean
is_web_link (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitURIResponse *response =
        webkit_response_policy_decision_get_response (WEBKIT_RESPONSE_POLICY_DECISION (decision));

      if (g_str_has_prefix (webkit_uri_response_get_uri (response), "engram:"))
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (
             WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      (g_str_has_prefix (uri, PAGE_URI "?view=") || g_strcmp0 (uri, DOCUMENT_URI) == 0) &&
      webkit_navigation_action_get_navigation_type (action) != WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  /* A click on a link to the web: the browser opens it, not us. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
      webkit_navigation_action_is_user_gesture (action) &&
      is_web_link (uri))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static void
annotate_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       GtkWidget     *view)
{
  g_autofree char *name = g_strconcat ("annotate.", g_action_get_name (G_ACTION (action)), NULL);
  GtkWidget *owner = gtk_widget_get_parent (view);

  if (owner != NULL)
    gtk_widget_activate_action (owner, name, NULL);
}

static void
add_annotate_item (WebKitContextMenu *menu,
                   GtkWidget         *view,
                   const char        *name,
                   const char        *label)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, NULL);

  g_signal_connect_object (action, "activate", G_CALLBACK (annotate_activated_cb), view, 0);
  webkit_context_menu_append (menu, webkit_context_menu_item_new_from_gaction (G_ACTION (action),
                                                                              label, NULL));
}

static gboolean
context_menu_cb (WebKitWebView       *view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 gpointer             user_data)
{
  GList *items = webkit_context_menu_get_items (menu);

  /* Copy is all the page needs; no reload, navigation or inspector. */
  for (GList *l = g_list_copy (items); l != NULL; l = g_list_delete_link (l, l))
    {
      WebKitContextMenuItem *item = l->data;

      if (webkit_context_menu_item_get_stock_action (item) != WEBKIT_CONTEXT_MENU_ACTION_COPY)
        webkit_context_menu_remove (menu, item);
    }

  /* and on a selection, highlighting it (the page that shows the view
   * has the actions) */
  if (webkit_hit_test_result_context_is_selection (hit_test_result) &&
      g_object_get_data (G_OBJECT (view), "eg-document") == NULL)
    {
      if (webkit_context_menu_get_n_items (menu) > 0)
        webkit_context_menu_append (menu, webkit_context_menu_item_new_separator ());
      add_annotate_item (menu, GTK_WIDGET (view), "highlight", _("_Highlight"));
      add_annotate_item (menu, GTK_WIDGET (view), "highlight-comment",
                         _("Highlight with _Comment…"));
    }
  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
page_called_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                 result, &error);
  if (value == NULL)
    g_critical ("The card page failed: %s", error->message);
}

#define PAGE_CALL(view, body, arguments, cancellable, callback, data) \
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (view), body, -1, arguments, \
                                                  EG_WEB_MODULE_WORLD, PAGE_URI, \
                                                  cancellable, callback, data)

/* Caret browsing (F7) changes what Enter and Space do in a highlight */
static void
tell_caret_browsing (WebKitWebView *view)
{
  gboolean on = webkit_settings_get_enable_caret_browsing (webkit_web_view_get_settings (view));

  PAGE_CALL (view, "return window.engram ? engram.setCaretBrowsing (on) : false;",
             g_variant_new_parsed ("{'on': <%i>}", on), NULL, page_called_cb, NULL);
}

/* The live card views by number, for the messages of their pages */
static GHashTable *card_views;

typedef struct
{
  GWeakRef          owner;
  EgWebMessageFunc  func;
} Route;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_weak_ref_clear (&route->owner);
  g_free (route);
}

static void
set_route (WebKitWebView    *view,
           GObject          *owner,
           EgWebMessageFunc  func)
{
  Route *route = g_new0 (Route, 1);

  g_weak_ref_init (&route->owner, owner);
  route->func = func;
  g_object_set_data_full (G_OBJECT (view), "eg-route", route, route_free);
}

/* A message from a page: to its view's owner, if it still lives. */
static void
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   gpointer                  user_data)
{
  WebKitWebView *view = g_object_get_data (G_OBJECT (manager), "eg-document-view");
  g_autoptr(JSCValue) type = NULL;
  g_autoptr(JSCValue) token = NULL;
  g_autoptr(GObject) owner = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *json = NULL;
  Route *route;

  if (!jsc_value_is_object (value))
    return;
  if (view == NULL && card_views != NULL)
    {
      g_autoptr(JSCValue) number = jsc_value_object_get_property (value, "view");

      view = g_hash_table_lookup (card_views, GUINT_TO_POINTER ((guint) jsc_value_to_double (number)));
    }
  route = view != NULL ? g_object_get_data (G_OBJECT (view), "eg-route") : NULL;
  owner = route != NULL ? g_weak_ref_get (&route->owner) : NULL;
  if (owner == NULL)
    return;

  type = jsc_value_object_get_property (value, "type");
  token = jsc_value_object_get_property (value, "token");
  kind = jsc_value_to_string (type);
  if (kind == NULL)
    return;
  if (g_str_equal (kind, "ready"))
    tell_caret_browsing (view);
  json = jsc_value_to_json (value, 0);
  route->func (owner, kind, (guint64) jsc_value_to_double (token), json);
}

static void
set_up_settings (WebKitWebView *view)
{
  WebKitSettings *settings = webkit_web_view_get_settings (view);

  /* Only our own script, injected by the API, ever runs. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  /* <a ping> would tell a server that a link was followed.  WebKitGTK 2.50
   * dropped the switch (it warns and does nothing); there the page's CSP
   * stops pings: default-src 'none' leaves no connect-src. */
  if (webkit_get_major_version () == 2 && webkit_get_minor_version () < 50)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      webkit_settings_set_enable_hyperlink_auditing (settings, FALSE);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("ENGRAM_INSPECTOR") != NULL);
}

static void
connect_view (WebKitWebView *view)
{
  /* The settings may be shared with related views: each one hears of it. */
  g_signal_connect_object (webkit_web_view_get_settings (view), "notify::enable-caret-browsing",
                           G_CALLBACK (tell_caret_browsing), view, G_CONNECT_SWAPPED);
  g_signal_connect (view, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (view, "context-menu", G_CALLBACK (context_menu_cb), NULL);
}

/* A view with a web context, an ephemeral network session and a content
 * manager of its own (the view holds the only references), running @script
 * (at the end of each document) in our world */
static WebKitWebView *
make_view (const char *script_source)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  g_autoptr(WebKitWebContext) context = webkit_web_context_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  WebKitSecurityManager *security;
  WebKitWebView *view;

  script = webkit_user_script_new_for_world (script_source,
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             EG_WEB_MODULE_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (content, script);
  webkit_user_content_manager_register_script_message_handler (content, "engram",
                                                               EG_WEB_MODULE_WORLD);
  g_signal_connect (content, "script-message-received::engram",
                    G_CALLBACK (script_message_cb), NULL);

  webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  webkit_web_context_register_uri_scheme (context, "engram", serve_resource_cb, context, NULL);
  security = webkit_web_context_get_security_manager (context);
  webkit_security_manager_register_uri_scheme_as_secure (security, "engram");

  view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "web-context", context,
                       "network-session", session,
                       "user-content-manager", content,
                       "default-content-security-policy", CONTENT_SECURITY_POLICY,
                       NULL);
  set_up_settings (view);
  connect_view (view);
  return view;
}

/* The web process died (it is shared: every card view hears it): the page
 * comes back in a new one, and says "ready" again. */
static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  Route *route = g_object_get_data (G_OBJECT (view), "eg-route");
  g_autoptr(GObject) owner = route != NULL ? g_weak_ref_get (&route->owner) : NULL;

  g_message ("The web process of the card views ended (%d): loading their pages again", reason);
  if (owner != NULL)
    route->func (owner, "ended", 0, "{}");
  webkit_web_view_reload (view);
}

static void
forget_card_view (gpointer  number,
                  GObject  *where_the_view_was)
{
  g_hash_table_remove (card_views, number);
}

static GtkWidget *
new_view (GObject          *owner,
          EgWebMessageFunc  func)
{
  /* An empty page of our own that keeps the web process of the card views
   * running while there is none: a view made while the last one was being
   * closed would wait for its page forever. */
  static WebKitWebView *anchor;
  static guint last_number;
  guint number = ++last_number;
  g_autofree char *uri = g_strdup_printf (PAGE_URI_FORMAT, number);
  WebKitWebView *view;

  if (anchor == NULL)
    {
      g_autoptr(GBytes) source = g_resources_lookup_data (WEB_RESOURCES "/card.js",
                                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert (source != NULL);
      anchor = g_object_ref_sink (make_view (g_bytes_get_data (source, NULL)));
      g_signal_connect (anchor, "web-process-terminated",
                        G_CALLBACK (web_process_terminated_cb), NULL);
      webkit_web_view_load_uri (anchor, PAGE_URI "?view=0");
      card_views = g_hash_table_new (NULL, NULL);
    }

  /* One web process for all card views: each is a related view of the
   * anchor, with its context and session, and its settings and content
   * manager (which WebKit 2.50 does not share by itself). */
  view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "related-view", anchor,
                       "user-content-manager", webkit_web_view_get_user_content_manager (anchor),
                       "settings", webkit_web_view_get_settings (anchor),
                       "default-content-security-policy", CONTENT_SECURITY_POLICY,
                       NULL);
  connect_view (view);
  g_signal_connect (view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), NULL);
  set_route (view, owner, func);
  g_hash_table_insert (card_views, GUINT_TO_POINTER (number), view);
  g_object_weak_ref (G_OBJECT (view), forget_card_view, GUINT_TO_POINTER (number));
  webkit_web_view_load_uri (view, uri);
  return GTK_WIDGET (view);
}

static GtkWidget *
new_document_view (GObject          *owner,
                   EgWebMessageFunc  func)
{
  WebKitWebView *view;

  view = make_view ("window.webkit.messageHandlers.engram.postMessage ({type: 'ready', token: 0});");
  g_object_set_data (G_OBJECT (view), "eg-document", GINT_TO_POINTER (TRUE));
  /* the view holds its content manager, alone */
  g_object_set_data (G_OBJECT (webkit_web_view_get_user_content_manager (view)),
                     "eg-document-view", view);
  set_route (view, owner, func);
  return GTK_WIDGET (view);
}

static void
load_document (GtkWidget  *view,
               const char *html)
{
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (view), html, DOCUMENT_URI);
}

static void
call (GtkWidget  *view,
      const char *body,
      GVariant   *arguments)
{
  PAGE_CALL (view, body, arguments, NULL, page_called_cb, NULL);
}

static void
call_async (GtkWidget           *view,
            const char          *body,
            GVariant            *arguments,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  PAGE_CALL (view, body, arguments, cancellable, callback, user_data);
}

static char *
call_finish (GtkWidget     *view,
             GAsyncResult  *result,
             GError       **error)
{
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (view),
                                                                 result, error);
  return value != NULL ? jsc_value_to_json (value, 0) : NULL;
}

static void
set_zoom (GtkWidget *view,
          double     zoom)
{
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (view), zoom);
}

static double
get_zoom (GtkWidget *view)
{
  return webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (view));
}

static void
set_caret_browsing (GtkWidget *view,
                    gboolean   caret_browsing)
{
  webkit_settings_set_enable_caret_browsing (webkit_web_view_get_settings (WEBKIT_WEB_VIEW (view)),
                                             caret_browsing);
}

static gboolean
get_caret_browsing (GtkWidget *view)
{
  return webkit_settings_get_enable_caret_browsing (webkit_web_view_get_settings (WEBKIT_WEB_VIEW (view)));
}

G_MODULE_EXPORT const EgWebModule *eg_web_module_get (void);

const EgWebModule *
eg_web_module_get (void)
{
  static const EgWebModule module = {
    .abi = EG_WEB_MODULE_ABI,
    .new_view = new_view,
    .call = call,
    .set_zoom = set_zoom,
    .get_zoom = get_zoom,
    .call_async = call_async,
    .call_finish = call_finish,
    .set_caret_browsing = set_caret_browsing,
    .get_caret_browsing = get_caret_browsing,
    .new_document_view = new_document_view,
    .load_document = load_document,
  };

  return &module;
}

/* eg-card-view.c - a card rendered in a WebKit view
 *
 * One persistent page (engram:///card.html) per view; cards are swapped in
 * by calling our page script with the rendered HTML as data.  The view has
 * its own web context and an ephemeral network session, a strict content
 * security policy, no JavaScript from markup, and loads nothing but our own
 * engram: resources.  Links to the web open in the user's browser after a
 * click; every other navigation is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-view"

#include "config.h"

#include "eg-card-view.h"
#include "eg-highlighter.h"

#define PAGE_URI "engram:///card.html"
#define WEB_RESOURCES RESOURCE_BASE "/web"

/* Also set in card.html; policies add up, so either one alone is enough. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; style-src engram: 'unsafe-inline'; img-src engram: data:; " \
  "font-src engram:; base-uri 'none'; form-action 'none'"

struct _EgCardView
{
  GtkWidget           parent_instance;

  WebKitWebView      *web_view;
  WebKitWebContext   *context;
  EgHighlighter      *highlighter;

  gboolean            ready;
  gboolean            dark;
  /* what to show once the page is ready, or again after a theme change */
  GVariant           *pending;
  EgCard             *card;
  char               *default_language;
  gboolean            revealed;
  guint64             token;
};

G_DEFINE_FINAL_TYPE (EgCardView, eg_card_view, GTK_TYPE_WIDGET)

enum {
  READY,
  PAINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
serve_resource_cb (WebKitURISchemeRequest *request,
                   gpointer                user_data)
{
  EgCardView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *resource = NULL;
  const char *path = webkit_uri_scheme_request_get_path (request);
  const char *mime = NULL;
  gsize size = 0;

  /* Custom schemes bypass CORS: serve our own page only. */
  if (webkit_uri_scheme_request_get_web_view (request) != self->web_view)
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
decide_policy_cb (EgCardView               *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
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
      g_strcmp0 (uri, PAGE_URI) == 0 &&
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
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static gboolean
context_menu_cb (EgCardView          *self,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView       *web_view)
{
  GList *items = webkit_context_menu_get_items (menu);

  /* Copy is all the page needs; no reload, navigation or inspector. */
  for (GList *l = g_list_copy (items); l != NULL; l = g_list_delete_link (l, l))
    {
      WebKitContextMenuItem *item = l->data;

      if (webkit_context_menu_item_get_stock_action (item) != WEBKIT_CONTEXT_MENU_ACTION_COPY)
        webkit_context_menu_remove (menu, item);
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

static void
call_page (EgCardView *self,
           const char *body,
           GVariant   *arguments)
{
  webkit_web_view_call_async_javascript_function (self->web_view, body, -1, arguments,
                                                  EG_CARD_VIEW_WORLD, PAGE_URI,
                                                  NULL, page_called_cb, NULL);
}

static GVariant *
card_arguments (EgCardView *self)
{
  GVariantBuilder card;
  GVariantBuilder parts;
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;

  question = eg_card_view_render_html (self, self->card->question, self->default_language);
  answer = eg_card_view_render_html (self, self->card->answer, self->default_language);

  /* WebKit passes strings, numbers and dictionaries (not booleans or
   * arrays): the parts are a dictionary keyed "0", "1", ...
   */
  g_variant_builder_init (&parts, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; i < self->card->parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (self->card->parts, i);
      g_autofree char *html = eg_card_view_render_html (self, part->text, self->default_language);
      g_autofree char *index = g_strdup_printf ("%u", i);
      GVariantBuilder entry;

      g_variant_builder_init (&entry, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&entry, "{sv}", "name", g_variant_new_string (part->name));
      g_variant_builder_add (&entry, "{sv}", "html", g_variant_new_string (html));
      g_variant_builder_add (&parts, "{sv}", index, g_variant_builder_end (&entry));
    }

  g_variant_builder_init (&card, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&card, "{sv}", "question", g_variant_new_string (question));
  g_variant_builder_add (&card, "{sv}", "answer", g_variant_new_string (answer));
  g_variant_builder_add (&card, "{sv}", "parts", g_variant_builder_end (&parts));
  g_variant_builder_add (&card, "{sv}", "revealed", g_variant_new_int32 (self->revealed));
  g_variant_builder_add (&card, "{sv}", "token", g_variant_new_double ((double) self->token));

  return g_variant_new_parsed ("{'card': %v}", g_variant_builder_end (&card));
}

static void
send_card (EgCardView *self)
{
  if (self->card == NULL)
    return;
  if (!self->ready)
    {
      g_clear_pointer (&self->pending, g_variant_unref);
      self->pending = g_variant_ref_sink (card_arguments (self));
      return;
    }
  call_page (self, "return engram.show (card);", card_arguments (self));
}

static void
script_message_cb (EgCardView               *self,
                   JSCValue                 *value,
                   WebKitUserContentManager *manager)
{
  g_autoptr(JSCValue) type = NULL;
  g_autoptr(JSCValue) token = NULL;
  g_autofree char *kind = NULL;

  if (!jsc_value_is_object (value))
    return;
  type = jsc_value_object_get_property (value, "type");
  token = jsc_value_object_get_property (value, "token");
  kind = jsc_value_to_string (type);

  if (g_strcmp0 (kind, "ready") == 0)
    {
      self->ready = TRUE;
      call_page (self, "return engram.setDark (dark);",
                 g_variant_new_parsed ("{'dark': <%i>}", self->dark));
      if (self->pending != NULL)
        {
          g_autoptr(GVariant) pending = g_steal_pointer (&self->pending);

          call_page (self, "return engram.show (card);", pending);
        }
      g_signal_emit (self, signals[READY], 0);
    }
  else if (kind != NULL)
    g_signal_emit (self, signals[PAINTED], 0, kind, (guint64) jsc_value_to_double (token));
}

static void
eg_card_view_dispose (GObject *object)
{
  EgCardView *self = (EgCardView *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->web_view = NULL;
  g_clear_object (&self->context);
  g_clear_object (&self->highlighter);
  g_clear_pointer (&self->pending, g_variant_unref);
  g_clear_pointer (&self->card, eg_card_free);
  g_clear_pointer (&self->default_language, g_free);

  G_OBJECT_CLASS (eg_card_view_parent_class)->dispose (object);
}

static void
eg_card_view_class_init (EgCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_card_view_dispose;

  /**
   * EgCardView::ready:
   *
   * The page has loaded and can show cards.
   */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EgCardView::painted:
   * @kind: "shown", "revealed" or "themed"
   * @token: the token given with the change
   *
   * The first frame showing a change has been painted.
   */
  signals[PAINTED] = g_signal_new ("painted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING, G_TYPE_UINT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardview");
}

static void
eg_card_view_init (EgCardView *self)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(GBytes) source = NULL;
  WebKitSecurityManager *security;
  WebKitSettings *settings;

  self->highlighter = eg_highlighter_new ();

  self->context = webkit_web_context_new ();
  webkit_web_context_set_cache_model (self->context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  webkit_web_context_register_uri_scheme (self->context, "engram", serve_resource_cb, self, NULL);
  security = webkit_web_context_get_security_manager (self->context);
  webkit_security_manager_register_uri_scheme_as_secure (security, "engram");
  webkit_security_manager_register_uri_scheme_as_local (security, "engram");

  source = g_resources_lookup_data (WEB_RESOURCES "/card.js", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (source != NULL);
  script = webkit_user_script_new_for_world (g_bytes_get_data (source, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             EG_CARD_VIEW_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (content, script);
  webkit_user_content_manager_register_script_message_handler (content, "engram",
                                                               EG_CARD_VIEW_WORLD);
  g_signal_connect_object (content, "script-message-received::engram",
                           G_CALLBACK (script_message_cb), self, G_CONNECT_SWAPPED);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", self->context,
                                 "network-session", session,
                                 "user-content-manager", content,
                                 "default-content-security-policy", CONTENT_SECURITY_POLICY,
                                 NULL);
  settings = webkit_web_view_get_settings (self->web_view);
  /* Only our own script, injected by the API, ever runs. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("ENGRAM_INSPECTOR") != NULL);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (context_menu_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  webkit_web_view_load_uri (self->web_view, PAGE_URI);
}

GtkWidget *
eg_card_view_new (void)
{
  return g_object_new (EG_TYPE_CARD_VIEW, NULL);
}

gboolean
eg_card_view_is_ready (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), FALSE);
  return self->ready;
}

/**
 * eg_card_view_render_html:
 *
 * Returns: @markdown as the page shows it, code highlighted for the current
 *   (light or dark) style
 */
char *
eg_card_view_render_html (EgCardView *self,
                          const char *markdown,
                          const char *default_language)
{
  EgRenderOptions options = {
    .default_language = default_language,
    .highlight = eg_highlighter_func,
    .highlight_data = self->highlighter,
  };

  g_return_val_if_fail (EG_IS_CARD_VIEW (self), NULL);

  return eg_markdown_to_html (markdown, &options);
}

/**
 * eg_card_view_show_card:
 * @revealed: show the answer too
 * @token: returned with the #EgCardView::painted signal
 */
void
eg_card_view_show_card (EgCardView *self,
                        EgCard     *card,
                        const char *default_language,
                        gboolean    revealed,
                        guint64     token)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));
  g_return_if_fail (card != NULL);

  g_clear_pointer (&self->card, eg_card_free);
  self->card = eg_store_card_copy (card);
  g_free (self->default_language);
  self->default_language = g_strdup (default_language);
  self->revealed = revealed;
  self->token = token;
  send_card (self);
}

void
eg_card_view_reveal (EgCardView *self,
                     guint64     token)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  self->revealed = TRUE;
  self->token = token;
  if (!self->ready)
    {
      send_card (self);
      return;
    }
  call_page (self, "return engram.reveal (token);",
             g_variant_new_parsed ("{'token': <%d>}", (double) token));
}

void
eg_card_view_scroll (EgCardView *self,
                     const char *how)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  if (self->ready)
    call_page (self, "return engram.scroll (how);", g_variant_new_parsed ("{'how': <%s>}", how));
}

/**
 * eg_card_view_set_dark:
 *
 * Follows the app's dark style: the page's colours and the highlighted code.
 */
void
eg_card_view_set_dark (EgCardView *self,
                       gboolean    dark)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  eg_highlighter_set_dark (self->highlighter, dark);
  if (!self->ready)
    return;
  call_page (self, "return engram.setDark (dark);", g_variant_new_parsed ("{'dark': <%i>}", dark));
  /* code colours come from the style scheme: render again */
  send_card (self);
}

gboolean
eg_card_view_get_dark (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), FALSE);
  return self->dark;
}

void
eg_card_view_set_zoom (EgCardView *self,
                       double      zoom)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));
  webkit_web_view_set_zoom_level (self->web_view, CLAMP (zoom, 0.5, 3.0));
}

double
eg_card_view_get_zoom (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), 1.0);
  return webkit_web_view_get_zoom_level (self->web_view);
}

WebKitWebView *
eg_card_view_get_web_view (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), NULL);
  return self->web_view;
}

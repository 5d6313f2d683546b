/* eg-card-view.c - a card rendered in a WebKit view
 *
 * One persistent page per view; cards are swapped in by calling our page
 * script with the rendered HTML as data.  The Markdown is rendered here,
 * code highlighted with GtkSourceView; the web view itself, and WebKit,
 * come from the web module (eg-web-module.c), loaded when the first card
 * view is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "eg-card-view.h"
#include "eg-highlighter.h"
#include "eg-install-dir.h"
#include "eg-web-module.h"

#include <gmodule.h>

struct _EgCardView
{
  GtkWidget           parent_instance;

  GtkWidget          *web_view;   /* a WebKitWebView, or NULL */
  EgHighlighter      *highlighter;

  gboolean            ready;
  gboolean            dark;
  /* what to show once the page is ready, or again after a theme change */
  EgCard             *card;
  char               *default_language;
  gboolean            revealed;
  guint64             token;
  GStrv               marks;      /* search terms to highlight: eg_card_view_set_marks() */
  GPtrArray          *annotations; /* EgAnnotation of the card: eg_card_view_set_annotations() */
  gboolean            parts_collapsed;  /* named parts behind a click */
  int                 font_size;  /* pixels, 0 for the stylesheet's: eg_card_view_set_fonts() */
  char               *code_font;  /* a family, "" for the system's monospace font */
};

G_DEFINE_FINAL_TYPE (EgCardView, eg_card_view, GTK_TYPE_WIDGET)

enum {
  READY,
  PAINTED,
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const EgWebModule *web_module;
static char *web_module_error;

/* Loads the module from @data, a folder (g_once: the first call wins). */
static gpointer
load_web_module (gpointer data)
{
  const char *dir = data;
  g_autofree char *path = NULL;
  EgWebModuleGetFunc get = NULL;
  GModule *module;

  path = g_module_build_path (dir, EG_WEB_MODULE_NAME);
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      web_module_error = g_strdup (g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, EG_WEB_MODULE_SYMBOL, (gpointer *) &get) ||
      get ()->abi != EG_WEB_MODULE_ABI)
    {
      web_module_error = g_strdup_printf (_("%s is not the web module of Engram %s"),
                                          path, PACKAGE_VERSION);
      g_module_close (module);
      return NULL;
    }
  g_module_make_resident (module);
  web_module = get ();
  return NULL;
}

/**
 * _eg_card_view_load_module_from:
 * @dir: the folder of the module
 *
 * Loads the WebKit module from @dir, unless it was loaded (or failed to
 * load) before: for the tests of a missing module.
 *
 * Returns: %FALSE and sets @error if the module cannot be loaded
 */
gboolean
_eg_card_view_load_module_from (const char  *dir,
                                GError     **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_web_module, (gpointer) dir);
  if (web_module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The card view cannot start: %s"), web_module_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * eg_card_view_load_module:
 *
 * Loads the WebKit module now, if it is not loaded yet; card views do it
 * when they are made.  Safe from any thread.
 *
 * The module is code run in the app, so it comes only from the installed
 * module folder, or from the build tree for the build tree's own programs
 * (its tests, `meson devenv`); no environment variable names another.
 *
 * Returns: %FALSE and sets @error if the module cannot be loaded
 */
gboolean
eg_card_view_load_module (GError **error)
{
  g_autofree char *dir = NULL;

  if (eg_install_dir_in_build_tree ())
    dir = g_strdup (BUILD_MODULE_DIR);
  else
    dir = eg_install_dir (PKGLIBDIR_FROM_PREFIX, PKGLIBDIR);
  return _eg_card_view_load_module_from (dir, error);
}

/**
 * eg_card_view_get_module:
 *
 * The WebKit module, for other views of the app that are set up as the card
 * view (eg_card_view_load_module()).
 *
 * Returns: (nullable): the module, or %NULL and sets @error
 */
const EgWebModule *
eg_card_view_get_module (GError **error)
{
  return eg_card_view_load_module (error) ? web_module : NULL;
}

static gpointer
preload_thread (gpointer data)
{
  /* a failure is shown by each card view, in place of the card */
  eg_card_view_load_module (NULL);
  return NULL;
}

/**
 * eg_card_view_preload_module:
 *
 * Starts loading the WebKit module in a thread: the first card view made
 * then waits only for what is left of it.
 */
void
eg_card_view_preload_module (void)
{
  g_thread_unref (g_thread_new ("engram-web-load", preload_thread, NULL));
}

static void
call_page (EgCardView *self,
           const char *body,
           GVariant   *arguments)
{
  web_module->call (self->web_view, body, arguments);
}

/* The terms as the page takes them: a dictionary keyed "0", "1", ... */
static GVariant *
marks_variant (EgCardView *self)
{
  GVariantBuilder marks;

  g_variant_builder_init (&marks, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; self->marks != NULL && self->marks[i] != NULL; i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      g_variant_builder_add (&marks, "{sv}", index, g_variant_new_string (self->marks[i]));
    }
  return g_variant_builder_end (&marks);
}

/* The card's highlights and note as the page takes them (engram.annotate()):
 * highlights, a dictionary keyed "0", "1", ... of {id, field, start, end,
 * color, comment}, orphans left out; note, its HTML ("" for none); and
 * noteLabel, the note's heading.
 */
static GVariant *
annotations_variant (EgCardView *self)
{
  GVariantBuilder highlights;
  GVariantBuilder annotations;
  g_autofree char *note = NULL;
  guint n = 0;

  g_variant_builder_init (&highlights, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (self->annotations, i);
      g_autofree char *index = NULL;
      GVariantBuilder entry;

      if (annotation->deleted != 0)
        continue;
      if (annotation->kind == EG_ANNOTATION_NOTE)
        {
          g_autofree char *body = g_strstrip (g_strdup (annotation->body != NULL ? annotation->body : ""));

          if (note == NULL && body[0] != '\0')
            note = eg_card_view_render_html (self, annotation->body, self->default_language);
          continue;
        }
      if (annotation->orphaned || annotation->anchor == NULL || annotation->field == NULL)
        continue;

      g_variant_builder_init (&entry, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&entry, "{sv}", "id", g_variant_new_double ((double) annotation->id));
      g_variant_builder_add (&entry, "{sv}", "field", g_variant_new_string (annotation->field));
      g_variant_builder_add (&entry, "{sv}", "start", g_variant_new_double (annotation->anchor->start));
      g_variant_builder_add (&entry, "{sv}", "end", g_variant_new_double (annotation->anchor->end));
      g_variant_builder_add (&entry, "{sv}", "color",
                             g_variant_new_string (annotation->color != NULL ? annotation->color
                                                                             : EG_ANNOTATION_DEFAULT_COLOR));
      g_variant_builder_add (&entry, "{sv}", "comment",
                             g_variant_new_int32 (annotation->body != NULL && annotation->body[0] != '\0'));
      index = g_strdup_printf ("%u", n++);
      g_variant_builder_add (&highlights, "{sv}", index, g_variant_builder_end (&entry));
    }

  g_variant_builder_init (&annotations, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&annotations, "{sv}", "highlights", g_variant_builder_end (&highlights));
  g_variant_builder_add (&annotations, "{sv}", "note", g_variant_new_string (note != NULL ? note : ""));
  g_variant_builder_add (&annotations, "{sv}", "noteLabel", g_variant_new_string (_("Note")));
  return g_variant_builder_end (&annotations);
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
  g_variant_builder_add (&card, "{sv}", "partsCollapsed",
                         g_variant_new_int32 (self->parts_collapsed ? 1 : 0));
  g_variant_builder_add (&card, "{sv}", "token", g_variant_new_double ((double) self->token));
  g_variant_builder_add (&card, "{sv}", "marks", marks_variant (self));
  g_variant_builder_add (&card, "{sv}", "annotations", annotations_variant (self));
  g_variant_builder_add (&card, "{sv}", "labels",
                         g_variant_new_parsed ("{'question': <%s>, 'answer': <%s>}",
                                               _("Question"), _("Answer")));

  return g_variant_new_parsed ("{'card': %v}", g_variant_builder_end (&card));
}

static GVariant *
fonts_arguments (EgCardView *self)
{
  return g_variant_new_parsed ("{'fonts': <{'size': <%i>, 'code': <%s>}>}",
                               self->font_size, self->code_font);
}

static void
send_card (EgCardView *self)
{
  /* before the page is ready, it gets the card when it is */
  if (self->card == NULL || !self->ready)
    return;
  call_page (self, "return engram.show (card);", card_arguments (self));
}

/* A highlight was clicked, or Enter pressed in it: the message has its id
 * and its bounding box in CSS pixels of the viewport. */
static void
highlight_activated (EgCardView *self,
                     const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *message;
  double zoom = eg_card_view_get_zoom (self);
  double x, y;
  GdkRectangle rect;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  message = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (message, "id"))
    return;

  /* the page's CSS pixels are zoomed */
  x = json_object_get_double_member_with_default (message, "x", 0) * zoom;
  y = json_object_get_double_member_with_default (message, "y", 0) * zoom;
  rect.width = (int) ceil (json_object_get_double_member_with_default (message, "width", 0) * zoom);
  rect.height = (int) ceil (json_object_get_double_member_with_default (message, "height", 0) * zoom);
  if (!gtk_widget_translate_coordinates (self->web_view, GTK_WIDGET (self), x, y, &x, &y))
    return;
  rect.x = (int) floor (x);
  rect.y = (int) floor (y);

  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0,
                 (gint64) json_object_get_double_member (message, "id"), &rect);
}

/* WebKit's view holds a GtkTextView of its own, 0 x 0 pixels, that Tab
 * reached after the page and never left (a text view takes Tab as text):
 * a keyboard trap.  Tab passes it by; WebKit can still give it the focus. */
static void
skip_internal_text_views (EgCardView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->web_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT_VIEW (child))
      gtk_widget_set_focusable (child, FALSE);
}

/* The page follows the desktop's high contrast: full-strength text and
 * borders (card.css, :root.hc) */
static void
send_contrast (EgCardView *self)
{
  gboolean high = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  if (self->ready)
    call_page (self, "return engram.setContrast (high);",
               g_variant_new_parsed ("{'high': <%i>}", high ? 1 : 0));
}

static void
page_message_cb (GObject    *owner,
                 const char *kind,
                 guint64     token,
                 const char *json)
{
  EgCardView *self = EG_CARD_VIEW (owner);

  if (g_strcmp0 (kind, "activated") == 0)
    highlight_activated (self, json);
  else if (g_strcmp0 (kind, "ended") == 0)
    self->ready = FALSE;   /* until the page, loaded again, is */
  else if (g_strcmp0 (kind, "ready") == 0)
    {
      self->ready = TRUE;
      call_page (self, "return engram.setDark (dark);",
                 g_variant_new_parsed ("{'dark': <%i>}", self->dark));
      send_contrast (self);
      skip_internal_text_views (self);
      call_page (self, "return engram.setFonts (fonts);", fonts_arguments (self));
      send_card (self);   /* the first card, or the card again in a new page */
      g_signal_emit (self, signals[READY], 0);
    }
  else
    g_signal_emit (self, signals[PAINTED], 0, kind, token);
}

static void
eg_card_view_dispose (GObject *object)
{
  EgCardView *self = (EgCardView *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->web_view = NULL;
  g_clear_object (&self->highlighter);
  g_clear_pointer (&self->card, eg_card_free);
  g_clear_pointer (&self->default_language, g_free);
  g_clear_pointer (&self->marks, g_strfreev);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_card_view_parent_class)->dispose (object);
}

static void
eg_card_view_finalize (GObject *object)
{
  EgCardView *self = (EgCardView *)object;

  g_free (self->code_font);

  G_OBJECT_CLASS (eg_card_view_parent_class)->finalize (object);
}

static void
eg_card_view_class_init (EgCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_card_view_dispose;
  object_class->finalize = eg_card_view_finalize;

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

  /**
   * EgCardView::annotation-activated:
   * @id: the highlight's id (#EgAnnotation.id)
   * @rect: (type GdkRectangle): its bounding box, in the card view's
   *   coordinates (for a popover pointing at it)
   *
   * A highlight was clicked, or Enter or Space pressed in it while caret
   * browsing, or eg_card_view_activate_at_caret() found it.
   */
  signals[ANNOTATION_ACTIVATED] = g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 2, G_TYPE_INT64,
                                                GDK_TYPE_RECTANGLE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardview");
}

static void
eg_card_view_init (EgCardView *self)
{
  g_autoptr(GError) error = NULL;

  self->highlighter = eg_highlighter_new ();
  self->code_font = g_strdup ("");

  if (!eg_card_view_load_module (&error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      g_warning ("%s", error->message);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_parent (label, GTK_WIDGET (self));
      return;
    }

  self->web_view = web_module->new_view (G_OBJECT (self), page_message_cb);
  gtk_widget_set_parent (self->web_view, GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (send_contrast), self, G_CONNECT_SWAPPED);
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
 *
 * Shows @card.  The highlights and note set with
 * eg_card_view_set_annotations() stay when @card is the card shown (same id
 * and key), and are cleared for another card.
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

  /* a card's highlights are not another's */
  if (self->card == NULL || self->card->id != card->id ||
      g_strcmp0 (self->card->key, card->key) != 0)
    g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->card, eg_card_free);
  self->card = eg_store_card_copy (card);
  g_free (self->default_language);
  self->default_language = g_strdup (default_language);
  self->revealed = revealed;
  self->token = token;
  send_card (self);
}

/**
 * eg_card_view_set_marks:
 * @terms: (nullable) (array zero-terminated=1): what a search looks for,
 *   as eg_search_get_terms() gives it
 *
 * Highlights @terms in the card shown and in the cards shown after it: the
 * page wraps the matching text in `<mark>` elements, in the text nodes of
 * the rendered card (no HTML is made of the terms).
 */
void
eg_card_view_set_marks (EgCardView         *self,
                        const char * const *terms)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  if (self->marks == NULL && (terms == NULL || terms[0] == NULL))
    return;
  if (self->marks != NULL && terms != NULL &&
      g_strv_equal ((const char * const *) self->marks, terms))
    return;
  g_clear_pointer (&self->marks, g_strfreev);
  if (terms != NULL && terms[0] != NULL)
    self->marks = g_strdupv ((char **) terms);
  if (!self->ready)
    send_card (self);   /* what is shown once the page is ready */
  else if (self->card != NULL)
    call_page (self, "return engram.mark (marks);",
               g_variant_new_parsed ("{'marks': %v}", marks_variant (self)));
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

void
eg_card_view_set_zoom (EgCardView *self,
                       double      zoom)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  if (self->web_view != NULL)
    web_module->set_zoom (self->web_view, CLAMP (zoom, 0.5, 3.0));
}

double
eg_card_view_get_zoom (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), 1.0);

  return self->web_view != NULL ? web_module->get_zoom (self->web_view) : 1.0;
}

/**
 * eg_card_view_set_parts_collapsed:
 *
 * Whether a card's named parts ("Indepth") show behind a click on their
 * heading (or Enter on it), from the next card shown.
 */
void
eg_card_view_set_parts_collapsed (EgCardView *self,
                                  gboolean    collapsed)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));
  self->parts_collapsed = collapsed;
}

gboolean
eg_card_view_get_parts_collapsed (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), FALSE);
  return self->parts_collapsed;
}

/**
 * eg_card_view_set_fonts:
 * @font_size: the text's size in pixels (at zoom 1), 0 for the page's own
 * @code_font: (nullable): the family of code's monospace font, %NULL or ""
 *   for the system's monospace font
 *
 * Sets the card's text size and code font at once, on the card shown too:
 * the page takes them as style (custom properties), the card is not
 * rendered again.
 */
void
eg_card_view_set_fonts (EgCardView *self,
                        int         font_size,
                        const char *code_font)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  font_size = MAX (font_size, 0);
  if (code_font == NULL)
    code_font = "";
  if (self->font_size == font_size && g_str_equal (self->code_font, code_font))
    return;
  self->font_size = font_size;
  g_free (self->code_font);
  self->code_font = g_strdup (code_font);
  if (self->ready)
    call_page (self, "return engram.setFonts (fonts);", fonts_arguments (self));
}

static void
fonts_changed_cb (EgCardView *self,
                  const char *key,
                  GSettings  *settings)
{
  g_autofree char *code_font = g_settings_get_string (settings, "code-font");

  eg_card_view_set_fonts (self, g_settings_get_int (settings, "answer-font-size"), code_font);
}

static void
parts_changed_cb (EgCardView *self,
                  const char *key,
                  GSettings  *settings)
{
  eg_card_view_set_parts_collapsed (self, g_settings_get_boolean (settings, "parts-collapsed"));
}

/**
 * eg_card_view_follow_settings:
 * @settings: the app's GSettings
 *
 * Gives the view what @settings choose for cards — the text size, the code
 * font, named parts at once or behind a click — now and whenever they
 * change (for as long as the view lives).
 */
void
eg_card_view_follow_settings (EgCardView *self,
                              GSettings  *settings)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect_object (settings, "changed::answer-font-size", G_CALLBACK (fonts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::code-font", G_CALLBACK (fonts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::parts-collapsed", G_CALLBACK (parts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  fonts_changed_cb (self, NULL, settings);
  parts_changed_cb (self, NULL, settings);
}

/**
 * eg_card_view_set_caret_browsing:
 *
 * Turns caret browsing on or off: a caret in the card, moved with the arrow
 * keys, Shift+arrows selecting.
 */
void
eg_card_view_set_caret_browsing (EgCardView *self,
                                 gboolean    caret_browsing)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  if (self->web_view != NULL)
    web_module->set_caret_browsing (self->web_view, caret_browsing);
}

gboolean
eg_card_view_get_caret_browsing (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), FALSE);

  return self->web_view != NULL && web_module->get_caret_browsing (self->web_view);
}

/**
 * eg_card_view_get_web_view:
 *
 * Returns: (nullable): the WebKitWebView, %NULL if WebKit could not load
 */
GtkWidget *
eg_card_view_get_web_view (EgCardView *self)
{
  g_return_val_if_fail (EG_IS_CARD_VIEW (self), NULL);
  return self->web_view;
}

/**
 * eg_card_view_set_annotations:
 * @annotations: (nullable) (element-type EgAnnotation): the annotations of
 *   the card shown, as eg_store_list_annotations() gives them; copied
 *
 * Draws the card's highlights over its text (orphaned ones are not drawn)
 * and shows its note under the answer, when the answer is shown.  They stay
 * through reveal, theme and zoom changes and a new show of the same card,
 * until set again or another card is shown.
 */
void
eg_card_view_set_annotations (EgCardView *self,
                              GPtrArray  *annotations)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  if (annotations != NULL && annotations->len > 0)
    {
      self->annotations = g_ptr_array_new_full (annotations->len, (GDestroyNotify) eg_annotation_free);
      for (guint i = 0; i < annotations->len; i++)
        g_ptr_array_add (self->annotations, eg_annotation_copy (g_ptr_array_index (annotations, i)));
    }

  if (self->card == NULL)
    return;
  if (!self->ready)
    send_card (self);   /* what is shown once the page is ready */
  else
    call_page (self, "return engram.annotate (annotations);",
               g_variant_new_parsed ("{'annotations': %v}", annotations_variant (self)));
}

static void
selection_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *selection;
  const char *why;

  json = web_module->call_finish (GTK_WIDGET (object), result, &error);
  if (json == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!json_parser_load_from_data (parser, json, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The card page gave no selection"));
      return;
    }
  selection = json_node_get_object (json_parser_get_root (parser));
  why = json_object_get_string_member_with_default (selection, "error", NULL);
  if (g_strcmp0 (why, "fields") == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("Select a passage within one field: the question, the answer or one part"));
  else if (g_strcmp0 (why, "part") == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("This part has the name of an earlier one and cannot be highlighted"));
  else if (why != NULL || !json_object_has_member (selection, "field"))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("Select a passage of the card first"));
  else
    g_task_return_pointer (task, json_object_ref (selection), (GDestroyNotify) json_object_unref);
}

/**
 * eg_card_view_get_selection:
 *
 * Reads the text selected in the card; see
 * eg_card_view_get_selection_finish().
 */
void
eg_card_view_get_selection (EgCardView          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EG_IS_CARD_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eg_card_view_get_selection);
  if (!self->ready || self->card == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Select a passage of the card first"));
      return;
    }
  web_module->call_async (self->web_view, "return engram.selection ();", NULL, cancellable,
                          selection_read_cb, g_steal_pointer (&task));
}

/**
 * eg_card_view_get_selection_finish:
 * @field: (out) (optional) (transfer full): "question", "answer" or
 *   "part:NAME"
 * @start: (out) (optional): the passage's first code point in the field's
 *   rendered text (eg_annotation_field_text())
 * @end: (out) (optional): the code point after its last
 *
 * The selection with the white space at its ends left out.
 *
 * Returns: %FALSE with a #G_IO_ERROR_NOT_FOUND error to show to the user
 *   when nothing is selected, only white space, or text of two fields
 */
gboolean
eg_card_view_get_selection_finish (EgCardView    *self,
                                   GAsyncResult  *result,
                                   char         **field,
                                   guint         *start,
                                   guint         *end,
                                   GError       **error)
{
  g_autoptr(JsonObject) selection = NULL;

  g_return_val_if_fail (EG_IS_CARD_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  selection = g_task_propagate_pointer (G_TASK (result), error);
  if (selection == NULL)
    return FALSE;
  if (field != NULL)
    *field = g_strdup (json_object_get_string_member (selection, "field"));
  if (start != NULL)
    *start = (guint) json_object_get_int_member (selection, "start");
  if (end != NULL)
    *end = (guint) json_object_get_int_member (selection, "end");
  return TRUE;
}

/**
 * eg_card_view_activate_at_caret:
 *
 * Asks the page whether the caret (or the selection's start) is in a
 * highlight shown; if so, #EgCardView::annotation-activated is emitted for
 * it, a little later.
 */
void
eg_card_view_activate_at_caret (EgCardView *self)
{
  g_return_if_fail (EG_IS_CARD_VIEW (self));

  if (self->ready && self->card != NULL)
    call_page (self, "return engram.activateAtCaret ();", NULL);
}

/* eg-highlighter.c - syntax highlighting of code blocks as HTML, via GtkSourceView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code goes into a GtkSourceBuffer (one per language, kept for reuse),
 * GtkSourceView highlights it synchronously, and the tagged text is walked
 * toggle by toggle.  Every run of text is HTML-escaped; a run whose tags give
 * it an appearance is wrapped in one <span style="...">, adjacent runs with
 * the same appearance sharing a span.  No widget and no display are needed.
 *
 * Everything here belongs to the main thread.
 */
#include "config.h"

#include <string.h>

#include <gtksourceview/gtksource.h>

#include "eg-highlighter.h"

struct _EgHighlighter
{
  GObject               parent_instance;
  gboolean              dark;
  GtkSourceStyleScheme *scheme;     /* NULL when no scheme is installed */
  GHashTable           *languages;  /* normalised info string → GtkSourceLanguage */
  GHashTable           *buffers;    /* language id → GtkSourceBuffer */
  GString              *style;      /* scratch: the style of the current run */
  GString              *open_style; /* style of the open <span>, "" if none */
};

G_DEFINE_FINAL_TYPE (EgHighlighter, eg_highlighter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Info strings that are not GtkSourceView language ids.  Anything else is
 * tried as an id as it is.
 */
static const struct
{
  const char *alias;
  const char *id;
} language_aliases[] = {
  { "golang",     "go" },
  { "bash",       "sh" },
  { "shell",      "sh" },
  { "zsh",        "sh" },
  { "console",    "sh" },
  { "javascript", "js" },
  { "ts",         "typescript" },
  { "py",         "python3" },
  { "python",     "python3" },
  { "c++",        "cpp" },
  { "cc",         "cpp" },
  { "cxx",        "cpp" },
  { "hpp",        "cpp" },
  { "h",          "c" },
  { "rs",         "rust" },
  { "yml",        "yaml" },
  { "patch",      "diff" },
  { "make",       "makefile" },
  { "dockerfile", "docker" },
  { "md",         "markdown" },
  { "rb",         "ruby" },
  { "cs",         "c-sharp" },
  { "csharp",     "c-sharp" },
  { "kt",         "kotlin" },
};

/* Longest info string worth a look-up; real language ids are far shorter. */
#define MAX_LANGUAGE_LENGTH 64

/* ---- tag appearance --------------------------------------------------- */

/* What one GtkTextTag sets, read once and kept on the tag until one of its
 * properties changes (a new style scheme restyles the tags in place).
 */
typedef struct
{
  gboolean       valid;
  guint          foreground_set : 1;
  guint          background_set : 1;
  guint          weight_set : 1;
  guint          style_set : 1;
  guint          underline_set : 1;
  guint          strikethrough_set : 1;
  GdkRGBA        foreground;
  GdkRGBA        background;
  int            weight;
  PangoStyle     style;
  PangoUnderline underline;
  gboolean       strikethrough;
} TagLook;

static GQuark
tag_look_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("eg-highlighter-tag-look");
  return quark;
}

static void
tag_look_invalidate (GObject    *tag,
                     GParamSpec *pspec,
                     gpointer    look)
{
  ((TagLook *) look)->valid = FALSE;
}

static void
copy_rgba (GObject    *object,
           const char *property,
           GdkRGBA    *out)
{
  g_autoptr(GdkRGBA) rgba = NULL;

  g_object_get (object, property, &rgba, NULL);
  if (rgba != NULL)
    *out = *rgba;
  else
    *out = (GdkRGBA) { 0, 0, 0, 1 };
}

static const TagLook *
tag_get_look (GtkTextTag *tag)
{
  GObject *object = G_OBJECT (tag);
  TagLook *look = g_object_get_qdata (object, tag_look_quark ());
  gboolean foreground_set, background_set, weight_set, style_set;
  gboolean underline_set, strikethrough_set;

  if (look == NULL)
    {
      look = g_new0 (TagLook, 1);
      g_object_set_qdata_full (object, tag_look_quark (), look, g_free);
      g_signal_connect (object, "notify", G_CALLBACK (tag_look_invalidate), look);
    }
  if (look->valid)
    return look;

  g_object_get (object,
                "foreground-set", &foreground_set,
                "background-set", &background_set,
                "weight-set", &weight_set,
                "style-set", &style_set,
                "underline-set", &underline_set,
                "strikethrough-set", &strikethrough_set,
                NULL);
  look->foreground_set = foreground_set;
  look->background_set = background_set;
  look->weight_set = weight_set;
  look->style_set = style_set;
  look->underline_set = underline_set;
  look->strikethrough_set = strikethrough_set;
  if (foreground_set)
    copy_rgba (object, "foreground-rgba", &look->foreground);
  if (background_set)
    copy_rgba (object, "background-rgba", &look->background);
  if (weight_set)
    g_object_get (object, "weight", &look->weight, NULL);
  if (style_set)
    g_object_get (object, "style", &look->style, NULL);
  if (underline_set)
    g_object_get (object, "underline", &look->underline, NULL);
  if (strikethrough_set)
    g_object_get (object, "strikethrough", &look->strikethrough, NULL);
  look->valid = TRUE;
  return look;
}

static int
channel (double value)
{
  return (int) (CLAMP (value, 0.0, 1.0) * 255.0 + 0.5);
}

static void
append_color (GString       *out,
              const char    *property,
              const GdkRGBA *rgba)
{
  if (out->len > 0)
    g_string_append_c (out, ';');
  if (rgba->alpha >= 1.0)
    {
      g_string_append_printf (out, "%s:#%02x%02x%02x", property,
                              channel (rgba->red), channel (rgba->green),
                              channel (rgba->blue));
    }
  else
    {
      char alpha[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (alpha, sizeof alpha, "%.3g", CLAMP (rgba->alpha, 0.0, 1.0));
      g_string_append_printf (out, "%s:rgba(%d,%d,%d,%s)", property,
                              channel (rgba->red), channel (rgba->green),
                              channel (rgba->blue), alpha);
    }
}

static void
append_declaration (GString    *out,
                    const char *declaration)
{
  if (out->len > 0)
    g_string_append_c (out, ';');
  g_string_append (out, declaration);
}

/* Writes into @out the CSS for the text at @iter: per property the
 * highest-priority tag that sets it wins.  Empty when nothing shows.
 */
static void
build_style (const GtkTextIter *iter,
             GString           *out)
{
  GSList *tags = gtk_text_iter_get_tags (iter);
  const TagLook *foreground = NULL, *background = NULL, *weight = NULL;
  const TagLook *style = NULL, *underline = NULL, *strikethrough = NULL;

  g_string_truncate (out, 0);
  if (tags == NULL)
    return;

  /* ascending priority: a later tag overrides an earlier one */
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const TagLook *look = tag_get_look (l->data);

      if (look->foreground_set)
        foreground = look;
      if (look->background_set)
        background = look;
      if (look->weight_set)
        weight = look;
      if (look->style_set)
        style = look;
      if (look->underline_set)
        underline = look;
      if (look->strikethrough_set)
        strikethrough = look;
    }
  g_slist_free (tags);

  if (foreground != NULL)
    append_color (out, "color", &foreground->foreground);
  if (background != NULL)
    append_color (out, "background-color", &background->background);
  if (weight != NULL && weight->weight >= 600)
    append_declaration (out, "font-weight:bold");
  if (style != NULL &&
      (style->style == PANGO_STYLE_ITALIC || style->style == PANGO_STYLE_OBLIQUE))
    append_declaration (out, "font-style:italic");

  underline = (underline != NULL && underline->underline != PANGO_UNDERLINE_NONE)
              ? underline : NULL;
  strikethrough = (strikethrough != NULL && strikethrough->strikethrough)
                  ? strikethrough : NULL;
  if (underline != NULL && strikethrough != NULL)
    append_declaration (out, "text-decoration:underline line-through");
  else if (underline != NULL)
    append_declaration (out, "text-decoration:underline");
  else if (strikethrough != NULL)
    append_declaration (out, "text-decoration:line-through");
}

/* ---- output ----------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text,
                const char *end)
{
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

/* Walks the highlighted buffer, whose text is exactly @code. */
static char *
buffer_to_html (EgHighlighter *self,
                GtkTextBuffer *buffer,
                const char    *code,
                gsize          length)
{
  GString *out = g_string_sized_new (length + length / 2 + 64);
  const char *p = code;
  GtkTextIter iter;
  int offset = 0;

  g_string_truncate (self->open_style, 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter next = iter;
      const char *q;
      int next_offset;

      gtk_text_iter_forward_to_tag_toggle (&next, NULL);
      next_offset = gtk_text_iter_get_offset (&next);
      q = g_utf8_offset_to_pointer (p, next_offset - offset);

      build_style (&iter, self->style);
      if (!g_string_equal (self->style, self->open_style))
        {
          if (self->open_style->len > 0)
            g_string_append (out, "</span>");
          if (self->style->len > 0)
            g_string_append_printf (out, "<span style=\"%s\">", self->style->str);
          g_string_assign (self->open_style, self->style->str);
        }
      append_escaped (out, p, q);

      p = q;
      offset = next_offset;
      iter = next;
    }
  if (self->open_style->len > 0)
    g_string_append (out, "</span>");

  /* the buffer and the input must agree, or the output would garble it */
  g_warn_if_fail (p == code + length);
  return g_string_free (out, FALSE);
}

/* ---- languages and buffers -------------------------------------------- */

/* The GtkSourceLanguage for an info string such as "Go" or "c++ {.numberLines}",
 * or NULL.
 */
static GtkSourceLanguage *
resolve_language (EgHighlighter *self,
                  const char    *info)
{
  GtkSourceLanguageManager *manager;
  GtkSourceLanguage *language;
  g_autofree char *key = NULL;
  const char *start, *end, *id;

  if (info == NULL)
    return NULL;
  start = info;
  while (g_ascii_isspace (*start))
    start++;
  end = start;
  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;
  if (end == start || end - start > MAX_LANGUAGE_LENGTH)
    return NULL;

  key = g_ascii_strdown (start, end - start);
  language = g_hash_table_lookup (self->languages, key);
  if (language != NULL)
    return language;

  id = key;
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (strcmp (key, language_aliases[i].alias) == 0)
      {
        id = language_aliases[i].id;
        break;
      }

  manager = gtk_source_language_manager_get_default ();
  language = gtk_source_language_manager_get_language (manager, id);
  /* only hits are kept: info strings come from the cards, so are unbounded */
  if (language != NULL)
    g_hash_table_insert (self->languages, g_steal_pointer (&key),
                         g_object_ref (language));
  return language;
}

static GtkSourceBuffer *
buffer_for_language (EgHighlighter     *self,
                     GtkSourceLanguage *language)
{
  const char *id = gtk_source_language_get_id (language);
  GtkSourceBuffer *buffer = g_hash_table_lookup (self->buffers, id);

  if (buffer == NULL)
    {
      buffer = gtk_source_buffer_new_with_language (language);
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
      /* a bracket next to the cursor would come out bold */
      gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
      gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
      g_hash_table_insert (self->buffers, g_strdup (id), buffer);
    }
  if (gtk_source_buffer_get_style_scheme (buffer) != self->scheme)
    gtk_source_buffer_set_style_scheme (buffer, self->scheme);
  return buffer;
}

static void
update_scheme (EgHighlighter *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager,
                                                       self->dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager,
                                                         self->dark ? "classic-dark" : "classic");
  /* the buffers pick it up when next used */
  g_set_object (&self->scheme, scheme);
}

/* ---- GObject ---------------------------------------------------------- */

static void
eg_highlighter_finalize (GObject *object)
{
  EgHighlighter *self = EG_HIGHLIGHTER (object);

  g_clear_pointer (&self->buffers, g_hash_table_unref);
  g_clear_pointer (&self->languages, g_hash_table_unref);
  g_clear_object (&self->scheme);
  g_string_free (self->style, TRUE);
  g_string_free (self->open_style, TRUE);

  G_OBJECT_CLASS (eg_highlighter_parent_class)->finalize (object);
}

static void
eg_highlighter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EgHighlighter *self = EG_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_highlighter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EgHighlighter *self = EG_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_DARK:
      eg_highlighter_set_dark (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_highlighter_class_init (EgHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_highlighter_finalize;
  object_class->get_property = eg_highlighter_get_property;
  object_class->set_property = eg_highlighter_set_property;

  /**
   * EgHighlighter:dark:
   *
   * Whether colours come from the dark style scheme.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eg_highlighter_init (EgHighlighter *self)
{
  self->languages = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, g_object_unref);
  self->buffers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         g_free, g_object_unref);
  self->style = g_string_new (NULL);
  self->open_style = g_string_new (NULL);
}

/* ---- API -------------------------------------------------------------- */

/**
 * eg_highlighter_new:
 *
 * Returns: (transfer full): a highlighter using the light style scheme
 */
EgHighlighter *
eg_highlighter_new (void)
{
  EgHighlighter *self;

  /* idempotent; registers GtkSourceView's types and resources */
  gtk_source_init ();

  self = g_object_new (EG_TYPE_HIGHLIGHTER, NULL);
  update_scheme (self);
  return self;
}

gboolean
eg_highlighter_get_dark (EgHighlighter *self)
{
  g_return_val_if_fail (EG_IS_HIGHLIGHTER (self), FALSE);

  return self->dark;
}

/**
 * eg_highlighter_set_dark:
 * @self: a highlighter
 * @dark: whether to use "Adwaita-dark" (else "Adwaita"); "classic-dark" and
 *   "classic" stand in when those are missing
 */
void
eg_highlighter_set_dark (EgHighlighter *self,
                         gboolean       dark)
{
  g_return_if_fail (EG_IS_HIGHLIGHTER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  update_scheme (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/**
 * eg_highlighter_highlight:
 * @self: a highlighter
 * @code: the code, UTF-8
 * @length: its length in bytes, or -1 when @code is nul-terminated
 * @language: the info string of the code block, such as "go" or "bash"
 *
 * Returns: (transfer full) (nullable): @code HTML-escaped, with
 *   <span style="..."> around the highlighted runs; "" for empty code; NULL
 *   when @language is unknown, @code is not valid UTF-8 (or holds a nul) or
 *   is longer than %EG_HIGHLIGHTER_MAX_LENGTH: the caller escapes it itself.
 */
char *
eg_highlighter_highlight (EgHighlighter *self,
                          const char    *code,
                          gsize          length,
                          const char    *language)
{
  GtkSourceLanguage *source_language;
  GtkSourceBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (EG_IS_HIGHLIGHTER (self), NULL);
  g_return_val_if_fail (code != NULL || length == 0, NULL);

  if (length == (gsize) -1)
    length = strlen (code);

  source_language = resolve_language (self, language);
  if (source_language == NULL)
    return NULL;
  if (length > EG_HIGHLIGHTER_MAX_LENGTH || !g_utf8_validate (code, length, NULL))
    return NULL;
  if (length == 0)
    return g_strdup ("");

  buffer = buffer_for_language (self, source_language);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, (int) length);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);

  return buffer_to_html (self, GTK_TEXT_BUFFER (buffer), code, length);
}

/**
 * eg_highlighter_func:
 * @highlighter: an #EgHighlighter
 *
 * eg_highlighter_highlight() in the shape of an EgHighlightFunc.
 */
char *
eg_highlighter_func (const char *code,
                     gsize       length,
                     const char *language,
                     gpointer    highlighter)
{
  g_return_val_if_fail (EG_IS_HIGHLIGHTER (highlighter), NULL);

  return eg_highlighter_highlight (highlighter, code, length, language);
}

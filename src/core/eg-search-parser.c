/* eg-search-parser.c - the query language: lexer and parser
 *
 * A recursive-descent parser turns a query into a tree of EgSearchNode:
 * AND, OR, NOT, text (an FTS5 string, or a literal for a word without
 * letters or digits) and filters (section:, deck:, is:, flag:, prop:,
 * rated:, has:).  Errors name the offending token and its column.  Nothing
 * here knows SQL: the store compiles the tree (eg-store-search.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-search-private.h"

/* Limits that keep the recursion, the SQL and the FTS5 expression small. */
#define MAX_TERMS 256
#define MAX_DEPTH 32

void
_eg_search_node_free (EgSearchNode *node)
{
  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->text);
  g_free (node);
}

static EgSearchNode *
node_new (EgSearchNodeKind kind)
{
  EgSearchNode *node = g_new0 (EgSearchNode, 1);

  node->kind = kind;
  if (kind == EG_SEARCH_NODE_AND || kind == EG_SEARCH_NODE_OR || kind == EG_SEARCH_NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _eg_search_node_free);
  return node;
}

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_PHRASE,
  TOKEN_FILTER,
  TOKEN_OR,
  TOKEN_AND,
  TOKEN_NOT,
  TOKEN_OPEN,
  TOKEN_CLOSE,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  int        column;        /* 1-based, in characters */
  char      *raw;           /* WORD: as typed; FILTER: the name as typed */
  char      *name;          /* FILTER: the name in lower case */
  char      *value;         /* WORD: without a final '*'; PHRASE: inside the quotes; FILTER */
  int        value_column;  /* FILTER */
  gboolean   prefix;        /* WORD, PHRASE: ended in '*' */
} Token;

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->raw, g_free);
  g_clear_pointer (&token->name, g_free);
  g_clear_pointer (&token->value, g_free);
  memset (token, 0, sizeof *token);
}

typedef struct
{
  const char *p;           /* the next character (valid UTF-8) */
  int         column;      /* of *p */
  Token       token;       /* the lookahead */
  gboolean    have_token;
  int         depth;
  guint       n_terms;
} Parser;

static gboolean
syntax_error (GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
syntax_error (GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX, message);
  return FALSE;
}

static gunichar
peek_char (Parser *p)
{
  return *p->p ? g_utf8_get_char (p->p) : 0;
}

static gunichar
peek_next_char (Parser *p)
{
  const char *next;

  if (*p->p == '\0')
    return 0;
  next = g_utf8_next_char (p->p);
  return *next ? g_utf8_get_char (next) : 0;
}

static void
skip_char (Parser *p)
{
  if (*p->p == '\0')
    return;
  p->p = g_utf8_next_char (p->p);
  p->column++;
}

/* What separates terms: Unicode white space, and the vertical tab that
 * g_unichar_isspace() leaves out (a query of spaces and tabs of any kind
 * is blank: see _eg_search_is_blank()) */
static gboolean
is_space (gunichar c)
{
  return c == '\v' || g_unichar_isspace (c);
}

/**
 * _eg_search_is_blank:
 *
 * Returns: whether @text holds no term, only what separates terms
 */
gboolean
_eg_search_is_blank (const char *text)
{
  for (const char *s = text; *s != '\0'; s = g_utf8_next_char (s))
    if (!is_space (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
ends_term (gunichar c)
{
  return c == 0 || c == '(' || c == ')' || is_space (c);
}

/* From the opening quote at p->p to the closing one; *value gets the text
 * between them.
 */
static gboolean
lex_quoted (Parser   *p,
            char    **value,
            GError  **error)
{
  int column = p->column;
  const char *end;

  skip_char (p);
  end = strchr (p->p, '"');
  if (end == NULL)
    return syntax_error (error, _("Unbalanced quotes: the “\"” at column %d is never closed"),
                         column);
  *value = g_strndup (p->p, end - p->p);
  p->column += g_utf8_strlen (p->p, end - p->p) + 1;
  p->p = end + 1;
  return TRUE;
}

/* Up to the next space or parenthesis. */
static char *
lex_bare (Parser *p)
{
  const char *start = p->p;

  while (!ends_term (peek_char (p)))
    skip_char (p);
  return g_strndup (start, p->p - start);
}

static const char * const filter_names[] = {
  "section", "deck", "is", "flag", "prop", "rated", "has",
};

static gboolean
lex_filter (Parser     *p,
            Token      *token,
            gsize       name_len,
            GError    **error)
{
  gboolean known = FALSE;

  token->kind = TOKEN_FILTER;
  token->raw = g_strndup (p->p, name_len);
  token->name = g_ascii_strdown (token->raw, -1);
  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    known |= g_str_equal (token->name, filter_names[i]);
  if (!known)
    return syntax_error (error, _("Unknown filter “%s:” at column %d; filters are section:, "
                                  "deck:, is:, flag:, prop:, rated:, has:"),
                         token->raw, token->column);

  p->p += name_len + 1;
  p->column += name_len + 1;
  token->value_column = p->column;

  if (peek_char (p) == '"')
    {
      g_autofree char *quoted = NULL;
      g_autofree char *rest = NULL;

      if (!lex_quoted (p, &quoted, error))
        return FALSE;
      rest = lex_bare (p);
      token->value = g_strconcat (quoted, rest, NULL);
    }
  else
    token->value = lex_bare (p);

  if (token->value[0] == '\0')
    return syntax_error (error, _("Missing value after “%s:” at column %d"),
                         token->raw, token->column);
  return TRUE;
}

static gboolean
lex_word (Parser  *p,
          Token   *token,
          GError **error)
{
  gsize name_len = 0;
  gsize len;

  /* NAME: is a filter; NAME is ASCII letters */
  while (g_ascii_isalpha (p->p[name_len]))
    name_len++;
  if (name_len > 0 && p->p[name_len] == ':')
    return lex_filter (p, token, name_len, error);

  token->raw = lex_bare (p);
  if (g_str_equal (token->raw, "OR"))
    {
      token->kind = TOKEN_OR;
      return TRUE;
    }
  if (g_str_equal (token->raw, "AND"))
    {
      token->kind = TOKEN_AND;
      return TRUE;
    }

  token->kind = TOKEN_WORD;
  len = strlen (token->raw);
  while (len > 0 && token->raw[len - 1] == '*')
    len--;
  token->prefix = len > 0 && token->raw[len] == '*';
  token->value = g_strndup (token->raw, len);
  return TRUE;
}

static gboolean
lex (Parser  *p,
     Token   *token,
     GError **error)
{
  gunichar c;

  while ((c = peek_char (p)) != 0 && is_space (c))
    skip_char (p);

  token->column = p->column;
  switch (c)
    {
    case 0:
      token->kind = TOKEN_END;
      return TRUE;

    case '(':
      token->kind = TOKEN_OPEN;
      skip_char (p);
      return TRUE;

    case ')':
      token->kind = TOKEN_CLOSE;
      skip_char (p);
      return TRUE;

    case '"':
      token->kind = TOKEN_PHRASE;
      if (!lex_quoted (p, &token->value, error))
        return FALSE;
      if (peek_char (p) == '*')
        {
          token->prefix = TRUE;
          skip_char (p);
        }
      return TRUE;

    case '-':
      {
        gunichar next = peek_next_char (p);

        /* "--" and the like are words */
        if (next == '-')
          return lex_word (p, token, error);
        if (next == 0 || next == ')' || is_space (next))
          return syntax_error (error, _("“-” at column %d must be followed by a term"),
                               token->column);
        token->kind = TOKEN_NOT;
        skip_char (p);
        return TRUE;
      }

    default:
      return lex_word (p, token, error);
    }
}

static Token *
peek (Parser  *p,
      GError **error)
{
  if (!p->have_token)
    {
      token_clear (&p->token);
      if (!lex (p, &p->token, error))
        return NULL;
      p->have_token = TRUE;
      if (p->token.kind == TOKEN_WORD || p->token.kind == TOKEN_PHRASE ||
          p->token.kind == TOKEN_FILTER)
        {
          if (++p->n_terms > MAX_TERMS)
            {
              syntax_error (error, _("The query is too long: it has more than %d terms"),
                            MAX_TERMS);
              return NULL;
            }
        }
    }
  return &p->token;
}

static void
consume (Parser *p)
{
  token_clear (&p->token);
  p->have_token = FALSE;
}

static gboolean
has_alnum (const char *text)
{
  for (const char *s = text; *s; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

/* A word or phrase: an FTS5 string with its quotes doubled, or a literal. */
static EgSearchNode *
text_node (const char *text,
           const char *raw,
           gboolean    prefix)
{
  EgSearchNode *node;
  GString *fts;

  if (!has_alnum (text))
    {
      node = node_new (EG_SEARCH_NODE_LITERAL);
      node->text = g_strdup (raw);
      return node;
    }

  fts = g_string_new ("\"");
  for (const char *s = text; *s; s++)
    {
      if (*s == '"')
        g_string_append_c (fts, '"');
      g_string_append_c (fts, *s);
    }
  g_string_append_c (fts, '"');
  if (prefix)
    g_string_append_c (fts, '*');

  node = node_new (EG_SEARCH_NODE_FTS);
  node->text = g_string_free (fts, FALSE);
  return node;
}

/* Folds case, removes diacritics, emoji and other symbols, and collapses
 * white space: "⚙️ Go Internals" and "go  internals" both give
 * "go internals".  Keeps '*'.
 */
char *
_eg_search_normalize_name (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *s = decomposed; s != NULL && *s; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_OTHER_SYMBOL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_CONTROL:
          continue;
        default:
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  const char *s = text;
  guint digits = 0;

  if (*s == '-')
    s++;
  for (; g_ascii_isdigit (*s); s++)
    digits++;
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++)
      digits++;
  if (digits == 0 || *s != '\0' || digits > 40)
    return FALSE;
  *number = g_ascii_strtod (text, NULL);
  return TRUE;
}

static const struct
{
  const char   *name;
  EgSearchProp  prop;
} prop_names[] = {
  { "ivl", EG_SEARCH_PROP_IVL }, { "due", EG_SEARCH_PROP_DUE }, { "s", EG_SEARCH_PROP_S },
  { "d", EG_SEARCH_PROP_D }, { "r", EG_SEARCH_PROP_R }, { "reps", EG_SEARCH_PROP_REPS },
  { "lapses", EG_SEARCH_PROP_LAPSES },
};

/* Longest first, so that "<=" is not read as "<" */
static const char * const operators[] = { "<=", ">=", "!=", "<", ">", "=" };

static gboolean
parse_prop (EgSearchNode *node,
            const Token  *token,
            GError      **error)
{
  const char *value = token->value;
  gsize name_len = 0;
  g_autofree char *name = NULL;
  const char *rest;
  gboolean known = FALSE;

  while (g_ascii_isalpha (value[name_len]))
    name_len++;
  if (name_len == 0)
    return syntax_error (error, _("Bad property “%s” at column %d; write prop:NAME OP NUMBER "
                                  "such as prop:ivl>10 or prop:r<0.8"),
                         value, token->value_column);

  name = g_ascii_strdown (value, name_len);
  for (guint i = 0; i < G_N_ELEMENTS (prop_names); i++)
    if (g_str_equal (name, prop_names[i].name))
      {
        node->prop = prop_names[i].prop;
        known = TRUE;
      }
  if (!known)
    return syntax_error (error, _("Unknown property “%.*s” at column %d; properties are "
                                  "ivl, due, s, d, r, reps and lapses"),
                         (int) name_len, value, token->value_column);

  rest = value + name_len;
  for (guint i = 0; i < G_N_ELEMENTS (operators) && node->op == NULL; i++)
    if (g_str_has_prefix (rest, operators[i]))
      node->op = operators[i];
  if (node->op == NULL)
    return syntax_error (error, _("Missing comparison after “prop:%.*s” at column %d; "
                                  "use < <= > >= = or !=, e.g. prop:%.*s>10"),
                         (int) name_len, value, token->value_column + (int) name_len,
                         (int) name_len, value);

  rest += strlen (node->op);
  if (!parse_number (rest, &node->number))
    return syntax_error (error, _("Bad number “%s” at column %d; prop: compares with a "
                                  "number such as 10 or 0.85"),
                         rest, token->value_column + (int) (rest - value));
  return TRUE;
}

static EgSearchNode *
filter_node (const Token  *token,
             GError      **error)
{
  g_autoptr(EgSearchNode) node = node_new (EG_SEARCH_NODE_FILTER);
  g_autofree char *lower = g_utf8_strdown (token->value, -1);
  const char *name = token->name;

  if (g_str_equal (name, "section") || g_str_equal (name, "deck"))
    {
      node->filter = g_str_equal (name, "deck") ? EG_SEARCH_FILTER_DECK : EG_SEARCH_FILTER_SECTION;
      node->text = _eg_search_normalize_name (token->value);
      if (node->text[0] == '\0')
        {
          syntax_error (error, _("“%s:%s” at column %d names nothing; use a key or words of "
                                 "the %s"), token->raw, token->value, token->column,
                        node->filter == EG_SEARCH_FILTER_DECK ? "title" : "heading");
          return NULL;
        }
    }
  else if (g_str_equal (name, "is"))
    {
      static const struct { const char *value; EgSearchFilter filter; } values[] = {
        { "due", EG_SEARCH_FILTER_IS_DUE }, { "new", EG_SEARCH_FILTER_IS_NEW },
        { "learn", EG_SEARCH_FILTER_IS_LEARN }, { "review", EG_SEARCH_FILTER_IS_REVIEW },
        { "suspended", EG_SEARCH_FILTER_IS_SUSPENDED },
        { "buried", EG_SEARCH_FILTER_IS_BURIED }, { "flagged", EG_SEARCH_FILTER_IS_FLAGGED },
      };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        if (g_str_equal (lower, values[i].value))
          {
            node->filter = values[i].filter;
            known = TRUE;
          }
      if (!known)
        {
          syntax_error (error, _("Unknown value “%s” for “is:” at column %d; use is:due, is:new, "
                                 "is:learn, is:review, is:suspended, is:buried or is:flagged"),
                        token->value, token->value_column);
          return NULL;
        }
    }
  else if (g_str_equal (name, "has"))
    {
      if (g_str_equal (lower, "note"))
        node->filter = EG_SEARCH_FILTER_HAS_NOTE;
      else if (g_str_equal (lower, "highlight"))
        node->filter = EG_SEARCH_FILTER_HAS_HIGHLIGHT;
      else
        {
          syntax_error (error, _("Unknown value “%s” for “has:” at column %d; use has:note or "
                                 "has:highlight"), token->value, token->value_column);
          return NULL;
        }
    }
  else if (g_str_equal (name, "flag"))
    {
      node->filter = EG_SEARCH_FILTER_FLAG;
      if (!(token->value[0] >= '0' && token->value[0] <= '7' && token->value[1] == '\0'))
        {
          syntax_error (error, _("Bad flag “%s” at column %d; use flag:0 (no flag) to flag:7"),
                        token->value, token->value_column);
          return NULL;
        }
      node->number = token->value[0] - '0';
    }
  else if (g_str_equal (name, "rated"))
    {
      guint64 days = 0;

      node->filter = EG_SEARCH_FILTER_RATED;
      if (!g_ascii_string_to_unsigned (token->value, 10, 1, 36500, &days, NULL) ||
          !g_ascii_isdigit (token->value[0]))
        {
          syntax_error (error, _("Bad number of days “%s” at column %d; use rated:1 for today, "
                                 "rated:7 for the last 7 days (up to 36500)"),
                        token->value, token->value_column);
          return NULL;
        }
      node->number = days;
    }
  else
    {
      g_assert (g_str_equal (name, "prop"));
      node->filter = EG_SEARCH_FILTER_PROP;
      if (!parse_prop (node, token, error))
        return NULL;
    }

  return g_steal_pointer (&node);
}

static EgSearchNode *parse_or (Parser *p, GError **error);

static gboolean
starts_term (TokenKind kind)
{
  return kind == TOKEN_WORD || kind == TOKEN_PHRASE || kind == TOKEN_FILTER ||
         kind == TOKEN_OPEN || kind == TOKEN_NOT;
}

static EgSearchNode *
parse_primary (Parser  *p,
               GError **error)
{
  Token *token = peek (p, error);
  EgSearchNode *node = NULL;

  if (token == NULL)
    return NULL;

  switch (token->kind)
    {
    case TOKEN_OPEN:
      {
        int column = token->column;

        if (++p->depth > MAX_DEPTH)
          {
            syntax_error (error, _("The query nests more than %d levels deep at column %d"),
                          MAX_DEPTH, column);
            return NULL;
          }
        consume (p);
        if (!(token = peek (p, error)))
          return NULL;
        if (token->kind == TOKEN_CLOSE)
          {
            syntax_error (error, _("Empty parentheses at column %d"), column);
            return NULL;
          }
        if (!(node = parse_or (p, error)))
          return NULL;
        if (!(token = peek (p, error)) || token->kind != TOKEN_CLOSE)
          {
            if (token != NULL)
              syntax_error (error, _("Unbalanced parentheses: the “(” at column %d is never "
                                     "closed"), column);
            _eg_search_node_free (node);
            return NULL;
          }
        consume (p);
        p->depth--;
        return node;
      }

    case TOKEN_WORD:
      node = text_node (token->value, token->raw, token->prefix);
      break;

    case TOKEN_PHRASE:
      if (token->value[strspn (token->value, " \t\r\n")] == '\0')
        {
          syntax_error (error, _("Empty phrase at column %d"), token->column);
          return NULL;
        }
      node = text_node (token->value, token->value, token->prefix);
      break;

    case TOKEN_FILTER:
      if (!(node = filter_node (token, error)))
        return NULL;
      break;

    case TOKEN_CLOSE:
      syntax_error (error, _("Unbalanced parentheses: the “)” at column %d has no matching “(”"),
                    token->column);
      return NULL;

    case TOKEN_OR:
    case TOKEN_AND:
      syntax_error (error, _("“%s” at column %d needs a term on both sides"),
                    token->kind == TOKEN_OR ? "OR" : "AND", token->column);
      return NULL;

    case TOKEN_NOT:
    case TOKEN_END:
    default:
      syntax_error (error, _("Unexpected end of the query at column %d"), token->column);
      return NULL;
    }

  consume (p);
  return node;
}

static EgSearchNode *
parse_unary (Parser  *p,
             GError **error)
{
  Token *token = peek (p, error);
  int column;
  EgSearchNode *child;
  EgSearchNode *node;

  if (token == NULL)
    return NULL;
  if (token->kind != TOKEN_NOT)
    return parse_primary (p, error);

  column = token->column;
  consume (p);
  if (!(token = peek (p, error)))
    return NULL;
  if (!starts_term (token->kind) || token->kind == TOKEN_NOT)
    {
      syntax_error (error, _("“-” at column %d must be followed by a term"), column);
      return NULL;
    }
  if (++p->depth > MAX_DEPTH)
    {
      syntax_error (error, _("The query nests more than %d levels deep at column %d"),
                    MAX_DEPTH, column);
      return NULL;
    }
  if (!(child = parse_unary (p, error)))
    return NULL;
  p->depth--;

  node = node_new (EG_SEARCH_NODE_NOT);
  g_ptr_array_add (node->children, child);
  return node;
}

/* Terms next to each other, or joined by AND */
static EgSearchNode *
parse_and (Parser  *p,
           GError **error)
{
  g_autoptr(EgSearchNode) node = node_new (EG_SEARCH_NODE_AND);
  Token *token;

  for (;;)
    {
      EgSearchNode *child;

      if (!(token = peek (p, error)))
        return NULL;
      if (token->kind == TOKEN_END || token->kind == TOKEN_CLOSE || token->kind == TOKEN_OR)
        break;
      if (token->kind == TOKEN_AND)
        {
          int column = token->column;

          consume (p);
          if (!(token = peek (p, error)))
            return NULL;
          if (node->children->len == 0 || !starts_term (token->kind))
            {
              syntax_error (error, _("“AND” at column %d needs a term on both sides"), column);
              return NULL;
            }
          continue;
        }
      if (!(child = parse_unary (p, error)))
        return NULL;
      g_ptr_array_add (node->children, child);
    }

  if (node->children->len == 0)
    {
      if (token->kind == TOKEN_OR)
        syntax_error (error, _("“OR” at column %d needs a term on both sides"), token->column);
      else if (token->kind == TOKEN_CLOSE)
        syntax_error (error, _("Unbalanced parentheses: the “)” at column %d has no matching “(”"),
                      token->column);
      else
        syntax_error (error, _("Unexpected end of the query at column %d"), token->column);
      return NULL;
    }
  if (node->children->len == 1)
    return g_ptr_array_steal_index (node->children, 0);
  return g_steal_pointer (&node);
}

static EgSearchNode *
parse_or (Parser  *p,
          GError **error)
{
  g_autoptr(EgSearchNode) node = node_new (EG_SEARCH_NODE_OR);
  EgSearchNode *child;
  Token *token;

  if (!(child = parse_and (p, error)))
    return NULL;
  g_ptr_array_add (node->children, child);

  while ((token = peek (p, error)) != NULL && token->kind == TOKEN_OR)
    {
      int column = token->column;

      consume (p);
      if (!(token = peek (p, error)))
        return NULL;
      if (!starts_term (token->kind))
        {
          syntax_error (error, _("“OR” at column %d needs a term on both sides"), column);
          return NULL;
        }
      if (!(child = parse_and (p, error)))
        return NULL;
      g_ptr_array_add (node->children, child);
    }
  if (token == NULL)
    return NULL;

  if (node->children->len == 1)
    return g_ptr_array_steal_index (node->children, 0);
  return g_steal_pointer (&node);
}

/* @a AND @b, taking both: a search and the scope it is run in, each
 * parsed on its own so that an error names the columns of its own text. */
EgSearchNode *
_eg_search_node_new_and (EgSearchNode *a,
                         EgSearchNode *b)
{
  EgSearchNode *node = node_new (EG_SEARCH_NODE_AND);

  g_ptr_array_add (node->children, a);
  g_ptr_array_add (node->children, b);
  return node;
}

/* @error must not be NULL: the parser looks at it */
EgSearchNode *
_eg_search_parse (const char  *query,
                  GError     **error)
{
  Parser p = { query, 1, { 0 }, FALSE, 0, 0 };
  g_autoptr(EgSearchNode) node = NULL;
  Token *token;

  node = parse_or (&p, error);
  if (node != NULL && (token = peek (&p, error)) != NULL && token->kind != TOKEN_END)
    {
      if (token->kind == TOKEN_CLOSE)
        syntax_error (error, _("Unbalanced parentheses: the “)” at column %d has no matching “(”"),
                      token->column);
      else
        syntax_error (error, _("Unexpected text at column %d"), token->column);
    }
  token_clear (&p.token);

  if (*error != NULL)
    return NULL;
  return g_steal_pointer (&node);
}

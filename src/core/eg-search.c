/* eg-search.c - the card search: a small query language compiled to SQL
 *
 * eg_search_new() lexes and parses the query by recursive descent into a
 * tree (AND, OR, NOT, text, filters) and compiles the tree into ONE SQL
 * condition over cards c (and card_state s when needed) with numbered
 * parameters: no text the user typed is ever part of the SQL.  ?1 is the
 * current time (ms) and ?2 today's study day, bound when the search runs.
 *
 * Free text goes through the FTS5 index cards_fts (question, answer,
 * parts, annotations; unicode61 with remove_diacritics 2), as an FTS5 query
 * that this file builds itself: every word becomes an FTS5 string "..."
 * with any " doubled, so that no character the user types is FTS5 syntax.
 * Neighbouring text terms are merged into one MATCH (`a b -c` is
 * `("a") AND ("b") NOT ("c")`) so that a query of words costs one index
 * lookup.  A word without any letter or digit (`;`, `--`, `=>`) would have
 * no token for FTS5 to look up; it is searched as a plain substring of the
 * question or the answer instead (instr(), case-sensitive).
 *
 * section: and deck: compare with keys first: a name that is the key of
 * some section (deck) means those; only a name that is no key is looked for
 * in the headings (titles), with Markdown, emoji, case and accents ignored.
 *
 * Sorting: the statement returns the matching cards with their sort key,
 * unordered, and they are ordered here by a stable radix sort of compact
 * items (the key mapped to unsigned integers; questions 16 bytes at a
 * time), made in deck order so that ties stay in deck order.  SQLite's
 * sorter needs 100-300 ms to order 100,000 cards by a key and then by deck
 * order (it decodes records for every comparison); this takes 5-40 ms.
 * Cards without a value (new cards: no due time, interval, stability,
 * difficulty or retrievability) come last in both directions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eg-fsrs.h"
#include "eg-markdown.h"
#include "eg-scheduler.h"
#include "eg-search.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-time.h"

/* Limits that keep the recursion, the SQL and the FTS5 expression small. */
#define MAX_TERMS 256
#define MAX_DEPTH 32

#define FILTER_NAMES "section:, deck:, is:, flag:, prop:, rated:, has:"

#if defined(__GNUC__)
# define PREFETCH(address) __builtin_prefetch (address)
#else
# define PREFETCH(address) ((void) (address))
#endif

G_DEFINE_QUARK (eg-search-error-quark, eg_search_error)

typedef enum
{
  FILTER_SECTION,
  FILTER_DECK,
  FILTER_IS_DUE,
  FILTER_IS_NEW,
  FILTER_IS_LEARN,
  FILTER_IS_REVIEW,
  FILTER_IS_SUSPENDED,
  FILTER_IS_BURIED,
  FILTER_IS_FLAGGED,
  FILTER_FLAG,
  FILTER_PROP,
  FILTER_RATED,
  FILTER_HAS_NOTE,
  FILTER_HAS_HIGHLIGHT,
} FilterKind;

typedef enum
{
  PROP_IVL,
  PROP_DUE,
  PROP_S,
  PROP_D,
  PROP_R,
  PROP_REPS,
  PROP_LAPSES,
} PropKind;

typedef enum
{
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_FTS,       /* text: an FTS5 query */
  NODE_LITERAL,   /* text: a substring of the question or answer */
  NODE_FILTER,
} NodeKind;

typedef struct _Node Node;

struct _Node
{
  NodeKind    kind;
  GPtrArray  *children;   /* AND, OR: two or more; NOT: one */
  char       *text;       /* FTS, LITERAL; FILTER: the normalized name of section:, deck: */
  FilterKind  filter;
  PropKind    prop;
  const char *op;         /* a string literal: "<", "<=", ... */
  double      number;
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->text);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

/* ---------------------------------------------------------------------- */
/* Lexer                                                                  */
/* ---------------------------------------------------------------------- */

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

static gboolean
ends_term (gunichar c)
{
  return c == 0 || c == '(' || c == ')' || g_unichar_isspace (c);
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
    return syntax_error (error, "Unbalanced quotes: the “\"” at column %d is never closed",
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
    return syntax_error (error, "Unknown filter “%s:” at column %d; filters are " FILTER_NAMES,
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
    return syntax_error (error, "Missing value after “%s:” at column %d",
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

  while ((c = peek_char (p)) != 0 && g_unichar_isspace (c))
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
        if (next == 0 || next == ')' || g_unichar_isspace (next))
          return syntax_error (error, "“-” at column %d must be followed by a term",
                               token->column);
        token->kind = TOKEN_NOT;
        skip_char (p);
        return TRUE;
      }

    default:
      return lex_word (p, token, error);
    }
}

/* ---------------------------------------------------------------------- */
/* Parser                                                                 */
/* ---------------------------------------------------------------------- */

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
              syntax_error (error, "The query is too long: it has more than %d terms",
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
static Node *
text_node (const char *text,
           const char *raw,
           gboolean    prefix)
{
  Node *node;
  GString *fts;

  if (!has_alnum (text))
    {
      node = node_new (NODE_LITERAL);
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

  node = node_new (NODE_FTS);
  node->text = g_string_free (fts, FALSE);
  return node;
}

/* Folds case, removes diacritics, emoji and other symbols, and collapses
 * white space: "⚙️ Go Internals" and "go  internals" both give
 * "go internals".  Keeps '*'.
 */
static char *
normalize_name (const char *text)
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
  const char *name;
  PropKind    prop;
} prop_names[] = {
  { "ivl", PROP_IVL }, { "due", PROP_DUE }, { "s", PROP_S }, { "d", PROP_D },
  { "r", PROP_R }, { "reps", PROP_REPS }, { "lapses", PROP_LAPSES },
};

/* Longest first, so that "<=" is not read as "<" */
static const char * const operators[] = { "<=", ">=", "!=", "<", ">", "=" };

static gboolean
parse_prop (Node        *node,
            const Token *token,
            GError     **error)
{
  const char *value = token->value;
  gsize name_len = 0;
  g_autofree char *name = NULL;
  const char *rest;
  gboolean known = FALSE;

  while (g_ascii_isalpha (value[name_len]))
    name_len++;
  if (name_len == 0)
    return syntax_error (error, "Bad property “%s” at column %d; write prop:NAME OP NUMBER "
                         "such as prop:ivl>10 or prop:r<0.8",
                         value, token->value_column);

  name = g_ascii_strdown (value, name_len);
  for (guint i = 0; i < G_N_ELEMENTS (prop_names); i++)
    if (g_str_equal (name, prop_names[i].name))
      {
        node->prop = prop_names[i].prop;
        known = TRUE;
      }
  if (!known)
    return syntax_error (error, "Unknown property “%.*s” at column %d; properties are "
                         "ivl, due, s, d, r, reps and lapses",
                         (int) name_len, value, token->value_column);

  rest = value + name_len;
  for (guint i = 0; i < G_N_ELEMENTS (operators) && node->op == NULL; i++)
    if (g_str_has_prefix (rest, operators[i]))
      node->op = operators[i];
  if (node->op == NULL)
    return syntax_error (error, "Missing comparison after “prop:%.*s” at column %d; "
                         "use < <= > >= = or !=, e.g. prop:%.*s>10",
                         (int) name_len, value, token->value_column + (int) name_len,
                         (int) name_len, value);

  rest += strlen (node->op);
  if (!parse_number (rest, &node->number))
    return syntax_error (error, "Bad number “%s” at column %d; prop: compares with a "
                         "number such as 10 or 0.85",
                         rest, token->value_column + (int) (rest - value));
  return TRUE;
}

static Node *
filter_node (const Token  *token,
             GError      **error)
{
  g_autoptr(Node) node = node_new (NODE_FILTER);
  g_autofree char *lower = g_utf8_strdown (token->value, -1);
  const char *name = token->name;

  if (g_str_equal (name, "section") || g_str_equal (name, "deck"))
    {
      node->filter = g_str_equal (name, "deck") ? FILTER_DECK : FILTER_SECTION;
      node->text = normalize_name (token->value);
      if (node->text[0] == '\0')
        {
          syntax_error (error, "“%s:%s” at column %d names nothing; use a key or words of "
                        "the %s", token->raw, token->value, token->column,
                        node->filter == FILTER_DECK ? "title" : "heading");
          return NULL;
        }
    }
  else if (g_str_equal (name, "is"))
    {
      static const struct { const char *value; FilterKind filter; } values[] = {
        { "due", FILTER_IS_DUE }, { "new", FILTER_IS_NEW }, { "learn", FILTER_IS_LEARN },
        { "review", FILTER_IS_REVIEW }, { "suspended", FILTER_IS_SUSPENDED },
        { "buried", FILTER_IS_BURIED }, { "flagged", FILTER_IS_FLAGGED },
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
          syntax_error (error, "Unknown value “%s” for “is:” at column %d; use is:due, is:new, "
                        "is:learn, is:review, is:suspended, is:buried or is:flagged",
                        token->value, token->value_column);
          return NULL;
        }
    }
  else if (g_str_equal (name, "has"))
    {
      if (g_str_equal (lower, "note"))
        node->filter = FILTER_HAS_NOTE;
      else if (g_str_equal (lower, "highlight"))
        node->filter = FILTER_HAS_HIGHLIGHT;
      else
        {
          syntax_error (error, "Unknown value “%s” for “has:” at column %d; use has:note or "
                        "has:highlight", token->value, token->value_column);
          return NULL;
        }
    }
  else if (g_str_equal (name, "flag"))
    {
      node->filter = FILTER_FLAG;
      if (!(token->value[0] >= '0' && token->value[0] <= '7' && token->value[1] == '\0'))
        {
          syntax_error (error, "Bad flag “%s” at column %d; use flag:0 (no flag) to flag:7",
                        token->value, token->value_column);
          return NULL;
        }
      node->number = token->value[0] - '0';
    }
  else if (g_str_equal (name, "rated"))
    {
      guint64 days = 0;

      node->filter = FILTER_RATED;
      if (!g_ascii_string_to_unsigned (token->value, 10, 1, 36500, &days, NULL) ||
          !g_ascii_isdigit (token->value[0]))
        {
          syntax_error (error, "Bad number of days “%s” at column %d; use rated:1 for today, "
                        "rated:7 for the last 7 days (up to 36500)",
                        token->value, token->value_column);
          return NULL;
        }
      node->number = days;
    }
  else
    {
      g_assert (g_str_equal (name, "prop"));
      node->filter = FILTER_PROP;
      if (!parse_prop (node, token, error))
        return NULL;
    }

  return g_steal_pointer (&node);
}

static Node *parse_or (Parser *p, GError **error);

static gboolean
starts_term (TokenKind kind)
{
  return kind == TOKEN_WORD || kind == TOKEN_PHRASE || kind == TOKEN_FILTER ||
         kind == TOKEN_OPEN || kind == TOKEN_NOT;
}

static Node *
parse_primary (Parser  *p,
               GError **error)
{
  Token *token = peek (p, error);
  Node *node = NULL;

  if (token == NULL)
    return NULL;

  switch (token->kind)
    {
    case TOKEN_OPEN:
      {
        int column = token->column;

        if (++p->depth > MAX_DEPTH)
          {
            syntax_error (error, "The query nests more than %d levels deep at column %d",
                          MAX_DEPTH, column);
            return NULL;
          }
        consume (p);
        if (!(token = peek (p, error)))
          return NULL;
        if (token->kind == TOKEN_CLOSE)
          {
            syntax_error (error, "Empty parentheses at column %d", column);
            return NULL;
          }
        if (!(node = parse_or (p, error)))
          return NULL;
        if (!(token = peek (p, error)) || token->kind != TOKEN_CLOSE)
          {
            if (token != NULL)
              syntax_error (error, "Unbalanced parentheses: the “(” at column %d is never "
                            "closed", column);
            node_free (node);
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
          syntax_error (error, "Empty phrase at column %d", token->column);
          return NULL;
        }
      node = text_node (token->value, token->value, token->prefix);
      break;

    case TOKEN_FILTER:
      if (!(node = filter_node (token, error)))
        return NULL;
      break;

    case TOKEN_CLOSE:
      syntax_error (error, "Unbalanced parentheses: the “)” at column %d has no matching “(”",
                    token->column);
      return NULL;

    case TOKEN_OR:
    case TOKEN_AND:
      syntax_error (error, "“%s” at column %d needs a term on both sides",
                    token->kind == TOKEN_OR ? "OR" : "AND", token->column);
      return NULL;

    case TOKEN_NOT:
    case TOKEN_END:
    default:
      syntax_error (error, "Unexpected end of the query at column %d", token->column);
      return NULL;
    }

  consume (p);
  return node;
}

static Node *
parse_unary (Parser  *p,
             GError **error)
{
  Token *token = peek (p, error);
  int column;
  Node *child;
  Node *node;

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
      syntax_error (error, "“-” at column %d must be followed by a term", column);
      return NULL;
    }
  if (++p->depth > MAX_DEPTH)
    {
      syntax_error (error, "The query nests more than %d levels deep at column %d",
                    MAX_DEPTH, column);
      return NULL;
    }
  if (!(child = parse_unary (p, error)))
    return NULL;
  p->depth--;

  node = node_new (NODE_NOT);
  g_ptr_array_add (node->children, child);
  return node;
}

/* Terms next to each other, or joined by AND */
static Node *
parse_and (Parser  *p,
           GError **error)
{
  g_autoptr(Node) node = node_new (NODE_AND);
  Token *token;

  for (;;)
    {
      Node *child;

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
              syntax_error (error, "“AND” at column %d needs a term on both sides", column);
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
        syntax_error (error, "“OR” at column %d needs a term on both sides", token->column);
      else if (token->kind == TOKEN_CLOSE)
        syntax_error (error, "Unbalanced parentheses: the “)” at column %d has no matching “(”",
                      token->column);
      else
        syntax_error (error, "Unexpected end of the query at column %d", token->column);
      return NULL;
    }
  if (node->children->len == 1)
    return g_ptr_array_steal_index (node->children, 0);
  return g_steal_pointer (&node);
}

static Node *
parse_or (Parser  *p,
          GError **error)
{
  g_autoptr(Node) node = node_new (NODE_OR);
  Node *child;
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
          syntax_error (error, "“OR” at column %d needs a term on both sides", column);
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

/* @error must not be NULL: the parser looks at it */
static Node *
parse_query (const char  *query,
             GError     **error)
{
  Parser p = { query, 1, { 0 }, FALSE, 0, 0 };
  g_autoptr(Node) node = NULL;
  Token *token;

  node = parse_or (&p, error);
  if (node != NULL && (token = peek (&p, error)) != NULL && token->kind != TOKEN_END)
    {
      if (token->kind == TOKEN_CLOSE)
        syntax_error (error, "Unbalanced parentheses: the “)” at column %d has no matching “(”",
                      token->column);
      else
        syntax_error (error, "Unexpected text at column %d", token->column);
    }
  token_clear (&p.token);

  if (*error != NULL)
    return NULL;
  return g_steal_pointer (&node);
}

/* ---------------------------------------------------------------------- */
/* Compiler                                                               */
/* ---------------------------------------------------------------------- */

typedef struct
{
  int     type;   /* SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  gint64  i;
  double  d;
  char   *s;
} Param;

static void
param_clear (gpointer data)
{
  Param *param = data;

  g_clear_pointer (&param->s, g_free);
}

struct _EgSearch
{
  char     *where;        /* SQL over c and s; NULL for every card */
  GArray   *params;       /* Param, bound as ?3, ?4, ... */
  gboolean  uses_state;   /* needs card_state s */
  gboolean  uses_text;    /* reads c.question or c.answer */
  gboolean  by_id;        /* every match is in a list of ids: see finds_by_id() */
  int       match;        /* the parameter of a full-text query ANDed with the
                           * rest, which joins cards_fts f; 0 for none */
};

/* Where a deck: filter names the card's deck: select_rows() makes it
 * "c.deck_id" or "+c.deck_id".  User text is never part of the SQL (it is
 * bound), so the mark cannot come from a query. */
#define DECK_ID "{deck_id}"

/* The first two parameters are the time and the study day. */
#define FIRST_PARAM 3

static int
add_param (EgSearch *search,
           int       type,
           gint64    i,
           double    d,
           char     *s)
{
  Param param = { type, i, d, s };

  g_array_append_val (search->params, param);
  return FIRST_PARAM + search->params->len - 1;
}

static int
add_text (EgSearch   *search,
          const char *text)
{
  return add_param (search, SQLITE_TEXT, 0, 0, g_strdup (text));
}

/* The FTS5 query for @node when the whole subtree is text, or NULL */
static char *
fts_query (Node *node)
{
  switch (node->kind)
    {
    case NODE_FTS:
      return g_strdup (node->text);

    case NODE_OR:
      {
        g_autoptr(GString) query = g_string_new (NULL);

        for (guint i = 0; i < node->children->len; i++)
          {
            g_autofree char *child = fts_query (g_ptr_array_index (node->children, i));

            if (child == NULL)
              return NULL;
            g_string_append_printf (query, "%s(%s)", i ? " OR " : "", child);
          }
        return g_string_free (g_steal_pointer (&query), FALSE);
      }

    case NODE_AND:
      {
        g_autoptr(GString) positive = g_string_new (NULL);
        g_autoptr(GString) negative = g_string_new (NULL);

        for (guint i = 0; i < node->children->len; i++)
          {
            Node *child = g_ptr_array_index (node->children, i);
            gboolean is_not = child->kind == NODE_NOT;
            g_autofree char *query = fts_query (is_not ? g_ptr_array_index (child->children, 0)
                                                       : child);
            GString *side = is_not ? negative : positive;

            if (query == NULL)
              return NULL;
            g_string_append_printf (side, "%s(%s)", side->len ? (is_not ? " OR " : " AND ") : "",
                                    query);
          }
        if (positive->len == 0)
          return NULL;
        if (negative->len == 0)
          return g_string_free (g_steal_pointer (&positive), FALSE);
        return g_strdup_printf ("(%s) NOT (%s)", positive->str, negative->str);
      }

    case NODE_NOT:
    case NODE_LITERAL:
    case NODE_FILTER:
    default:
      return NULL;
    }
}

static void
compile_fts (EgSearch   *search,
             GString    *sql,
             const char *query)
{
  g_string_append_printf (sql, "c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?%d)",
                          add_text (search, query));
}

static void
compile_filter (EgSearch *search,
                GString  *sql,
                Node     *node)
{
  int n;

  switch (node->filter)
    {
    case FILTER_SECTION:
    case FILTER_DECK:
      {
        /* a name that is a key means that key; otherwise words of the title */
        const char *table = node->filter == FILTER_DECK ? "decks" : "sections";
        const char *title = node->filter == FILTER_DECK ? "title" : "heading";

        n = add_text (search, node->text);
        /* DECK_ID: see select_rows() */
        g_string_append_printf (sql, "%s IN (SELECT id FROM %s WHERE CASE"
                                " WHEN EXISTS (SELECT 1 FROM %s WHERE eg_search_name (?%d, key, NULL))"
                                " THEN eg_search_name (?%d, key, NULL)"
                                " ELSE eg_search_name (?%d, key, %s) END)",
                                node->filter == FILTER_DECK ? DECK_ID : "c.section_id",
                                table, table, n, n, n, title);
        break;
      }
    case FILTER_IS_DUE:
      search->uses_state = TRUE;
      g_string_append (sql, "(c.suspended = 0 AND c.buried_until <= ?1 AND"
                       " (s.state IN (1, 3) AND s.due <= ?1 OR s.state = 2 AND s.due_day <= ?2))");
      break;
    case FILTER_IS_NEW:
      search->uses_state = TRUE;
      g_string_append (sql, "s.state = 0");
      break;
    case FILTER_IS_LEARN:
      search->uses_state = TRUE;
      g_string_append (sql, "s.state IN (1, 3)");
      break;
    case FILTER_IS_REVIEW:
      search->uses_state = TRUE;
      g_string_append (sql, "s.state IN (2, 3)");
      break;
    case FILTER_IS_SUSPENDED:
      g_string_append (sql, "c.suspended != 0");
      break;
    case FILTER_IS_BURIED:
      g_string_append (sql, "c.buried_until > ?1");
      break;
    case FILTER_IS_FLAGGED:
      g_string_append (sql, "c.flag > 0");
      break;
    case FILTER_FLAG:
      g_string_append_printf (sql, "c.flag = ?%d",
                              add_param (search, SQLITE_INTEGER, (gint64) node->number, 0, NULL));
      break;
    case FILTER_RATED:
      /* day >= today - N + 1 */
      g_string_append_printf (sql, "c.id IN (SELECT card_id FROM review_log"
                              " WHERE rating > 0 AND day > ?2 - ?%d)",
                              add_param (search, SQLITE_INTEGER, (gint64) node->number, 0, NULL));
      break;
    case FILTER_HAS_NOTE:
      g_string_append (sql, "c.id IN (SELECT card_id FROM annotations"
                       " WHERE kind = 'note' AND deleted = 0)");
      break;
    case FILTER_HAS_HIGHLIGHT:
      g_string_append (sql, "c.id IN (SELECT card_id FROM annotations"
                       " WHERE kind = 'highlight' AND deleted = 0)");
      break;
    case FILTER_PROP:
      {
        /* new cards have no interval, stability, difficulty or retrievability */
        static const char * const columns[] = {
          [PROP_IVL] = "(s.state != 0 AND s.scheduled_days",
          [PROP_DUE] = "(s.state != 0 AND (CASE WHEN s.state = 2 THEN s.due_day - ?2 ELSE 0 END)",
          [PROP_S] = "(s.state != 0 AND s.stability",
          [PROP_D] = "(s.state != 0 AND s.difficulty",
          [PROP_R] = "(s.state != 0 AND eg_retrievability (s.stability, s.last_review, ?1)",
          [PROP_REPS] = "(s.reps",
          [PROP_LAPSES] = "(s.lapses",
        };

        search->uses_state = TRUE;
        n = add_param (search, SQLITE_FLOAT, 0, node->number, NULL);
        g_string_append_printf (sql, "%s %s ?%d)", columns[node->prop], node->op, n);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/* The SQL of @node into @sql; at the @top level a full-text query ANDed
 * with the rest goes to search->match instead, a join that reads the
 * matches first (it costs less than "c.id IN (…)", which collects the ids,
 * unless other terms find fewer cards).
 */
static void
compile (EgSearch *search,
         GString  *sql,
         Node     *node,
         gboolean  top)
{
  g_autofree char *query = fts_query (node);

  if (query != NULL)
    {
      if (top)
        search->match = add_text (search, query);
      else
        compile_fts (search, sql, query);
      return;
    }

  switch (node->kind)
    {
    case NODE_FTS:
      g_assert_not_reached ();
      break;

    case NODE_LITERAL:
      {
        int n = add_text (search, node->text);

        search->uses_text = TRUE;
        g_string_append_printf (sql, "(instr (c.question, ?%d) > 0 OR instr (c.answer, ?%d) > 0)",
                                n, n);
        break;
      }

    case NODE_FILTER:
      compile_filter (search, sql, node);
      break;

    case NODE_NOT:
      g_string_append (sql, "NOT (");
      compile (search, sql, g_ptr_array_index (node->children, 0), FALSE);
      g_string_append (sql, ")");
      break;

    case NODE_OR:
      {
        /* the text alternatives in one MATCH, the others one by one */
        g_autoptr(GString) text = g_string_new (NULL);
        const char *glue = "(";

        for (guint i = 0; i < node->children->len; i++)
          {
            Node *child = g_ptr_array_index (node->children, i);
            g_autofree char *child_query = fts_query (child);

            if (child_query != NULL)
              {
                g_string_append_printf (text, "%s(%s)", text->len ? " OR " : "", child_query);
                continue;
              }
            g_string_append (sql, glue);
            glue = " OR ";
            compile (search, sql, child, FALSE);
          }
        if (text->len > 0)
          {
            g_string_append (sql, glue);
            compile_fts (search, sql, text->str);
          }
        g_string_append (sql, ")");
        break;
      }

    case NODE_AND:
      {
        /* the text terms and negated text terms in one MATCH */
        g_autoptr(GString) positive = g_string_new (NULL);
        g_autoptr(GString) negative = g_string_new (NULL);
        const char *glue = "(";

        for (guint i = 0; i < node->children->len; i++)
          {
            Node *child = g_ptr_array_index (node->children, i);
            gboolean is_not = child->kind == NODE_NOT;
            g_autofree char *child_query = fts_query (is_not ? g_ptr_array_index (child->children, 0)
                                                             : child);
            GString *side = is_not ? negative : positive;

            if (child_query != NULL)
              {
                g_string_append_printf (side, "%s(%s)",
                                        side->len ? (is_not ? " OR " : " AND ") : "",
                                        child_query);
                continue;
              }
            g_string_append (sql, glue);
            glue = " AND ";
            compile (search, sql, child, FALSE);
          }
        if (positive->len > 0)
          {
            g_autofree char *match = negative->len
              ? g_strdup_printf ("(%s) NOT (%s)", positive->str, negative->str)
              : g_strdup (positive->str);

            if (top)
              search->match = add_text (search, match);
            else
              {
                g_string_append (sql, glue);
                compile_fts (search, sql, match);
              }
          }
        else if (negative->len > 0)
          {
            g_string_append (sql, glue);
            g_string_append (sql, "NOT (");
            compile_fts (search, sql, negative->str);
            g_string_append (sql, ")");
          }
        g_string_append (sql, ")");
        break;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Whether @node finds its cards by id: a full-text match (joined at the
 * top level, "c.id IN (…)" otherwise), rated: or has:, alone or ANDed with
 * other terms.
 */
static gboolean
finds_by_id (Node *node)
{
  g_autofree char *query = fts_query (node);

  if (query != NULL)
    return TRUE;
  switch (node->kind)
    {
    case NODE_FILTER:
      return node->filter == FILTER_RATED || node->filter == FILTER_HAS_NOTE ||
             node->filter == FILTER_HAS_HIGHLIGHT;
    case NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        if (finds_by_id (g_ptr_array_index (node->children, i)))
          return TRUE;
      return FALSE;
    case NODE_FTS:
    case NODE_LITERAL:
    case NODE_NOT:
    case NODE_OR:
    default:
      return FALSE;
    }
}

/* Whether @node is the filter @filter or ANDs it with other terms */
static gboolean
asks_for_state (Node       *node,
                FilterKind  filter)
{
  if (node->kind == NODE_FILTER)
    return node->filter == filter;
  if (node->kind == NODE_AND)
    for (guint i = 0; i < node->children->len; i++)
      {
        Node *child = g_ptr_array_index (node->children, i);

        if (child->kind == NODE_FILTER && child->filter == filter)
          return TRUE;
      }
  return FALSE;
}

/**
 * eg_search_new:
 * @query: (nullable): a query (see eg-search.h); %NULL or blank for every card
 *
 * Parses and compiles a query.
 *
 * Returns: (transfer full): the search, or %NULL with %EG_SEARCH_ERROR_SYNTAX
 *   and a message that names the offending token and its column
 */
EgSearch *
eg_search_new (const char  *query,
               GError     **error)
{
  g_autoptr(EgSearch) search = g_new0 (EgSearch, 1);
  g_autofree char *valid = NULL;
  g_autoptr(Node) root = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  search->params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (search->params, param_clear);

  valid = g_utf8_make_valid (query ? query : "", -1);
  if (valid[strspn (valid, " \t\r\n\f\v")] == '\0')
    return g_steal_pointer (&search);

  if (!(root = parse_query (valid, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  sql = g_string_new (NULL);
  /* due and learning cards are few: SQLite finds them through card_state's
   * indexes, then looks for the text in each; otherwise the text goes first */
  compile (search, sql, root, !asks_for_state (root, FILTER_IS_DUE) &&
                              !asks_for_state (root, FILTER_IS_LEARN));
  if (sql->len > 0)
    search->where = g_string_free (g_steal_pointer (&sql), FALSE);
  search->by_id = finds_by_id (root);
  return g_steal_pointer (&search);
}

void
eg_search_free (EgSearch *search)
{
  if (search == NULL)
    return;
  g_clear_pointer (&search->params, g_array_unref);
  g_free (search->where);
  g_free (search);
}

/* ---------------------------------------------------------------------- */
/* SQL functions                                                          */
/* ---------------------------------------------------------------------- */

static const EgFsrsParams *
default_params (void)
{
  static EgFsrsParams params;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      eg_fsrs_params_init_default (&params);
      g_once_init_leave (&initialized, 1);
    }
  return &params;
}

/* eg_fsrs_retrievability() for a card that is not new, with the default
 * FSRS-6 parameters */
static double
retrievability (double  stability,
                gint64  last_review,
                gint64  now_ms)
{
  EgFsrsCard card;

  eg_fsrs_card_init_new (&card, 0);
  card.state = EG_FSRS_STATE_REVIEW;
  card.stability = stability;
  card.last_review = last_review;
  return eg_fsrs_retrievability (default_params (), &card, now_ms);
}

/* eg_retrievability (stability, last_review, now) */
static void
retrievability_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || sqlite3_value_type (argv[2]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  sqlite3_result_double (context, retrievability (sqlite3_value_double (argv[0]),
                                                  sqlite3_value_int64 (argv[1]),
                                                  sqlite3_value_int64 (argv[2])));
}

/* '*' matches any text; the whole of @text must match */
static gboolean
glob_match (const char *pattern,
            const char *text)
{
  const char *star = NULL;
  const char *resume = NULL;

  while (*text)
    {
      if (*pattern == '*')
        {
          star = ++pattern;
          resume = text;
        }
      else if (*pattern == *text)
        {
          pattern++;
          text++;
        }
      else if (star != NULL)
        {
          pattern = star;
          text = ++resume;
        }
      else
        return FALSE;
    }
  while (*pattern == '*')
    pattern++;
  return *pattern == '\0';
}

/* eg_search_name (pattern, key, title): the key equals the (normalized)
 * pattern or the title, without its Markdown, contains it; with '*' in
 * the pattern, the whole key or title must match it.  A NULL title: the
 * key only.
 */
static void
name_match_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *pattern = (const char *) sqlite3_value_text (argv[0]);
  const char *key = (const char *) sqlite3_value_text (argv[1]);
  const char *title = (const char *) sqlite3_value_text (argv[2]);
  g_autofree char *plain = NULL;
  g_autofree char *norm_key = NULL;
  g_autofree char *norm_title = NULL;
  gboolean wildcard;
  gboolean match;

  if (pattern == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  wildcard = strchr (pattern, '*') != NULL;
  norm_key = normalize_name (key ? key : "");
  if (wildcard ? glob_match (pattern, norm_key) : g_str_equal (pattern, norm_key))
    {
      sqlite3_result_int (context, 1);
      return;
    }

  if (title == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  plain = eg_markdown_to_plain (title);
  norm_title = normalize_name (plain);
  match = wildcard ? glob_match (pattern, norm_title) : strstr (norm_title, pattern) != NULL;
  sqlite3_result_int (context, match);
}

static gboolean
ensure_functions (EgStore  *store,
                  GError  **error)
{
  static const char key[] = "eg-search-functions";
  sqlite3 *db = _eg_store_get_db (store);
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  if (g_object_get_data (G_OBJECT (store), key) != NULL)
    return TRUE;

  if (sqlite3_create_function (db, "eg_retrievability", 3, flags, NULL,
                               retrievability_func, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (db, "eg_search_name", 3, flags, NULL,
                               name_match_func, NULL, NULL) != SQLITE_OK)
    return _eg_store_set_error (store, error, "Cannot set up the search");

  g_object_set_data (G_OBJECT (store), key, GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Running a search                                                       */
/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  guint   rank;           /* in deck order */
  guint   heading_rank;   /* by heading */
} SectionEntry;

typedef struct
{
  GArray *entries;   /* SectionEntry, by id */
  guint   last;
} SectionMap;

static int
compare_section_ids (gconstpointer a,
                     gconstpointer b)
{
  const SectionEntry *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

typedef struct
{
  guint  index;
  char  *key;
} HeadingKey;

static int
compare_heading_keys (gconstpointer a,
                      gconstpointer b)
{
  const HeadingKey *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

static void
heading_key_clear (gpointer data)
{
  g_free (((HeadingKey *) data)->key);
}

/* Every section's rank in deck order and, with @by_heading, by heading. */
static gboolean
load_sections (EgStore     *store,
               gboolean     by_heading,
               SectionMap  *map,
               GError     **error)
{
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (HeadingKey));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (headings, heading_key_clear);
  stmt = _eg_store_cached (store,
    "SELECT sec.id, sec.heading FROM sections sec JOIN decks d ON d.id = sec.deck_id"
    " ORDER BY d.position, d.id, sec.position, sec.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SectionEntry entry = { sqlite3_column_int64 (stmt, 0), map->entries->len, 0 };

      g_array_append_val (map->entries, entry);
      if (by_heading)
        {
          const char *heading = (const char *) sqlite3_column_text (stmt, 1);
          g_autofree char *plain = eg_markdown_to_plain (heading ? heading : "");
          g_autofree char *name = normalize_name (plain);
          HeadingKey key = { entry.rank, g_utf8_collate_key_for_filename (name, -1) };

          g_array_append_val (headings, key);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, "Cannot read the sections");

  if (by_heading)
    {
      g_array_sort (headings, compare_heading_keys);
      for (guint i = 0; i < headings->len; i++)
        g_array_index (map->entries, SectionEntry,
                       g_array_index (headings, HeadingKey, i).index).heading_rank = i;
    }
  g_array_sort (map->entries, compare_section_ids);
  return TRUE;
}

static const SectionEntry *
find_section (SectionMap *map,
              gint64      id)
{
  static const SectionEntry missing = { 0, G_MAXUINT, G_MAXUINT };
  guint lo = 0, hi = map->entries->len;

  /* cards come mostly section by section */
  if (map->last < map->entries->len &&
      g_array_index (map->entries, SectionEntry, map->last).id == id)
    return &g_array_index (map->entries, SectionEntry, map->last);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (map->entries, SectionEntry, mid).id;

      if (mid_id == id)
        {
          map->last = mid;
          return &g_array_index (map->entries, SectionEntry, mid);
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return &missing;
}

typedef enum
{
  KEY_NONE,
  KEY_INT,
  KEY_DOUBLE,
  KEY_TEXT,
} KeyType;

static const struct
{
  const char *sql;
  KeyType     type;
  gboolean    uses_state;
} sort_keys[] = {
  [EG_SORT_DECK_ORDER] = { "NULL", KEY_NONE, FALSE },
  [EG_SORT_NUMBER] = { "c.number", KEY_INT, FALSE },
  [EG_SORT_QUESTION] = { "c.question", KEY_TEXT, FALSE },
  [EG_SORT_SECTION] = { "NULL", KEY_INT, FALSE },   /* the heading rank, see below */
  [EG_SORT_DUE] = { "CASE WHEN s.state = 0 THEN NULL ELSE s.due END", KEY_INT, TRUE },
  [EG_SORT_INTERVAL] = { "CASE WHEN s.state = 0 THEN NULL ELSE s.scheduled_days END",
                         KEY_INT, TRUE },
  [EG_SORT_STABILITY] = { "CASE WHEN s.state = 0 THEN NULL ELSE s.stability END",
                          KEY_DOUBLE, TRUE },
  [EG_SORT_DIFFICULTY] = { "CASE WHEN s.state = 0 THEN NULL ELSE s.difficulty END",
                           KEY_DOUBLE, TRUE },
  [EG_SORT_RETRIEVABILITY] = { "CASE WHEN s.state = 0 THEN NULL"
                               " ELSE eg_retrievability (s.stability, s.last_review, ?1) END",
                               KEY_DOUBLE, TRUE },
  [EG_SORT_REVIEWS] = { "s.reps", KEY_INT, TRUE },
  [EG_SORT_LAPSES] = { "s.lapses", KEY_INT, TRUE },
  [EG_SORT_FLAG] = { "c.flag", KEY_INT, FALSE },
  [EG_SORT_MODIFIED] = { "c.modified", KEY_INT, FALSE },
};

/* A matching card as the statement returns it */
typedef struct
{
  gint64       id;
  guint        rank;       /* of its section in deck order */
  int          position;   /* in the section */
  gboolean     has_key;
  union
  {
    gint64     i;
    double     d;
  } key;
  const char  *text;       /* KEY_TEXT: see sort_text() */
  const char  *card_key;   /* when asked for (eg_search_card_keys()) */
} Row;

/* What the sort by a column compares, sorted in place.  The key is mapped
 * to unsigned integers that compare in the wanted direction.
 */
typedef struct
{
  guint64      k[2];    /* KEY_INT, KEY_DOUBLE: no value (1: last), key; KEY_TEXT: 16 bytes */
  const char  *text;    /* KEY_TEXT */
  guint        index;   /* into the rows, which are in deck order */
} Item;

static int
compare_deck_order (gconstpointer a,
                    gconstpointer b)
{
  const Row *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The question as it sorts: without Markdown emphasis and code marks
 * ('*', '`'), ASCII letters in lower case (as SQLite's NOCASE folds them).
 */
static const char *
sort_text (GStringChunk *chunk,
           const char   *question,
           int           length)
{
  char *text = g_string_chunk_insert_len (chunk, question, length);
  char *out = text;

  for (const char *s = text; *s; s++)
    if (*s != '*' && *s != '`')
      *out++ = (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
  *out = '\0';
  return text;
}

/* The first 16 bytes of @text as two integers, zeros after its end */
static void
text_key (const char *text,
          guint64     k[2])
{
  for (int w = 0; w < 2; w++)
    {
      k[w] = 0;
      for (int i = 0; i < 8; i++)
        {
          k[w] <<= 8;
          if (*text)
            k[w] |= (guchar) *text++;
        }
    }
}

/* Integers and doubles as unsigned integers in the same order */
static inline guint64
int_bits (gint64 i)
{
  return (guint64) i ^ (G_GUINT64_CONSTANT (1) << 63);
}

static inline guint64
double_bits (double d)
{
  guint64 bits;

  memcpy (&bits, &d, sizeof bits);
  return (bits >> 63) ? ~bits : bits | (G_GUINT64_CONSTANT (1) << 63);
}

static Item
make_item (const Row *row,
           guint      index,
           KeyType    type,
           gboolean   descending)
{
  Item item = { { 0, 0 }, row->text, index };

  switch (type)
    {
    case KEY_TEXT:
      text_key (row->text, item.k);
      break;
    case KEY_INT:
    case KEY_DOUBLE:
      item.k[0] = row->has_key ? 0 : 1;   /* no value: last, either way */
      if (row->has_key)
        item.k[1] = type == KEY_INT ? int_bits (row->key.i) : double_bits (row->key.d);
      break;
    case KEY_NONE:
    default:
      g_assert_not_reached ();
    }
  if (descending)
    {
      if (type == KEY_TEXT)
        item.k[0] = ~item.k[0];
      item.k[1] = ~item.k[1];
    }
  return item;
}

/* A stable LSD radix sort of @n items by k[@word], a byte at a time;
 * *@items and *@spare trade places after each pass.
 */
static void
radix_sort (Item  **items,
            Item  **spare,
            guint   n,
            guint   word)
{
  for (guint shift = 0; shift < 64 && n > 0; shift += 8)
    {
      guint count[256] = { 0 };
      guint sum = 0;
      Item *src = *items;
      Item *dst = *spare;

      for (guint i = 0; i < n; i++)
        count[(src[i].k[word] >> shift) & 0xff]++;
      if (count[(src[0].k[word] >> shift) & 0xff] == n)
        continue;   /* every item has the same byte here */
      for (guint b = 0; b < 256; b++)
        {
          guint c = count[b];

          count[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(src[i].k[word] >> shift) & 0xff]++] = src[i];
      *items = dst;
      *spare = src;
    }
}

/* The text must be at least @offset bytes long */
static void
set_text_key (Item       *item,
              gsize       offset,
              gboolean    descending)
{
  text_key (item->text + offset, item->k);
  if (descending)
    {
      item->k[0] = ~item->k[0];
      item->k[1] = ~item->k[1];
    }
}

/* Whether texts with this key go on after its 16 bytes */
static inline gboolean
text_goes_on (const Item *item,
              gboolean    descending)
{
  return (item->k[1] & 0xff) != (descending ? 0xff : 0);
}

typedef struct
{
  KeyType    type;
  gboolean   descending;
  gsize      offset;   /* texts are alike before it; k holds the 16 bytes from it */
} SortContext;

static inline int
compare_items (const Item        *x,
               const Item        *y,
               const SortContext *ctx)
{
  int c;

  if (x->k[0] != y->k[0])
    return x->k[0] < y->k[0] ? -1 : 1;
  if (x->k[1] != y->k[1])
    return x->k[1] < y->k[1] ? -1 : 1;
  if (ctx->type != KEY_TEXT || !text_goes_on (x, ctx->descending))
    return 0;
  c = strcmp (x->text + ctx->offset + 16, y->text + ctx->offset + 16);
  return ctx->descending ? -c : c;
}

/* A stable merge sort, for fewer items than radix passes pay off for */
static void
merge_sort (Item              *items,
            Item              *spare,
            guint              n,
            const SortContext *ctx)
{
  guint half = n / 2;
  guint i = 0, j = half, k = 0;

  if (n < 12)
    {
      for (guint a = 1; a < n; a++)
        {
          Item item = items[a];
          guint b = a;

          for (; b > 0 && compare_items (&items[b - 1], &item, ctx) > 0; b--)
            items[b] = items[b - 1];
          items[b] = item;
        }
      return;
    }

  merge_sort (items, spare, half, ctx);
  merge_sort (items + half, spare + half, n - half, ctx);
  if (compare_items (&items[half - 1], &items[half], ctx) <= 0)
    return;

  memcpy (spare, items, n * sizeof (Item));
  while (i < half && j < n)
    items[k++] = compare_items (&spare[j], &spare[i], ctx) < 0 ? spare[j++] : spare[i++];
  while (i < half)
    items[k++] = spare[i++];
  while (j < n)
    items[k++] = spare[j++];
}

/* Sorts @n items stably by k[0], k[1]; texts, which are alike before
 * ctx->offset, by the rest of the text too (16 bytes more at each level).
 */
static void
sort_items (Item              *items,
            Item              *spare,
            guint              n,
            const SortContext *ctx)
{
  Item *sorted = items;
  Item *other = spare;
  SortContext next = *ctx;

  if (n < 2)
    return;
  if (n < 512)
    {
      merge_sort (items, spare, n, ctx);
      return;
    }

  radix_sort (&sorted, &other, n, 1);
  radix_sort (&sorted, &other, n, 0);
  if (sorted != items)
    memcpy (items, sorted, n * sizeof (Item));

  if (ctx->type != KEY_TEXT)
    return;

  next.offset += 16;
  for (guint start = 0, end; start < n; start = end)
    {
      for (end = start + 1; end < n; end++)
        if (items[end].k[0] != items[start].k[0] || items[end].k[1] != items[start].k[1])
          break;
      if (end - start > 1 && text_goes_on (&items[start], ctx->descending))
        {
          for (guint i = start; i < end; i++)
            {
              /* the texts are all over the place: fetch ahead */
              if (i + 8 < end)
                PREFETCH (items[i + 8].text + next.offset);
              set_text_key (&items[i], next.offset, ctx->descending);
            }
          sort_items (items + start, spare + start, end - start, &next);
        }
    }
}

/* The ids of @rows ordered by their key, ties in deck order; their card
 * keys in the same order into @keys, if given */
static GArray *
sort_rows (GArray    *rows,
           KeyType    type,
           gboolean   descending,
           gboolean   deck_descending,
           GPtrArray *keys)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  g_autofree Item *items = NULL;
  g_autofree Item *spare = NULL;
  guint n = rows->len;
  SortContext ctx;

  /* rows mostly come in deck order already */
  for (guint i = 1; i < n; i++)
    if (compare_deck_order (&g_array_index (rows, Row, i - 1), &g_array_index (rows, Row, i)) > 0)
      {
        g_array_sort (rows, compare_deck_order);
        break;
      }

  if (type == KEY_NONE)
    {
      for (guint i = 0; i < n; i++)
        {
          Row *row = &g_array_index (rows, Row, deck_descending ? n - 1 - i : i);

          g_array_append_val (ids, row->id);
          if (keys != NULL)
            g_ptr_array_add (keys, g_strdup (row->card_key));
        }
      return ids;
    }

  /* items made in deck order and sorted stably keep ties in deck order */
  items = g_new (Item, n + 1);
  spare = g_new (Item, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = make_item (&g_array_index (rows, Row, i), i, type, descending);
  ctx = (SortContext) { type, descending, 0 };
  sort_items (items, spare, n, &ctx);

  for (guint i = 0; i < n; i++)
    {
      Row *row = &g_array_index (rows, Row, items[i].index);

      g_array_append_val (ids, row->id);
      if (keys != NULL)
        g_ptr_array_add (keys, g_strdup (row->card_key));
    }
  return ids;
}

static int
study_day (EgStore *store,
           gint64   now_ms)
{
  EgSchedulerSettings defaults = { 0 };
  g_autofree char *value = eg_store_get_setting (store, "day-start-hour");
  guint64 hour;

  eg_scheduler_settings_init (&defaults);
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 23, &hour, NULL))
    hour = defaults.day_start_hour;
  eg_scheduler_settings_clear (&defaults);
  return eg_time_study_day (now_ms, (int) hour);
}

/* The statement read_rows() runs: id, section, position, sort key and
 * card key if @with_keys */
static GString *
select_rows (EgSearch     *search,
             EgSortColumn  sort,
             gboolean      with_keys)
{
  GString *sql = g_string_new ("SELECT c.id, c.section_id, c.position, ");
  gboolean needs_text = search->uses_text || sort_keys[sort].type == KEY_TEXT;

  g_string_append (sql, sort_keys[sort].sql);
  if (with_keys)
    g_string_append (sql, ", c.key");
  g_string_append (sql, search->match ? " FROM cards_fts f JOIN cards c" : " FROM cards c");
  /* Cards found by id are read from the narrow index cards_by_id, not the
   * rows with their text (a tenth of the pages to read), unless the text
   * is wanted.  Without statistics (no ANALYZE) SQLite would take the rows.
   */
  if (search->by_id && !needs_text)
    g_string_append (sql, " INDEXED BY cards_by_id");
  if (search->match)
    g_string_append (sql, " ON c.id = f.rowid");
  if (search->uses_state || sort_keys[sort].uses_state)
    g_string_append (sql, " JOIN card_state s ON s.card_id = c.id");
  g_string_append (sql, " WHERE c.deleted = 0");
  if (search->match)
    g_string_append_printf (sql, " AND f.cards_fts MATCH ?%d", search->match);
  if (search->where != NULL)
    g_string_append_printf (sql, " AND (%s)", search->where);
  /* SQLite finds a deck's cards (contiguous rows) through the index
   * (deck_id, key), which holds nothing else, then reads each row.  That is
   * right when the text is read anyway; otherwise "+" leaves it a scan of
   * a narrow index, which costs less for any deck but a small one. */
  g_string_replace (sql, DECK_ID, needs_text ? "c.deck_id" : "+c.deck_id", 0);
  return sql;
}

/* The matching cards, with their sort key, in no particular order */
static gboolean
read_rows (EgStore       *store,
           EgSearch      *search,
           EgSortColumn   sort,
           gint64         now_ms,
           GArray        *rows,
           GStringChunk  *texts,
           GStringChunk  *card_keys,
           GError       **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (SectionEntry));
  SectionMap map = { sections, 0 };
  KeyType type = sort_keys[sort].type;
  int rc;

  if (!load_sections (store, sort == EG_SORT_SECTION, &map, error))
    return FALSE;

  sql = select_rows (search, sort, card_keys != NULL);
  if (!(stmt = _eg_store_prepare (store, sql->str, error)))
    return FALSE;

  /* parameters a statement does not use are ignored (SQLITE_RANGE) */
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, study_day (store, now_ms));
  for (guint i = 0; i < search->params->len; i++)
    {
      Param *param = &g_array_index (search->params, Param, i);
      int n = FIRST_PARAM + i;

      if (param->type == SQLITE_INTEGER)
        sqlite3_bind_int64 (stmt, n, param->i);
      else if (param->type == SQLITE_FLOAT)
        sqlite3_bind_double (stmt, n, param->d);
      else
        sqlite3_bind_text (stmt, n, param->s, -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const SectionEntry *section = find_section (&map, sqlite3_column_int64 (stmt, 1));
      Row row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.rank = section->rank;
      row.position = sqlite3_column_int (stmt, 2);
      row.has_key = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      switch (type)
        {
        case KEY_INT:
          if (sort == EG_SORT_SECTION)
            {
              row.key.i = section->heading_rank;
              row.has_key = TRUE;
            }
          else
            row.key.i = sqlite3_column_int64 (stmt, 3);
          break;
        case KEY_DOUBLE:
          row.key.d = sqlite3_column_double (stmt, 3);
          break;
        case KEY_TEXT:
          {
            const char *text = (const char *) sqlite3_column_text (stmt, 3);

            row.text = sort_text (texts, text ? text : "", sqlite3_column_bytes (stmt, 3));
            break;
          }
        case KEY_NONE:
        default:
          break;
        }
      if (card_keys != NULL)
        row.card_key = g_string_chunk_insert (card_keys, (const char *) sqlite3_column_text (stmt, 4));
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, "Cannot search the cards");
  return TRUE;
}

/* Runs @search; the card keys too into @keys, if given. */
static GArray *
run_search (EgStore       *store,
            EgSearch      *search,
            EgSortColumn   sort,
            gboolean       descending,
            gint64         now_ms,
            GPtrArray     *keys,
            GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GStringChunk) texts = NULL;
  g_autoptr(GStringChunk) card_keys = NULL;
  gboolean own_transaction;
  gboolean ok;

  if (!ensure_functions (store, error))
    return NULL;

  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  if (sort_keys[sort].type == KEY_TEXT)
    texts = g_string_chunk_new (64 * 1024);
  if (keys != NULL)
    card_keys = g_string_chunk_new (64 * 1024);

  /* one snapshot, and one lock for all the statements */
  own_transaction = sqlite3_get_autocommit (_eg_store_get_db (store));
  if (own_transaction && !_eg_store_exec (store, "BEGIN", error))
    return NULL;
  ok = read_rows (store, search, sort, now_ms, rows, texts, card_keys, error);
  if (own_transaction)
    _eg_store_exec (store, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (!ok)
    return NULL;

  return sort_rows (rows, sort_keys[sort].type, descending,
                    descending && sort == EG_SORT_DECK_ORDER, keys);
}

/**
 * eg_search_card_ids:
 * @sort: the order; ties are in deck order
 * @descending: reverse the order of @sort (cards without a value, such as
 *   new cards sorted by due time, stay last; ties stay in deck order)
 * @now_ms: the time is:due, prop:r and the like are relative to
 *
 * Runs a search, in one read transaction unless the caller has one open.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching
 *   cards that are not deleted, in order
 */
GArray *
eg_search_card_ids (EgStore       *store,
                    EgSearch      *search,
                    EgSortColumn   sort,
                    gboolean       descending,
                    gint64         now_ms,
                    GError       **error)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (search != NULL, NULL);
  g_return_val_if_fail ((guint) sort < G_N_ELEMENTS (sort_keys), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_search (store, search, sort, descending, now_ms, NULL, error);
}

/**
 * eg_search_card_keys:
 *
 * The same as eg_search_card_ids(), for the cards' keys ("16/301"), read
 * in the same pass.
 *
 * Returns: (transfer full): the keys, in order
 */
GStrv
eg_search_card_keys (EgStore       *store,
                     EgSearch      *search,
                     EgSortColumn   sort,
                     gboolean       descending,
                     gint64         now_ms,
                     GError       **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (search != NULL, NULL);
  g_return_val_if_fail ((guint) sort < G_N_ELEMENTS (sort_keys), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(ids = run_search (store, search, sort, descending, now_ms, keys, error)))
    return NULL;
  g_ptr_array_add (keys, NULL);
  g_ptr_array_set_free_func (keys, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

/* For the tests: the plan of the statement the search runs, one line per
 * step ("SEARCH c USING COVERING INDEX cards_by_id (id=? AND deleted=?)"). */
char *
_eg_search_query_plan (EgStore       *store,
                       EgSearch      *search,
                       EgSortColumn   sort,
                       gboolean       with_keys,
                       GError       **error)
{
  g_autoptr(GString) sql = select_rows (search, sort, with_keys);
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ensure_functions (store, error))
    return NULL;
  g_string_prepend (sql, "EXPLAIN QUERY PLAN ");
  if (!(stmt = _eg_store_prepare (store, sql->str, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (store, error, "Cannot explain the search");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

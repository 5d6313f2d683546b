/* eg-cli-search.c - engram-cli search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

/* eg_store_get_cards() binds one parameter per card */
#define CARDS_PER_READ 500

static const struct
{
  const char   *name;
  EgSortColumn  column;
} sort_names[] = {
  { "deck", EG_SORT_DECK_ORDER },
  { "number", EG_SORT_NUMBER },
  { "question", EG_SORT_QUESTION },
  { "section", EG_SORT_SECTION },
  { "due", EG_SORT_DUE },
  { "interval", EG_SORT_INTERVAL },
  { "stability", EG_SORT_STABILITY },
  { "difficulty", EG_SORT_DIFFICULTY },
  { "retrievability", EG_SORT_RETRIEVABILITY },
  { "reviews", EG_SORT_REVIEWS },
  { "lapses", EG_SORT_LAPSES },
  { "flag", EG_SORT_FLAG },
  { "modified", EG_SORT_MODIFIED },
};

/* Translators: the search syntax (is:due, section:, prop:ivl, OR…) and the
 * sort column names are what the command accepts: keep them as they are */
#define SUMMARY N_( \
  "Lists the keys of the cards that match QUERY (several arguments are joined\n" \
  "with spaces), in deck order unless --sort says otherwise.\n" \
  "\n" \
  "  escape analysis     both words, in any text of the card or its notes\n" \
  "  escap*  \"a phrase\"  a prefix; a phrase\n" \
  "  a OR b  (a OR b) c  -a  -(a OR b)\n" \
  "  section:36  section:\"Go Internals\"  section:3*  deck:NAME\n" \
  "  is:due is:new is:learn is:review is:suspended is:buried is:flagged\n" \
  "  flag:1  rated:7  has:note  has:highlight\n" \
  "  prop:ivl>10 prop:due<=1 prop:s>30 prop:d<5 prop:r<0.8 prop:reps>3 prop:lapses>=2\n" \
  "\n" \
  "A query that starts with “-” can follow “--”.\n" \
  "Sort columns: deck, number, question, section, due, interval, stability,\n" \
  "difficulty, retrievability, reviews, lapses, flag, modified.")

/* Options of this command and of every command, with their values. */
static gboolean
is_option (const char *arg,
           gboolean   *takes_value)
{
  static const char * const flags[] = { "--json", "--desc", "--help", "-h", "-?", "--help-all" };
  static const char * const with_value[] = { "--sort", "--db", "--at" };

  *takes_value = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (g_str_equal (arg, flags[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (with_value); i++)
    {
      gsize len = strlen (with_value[i]);

      if (g_str_equal (arg, with_value[i]))
        {
          *takes_value = TRUE;
          return TRUE;
        }
      if (strncmp (arg, with_value[i], len) == 0 && arg[len] == '=')
        return TRUE;
    }
  return FALSE;
}

/* Moves the query words that look like options ("-is:new") behind a "--",
 * so that only the real options reach GOption.
 */
static char **
protect_query (int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new ();
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  gboolean seen_dashes = FALSE;

  g_ptr_array_add (options, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      gboolean takes_value;

      if (!seen_dashes && g_str_equal (argv[i], "--"))
        seen_dashes = TRUE;
      else if (!seen_dashes && is_option (argv[i], &takes_value))
        {
          g_ptr_array_add (options, argv[i]);
          if (takes_value && i + 1 < argc)
            g_ptr_array_add (options, argv[++i]);
        }
      else
        g_ptr_array_add (words, argv[i]);
    }

  g_ptr_array_add (options, (char *) "--");
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (options, g_ptr_array_index (words, i));
  g_ptr_array_add (options, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&options), FALSE);
}

int
eg_cli_search (EgCliContext  *ctx,
               int            argc,
               char         **argv)
{
  gboolean json = FALSE;
  gboolean descending = FALSE;
  g_autofree char *sort_name = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, _("Print a JSON array of {key, question}"),
      NULL },
    /* Translators: COLUMN is the placeholder below; "deck" is a column name */
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name, _("Order by COLUMN (default: deck)"),
      C_("placeholder", "COLUMN") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &descending, _("Reverse the order"), NULL },
    { NULL }
  };
  g_autofree char **args = protect_query (argc, argv);
  int n_args = g_strv_length (args);
  char **parsed = args;
  EgSortColumn sort = EG_SORT_DECK_ORDER;
  g_autofree char *query = NULL;
  g_autoptr(EgSearch) search = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_cli_parse_options (ctx, C_("placeholder", "QUERY…"), _(SUMMARY), entries,
                             &n_args, &parsed))
    return 1;
  /* GOption keeps a "--" when options came before it */
  if (n_args > 1 && g_str_equal (parsed[1], "--"))
    {
      parsed++;
      n_args--;
    }
  if (n_args < 2)
    return eg_cli_usage_error (_("search: write a query, e.g. engram-cli search "
                                 "'escape analysis'"));

  if (sort_name != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_str_equal (sort_name, sort_names[i].name))
          {
            sort = sort_names[i].column;
            known = TRUE;
          }
      if (!known)
        /* Translators: the column names are what the command accepts */
        return eg_cli_usage_error (_("search: unknown sort column “%s”; use deck, number, "
                                     "question, section, due, interval, stability, "
                                     "difficulty, retrievability, reviews, lapses, flag or "
                                     "modified"), sort_name);
    }

  query = g_strjoinv (" ", parsed + 1);
  if (!(search = eg_search_new (query, &error)))
    return eg_cli_fail (error);
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (!json)
    {
      g_auto(GStrv) keys = eg_search_card_keys (ctx->store, search, sort, descending,
                                                ctx->now_ms, &error);
      g_autoptr(GString) out = g_string_new (NULL);

      if (keys == NULL)
        return eg_cli_fail (error);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_string_append (out, keys[i]);
          g_string_append_c (out, '\n');
        }
      fputs (out->str, stdout);
      return 0;
    }

  if (!(ids = eg_search_card_ids (ctx->store, search, sort, descending, ctx->now_ms, &error)))
    return eg_cli_fail (error);

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  /* one read transaction, not one per card */
  if (!eg_store_begin_read (ctx->store, &error))
    return eg_cli_fail (error);
  for (guint i = 0; i < ids->len; i += CARDS_PER_READ)
    {
      g_autoptr(GPtrArray) cards = eg_store_get_cards (ctx->store,
                                                       &g_array_index (ids, gint64, i),
                                                       MIN (ids->len - i, CARDS_PER_READ),
                                                       &error);

      if (cards == NULL)
        {
          eg_store_end_read (ctx->store);
          return eg_cli_fail (error);
        }
      for (guint j = 0; j < cards->len; j++)
        {
          EgCard *card = g_ptr_array_index (cards, j);
          g_autofree char *question = eg_markdown_to_plain (card->question);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, card->key);
          json_builder_set_member_name (builder, "question");
          json_builder_add_string_value (builder, question);
          json_builder_end_object (builder);
        }
    }
  eg_store_end_read (ctx->store);
  json_builder_end_array (builder);

  {

    eg_cli_json_print (builder);
  }
  return 0;
}

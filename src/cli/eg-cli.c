/* eg-cli.c - engram-cli, a command line over libengram-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eg-cli.h"

static void
print_error (const char *message)
{
  g_printerr ("engram-cli: %s\n", message);
}

int
eg_cli_fail (GError *error)
{
  print_error (error->message);
  return 1;
}

int
eg_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_error (message);
  return 1;
}

/**
 * eg_cli_parse_options:
 *
 * Parses the options every command accepts (--db, --at) and @entries.
 */
gboolean
eg_cli_parse_options (EgCliContext  *ctx,
                      const char    *args,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv)
{
  const GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &ctx->db_path,
      N_("The collection (default: $XDG_DATA_HOME/engram/collection.db)"), "PATH" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &ctx->at,
      N_("Act as if the time were ISO-TIME (e.g. 2026-12-01T09:00:00Z)"), "ISO-TIME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  /* argv[0] already is "engram-cli COMMAND" */
  context = g_option_context_new (args);
  /* the entries' descriptions and @summary are N_() marked: GOption
   * translates them */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return FALSE;
    }

  if (ctx->at != NULL)
    {
      if (!eg_time_parse_iso (ctx->at, &ctx->now_ms))
        {
          eg_cli_usage_error (_("--at: “%s” is not an ISO 8601 time such as "
                                "2026-12-01T09:00:00Z"), ctx->at);
          return FALSE;
        }
    }
  else
    ctx->now_ms = eg_time_now_ms ();

  return TRUE;
}

char *
eg_cli_collection_path (EgCliContext *ctx)
{
  return ctx->db_path ? g_strdup (ctx->db_path) : eg_store_default_path ();
}

/**
 * eg_cli_open_store:
 * @access: %EG_CLI_WRITE checks the collection's integrity first (it reads
 *   the whole file); %EG_CLI_READ checks it only when it changed since its
 *   last check, and cannot write
 *
 * Opens the collection, or explains why not.
 */
gboolean
eg_cli_open_store (EgCliContext *ctx,
                   EgCliAccess   access)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = eg_cli_collection_path (ctx);

  ctx->store = eg_store_open_full (path,
                                   access == EG_CLI_WRITE ? EG_STORE_OPEN_DEFAULT
                                                          : EG_STORE_OPEN_READ,
                                   &error);
  if (ctx->store == NULL)
    {
      eg_cli_fail (error);
      if (g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT) ||
          g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION))
        /* Translators: the first two %s are " --db PATH" or nothing; keep
         * the command words (engram-cli, backup list, backup restore) */
        g_printerr (_("engram-cli: “engram-cli%s%s backup list” shows the backups, and "
                      "“backup restore NAME” restores one\n"),
                    ctx->db_path ? " --db " : "", ctx->db_path ? ctx->db_path : "");
      return FALSE;
    }
  /* a short process: map the file rather than read it page by page */
  eg_store_set_memory_map (ctx->store, 512 * 1024 * 1024);
  return TRUE;
}

static void
print_report (EgImportReport *report,
              gboolean        dry_run)
{
  g_autofree char *sections = NULL;
  g_autofree char *cards = NULL;

  /* Translators: FILE: deck “TITLE” (KEY) */
  g_print (_("%s: deck “%s” (%s)\n"), report->name, report->deck_title, report->deck_key);
  sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                           report->sections), report->sections);
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", report->cards),
                           report->cards);
  /* Translators: the first two %s are “N sections” and “N cards”; the last
   * is “ (dry run: nothing written)” or nothing */
  g_print (_("  %s, %s: %u added, %u updated, %u unchanged, %u removed from source%s\n"),
           sections, cards, report->added, report->updated,
           report->unchanged, report->removed, dry_run ? _(" (dry run: nothing written)") : "");
  if (report->highlights_placed > 0 || report->highlights_orphaned > 0)
    /* Translators: the second %u counts orphaned highlights */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u highlight placed again, %u orphaned (kept, to attach again "
                          "or delete)\n",
                          "  %u highlights placed again, %u orphaned (kept, to attach again "
                          "or delete)\n", report->highlights_placed),
             report->highlights_placed, report->highlights_orphaned);
  if (report->n_repaired > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u character repaired (the file had been mis-decoded as "
                          "Windows-1252)\n",
                          "  %u characters repaired (the file had been mis-decoded as "
                          "Windows-1252)\n", report->n_repaired),
             report->n_repaired);
  for (guint i = 0; i < report->removed_keys->len; i++)
    /* Translators: %s is a card's key */
    g_print (_("  not in the file any more (kept): %s\n"),
             (const char *) g_ptr_array_index (report->removed_keys, i));
  if (report->conflicts->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u card changed both in the file and here; your text is kept"
                          " (--theirs KEY takes the file's):\n",
                          "  %u cards changed both in the file and here; your text is kept"
                          " (--theirs KEY takes the file's):\n", report->conflicts->len),
             report->conflicts->len);
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      EgImportConflict *conflict = g_ptr_array_index (report->conflicts, i);
      g_autofree char *question = eg_markdown_to_plain (conflict->question);

      /* Translators: card key, a tab, the card's question */
      g_print (_("  conflict: %s\t%s\n"), conflict->key, question);
    }
  for (guint i = 0; i < report->warnings->len; i++)
    {
      EgRepairWarning *warning = g_ptr_array_index (report->warnings, i);

      g_print (_("  warning: line %u: %s\n"), warning->line, warning->message);
    }
}

static int
command_import (EgCliContext  *ctx,
                int       argc,
                char    **argv)
{
  gboolean dry_run = FALSE;
  g_auto(GStrv) theirs = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Report what the import would do, write nothing"), NULL },
    { "theirs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &theirs,
      N_("Take the file's text for this card even though you changed it (repeat for more "
         "cards)"),
      "CARD_KEY" },
    { NULL }
  };
  int status = 0;

  if (!eg_cli_parse_options (ctx, "FILE…", N_("Import or update Markdown decks."),
                      entries, &argc, &argv))
    return 1;
  if (argc < 2)
    {
      return eg_cli_usage_error (_("import: name at least one deck file"));
    }
  if (theirs != NULL && argc != 2)
    return eg_cli_usage_error (_("import: --theirs takes the cards of one deck file"));
  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;

  if (!dry_run && !eg_store_is_empty (ctx->store))
    {
      g_autoptr(EgBackupInfo) backup = NULL;
      g_autoptr(GError) error = NULL;

      backup = eg_backup_create (ctx->store, EG_BACKUP_REASON_IMPORT, ctx->now_ms, NULL, &error);
      if (backup == NULL)
        {
          g_prefix_error (&error, _("Nothing was imported, because the collection could "
                                    "not be backed up first: "));
          return eg_cli_fail (error);
        }
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(EgImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      report = eg_import_file_full (ctx->store, file, ctx->now_ms,
                                    dry_run ? EG_IMPORT_FLAGS_DRY_RUN : EG_IMPORT_FLAGS_NONE,
                                    (const char * const *) theirs, NULL, NULL, NULL, &error);
      if (report == NULL)
        status = eg_cli_fail (error);
      else
        print_report (report, dry_run);
    }

  return status;
}

static int
command_list (EgCliContext  *ctx,
              int       argc,
              char    **argv)
{
  g_autofree char *section_key = NULL;
  gboolean sections_only = FALSE;
  GOptionEntry entries[] = {
    { "section", 0, 0, G_OPTION_ARG_STRING, &section_key,
      N_("Only the cards of this section"), "KEY" },
    { "sections", 0, 0, G_OPTION_ARG_NONE, &sections_only,
      N_("List the sections instead of the cards"), NULL },
    { NULL }
  };
  g_autoptr(EgSectionInfo) section = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_cli_parse_options (ctx, "", N_("List cards (key, question) or sections."),
                      entries, &argc, &argv))
    return 1;
  if (argc > 1)
    {
      return eg_cli_usage_error (_("list: unexpected argument"));
    }
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;

  if (sections_only)
    {
      if (!(items = eg_store_list_sections (ctx->store, 0, &error)))
        return eg_cli_fail (error);
      for (guint i = 0; i < items->len; i++)
        {
          EgSectionInfo *info = g_ptr_array_index (items, i);
          g_autofree char *heading = eg_markdown_to_plain (info->heading);

          g_print ("%s\t%u cards\t%s\n", info->key, info->n_cards, heading);
        }
      return 0;
    }

  if (section_key != NULL && !(section = eg_store_find_section (ctx->store, section_key, &error)))
    return eg_cli_fail (error);

  if (!(items = eg_store_list_cards (ctx->store, section ? section->id : 0, &error)))
    return eg_cli_fail (error);
  for (guint i = 0; i < items->len; i++)
    {
      EgCard *card = g_ptr_array_index (items, i);
      g_autofree char *question = eg_markdown_to_plain (card->question);

      g_print ("%s\t%s\n", card->key, question);
    }

  return 0;
}

static const char *
state_name (int state)
{
  static const char * const names[] = {
    NC_("card state", "new"),
    NC_("card state", "learning"),
    NC_("card state", "review"),
    NC_("card state", "relearning"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "card state", names[CLAMP (state, 0, 3)]);
}

static int
command_show (EgCliContext  *ctx,
              int       argc,
              char    **argv)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;

  if (!eg_cli_parse_options (ctx, "CARD_KEY", N_("Show a card (keys look like 16/301)."),
                      NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    {
      return eg_cli_usage_error (_("show: name one card, e.g. engram-cli show 16/301"));
    }
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;

  if (!(card = eg_store_find_card (ctx->store, argv[1], &error)))
    return eg_cli_fail (error);

  due = eg_time_format_iso (card->state.due);
  g_print (_("Card %s (number %d, section %s)\n\n"), card->key, card->number,
           card->section_key);
  g_print ("### %d. %s\n%s\n", card->number, card->question, card->answer);
  for (guint i = 0; i < card->parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (card->parts, i);

      g_print ("\n#### %s\n%s\n", part->name, part->text);
    }
  /* Translators: the last three %s are “, suspended”, “, flagged” and
   * “, no longer in its deck file”, or nothing */
  g_print (_("\nState: %s, due %s, stability %g, difficulty %g, %d reviews, %d lapses%s%s%s\n"),
           state_name (card->state.state), due, card->state.stability, card->state.difficulty,
           card->state.reps, card->state.lapses,
           card->suspended ? _(", suspended") : "",
           card->flag ? _(", flagged") : "",
           card->in_source ? "" : _(", no longer in its deck file"));

  return 0;
}

/* "-" (or no -o) is the standard output; any other file is written
 * through eg_output_write(), which never writes over the collection.
 */
gboolean
eg_cli_write_output (EgCliContext  *ctx,
                     const char    *path,
                     const char    *data,
                     GError       **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      fputs (data, stdout);
      return fflush (stdout) == 0;
    }
  return eg_output_write (path, data, strlen (data), eg_store_get_path (ctx->store), error);
}

static int
command_export (EgCliContext  *ctx,
                int       argc,
                char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *deck = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or markdown"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), "FILE" },
    { "deck", 0, 0, G_OPTION_ARG_STRING, &deck,
      N_("The deck to export as Markdown (when there are several)"), "KEY" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  if (!eg_cli_parse_options (ctx, "", N_("Export the collection as JSON or a Markdown deck."),
                      entries, &argc, &argv))
    return 1;
  if (format == NULL || (!g_str_equal (format, "json") && !g_str_equal (format, "markdown")))
    {
      return eg_cli_usage_error (_("export: --format must be json or markdown"));
    }
  if (argc > 1)
    {
      return eg_cli_usage_error (_("export: unexpected argument"));
    }
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;

  if (g_str_equal (format, "json"))
    data = eg_export_json (ctx->store, &error);
  else
    data = eg_export_markdown (ctx->store, deck, &error);

  if (data == NULL || !eg_cli_write_output (ctx, output, data, &error))
    return error ? eg_cli_fail (error) : 1;

  return 0;
}

static int
command_stats (EgCliContext  *ctx,
               int       argc,
               char    **argv)
{
  g_autoptr(GError) error = NULL;
  EgStoreStats stats = { 0 };
  g_autofree char *deck = NULL;
  g_autofree char *section = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the statistics the app shows (today, due, history, streak, cards by state) "
         "as JSON"), NULL },
    { "deck", 0, 0, G_OPTION_ARG_STRING, &deck, N_("With --json: only this deck"), "KEY" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section, N_("With --json: only this section"),
      "KEY" },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "", N_("Counts of decks, sections, cards and reviews; with "
                                "--json, the statistics of the collection, a deck or a "
                                "section."),
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("stats: unexpected argument “%s”"), argv[1]);
  if (!json && (deck != NULL || section != NULL))
    return eg_cli_usage_error (_("stats: --deck and --section go with --json"));
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (json)
    return eg_cli_stats_json (ctx, deck, section);
  if (!eg_store_get_stats (ctx->store, &stats, &error))
    return eg_cli_fail (error);

  /* Translators: the counts of "engram-cli stats"; keep the numbers of the
   * lines below in one column by padding the words with spaces */
  g_print (_("Collection: %s\n"), eg_store_get_path (ctx->store));
  g_print (_("Decks:       %u\n"), stats.decks);
  g_print (_("Sections:    %u\n"), stats.sections);
  g_print (_("Cards:       %u (new %u, learning %u, review %u, relearning %u)\n"),
           stats.cards, stats.new_cards, stats.learning, stats.review, stats.relearning);
  g_print (_("Suspended:   %u\n"), stats.suspended);
  g_print (_("Not in their deck file any more: %u\n"), stats.not_in_source);
  g_print (_("Reviews:     %u\n"), stats.reviews_logged);
  g_print (_("Annotations: %u\n"), stats.annotations);
  return 0;
}

static int
command_set_language (EgCliContext  *ctx,
                      int            argc,
                      char         **argv)
{
  g_autoptr(GError) error = NULL;

  if (!eg_cli_parse_options (ctx, "DECK LANGUAGE",
                             N_("Set the language of a deck's inline code (e.g. go), or "
                                "none."),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 3)
    return eg_cli_usage_error (_("set-language: name a deck and a language, e.g. "
                                 "engram-cli set-language my-deck go"));
  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;
  if (!eg_store_set_deck_language (ctx->store, argv[1],
                                   g_str_equal (argv[2], "none") ? NULL : argv[2], &error))
    return eg_cli_fail (error);
  return 0;
}

typedef struct
{
  const char   *name;
  const char   *args;
  const char   *summary;
  EgCliCommand  func;
} Command;

static const Command commands[] = {
  { "import", "FILE…", N_("Import or update Markdown decks"), command_import },
  { "list", "[--section KEY] [--sections]", N_("List cards or sections"), command_list },
  { "show", "CARD_KEY", N_("Show one card"), command_show },
  { "export", "--format json|markdown [-o FILE]", N_("Export the collection"), command_export },
  { "stats", "[--json] [--deck|--section KEY]", N_("Collection statistics"),
    command_stats },
  { "set-language", "DECK LANGUAGE", N_("Language of a deck's inline code"),
    command_set_language },
  { "due", "", N_("Cards due today, and when the next one is"), eg_cli_due },
  { "review", "[--grade N]", N_("Review in the terminal, or grade the next card"),
    eg_cli_review },
  { "forecast", "[--days N]", N_("Cards due on each of the next days"), eg_cli_forecast },
  { "log", "[--card KEY] [--json]", N_("The review log, oldest first"), eg_cli_log },
  { "search", "QUERY [--json]", N_("Search cards (see README for the syntax)"), eg_cli_search },
  { "plan", "[--date DATE|--clear] [--json]",
    N_("Interview date: the daily plan and expected recall"), eg_cli_plan },
  { "optimize", "[--csv FILE] [--json]", N_("Fit the FSRS parameters to the review log"),
    eg_cli_optimize },
  { "settings", "[KEY [VALUE]]", N_("Show or change the scheduler's settings"),
    eg_cli_settings },
  { "backup", "create|list|restore NAME", N_("Back up the collection, list or restore backups"),
    eg_cli_backup },
  { "highlight", "add CARD_KEY --quote TEXT", N_("Highlight a passage of a card"),
    eg_cli_highlight },
  { "note", "set CARD_KEY TEXT|show CARD_KEY", N_("Set or show a card's note"), eg_cli_note },
  { "annotations", "list|delete ID|export", N_("List, delete or export highlights and notes"),
    eg_cli_annotations },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: engram-cli [--db PATH] COMMAND [ARGS…]\n\n"
                           "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* padded by characters, not bytes: "FILE…" is 5 wide */
      int pad = 34 - (int) g_utf8_strlen (commands[i].args, -1);

      fprintf (stream, "  %-12s %s%*s %s\n", commands[i].name, commands[i].args,
               MAX (pad, 0), "", _(commands[i].summary));
    }
  fprintf (stream, "%s", _("\nEvery command accepts --db PATH and --at ISO-TIME; "
                           "“engram-cli COMMAND --help” tells more.\n"));
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;
  EgCliContext ctx = { 0 };
  int n_args;
  int status = 1;
  int command_index = -1;

  setlocale (LC_ALL, "");
  /* ENGRAM_LOCALE_DIR: the build tree's translations (meson devenv, tests) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ENGRAM_LOCALE_DIR") != NULL
                                   ? g_getenv ("ENGRAM_LOCALE_DIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command is the first argument that is not an option (or the value of
   * --db / --at given before it).
   */
  for (int i = 1; i < argc && command_index < 0; i++)
    {
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--at"))
        i++;
      else if (argv[i][0] != '-')
        command_index = i;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return 0;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("engram-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
    }

  if (command_index < 0)
    {
      print_usage (stderr);
      return 1;
    }

  /* argv without the command word: the options before it stay options */
  n_args = argc - 1;
  args = g_new0 (char *, n_args + 1);
  args[0] = g_strdup_printf ("engram-cli %s", argv[command_index]);
  for (int i = 1, j = 1; i < argc; i++)
    if (i != command_index)
      args[j++] = g_strdup (argv[i]);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, argv[command_index]))
      {
        char **argv_copy = g_memdup2 (args, sizeof (char *) * (n_args + 1));

        status = commands[i].func (&ctx, n_args, argv_copy);
        g_free (argv_copy);
        g_clear_object (&ctx.store);
        g_free (ctx.db_path);
        g_free (ctx.at);
        return status;
      }

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"),
                                                argv[command_index]);

    print_error (message);
    print_usage (stderr);
  }
  return 1;
}

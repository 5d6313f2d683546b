/* eg-dev.c - engram-dev, Engram's development tools (built, never installed)
 *
 * A thin main() over the commands: bench-gen (eg-dev-bench.c), fsrs
 * replay (eg-dev-fsrs.c) and study (eg-dev-study.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>

#include "eg-dev.h"

static void
print_error (const char *message)
{
  g_printerr ("engram-dev: %s\n", message);
}

int
eg_dev_fail (GError *error)
{
  print_error (error->message);
  return 1;
}

int
eg_dev_usage_error (const char *format,
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
 * eg_dev_parse_options:
 *
 * Parses the options of a command, @entries; FALSE (with a message) when
 * they are wrong.
 */
gboolean
eg_dev_parse_options (const char    *args,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* argv[0] already is "engram-dev COMMAND" */
  context = g_option_context_new (args);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char   *name;
  const char   *args;
  const char   *summary;
  EgDevCommand  func;
} Command;

static const Command commands[] = {
  { "bench-gen", "--cards N --reviews M --db PATH",
    "Generate a synthetic collection for benchmarks", eg_dev_bench_gen },
  { "fsrs", "replay FILE.json [--check]", "Replay FSRS review sequences (test vectors)",
    eg_dev_fsrs },
  { "study", "--days N --db PATH", "Study a collection's cards for N days (simulated learner)",
    eg_dev_study },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage: engram-dev COMMAND [ARGS…]\n\n"
           "Engram's development tools (not installed).  Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %-32s %s\n", commands[i].name, commands[i].args,
             commands[i].summary);
  fprintf (stream, "\n“engram-dev COMMAND --help” tells more.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2 || argv[1][0] == '-')
    {
      gboolean help = argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"));

      print_usage (help ? stdout : stderr);
      return help ? 0 : 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, argv[1]))
      {
        g_autofree char *name = g_strdup_printf ("engram-dev %s", argv[1]);
        g_autofree char **args = g_new0 (char *, argc);

        /* argv without the command word, named after it */
        args[0] = name;
        for (int j = 2; j < argc; j++)
          args[j - 1] = argv[j];
        return commands[i].func (argc - 1, args);
      }

  eg_dev_usage_error ("unknown command “%s”", argv[1]);
  print_usage (stderr);
  return 1;
}

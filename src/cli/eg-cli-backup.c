/* eg-cli-backup.c - engram-cli backup create|list|restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-cli.h"

static char *
describe_counts (const EgBackupInfo *info)
{
  g_autofree char *size = g_format_size (info->size);

  if (info->cards < 0)
    return g_strdup_printf ("unreadable, %s", size);
  return g_strdup_printf ("%d cards, %d reviews, %s", info->cards, info->reviews, size);
}

static char *
local_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static int
backup_create (EgCliContext *ctx)
{
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;

  /* the copy is checked, so reading the collection is enough */
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  info = eg_backup_create (ctx->store, EG_BACKUP_REASON_MANUAL, ctx->now_ms, NULL, &error);
  if (info == NULL)
    return eg_cli_fail (error);
  counts = describe_counts (info);
  g_print ("%s\t%s\n", info->path, counts);
  return 0;
}

static int
backup_list (EgCliContext *ctx)
{
  g_autofree char *path = eg_cli_collection_path (ctx);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  /* the collection is not opened: this works when it is damaged */
  if (!(backups = eg_backup_list (path, &error)))
    return eg_cli_fail (error);
  if (backups->len == 0)
    {
      g_autofree char *dir = eg_backup_dir_for (path);

      g_printerr (_("engram-cli: there are no backups in “%s” yet\n"), dir);
      return 0;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      EgBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *when = local_time (info->created);
      g_autofree char *size = g_format_size (info->size);

      if (info->cards < 0)
        g_print ("%s\t%s\t%s\tunreadable\t\t%s\n", info->name, when,
                 eg_backup_reason_to_string (info->reason), size);
      else
        g_print ("%s\t%s\t%s\t%d cards\t%d reviews\t%s\n", info->name, when,
                 eg_backup_reason_to_string (info->reason), info->cards, info->reviews, size);
    }
  return 0;
}

static int
backup_restore (EgCliContext *ctx,
                const char   *name)
{
  g_autofree char *path = eg_cli_collection_path (ctx);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_backup_restore (path, name, ctx->now_ms, NULL, &kept, &error))
    return eg_cli_fail (error);
  /* Translators: Restored “COLLECTION FILE” from BACKUP NAME */
  g_print (_("Restored “%s” from %s\n"), path, name);
  if (kept != NULL)
    g_print (_("The collection as it was is kept in “%s”\n"), kept);
  return 0;
}

int
eg_cli_backup (EgCliContext  *ctx,
               int            argc,
               char         **argv)
{
  if (!eg_cli_parse_options (ctx, "create|list|restore NAME",
                             N_("Back up the collection, list its backups (newest first: "
                                "name, time, why, cards, reviews, size) or restore one.  "
                                "Restoring backs up the collection as it is first, or moves it "
                                "aside when it is damaged."),
                             NULL, &argc, &argv))
    return 1;

  if (argc == 2 && g_str_equal (argv[1], "create"))
    return backup_create (ctx);
  if (argc == 2 && g_str_equal (argv[1], "list"))
    return backup_list (ctx);
  if (argc == 3 && g_str_equal (argv[1], "restore"))
    return backup_restore (ctx, argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "restore"))
    return eg_cli_usage_error (_("backup restore: name the backup (engram-cli backup list "
                                 "shows them)"));
  return eg_cli_usage_error (_("backup: say create, list or restore NAME"));
}

/* eg-importer-warnings.c - an import's warnings, grouped and said in words
 *
 * A deck file can carry hundreds of warnings of a few kinds: characters
 * repaired from a wrong encoding, parts repeated word for word, numbers used
 * twice.  A report groups them by kind, one sentence each, and keeps the
 * warnings themselves (with their code points) as the details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-importer.h"

/* The most lines a sentence names; the details list them all */
#define MAX_LINES 5

void
eg_import_notice_free (EgImportNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->text);
  g_clear_pointer (&notice->details, g_ptr_array_unref);
  g_free (notice);
}

/* "line 1407", "lines 80 and 246", "lines 1, 2, 3, 4, 5 and 7 more" */
static char *
describe_lines (GArray *lines)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint shown = MIN (lines->len, MAX_LINES);

  if (lines->len == 1)
    return g_strdup_printf (_("line %u"), g_array_index (lines, guint, 0));

  for (guint i = 0; i + 1 < shown; i++)
    g_string_append_printf (list, i == 0 ? "%u" : _(", %u"), g_array_index (lines, guint, i));
  if (lines->len > shown)
    {
      g_string_append_printf (list, _(", %u"), g_array_index (lines, guint, shown - 1));
      /* TRANSLATORS: "lines 1, 2, 3, 4, 5 and 7 more" */
      return g_strdup_printf (ngettext ("lines %s and %u more", "lines %s and %u more",
                                        lines->len - shown),
                              list->str, lines->len - shown);
    }
  /* TRANSLATORS: "lines 80 and 246", "lines 1, 2 and 3" */
  return g_strdup_printf (_("lines %s and %u"), list->str,
                          g_array_index (lines, guint, shown - 1));
}

/* The sentence for @n warnings of @kind on @lines ("…: lines 80 and 246.") */
static char *
describe_group (EgWarningKind  kind,
                guint          n,
                guint          n_repaired,
                GArray        *lines)
{
  g_autofree char *where = lines->len > 0 ? describe_lines (lines) : NULL;
  g_autofree char *repaired = NULL;

  switch (kind)
    {
    case EG_WARNING_REPAIR_GUESS:
      repaired = g_strdup_printf (ngettext ("%u character damaged by a wrong encoding was "
                                            "repaired",
                                            "%u characters damaged by a wrong encoding were "
                                            "repaired", n_repaired), n_repaired);
      if (n == 0)
        return g_strdup_printf (_("%s."), repaired);
      /* TRANSLATORS: the first %s is "3 characters damaged by a wrong encoding were
       * repaired", the last "line 1407" */
      return g_strdup_printf (ngettext ("%s; %u could not be repaired with certainty: %s.",
                                        "%s; %u could not be repaired with certainty: %s.", n),
                              repaired, n, where);
    case EG_WARNING_REPEATED_PART:
      return g_strdup_printf (ngettext ("%u card repeats a part word for word; one copy was "
                                        "kept: %s.",
                                        "%u cards repeat a part word for word; one copy was "
                                        "kept: %s.", n), n, where);
    case EG_WARNING_REPEATED_NUMBER:
      return g_strdup_printf (ngettext ("%u card number appears twice in its section; both "
                                        "cards are kept: %s.",
                                        "%u card numbers appear twice in their section; all "
                                        "the cards are kept: %s.", n), n, where);
    case EG_WARNING_REPEATED_SECTION:
      return g_strdup_printf (ngettext ("%u section heading is used twice; the sections are "
                                        "kept apart: %s.",
                                        "%u section headings are used twice; the sections are "
                                        "kept apart: %s.", n), n, where);
    case EG_WARNING_OUTSIDE_CARD:
      return g_strdup_printf (_("Text outside any card was left out: %s."), where);
    case EG_WARNING_EMPTY_SECTION:
      return g_strdup_printf (ngettext ("%u section without cards was left out: %s.",
                                        "%u sections without cards were left out: %s.", n),
                              n, where);
    case EG_WARNING_OPEN_CODE_BLOCK:
      return g_strdup_printf (ngettext ("%u card has a code block that is never closed: %s.",
                                        "%u cards have a code block that is never closed: %s.",
                                        n), n, where);
    case EG_WARNING_OTHER:
    default:
      return g_strdup_printf (ngettext ("%u other warning: %s.", "%u other warnings: %s.", n),
                              n, where);
    }
}

static EgWarningKind
known_kind (EgWarningKind kind)
{
  return kind <= EG_WARNING_OPEN_CODE_BLOCK ? kind : EG_WARNING_OTHER;
}

/**
 * eg_import_report_group_warnings:
 *
 * Groups @report's warnings by kind, repairs first, each group said in one
 * sentence; the characters repaired without a guess belong to the repair
 * group.  The warnings themselves, with their code points, are the
 * groups' details.
 *
 * Returns: (transfer full) (element-type EgImportNotice): the groups, in
 *   the order of #EgWarningKind after the repairs; empty when there is
 *   nothing to say
 */
GPtrArray *
eg_import_report_group_warnings (const EgImportReport *report)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_import_notice_free);
  static const EgWarningKind order[] = {
    EG_WARNING_REPAIR_GUESS, EG_WARNING_REPEATED_PART, EG_WARNING_REPEATED_NUMBER,
    EG_WARNING_REPEATED_SECTION, EG_WARNING_OUTSIDE_CARD, EG_WARNING_EMPTY_SECTION,
    EG_WARNING_OPEN_CODE_BLOCK, EG_WARNING_OTHER,
  };

  g_return_val_if_fail (report != NULL, notices);

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
      EgImportNotice *notice;

      for (guint i = 0; i < report->warnings->len; i++)
        {
          EgRepairWarning *warning = g_ptr_array_index (report->warnings, i);

          if (known_kind (warning->kind) != order[k])
            continue;
          g_array_append_val (lines, warning->line);
          g_ptr_array_add (details, g_strdup_printf (_("Line %u: %s"), warning->line,
                                                     warning->message));
        }
      if (details->len == 0 && !(order[k] == EG_WARNING_REPAIR_GUESS && report->n_repaired > 0))
        continue;

      notice = g_new0 (EgImportNotice, 1);
      notice->kind = order[k];
      notice->text = describe_group (order[k], details->len, report->n_repaired, lines);
      notice->details = g_steal_pointer (&details);
      g_ptr_array_add (notices, notice);
    }
  return notices;
}

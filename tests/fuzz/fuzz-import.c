/* fuzz-import.c - the deck importer, encoding repair included
 *
 * The input is a deck file.  It goes through eg_deck_load() (size, binary
 * and encoding checks, the mojibake repair, the parser) and into a new
 * collection, first as a dry run, then for real, then once more.
 * Invariants: the repair returns valid UTF-8; a dry run writes nothing;
 * the dry run and the import report the same counts; importing the same
 * file again adds, updates and removes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"

#define STORE "import.db"

static void
check_repair (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *repaired = NULL;
  guint n_repaired = 0;

  if (memchr (data, '\0', size) != NULL || !g_utf8_validate_len ((const char *) data, size, NULL))
    return;
  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_repair_warning_free);
  repaired = eg_repair_mojibake ((const char *) data, size, warnings, &n_repaired);
  FUZZ_CHECK (repaired != NULL, "no text");
  FUZZ_CHECK (g_utf8_validate (repaired, -1, NULL), "repair made invalid UTF-8");
  FUZZ_CHECK (n_repaired > 0 || (strlen (repaired) == size && memcmp (repaired, data, size) == 0),
              "nothing repaired, yet the text changed");
  for (guint i = 0; i < warnings->len; i++)
    {
      EgRepairWarning *w = g_ptr_array_index (warnings, i);

      FUZZ_CHECK (g_utf8_validate (w->message, -1, NULL), "warning not UTF-8");
    }
}

static EgImportReport *
import (EgStore       *store,
        GFile         *file,
        EgImportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  EgImportReport *report;

  report = eg_import_file (store, file, FUZZ_NOW, flags, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      /* the file is refused as a deck; anything else is a bug */
      FUZZ_CHECK (error != NULL && error->domain == EG_DECK_ERROR, "%s",
                  error != NULL ? error->message : "no error set");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
    }
  return report;
}

static void
check_report (const EgImportReport *report)
{
  g_autoptr(GPtrArray) notices = eg_import_report_group_warnings (report);

  FUZZ_CHECK (report->added + report->updated + report->unchanged == report->cards,
              "%u added + %u updated + %u unchanged != %u cards",
              report->added, report->updated, report->unchanged, report->cards);
  for (guint i = 0; i < notices->len; i++)
    {
      EgImportNotice *notice = g_ptr_array_index (notices, i);

      FUZZ_CHECK (g_utf8_validate (notice->text, -1, NULL), "notice not UTF-8");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) dry = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgImportReport) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_dry = NULL;
  EgStore *store;

  fuzz_init ();
  check_repair (data, size);

  file = fuzz_write_file ("deck.md", data, size);
  store = fuzz_store_new (STORE);

  before = fuzz_cards_fingerprint (store);
  dry = import (store, file, EG_IMPORT_FLAGS_DRY_RUN);
  after_dry = fuzz_cards_fingerprint (store);
  FUZZ_CHECK (g_strcmp0 (before, after_dry) == 0, "a dry run changed the collection");

  report = import (store, file, EG_IMPORT_FLAGS_NONE);
  FUZZ_CHECK ((dry == NULL) == (report == NULL), "the dry run and the import disagree");
  if (report != NULL)
    {
      check_report (dry);
      check_report (report);
      FUZZ_CHECK (dry->added == report->added && dry->cards == report->cards,
                  "dry run: %u cards, %u added; import: %u cards, %u added",
                  dry->cards, dry->added, report->cards, report->added);
      FUZZ_CHECK (report->added == report->cards, "%u cards, %u added to an empty collection",
                  report->cards, report->added);

      again = import (store, file, EG_IMPORT_FLAGS_NONE);
      FUZZ_CHECK (again != NULL, "the same file refused the second time");
      check_report (again);
      FUZZ_CHECK (again->added == 0 && again->updated == 0 && again->removed == 0,
                  "the same file again: %u added, %u updated, %u removed",
                  again->added, again->updated, again->removed);
    }

  fuzz_store_drop (store, STORE);
  return 0;
}

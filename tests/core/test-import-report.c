/* test-import-report.c - what an import's report says to the user: the
 * warnings grouped in words, the cards it adds or changes (issue 12,
 * point 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define NOW 1795000000000  /* 2026-11-19, ms */

static EgStore *
new_store (const char *name)
{
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static EgImportReport *
import_text (EgStore       *store,
             const char    *text,
             EgImportFlags  flags)
{
  g_autofree char *path = eg_test_tmp_path ("deck.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EgImportReport *report;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = eg_import_file (store, file, NOW, flags, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static const EgImportNotice *
find_notice (GPtrArray     *notices,
             EgWarningKind  kind)
{
  for (guint i = 0; i < notices->len; i++)
    if (((EgImportNotice *) g_ptr_array_index (notices, i))->kind == kind)
      return g_ptr_array_index (notices, i);
  return NULL;
}

/* The damaged original: its 75 repairs, three of them guesses, and its two
 * repeated parts, each group one sentence; the code points only in the
 * details. */
static void
test_warnings_grouped (void)
{
  g_autoptr(EgStore) store = new_store ("grouped.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  const EgImportNotice *repair;
  const EgImportNotice *parts;

  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_DRY_RUN, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  notices = eg_import_report_group_warnings (report);
  g_assert_cmpuint (notices->len, ==, 2);

  repair = find_notice (notices, EG_WARNING_REPAIR_GUESS);
  g_assert_nonnull (repair);
  g_assert_true (repair == g_ptr_array_index (notices, 0));
  g_assert_cmpstr (repair->text, ==,
                   "75 characters damaged by a wrong encoding were repaired; 3 could not be "
                   "repaired with certainty: lines 1214, 1407 and 2415.");
  g_assert_null (strstr (repair->text, "U+"));
  g_assert_cmpuint (repair->details->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (repair->details, 1), "Line 1407: "));
  g_assert_nonnull (strstr (g_ptr_array_index (repair->details, 1), "U+201D"));

  parts = find_notice (notices, EG_WARNING_REPEATED_PART);
  g_assert_nonnull (parts);
  g_assert_cmpstr (parts->text, ==,
                   "2 cards repeat a part word for word; one copy was kept: lines 80 and 246.");
  g_assert_cmpuint (parts->details->len, ==, 2);
}

/* One guess, a clean file, many lines: the sentence stays short. */
static void
test_warnings_counts (void)
{
  g_autoptr(EgStore) store = new_store ("counts.db");
  g_autoptr(GString) text = g_string_new ("# Deck\n\n# Extra\n\n");
  g_autoptr(EgImportReport) clean = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  const EgImportNotice *numbers;

  g_string_append (text, "### 1. Q?\nA.\n");
  clean = import_text (store, text->str, EG_IMPORT_FLAGS_DRY_RUN);
  none = eg_import_report_group_warnings (clean);
  g_assert_cmpuint (none->len, ==, 0);

  for (guint i = 0; i < 7; i++)
    g_string_append (text, "\n---\n\n### 1. Again?\nA.\n");
  report = import_text (store, text->str, EG_IMPORT_FLAGS_DRY_RUN);
  notices = eg_import_report_group_warnings (report);
  g_assert_cmpuint (notices->len, ==, 1);
  numbers = find_notice (notices, EG_WARNING_REPEATED_NUMBER);
  g_assert_nonnull (numbers);
  g_assert_cmpstr (numbers->text, ==,
                   "7 card numbers appear twice in their section; all the cards are kept: "
                   "lines 10, 15, 20, 25, 30 and 2 more.");
  g_assert_cmpuint (numbers->details->len, ==, 7);
}

/* The report lists the cards it adds and those that take the file's text,
 * with what changes in them and the text they had. */
static void
test_changes_listed (void)
{
  static const char v1[] =
    "# Deck\n\n# Extra\n\n### 1. First?\nOne.\n\n---\n\n### 2. Second?\nTwo.\n\n---\n\n"
    "### 3. Third?\nThree.\n";
  static const char v2[] =
    "# Deck\n\n# Extra\n\n### 1. First?\nOne, better.\n\n---\n\n### 2. Second, asked again?\n"
    "Two.\n\n---\n\n### 3. Third?\nThree.\n\n---\n\n### 4. Fourth?\nFour.\n";
  g_autoptr(EgStore) store = new_store ("changes.db");
  g_autoptr(EgImportReport) first = import_text (store, v1, EG_IMPORT_FLAGS_NONE);
  g_autoptr(EgImportReport) preview = import_text (store, v2, EG_IMPORT_FLAGS_DRY_RUN);
  g_autoptr(EgImportReport) done = NULL;
  EgImportChange *change;

  g_assert_cmpuint (first->changes->len, ==, 3);
  g_assert_cmpint (((EgImportChange *) g_ptr_array_index (first->changes, 0))->kind, ==,
                   EG_IMPORT_CHANGE_ADDED);

  g_assert_cmpuint (preview->updated, ==, 2);
  g_assert_cmpuint (preview->added, ==, 1);
  g_assert_cmpuint (preview->changes->len, ==, 3);

  change = g_ptr_array_index (preview->changes, 0);
  g_assert_cmpstr (change->key, ==, "extra/1");
  g_assert_cmpint (change->number, ==, 1);
  g_assert_cmpint (change->kind, ==, EG_IMPORT_CHANGE_UPDATED);
  g_assert_cmpint (change->fields, ==, EG_IMPORT_CHANGED_ANSWER);
  g_assert_cmpstr (change->old_answer, ==, "One.");
  g_assert_cmpstr (change->answer, ==, "One, better.");

  change = g_ptr_array_index (preview->changes, 1);
  g_assert_cmpint (change->fields, ==, EG_IMPORT_CHANGED_QUESTION);
  g_assert_cmpstr (change->old_question, ==, "Second?");
  g_assert_cmpstr (change->question, ==, "Second, asked again?");

  change = g_ptr_array_index (preview->changes, 2);
  g_assert_cmpint (change->kind, ==, EG_IMPORT_CHANGE_ADDED);
  g_assert_cmpstr (change->question, ==, "Fourth?");
  g_assert_null (change->old_question);

  /* the import itself says the same: the text before, not its own */
  done = import_text (store, v2, EG_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (done->changes->len, ==, 3);
  change = g_ptr_array_index (done->changes, 0);
  g_assert_cmpstr (change->old_answer, ==, "One.");
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-import-report");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/import-report/warnings-grouped", test_warnings_grouped);
  g_test_add_func ("/import-report/warnings-counts", test_warnings_counts);
  g_test_add_func ("/import-report/changes-listed", test_changes_listed);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

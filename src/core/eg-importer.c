/* eg-importer.c - import Markdown decks into the collection
 *
 * Cards are matched by their stable key (section + number), never by their
 * position in the file: a changed card is updated in place and keeps its
 * scheduling history and annotations; a card that is no longer in the file
 * is reported and kept (see eg-importer-plan.c for repeated numbers and for
 * cards edited both in the file and in the app).
 *
 * An import holds the write lock only to write: it reads the deck's rows
 * and compares them with the file in a read transaction, then writes what
 * changed in one write transaction.  If another connection committed in
 * between, the comparison is made again inside the write transaction, so
 * the result is always that of the collection it writes to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-importer-private.h"
#include "eg-importer.h"
#include "eg-store-private.h"

/* The part of the progress that reading and comparing take */
#define DIFF_SHARE 0.05

G_DEFINE_QUARK (eg-import-error-quark, eg_import_error)

static void
conflict_free (EgImportConflict *conflict)
{
  g_free (conflict->key);
  g_free (conflict->question);
  g_free (conflict);
}

static void
change_free (EgImportChange *change)
{
  g_free (change->key);
  g_free (change->question);
  g_free (change->answer);
  g_free (change->old_question);
  g_free (change->old_answer);
  g_free (change);
}

void
eg_import_report_free (EgImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_free (report->deck_key);
  g_free (report->deck_title);
  g_clear_pointer (&report->removed_keys, g_ptr_array_unref);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_free (report);
}

static EgImportReport *
report_new (EgDeck *deck)
{
  EgImportReport *report = g_new0 (EgImportReport, 1);

  report->name = g_strdup (deck->name);
  report->deck_key = g_strdup (deck->key);
  report->deck_title = g_strdup (deck->title);
  report->sections = deck->sections->len;
  report->cards = deck->n_cards;
  report->n_repaired = deck->n_repaired;
  report->removed_keys = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
  report->warnings = g_ptr_array_ref (deck->warnings);
  report->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return report;
}

static gboolean
parts_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      EgCardPart *x = g_ptr_array_index (a, i);
      EgCardPart *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->text, y->text) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Lists @step's card among the changes, with what the file changes in it;
 * before the plan is written. */
static gboolean
add_change (EgStore         *store,
            EgImportReport  *report,
            EgImportStep    *step,
            GError         **error)
{
  g_autoptr(EgCard) stored = NULL;
  EgImportChange *change;

  if (report->changes->len >= EG_IMPORT_MAX_CHANGES)
    return TRUE;
  if (step->kind == EG_IMPORT_STEP_UPDATE &&
      !(stored = eg_store_get_card (store, step->stored->id, error)))
    return FALSE;

  change = g_new0 (EgImportChange, 1);
  change->key = g_strdup (step->key);
  change->number = step->card->number;
  change->question = g_strdup (step->card->question);
  change->answer = g_strdup (step->card->answer);
  change->kind = stored != NULL ? EG_IMPORT_CHANGE_UPDATED : EG_IMPORT_CHANGE_ADDED;
  if (stored != NULL)
    {
      change->old_question = g_strdup (stored->question);
      change->old_answer = g_strdup (stored->answer);
      if (g_strcmp0 (stored->question, step->card->question) != 0)
        change->fields |= EG_IMPORT_CHANGED_QUESTION;
      if (g_strcmp0 (stored->answer, step->card->answer) != 0)
        change->fields |= EG_IMPORT_CHANGED_ANSWER;
      if (!parts_equal (stored->parts, step->card->parts))
        change->fields |= EG_IMPORT_CHANGED_PARTS;
    }
  g_ptr_array_add (report->changes, change);
  return TRUE;
}

/* What @plan does; in the transaction it was made in, before it is written. */
static gboolean
fill_report (EgStore         *store,
             EgImportPlan    *plan,
             EgImportReport  *report,
             GError         **error)
{
  report->added = report->updated = report->unchanged = 0;
  report->highlights_placed = report->highlights_orphaned = 0;
  g_ptr_array_set_size (report->conflicts, 0);
  g_ptr_array_set_size (report->removed_keys, 0);
  g_ptr_array_set_size (report->changes, 0);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      EgImportStep *step = &g_array_index (plan->steps, EgImportStep, i);
      EgImportConflict *conflict;

      switch (step->kind)
        {
        case EG_IMPORT_STEP_ADD:
          report->added++;
          if (!add_change (store, report, step, error))
            return FALSE;
          break;
        case EG_IMPORT_STEP_UPDATE:
          report->updated++;
          if (!add_change (store, report, step, error))
            return FALSE;
          break;
        case EG_IMPORT_STEP_SAME:
        case EG_IMPORT_STEP_KEEP:
          report->unchanged++;
          break;
        case EG_IMPORT_STEP_CONFLICT:
          conflict = g_new0 (EgImportConflict, 1);
          conflict->key = g_strdup (step->key);
          g_ptr_array_add (report->conflicts, conflict);
          if (!(conflict->question = _eg_store_get_question (store, step->stored->id, error)))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < plan->removed->len; i++)
    g_ptr_array_add (report->removed_keys,
                     g_strdup (((EgStoredCard *) g_ptr_array_index (plan->removed, i))->key));
  report->removed = plan->removed->len;
  return TRUE;
}

/* Reads the deck's rows and compares them with the file, in the caller's
 * transaction. */
static EgImportPlan *
read_plan (EgStore             *store,
           EgDeck              *deck,
           const char          *source_path,
           const char * const  *theirs,
           GError             **error)
{
  EgStoredDeck *stored = _eg_store_read_deck (store, deck->key, error);

  if (stored == NULL)
    return NULL;
  return _eg_import_plan_new (deck, stored, source_path, theirs, error);
}

/* Gives a card the file's text; its highlights are placed again first (so
 * that its new full-text row has their quotes), counted in @report. */
static gboolean
update_card (EgStore         *store,
             EgImportStep    *step,
             EgImportReport  *report,
             gint64           now_ms,
             GError         **error)
{
  EgDeckCard *card = step->card;
  EgCard updated = {
    .id = step->stored->id,
    .question = card->question,
    .answer = card->answer,
    .parts = card->parts,
    .content_hash = card->content_hash,
  };

  return _eg_store_reanchor_card (store, &updated, &report->highlights_placed,
                                  &report->highlights_orphaned, error) &&
         _eg_store_replace_card_content (store, step->stored->id, card->question, card->answer,
                                         card->parts, card->content_hash, TRUE, now_ms, error);
}

static gboolean
write_card (EgStore         *store,
            EgImportStep    *step,
            EgImportReport  *report,
            gint64           deck_id,
            gint64           section_id,
            gint64           now_ms,
            GError         **error)
{
  EgDeckCard *card = step->card;

  if (step->kind == EG_IMPORT_STEP_ADD)
    {
      EgNewCard new_card = {
        .deck_id = deck_id,
        .section_id = section_id,
        .key = step->key,
        .number = card->number,
        .position = step->position,
        .question = card->question,
        .answer = card->answer,
        .parts = card->parts,
        .content_hash = card->content_hash,
        .imported_hash = card->content_hash,
      };

      return _eg_store_insert_card (store, &new_card, now_ms, error) != 0;
    }

  if (step->place &&
      !_eg_store_place_card (store, step->stored->id, section_id, card->number, step->position,
                             error))
    return FALSE;

  if (step->kind == EG_IMPORT_STEP_UPDATE)
    return update_card (store, step, report, now_ms, error);
  if (step->base)
    return _eg_store_set_imported_hash (store, step->stored->id, card->content_hash, error);
  return TRUE;
}

/* Writes @plan in the caller's write transaction; counts the highlights
 * placed again in @report. */
static gboolean
write_plan (EgStore               *store,
            EgImportPlan          *plan,
            EgImportReport        *report,
            gint64                 now_ms,
            GCancellable          *cancellable,
            EgImportProgressFunc   progress,
            gpointer               progress_data,
            GError               **error)
{
  EgDeck *deck = plan->deck;
  gint64 deck_id = plan->stored->id;
  guint done = 0;

  if (plan->write_deck &&
      !(deck_id = _eg_store_write_deck (store, deck_id, deck->key, deck->title,
                                        plan->source_path, plan->language, now_ms, error)))
    return FALSE;

  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);
      EgImportSectionStep *section_step = &g_array_index (plan->sections, EgImportSectionStep, i);
      gint64 section_id = section_step->id;

      if (section_step->write &&
          !(section_id = _eg_store_write_section (store, deck_id, section_id, section->key,
                                                  section->heading, section->source, i, error)))
        return FALSE;

      for (guint j = 0; j < section->cards->len; j++, done++)
        {
          if (!write_card (store, &g_array_index (plan->steps, EgImportStep, done), report,
                           deck_id, section_id, now_ms, error))
            return FALSE;

          if ((done + 1) % 512 == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              if (progress != NULL)
                progress (DIFF_SHARE + (1 - DIFF_SHARE) * (done + 1) / deck->n_cards,
                          progress_data);
            }
        }
    }

  for (guint i = 0; i < plan->removed->len; i++)
    {
      const EgStoredCard *card = g_ptr_array_index (plan->removed, i);

      if (card->in_source && !_eg_store_set_not_in_source (store, card->id, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * eg_import_deck:
 *
 * eg_import_deck_full() without cards to take from the file.
 */
EgImportReport *
eg_import_deck (EgStore               *store,
                EgDeck                *deck,
                const char            *source_path,
                gint64                 now_ms,
                EgImportFlags          flags,
                GCancellable          *cancellable,
                EgImportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  return eg_import_deck_full (store, deck, source_path, now_ms, flags, NULL, cancellable,
                              progress, progress_data, error);
}

/**
 * eg_import_deck_full:
 * @source_path: (nullable): where the deck came from, remembered for updates
 * @now_ms: the time written as created/modified, ms since the epoch
 * @theirs: (nullable) (array zero-terminated=1): keys of cards ("KEY" or
 *   "DECK:KEY") that take the file's text even where the user changed them
 *   (conflicts); each must be a card of the file, or nothing is imported
 * @progress: (nullable): called with the fraction done, on the calling thread
 *
 * Imports @deck: compares it with the collection in a read transaction, then
 * writes in one write transaction.  On any error, or when cancelled, nothing
 * is written.  With %EG_IMPORT_FLAGS_DRY_RUN the report says what an import
 * would do and nothing is written.
 *
 * Returns: (transfer full): what was added, updated, unchanged, removed and
 *   in conflict
 */
EgImportReport *
eg_import_deck_full (EgStore               *store,
                     EgDeck                *deck,
                     const char            *source_path,
                     gint64                 now_ms,
                     EgImportFlags          flags,
                     const char * const    *theirs,
                     GCancellable          *cancellable,
                     EgImportProgressFunc   progress,
                     gpointer               progress_data,
                     GError               **error)
{
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgImportPlan) plan = NULL;
  gint64 version;
  gint64 version_now;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (deck != NULL, NULL);

  report = report_new (deck);

  /* compare, without the write lock */
  if (!_eg_store_begin_read (store, error) ||
      (version = _eg_store_data_version (store, error)) < 0 ||
      !(plan = read_plan (store, deck, source_path, theirs, error)))
    goto failed;

  if ((flags & EG_IMPORT_FLAGS_DRY_RUN) || !_eg_import_plan_has_writes (plan))
    {
      if (!fill_report (store, plan, report, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      _eg_store_rollback (store);
      if (progress != NULL)
        progress (1.0, progress_data);
      return g_steal_pointer (&report);
    }
  _eg_store_rollback (store);

  if (progress != NULL)
    progress (DIFF_SHARE, progress_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  /* write; compare again if another connection wrote meanwhile */
  if (!_eg_store_begin (store, error) ||
      (version_now = _eg_store_data_version (store, error)) < 0)
    goto failed;
  if (version_now != version)
    {
      g_clear_pointer (&plan, _eg_import_plan_free);
      if (!(plan = read_plan (store, deck, source_path, theirs, error)))
        goto failed;
    }

  if (!fill_report (store, plan, report, error) ||
      !write_plan (store, plan, report, now_ms, cancellable, progress, progress_data, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_eg_store_commit (store, error))
    goto failed;

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&report);

failed:
  _eg_store_rollback (store);
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("%s: "), deck->name);
  return NULL;
}

/**
 * eg_import_file:
 *
 * eg_import_file_full() without cards to take from the file.
 */
EgImportReport *
eg_import_file (EgStore               *store,
                GFile                 *file,
                gint64                 now_ms,
                EgImportFlags          flags,
                GCancellable          *cancellable,
                EgImportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  return eg_import_file_full (store, file, now_ms, flags, NULL, cancellable,
                              progress, progress_data, error);
}

/**
 * eg_import_file_full:
 *
 * Loads, repairs, parses and imports a deck file (see eg_deck_load() and
 * eg_import_deck_full()).
 */
EgImportReport *
eg_import_file_full (EgStore               *store,
                     GFile                 *file,
                     gint64                 now_ms,
                     EgImportFlags          flags,
                     const char * const    *theirs,
                     GCancellable          *cancellable,
                     EgImportProgressFunc   progress,
                     gpointer               progress_data,
                     GError               **error)
{
  g_autoptr(EgDeck) deck = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  deck = eg_deck_load (file, cancellable, error);
  if (deck == NULL)
    return NULL;

  path = g_file_get_path (file);
  return eg_import_deck_full (store, deck, path, now_ms, flags, theirs, cancellable,
                              progress, progress_data, error);
}

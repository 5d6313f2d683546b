/* eg-card-info.c - a card's scheduling state, annotations and review history
 *
 * Its highlights are listed with their passage, comment and colour, its
 * note under them, and the orphaned highlights (passages not found again
 * after the card's text changed) in a group of their own: each can be
 * attached to a new selection ("reattach", which the page carries out) or
 * deleted (undoable, as every change of an annotation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-info"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-annotation-row.h"
#include "eg-card-info.h"

struct _EgCardInfo
{
  AdwWindow            parent_instance;
  EgScheduler         *scheduler;
  gint64               card_id;
  gboolean             can_reattach;   /* someone listens to "reattach" */
  GPtrArray           *annotation_rows;
  GPtrArray           *orphan_rows;
  AdwPreferencesGroup *card_group;
  AdwPreferencesGroup *annotations_group;
  AdwPreferencesGroup *orphans_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (EgCardInfo, eg_card_info, ADW_TYPE_WINDOW)

enum {
  REATTACH,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
rating_name (int rating)
{
  switch (rating)
    {
    case 1: return _("Again");
    case 2: return _("Hard");
    case 3: return _("Good");
    case 4: return _("Easy");
    default: return _("Reset to new");
    }
}

static const char *
state_name (int state)
{
  switch (state)
    {
    case 0: return _("New");
    case 1: return _("Learning");
    case 2: return _("Review");
    default: return _("Relearning");
    }
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  return row;
}

/* ------------------------------------------------------------------ */
/* Annotations                                                          */
/* ------------------------------------------------------------------ */

static gboolean fill_annotations (EgCardInfo  *self,
                                  GError     **error);

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgCardInfo *self = EG_CARD_INFO (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!eg_scheduler_delete_annotation (self->scheduler, id, eg_time_now_ms (), &error))
    {
      adw_preferences_group_set_description (self->annotations_group, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  fill_annotations (self, NULL);
}

static void
reattach_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EgCardInfo *self = EG_CARD_INFO (widget);

  g_signal_emit (self, signals[REATTACH], 0, g_variant_get_int64 (parameter));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
}

/* The card's highlights and note, the orphaned ones in a group of their own */
static gboolean
fill_annotations (EgCardInfo  *self,
                  GError     **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) local_error = NULL;

  annotations = eg_store_list_annotations (eg_scheduler_get_store (self->scheduler),
                                           self->card_id, EG_STORE_ANNOTATIONS_DEFAULT,
                                           &local_error);
  if (annotations == NULL)
    {
      if (error == NULL)
        adw_preferences_group_set_description (self->annotations_group, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  clear_group (self->annotations_group, self->annotation_rows);
  clear_group (self->orphans_group, self->orphan_rows);
  for (guint i = 0; i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);
      gboolean orphan = annotation->orphaned && annotation->kind == EG_ANNOTATION_HIGHLIGHT;
      AdwPreferencesGroup *group = orphan ? self->orphans_group : self->annotations_group;
      GtkWidget *row = eg_annotation_row_new (annotation, NULL, self->can_reattach);

      adw_preferences_group_add (group, row);
      g_ptr_array_add (orphan ? self->orphan_rows : self->annotation_rows, row);
      gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
    }
  return TRUE;
}

static void
eg_card_info_dispose (GObject *object)
{
  EgCardInfo *self = (EgCardInfo *)object;

  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->annotation_rows, g_ptr_array_unref);
  g_clear_pointer (&self->orphan_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (eg_card_info_parent_class)->dispose (object);
}

static void
eg_card_info_class_init (EgCardInfoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = eg_card_info_dispose;

  /**
   * EgCardInfo::reattach:
   * @id: an orphaned highlight
   *
   * The user wants to attach @id to a new selection in the card.
   */
  signals[REATTACH] = g_signal_new ("reattach", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * EgCardInfo::changed:
   *
   * An annotation of the card was deleted.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-card-info.ui");
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, card_group);
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, annotations_group);
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, orphans_group);
  gtk_widget_class_install_action (widget_class, "annotation.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "annotation.reattach", "x", reattach_action);
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, history_group);
}

static void
eg_card_info_init (EgCardInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->annotation_rows = g_ptr_array_new ();
  self->orphan_rows = g_ptr_array_new ();
}

/**
 * eg_card_info_set_can_reattach:
 *
 * Whether orphaned highlights offer "Attach to a New Selection", which
 * emits #EgCardInfo::reattach: the window that shows the card can do it.
 */
void
eg_card_info_set_can_reattach (EgCardInfo *self,
                               gboolean    can_reattach)
{
  g_return_if_fail (EG_IS_CARD_INFO (self));

  self->can_reattach = can_reattach;
  fill_annotations (self, NULL);
}

/**
 * eg_card_info_new:
 *
 * Returns: (nullable): a window with the card's state (due, stability,
 *   difficulty, retrievability now), its annotations and every review: date, rating,
 *   interval, S, D and the retrievability at that review; %NULL (and
 *   @error set) when the card or its reviews cannot be read
 */
GtkWidget *
eg_card_info_new (EgScheduler  *scheduler,
                  gint64        card_id,
                  gint64        now_ms,
                  GError      **error)
{
  EgCardInfo *self;
  EgStore *store = eg_scheduler_get_store (scheduler);
  const EgFsrsParams *params = eg_scheduler_get_params (scheduler);
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *question = NULL;
  g_autofree char *escaped = NULL;

  if (!(card = eg_store_get_card (store, card_id, error)) ||
      !(reviews = eg_store_list_reviews (store, card_id, error)))
    return NULL;

  self = g_object_new (EG_TYPE_CARD_INFO, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->card_id = card_id;
  if (!fill_annotations (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  question = eg_markdown_to_plain (card->question);
  /* the description is markup: "ch <- v" or "&" must show as they are */
  escaped = g_markup_escape_text (question, -1);
  adw_preferences_group_set_description (self->card_group, escaped);
  add_row (self->card_group, _("Key"), card->key);
  add_row (self->card_group, _("State"), state_name (card->state.state));
  if (card->state.state != 0)
    {
      EgFsrsCard fsrs = {
        .state = card->state.state, .stability = card->state.stability,
        .difficulty = card->state.difficulty, .due = card->state.due,
        .last_review = card->state.last_review,
      };
      g_autofree char *exact = NULL;
      /* as the library's Due column: "in 8 min", "tomorrow", the exact time under it */
      g_autofree char *due = eg_time_format_due (card->state.due, card->state.due_day,
                                                 card->state.state == EG_FSRS_STATE_REVIEW, now_ms,
                                                 eg_scheduler_study_day (scheduler, now_ms),
                                                 &exact);
      g_autofree char *s = g_strdup_printf (_("%.2f days"), card->state.stability);
      g_autofree char *d = g_strdup_printf ("%.2f", card->state.difficulty);
      g_autofree char *r = g_strdup_printf ("%.0f %%",
                                            100 * eg_fsrs_retrievability (params, &fsrs, now_ms));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row (self->card_group, _("Due"), due)),
                                   exact);
      add_row (self->card_group, _("Stability"), s);
      add_row (self->card_group, _("Difficulty"), d);
      add_row (self->card_group, _("Retrievability now"), r);
    }
  {
    g_autofree char *reps = g_strdup_printf ("%d", card->state.reps);
    g_autofree char *lapses = g_strdup_printf ("%d", card->state.lapses);

    add_row (self->card_group, _("Reviews"), reps);
    add_row (self->card_group, _("Lapses"), lapses);
  }

  if (reviews->len == 0)
    adw_preferences_group_set_description (self->history_group, _("Not reviewed yet."));

  for (guint i = reviews->len; i > 0; i--)
    {
      EgReview *review = g_ptr_array_index (reviews, i - 1);
      g_autofree char *when = eg_time_format_exact (review->reviewed_at);
      g_autofree char *title = g_strdup_printf ("%s · %s", when, rating_name (review->rating));
      g_autofree char *interval = eg_time_format_interval (review->due_after - review->reviewed_at);
      double r = review->state_before == 0 || review->stability_before <= 0 ? 1.0
               : eg_fsrs_forgetting_curve (params, review->elapsed_days, review->stability_before);
      g_autofree char *subtitle = g_strdup_printf (_("Interval %s · S %.2f · D %.2f · R %.0f %%"),
                                                   interval, review->stability_after,
                                                   review->difficulty_after, 100 * r);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->history_group, row);
    }

  return GTK_WIDGET (self);
}

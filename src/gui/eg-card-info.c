/* eg-card-info.c - a card's scheduling state and review history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-info"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-info.h"

struct _EgCardInfo
{
  AdwWindow            parent_instance;
  AdwPreferencesGroup *card_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (EgCardInfo, eg_card_info, ADW_TYPE_WINDOW)

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

static void
eg_card_info_class_init (EgCardInfoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-card-info.ui");
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, card_group);
  gtk_widget_class_bind_template_child (widget_class, EgCardInfo, history_group);
}

static void
eg_card_info_init (EgCardInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * eg_card_info_new:
 *
 * Returns: (nullable): a window with the card's state (due, stability,
 *   difficulty, retrievability now) and every review: date, rating,
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

/* eg-review-page-done.c - the page a study session ends on
 *
 * It says why the session ended (nothing is due, or today's new-card limit
 * held cards back: "You have learned today's 20 new cards; 225 more are
 * waiting"), what the session was (cards, the time spent, as the review log
 * has it) and when the next card comes, and offers what Anki users know as
 * custom study, each choice only when it would show cards:
 *
 *  - learn more new cards today: raises today's limit only
 *    (eg_scheduler_add_new_today());
 *  - study ahead: the reviews due in the next EG_REVIEW_AHEAD_DAYS days,
 *    graded as FSRS grades early reviews;
 *  - preview the whole section (deck, collection): every card, grades
 *    write nothing.
 *
 * The first choice shown is the one most likely wanted and has the focus,
 * so Enter takes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-review-page-private.h"
#include "eg-toast.h"

/**
 * _eg_review_page_session_ms:
 *
 * Returns: the time spent on the session's saved grades: the sum of the
 *   durations their review-log rows record
 */
gint64
_eg_review_page_session_ms (EgReviewPage *self)
{
  gint64 total = 0;

  for (guint i = 0; self->durations != NULL && i < self->durations->len; i++)
    total += g_array_index (self->durations, gint64, i);
  return total;
}

/**
 * _eg_review_page_scope_title:
 *
 * Returns: what a session of @options studies, for the header: the deck's
 *   title, the section's heading, "All Decks" or "Selected Cards"
 */
char *
_eg_review_page_scope_title (EgReviewPage         *self,
                             const EgQueueOptions *options)
{
  EgStore *store = eg_scheduler_get_store (self->scheduler);
  g_autoptr(GPtrArray) items = NULL;

  if (options->n_card_ids > 0)
    return g_strdup (_("Selected Cards"));
  if (options->section_id != 0)
    {
      items = eg_store_list_section_headings (store, options->deck_id, NULL);
      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          EgSectionInfo *info = g_ptr_array_index (items, i);

          if (info->id == options->section_id)
            return eg_markdown_to_plain (info->heading);
        }
    }
  else if (options->deck_id != 0)
    {
      items = eg_store_list_decks (store, NULL);
      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          EgDeckInfo *info = g_ptr_array_index (items, i);

          if (info->id == options->deck_id)
            return g_strdup (info->title);
        }
    }
  else
    return g_strdup (_("All Decks"));
  return g_strdup (_("Review"));
}

/* "You reviewed 19 cards in 2:35, and answered Again 5% of the time." */
static void
append_summary (EgReviewPage *self,
                GString      *text)
{
  gint64 seconds = _eg_review_page_session_ms (self) / 1000;
  g_autofree char *spent = NULL;

  if (self->reviewed == 0)
    return;
  if (seconds >= 3600)
    spent = g_strdup_printf ("%u:%02u:%02u", (guint) (seconds / 3600),
                             (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  else
    spent = g_strdup_printf ("%u:%02u", (guint) (seconds / 60), (guint) (seconds % 60));

  if (self->options.preview_only)
    g_string_append_printf (text,
                            /* Translators: %u cards, %s a time such as 2:35 */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "You previewed %u card in %s; nothing was rescheduled.",
                                         "You previewed %u cards in %s; nothing was rescheduled.",
                                         self->reviewed),
                            self->reviewed, spent);
  else
    {
      g_string_append_printf (text,
                              /* Translators: %u cards, %s a time such as 2:35 */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "You reviewed %u card in %s",
                                           "You reviewed %u cards in %s",
                                           self->reviewed),
                              self->reviewed, spent);
      g_string_append_printf (text, _(", and answered Again %u%% of the time."),
                              (guint) (100.0 * self->again / self->reviewed + 0.5));
    }
  g_string_append (text, "\n");
}

/* Why the session ended early: the day's limits */
static void
append_limits (GString           *text,
               const EgDayLimits *limits)
{
  if (limits->new_waiting > 0)
    {
      g_autofree char *learned = NULL;
      g_autofree char *waiting = NULL;

      /* Translators: the first half of "You have learned today's 20 new
       * cards; 225 more are waiting." */
      learned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "You have learned today's %u new card",
                                              "You have learned today's %u new cards",
                                              limits->new_studied),
                                 limits->new_studied);
      /* Translators: the second half of "You have learned today's 20 new
       * cards; 225 more are waiting." */
      waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more is waiting.",
                                              "%u more are waiting.",
                                              limits->new_waiting),
                                 limits->new_waiting);
      /* Translators: the two halves above */
      g_string_append_printf (text, _("%s; %s"), learned, waiting);
      g_string_append (text, "\n");
    }
  if (limits->review_waiting > 0)
    {
      g_autofree char *reviewed = NULL;
      g_autofree char *waiting = NULL;

      reviewed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "You have done today's %u review",
                                               "You have done today's %u reviews",
                                               limits->review_studied),
                                  limits->review_studied);
      waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more card is due.",
                                              "%u more cards are due.",
                                              limits->review_waiting),
                                 limits->review_waiting);
      g_string_append_printf (text, _("%s; %s"), reviewed, waiting);
      g_string_append (text, "\n");
    }
}

static void
append_next_due (EgReviewPage *self,
                 GString      *text)
{
  g_autoptr(GError) error = NULL;
  gint64 now = _eg_review_page_now_ms (self);
  gint64 next = self->queue ? eg_queue_get_next_due (self->queue) : 0;

  if (next == 0)
    next = eg_scheduler_next_due (self->scheduler, now, &error);
  if (next > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (next / 1000);
      g_autofree char *in = eg_time_format_interval (next - now);
      g_autofree char *at = g_date_time_format (when, "%x %H:%M");

      g_string_append_printf (text, _("The next card is due in %s (%s)."), in, at);
    }
  else if (error != NULL)
    g_string_append_printf (text, _("When the next card is due cannot be told: %s"),
                            error->message);
  else
    g_string_append (text, _("No card is waiting."));
}

/* Shows the choices that would show cards; returns the first one shown */
static GtkWidget *
show_choices (EgReviewPage      *self,
              const EgDayLimits *limits)
{
  gboolean custom = self->options.n_card_ids > 0;
  int per_day = eg_scheduler_get_settings (self->scheduler)->new_per_day;
  /* another day's worth, or 10 with a limit lower than that */
  guint more = MIN (limits->new_waiting, (guint) MAX (per_day, 10));
  guint ahead = limits->due_ahead + limits->review_waiting;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *first = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->learn_more_row), !custom && more > 0);
  if (!custom && more > 0)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Learn %u More New Card Today",
                                            "_Learn %u More New Cards Today", more), more);
      subtitle = g_strdup_printf (_("Only today's limit is raised; tomorrow it is %d again"),
                                  per_day);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->learn_more_row), title);
      adw_action_row_set_subtitle (self->learn_more_row, subtitle);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->learn_more_row), "i", (int) more);
      first = GTK_WIDGET (self->learn_more_row);
      g_clear_pointer (&title, g_free);
      g_clear_pointer (&subtitle, g_free);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->study_ahead_row), !custom && ahead > 0);
  if (!custom && ahead > 0)
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u card is due in the next %u days; reviewed "
                                               "now, it is rescheduled as an early review",
                                               "%u cards are due in the next %u days; reviewed "
                                               "now, they are rescheduled as early reviews",
                                               ahead),
                                  ahead, EG_REVIEW_AHEAD_DAYS);
      adw_action_row_set_subtitle (self->study_ahead_row, subtitle);
      first = first ? first : GTK_WIDGET (self->study_ahead_row);
      g_clear_pointer (&subtitle, g_free);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->preview_row), !custom && limits->n_cards > 0);
  if (!custom && limits->n_cards > 0)
    {
      title = g_strdup (self->options.section_id ? _("_Preview the Whole Section")
                        : self->options.deck_id ? _("_Preview the Whole Deck")
                        : _("_Preview All Decks"));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Go through its %u card; your grades change "
                                               "nothing",
                                               "Go through all %u cards; your grades change "
                                               "nothing",
                                               limits->n_cards),
                                  limits->n_cards);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), title);
      adw_action_row_set_subtitle (self->preview_row, subtitle);
      first = first ? first : GTK_WIDGET (self->preview_row);
    }

  gtk_widget_set_visible (self->done_list, first != NULL);
  /* the choice Enter takes shows the key */
  gtk_widget_set_visible (self->learn_more_key, first == GTK_WIDGET (self->learn_more_row));
  gtk_widget_set_visible (self->study_ahead_key, first == GTK_WIDGET (self->study_ahead_row));
  gtk_widget_set_visible (self->preview_key, first == GTK_WIDGET (self->preview_row));
  return first ? first : self->done_back_button;
}

/**
 * _eg_review_page_show_done:
 *
 * Shows the end of the session, its summary and what can follow.
 */
void
_eg_review_page_show_done (EgReviewPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  EgDayLimits limits = { 0 };
  gboolean held_back;

  if (!eg_scheduler_get_day_limits (self->scheduler, _eg_review_page_now_ms (self),
                                    &self->options, EG_REVIEW_AHEAD_DAYS, &limits, &error))
    {
      _eg_review_page_error_toast (self, error);
      limits = (EgDayLimits) { 0 };
    }
  held_back = self->options.n_card_ids == 0 &&
              (limits.new_waiting > 0 || limits.review_waiting > 0);

  if (self->options.n_card_ids == 0)
    append_limits (text, &limits);
  append_summary (self, text);
  append_next_due (self, text);

  adw_status_page_set_title (self->done_page, held_back ? _("Daily Limit Reached")
                                                        : _("All Caught Up"));
  eg_status_page_set_text (self->done_page, text->str);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (show_choices (self, &limits));
}

/* ------------------------------------------------------------------ */
/* The choices                                                          */
/* ------------------------------------------------------------------ */

/* A new session over the same deck or section */
static EgQueueOptions
same_scope (EgReviewPage *self)
{
  return (EgQueueOptions) { .deck_id = self->options.deck_id,
                            .section_id = self->options.section_id };
}

static void
learn_more_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  EgQueueOptions options = same_scope (self);
  int more = g_variant_get_int32 (parameter);

  if (more <= 0)
    return;
  if (!eg_scheduler_add_new_today (self->scheduler, _eg_review_page_now_ms (self), more,
                                   &error))
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  eg_review_page_start (self, &options);
}

static void
study_ahead_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  EgQueueOptions options = same_scope (self);

  options.ahead_ms = EG_REVIEW_AHEAD_DAYS * 24 * 3600 * G_GINT64_CONSTANT (1000);
  eg_review_page_start (self, &options);
}

static void
preview_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  EgQueueOptions options = same_scope (self);

  options.all_cards = TRUE;
  options.preview_only = TRUE;
  eg_review_page_start (self, &options);
}

void
_eg_review_page_class_add_done (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, done_page);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, done_list);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, learn_more_row);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, study_ahead_row);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, preview_row);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, done_back_button);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, learn_more_key);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, study_ahead_key);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, preview_key);

  gtk_widget_class_install_action (widget_class, "review.learn-more", "i", learn_more_action);
  gtk_widget_class_install_action (widget_class, "review.study-ahead", NULL, study_ahead_action);
  gtk_widget_class_install_action (widget_class, "review.preview-all", NULL, preview_all_action);
}

/* eg-review-page.c - reviewing cards, from the keyboard
 *
 * The question shows first; Space or Enter reveals the answer, and then
 * Space or Enter grades Good.  1-4 grade, and every grade is committed
 * (eg_scheduler_grade()) before the next card is asked for.  All keys are
 * actions of this page, bound in its template in the capture phase so they
 * work wherever the focus is.
 *
 * The main thread never waits on the database: the page sets its store's
 * write timeout to 0, and a grade that meets a busy collection (another
 * program writing, or the collection still being checked) waits in an
 * EgGradeSaver, which tries again until it is committed.  Meanwhile the card
 * stays on screen with "Saving…" in place of the grade buttons; grading,
 * editing, flagging, suspending and burying wait; Ctrl+Z takes the waiting
 * grade back (unsaved) rather than undoing an earlier change; Esc tries one
 * last time and leaves, saying so if the grade could not be saved.  After
 * EG_GRADE_SAVER_TIMEOUT_MS the grade is given up with an error toast and the
 * grade buttons come back.  A grade of a card that another program reviewed
 * since the queue took it (EG_SCHEDULER_ERROR_STALE) skips the card and
 * builds the queue again.
 *
 * With ENGRAM_TRACE=1 each reveal and each next card prints, on stderr, the
 * time from the key's action to the window's frame that shows the new
 * content: "trace: reveal 31.2 (web 24.0)" (ms; see eg-trace.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-deck-language.h"
#include "eg-grade-label.h"
#include "eg-review-page-private.h"
#include "eg-toast.h"

G_DEFINE_FINAL_TYPE (EgReviewPage, eg_review_page, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void settle_pending (EgReviewPage *self);

gint64
_eg_review_page_now_ms (EgReviewPage *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return eg_time_now_ms ();
}

void
_eg_review_page_toast (EgReviewPage *self,
                       const char   *message,
                       gboolean      with_undo)
{
  eg_toast_show (GTK_WIDGET (self), message, with_undo);
}

/* A grade that was not saved is said at once, before any other toast. */
static void
toast_unsaved (EgReviewPage *self,
               const char   *message)
{
  AdwToast *t = eg_toast_new (message);

  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  eg_toast_overlay_add (self->toast_overlay, t);
}

/* A change that failed: said in a toast, and logged. */
void
_eg_review_page_error_toast (EgReviewPage *self,
                             GError       *error)
{
  g_message ("%s", error->message);
  _eg_review_page_toast (self, error->message, FALSE);
}

/* ------------------------------------------------------------------ */
/* Time on the card                                                     */
/* ------------------------------------------------------------------ */

/* ms on a clock that only goes forward (the page's clock, in tests) */
static gint64
ticks_ms (EgReviewPage *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_monotonic_time () / 1000;
}

void
_eg_review_page_clock_pause (EgReviewPage *self)
{
  if (self->running)
    {
      self->spent_ms += MAX (ticks_ms (self) - self->running_since, 0);
      self->running = FALSE;
    }
}

/* The clock runs while a card shows, unless the window went inactive (a
 * window that was never told active, as without a window manager, counts) */
static void
clock_resume (EgReviewPage *self)
{
  if (!self->running && !self->away && self->card != NULL)
    {
      self->running_since = ticks_ms (self);
      self->running = TRUE;
    }
}

static void
window_active_cb (EgReviewPage *self)
{
  self->away = !gtk_window_is_active (self->window);
  if (self->away)
    _eg_review_page_clock_pause (self);
  else
    clock_resume (self);
}

/* The time on the card, for its grade: from showing it to the key */
static gint64
clock_take_ms (EgReviewPage *self)
{
  gint64 spent;

  _eg_review_page_clock_pause (self);
  spent = MIN (self->spent_ms, EG_REVIEW_MAX_CARD_MS);
  self->spent_ms = 0;
  return spent;
}

/* A grade that was not saved: its time counts on the card again. */
static void
clock_give_back (EgReviewPage *self,
                 gint64        duration_ms)
{
  self->spent_ms += duration_ms;
  clock_resume (self);
}

/* ------------------------------------------------------------------ */
/* Showing                                                              */
/* ------------------------------------------------------------------ */

/* The heading of @card's section, as plain text: its deck's headings are
 * read once a session, not for every card shown. */
static const char *
section_heading (EgReviewPage *self,
                 const EgCard *card)
{
  gint64 key = card->section_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = NULL;

  if (self->headings == NULL)
    self->headings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  else if (g_hash_table_contains (self->headings, &key))
    return g_hash_table_lookup (self->headings, &key);

  /* the headings only: the sections' counts take a pass over every card */
  sections = eg_store_list_section_headings (eg_scheduler_get_store (self->scheduler),
                                             card->deck_id, &error);
  if (sections == NULL)
    {
      _eg_review_page_error_toast (self, error);
      return NULL;
    }
  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);

      g_hash_table_insert (self->headings, g_memdup2 (&info->id, sizeof info->id),
                           eg_markdown_to_plain (info->heading));
    }
  return g_hash_table_lookup (self->headings, &key);
}

/* The header: the session's scope; the card's number and section, and
 * what is left */
static void
update_title (EgReviewPage *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *heading = NULL;
  EgQueueCounts counts = { 0 };
  guint left;

  if (self->card != NULL)
    heading = g_strdup (section_heading (self, self->card));
  if (self->queue != NULL)
    eg_queue_get_counts (self->queue, &counts);
  left = counts.new_cards + counts.learning + counts.review;

  if (self->options.preview_only)
    g_string_append (subtitle, _("Preview"));
  if (self->card != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: the card's number in its deck */
      g_string_append_printf (subtitle, _("Card %d"), self->card->number);
      if (heading != NULL && g_strcmp0 (heading, self->scope_title) != 0)
        g_string_append_printf (subtitle, " · %s", heading);
    }
  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  /* "n of N": N is what this session has had, the cards graded and those left */
  if (self->options.preview_only || self->options.ahead_ms > 0 || self->options.n_card_ids > 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u of %u left",
                                                   "%u of %u left", left),
                            left, left + self->reviewed);
  else
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u of %u left today",
                                                   "%u of %u left today", left),
                            left, left + self->reviewed);

  adw_window_title_set_title (self->title, self->scope_title ? self->scope_title : _("Review"));
  adw_window_title_set_subtitle (self->title, subtitle->str);
  {
    /* Translators: new, learning and review cards left */
    g_autofree char *counts_text = g_strdup_printf (_("%u new · %u learning · %u review"),
                                                    counts.new_cards, counts.learning,
                                                    counts.review);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), counts_text);
  }
}

static void
update_intervals (EgReviewPage *self)
{
  GtkLabel *labels[4] = { self->again_interval, self->hard_interval,
                          self->good_interval, self->easy_interval };
  g_autoptr(GError) error = NULL;
  EgFsrsCard outcomes[4];
  gint64 now = _eg_review_page_now_ms (self);

  if (self->card == NULL ||
      !eg_scheduler_preview (self->scheduler, self->card->id, now, outcomes, &error))
    {
      for (guint i = 0; i < 4; i++)
        {
          gtk_label_set_label (labels[i], "");
          eg_grade_label_apply (gtk_widget_get_ancestor (GTK_WIDGET (labels[i]), GTK_TYPE_BUTTON),
                                i + 1, -1);
        }
      if (error != NULL)
        _eg_review_page_error_toast (self, error);
      return;
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *interval = eg_time_format_interval (outcomes[i].due - now);

      gtk_label_set_label (labels[i], interval);
      /* the screen reader hears the interval when the button shows it */
      eg_grade_label_apply (gtk_widget_get_ancestor (GTK_WIDGET (labels[i]), GTK_TYPE_BUTTON),
                            i + 1, gtk_widget_get_visible (GTK_WIDGET (labels[i]))
                                   ? outcomes[i].due - now : -1);
    }
}

void
_eg_review_page_trace_begin (EgReviewPage *self)
{
  eg_trace_span_begin (&self->trace);
}

static void
card_painted_cb (EgReviewPage *self,
                 const char   *kind,
                 guint64       token)
{
  eg_trace_span_end (&self->trace, GTK_WIDGET (self), token,
                     g_str_equal (kind, "revealed") ? "reveal" : "next");
}

static gboolean
is_saving (EgReviewPage *self)
{
  return eg_grade_saver_get_pending (self->saver) != NULL;
}

/* The grade bar and the actions that change the card: "Saving…" while a
 * grade waits for the collection. */
static void
update_bar (EgReviewPage *self)
{
  static const char * const changes[] = {
    "review.edit", "review.flag", "review.suspend", "review.bury",
  };
  gboolean saving = is_saving (self);

  gtk_stack_set_visible_child_name (self->bar_stack,
                                    saving ? "saving" : self->revealed ? "grade" : "reveal");
  gtk_spinner_set_spinning (self->saving_spinner, saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.grade", self->revealed && !saving);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), changes[i], !saving);
  /* the keys keep working: the focus stays inside the page */
  if (saving && self->card_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->card_view));
}

static void
set_revealed (EgReviewPage *self,
              gboolean      revealed)
{
  self->revealed = revealed;
  update_bar (self);
}

static void
show_done (EgReviewPage *self)
{
  g_clear_pointer (&self->card, eg_card_free);
  update_title (self);
  _eg_review_page_update_marks (self);
  _eg_review_page_show_done (self);
}

/* Shows the queue's next card, or the done page. */
void
_eg_review_page_show_next (EgReviewPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = _eg_review_page_now_ms (self);
  gint64 card_id = self->queue ? eg_queue_peek (self->queue, now) : 0;

  if (card_id == 0)
    {
      show_done (self);
      return;
    }

  g_clear_pointer (&self->card, eg_card_free);
  self->card = eg_store_get_card (eg_scheduler_get_store (self->scheduler), card_id, &error);
  if (self->card == NULL)
    {
      _eg_review_page_error_toast (self, error);
      eg_queue_remove (self->queue, card_id);
      _eg_review_page_show_next (self);
      return;
    }

  g_clear_pointer (&self->language, g_free);
  self->language = g_strdup (eg_deck_language_lookup (eg_scheduler_get_store (self->scheduler),
                                                      self->card->deck_id, &error));
  if (error != NULL)
    _eg_review_page_error_toast (self, error);   /* the card shows without it */

  set_revealed (self, FALSE);
  update_title (self);
  _eg_review_page_update_marks (self);
  update_intervals (self);
  eg_review_page_ensure_view (self);
  eg_card_view_show_card (self->card_view, self->card, self->language, FALSE, self->trace.token);
  eg_annotator_set_card (self->annotator, self->card);
  gtk_stack_set_visible_child_name (self->stack, "card");

  self->spent_ms = 0;
  self->running = FALSE;
  clock_resume (self);
}

/**
 * eg_review_page_start:
 * @options: which cards; %NULL for everything that is due
 *
 * Starts a session.  Returns %FALSE (with a toast) if the queue cannot be
 * built.
 */
gboolean
eg_review_page_start (EgReviewPage         *self,
                      const EgQueueOptions *options)
{
  g_autoptr(GError) error = NULL;
  EgQueueOptions defaults = { 0 };

  g_return_val_if_fail (EG_IS_REVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (self->scheduler != NULL, FALSE);

  /* the old queue goes: a grade still waiting for it is settled first */
  settle_pending (self);
  self->options = options ? *options : defaults;
  /* the card ids belong to the caller: keep a copy for the session */
  g_clear_pointer (&self->card_ids, g_free);
  if (self->options.n_card_ids > 0)
    {
      self->card_ids = g_memdup2 (self->options.card_ids,
                                  sizeof (gint64) * self->options.n_card_ids);
      self->options.card_ids = self->card_ids;
    }
  self->reviewed = 0;
  self->again = 0;
  g_array_set_size (self->durations, 0);
  g_free (self->scope_title);
  self->scope_title = _eg_review_page_scope_title (self, &self->options);
  g_clear_pointer (&self->headings, g_hash_table_unref);   /* an edit may have renamed one */

  g_clear_pointer (&self->queue, eg_queue_free);
  self->queue = eg_scheduler_build_queue_full (self->scheduler, _eg_review_page_now_ms (self),
                                               &self->options, &error);
  if (self->queue == NULL)
    {
      _eg_review_page_error_toast (self, error);
      return FALSE;
    }

  _eg_review_page_trace_begin (self);
  _eg_review_page_show_next (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);

  if (self->card == NULL || self->revealed)
    return;
  _eg_review_page_trace_begin (self);
  set_revealed (self, TRUE);
  eg_card_view_reveal (self->card_view, self->trace.token);
  gtk_widget_grab_focus (self->good_button);
}

/* A grade was committed: on to the next card. */
static void
graded (EgReviewPage *self,
        EgFsrsRating  rating,
        gint64        duration_ms)
{
  g_array_append_val (self->durations, duration_ms);
  self->reviewed++;
  if (rating == EG_FSRS_AGAIN)
    self->again++;
  _eg_review_page_show_next (self);
}

/* Another program reviewed the card since the queue took it: the grade was
 * not written.  The card leaves the session and the queue is built again
 * with what the other program did, unless the session is a fixed list
 * (custom study, the whole section), which a new queue would start over. */
static void
skip_stale (EgReviewPage *self,
            gint64        card_id)
{
  _eg_review_page_toast (self, _("This card was reviewed in another window or program since it "
                                 "showed; it is skipped"), FALSE);
  if (self->options.n_card_ids == 0 && !self->options.all_cards)
    {
      g_autoptr(GError) error = NULL;
      EgQueue *queue = eg_scheduler_build_queue_full (self->scheduler,
                                                      _eg_review_page_now_ms (self),
                                                      &self->options, &error);

      if (queue != NULL)
        {
          eg_queue_free (self->queue);
          self->queue = queue;
        }
      else
        _eg_review_page_error_toast (self, error);
    }
  eg_queue_remove (self->queue, card_id);
  _eg_review_page_show_next (self);
}

static void
grade_failed (EgReviewPage         *self,
              const EgPendingGrade *grade,
              GError               *error)
{
  if (g_error_matches (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_STALE))
    {
      skip_stale (self, grade->card_id);
      return;
    }

  /* the card stays, with its grade buttons, to be graded again */
  clock_give_back (self, grade->duration_ms);
  if (g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY))
    toast_unsaved (self, error->message);   /* it names the file; not a bug to log */
  else
    _eg_review_page_error_toast (self, error);
}

static void
saver_finished_cb (EgReviewPage   *self,
                   EgPendingGrade *grade,
                   GError         *error)
{
  update_bar (self);
  if (error == NULL)
    {
      graded (self, grade->rating, grade->duration_ms);
      return;
    }
  grade_failed (self, grade, error);
  if (self->card != NULL && self->revealed)
    gtk_widget_grab_focus (self->good_button);
}

static void
grade (EgReviewPage *self,
       EgFsrsRating  rating)
{
  g_autoptr(GError) error = NULL;
  EgPendingGrade pending;

  if (self->card == NULL || !self->revealed || is_saving (self))
    return;

  _eg_review_page_trace_begin (self);
  pending = (EgPendingGrade) {
    .card_id = self->card->id,
    .rating = rating,
    .graded_at = _eg_review_page_now_ms (self),
    .duration_ms = clock_take_ms (self),
    .reschedule = !self->options.preview_only,
  };
  /* committed before the next card is even looked up */
  switch (eg_grade_saver_save (self->saver, self->scheduler, self->queue, &pending, &error))
    {
    case EG_GRADE_SAVE_DONE:
      graded (self, rating, pending.duration_ms);
      break;
    case EG_GRADE_SAVE_WAITING:
      update_bar (self);
      break;
    case EG_GRADE_SAVE_FAILED:
    default:
      grade_failed (self, &pending, error);
      break;
    }
}

/* Leaving while a grade waits: one last try, then say if it was lost. */
static void
settle_pending (EgReviewPage *self)
{
  g_autoptr(GError) error = NULL;
  const EgPendingGrade *pending = eg_grade_saver_get_pending (self->saver);
  EgFsrsRating rating;
  gint64 duration_ms;

  if (pending == NULL)
    return;
  rating = pending->rating;
  duration_ms = pending->duration_ms;
  if (eg_grade_saver_finish_now (self->saver, &error))
    {
      g_array_append_val (self->durations, duration_ms);
      self->reviewed++;
      self->again += rating == EG_FSRS_AGAIN;
    }
  else if (g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY))
    toast_unsaved (self, _("Your last grade was not saved: the collection was still busy"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("Your last grade was not saved: %s"),
                                                  error->message);
      toast_unsaved (self, message);
    }
  update_bar (self);
}

static void
grade_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int rating = g_variant_get_int32 (parameter);

  if (rating >= EG_FSRS_AGAIN && rating <= EG_FSRS_EASY)
    grade (EG_REVIEW_PAGE (widget), (EgFsrsRating) rating);
}

static void
space_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkPopover *popover = self->annotator ? eg_annotator_get_popover (self->annotator) : NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "card") != 0 ||
      (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover))))
    {
      /* on the done page and in a highlight's popover, Enter does what
       * the focused button says */
      if (GTK_IS_BUTTON (focus) || GTK_IS_LIST_BOX_ROW (focus))
        gtk_widget_activate (focus);
      return;
    }

  if (self->revealed && eg_annotator_get_caret_browsing (self->annotator))
    {
      /* while caret browsing, Enter opens the highlight at the caret */
      eg_annotator_activate_at_caret (self->annotator);
      return;
    }
  if (!self->revealed)
    reveal_action (widget, NULL, NULL);
  else
    grade (self, EG_FSRS_GOOD);   /* ignored while a grade is saving */
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_auto(EgUndoInfo) info = { 0 };
  EgUndoKind kind;

  if (self->queue == NULL)
    return;
  if (is_saving (self))
    {
      /* the grade the user just gave is the one to take back */
      gint64 duration_ms = eg_grade_saver_get_pending (self->saver)->duration_ms;

      eg_grade_saver_cancel (self->saver);
      update_bar (self);
      gtk_widget_grab_focus (self->good_button);
      clock_give_back (self, duration_ms);
      _eg_review_page_toast (self, _("Grade taken back before it was saved"), FALSE);
      return;
    }
  if (self->options.preview_only &&
      !(eg_scheduler_peek_undo (self->scheduler, &kind) && kind == EG_UNDO_ANNOTATE))
    {
      /* a change from before the preview is not what Ctrl+Z means here;
       * a highlight or note made in it is */
      _eg_review_page_toast (self, _("A preview changes nothing, so there is nothing to undo"),
                             FALSE);
      return;
    }
  if (!eg_scheduler_undo_full (self->scheduler, EG_UNDO_SCOPE_ALL, self->queue,
                               _eg_review_page_now_ms (self), &info, &error))
    {
      _eg_review_page_toast (self, error->message, FALSE);
      return;
    }
  if (info.kind == EG_UNDO_ANNOTATE)
    {
      /* the card stays as it is on screen, with its highlights as they were */
      _eg_review_page_toast (self, info.description, FALSE);
      eg_annotator_reload (self->annotator);
      return;
    }
  if (info.kind == EG_UNDO_GRADE && self->reviewed > 0)
    {
      self->reviewed--;
      if (self->durations->len > 0)
        g_array_set_size (self->durations, self->durations->len - 1);
    }
  /* every undo says what it undid */
  _eg_review_page_toast (self, info.description, FALSE);
  _eg_review_page_trace_begin (self);
  /* the undone card is at the front of the queue again */
  _eg_review_page_show_next (self);
}

static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);

  if (self->card_view != NULL)
    eg_card_view_scroll (self->card_view, g_variant_get_string (parameter, NULL));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  const char *how = g_variant_get_string (parameter, NULL);
  double zoom = g_settings_get_double (self->settings, "zoom");

  if (g_str_equal (how, "in"))
    zoom = MIN (zoom * 1.1, 3.0);
  else if (g_str_equal (how, "out"))
    zoom = MAX (zoom / 1.1, 0.5);
  else
    zoom = 1.0;
  g_settings_set_double (self->settings, "zoom", zoom);
}

static void
zoom_changed_cb (EgReviewPage *self)
{
  if (self->card_view != NULL)
    eg_card_view_set_zoom (self->card_view, g_settings_get_double (self->settings, "zoom"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);

  settle_pending (self);
  _eg_review_page_clock_pause (self);
  g_clear_pointer (&self->card, eg_card_free);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
dark_changed_cb (EgReviewPage   *self,
                 GParamSpec     *pspec,
                 AdwStyleManager *manager)
{
  if (self->card_view != NULL)
    eg_card_view_set_dark (self->card_view, adw_style_manager_get_dark (manager));
}

/* ------------------------------------------------------------------ */

static void
eg_review_page_root (GtkWidget *widget)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (eg_review_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      self->active_handler = g_signal_connect_swapped (root, "notify::is-active",
                                                       G_CALLBACK (window_active_cb), self);
    }
}

static void
eg_review_page_unroot (GtkWidget *widget)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->active_handler, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (eg_review_page_parent_class)->unroot (widget);
}

static void
eg_review_page_dispose (GObject *object)
{
  EgReviewPage *self = (EgReviewPage *)object;
  g_autoptr(GError) error = NULL;

  /* the window closes while a grade waits: a last try, or at least a word */
  if (self->saver != NULL && !eg_grade_saver_finish_now (self->saver, &error))
    g_message ("The last grade was not saved: %s", error->message);
  g_clear_object (&self->annotator);
  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_REVIEW_PAGE);
  g_clear_object (&self->saver);   /* stops its timer before the queue goes */
  g_clear_pointer (&self->queue, eg_queue_free);
  g_clear_pointer (&self->card, eg_card_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->card_ids, g_free);
  g_clear_pointer (&self->scope_title, g_free);
  g_clear_pointer (&self->headings, g_hash_table_unref);
  g_clear_pointer (&self->durations, g_array_unref);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eg_review_page_parent_class)->dispose (object);
}

/* While caret browsing the arrow keys and Page Up/Down move the caret */
static void
caret_browsing_cb (EgReviewPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.scroll",
                                 !eg_annotator_get_caret_browsing (self->annotator));
}

static EgAnnotator *
get_annotator (GtkWidget *widget)
{
  return EG_REVIEW_PAGE (widget)->annotator;
}

static void
eg_review_page_class_init (EgReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_review_page_dispose;
  widget_class->root = eg_review_page_root;
  widget_class->unroot = eg_review_page_unroot;

  /**
   * EgReviewPage::closed:
   *
   * The user left the review (Esc or the back button).
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, box);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, title);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, card_slot);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, bar_stack);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, again_interval);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, hard_interval);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, good_interval);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, easy_interval);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, good_button);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, toast_overlay);

  gtk_widget_class_install_action (widget_class, "review.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "review.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "review.space", NULL, space_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "review.scroll", "s", scroll_action);
  gtk_widget_class_install_action (widget_class, "review.zoom", "s", zoom_action);
  gtk_widget_class_install_action (widget_class, "review.back", NULL, back_action);
  eg_annotator_class_add_actions (widget_class, get_annotator);
  _eg_review_page_class_add_actions (widget_class);
  _eg_review_page_class_add_marks (widget_class);
  _eg_review_page_class_add_done (widget_class);
}

static void
eg_review_page_init (EgReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eg_toast_set_overlay (GTK_WIDGET (self), self->toast_overlay);

  self->durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->saver = eg_grade_saver_new ();
  g_signal_connect_object (self->saver, "finished", G_CALLBACK (saver_finished_cb), self,
                           G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  /* Preferences: the grade buttons say when the card would be due, or not */
  g_settings_bind (self->settings, "show-intervals", self->again_interval, "visible",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-intervals", self->hard_interval, "visible",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-intervals", self->good_interval, "visible",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-intervals", self->easy_interval, "visible",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::zoom", G_CALLBACK (zoom_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  set_revealed (self, FALSE);
}

GtkWidget *
eg_review_page_new (void)
{
  return g_object_new (EG_TYPE_REVIEW_PAGE, NULL);
}

void
eg_review_page_set_scheduler (EgReviewPage *self,
                              EgScheduler  *scheduler)
{
  g_return_if_fail (EG_IS_REVIEW_PAGE (self));

  /* a grade still waiting belongs to the old scheduler's queue */
  settle_pending (self);
  g_set_object (&self->scheduler, scheduler);
  if (self->annotator != NULL)
    eg_annotator_set_scheduler (self->annotator, scheduler);
}

/**
 * eg_review_page_ensure_view:
 *
 * Creates the web view (and starts its web process) if not done yet.  The
 * window calls it right after its first frame, so that reviewing starts on a
 * page that has already loaded.
 */
void
eg_review_page_ensure_view (EgReviewPage *self)
{
  g_return_if_fail (EG_IS_REVIEW_PAGE (self));

  if (self->card_view != NULL)
    return;
  self->card_view = EG_CARD_VIEW (eg_card_view_new ());
  eg_card_view_set_dark (self->card_view,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  eg_card_view_set_zoom (self->card_view, g_settings_get_double (self->settings, "zoom"));
  eg_card_view_follow_settings (self->card_view, self->settings);
  g_signal_connect_object (self->card_view, "painted", G_CALLBACK (card_painted_cb), self,
                           G_CONNECT_SWAPPED);
  self->annotator = eg_annotator_new (self->card_view);
  eg_annotator_set_scheduler (self->annotator, self->scheduler);
  g_signal_connect_object (self->annotator, "notify::caret-browsing",
                           G_CALLBACK (caret_browsing_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->card_slot, GTK_WIDGET (self->card_view));
}

EgCardView *
eg_review_page_get_card_view (EgReviewPage *self)
{
  g_return_val_if_fail (EG_IS_REVIEW_PAGE (self), NULL);
  return self->card_view;
}

gint64
eg_review_page_get_card_id (EgReviewPage *self)
{
  g_return_val_if_fail (EG_IS_REVIEW_PAGE (self), 0);
  return self->card ? self->card->id : 0;
}

gboolean
eg_review_page_get_revealed (EgReviewPage *self)
{
  g_return_val_if_fail (EG_IS_REVIEW_PAGE (self), FALSE);
  return self->revealed;
}

/**
 * eg_review_page_get_visible:
 *
 * Returns: "card" or "done"
 */
const char *
eg_review_page_get_visible (EgReviewPage *self)
{
  g_return_val_if_fail (EG_IS_REVIEW_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * eg_review_page_set_clock:
 *
 * Makes the page take the time from @now (for tests).
 */
void
eg_review_page_set_clock (EgReviewPage  *self,
                          gint64       (*now) (gpointer data),
                          gpointer       data)
{
  g_return_if_fail (EG_IS_REVIEW_PAGE (self));
  self->clock = now;
  self->clock_data = data;
}

/**
 * _eg_review_page_set_save_timeout:
 *
 * How long a grade waits for a busy collection before it is given up
 * (EG_GRADE_SAVER_TIMEOUT_MS by default); for tests.
 */
void
_eg_review_page_set_save_timeout (EgReviewPage *self,
                                  guint         timeout_ms)
{
  g_return_if_fail (EG_IS_REVIEW_PAGE (self));
  eg_grade_saver_set_timeout (self->saver, timeout_ms);
}

/* eg-review-page-actions.c - the review page's actions beyond showing and
 * grading: the card menu (edit, card info; its marks are in
 * eg-review-page-marks.c; its highlights and note in eg-annotator.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-editor.h"
#include "eg-card-info.h"
#include "eg-review-page-private.h"

static void
reattach_cb (EgReviewPage *self,
             gint64        id)
{
  if (!self->revealed)
    gtk_widget_activate_action (GTK_WIDGET (self), "review.reveal", NULL);
  eg_annotator_start_reattach (self->annotator, id);
}

static void
info_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *info;

  if (self->card == NULL)
    return;
  info = eg_card_info_new (self->scheduler, self->card->id, _eg_review_page_now_ms (self),
                           &error);
  if (info == NULL)
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  eg_card_info_set_can_reattach (EG_CARD_INFO (info), TRUE);
  g_signal_connect_object (info, "reattach", G_CALLBACK (reattach_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (info, "changed", G_CALLBACK (eg_annotator_reload), self->annotator,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (info), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (info));
}

static void
card_saved_cb (EgReviewPage *self,
               EgCardEditor *editor)
{
  g_autoptr(GError) error = NULL;
  EgCard *card;

  if (self->card == NULL)
    return;
  card = eg_store_get_card (eg_scheduler_get_store (self->scheduler), self->card->id, &error);
  if (card == NULL)
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  g_clear_pointer (&self->card, eg_card_free);
  self->card = card;
  _eg_review_page_trace_begin (self);
  eg_card_view_show_card (self->card_view, self->card, self->language, self->revealed,
                          self->trace.token);
  /* the store placed its highlights again in the new text */
  eg_annotator_set_card (self->annotator, self->card);
  _eg_review_page_toast (self, _("Card saved"), FALSE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgReviewPage *self = EG_REVIEW_PAGE (widget);
  GtkWidget *editor;

  if (self->card == NULL)
    return;
  _eg_review_page_clock_pause (self);
  editor = eg_card_editor_new (eg_scheduler_get_store (self->scheduler), self->card,
                               self->language);
  g_signal_connect_object (editor, "saved", G_CALLBACK (card_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

void
_eg_review_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "review.info", NULL, info_action);
}

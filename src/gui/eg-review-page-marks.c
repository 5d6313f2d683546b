/* eg-review-page-marks.c - the card's marks in review: flagged, suspended,
 * buried
 *
 * Each mark is a boolean property of the page and a stateful action of the
 * same meaning (review.flag, review.suspend, review.bury: the keys F, S
 * and B and the card menu's check items).  Changing the property changes
 * the card; the marks the card on screen has show above it.  Suspending
 * and burying take the card out of the session: the next card shows, and
 * the toast says so, with Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-review-page-private.h"

enum {
  PROP_0,
  PROP_FLAGGED,
  PROP_SUSPENDED,
  PROP_BURIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_buried (EgReviewPage *self)
{
  return self->card != NULL && self->card->buried_until > _eg_review_page_now_ms (self);
}

/**
 * _eg_review_page_update_marks:
 *
 * Shows the marks of the card on screen and gives the actions their state.
 */
void
_eg_review_page_update_marks (EgReviewPage *self)
{
  EgCard *card = self->card;
  int flag = card != NULL ? CLAMP (card->flag, 0, 7) : 0;

  for (int i = 1; i <= 7; i++)
    {
      g_autofree char *css = g_strdup_printf ("flag-%d", i);

      if (i == flag)
        gtk_widget_add_css_class (self->flag_mark, css);
      else
        gtk_widget_remove_css_class (self->flag_mark, css);
    }
  gtk_widget_set_visible (self->flag_mark, flag != 0);
  gtk_widget_set_visible (self->suspended_mark, card != NULL && card->suspended);
  gtk_widget_set_visible (self->buried_mark, is_buried (self));
  gtk_widget_set_visible (self->marks_box, flag != 0 || (card != NULL && card->suspended) ||
                                           is_buried (self));

  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
set_flagged (EgReviewPage *self,
             gboolean      flagged)
{
  g_autoptr(GError) error = NULL;
  int flag = flagged ? 1 : 0;

  if (self->card == NULL || (self->card->flag != 0) == flagged)
    return;
  if (!eg_scheduler_set_flag (self->scheduler, &self->card->id, 1, flag, &error))
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  self->card->flag = flag;
  _eg_review_page_toast (self, flag ? _("Card flagged") : _("Flag removed"), TRUE);
  _eg_review_page_update_marks (self);
}

/* Suspend and bury take the card out of today's session. */
static void
set_aside (EgReviewPage *self,
           gboolean      suspend)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->card == NULL)
    return;
  id = self->card->id;
  if (suspend ? !eg_scheduler_set_suspended (self->scheduler, &id, 1, TRUE, &error)
              : !eg_scheduler_bury (self->scheduler, &id, 1, _eg_review_page_now_ms (self), &error))
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  eg_queue_remove (self->queue, id);
  _eg_review_page_toast (self, suspend ? _("Card suspended") : _("Card buried until tomorrow"),
                         TRUE);
  _eg_review_page_trace_begin (self);
  _eg_review_page_show_next (self);
}

/* A suspended card is not reviewed; one on screen (suspended meanwhile) can
 * be taken back. */
static void
set_suspended (EgReviewPage *self,
               gboolean      suspended)
{
  g_autoptr(GError) error = NULL;

  if (self->card == NULL || self->card->suspended == suspended)
    return;
  if (suspended)
    {
      set_aside (self, TRUE);
      return;
    }
  if (!eg_scheduler_set_suspended (self->scheduler, &self->card->id, 1, FALSE, &error))
    {
      _eg_review_page_error_toast (self, error);
      return;
    }
  self->card->suspended = FALSE;
  _eg_review_page_update_marks (self);
}

static void
eg_review_page_marks_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EgReviewPage *self = EG_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_FLAGGED:
      g_value_set_boolean (value, self->card != NULL && self->card->flag != 0);
      break;
    case PROP_SUSPENDED:
      g_value_set_boolean (value, self->card != NULL && self->card->suspended);
      break;
    case PROP_BURIED:
      g_value_set_boolean (value, is_buried (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_review_page_marks_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EgReviewPage *self = EG_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_FLAGGED:
      set_flagged (self, g_value_get_boolean (value));
      break;
    case PROP_SUSPENDED:
      set_suspended (self, g_value_get_boolean (value));
      break;
    case PROP_BURIED:
      /* a buried card is not reviewed: burying is all there is to do */
      if (g_value_get_boolean (value) && !is_buried (self))
        set_aside (self, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_eg_review_page_class_add_marks (GtkWidgetClass *widget_class)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);

  object_class->get_property = eg_review_page_marks_get_property;
  object_class->set_property = eg_review_page_marks_set_property;

  properties[PROP_FLAGGED] =
    g_param_spec_boolean ("flagged", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUSPENDED] =
    g_param_spec_boolean ("suspended", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BURIED] =
    g_param_spec_boolean ("buried", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "review.flag", "flagged");
  gtk_widget_class_install_property_action (widget_class, "review.suspend", "suspended");
  gtk_widget_class_install_property_action (widget_class, "review.bury", "buried");

  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, marks_box);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, flag_mark);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, suspended_mark);
  gtk_widget_class_bind_template_child (widget_class, EgReviewPage, buried_mark);
}

/* eg-card-row.c - one row of the library's card table
 *
 * The values are formatted once, for display; the table binds its labels to
 * these string properties.  A row the table shows is refilled in place when
 * the search changes (see eg-card-model.c), so the properties notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-row.h"

struct _EgCardRow
{
  GObject  parent_instance;

  gint64   id;
  char    *key;
  int      flag;          /* 0, or 1..7 (eg-card-cell.c shows it) */
  gboolean suspended;
  char    *values[13];    /* one per property, in their order */
  char    *due_exact;     /* the due column's tooltip */
};

G_DEFINE_FINAL_TYPE (EgCardRow, eg_card_row, G_TYPE_OBJECT)

/* The properties, in column order; values[] follows it. */
enum {
  PROP_0,
  PROP_NUMBER,
  PROP_QUESTION,
  PROP_SECTION,
  PROP_DUE,
  PROP_INTERVAL,
  PROP_STABILITY,
  PROP_DIFFICULTY,
  PROP_RETRIEVABILITY,
  PROP_REVIEWS,
  PROP_LAPSES,
  PROP_FLAG,
  PROP_MODIFIED,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Not a column: the exact due time, the Due cell's tooltip */
#define PROP_DUE_EXACT N_PROPS
static GParamSpec *due_exact_property;

static const char * const property_names[N_PROPS] = {
  NULL, "number", "question", "section", "due", "interval", "stability", "difficulty",
  "retrievability", "reviews", "lapses", "flag", "modified", "status",
};

static void
eg_card_row_finalize (GObject *object)
{
  EgCardRow *self = (EgCardRow *)object;

  g_free (self->key);
  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    g_free (self->values[i]);
  g_free (self->due_exact);

  G_OBJECT_CLASS (eg_card_row_parent_class)->finalize (object);
}

static void
eg_card_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EgCardRow *self = EG_CARD_ROW (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->values[prop_id - 1]);
  else if (prop_id == PROP_DUE_EXACT)
    g_value_set_string (value, self->due_exact);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
eg_card_row_class_init (EgCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_card_row_finalize;
  object_class->get_property = eg_card_row_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  due_exact_property = g_param_spec_string ("due-exact", NULL, NULL, NULL,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_DUE_EXACT, due_exact_property);
}

static void
eg_card_row_init (EgCardRow *self)
{
}

static char *
format_date (gint64 ms)
{
  /* Looked up once: g_time_zone_new_local() reads /etc/localtime each time,
   * which was most of the cost of a page of rows. */
  static GTimeZone *local = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) time = NULL;

  if (local == NULL)   /* rows are made on the main thread only */
    local = g_time_zone_new_local ();
  time = g_date_time_to_timezone (utc, local);
  /* Translators: a card's date in the card table, see g_date_time_format() */
  return g_date_time_format (time, C_("short date", "%Y-%m-%d"));
}

/* Anki's flag colours */
static const char * const flag_names[] = {
  "", N_("Red Flag"), N_("Orange Flag"), N_("Green Flag"), N_("Blue Flag"), N_("Pink Flag"),
  N_("Turquoise Flag"), N_("Purple Flag"),
};

/* The row's texts for @card, in column order. */
static void
format_values (char               *values[N_PROPS - 1],
               char              **due_exact,
               const EgCard       *card,
               const char         *section,
               const EgFsrsParams *params,
               gint64              now_ms,
               int                 today)
{
  const EgCardState *s = &card->state;
  gboolean reviewed = s->state != 0;
  EgFsrsCard fsrs = {
    .state = (EgFsrsState) s->state, .stability = s->stability, .last_review = s->last_review,
  };

  values[PROP_NUMBER - 1] = g_strdup_printf ("%d", card->number);
  values[PROP_QUESTION - 1] = eg_markdown_to_plain (card->question);
  values[PROP_SECTION - 1] = g_strdup (section ? section : "");
  /* "in 8 min", "tomorrow", "in 12 days"; the exact time in the tooltip */
  *due_exact = NULL;
  values[PROP_DUE - 1] = reviewed ? eg_time_format_due (s->due, s->due_day,
                                                        s->state == EG_FSRS_STATE_REVIEW,
                                                        now_ms, today, due_exact)
                                  : g_strdup (_("New"));
  /* Translators: an interval in days, in the card table */
  values[PROP_INTERVAL - 1] = reviewed ? g_strdup_printf (_("%d d"), s->scheduled_days)
                                       : g_strdup ("");
  values[PROP_STABILITY - 1] = reviewed ? g_strdup_printf ("%.1f", s->stability) : g_strdup ("");
  values[PROP_DIFFICULTY - 1] = reviewed ? g_strdup_printf ("%.1f", s->difficulty)
                                         : g_strdup ("");
  values[PROP_RETRIEVABILITY - 1] =
    reviewed ? g_strdup_printf ("%.0f%%", 100 * eg_fsrs_retrievability (params, &fsrs, now_ms))
             : g_strdup ("");
  values[PROP_REVIEWS - 1] = g_strdup_printf ("%d", s->reps);
  values[PROP_LAPSES - 1] = g_strdup_printf ("%d", s->lapses);
  values[PROP_FLAG - 1] = g_strdup (card->flag > 0 && card->flag <= 7 ? _(flag_names[card->flag])
                                                                       : "");
  values[PROP_MODIFIED - 1] = format_date (card->modified);
  values[PROP_STATUS - 1] = g_strdup (card->suspended ? _("Suspended")
                                      : card->buried_until > now_ms ? _("Buried") : "");
}

EgCardRow *
eg_card_row_new (const EgCard       *card,
                 const char         *section,
                 const EgFsrsParams *params,
                 gint64              now_ms,
                 int                 today)
{
  EgCardRow *self = g_object_new (EG_TYPE_CARD_ROW, NULL);

  self->id = card->id;
  self->key = g_strdup (card->key);
  self->flag = card->flag;
  self->suspended = card->suspended;
  format_values (self->values, &self->due_exact, card, section, params, now_ms, today);
  return self;
}

/**
 * eg_card_row_new_unreadable:
 * @id: the card's id
 *
 * A row for a card the collection could not give (a damaged page of a
 * collection opened read-only): the table says so rather than leave a gap,
 * which a list model may not.
 */
EgCardRow *
eg_card_row_new_unreadable (gint64 id)
{
  EgCardRow *self = g_object_new (EG_TYPE_CARD_ROW, NULL);

  self->id = id;
  self->key = g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    self->values[i] = g_strdup (i == PROP_QUESTION - 1 ? _("This card cannot be read") : "");
  self->due_exact = g_strdup ("");
  return self;
}

/**
 * eg_card_row_update:
 *
 * Makes the row show @card (another card, or the same one changed),
 * notifying the properties whose text changed.
 */
void
eg_card_row_update (EgCardRow          *self,
                    const EgCard       *card,
                    const char         *section,
                    const EgFsrsParams *params,
                    gint64              now_ms,
                    int                 today)
{
  char *values[N_PROPS - 1];
  char *due_exact;

  g_return_if_fail (EG_IS_CARD_ROW (self));

  self->id = card->id;
  g_free (self->key);
  self->key = g_strdup (card->key);
  self->flag = card->flag;            /* notified with the flag's text */
  self->suspended = card->suspended;  /* notified with the status */
  format_values (values, &due_exact, card, section, params, now_ms, today);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (due_exact, self->due_exact) != 0)
    {
      g_free (self->due_exact);
      self->due_exact = g_steal_pointer (&due_exact);
      g_object_notify_by_pspec (G_OBJECT (self), due_exact_property);
    }
  g_free (due_exact);
  for (guint i = 0; i < N_PROPS - 1; i++)
    {
      if (g_strcmp0 (values[i], self->values[i]) == 0)
        {
          g_free (values[i]);
          continue;
        }
      g_free (self->values[i]);
      self->values[i] = values[i];
      g_object_notify_by_pspec (G_OBJECT (self), properties[i + 1]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
eg_card_row_get_id (EgCardRow *self)
{
  g_return_val_if_fail (EG_IS_CARD_ROW (self), 0);
  return self->id;
}

const char *
eg_card_row_get_key (EgCardRow *self)
{
  g_return_val_if_fail (EG_IS_CARD_ROW (self), NULL);
  return self->key;
}

/* The flag: 0 (none) or 1..7; "flag" notifies when it changes. */
int
eg_card_row_get_flag (EgCardRow *self)
{
  g_return_val_if_fail (EG_IS_CARD_ROW (self), 0);
  return self->flag;
}

/* Whether the card is suspended; "status" notifies when it changes. */
gboolean
eg_card_row_get_suspended (EgCardRow *self)
{
  g_return_val_if_fail (EG_IS_CARD_ROW (self), FALSE);
  return self->suspended;
}

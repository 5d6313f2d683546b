/* eg-import-preview.c - what an import would do: the cards it adds and
 * changes, its conflicts and its warnings in words
 *
 * The preview dialog's body is one summary line (eg_import_preview_summarize());
 * this widget is its extra child.  A changed card is a row that expands to
 * what changed; the cards added, and those no longer in the file, are one
 * row each that expands to the list.  The warnings are grouped by the core
 * (eg_import_report_group_warnings()), one sentence a group; the warnings
 * themselves, code points and all, only under "Details".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-import-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-import-preview.h"

/* The most characters of a question or answer a row shows */
#define MAX_SHOWN 240

struct _EgImportPreview
{
  AdwBin             parent_instance;
  GtkWidget         *changes_box;
  GtkListBox        *changes;
  AdwBin            *conflicts_bin;
  GtkWidget         *warnings_box;
  GtkListBox        *warnings;
  GPtrArray         *expanders;   /* AdwExpanderRow and GtkExpander, for expand_all */
  guint              n_updated;
  guint              n_notices;
};

G_DEFINE_FINAL_TYPE (EgImportPreview, eg_import_preview, ADW_TYPE_BIN)

static void
eg_import_preview_dispose (GObject *object)
{
  EgImportPreview *self = EG_IMPORT_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_IMPORT_PREVIEW);
  g_clear_pointer (&self->expanders, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_import_preview_parent_class)->dispose (object);
}

static void
eg_import_preview_class_init (EgImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_import_preview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/eg-import-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, EgImportPreview, changes_box);
  gtk_widget_class_bind_template_child (widget_class, EgImportPreview, changes);
  gtk_widget_class_bind_template_child (widget_class, EgImportPreview, conflicts_bin);
  gtk_widget_class_bind_template_child (widget_class, EgImportPreview, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, EgImportPreview, warnings);
}

static void
eg_import_preview_init (EgImportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanders = g_ptr_array_new ();
}

/* Markdown as one short plain line */
static char *
shown_text (const char *markdown)
{
  g_autofree char *plain = eg_markdown_to_plain (markdown != NULL ? markdown : "");
  g_autofree char *start = NULL;

  g_strdelimit (plain, "\n\t", ' ');
  if (g_utf8_strlen (plain, -1) <= MAX_SHOWN)
    return g_steal_pointer (&plain);
  start = g_utf8_substring (plain, 0, MAX_SHOWN - 1);
  return g_strconcat (start, "…", NULL);
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  return label;
}

static GtkWidget *
expander_row (EgImportPreview *self,
              const char      *title,
              const char      *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_ptr_array_add (self->expanders, row);
  return row;
}

/* "Answer changed", "Question and answer changed", … */
static const char *
describe_fields (EgImportChangedFields fields)
{
  switch ((int) fields)
    {
    case EG_IMPORT_CHANGED_QUESTION:
      return _("Question changed");
    case EG_IMPORT_CHANGED_ANSWER:
      return _("Answer changed");
    case EG_IMPORT_CHANGED_PARTS:
      return _("Parts changed");
    case EG_IMPORT_CHANGED_QUESTION | EG_IMPORT_CHANGED_ANSWER:
      return _("Question and answer changed");
    case EG_IMPORT_CHANGED_ANSWER | EG_IMPORT_CHANGED_PARTS:
      return _("Answer and parts changed");
    case EG_IMPORT_CHANGED_QUESTION | EG_IMPORT_CHANGED_PARTS:
      return _("Question and parts changed");
    case EG_IMPORT_CHANGED_QUESTION | EG_IMPORT_CHANGED_ANSWER | EG_IMPORT_CHANGED_PARTS:
      return _("Question, answer and parts changed");
    default:
      return _("Its place in the deck changed");
    }
}

/* "Answer before: … / Answer now: …" */
static void
add_before_after (GtkWidget  *row,
                  const char *label,
                  const char *before,
                  const char *now)
{
  g_autofree char *shown_before = shown_text (before);
  g_autofree char *shown_now = shown_text (now);
  /* TRANSLATORS: "Answer", then the text before the import and the file's */
  g_autofree char *text = g_strdup_printf (_("%s before: %s\n%s in the file: %s"),
                                           label, shown_before, label, shown_now);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), wrapped_label (text));
}

static void
add_updated (EgImportPreview *self,
             EgImportChange  *change)
{
  g_autofree char *title = shown_text (change->question);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* TRANSLATORS: "Card 304 · Answer changed" */
  subtitle = g_strdup_printf (_("Card %d · %s"), change->number, describe_fields (change->fields));
  row = expander_row (self, title, subtitle);
  if (change->fields & EG_IMPORT_CHANGED_QUESTION)
    add_before_after (row, _("Question"), change->old_question, change->question);
  if (change->fields & EG_IMPORT_CHANGED_ANSWER)
    add_before_after (row, _("Answer"), change->old_answer, change->answer);
  if (change->fields & EG_IMPORT_CHANGED_PARTS)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              wrapped_label (_("The file changes the card’s parts.")));
  gtk_list_box_append (self->changes, row);
  self->n_updated++;
}

/* One row for the cards added, expanding to their questions */
static void
add_added (EgImportPreview *self,
           EgImportReport  *report)
{
  g_autofree char *title = NULL;
  GtkWidget *row;
  guint listed = 0;

  title = g_strdup_printf (ngettext ("%u new card", "%u new cards", report->added),
                           report->added);
  row = expander_row (self, title, NULL);
  for (guint i = 0; i < report->changes->len; i++)
    {
      EgImportChange *change = g_ptr_array_index (report->changes, i);
      g_autofree char *question = NULL;
      g_autofree char *text = NULL;

      if (change->kind != EG_IMPORT_CHANGE_ADDED)
        continue;
      question = shown_text (change->question);
      /* TRANSLATORS: a new card's number and question */
      text = g_strdup_printf (_("%d. %s"), change->number, question);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), wrapped_label (text));
      listed++;
    }
  if (listed < report->added)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                         report->added - listed),
                                               report->added - listed);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), wrapped_label (more));
    }
  gtk_list_box_append (self->changes, row);
}

/* One row for the cards no longer in the file, expanding to their keys */
static void
add_removed (EgImportPreview *self,
             EgImportReport  *report)
{
  g_autofree char *title = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  GtkWidget *row;

  title = g_strdup_printf (ngettext ("%u card no longer in the file",
                                     "%u cards no longer in the file", report->removed),
                           report->removed);
  row = expander_row (self, title, _("They stay in your collection"));
  for (guint i = 0; i < report->removed_keys->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (report->removed_keys, i));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), wrapped_label (keys->str));
  gtk_list_box_append (self->changes, row);
}

static void
add_notice (EgImportPreview *self,
            EgImportNotice  *notice)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_box_append (GTK_BOX (box), wrapped_label (notice->text));
  if (notice->details->len > 0)
    {
      g_autoptr(GString) details = g_string_new (NULL);
      GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Details"));
      GtkWidget *label;

      for (guint i = 0; i < notice->details->len; i++)
        g_string_append_printf (details, "%s%s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (notice->details, i));
      label = wrapped_label (details->str);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_expander_set_child (GTK_EXPANDER (expander), label);
      /* GTK 4.8 does not name an expander after its label */
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Details"), -1);
      gtk_widget_set_margin_start (expander, 12);
      gtk_widget_set_margin_bottom (expander, 8);
      gtk_box_append (GTK_BOX (box), expander);
      g_ptr_array_add (self->expanders, expander);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->warnings, row);
  self->n_notices++;
}

/**
 * eg_import_preview_new:
 * @report: a dry run's report
 */
GtkWidget *
eg_import_preview_new (EgImportReport *report)
{
  EgImportPreview *self = g_object_new (EG_TYPE_IMPORT_PREVIEW, NULL);
  g_autoptr(GPtrArray) notices = eg_import_report_group_warnings (report);

  for (guint i = 0; i < report->changes->len; i++)
    {
      EgImportChange *change = g_ptr_array_index (report->changes, i);

      if (change->kind == EG_IMPORT_CHANGE_UPDATED)
        add_updated (self, change);
    }
  if (report->updated > self->n_updated)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more updated card",
                                                         "… and %u more updated cards",
                                                         report->updated - self->n_updated),
                                               report->updated - self->n_updated);

      gtk_list_box_append (self->changes, wrapped_label (more));
    }
  if (report->added > 0)
    add_added (self, report);
  if (report->removed > 0)
    add_removed (self, report);
  gtk_widget_set_visible (self->changes_box,
                          report->updated > 0 || report->added > 0 || report->removed > 0);

  if (report->conflicts->len > 0)
    {
      adw_bin_set_child (self->conflicts_bin, eg_import_conflicts_new (report->conflicts));
      gtk_widget_set_visible (GTK_WIDGET (self->conflicts_bin), TRUE);
    }

  for (guint i = 0; i < notices->len; i++)
    add_notice (self, g_ptr_array_index (notices, i));
  gtk_widget_set_visible (self->warnings_box, notices->len > 0);
  return GTK_WIDGET (self);
}

/**
 * eg_import_preview_summarize:
 *
 * Returns: (transfer full): the preview's summary line: the deck, and how
 *   many cards are new, updated, unchanged, removed from the file
 */
char *
eg_import_preview_summarize (EgImportReport *report)
{
  g_autofree char *deck = NULL;
  g_autofree char *counts = NULL;

  /* TRANSLATORS: "“Go Questions”: 245 cards in 12 sections" */
  deck = g_strdup_printf (ngettext ("“%s”: %u card", "“%s”: %u cards", report->cards),
                          report->deck_title, report->cards);
  counts = g_strdup_printf (_("%u new, %u updated, %u unchanged, %u removed from the file"),
                            report->added, report->updated, report->unchanged, report->removed);
  if (report->conflicts->len > 0)
    {
      g_autofree char *with = g_strdup_printf (ngettext ("%s; %u changed both in the file "
                                                         "and here",
                                                         "%s; %u changed both in the file "
                                                         "and here", report->conflicts->len),
                                               counts, report->conflicts->len);

      g_free (counts);
      counts = g_steal_pointer (&with);
    }
  /* TRANSLATORS: the deck and its cards, a new line, then what happens to them */
  return g_strdup_printf (_("%s\n%s"), deck, counts);
}

EgImportConflicts *
eg_import_preview_get_conflicts (EgImportPreview *self)
{
  GtkWidget *child;

  g_return_val_if_fail (EG_IS_IMPORT_PREVIEW (self), NULL);

  child = adw_bin_get_child (self->conflicts_bin);
  return child != NULL ? EG_IMPORT_CONFLICTS (child) : NULL;
}

/* The rows of cards that take the file's text */
guint
eg_import_preview_get_n_updated (EgImportPreview *self)
{
  g_return_val_if_fail (EG_IS_IMPORT_PREVIEW (self), 0);

  return self->n_updated;
}

/* The groups of warnings */
guint
eg_import_preview_get_n_notices (EgImportPreview *self)
{
  g_return_val_if_fail (EG_IS_IMPORT_PREVIEW (self), 0);

  return self->n_notices;
}

/* Opens every row and every "Details" */
void
eg_import_preview_expand_all (EgImportPreview *self)
{
  g_return_if_fail (EG_IS_IMPORT_PREVIEW (self));

  for (guint i = 0; i < self->expanders->len; i++)
    {
      gpointer expander = g_ptr_array_index (self->expanders, i);

      if (ADW_IS_EXPANDER_ROW (expander))
        adw_expander_row_set_expanded (expander, TRUE);
      else
        gtk_expander_set_expanded (expander, TRUE);
    }
}

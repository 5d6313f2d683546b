/* test-preferences.c - Preferences: each study setting refuses a value the
 * scheduler cannot use (the row says why, nothing is saved) and takes a
 * good one (saved, the scheduler's at once); the style follows the choice;
 * the text size and code font reach the cards at once, the size only
 * within its bounds; the Backups page lists the backups; Ctrl+, opens it
 * from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "eg-application.h"
#include "eg-card-view.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-preferences.h"
#include "eg-review-page-private.h"
#include "eg-test-util.h"
#include "eg-window.h"

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
  GSettings   *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *db = eg_test_tmp_path ("preferences.db");
  g_autofree char *deck = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (deck);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (f->store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_settings_reset (f->settings, "style");
  g_settings_reset (f->settings, "show-intervals");
  g_settings_reset (f->settings, "parts-collapsed");
  g_settings_reset (f->settings, "answer-font-size");
  g_settings_reset (f->settings, "code-font");
  g_clear_object (&f->settings);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

/* every study setting, a value the scheduler cannot use */
static const struct { const char *key; const char *bad; } refused[] = {
  { "desired-retention", "1.5" },
  { "desired-retention", "0.5" },
  { "new-per-day", "-1" },
  { "new-per-day", "lots" },
  { "reviews-per-day", "x" },
  { "learning-steps", "5 parsecs" },
  { "relearning-steps", "abc" },
  { "maximum-interval", "0" },
  { "day-start-hour", "24" },
  { "fuzz", "maybe" },
};

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *preferences = eg_preferences_new (f->scheduler, f->settings);

  gtk_window_present (GTK_WINDOW (preferences));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *before = eg_store_get_setting (f->store, refused[i].key);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      int new_per_day = eg_scheduler_get_settings (f->scheduler)->new_per_day;
      GtkWidget *row = eg_preferences_get_row (EG_PREFERENCES (preferences), refused[i].key);

      g_test_message ("%s = %s", refused[i].key, refused[i].bad);
      g_assert_false (eg_preferences_apply (EG_PREFERENCES (preferences), refused[i].key,
                                            refused[i].bad, &error));
      g_assert_nonnull (error);
      /* said where the value was typed, and in the window */
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_true (eg_gui_test_shows_text (preferences, error->message, FALSE));
      after = eg_store_get_setting (f->store, refused[i].key);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (eg_scheduler_get_settings (f->scheduler)->new_per_day, ==, new_per_day);
    }
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_taken (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *preferences = eg_preferences_new (f->scheduler, f->settings);
  GtkWidget *row = eg_preferences_get_row (EG_PREFERENCES (preferences), "new-per-day");
  const EgSchedulerSettings *settings;
  g_autofree char *saved = NULL;
  g_autofree char *steps = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  /* a refused value, then a good one typed in the row and applied */
  g_assert_false (eg_preferences_apply (EG_PREFERENCES (preferences), "new-per-day", "lots",
                                        NULL));
  gtk_editable_set_text (GTK_EDITABLE (row), " 30 ");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  saved = eg_store_get_setting (f->store, "new-per-day");
  g_assert_cmpstr (saved, ==, "30");

  /* a decimal comma, as German writes it, is taken too */
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "desired-retention", "0,85",
                                       &error));
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "learning-steps", "2m 15m",
                                       &error));
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "day-start-hour", "5",
                                       &error));
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "fuzz", "false", &error));
  g_assert_no_error (error);

  /* the scheduler's at once */
  settings = eg_scheduler_get_settings (f->scheduler);
  g_assert_cmpint (settings->new_per_day, ==, 30);
  g_assert_cmpfloat_with_epsilon (settings->desired_retention, 0.85, 1e-9);
  steps = g_strjoinv (" ", settings->learning_steps);
  g_assert_cmpstr (steps, ==, "2m 15m");
  g_assert_cmpint (settings->day_start_hour, ==, 5);
  g_assert_false (settings->fuzz);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_style (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *preferences = eg_preferences_new (f->scheduler, f->settings);
  AdwComboRow *row = ADW_COMBO_ROW (eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                            "style"));
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (g_settings_get_enum (f->settings, "style"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The grade buttons' intervals show or not as Preferences say */
static void
test_intervals (Fixture       *f,
                gconstpointer  data)
{
  EgWindow *window = eg_window_new (NULL);
  EgReviewPage *page = EG_REVIEW_PAGE (eg_window_get_review_page (window));
  GtkWidget *preferences = eg_preferences_new (f->scheduler, f->settings);
  GtkSwitch *toggle = GTK_SWITCH (eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                          "show-intervals"));

  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->good_interval)));
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "show-intervals"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->again_interval)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->easy_interval)));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->hard_interval)));

  /* named parts behind a click: the review's card view and the library's
   * preview take the choice, at once and when it changes */
  g_settings_set_boolean (f->settings, "parts-collapsed", TRUE);
  eg_window_set_store (window, f->store);
  eg_review_page_ensure_view (page);
  g_assert_true (eg_card_view_get_parts_collapsed (eg_review_page_get_card_view (page)));
  g_assert_true (eg_card_view_get_parts_collapsed (
                   eg_library_page_get_preview (eg_window_get_library_page (window))));
  gtk_switch_set_active (GTK_SWITCH (eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                             "parts-collapsed")), FALSE);
  g_assert_false (eg_card_view_get_parts_collapsed (eg_review_page_get_card_view (page)));
  g_assert_false (eg_card_view_get_parts_collapsed (
                    eg_library_page_get_preview (eg_window_get_library_page (window))));
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget  *web_view;
  const char *script;
  const char *expected;
} EvalWait;

static gboolean
eval_is (gpointer data)
{
  EvalWait *wait = data;
  g_autofree char *value = eg_gui_test_eval (wait->web_view, wait->script, 5000);

  return g_strcmp0 (value, wait->expected) == 0;
}

static gboolean
view_ready (gpointer data)
{
  return eg_card_view_is_ready (data);
}

#define PART_STATE \
  "(() => { const h = document.querySelector('h2.part'); const b = h.nextElementSibling;" \
  " return String(b.hidden) + ' ' + h.getAttribute('aria-expanded'); })()"

/* Named parts behind a click: hidden under a heading that is a button,
 * shown by a click on it; shown at once otherwise */
static void
test_parts_behind_click (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  EgCardView *view = EG_CARD_VIEW (eg_card_view_new ());
  g_autoptr(EgCard) card = g_new0 (EgCard, 1);
  GtkWidget *web_view;

  card->id = 1;
  card->key = g_strdup ("1/1");
  card->question = g_strdup ("What is a goroutine?");
  card->answer = g_strdup ("A lightweight thread.");
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_ptr_array_add (card->parts, eg_card_part_new ("Indepth", "Stacks start at 2 KB."));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (eg_gui_test_wait_for (view_ready, view, 20000));
  web_view = eg_card_view_get_web_view (view);

  eg_card_view_set_parts_collapsed (view, TRUE);
  eg_card_view_show_card (view, card, NULL, TRUE, 1);
  g_assert_true (eg_gui_test_wait_for (eval_is, &(EvalWait) { web_view, PART_STATE,
                                                             "true false" }, 5000));
  g_free (eg_gui_test_eval (web_view, "document.querySelector('h2.part').click(); ''", 5000));
  g_assert_true (eg_gui_test_wait_for (eval_is, &(EvalWait) { web_view, PART_STATE,
                                                             "false true" }, 5000));

  eg_card_view_set_parts_collapsed (view, FALSE);
  eg_card_view_show_card (view, card, NULL, TRUE, 2);
  g_assert_true (eg_gui_test_wait_for (eval_is, &(EvalWait) { web_view, PART_STATE,
                                                             "false null" }, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

#define ANSWER_SIZE \
  "getComputedStyle (document.querySelector ('#answer-body p')).fontSize"
#define CODE_FONT \
  "getComputedStyle (document.querySelector ('#answer-body pre code')).fontFamily"

static EgCard *
card_with_code (void)
{
  EgCard *card = g_new0 (EgCard, 1);

  card->id = 1;
  card->key = g_strdup ("1/1");
  card->question = g_strdup ("How do you print in Go?");
  card->answer = g_strdup ("With `fmt`:\n\n```go\nfmt.Println (\"hello\")\n```\n");
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  return card;
}

/* Both views, the review's and the library's preview, say @expected */
static gboolean
views_say (GtkWidget  *views[2],
           const char *script,
           const char *expected)
{
  for (guint i = 0; i < 2; i++)
    if (!eg_gui_test_wait_for (eval_is, &(EvalWait) { views[i], script, expected }, 5000))
      {
        g_autofree char *value = eg_gui_test_eval (views[i], script, 5000);

        g_test_message ("view %u: %s is %s, not %s", i, script, value, expected);
        return FALSE;
      }
  return TRUE;
}

/* The text size and the code font: their rows change the keys, and the
 * cards shown in review and in the library's preview take them at once */
static void
test_fonts (Fixture       *f,
            gconstpointer  data)
{
  EgWindow *window = eg_window_new (NULL);
  EgReviewPage *page = EG_REVIEW_PAGE (eg_window_get_review_page (window));
  g_autoptr(EgCard) card = card_with_code ();
  GtkWidget *preferences;
  EgCardView *cards[2];
  GtkWidget *views[2];
  GtkSpinButton *size;
  GtkWidget *font;
  g_autofree char *family = NULL;

  eg_window_set_store (window, f->store);
  eg_review_page_ensure_view (page);
  cards[0] = eg_review_page_get_card_view (page);
  cards[1] = eg_library_page_get_preview (eg_window_get_library_page (window));
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (eg_gui_test_wait_for (view_ready, cards[i], 20000));
      views[i] = eg_card_view_get_web_view (cards[i]);
      eg_card_view_show_card (cards[i], card, NULL, TRUE, 1);
    }
  g_assert_true (views_say (views, ANSWER_SIZE, "17px"));

  preferences = eg_preferences_new (f->scheduler, f->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  size = GTK_SPIN_BUTTON (eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                  "answer-font-size"));
  gtk_spin_button_set_value (size, 24);
  g_assert_cmpint (g_settings_get_int (f->settings, "answer-font-size"), ==, 24);
  g_assert_true (views_say (views, ANSWER_SIZE, "24px"));

  /* another code font, chosen as a user does; then the system's again */
  font = eg_preferences_get_row (EG_PREFERENCES (preferences), "code-font");
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (font), "DejaVu Sans Mono 11");
  g_signal_emit_by_name (font, "font-set");
  family = g_settings_get_string (f->settings, "code-font");
  g_assert_cmpstr (family, ==, "DejaVu Sans Mono");
  g_assert_true (views_say (views, CODE_FONT, "\"DejaVu Sans Mono\", monospace"));
  g_assert_true (views_say (views, ANSWER_SIZE, "24px"));
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (font), "eg-reset"), "clicked");
  g_clear_pointer (&family, g_free);
  family = g_settings_get_string (f->settings, "code-font");
  g_assert_cmpstr (family, ==, "");
  g_assert_true (views_say (views, CODE_FONT, "monospace"));

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The text size stays within the key's range: a value typed outside it is
 * refused (the key keeps its value), and the widget goes no further */
static void
test_font_bounds (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *preferences = eg_preferences_new (f->scheduler, f->settings);
  GtkSpinButton *size = GTK_SPIN_BUTTON (eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                                 "answer-font-size"));
  const char *typed[] = { "99", "5", "0", "-20", "33", "11" };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) too_big = g_variant_ref_sink (g_variant_new_int32 (33));
  g_autoptr(GVariant) too_small = g_variant_ref_sink (g_variant_new_int32 (11));

  /* the schema's range */
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "answer-font-size");
  g_assert_false (g_settings_schema_key_range_check (key, too_big));
  g_assert_false (g_settings_schema_key_range_check (key, too_small));
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_spin_button_set_value (size, 20);
  g_assert_cmpint (g_settings_get_int (f->settings, "answer-font-size"), ==, 20);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_test_message ("typed %s", typed[i]);
      gtk_editable_set_text (GTK_EDITABLE (size), typed[i]);
      gtk_spin_button_update (size);
      g_assert_cmpint (g_settings_get_int (f->settings, "answer-font-size"), ==, 20);
    }
  gtk_spin_button_set_value (size, 99);
  g_assert_cmpint (g_settings_get_int (f->settings, "answer-font-size"), ==, 32);
  gtk_spin_button_set_value (size, 1);
  g_assert_cmpint (g_settings_get_int (f->settings, "answer-font-size"), ==, 12);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

typedef struct
{
  EgBackupList *list;
  guint         n;
} ListWait;

static gboolean
list_has (gpointer data)
{
  ListWait *wait = data;

  return !eg_backup_list_is_loading (wait->list) &&
         eg_backup_list_get_n_backups (wait->list) == wait->n;
}

/* The Backups page: in the window, listing the collection's backups */
static void
test_backups_page (Fixture       *f,
                   gconstpointer  data)
{
  const char *path = eg_store_get_path (f->store);
  gint64 now = eg_time_now_ms ();
  GtkWidget *preferences;
  AdwPreferencesWindow *window;
  EgBackupList *list;
  g_autoptr(GPtrArray) backups = NULL;
  GtkWidget *page;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(EgBackupInfo) info = eg_backup_create (f->store, EG_BACKUP_REASON_MANUAL,
                                                       now - (2 - i) * 3600 * 1000, NULL,
                                                       &error);
      g_assert_no_error (error);
      g_assert_nonnull (info);
    }
  backups = eg_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);

  preferences = eg_preferences_new (f->scheduler, f->settings);
  window = ADW_PREFERENCES_WINDOW (preferences);
  eg_preferences_set_collection (EG_PREFERENCES (preferences), path);
  gtk_window_present (GTK_WINDOW (preferences));
  adw_preferences_window_set_visible_page_name (window, "backups");
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (window), ==, "backups");

  list = eg_preferences_get_backup_list (EG_PREFERENCES (preferences));
  page = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_PAGE);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page)), ==, "backups");
  g_assert_true (gtk_widget_get_ancestor (page, EG_TYPE_PREFERENCES) == preferences);
  g_assert_true (eg_gui_test_wait_for (list_has, &(ListWait) { list, backups->len }, 10000));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (list), "Backed up by you", TRUE));
  g_assert_true (eg_gui_test_shows_text (preferences, "Back Up Now", TRUE));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
preferences_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (EG_TYPE_PREFERENCES, NULL) != NULL;
}

static void
test_shortcut (Fixture       *f,
               gconstpointer  data)
{
  EgWindow *window = eg_window_new (NULL);
  GtkWindow *preferences;

  eg_window_set_store (window, f->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  g_assert_true (eg_gui_test_wait_for (preferences_shown, NULL, 5000));
  preferences = eg_gui_test_find_toplevel (EG_TYPE_PREFERENCES, NULL);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (preferences), "New Cards per Day", FALSE));
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-preferences");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add ("/gui/preferences/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/gui/preferences/taken", Fixture, NULL, fixture_setup, test_taken,
              fixture_teardown);
  g_test_add ("/gui/preferences/style", Fixture, NULL, fixture_setup, test_style,
              fixture_teardown);
  g_test_add ("/gui/preferences/intervals", Fixture, NULL, fixture_setup, test_intervals,
              fixture_teardown);
  g_test_add ("/gui/preferences/parts-behind-click", Fixture, NULL, fixture_setup,
              test_parts_behind_click, fixture_teardown);
  g_test_add ("/gui/preferences/fonts", Fixture, NULL, fixture_setup, test_fonts,
              fixture_teardown);
  g_test_add ("/gui/preferences/font-bounds", Fixture, NULL, fixture_setup, test_font_bounds,
              fixture_teardown);
  g_test_add ("/gui/preferences/backups-page", Fixture, NULL, fixture_setup, test_backups_page,
              fixture_teardown);
  g_test_add ("/gui/preferences/shortcut", Fixture, NULL, fixture_setup, test_shortcut,
              fixture_teardown);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

/* test-a11y.c - every control of every main screen has an accessible name
 * (issue 16, point 4)
 *
 * GTK computes the name a screen reader hears from the accessible "label"
 * property and the "labelled-by" relation only (gtkatcontext.c,
 * gtk_at_context_get_name()); a tooltip becomes the description, and an
 * icon-only button is labelled by its image, which has no name.  This test
 * runs with GTK's test AT context (GTK_A11Y=test), reads the label and the
 * relation through GTK's public test API (gtktestatcontext.h), walks the
 * widget tree of each screen and fails on a shown interactive widget that
 * has no name, or one with a mnemonic's underscore in it, naming its type
 * and its path in the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "eg-application.h"
#include "eg-card-editor.h"
#include "eg-card-info.h"
#include "eg-card-row.h"
#include "eg-core.h"
#include "eg-grade-label.h"
#include "eg-gui-test.h"
#include "eg-import-preview.h"
#include "eg-library-page-private.h"
#include "eg-stats-window.h"
#include "eg-test-util.h"
#include "eg-window.h"
#include "review-fixture.h"

#define FIRST_SECTION 1
/* a value no label has: gtk_test_accessible_check_property() then returns
 * the real one */
#define NO_SUCH_LABEL "\x01"

typedef struct
{
  GHashTable *by_address;   /* "%p" -> GtkWidget, every widget of the tree */
  GString    *unnamed;      /* one line per offending widget */
  guint       n_checked;
} Walk;

static void
collect (Walk      *walk,
         GtkWidget *widget)
{
  g_hash_table_insert (walk->by_address, g_strdup_printf ("%p", (void *) widget), widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (walk, child);
}

/* The accessible's own label, as GTK stores it, or NULL */
static char *
own_label (GtkAccessible *accessible)
{
  char *label;

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  label = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              NO_SUCH_LABEL);
  if (label != NULL && *g_strstrip (label) == '\0')
    g_clear_pointer (&label, g_free);
  return label;
}

/* The labels of the widgets @accessible is labelled by: GTK prints the
 * relation's value as "Type<0x...>" for each of them; they are found among
 * the widgets of the tree by their address. */
static char *
labelled_by (Walk          *walk,
             GtkAccessible *accessible)
{
  g_autofree char *refs = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *at;

  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return NULL;
  refs = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                             NULL);
  for (at = refs != NULL ? strchr (refs, '<') : NULL; at != NULL; at = strchr (at + 1, '<'))
    {
      const char *end = strchr (at, '>');
      g_autofree char *address = NULL;
      g_autofree char *label = NULL;
      GtkWidget *target;

      if (end == NULL)
        break;
      address = g_strndup (at + 1, end - at - 1);
      target = g_hash_table_lookup (walk->by_address, address);
      if (target != NULL)
        label = own_label (GTK_ACCESSIBLE (target));
      if (label != NULL)
        g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", label);
    }
  return names->len > 0 ? g_strdup (names->str) : NULL;
}

static gboolean
is_interactive (GtkWidget *widget)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    default:
      break;
    }
  /* a row the keyboard activates: its name is what is read */
  return GTK_IS_LIST_BOX_ROW (widget) && ADW_IS_ACTION_ROW (widget)
         && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));
}

/* "EgWindow > AdwToastOverlay > … > GtkButton#id .css (tooltip)" */
static char *
describe (GtkWidget *widget)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) path = g_string_new (NULL);
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w))
                                            : NULL;

      g_ptr_array_insert (parts, 0, id != NULL ? g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id)
                                               : g_strdup (G_OBJECT_TYPE_NAME (w)));
    }
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (path, "%s%s", i > 0 ? " > " : "", (char *) parts->pdata[i]);
  for (guint i = 0; classes != NULL && classes[i] != NULL; i++)
    g_string_append_printf (path, " .%s", classes[i]);
  if (tooltip != NULL)
    g_string_append_printf (path, " (tooltip “%s”)", tooltip);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* "_Review", "Add _Part": GTK 4.8 names a button after its label as
 * written (see eg-mnemonic-names.c) */
static gboolean
has_mnemonic_underscore (const char *name)
{
  for (const char *p = strchr (name, '_'); p != NULL; p = strchr (p + 1, '_'))
    if (g_ascii_isalnum (p[1]) && (p == name || !(g_ascii_isalnum (p[-1]) || p[-1] == '_')))
      return TRUE;
  return FALSE;
}

static void
check (Walk      *walk,
       GtkWidget *widget)
{
  /* what is not on screen: hidden, or of no size (WebKit's web view holds
   * a 0 x 0 GtkTextView of its own; the page's content is exposed through
   * WebKit's accessibility tree, see test_review_page_aria()) */
  if (!gtk_widget_get_mapped (widget)
      || gtk_widget_get_width (widget) == 0 || gtk_widget_get_height (widget) == 0)
    return;
  if (is_interactive (widget))
    {
      g_autofree char *label = own_label (GTK_ACCESSIBLE (widget));
      g_autofree char *by = label == NULL ? labelled_by (walk, GTK_ACCESSIBLE (widget)) : NULL;

      walk->n_checked++;
      if (label == NULL && by == NULL)
        {
          g_autofree char *where = describe (widget);

          g_string_append_printf (walk->unnamed, "\n  no accessible name: %s", where);
        }
      else if (has_mnemonic_underscore (label != NULL ? label : by))
        {
          g_autofree char *where = describe (widget);

          g_string_append_printf (walk->unnamed, "\n  “%s”, the mnemonic's underscore read out: %s",
                                  label != NULL ? label : by, where);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check (walk, child);
}

/* Fails, listing them, on the shown interactive widgets of @root without a
 * name; returns how many were checked. */
static guint
assert_all_named (GtkWidget  *root,
                  const char *screen)
{
  Walk walk = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_string_new (NULL), 0 };

  collect (&walk, root);
  check (&walk, root);
  g_test_message ("%s: %u interactive widgets checked", screen, walk.n_checked);
  if (walk.unnamed->len > 0)
    {
      g_test_message ("%s:%s", screen, walk.unnamed->str);
      g_test_fail ();
    }
  g_assert_cmpuint (walk.n_checked, >, 0);
  g_hash_table_unref (walk.by_address);
  g_string_free (walk.unnamed, TRUE);
  return walk.n_checked;
}

/* The window on the seed deck, @width pixels wide */
static EgWindow *
seeded_window_sized (EgStore **store_out,
                     int       width)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EgStore *store;
  EgWindow *window;

  g_remove (db);
  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  *store_out = store;
  return window;
}

static EgWindow *
seeded_window (EgStore **store_out)
{
  return seeded_window_sized (store_out, 1280);
}

static gboolean
time_passed (gpointer data)
{
  return FALSE;
}

/* Lets the main loop run @ms, so that what is queued is shown */
static void
settle (guint ms)
{
  eg_gui_test_wait_for (time_passed, NULL, ms);
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The library: sidebar, search, table and the preview of a selected card */
static void
test_library (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  EgLibraryPage *page = eg_window_get_library_page (window);

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  gtk_selection_model_select_item (eg_library_page_get_card_selection (page), 1, TRUE);
  g_assert_true (eg_gui_test_wait_for (mapped, eg_library_page_get_preview (page), 10000));
  settle (300);
  assert_all_named (GTK_WIDGET (window), "library");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
folded (gpointer data)
{
  EgLibraryPage *page = data;

  return adw_leaflet_get_folded (page->leaflet);
}

/* The library at 360 px: one pane at a time, Review as an icon */
static void
test_library_narrow (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window_sized (&store, 360);
  EgLibraryPage *page = eg_window_get_library_page (window);

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "Due Today", FALSE, 10000));
  g_assert_true (eg_gui_test_wait_for (folded, page, 5000));
  settle (300);
  assert_all_named (GTK_WIDGET (window), "library at 360 px, sidebar");
  /* a section, as a click or Enter opens it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page->sidebar_list), "list.activate-item",
                                             "u", FIRST_SECTION));
  g_assert_true (eg_gui_test_wait_for (mapped, page->card_table, 5000));
  settle (300);
  assert_all_named (GTK_WIDGET (window), "library at 360 px, cards");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *list;
} FocusWait;

static gboolean
focus_left (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && focus != wait->list && !gtk_widget_is_ancestor (focus, wait->list);
}

static gboolean
focus_in (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, wait->list);
}

/* Presses @key on the X display, as a user does (XTEST) */
static gboolean
press (const char *key)
{
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", key, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Tab on a row of the sidebar or of the card table goes on to the next
 * part of the page (GTK 4.8 went to the next row: 245 presses through the
 * table); Shift+Tab comes back. */
static void
test_tab_leaves_lists (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  EgWindow *window;
  EgLibraryPage *page;
  GtkWidget *lists[2];

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }
  window = seeded_window (&store);
  page = eg_window_get_library_page (window);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  settle (500);
  lists[0] = GTK_WIDGET (page->sidebar_list);
  lists[1] = GTK_WIDGET (eg_library_page_get_card_table (page));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      FocusWait wait = { GTK_WIDGET (window), lists[i] };

      g_assert_true (gtk_widget_grab_focus (lists[i]));
      g_assert_true (eg_gui_test_wait_for (focus_in, &wait, 2000));
      g_assert_true (press ("Tab"));
      g_assert_true (eg_gui_test_wait_for (focus_left, &wait, 3000));
      g_test_message ("Tab from the %s: the focus is on a %s", i == 0 ? "sidebar" : "table",
                      G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
focus_on_card (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (f->view));
}

static gboolean
focus_off_card (gpointer data)
{
  return !focus_on_card (data);
}

/* Tab goes round the review: the grade buttons, the header's buttons, the
 * card, and out of the card again (WebKit's own text view took the focus
 * after the card and kept it, Tab after Tab). */
static void
test_review_tab_round (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  Fixture f = { 0 };
  gboolean on_card = FALSE;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }
  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  settle (300);
  for (int i = 0; i < 10 && !on_card; i++)
    {
      g_assert_true (press ("Tab"));
      on_card = eg_gui_test_wait_for (focus_on_card, &f, 500);
    }
  g_assert_true (on_card);
  g_assert_true (press ("Tab"));
  g_assert_true (eg_gui_test_wait_for (focus_off_card, &f, 3000));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f.window));
    g_autofree char *where = focus != NULL ? describe (focus) : g_strdup ("nothing");

    g_test_message ("Tab after the card: the focus is on %s", where);
  }
  fixture_teardown (&f);
}

static gboolean
session_done (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (eg_review_page_get_visible (f->page), "done") == 0;
}

/* The review: the question, then the answer with its grade buttons */
static void
test_review (void)
{
  Fixture f = { 0 };

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  settle (200);
  assert_all_named (GTK_WIDGET (f.window), "review, question");
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  settle (200);
  assert_all_named (GTK_WIDGET (f.window), "review, answer");

  /* Easy on each card: the session's end page */
  for (int i = 0; i < 3; i++)
    {
      if (i > 0)
        g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f.page), "review.grade",
                                                         g_variant_new_int32 (4)));
      settle (300);
    }
  g_assert_true (eg_gui_test_wait_for (session_done, &f, 5000));
  settle (300);
  assert_all_named (GTK_WIDGET (f.window), "review, done");
  fixture_teardown (&f);
}

/* The shown grade button with @grade, in @root */
static GtkWidget *
grade_button (GtkWidget *root,
              int        grade)
{
  GVariant *target;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "review.grade") == 0
      && (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root))) != NULL
      && g_variant_is_of_type (target, G_VARIANT_TYPE_INT32)
      && g_variant_get_int32 (target) == grade)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = grade_button (child, grade);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the button's interval label ("10m", "3d") */
static const char *
shown_interval (GtkWidget *button)
{
  GtkWidget *w = button;

  /* the last label, depth first: the interval */
  while (gtk_widget_get_last_child (w) != NULL)
    w = gtk_widget_get_last_child (w);
  return GTK_IS_LABEL (w) ? gtk_label_get_text (GTK_LABEL (w)) : NULL;
}

static void
spoken_is (gint64      interval_ms,
           const char *expected)
{
  g_autofree char *spoken = eg_grade_label_spoken_interval (interval_ms);

  g_assert_cmpstr (spoken, ==, expected);
}

/* A grade button says its grade and the interval it gives, in words; the
 * words are those of the interval the button shows. */
static void
test_grade_buttons (void)
{
  const char *grades[] = { "Again", "Hard", "Good", "Easy" };
  g_autofree char *text = NULL;
  Fixture f = { 0 };

  spoken_is (20 * 1000, "less than a minute");
  spoken_is (60 * 1000, "1 minute");
  spoken_is (10 * 60 * 1000, "10 minutes");
  spoken_is (5 * 3600 * 1000, "5 hours");
  spoken_is (G_GINT64_CONSTANT (3) * 86400 * 1000, "3 days");
  spoken_is (G_GINT64_CONSTANT (46) * 86400 * 1000, "1.5 months");
  spoken_is (G_GINT64_CONSTANT (365) * 86400 * 1000, "1 year");
  text = eg_grade_label_text (3, -1);
  g_assert_cmpstr (text, ==, "Good");

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  settle (200);
  for (int grade = 1; grade <= 4; grade++)
    {
      GtkWidget *button = grade_button (GTK_WIDGET (f.page), grade);
      const char *interval;
      g_autofree char *label = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s, in ", grades[grade - 1]);
      g_autofree char *number = NULL;

      g_assert_nonnull (button);
      if (button == NULL)
        continue;
      interval = shown_interval (button);
      g_assert_nonnull (interval);
      label = own_label (GTK_ACCESSIBLE (button));
      g_test_message ("grade %d shows “%s”, is read “%s”", grade, interval,
                      label != NULL ? label : "(no label)");
      g_assert_nonnull (label);
      if (label == NULL || interval == NULL)
        continue;
      g_assert_true (g_str_has_prefix (label, prefix));
      /* "10m" is read "in 10 minutes", "1.5mo" "in 1.5 months" */
      number = g_strndup (interval, strspn (interval, "0123456789."));
      if (*number != '\0')
        {
          g_autofree char *words = g_strdup_printf ("in %s ", number);

          g_assert_nonnull (strstr (label, words));
        }
      /* the grade is read once: the mnemonic label no longer names it */
      g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    }
  fixture_teardown (&f);
}

/* The card page for a screen reader: the question and the answer are named
 * regions; the answer is in a polite live region, so that a reveal is read
 * out, and holds the answer's text once revealed. */
static void
test_review_page_aria (void)
{
  Fixture f = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  before = page_eval (&f, "(() => {"
                          " const q = document.getElementById('question');"
                          " const a = document.getElementById('answer');"
                          " const live = a.closest('[aria-live]');"
                          " return [q.getAttribute('aria-label'), q.textContent.trim(),"
                          "         a.getAttribute('role'), a.getAttribute('aria-label'),"
                          "         live ? live.getAttribute('aria-live') : 'none',"
                          "         live ? live.contains(a) && !live.hidden : false,"
                          "         a.hidden].join('|'); })()");
  g_assert_cmpstr (before, ==, "Question|What is a goroutine?|region|Answer|polite|true|true");

  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  after = page_eval (&f, "(() => {"
                         " const a = document.getElementById('answer');"
                         " const live = a.closest('[aria-live]');"
                         " return [live ? live.getAttribute('aria-live') : 'none', a.hidden,"
                         "         document.getElementById('answer-body').textContent.trim()"
                         "        ].join('|'); })()");
  g_assert_cmpstr (after, ==, "polite|false|A lightweight thread managed by the Go runtime.");
  fixture_teardown (&f);
}

static void
find_pages (GtkWidget *widget,
            GPtrArray *pages)
{
  /* the window's pages, not those of a subpage */
  if (ADW_IS_PREFERENCES_PAGE (widget) && ADW_IS_VIEW_STACK (gtk_widget_get_parent (widget)))
    {
      g_ptr_array_add (pages, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_pages (child, pages);
}

/* The desktop's high contrast (here libadwaita's debug switch, as the
 * a11y interface setting or the settings portal would) reaches the card
 * page: its text is black, not the usual 80 % grey. */
static void
test_high_contrast (void)
{
  Fixture f = { 0 };
  g_autofree char *page = NULL;

  g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  page = page_eval (&f, "document.documentElement.classList.contains('hc') + '|'"
                        " + getComputedStyle(document.getElementById('question')).color");
  g_assert_cmpstr (page, ==, "true|rgb(0, 0, 0)");
  fixture_teardown (&f);
}

/* Each page of the preferences: General, Workload, Backups */
static void
assert_pages_named (AdwPreferencesWindow *preferences)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  find_pages (GTK_WIDGET (preferences), pages);
  g_assert_cmpuint (pages->len, >, 1);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *screen = g_strdup_printf ("preferences, page %u", i + 1);

      adw_preferences_window_set_visible_page (preferences, pages->pdata[i]);
      settle (300);
      assert_all_named (GTK_WIDGET (preferences), screen);
    }
}

/* The card editor, the card info and the preferences, over the library */
static void
test_windows (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCardRow) row = NULL;
  EgWindow *window = seeded_window (&store);
  EgLibraryPage *page = eg_window_get_library_page (window);
  GtkWidget *editor;
  GtkWidget *info;
  GtkWidget *preferences;

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  gtk_selection_model_select_item (eg_library_page_get_card_selection (page), 1, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "library.edit-card", NULL));
  editor = GTK_WIDGET (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  if (editor != NULL)
    {
      g_assert_true (eg_gui_test_wait_for (mapped, editor, 5000));
      settle (200);
      assert_all_named (editor, "card editor");
      gtk_window_destroy (GTK_WINDOW (editor));
    }

  row = g_list_model_get_item (eg_library_page_get_cards (page), 1);
  info = eg_card_info_new (eg_window_get_scheduler (window), eg_card_row_get_id (row),
                           eg_time_now_ms (), &error);
  g_assert_no_error (error);
  gtk_window_set_transient_for (GTK_WINDOW (info), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (info));
  g_assert_true (eg_gui_test_wait_for (mapped, info, 5000));
  settle (200);
  assert_all_named (info, "card info");
  gtk_window_destroy (GTK_WINDOW (info));

  preferences = eg_window_show_preferences (window, NULL);
  g_assert_nonnull (preferences);
  if (preferences != NULL)
    {
      g_assert_true (eg_gui_test_wait_for (mapped, preferences, 5000));
      assert_pages_named (ADW_PREFERENCES_WINDOW (preferences));
      gtk_window_destroy (GTK_WINDOW (preferences));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
stats_loaded (gpointer data)
{
  GtkWindow *window = eg_gui_test_find_toplevel (EG_TYPE_STATS_WINDOW, NULL);

  return window != NULL && eg_stats_window_is_loaded (EG_STATS_WINDOW (window));
}

/* The import preview of a changed deck, opened, and the statistics */
static void
test_import_preview_and_stats (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autofree char *seed_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autofree char *changed_path = eg_test_tmp_path ("changed.md");
  g_autofree char *seed = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (changed_path);
  EgWindow *window = seeded_window (&store);
  AdwMessageDialog *dialog;
  GtkWindow *stats;

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (g_file_get_contents (seed_path, &seed, NULL, NULL));
  changed = g_strconcat (seed, "\n---\n\n### 999. What is a new card?\nA card the import adds.\n",
                         NULL);
  g_assert_true (g_file_set_contents (changed_path, changed, -1, NULL));
  eg_window_import_file (window, file);
  dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000);
  g_assert_nonnull (dialog);
  if (dialog != NULL)
    {
      GtkWidget *preview = adw_message_dialog_get_extra_child (dialog);

      g_assert_true (eg_gui_test_wait_for (mapped, dialog, 5000));
      settle (200);
      assert_all_named (GTK_WIDGET (dialog), "import preview");
      if (preview != NULL)
        {
          eg_import_preview_expand_all (EG_IMPORT_PREVIEW (preview));
          settle (300);
          assert_all_named (GTK_WIDGET (dialog), "import preview, opened");
        }
      adw_message_dialog_response (dialog, "cancel");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.statistics", NULL));
  g_assert_true (eg_gui_test_wait_for (stats_loaded, NULL, 20000));
  stats = eg_gui_test_find_toplevel (EG_TYPE_STATS_WINDOW, NULL);
  g_assert_nonnull (stats);
  if (stats != NULL)
    {
      assert_all_named (GTK_WIDGET (stats), "statistics");
      gtk_window_destroy (stats);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-a11y");
  /* GTK's test AT context keeps every accessible property for us to read;
   * it needs no session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* and the screens are checked in the high-contrast style */
  g_setenv ("ADW_DEBUG_HIGH_CONTRAST", "1", TRUE);

  g_test_init (&argc, &argv, NULL);
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      /* TAP: skip the whole plan when there is no display */
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/a11y/library", test_library);
  g_test_add_func ("/gui/a11y/library-narrow", test_library_narrow);
  g_test_add_func ("/gui/a11y/review", test_review);
  g_test_add_func ("/gui/a11y/review-tab-round", test_review_tab_round);
  g_test_add_func ("/gui/a11y/tab-leaves-lists", test_tab_leaves_lists);
  g_test_add_func ("/gui/a11y/grade-buttons", test_grade_buttons);
  g_test_add_func ("/gui/a11y/review-page-aria", test_review_page_aria);
  g_test_add_func ("/gui/a11y/high-contrast", test_high_contrast);
  g_test_add_func ("/gui/a11y/editor-info-preferences", test_windows);
  g_test_add_func ("/gui/a11y/import-preview-and-stats", test_import_preview_and_stats);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}

/* bench-card-view.c - what highlights add to revealing an answer
 *
 * The review page's trace times a reveal from the key to the first frame
 * the card view paints with the answer (its "revealed" message, sent after
 * that frame).  Here the same span is timed in a card view alone, on the
 * shipped deck's 60 cards with the longest answers, in three rounds, each
 * card revealed twice: with no annotations, and with 50 highlights (four
 * colours, every third with a comment, over the answer and its parts) and a
 * note.  Target: the median with 50 highlights at most 5 ms above the
 * median without.
 *
 *   bench-card-view DECK     (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eg-application.h"
#include "eg-card-view.h"
#include "eg-core.h"
#include "eg-test-util.h"

#define N_CARDS      60
#define N_ROUNDS     3
#define N_HIGHLIGHTS 50

typedef struct
{
  EgCardView *view;
  char       *kind;     /* of the last message */
  guint64     token;
  GArray     *web_pids; /* our web processes */
  double      cpu_ms;   /* their CPU time over the last reveal */
} Bench;

static gboolean
read_stat (int     pid,
           int    *ppid,
           char  **comm,
           double *cpu_ms)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (close = strrchr (text, ')')) == NULL)
    return FALSE;
  /* after "pid (comm) ": state ppid ... utime (14th field) stime (15th) */
  fields = g_strsplit (close + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return FALSE;
  if (ppid != NULL)
    *ppid = atoi (fields[1]);
  if (comm != NULL)
    *comm = g_strndup (strchr (text, '(') + 1, close - strchr (text, '(') - 1);
  if (cpu_ms != NULL)
    *cpu_ms = (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) *
              1000.0 / sysconf (_SC_CLK_TCK);
  return TRUE;
}

/* The WebKitWebProcess processes started under this one (bwrap between) */
static GArray *
find_web_processes (void)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int pid = atoi (name);
      g_autofree char *comm = NULL;
      int up = pid;

      if (pid <= 0 || !read_stat (pid, NULL, &comm, NULL) || !g_str_has_prefix (comm, "WebKitWebProc"))
        continue;
      for (int depth = 0; depth < 8 && up > 1 && up != getpid (); depth++)
        if (!read_stat (up, &up, NULL, NULL))
          break;
      if (up == getpid ())
        g_array_append_val (pids, pid);
    }
  return pids;
}

static double
web_cpu_ms (Bench *bench)
{
  double total = 0;

  for (guint i = 0; bench->web_pids != NULL && i < bench->web_pids->len; i++)
    {
      double cpu = 0;

      if (read_stat (g_array_index (bench->web_pids, int, i), NULL, NULL, &cpu))
        total += cpu;
    }
  return total;
}

static void
painted_cb (EgCardView *view,
            const char *kind,
            guint64     token,
            Bench      *bench)
{
  g_free (bench->kind);
  bench->kind = g_strdup (kind);
  bench->token = token;
  g_main_context_wakeup (NULL);
}

/* Runs the main loop (blocking: the X server and WebKit need the CPU) until
 * the page reports @kind with @token */
static gboolean
wait_painted (Bench      *bench,
              const char *kind,
              guint64     token)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!(bench->token == token && g_strcmp0 (bench->kind, kind) == 0))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static void
add_highlights (GPtrArray    *annotations,
                const EgCard *card,
                const char   *field,
                guint         n)
{
  const char * const *colors = eg_annotation_colors ();
  g_autofree char *text = eg_annotation_field_text (card, field);
  guint length = g_utf8_strlen (text, -1);
  guint step = length / n;

  for (guint i = 0; i < n && step > 0; i++)
    {
      EgAnnotation *annotation = eg_annotation_new (EG_ANNOTATION_HIGHLIGHT);
      guint start = i * step;

      annotation->id = annotations->len + 1;
      annotation->card_id = card->id;
      annotation->field = g_strdup (field);
      annotation->anchor = eg_anchor_describe (text, start, start + MAX (1, step * 2 / 3));
      annotation->color = g_strdup (colors[i % g_strv_length ((char **) colors)]);
      annotation->body = g_strdup (i % 3 == 0 ? "A comment" : "");
      g_ptr_array_add (annotations, annotation);
    }
}

/* 50 highlights over the answer (40) and the first part (10), and a note
 * when @with_note */
static GPtrArray *
make_annotations (const EgCard *card,
                  gboolean      with_note)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  EgAnnotation *note = eg_annotation_new (EG_ANNOTATION_NOTE);

  if (card->parts->len > 0)
    {
      EgCardPart *part = g_ptr_array_index (card->parts, 0);
      g_autofree char *field = g_strconcat (EG_ANNOTATION_FIELD_PART, part->name, NULL);

      add_highlights (annotations, card, EG_ANNOTATION_FIELD_ANSWER, N_HIGHLIGHTS - 10);
      add_highlights (annotations, card, field, 10);
    }
  else
    add_highlights (annotations, card, EG_ANNOTATION_FIELD_ANSWER, N_HIGHLIGHTS);
  note->id = annotations->len + 1;
  note->body = g_strdup ("My **note** with `code`.");
  if (with_note)
    g_ptr_array_add (annotations, note);
  else
    eg_annotation_free (note);
  return annotations;
}

/* Shows @card, its question only, then times the reveal */
static double
time_reveal (Bench        *bench,
             const EgCard *card,
             GPtrArray    *annotations,
             guint64      *token)
{
  gint64 start;
  double cpu;

  eg_card_view_show_card (bench->view, (EgCard *) card, "go", FALSE, ++*token);
  eg_card_view_set_annotations (bench->view, annotations);
  g_assert_true (wait_painted (bench, "shown", *token));
  /* let the page settle, as a user reading the question does */
  for (int i = 0; i < 5; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE));
    }

  cpu = web_cpu_ms (bench);
  start = g_get_monotonic_time ();
  eg_card_view_reveal (bench->view, ++*token);
  g_assert_true (wait_painted (bench, "revealed", *token));
  bench->cpu_ms = web_cpu_ms (bench) - cpu;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static double
percentile_95 (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) (samples->len * 0.95)));
}

static gint
longer_answer (gconstpointer a,
               gconstpointer b)
{
  const EgCard *x = *(EgCard * const *) a;
  const EgCard *y = *(EgCard * const *) b;

  return (int) strlen (y->answer) - (int) strlen (x->answer);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) annotated = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) highlighted = g_array_new (FALSE, FALSE, sizeof (double));
  double cpu_plain = 0;
  double cpu_annotated = 0;
  Bench bench = { NULL, };
  GtkWidget *window;
  guint64 token = 0;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-bench-card-view");
  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-card-view DECK\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-card-view: no display\n");
      return 1;
    }
  adw_init ();
  eg_gui_init_resources ();

  file = g_file_new_for_commandline_arg (argv[1]);
  deck = eg_deck_load (file, NULL, &error);
  if (deck == NULL)
    {
      fprintf (stderr, "bench-card-view: %s\n", error->message);
      return 1;
    }
  for (guint s = 0; s < deck->sections->len; s++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, s);

      for (guint c = 0; c < section->cards->len; c++)
        {
          EgDeckCard *deck_card = g_ptr_array_index (section->cards, c);
          EgCard *card = g_new0 (EgCard, 1);

          card->id = cards->len + 1;
          card->key = g_strdup (deck_card->key);
          card->question = g_strdup (deck_card->question);
          card->answer = g_strdup (deck_card->answer);
          card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
          for (guint p = 0; p < deck_card->parts->len; p++)
            {
              EgCardPart *part = g_ptr_array_index (deck_card->parts, p);

              g_ptr_array_add (card->parts, eg_card_part_new (part->name, part->text));
            }
          g_ptr_array_add (cards, card);
        }
    }
  g_ptr_array_sort (cards, longer_answer);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  bench.view = EG_CARD_VIEW (eg_card_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.view));
  g_signal_connect (bench.view, "painted", G_CALLBACK (painted_cb), &bench);
  gtk_window_present (GTK_WINDOW (window));
  while (!eg_card_view_is_ready (bench.view))
    g_main_context_iteration (NULL, TRUE);

  bench.web_pids = find_web_processes ();

  /* warm up: the first reveals pay for fonts and the highlighter */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GPtrArray) annotations = make_annotations (g_ptr_array_index (cards, i), TRUE);

      time_reveal (&bench, g_ptr_array_index (cards, i), NULL, &token);
      time_reveal (&bench, g_ptr_array_index (cards, i), annotations, &token);
    }

  /* each card both ways, in turn, so that drift hits both alike */
  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint i = 0; i < MIN (N_CARDS, cards->len); i++)
      {
        EgCard *card = g_ptr_array_index (cards, i);
        g_autoptr(GPtrArray) annotations = make_annotations (card, TRUE);
        g_autoptr(GPtrArray) highlights = make_annotations (card, FALSE);
        double none = time_reveal (&bench, card, NULL, &token);
        double none_cpu = bench.cpu_ms;
        double only = time_reveal (&bench, card, highlights, &token);
        double fifty = time_reveal (&bench, card, annotations, &token);

        cpu_plain += none_cpu;
        cpu_annotated += bench.cpu_ms;
        g_array_append_val (plain, none);
        g_array_append_val (highlighted, only);
        g_array_append_val (annotated, fifty);
      }

  printf ("reveal, no annotations        median %6.2f ms   p95 %6.2f ms   (%u reveals)\n",
          median (plain), percentile_95 (plain), plain->len);
  printf ("reveal, 50 highlights         median %6.2f ms   p95 %6.2f ms   (%u reveals)\n",
          median (highlighted), percentile_95 (highlighted), highlighted->len);
  printf ("reveal, 50 highlights + note  median %6.2f ms   p95 %6.2f ms   (%u reveals)\n",
          median (annotated), percentile_95 (annotated), annotated->len);
  printf ("added by the highlights       median %+6.2f ms   target <= 5 ms\n",
          median (highlighted) - median (plain));
  printf ("added by highlights and note  median %+6.2f ms\n",
          median (annotated) - median (plain));
  printf ("web process CPU per reveal    %6.2f ms without, %6.2f ms with (%u web process%s)\n",
          cpu_plain / plain->len, cpu_annotated / annotated->len, bench.web_pids->len,
          bench.web_pids->len == 1 ? "" : "es");

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (bench.kind);
  g_array_unref (bench.web_pids);
  eg_test_cleanup_dirs ();
  return 0;
}

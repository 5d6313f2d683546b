/* review-fixture.h - a window reviewing a deck, for the review tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-card-view.h"
#include "eg-core.h"
#include "eg-review-page-private.h"
#include "eg-window.h"

G_BEGIN_DECLS

typedef struct
{
  EgStore      *store;
  EgWindow     *window;
  EgReviewPage *page;
  EgCardView   *view;
  GPtrArray    *painted;     /* kinds, in order */
  double        zoom;        /* waited for */
} Fixture;

/* waits for the page to paint a @kind change after @seen of them */
typedef struct
{
  Fixture    *f;
  const char *kind;
  guint       seen;
} PaintWait;

#define THREE_CARDS \
  "# Three\n\n" \
  "### 1. What is a goroutine?\nA lightweight thread managed by the Go runtime.\n\n" \
  "#### Indepth\nStacks start at 2 KB.\n\n---\n\n" \
  "### 2. What does `defer` do?\nIt runs a call when the function returns.\n\n---\n\n" \
  "### 3. What is a channel?\nA typed conduit: `ch <- v`.\n"

gboolean  painted_again    (gpointer    data);
gboolean  act_and_wait     (Fixture    *f,
                            const char *action,
                            GVariant   *parameter,
                            const char *kind);
char     *page_eval        (Fixture    *f,
                            const char *script);
void      fixture_setup    (Fixture    *f,
                            const char *deck_text);
void      fixture_teardown (Fixture    *f);
gboolean  start_and_wait   (Fixture    *f);
void      assert_page_text (Fixture    *f,
                            const char *element,
                            const char *expected);

G_END_DECLS

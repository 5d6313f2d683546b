/* eg-repair.h - repair of UTF-8 text that was mis-decoded as Windows-1252
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* One note about a repair that had to guess: a character lost one or more
 * bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) and several characters fit.  The
 * message reads like
 *   line 1407: lost byte in "â€" repaired as "”" (U+201D); other candidates: …
 */
/* What a warning is about, so that a report can group them (see
 * eg_import_report_group_warnings()). */
typedef enum
{
  EG_WARNING_OTHER,
  EG_WARNING_REPAIR_GUESS,       /* a repaired character chosen among several */
  EG_WARNING_REPEATED_PART,      /* a card repeats a part word for word */
  EG_WARNING_REPEATED_NUMBER,    /* a number appears twice in a section */
  EG_WARNING_REPEATED_SECTION,   /* a section key is used twice */
  EG_WARNING_OUTSIDE_CARD,       /* text outside any card */
  EG_WARNING_EMPTY_SECTION,      /* a section without cards */
  EG_WARNING_OPEN_CODE_BLOCK,    /* a code block never closed */
} EgWarningKind;

typedef struct
{
  guint          line;     /* 1-based line in the text handed to eg_repair_mojibake() */
  char          *message;  /* human readable, UTF-8 */
  EgWarningKind  kind;
} EgRepairWarning;

void  eg_repair_warning_free (EgRepairWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgRepairWarning, eg_repair_warning_free)

/* Repairs valid UTF-8 @text (@length bytes, or -1 if nul-terminated) whose
 * UTF-8 was mis-read as Windows-1252 and saved again ("Itâ€™s" → "It’s"),
 * including characters whose undefined bytes were dropped or kept as C1
 * controls.  Text that is not mojibake is returned byte-identical.
 * Appends an EgRepairWarning to @warnings (nullable; created with
 * eg_repair_warning_free as free function) for every guessed character and
 * sets @n_repaired (nullable) to the number of characters repaired.
 * Returns a newly allocated string; free with g_free(). */
char *eg_repair_mojibake (const char *text,
                          gssize      length,
                          GPtrArray  *warnings,
                          guint      *n_repaired);

G_END_DECLS

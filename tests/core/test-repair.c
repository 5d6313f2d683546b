/* test-repair.c - tests for eg_repair_mojibake()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fixtures are found through G_TEST_SRCDIR, which must point at the
 * tests/ directory of the source tree, e.g.:
 *
 *   cd <root> && gcc -std=gnu17 -DEG_CORE_COMPILATION -Isrc/core \
 *       $(pkg-config --cflags glib-2.0) src/core/eg-repair.c \
 *       tests/core/test-repair.c -o /tmp/test-repair $(pkg-config --libs glib-2.0)
 *   G_TEST_SRCDIR=<root>/tests /tmp/test-repair
 *
 * Fixtures:
 *   fixtures/expert-go-interview-questions.md
 *     byte-identical copy of the damaged seed deck
 *   fixtures/repair/expert-go-interview-questions.repaired.md
 *     the same text repaired independently of this module (each run mapped
 *     back to bytes, the three lost bytes restored by hand, decoded as UTF-8)
 */

#include "eg-repair.h"

#include <string.h>

/* Windows-1252 0x80..0x9F; 0 where the code page leaves the byte undefined */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The C1 controls that stand for the bytes Windows-1252 leaves undefined
 * (C does not allow them as universal character names) */
#define C1_81 "\xc2\x81"
#define C1_8D "\xc2\x8d"
#define C1_8F "\xc2\x8f"
#define C1_90 "\xc2\x90"
#define C1_9D "\xc2\x9d"

/* Strong mojibake (’) that makes the repair trust guesses */
#define EVIDENCE "It\u00e2\u20ac\u2122s "
#define EVIDENCE_REPAIRED "It\u2019s "

static gboolean
is_lost_byte (guint8 byte)
{
  return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

/* UTF-8 → bytes read as Windows-1252 → UTF-8; the undefined bytes are
 * dropped, or kept as C1 controls with @keep_c1. */
static char *
make_mojibake (const char *utf8,
               gboolean    keep_c1)
{
  GString *s = g_string_new (NULL);

  for (const guchar *p = (const guchar *) utf8; *p != '\0'; p++)
    {
      if (*p < 0x80 || *p >= 0xA0)
        g_string_append_unichar (s, *p);
      else if (cp1252_c1[*p - 0x80] != 0)
        g_string_append_unichar (s, cp1252_c1[*p - 0x80]);
      else if (keep_c1)
        g_string_append_unichar (s, *p);
    }

  return g_string_free (s, FALSE);
}

static char *
unichar_to_string (gunichar c)
{
  char buf[8] = { 0 };

  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

/* The UTF-8 bytes of @utf8 without the lost bytes (what survives). */
static GByteArray *
strip_lost_bytes (const char *utf8)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const guchar *p = (const guchar *) utf8; *p != '\0'; p++)
    if (!is_lost_byte (*p))
      g_byte_array_append (bytes, p, 1);

  return bytes;
}

/* Records the bytes the characters of @mojibake stand for. */
static void
mark_covered (gboolean   *covered,
              const char *mojibake)
{
  for (const char *p = mojibake; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && c <= 0xFF)
        covered[c] = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (cp1252_c1); i++)
        if (cp1252_c1[i] != 0 && cp1252_c1[i] == c)
          covered[0x80 + i] = TRUE;
    }
}

static gboolean
is_acceptable (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_CONTROL:
    case G_UNICODE_SURROGATE:
      return FALSE;
    default:
      break;
    }

  return !((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE);
}

static gboolean
is_common_script (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED;
}

/* Brute force: every acceptable character with the same lead byte as @c
 * that leaves the same bytes once the lost bytes are dropped. */
static GArray *
find_candidates (gunichar c,
                 gboolean common_only)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autofree char *utf8 = unichar_to_string (c);
  g_autoptr(GByteArray) wanted = strip_lost_bytes (utf8);
  gunichar first, last;

  if (c < 0x10000)
    {
      first = c & ~0xFFFu;
      last = first + 0xFFF;
    }
  else
    {
      first = c & ~0x3FFFFu;
      last = MIN (first + 0x3FFFF, 0x10FFFF);
    }

  for (gunichar x = first; x <= last; x++)
    {
      guchar buf[8];
      int len;
      guint n = 0;
      gboolean same = TRUE;

      if (x >= 0xD800 && x <= 0xDFFF)
        continue;

      len = g_unichar_to_utf8 (x, (char *) buf);
      for (int i = 0; i < len && same; i++)
        {
          if (is_lost_byte (buf[i]))
            continue;
          same = n < wanted->len && wanted->data[n] == buf[i];
          n++;
        }
      if (!same || n != wanted->len)
        continue;

      if (is_acceptable (x) && (!common_only || is_common_script (x)))
        g_array_append_val (candidates, x);
    }

  return candidates;
}

static gboolean
array_contains (GArray   *array,
                gunichar  c)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gunichar, i) == c)
      return TRUE;

  return FALSE;
}

static GPtrArray *
new_warnings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) eg_repair_warning_free);
}

/* Repairs @text and checks the result, the count and the number of
 * warnings (all of them on @warning_line when it is not 0). */
static void
check_repair (const char *text,
              const char *expected,
              guint       expected_repaired,
              guint       expected_warnings,
              guint       warning_line)
{
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  guint n_repaired = G_MAXUINT;

  result = eg_repair_mojibake (text, -1, warnings, &n_repaired);
  g_assert_cmpstr (result, ==, expected);
  g_assert_cmpuint (n_repaired, ==, expected_repaired);
  g_assert_cmpuint (warnings->len, ==, expected_warnings);

  for (guint i = 0; i < warnings->len; i++)
    {
      EgRepairWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_nonnull (warning->message);
      g_assert_true (g_utf8_validate (warning->message, -1, NULL));
      if (warning_line != 0)
        g_assert_cmpuint (warning->line, ==, warning_line);
    }
}

/* Checks that the repair of the mojibake of @c, placed after EVIDENCE, is
 * one of the brute-force candidates, with a warning when there are several. */
static void
check_lossy (gunichar c)
{
  g_autofree char *original = unichar_to_string (c);
  g_autofree char *mojibake = make_mojibake (original, FALSE);
  g_autofree char *text = g_strconcat (EVIDENCE, mojibake, " end", NULL);
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autoptr(GArray) candidates = find_candidates (c, TRUE);
  g_autofree char *result = NULL;
  const char *middle;
  gsize middle_len;
  guint n_repaired;

  result = eg_repair_mojibake (text, -1, warnings, &n_repaired);
  g_assert_true (g_str_has_prefix (result, EVIDENCE_REPAIRED));
  g_assert_true (g_str_has_suffix (result, " end"));
  middle = result + strlen (EVIDENCE_REPAIRED);
  middle_len = strlen (middle) - strlen (" end");

  if (g_utf8_strlen (mojibake, -1) < 2 || candidates->len == 0)
    {
      /* Nothing to go on, or nothing acceptable: untouched */
      g_assert_cmpuint (middle_len, ==, strlen (mojibake));
      g_assert_cmpint (strncmp (middle, mojibake, middle_len), ==, 0);
      g_assert_cmpuint (n_repaired, ==, 1);
      g_assert_cmpuint (warnings->len, ==, 0);
      return;
    }

  g_assert_cmpuint (n_repaired, ==, 2);
  g_assert_cmpuint (g_utf8_strlen (middle, middle_len), ==, 1);
  g_assert_true (array_contains (candidates, g_utf8_get_char (middle)));
  g_assert_cmpuint (warnings->len, ==, candidates->len > 1 ? 1 : 0);
  if (warnings->len == 1)
    {
      EgRepairWarning *warning = g_ptr_array_index (warnings, 0);

      g_assert_cmpuint (warning->line, ==, 1);
      g_assert_true (g_str_has_prefix (warning->message, "lost byte"));
    }
}

/* Any character: complete mojibake must come back exactly, lossy mojibake
 * as a single consistent candidate or untouched. */
static void
check_any (gunichar c)
{
  g_autofree char *original = unichar_to_string (c);
  g_autofree char *mojibake = make_mojibake (original, FALSE);
  g_autofree char *with_c1 = make_mojibake (original, TRUE);
  g_autofree char *text = g_strconcat (EVIDENCE, mojibake, " end", NULL);
  g_autofree char *result = NULL;
  g_autoptr(GByteArray) wanted = strip_lost_bytes (original);
  const char *middle;
  gsize middle_len;

  if (strcmp (mojibake, with_c1) == 0)
    {
      g_autofree char *expected = g_strconcat (EVIDENCE_REPAIRED, original, " end", NULL);

      check_repair (text, expected, 2, 0, 0);
      return;
    }

  /* With the lost bytes kept as C1 controls the repair is exact */
  {
    g_autofree char *c1_text = g_strconcat ("<", with_c1, ">", NULL);
    g_autofree char *expected = g_strconcat ("<", original, ">", NULL);

    check_repair (c1_text, expected, 1, 0, 0);
  }

  result = eg_repair_mojibake (text, -1, NULL, NULL);
  middle = result + strlen (EVIDENCE_REPAIRED);
  middle_len = strlen (middle) - strlen (" end");

  if (middle_len == strlen (mojibake) && strncmp (middle, mojibake, middle_len) == 0)
    {
      /* Left alone: only when there was nothing to go on or the character
       * belongs to a script the text gives no evidence for */
      g_assert_true (g_utf8_strlen (mojibake, -1) < 2 || !is_common_script (c));
      return;
    }

  {
    g_autofree char *repaired = g_strndup (middle, middle_len);
    g_autoptr(GByteArray) bytes = strip_lost_bytes (repaired);

    g_assert_cmpuint (g_utf8_strlen (repaired, -1), ==, 1);
    g_assert_true (is_acceptable (g_utf8_get_char (repaired)));
    g_assert_cmpmem (bytes->data, bytes->len, wanted->data, wanted->len);
  }
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  g_autofree char *result2 = NULL;
  guint n_repaired = 42;

  result = eg_repair_mojibake ("", -1, warnings, &n_repaired);
  g_assert_cmpstr (result, ==, "");
  g_assert_cmpuint (n_repaired, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 0);

  result2 = eg_repair_mojibake ("ignored", 0, NULL, NULL);
  g_assert_cmpstr (result2, ==, "");

  eg_repair_warning_free (NULL);
}

static void
test_length (void)
{
  const char *text = "It\u00e2\u20ac\u2122s X and \u00e2\u20ac\u2122";
  g_autofree char *result = NULL;
  g_autofree char *result2 = NULL;
  guint n_repaired;

  /* Stop before the ™ of the second sequence: it must not be read, so what
   * is left is a sequence that lost its last byte */
  result = eg_repair_mojibake (text, (gssize) (strlen (text) - strlen ("\u2122")), NULL,
                               &n_repaired);
  g_assert_cmpstr (result, ==, "It\u2019s X and \u201d");
  g_assert_cmpuint (n_repaired, ==, 2);

  /* Stop before the second sequence */
  result2 = eg_repair_mojibake (text, (gssize) strlen ("It\u00e2\u20ac\u2122s X"), NULL,
                                &n_repaired);
  g_assert_cmpstr (result2, ==, "It\u2019s X");
  g_assert_cmpuint (n_repaired, ==, 1);
}

static void
test_examples (void)
{
  check_repair ("It\u00e2\u20ac\u2122s", "It\u2019s", 1, 0, 0);
  check_repair ("\u00e2\u20ac\u0153non-preemptible\u00e2\u20ac code",
                "\u201cnon-preemptible\u201d code", 2, 1, 1);
  check_repair ("\u00e2\u0161\u2122\u00ef\u00b8 **701\u00e2\u20ac\u201c720",
                "\u2699\ufe0f **701\u2013720", 3, 1, 1);
  check_repair ("\u00e2\u0161\u2019\u00ef\u00b8", "\u2692\ufe0f", 2, 1, 1);
  check_repair ("\u00f0\u0178\u0178\u00a2", "\U0001F7E2", 1, 0, 0);
  check_repair ("\u00f0\u0178\u00a7\u00a0", "\U0001F9E0", 1, 0, 0);
  check_repair ("\u00e2\u2020\u2019", "\u2192", 1, 0, 0);
  check_repair ("\u00e2\u20ac\u201c", "\u2013", 1, 0, 0);
  check_repair ("\u00e2\u20ac\u201d", "\u2014", 1, 0, 0);
  check_repair ("# \u00f0\u0178\u201c\u00a1 **701\u00e2\u20ac\u201c720: Network**",
                "# \U0001F4E1 **701\u2013720: Network**", 2, 0, 0);
}

static void
test_warning_message (void)
{
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  EgRepairWarning *warning;

  result = eg_repair_mojibake ("What\u00e2\u20ac\u2122s \u00e2\u20ac\u0153x\u00e2\u20ac code",
                               -1, warnings, NULL);
  g_assert_cmpstr (result, ==, "What\u2019s \u201cx\u201d code");
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpuint (warning->line, ==, 1);
  g_assert_cmpstr (warning->message, ==,
                   "lost byte in “\u00e2\u20ac” repaired as “\u201d” (U+201D); "
                   "other candidates: U+2001, U+200D, U+200F, U+2010, U+2040, U+2340, "
                   "U+23C0, U+2400, U+2740");
}

static void
test_two_byte (void)
{
  for (gunichar c = 0x80; c <= 0x7FF; c++)
    {
      g_autofree char *original = unichar_to_string (c);
      g_autofree char *mojibake = make_mojibake (original, FALSE);
      g_autofree char *with_c1 = make_mojibake (original, TRUE);
      guint8 trail = (guint8) original[1];
      gboolean lost = is_lost_byte (trail);
      gboolean weak = trail == 0x85 || trail == 0x92 || trail == 0x94 || trail == 0x96 ||
                      trail == 0x97 || trail == 0x99 || trail == 0xA0;

      /* Alone */
      if (lost || weak)
        check_repair (mojibake, mojibake, 0, 0, 0);
      else
        check_repair (mojibake, original, 1, 0, 0);

      /* Next to strong mojibake, weak pairs are repaired too */
      {
        g_autofree char *text = g_strconcat (EVIDENCE, mojibake, ".", NULL);
        g_autofree char *expected = g_strconcat (EVIDENCE_REPAIRED, lost ? mojibake : original,
                                                 ".", NULL);

        check_repair (text, expected, lost ? 1 : 2, 0, 0);
      }

      /* Lost bytes kept as C1 controls are evidence in themselves */
      check_repair (with_c1, lost || !weak ? original : with_c1, lost || !weak ? 1 : 0, 0, 0);
    }

  /* All of them in one text */
  {
    GString *original = g_string_new (NULL);
    GString *expected = g_string_new (NULL);
    g_autofree char *text = NULL;
    g_autofree char *expected_str = NULL;
    guint n = 0;

    for (gunichar c = 0x80; c <= 0x7FF; c++)
      {
        g_autofree char *s = unichar_to_string (c);
        g_autofree char *mojibake = make_mojibake (s, FALSE);
        gboolean lost = is_lost_byte ((guint8) s[1]);

        g_string_append_unichar (original, c);
        g_string_append_c (original, ' ');
        g_string_append (expected, lost ? mojibake : s);
        g_string_append_c (expected, ' ');
        n += lost ? 0 : 1;
      }

    text = make_mojibake (original->str, FALSE);
    expected_str = g_string_free (expected, FALSE);
    check_repair (text, expected_str, n, 0, 0);
    g_string_free (original, TRUE);
  }
}

static const gunichar three_byte_sample[] = {
  0x0800, 0x0905, 0x0E01, 0x0FFF, 0x1000, 0x10D0, 0x1E9E, 0x1EA1, 0x2001, 0x200D,
  0x200F, 0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026,
  0x2030, 0x2049, 0x205D, 0x20AC, 0x20E3, 0x2122, 0x2190, 0x2192, 0x21D2, 0x2248,
  0x2318, 0x23CF, 0x2500, 0x25B6, 0x2603, 0x2692, 0x2699, 0x2705, 0x2764, 0x2B50,
  0x3000, 0x3042, 0x30A2, 0x4E0D, 0x4E2D, 0x5B57, 0x6587, 0x754C, 0x8A9E, 0x9AD8,
  0xAC00, 0xB098, 0xC5B4, 0xD55C, 0xD7FB, 0xE000, 0xF900, 0xFB01, 0xFE0F, 0xFE10,
  0xFEFF, 0xFF21, 0xFFFD,
};

static const gunichar four_byte_sample[] = {
  0x10000, 0x1D401, 0x1F34F, 0x1F355, 0x1F40D, 0x1F41D, 0x1F468, 0x1F4A1, 0x1F4BB,
  0x1F4E1, 0x1F504, 0x1F525, 0x1F600, 0x1F680, 0x1F7E2, 0x1F90D, 0x1F9E0, 0x1F9E9,
  0x1FAE0, 0x20000, 0x2A6D6, 0x30000, 0x40000, 0x80000, 0xE0001, 0xE0020, 0x100000,
  0x10FFFD,
};

static void
test_three_byte (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (three_byte_sample); i++)
    {
      gunichar c = three_byte_sample[i];
      g_autofree char *original = unichar_to_string (c);
      g_autofree char *mojibake = make_mojibake (original, FALSE);
      g_autofree char *with_c1 = make_mojibake (original, TRUE);

      g_test_message ("U+%04X", c);
      if (strcmp (mojibake, with_c1) == 0)
        {
          /* Complete: exact, alone */
          check_repair (mojibake, original, 1, 0, 0);
            }
      else
        {
          check_lossy (c);
          check_any (c);
        }
    }
}

static void
test_three_byte_sweep (void)
{
  for (gunichar c = 0x800; c <= 0xFFFF; c++)
    if (c < 0xD800 || c > 0xDFFF)
      check_any (c);
}

static void
test_four_byte (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (four_byte_sample); i++)
    {
      gunichar c = four_byte_sample[i];
      g_autofree char *original = unichar_to_string (c);
      g_autofree char *mojibake = make_mojibake (original, FALSE);
      g_autofree char *with_c1 = make_mojibake (original, TRUE);

      g_test_message ("U+%04X", c);
      if (strcmp (mojibake, with_c1) == 0)
        {
          check_repair (mojibake, original, 1, 0, 0);
            }
      else
        {
          check_lossy (c);
          check_any (c);
        }
    }
}

static void
test_emoji_sweep (void)
{
  for (gunichar c = 0x1F300; c <= 0x1FAFF; c++)
    check_any (c);
}

/* Marks the bytes of the mojibake of @c (with lost bytes dropped, and with
 * them kept as C1 controls) when it is repaired back to exactly @c. */
static void
cover (gboolean *covered,
       gunichar  c)
{
  g_autofree char *original = unichar_to_string (c);
  g_autofree char *expected = g_strconcat (EVIDENCE_REPAIRED, original, " end", NULL);

  for (guint keep_c1 = 0; keep_c1 < 2; keep_c1++)
    {
      g_autofree char *mojibake = make_mojibake (original, keep_c1);
      g_autofree char *text = g_strconcat (EVIDENCE, mojibake, " end", NULL);
      g_autofree char *result = eg_repair_mojibake (text, -1, NULL, NULL);

      if (strcmp (result, expected) == 0)
        mark_covered (covered, mojibake);
    }
}

static void
test_byte_coverage (void)
{
  static const char *unused_leads[] = {
    "\u00c0", "\u00c1", "\u00f5", "\u00f6", "\u00f7", "\u00f8", "\u00f9",
    "\u00fa", "\u00fb", "\u00fc", "\u00fd", "\u00fe", "\u00ff",
  };
  gboolean covered[256] = { FALSE, };
  guint n_mapped = 0;

  /* Every character Windows-1252 defines, plus the five undefined bytes kept
   * as C1 controls, shows up in mojibake of a real character that is
   * repaired exactly... */
  for (gunichar c = 0x80; c <= 0x7FF; c++)
    cover (covered, c);
  for (guint i = 0; i < G_N_ELEMENTS (three_byte_sample); i++)
    cover (covered, three_byte_sample[i]);
  for (guint i = 0; i < G_N_ELEMENTS (four_byte_sample); i++)
    cover (covered, four_byte_sample[i]);

  for (guint byte = 0x80; byte <= 0xFF; byte++)
    {
      gboolean can_occur_in_utf8 = byte != 0xC0 && byte != 0xC1 && byte < 0xF5;

      if (can_occur_in_utf8)
        {
          if (!covered[byte])
            g_test_message ("byte 0x%02X not covered", byte);
          g_assert_true (covered[byte]);
        }
      if (byte >= 0xA0 || cp1252_c1[byte - 0x80] != 0)
        n_mapped++;
    }
  g_assert_cmpuint (n_mapped, ==, 123);

  /* ...except the bytes UTF-8 never uses: such characters are never leads */
  for (guint i = 0; i < G_N_ELEMENTS (unused_leads); i++)
    {
      g_autofree char *text = g_strconcat (EVIDENCE, unused_leads[i], "\u20ac\u00a9 ",
                                           unused_leads[i], "\u2122", NULL);
      g_autofree char *expected = g_strconcat (EVIDENCE_REPAIRED, unused_leads[i],
                                               "\u20ac\u00a9 ", unused_leads[i], "\u2122",
                                               NULL);

      check_repair (text, expected, 1, 0, 0);
    }
}

static void
test_lost_middle (void)
{
  g_autoptr(GArray) candidates = find_candidates (0x1F355, TRUE);
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  EgRepairWarning *warning;

  /* 🍕 = F0 9F 8D 95: the 0x8D in the middle is lost */
  result = eg_repair_mojibake (EVIDENCE "\u00f0\u0178\u2022 party", -1, warnings, NULL);
  g_assert_true (g_str_has_prefix (result, EVIDENCE_REPAIRED));
  g_assert_true (g_str_has_suffix (result, " party"));
  g_assert_cmpuint (g_utf8_strlen (result, -1), ==, g_utf8_strlen (EVIDENCE_REPAIRED, -1) + 7);
  g_assert_true (array_contains (candidates,
                                 g_utf8_get_char (result + strlen (EVIDENCE_REPAIRED))));
  /* Emoji win over the other candidates; the lowest of them is 🍕 */
  g_assert_cmpstr (result, ==, EVIDENCE_REPAIRED "\U0001F355 party");
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpuint (warning->line, ==, 1);
  g_assert_true (g_str_has_prefix (warning->message,
                                   "lost byte in “\u00f0\u0178\u2022” repaired as "
                                   "“\U0001F355” (U+1F355); other candidates:"));

  /* ❤️ = E2 9D A4 EF B8 8F: both the middle 0x9D and the final 0x8F are lost */
  check_repair (EVIDENCE "I \u00e2\u00a4\u00ef\u00b8 Go", EVIDENCE_REPAIRED "I \u2764\ufe0f Go",
                3, 2, 1);

  /* ⁉ = E2 81 89: the 0x81 right after the lead is lost */
  check_lossy (0x2049);
}

static void
test_two_lost (void)
{
  g_autoptr(GArray) candidates = find_candidates (0x1F40D, TRUE);
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  EgRepairWarning *warning;

  /* 🐍 = F0 9F 90 8D: two of four bytes lost */
  g_assert_cmpuint (candidates->len, >, 1);
  result = eg_repair_mojibake (EVIDENCE "\u00f0\u0178 snake", -1, warnings, NULL);
  g_assert_true (g_str_has_suffix (result, " snake"));
  g_assert_true (array_contains (candidates,
                                 g_utf8_get_char (result + strlen (EVIDENCE_REPAIRED))));
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_true (g_str_has_prefix (warning->message, "lost bytes in “\u00f0\u0178”"));

  /* ⁝ = E2 81 9D: only the lead is left, nothing to go on */
  check_repair (EVIDENCE "a\u00e2 b", EVIDENCE_REPAIRED "a\u00e2 b", 1, 0, 0);
  /* 𝐁 = F0 9D 90 81: likewise */
  check_repair (EVIDENCE "\u00f0.", EVIDENCE_REPAIRED "\u00f0.", 1, 0, 0);
  /* Two lost bytes kept as C1 controls: exact */
  check_repair ("\u00f0" C1_9D C1_90 C1_81, "\U0001D401", 1, 0, 0);
}

static void
test_c1_kept (void)
{
  check_repair ("\u00e2\u20ac" C1_9D "x\u00e2\u20ac" C1_9D, "\u201dx\u201d", 2, 0, 0);
  check_repair ("\u00e2\u0161\u2122\u00ef\u00b8" C1_8F, "\u2699\ufe0f", 2, 0, 0);
  check_repair ("\u00f0\u0178" C1_8D "\u2022", "\U0001F355", 1, 0, 0);
  check_repair ("\u00c3" C1_81 "LVARO", "\u00c1LVARO", 1, 0, 0);
  /* A stray C1 control is left as it is */
  check_repair ("a" C1_81 "b", "a" C1_81 "b", 0, 0, 0);
}

static void
test_context (void)
{
  /* 👨‍💻: the ZWJ (E2 80 8D) lost its 0x8D between two emoji */
  check_repair ("\u00f0\u0178\u2018\u00a8\u00e2\u20ac\u00f0\u0178\u2019\u00bb",
                "\U0001F468\u200d\U0001F4BB", 3, 1, 1);
  /* 1️⃣: VS16 after a digit, before the keycap */
  check_repair (EVIDENCE "1\u00ef\u00b8\u00e2\u0192\u00a3",
                EVIDENCE_REPAIRED "1\ufe0f\u20e3", 3, 1, 1);
  /* Closing quote with and without an opening one */
  check_repair (EVIDENCE "\u201cgenuine\u00e2\u20ac and",
                EVIDENCE_REPAIRED "\u201cgenuine\u201d and",
                2, 1, 1);
  check_repair (EVIDENCE "plain\u00e2\u20ac and", EVIDENCE_REPAIRED "plain\u201d and", 2, 1, 1);
  /* The quote context is per line */
  check_repair (EVIDENCE "\u00e2\u20ac\u0153a\u00e2\u20ac b\n\u00e2\u20ac\u0153c\u00e2\u20ac",
                EVIDENCE_REPAIRED "\u201ca\u201d b\n\u201cc\u201d", 5, 2, 0);
}

static void
test_genuine (void)
{
  static const char *texts[] = {
    "caf\u00e9",
    "na\u00efve",
    "\u00c6r\u00f8sk\u00f8bing",
    "S\u00c3O PAULO",
    "\u201cquoted\u201d",
    "It\u2019s",
    "a \u2192 b",
    "\U0001F9E0 brain",
    "\u4e2d\u6587\u5b57",
    "\ud55c\uad6d\uc5b4",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
    "\u0420\u0443\u0441\u0441\u043a\u0438\u0439",
    "\u00bfQu\u00e9? \u00a1S\u00ed!",
    "\u00a9 2024 Engram\u2122, 5 \u20ac, \u00bd, 20 \u00b0C",
    "\u2019 \u201c \u201d \u2013 \u2014 \u2022 \u20ac \u2122 \u00a9",
    "\u00ab Tr\u00e8s bien \u00bb",
    "Stra\u00dfe \u201eGr\u00fc\u00dfe\u201c",
    "\u201cCAF\u00c9\u201d, \u00c9T\u00c9\u2014and CAF\u00c9\u2122",
    "caf\u00e9\u2014really, fianc\u00e9\u2019s",
    "\u00c3 alone, \u00e9 alone, \u00f0 alone",
    "\u2699\ufe0f **701\u2013720**",
    "\U0001F468\u200d\U0001F4BB",
    "line one\nline two\r\nline three",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) warnings = new_warnings ();
      g_autofree char *result = NULL;
      guint n_repaired = 42;

      result = eg_repair_mojibake (texts[i], -1, warnings, &n_repaired);
      g_assert_true (result != texts[i]);
      g_assert_cmpmem (result, strlen (result), texts[i], strlen (texts[i]));
      g_assert_cmpuint (n_repaired, ==, 0);
      g_assert_cmpuint (warnings->len, ==, 0);
    }
}

static void
test_weak_pairs (void)
{
  /* Uppercase accented letter + trailing typography: genuine when alone */
  check_repair ("\u00c3\u2013", "\u00c3\u2013", 0, 0, 0);
  /* ...mojibake when the text has strong evidence (Ö and ä) */
  check_repair ("\u00c3\u2013l und K\u00c3\u00a4se", "\u00d6l und K\u00e4se", 2, 0, 0);
  /* Ï€ is π: € is not trailing typography */
  check_repair ("2\u00cf\u20acr", "2\u03c0r", 1, 0, 0);
}

static void
test_needs_evidence (void)
{
  /* Lost bytes are only guessed in text that holds complete mojibake */
  check_repair ("non-preemptible\u00e2\u20ac code", "non-preemptible\u00e2\u20ac code", 0, 0, 0);
  check_repair ("\u00ef\u00b8 x", "\u00ef\u00b8 x", 0, 0, 0);
  check_repair ("\u00f0\u0178\u2022 party", "\u00f0\u0178\u2022 party", 0, 0, 0);
  /* A weak pair is no evidence */
  check_repair ("\u00c3\u2013 \u00e2\u20ac", "\u00c3\u2013 \u00e2\u20ac", 0, 0, 0);
  /* Complete mojibake anywhere in the text is */
  check_repair ("\u00e2\u20ac\n\n\u00e2\u20ac\u2122", "\u201d\n\n\u2019", 2, 1, 1);
}

static void
test_mixed (void)
{
  /* Genuine café and naïve next to mojibake ’ */
  check_repair ("caf\u00e9 and na\u00efve: it\u00e2\u20ac\u2122s fine",
                "caf\u00e9 and na\u00efve: it\u2019s fine", 1, 0, 0);
  /* Genuine é followed by a genuine dash or quote: no CJK guess */
  check_repair ("It\u00e2\u20ac\u2122s caf\u00e9\u2014really, fianc\u00e9\u2019s",
                "It\u2019s caf\u00e9\u2014really, fianc\u00e9\u2019s", 1, 0, 0);
  /* Genuine punctuation before and after mojibake */
  check_repair ("\u201cIt\u00e2\u20ac\u2122s\u201d \u2014 \u00e2\u2020\u2019 \u2192",
                "\u201cIt\u2019s\u201d \u2014 \u2192 \u2192", 2, 0, 0);
  /* Evidence of the script lets a CJK guess through */
  {
    g_autoptr(GArray) candidates = find_candidates (0x4E0D, FALSE);
    g_autoptr(GPtrArray) warnings = new_warnings ();
    g_autofree char *result = NULL;

    /* 中不 with the 0x8D of 不 lost */
    result = eg_repair_mojibake ("\u00e4\u00b8\u00ad\u00e4\u00b8", -1, warnings, NULL);
    g_assert_true (g_str_has_prefix (result, "\u4e2d"));
    g_assert_cmpuint (g_utf8_strlen (result, -1), ==, 2);
    g_assert_true (array_contains (candidates, g_utf8_get_char (g_utf8_next_char (result))));
    g_assert_cmpuint (warnings->len, ==, 1);
  }
}

static void
test_line_numbers (void)
{
  const char *text =
    "It\u00e2\u20ac\u2122s line one\n"
    "\n"
    "line three \u00e2\u20ac\u0153x\u00e2\u20ac\n"
    "line four\r\n"
    "\u00e2\u0161\u2122\u00ef\u00b8 line five \u00e2\u20ac\n"
    "\u00e2\u20ac";
  g_autoptr(GPtrArray) warnings = new_warnings ();
  g_autofree char *result = NULL;
  static const guint lines[] = { 3, 5, 5, 6 };
  guint n_repaired;

  /* Warnings are appended after whatever the array holds */
  g_ptr_array_add (warnings, g_new0 (EgRepairWarning, 1));

  result = eg_repair_mojibake (text, -1, warnings, &n_repaired);
  g_assert_cmpstr (result, ==,
                   "It\u2019s line one\n"
                   "\n"
                   "line three \u201cx\u201d\n"
                   "line four\r\n"
                   "\u2699\ufe0f line five \u201d\n"
                   "\u201d");
  g_assert_cmpuint (n_repaired, ==, 7);
  g_assert_cmpuint (warnings->len, ==, 1 + G_N_ELEMENTS (lines));

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      EgRepairWarning *warning = g_ptr_array_index (warnings, i + 1);
      g_assert_cmpuint (warning->line, ==, lines[i]);
      g_assert_true (g_str_has_prefix (warning->message, "lost byte"));
    }
}

static void
test_large (void)
{
  const char *paragraph =
    "The Go scheduler multiplexes goroutines onto OS threads; a caf\u00e9 is not a thread.\n"
    "It\u00e2\u20ac\u2122s cheap to start one, and the runtime keeps them busy with work "
    "stealing.\n";
  const char *repaired_paragraph =
    "The Go scheduler multiplexes goroutines onto OS threads; a caf\u00e9 is not a thread.\n"
    "It\u2019s cheap to start one, and the runtime keeps them busy with work stealing.\n";
  gsize target = 50 * 1024 * 1024;
  GString *text = g_string_sized_new (target + 256);
  g_autofree char *result = NULL;
  guint n_paragraphs = 0;
  guint n_repaired;
  gint64 start;

  while (text->len < target)
    {
      g_string_append (text, paragraph);
      n_paragraphs++;
    }

  start = g_get_monotonic_time ();
  result = eg_repair_mojibake (text->str, (gssize) text->len, NULL, &n_repaired);
  g_test_message ("repaired %" G_GSIZE_FORMAT " bytes in %.1f ms", text->len,
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (n_repaired, ==, n_paragraphs);
  g_assert_cmpuint (strlen (result), ==, n_paragraphs * strlen (repaired_paragraph));
  g_assert_true (g_str_has_prefix (result, repaired_paragraph));
  g_assert_true (g_str_has_suffix (result, repaired_paragraph));
  g_string_free (text, TRUE);

  /* Many guesses on one endless line stay linear too */
  {
    GString *line = g_string_new ("It\u00e2\u20ac\u2122s ");
    g_autoptr(GPtrArray) warnings = new_warnings ();
    g_autofree char *line_result = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append (line, "\u00e2\u20ac\u0153q\u00e2\u20ac ");

    start = g_get_monotonic_time ();
    line_result = eg_repair_mojibake (line->str, (gssize) line->len, warnings, &n_repaired);
    g_test_message ("100000 guesses in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
    g_assert_cmpuint (n_repaired, ==, 1 + 2 * 100000);
    g_assert_cmpuint (warnings->len, ==, 100000);
    g_assert_true (g_str_has_suffix (line_result, "\u201cq\u201d "));
    g_string_free (line, TRUE);
  }
}

static char *
load_fixture (const char  *first,
              const char  *second,
              gsize       *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, first, second, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &error))
    {
      g_test_message ("%s: %s", path, error->message);
      return NULL;
    }

  return contents;
}

static void
test_seed (void)
{
  static const struct
  {
    guint       line;
    const char *message;
  } expected_warnings[] = {
    { 1214, "lost byte in “\u00ef\u00b8” repaired as “\ufe0f” (U+FE0F); "
            "other candidates: U+FE01, U+FE0D, U+FE10" },
    { 1407, "lost byte in “\u00e2\u20ac” repaired as “\u201d” (U+201D); "
            "other candidates: U+2001, U+200D, U+200F, U+2010, U+2040, U+2340, U+23C0, "
            "U+2400, U+2740" },
    { 2415, "lost byte in “\u00ef\u00b8” repaired as “\ufe0f” (U+FE0F); "
            "other candidates: U+FE01, U+FE0D, U+FE10" },
  };
  static const char *forbidden[] = {
    "\u00e2\u20ac", "\u00c3", "\u00f0\u0178", "\u00ef\u00b8", "\u00e2",
  };
  g_autofree char *damaged = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *result = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) warnings = new_warnings ();
  gsize damaged_len, reference_len;
  guint n_repaired;

  damaged = load_fixture ("fixtures", "expert-go-interview-questions.md", &damaged_len);
  reference = load_fixture ("fixtures", "repair/expert-go-interview-questions.repaired.md",
                            &reference_len);
  if (damaged == NULL || reference == NULL)
    {
      g_test_fail_printf ("seed fixture not found (is G_TEST_SRCDIR set to <root>/tests?)");
      return;
    }

  g_assert_true (g_utf8_validate (damaged, (gssize) damaged_len, NULL));

  result = eg_repair_mojibake (damaged, (gssize) damaged_len, warnings, &n_repaired);

  /* Byte-identical with the independently repaired text */
  g_assert_cmpmem (result, strlen (result), reference, reference_len);
  g_assert_cmpuint (n_repaired, ==, 75);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    g_assert_null (strstr (result, forbidden[i]));
  for (const char *p = result; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c >= 0x80 && c <= 0x9F);
    }

  g_assert_nonnull (strstr (result, "What\u2019s the meaning of \u201cnon-preemptible\u201d "
                                    "code in Go?"));
  g_assert_nonnull (strstr (result, "\u2699\ufe0f **701\u2013720: Go Internals & Runtime**"));
  g_assert_nonnull (strstr (result, "\U0001F4E1 **701\u2013720: Network & Protocol-Level "
                                    "Programming**"));
  g_assert_nonnull (strstr (result, "\u2692\ufe0f **981\u20131000"));
  g_assert_nonnull (strstr (result, "\U0001F9E0 **861\u2013880"));
  g_assert_nonnull (strstr (result, "\U0001F7E2 **301\u2013320"));

  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (expected_warnings));
  for (guint i = 0; i < MIN (warnings->len, G_N_ELEMENTS (expected_warnings)); i++)
    {
      EgRepairWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_cmpuint (warning->line, ==, expected_warnings[i].line);
      g_assert_cmpstr (warning->message, ==, expected_warnings[i].message);
    }

  /* Repairing again changes nothing */
  again = eg_repair_mojibake (result, -1, NULL, &n_repaired);
  g_assert_cmpstr (again, ==, result);
  g_assert_cmpuint (n_repaired, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/repair/empty", test_empty);
  g_test_add_func ("/repair/length", test_length);
  g_test_add_func ("/repair/examples", test_examples);
  g_test_add_func ("/repair/warning-message", test_warning_message);
  g_test_add_func ("/repair/two-byte", test_two_byte);
  g_test_add_func ("/repair/three-byte", test_three_byte);
  g_test_add_func ("/repair/three-byte-sweep", test_three_byte_sweep);
  g_test_add_func ("/repair/four-byte", test_four_byte);
  g_test_add_func ("/repair/emoji-sweep", test_emoji_sweep);
  g_test_add_func ("/repair/byte-coverage", test_byte_coverage);
  g_test_add_func ("/repair/lost-middle", test_lost_middle);
  g_test_add_func ("/repair/two-lost", test_two_lost);
  g_test_add_func ("/repair/c1-kept", test_c1_kept);
  g_test_add_func ("/repair/context", test_context);
  g_test_add_func ("/repair/genuine", test_genuine);
  g_test_add_func ("/repair/weak-pairs", test_weak_pairs);
  g_test_add_func ("/repair/needs-evidence", test_needs_evidence);
  g_test_add_func ("/repair/mixed", test_mixed);
  g_test_add_func ("/repair/line-numbers", test_line_numbers);
  g_test_add_func ("/repair/large", test_large);
  g_test_add_func ("/repair/seed", test_seed);

  return g_test_run ();
}

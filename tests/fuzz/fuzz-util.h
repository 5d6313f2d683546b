/* fuzz-util.h - what the fuzz targets share
 *
 * Each target (fuzz-*.c) defines LLVMFuzzerTestOneInput().  With
 * -Dfuzzing=true it is linked with libFuzzer; in the normal build with
 * fuzz-replay.c, which runs it over the files of its corpus and of its
 * regressions folder (the fuzz-replay suite).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "eg-core.h"

G_BEGIN_DECLS

/* When the fuzzer finds a broken invariant: prints what and aborts, so that
 * libFuzzer (or the replay test) reports the input. */
#define FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      fuzz_fail (G_STRLOC, #cond, __VA_ARGS__); \
  } G_STMT_END

int         LLVMFuzzerTestOneInput (const uint8_t *data,
                                    size_t         size);

/* Once per process: a private temporary folder, the XDG folders in it,
 * warnings and criticals fatal.  Every target calls it first. */
void        fuzz_init              (void);
const char *fuzz_tmp_dir           (void);
char       *fuzz_tmp_path          (const char    *name);
G_NORETURN void fuzz_fail          (const char    *where,
                                    const char    *what,
                                    const char    *format,
                                    ...) G_GNUC_PRINTF (3, 4);

/* The input as a string: NUL-terminated, invalid UTF-8 replaced */
char       *fuzz_text              (const uint8_t *data,
                                    size_t         size);
/* Writes @data to tmp/@name and returns it */
GFile      *fuzz_write_file        (const char    *name,
                                    const void    *data,
                                    gsize          size);
/* A new, empty collection at tmp/@name (any old one there removed) */
EgStore    *fuzz_store_new         (const char    *name);
/* Closes @store and removes its files */
void        fuzz_store_drop        (EgStore       *store,
                                    const char    *name);
/* The decks, sections and cards of @store as text, to compare two
 * collections */
char       *fuzz_cards_fingerprint (EgStore       *store);

/* Reads bytes from the input as numbers; 0 once it is used up */
typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
} FuzzReader;

guint       fuzz_read_byte         (FuzzReader    *reader);
guint       fuzz_read_u16          (FuzzReader    *reader);

#define FUZZ_NOW 1795000000000  /* 2026-11-19, ms */

G_END_DECLS

/* eg-synthetic-text.c - the Markdown of synthetic cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Four themed decks (two about programming, two not) and, for each card, a
 * question, an answer and an "Indepth" part of some 300 to 600 bytes made
 * from templates and word lists: bold, inline code, lists and fenced code
 * blocks, as in real decks.  A card's text depends only on the seed and
 * its index.
 */
#define G_LOG_DOMAIN "eg-synthetic"

#include "config.h"

#include "eg-deck.h"
#include "eg-synthetic-private.h"

#define WORDS(array) { array, G_N_ELEMENTS (array) }

static const char * const go_topics[] = {
  "Goroutines", "Channels", "The Scheduler", "Garbage Collection", "Escape Analysis",
  "Interfaces", "Generics", "The Memory Model", "Profiling", "Error Handling", "Testing",
  "Modules", "Reflection", "The Compiler",
};
static const char * const go_nouns[] = {
  "goroutine", "stack", "heap", "pointer", "slice header", "map bucket", "mutex",
  "wait group", "worker pool", "buffer", "deadline", "ticker", "closure", "struct",
  "method set", "type parameter", "allocation", "pause", "write barrier", "span", "arena",
  "cache line", "system call", "thread", "processor", "run queue", "timer", "select case",
  "receiver", "embedded field", "panic", "stack trace", "benchmark", "build tag", "package",
};
static const char * const db_topics[] = {
  "Transactions", "Indexes", "Replication", "Consensus", "Query Planning",
  "Storage Engines", "Caching", "Sharding", "Isolation Levels", "Logs", "Backups",
  "Networking", "Queues", "Observability",
};
static const char * const db_nouns[] = {
  "table", "row", "page", "B-tree", "write-ahead log", "snapshot", "replica", "leader",
  "follower", "quorum", "partition", "shard", "lock", "latch", "checkpoint", "cursor",
  "query plan", "join", "index", "tuple", "lease", "heartbeat", "epoch", "term", "vote",
  "cluster", "node", "client", "timeout", "retry", "backlog", "vacuum", "bloom filter",
};
static const char * const bio_topics[] = {
  "The Heart", "Blood", "The Lungs", "Digestion", "Immunity", "Hormones", "Neurons",
  "Muscles", "Bones", "Genetics", "The Kidneys", "The Liver", "Skin", "Sleep",
};
static const char * const bio_nouns[] = {
  "cell", "artery", "vein", "ventricle", "valve", "enzyme", "hormone", "antibody",
  "receptor", "neuron", "synapse", "membrane", "protein", "gene", "chromosome",
  "mitochondrion", "ribosome", "platelet", "plasma", "tissue", "organ", "nerve",
  "muscle fiber", "tendon", "ligament", "cartilage", "marrow", "lymph node", "antigen",
  "insulin", "glucose", "hemoglobin", "cortex", "alveolus", "nephron",
};
static const char * const history_topics[] = {
  "Ancient Rome", "The Silk Road", "The Renaissance", "The Industrial Revolution",
  "Rivers and Deltas", "Mountain Ranges", "Empires of Asia", "The Age of Exploration",
  "Trade Routes", "Revolutions", "Treaties", "Climate Zones", "Islands", "Capitals",
};
static const char * const history_nouns[] = {
  "empire", "dynasty", "treaty", "harbor", "river", "delta", "plateau", "mountain pass",
  "caravan", "merchant", "fleet", "colony", "province", "senate", "republic", "monarch",
  "city-state", "frontier", "fortress", "canal", "port", "desert", "steppe", "glacier",
  "monsoon", "archipelago", "peninsula", "border", "census", "currency", "guild",
  "aqueduct", "printing press", "railway", "cathedral",
};
static const char * const general_verbs[] = {
  "controls", "protects", "transforms", "regulates", "shapes", "limits", "connects",
  "stores", "releases", "delays", "replaces", "measures", "absorbs", "balances",
  "triggers", "reduces", "extends", "supports", "separates", "carries", "guards",
  "copies", "signals", "blocks", "drives", "feeds", "reveals", "reorders", "tracks",
  "follows", "precedes", "outlives", "depends on", "competes with", "waits for",
};
static const char * const code_verbs[] = {
  "allocates", "spawns", "blocks on", "escapes to", "preempts", "serializes", "marshals",
  "inlines", "locks", "unlocks", "buffers", "closes", "cancels", "retries", "flushes",
  "compacts", "indexes", "replicates", "evicts", "recovers", "schedules", "yields to",
};
static const char * const general_adjectives[] = {
  "stable", "fragile", "large", "small", "early", "late", "dense", "sparse", "rapid",
  "slow", "ancient", "modern", "central", "remote", "narrow", "broad", "fertile", "arid",
  "healthy", "damaged", "hidden", "visible", "shared", "local", "global", "rare",
  "common", "seasonal", "permanent", "temporary",
};
static const char * const code_adjectives[] = {
  "concurrent", "idempotent", "lock-free", "immutable", "buffered", "unbuffered",
  "zero-valued", "exported", "blocking", "non-blocking", "consistent", "durable",
  "atomic", "stale", "hot", "cold", "nil", "generic", "unsafe", "thread-safe",
};
static const char * const code_terms[] = {
  "escape analysis", "goroutine", "channel", "garbage collector", "interface",
  "mutex", "slice", "map", "closure", "defer", "panic", "select statement",
  "context cancellation", "stack growth", "heap allocation", "scheduler", "work stealing",
  "write barrier", "generics", "type assertion", "reflection", "race detector",
  "sync.Pool", "atomic operations", "memory model", "struct embedding", "method set",
  "error wrapping", "pprof", "inlining", "bounds check elimination", "cgo",
  "system call", "file descriptor", "epoll", "TCP handshake", "TLS", "HTTP/2", "gRPC",
  "protocol buffers", "B-tree", "write-ahead log", "transaction isolation",
  "query planner", "Raft", "replication", "sharding", "cache invalidation",
  "load balancer", "backpressure", "rate limiter", "two-phase commit", "MVCC",
};
static const char * const code_snippets[] = {
  "go func() { done <- work() }()", "ch := make(chan int, 8)", "defer mu.Unlock()",
  "runtime.GC()", "var _ io.Reader = (*File)(nil)", "select { case v := <-ch: use(v) }",
  "sync.WaitGroup", "go build -gcflags=-m", "context.WithTimeout(ctx, time.Second)",
  "errors.Is(err, fs.ErrNotExist)", "atomic.AddInt64(&n, 1)", "GOMAXPROCS",
  "GOGC=200", "GOMEMLIMIT", "make([]byte, 0, 4096)", "for range time.Tick(d)",
  "BEGIN IMMEDIATE", "SELECT count(*) FROM t", "EXPLAIN QUERY PLAN", "PRAGMA journal_mode",
  "fsync()", "SO_REUSEPORT", "recover()", "unsafe.Pointer", "t.Parallel()",
};
static const char * const code_blocks[] = {
  "```go\nfunc worker(jobs <-chan Job, results chan<- Result) {\n"
  "\tfor j := range jobs {\n\t\tresults <- j.Do()\n\t}\n}\n```",
  "```go\nctx, cancel := context.WithTimeout(ctx, 2*time.Second)\n"
  "defer cancel()\nreturn fetch(ctx, url)\n```",
  "```go\nvar mu sync.Mutex\nmu.Lock()\ncount++\nmu.Unlock()\n```",
  "```go\ntype Shape interface {\n\tArea() float64\n}\n```",
  "```go\nfunc Map[T, U any](s []T, f func(T) U) []U {\n"
  "\tout := make([]U, 0, len(s))\n\tfor _, v := range s {\n"
  "\t\tout = append(out, f(v))\n\t}\n\treturn out\n}\n```",
  "```sql\nBEGIN;\nUPDATE accounts SET balance = balance - 10 WHERE id = 1;\nCOMMIT;\n```",
  "```sh\ngo test -race -run TestQueue ./...\n```",
  "```go\nselect {\ncase msg := <-inbox:\n\thandle(msg)\ncase <-ctx.Done():\n"
  "\treturn ctx.Err()\n}\n```",
};
static const char * const emojis[] = {
  "🟢", "🔵", "🔴", "🟡", "⚙️", "📡", "🔄", "🧠", "⚒️", "🧩",
};

static const Theme themes[N_DECKS] = {
  { "Go Runtime and Concurrency", 0.9, WORDS (go_topics), WORDS (go_nouns) },
  { "Databases and Distributed Systems", 0.6, WORDS (db_topics), WORDS (db_nouns) },
  { "Human Biology and Medicine", 0.08, WORDS (bio_topics), WORDS (bio_nouns) },
  { "World History and Geography", 0.08, WORDS (history_topics), WORDS (history_nouns) },
};

static const Words general_verb_words = WORDS (general_verbs);
static const Words code_verb_words = WORDS (code_verbs);
static const Words general_adjective_words = WORDS (general_adjectives);
static const Words code_adjective_words = WORDS (code_adjectives);
static const Words code_term_words = WORDS (code_terms);
static const Words code_snippet_words = WORDS (code_snippets);

static const char * const questions[] = {
  "What is the role of the $N in $P?",
  "How does $T affect the $N?",
  "Why does the $A $N $V the $M?",
  "Explain the difference between $T and $U.",
  "When would you prefer $T over a $A $N?",
  "What happens to the $N when $T $V it?",
  "How can you tell that a $N is $A?",
  "Which $N $V the $M in $P?",
  "What are the trade-offs of $T in $P?",
  "Describe how $T and the $N work together.",
  "Why is the $N called $A in $P?",
  "What goes wrong when the $N $V the $M too early?",
};
static const char * const answer_sentences[] = {
  "The $B $V the $M, so the $N stays $A.",
  "In practice, $T $V every $N that is $A.",
  "$K is $A because it $V the $N before the $M.",
  "This matters when the $N is $A: $T $V it $D times faster.",
  "A common mistake is to assume that $T $V the $N.",
  "Use $C when the $N must stay $A.",
  "Without the $M, the $N $V the $A $B.",
  "Think of the $N as a $A $M that $V $T.",
};
static const char * const detail_sentences[] = {
  "Historically the $N $V the $M only when it was $A.",
  "For example, $C $V the $N in about $D steps.",
  "Measurements show that a $A $N $V the $M $D% of the time.",
  "The $B and the $M are often confused; only one of them $V $T.",
  "Under load, $T $V the $N and the $M becomes $A.",
  "Note that $K never $V a $A $N.",
  "Since the $D revision, $T $V the $N differently.",
  "Most textbooks describe the $N as $A, which hides how $T $V it.",
};
static const char * const list_items[] = {
  "- **$N**: $V the $M",
  "- $T $V the $A $N",
  "- $C, when the $N is $A",
  "- the $A $N, not the $M",
};

typedef struct
{
  Rng         *rng;
  const Theme *theme;
  gboolean     code;    /* a card about programming */
} TextContext;

static const char *
pick (Rng         *rng,
      const Words *words)
{
  /* skewed towards the front, as real vocabularies are */
  double u = rng_double (rng);

  return words->words[(guint) (words->n * (u < 0.5 ? u * u * 2 : u))];
}

static const char *
pick_array (Rng                *rng,
            const char * const *array,
            guint               n)
{
  return array[rng_below (rng, n)];
}

static void
append_template (GString     *out,
                 TextContext *ctx,
                 const char  *template)
{
  gsize start = out->len;

  for (const char *p = template; *p != '\0'; p++)
    {
      gboolean code = ctx->code;

      if (*p != '$' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (*++p)
        {
        case 'N':
        case 'M':
          g_string_append (out, pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'B':
          g_string_append_printf (out, "**%s**", pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'P':
          g_string_append (out, pick (ctx->rng, &ctx->theme->topics));
          break;
        case 'V':
          g_string_append (out, pick (ctx->rng, code && rng_double (ctx->rng) < 0.6
                                                  ? &code_verb_words : &general_verb_words));
          break;
        case 'A':
          g_string_append (out, pick (ctx->rng, code && rng_double (ctx->rng) < 0.6
                                                  ? &code_adjective_words
                                                  : &general_adjective_words));
          break;
        case 'T':
        case 'U':
          g_string_append (out, code ? pick (ctx->rng, &code_term_words)
                                     : pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'K':
          g_string_append_printf (out, "**%s**", code ? pick (ctx->rng, &code_term_words)
                                                      : pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'C':
          if (code)
            g_string_append_printf (out, "`%s`", pick (ctx->rng, &code_snippet_words));
          else
            g_string_append_printf (out, "*%s*", pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'D':
          g_string_append_printf (out, "%u", 2 + rng_below (ctx->rng, 1998));
          break;
        default:
          g_string_append_c (out, '$');
          g_string_append_c (out, *p);
          break;
        }
    }

  /* capitalize a sentence that starts with a word */
  if (g_ascii_islower (out->str[start]))
    out->str[start] = g_ascii_toupper (out->str[start]);
}

static void
append_sentences (GString            *out,
                  TextContext        *ctx,
                  const char * const *templates,
                  guint               n_templates,
                  gsize               until)
{
  do
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      append_template (out, ctx, pick_array (ctx->rng, templates, n_templates));
    }
  while (out->len < until);
}

void
_eg_synthetic_card_text_clear (CardText *text)
{
  g_clear_pointer (&text->question, g_free);
  g_clear_pointer (&text->answer, g_free);
  g_clear_pointer (&text->parts, g_ptr_array_unref);
  g_clear_pointer (&text->hash, g_free);
}

/* About 300 to 600 bytes of Markdown: a question, an answer with bold,
 * code and sometimes a list, and an "Indepth" part.
 */
void
_eg_synthetic_make_card_text (guint32      seed,
                              guint        index,
                              const Theme *theme,
                              CardText    *text)
{
  g_autoptr(GString) question = g_string_new (NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GString) indepth = g_string_new (NULL);
  TextContext ctx;
  EgCardPart *part;
  Rng rng;
  gsize size;

  rng_init (&rng, seed, SALT_TEXT, index);
  ctx.rng = &rng;
  ctx.theme = theme;
  ctx.code = rng_double (&rng) < theme->code_share;
  size = 300 + rng_below (&rng, 300);

  append_template (question, &ctx, pick_array (&rng, questions, G_N_ELEMENTS (questions)));

  append_sentences (answer, &ctx, answer_sentences, G_N_ELEMENTS (answer_sentences),
                    question->len < size * 2 / 5 ? size * 2 / 5 - question->len : 1);
  if (rng_double (&rng) < 0.35)
    {
      guint n = 2 + rng_below (&rng, 3);

      g_string_append (answer, "\n\n");
      for (guint i = 0; i < n; i++)
        {
          append_template (answer, &ctx, pick_array (&rng, list_items, G_N_ELEMENTS (list_items)));
          g_string_append_c (answer, '\n');
        }
      g_string_truncate (answer, answer->len - 1);
    }

  if (ctx.code && rng_double (&rng) < 0.3)
    {
      append_sentences (indepth, &ctx, detail_sentences, G_N_ELEMENTS (detail_sentences), 60);
      g_string_append_printf (indepth, "\n\n%s",
                              pick_array (&rng, code_blocks, G_N_ELEMENTS (code_blocks)));
    }
  else
    {
      gsize used = question->len + answer->len;

      append_sentences (indepth, &ctx, detail_sentences, G_N_ELEMENTS (detail_sentences),
                        used + 80 < size ? size - used : 80);
    }

  text->question = g_string_free (g_steal_pointer (&question), FALSE);
  text->answer = g_string_free (g_steal_pointer (&answer), FALSE);
  text->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  part = g_new0 (EgCardPart, 1);
  part->name = g_strdup ("Indepth");
  part->text = g_string_free (g_steal_pointer (&indepth), FALSE);
  g_ptr_array_add (text->parts, part);
  text->hash = eg_deck_card_hash (text->question, text->answer, text->parts);
}

const Theme *
_eg_synthetic_theme (guint deck)
{
  g_return_val_if_fail (deck < N_DECKS, NULL);
  return &themes[deck];
}

/* The emoji of a section heading: any index will do. */
const char *
_eg_synthetic_emoji (guint index)
{
  return emojis[index % G_N_ELEMENTS (emojis)];
}

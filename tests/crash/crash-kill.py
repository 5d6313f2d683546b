#!/usr/bin/env python3
"""crash-kill.py - kill Engram with SIGKILL at random moments, then check the data

Each kill lands uniformly 0-300 ms into an operation (a seeded RNG; the seed
is printed, and --seed replays a run):

  grade   a loop of `engram-cli review --grade N`; a review is acknowledged
          when the CLI printed its line before the kill
  import  an update import of a large generated deck over its older version
  backup  `engram-cli backup create`, and `backup restore` of another state
  gui     the app under Xvfb, driven by xdotool through reviews; a grade is
          acknowledged when the app showed the next card (ENGRAM_TRACE)
  optimize  `engram-cli optimize --apply` on a generated collection (every
          card rescheduled under the fit), and `optimize --undo` after it

After each kill: `PRAGMA integrity_check` is ok, every acknowledged review is
in the review log (in order, with its grade) and at most the one in flight
besides, no grade is half written (its log row without its card's state), the
collection holds the whole old deck or the whole new import, every file named
as a backup is complete and holds a state the collection had, `backup list`
shows nothing else, a killed restore left the old or the restored
collection, a killed apply or undo of fitted parameters left the
parameters and every card's state wholly before or wholly after, and
engram-cli opens the collection again.

  crash-kill.py --cli ENGRAM_CLI --deck DECK.md [--app ENGRAM]
                [--grade N] [--import N] [--backup N] [--gui N] [--optimize N]
                [--seed S] [--window MIN_MS MAX_MS] [--tap]

With --tap it speaks TAP (one test per kill, the figures as comments);
otherwise it prints the figures.  Exit status 1 when a check failed.
Python standard library only.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BASE_AT = 1795000000  # 2026-11-19T...Z, seconds
# what engram-cli prints for a grade it saved (after the prompt "> " when
# interactive)
GRADE_LINE = re.compile(r"^(?:> )?(\S+) (Again|Hard|Good|Easy): ")
RATINGS = {"Again": 1, "Hard": 2, "Good": 3, "Easy": 4}
BACKUP_NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[a-z]+(-\d+)?\.db$")
MAX_KILL_MS = 300


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Harness:
    def __init__(self, args, out):
        self.args = args
        self.out = out
        self.rng = random.Random(args.seed)
        self.tmp = tempfile.mkdtemp(prefix="engram-crash-")
        self.n = 0
        self.failed = 0
        self.figures = {}
        self.checked_backups = {}
        self.bad_backups = set()
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", TZ="UTC",
                        XDG_DATA_HOME=os.path.join(self.tmp, "xdg-data"),
                        XDG_CONFIG_HOME=os.path.join(self.tmp, "xdg-config"),
                        XDG_CACHE_HOME=os.path.join(self.tmp, "xdg-cache"))

    # ---------------------------------------------------------------- tools
    def cli(self, db, *args, at=None, check=True):
        cmd = [self.args.cli, "--db", db]
        if at is not None:
            cmd += ["--at", iso(at)]
        p = subprocess.run(cmd + list(args), env=self.env, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError("engram-cli %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                                p.stderr.strip()))
        return p

    def kill_during(self, cmd, delay_ms, env=None, stdin=None):
        """Runs @cmd in its own process group, SIGKILLs the group @delay_ms
        after the start; returns (stdout lines printed before, finished)."""
        p = subprocess.Popen(cmd, env=env or self.env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, start_new_session=True,
                             stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
        if stdin:
            p.stdin.write(stdin)  # small: the pipe holds it
            p.stdin.close()
        lines = []

        def read():
            for raw in p.stdout:
                lines.append(raw.decode("utf-8", "replace"))
        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(delay_ms / 1000)
        finished = p.poll() is not None
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        reader.join()
        return lines, finished

    def report(self, ok, what, details=()):
        self.n += 1
        if not ok:
            self.failed += 1
        if self.args.tap:
            print("%s %d - %s" % ("ok" if ok else "not ok", self.n, what), file=self.out)
            for d in details:
                print("# " + d, file=self.out)
        elif not ok:
            print("FAILED: " + what, file=self.out)
            for d in details:
                print("    " + d, file=self.out)
        self.out.flush()

    def note(self, text):
        print(("# " if self.args.tap else "") + text, file=self.out)
        self.out.flush()

    def figure(self, scenario, key, value=1):
        f = self.figures.setdefault(scenario, {})
        f[key] = f.get(key, 0) + value

    # ------------------------------------------------------------ inspection
    @staticmethod
    def inspect(db):
        """Integrity, content hashes and the review log of the collection @db,
        on a connection of our own (which recovers a hot journal or WAL)."""
        con = sqlite3.connect(db, timeout=10, isolation_level=None)
        try:
            integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
            cards = hashlib.sha256()
            n_cards = 0
            for row in con.execute(
                    "SELECT d.key, c.key, c.question, c.answer, c.content_hash, c.in_source,"
                    " c.deleted, s.key, s.heading FROM cards c JOIN decks d ON d.id = c.deck_id"
                    " JOIN sections s ON s.id = c.section_id ORDER BY d.key, c.key"):
                cards.update(repr(row).encode())
                n_cards += 1
            for row in con.execute("SELECT c.key, p.position, p.name, p.text FROM card_parts p"
                                   " JOIN cards c ON c.id = p.card_id ORDER BY c.key, p.position"):
                cards.update(repr(row).encode())
            log = [tuple(r) for r in con.execute(
                "SELECT r.id, c.key, r.rating, r.reviewed_at FROM review_log r"
                " JOIN cards c ON c.id = r.card_id ORDER BY r.id")]
            # a grade writes its log row and its card's state together
            half = con.execute(
                "SELECT count(*) FROM card_state s WHERE coalesce(s.last_review, -1) !="
                " coalesce((SELECT max(r.reviewed_at) FROM review_log r"
                "  WHERE r.card_id = s.card_id AND r.rating > 0 AND r.rescheduled = 1), -1)").fetchone()[0]
            everything = hashlib.sha256(cards.digest())
            everything.update(repr(log).encode())
            for row in con.execute("SELECT * FROM card_state ORDER BY card_id"):
                everything.update(repr(tuple(row)).encode())
        finally:
            con.close()
        return {"integrity": integrity, "n_cards": n_cards, "cards": cards.hexdigest(),
                "log": log, "half_grades": half, "all": everything.hexdigest()}

    def reopen(self, db):
        """engram-cli opens the collection and agrees on its counts."""
        p = self.cli(db, "stats", check=False)
        m = re.search(r"^Cards: *(\d+)", p.stdout, re.M)
        r = re.search(r"^Reviews: *(\d+)", p.stdout, re.M)
        if p.returncode != 0 or not m or not r:
            return None, "engram-cli stats: exit %d: %s" % (p.returncode, p.stderr.strip())
        return (int(m.group(1)), int(r.group(1))), None

    def common_checks(self, db, state, problems):
        if state["integrity"] != ["ok"]:
            problems.append("integrity_check: %s" % "; ".join(state["integrity"][:5]))
        if state["half_grades"]:
            problems.append("%d cards whose state does not match their last review"
                            % state["half_grades"])
        counts, err = self.reopen(db)
        if err:
            problems.append(err)
        elif counts[0] < 1 or counts[1] != len(state["log"]):
            problems.append("engram-cli stats says %d cards, %d reviews; the file holds %d"
                            " reviews" % (counts[0], counts[1], len(state["log"])))

    # ------------------------------------------------------------- scenarios
    def setup_deck_db(self, name, new_per_day=9999):
        db = os.path.join(self.tmp, name, "collection.db")
        os.makedirs(os.path.dirname(db))
        self.cli(db, "import", self.args.deck, at=BASE_AT)
        self.cli(db, "settings", "new-per-day", str(new_per_day))
        self.cli(db, "settings", "reviews-per-day", "99999")
        return db

    def check_reviews(self, db, before, acked, problems, scenario):
        """The review log after the kill holds the rows before it, then every
        acknowledged review in order, then at most the one in flight."""
        state = self.inspect(db)
        self.common_checks(db, state, problems)
        log = state["log"]
        if log[:len(before)] != before:
            problems.append("reviews logged before the run changed or went missing")
        new = [(key, rating) for _, key, rating, _ in log[len(before):]]
        lost = 0
        for i, ack in enumerate(acked):
            # the app's trace does not name the card: its grade is compared
            if i >= len(new) or new[i][1] != ack[1] or ack[0] not in (None, new[i][0]):
                lost = len(acked) - i
                problems.append("acknowledged review %d (%s %d) is not in the log; logged: %s"
                                % (i + 1, ack[0] or "", ack[1], new[i:i + 3]))
                break
        if len(new) > len(acked) + 1:
            problems.append("%d reviews logged, only %d acknowledged"
                            % (len(new), len(acked)))
        self.figure(scenario, "acknowledged reviews", len(acked))
        self.figure(scenario, "lost acknowledged reviews", lost)
        return log

    def run_grade(self, count):
        """Every other kill hits a shell loop of `review --grade N`, the others
        one interactive `engram-cli review` fed Enter and a grade per card."""
        db = self.setup_deck_db("grade")
        before = self.inspect(db)["log"]
        for k in range(count):
            delay = self.rng.uniform(*self.args.window)
            at = BASE_AT + 3600 * 6 * (k + 1)
            grades = [self.rng.choice("1233334") for _ in range(40)]
            if k % 2 == 0:
                how = "--grade loop"
                script = "for g in %s; do \"$0\" --db \"$1\" --at \"$2\" review --grade $g" \
                         " || exit; done" % " ".join(grades)
                lines, finished = self.kill_during(
                    ["sh", "-c", script, self.args.cli, db, iso(at)], delay)
            else:
                how = "interactive"
                grades += [self.rng.choice("1233334") for _ in range(60)]
                keys = "".join("\n%s\n" % g for g in grades) + "q\n"
                lines, finished = self.kill_during(
                    [self.args.cli, "--db", db, "--at", iso(at), "review"], delay,
                    stdin=keys.encode())
            acked = []
            for line in lines:
                m = GRADE_LINE.match(line)
                if m:
                    acked.append((m.group(1), RATINGS[m.group(2)]))
            problems = []
            before = self.check_reviews(db, before, acked, problems, "grade")
            self.check_backups(db, None, problems, "grade")
            self.figure("grade", how + " kills")
            self.outcome("grade", k, delay, problems,
                         "%s, %d acknowledged, %d logged" % (how, len(acked), len(before)),
                         finished)

    def outcome(self, scenario, k, delay, problems, summary, finished=False):
        self.figure(scenario, "kills")
        if finished:
            self.figure(scenario, "finished before the kill")
        if not problems:
            self.figure(scenario, "survived")
        self.report(not problems, "%s kill %d at %.0f ms: %s" % (scenario, k + 1, delay, summary),
                    problems)

    # import ---------------------------------------------------------------
    @staticmethod
    def write_deck(path, n_cards, version):
        """A deck shaped like the shipped one (as bench-import generates it);
        version 2 changes every card's answer and adds half as many cards."""
        total = n_cards if version == 1 else n_cards + n_cards // 2
        with open(path, "w", encoding="utf-8") as f:
            f.write("# Generated Crash Deck\n\n")
            for i in range(total):
                if i % 500 == 0:
                    f.write("## From %d Generated\n\n# 🟢 **Section %d**\n\n"
                            % (i // 500 + 1, i // 500 + 1))
                changed = version == 2
                f.write("### %d. What does `f%d()` do when the **buffer** is full?\n"
                        "\"It is blocked until a reader drains `ch%d`%s.\n\n"
                        "*   The sender parks on `sendq`.\n"
                        "*   The scheduler runs another goroutine.\"\n\n"
                        "#### Indepth\n"
                        "Card %d: with `select` and `default` the send never parks.\n\n---\n\n"
                        % (i + 1, i, i, " (revised)" if changed else "", i))

    @staticmethod
    def backup_files(db):
        """The backup folder of @db (NAME.backups, or backups beside the
        default collection) and the names in it."""
        for folder in (db + ".backups", os.path.join(os.path.dirname(db), "backups")):
            if os.path.isdir(folder):
                return folder, sorted(os.listdir(folder))
        return db + ".backups", []

    def check_backups(self, db, valid_states, problems, scenario):
        """Every file named as a backup is complete and holds a state the
        collection had; `backup list` lists exactly those.  Returns the
        state (its hash) each sound backup holds, by name."""
        folder, names = self.backup_files(db)
        named = [n for n in names if BACKUP_NAME.match(n)]
        bad = set()
        held = {}
        for name in named:
            path = os.path.join(folder, name)
            st = os.stat(path)
            # a backup once checked is checked again only if its file changed
            stamp = (path, st.st_ino, st.st_size, st.st_mtime_ns)
            if stamp in self.checked_backups and not any(
                    os.path.exists(path + suffix) for suffix in ("-journal", "-wal")):
                held[name] = self.checked_backups[stamp]
                continue
            try:
                # a copy, so the check itself never repairs a backup
                copy = os.path.join(self.tmp, "check-backup.db")
                shutil.copyfile(path, copy)
                for suffix in ("-journal", "-wal"):
                    if os.path.exists(path + suffix):
                        problems.append("backup %s has a %s file" % (name, suffix))
                        bad.add(name)
                state = self.inspect(copy)
                os.unlink(copy)
                if state["integrity"] != ["ok"]:
                    problems.append("backup %s: integrity_check %s" % (name, state["integrity"][:3]))
                    bad.add(name)
                elif valid_states is not None and state["all"] not in valid_states:
                    problems.append("backup %s holds no state the collection had (%d cards)"
                                    % (name, state["n_cards"]))
                    bad.add(name)
                else:
                    self.checked_backups[stamp] = held[name] = state["all"]
            except sqlite3.DatabaseError as e:
                problems.append("backup %s cannot be read: %s" % (name, e))
                bad.add(name)
        p = self.cli(db, "backup", "list", check=False)
        listed = sorted(line.split("\t")[0] for line in p.stdout.splitlines() if line.strip())
        if p.returncode not in (0, 1) or listed != sorted(named):
            problems.append("backup list shows %s; the folder's backups are %s"
                            % (listed, named))
            bad.add("backup list")
        self.figure(scenario, "bad backups", len(bad - self.bad_backups))
        self.bad_backups |= bad
        return held

    def run_import(self, count):
        n_cards = self.args.import_cards
        old_deck = os.path.join(self.tmp, "deck-v1", "crash-deck.md")
        new_deck = os.path.join(self.tmp, "deck-v2", "crash-deck.md")
        os.makedirs(os.path.dirname(old_deck))
        os.makedirs(os.path.dirname(new_deck))
        self.write_deck(old_deck, n_cards, 1)
        self.write_deck(new_deck, n_cards, 2)
        template = os.path.join(self.tmp, "import-template.db")
        self.cli(template, "import", old_deck, at=BASE_AT)
        # a few reviews that the update must keep
        for _ in range(5):
            self.cli(template, "review", "--grade", "3", at=BASE_AT)
        old = self.inspect(template)
        reference = os.path.join(self.tmp, "import-reference.db")
        shutil.copyfile(template, reference)
        started = time.monotonic()
        self.cli(reference, "import", new_deck, at=BASE_AT + 60)
        import_ms = (time.monotonic() - started) * 1000
        new = self.inspect(reference)
        self.note("import: %d cards, then an update to %d cards (%d changed); the update takes"
                  " %.0f ms uninterrupted" % (old["n_cards"], new["n_cards"],
                                              n_cards, import_ms))
        if old["cards"] == new["cards"]:
            raise RuntimeError("the two deck versions import the same")
        db_dir = os.path.join(self.tmp, "import")
        for k in range(count):
            shutil.rmtree(db_dir, ignore_errors=True)
            os.makedirs(db_dir)
            db = os.path.join(db_dir, "collection.db")
            shutil.copyfile(template, db)
            delay = self.rng.uniform(*self.args.window)
            lines, finished = self.kill_during(
                [self.args.cli, "--db", db, "--at", iso(BASE_AT + 60), "import", new_deck], delay)
            problems = []
            wal = os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0
            state = self.inspect(db)
            self.common_checks(db, state, problems)
            if state["cards"] == old["cards"] and wal > 0:
                self.figure("import", "old deck with a -wal left (killed while writing)")
            if state["cards"] == old["cards"]:
                which = "old"
            elif state["cards"] == new["cards"]:
                which = "new"
            else:
                which = "half"
                problems.append("a half import: %d cards, neither the old (%d) nor the new (%d)"
                                " deck" % (state["n_cards"], old["n_cards"], new["n_cards"]))
                self.figure("import", "half imports")
            if state["log"] != old["log"]:
                problems.append("the review log changed: %d rows, %d before"
                                % (len(state["log"]), len(old["log"])))
                self.figure("import", "lost acknowledged reviews", len(old["log"]))
            self.figure("import", "whole old deck" if which == "old" else "whole new import"
                        if which == "new" else "half imports", 0 if which == "half" else 1)
            self.check_backups(db, {old["all"]}, problems, "import")
            self.outcome("import", k, delay, problems, "%s deck, %d cards"
                         % (which, state["n_cards"]), finished)
        self.figures["import"].setdefault("half imports", 0)

    # backup ---------------------------------------------------------------
    @staticmethod
    def save_source(db, path):
        """A copy of @db as a backup is: one file, rollback journal."""
        con = sqlite3.connect(db, isolation_level=None)
        try:
            con.execute("VACUUM INTO ?", (path,))
        finally:
            con.close()
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
        finally:
            con.close()

    def run_backup(self, count):
        folder = os.path.join(self.tmp, "backup")
        os.makedirs(folder)
        db = os.path.join(folder, "collection.db")
        dev = self.args.dev
        if dev:
            subprocess.run([dev, "bench-gen", "--cards", str(self.args.backup_cards),
                            "--reviews", str(self.args.backup_cards * 5), "--seed", "7",
                            "--at", iso(BASE_AT), "--db", db], env=self.env, check=True,
                           capture_output=True)
        else:
            self.cli(db, "import", self.args.deck, at=BASE_AT)
        self.cli(db, "settings", "new-per-day", "9999")
        # two states of the collection to restore in turn
        sources = os.path.join(self.tmp, "backup-sources")
        os.makedirs(sources)
        state_a = self.inspect(db)
        self.save_source(db, os.path.join(sources, "a.db"))
        for _ in range(3):
            self.cli(db, "review", "--grade", "3", at=BASE_AT + 60)
        state_b = self.inspect(db)
        self.save_source(db, os.path.join(sources, "b.db"))
        states = {state_a["all"]: "a", state_b["all"]: "b"}
        started = time.monotonic()
        self.cli(db, "backup", "create", at=BASE_AT + 90)
        create_ms = (time.monotonic() - started) * 1000
        self.note("backup: %d cards, %d reviews, %.1f MB; a backup takes %.0f ms uninterrupted"
                  % (state_b["n_cards"], len(state_b["log"]), os.path.getsize(db) / 1e6,
                     create_ms))
        backup_dir, _ = self.backup_files(db)
        current = "b"
        for k in range(count):
            at = BASE_AT + 120 + 3600 * k
            delay = self.rng.uniform(*self.args.window)
            problems = []
            if k % 2 == 0:
                what = "create"
                cmd = [self.args.cli, "--db", db, "--at", iso(at), "backup", "create"]
                expected = {current}
            else:
                what = "restore"
                target = "a" if current == "b" else "b"
                # the source, as a backup a minute older (rotation may have removed it)
                name = time.strftime("%Y-%m-%dT%H-%M-%SZ", time.gmtime(at - 60)) + "-manual.db"
                tmp_copy = os.path.join(backup_dir, ".crash-source")
                shutil.copyfile(os.path.join(sources, target + ".db"), tmp_copy)
                os.rename(tmp_copy, os.path.join(backup_dir, name))
                cmd = [self.args.cli, "--db", db, "--at", iso(at), "backup", "restore", name]
                expected = {current, target}
            expected_old = current
            expected_old_hash = [h for h, n in states.items() if n == current][0]
            lines, finished = self.kill_during(cmd, delay)
            state = self.inspect(db)
            self.common_checks(db, state, problems)
            got = states.get(state["all"])
            if got not in expected:
                problems.append("after a killed %s the collection is %s, expected %s"
                                % (what, got or "a state it never had", " or ".join(expected)))
                self.figure("backup", "wrong collections" if got else "half restores")
            else:
                current = got
            held = self.check_backups(db, set(states), problems, "backup")
            if what == "restore" and got == target and \
                    not any(re.search(r"-restore(-\d+)?\.db$", n) and h == expected_old_hash
                            for n, h in held.items()):
                problems.append("the collection was restored, but no backup holds it as it was")
                self.figure("backup", "collections lost by a restore")
            self.figure("backup", what + " kills")
            if what == "restore" and got in expected:
                self.figure("backup", "restores left undone" if got == expected_old
                            else "restores done")
            self.outcome("backup", k, delay, problems, "%s; the collection is state %s"
                         % (what, got), finished)
        self.figures["backup"].setdefault("half restores", 0)

    # optimize -------------------------------------------------------------
    def weights_state(self, db):
        """Everything an apply or undo of parameters writes, as one hash."""
        state = self.inspect(db)
        con = sqlite3.connect(db, timeout=10, isolation_level=None)
        try:
            extra = [tuple(r) for r in con.execute(
                "SELECT key, value FROM settings WHERE key LIKE 'fsrs-weights%' ORDER BY key")]
            extra += [tuple(r) for r in con.execute(
                "SELECT * FROM card_state_before_weights ORDER BY card_id")]
        finally:
            con.close()
        return state, hashlib.sha256((state["all"] + repr(extra)).encode()).hexdigest()

    def run_optimize(self, count):
        if not self.args.dev:
            raise RuntimeError("the optimize scenario needs --dev")
        n_cards = self.args.optimize_cards
        template = os.path.join(self.tmp, "optimize-template.db")
        subprocess.run([self.args.dev, "bench-gen", "--cards", str(n_cards), "--reviews",
                        str(n_cards * 10), "--seed", "11", "--at", iso(BASE_AT), "--db",
                        template], env=self.env, check=True, capture_output=True)
        applied = os.path.join(self.tmp, "optimize-applied.db")
        shutil.copyfile(template, applied)
        started = time.monotonic()
        self.cli(applied, "optimize", "--apply", at=BASE_AT)
        apply_ms = (time.monotonic() - started) * 1000
        before_state, before_digest = self.weights_state(template)
        applied_state, applied_digest = self.weights_state(applied)
        names = {before_digest: "before", applied_digest: "applied"}
        if len(names) != 2:
            raise RuntimeError("optimize --apply changed nothing to check")
        self.note("optimize: %d cards, %d reviews; --apply takes %.0f ms uninterrupted"
                  % (n_cards, n_cards * 10, apply_ms))
        # the kills span the whole apply, however long it takes here
        window = (self.args.window[0], max(self.args.window[1], apply_ms * 1.3))
        db_dir = os.path.join(self.tmp, "optimize")
        for k in range(count):
            shutil.rmtree(db_dir, ignore_errors=True)
            os.makedirs(db_dir)
            db = os.path.join(db_dir, "collection.db")
            what = "apply" if k % 2 == 0 else "undo"
            shutil.copyfile(template if what == "apply" else applied, db)
            delay = self.rng.uniform(*window)
            lines, finished = self.kill_during(
                [self.args.cli, "--db", db, "--at", iso(BASE_AT), "optimize", "--" + what], delay)
            problems = []
            state, digest = self.weights_state(db)
            self.common_checks(db, state, problems)
            got = names.get(digest)
            if got is None:
                problems.append("after a killed %s the parameters and cards are neither wholly"
                                " before nor wholly applied" % what)
                self.figure("optimize", "half changes")
            else:
                self.figure("optimize", "%s kills left %s" % (what, got))
            self.check_backups(db, {before_state["all"], applied_state["all"]}, problems,
                               "optimize")
            self.outcome("optimize", k, delay, problems, "%s; the collection is %s"
                         % (what, got), finished)
        self.figures["optimize"].setdefault("half changes", 0)

    # gui ------------------------------------------------------------------
    def run_gui(self, count):
        if not self.args.app or not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
            self.note("gui: skipped (needs --app, a DISPLAY and xdotool)")
            return
        home = os.path.join(self.tmp, "gui")
        env = dict(self.env, XDG_DATA_HOME=os.path.join(home, "data"),
                   XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_CACHE_HOME=os.path.join(home, "cache"),
                   XDG_RUNTIME_DIR=os.path.join(home, "runtime"), ENGRAM_TRACE="1")
        os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
        # engram-cli too: the app's collection is the default one there
        self.env = env
        db = os.path.join(env["XDG_DATA_HOME"], "engram", "collection.db")
        os.makedirs(os.path.dirname(db))
        self.cli(db, "import", self.args.deck)
        self.cli(db, "settings", "new-per-day", "9999")
        self.cli(db, "settings", "reviews-per-day", "99999")
        before = self.inspect(db)["log"]
        log_path = os.path.join(home, "app.log")
        for k in range(count):
            delay = self.rng.uniform(*self.args.window)
            with open(log_path, "wb") as log:
                app = subprocess.Popen([self.args.app], env=env, stdout=log, stderr=log,
                                       start_new_session=True)
            problems = []
            acked = []
            try:
                acked = self.drive_gui(app, log_path, delay, db, problems)
            finally:
                try:
                    os.killpg(app.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                app.wait()
            if acked is None:
                self.figure("gui", "kills")
                self.report(False, "gui round %d: the app did not come to review" % (k + 1),
                            problems)
                continue
            before = self.check_reviews(db, before, acked, problems, "gui")
            # the app's own backups (daily): complete, whatever they hold
            self.check_backups(db, None, problems, "gui")
            self.outcome("gui", k, delay, problems, "%d acknowledged, %d logged"
                         % (len(acked), len(before)))

    @staticmethod
    def traced(log_path, what, n, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with open(log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            if len(re.findall(r"^trace: %s " % what, text, re.M)) >= n:
                return True
            time.sleep(0.01)
        return False

    def drive_gui(self, app, log_path, delay, db, problems):
        """Opens review, then Space and a grade per card until the kill
        @delay ms after the first grade; returns the acknowledged reviews."""
        if not self.traced(log_path, "library", 1, 40):
            problems.append("no library trace")
            return None
        subprocess.run(["xdotool", "key", "Return"])
        if not self.traced(log_path, "next", 1):
            problems.append("no first card")
            return None
        keys = []
        killed = threading.Event()
        shown_at_kill = []

        def kill():
            try:
                os.killpg(app.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            killed.set()
        timer = None
        n = 1
        while not killed.is_set():
            subprocess.run(["xdotool", "key", "space"])
            if not self.traced(log_path, "reveal", n, 5) or killed.is_set():
                break
            # the card graded is the one shown; its key comes from the log later
            grade = self.rng.choice("1233334")
            keys.append(int(grade))
            subprocess.run(["xdotool", "key", grade])
            if timer is None:
                timer = threading.Timer(delay / 1000, kill)
                timer.start()
            n += 1
            if not self.traced(log_path, "next", n, 5):
                break
        if timer is not None:
            timer.join()
        app.wait()
        with open(log_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        shown = len(re.findall(r"^trace: next ", text, re.M))
        # each next card after the first acknowledges one grade
        return [(None, rating) for rating in keys[:shown - 1]]

    # ---------------------------------------------------------------- run
    def run(self):
        a = self.args
        total = a.grade + getattr(a, "import") + a.backup + a.gui + a.optimize
        if a.tap:
            print("1..%d" % total, file=self.out)
        self.note("seed %d (replay: --seed %d)" % (a.seed, a.seed))
        started = time.monotonic()
        timings = {}
        for scenario, count, fn in (("grade", a.grade, self.run_grade),
                                    ("import", getattr(a, "import"), self.run_import),
                                    ("backup", a.backup, self.run_backup),
                                    ("optimize", a.optimize, self.run_optimize),
                                    ("gui", a.gui, self.run_gui)):
            if count:
                t = time.monotonic()
                n_before = self.n
                fn(count)
                timings[scenario] = time.monotonic() - t
                # a skipped scenario still answers the plan
                while a.tap and self.n < n_before + count:
                    self.n += 1
                    print("ok %d # SKIP %s needs a display, xdotool and the app"
                          % (self.n, scenario), file=self.out)
        self.print_figures(time.monotonic() - started, timings)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.failed else 0

    def print_figures(self, seconds, timings):
        self.note("")
        self.note("crash-kill figures (seed %d, kills %g-%g ms into each operation)"
                  % ((self.args.seed,) + tuple(self.args.window)))
        totals = {"kills": 0, "survived": 0, "lost acknowledged reviews": 0,
                  "half imports": 0, "half changes": 0, "bad backups": 0}
        for scenario, f in self.figures.items():
            order = ["kills", "survived", "--grade loop kills", "interactive kills",
                     "create kills", "restore kills",
                     "finished before the kill", "acknowledged reviews",
                     "lost acknowledged reviews", "whole old deck",
                     "old deck with a -wal left (killed while writing)", "whole new import",
                     "restores left undone", "restores done",
                     "apply kills left before", "apply kills left applied",
                     "undo kills left applied", "undo kills left before",
                     "half imports", "half restores", "half changes", "wrong collections",
                     "bad backups"]
            keys = sorted(f, key=lambda k: order.index(k) if k in order else len(order))
            parts = ", ".join("%s %d" % (k, f[k]) for k in keys)
            self.note("  %-7s %s (%.0f s)" % (scenario, parts, timings.get(scenario, 0)))
            for key in totals:
                totals[key] += f.get(key, 0)
        self.note("  total   %d kills, %d survived, %d lost acknowledged reviews, %d half"
                  " imports, %d half parameter changes, %d bad backups, in %.0f s"
                  % (totals["kills"], totals["survived"], totals["lost acknowledged reviews"],
                     totals["half imports"], totals["half changes"], totals["bad backups"],
                     seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--dev", help="engram-dev, for a larger collection to back up")
    parser.add_argument("--app")
    parser.add_argument("--deck", required=True)
    parser.add_argument("--grade", type=int, default=0)
    parser.add_argument("--import", type=int, default=0)
    parser.add_argument("--backup", type=int, default=0)
    parser.add_argument("--gui", type=int, default=0)
    parser.add_argument("--optimize", type=int, default=0)
    parser.add_argument("--optimize-cards", type=int, default=2000)
    parser.add_argument("--import-cards", type=int, default=1000)
    parser.add_argument("--backup-cards", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--window", type=float, nargs=2, default=[0, MAX_KILL_MS],
                        metavar=("MIN_MS", "MAX_MS"),
                        help="kill uniformly between these times (default 0 %d)" % MAX_KILL_MS)
    parser.add_argument("--tap", action="store_true")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 1 << 31)
    sys.exit(Harness(args, sys.stdout).run())


if __name__ == "__main__":
    main()

#!/bin/sh
# engram-dev fsrs replay: the ts-fsrs golden vectors, end to end
# (doc/fsrs.md §13); and the command is the development tool's, not the
# installed engram-cli's.
#   check-fsrs-replay.sh ENGRAM_DEV ENGRAM_CLI FIXTURES
set -u
dev=$1 cli=$2 fixtures=$3
vectors="$fixtures/fsrs/scheduler-vectors.json"
fuzz="$fixtures/fsrs/fuzz-vectors.json"
. "$(dirname "$0")/tap.sh"

# compare.py OUTPUT EXPECTED: the replayed cards, outcomes and retrievabilities
# of OUTPUT equal those of EXPECTED (ints and strings exactly, floats within
# 1e-8 relative)
cat >"$tmp/compare.py" <<'EOF'
import json, sys

FLOATS = {"stability", "difficulty", "retrievability", "retrievability_api"}
got_doc = json.load(open(sys.argv[1]))
want_doc = json.load(open(sys.argv[2]))
errors = []

def same(field, got, want):
    if field in FLOATS and isinstance(want, (int, float)) and not isinstance(want, bool):
        return (isinstance(got, (int, float)) and not isinstance(got, bool)
                and abs(got - want) <= 1e-8 * max(1.0, abs(want)))
    return type(got) is type(want) and got == want

def compare(where, got, want):
    if set(got) != set(want):
        errors.append("%s: members %s, want %s" % (where, sorted(got), sorted(want)))
        return
    for field in want:
        if not same(field, got[field], want[field]):
            errors.append("%s.%s: got %r, want %r" % (where, field, got[field], want[field]))

n_reviews = 0
if len(got_doc["cases"]) != len(want_doc["cases"]):
    errors.append("%d cases, want %d" % (len(got_doc["cases"]), len(want_doc["cases"])))
for got_case, want_case in zip(got_doc["cases"], want_doc["cases"]):
    for i, (got, want) in enumerate(zip(got_case["reviews"], want_case["reviews"])):
        where = "%s reviews[%d]" % (want_case["id"], i)
        n_reviews += 1
        for field in ("state_before", "elapsed_days", "retrievability", "retrievability_api"):
            if not same(field, got[field], want[field]):
                errors.append("%s.%s: got %r, want %r" % (where, field, got[field], want[field]))
        compare(where + ".card", got["card"], want["card"])
        if ("preview" in got) != ("preview" in want):
            errors.append(where + ": preview present in only one")
        elif "preview" in want:
            if len(got["preview"]) != 4:
                errors.append(where + ": preview has %d outcomes" % len(got["preview"]))
            for g in range(min(4, len(got["preview"]))):
                compare("%s.preview[%d]" % (where, g), got["preview"][g], want["preview"][g])
    if len(got_case["reviews"]) != len(want_case["reviews"]):
        errors.append("%s: %d reviews" % (want_case["id"], len(got_case["reviews"])))
for line in errors[:10]:
    print(line)
print("%d reviews compared, %d differences" % (n_reviews, len(errors)))
sys.exit(1 if errors or n_reviews == 0 else 0)
EOF

echo "1..25"

"$dev" fsrs replay --check "$vectors" >"$tmp/sched.out" 2>"$tmp/sched.err"
status=$?
check "scheduler vectors: --check prints '359 passed, 0 failed'" \
  test "$(cat "$tmp/sched.out")" = "359 passed, 0 failed"
check "scheduler vectors: --check exits 0 with nothing on stderr" \
  sh -c "test $status -eq 0 && test ! -s '$tmp/sched.err'"

"$dev" fsrs replay "$fuzz" --check >"$tmp/fuzz.out" 2>"$tmp/fuzz.err"
status=$?
check "fuzz vectors: --check prints '30 passed, 0 failed'" \
  test "$(cat "$tmp/fuzz.out")" = "30 passed, 0 failed"
check "fuzz vectors: --check exits 0" test $status -eq 0

# One expected stability altered: that case fails, the others pass
python3 - "$vectors" "$tmp/altered.json" "$tmp/altered-id" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
case = doc["cases"][41]
case["reviews"][2]["card"]["stability"] += 0.5
json.dump(doc, open(sys.argv[2], "w"))
open(sys.argv[3], "w").write(case["id"])
EOF
altered_id=$(cat "$tmp/altered-id")
"$dev" fsrs replay --check "$tmp/altered.json" >"$tmp/alt.out" 2>"$tmp/alt.err"
status=$?
check "altered stability: --check prints '358 passed, 1 failed'" \
  test "$(cat "$tmp/alt.out")" = "358 passed, 1 failed"
check "altered stability: --check exits 1" test $status -eq 1
check "altered stability: stderr names the case, review and field" \
  grep -q "case $altered_id: reviews\[2\]: card.stability: got " "$tmp/alt.err"

# Without --check: the computed document
"$dev" fsrs replay "$vectors" >"$tmp/replayed.json" 2>"$tmp/replayed.err"
status=$?
check "scheduler vectors: replay exits 0" test $status -eq 0
check "scheduler vectors: the replayed cards equal the expected ones" \
  python3 "$tmp/compare.py" "$tmp/replayed.json" "$vectors"

"$dev" fsrs replay "$fuzz" >"$tmp/fuzz-replayed.json"
check "fuzz vectors: the replayed cards equal the expected ones" \
  python3 "$tmp/compare.py" "$tmp/fuzz-replayed.json" "$fuzz"

"$dev" fsrs replay "$tmp/altered.json" >"$tmp/alt-replayed.json"
status=$?
check "altered stability: replay exits 0 although the file differs" test $status -eq 0
check "altered stability: replay computes the original cards, not the file's" \
  python3 "$tmp/compare.py" "$tmp/alt-replayed.json" "$vectors"
check "altered stability: replay does not echo the altered value" \
  python3 -c 'import json, sys
got = json.load(open(sys.argv[1]))["cases"][41]["reviews"][2]["card"]["stability"]
bad = json.load(open(sys.argv[2]))["cases"][41]["reviews"][2]["card"]["stability"]
sys.exit(0 if abs(got - bad) > 0.4 else 1)' "$tmp/alt-replayed.json" "$tmp/altered.json"

# Errors: exit 1 and a message on stderr naming the file (and the case)
bad_input () {  # bad_input FILE PATTERN: exits 1 with PATTERN on stderr and nothing on stdout
  "$dev" fsrs replay --check "$1" >"$tmp/bad.out" 2>"$tmp/bad.err"
  test $? -eq 1 && grep -q -- "$2" "$tmp/bad.err" && test ! -s "$tmp/bad.out"
}
check "missing file exits 1 with a message" bad_input "$tmp/missing.json" "missing.json"
printf '{"cases": [' >"$tmp/broken.json"
check "invalid JSON exits 1 with a message" bad_input "$tmp/broken.json" "broken.json"
printf '{"schema_version": 1}\n' >"$tmp/nocases.json"
check "JSON without cases exits 1 with a message" bad_input "$tmp/nocases.json" "nocases.json: .*cases"
printf '{"cases": [{"id": "007-x", "reviews": []}]}\n' >"$tmp/noconfig.json"
check "a case without config exits 1 naming the case" \
  bad_input "$tmp/noconfig.json" "noconfig.json: case 007-x: .*config"
python3 - "$vectors" "$tmp/badstep.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["cases"][3]["config"]["learning_steps"] = ["1m", "10 minutes"]
json.dump(doc, open(sys.argv[2], "w"))
EOF
check "a bad step string exits 1 naming the case" \
  bad_input "$tmp/badstep.json" "badstep.json: case 004-.*10 minutes"

python3 - "$vectors" "$tmp/badtime.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["cases"][5]["reviews"][1]["review_time"] = "yesterday at noon"
json.dump(doc, open(sys.argv[2], "w"))
EOF
check "a bad time exits 1 naming the case and the time" \
  bad_input "$tmp/badtime.json" "badtime.json: case 006-.*reviews\[1\].*yesterday at noon"

# Times are ISO 8601 as eg-time reads them: an offset instead of Z is the same time
python3 - "$vectors" "$tmp/offset.json" <<'EOF'
import datetime, json, sys
doc = json.load(open(sys.argv[1]))
doc["cases"] = doc["cases"][:40]
for case in doc["cases"]:
    for review in case["reviews"]:
        t = datetime.datetime.strptime(review["review_time"], "%Y-%m-%dT%H:%M:%S.%fZ")
        t = t.replace(tzinfo=datetime.timezone.utc).astimezone(
            datetime.timezone(datetime.timedelta(hours=5, minutes=30)))
        review["review_time"] = t.isoformat(timespec="milliseconds")
json.dump(doc, open(sys.argv[2], "w"))
EOF
"$dev" fsrs replay --check "$tmp/offset.json" >"$tmp/offset.out" 2>&1
check "times with an offset (+05:30) replay as the same instants" \
  sh -c "grep -q '+05:30' '$tmp/offset.json' && test \"\$(cat '$tmp/offset.out')\" = '40 passed, 0 failed'"

check "fsrs without a subcommand is a usage error" \
  sh -c "'$dev' fsrs >/dev/null 2>'$tmp/err'; test \$? -eq 1 && test -s '$tmp/err'"
check "fsrs with an unknown subcommand is a usage error" \
  sh -c "'$dev' fsrs frobnicate x.json >/dev/null 2>'$tmp/err'; test \$? -eq 1 && grep -q frobnicate '$tmp/err'"
check "fsrs --help exits 0 and shows the replay command" \
  sh -c "'$dev' fsrs --help 2>&1 | grep -q 'replay FILE.json'"

# Development tools are not the product: the installed CLI has no fsrs command
check "engram-cli has no fsrs command" \
  sh -c "'$cli' fsrs replay '$vectors' --check >'$tmp/cli.out' 2>'$tmp/cli.err'; test \$? -eq 1 && grep -q 'unknown command' '$tmp/cli.err' && test ! -s '$tmp/cli.out'"
check "engram-cli --help does not list fsrs" \
  sh -c "'$cli' --help >'$tmp/cli-help' && grep -q 'backup' '$tmp/cli-help' && ! grep -q 'fsrs' '$tmp/cli-help'"

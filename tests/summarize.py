#!/usr/bin/env python3
"""Prints one line, "N passed, N failed", for one or more meson test runs.

    summarize.py TESTLOG.json...   (default: meson-logs/testlog.json)

With several logs (the main build's and the sanitizer build's) the line
counts them all together.  A log that is missing counts as one failure.

Counts the subtests of TAP tests (a test that crashed, timed out or left
planned subtests unreported counts as failed) and other tests as one each.
Exits non-zero when anything failed or nothing ran.
"""
import json
import re
import sys

TAP_RESULT = re.compile(r'^(ok|not ok)\b(.*)$')
TAP_PLAN = re.compile(r'^1\.\.(\d+)')


def count(test):
    passed = failed = skipped = 0
    planned = None
    for line in (test.get('stdout') or '').splitlines():
        plan = TAP_PLAN.match(line)
        if plan:
            planned = int(plan.group(1))
            continue
        result = TAP_RESULT.match(line)
        if not result:
            continue
        directive = result.group(2).lower()
        if '# skip' in directive:
            skipped += 1
        elif result.group(1) == 'ok' or '# todo' in directive:
            passed += 1
        else:
            failed += 1
    reported = passed + failed + skipped
    ok = test['result'] in ('OK', 'EXPECTEDFAIL')
    if reported == 0 and planned is None:
        # not a TAP test: one test
        return (1, 0, 0) if ok else (0, 1, 0)
    if planned is not None and reported < planned:
        failed += planned - reported
    if not ok and failed == 0:
        failed = 1
    return passed, failed, skipped


def main():
    logs = sys.argv[1:] or ['meson-logs/testlog.json']
    passed = failed = skipped = 0
    for log in logs:
        try:
            f = open(log, encoding='utf-8')
        except OSError as e:
            print(f'{log}: {e.strerror}', file=sys.stderr)
            failed += 1
            continue
        with f:
            for line in f:
                if not line.strip():
                    continue
                p, fl, s = count(json.loads(line))
                passed += p
                failed += fl
                skipped += s
    if skipped:
        print(f'{skipped} skipped')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main())

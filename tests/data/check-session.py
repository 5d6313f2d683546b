#!/usr/bin/env python3
"""60 simulated days of study on the shipped deck, through engram-cli --at.

A user studies every morning at 09:00 UTC and grades Good, except one lapse.
Fuzz is off so that intervals can be worked out by hand from the FSRS-6
formulas (doc/fsrs.md), which this script re-implements for the few cards it
checks. Prints TAP.

    check-session.py ENGRAM_CLI DECK
"""
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

CLI, DECK = sys.argv[1], sys.argv[2]
START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.timezone.utc)
DAYS = 60

# FSRS-6 defaults and the formulas of doc/fsrs.md sections 1, 4, 5 and 6
W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
     0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]
DECAY = -W[20]


def jsround(x):
    f = math.floor(x)
    return f + 1 if x - f >= 0.5 else f


def round8(x):
    return jsround(x * 1e8) / 1e8


FACTOR = round8(math.exp((1 / DECAY) * math.log(0.9)) - 1)


def retrievability(t, s):
    return round8(math.pow(1 + FACTOR * t / s, DECAY))


def d0(g):
    return round8(W[4] - math.exp((g - 1) * W[5]) + 1)


def next_difficulty(d, g):
    dn = d + round8(-W[6] * (g - 3) * (10 - d) / 9)
    return min(max(round8(W[7] * d0(4) + (1 - W[7]) * dn), 1), 10)


def recall_stability(s, d, r, g):
    hp = W[15] if g == 2 else 1
    eb = W[16] if g == 4 else 1
    return round8(min(max(s * (1 + math.exp(W[8]) * (11 - d) * math.pow(s, -W[9])
                                * (math.exp((1 - r) * W[10]) - 1) * hp * eb), 0.001), 36500))


def interval(s):
    return min(max(1, jsround(s)), 36500)   # IM = 1 for retention 0.9


tests = []


def check(description, ok, detail=''):
    tests.append((description, ok, detail))


def run(db, *args, at=None):
    cmd = [CLI, '--db', db, *args]
    if at is not None:
        cmd += ['--at', at.strftime('%Y-%m-%dT%H:%M:%SZ')]
    return subprocess.run(cmd, capture_output=True, text=True)


def day_of(row):
    when = datetime.datetime.fromisoformat(row['time'].replace('Z', '+00:00'))
    return (when - START).days


def session(fuzz):
    """Studies DAYS days; returns the review log, the number of grades and
    what `due` said on the mornings of days 1, 2 and 3."""
    db = os.path.join(tempfile.mkdtemp(prefix='engram-session-'), 'c.db')

    r = run(db, 'import', DECK, at=START - datetime.timedelta(hours=1))
    check('the deck imports', r.returncode == 0, r.stderr)
    r = run(db, 'settings', 'fuzz', 'true' if fuzz else 'false')
    check(f'fuzz can be turned {"on" if fuzz else "off"}', r.returncode == 0, r.stderr)

    grades = 0
    lapse_done = False
    mornings = []
    for day in range(DAYS):
        t = START + datetime.timedelta(days=day)
        if day < 3:
            mornings.append(run(db, 'due', at=t).stdout)
        idle = datetime.timedelta(0)
        # study until nothing is due for the next hour
        while idle < datetime.timedelta(hours=1):
            rating = '3'
            if day == 2 and not lapse_done:
                rating, lapse_done = '1', True   # the first review of day 3 is forgotten
            r = run(db, 'review', '--grade', rating, at=t)
            if r.returncode == 0:
                grades += 1
                idle = datetime.timedelta(0)
                t += datetime.timedelta(seconds=20)   # reading and thinking
            else:
                step = datetime.timedelta(minutes=10)
                t += step
                idle += step

    log = json.loads(run(db, 'log', '--json').stdout)
    check('every grade is in the review log', len(log) == grades, f'{len(log)} rows, {grades} grades')
    return log, mornings


def main():
    log, mornings = session(fuzz=False)
    check('day 1 offers the daily 20 new cards',
          mornings[0].startswith('Due today: 20 new, 0 learning, 0 review'), mornings[0])

    by_card = {}
    for row in log:
        by_card.setdefault(row['card'], []).append(row)

    # new cards are introduced at the daily limit, in deck order
    new_per_day = [0] * DAYS
    for row in log:
        if row['state_before'] == 'new':
            new_per_day[day_of(row)] += 1
    check('20 new cards a day until the deck is used up (245 = 12 x 20 + 5)',
          new_per_day[:13] == [20] * 12 + [5] and sum(new_per_day[13:]) == 0, str(new_per_day))
    first_day_cards = sorted(c for c, rows in by_card.items() if day_of(rows[0]) == 0)
    check('day 1 studies cards 16/301 to 16/320',
          first_day_cards == sorted(f'16/{n}' for n in range(301, 321)), str(first_day_cards))

    # learning steps happen the same day: Good (10 minutes), Good again: review in 2 days
    rows = by_card['16/302']
    check('a new card graded Good waits 10 minutes, then graduates the same day',
          [(r['state_before'], r['state_after']) for r in rows[:2]] == [('new', 'learning'),
                                                                       ('learning', 'review')]
          and day_of(rows[1]) == 0
          and rows[0]['due'][11:16] == '09:10', json.dumps(rows[:2]))
    s0 = W[2]                                   # S0(Good) = 2.3065
    d1 = next_difficulty(d0(3), 3)              # D after the same-day Good
    check('it graduates with S = w2 = 2.3065 and an interval of 2 days',
          rows[1]['stability_after'] == s0 and rows[1]['scheduled_days'] == interval(s0)
          and interval(s0) == 2 and abs(rows[1]['difficulty_after'] - d1) < 1e-9,
          json.dumps(rows[1]))

    # its first review, on day 3: t = 2, computed by hand
    r2 = retrievability(2, s0)
    s2 = recall_stability(s0, d1, r2, 3)
    check(f'on day 3 Good gives S = {s2} and {interval(s2)} days',
          day_of(rows[2]) == 2 and abs(rows[2]['stability_after'] - s2) < 1e-8
          and rows[2]['scheduled_days'] == interval(s2) == 11, json.dumps(rows[2]))
    d2 = next_difficulty(d1, 3)
    r3 = retrievability(interval(s2), s2)
    s3 = recall_stability(s2, d2, r3, 3)
    check(f'and 11 days later S = {s3}, {interval(s3)} days',
          day_of(rows[3]) == 2 + 11 and abs(rows[3]['stability_after'] - s3) < 1e-8
          and rows[3]['scheduled_days'] == interval(s3), json.dumps(rows[3]))

    # the lapse: relearning 10 minutes later the same day, then a short interval
    rows = by_card['16/301']
    check('a forgotten review card is relearned 10 minutes later, the same day',
          rows[2]['rating'] == 1 and rows[2]['state_after'] == 'relearning'
          and rows[3]['state_before'] == 'relearning' and rows[3]['state_after'] == 'review'
          and day_of(rows[3]) == 2 and rows[2]['due'][11:16] == '09:10'
          and rows[3]['scheduled_days'] < rows[2]['scheduled_days'] + 11,
          json.dumps(rows[2:4]))

    check('on day 2 only new cards are due (reviews are 2 days out)',
          mornings[1].startswith('Due today: 20 new, 0 learning, 0 review'), mornings[1])
    check('on day 3 the 20 cards of day 1 come back with 20 new ones',
          mornings[2].startswith('Due today: 20 new, 0 learning, 20 review'), mornings[2])
    intervals = sorted(rows[-1]['scheduled_days'] for rows in by_card.values())
    check('intervals grow to weeks and months',
          intervals[len(intervals) // 2] >= 11 and intervals[-1] >= 40, str(intervals[-20:]))

    # with fuzz (the default) the cards learned together drift apart
    log, _ = session(fuzz=True)
    by_card = {}
    for row in log:
        by_card.setdefault(row['card'], []).append(row)
    third = {day_of(rows[3]) for card, rows in by_card.items()
             if day_of(rows[0]) == 0 and len(rows) > 3 and card != '16/301'}
    check('with fuzz, the cards of day 1 come back on different days', len(third) >= 3,
          str(sorted(third)))
    reviews_per_day = [0] * DAYS
    for row in log:
        if row['state_before'] == 'review':
            reviews_per_day[day_of(row)] += 1
    check('and no day gets more than 40 reviews', max(reviews_per_day) <= 40, str(reviews_per_day))

    print(f'1..{len(tests)}')
    for i, (description, ok, detail) in enumerate(tests, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {description}')
        if not ok:
            for line in detail.splitlines()[:20]:
                print(f'# {line}')


main()

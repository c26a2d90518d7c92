#!/usr/bin/env python3
"""What the server's core did around each broadcast of a fan-out step, from the scheduler.

At a fixed broadcast rate the writer thread (syncline-writer-*) wakes once per broadcast, writes
it to every subscriber, and sleeps again: one burst per broadcast. This records every context
switch on the server's core (`perf sched record`, the kernel's clock CLOCK_MONOTONIC) and reports,
per burst:
- its span (from the writer's first run to its last) and the writer's own run time in it;
- how late it started against the broadcasts' grid (the rate's period, phased where the bursts'
  starts cluster earliest: after the widest empty stretch of the period);
- what else ran on the core meanwhile, and in the time between the grid and the start.

Needs root (or perf_event_paranoid <= 0) and Linux perf. Run it on the load generator's core while
a fan-out step runs, for a few seconds; the bench pins the server to core 0:

    taskset -c 1 python3 bench/manual/writer-bursts.py record 0 4 /tmp/bursts.data
    python3 bench/manual/writer-bursts.py report /tmp/bursts.data 20 [rows]

20 is the broadcasts per second (deliveries per second / subscribers). Thread names are the
kernel's, cut to 15 characters ("http-listener-k" is Grizzly's selector thread on Payara).

Limits: writer runs less than a quarter period apart count as one burst, so a preemption longer
than that splits one, and a burst longer than three quarters of the period merges with the next;
a start more than half a period late is shown as early. The grid is phased on the bursts
themselves, so "late" is a lower bound on the time since the publisher's send.
"""
import collections
import re
import subprocess
import sys

LINE = re.compile(
    r'^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.+?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)')
WRITER = 'syncline-writer'


def record(core, seconds, out):
    subprocess.run(['perf', 'sched', 'record', '-k', 'CLOCK_MONOTONIC', '-C', core, '-o', out,
                    '--', 'sleep', seconds], check=True, stdout=subprocess.DEVNULL)


def slices(data):
    """(start, end, thread name) of every run on the core, in seconds."""
    text = subprocess.run(['perf', 'sched', 'timehist', '-i', data], check=True,
                          capture_output=True, text=True).stdout
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            end = float(m.group(1))
            out.append((end - float(m.group(8)) / 1000, end, m.group(3).strip()))
    return out


def overlap(runs, start, end):
    """Seconds each other thread ran within [start, end]."""
    use = collections.Counter()
    for s, e, name in runs:
        if not name.startswith(WRITER):
            ov = min(end, e) - max(start, s)
            if ov > 0:
                use[name] += ov
    return use


def report(data, rate, rows):
    runs = slices(data)
    period = 1.0 / rate
    bursts = []
    for run in (r for r in runs if r[2].startswith(WRITER)):
        # writer runs less than a quarter period apart belong to one broadcast (it was preempted)
        if bursts and run[0] - bursts[-1][-1][1] < period / 4:
            bursts[-1].append(run)
        else:
            bursts.append([run])
    if not bursts:
        sys.exit('no writer thread ran on that core')
    base = bursts[0][0][0]
    offsets = sorted((b[0][0] - base) % period for b in bursts)
    # the grid's phase: the first offset after the widest gap between offsets, around the circle
    gaps = [(offsets[i] - offsets[i - 1]) % period for i in range(len(offsets))]
    phase = offsets[max(range(len(offsets)), key=lambda i: gaps[i] if len(offsets) > 1 else 0)]
    table = []
    for b in bursts:
        start, end = b[0][0], b[-1][1]
        late = (start - base - phase) % period
        if late > period / 2:
            late -= period
        table.append((late + (end - start), late, end - start, sum(r[1] - r[0] for r in b), start,
                      overlap(runs, start, end), overlap(runs, start - max(late, 0), start)))
    spans = sorted(t[2] for t in table)
    ends = sorted(t[0] for t in table)
    print(f'{len(table)} bursts; span p50 {spans[len(spans) // 2] * 1e3:.2f} ms, max '
          f'{spans[-1] * 1e3:.2f}; end after the grid p50 {ends[len(ends) // 2] * 1e3:.2f} ms, max '
          f'{ends[-1] * 1e3:.2f}')
    print('latest-ending bursts (ms after the grid):')
    for done, late, span, own, start, during, before in sorted(table, key=lambda t: -t[0])[:rows]:
        fmt = lambda c: ', '.join(f'{k} {v * 1e3:.2f}' for k, v in c.most_common(4)) or '-'
        print(f'  {start:.4f} ends {done * 1e3:6.2f}: late {late * 1e3:5.2f} [{fmt(before)}], '
              f'span {span * 1e3:5.2f}, writer {own * 1e3:5.2f} [{fmt(during)}]')


if __name__ == '__main__':
    if len(sys.argv) >= 5 and sys.argv[1] == 'record':
        record(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'report':
        report(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 12)
    else:
        sys.exit(__doc__)

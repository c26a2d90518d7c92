#!/usr/bin/env python3
"""CPU by thread of the bench's Payara Micro server, over a measured phase.

  python3 bench/manual/thread-cpu.py sample FILE
      waits for a Payara Micro process, then every 2 s appends each of its threads' CPU time
      (/proc/PID/task/*/stat, user + system) to FILE, until the process ends.
  python3 bench/manual/thread-cpu.py window FILE START SECONDS
      the cores each group of threads (names with their digits folded) used between the samples
      nearest START (ISO time, as commit → client prints it: "p99 by second from START") and
      START + SECONDS.

Reads only /proc; costs the server nothing it would notice at one read of ~300 threads every 2 s.
"""
import collections
import datetime
import os
import re
import sys
import time


def server():
    """The Payara Micro java process with the most threads (the bench's server), or None."""
    best = None
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read()
            if b'payara-micro' in cmd and b'java' in cmd:
                count = len(os.listdir(f'/proc/{pid}/task'))
                if best is None or count > best[0]:
                    best = (count, pid)
        except OSError:
            pass
    return best[1] if best else None


def sample(path):
    pid = None
    while pid is None:
        pid = server()
        time.sleep(1)
    time.sleep(20)  # past the boot, when the server with the most threads is the bench's
    pid = server() or pid
    with open(path, 'w') as out:
        while os.path.exists(f'/proc/{pid}'):
            rows = []
            try:
                for tid in os.listdir(f'/proc/{pid}/task'):
                    try:
                        stat = open(f'/proc/{pid}/task/{tid}/stat').read()
                    except OSError:
                        continue
                    name = stat[stat.index('(') + 1:stat.rindex(')')].replace(' ', '_')
                    fields = stat[stat.rindex(')') + 2:].split()
                    rows.append(f'{tid}|{name}|{int(fields[11]) + int(fields[12])}')
            except OSError:
                break
            out.write(f'{time.time():.3f} ' + ' '.join(rows) + '\n')
            out.flush()
            time.sleep(2)


def window(path, start, seconds):
    lines = [line.split() for line in open(path)]
    begin = datetime.datetime.fromisoformat(start.replace('Z', '+00:00')).timestamp()
    nearest = lambda t: min(lines, key=lambda line: abs(float(line[0]) - t))
    first, last = nearest(begin), nearest(begin + seconds)
    parse = lambda line: {r.split('|')[0]: (r.split('|')[1], int(r.split('|')[2])) for r in line[1:]}
    before, after = parse(first), parse(last)
    span = float(last[0]) - float(first[0])
    ticks = os.sysconf('SC_CLK_TCK')
    groups = collections.Counter()
    for tid, (name, cpu) in after.items():
        groups[re.sub(r'\d+', 'N', name)] += cpu - before.get(tid, (name, 0))[1]
    print(f'{span:.1f} s, {sum(groups.values()) / ticks / span:.2f} cores in all')
    for name, cpu in groups.most_common(12):
        print(f'  {name:20s} {cpu / ticks / span:.3f} cores')


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'sample':
        sample(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == 'window':
        window(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)

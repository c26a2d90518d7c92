#!/usr/bin/env python3
"""What each core did during a bench run's fan-out steps: user, system, soft-interrupt, idle and
steal shares, from /proc/stat.

  python3 bench/manual/core-stat.py sample FILE SECONDS
      samples every core's /proc/stat line once a second for SECONDS, into FILE;
  python3 bench/manual/core-stat.py steps FILE LOG [STEP_SECONDS]
      for every fan-out step line in LOG (the bench's output with each line prefixed by the epoch
      time it was printed, e.g. `... | while IFS= read -r l; do echo "$(date +%s.%N) $l"; done`),
      the shares of each core over the STEP_SECONDS (default 5) before the line.

The server runs on core 0 and the load generator on core 1 when the machine has two cores
(bench/README.md, "Cores").
"""
import bisect
import re
import sys
import time

FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
SHOWN = ["user", "system", "softirq", "idle", "steal"]
STEP = re.compile(
    r"(\S+)\s+(\S+)\s+\d+ subs \S+\s+offered\s+([\d,]+)/s.*?p99\s+([\d.]+).*?last p50 ([\d.]+)"
    r".*?cpu ([\d.]+)")


def sample(path, seconds):
    with open(path, "w") as out:
        end = time.time() + seconds
        while time.time() < end:
            with open("/proc/stat") as stat:
                cores = [line.strip() for line in stat if re.match(r"cpu\d+ ", line)]
            out.write(f"{time.time()} {' | '.join(cores)}\n")
            out.flush()
            time.sleep(1)


def read(path):
    samples = []
    with open(path) as f:
        for line in f:
            stamp, rest = line.split(" ", 1)
            cores = [list(map(int, part.split()[1:9])) for part in rest.split(" | ")]
            samples.append((float(stamp), cores))
    return samples


def shares(samples, start, end):
    times = [s[0] for s in samples]
    i = bisect.bisect_left(times, start)
    j = bisect.bisect_right(times, end) - 1
    if j <= i:
        return None
    before, after = samples[i][1], samples[j][1]
    result = []
    for a, b in zip(before, after):
        delta = [y - x for x, y in zip(a, b)]
        total = sum(delta) or 1
        result.append({name: 100 * v / total for name, v in zip(FIELDS, delta)})
    return result


def steps(path, log, step_seconds):
    samples = read(path)
    with open(log) as f:
        for line in f:
            m = STEP.match(line)
            if not m:
                continue
            at = float(m.group(1))
            per_core = shares(samples, at - step_seconds, at)
            if per_core is None:
                continue
            cores = " | ".join(
                f"cpu{n}: " + " ".join(f"{k} {core[k]:.0f}%" for k in SHOWN)
                for n, core in enumerate(per_core))
            print(f"{m.group(2):9s} offered {m.group(3):>8s}/s p99 {m.group(4):>7s} ms"
                  f" last p50 {m.group(5):>6s} ms cpu {m.group(6):>5s} µs | {cores}")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "sample":
        sample(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "steps":
        steps(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 5.0)
    else:
        sys.exit(__doc__)

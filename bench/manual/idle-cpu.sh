#!/bin/bash
# A manual measurement, not a test (docs/performance.md, "The safety-net poll, cheaper"): the CPU
# an idle Syncline uses on Payara Micro, nothing connected, H2 in a folder of its own, and how much
# of it is the change sequencer's thread (the 100 ms safety-net poll).
#
#   bench/manual/idle-cpu.sh WAR PORT [SECONDS_AFTER_READY]
#
# Starts Payara Micro with the WAR on 127.0.0.1:PORT, waits until it is ready and then
# SECONDS_AFTER_READY more (default 30), reads the process's and that thread's CPU ticks
# (/proc/PID/stat, 1/100 s each) over 60 s, prints them and stops the server it started.
set -euo pipefail
war=$(realpath "$1"); port=$2; after=${3:-30}
payara=${PAYARA_MICRO:-$HOME/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar}
dir=$(mktemp -d /tmp/syncline-idle.XXXXXX)
cd "$dir"
java -Xms512m -Xmx1g -jar "$payara" --deploy "$war" --port "$port" --nohazelcast \
  --disablephonehome --rootdir "$dir/root" > "$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break
  sleep 2
done
curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "not ready: $dir/server.log"; exit 1; }
sleep "$after"
task=$(dirname "$(grep -l '^syncline-change' /proc/$pid/task/*/comm | head -1)")
ticks() { awk '{print $14 + $15}' "$1"; }
p1=$(ticks /proc/$pid/stat); s1=$(ticks "$task/stat")
sleep 60
p2=$(ticks /proc/$pid/stat); s2=$(ticks "$task/stat")
echo "$war: process $((p2 - p1)) ticks, change sequencer $((s2 - s1)) ticks in 60 s," \
  "$after s after ready"

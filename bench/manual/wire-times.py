#!/usr/bin/env python3
"""When the server wrote each stamped message, seen on the loopback wire rather than by the client.

The bench's latencies are taken when the load generator reads a frame, so they include the
generator's own delay. This reads the kernel's timestamp of every TCP segment the server sends on
`lo` (a packet socket, filtered in the kernel to segments from the server's port), finds the
stamps in them ({"bs":SEQ,"bt":NANOS,...}, bench/src/.../client/Stamps.java), and reports the time
from the publisher's send (`bt`, the generator's System.nanoTime, CLOCK_MONOTONIC) to the server's
write, for every delivery and for each broadcast's first and last write.

Needs root (a raw socket), Linux, Python 3. Run it on the generator's core while a fan-out step
runs, for a few seconds:

    taskset -c 1 python3 bench/manual/wire-times.py PORT SECONDS

PORT is the Syncline server's HTTP port (ss -ltnp). Frames packed into batch:update are counted
once per stamp, as the bench counts them. A capture that cannot keep up loses segments: it says
how many broadcasts it saw whole (at least 99 % of the most writes any broadcast had).
"""
import ctypes
import re
import socket
import struct
import sys
import time

SO_ATTACH_FILTER = 26
SO_RCVBUFFORCE = 33
SO_TIMESTAMPNS = 35
ETH_P_ALL = 0x0003
SNAP = 65535 + 14  # the largest IPv4 packet, and the link header
STAMP = re.compile(rb'"bs":(\d+),"bt":(\d+)')


def outgoing_from(port):
    """A classic BPF program: outgoing IPv4 TCP segments whose source port is `port`."""
    drop = 10

    def jeq(at, value):
        return (0x15, 0, drop - at - 1, value)

    program = [
        (0x30, 0, 0, 0xFFFFF004),  # ldb [pkttype]
        jeq(1, 4),  # PACKET_OUTGOING
        (0x28, 0, 0, 12),  # ldh [ethertype]
        jeq(3, 0x0800),
        (0x30, 0, 0, 23),  # ldb [ip protocol]
        jeq(5, 6),  # TCP
        (0xB1, 0, 0, 14),  # ldxb 4*([14]&0xf): IP header length
        (0x48, 0, 0, 14),  # ldh [x+14]: source port
        jeq(8, port),
        (0x06, 0, 0, SNAP),  # keep the whole segment
        (0x06, 0, 0, 0),  # drop
    ]
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *i) for i in program))
    return code, struct.pack("HL", len(program), ctypes.addressof(code))


def capture(port, seconds):
    # protocol 0: nothing is received until bind, which comes after the filter is attached
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    try:
        s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 256 << 20)
    except OSError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 256 << 20)
    code, program = outgoing_from(port)
    s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, program)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.bind(("lo", ETH_P_ALL))
    s.settimeout(0.5)
    realtime_minus_monotonic = time.time_ns() - time.monotonic_ns()
    writes = []  # (written, seq, sent), monotonic ns
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            data, ancillary, _, _ = s.recvmsg(SNAP, 64)
        except socket.timeout:
            continue
        tcp = 14 + (data[14] & 0x0F) * 4
        payload = data[tcp + (data[tcp + 12] >> 4) * 4:]
        sec, nsec = struct.unpack("qq", ancillary[0][2][:16])
        written = sec * 1_000_000_000 + nsec - realtime_minus_monotonic
        for m in STAMP.finditer(payload):
            writes.append((written, int(m.group(1)), int(m.group(2))))
    return writes


def quantile(values, q):
    return values[min(len(values) - 1, int(q * len(values)))]


def report(writes):
    if not writes:
        print("no stamped segments: is PORT the server's, and a step running?")
        return
    deliveries = sorted((w - sent) / 1e6 for w, _, sent in writes)
    first, last, sent, count = {}, {}, {}, {}
    for w, seq, t in writes:
        sent[seq] = t
        first[seq] = min(first.get(seq, w), w)
        last[seq] = max(last.get(seq, w), w)
        count[seq] = count.get(seq, 0) + 1
    most = max(count.values())
    # a retransmitted segment repeats a stamp, so "whole" allows a few more or fewer than the most
    whole = sorted(s for s in count if count[s] >= 0.99 * most)
    to_first = sorted((first[s] - sent[s]) / 1e6 for s in whole)
    to_last = sorted((last[s] - sent[s]) / 1e6 for s in whole)
    print(f"{len(writes):,} deliveries written, {len(whole)} of {len(count)} broadcasts seen whole "
          f"({most} subscribers)")
    for name, values in (("every delivery", deliveries), ("first write", to_first),
                         ("last write", to_last)):
        print(f"  send -> {name}: p50 {quantile(values, .5):.2f} p90 {quantile(values, .9):.2f} "
              f"p99 {quantile(values, .99):.2f} max {values[-1]:.2f} ms")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: wire-times.py PORT SECONDS")
    report(capture(int(sys.argv[1]), float(sys.argv[2])))

#!/usr/bin/env python3
"""Reads a JMH JSON result of tlslab.bench.TlsBenchmark and prints the tlslab/JDK ratios.

    python3 bench/ratios.py bench/target/results.json

The ratio is of JMH's scores (means over all measured iterations of all forks). Its range combines
the two 99.9% confidence intervals JMH reports (low tlslab / high JDK to high tlslab / low JDK), so
it is wider than either; with a single iteration there is none. The ratio of medians (over the
same iterations) is less moved by an iteration that another process on the machine disturbed.
"""
import json
import math
import statistics
import sys

RECORD_BYTES = 16384
TARGETS = {"handshake": 1.0, "records": 1.0}
WHAT = {"handshake": "full handshakes/s",
        "records": "16 KiB records written + read back/s (RecordLayer vs SSLEngine wrap+unwrap)"}
# Reported next to the targets, but not one of them: (kind of JDK benchmark to compare with, what).
EXTRA = {"records_tlslab_newarrays": ("records", "same, server reads with RecordLayer.read() (new arrays per record)")}


def main(path):
    with open(path) as f:
        results = json.load(f)
    scores = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[-1]
        m = r["primaryMetric"]
        lo, hi = (float(x) for x in (m.get("scoreConfidence") or ["NaN", "NaN"]))  # JMH writes NaN as "NaN"
        samples = [x for fork in m.get("rawData", []) for x in fork]
        median = statistics.median(samples) if samples else float("nan")
        scores[name] = (m["score"], lo, hi, median)

    print()
    print("| benchmark | score (ops/s) | 99.9% CI | MB/s (10^6 B, plaintext) |")
    print("|---|---:|---:|---:|")
    for name in sorted(scores):
        s, lo, hi, _ = scores[name]
        ci = "n/a" if math.isnan(lo) else f"{lo:,.0f} .. {hi:,.0f}"
        mbs = f"{s * RECORD_BYTES / 1e6:,.0f}" if name.startswith("records") else ""
        print(f"| {name} | {s:,.0f} | {ci} | {mbs} |")

    print()
    print("| measure | tlslab / JDK | range | ratio of medians | target | met? |")
    print("|---|---:|---:|---:|---:|---|")
    rows = [(kind + "_tlslab", kind, WHAT[kind], target) for kind, target in TARGETS.items()]
    rows += [(name, kind, what, None) for name, (kind, what) in EXTRA.items()]
    for name, kind, what, target in rows:
        t, j = scores.get(name), scores.get(kind + "_jdk")
        if t is None or j is None:
            continue
        ratio = t[0] / j[0]
        single = math.isnan(t[1]) or math.isnan(j[1])
        rng = "n/a" if single else f"{t[1] / j[2]:.2f} .. {t[2] / j[1]:.2f}"
        if target is None:
            verdict = "(not a target)"
        elif single:
            verdict = "n/a: one iteration, a smoke test (the JDK warms up slower)"
        else:
            rlo, rhi = t[1] / j[2], t[2] / j[1]
            if rlo >= target:
                verdict = "yes"
            elif ratio >= target:
                verdict = "yes (range crosses target)"
            elif rhi >= target:
                verdict = "no (range crosses target)"
            else:
                verdict = "no"
        goal = "" if target is None else f">= {target:.1f}x"
        med = t[3] / j[3]
        print(f"| {what} | {ratio:.2f}x | {rng} | {med:.2f}x | {goal} | {verdict} |")
    cpu_table(results)
    print()


def cpu_table(results):
    """With -prof tlslab.bench.CpuTimeProfiler: CPU time per op, and tlslab/JDK as ops per CPU-second."""
    cpu = {}
    for r in results:
        m = r.get("secondaryMetrics", {}).get("cpu.us/op")
        if m:
            lo, hi = (float(x) for x in (m.get("scoreConfidence") or ["NaN", "NaN"]))
            cpu[r["benchmark"].rsplit(".", 1)[-1]] = (m["score"], lo, hi)
    if not cpu:
        return
    print()
    print("CPU time of the benchmark JVM per operation (all threads; -prof tlslab.bench.CpuTimeProfiler):")
    print()
    print("| benchmark | CPU us/op | 99.9% CI |")
    print("|---|---:|---:|")
    for name in sorted(cpu):
        s, lo, hi = cpu[name]
        ci = "n/a" if math.isnan(lo) else f"{lo:,.2f} .. {hi:,.2f}"
        print(f"| {name} | {s:,.2f} | {ci} |")
    print()
    print("| measure | tlslab / JDK, ops per CPU-second | range |")
    print("|---|---:|---:|")
    names = [(kind + "_tlslab", kind, WHAT[kind]) for kind in TARGETS]
    names += [(name, kind, what) for name, (kind, what) in EXTRA.items()]
    for name, kind, what in names:
        t, j = cpu.get(name), cpu.get(kind + "_jdk")
        if t is None or j is None:
            continue
        rng = "n/a" if math.isnan(t[1]) or math.isnan(j[1]) else f"{j[1] / t[2]:.2f} .. {j[2] / t[1]:.2f}"
        print(f"| {what} | {j[0] / t[0]:.2f}x | {rng} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    # Exit status 0 either way: missing a target is a finding to report, not a broken run.
    main(sys.argv[1])

#!/usr/bin/env bash
# Builds the benchmarks, checks what they measure, runs them with JMH and prints tlslab/JDK ratios.
#
#   ./bench/run.sh            full run (2 forks x (5 warmup + 5 measured) x 2 s per benchmark, ~3-4 min)
#   ./bench/run.sh --quick    smoke test (1 fork, 1 x 1 s warmup, 1 x 1 s measured; numbers meaningless)
#   ./bench/run.sh [--quick] -- <more JMH options>   e.g. -- -prof gc   or   -- 'records'
#   ./bench/run.sh --offline ...   builds with mvn -o (no network; everything already in ~/.m2)
#
# Results: bench/target/results.json (JMH), bench/target/results.txt (log), ratios on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

jmh_args=()
mvn_args=()
include='tlslab.bench.TlsBenchmark'
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) jmh_args+=(-f 1 -wi 1 -i 1 -w 1s -r 1s); shift ;;
        --offline) mvn_args+=(-o); shift ;;
        --) shift; break ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
# A first argument after -- that is not an option is the benchmark regex (default: all of TlsBenchmark).
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then include="$1"; shift; fi
if [ $# -gt 0 ]; then jmh_args+=("$@"); fi

mvn -q -B -Dstyle.color=never ${mvn_args[@]+"${mvn_args[@]}"} -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
java -cp "$jar" tlslab.bench.SelfCheck | tail -n 1

# What was measured, where: other processes on the machine move these numbers, so record the load.
env_file=bench/target/environment.txt
{
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git status --porcelain -- lib 2>/dev/null | grep -q . && echo ' (lib/ has uncommitted changes)')"
    echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "java: $(java -version 2>&1 | sed -n 2p)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$env_file"
java -jar "$jar" "$include" ${jmh_args[@]+"${jmh_args[@]}"} -rf json -rff bench/target/results.json 2>&1 | tee bench/target/results.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$env_file"
echo
cat "$env_file"
python3 bench/ratios.py bench/target/results.json

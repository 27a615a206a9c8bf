#!/usr/bin/env bash
# SAC quality target on Pendulum-v1: STEPS steps (default 20000) on each of SEEDS (default "1 2 3") with the peer's
# settings, 10 deterministic evaluation episodes per seed; the target is a median over seeds of at least -200
# (rl-baselines3-zoo's SAC Pendulum-v1: -157 +/- 89 over its evaluation episodes).
# Usage: bench/sac-pendulum.sh [STEPS] [SEEDS]   (threads: VARL_BENCH_THREADS, default 1)
# Prints each seed's last line ("eval_mean_return M eval_std D ... seed S"), then "median_eval_mean M target -200
# pass true|false".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-20000}"
seeds="${2:-1 2 3}"
threads="${VARL_BENCH_THREADS:-1}"
buildlog="$(mktemp)"
if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
cp="$here/varl-bench/target/varl-bench.jar:$here/varl-bench/target/lib/*"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for seed in $seeds; do
  java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
    org.varl.bench.rl.SacVsPytorch "$steps" "$threads" "$seed" | grep '^eval_mean_return' | tee -a "$tmp"
done
awk '{ print $2 }' "$tmp" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "median_eval_mean %.1f target -200 pass %s\n", m, (m >= -200) ? "true" : "false" }'

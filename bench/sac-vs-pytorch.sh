#!/usr/bin/env bash
# SAC benchmark: varl vs the PyTorch peer (../shared/peers/torch_sac_pendulum_peer.py) on Pendulum-v1, same
# hyperparameters and loss forms, in one invocation.
# Usage: bench/sac-vs-pytorch.sh [STEPS]   (default 20000; varl's threads: VARL_BENCH_THREADS, default 2, both cores;
#        the peer runs with 1 thread, as its command line "STEPS 1" says; varl's seed: VARL_BENCH_SEED, default 1)
# Prints both runs' episode lines (varl's prefixed "varl ", the peer's "peer "), varl's resident memory every 5,000
# steps, both evaluations (10 deterministic episodes), each side's gradient updates per second
# ("updates_per_second"), the RSS check (RSS at the last 5,000-step mark within 10% of RSS at step 5,000), and last
# "ratio R" = varl updates/s / peer updates/s (> 1: varl is faster). Updates per second are (STEPS - 100) updates
# over each run's whole wall-clock time, environment steps and the final evaluation included, as the peer measures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-20000}"
threads="${VARL_BENCH_THREADS:-2}"
seed="${VARL_BENCH_SEED:-1}"
peer="$here/../shared/peers/torch_sac_pendulum_peer.py"
[ -f "$peer" ] || { echo "peer not found: $peer" >&2; exit 2; }

buildlog="$(mktemp)"
if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
cp="$here/varl-bench/target/varl-bench.jar:$here/varl-bench/target/lib/*"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
  org.varl.bench.rl.SacVsPytorch "$steps" "$threads" "$seed" 2>"$tmp/varl.err" | sed -u 's/^/varl /' \
  | tee "$tmp/varl.out" || { cat "$tmp/varl.err" >&2; exit 1; }
/usr/bin/python3 "$peer" "$steps" 1 | sed -u 's/^/peer /' | tee "$tmp/peer.out"

rate() { awk -v s="$steps" '$2 == "eval_mean_return" { for (i = 2; i < NF; i++) if ($i == "train_seconds")
  printf "%.2f", (s - 100) / $(i + 1) }' "$1"; }
v="$(rate "$tmp/varl.out")"
p="$(rate "$tmp/peer.out")"
echo "varl updates_per_second $v threads $threads"
echo "peer updates_per_second $p threads 1"
awk '$2 == "memory" { if (first == "") first = $6; last = $6; at = $4 }
  END { if (first != "") printf "varl rss_mb step 5000 %d step %d %d change %+.1f%% flat %s\n", first, at, last,
    100 * (last - first) / first, (last <= 1.1 * first) ? "true" : "false" }' "$tmp/varl.out"
awk -v p="$p" -v v="$v" 'BEGIN { printf "ratio %.2f\n", v / p }'

#!/usr/bin/env bash
# Discrete-action agents on CartPole-v1: ALGO (dqn, soft-q or dsac) trained through OffPolicyTrainer (the run
# `varl rl train --env cartpole --algo ALGO` makes) for STEPS environment steps on each of SEEDS seeds with the
# agent's defaults (rl-baselines3-zoo's tuned CartPole DQN for dqn and soft-q; soft-q adds alpha 0.1), each
# evaluated once at the end on 10 deterministic (argmax) episodes.
# Usage: bench/cartpole-discrete.sh [ALGO=soft-q] [STEPS=50000] [SEEDS="1 2 3"] [ALPHA]
# Prints one line per seed ("algo A seed S alpha X steps T updates U eval_mean M eval_std D train_seconds W"), then
# "mean_of_eval_means M min_eval_mean N target 475 pass true|false" and rl-zoo's published figure for DQN at 50k
# steps (benchmark.md: 500.000 +/- 0.000 over 300 episodes; no SB3 peer is installed here to run in the same invocation).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
algo="${1:-soft-q}"
steps="${2:-50000}"
seeds="${3:-1 2 3}"
alpha="${4:-}"

jar="$here/varl-bench/target/varl-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/pom.xml" "$here"/varl-*/pom.xml "$here"/varl-*/src/main -newer "$jar" \
    -print -quit 2>/dev/null)" ]; then
  buildlog="$(mktemp)"
  if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
    cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
  fi
  rm -f "$buildlog"
fi
cp="$jar:$here/varl-bench/target/lib/*"

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for seed in $seeds; do
  # One PyTorch thread: small networks, shared machine (STYLE.md).
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.varl.bench.rl.CartPoleDiscrete \
    "$algo" "$seed" "$steps" "$alpha" 10 | tee -a "$tmp"
done
awk '{ for (i = 1; i < NF; i++) if ($i == "eval_mean") { s += $(i + 1); n++; if (n == 1 || $(i + 1) < m) m = $(i + 1) } }
  END { printf "mean_of_eval_means %.1f min_eval_mean %.1f target 475 pass %s\n", s / n, m, (s / n >= 475) ? "true" : "false" }' "$tmp"
echo "rl-zoo dqn CartPole-v1 50k steps: 500.000 +/- 0.000 over 300 episodes (rl-baselines3-zoo benchmark.md)"

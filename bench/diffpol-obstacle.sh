#!/usr/bin/env bash
# Diffusion policy (varl-models diffpolicy, its defaults unless given) on the obstacle task: trained on
# Demonstrations.generate(OBSTACLES, 200, seed) and scored on ObstacleRollouts.play(OBSTACLES, policy, 200, seed)
# by ImitationMetrics, for each of SEEDS; the scripted expert on the same starts for reference.
# Usage: bench/diffpol-obstacle.sh [SEEDS="1 2 3"] [STEPS (empty: default)] [LR] [T] [OBSTACLES=1] [SCALING=minmax|identity]
# Prints one line per seed (see org.varl.bench.imitation.DiffusionObstacle), then the means over the seeds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-1 2 3}"
steps="${2:-}"
lr="${3:-}"
bigt="${4:-}"
obstacles="${5:-1}"
scaling="${6:-minmax}"

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
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.varl.bench.imitation.DiffusionObstacle \
    "$seed" "$steps" "$lr" "$bigt" 200 200 "$obstacles" "$scaling" | grep '^scaling ' | tee -a "$tmp"
done
awk '{ for (i = 1; i < NF; i++) { if ($i == "success") s += $(i + 1); if ($i == "collision") c += $(i + 1);
         if ($i == "entropy") h += $(i + 1); if ($i == "jerk") j += $(i + 1); if ($i == "train_seconds") w += $(i + 1) }
       n++ }
  END { printf "mean success %.3f collision %.3f entropy %.3f jerk %.3e train_seconds %.1f over %d seeds\n",
        s / n, c / n, h / n, j / n, w / n, n }' "$tmp"

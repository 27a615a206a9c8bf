#!/usr/bin/env bash
# Training throughput of the vector state-space model (varl-models ssm) at the CLI's defaults (dim-z 2, dim-x 4,
# dim-a 1, hidden 64), filtering / smoothing encoder, with and without the RSSM path, one PyTorch thread:
# ms per step, sequence-steps/s (B x T per step), and the share of the step spent outside matrix products (every
# linear layer of the step replayed alone, forward and both backward products; see org.varl.bench.ssm.SsmThroughput);
# then the pixel model (32x32 random-policy pendulum-pixels frames, frame-stack 1, RSSM dim-z 4, hidden 128,
# Bernoulli decoder) at the same T and B.
# Usage: bench/ssm.sh [T=50] [B=32] [STEPS=200] [WARMUP=30] [ablation]  (ablation: only the batched-vs-per-step ELBO)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/varl-bench/target/varl-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/pom.xml" "$here"/varl-*/pom.xml "$here"/varl-*/src/main -newer "$jar" \
    -print -quit 2>/dev/null)" ]; then
  buildlog="$(mktemp)"
  if ! (cd "$here" && flock /tmp/varl-build.lock mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
    cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
  fi
  rm -f "$buildlog"
fi
cp="$jar:$here/varl-bench/target/lib/*"
# One PyTorch thread: small networks, shared machine (STYLE.md).
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.varl.bench.ssm.SsmThroughput \
  "${1:-50}" "${2:-32}" "${3:-200}" "${4:-30}" ${5:+"$5"}
uptime

#!/usr/bin/env bash
# VAE benchmark: varl vs PyTorch's examples/vae on Fashion-MNIST, same model and settings, in one invocation.
# Usage: bench/vae-vs-pytorch.sh [EPOCHS]   (default 10; threads: VARL_BENCH_THREADS, default 2)
# Prints each run's epochs in the peer's format, varl's prefixed "varl ", the peer's "peer ", varl's peak RSS per
# epoch ("varl memory ..."), and last "ratio R" = peer median s/epoch / varl median s/epoch (> 1: varl is faster).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-10}"
threads="${VARL_BENCH_THREADS:-2}"
peer="$here/../shared/peers/torch_vae_peer.py"
[ -f "$peer" ] || { echo "peer not found: $peer" >&2; exit 2; }
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST missing: apt-get install dataset-fashion-mnist" >&2; exit 2; }

# Maven's quiet mode still prints colour resets; its log is shown only when the build fails.
buildlog="$(mktemp)"
if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1 \
    && ! (cd "$here" && mvn -q -B -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
cp="$here/varl-bench/target/varl-bench.jar:$here/varl-bench/target/lib/*"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -Xmx2g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  org.varl.bench.vae.VaeVsPytorch "$epochs" "$threads" 2>"$tmp/varl.err" | sed -u 's/^/varl /' | tee "$tmp/varl.out" \
  || { cat "$tmp/varl.err" >&2; exit 1; }
/usr/bin/python3 "$peer" "$epochs" "$threads" | sed -u 's/^/peer /' | tee "$tmp/peer.out"

median() { awk '$2 == "epoch" { for (i = 1; i < NF; i++) if ($i == "epoch_seconds") print $(i + 1) }' "$1" \
  | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
v="$(median "$tmp/varl.out")"
p="$(median "$tmp/peer.out")"
awk -v p="$p" -v v="$v" 'BEGIN { printf "ratio %.2f\n", p / v }'

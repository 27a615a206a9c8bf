#!/usr/bin/env bash
# 2-D toy benchmark: varl vs the PyTorch peer (../shared/peers/torch_toy2d_peer.py) on 8gaussians, same data,
# network, batch, optimizer and sampler, one thread each, in one invocation.
# Usage: bench/toy2d-vs-pytorch.sh [STEPS]   (default 5000)
# Prints each side's line in the peer's format (varl's prefixed "varl ", the peer's "peer "), then per method
# "ratio R" = varl training steps/s / peer training steps/s (> 1: varl trains faster). Methods: ddpm and cfm (I-CFM);
# a method varl does not run is reported and skipped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-5000}"
peer="$here/../shared/peers/torch_toy2d_peer.py"
[ -f "$peer" ] || { echo "peer not found: $peer" >&2; exit 2; }

buildlog="$(mktemp)"
if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1 \
    && ! (cd "$here" && mvn -q -B -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
cp="$here/varl-bench/target/varl-bench.jar:$here/varl-bench/target/lib/*"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
field() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$1"; }
for method in ddpm cfm; do
  set +e
  java -Xmx1g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.varl.bench.diffusion.Toy2dVsPytorch "$method" "$steps" 1 >"$tmp/varl.$method" 2>"$tmp/varl.$method.err"
  rc=$?
  set -e
  if [ "$rc" -eq 3 ]; then
    echo "varl $method: not in this build (skipped)"
    continue
  elif [ "$rc" -ne 0 ]; then
    cat "$tmp/varl.$method.err" >&2; exit 1
  fi
  sed 's/^/varl /' "$tmp/varl.$method"
  /usr/bin/python3 "$peer" "$method" "$steps" 1 | tee "$tmp/peer.$method"
  v="$(field "$tmp/varl.$method" steps_per_second)"
  p="$(field "$tmp/peer.$method" steps_per_second)"
  awk -v m="$method" -v p="$p" -v v="$v" 'BEGIN { printf "ratio %.2f (%s)\n", v / p, m }'
done

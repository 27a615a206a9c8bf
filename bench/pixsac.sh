#!/usr/bin/env bash
# Pixel-SAC update rate: varl (org.varl.bench.rl.PixelSacUpdates, the agent of `rl train --encoder conv`) vs the same
# update in PyTorch (bench/pixsac_torch_peer.py), batch 256 of 3x32x32 images, both at one intra-op thread, in one
# invocation. Usage: bench/pixsac.sh [UPDATES=200]
# Prints each side's line "updates_per_second X ms_per_update Y ..." (prefixed "varl " / "peer ") and last
# "ratio R" = varl updates/s / peer updates/s (> 1: varl is faster).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
updates="${1:-200}"

buildlog="$(mktemp)"
if ! (cd "$here" && flock /tmp/varl-build.lock mvn -q -B -ntp -o -DskipTests -pl varl-bench -am package) \
    >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
cp="$here/varl-bench/target/varl-bench.jar:$here/varl-bench/target/lib/*"

v="$(java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.varl.bench.rl.PixelSacUpdates "$updates" 1)"
echo "varl $v"
p="$(/usr/bin/python3 "$here/bench/pixsac_torch_peer.py" "$updates" 1)"
echo "peer $p"
awk -v v="$v" -v p="$p" 'BEGIN { split(v, a, " "); split(p, b, " "); printf "ratio %.2f\n", a[2] / b[2] }'

#!/usr/bin/env bash
# Soft value iteration benchmark: the N x N slippery gridworld (N^2 states, 5 actions), T steps of the exact backward
# messages (alpha = 1) through varl's general sparse-MDP path on both cores, against the NumPy/SciPy peer
# ../shared/peers/softvi_gridworld_peer.py, in one invocation.
# Usage: bench/softvi-gridworld.sh [SIZE] [HORIZON]   (defaults 1000 100; varl threads: VARL_BENCH_THREADS, default 2)
# Prints the peer's line prefixed "peer ", varl's line in the same format prefixed "varl ", then each one's peak
# resident memory ("peak_rss_mb"), varl's solver details, "agree true|false" (V_0(start) and sum_s V_0(s) equal to
# 1e-9 relative) and last "ratio R" = peer solve seconds / varl solve seconds (> 1: varl is faster).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1000}"
horizon="${2:-100}"
threads="${VARL_BENCH_THREADS:-2}"
peer="$here/../shared/peers/softvi_gridworld_peer.py"
[ -f "$peer" ] || { echo "peer not found: $peer" >&2; exit 2; }

jar="$here/varl-bench/target/varl-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/pom.xml" "$here"/varl-*/pom.xml "$here"/varl-*/src/main -newer "$jar" \
    -print -quit 2>/dev/null)" ]; then
  # Maven's quiet mode still prints colour resets; its log is shown only when the build fails.
  buildlog="$(mktemp)"
  if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1 \
      && ! (cd "$here" && mvn -q -B -DskipTests -pl varl-bench -am package) >"$buildlog" 2>&1; then
    cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
  fi
  rm -f "$buildlog"
fi
cp="$jar:$here/varl-bench/target/lib/*"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Peak RSS of each process from GNU time (%M, in KB).
/usr/bin/time -f "%M" -o "$tmp/peer.rss" /usr/bin/python3 "$peer" --size "$size" --horizon "$horizon" >"$tmp/peer.out"
# 1M states: ~1.9 GB peak (the builder's 30M raw entries dominate); the solve itself needs ~150 MB.
/usr/bin/time -f "%M" -o "$tmp/varl.rss" java -Xms1g -Xmx6g -cp "$cp" org.varl.bench.softvi.SoftViGridworld \
  "$size" "$horizon" "$threads" >"$tmp/varl.out"

peer_line="$(head -n 1 "$tmp/peer.out")"
varl_line="$(head -n 1 "$tmp/varl.out")"
echo "peer $peer_line"
echo "varl $varl_line"
echo "peer peak_rss_mb $(( $(tail -n 1 "$tmp/peer.rss") / 1024 ))"
echo "varl peak_rss_mb $(( $(tail -n 1 "$tmp/varl.rss") / 1024 ))"
echo "varl $(sed -n 2p "$tmp/varl.out" | sed 's/^peak_rss_mb [0-9-]* //')"
field() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' <<<"$1"; }
awk -v ps="$(field "$peer_line" v0_start)" -v vs="$(field "$varl_line" v0_start)" \
    -v pm="$(field "$peer_line" v0_sum)" -v vm="$(field "$varl_line" v0_sum)" \
    -v pt="$(field "$peer_line" solve_seconds)" -v vt="$(field "$varl_line" solve_seconds)" '
  function rel(a, b) { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); if (m < 1e-300) m = 1e-300; return d / m }
  BEGIN {
    # The peer prints v0_start with 10 decimals and v0_sum with 6: allow that rounding on top of 1e-9 relative.
    ok = (rel(ps, vs) <= 1e-9 || (ps - vs) ^ 2 <= 1e-20) && (rel(pm, vm) <= 1e-9 || (pm - vm) ^ 2 <= 1e-12)
    printf "agree %s\n", ok ? "true" : "false"
    printf "ratio %.1f\n", pt / (vt > 0.005 ? vt : 0.005)
  }'

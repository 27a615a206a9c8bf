#!/usr/bin/env bash
# varl-core kernels: JMH (short settings) for Normal/Categorical draw+logProb at batch 128x20 and one ELBO+backward of
# the 784-400-20 VAE, then the same operations in PyTorch (same process count, same thread count), and the ratios.
# Usage: bench/jmh-core.sh            threads: VARL_BENCH_THREADS (default 1); JMH options: JMH_OPTS
# Prints JMH's table, "torch <benchmark> <us/op>" lines, and "ratio <benchmark> R" = torch us/op / varl us/op
# (> 1: varl is faster).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${VARL_BENCH_THREADS:-1}"
jmh_opts="${JMH_OPTS:--wi 3 -w 1s -i 5 -r 1s -f 1}"

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
# shellcheck disable=SC2086
java -cp "$cp" org.openjdk.jmh.Main 'org\.varl\.bench\.core\..*' $jmh_opts -bm avgt -tu us \
  -jvmArgs "-Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -Dvarl.bench.threads=$threads" \
  -rf csv -rff "$tmp/jmh.csv" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
/usr/bin/python3 "$here/bench/jmh-core-torch.py" "$threads" | tee "$tmp/torch.txt"

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
awk -F'[ ,]' 'NR == FNR { if (FNR > 1) { gsub(/"/, ""); n = split($1, p, "."); varl[p[n]] = $5 } next }
         $1 == "torch" && ($2 in varl) { printf "ratio %s %.2f (varl %.1f us, torch %.1f us)\n", $2, $3 / varl[$2], varl[$2], $3 }' \
  "$tmp/jmh.csv" "$tmp/torch.txt"

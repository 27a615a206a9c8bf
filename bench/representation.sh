#!/usr/bin/env bash
# Cost of SAC on three observations of Pendulum (issue 13): the true state, the frozen VAE's latents of the frames
# (vae-z) and the raw frame stack (pixels), each STEPS environment steps (default 3000) with seed SEED (default 1), one
# engine thread, one process after the other: `varl rl representation --seeds 1 --variants state,vae-z,pixels`.
# Usage: bench/representation.sh [STEPS] [SEED]     (VARIANTS="state,vae-z" leaves the slow raw-pixel run out)
# Prints per variant "variant V steps_per_second S updates_per_second U wall_seconds W" (the SAC run only: the VAE's
# collection and training before vae-z are "vae_seconds"), then "ratio_vae_z_over_state R target 1.5 pass true|false"
# (wall time per step of vae-z over state).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-3000}"
seed="${2:-1}"
variants="${VARIANTS:-state,vae-z,pixels}"
buildlog="$(mktemp)"
if ! (cd "$here" && mvn -q -B -o -DskipTests -pl varl-cli -am package) >"$buildlog" 2>&1; then
  cat "$buildlog" >&2; rm -f "$buildlog"; exit 1
fi
rm -f "$buildlog"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
VARL_NO_PROGRESS=1 java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -jar "$here/varl-cli/target/varl-cli.jar" rl representation --steps "$steps" --seeds 1 --seed "$seed" \
  --variants "$variants" --collect-steps 4000 --vae-epochs 8 --eval-every "$steps" --eval-episodes 5 \
  --probe-frames 2000 --out "$out/run" >/dev/null
python3 - "$out/run/representation.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = r["variants"]
for name, x in v.items():
    print("variant %s steps_per_second %.1f updates_per_second %.1f wall_seconds %.1f vae_seconds %.1f"
          % (name, x["steps_per_second"][0], x["updates_per_second"][0], x["wall_seconds"][0],
             x["representation_seconds"][0]))
if "vae-z" in v and "state" in v:
    ratio = (v["vae-z"]["wall_seconds"][0] / r["settings"]["steps"]) / (v["state"]["wall_seconds"][0] / r["settings"]["steps"])
    print("ratio_vae_z_over_state %.2f target 1.5 pass %s" % (ratio, "true" if ratio <= 1.5 else "false"))
PY

#!/usr/bin/env bash
# Reference values for SlipperyGridworldTest.matchesThePeer: the peer's output for small gridworlds.
# Run from the repository root; the peers live in ../shared/peers.
set -euo pipefail
peer="$(cd "$(dirname "$0")/../../../.." && pwd)/../shared/peers/softvi_gridworld_peer.py"
/usr/bin/python3 "$peer" --size 5 --horizon 3
/usr/bin/python3 "$peer" --size 20 --horizon 30
/usr/bin/python3 "$peer" --size 30 --horizon 50 --alpha 0.5

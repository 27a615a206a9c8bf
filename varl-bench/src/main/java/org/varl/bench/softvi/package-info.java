/**
 * Whole-run benchmark of finite-horizon soft value iteration on the slippery gridworld against the
 * NumPy/SciPy peer ../shared/peers/softvi_gridworld_peer.py; driven by bench/softvi-gridworld.sh.
 */
package org.varl.bench.softvi;

/**
 * Maximum-entropy inverse reinforcement learning (Ziebart et al., AAAI 2008; the causal variant of
 * Ziebart et al., ICML 2010 with the maxent backup): linear rewards r(s) = theta . phi(s) learned
 * from demonstrations by matching feature expectations through the backward (soft value iteration)
 * and forward (policy visitation) passes.
 */
package org.varl.control.irl;

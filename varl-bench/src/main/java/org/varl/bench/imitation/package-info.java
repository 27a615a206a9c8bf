/**
 * Whole-run imitation benchmarks on the obstacle task: a policy trained on the scripted expert's
 * demonstrations and scored by the D3IL metrics; driven by bench/diffpol-obstacle.sh.
 */
package org.varl.bench.imitation;

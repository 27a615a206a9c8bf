/**
 * The flow-matching experiment of the diffusion lecture: I-CFM against OT-CFM on the same data,
 * network and budget, judged by the straightness of the learned flows and by sample quality at few
 * Euler steps (Tong et al. 2024, §5; Liu et al. 2023).
 */
package org.varl.experiments.flow;

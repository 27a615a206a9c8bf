/**
 * Flow matching and continuous normalizing flows on small vector data (the 2-D toys): conditional
 * flow matching (Lipman et al., ICLR 2023; Tong et al., TMLR 2024) with the independent or a
 * mini-batch optimal-transport coupling, sampling by fixed-step ODE solvers, the exact
 * log-likelihood by the instantaneous change of variables (Chen et al., NeurIPS 2018), and the
 * straightness of a flow (Liu et al., ICLR 2023).
 *
 * <p>Convention: t = 0 is the noise N(0, I), t = 1 the data; a {@link
 * org.varl.models.flow.VelocityField} is {@code v(x, t)} with its Jacobian-vector product, which
 * {@link org.varl.models.flow.OdeSolver} integrates, {@link org.varl.models.flow.Divergence}
 * differentiates, {@link org.varl.models.flow.ChangeOfVariables} turns into log p(x), and {@link
 * org.varl.models.flow.Straightness} measures.
 */
package org.varl.models.flow;

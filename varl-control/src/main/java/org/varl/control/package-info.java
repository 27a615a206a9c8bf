/**
 * Control as inference on finite MDPs: the model ({@link org.varl.control.Mdp}, read from JSON by
 * {@link org.varl.control.MdpJson}), the backward messages (soft value iteration with the {@code
 * exact} and {@code maxent} backups, {@link org.varl.control.Backup}), the forward messages, the
 * policy visitation and the state marginals of each backup's posterior (the true posterior for
 * exact with gamma = 1, the variational one, equal to the visitation, for maxent, none for exact
 * with gamma &lt; 1: {@link org.varl.control.ControlAsInference}), infinite-horizon discounted soft
 * value iteration ({@link org.varl.control.SoftValueIteration}), hard value iteration as the alpha
 * to 0 reference ({@link org.varl.control.HardValueIteration}) and a values-only parallel solver
 * for large sparse MDPs ({@link org.varl.control.SoftValues}).
 *
 * <p>Conventions (lecture, "control as inference"): optimality likelihood p(O_t | s_t, a_t) =
 * exp(r(s_t, a_t) / alpha); the action prior is folded into the reward, r~(s,a) = r(s,a) + alpha
 * log p(a|s), with no term when no prior is given.
 */
package org.varl.control;

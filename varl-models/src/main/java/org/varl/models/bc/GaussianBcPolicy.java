package org.varl.models.bc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.core.distributions.Independent;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Heads;
import org.varl.core.nn.Mlp;

/**
 * Gaussian behaviour cloning (Pomerleau 1989; the {@code bc-gaussian} baseline of issue 12):
 *
 * <pre>
 *   π_θ(a | s) = N(μ_θ(s), diag σ²_θ(s)),   MLP on s → [μ | log σ²]   ({@link Heads#diagonalNormal})
 *   loss(s, a) = −log π_θ(a | s) = Σ_d [ (a_d − μ_d)² / (2 σ_d²) + log σ_d + ½ log 2π ]
 * </pre>
 *
 * in nats per example. Maximum likelihood on two modes a = ±1 puts μ at their average and σ over
 * both: the policy acts between the modes. {@code layers} tanh hidden layers of {@code hidden}
 * units.
 */
public final class GaussianBcPolicy implements BcPolicy {

  private final int stateDim;
  private final int actionDim;
  private final Mlp net;

  private GaussianBcPolicy(int stateDim, int actionDim, Mlp net) {
    this.stateDim = stateDim;
    this.actionDim = actionDim;
    this.net = net;
  }

  /** A freshly initialized policy in {@code manager} from the config's seed. */
  public static GaussianBcPolicy create(
      NDManager manager, BcConfig config, int stateDim, int actionDim) {
    BcConfig.requireDims(stateDim, actionDim);
    return new GaussianBcPolicy(
        stateDim,
        actionDim,
        Mlp.create(
            manager, Activation.TANH, config.seed(), config.widths(stateDim, 2 * actionDim)));
  }

  @Override
  public int stateDim() {
    return stateDim;
  }

  @Override
  public int actionDim() {
    return actionDim;
  }

  /** π_θ(· | s), batch {@code [B]}, event {@code [actionDim]}. */
  public Independent distribution(NDArray s) {
    BcPolicy.requireColumns("s", s, stateDim);
    return Heads.diagonalNormal(net.forward(s));
  }

  @Override
  public NDArray loss(NDArray s, NDArray a) {
    BcPolicy.requireColumns("a", a, actionDim);
    return distribution(s).logProb(a).neg();
  }

  @Override
  public NDArray act(NDArray s) {
    return distribution(s).mean();
  }

  @Override
  public List<NDArray> parameters() {
    return net.parameters();
  }

  @Override
  public List<String> parameterNames() {
    return net.parameterNames();
  }
}

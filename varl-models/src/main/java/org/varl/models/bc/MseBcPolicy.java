package org.varl.models.bc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;

/**
 * Deterministic behaviour cloning by regression (the {@code bc-mse} baseline of issue 12):
 *
 * <pre>
 *   a = μ_θ(s),  MLP on s → μ
 *   loss(s, a) = ‖a − μ_θ(s)‖² = Σ_d (a_d − μ_d)²
 * </pre>
 *
 * per example, summed over action dimensions (the Gaussian loss with σ fixed, up to ½ and a
 * constant). Its minimiser is the conditional mean E[a | s]. One tanh hidden layer.
 */
public final class MseBcPolicy implements BcPolicy {

  private final int stateDim;
  private final int actionDim;
  private final Mlp net;

  private MseBcPolicy(int stateDim, int actionDim, Mlp net) {
    this.stateDim = stateDim;
    this.actionDim = actionDim;
    this.net = net;
  }

  /** A freshly initialized policy in {@code manager} from the config's seed. */
  public static MseBcPolicy create(
      NDManager manager, BcConfig config, int stateDim, int actionDim) {
    BcConfig.requireDims(stateDim, actionDim);
    return new MseBcPolicy(
        stateDim,
        actionDim,
        Mlp.create(manager, Activation.TANH, config.seed(), config.widths(stateDim, actionDim)));
  }

  @Override
  public int stateDim() {
    return stateDim;
  }

  @Override
  public int actionDim() {
    return actionDim;
  }

  @Override
  public NDArray loss(NDArray s, NDArray a) {
    BcPolicy.requireColumns("a", a, actionDim);
    return a.sub(act(s)).square().sum(new int[] {1});
  }

  @Override
  public NDArray act(NDArray s) {
    BcPolicy.requireColumns("s", s, stateDim);
    return net.forward(s);
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

package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An input-dependent baseline {@code b_ψ(x)} (Mnih and Gregor 2014, NVIL §3.3), trained by
 * regression on the detached learning signal:
 *
 * <pre>
 *   L(ψ) = (1/B) Σ_b (b_ψ(x_b) − (1/S) Σ_s f(z_sb))²
 * </pre>
 *
 * Its gradient reaches {@code ψ} through the surrogate (see {@link Baseline#observe}); add {@link
 * #parameters()} to the optimizer that steps the model. The context passed to the estimator is the
 * network input {@code x: [B, …]}.
 */
public final class LearnedBaseline implements Baseline {

  private final UnaryOperator<NDArray> network;
  private final List<NDArray> parameters;

  /**
   * @param network maps the context {@code [B, …]} to {@code [B]}
   * @param parameters the network's trainable arrays (with gradients attached)
   */
  public LearnedBaseline(UnaryOperator<NDArray> network, List<NDArray> parameters) {
    this.network = network;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * A linear baseline {@code b(x) = w·flatten(x) + c}, zero-initialized, parameters in {@code
   * parameterManager}.
   */
  public static LearnedBaseline linear(NDManager parameterManager, int inputDim) {
    return linear(parameterManager, inputDim, 0);
  }

  /**
   * A linear baseline with {@code w = 0} and {@code c = initialBias} (e.g. a rough value of the
   * objective, so that the regression does not start hundreds of nats away).
   */
  public static LearnedBaseline linear(
      NDManager parameterManager, int inputDim, double initialBias) {
    if (inputDim < 1) {
      throw new IllegalArgumentException("inputDim must be >= 1, found " + inputDim);
    }
    NDArray w = parameterManager.zeros(new Shape(inputDim, 1), DataType.FLOAT32);
    NDArray c = parameterManager.full(new Shape(1), (float) initialBias);
    w.setRequiresGradient(true);
    c.setRequiresGradient(true);
    List<NDArray> params = new ArrayList<>(List.of(w, c));
    UnaryOperator<NDArray> net =
        x -> {
          NDArray flat = x.reshape(x.getShape().get(0), -1);
          if (flat.getShape().get(1) != inputDim) {
            throw new IllegalArgumentException(
                "learned baseline expects "
                    + inputDim
                    + " input features, found "
                    + flat.getShape().get(1)
                    + " (context shape "
                    + x.getShape()
                    + ")");
          }
          return flat.matMul(w).add(c).reshape(-1);
        };
    return new LearnedBaseline(net, params);
  }

  /** The trainable arrays, to be stepped by the caller's optimizer. */
  public List<NDArray> parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return "learned";
  }

  @Override
  public NDArray value(NDArray signal, NDArray context) {
    return predict(signal.getManager(), context).stopGradient().expandDims(0);
  }

  @Override
  public NDArray observe(NDArray signal, NDArray context) {
    NDArray target = signal.mean(new int[] {0});
    return predict(signal.getManager(), context).sub(target).square().mean();
  }

  /**
   * {@code b(x)}, computed so that its temporaries and result live in {@code step}, not in x's
   * manager.
   */
  private NDArray predict(NDManager step, NDArray context) {
    if (context == null) {
      throw new IllegalArgumentException(
          "the learned baseline needs the input x as context; pass it to "
              + "GradientEstimator.surrogate(q, f, numSamples, context)");
    }
    // The first operand of each op is x or a weight, both typically long-lived: evaluate in a
    // scratch manager under
    // step and hand only the result to step (the autograd graph keeps what backward needs).
    try (NDManager scratch = step.newSubManager()) {
      scratch.tempAttachAll(context);
      scratch.tempAttachAll(parameters.toArray(new NDArray[0]));
      NDArray b = network.apply(context);
      b.attach(step);
      return b;
    }
  }
}

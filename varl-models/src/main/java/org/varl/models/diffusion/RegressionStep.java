package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loss and gradients of a weighted squared-error regression of {@link TimeConditionedMlp} on a
 * target, with the backward pass derived by hand: the training step of DDPM's ε-prediction (Ho et
 * al. 2020) and of conditional flow matching (Lipman et al. 2023), which differ only in the input
 * and the target.
 *
 * <pre>
 *   L = (1/B) Σ_b w_b ‖f_θ(h_b) − y_b‖²,      h_b = [x_b, emb(t_b)],  w_b = 1 unless weighted
 * </pre>
 *
 * Forward and backward, with {@code a_l = h_{l−1} W_lᵀ + b_l}, {@code s_l = σ(a_l)}, {@code h_l =
 * a_l s_l} (SiLU) for the hidden layers and {@code f = h_L W_{L+1}ᵀ + b_{L+1}}:
 *
 * <pre>
 *   r = f − y,   ∂L/∂f = g_{L+1} = (2/B) w ⊙ r
 *   ∂L/∂W_l = g_lᵀ h_{l−1},   ∂L/∂b_l = Σ_b g_l,   ∂L/∂h_{l−1} = g_l W_l
 *   g_l = ∂L/∂h_l ⊙ SiLU'(a_l),   SiLU'(a) = s + a s (1 − s) = s + h − h s
 * </pre>
 *
 * About 40 engine ops per step against DJL autograd's graph recording; a test checks the gradients
 * against autograd on the same network and batch. Every array is attached to the manager of {@code
 * input} (each op's first operand is a step array).
 */
public final class RegressionStep {

  private final List<NDArray> weights;
  private final List<NDArray> biases;

  /** The loss and the gradients, in {@link TimeConditionedMlp#parameters()} order. */
  public record Result(NDArray loss, List<NDArray> gradients) {}

  /**
   * Binds to the network's parameter storage (detached views: updates to the parameters are seen
   * here).
   */
  public RegressionStep(TimeConditionedMlp net) {
    List<NDArray> p = net.parameters();
    weights = new ArrayList<>();
    biases = new ArrayList<>();
    for (int i = 0; i < p.size(); i += 2) {
      weights.add(p.get(i).stopGradient());
      biases.add(p.get(i + 1).stopGradient());
    }
  }

  /**
   * The loss (a 0-d array) and gradients for input rows {@code [B, d + e]}, targets {@code [B, d]}
   * and per-example weights {@code w} (length B, or null for all ones).
   */
  public Result compute(NDArray input, NDArray target, float[] w) {
    int layers = weights.size();
    long b = input.getShape().get(0);
    NDArray[] h = new NDArray[layers];
    NDArray[] s = new NDArray[layers];
    h[0] = input;
    for (int l = 0; l + 1 < layers; l++) {
      NDArray a = linear(h[l], weights.get(l), biases.get(l));
      s[l + 1] = a.getNDArrayInternal().sigmoid();
      h[l + 1] = a.mul(s[l + 1]);
    }
    NDArray f = linear(h[layers - 1], weights.get(layers - 1), biases.get(layers - 1));
    NDArray r = f.sub(target);
    NDArray g;
    NDArray loss;
    if (w == null) {
      loss = r.square().sum().div(b);
      g = r.mul(2f / b);
    } else {
      if (w.length != b) {
        throw new IllegalArgumentException(
            "weights must have one value per row (" + b + "), found " + w.length);
      }
      float[] scaled = Arrays.copyOf(w, w.length);
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] *= 2f / b;
      }
      NDArray ws = input.getManager().create(scaled, new ai.djl.ndarray.types.Shape(b, 1));
      g = r.mul(ws);
      // Σ_b w_b ‖r_b‖² / B = ½ Σ (g ⊙ r).
      loss = g.mul(r).sum().div(2f);
    }
    NDArray[] grads = new NDArray[2 * layers];
    for (int l = layers - 1; l >= 0; l--) {
      grads[2 * l] = g.transpose().matMul(h[l]);
      grads[2 * l + 1] = g.sum(new int[] {0});
      if (l > 0) {
        NDArray dh = g.matMul(weights.get(l));
        NDArray hs = h[l].mul(s[l]);
        g = dh.mul(s[l].add(h[l]).sub(hs));
      }
    }
    return new Result(loss, List.of(grads));
  }

  private static NDArray linear(NDArray input, NDArray weight, NDArray bias) {
    return input.getNDArrayInternal().linear(input, weight, bias).singletonOrThrow();
  }
}

package org.varl.models.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.TensorViews;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.optim.Adam;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.ConvNets;
import org.varl.testing.ResourceCounts;

/**
 * The conv architecture of the state-space model: its decoder and frame embedding are the VAE's
 * {@link ConvNets} (checked against separately built blocks holding the same values), it trains on
 * frames, checkpoints and resumes exactly, and its online filter is the batch filter.
 */
class ConvSequenceModelTest {

  static final int SIDE = PixelSequencesTest.SIDE;

  @TempDir static Path shared;
  @TempDir Path dir;
  static Path replay;

  @BeforeAll
  static void replay() throws IOException {
    EngineSetup.threads(1);
    replay =
        PixelSequencesTest.writeReplay(shared.resolve("replay"), new int[] {30, 25, 30, 30, 12}, 7);
  }

  static SsmConfig conv(SequenceData d) {
    return SsmConfig.defaults(d.dimX(), 1)
        .withDimZ(3)
        .withHidden(32)
        .withDeterministic(8)
        .withLikelihood(SsmLikelihood.BERNOULLI)
        .withArchitecture(Architecture.CONV, 1, SIDE, SIDE);
  }

  /** A copy of the model's block parameters {@code prefix*} into a freshly built block. */
  static SequentialBlock copy(
      SequentialBlock block, SequenceModel model, String prefix, NDManager m, int in) {
    block.initialize(m, DataType.FLOAT32, new Shape(1, in));
    List<String> names = new ArrayList<>();
    List<NDArray> arrays = new ArrayList<>();
    ConvNets.collect(block, prefix, names, arrays);
    for (int i = 0; i < names.size(); i++) {
      TensorViews.write(arrays.get(i), model.parameter(names.get(i)).toFloatArray());
    }
    return block;
  }

  @Test
  void decoderAndEmbeddingAreTheSharedConvNetworksAndTheLikelihoodIsBernoulliOverPixels() {
    SequenceData d = ReplaySequences.read(replay, 10, 2).data();
    SsmConfig c = conv(d);
    try (NDManager m = NDManager.newBaseManager()) {
      SequenceModel model = SequenceModel.create(m, c, 3);
      assertThat(model.parameterNames())
          .contains("decoder.01Linear_weight", "decoder.10Conv2d_bias", "encoder.02Conv2d_weight")
          .doesNotContain("decoder.layers.0.weight", "decoder.logVariance");
      int f = model.path().featureSize();
      SequentialBlock decoder = copy(ConvNets.decoder(1, SIDE, SIDE, 32), model, "decoder.", m, f);
      SequentialBlock encoder =
          copy(ConvNets.encoder(1, SIDE, SIDE, 32, 32), model, "encoder.", m, d.dimX());
      ParameterStore store = new ParameterStore(m, false);
      try (NDManager sub = m.newSubManager()) {
        // features [2, 5, F]: the leading dimensions are kept
        NDArray features = sub.randomNormal(new Shape(2, 5, f));
        NDArray out = model.decoderMean(features);
        assertThat(out.getShape()).isEqualTo(new Shape(2, 5, SIDE * SIDE));
        float[] expected =
            decoder
                .forward(store, new NDList(features.reshape(10, f)), false)
                .singletonOrThrow()
                .toFloatArray();
        float[] logits = out.toFloatArray();
        for (int j = 0; j < logits.length; j++) {
          assertThat(logits[j]).isCloseTo(expected[j], within(1e-6f));
        }
        // log p(x | features) = Σ_j x_j l_j − log(1 + e^{l_j}) over the 64 pixels, per (b, t)
        float[] x = new float[10 * SIDE * SIDE];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) d.x()[j];
        }
        float[] got =
            model
                .logLikelihood(features, sub.create(x, new Shape(2, 5, SIDE * SIDE)))
                .toFloatArray();
        assertThat(got).hasSize(10);
        for (int r = 0; r < 10; r++) {
          double sum = 0;
          for (int j = 0; j < SIDE * SIDE; j++) {
            double l = expected[r * SIDE * SIDE + j];
            sum += x[r * SIDE * SIDE + j] * l - Math.log1p(Math.exp(l));
          }
          assertThat((double) got[r]).isCloseTo(sum, within(1e-4 * Math.abs(sum)));
        }
        // q(z_t | carry_t, x_t) = f_q([carry_t, e_t]) with e_t the conv embedding of frame t
        NDArray xs = sub.create(x, new Shape(2, 5, SIDE * SIDE));
        NDArray carry = sub.randomNormal(new Shape(2, model.path().carrySize()));
        NDArray q = model.posterior(xs).at(3, carry);
        NDArray frame3 = xs.get(":, 3, :");
        NDArray e = encoder.forward(store, new NDList(frame3), false).singletonOrThrow();
        Mlp fq =
            Mlp.of(
                Activation.TANH,
                List.of(
                    model.parameter("posterior.layers.0.weight"),
                    model.parameter("posterior.layers.1.weight")),
                List.of(
                    model.parameter("posterior.layers.0.bias"),
                    model.parameter("posterior.layers.1.bias")));
        float[] byHand = fq.forward(carry.concat(e, 1)).toFloatArray();
        float[] qs = q.toFloatArray();
        assertThat(qs).hasSize(2 * 2 * 3);
        for (int j = 0; j < qs.length; j++) {
          assertThat(qs[j]).isCloseTo(byHand[j], within(1e-5f));
        }
      }
    }
  }

  @Test
  void shortTrainingRaisesTheHeldOutElboAndTheCheckpointGivesTheSameElboAndFilter() {
    ReplaySequences s = ReplaySequences.read(replay, 10, 2);
    SequenceData all = s.data();
    SsmConfig c = conv(all);
    SsmTrainConfig tc = SsmTrainConfig.defaults().withSteps(150).withBatchSize(8);
    Path file = dir.resolve("conv.bin");
    double after;
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run untrained =
          SsmTrainer.train(m, c, tc.withSteps(0), all.train(), SsmTrainer.Listener.none());
      double before = mean(SequenceElbo.evaluate(m, untrained.model(), all.heldOut(), 4, 1)[0]);
      SsmTrainer.Run run = SsmTrainer.train(m, c, tc, all.train(), SsmTrainer.Listener.none());
      after = mean(SequenceElbo.evaluate(m, run.model(), all.heldOut(), 4, 1)[0]);
      // as PixelSequencesTest: about 64 log 2 = 44 nats per step untrained; at least a third of
      // the way to 0 after 150 steps
      System.out.printf("conv: held-out ELBO per step %.3f -> %.3f%n", before / 10, after / 10);
      assertThat(before / 10).isLessThan(-35);
      assertThat(after).isGreaterThan(before * 2 / 3);
      SsmCheckpoint.write(file, run);

      // the online filter (BeliefEnv's) is the batch filter
      SequenceData held = all.heldOut();
      double[][][] batch = SsmPrediction.filter(m, run.model(), held);
      SsmFilter filter = new SsmFilter(run.model(), m);
      for (int w = 0; w < held.sequences(); w++) {
        double[][] obs = held.observations(w);
        double[][] act = held.actions(w);
        for (int t = 0; t < held.length(); t++) {
          double[] b = t == 0 ? filter.reset(obs[0]) : filter.step(act[t - 1], obs[t]);
          assertThat(b).hasSize(3 + 8);
          for (int j = 0; j < b.length; j++) {
            assertThat(b[j])
                .as("window %d step %d belief %d", w, t, j)
                .isCloseTo(batch[w][t][j], within(1e-5));
          }
        }
      }
      double[][] o = held.observations(0);
      ResourceCounts.assertFlatOver(m, 5, k -> filter.step(held.actions(0)[k], o[k + 1]));
      Adam adam = run.adam();
      ResourceCounts.assertFlatOver(
          m, 5, k -> SsmTrainer.step(m, run.model(), tc, adam, all.train(), 200 + k));
      ResourceCounts.assertFlatOver(m, 2, k -> SequenceElbo.evaluate(m, run.model(), held, 2, k));
      ResourceCounts.assertFlatOver(
          m, 2, k -> SsmPrediction.run(m, run.model(), held, s.states(), 4, 4, 6, null));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run back = SsmCheckpoint.read(file, m);
      assertThat(back.model().config()).isEqualTo(c);
      double again = mean(SequenceElbo.evaluate(m, back.model(), all.heldOut(), 4, 1)[0]);
      assertThat(again).isEqualTo(after);
    }
  }

  @Test
  void resumeEqualsAnUninterruptedRunAlsoWithTheSmoothingEncoderOverTheEmbeddings() {
    SequenceData data = ReplaySequences.read(replay, 10, 2).data();
    SsmConfig c = conv(data).withHidden(16).withEncoder(SsmEncoder.SMOOTHING).withEncoderHidden(8);
    SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(4).withSteps(6);
    float[][] whole;
    double[][] history;
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run = SsmTrainer.train(m, c, tc, data, SsmTrainer.Listener.none());
      whole = params(run);
      history = run.history();
      // the backward GRU reads the 16-wide conv embedding, not the 64 pixels
      assertThat(run.model().parameter("backward.weight_ih").getShape())
          .isEqualTo(new Shape(24, 16));
    }
    Path file = dir.resolve("half.bin");
    try (NDManager m = NDManager.newBaseManager()) {
      SsmCheckpoint.write(
          file, SsmTrainer.train(m, c, tc.withSteps(2), data, SsmTrainer.Listener.none()));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run rest =
          SsmTrainer.continueTo(
              m, SsmCheckpoint.read(file, m), 6, data, SsmTrainer.Listener.none());
      float[][] resumed = params(rest);
      for (int i = 0; i < whole.length; i++) {
        assertThat(resumed[i]).as(rest.model().parameterNames().get(i)).containsExactly(whole[i]);
      }
      assertThat(rest.history()).isDeepEqualTo(history);
    }
  }

  @Test
  void refusalsAreOneLineNamingTheValue() throws Exception {
    SsmConfig base = SsmConfig.defaults(80, 1);
    assertThatThrownBy(() -> base.withArchitecture(Architecture.CONV, 1, 10, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("arch conv needs image height and width divisible by 4, found 10x8");
    assertThatThrownBy(() -> base.withArchitecture(Architecture.CONV, 0, 0, 0))
        .hasMessage("arch conv needs frames (an image shape), found vectors of 80 values");
    assertThatThrownBy(() -> base.withArchitecture(Architecture.CONV, 1, 8, 8))
        .hasMessage("image shape [1, 8, 8] holds 64 values, dimX is 80");
    // an mlp checkpoint whose config is made to say conv
    SequenceData data = ReplaySequences.read(replay, 10, 2).data();
    SsmConfig mlp = conv(data).withArchitecture(Architecture.MLP, 1, SIDE, SIDE).withHidden(8);
    Path file = dir.resolve("mlp.bin");
    try (NDManager m = NDManager.newBaseManager()) {
      SsmCheckpoint.write(
          file,
          SsmTrainer.train(
              m,
              mlp,
              SsmTrainConfig.defaults().withSteps(1).withBatchSize(2),
              data,
              SsmTrainer.Listener.none()));
      Checkpoint c = Checkpoint.read(file, SsmCheckpoint.KIND);
      ObjectMapper json = new ObjectMapper();
      SsmRunConfig rc = json.readValue(c.config(), SsmRunConfig.class);
      assertThat(rc.model()).isEqualTo(mlp);
      SsmRunConfig asConv =
          new SsmRunConfig(
              rc.model().withArchitecture(Architecture.CONV, 1, SIDE, SIDE), rc.train());
      Checkpoint.Builder b =
          Checkpoint.builder(SsmCheckpoint.KIND).setConfig(json.writeValueAsString(asConv));
      for (Map.Entry<String, Long> e : c.counters().entrySet()) {
        b.putCounter(e.getKey(), e.getValue());
      }
      for (Map.Entry<String, Checkpoint.Tensor> e : c.tensors().entrySet()) {
        b.put(e.getKey(), e.getValue());
      }
      Path forged = dir.resolve("forged.bin");
      b.build().write(forged);
      assertThatThrownBy(() -> SsmCheckpoint.read(forged, m))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "incompatible checkpoint "
                  + forged
                  + ": its parameters are an arch mlp model's, its config says arch conv");
      // a checkpoint written before the architecture existed reads as mlp without an image
      String old =
          "{\"dimZ\":2,\"dimX\":3,\"dimA\":1,\"hidden\":8,\"layers\":1,\"deterministic\":0,"
              + "\"encoder\":\"FILTERING\",\"encoderHidden\":32,\"likelihood\":\"GAUSSIAN\"}";
      SsmConfig oldConfig = json.readValue(old, SsmConfig.class);
      assertThat(oldConfig.architecture()).isEqualTo(Architecture.MLP);
      assertThat(oldConfig.channels()).isZero();
    }
  }

  private static float[][] params(SsmTrainer.Run run) {
    float[][] p = new float[run.model().parameters().size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = run.model().parameters().get(i).toFloatArray();
    }
    return p;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}

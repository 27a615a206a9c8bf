package org.varl.rl.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.DataOptions;
import org.varl.core.data.DataSources;
import org.varl.core.data.ReplayFrames;
import org.varl.core.data.TrainTestSplit;
import org.varl.rl.env.Envs;
import org.varl.rl.env.Pendulum;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.env.PoleRenderer;
import org.varl.rl.env.TimeLimit;
import org.varl.rl.replay.ReplayDirectory;

class CollectTest {

  @TempDir Path dir;

  private static Collect.Config config(long steps) {
    return new Collect.Config("pendulum-pixels", new PixelOptions(16, 3), "random", steps, 4);
  }

  @Test
  void aRandomCollectionRecordsEveryStepAndReadsBackAsFrames() throws Exception {
    Collect.Result r = Collect.run(config(450), t -> {});
    ReplayDirectory.Contents c = r.contents();
    assertThat(c.steps()).isEqualTo(450);
    assertThat(r.episodes()).isEqualTo(3); // 200 + 200 + 50 steps
    assertThat(c.truncated()[199]).isTrue();
    assertThat(c.episodes()[200]).isEqualTo(1);
    // frame i is the rendering of state i, and the states replay the recorded actions
    TimeLimit env = Envs.make("pendulum-pixels", new PixelOptions(16, 3));
    env.setState(c.states()[0]);
    for (int i = 0; i < 199; i++) {
      assertThat(Arrays.copyOfRange(c.frames(), i * 256, (i + 1) * 256))
          .containsExactly(PoleRenderer.render(Pendulum.ID, c.states()[i], 16));
      double reward = env.step(c.actions()[i]).reward();
      assertThat(reward).isEqualTo(c.rewards()[i]);
      assertThat(env.state()).containsExactly(c.states()[i + 1]);
    }
    // the same seed records the same steps
    assertThat(Collect.run(config(450), t -> {}).contents().frames()).containsExactly(c.frames());

    Path out = dir.resolve("replay");
    ReplayDirectory.write(out, c);
    ArrayDataset frames = ReplayFrames.load(out, "replay:" + out);
    assertThat(frames.size()).isEqualTo(450);
    assertThat(frames.imageShape()).containsExactly(16, 16);
    for (int i = 0; i < 450 * 256; i++) {
      assertThat(frames.features()[i]).isEqualTo((float) c.frames()[i]); // bytes are exact
    }
    assertThat(frames.factorNames())
        .containsExactly("cos_theta", "sin_theta", "theta", "theta_dot");
    double[] f = frames.factors().orElseThrow()[7];
    assertThat(f[0]).isCloseTo(Math.cos(c.states()[7][0]), within(1e-12));
    assertThat(f[3]).isEqualTo(c.states()[7][1]);
    List<String> steps = Files.readAllLines(out.resolve(ReplayFrames.STEPS));
    assertThat(steps.get(0)).isEqualTo("step,episode,action_0,reward,terminated,truncated");
    assertThat(steps).hasSize(451);
    assertThat(steps.get(200)).endsWith(",false,true");
    assertThat(Files.readString(out.resolve(ReplayFrames.META)))
        .contains("\"image_size\": 16", "\"frame_stack\": 3", "\"episodes\": 3");
    TrainTestSplit split = DataSources.load("replay:" + out, DataOptions.defaults().withSeed(2));
    assertThat(split.train().size() + split.test().size()).isEqualTo(450);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              ReplayFrames.FRAMES, ReplayFrames.STEPS, ReplayFrames.STATES, ReplayFrames.META);
    }
  }

  @Test
  void missingCorruptOrInconsistentDirectoriesAreOneLine() throws Exception {
    Path out = dir.resolve("r");
    assertThatThrownBy(() -> ReplayFrames.load(out, "x"))
        .hasMessageStartingWith("replay directory " + out + " does not exist");
    ReplayDirectory.write(out, Collect.run(config(20), t -> {}).contents());
    Path frames = out.resolve(ReplayFrames.FRAMES);
    byte[] bytes = Files.readAllBytes(frames);
    Files.write(frames, Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> ReplayFrames.load(out, "x"))
        .hasMessage(
            "frames-idx3-ubyte: 20 images of 16x16 need 5120 pixel bytes, found 5110 (truncated)");
    Files.write(frames, bytes);
    Path meta = out.resolve(ReplayFrames.META);
    String json = Files.readString(meta);
    Files.writeString(meta, json.replace("\"image_size\": 16", "\"image_size\": 32"));
    assertThatThrownBy(() -> ReplayFrames.load(out, "x"))
        .hasMessage(frames + ": frames of 16x16 do not match replay.json's image_size 32");
    Files.writeString(meta, json.replace("\"steps\": 20", "\"steps\": 21"));
    assertThatThrownBy(() -> ReplayFrames.load(out, "x"))
        .hasMessage(frames + ": 20 frames, but replay.json says steps 21");
    Files.writeString(meta, json);
    Files.delete(out.resolve(ReplayFrames.STATES));
    assertThatThrownBy(() -> ReplayFrames.load(out, "x")).hasMessageContaining("has no states.csv");
    assertThatThrownBy(
            () -> new Collect.Config("pendulum", PixelOptions.defaults(), "random", 5, 1))
        .hasMessage(
            "env must be a pixel environment (pendulum-pixels, cartpole-pixels), found 'pendulum'");
    assertThatThrownBy(
            () ->
                Collect.run(
                    new Collect.Config(
                        "pendulum-pixels", PixelOptions.defaults(), dir.toString(), 5, 1),
                    t -> {}))
        .hasMessageContaining("has no checkpoint.bin");
  }
}

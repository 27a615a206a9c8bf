package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.CsvHeader;
import org.varl.core.data.CsvScaling;
import org.varl.core.optim.Adam;
import org.varl.core.optim.AdamState;

class VaeCheckpointTest {

  static final VaeConfig MODEL =
      new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 8, 3, 0.1, 1, 4, 4);
  static final EpochMetrics HISTORY = new EpochMetrics(1, 10.5, 11.25, 2.5, 8.0, 1.5, 400.0);
  static final RunConfig RUN =
      new RunConfig(
          "shapes",
          null,
          600,
          1.0 / 6,
          CsvScaling.UNIT_RANGE,
          false,
          -1,
          CsvHeader.AUTO,
          MODEL,
          TrainConfig.defaults(),
          null);

  private static Path written(Path dir) {
    try (NDManager m = NDManager.newBaseManager();
        Vae vae = Vae.create(MODEL, 3, m)) {
      Adam adam = Adam.of(vae.parameterArrays(), 1e-3);
      AdamState s = adam.state();
      s.means()[0][1] = 0.25f;
      adam.restore(new AdamState(17, s.means(), s.variances()));
      Path file = dir.resolve(VaeCheckpoint.FILE);
      VaeCheckpoint.capture(RUN, 4, vae, adam, List.of(HISTORY)).write(file);
      return file;
    }
  }

  @Test
  void roundTripRestoresModelOptimizerAndConfig(@TempDir Path dir) {
    Path file = written(dir);
    VaeCheckpoint c = VaeCheckpoint.read(file);
    assertThat(c.config()).isEqualTo(RUN);
    assertThat(c.epoch()).isEqualTo(4);
    assertThat(c.adamStep()).isEqualTo(17);
    try (NDManager m = NDManager.newBaseManager();
        Vae original = Vae.create(MODEL, 3, m);
        Vae restored = c.toModel(m)) {
      List<String> names = original.parameterNames();
      assertThat(c.names()).isEqualTo(names);
      for (int i = 0; i < names.size(); i++) {
        assertThat(restored.parameterArrays().get(i).toFloatArray())
            .containsExactly(original.parameterArrays().get(i).toFloatArray());
      }
      Adam adam = Adam.of(restored.parameterArrays(), 1e-3);
      c.loadOptimizer(adam);
      assertThat(adam.stepCount()).isEqualTo(17);
      assertThat(adam.state().means()[0][1]).isEqualTo(0.25f);
      assertThat(c.history()).containsExactly(HISTORY);
    }
    assertThat(dir.toFile().list())
        .containsExactly(VaeCheckpoint.FILE); // no temporary file left behind
  }

  @Test
  void corruptTruncatedForeignAndIncompatibleFilesAreOneLineErrors(@TempDir Path dir)
      throws Exception {
    Path file = written(dir);
    byte[] good = Files.readAllBytes(file);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(file, flipped);
    assertThatThrownBy(() -> VaeCheckpoint.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpoint " + file + " is corrupt or truncated (checksum mismatch)");

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(() -> VaeCheckpoint.read(file))
        .hasMessageContaining("is corrupt or truncated");

    Files.writeString(file, "PK\u0003\u0004 definitely a zip file, not a checkpoint");
    assertThatThrownBy(() -> VaeCheckpoint.read(file))
        .hasMessage("checkpoint " + file + " is not a varl checkpoint (bad magic number)");

    // Wave 1's format is refused in one line that names its version.
    byte[] legacy = new byte[64];
    System.arraycopy(
        "VARLVAE1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, legacy, 0, 8);
    legacy[11] = 1;
    Files.write(file, legacy);
    assertThatThrownBy(() -> VaeCheckpoint.read(file))
        .hasMessage(
            "checkpoint "
                + file
                + " has the wave-1 VAE format VARLVAE1 version 1; this varl reads format VARLCKPT version 2: train the"
                + " model again");

    assertThatThrownBy(() -> VaeCheckpoint.read(dir.resolve("missing.bin")))
        .hasMessageStartingWith("no checkpoint at ");

    Files.write(file, good);
    VaeCheckpoint c = VaeCheckpoint.read(file);
    VaeConfig wider = new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 9, 3, 0.1, 1, 4, 4);
    try (NDManager m = NDManager.newBaseManager();
        Vae other = Vae.create(wider, 1, m)) {
      assertThatThrownBy(() -> c.loadParameters(other))
          .hasMessage(
              "incompatible checkpoint: parameter 0 model/encoder/layers.0.weight is FLOAT32[8, 16], "
                  + "the model expects FLOAT32[9, 16]");
    }
  }
}

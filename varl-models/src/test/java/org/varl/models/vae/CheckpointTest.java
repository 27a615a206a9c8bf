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

class CheckpointTest {

  static final VaeConfig MODEL = new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 8, 3, 0.1, 1, 4, 4);
  static final RunConfig RUN = new RunConfig("shapes", null, 600, 1.0 / 6, CsvScaling.UNIT_RANGE, false, -1,
      CsvHeader.AUTO, MODEL, TrainConfig.defaults());

  private static Path written(Path dir) {
    try (NDManager m = NDManager.newBaseManager(); Vae vae = Vae.create(MODEL, 3, m)) {
      FusedAdam adam = new FusedAdam(vae.parameterArrays(), 1e-3);
      adam.means()[0][1] = 0.25f;
      adam.restoreStep(17);
      Path file = dir.resolve(Checkpoint.FILE);
      Checkpoint.capture(RUN, 4, vae, adam).write(file);
      return file;
    }
  }

  @Test
  void roundTripRestoresModelOptimizerAndConfig(@TempDir Path dir) {
    Path file = written(dir);
    Checkpoint c = Checkpoint.read(file);
    assertThat(c.config()).isEqualTo(RUN);
    assertThat(c.epoch()).isEqualTo(4);
    assertThat(c.adamStep()).isEqualTo(17);
    try (NDManager m = NDManager.newBaseManager(); Vae original = Vae.create(MODEL, 3, m);
        Vae restored = c.toModel(m)) {
      List<String> names = original.parameterNames();
      assertThat(c.names()).isEqualTo(names);
      for (int i = 0; i < names.size(); i++) {
        assertThat(restored.parameterArrays().get(i).toFloatArray())
            .containsExactly(original.parameterArrays().get(i).toFloatArray());
      }
      FusedAdam adam = new FusedAdam(restored.parameterArrays(), 1e-3);
      c.loadOptimizer(adam);
      assertThat(adam.step()).isEqualTo(17);
      assertThat(adam.means()[0][1]).isEqualTo(0.25f);
    }
    assertThat(dir.toFile().list()).containsExactly(Checkpoint.FILE); // no temporary file left behind
  }

  @Test
  void corruptTruncatedForeignAndIncompatibleFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
    Path file = written(dir);
    byte[] good = Files.readAllBytes(file);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(file, flipped);
    assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpoint " + file + " is corrupt or truncated (checksum mismatch)");

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(() -> Checkpoint.read(file)).hasMessageContaining("is corrupt or truncated");

    Files.writeString(file, "PK\u0003\u0004 definitely a zip file, not a checkpoint");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .hasMessage("checkpoint " + file + " is not a varl VAE checkpoint (bad magic number)");

    assertThatThrownBy(() -> Checkpoint.read(dir.resolve("missing.bin")))
        .hasMessageStartingWith("no checkpoint at ");

    Files.write(file, good);
    Checkpoint c = Checkpoint.read(file);
    VaeConfig wider = new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 9, 3, 0.1, 1, 4, 4);
    try (NDManager m = NDManager.newBaseManager(); Vae other = Vae.create(wider, 1, m)) {
      assertThatThrownBy(() -> c.loadParameters(other))
          .hasMessage("incompatible checkpoint: parameter 0 is encoder/01Linear_weight[8, 16], "
              + "the model expects encoder/01Linear_weight[9, 16]");
    }
  }
}

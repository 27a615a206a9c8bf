package org.varl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.optim.AdamState;

class CheckpointTest {

  private static Checkpoint sample() {
    return Checkpoint.builder("sac")
        .setConfig("{\"gamma\": 0.99}")
        .putCounter("step", 1234)
        .putFloats("actor/w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, Float.NaN})
        .putDoubles("history", new long[] {2}, new double[] {1e-300, -7.5})
        .putInts("replay/actions", new long[] {4}, new int[] {0, 3, -1, Integer.MAX_VALUE})
        .putLongs("replay/episodes", new long[] {1}, new long[] {Long.MIN_VALUE})
        .putAdam("adam/", new AdamState(9, new float[][] {{0.5f}}, new float[][] {{0.25f}}))
        .build();
  }

  @Test
  void requireFiniteNamesTheFirstNonFiniteParameterItsValueAndIndex() {
    try (NDManager m = NDManager.newBaseManager()) {
      java.util.List<ai.djl.ndarray.NDArray> ps =
          java.util.List.of(m.create(new float[] {1f, 2f}), m.create(new float[] {0f, Float.NaN}));
      Path file = Path.of("run/checkpoint.bin");
      Checkpoint.requireFinite(java.util.List.of("a", "b"), ps.subList(0, 1), file);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Checkpoint.requireFinite(java.util.List.of("a", "b"), ps, file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "training diverged: parameter b holds NaN at index 1; nothing written to " + file);
    }
  }

  @Test
  void everyDtypeCounterAndTheConfigRoundTripInOrder(@TempDir Path dir) {
    Path file = dir.resolve("c.bin");
    sample().write(file);
    Checkpoint c = Checkpoint.read(file, "sac");
    assertThat(c.kind()).isEqualTo("sac");
    assertThat(c.config()).isEqualTo("{\"gamma\": 0.99}");
    assertThat(c.counter("step")).isEqualTo(1234);
    assertThat(c.floats("actor/w")).containsExactly(1, 2, 3, 4, 5, Float.NaN);
    assertThat(c.tensor("actor/w").shape()).containsExactly(2, 3);
    assertThat(c.doubles("history")).containsExactly(1e-300, -7.5);
    assertThat(c.ints("replay/actions")).containsExactly(0, 3, -1, Integer.MAX_VALUE);
    assertThat(c.longs("replay/episodes")).containsExactly(Long.MIN_VALUE);
    AdamState s = c.adamState("adam/", 1);
    assertThat(s.step()).isEqualTo(9);
    assertThat(s.means()[0]).containsExactly(0.5f);
    assertThat(c.tensors().keySet())
        .containsExactly(
            "actor/w", "history", "replay/actions", "replay/episodes", "adam/m/0", "adam/v/0");
    assertThat(dir.toFile().list()).containsExactly("c.bin");
  }

  @Test
  void parametersLoadIntoMatchingArraysOnly(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
      Path file = dir.resolve("p.bin");
      Checkpoint.builder("mlp").putParameters("net/", List.of("w"), List.of(w)).build().write(file);
      Checkpoint c = Checkpoint.read(file, "mlp");
      NDArray target = m.zeros(new Shape(2, 2));
      c.loadParameters("net/", List.of("w"), List.of(target));
      assertThat(target.toFloatArray()).containsExactly(1, 2, 3, 4);
      assertThatThrownBy(
              () -> c.loadParameters("net/", List.of("w"), List.of(m.zeros(new Shape(4)))))
          .hasMessage(
              "incompatible checkpoint: parameter 0 net/w is FLOAT32[2, 2], the model expects FLOAT32[4]");
      assertThatThrownBy(() -> c.loadParameters("net/", List.of("v"), List.of(target)))
          .hasMessage(
              "incompatible checkpoint: parameter 0 net/v is missing, the model expects FLOAT32[2, 2]");
    }
  }

  @Test
  void corruptTruncatedForeignOldAndWrongKindFilesAreOneLineErrors(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("c.bin");
    sample().write(file);
    byte[] good = Files.readAllBytes(file);
    String where = "checkpoint " + file;

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(file, flipped);
    assertThatThrownBy(() -> Checkpoint.read(file, "sac"))
        .hasMessage(where + " is corrupt or truncated (checksum mismatch)");
    Files.write(file, Arrays.copyOf(good, good.length - 9));
    assertThatThrownBy(() -> Checkpoint.read(file, "sac"))
        .hasMessageContaining("is corrupt or truncated");
    Files.writeString(file, "PK\u0003\u0004 a zip file, not a checkpoint");
    assertThatThrownBy(() -> Checkpoint.read(file, "sac"))
        .hasMessage(where + " is not a varl checkpoint (bad magic number)");
    byte[] newer = good.clone();
    newer[11] = 3;
    Files.write(file, newer);
    assertThatThrownBy(() -> Checkpoint.read(file, "sac"))
        .hasMessage(where + " has format version 3, this varl reads 2");
    Files.write(file, good);
    assertThatThrownBy(() -> Checkpoint.read(file, "vae"))
        .hasMessage(where + " holds a sac checkpoint, expected vae");
    assertThatThrownBy(() -> Checkpoint.read(dir.resolve("none.bin"), "sac"))
        .hasMessageStartingWith("no checkpoint at ");
    assertThatThrownBy(() -> Checkpoint.builder("x").putCounter("a", 1).putCounter("a", 2))
        .hasMessage("checkpoint counter a given twice");
    assertThatThrownBy(
            () -> new Checkpoint.Tensor(Checkpoint.DType.INT32, new long[] {3}, new int[2]))
        .hasMessage("tensor of shape [3] needs 3 values, found 2");
  }
}

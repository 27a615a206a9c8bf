package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;

/**
 * The training data's checksum: recorded at training, compared by eval, sample and resume, absent
 * for generated data and for runs written before it existed.
 */
class DataChecksumTest {

  private static final String CSV =
      "0.1,0.2,0.3,0.4\n0.4,0.5,0.6,0.1\n0.7,0.8,0.9,0.0\n0.2,0.1,0.0,0.5\n0.3,0.3,0.3,0.3\n"
          + "0.9,0.9,0.1,0.2\n0.5,0.4,0.3,0.2\n0.6,0.1,0.8,0.7\n0.2,0.2,0.9,0.1\n0.0,0.3,0.6,0.9\n"
          + "0.8,0.7,0.2,0.4\n0.1,0.9,0.5,0.6\n";

  @Test
  void csvChecksumIsTheFilesSha256AndAnEditIsReported(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    Files.writeString(csv, CSV);
    String expected =
        "sha256:"
            + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
    assertThat(DataChecksum.of("csv:" + csv, null)).isEqualTo(expected);

    Path run = dir.resolve("run");
    TrainResult r =
        VaeTrainer.run(
            new TrainRequest(
                "csv:" + csv,
                DataOptions.defaults(),
                new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 8, 2, 0.1),
                new TrainConfig(1, 4, 1e-3, 1.0, Estimator.PATHWISE, 1, 1L, 1, false),
                run,
                null),
            TrainingListener.none());
    assertThat(r.config().dataChecksum()).isEqualTo(expected);
    assertThat(Files.readString(run.resolve("config.json"))).contains(expected);
    try (TrainedVae m = TrainedVae.load(run)) {
      assertThat(m.dataChange()).isEmpty();
    }

    // One value edited after training: eval, sample and resume are told, in one line.
    Files.writeString(csv, CSV.replace("0.9,0.9,0.1,0.2", "0.9,0.9,0.1,0.3"));
    try (TrainedVae m = TrainedVae.load(run)) {
      assertThat(m.dataChange())
          .hasValueSatisfying(
              w ->
                  assertThat(w)
                      .startsWith("data csv:" + csv.toAbsolutePath() + " changed since the run")
                      .contains(expected.substring(0, 19) + " at training")
                      .doesNotContain("\n"));
    }
    EvalResult eval = VaeEvaluator.run(new EvalRequest(run, 3, 2, 1L));
    assertThat(eval.dataChange()).startsWith("data csv:");

    // A deleted file is reported too, not thrown: sample needs no data.
    Files.delete(csv);
    assertThat(DataChecksum.change(r.config()))
        .hasValueSatisfying(
            w -> assertThat(w).contains("cannot be checked").contains("points.csv"));
  }

  @Test
  void idxChecksumCoversTheFourFilesAndTheirNames(@TempDir Path dir) throws Exception {
    for (String base :
        List.of(
            "train-images-idx3-ubyte",
            "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte")) {
      Files.write(dir.resolve(base), base.getBytes());
    }
    String before = DataChecksum.of("mnist", dir.toString());
    assertThat(before).matches("sha256:[0-9a-f]{64}");
    assertThat(DataChecksum.of("fashion-mnist", dir.toString())).isEqualTo(before);

    // One byte of the test labels changes the checksum.
    Path labels = dir.resolve("t10k-labels-idx1-ubyte");
    Files.write(labels, "t10k-labels-idx1-ubytf".getBytes());
    assertThat(DataChecksum.of("mnist", dir.toString())).isNotEqualTo(before);
    Files.write(labels, "t10k-labels-idx1-ubyte".getBytes());
    assertThat(DataChecksum.of("mnist", dir.toString())).isEqualTo(before);

    // Swapping the contents of two files (same bytes overall) is a change as well.
    Path a = dir.resolve("train-images-idx3-ubyte");
    Path b = dir.resolve("t10k-images-idx3-ubyte");
    byte[] x = Files.readAllBytes(a);
    Files.write(a, Files.readAllBytes(b));
    Files.write(b, x);
    assertThat(DataChecksum.of("mnist", dir.toString())).isNotEqualTo(before);
  }

  @Test
  void generatedDataAndOldRunsHaveNoChecksumAndAreNotChecked(@TempDir Path dir) {
    assertThat(DataChecksum.of("shapes", null)).isNull();
    RunConfig old = VaeCheckpointTest.RUN;
    assertThat(old.dataChecksum()).isNull();
    assertThat(DataChecksum.change(old)).isEmpty();
    // A config.json written before the field existed parses, with no checksum.
    String json =
        VaeCheckpoint.configJson(old).replaceAll(",\\s*\"dataChecksum\"\\s*:\\s*null", "");
    assertThat(json).doesNotContain("dataChecksum");
    RunConfig parsed = VaeCheckpoint.parseConfig(json, "test");
    assertThat(parsed).isEqualTo(old);
  }
}

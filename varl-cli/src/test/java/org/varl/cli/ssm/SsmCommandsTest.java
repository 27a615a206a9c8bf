package org.varl.cli.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.CliRun;
import org.varl.core.engine.EngineSetup;
import org.varl.models.ssm.Kalman;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmFiles;

/**
 * {@code varl ssm generate|train|elbo} in-process on small sizes: the files each writes, exact
 * resume, and every bad input of issue 14 as exit 2 with one line and nothing written.
 */
class SsmCommandsTest {

  @TempDir static Path shared;
  @TempDir Path dir;
  static Path data;
  static Path csv;
  static Path truth;
  static Path model;

  private static CliRun.Result run(String... args) {
    return CliRun.capture(args);
  }

  @BeforeAll
  static void dataAndAModel() {
    EngineSetup.threads(1);
    data = shared.resolve("data");
    CliRun.Result r =
        run(
            "ssm",
            "generate",
            "--dim-z",
            "2",
            "--dim-x",
            "3",
            "--length",
            "8",
            "--sequences",
            "40",
            "--seed",
            "3",
            "--out",
            data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    csv = data.resolve("sequences.csv");
    truth = data.resolve("truth.json");
    model = shared.resolve("model");
    r =
        run(
            "ssm",
            "train",
            "--data",
            "csv:" + csv,
            "--encoder",
            "smoothing",
            "--steps",
            "40",
            "--batch-size",
            "8",
            "--hidden",
            "16",
            "--out",
            model.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void generateWritesTheSequencesAndTheTruthTheyCameFrom() throws Exception {
    assertThat(Files.readAllLines(csv).get(0)).isEqualTo("sequence,t,x_0,x_1,x_2,a_0");
    assertThat(Files.readAllLines(csv)).hasSize(1 + 40 * 8);
    SequenceData d = SsmFiles.readSequences(csv, 2);
    LinearGaussianSsm m = SsmFiles.readTruth(truth);
    // The file holds exactly the model's draws (the same seed gives the same parameters and data).
    LinearGaussianSsm again = LinearGaussianSsm.random(2, 3, 1, 3);
    assertThat(m.a()).isDeepEqualTo(again.a());
    assertThat(d.x()).containsExactly(again.sample(40, 8, 3).x());
    assertThat(Kalman.logLikelihoods(m, d.heldOut())).hasSize(8);
  }

  @Test
  void trainWritesMetricsCheckpointPlotAndElboComparesWithKalman() throws Exception {
    List<String> metrics = Files.readAllLines(model.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("step,elbo_per_step,recon,kl");
    assertThat(metrics).hasSize(41);
    String[] last = metrics.get(40).split(",");
    assertThat(Double.parseDouble(last[1]))
        .isCloseTo(
            Double.parseDouble(last[2]) - Double.parseDouble(last[3]),
            org.assertj.core.data.Offset.offset(1e-3));
    assertThat(model.resolve("checkpoint.bin")).isNotEmptyFile();
    assertThat(model.resolve("elbo.png")).isNotEmptyFile();
    assertThat(model.resolve("run.json")).isNotEmptyFile();
    Path out = dir.resolve("eval");
    CliRun.Result r =
        run(
            "ssm",
            "elbo",
            "--model",
            model.toString(),
            "--data",
            "csv:" + csv,
            "--truth",
            truth.toString(),
            "--samples",
            "4",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode e = new ObjectMapper().readTree(out.resolve("elbo.json").toFile());
    assertThat(e.get("encoder").asText()).isEqualTo("smoothing");
    assertThat(e.get("sequences").asInt()).isEqualTo(8);
    SequenceData held = SsmFiles.readSequences(csv, 2).heldOut();
    double exact = 0;
    for (double v : Kalman.logLikelihoods(SsmFiles.readTruth(truth), held)) {
      exact += v / 8 / 8;
    }
    assertThat(e.get("kalman_loglik_per_step").asDouble())
        .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(e.get("gap_per_step").asDouble())
        .isCloseTo(
            exact - e.get("elbo_per_step").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    // The bound holds up to Monte Carlo error.
    assertThat(e.get("gap_per_step").asDouble())
        .isGreaterThan(-3 * e.get("gap_se_per_step").asDouble());
    assertThat(e.has("dataChange")).isFalse();
    // Another file of the same shape: scored, with the change recorded in elbo.json.
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.set(3, lines.get(3).replaceFirst(",([^,]*)$", ",0.5"));
    Path edited = Files.write(dir.resolve("edited.csv"), lines);
    Path out2 = dir.resolve("eval2");
    assertThat(
            run(
                    "ssm",
                    "elbo",
                    "--model",
                    model.toString(),
                    "--data",
                    "csv:" + edited,
                    "--truth",
                    truth.toString(),
                    "--samples",
                    "2",
                    "--out",
                    out2.toString())
                .code())
        .isZero();
    JsonNode e2 = new ObjectMapper().readTree(out2.resolve("elbo.json").toFile());
    assertThat(e2.get("dataChange").asText()).contains("is not the file the run was trained on");
  }

  @Test
  void resumeContinuesExactlyAsAnUninterruptedRun() throws Exception {
    Path whole = dir.resolve("whole");
    Path part = dir.resolve("part");
    String[] base = {
      "ssm",
      "train",
      "--data",
      "csv:" + csv,
      "--rssm",
      "--deterministic",
      "8",
      "--batch-size",
      "8",
      "--hidden",
      "16"
    };
    assertThat(run(concat(base, "--steps", "20", "--out", whole.toString())).code()).isZero();
    assertThat(run(concat(base, "--steps", "8", "--out", part.toString())).code()).isZero();
    CliRun.Result r =
        run("ssm", "train", "--data", "csv:" + csv, "--steps", "20", "--resume", part.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(part.resolve("metrics.csv")))
        .isEqualTo(Files.readAllLines(whole.resolve("metrics.csv")));
    CliRun.Result refused =
        run(
            "ssm",
            "train",
            "--data",
            "csv:" + csv,
            "--steps",
            "30",
            "--lr",
            "0.1",
            "--resume",
            part.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip()).doesNotContain("\n").contains("--lr is not honoured");
    CliRun.Result again = run(concat(base, "--steps", "8", "--out", part.toString()));
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a run");
  }

  @Test
  void aDivergingRunIsOneLineExitOneAndWritesNothing() throws Exception {
    Path long50 = dir.resolve("long");
    assertThat(
            run(
                    "ssm",
                    "generate",
                    "--length",
                    "50",
                    "--sequences",
                    "10",
                    "--out",
                    long50.toString())
                .code())
        .isZero();
    Path out = dir.resolve("diverged");
    // A linear posterior (--layers 0) at its random initialization feeds z_{t-1} back into its own
    // log-variance: over 50 steps z explodes (measured: at step 2, ELBO -Infinity).
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun.Result r;
    try {
      r =
          run(
              "ssm",
              "train",
              "--data",
              "csv:" + long50.resolve("sequences.csv"),
              "--layers",
              "0",
              "--steps",
              "5",
              "--batch-size",
              "8",
              "--out",
              out.toString());
    } finally {
      System.setErr(old);
    }
    assertThat(r.code()).isEqualTo(1);
    // The progress bar's line (stderr, a pipe here) and then the error's one line.
    List<String> lines =
        err.toString(java.nio.charset.StandardCharsets.UTF_8).strip().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .startsWith("varl ssm train: training diverged at step 2: the ELBO is -Infinity");
    assertThat(lines).hasSizeLessThanOrEqualTo(2);
    assertThat(Files.exists(out.resolve("checkpoint.bin"))).isFalse();
  }

  private static String[] concat(String[] a, String... b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** Exit 2, one line containing {@code expected}, and {@code out} not created. */
  private void assertBad(Path out, String expected, String... args) throws Exception {
    CliRun.Result r = run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    if (Files.exists(out)) {
      try (Stream<Path> left = Files.list(out)) {
        assertThat(left).as("nothing written").isEmpty();
      }
    }
  }

  private Path csvWith(String name, List<String> lines) throws Exception {
    return Files.write(dir.resolve(name), lines);
  }

  @Test
  void badInputsAreOneLineExitTwoAndWriteNothing() throws Exception {
    List<String> good = Files.readAllLines(csv);
    Path out = dir.resolve("out");
    // Ragged: drop the last step of sequence 0.
    List<String> ragged = new ArrayList<>(good);
    ragged.remove(8);
    Path raggedCsv = csvWith("ragged.csv", ragged);
    assertBad(
        out,
        "ragged sequences: sequence 1 has 8 steps, sequence 0 has 7",
        "ssm",
        "train",
        "--data",
        "csv:" + raggedCsv,
        "--out",
        out.toString());
    // Steps out of order.
    List<String> order = new ArrayList<>(good);
    order.set(3, order.get(3).replaceFirst("^0,2,", "0,5,"));
    assertBad(
        out,
        "line 4 column t: expected step 2 of sequence 0",
        "ssm",
        "train",
        "--data",
        "csv:" + csvWith("order.csv", order),
        "--out",
        out.toString());
    // A non-numeric cell.
    List<String> text = new ArrayList<>(good);
    String[] cells = text.get(5).split(",");
    cells[3] = "abc";
    text.set(5, String.join(",", cells));
    assertBad(
        out,
        "line 6 column x_1: 'abc' is not a number",
        "ssm",
        "train",
        "--data",
        "csv:" + csvWith("text.csv", text),
        "--out",
        out.toString());
    List<String> nan = new ArrayList<>(good);
    cells = nan.get(5).split(",");
    cells[2] = "NaN";
    nan.set(5, String.join(",", cells));
    assertBad(
        out,
        "line 6 column x_0: 'NaN' is not",
        "ssm",
        "train",
        "--data",
        "csv:" + csvWith("nan.csv", nan),
        "--out",
        out.toString());
    assertBad(
        out,
        "--data must be csv:PATH",
        "ssm",
        "train",
        "--data",
        "shapes",
        "--out",
        out.toString());
    assertBad(
        out,
        "encoder must be filtering or smoothing, found 'kalman'",
        "ssm",
        "train",
        "--data",
        "csv:" + csv,
        "--encoder",
        "kalman",
        "--out",
        out.toString());
    assertBad(
        out,
        "--kind must be linear-gaussian",
        "ssm",
        "generate",
        "--kind",
        "pendulum",
        "--out",
        out.toString());
    assertBad(
        out,
        "--sequences must be in [2, 1000000], found 1",
        "ssm",
        "generate",
        "--sequences",
        "1",
        "--out",
        out.toString());
    // A truth.json whose matrices do not fit the data: generated with dim-x 4.
    Path other = dir.resolve("other");
    assertThat(
            run(
                    "ssm",
                    "generate",
                    "--dim-x",
                    "4",
                    "--sequences",
                    "5",
                    "--length",
                    "3",
                    "--out",
                    other.toString())
                .code())
        .isZero();
    String[] elbo = {
      "ssm",
      "elbo",
      "--model",
      model.toString(),
      "--data",
      "csv:" + csv,
      "--out",
      out.toString(),
      "--truth"
    };
    assertBad(
        out,
        "does not fit --data: the model's C has 4 rows (dimX) but the data have 3 observation columns",
        concat(elbo, other.resolve("truth.json").toString()));
    // A covariance that is not positive definite.
    String json =
        Files.readString(truth)
            .replaceFirst("\"Q\" : \\[ \\[ 0\\.1, 0\\.0 \\]", "\"Q\" : [ [ -0.1, 0.0 ]");
    assertThat(json).contains("-0.1");
    Path badQ = Files.writeString(dir.resolve("badq.json"), json);
    assertBad(
        out,
        "Q is not positive definite: the Cholesky pivot at index 0 is -0.1",
        concat(elbo, badQ.toString()));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"A\": [[1, 2]");
    assertBad(out, "not valid JSON", concat(elbo, broken.toString()));
    // A corrupt and an incompatible checkpoint.
    Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
    byte[] bytes = Files.readAllBytes(model.resolve("checkpoint.bin"));
    bytes[bytes.length / 2] ^= 0x33;
    Files.write(corrupt.resolve("checkpoint.bin"), bytes);
    assertBad(
        out,
        "checkpoint",
        "ssm",
        "elbo",
        "--model",
        corrupt.toString(),
        "--data",
        "csv:" + csv,
        "--truth",
        truth.toString(),
        "--out",
        out.toString());
    assertBad(
        out,
        "the run's model expects 3 and 1",
        "ssm",
        "elbo",
        "--model",
        model.toString(),
        "--data",
        "csv:" + other.resolve("sequences.csv"),
        "--truth",
        other.resolve("truth.json").toString(),
        "--out",
        out.toString());
    assertThat(Files.exists(out)).isFalse();
  }
}

package org.varl.cli.vi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;

/**
 * {@code varl vi estimators|amortization} in-process on small settings: files, JSON keys, exit
 * codes.
 */
class ViCommandsTest {

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return new Run(cl.execute(args), err.toString());
  }

  @Test
  void amortizationWritesMetricsWithTheThreeFitsAndAPlot(@TempDir Path dir) throws Exception {
    Run r = run("vi", "amortization", "--points", "60", "--steps", "20", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    for (String fit : new String[] {"global", "perPoint", "amortized"}) {
      assertThat(m.get(fit).get("elbo").isNumber()).as(fit).isTrue();
      assertThat(m.get(fit).get("parameters").asLong()).as(fit).isPositive();
    }
    assertThat(m.get("perPoint").get("parameters").asLong()).isEqualTo(60 * 4);
    assertThat(Files.size(dir.resolve("elbo-vs-steps.png"))).isPositive();
  }

  @Test
  void estimatorsWritesTheEstimatorsArrayAndPlots(@TempDir Path dir) throws Exception {
    Run r =
        run(
            "vi",
            "estimators",
            "--samples",
            "32",
            "--warmup",
            "4",
            "--data",
            "shapes",
            "--out",
            dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    JsonNode estimators = m.get("estimators");
    assertThat(estimators.size()).isEqualTo(org.varl.experiments.vi.EstimatorsExperiment.PAIRS);
    for (JsonNode e : estimators) {
      for (String key :
          new String[] {"name", "meanError", "variance", "snr", "secondsPerEstimate"}) {
        assertThat(e.has(key)).as(key).isTrue();
      }
    }
    assertThat(m.get("pathwiseToScoreVarianceRatio").get("gaussian").asDouble()).isPositive();
    assertThat(m.get("pathwiseToScoreVarianceRatio").get("shapes").asDouble()).isPositive();
    assertThat(m.get("imageData").asText()).isEqualTo("shapes");
    assertThat(m.get("imageDataNote").isNull()).isTrue();
    assertThat(m.get("config").get("imageData").asText()).isEqualTo("shapes");
    for (String problem : new String[] {"gaussian", "encoder", "shapes", "discrete"}) {
      assertThat(Files.size(dir.resolve(ViOutputs.varianceFigure(problem)))).isPositive();
    }
  }

  @Test
  void badValuesExitWithCodeTwoAndOneLine(@TempDir Path dir) {
    Run samples = run("vi", "estimators", "--samples", "3", "--out", dir.toString());
    assertThat(samples.code()).isEqualTo(2);
    assertThat(samples.err().strip())
        .isEqualTo("varl vi estimators: --samples must be >= 16, found 3");
    Run data =
        run("vi", "estimators", "--samples", "16", "--data", "mnist", "--out", dir.toString());
    assertThat(data.code()).isEqualTo(2);
    assertThat(data.err().strip())
        .startsWith("varl vi estimators: --data mnist needs --data-dir DIR")
        .doesNotContain("\n");
    Run unknown = run("vi", "estimators", "--data", "cifar", "--out", dir.toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .isEqualTo(
            "varl vi estimators: image data (--data) must be fashion-mnist,"
                + " mnist, shapes, csv:PATH or auto, found cifar");
    Run device = run("vi", "amortization", "--device", "tpu", "--out", dir.toString());
    assertThat(device.code()).isEqualTo(2);
    assertThat(device.err()).contains("--device must be cpu or gpu, found 'tpu'");
    assertThat(dir.resolve("metrics.json")).doesNotExist();
  }
}

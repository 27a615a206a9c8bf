package org.varl.cli.ssm;

import java.nio.file.Path;
import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl ssm}: the group of state-space subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "ssm",
    mixinStandardHelpOptions = true,
    description =
        "Sequential latent state-space models (a VAE through time): linear-Gaussian data with the"
            + " Kalman filter's exact log-likelihood, training with a filtering or smoothing"
            + " encoder, the held-out ELBO against the exact value; frames of a replay directory"
            + " (varl rl collect) as sequences, open-loop prediction and a probe of the belief.",
    subcommands = {
      SsmGenerateCommand.class,
      SsmTrainCommand.class,
      SsmElboCommand.class,
      SsmPredictCommand.class
    })
public final class SsmCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }

  /**
   * One warning line when {@code csv} is not the file the run in {@code runDir} was trained on (its
   * {@code run.json} records the SHA-256 as {@code dataChecksum}); empty when they match or the run
   * recorded none.
   */
  static java.util.Optional<String> dataChange(Path runDir, Path csv) {
    return dataChange(runDir, "csv:" + csv);
  }

  /**
   * {@link #dataChange(Path, Path)} for a normalized spec ({@code csv:PATH} or {@code replay:DIR}).
   */
  static java.util.Optional<String> dataChange(Path runDir, String dataSpec) {
    Path runJson = runDir.resolve(SsmTrainCommand.RUN);
    if (!java.nio.file.Files.isRegularFile(runJson)) {
      return java.util.Optional.empty();
    }
    String recorded;
    try {
      com.fasterxml.jackson.databind.JsonNode n =
          org.varl.cli.common.Json.MAPPER.readTree(runJson.toFile()).get("dataChecksum");
      recorded = n == null || !n.isTextual() ? null : n.asText();
    } catch (java.io.IOException e) {
      return java.util.Optional.of(runJson + " cannot be read to check --data: " + e.getMessage());
    }
    if (recorded == null) {
      return java.util.Optional.empty();
    }
    String now = org.varl.models.vae.DataChecksum.of(dataSpec, null);
    if (recorded.equals(now)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "--data "
            + dataSpec.substring(dataSpec.indexOf(':') + 1)
            + " is not the file the run was trained on (checksum "
            + recorded.substring(0, Math.min(19, recorded.length()))
            + " at training, "
            + now.substring(0, Math.min(19, now.length()))
            + " now); the given file is used");
  }

  /**
   * {@code --data} normalized: {@code csv:/abs/PATH} or {@code replay:/abs/DIR}.
   *
   * @throws IllegalArgumentException for any other form
   */
  static String dataSpec(String data) {
    if (data != null && data.startsWith("replay:") && data.length() > 7) {
      return "replay:" + Path.of(data.substring(7)).toAbsolutePath();
    }
    if (data == null || !data.startsWith("csv:") || data.length() == 4) {
      throw new IllegalArgumentException(
          "--data must be csv:PATH (a sequences.csv written by varl ssm generate) or replay:DIR"
              + " (a directory written by varl rl collect), found '"
              + data
              + "'");
    }
    return "csv:" + Path.of(data.substring(4)).toAbsolutePath();
  }

  /** The directory or file of a normalized spec. */
  static Path dataPath(String spec) {
    return Path.of(spec.substring(spec.indexOf(':') + 1));
  }

  /**
   * The sequences of a normalized spec: a CSV, or a replay directory cut into windows of {@code
   * window} steps.
   */
  static org.varl.models.ssm.SequenceData readData(String spec, int window, int minSequences) {
    if (spec.startsWith("replay:")) {
      return org.varl.models.ssm.ReplaySequences.read(dataPath(spec), window, minSequences).data();
    }
    return org.varl.models.ssm.SsmFiles.readSequences(dataPath(spec), minSequences);
  }

  /**
   * The file of {@code --data csv:PATH}.
   *
   * @throws IllegalArgumentException for any other form
   */
  static Path csvPath(String data) {
    if (data == null || !data.startsWith("csv:") || data.length() == 4) {
      throw new IllegalArgumentException(
          "--data must be csv:PATH (a sequences.csv written by varl ssm generate), found '"
              + data
              + "'");
    }
    return Path.of(data.substring(4));
  }
}

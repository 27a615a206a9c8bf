package org.varl.cli.ssm;

import ai.djl.ndarray.NDManager;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Json;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Plots;
import org.varl.cli.common.ResumeRule;
import org.varl.cli.common.SeedOption;
import org.varl.cli.common.StepBar;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmDivergedException;
import org.varl.models.ssm.SsmEncoder;
import org.varl.models.ssm.SsmLikelihood;
import org.varl.models.ssm.SsmTrainConfig;
import org.varl.models.ssm.SsmTrainer;
import org.varl.models.vae.Architecture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl ssm train}: the sequence VAE on the training split (the first 80%) of a CSV. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the sequential latent model on the first 80%% of the sequences of --data: prior"
          + " p(z_t | z_{t-1}, a_{t-1}) (or p(z_t | h_t) with --rssm), Gaussian MLP decoder"
          + " p(x_t | z_t) (with --arch conv the VAE's conv decoder, and each frame embedded by the"
          + " VAE's conv encoder before the posterior), encoder q(z_t | z_{t-1}, a_{t-1}, x_t)"
          + " (filtering) or"
          + " q(z_t | z_{t-1}, a_{t-1}, x_{t:T}) (smoothing, backward GRU), by Adam on the sequence"
          + " ELBO per step (analytic KL, one reparameterized draw through time).",
      "Writes run.json, metrics.csv (step, elbo_per_step, recon, kl: nats per time step),"
          + " checkpoint.bin and elbo.png into --out."
    })
public final class SsmTrainCommand implements Callable<Integer> {

  static final String METRICS = "metrics.csv";
  static final String CHECKPOINT = "checkpoint.bin";
  static final String RUN = "run.json";
  static final String PLOT = "elbo.png";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      required = true,
      description =
          "Sequences: csv:PATH, a sequences.csv written by varl ssm generate, or replay:DIR, a"
              + " directory of varl rl collect (frames flattened, episodes cut into --window"
              + " steps).")
  String data;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "32",
      description =
          "With replay:DIR: steps per sequence, consecutive windows inside each episode (default:"
              + " ${DEFAULT-VALUE}; with --resume the run's own).")
  int window;

  @Option(
      names = "--likelihood",
      paramLabel = "gaussian|bernoulli",
      description =
          "Decoder: gaussian (learned sigma per dimension) or bernoulli (frames in [0, 1]);"
              + " default: bernoulli for replay:DIR, gaussian for csv:PATH.")
  String likelihood;

  @Option(
      names = "--arch",
      paramLabel = "mlp|conv",
      defaultValue = "mlp",
      description =
          "Frame networks: mlp (MLPs on the flat frame) or conv (the VAE's conv decoder, and the"
              + " VAE's conv encoder embedding every frame once per batch before the posterior MLP;"
              + " needs --data replay:DIR with a frame side divisible by 4) (default:"
              + " ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--encoder",
      paramLabel = "filtering|smoothing",
      defaultValue = "filtering",
      description = "Encoder: filtering or smoothing (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--rssm",
      description = "Add the deterministic GRU path h_t (PlaNet's RSSM); default: off.")
  boolean rssm;

  @Option(
      names = "--deterministic",
      paramLabel = "N",
      defaultValue = "32",
      description = "Size of h_t with --rssm (default: ${DEFAULT-VALUE}).")
  int deterministic;

  @Option(
      names = "--dim-z",
      paramLabel = "N",
      defaultValue = "2",
      description = "Latent size (default: ${DEFAULT-VALUE}).")
  int dimZ;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      defaultValue = "64",
      description = "Hidden width of the networks (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--layers",
      paramLabel = "N",
      defaultValue = "1",
      description = "Hidden layers of the networks, 0 = linear (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(
      names = "--encoder-hidden",
      paramLabel = "N",
      defaultValue = "32",
      description = "Size of the smoothing encoder's backward GRU (default: ${DEFAULT-VALUE}).")
  int encoderHidden;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "1500",
      description = "Adam steps; with --resume the new total (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Sequences per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      defaultValue = "3e-3",
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--free-nats",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "Objective uses max(KL_t, X) per step; PlaNet uses 3 (default: ${DEFAULT-VALUE} = off).")
  double freeNats;

  @Option(
      names = "--kl-balance",
      paramLabel = "ALPHA",
      description =
          "KL balancing with weight ALPHA on KL(sg(q)||p), DreamerV2 uses 0.8 (default: off).")
  Double klBalance;

  @Mixin SeedOption seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; small networks run best on 1).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/ssm-model",
      description = "Run directory (default: ${DEFAULT-VALUE}; with --resume: the resumed run's).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description = "Continue the run in DIR to --steps (default: a new run).")
  Path resume;

  @Override
  public Integer call() {
    boolean outGiven = spec.commandLine().getParseResult().hasMatchedOption("--out");
    Path target = resume != null && !outGiven ? resume : out;
    Outputs.directory(target);
    String source = SsmCommand.dataSpec(data);
    boolean replay = source.startsWith("replay:");
    if (window < 1 || window > 100_000) {
      throw new IllegalArgumentException("--window must be in [1, 100000], found " + window);
    }
    SsmLikelihood lik =
        likelihood != null
            ? SsmLikelihood.parse(likelihood)
            : replay ? SsmLikelihood.BERNOULLI : SsmLikelihood.GAUSSIAN;
    Architecture architecture = Architecture.parse(arch);
    if (architecture == Architecture.CONV && !replay) {
      throw new IllegalArgumentException(
          "--arch conv needs frames: --data replay:DIR (a directory of varl rl collect), found '"
              + data
              + "'");
    }
    if (resume != null) {
      ResumeRule.rejectUnhonoured(
          spec, Set.of("--steps", "--threads", "--out", "--data", "--window"));
    } else if (Files.exists(target.resolve(CHECKPOINT))) {
      throw new IllegalArgumentException(
          "--out "
              + target
              + " already holds a run ("
              + CHECKPOINT
              + "); use --resume or another --out");
    }
    int windowUsed = window;
    if (resume != null
        && replay
        && !spec.commandLine().getParseResult().hasMatchedOption("--window")) {
      // the resumed run's windows, so that it continues on the same sequences
      windowUsed = recordedLength(resume, window);
    }
    SequenceData all;
    // the frames' shape [channels, side, side] (0s for vectors): what the conv networks need
    int[] image = {0, 0, 0};
    if (replay) {
      ReplaySequences frames = ReplaySequences.read(SsmCommand.dataPath(source), windowUsed, 2);
      all = frames.data();
      int side = frames.imageSize();
      if (all.dimX() % (side * side) == 0) {
        image = new int[] {all.dimX() / (side * side), side, side};
      }
    } else {
      all = SsmCommand.readData(source, windowUsed, 2);
    }
    if (architecture == Architecture.CONV && resume == null) {
      // before any work: the conv networks halve each side twice
      org.varl.models.vae.ConvNets.requireImage(image[0], image[1], image[2]);
    }
    SequenceData train = all.train();
    String checksum = org.varl.models.vae.DataChecksum.of(source, null);

    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    long start = System.nanoTime();
    try (NDManager m = NDManager.newBaseManager();
        StepBar bar = new StepBar("ssm train")) {
      SsmTrainer.Listener listener =
          (k, total, elbo, recon, kl) -> {
            if (!bar.started()) {
              bar.start(k - 1, total);
            }
            if (k % 10 == 0 || k == total) {
              bar.at(k, String.format(Locale.ROOT, "elbo/step %.3f", elbo));
            }
          };
      SsmTrainer.Run run;
      int before = 0;
      try {
        if (resume != null) {
          SsmTrainer.Run back = SsmCheckpoint.read(resume.resolve(CHECKPOINT), m);
          requireFits(back.model().config(), all);
          SsmCommand.dataChange(resume, source)
              .ifPresent(w -> System.err.println("varl ssm train: warning: " + w));
          before = back.steps();
          run = SsmTrainer.continueTo(m, back, steps, train, listener);
        } else {
          SsmConfig config =
              new SsmConfig(
                  dimZ,
                  all.dimX(),
                  all.dimA(),
                  hidden,
                  layers,
                  rssm ? deterministic : 0,
                  SsmEncoder.parse(encoder),
                  encoderHidden,
                  lik,
                  architecture,
                  image[0],
                  image[1],
                  image[2]);
          SsmTrainConfig tc =
              new SsmTrainConfig(
                  steps,
                  batchSize,
                  lr,
                  freeNats,
                  klBalance != null,
                  klBalance == null ? 0.8 : klBalance,
                  4,
                  seed.seed);
          run = SsmTrainer.train(m, config, tc, train, listener);
        }
      } catch (SsmDivergedException e) {
        // Not an input error and not a bug: one line, exit 1; nothing is written, so a resumed
        // run's checkpoint stays as it was.
        bar.close();
        System.err.println(
            "varl ssm train: "
                + e.getMessage()
                + "; nothing written to "
                + target
                + " (try a smaller --lr, or --layers >= 1: a linear posterior can feed z back"
                + " into its own log-variance and explode)");
        return 1;
      }
      bar.close();
      double seconds = (System.nanoTime() - start) / 1e9;
      SsmTrainer.Run done = run;
      Outputs.all(
          () -> {
            SsmCheckpoint.write(target.resolve(CHECKPOINT), done);
            writeMetrics(target.resolve(METRICS), done.history());
            Map<String, Object> runJson = new java.util.LinkedHashMap<>();
            runJson.put("data", SsmCommand.dataPath(source).toString());
            runJson.put("dataSpec", source);
            runJson.put("dataChecksum", checksum);
            runJson.put("trainSequences", train.sequences());
            runJson.put("heldOutSequences", all.sequences() - train.sequences());
            runJson.put("length", all.length());
            runJson.put("arch", done.model().config().architecture().id());
            runJson.put("model", done.model().config());
            runJson.put("train", done.train());
            runJson.put("parameters", done.model().parameterCount());
            Json.write(target.resolve(RUN), runJson);
            plot(target.resolve(PLOT), done.history(), done.model().config());
            return null;
          });
      double[][] h = run.history();
      double last = h.length == 0 ? Double.NaN : h[h.length - 1][0];
      System.out.printf(
          Locale.ROOT,
          "trained %s%s encoder (arch %s) on %d sequences of %d steps: %d steps (total %d) in %.1f s (%.0f"
              + " sequence-steps/s), last minibatch ELBO per step %.4f nats; run in %s%n",
          run.model().config().encoder().id(),
          run.model().config().recurrent() ? " rssm" : "",
          run.model().config().architecture().id(),
          train.sequences(),
          all.length(),
          h.length - before,
          h.length,
          seconds,
          seconds > 0
              ? (double) (h.length - before) * run.train().batchSize() * all.length() / seconds
              : 0,
          last,
          target);
    }
    return 0;
  }

  /** The {@code length} a run's run.json records, or {@code fallback}. */
  static int recordedLength(Path runDir, int fallback) {
    Path file = runDir.resolve(RUN);
    if (!Files.isRegularFile(file)) {
      return fallback;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode n = Json.MAPPER.readTree(file.toFile()).get("length");
      return n != null && n.canConvertToInt() ? n.asInt() : fallback;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
    }
  }

  static void requireFits(SsmConfig c, SequenceData d) {
    if (c.dimX() != d.dimX() || c.dimA() != d.dimA()) {
      throw new IllegalArgumentException(
          "--data has "
              + d.dimX()
              + " observation and "
              + d.dimA()
              + " action columns, the run's model expects "
              + c.dimX()
              + " and "
              + c.dimA());
    }
  }

  static void writeMetrics(Path file, double[][] history) {
    AtomicFiles.write(
        file,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          w.write("step,elbo_per_step,recon,kl\n");
          for (int k = 0; k < history.length; k++) {
            w.write(
                (k + 1) + "," + history[k][0] + "," + history[k][1] + "," + history[k][2] + "\n");
          }
          w.flush();
        });
  }

  /** The minibatch ELBO, recon and −KL per step, averaged over windows of 25 steps. */
  static void plot(Path png, double[][] h, SsmConfig config) {
    int window = 25;
    int points = Math.max(1, h.length / window);
    double[][] ys = new double[3][points];
    double[] x = new double[points];
    for (int p = 0; p < points; p++) {
      int from = p * window;
      int to = Math.min(h.length, from + window);
      x[p] = to;
      for (int c = 0; c < 3; c++) {
        double s = 0;
        for (int k = from; k < to; k++) {
          s += c == 2 ? -h[k][c] : h[k][c];
        }
        ys[c][p] = to > from ? s / (to - from) : Double.NaN;
      }
    }
    Plots.line(
        png,
        Plots.Axes.linear(
            "ssm train ("
                + config.encoder().id()
                + (config.recurrent() ? ", rssm" : "")
                + "): minibatch terms, mean over 25 steps",
            "step",
            "nats per time step"),
        List.of(
            new Plots.Series("elbo", x, ys[0]),
            new Plots.Series("recon", x, ys[1]),
            new Plots.Series("-kl", x, ys[2])));
  }
}

package org.varl.rl.repr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.varl.core.io.AtomicFiles;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.PixelOptions;

/**
 * What an RL run on a pixel environment sees, stored as {@value #FILE} in its run directory so that
 * evaluation, resume and collection rebuild the same observations: the rendering options and the
 * encoder ({@code none}: the raw stack; {@code vae:RUN}: the latent means of a VAE run's encoder,
 * {@link ObservationEncoder}), with the latent size the agent was trained on.
 *
 * @param env the pixel environment's name
 * @param pixels the rendering options
 * @param encoder {@code none}, {@code vae:RUN} or {@code ssm:RUN} (the filtering belief of a {@code
 *     varl ssm train} run, {@link BeliefEnv}) with RUN an absolute directory
 * @param latent the latent size per frame the agent saw (0 for {@code none}; for {@code ssm:} the
 *     size of the belief)
 */
public record ObservationSpec(String env, PixelOptions pixels, String encoder, int latent) {

  /** The file in a run directory. */
  public static final String FILE = "observation.json";

  /** Checks the fields. */
  public ObservationSpec {
    if (!Envs.isPixels(env)) {
      throw new IllegalArgumentException(
          "--encoder "
              + encoder
              + " needs a pixel environment (pendulum-pixels, cartpole-pixels),"
              + " found '"
              + env
              + "'");
    }
    if (!encoder.equals("none") && !encoder.startsWith("vae:") && !encoder.startsWith("ssm:")) {
      throw new IllegalArgumentException(
          "encoder must be none, vae:RUN or ssm:RUN, found '" + encoder + "'");
    }
  }

  /**
   * The spec of a new run; a {@code vae:RUN} encoder is loaded to check it and its latent size.
   *
   * @throws IllegalArgumentException one line for a bad encoder or a VAE whose frames do not fit
   */
  public static ObservationSpec resolve(String env, PixelOptions pixels, String encoder) {
    String e = encoder == null ? "none" : encoder.strip();
    if (e.equals("none")) {
      return new ObservationSpec(env, pixels, "none", 0);
    }
    if (e.startsWith("ssm:") && e.length() > 4) {
      Path run = Path.of(e.substring(4).strip()).toAbsolutePath().normalize();
      ImageShape shape = EncodedEnv.imageShape(Envs.make(env, pixels));
      try (BeliefEnv.Model model = BeliefEnv.Model.load(run)) {
        model.requireFits(shape);
        return new ObservationSpec(env, pixels, "ssm:" + run, model.dimension());
      }
    }
    if (!e.startsWith("vae:") || e.length() == 4) {
      throw new IllegalArgumentException(
          "encoder must be none or vae:RUN (a run directory of varl vae train), found '" + e + "'");
    }
    Path run = Path.of(e.substring(4).strip()).toAbsolutePath().normalize();
    ImageShape shape = EncodedEnv.imageShape(Envs.make(env, pixels));
    try (ObservationEncoder enc = ObservationEncoder.load(run, shape)) {
      return new ObservationSpec(env, pixels, "vae:" + run, enc.latent());
    }
  }

  /** The VAE run directory of a {@code vae:RUN} encoder. */
  public Path vaeRun() {
    return Path.of(encoder.substring(4));
  }

  /** Makes the environments of a run, sharing one encoder, freed on close. */
  public Environments open() {
    if (encoder.equals("none")) {
      return new Environments(() -> Envs.make(env, pixels), null);
    }
    if (encoder.startsWith("ssm:")) {
      BeliefEnv.Model model = BeliefEnv.Model.load(Path.of(encoder.substring(4)));
      if (model.dimension() != latent) {
        model.close();
        throw new IllegalArgumentException(
            "--encoder "
                + encoder
                + ": the model's belief has "
                + model.dimension()
                + " values, the agent was trained on "
                + latent
                + " ("
                + FILE
                + ")");
      }
      return new Environments(() -> new BeliefEnv(Envs.make(env, pixels), model), null, model);
    }
    ImageShape shape = EncodedEnv.imageShape(Envs.make(env, pixels));
    ObservationEncoder enc = ObservationEncoder.load(vaeRun(), shape);
    if (enc.latent() != latent) {
      enc.close();
      throw new IllegalArgumentException(
          "--encoder vae:"
              + vaeRun()
              + ": the VAE's latent size is "
              + enc.latent()
              + " per frame, the agent was trained on "
              + latent
              + " ("
              + FILE
              + ")");
    }
    return new Environments(() -> new EncodedEnv(Envs.make(env, pixels), enc), enc);
  }

  /**
   * A run's environment factory and the encoder it shares (null for the raw stack and for a belief,
   * whose model is {@code resource}).
   */
  public record Environments(
      Supplier<Env> factory, ObservationEncoder encoder, AutoCloseable resource)
      implements AutoCloseable {

    /** Environments that share {@code encoder} (may be null). */
    public Environments(Supplier<Env> factory, ObservationEncoder encoder) {
      this(factory, encoder, encoder);
    }

    @Override
    public void close() {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot free the encoder: " + e.getMessage(), e);
        }
      }
    }
  }

  /** The JSON of {@value #FILE}. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\n  \"env\": \"%s\",\n  \"image_size\": %d,\n  \"frame_stack\": %d,\n"
            + "  \"encoder\": \"%s\",\n  \"latent\": %d\n}\n",
        env,
        pixels.imageSize(),
        pixels.frameStack(),
        encoder.replace("\\", "\\\\").replace("\"", "\\\""),
        latent);
  }

  /** Writes {@value #FILE} into {@code dir} (atomically). */
  public void write(Path dir) {
    AtomicFiles.writeString(dir.resolve(FILE), toJson());
  }

  /**
   * The spec of run {@code dir}, or null when it has none (a run on a state environment).
   *
   * @throws IllegalArgumentException for a corrupt file
   */
  public static ObservationSpec read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      JsonNode n = new ObjectMapper().readTree(f.toFile());
      return new ObservationSpec(
          n.get("env").asText(),
          new PixelOptions(n.get("image_size").asInt(), n.get("frame_stack").asInt()),
          n.get("encoder").asText(),
          n.get("latent").asInt());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(f + ": corrupt (" + e.getMessage() + ")");
    }
  }
}

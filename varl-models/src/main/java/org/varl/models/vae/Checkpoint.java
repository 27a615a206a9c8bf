package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.varl.core.io.AtomicFiles;

/**
 * A training checkpoint: the run config (JSON), the number of finished epochs, the parameters and Adam's state
 * (moments and step count). Enough to continue a run exactly where it stopped.
 *
 * <p>File format ({@code checkpoint.bin}, big-endian): magic {@code VARLVAE1}; int format version; int length +
 * UTF-8 config JSON; int epoch; long Adam step; int parameter count; per parameter its name (int length + UTF-8),
 * rank and dimensions (ints), then its values, first moments and second moments (floats); finally a CRC-32 of
 * everything before it (long). Written atomically (temporary file + rename), so a crash leaves the previous
 * checkpoint intact; read back, any mismatch (magic, version, checksum, truncation, shapes) is a one-line
 * {@link IllegalArgumentException}.
 *
 * @param config the run
 * @param epoch finished epochs
 * @param adamStep Adam's t
 * @param names parameter names in model order
 * @param shapes parameter shapes
 * @param values parameter values
 * @param means Adam first moments
 * @param variances Adam second moments
 */
public record Checkpoint(RunConfig config, int epoch, long adamStep, List<String> names, List<long[]> shapes,
    List<float[]> values, List<float[]> means, List<float[]> variances) {

  /** File name inside a run directory. */
  public static final String FILE = "checkpoint.bin";

  private static final byte[] MAGIC = "VARLVAE1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the model's parameters and the optimizer's state out of the engine. */
  public static Checkpoint capture(RunConfig config, int epoch, Vae vae, FusedAdam adam) {
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    List<float[]> means = new ArrayList<>();
    List<float[]> variances = new ArrayList<>();
    List<NDArray> params = vae.parameterArrays();
    for (int i = 0; i < params.size(); i++) {
      shapes.add(params.get(i).getShape().getShape());
      values.add(params.get(i).toFloatArray());
      means.add(adam.means()[i].clone());
      variances.add(adam.variances()[i].clone());
    }
    return new Checkpoint(config, epoch, adam.step(), vae.parameterNames(), shapes, values, means, variances);
  }

  /** Builds the model described by the config and loads the parameters into it. */
  public Vae toModel(ai.djl.ndarray.NDManager parent) {
    Vae vae = Vae.create(config.model(), config.train().seed(), parent);
    try {
      loadParameters(vae);
      return vae;
    } catch (RuntimeException e) {
      vae.close();
      throw e;
    }
  }

  /** Writes the parameters into {@code vae}, checking names and shapes. */
  public void loadParameters(Vae vae) {
    List<NDArray> params = vae.parameterArrays();
    if (params.size() != names.size()) {
      throw new IllegalArgumentException("incompatible checkpoint: it has " + names.size()
          + " parameters, the model has " + params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      String expected = vae.parameterNames().get(i);
      long[] shape = params.get(i).getShape().getShape();
      if (!expected.equals(names.get(i)) || !Arrays.equals(shape, shapes.get(i))) {
        throw new IllegalArgumentException("incompatible checkpoint: parameter " + i + " is " + names.get(i)
            + Arrays.toString(shapes.get(i)) + ", the model expects " + expected + Arrays.toString(shape));
      }
      TensorViews.write(params.get(i), values.get(i));
    }
  }

  /** Restores Adam's moments and step count (after {@link #loadParameters}). */
  public void loadOptimizer(FusedAdam adam) {
    for (int i = 0; i < names.size(); i++) {
      System.arraycopy(means.get(i), 0, adam.means()[i], 0, adam.means()[i].length);
      System.arraycopy(variances.get(i), 0, adam.variances()[i], 0, adam.variances()[i].length);
    }
    adam.restoreStep(adamStep);
  }

  /** Writes the checkpoint atomically. */
  public void write(Path file) {
    AtomicFiles.write(file, raw -> {
      CRC32 crc = new CRC32();
      DataOutputStream out = new DataOutputStream(new java.util.zip.CheckedOutputStream(raw, crc));
      out.write(MAGIC);
      out.writeInt(VERSION);
      byte[] json = configJson(config).getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      out.writeInt(epoch);
      out.writeLong(adamStep);
      out.writeInt(names.size());
      for (int i = 0; i < names.size(); i++) {
        byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        long[] shape = shapes.get(i);
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeInt(Math.toIntExact(d));
        }
        writeFloats(out, values.get(i));
        writeFloats(out, means.get(i));
        writeFloats(out, variances.get(i));
      }
      out.flush();
      new DataOutputStream(raw).writeLong(crc.getValue());
    });
  }

  private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.BIG_ENDIAN);
    buf.asFloatBuffer().put(v);
    out.write(buf.array());
  }

  /** Reads and verifies a checkpoint file. */
  public static Checkpoint read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no checkpoint at " + file + " (train with --out DIR first)");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage());
    }
    String where = "checkpoint " + file;
    if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException(where + " is not a varl VAE checkpoint (bad magic number)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    if (buf.getLong(bytes.length - 8) != crc.getValue()) {
      throw new IllegalArgumentException(where + " is corrupt or truncated (checksum mismatch)");
    }
    try {
      buf.position(MAGIC.length);
      int version = buf.getInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(where + " has format version " + version + ", this varl reads "
            + VERSION);
      }
      RunConfig config = parseConfig(new String(bytesOf(buf, buf.getInt()), StandardCharsets.UTF_8), where);
      int epoch = buf.getInt();
      long adamStep = buf.getLong();
      int n = buf.getInt();
      if (n < 0 || n > 10_000) {
        throw new IllegalArgumentException(where + " is corrupt: parameter count " + n);
      }
      List<String> names = new ArrayList<>();
      List<long[]> shapes = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      List<float[]> means = new ArrayList<>();
      List<float[]> variances = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        names.add(new String(bytesOf(buf, buf.getInt()), StandardCharsets.UTF_8));
        int rank = buf.getInt();
        if (rank < 0 || rank > 8) {
          throw new IllegalArgumentException(where + " is corrupt: rank " + rank + " of parameter " + i);
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = buf.getInt();
          size *= shape[d];
        }
        if (size < 0 || size * 12 > buf.remaining()) {
          throw new IllegalArgumentException(where + " is corrupt: parameter " + i + " shape "
              + Arrays.toString(shape) + " exceeds the file");
        }
        shapes.add(shape);
        values.add(floatsOf(buf, (int) size));
        means.add(floatsOf(buf, (int) size));
        variances.add(floatsOf(buf, (int) size));
      }
      if (buf.remaining() != 8) {
        throw new IllegalArgumentException(where + " is corrupt: " + (buf.remaining() - 8) + " trailing bytes");
      }
      return new Checkpoint(config, epoch, adamStep, names, shapes, values, means, variances);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException(where + " is corrupt or truncated");
    }
  }

  private static byte[] bytesOf(ByteBuffer buf, int length) {
    byte[] b = new byte[length];
    buf.get(b);
    return b;
  }

  private static float[] floatsOf(ByteBuffer buf, int n) {
    float[] v = new float[n];
    buf.asFloatBuffer().get(v);
    buf.position(buf.position() + 4 * n);
    return v;
  }

  /** The run config as pretty JSON (also written as {@code config.json}). */
  public static String configJson(RunConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize run config: " + e.getMessage(), e);
    }
  }

  private static RunConfig parseConfig(String json, String where) {
    try {
      return JSON.readValue(json, RunConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException(where + " has an invalid config: "
          + cause.getMessage().lines().findFirst().orElse(""));
    }
  }
}

package org.varl.core.io;

import ai.djl.ndarray.NDArray;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.varl.core.engine.TensorViews;
import org.varl.core.optim.AdamState;

/**
 * The one checkpoint format of varl: named tensors (parameters, optimizer state, a replay buffer's
 * arrays), named counters (epochs, steps), the run's config as JSON, and a kind ({@code vae},
 * {@code sac}, ...) that says which model reads it. Enough to continue any run exactly where it
 * stopped.
 *
 * <p>File format, big-endian: magic {@code VARLCKPT}; int format version ({@value #VERSION}); UTF-8
 * strings as int length + bytes: the kind, the config JSON; int counter count, each name + long;
 * int tensor count, each name, a dtype byte (0 float32, 1 float64, 2 int32, 3 int64), int rank,
 * long dimensions, then the values; finally the CRC-32 of everything before it (long). Written
 * atomically ({@link AtomicFiles}): a crash leaves the previous checkpoint intact. Read back, any
 * mismatch (magic, version, kind, checksum, truncation, shapes) is a one-line {@link
 * IllegalArgumentException} naming the file. A file is read whole, so one checkpoint holds at most
 * 2 GiB.
 *
 * <p>Tensors keep their insertion order. Conventions: a model's parameters under {@code
 * <prefix><name>}, an Adam's state under {@code <prefix>m/<i>}, {@code <prefix>v/<i>} and the
 * counter {@code <prefix>step} ({@link Builder#putAdam}, {@link #adamState}).
 */
public final class Checkpoint {

  /** The format version this varl writes and reads. */
  public static final int VERSION = 2;

  private static final byte[] MAGIC = "VARLCKPT".getBytes(StandardCharsets.US_ASCII);

  /** Wave 1's VAE-only format, recognized to refuse it with a clear message. */
  private static final byte[] LEGACY_VAE_MAGIC = "VARLVAE1".getBytes(StandardCharsets.US_ASCII);

  /** Element types of stored tensors. */
  public enum DType {
    FLOAT32(4),
    FLOAT64(8),
    INT32(4),
    INT64(8);

    private final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }
  }

  /**
   * A stored tensor: its type, shape and values ({@code float[]}, {@code double[]}, {@code int[]}
   * or {@code long[]} by dtype, row-major).
   */
  public record Tensor(DType dtype, long[] shape, Object values) {

    /** Checks that the values match the dtype and the shape. */
    public Tensor {
      long size = 1;
      for (long d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException(
              "tensor dimension must be >= 0, found " + Arrays.toString(shape));
        }
        size *= d;
      }
      int length =
          switch (dtype) {
            case FLOAT32 -> ((float[]) values).length;
            case FLOAT64 -> ((double[]) values).length;
            case INT32 -> ((int[]) values).length;
            case INT64 -> ((long[]) values).length;
          };
      if (length != size) {
        throw new IllegalArgumentException(
            "tensor of shape "
                + Arrays.toString(shape)
                + " needs "
                + size
                + " values, found "
                + length);
      }
      shape = shape.clone();
    }

    /** Number of elements. */
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final String kind;
  private final String config;
  private final Map<String, Long> counters;
  private final Map<String, Tensor> tensors;

  private Checkpoint(
      String kind, String config, Map<String, Long> counters, Map<String, Tensor> tensors) {
    this.kind = kind;
    this.config = config;
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /**
   * Refuses to checkpoint a diverged run: every value of every parameter must be finite, so that a
   * run whose training produced NaN or ±∞ never overwrites a good checkpoint.
   *
   * @param names the parameters' names, in the order of {@code parameters}
   * @param parameters the arrays to check
   * @param file the checkpoint that would have been written (named in the message)
   * @throws IllegalStateException naming the first non-finite parameter, its value and index
   */
  public static void requireFinite(List<String> names, List<NDArray> parameters, Path file) {
    for (int i = 0; i < parameters.size(); i++) {
      float[] v = parameters.get(i).toFloatArray();
      for (int j = 0; j < v.length; j++) {
        if (!Float.isFinite(v[j])) {
          throw new IllegalStateException(
              "training diverged: parameter "
                  + names.get(i)
                  + " holds "
                  + v[j]
                  + " at index "
                  + j
                  + "; nothing written to "
                  + file);
        }
      }
    }
  }

  /** A new checkpoint of the given kind. */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /** Which model wrote it ({@code vae}, {@code sac}, ...). */
  public String kind() {
    return kind;
  }

  /** The run's config as JSON (as the model wrote it). */
  public String config() {
    return config;
  }

  /** All counters, in insertion order. */
  public Map<String, Long> counters() {
    return counters;
  }

  /** All tensors, in insertion order. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** The counter {@code name}, or an error naming it. */
  public long counter(String name) {
    Long v = counters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("checkpoint has no counter " + name);
    }
    return v;
  }

  /** The tensor {@code name}, or an error naming it. */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("checkpoint has no tensor " + name);
    }
    return t;
  }

  /** The float32 values of tensor {@code name}. */
  public float[] floats(String name) {
    return (float[]) typed(name, DType.FLOAT32).values();
  }

  /** The float64 values of tensor {@code name}. */
  public double[] doubles(String name) {
    return (double[]) typed(name, DType.FLOAT64).values();
  }

  /** The int32 values of tensor {@code name}. */
  public int[] ints(String name) {
    return (int[]) typed(name, DType.INT32).values();
  }

  /** The int64 values of tensor {@code name}. */
  public long[] longs(String name) {
    return (long[]) typed(name, DType.INT64).values();
  }

  private Tensor typed(String name, DType dtype) {
    Tensor t = tensor(name);
    if (t.dtype() != dtype) {
      throw new IllegalArgumentException(
          "checkpoint tensor " + name + " is " + t.dtype() + ", expected " + dtype);
    }
    return t;
  }

  /**
   * Writes the stored {@code <prefix><names[i]>} into {@code arrays[i]} (float32 parameters) in
   * place, checking that every name exists with the array's shape and that no stored parameter
   * under {@code prefix} is left over.
   */
  public void loadParameters(String prefix, List<String> names, List<NDArray> arrays) {
    if (names.size() != arrays.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + arrays.size() + " arrays");
    }
    long stored = tensors.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    if (stored != names.size()) {
      throw new IllegalArgumentException(
          "incompatible checkpoint: it has "
              + stored
              + " tensors under '"
              + prefix
              + "', the model has "
              + names.size()
              + " parameters");
    }
    for (int i = 0; i < names.size(); i++) {
      String key = prefix + names.get(i);
      Tensor t = tensors.get(key);
      long[] shape = arrays.get(i).getShape().getShape();
      if (t == null || t.dtype() != DType.FLOAT32 || !Arrays.equals(t.shape(), shape)) {
        throw new IllegalArgumentException(
            "incompatible checkpoint: parameter "
                + i
                + " "
                + key
                + " is "
                + (t == null ? "missing" : t.dtype() + Arrays.toString(t.shape()))
                + ", the model expects FLOAT32"
                + Arrays.toString(shape));
      }
      TensorViews.write(arrays.get(i), (float[]) t.values());
    }
  }

  /**
   * The Adam state stored by {@link Builder#putAdam} under {@code prefix} for {@code parameters}
   * parameters.
   */
  public AdamState adamState(String prefix, int parameters) {
    float[][] m = new float[parameters][];
    float[][] v = new float[parameters][];
    for (int i = 0; i < parameters; i++) {
      m[i] = floats(prefix + "m/" + i);
      v[i] = floats(prefix + "v/" + i);
    }
    return new AdamState(counter(prefix + "step"), m, v);
  }

  /** Writes the checkpoint atomically. */
  public void write(Path file) {
    AtomicFiles.write(
        file,
        raw -> {
          CRC32 crc = new CRC32();
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
          out.write(MAGIC);
          out.writeInt(VERSION);
          writeString(out, kind);
          writeString(out, config);
          out.writeInt(counters.size());
          for (Map.Entry<String, Long> c : counters.entrySet()) {
            writeString(out, c.getKey());
            out.writeLong(c.getValue());
          }
          out.writeInt(tensors.size());
          for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            writeString(out, e.getKey());
            Tensor t = e.getValue();
            out.writeByte(t.dtype().ordinal());
            out.writeInt(t.shape().length);
            for (long d : t.shape()) {
              out.writeLong(d);
            }
            writeValues(out, t);
          }
          out.flush();
          new DataOutputStream(raw).writeLong(crc.getValue());
        });
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Values in chunks of at most 64 KiB elements, so a large replay buffer needs no second full-size
   * copy.
   */
  private static void writeValues(DataOutputStream out, Tensor t) throws IOException {
    int chunk = 1 << 16;
    int n = Math.toIntExact(t.size());
    ByteBuffer buf = ByteBuffer.allocate(chunk * t.dtype().bytes()).order(ByteOrder.BIG_ENDIAN);
    for (int from = 0; from < n; from += chunk) {
      int len = Math.min(chunk, n - from);
      buf.clear();
      switch (t.dtype()) {
        case FLOAT32 -> buf.asFloatBuffer().put((float[]) t.values(), from, len);
        case FLOAT64 -> buf.asDoubleBuffer().put((double[]) t.values(), from, len);
        case INT32 -> buf.asIntBuffer().put((int[]) t.values(), from, len);
        case INT64 -> buf.asLongBuffer().put((long[]) t.values(), from, len);
      }
      out.write(buf.array(), 0, len * t.dtype().bytes());
    }
  }

  /**
   * Reads and verifies a checkpoint of the given kind.
   *
   * @throws IllegalArgumentException for a missing, unreadable, foreign, old-format, corrupt or
   *     truncated file, or one of another kind; the message names the file and what is wrong
   */
  public static Checkpoint read(Path file, String expectedKind) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no checkpoint at " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage());
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(
          "checkpoint " + file + " is too large to read (" + e.getMessage() + ")");
    }
    String where = "checkpoint " + file;
    if (bytes.length >= LEGACY_VAE_MAGIC.length
        && Arrays.equals(Arrays.copyOf(bytes, LEGACY_VAE_MAGIC.length), LEGACY_VAE_MAGIC)) {
      int version = bytes.length >= 12 ? ByteBuffer.wrap(bytes, 8, 4).getInt() : -1;
      throw new IllegalArgumentException(
          where
              + " has the wave-1 VAE format VARLVAE1 version "
              + version
              + "; this varl reads format VARLCKPT version "
              + VERSION
              + ": train the model again");
    }
    if (bytes.length < MAGIC.length + 12
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException(where + " is not a varl checkpoint (bad magic number)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          where + " has format version " + version + ", this varl reads " + VERSION);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    if (buf.getLong(bytes.length - 8) != crc.getValue()) {
      throw new IllegalArgumentException(where + " is corrupt or truncated (checksum mismatch)");
    }
    try {
      String kind = readString(buf, where);
      if (expectedKind != null && !expectedKind.equals(kind)) {
        throw new IllegalArgumentException(
            where + " holds a " + kind + " checkpoint, expected " + expectedKind);
      }
      String config = readString(buf, where);
      Builder b = builder(kind).setConfig(config);
      int counters = buf.getInt();
      requireCount(counters, buf, where, "counter");
      for (int i = 0; i < counters; i++) {
        b.putCounter(readString(buf, where), buf.getLong());
      }
      int tensors = buf.getInt();
      requireCount(tensors, buf, where, "tensor");
      for (int i = 0; i < tensors; i++) {
        String name = readString(buf, where);
        int code = buf.get();
        if (code < 0 || code >= DType.values().length) {
          throw new IllegalArgumentException(
              where + " is corrupt: dtype " + code + " of tensor " + name);
        }
        DType dtype = DType.values()[code];
        int rank = buf.getInt();
        if (rank < 0 || rank > 16) {
          throw new IllegalArgumentException(
              where + " is corrupt: rank " + rank + " of tensor " + name);
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = buf.getLong();
          if (shape[d] < 0 || (shape[d] > 0 && size > Long.MAX_VALUE / shape[d])) {
            throw new IllegalArgumentException(
                where
                    + " is corrupt: tensor "
                    + name
                    + " has shape "
                    + Arrays.toString(Arrays.copyOf(shape, d + 1)));
          }
          size *= shape[d];
        }
        if (size > (buf.remaining() - 8L) / dtype.bytes()) {
          throw new IllegalArgumentException(
              where
                  + " is corrupt: tensor "
                  + name
                  + " of shape "
                  + Arrays.toString(shape)
                  + " exceeds the file");
        }
        b.put(name, new Tensor(dtype, shape, readValues(buf, dtype, (int) size)));
      }
      if (buf.remaining() != 8) {
        throw new IllegalArgumentException(
            where + " is corrupt: " + (buf.remaining() - 8) + " trailing bytes");
      }
      return b.build();
    } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException(where + " is corrupt or truncated");
    }
  }

  private static void requireCount(int n, ByteBuffer buf, String where, String what) {
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException(where + " is corrupt: " + what + " count " + n);
    }
  }

  private static String readString(ByteBuffer buf, String where) {
    int length = buf.getInt();
    if (length < 0 || length > buf.remaining()) {
      throw new IllegalArgumentException(where + " is corrupt: string length " + length);
    }
    byte[] b = new byte[length];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static Object readValues(ByteBuffer buf, DType dtype, int n) {
    Object values;
    switch (dtype) {
      case FLOAT32 -> {
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        values = v;
      }
      case FLOAT64 -> {
        double[] v = new double[n];
        buf.asDoubleBuffer().get(v);
        values = v;
      }
      case INT32 -> {
        int[] v = new int[n];
        buf.asIntBuffer().get(v);
        values = v;
      }
      default -> {
        long[] v = new long[n];
        buf.asLongBuffer().get(v);
        values = v;
      }
    }
    buf.position(buf.position() + n * dtype.bytes());
    return values;
  }

  /** Collects the parts of a {@link Checkpoint}; names are unique. */
  public static final class Builder {
    private final String kind;
    private String config = "{}";
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private Builder(String kind) {
      if (kind == null || kind.isBlank()) {
        throw new IllegalArgumentException("checkpoint kind must be given");
      }
      this.kind = kind;
    }

    /** The run's config as JSON. */
    public Builder setConfig(String json) {
      this.config = json == null ? "{}" : json;
      return this;
    }

    /** A named counter. */
    public Builder putCounter(String name, long value) {
      if (counters.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("checkpoint counter " + name + " given twice");
      }
      return this;
    }

    /** A named tensor. */
    public Builder put(String name, Tensor tensor) {
      if (tensors.putIfAbsent(name, tensor) != null) {
        throw new IllegalArgumentException("checkpoint tensor " + name + " given twice");
      }
      return this;
    }

    /** float32 values (kept, not copied: do not change them before {@link #build()} is written). */
    public Builder putFloats(String name, long[] shape, float[] values) {
      return put(name, new Tensor(DType.FLOAT32, shape, values));
    }

    /** float64 values. */
    public Builder putDoubles(String name, long[] shape, double[] values) {
      return put(name, new Tensor(DType.FLOAT64, shape, values));
    }

    /** int32 values. */
    public Builder putInts(String name, long[] shape, int[] values) {
      return put(name, new Tensor(DType.INT32, shape, values));
    }

    /** int64 values. */
    public Builder putLongs(String name, long[] shape, long[] values) {
      return put(name, new Tensor(DType.INT64, shape, values));
    }

    /** Copies float32 parameters out of the engine as {@code <prefix><names[i]>}. */
    public Builder putParameters(String prefix, List<String> names, List<NDArray> arrays) {
      if (names.size() != arrays.size()) {
        throw new IllegalArgumentException(
            names.size() + " names for " + arrays.size() + " arrays");
      }
      for (int i = 0; i < names.size(); i++) {
        NDArray a = arrays.get(i);
        putFloats(prefix + names.get(i), a.getShape().getShape(), a.toFloatArray());
      }
      return this;
    }

    /**
     * An Adam state as {@code <prefix>m/<i>}, {@code <prefix>v/<i>} and the counter {@code
     * <prefix>step}.
     */
    public Builder putAdam(String prefix, AdamState state) {
      putCounter(prefix + "step", state.step());
      for (int i = 0; i < state.means().length; i++) {
        long[] shape = {state.means()[i].length};
        putFloats(prefix + "m/" + i, shape, state.means()[i]);
        putFloats(prefix + "v/" + i, shape, state.variances()[i]);
      }
      return this;
    }

    /** The checkpoint. */
    public Checkpoint build() {
      return new Checkpoint(kind, config, counters, tensors);
    }
  }
}

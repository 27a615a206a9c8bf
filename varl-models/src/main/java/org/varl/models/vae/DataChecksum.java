package org.varl.models.vae;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.varl.core.data.DataSources;

/**
 * The SHA-256 of the files a run's data spec reads, recorded in the run config at training so that
 * {@code eval}, {@code sample} and {@code --resume} can tell when the data changed afterwards (an
 * edited CSV would otherwise be used silently).
 *
 * <p>What is hashed: for {@code csv:PATH} the file's bytes; for {@code mnist} and {@code
 * fashion-mnist} the four IDX files in the loader's lookup order ({@code NAME.gz}, {@code NAME},
 * the dotted variants), each as its file name, a NUL byte, its length and its bytes, so that a
 * renamed or swapped file counts as a change; nothing for {@code shapes}, which is generated from
 * the seed. The value is {@code "sha256:"} followed by 64 hex digits.
 */
public final class DataChecksum {

  private static final String PREFIX = "sha256:";

  private DataChecksum() {}

  /**
   * The checksum of the data {@code spec} (with {@code dataDir}, may be null) reads, or null for
   * generated data (shapes) and for specs that name no files.
   *
   * @throws IllegalArgumentException if a file cannot be read (the message names it)
   */
  public static String of(String spec, String dataDir) {
    List<Path> files = files(spec, dataDir);
    if (files == null) {
      return null;
    }
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        if (files.size() > 1) {
          sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
          sha.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.US_ASCII));
        }
        for (int r; (r = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, r);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read " + f + " to checksum the data: " + e.getMessage(), e);
      }
    }
    return PREFIX + HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Whether the data of {@code config} changed since training: empty when the run recorded no
   * checksum (generated data, or a run older than the field) or the files still match; otherwise
   * one line saying what changed, for the caller to show (the library does not print).
   */
  public static Optional<String> change(RunConfig config) {
    String recorded = config.dataChecksum();
    if (recorded == null) {
      return Optional.empty();
    }
    String now;
    try {
      now = of(config.data(), config.dataDir());
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "data "
              + config.data()
              + " cannot be checked against the training run: "
              + e.getMessage());
    }
    if (recorded.equals(now)) {
      return Optional.empty();
    }
    return Optional.of(
        "data "
            + config.data()
            + " changed since the run was trained (checksum "
            + shortForm(recorded)
            + " at training, "
            + shortForm(now)
            + " now); the current files are used");
  }

  private static String shortForm(String checksum) {
    return checksum == null ? "none" : checksum.substring(0, Math.min(checksum.length(), 19));
  }

  /** The files behind {@code spec}, in hashing order; null when it names none. */
  private static List<Path> files(String spec, String dataDir) {
    String s = spec == null ? "" : spec.strip();
    if (s.startsWith("csv:")) {
      return List.of(Path.of(s.substring(4)));
    }
    if (s.startsWith("replay:")) {
      Path dir = Path.of(s.substring(7).strip());
      return List.of(
          dir.resolve(org.varl.core.data.ReplayFrames.FRAMES),
          dir.resolve(org.varl.core.data.ReplayFrames.STATES));
    }
    if (!s.equals("mnist") && !s.equals("fashion-mnist")) {
      return null;
    }
    if (dataDir == null && s.equals("mnist")) {
      return null; // the loader refuses mnist without --data-dir: there is nothing to record
    }
    Path dir = Path.of(dataDir != null ? dataDir : DataSources.FASHION_MNIST_DIR);
    try {
      return DataSources.idxFiles(dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot checksum the data: " + e.getMessage());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

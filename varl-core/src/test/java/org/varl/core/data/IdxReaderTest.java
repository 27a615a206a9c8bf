package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void imagesRoundTripRawAndGzipped(boolean gzip) {
    byte[] pixels = IdxFixtures.pattern(3 * 4 * 5);
    byte[] raw = IdxFixtures.images(IdxReader.IMAGES_MAGIC, 3, 4, 5, pixels);
    Path file = IdxFixtures.write(dir.resolve("img"), gzip ? IdxFixtures.gzip(raw) : raw);

    IdxReader.Images images = IdxReader.readImages(file);

    assertThat(images.count()).isEqualTo(3);
    assertThat(images.rows()).isEqualTo(4);
    assertThat(images.cols()).isEqualTo(5);
    assertThat(images.pixels()).hasSize(60);
    for (int k = 0; k < 60; k++) {
      assertThat(images.pixels()[k]).isEqualTo((pixels[k] & 0xFF) / 255f);
    }
  }

  @Test
  void pixelBytesMapOntoZeroToOneInclusive() {
    byte[] pixels = {0, (byte) 255, (byte) 128, 1};
    Path file =
        IdxFixtures.write(
            dir.resolve("img"), IdxFixtures.images(IdxReader.IMAGES_MAGIC, 1, 2, 2, pixels));

    assertThat(IdxReader.readImages(file).pixels()).containsExactly(0f, 1f, 128f / 255f, 1f / 255f);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void labelsRoundTripRawAndGzipped(boolean gzip) {
    byte[] labels = {0, 9, 3, (byte) 200};
    byte[] raw = IdxFixtures.labels(IdxReader.LABELS_MAGIC, 4, labels);
    Path file = IdxFixtures.write(dir.resolve("lab"), gzip ? IdxFixtures.gzip(raw) : raw);

    assertThat(IdxReader.readLabels(file)).containsExactly(0, 9, 3, 200);
  }

  @Test
  void gzipIsDetectedByMagicBytesNotByName() {
    byte[] raw = IdxFixtures.labels(IdxReader.LABELS_MAGIC, 2, new byte[] {1, 2});
    Path gzNamedRaw = IdxFixtures.write(dir.resolve("a.gz"), raw);
    Path rawNamedGz = IdxFixtures.write(dir.resolve("b"), IdxFixtures.gzip(raw));

    assertThat(IdxReader.readLabels(gzNamedRaw)).containsExactly(1, 2);
    assertThat(IdxReader.readLabels(rawNamedGz)).containsExactly(1, 2);
  }

  @Test
  void badImageMagicNamesFileFieldAndValue() {
    Path file =
        IdxFixtures.write(
            dir.resolve("t10k-images-idx3-ubyte.gz"),
            IdxFixtures.gzip(IdxFixtures.images(0, 1, 2, 2, new byte[4])));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t10k-images-idx3-ubyte.gz: magic number 0x00000000, expected 0x00000803");
  }

  @Test
  void labelFileGivenAsImagesIsABadMagic() {
    Path file =
        IdxFixtures.write(
            dir.resolve("labels"), IdxFixtures.labels(IdxReader.LABELS_MAGIC, 16, new byte[16]));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .hasMessage("labels: magic number 0x00000801, expected 0x00000803");
    Path images =
        IdxFixtures.write(
            dir.resolve("images"),
            IdxFixtures.images(IdxReader.IMAGES_MAGIC, 1, 1, 1, new byte[1]));
    assertThatThrownBy(() -> IdxReader.readLabels(images))
        .hasMessage("images: magic number 0x00000803, expected 0x00000801");
  }

  @Test
  void truncatedPixelsAreReportedWithCountsAndBytes() {
    byte[] full = IdxFixtures.images(IdxReader.IMAGES_MAGIC, 3, 4, 5, new byte[60]);
    Path file =
        IdxFixtures.write(
            dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 7));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "train-images-idx3-ubyte: 3 images of 4x5 need 60 pixel bytes, found 53 (truncated)");
  }

  @Test
  void trailingBytesMeanTheCountsDoNotMatch() {
    Path file =
        IdxFixtures.write(
            dir.resolve("img"), IdxFixtures.images(IdxReader.IMAGES_MAGIC, 2, 2, 2, new byte[9]));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .hasMessage("img: 2 images of 2x2 need 8 pixel bytes, found 9");
  }

  @Test
  void headerCountsThatDoNotMatchTheBytesAreReported() {
    // The header claims 60000 images but only one image's bytes follow.
    Path file =
        IdxFixtures.write(
            dir.resolve("img"),
            IdxFixtures.images(IdxReader.IMAGES_MAGIC, 60000, 28, 28, new byte[784]));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .hasMessage("img: 60000 images of 28x28 need 47040000 pixel bytes, found 784 (truncated)");
  }

  @Test
  void negativeAndZeroDimensionsAreReported() {
    Path negative =
        IdxFixtures.write(
            dir.resolve("neg"), IdxFixtures.images(IdxReader.IMAGES_MAGIC, -1, 2, 2, new byte[0]));
    Path zeroRows =
        IdxFixtures.write(
            dir.resolve("zero"), IdxFixtures.images(IdxReader.IMAGES_MAGIC, 1, 0, 2, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(negative))
        .hasMessage("neg: image count -1, expected >= 0");
    assertThatThrownBy(() -> IdxReader.readImages(zeroRows))
        .hasMessage("zero: rows 0, expected >= 1");
  }

  @Test
  void truncatedLabelsAreReported() {
    Path file =
        IdxFixtures.write(
            dir.resolve("lab"), IdxFixtures.labels(IdxReader.LABELS_MAGIC, 10, new byte[4]));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .hasMessage("lab: label count 10 needs 10 label bytes, found 4 (truncated)");
  }

  @Test
  void fileShorterThanTheHeaderIsReported() {
    Path file = IdxFixtures.write(dir.resolve("short"), new byte[] {0, 0, 8, 3, 0, 0});

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .hasMessage("short: file length 6 bytes is shorter than the 16-byte IDX image header");
    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .hasMessage("short: file length 6 bytes is shorter than the 8-byte IDX label header");
  }

  @Test
  void truncatedGzipStreamIsReported() {
    byte[] gz =
        IdxFixtures.gzip(
            IdxFixtures.images(IdxReader.IMAGES_MAGIC, 2, 8, 8, IdxFixtures.pattern(128)));
    Path file = IdxFixtures.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cut.gz: corrupt gzip stream (")
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingFileIsAnIllegalArgument() {
    assertThatThrownBy(() -> IdxReader.readImages(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("nope: no such file");
  }
}

package org.varl.experiments.vi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataSources;

/**
 * Which data the image problem gets: auto's choice, its note, the rows taken, and one-line errors.
 */
class ImageDataTest {

  private static final EstimatorsConfig BASE = EstimatorsConfig.defaults();

  @TempDir Path dir;

  @Test
  void autoFallsBackToShapesWithANoteWhenFashionMnistIsMissing() {
    ImageData data = ImageData.load(BASE, dir.resolve("nowhere"));
    assertThat(data.spec()).isEqualTo("shapes");
    assertThat(data.problem()).isEqualTo("shapes");
    assertThat(data.note())
        .doesNotContain("\n")
        .contains("Fashion-MNIST is not installed")
        .contains("apt-get install dataset-fashion-mnist")
        .contains("shapes");
    assertThat(data.images().size()).isEqualTo(ImageData.IMAGES);
    assertThat(data.images().dimension()).isEqualTo(28 * 28);
  }

  @Test
  void autoSeesTheFourFilesGzippedOrRaw() throws IOException {
    assertThat(ImageData.installed(dir)).isFalse();
    for (String f :
        new String[] {
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte.gz"
        }) {
      Files.createFile(dir.resolve(f));
    }
    assertThat(ImageData.installed(dir)).isTrue();
    Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
    assertThat(ImageData.installed(dir)).isFalse();
  }

  @Test
  void explicitShapesHasNoNote() {
    ImageData data = ImageData.load(BASE.withImageData("shapes", null), dir);
    assertThat(data.note()).isNull();
    assertThat(data.problem()).isEqualTo("shapes");
  }

  @Test
  void csvIsNamedCsvAndKeepsItsRowCountWhenSmall() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      rows.append(i % 2).append(',').append(i % 3).append(',').append(i % 5).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("points.csv"), rows);
    ImageData data = ImageData.load(BASE.withImageData("csv:" + csv, null), dir);
    assertThat(data.problem()).isEqualTo("csv");
    assertThat(data.spec()).isEqualTo("csv:" + csv);
    assertThat(data.images().size()).isEqualTo(50); // 60 rows, 1/6 held out as the test set
    assertThat(data.images().dimension()).isEqualTo(3);
  }

  @Test
  void tooFewRowsAndMissingDataAreOneLineErrors() throws IOException {
    Path csv = Files.writeString(dir.resolve("tiny.csv"), "0,1\n1,0\n0,0\n1,1\n0,1\n1,0\n");
    assertThatThrownBy(() -> ImageData.load(BASE.withImageData("csv:" + csv, null), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image data csv:" + csv + " has 5 training rows, the minibatch needs 32");
    assertThatThrownBy(() -> ImageData.load(BASE.withImageData("mnist", null), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--data mnist needs --data-dir DIR");
  }

  @Test
  void fashionMnistWhenInstalled() {
    assumeTrue(
        ImageData.installed(Path.of(DataSources.FASHION_MNIST_DIR)), "Fashion-MNIST not installed");
    ImageData data = ImageData.load(BASE);
    assertThat(data.spec()).isEqualTo("fashion-mnist");
    assertThat(data.note()).isNull();
    assertThat(data.images().size()).isEqualTo(ImageData.IMAGES);
    assertThat(data.images().dimension()).isEqualTo(784);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : data.images().features()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isEqualTo(0f);
    assertThat(max).isEqualTo(1f);
  }
}

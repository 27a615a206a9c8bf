package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataSourcesTest {

  @TempDir Path dir;

  private DataOptions withDir() {
    return DataOptions.defaults().withDataDir(dir);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void mnistReadsTheFourFilesFromTheDataDir(boolean gzip) {
    IdxFixtures.mnistDir(dir, 12, 5, 3, 4, gzip);

    TrainTestSplit split = DataSources.load("mnist", withDir());

    assertThat(split.train().size()).isEqualTo(12);
    assertThat(split.test().size()).isEqualTo(5);
    assertThat(split.train().dimension()).isEqualTo(12);
    assertThat(split.train().imageShape()).containsExactly(3, 4);
    assertThat(split.train().name()).isEqualTo("mnist");
    assertThat(split.train().labels())
        .get()
        .isEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1});
    byte[] pattern = IdxFixtures.pattern(12 * 12);
    assertThat(split.train().row(11)[5]).isEqualTo((pattern[11 * 12 + 5] & 0xFF) / 255f);
  }

  @Test
  void fashionMnistHonoursAnExplicitDataDir() {
    IdxFixtures.mnistDir(dir, 4, 2, 2, 2, true);

    TrainTestSplit split = DataSources.load("fashion-mnist", withDir());

    assertThat(split.train().size()).isEqualTo(4);
    assertThat(split.train().name()).isEqualTo("fashion-mnist");
  }

  @Test
  void dottedFileNamesOfSomeMirrorsAreAccepted() throws Exception {
    IdxFixtures.mnistDir(dir, 3, 2, 2, 2, false);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.move(p, p.resolveSibling(p.getFileName().toString().replace("-idx", ".idx")));
      }
    }

    assertThat(DataSources.load("mnist", withDir()).test().size()).isEqualTo(2);
  }

  @Test
  void mnistWithoutDataDirSaysWhichFilesAreNeeded() {
    assertThatThrownBy(() -> DataSources.load("mnist", DataOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--data mnist needs --data-dir DIR holding the four MNIST files train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz"
                + " (raw or gzipped)");
  }

  @Test
  void mnistWithAMissingFileNamesItAndTheDirectory() throws Exception {
    IdxFixtures.mnistDir(dir, 3, 2, 2, 2, true);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

    assertThatThrownBy(() -> DataSources.load("mnist", withDir()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "MNIST not found: " + dir.resolve("t10k-labels-idx1-ubyte") + "(.gz) is missing;")
        .hasMessageContaining("in " + dir)
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingDataDirIsReported() {
    Path nowhere = dir.resolve("nowhere");
    assertThatThrownBy(() -> DataSources.load("mnist", DataOptions.defaults().withDataDir(nowhere)))
        .hasMessageStartingWith("MNIST data directory " + nowhere + " does not exist;");
  }

  @Test
  void fashionMnistMissingFromADataDirPointsAtTheDebianPackage() {
    assertThatThrownBy(() -> DataSources.load("fashion-mnist", withDir()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Fashion-MNIST not found: " + dir.resolve("train-images-idx3-ubyte"))
        .hasMessageContaining("dataset-fashion-mnist");
  }

  @Test
  void fashionMnistMissingFromTheSystemSaysWhichPackageToInstall() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        MnistFiles.firstMissing(Path.of(DataSources.FASHION_MNIST_DIR)) == null,
        "Fashion-MNIST is installed here; the missing-package message is checked only where it is not");
    assertThatThrownBy(() -> DataSources.load("fashion-mnist", DataOptions.defaults()))
        .hasMessageStartingWith("Fashion-MNIST not found: ")
        .hasMessageContaining("install it with `apt-get install dataset-fashion-mnist`");
  }

  @Test
  void labelCountDifferentFromImageCountIsReported() {
    IdxFixtures.mnistDir(dir, 3, 2, 2, 2, false);
    IdxFixtures.write(
        dir.resolve("t10k-labels-idx1-ubyte"),
        IdxFixtures.labels(IdxReader.LABELS_MAGIC, 3, new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> DataSources.load("mnist", withDir()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "t10k-labels-idx1-ubyte: label count 3 does not match image count 2"
                + " of t10k-images-idx3-ubyte");
  }

  @Test
  void labelOutsideTheTenClassesIsReported() {
    IdxFixtures.mnistDir(dir, 3, 2, 2, 2, false);
    IdxFixtures.write(
        dir.resolve("train-labels-idx1-ubyte"),
        IdxFixtures.labels(IdxReader.LABELS_MAGIC, 3, new byte[] {1, 12, 3}));

    assertThatThrownBy(() -> DataSources.load("mnist", withDir()))
        .hasMessage("train-labels-idx1-ubyte: label 12 at index 1, expected 0..9");
  }

  @Test
  void corruptFileInTheDirectoryIsReportedByName() {
    IdxFixtures.mnistDir(dir, 3, 2, 2, 2, true);
    IdxFixtures.write(
        dir.resolve("t10k-images-idx3-ubyte.gz"),
        IdxFixtures.gzip(IdxFixtures.images(0, 2, 2, 2, new byte[8])));

    assertThatThrownBy(() -> DataSources.load("mnist", withDir()))
        .hasMessage("t10k-images-idx3-ubyte.gz: magic number 0x00000000, expected 0x00000803");
  }

  @Test
  void unknownSpecListsTheKnownOnes() {
    assertThatThrownBy(() -> DataSources.load("cifar", DataOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown --data \"cifar\": expected fashion-mnist, mnist, shapes, csv:PATH or replay:DIR");
    assertThatThrownBy(() -> DataSources.load("csv:", DataOptions.defaults()))
        .hasMessage("--data csv:PATH needs a file path after \"csv:\"");
  }

  @Test
  void shapesAreSplitIntoDisjointTrainAndTestOfTheDefaultSizes() {
    TrainTestSplit split = DataSources.load("shapes", DataOptions.defaults().withSeed(3));

    assertThat(split.train().size()).isEqualTo(10000);
    assertThat(split.test().size()).isEqualTo(2000);
    assertThat(split.train().imageShape()).containsExactly(28, 28);
    // The factor rows identify sprites: the two parts share none and together they are the
    // generated set.
    Set<String> train = new HashSet<>();
    for (double[] f : split.train().factors().orElseThrow()) {
      train.add(Arrays.toString(f));
    }
    Set<String> all = new HashSet<>();
    for (double[] f : Shapes.generate(12000, 3).factors().orElseThrow()) {
      all.add(Arrays.toString(f));
    }
    int shared = 0;
    for (double[] f : split.test().factors().orElseThrow()) {
      shared += train.contains(Arrays.toString(f)) ? 1 : 0;
      assertThat(all).contains(Arrays.toString(f));
    }
    assertThat(shared).isZero();
    assertThat(all).containsAll(train);
  }

  @Test
  void shapesSplitIsDeterministicBySeedAndDiffersAcrossSeeds() {
    DataOptions small = DataOptions.defaults().withShapesCount(600);
    TrainTestSplit a = DataSources.load("shapes", small.withSeed(11));
    TrainTestSplit b = DataSources.load("shapes", small.withSeed(11));
    TrainTestSplit c = DataSources.load("shapes", small.withSeed(12));

    assertThat(a.test().features()).isEqualTo(b.test().features());
    assertThat(a.test().factors().orElseThrow()).isDeepEqualTo(b.test().factors().orElseThrow());
    assertThat(a.test().features()).isNotEqualTo(c.test().features());
    assertThat(a.test().size()).isEqualTo(100);
  }

  @Test
  void optionsValidateAtConstruction() {
    DataOptions d = DataOptions.defaults();
    assertThatThrownBy(() -> d.withTestFraction(1.0))
        .hasMessage("testFraction must be in (0, 1), found 1.0");
    assertThatThrownBy(() -> d.withShapesCount(1))
        .hasMessage("shapesCount must be in [2, 2000000], found 1");
    // 3M sprites of 784 pixels would overflow one Java array: refused up front, not a
    // NegativeArraySizeException.
    assertThatThrownBy(() -> d.withShapesCount(3_000_000))
        .hasMessage("shapesCount must be in [2, 2000000], found 3000000");
    assertThatThrownBy(() -> d.withCsvLabel(-2))
        .hasMessage("csvLabelColumn must be >= 0, or -1 for the last column, found -2");
    assertThat(d.shapesCount()).isEqualTo(12000);
    assertThat(d.testFraction()).isEqualTo(1.0 / 6.0);
  }

  @Test
  void tooSmallForASplitIsReported() {
    assertThatThrownBy(
            () ->
                DataSources.load(
                    "shapes", DataOptions.defaults().withShapesCount(2).withTestFraction(0.1)))
        .hasMessage(
            "data set shapes has 2 rows: test fraction 0.1 leaves 0 test and 2 training rows,"
                + " need at least 1 of each");
  }
}

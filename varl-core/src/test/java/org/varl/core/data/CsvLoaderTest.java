package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {

  @TempDir Path dir;

  private Path csv(String content) throws IOException {
    return Files.writeString(dir.resolve("data.csv"), content);
  }

  private static DataOptions raw() {
    return DataOptions.defaults().withCsvScaling(CsvScaling.NONE);
  }

  @Test
  void readsNumericRowsSkippingHeaderBlankAndCommentLines() throws IOException {
    Path file = csv("a,b,c\n# a comment\n1,2,3\n\n 4 , \"5\" ,6.5e0\n-1,0,1e-3\n");

    ArrayDataset data = CsvLoader.read(file, "csv:data.csv", raw());

    assertThat(data.size()).isEqualTo(3);
    assertThat(data.dimension()).isEqualTo(3);
    assertThat(data.features()).containsExactly(1, 2, 3, 4, 5, 6.5f, -1, 0, 1e-3f);
    assertThat(data.labels()).isEmpty();
    assertThat(data.imageShape()).isEmpty();
    assertThat(data.name()).isEqualTo("csv:data.csv");
  }

  @Test
  void numericFirstLineIsDataUnderAutoAndHeaderUnderPresent() throws IOException {
    Path file = csv("1,2\n3,4\n");

    assertThat(CsvLoader.read(file, "x", raw()).size()).isEqualTo(2);
    assertThat(CsvLoader.read(file, "x", raw().withCsvHeader(CsvHeader.PRESENT)).features())
        .containsExactly(3, 4);
  }

  @Test
  void headerDeclaredAbsentMakesANonNumericFirstLineAnError() throws IOException {
    Path file = csv("x,y\n3,4\n");

    assertThatThrownBy(() -> CsvLoader.read(file, "x", raw().withCsvHeader(CsvHeader.ABSENT)))
        .hasMessage("data.csv: line 1, column 1: not a number: \"x\"");
  }

  @Test
  void labelColumnIsTheLastByDefaultOrANamedIndex() throws IOException {
    Path file = csv("f1,f2,label\n0.5,1,2\n0.25,3,0\n");

    ArrayDataset last = CsvLoader.read(file, "x", raw().withCsvLabel(-1));
    assertThat(last.dimension()).isEqualTo(2);
    assertThat(last.features()).containsExactly(0.5f, 1, 0.25f, 3);
    assertThat(last.labels()).get().isEqualTo(new int[] {2, 0});

    ArrayDataset first = CsvLoader.read(csv("3,0.5,1\n7,0.25,3\n"), "x", raw().withCsvLabel(0));
    assertThat(first.features()).containsExactly(0.5f, 1, 0.25f, 3);
    assertThat(first.labels()).get().isEqualTo(new int[] {3, 7});
  }

  @Test
  void raggedRowIsReportedWithLineAndCounts() throws IOException {
    Path file = csv("a,b,c,d,e\n" + "1,2,3,4,5\n".repeat(7) + "1,2,3,4\n");

    assertThatThrownBy(() -> CsvLoader.read(file, "x", raw()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data.csv: line 9 has 4 columns, expected 5");
  }

  @Test
  void nonNumericCellIsReportedWithLineColumnAndValue() throws IOException {
    Path file = csv("a,b,c\n" + "1,2,3\n".repeat(15) + "1,2,abc\n");

    assertThatThrownBy(() -> CsvLoader.read(file, "x", raw()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data.csv: line 17, column 3: not a number: \"abc\"");
  }

  @Test
  void emptyAndNonFiniteCellsAreRejected() throws IOException {
    assertThatThrownBy(() -> CsvLoader.read(csv("1,2\n3,\n"), "x", raw()))
        .hasMessage("data.csv: line 2, column 2: not a number: \"\"");
    assertThatThrownBy(() -> CsvLoader.read(csv("1,2\nNaN,4\n"), "x", raw()))
        .hasMessage("data.csv: line 2, column 1: not a finite float: \"NaN\"");
    assertThatThrownBy(() -> CsvLoader.read(csv("1,2\n1e300,4\n"), "x", raw()))
        .hasMessage("data.csv: line 2, column 1: not a finite float: \"1e300\"");
  }

  @Test
  void javaOnlyNumberSyntaxIsRejected() throws IOException {
    // Double.parseDouble accepts all of these; a data file means none of them.
    for (String cell : new String[] {"1f", "2d", "0x1p3", "1_000", "\u0663"}) {
      assertThatThrownBy(() -> CsvLoader.read(csv("1,2\n" + cell + ",4\n"), "x", raw()))
          .as(cell)
          .hasMessage("data.csv: line 2, column 1: not a number: \"" + cell + "\"");
    }
    assertThat(CsvLoader.read(csv("1,2\n-.5,+3e-2\n"), "x", raw()).features())
        .containsExactly(1, 2, -0.5f, 0.03f);
  }

  @Test
  void badLabelsAreRejected() throws IOException {
    assertThatThrownBy(() -> CsvLoader.read(csv("1,2\n3,2.5\n"), "x", raw().withCsvLabel(-1)))
        .hasMessage(
            "data.csv: line 2, column 2: label must be a non-negative integer, found \"2.5\"");
    assertThatThrownBy(() -> CsvLoader.read(csv("1,-1\n"), "x", raw().withCsvLabel(-1)))
        .hasMessage(
            "data.csv: line 1, column 2: label must be a non-negative integer, found \"-1\"");
    assertThatThrownBy(() -> CsvLoader.read(csv("1,2\n"), "x", raw().withCsvLabel(5)))
        .hasMessage("data.csv: label column 5 (0-based) is outside the 2 columns of line 1");
    assertThatThrownBy(() -> CsvLoader.read(csv("1\n2\n"), "x", raw().withCsvLabel(-1)))
        .hasMessage("data.csv: line 1 has 1 column, need a label column and at least one feature");
  }

  @Test
  void emptyAndMissingFilesAreReported() throws IOException {
    assertThatThrownBy(() -> CsvLoader.read(csv("a,b\n# nothing\n"), "x", raw()))
        .hasMessage("data.csv: no data rows");
    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(() -> DataSources.load("csv:" + missing, raw()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CSV file " + missing + " does not exist or is not a regular file");
  }

  /** 60 rows: column 0 = i, column 1 = 10 - 2 i, column 2 constant 7, label i mod 3. */
  private Path sixtyRows() throws IOException {
    StringBuilder b = new StringBuilder("x,y,const,label\n");
    for (int i = 0; i < 60; i++) {
      b.append(i).append(',').append(10 - 2 * i).append(",7,").append(i % 3).append('\n');
    }
    return csv(b.toString());
  }

  @Test
  void unitRangeUsesTrainingMinMaxAndClipsTheTestSplit() throws IOException {
    Path file = sixtyRows();
    DataOptions options = DataOptions.defaults().withCsvLabel(-1).withSeed(5);

    TrainTestSplit split = DataSources.load("csv:" + file, options);
    TrainTestSplit unscaled =
        DataSources.load("csv:" + file, options.withCsvScaling(CsvScaling.NONE));

    assertThat(split.train().size()).isEqualTo(50);
    assertThat(split.test().size()).isEqualTo(10);
    float[] tr = unscaled.train().features();
    float min0 = Float.MAX_VALUE;
    float max0 = -Float.MAX_VALUE;
    for (int i = 0; i < 50; i++) {
      min0 = Math.min(min0, tr[i * 3]);
      max0 = Math.max(max0, tr[i * 3]);
    }
    float[] scaled = split.train().features();
    for (int i = 0; i < 50; i++) {
      assertThat(scaled[i * 3]).isCloseTo((tr[i * 3] - min0) / (max0 - min0), within(1e-6f));
      assertThat(scaled[i * 3 + 2]).isZero(); // constant column maps to 0, not NaN
    }
    float[] test = split.test().features();
    float[] testRaw = unscaled.test().features();
    for (int i = 0; i < 10; i++) {
      float expected = Math.min(1f, Math.max(0f, (testRaw[i * 3] - min0) / (max0 - min0)));
      assertThat(test[i * 3]).isCloseTo(expected, within(1e-6f));
    }
    for (float v : test) {
      assertThat(v).isBetween(0f, 1f);
    }
    // Labels follow their rows through split and scaling.
    for (int i = 0; i < 10; i++) {
      assertThat(split.test().label(i)).isEqualTo(((int) testRaw[i * 3]) % 3);
    }
  }

  @Test
  void standardizeGivesTheTrainingSplitZeroMeanAndUnitStd() throws IOException {
    Path file = sixtyRows();
    DataOptions options =
        DataOptions.defaults().withCsvLabel(-1).withSeed(9).withCsvScaling(CsvScaling.STANDARDIZE);

    TrainTestSplit split = DataSources.load("csv:" + file, options);
    TrainTestSplit unscaled =
        DataSources.load("csv:" + file, options.withCsvScaling(CsvScaling.NONE));

    float[] x = split.train().features();
    for (int j = 0; j < 2; j++) {
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < 50; i++) {
        sum += x[i * 3 + j];
        sq += x[i * 3 + j] * x[i * 3 + j];
      }
      assertThat(sum / 50).isCloseTo(0, within(1e-5));
      assertThat(sq / 50).isCloseTo(1, within(1e-5));
    }
    // The test split uses the training statistics: recover them from one training row and check a
    // test row.
    ColumnScaler scaler = ColumnScaler.fit(unscaled.train(), CsvScaling.STANDARDIZE);
    float[] testRow = unscaled.test().row(3);
    assertThat(split.test().row(3)[1])
        .isCloseTo((float) ((testRow[1] - scaler.offset()[1]) / scaler.scale()[1]), within(1e-5f));
    assertThat(scaler.invert(split.test().row(3))[1]).isCloseTo(testRow[1], within(1e-4f));
    assertThat(split.test().row(3)[2]).isZero();
  }

  @Test
  void splitIsSeeded() throws IOException {
    Path file = sixtyRows();
    DataOptions options = raw().withCsvLabel(-1);

    float[] a = DataSources.load("csv:" + file, options.withSeed(1)).test().features();
    float[] b = DataSources.load("csv:" + file, options.withSeed(1)).test().features();
    float[] c = DataSources.load("csv:" + file, options.withSeed(2)).test().features();

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }
}

package org.varl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {

  @Test
  void acceptsAnAbsentPathOrARegularFileOrADirectory(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("old.json"), "{}");
    assertThat(OutputTarget.requireFile("--out", dir.resolve("new/a.json"))).isNotNull();
    assertThat(OutputTarget.requireFile("--out", file, dir.resolve("input.json"))).isEqualTo(file);
    assertThat(OutputTarget.requireDirectory("--out", dir)).isEqualTo(dir);
    assertThat(OutputTarget.requireDirectory("--out", dir.resolve("a/b"))).isNotNull();
  }

  @Test
  void refusesTheEmptyPath() {
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", Path.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--out \"\": the path is empty");
    assertThatThrownBy(() -> OutputTarget.requireDirectory("--out", Path.of("")))
        .hasMessage("--out \"\": the path is empty");
  }

  @Test
  void refusesADeviceAFifoAndASymlink(@TempDir Path dir) throws Exception {
    Path devNull = Path.of("/dev/null");
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", devNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--out /dev/null: is not a regular file (a device, FIFO or socket)");
    assertThatThrownBy(() -> OutputTarget.requireDirectory("--out", devNull))
        .hasMessage("--out /dev/null: is not a directory (a device, FIFO or socket)");
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();

    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", fifo))
        .hasMessageContaining("is not a regular file");

    Path target = Files.writeString(dir.resolve("t.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", link))
        .hasMessageContaining("--out " + link + ": is a symbolic link");
    Path dirLink = Files.createSymbolicLink(dir.resolve("dirlink"), dir);
    assertThatThrownBy(() -> OutputTarget.requireDirectory("--out", dirLink))
        .hasMessageContaining("is a symbolic link");
  }

  @Test
  void refusesAnInputAsOutputComparingRealPaths(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("mdp.json"), "{}");
    Path sameByAnotherName = dir.resolve("sub/../mdp.json");
    Files.createDirectories(dir.resolve("sub"));
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", sameByAnotherName, null, input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is also an input file (" + input + ")");
    Path throughAbsentDirectory = dir.resolve("absent/../mdp.json");
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", throughAbsentDirectory, input))
        .hasMessageContaining("is also an input file");
    assertThat(Files.readString(input)).isEqualTo("{}");
  }

  @Test
  void refusesAFileWhereADirectoryIsNeededAndTheOtherWayRound(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertThatThrownBy(() -> OutputTarget.requireDirectory("--out", file))
        .hasMessage("--out " + file + ": is a regular file, not a directory");
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", dir))
        .hasMessage("--out " + dir + ": is a directory, not a file");
    assertThatThrownBy(() -> OutputTarget.requireFile("--out", file.resolve("x/result.json")))
        .hasMessageContaining("lies below " + file + ", which is not a directory");
  }
}

package org.varl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSetTest {

  @Test
  void committedSetReplacesEveryFile(@TempDir Path dir) throws IOException {
    AtomicFiles.writeString(dir.resolve("a.txt"), "old a");
    try (OutputSet set = OutputSet.open()) {
      AtomicFiles.writeString(dir.resolve("a.txt"), "new a");
      AtomicFiles.writeString(dir.resolve("sub/b.txt"), "new b");
      // nothing visible before the commit
      assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old a");
      assertThat(Files.exists(dir.resolve("sub/b.txt"))).isFalse();
      assertThat(set.targets()).hasSize(2);
      set.commit();
    }
    assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("new a");
    assertThat(Files.readString(dir.resolve("sub/b.txt"))).isEqualTo("new b");
    assertThat(AtomicFiles.pending()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(dir.resolve("a.txt"), dir.resolve("sub"));
    }
  }

  /** A full disk on the third file: the first two stay as they were, no temporary remains. */
  @Test
  void failureHalfWayLeavesThePreviousSetAndNoTemporaries(@TempDir Path dir) throws IOException {
    AtomicFiles.writeString(dir.resolve("a.txt"), "old a");
    AtomicFiles.writeString(dir.resolve("b.txt"), "old b");
    assertThatThrownBy(
            () -> {
              try (OutputSet set = OutputSet.open()) {
                AtomicFiles.writeString(dir.resolve("a.txt"), "new a");
                AtomicFiles.writeString(dir.resolve("b.txt"), "new b");
                AtomicFiles.write(
                    dir.resolve("c.txt"),
                    out -> {
                      out.write(new byte[100]);
                      throw new IOException("No space left on device");
                    });
                set.commit();
              }
            })
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("No space left on device");
    assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old a");
    assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("old b");
    assertThat(AtomicFiles.pending()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(dir.resolve("a.txt"), dir.resolve("b.txt"));
    }
    // the thread has no set left open: a plain write renames at once
    AtomicFiles.writeString(dir.resolve("d.txt"), "d");
    assertThat(Files.readString(dir.resolve("d.txt"))).isEqualTo("d");
  }

  @Test
  void innerSetsHandTheirFilesToTheOuterOne(@TempDir Path dir) throws IOException {
    try (OutputSet outer = OutputSet.open()) {
      try (OutputSet inner = OutputSet.open()) {
        AtomicFiles.writeString(dir.resolve("inner.txt"), "i");
        inner.commit();
      }
      assertThat(Files.exists(dir.resolve("inner.txt"))).isFalse();
      AtomicFiles.writeString(dir.resolve("outer.txt"), "o");
      outer.commit();
    }
    assertThat(Files.readString(dir.resolve("inner.txt"))).isEqualTo("i");
    assertThat(Files.readString(dir.resolve("outer.txt"))).isEqualTo("o");
  }

  @Test
  void anUncommittedOuterSetDiscardsWhatAnInnerOneCommitted(@TempDir Path dir) throws IOException {
    try (OutputSet outer = OutputSet.open()) {
      try (OutputSet inner = OutputSet.open()) {
        AtomicFiles.writeString(dir.resolve("inner.txt"), "i");
        inner.commit();
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(AtomicFiles.pending()).isEmpty();
  }
}

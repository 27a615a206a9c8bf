package org.varl.core.io;

import java.nio.file.Path;

/**
 * A JVM that starts an atomic write of {@code args[0]}, says so on stdout and waits for a signal;
 * {@link AtomicFilesTest} sends it SIGTERM and checks that the temporary file is gone.
 */
final class InterruptedWriteMain {

  private InterruptedWriteMain() {}

  public static void main(String[] args) {
    AtomicFiles.write(
        Path.of(args[0]),
        out -> {
          out.write("partial".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          System.out.println("writing");
          System.out.flush();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}

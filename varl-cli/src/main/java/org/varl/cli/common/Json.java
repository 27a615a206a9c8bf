package org.varl.cli.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import org.varl.core.io.AtomicFiles;

/** JSON output: records, maps and arrays through Jackson, pretty-printed, written atomically. */
public final class Json {

  /**
   * The mapper shared by the CLI; non-finite doubles are written as the strings "NaN"/"Infinity"
   * (Jackson default).
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private Json() {}

  /** Writes {@code value} as JSON to {@code target} (temp file + rename). */
  public static void write(Path target, Object value) {
    AtomicFiles.write(target, out -> MAPPER.writeValue(out, value));
  }
}

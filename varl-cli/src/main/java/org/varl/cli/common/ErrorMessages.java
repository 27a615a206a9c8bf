package org.varl.cli.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one line a command prints for a failure, built from the exception by rules that hold for
 * every command (the root command's handler applies them; a new command needs nothing):
 *
 * <ol>
 *   <li><b>Option names, not Java names.</b> The libraries name their config fields ({@code
 *       dataPoints must be >= 2}, {@code maxIterations: must be >= 1}, {@code csvLabelColumn ...});
 *       when the message starts with the name of one of the command's options followed by {@code :}
 *       or {@code must}, spelled as the option's Java field, as the option in camel case, or as the
 *       option without its dashes, that word becomes the option ({@code --points must be >= 2}). So
 *       a command names the field that holds an option after the config field it feeds, and its
 *       messages follow.
 *   <li><b>Readable numbers.</b> A decimal with more than six significant digits after the point
 *       ({@code 0.16666666666666666}) is printed by {@link Numbers#format} ({@code 0.166667}).
 *   <li><b>I/O reasons.</b> Java's exceptions often carry only a path or a code as their message
 *       ({@code AccessDeniedException: noread.json}, {@code MalformedInputException: Input length =
 *       1}); that text is replaced by the reason: {@code permission denied}, {@code no such file},
 *       {@code not valid UTF-8 (a malformed byte sequence)}.
 *   <li><b>No parser internals.</b> Jackson's {@code [Source: REDACTED ...; line: 1, column: 26]}
 *       becomes {@code line 1, column 26}, and its advice to enable a {@code JsonReadFeature}
 *       becomes what JSON allows.
 *   <li>One line: line breaks and runs of blanks are folded.
 * </ol>
 */
public final class ErrorMessages {

  private static final Pattern LEADING_NAME =
      Pattern.compile("^([A-Za-z][A-Za-z0-9-]*)(?=:| must )");
  private static final Pattern LONG_DECIMAL =
      Pattern.compile("(?<![\\w.])-?[0-9]+\\.[0-9]{7,}(?:[eE][+-]?[0-9]+)?(?![\\w.])");
  private static final Pattern START_MARKER =
      Pattern.compile(
          "\\s*\\(start marker at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");
  private static final Pattern SOURCE =
      Pattern.compile("\\s*at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");
  private static final Pattern SOURCE_ANY = Pattern.compile("\\s*\\[Source: [^\\]]*\\]");
  private static final Pattern ENABLE_FEATURE =
      Pattern.compile(":?\\s*enable `?JsonReadFeature\\.[A-Z_]+`? to allow");

  private ErrorMessages() {}

  /** The one-line message for {@code e} raised by the command of {@code spec}. */
  public static String describe(Throwable e, CommandLine.Model.CommandSpec spec) {
    String message = e.getMessage();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e.getCause();
    if (e instanceof IOException io) {
      message = withReason(message, io);
    } else if (cause instanceof IOException io) {
      message = withReason(message, io);
    }
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    message = message.replaceAll("\\s*\\R\\s*", " ").trim();
    message = jackson(message);
    message = optionNames(message, spec);
    return readableNumbers(message);
  }

  /** The reason an I/O exception stands for, in words. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof MalformedInputException m) {
      return "not valid UTF-8 (a malformed byte sequence of length " + m.getInputLength() + ")";
    }
    if (e instanceof UnmappableCharacterException) {
      return "not valid UTF-8 (an unmappable character)";
    }
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * {@code message} with the exception's bare text (a path, "Input length = 1") replaced by the
   * reason, or the reason appended when the message does not contain it.
   */
  static String withReason(String message, IOException io) {
    String raw = io.getMessage();
    String reason = reason(io);
    if (message == null) {
      return reason;
    }
    boolean hasReason = io instanceof FileSystemException f && f.getReason() != null;
    if (raw != null && !raw.equals(reason) && !hasReason) {
      int at = message.lastIndexOf(raw);
      if (at >= 0) {
        return message.substring(0, at) + reason + message.substring(at + raw.length());
      }
    }
    return message;
  }

  static String jackson(String message) {
    message = START_MARKER.matcher(message).replaceAll(" (opened at line $1, column $2)");
    message = SOURCE.matcher(message).replaceAll(" at line $1, column $2");
    message = SOURCE_ANY.matcher(message).replaceAll("");
    message =
        ENABLE_FEATURE
            .matcher(message)
            .replaceAll(": JSON numbers cannot be NaN or Infinity (write a finite number)");
    return message;
  }

  /** Rule 1: a leading Java field name of one of the command's options becomes the option. */
  static String optionNames(String message, CommandLine.Model.CommandSpec spec) {
    if (spec == null) {
      return message;
    }
    Matcher m = LEADING_NAME.matcher(message);
    if (!m.find()) {
      return message;
    }
    String option = optionsByName(spec).get(m.group(1));
    return option == null ? message : option + message.substring(m.end());
  }

  /** Every name a message may use for one of the command's long options. */
  static Map<String, String> optionsByName(CommandLine.Model.CommandSpec spec) {
    Map<String, String> names = new HashMap<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      String longName = o.longestName();
      if (!longName.startsWith("--") || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String bare = longName.substring(2);
      names.put(bare, longName);
      names.put(camelCase(bare), longName);
      if (o.userObject() instanceof Field f) {
        names.putIfAbsent(f.getName(), longName);
      }
    }
    return names;
  }

  static String camelCase(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }

  /** Rule 2: long decimals in six significant digits. */
  static String readableNumbers(String message) {
    Matcher m = LONG_DECIMAL.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          b, Matcher.quoteReplacement(Numbers.format(Double.parseDouble(m.group()))));
    }
    m.appendTail(b);
    return b.toString();
  }
}

package org.varl.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes an {@link Mdp} in the issue's JSON format:
 *
 * <pre>
 * {"states": S, "actions": A,
 *  "transitions": [[s, a, s2, p], ...],        // repeated (s, a, s2) entries add up
 *  "rewards": [[r(s,0), ..., r(s,A-1)], ...],  // S rows
 *  "initial": [p0(0), ..., p0(S-1)],
 *  "actionPrior": [[p(0|s), ...], ...]}        // optional, S rows
 * </pre>
 *
 * A streaming parser, so large files need no tree in memory. {@code NaN} and {@code Infinity}
 * tokens are accepted by the parser so that validation can name them. Every problem is an {@link
 * IllegalArgumentException} with one line: syntax errors give the line and column, validation
 * errors the field and index (see {@link MdpBuilder}).
 */
public final class MdpJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final String MALFORMED = "malformed JSON";

  private MdpJson() {}

  /** Reads an MDP; {@code normalize} rescales transition rows that do not sum to 1. */
  public static Mdp read(Path file, boolean normalize) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, normalize);
    } catch (IllegalArgumentException e) {
      // A syntax error names the file too: which file is as much a part of "where" as the line.
      if (e.getMessage() != null && e.getMessage().startsWith(MALFORMED)) {
        throw new IllegalArgumentException("mdp: " + file + ": " + e.getMessage(), e);
      }
      throw e;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("mdp: file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("mdp: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Mdp parse(String json, boolean normalize) {
    try {
      return read(new StringReader(json), normalize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Mdp read(Reader reader, boolean normalize) throws IOException {
    MdpBuilder builder = Mdp.builder().optNormalize(normalize);
    Set<String> seen = new HashSet<>();
    try (JsonParser p = FACTORY.createParser(reader)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(p, "mdp: expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!seen.add(name)) {
          throw error(p, name + ": duplicate field");
        }
        p.nextToken();
        switch (name) {
          case "states" -> builder.setStates(readInt(p, "states"));
          case "actions" -> builder.setActions(readInt(p, "actions"));
          case "transitions" -> readTransitions(p, builder);
          case "rewards" -> builder.setRewards(readMatrix(p, "rewards"));
          case "initial" -> builder.setInitial(readVector(p, "initial"));
          case "actionPrior" -> builder.optActionPrior(readMatrix(p, "actionPrior"));
          default ->
              throw error(
                  p,
                  "unknown field \""
                      + name
                      + "\" (expected states, actions, transitions, rewards,"
                      + " initial, actionPrior)");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw error(p, "mdp: expected a field name or '}'");
      }
      if (p.nextToken() != null) {
        throw error(p, "mdp: unexpected content after the closing '}'");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message =
          e.getOriginalMessage() == null
              ? "syntax error"
              : e.getOriginalMessage().split("\\R", 2)[0];
      throw new IllegalArgumentException(
          MALFORMED
              + " at line "
              + (at == null ? -1 : at.getLineNr())
              + ", column "
              + (at == null ? -1 : at.getColumnNr())
              + ": "
              + message);
    }
    if (!seen.contains("transitions")) {
      throw new IllegalArgumentException("transitions: required field is missing");
    }
    return builder.build();
  }

  private static void readTransitions(JsonParser p, MdpBuilder builder) throws IOException {
    expect(p, JsonToken.START_ARRAY, "transitions");
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String name = "transitions[" + i + "]";
      expect(p, JsonToken.START_ARRAY, name);
      int[] ids = new int[3];
      double prob = Double.NaN;
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (n < 3) {
          ids[n] = readInt(p, name + "[" + n + "]");
        } else if (n == 3) {
          prob = readDouble(p, name + "[3]");
        } else {
          throw error(p, name + ": expected [s, a, s2, p], found more than 4 values");
        }
        n++;
      }
      if (n != 4) {
        throw error(p, name + ": expected [s, a, s2, p], found " + n + " values");
      }
      builder.addTransition(ids[0], ids[1], ids[2], prob);
      i++;
    }
  }

  private static double[][] readMatrix(JsonParser p, String field) throws IOException {
    expect(p, JsonToken.START_ARRAY, field);
    List<double[]> rows = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      rows.add(readVector(p, field + "[" + rows.size() + "]"));
    }
    return rows.toArray(new double[0][]);
  }

  private static double[] readVector(JsonParser p, String field) throws IOException {
    expect(p, JsonToken.START_ARRAY, field);
    double[] values = new double[8];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (n == values.length) {
        values = java.util.Arrays.copyOf(values, 2 * n);
      }
      values[n] = readDouble(p, field + "[" + n + "]");
      n++;
    }
    return java.util.Arrays.copyOf(values, n);
  }

  private static int readInt(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw error(p, field + ": expected an integer, found " + describe(p));
    }
    long v = p.getLongValue();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(p, field + ": integer out of range, found " + p.getText());
    }
    return (int) v;
  }

  private static double readDouble(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw error(p, field + ": expected a number, found " + describe(p));
    }
    return p.getDoubleValue();
  }

  private static void expect(JsonParser p, JsonToken token, String field) throws IOException {
    if (p.currentToken() != token) {
      throw error(
          p,
          field
              + ": expected "
              + (token == JsonToken.START_ARRAY ? "an array" : token.asString())
              + ", found "
              + describe(p));
    }
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "the string \"" + p.getText() + "\"";
      default -> p.getText();
    };
  }

  private static IllegalArgumentException error(JsonParser p, String message) {
    JsonLocation at = p.currentTokenLocation();
    return new IllegalArgumentException(
        message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  /** Writes the MDP in the same format (transitions in row order, duplicates already added up). */
  public static String toJson(Mdp mdp) {
    StringWriter out = new StringWriter();
    try {
      write(mdp, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static void write(Mdp mdp, Writer out) throws IOException {
    int numStates = mdp.numStates();
    int numActions = mdp.numActions();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("states", numStates);
      g.writeNumberField("actions", numActions);
      g.writeArrayFieldStart("transitions");
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a); k++) {
            g.writeStartArray();
            g.writeNumber(s);
            g.writeNumber(a);
            g.writeNumber(mdp.successor(k));
            g.writeNumber(mdp.probability(k));
            g.writeEndArray();
          }
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rewards");
      for (int s = 0; s < numStates; s++) {
        g.writeStartArray();
        for (int a = 0; a < numActions; a++) {
          g.writeNumber(mdp.reward(s, a));
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("initial");
      for (int s = 0; s < numStates; s++) {
        g.writeNumber(mdp.initial(s));
      }
      g.writeEndArray();
      if (mdp.hasActionPrior()) {
        g.writeArrayFieldStart("actionPrior");
        for (int s = 0; s < numStates; s++) {
          g.writeStartArray();
          for (int a = 0; a < numActions; a++) {
            g.writeNumber(mdp.actionPrior(s, a));
          }
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }
}

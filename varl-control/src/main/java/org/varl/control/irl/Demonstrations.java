package org.varl.control.irl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.control.Mdp;

/**
 * Demonstrations: sampling them from a time-varying policy, and reading/writing them as JSON,
 * {@code {"trajectories": [[[s0, a0], [s1, a1], ...], ...]}} (all trajectories the same length T).
 */
public final class Demonstrations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Demonstrations() {}

  /**
   * {@code count} trajectories of length T = policy.length: s_0 ~ p0, a_t ~ pi_t(.|s_t), s_{t+1} ~
   * P(.|s_t,a_t). {@code policy[t][s*A+a]} as in {@link org.varl.control.BackwardMessages}.
   */
  public static List<Trajectory> sample(Mdp mdp, double[][] policy, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int numStates = mdp.numStates();
    int numActions = mdp.numActions();
    double[] p0 = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      p0[s] = mdp.initial(s);
    }
    List<Trajectory> demos = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int horizon = policy.length;
      int[] states = new int[horizon];
      int[] actions = new int[horizon];
      int s = draw(p0, 0, numStates, rng);
      for (int t = 0; t < horizon; t++) {
        int a = draw(policy[t], s * numActions, numActions, rng);
        states[t] = s;
        actions[t] = a;
        double u = rng.nextDouble();
        int end = mdp.rowEnd(s, a);
        int next = mdp.successor(end - 1);
        for (int k = mdp.rowBegin(s, a); k < end; k++) {
          u -= mdp.probability(k);
          if (u < 0) {
            next = mdp.successor(k);
            break;
          }
        }
        s = next;
      }
      demos.add(new Trajectory(states, actions));
    }
    return demos;
  }

  /** An index drawn from weights[offset .. offset+n) (summing to 1). */
  private static int draw(double[] weights, int offset, int n, SplittableRandom rng) {
    double u = rng.nextDouble();
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (weights[offset + i] > 0) {
        last = i;
        u -= weights[offset + i];
        if (u < 0) {
          return i;
        }
      }
    }
    return last; // rounding left a little mass: the last possible index
  }

  /**
   * Reads and checks demonstrations for {@code mdp}: as {@link #read(Path, int, int)}, and every
   * step must be a move the dynamics allow, P(s_{t+1} | s_t, a_t) > 0 (a demonstration that jumps
   * has no likelihood under any reward, so the fit would be meaningless).
   */
  public static List<Trajectory> read(Path file, Mdp mdp) {
    List<Trajectory> demos = read(file, mdp.numStates(), mdp.numActions());
    for (int i = 0; i < demos.size(); i++) {
      Trajectory d = demos.get(i);
      for (int t = 0; t + 1 < d.length(); t++) {
        int s = d.states()[t];
        int a = d.actions()[t];
        int next = d.states()[t + 1];
        boolean possible = false;
        for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a) && !possible; k++) {
          possible = mdp.successor(k) == next && mdp.probability(k) > 0;
        }
        if (!possible) {
          throw new IllegalArgumentException(
              "trajectories["
                  + i
                  + "]["
                  + (t + 1)
                  + "]: state "
                  + next
                  + " cannot follow state "
                  + s
                  + " under action "
                  + a
                  + " (P(s'|s,a) = 0): an impossible move");
        }
      }
    }
    return demos;
  }

  /** Reads and checks demonstrations for an MDP of S states and A actions. */
  public static List<Trajectory> read(Path file, int numStates, int numActions) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String message =
          e.getOriginalMessage() == null
              ? "syntax error"
              : e.getOriginalMessage().split("\\R", 2)[0];
      throw new IllegalArgumentException(
          "demos: "
              + file
              + ": malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + message);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("demos: file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("demos: cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException(
          "demos: " + file + ": empty; expected {\"trajectories\": [[[s, a], ...], ...]}");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "demos: "
              + file
              + ": expected a JSON object {\"trajectories\": [...]} at the top level, found "
              + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    for (java.util.Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("trajectories")) {
        throw new IllegalArgumentException(
            "demos: " + file + ": unknown field \"" + name + "\" (the only field is trajectories)");
      }
    }
    if (!root.has("trajectories")) {
      throw new IllegalArgumentException("trajectories: required field is missing");
    }
    JsonNode list = root.get("trajectories");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("trajectories: expected a nonempty array");
    }
    List<Trajectory> demos = new ArrayList<>();
    int horizon = list.get(0).size();
    for (int i = 0; i < list.size(); i++) {
      JsonNode steps = list.get(i);
      if (!steps.isArray() || steps.size() != horizon || horizon == 0) {
        throw new IllegalArgumentException(
            "trajectories["
                + i
                + "]: expected "
                + Math.max(horizon, 1)
                + " [state, action] pairs (all trajectories the same length), found "
                + describe(steps));
      }
      int[] states = new int[horizon];
      int[] actions = new int[horizon];
      for (int t = 0; t < horizon; t++) {
        JsonNode pair = steps.get(t);
        String name = "trajectories[" + i + "][" + t + "]";
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isInt() || !pair.get(1).isInt()) {
          throw new IllegalArgumentException(
              name + ": expected [state, action] integers, found " + pair);
        }
        states[t] = pair.get(0).asInt();
        actions[t] = pair.get(1).asInt();
        if (states[t] < 0 || states[t] >= numStates) {
          throw new IllegalArgumentException(
              name + ": state " + states[t] + " out of range [0, " + numStates + ")");
        }
        if (actions[t] < 0 || actions[t] >= numActions) {
          throw new IllegalArgumentException(
              name + ": action " + actions[t] + " out of range [0, " + numActions + ")");
        }
      }
      demos.add(new Trajectory(states, actions));
    }
    return demos;
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? node.size() + " entries" : node.getNodeType().toString().toLowerCase();
  }

  public static String toJson(List<Trajectory> demos) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("trajectories");
    for (Trajectory d : demos) {
      ArrayNode steps = list.addArray();
      for (int t = 0; t < d.length(); t++) {
        steps.addArray().add(d.states()[t]).add(d.actions()[t]);
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

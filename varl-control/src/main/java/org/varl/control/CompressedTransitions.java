package org.varl.control;

/**
 * A sparse nonnegative matrix in compressed sparse rows with dictionary-coded values, for the
 * memory-bound inner loop of {@link SoftValues}: with at most 256 distinct values (a gridworld has
 * a handful) each nonzero costs 4 bytes of column plus 1 byte of code instead of 4 + 8; up to 65536
 * distinct values use 2-byte codes; beyond that the plain doubles are used. Lossless: codes index
 * the exact doubles.
 */
final class CompressedTransitions {
  private static final int TABLE_BITS = 17;

  final int[] rowStart;
  final int[] successors;
  final double[] dictionary;
  final byte[] byteCodes;
  final short[] shortCodes;
  final double[] probabilities;

  private CompressedTransitions(
      int[] rowStart,
      int[] successors,
      double[] values,
      double[] dictionary,
      byte[] byteCodes,
      short[] shortCodes) {
    this.rowStart = rowStart;
    this.successors = successors;
    this.dictionary = dictionary;
    this.byteCodes = byteCodes;
    this.shortCodes = shortCodes;
    this.probabilities = values;
  }

  /** The MDP's transition rows s*A+a. */
  static CompressedTransitions of(Mdp mdp) {
    return of(mdp.rowStart, mdp.successors, mdp.probabilities);
  }

  /**
   * Rows {@code [rowStart[i], rowStart[i+1])} of columns {@code successors} and values {@code p}.
   */
  static CompressedTransitions of(int[] rowStart, int[] successors, double[] p) {
    int size = 1 << TABLE_BITS;
    long[] keys = new long[size];
    int[] slotCode = new int[size];
    java.util.Arrays.fill(slotCode, -1);
    double[] dictionary = new double[256];
    int[] codes = new int[p.length];
    int distinct = 0;
    long lastBits = Double.doubleToRawLongBits(Double.NaN);
    int lastCode = -1;
    for (int k = 0; k < p.length; k++) {
      long bits = Double.doubleToRawLongBits(p[k]);
      if (bits == lastBits) {
        codes[k] = lastCode;
        continue;
      }
      int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> (64 - TABLE_BITS));
      while (slotCode[slot] >= 0 && keys[slot] != bits) {
        slot = (slot + 1) & (size - 1);
      }
      if (slotCode[slot] < 0) {
        if (distinct == 65536) {
          return new CompressedTransitions(
              rowStart, successors, p, null, null, null); // too many values: plain doubles
        }
        if (distinct == dictionary.length) {
          dictionary = java.util.Arrays.copyOf(dictionary, 2 * distinct);
        }
        keys[slot] = bits;
        slotCode[slot] = distinct;
        dictionary[distinct++] = p[k];
      }
      codes[k] = slotCode[slot];
      lastBits = bits;
      lastCode = codes[k];
    }
    dictionary = java.util.Arrays.copyOf(dictionary, distinct);
    if (distinct <= 256) {
      byte[] b = new byte[codes.length];
      for (int k = 0; k < codes.length; k++) {
        b[k] = (byte) codes[k];
      }
      return new CompressedTransitions(rowStart, successors, p, dictionary, b, null);
    }
    short[] s = new short[codes.length];
    for (int k = 0; k < codes.length; k++) {
      s[k] = (short) codes[k];
    }
    return new CompressedTransitions(rowStart, successors, p, dictionary, null, s);
  }

  /** "byte codes (7 distinct values)", "short codes (...)" or "doubles": for benchmark reports. */
  String describe() {
    if (byteCodes != null) {
      return "byte codes (" + dictionary.length + " distinct values)";
    }
    return shortCodes != null
        ? "short codes (" + dictionary.length + " distinct values)"
        : "doubles";
  }

  /** sum_k P_k x[successor_k] over the nonzeros of {@code row}. */
  double dot(int row, double[] x) {
    int begin = rowStart[row];
    int end = rowStart[row + 1];
    double sum = 0.0;
    if (byteCodes != null) {
      for (int k = begin; k < end; k++) {
        sum += dictionary[byteCodes[k] & 0xFF] * x[successors[k]];
      }
    } else if (shortCodes != null) {
      for (int k = begin; k < end; k++) {
        sum += dictionary[shortCodes[k] & 0xFFFF] * x[successors[k]];
      }
    } else {
      for (int k = begin; k < end; k++) {
        sum += probabilities[k] * x[successors[k]];
      }
    }
    return sum;
  }
}

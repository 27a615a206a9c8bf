package org.varl.core.data;

/** Whether the first non-comment line of a CSV file is a header of column names. */
public enum CsvHeader {
  /** A header when any cell of the first line is not a number. */
  AUTO,
  /** The first line is a header and is skipped. */
  PRESENT,
  /** There is no header: the first line is data, and a non-numeric cell in it is an error. */
  ABSENT
}

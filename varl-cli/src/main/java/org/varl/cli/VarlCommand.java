package org.varl.cli;

public final class VarlCommand {
  public static void main(String[] args) { System.out.println("varl"); }
}

package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;

/**
 * The help rules, checked over the whole command tree (a new command is checked without a new
 * test): every option that takes a value shows a label of its own (a value list such as {@code
 * mlp|conv}, or a word in capitals such as {@code N}, {@code DIR}) rather than picocli's {@code
 * <fieldName>}, and every option that is not required says its default.
 */
class HelpRulesTest {

  static List<CommandLine> tree(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      all.addAll(tree(sub));
    }
    return all;
  }

  static List<CommandLine.Model.OptionSpec> options(CommandLine cl) {
    List<CommandLine.Model.OptionSpec> own = new ArrayList<>();
    for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp() && !o.inherited()) {
        own.add(o);
      }
    }
    return own;
  }

  @Test
  void everyValuedOptionShowsItsValuesOrAnUpperCaseLabel() {
    List<String> bad = new ArrayList<>();
    for (CommandLine cl : tree(VarlCommand.newCommandLine())) {
      for (CommandLine.Model.OptionSpec o : options(cl)) {
        if (o.arity().max() == 0) {
          continue;
        }
        String label = o.paramLabel();
        boolean values = label.contains("|");
        boolean word = label.matches("[A-Z][A-Z0-9_,.:=\\[\\]-]*");
        if (!values && !word) {
          bad.add(cl.getCommandSpec().qualifiedName() + " " + o.longestName() + " " + label);
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void everyOptionalOptionSaysItsDefault() {
    List<String> bad = new ArrayList<>();
    for (CommandLine cl : tree(VarlCommand.newCommandLine())) {
      for (CommandLine.Model.OptionSpec o : options(cl)) {
        String text = String.join(" ", o.description());
        if (!o.required() && !text.toLowerCase(java.util.Locale.ROOT).contains("default")) {
          bad.add(cl.getCommandSpec().qualifiedName() + " " + o.longestName());
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  @Test
  void helpOfACommandPathPrintsThatCommandsHelp() {
    StringWriter out = new StringWriter();
    CommandLine cl = VarlCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    // picocli's help command read only 'vae' and printed the group's help.
    assertThat(cl.execute("help", "vae", "train")).isZero();
    assertThat(out.toString()).startsWith("Usage: varl vae train").contains("--iwae-k");

    StringWriter err = new StringWriter();
    CommandLine bad = VarlCommand.newCommandLine();
    bad.setOut(new PrintWriter(new StringWriter()));
    bad.setErr(new PrintWriter(err));
    assertThat(bad.execute("help", "vae", "bogus")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "varl help: unknown command 'bogus' under 'varl vae'; valid: train, eval, sample,"
                + " reconstruct, latent, interpolate");
  }
}

/** The {@code varl control} subcommands: Control as inference on finite MDPs: soft value iteration, messages, marginals, MaxEnt IRL. */
package org.varl.cli.control;

/** The {@code varl vi} subcommands: Variational inference basics: gradient estimators and amortization. */
package org.varl.cli.vi;

/**
 * The {@code varl vi} subcommands ({@code estimators}, {@code amortization}) and their tour
 * sections: thin layers that parse options into the {@code org.varl.experiments.vi} configs, run
 * them with a progress bar and write {@code metrics.json} and PNG figures.
 */
package org.varl.cli.vi;

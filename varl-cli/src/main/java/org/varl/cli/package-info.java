/** The {@code varl} command line: the root command and its exit-code conventions. */
package org.varl.cli;

/** {@code varl rl}: environments, deep maximum-entropy RL, and the tabular bridge. */
package org.varl.cli.rl;

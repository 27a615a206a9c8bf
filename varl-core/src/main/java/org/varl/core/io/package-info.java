/** Input/output shared by every module built on the core: atomic (temp file + rename) writing of outputs and checkpoints. */
package org.varl.core.io;

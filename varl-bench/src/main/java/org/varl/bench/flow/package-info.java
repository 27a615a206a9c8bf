/** varl's side of the flow-matching benchmark against the PyTorch toy peer ({@code cfm} mode). */
package org.varl.bench.flow;

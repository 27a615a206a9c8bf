/**
 * Test fixtures that several modules' tests need, so none of them copies its own: {@link
 * org.varl.testing.MonteCarlo} (a mean within k standard errors of the truth, two means that
 * agree), {@link org.varl.testing.FiniteDifference} (central-difference gradient checks with
 * relative and absolute tolerances), {@link org.varl.testing.ResourceCounts} (a DJL manager's array
 * count stays flat over repeated steps).
 *
 * <p>The module depends on no varl module, since varl-core's own tests use it; other modules take
 * it with {@code <scope>test</scope>}. Fixtures that need a varl type live in that module's
 * test-jar instead: random finite MDPs ({@code org.varl.control.RandomMdps}, built from {@code
 * Mdp}) are in varl-control's test-jar ({@code <type>test-jar</type><scope>test</scope>}), for the
 * tests of modules above varl-control.
 */
package org.varl.testing;

/**
 * {@code varl tour}: runs every implemented lecture experiment on embedded defaults and writes an
 * HTML report. Each experiment is a {@link org.varl.cli.tour.TourSection} registered in {@link
 * org.varl.cli.tour.TourRegistry}; a section writes its files into its own directory and returns
 * the lecture's claim, its figures and what the measured numbers show; {@link
 * org.varl.cli.tour.TourReport} turns the results into {@code index.html}.
 */
package org.varl.cli.tour;

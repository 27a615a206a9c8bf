package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void sixSignificantDigitsPlainInTheMiddleScientificAtTheEnds() {
    assertThat(Numbers.format(0)).isEqualTo("0");
    assertThat(Numbers.format(-0.0)).isEqualTo("0");
    assertThat(Numbers.format(2)).isEqualTo("2");
    assertThat(Numbers.format(-1.5)).isEqualTo("-1.5");
    assertThat(Numbers.format(1.0 / 6)).isEqualTo("0.166667");
    assertThat(Numbers.format(123456.7)).isEqualTo("123457");
    assertThat(Numbers.format(1e-4)).isEqualTo("0.0001");
    // Were "0.00" (%.2f) and 301 digits (%.6f).
    assertThat(Numbers.format(1e-300)).isEqualTo("1e-300");
    assertThat(Numbers.format(1e300)).isEqualTo("1e+300");
    assertThat(Numbers.format(-2.5e-7)).isEqualTo("-2.5e-7");
    assertThat(Numbers.format(999999.7)).isEqualTo("1e+6");
    assertThat(Numbers.format(1234567)).isEqualTo("1.23457e+6");
    assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
    assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }
}

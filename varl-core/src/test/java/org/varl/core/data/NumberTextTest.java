package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberTextTest {

  @Test
  void plainDecimalsParseAsJavaWould() {
    assertThat(NumberText.parseDouble("0.25")).isEqualTo(0.25);
    assertThat(NumberText.parseDouble("-.5")).isEqualTo(-0.5);
    assertThat(NumberText.parseDouble("+3.")).isEqualTo(3.0);
    assertThat(NumberText.parseDouble("1e-300")).isEqualTo(1e-300);
    assertThat(NumberText.parseDouble("2E+3")).isEqualTo(2000.0);
    assertThat(NumberText.parseDouble("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void javaOnlySyntaxIsRejected() {
    for (String text :
        new String[] {
          "1f",
          "1d",
          "1F",
          "0x1p3",
          "NaN",
          "Infinity",
          "-Infinity",
          " 1",
          "1 ",
          "",
          ".",
          "e3",
          "1e",
          "1_0",
          "\u0663",
          "1,5"
        }) {
      assertThatThrownBy(() -> NumberText.parseDouble(text))
          .as(text)
          .isInstanceOf(NumberFormatException.class)
          .hasMessageContaining("\"" + text + "\"");
    }
  }

  @Test
  void integersAreAsciiDigitsInRange() {
    assertThat(NumberText.parseInt("-42")).isEqualTo(-42);
    assertThat(NumberText.parseInt("+7")).isEqualTo(7);
    assertThat(NumberText.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    // Integer.parseInt accepts Arabic-Indic digits: "\u0663" is 3 to Java.
    assertThat(Integer.parseInt("\u0663")).isEqualTo(3);
    for (String text : new String[] {"\u0663", "1.0", "1e3", "0x10", " 1", ""}) {
      assertThatThrownBy(() -> NumberText.parseInt(text))
          .as(text)
          .isInstanceOf(NumberFormatException.class);
    }
    assertThatThrownBy(() -> NumberText.parseInt("2147483648"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> NumberText.parseLong("9223372036854775808"))
        .hasMessageContaining("out of range");
  }
}

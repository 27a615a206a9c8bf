package org.varl.rl.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCsvTest {

  private static List<DemoRow> read(String text) {
    return DemoCsv.read(new StringReader(text), "demos.csv");
  }

  @Test
  void roundTripIsExact() throws IOException {
    List<DemoRow> rows = Demonstrations.generate(2, 10, 3);
    StringWriter out = new StringWriter();
    DemoCsv.write(rows, out);
    assertThat(out.toString()).startsWith("episode,step,x,y,dx,dy,mode\n");
    assertThat(read(out.toString())).isEqualTo(rows);
  }

  @Test
  void columnsAreFoundByNameAndExtraColumnsIgnored() {
    assertThat(read("mode,dy,dx,y,x,step,episode,note\n1,0.05,-0.01,0.3,0.2,4,7,hi\n"))
        .containsExactly(new DemoRow(7, 4, 0.2, 0.3, -0.01, 0.05, 1));
  }

  @Test
  void badInputNamesLineColumnAndValue() {
    String header = "episode,step,x,y,dx,dy,mode\n";
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demos.csv: empty");
    assertThatThrownBy(() -> read("episode,step,x,y,dy,mode\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("demos.csv line 1: missing column 'dx'");
    assertThatThrownBy(() -> read(header + "0,0,0,0,0,0,0\n0,1,0,0,0.1,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("demos.csv line 3: expected 7 cells, found 6");
    assertThatThrownBy(() -> read(header + "0,0,0,0,abc,0,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos.csv line 2 column dx: expected a number, found 'abc'");
    assertThatThrownBy(() -> read(header + "0,0,NaN,0,0,0,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos.csv line 2 column x: expected a number, found 'NaN'");
    assertThatThrownBy(() -> read(header + "0,0,0,1e400,0,0,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos.csv line 2 column y: expected a finite number, found '1e400'");
    assertThatThrownBy(() -> read(header + "0,1.5,0,0,0,0,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos.csv line 2 column step: expected an integer, found '1.5'");
    assertThatThrownBy(() -> read(header + "0,0,0,0,0, 1,0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos.csv line 2 column dy: expected a number, found ' 1'");
  }
}

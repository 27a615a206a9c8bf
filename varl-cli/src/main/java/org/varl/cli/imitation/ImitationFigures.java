package org.varl.cli.imitation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.cli.common.Plots;
import org.varl.rl.env.Obstacle;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.eval.ObstacleModes;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.RolloutOutcome;

/**
 * The imitation figures: paths drawn over the task's map (discs shaded, goal line dashed, a colour
 * per mode, collisions red, timeouts grey), one panel per policy, and the CVAE's latent means of
 * the demonstrations coloured by the expert's mode.
 */
final class ImitationFigures {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Colours of modes 0..3 (left, right; with two discs bit k = right at disc k). */
  private static final Color[] MODE =
      new Color[] {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(148, 103, 189)
      };

  private static final Color COLLISION = new Color(214, 39, 40);
  private static final Color TIMEOUT = new Color(127, 127, 127);
  private static final int PANEL = 300;
  private static final int TITLE = 36;
  private static final double X_MIN = -0.8;
  private static final double X_MAX = 0.8;
  private static final double Y_MIN = -0.1;

  private ImitationFigures() {}

  /** One path: its positions and its colour's meaning. */
  record Track(double[] x, double[] y, Color color) {}

  /** A titled panel of tracks. */
  record Panel(String title, List<Track> tracks) {}

  /** The tracks of at most {@code limit} rollouts, coloured by mode or outcome. */
  static List<Track> rollouts(int obstacles, List<ObstacleRollout> rollouts, int limit) {
    Obstacle task = new Obstacle(obstacles);
    List<Track> out = new ArrayList<>();
    for (int e = 0; e < Math.min(limit, rollouts.size()); e++) {
      ObstacleRollout r = rollouts.get(e);
      int n = r.positions().size();
      double[] x = new double[n];
      double[] y = new double[n];
      for (int t = 0; t < n; t++) {
        x[t] = r.positions().get(t)[0];
        y[t] = r.positions().get(t)[1];
      }
      Color c =
          r.outcome() == RolloutOutcome.COLLISION
              ? COLLISION
              : r.outcome() == RolloutOutcome.TIMEOUT ? TIMEOUT : MODE[ObstacleModes.mode(task, r)];
      out.add(new Track(x, y, c));
    }
    return out;
  }

  /** The tracks of at most {@code limit} demonstration episodes, coloured by the expert's mode. */
  static List<Track> demos(List<DemoRow> rows, int limit) {
    List<Track> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size() && out.size() < limit) {
      int e = rows.get(i).episode();
      int j = i;
      while (j < rows.size() && rows.get(j).episode() == e) {
        j++;
      }
      double[] x = new double[j - i + 1];
      double[] y = new double[j - i + 1];
      for (int k = i; k < j; k++) {
        x[k - i] = rows.get(k).x();
        y[k - i] = rows.get(k).y();
      }
      DemoRow last = rows.get(j - 1);
      x[j - i] = last.x() + last.dx();
      y[j - i] = last.y() + last.dy();
      out.add(new Track(x, y, MODE[rows.get(i).mode()]));
      i = j;
    }
    return out;
  }

  /** Panels side by side (up to {@code columns} per row) over the map, saved as PNG. */
  static void map(Path png, int obstacles, List<Panel> panels, int columns) {
    Obstacle task = new Obstacle(obstacles);
    double yMax = task.goalY() + 0.1;
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int h = (int) Math.round(PANEL * (yMax - Y_MIN) / (X_MAX - X_MIN));
    BufferedImage image =
        new BufferedImage(cols * PANEL, rows * (h + TITLE), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int p = 0; p < panels.size(); p++) {
      int ox = (p % cols) * PANEL;
      int oy = (p / cols) * (h + TITLE) + TITLE;
      Panel panel = panels.get(p);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(panel.title(), ox + 6, oy - 12);
      java.util.function.DoubleUnaryOperator px = x -> ox + (x - X_MIN) / (X_MAX - X_MIN) * PANEL;
      java.util.function.DoubleUnaryOperator py = y -> oy + (yMax - y) / (yMax - Y_MIN) * h;
      g.setColor(new Color(0, 0, 0, 60));
      g.drawRect(ox, oy, PANEL - 1, h - 1);
      g.setColor(new Color(120, 120, 120, 110));
      for (int k = 0; k < obstacles; k++) {
        double[] c = task.centre(k);
        double r = Obstacle.RADIUS;
        double left = px.applyAsDouble(c[0] - r);
        double top = py.applyAsDouble(c[1] + r);
        g.fill(
            new Ellipse2D.Double(
                left, top, px.applyAsDouble(c[0] + r) - left, py.applyAsDouble(c[1] - r) - top));
      }
      g.setColor(new Color(0, 0, 0, 120));
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f));
      double gy = py.applyAsDouble(task.goalY());
      g.draw(new Line2D.Double(ox, gy, ox + PANEL, gy));
      g.setStroke(new BasicStroke(1.2f));
      for (Track t : panel.tracks()) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < t.x().length; i++) {
          double x = px.applyAsDouble(Math.max(X_MIN, Math.min(X_MAX, t.x()[i])));
          double y = py.applyAsDouble(Math.max(Y_MIN, Math.min(yMax, t.y()[i])));
          if (i == 0) {
            path.moveTo(x, y);
          } else {
            path.lineTo(x, y);
          }
        }
        g.setColor(new Color(t.color().getRed(), t.color().getGreen(), t.color().getBlue(), 150));
        g.draw(path);
      }
    }
    g.dispose();
    Plots.savePng(image, png);
  }

  /**
   * The first two coordinates of the CVAE's posterior means (or the one coordinate against the
   * state's y for a 1-d latent), one series per expert mode.
   */
  static void latents(Path png, float[] means, int latent, List<DemoRow> rows) {
    int modes = 0;
    for (DemoRow r : rows) {
      modes = Math.max(modes, r.mode() + 1);
    }
    List<Plots.Series> series = new ArrayList<>();
    for (int m = 0; m < modes; m++) {
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).mode() == m) {
          pts.add(
              new double[] {
                means[i * latent], latent > 1 ? means[i * latent + 1] : rows.get(i).y()
              });
        }
      }
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
      }
      series.add(new Plots.Series("mode " + m, x, y));
    }
    Plots.scatter(
        png,
        Plots.Axes.linear(
            "CVAE posterior means of the demonstrations, by the expert's mode",
            "mu_z[0]",
            latent > 1 ? "mu_z[1]" : "state y"),
        series);
  }
}

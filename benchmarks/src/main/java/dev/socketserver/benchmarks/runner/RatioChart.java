package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * SVG chart of the demo/baseline ratios that carry a floor or are marked for charting: one row per metric, a bar
 * to the median ratio coloured by its verdict and ending in a dot, a whisker from the smallest to the largest
 * round's ratio, the floor as a black tick and parity (1.0) as a dashed line. Every scenario of the run has rows;
 * a skipped one has a row saying why. Each row is a {@code <g class="ratio">} whose {@code data-} attributes carry
 * its figures, so that the chart can be checked by reading it.
 *
 * @since 0.1.0
 */
final class RatioChart {

	private static final int MIN_LABEL_WIDTH = 330;

	/** Width of a character of the 12 px sans-serif labels, generously rounded up. */
	private static final double CHAR_WIDTH = 7.0;

	private static final int PLOT_WIDTH = 460;

	private static final int VALUE_WIDTH = 290;

	private static final int ROW_HEIGHT = 24;

	private static final int TOP = 80;

	/** Largest ratio on the axis; a whisker reaching further ends in an arrow. */
	private static final double MAX_AXIS = 3.0;

	private final String title;

	private final List<Row> rows = new ArrayList<>();

	private final int labelWidth;

	RatioChart(String title, List<ScenarioResult> results) {
		this.title = title;
		for (ScenarioResult result : results) {
			if (result.skipped() != null) {
				this.rows.add(new Row(result.id(), result.id() + "  " + result.skipped(), null));
				continue;
			}
			for (Comparison comparison : result.comparisons()) {
				if (comparison.metric().charted()) {
					this.rows.add(new Row(result.id(),
							result.id() + "  " + comparison.metric().label() + floorLabel(comparison.metric()),
							comparison));
				}
			}
		}
		int longest = 0;
		for (Row row : this.rows) {
			if (row.comparison != null) {
				longest = Math.max(longest, row.label.length());
			}
		}
		this.labelWidth = Math.max(MIN_LABEL_WIDTH, (int) (longest * CHAR_WIDTH) + 20);
	}

	String svg() {
		double max = 1.5;
		for (Row row : this.rows) {
			if (row.comparison != null && !Double.isNaN(row.comparison.ratio())) {
				double reach = Math.max(row.comparison.ratio(), row.comparison.ratioMax());
				max = Math.max(max, Math.min(MAX_AXIS, reach * 1.05));
			}
		}
		double ticks = Math.ceil(max * 4) / 4;
		double scale = PLOT_WIDTH / ticks;
		int bottom = TOP + Math.max(1, this.rows.size()) * ROW_HEIGHT;
		int height = bottom + 36;
		int width = this.labelWidth + PLOT_WIDTH + VALUE_WIDTH;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				width, height, width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width,
				height));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(this.title)));
		svg.append("<text x=\"10\" y=\"42\" fill=\"#444\">demo / baseline. Bar and dot: median of the per-round "
				+ "ratios; whisker: smallest to largest round. At the right: median (range, n rounds).</text>\n");
		svg.append("<text x=\"10\" y=\"58\" fill=\"#444\">Green: the median meets its floor (black tick); red: misses "
				+ "it; blue: no floor; grey: invalid. Dashed: parity (1.0).</text>\n");
		if (this.rows.isEmpty()) {
			svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">No ratios measured.</text>%n", TOP + 16));
		}
		for (double tick = 0; tick <= ticks + 1e-9; tick += 0.25) {
			double x = this.labelWidth + tick * scale;
			boolean major = Math.abs(tick - Math.rint(tick * 2) / 2) < 1e-9;
			svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
					x, TOP - 4, x, bottom, major ? "#ddd" : "#f0f0f0"));
			if (major) {
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%.1f</text>%n", x, bottom + 16,
						tick));
			}
		}
		int y = TOP;
		for (Row row : this.rows) {
			Comparison comparison = row.comparison;
			if (comparison == null) {
				svg.append(String.format(Locale.ROOT,
						"<g class=\"skipped\" data-scenario=\"%s\"><text x=\"10\" y=\"%d\" fill=\"#666\">%s</text>"
								+ "</g>%n",
						escape(row.scenario), y + 16, escape(row.label)));
			}
			else {
				ratioRow(svg, row, comparison, y, scale, ticks);
			}
			y += ROW_HEIGHT;
		}
		double parity = this.labelWidth + scale;
		svg.append(String.format(Locale.ROOT, "<line class=\"parity\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
				+ "stroke=\"#333\" stroke-dasharray=\"4 3\"/>%n", parity, TOP - 4, parity, bottom));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private void ratioRow(StringBuilder svg, Row row, Comparison comparison, int y, double scale, double ticks) {
		double ratio = comparison.ratio();
		double x0 = this.labelWidth;
		boolean measured = !Double.isNaN(ratio);
		svg.append(String.format(Locale.ROOT,
				"<g class=\"ratio\" data-scenario=\"%s\" data-metric=\"%s\" data-median=\"%s\" data-min=\"%s\" "
						+ "data-max=\"%s\" data-rounds=\"%d\">%n",
				escape(row.scenario), escape(comparison.metric().key()), figure(ratio), figure(comparison.ratioMin()),
				figure(comparison.ratioMax()), comparison.pairs()));
		svg.append(String.format(Locale.ROOT, "<title>%s: %s</title>%n", escape(row.label), escape(measured
				? String.format(Locale.ROOT, "median %.2f of %d round(s), range %.2f-%.2f, %s", ratio,
						comparison.pairs(), comparison.ratioMin(), comparison.ratioMax(),
						comparison.verdict().name().toLowerCase(Locale.ROOT))
				: "no data")));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
				this.labelWidth - 8, y + 16, escape(row.label)));
		Double floor = comparison.metric().floor();
		double valueX = x0 + PLOT_WIDTH + 10;
		if (measured) {
			String colour = switch (comparison.verdict()) {
				case PASS -> "#2e7d32";
				case MISS -> "#c62828";
				case NONE -> "#4a6fa5";
				case INVALID -> "#9e9e9e";
			};
			double middle = y + ROW_HEIGHT / 2.0;
			double medianX = x0 + Math.min(ratio, ticks) * scale;
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"median-bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
							+ "fill-opacity=\"0.75\"/>%n",
					x0, y + 6, medianX - x0, ROW_HEIGHT - 12, colour));
			double minX = x0 + Math.min(comparison.ratioMin(), ticks) * scale;
			double maxX = x0 + Math.min(comparison.ratioMax(), ticks) * scale;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"range\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#212121\" "
							+ "stroke-width=\"1.5\"/>%n",
					minX, middle, maxX, middle));
			cap(svg, minX, y);
			if (comparison.ratioMax() > ticks) {
				svg.append(String.format(Locale.ROOT,
						"<path class=\"range-off-scale\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\" fill=\"#212121\"/>%n",
						maxX, middle - 5, maxX + 7, middle, maxX, middle + 5));
			}
			else {
				cap(svg, maxX, y);
			}
			svg.append(String.format(Locale.ROOT,
					"<circle class=\"median\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"white\" stroke=\"#212121\" "
							+ "stroke-width=\"1.5\"/>%n",
					medianX, middle));
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\"><tspan font-weight=\"bold\">%.2f"
					+ "</tspan> (%.2f-%.2f, n=%d)%s</text>%n", valueX, y + 16, ratio, comparison.ratioMin(),
					comparison.ratioMax(), comparison.pairs(), ((ratio > ticks) ? " median off scale" : "")
							+ ((comparison.verdict() == Comparison.Verdict.INVALID) ? " INVALID" : "")));
		}
		else {
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">no data</text>%n", valueX,
					y + 16));
		}
		if (floor != null) {
			double x = x0 + Math.min(floor, ticks) * scale;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"floor\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
							+ "stroke-width=\"3\"/>%n",
					x, y + 2, x, y + ROW_HEIGHT - 2));
		}
		svg.append("</g>\n");
	}

	private static void cap(StringBuilder svg, double x, int y) {
		svg.append(String.format(Locale.ROOT,
				"<line class=\"range-cap\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#212121\" "
						+ "stroke-width=\"1.5\"/>%n",
				x, y + 7, x, y + ROW_HEIGHT - 7));
	}

	private static String figure(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
	}

	private static String floorLabel(Metric metric) {
		if (metric.floor() == null) {
			return metric.higherIsBetter() ? " (higher better)" : " (lower better)";
		}
		return String.format(Locale.ROOT, " [%s %.2f%s]", metric.higherIsBetter() ? "\u2265" : "\u2264",
				metric.floor(), metric.ambition() ? " ambition" : "");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/**
	 * A row of the chart: a ratio, or a scenario that was skipped ({@code comparison} null).
	 */
	private record Row(String scenario, String label, @Nullable Comparison comparison) {
	}

}

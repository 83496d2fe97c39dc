package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SVG bar chart of the demo/baseline ratios that carry a floor or are marked for charting: one bar per metric,
 * coloured by its verdict, with the floor and parity (1.0) marked.
 *
 * @since 0.1.0
 */
final class RatioChart {

	private static final int MIN_LABEL_WIDTH = 330;

	/** Width of a character of the 12 px sans-serif labels, generously rounded up. */
	private static final double CHAR_WIDTH = 7.0;

	private static final int PLOT_WIDTH = 460;

	private static final int ROW_HEIGHT = 24;

	private static final int TOP = 64;

	private final String title;

	private final List<Bar> bars = new ArrayList<>();

	private final int labelWidth;

	RatioChart(String title, List<ScenarioResult> results) {
		this.title = title;
		for (ScenarioResult result : results) {
			if (result.skipped() != null) {
				continue;
			}
			for (Comparison comparison : result.comparisons()) {
				if (comparison.metric().charted()) {
					this.bars.add(new Bar(result.id() + "  " + comparison.metric().label()
							+ floorLabel(comparison.metric()), comparison));
				}
			}
		}
		int longest = 0;
		for (Bar bar : this.bars) {
			longest = Math.max(longest, bar.label.length());
		}
		this.labelWidth = Math.max(MIN_LABEL_WIDTH, (int) (longest * CHAR_WIDTH) + 20);
	}

	String svg() {
		double max = 1.5;
		for (Bar bar : this.bars) {
			if (!Double.isNaN(bar.comparison.ratio())) {
				max = Math.max(max, Math.min(3.0, bar.comparison.ratio() * 1.1));
			}
		}
		double scale = PLOT_WIDTH / Math.ceil(max * 4) * 4;
		int height = TOP + Math.max(1, this.bars.size()) * ROW_HEIGHT + 48;
		int width = this.labelWidth + PLOT_WIDTH + 130;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				width, height, width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width,
				height));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(this.title)));
		svg.append("<text x=\"10\" y=\"42\" fill=\"#444\">demo / baseline, median of paired rounds. Green: meets its "
				+ "floor (black tick); red: misses it; blue: no floor. Dashed: parity (1.0).</text>\n");
		if (this.bars.isEmpty()) {
			svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">No ratios measured.</text>%n", TOP + 16));
		}
		double ticks = Math.ceil(max * 4) / 4;
		for (double tick = 0; tick <= ticks + 1e-9; tick += 0.25) {
			double x = this.labelWidth + tick * scale;
			boolean major = Math.abs(tick - Math.rint(tick * 2) / 2) < 1e-9;
			svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
					x, TOP - 4, x, TOP + this.bars.size() * ROW_HEIGHT, major ? "#ddd" : "#f0f0f0"));
			if (major) {
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%.1f</text>%n", x,
						TOP + this.bars.size() * ROW_HEIGHT + 16, tick));
			}
		}
		int y = TOP;
		for (Bar bar : this.bars) {
			Comparison comparison = bar.comparison;
			double ratio = comparison.ratio();
			String colour = switch (comparison.verdict()) {
				case PASS -> "#2e7d32";
				case MISS -> "#c62828";
				case NONE -> "#4a6fa5";
				case INVALID -> "#9e9e9e";
			};
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
					this.labelWidth - 8, y + 16, escape(bar.label)));
			Double floor = comparison.metric().floor();
			if (!Double.isNaN(ratio)) {
				double length = Math.min(ratio, ticks) * scale;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", this.labelWidth,
						y + 5, length, ROW_HEIGHT - 9, colour));
				// Right of the floor tick when the bar ends just short of it, so that the tick stays readable.
				double textX = Math.max(length, (floor != null) ? floor * scale + 2 : 0) + this.labelWidth + 5;
				svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f%s</text>%n", textX, y + 16,
						ratio, (ratio > ticks) ? " (off scale)" : ""));
			}
			else {
				svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">no data</text>%n",
						this.labelWidth + 5, y + 16));
			}
			if (floor != null) {
				double x = this.labelWidth + floor * scale;
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"3\"/>%n", x,
						y + 2, x, y + ROW_HEIGHT - 2));
			}
			y += ROW_HEIGHT;
		}
		double parity = this.labelWidth + scale;
		svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" "
				+ "stroke-dasharray=\"4 3\"/>%n", parity, TOP - 4, parity, TOP + this.bars.size() * ROW_HEIGHT));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static String floorLabel(Metric metric) {
		if (metric.floor() == null) {
			return metric.higherIsBetter() ? " (higher better)" : " (lower better)";
		}
		return String.format(Locale.ROOT, " [%s %.2f%s]", metric.higherIsBetter() ? "\u2265" : "\u2264",
				metric.floor(), metric.ambition() ? " ambition" : "");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private record Bar(String label, Comparison comparison) {
	}

}

package dev.socketserver.benchmarks.runner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatioChartTests {

	private static final Metric THROUGHPUT = Metric.higher("msgPerSec", "messages/s").withFloor(0.95);

	private static final Metric P99 = Metric.lower("p99us", "latency p99 us").withFloor(1.10);

	private static final Metric CPU = Metric.lower("serverCpuNsPerMsg", "server CPU ns/message").inChart();

	@Test
	void everyChartedRatioHasItsMedianAndItsRoundToRoundRange() throws Exception {
		ScenarioResult s1 = new ScenarioResult("S1", "test", "baseline",
				List.of(THROUGHPUT, Metric.lower("p50us", "latency p50 us"), P99));
		addRounds(s1, new double[][] { { 100, 5, 10 }, { 100, 5, 10 }, { 100, 5, 10 } },
				new double[][] { { 90, 5, 12 }, { 110, 5, 9 }, { 100, 5, 10 } });
		ScenarioResult s4 = new ScenarioResult("S4", "test", "baseline", List.of(CPU));
		addRounds(s4, new double[][] { { 1000 }, { 1000 } }, new double[][] { { 700 }, { 800 } });
		Document chart = parse(new RatioChart("title", List.of(s1, s4)).svg());
		List<Element> rows = elements(chart.getDocumentElement(), "g", "ratio");
		assertThat(rows).extracting((row) -> row.getAttribute("data-scenario") + " " + row.getAttribute("data-metric"))
			.containsExactly("S1 msgPerSec", "S1 p99us", "S4 serverCpuNsPerMsg");
		double parity = Double.parseDouble(elements(chart.getDocumentElement(), "line", "parity").get(0)
			.getAttribute("x1"));
		for (Element row : rows) {
			double median = Double.parseDouble(row.getAttribute("data-median"));
			double min = Double.parseDouble(row.getAttribute("data-min"));
			double max = Double.parseDouble(row.getAttribute("data-max"));
			assertThat(min).isLessThan(max);
			assertThat(median).isBetween(min, max);
			double x0 = number(one(row, "rect", "median-bar"), "x");
			double scale = parity - x0;
			Element range = one(row, "line", "range");
			assertThat(number(range, "x1")).isCloseTo(x0 + min * scale, within(0.25));
			assertThat(number(range, "x2")).isCloseTo(x0 + max * scale, within(0.25));
			assertThat(elements(row, "line", "range-cap")).hasSize(2);
			assertThat(number(one(row, "circle", "median"), "cx")).isCloseTo(x0 + median * scale, within(0.25));
			assertThat(number(one(row, "rect", "median-bar"), "width")).isCloseTo(median * scale, within(0.25));
			assertThat(row.getElementsByTagName("title").item(0).getTextContent()).contains("range")
				.contains("round(s)");
		}
		assertThat(rows.get(0).getAttribute("data-min")).isEqualTo("0.9000");
		assertThat(rows.get(0).getAttribute("data-max")).isEqualTo("1.1000");
		assertThat(rows.get(0).getAttribute("data-median")).isEqualTo("1.0000");
		assertThat(rows.get(0).getAttribute("data-rounds")).isEqualTo("3");
		assertThat(rows.get(2).getAttribute("data-median")).isEqualTo("0.7500");
		assertThat(rows.get(2).getTextContent()).contains("0.75 (0.70-0.80, n=2)");
	}

	@Test
	void aRangeBeyondTheAxisEndsInAnArrowAndAnOffScaleMedianIsSaidSo() throws Exception {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT, P99));
		addRounds(result, new double[][] { { 100, 10 }, { 100, 10 } }, new double[][] { { 97, 40 }, { 97, 10 } });
		Document chart = parse(new RatioChart("title <&>", List.of(result)).svg());
		Element p99 = elements(chart.getDocumentElement(), "g", "ratio").get(1);
		assertThat(p99.getAttribute("data-max")).isEqualTo("4.0000");
		assertThat(elements(p99, "path", "range-off-scale")).hasSize(1);
		assertThat(elements(p99, "line", "range-cap")).hasSize(1);
		assertThat(p99.getTextContent()).contains("2.50 (1.00-4.00, n=2)");
		addRounds(result, new double[][] { { 100, 10 } }, new double[][] { { 97, 40 } });
		Element offScale = elements(parse(new RatioChart("title", List.of(result)).svg()).getDocumentElement(), "g",
				"ratio").get(1);
		assertThat(offScale.getTextContent()).contains("4.00 (1.00-4.00, n=3) median off scale");
	}

	@Test
	void anInvalidRatioIsSaidToBeInvalid() throws Exception {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		result.addRound(Map.of("msgPerSec", 100.0, "errors", 0.0), Map.of("msgPerSec", 0.0, "errors", 100.0),
				RoundOrder.of(1));
		Element row = elements(parse(new RatioChart("title", List.of(result)).svg()).getDocumentElement(), "g",
				"ratio").get(0);
		assertThat(row.getTextContent()).contains("0.00 (0.00-0.00, n=1) INVALID");
		assertThat(one(row, "rect", "median-bar").getAttribute("fill")).isEqualTo("#9e9e9e");
	}

	@Test
	void aSkippedScenarioHasARowThatSaysWhy() throws Exception {
		ScenarioResult measured = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		addRounds(measured, new double[][] { { 100 } }, new double[][] { { 97 } });
		ScenarioResult skipped = new ScenarioResult("RESP", "resp", "redis-server", Scenarios.respMetrics());
		skipped.skip("skipped: demo has no RESP server");
		Document chart = parse(new RatioChart("title", List.of(measured, skipped)).svg());
		assertThat(elements(chart.getDocumentElement(), "g", "ratio")).hasSize(1);
		List<Element> skippedRows = elements(chart.getDocumentElement(), "g", "skipped");
		assertThat(skippedRows).singleElement()
			.satisfies((row) -> assertThat(row.getTextContent()).isEqualTo("RESP  skipped: demo has no RESP server"));
	}

	private static void addRounds(ScenarioResult result, double[][] baseline, double[][] demo) {
		for (int round = 0; round < baseline.length; round++) {
			result.addRound(values(result, baseline[round]), values(result, demo[round]),
					RoundOrder.of(result.orders().size() + 1));
		}
	}

	private static Map<String, Double> values(ScenarioResult result, double[] figures) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (int i = 0; i < figures.length; i++) {
			values.put(result.metrics().get(i).key(), figures[i]);
		}
		return values;
	}

	private static Document parse(String svg) throws Exception {
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		return document;
	}

	private static List<Element> elements(Element parent, String tag, String cssClass) {
		NodeList nodes = parent.getElementsByTagName(tag);
		List<Element> elements = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			Element element = (Element) nodes.item(i);
			if (element.getAttribute("class").equals(cssClass)) {
				elements.add(element);
			}
		}
		return elements;
	}

	private static Element one(Element parent, String tag, String cssClass) {
		List<Element> elements = elements(parent, tag, cssClass);
		assertThat(elements).hasSize(1);
		return elements.get(0);
	}

	private static double number(Element element, String attribute) {
		return Double.parseDouble(element.getAttribute(attribute));
	}

}

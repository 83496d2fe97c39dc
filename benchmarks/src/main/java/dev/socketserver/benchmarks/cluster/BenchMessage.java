package dev.socketserver.benchmarks.cluster;

/**
 * A message of the cluster scenario as text: {@code sequence,identity,sentNanos,} and letters up to the payload
 * size, so that the receiver can tell which send it is, check that it reached the identity it was sent to, and
 * take its latency on the clock of the one process that sends and receives.
 *
 * @param sequence the send's number, from 0
 * @param identity index of the identity it was sent to
 * @param sentNanos {@link System#nanoTime()} when it was sent
 * @since 0.1.0
 */
record BenchMessage(long sequence, int identity, long sentNanos) {

	/**
	 * Returns the message as text of exactly {@code size} characters (more if the numbers need it).
	 * @param size the payload size
	 * @return the text
	 */
	String format(int size) {
		StringBuilder text = new StringBuilder(size);
		text.append(this.sequence).append(',').append(this.identity).append(',').append(this.sentNanos).append(',');
		for (int i = text.length(); i < size; i++) {
			text.append((char) ('a' + (i % 26)));
		}
		return text.toString();
	}

	/**
	 * Parses a message.
	 * @param text what {@link #format(int)} gave
	 * @return the message
	 * @throws IllegalArgumentException if the text is not a message
	 */
	static BenchMessage parse(String text) {
		int first = text.indexOf(',');
		int second = (first < 0) ? -1 : text.indexOf(',', first + 1);
		int third = (second < 0) ? -1 : text.indexOf(',', second + 1);
		if (third < 0) {
			throw new IllegalArgumentException("Not a benchmark message: " + abbreviate(text));
		}
		try {
			return new BenchMessage(Long.parseLong(text, 0, first, 10), Integer.parseInt(text, first + 1, second, 10),
					Long.parseLong(text, second + 1, third, 10));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a benchmark message: " + abbreviate(text), ex);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

}

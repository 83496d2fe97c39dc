package dev.socketserver.request;

import org.jspecify.annotations.Nullable;

/**
 * Replies in the order of the requests: the connection matches by position, so ids are only its sequence.
 */
final class InOrderCorrelation implements Correlation<Object> {

	static final InOrderCorrelation INSTANCE = new InOrderCorrelation();

	private InOrderCorrelation() {
	}

	@Override
	public Object requestId(Object request, long sequence) {
		return sequence;
	}

	/** What every received message answers: the oldest request, whatever its id. */
	private static final Object OLDEST = "oldest";

	@Override
	public @Nullable Object replyId(Object message) {
		return OLDEST;
	}

	@Override
	public boolean isInOrder() {
		return true;
	}

	@Override
	public String toString() {
		return "in order";
	}

}

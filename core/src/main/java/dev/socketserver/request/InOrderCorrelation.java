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

	@Override
	public @Nullable Object replyId(Object message) {
		return null;
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

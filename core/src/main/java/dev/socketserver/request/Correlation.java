package dev.socketserver.request;

import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * How a server tells which request a received message answers: reads an id from each request as it is sent
 * (writing one into it if the protocol numbers its requests) and from each received message. A received message
 * whose id matches a pending request completes that request instead of reaching the handler. One strategy per
 * server, shared by its connections: implementations must be thread-safe and keep no per-connection state (the
 * connection provides a sequence number).
 *
 * @param <T> the message type of the server's codec
 * @since 0.1.0
 */
public interface Correlation<T> {

	/**
	 * Returns the id of a request about to be sent.
	 * @param request the request, which the correlation may change (number) before it is encoded
	 * @param sequence a number the connection increments for each of its requests, starting at 1, for protocols
	 * whose requests carry a sequence number
	 * @return the id its reply will carry; compared with {@link Object#equals}
	 * @throws Exception if the request has no id and cannot be given one
	 */
	Object requestId(T request, long sequence) throws Exception;

	/**
	 * Returns the id of the request a received message answers.
	 * @param message the message, as decoded; not to be changed or released
	 * @return the id, or {@code null} if the message is no reply
	 * @throws Exception if the message cannot be read; it is then treated as no reply
	 */
	@Nullable Object replyId(T message) throws Exception;

	/**
	 * Returns whether replies carry no id and come in the order of the requests: then every received message for
	 * which {@link #replyId} is not {@code null} answers the oldest pending request, whatever the id.
	 * @return whether the protocol answers strictly in sequence
	 */
	default boolean isInOrder() {
		return false;
	}

	/**
	 * Returns this correlation restricted to the received messages that can be replies, so that an unsolicited
	 * message whose bytes happen to look like a pending id is not taken for a reply.
	 * @param isReply which received messages are replies
	 * @return the restricted correlation
	 */
	default Correlation<T> repliesOnly(Predicate<? super T> isReply) {
		Objects.requireNonNull(isReply, "'isReply' must not be null");
		Correlation<T> correlation = this;
		return new Correlation<>() {

			@Override
			public Object requestId(T request, long sequence) throws Exception {
				return correlation.requestId(request, sequence);
			}

			@Override
			public @Nullable Object replyId(T message) throws Exception {
				return isReply.test(message) ? correlation.replyId(message) : null;
			}

			@Override
			public boolean isInOrder() {
				return correlation.isInOrder();
			}

			@Override
			public String toString() {
				return correlation + ", replies only where " + isReply;
			}

		};
	}

	/**
	 * Returns the correlation of protocols that answer every request, in order, before anything else (as RESP
	 * does).
	 * @param <T> the message type
	 * @return the correlation
	 */
	@SuppressWarnings("unchecked")
	static <T> Correlation<T> inOrder() {
		return (Correlation<T>) InOrderCorrelation.INSTANCE;
	}

	/**
	 * Returns the correlation of JSON messages that carry the id in a top-level field, as JSON-RPC does with
	 * {@code id}. A request without the field gets the connection's sequence number in it (for JSON trees and
	 * maps); records and other objects must carry it. Ids are compared by their text, so {@code 7} answers
	 * {@code "7"}.
	 * @param field the field name
	 * @return the correlation
	 */
	static Correlation<Object> jsonField(String field) {
		return new JsonFieldCorrelation(field);
	}

	/**
	 * Returns the correlation of binary messages ({@code ByteBuf} or {@code byte[]} payloads) that carry the id as
	 * an unsigned big-endian number at a fixed offset: where the request has it and where the reply repeats it
	 * (as JT808's general response repeats the serial number of what it answers).
	 * @param requestOffset the id's offset in a request's payload
	 * @param replyOffset the id's offset in a reply's payload
	 * @param length the id's length: 1, 2, 4 or 8 bytes
	 * @return the correlation
	 */
	static Correlation<Object> binaryField(int requestOffset, int replyOffset, int length) {
		return new BinaryFieldCorrelation(requestOffset, replyOffset, length, false);
	}

	/**
	 * Returns the correlation of {@link #binaryField binary messages} whose sequence number the connection
	 * assigns: it is written into each request at its offset, counting up from 1 and wrapping around at the
	 * field's size (65,535 to 0 for two bytes). A number still pending when it comes round again refuses the
	 * request.
	 * @param requestOffset the sequence number's offset in a request's payload
	 * @param replyOffset the offset in a reply's payload where it is repeated
	 * @param length the field's length: 1, 2, 4 or 8 bytes
	 * @return the correlation
	 */
	static Correlation<Object> binarySequence(int requestOffset, int replyOffset, int length) {
		return new BinaryFieldCorrelation(requestOffset, replyOffset, length, true);
	}

}

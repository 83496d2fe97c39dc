package dev.socketserver.heartbeat;

import java.util.Arrays;
import java.util.Objects;

/**
 * What heartbeat pings and pongs look like in a server's protocol: recognises them among received messages and
 * builds them to send. Thread-safe.
 *
 * @param <T> the message type of the server's codec
 * @since 0.1.0
 */
public interface HeartbeatMessages<T> {

	/**
	 * Returns whether a received message is a ping from the client.
	 * @param message the message
	 * @return whether it is a ping
	 */
	boolean isPing(T message);

	/**
	 * Returns whether a received message is a pong answering the server's ping.
	 * @param message the message
	 * @return whether it is a pong
	 */
	boolean isPong(T message);

	/**
	 * Builds a ping to send.
	 * @return the ping
	 */
	T ping();

	/**
	 * Builds the pong answering a client's ping.
	 * @param ping the client's ping
	 * @return the pong
	 */
	T pong(T ping);

	/**
	 * Pings and pongs that are whole string messages, for text protocols such as the line codec.
	 * @param ping the ping, such as {@code "PING"}
	 * @param pong the pong, such as {@code "PONG"}
	 * @return the heartbeat messages
	 */
	static HeartbeatMessages<String> strings(String ping, String pong) {
		Objects.requireNonNull(ping, "'ping' must not be null");
		Objects.requireNonNull(pong, "'pong' must not be null");
		return new HeartbeatMessages<>() {

			@Override
			public boolean isPing(String message) {
				return ping.equals(message);
			}

			@Override
			public boolean isPong(String message) {
				return pong.equals(message);
			}

			@Override
			public String ping() {
				return ping;
			}

			@Override
			public String pong(String received) {
				return pong;
			}

			@Override
			public String toString() {
				return ping + "/" + pong;
			}

		};
	}

	/**
	 * Pings and pongs that are whole byte-array messages, for binary protocols with a fixed heartbeat frame.
	 * @param ping the ping's bytes
	 * @param pong the pong's bytes
	 * @return the heartbeat messages
	 */
	static HeartbeatMessages<byte[]> bytes(byte[] ping, byte[] pong) {
		byte[] pingBytes = ping.clone();
		byte[] pongBytes = pong.clone();
		return new HeartbeatMessages<>() {

			@Override
			public boolean isPing(byte[] message) {
				return Arrays.equals(pingBytes, message);
			}

			@Override
			public boolean isPong(byte[] message) {
				return Arrays.equals(pongBytes, message);
			}

			@Override
			public byte[] ping() {
				return pingBytes.clone();
			}

			@Override
			public byte[] pong(byte[] received) {
				return pongBytes.clone();
			}

		};
	}

}

package dev.socketserver.benchmarks.request;

import java.util.concurrent.CompletionStage;

import io.netty.channel.EventLoop;

/**
 * One side of the comparison: sends a request and completes with its reply, matched by a sequence number in the
 * payload's first four bytes, which the echo server sends back unchanged.
 */
interface Requester extends AutoCloseable {

	/**
	 * Returns the single event loop every connection of this requester runs on.
	 */
	EventLoop loop();

	/**
	 * Sends a request on the connection of a slot; on the loop.
	 * @param slot the slot, which picks the connection
	 * @param payload the payload; its first four bytes are the sequence number's place
	 * @return the reply
	 */
	CompletionStage<byte[]> request(int slot, byte[] payload);

	/**
	 * Writes what was requested outside a read; on the loop.
	 */
	void flush();

	@Override
	void close();

}

package dev.socketserver.benchmarks.cluster;

import java.util.concurrent.CompletionStage;

/**
 * Where the cluster scenario's messages go: sends to one of a fixed set of identities, and a receiver that hears
 * each message delivered with the index of the identity that got it.
 *
 * @since 0.1.0
 */
interface SendPath extends AutoCloseable {

	/**
	 * Sends a message to an identity.
	 * @param identity index of the identity
	 * @param message the text
	 * @return completes with the number of recipients the send reached
	 */
	CompletionStage<Integer> send(int identity, String message);

	/**
	 * Stops everything the path started.
	 */
	@Override
	void close();

	/**
	 * Hears what the identities receive.
	 */
	@FunctionalInterface
	interface Receiver {

		void received(int identity, String message);

	}

}

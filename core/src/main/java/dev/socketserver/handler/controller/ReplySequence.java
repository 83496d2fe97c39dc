package dev.socketserver.handler.controller;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;

import dev.socketserver.connection.ConnectionAttribute;
import org.jspecify.annotations.Nullable;

/**
 * The replies of one connection that wait for an earlier asynchronous reply, so that replies leave in the order
 * of the messages that caused them. Created for a connection the first time one of its methods returns a stage
 * that is not complete; until then replies are sent at once, with nothing to look up but this attribute.
 * <p>
 * Replies are added by the thread that runs the connection's methods (one at a time); stages complete on any
 * thread. One thread at a time delivers, outside the lock, so the application's error methods never run under
 * it; what such a method replies while its turn is delivered goes out at once, in that turn.
 */
final class ReplySequence {

	static final ConnectionAttribute<ReplySequence> ATTRIBUTE = ConnectionAttribute
		.named(ReplySequence.class.getName());

	private final ArrayDeque<Slot> slots = new ArrayDeque<>();

	private final Delivery delivery;

	private @Nullable Thread deliverer;

	ReplySequence(Delivery delivery) {
		this.delivery = delivery;
	}

	/**
	 * Holds a reply if earlier ones are still awaited or being delivered.
	 * @return whether the reply was taken; if not, the caller sends it at once
	 */
	boolean holdIfBehind(Object reply) {
		synchronized (this) {
			if ((this.slots.isEmpty() && this.deliverer == null) || this.deliverer == Thread.currentThread()) {
				return false;
			}
			Slot slot = new Slot();
			slot.complete(reply, null);
			this.slots.add(slot);
		}
		deliverReady();
		return true;
	}

	/**
	 * Takes a place in the sequence for a stage and delivers its outcome at its turn.
	 */
	void await(CompletionStage<?> stage) {
		Slot slot = new Slot();
		synchronized (this) {
			this.slots.add(slot);
		}
		stage.whenComplete((value, error) -> {
			synchronized (this) {
				slot.complete(value, error);
			}
			deliverReady();
		});
	}

	private void deliverReady() {
		synchronized (this) {
			if (this.deliverer != null) {
				return;
			}
			this.deliverer = Thread.currentThread();
		}
		for (;;) {
			Slot head;
			synchronized (this) {
				head = this.slots.peek();
				if (head == null || !head.done) {
					this.deliverer = null;
					return;
				}
				this.slots.poll();
			}
			try {
				this.delivery.deliver(head.value, head.error);
			}
			catch (RuntimeException ex) {
				// Delivery reports its own failures; the replies behind it still go out.
			}
		}
	}

	/**
	 * Sends a reply, or handles a failed stage, in its turn.
	 */
	@FunctionalInterface
	interface Delivery {

		void deliver(@Nullable Object value, @Nullable Throwable error);

	}

	private static final class Slot {

		private boolean done;

		private @Nullable Object value;

		private @Nullable Throwable error;

		void complete(@Nullable Object value, @Nullable Throwable error) {
			this.value = value;
			this.error = error;
			this.done = true;
		}

	}

}

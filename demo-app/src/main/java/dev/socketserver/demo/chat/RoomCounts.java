package dev.socketserver.demo.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.cluster.ClusterPresence;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many are in a chat room on every node, when the cluster is on. {@link ClusterPresence} asks Redis on the
 * calling thread, which must not be an event loop: the count runs on a thread of its own here, and the handler
 * writes its reply when the count completes.
 */
@Component
class RoomCounts implements DisposableBean {

	private final ObjectProvider<ClusterPresence> presence;

	private final AtomicInteger threads = new AtomicInteger();

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "chat-presence-" + this.threads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	RoomCounts(ObjectProvider<ClusterPresence> presence) {
		this.presence = presence;
	}

	/**
	 * Counts the members of a room on every node, or returns {@code null} without a cluster.
	 */
	@Nullable CompletableFuture<Integer> inCluster(String server, String room) {
		ClusterPresence cluster = this.presence.getIfAvailable();
		if (cluster == null) {
			return null;
		}
		return CompletableFuture.supplyAsync(() -> cluster.countOnline(server, room), this.executor);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}

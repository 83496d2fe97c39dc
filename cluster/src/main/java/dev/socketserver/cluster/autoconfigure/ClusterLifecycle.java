package dev.socketserver.cluster.autoconfigure;

import dev.socketserver.autoconfigure.SocketServerLifecycle;
import dev.socketserver.cluster.ClusterMessageRouter;
import dev.socketserver.cluster.ClusterNode;

import org.springframework.context.SmartLifecycle;

/**
 * Joins the cluster before the socket servers start and leaves it after they stopped, so that every connection
 * is registered from its first moment and the node's entries go at once when the last one has closed.
 *
 * @since 0.1.0
 */
public class ClusterLifecycle implements SmartLifecycle {

	/** Before the servers' start and after their stop. */
	public static final int PHASE = SocketServerLifecycle.START_STOP_PHASE - 1024;

	private final ClusterNode node;

	private final ClusterMessageRouter router;

	private volatile boolean running;

	/**
	 * Creates the lifecycle of a node.
	 * @param node the node
	 * @param router its router
	 */
	public ClusterLifecycle(ClusterNode node, ClusterMessageRouter router) {
		this.node = node;
		this.router = router;
	}

	@Override
	public void start() {
		this.node.start(this.router.inbox());
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.router.close();
		this.node.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

package dev.socketserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.socketserver.server.SocketServers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's membership of the cluster: its heartbeat key, its subscription to its own channel and the
 * broadcast channel, the probe that proves the subscription works, the search for dead nodes, and the threads
 * that talk to Redis. Nothing here runs on an event loop.
 * <p>
 * The node counts as connected while its last heartbeat write succeeded and its last probe came back through
 * its own channel within the probe timeout: a subscription that died silently makes it unavailable too.
 *
 * @since 0.1.0
 */
public final class ClusterNode {

	private static final Logger logger = LoggerFactory.getLogger(ClusterNode.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private final ClusterSettings settings;

	private final ClusterDelivery delivery;

	private final @Nullable ClusterStreamReader streamReader;

	private final ClusterKeys keys;

	private final RedisConnectionFactory connectionFactory;

	private final ClusterRedis redis;

	private final ClusterRegistry registry;

	private final ScheduledThreadPoolExecutor scheduler;

	private final ClusterSender sender;

	private final ExecutorService receiver;

	private final CompletableFuture<Void> firstProbe = new CompletableFuture<>();

	private volatile @Nullable RedisMessageListenerContainer container;

	private final List<ChannelTopic> topics;

	private volatile @Nullable MessageListener inbox;

	/** Heartbeats written in a row, so that a resubscription waits for Lettuce's own after a reconnect. */
	private int heartbeatsWritten;

	private volatile List<String> liveNodes = List.of();

	private volatile boolean heartbeatOk;

	private volatile long lastProbeNanos;

	private volatile long probeRoundTripNanos = -1;

	private volatile boolean running;

	/**
	 * Creates a node; {@link #start} joins the cluster.
	 * @param settings the node's settings
	 * @param connectionFactory the connections to Redis
	 * @param servers this node's servers
	 * @param changes the listener that collects this node's registry changes
	 */
	public ClusterNode(ClusterSettings settings, RedisConnectionFactory connectionFactory, SocketServers servers,
			ClusterRegistryListener changes) {
		this(settings, ClusterDelivery.DEFAULT, connectionFactory, servers, changes);
	}

	/**
	 * Creates a node with a delivery mode per server; {@link #start} joins the cluster.
	 * @param settings the node's settings
	 * @param delivery what is guaranteed for the messages of each server
	 * @param connectionFactory the connections to Redis
	 * @param servers this node's servers
	 * @param changes the listener that collects this node's registry changes
	 */
	public ClusterNode(ClusterSettings settings, ClusterDelivery delivery, RedisConnectionFactory connectionFactory,
			SocketServers servers, ClusterRegistryListener changes) {
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
		this.delivery = Objects.requireNonNull(delivery, "'delivery' must not be null");
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "'connectionFactory' must not be null");
		this.keys = new ClusterKeys(settings.keyPrefix());
		this.redis = new ClusterRedis(connectionFactory, this.keys, settings.nodeId());
		this.topics = List.of(new ChannelTopic(this.keys.channel(settings.nodeId())),
				new ChannelTopic(this.keys.broadcast()));
		this.scheduler = new ScheduledThreadPoolExecutor(2, threads("socket-cluster-heartbeat-"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.sender = new ClusterSender(settings.sendThreads(), settings.outboundQueueCapacity(),
				threads("socket-cluster-send-"));
		this.receiver = Executors.newSingleThreadExecutor(threads("socket-cluster-receive-"));
		this.registry = new ClusterRegistry(changes, servers, this.redis.template(), this.keys, settings.nodeId(),
				this.scheduler, settings.registryFlushDelay().toNanos());
		this.streamReader = delivery.usesStreams() ? new ClusterStreamReader(connectionFactory,
				this.keys.stream(settings.nodeId()), settings.nodeId(), settings.heartbeatInterval()) : null;
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Returns this node's id.
	 * @return the id
	 */
	public String id() {
		return this.settings.nodeId();
	}

	/**
	 * Returns what is guaranteed for the messages of each server.
	 * @return the delivery settings
	 */
	public ClusterDelivery delivery() {
		return this.delivery;
	}

	/**
	 * Returns the node's settings.
	 * @return the settings
	 */
	public ClusterSettings settings() {
		return this.settings;
	}

	/**
	 * Joins the cluster: subscribes, writes the heartbeat and the registry, then waits (up to the probe timeout)
	 * for the first probe to come back, so that sends right after start reach the other nodes.
	 * @param inbox what receives the envelopes of this node's channel and of the broadcast channel, and those of
	 * its stream when some server is delivered at least once
	 */
	public synchronized void start(MessageListener inbox) {
		if (this.running) {
			return;
		}
		this.inbox = inbox;
		subscribe(inbox);
		if (this.streamReader != null && inbox instanceof ClusterStreamReader.Listener entries) {
			this.streamReader.start(entries);
		}
		this.registry.start();
		this.running = true;
		long interval = this.settings.heartbeatInterval().toNanos();
		this.scheduler.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.NANOSECONDS);
		try {
			this.firstProbe.get(this.settings.probeTimeout().toNanos(), TimeUnit.NANOSECONDS);
			logger.info("Cluster node '{}' joined the cluster ({} live nodes)", id(), this.liveNodes.size());
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.warn("Cluster node '{}' started, but its channel did not answer within {}: it reports DOWN "
					+ "until it does", id(), this.settings.probeTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Subscribes to this node's channels; when Redis cannot be reached, the node starts without a subscription
	 * and a later heartbeat subscribes.
	 */
	private void subscribe(MessageListener inbox) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connectionFactory);
		container.setTaskExecutor(this.receiver);
		container.setBeanName("socketClusterListenerContainer");
		container.addMessageListener(inbox, this.topics);
		try {
			container.afterPropertiesSet();
			container.start();
			this.container = container;
		}
		catch (RuntimeException ex) {
			// A container whose first subscription failed does not try again: the next heartbeat makes a new one.
			destroy(container);
			logger.warn("Cluster node '{}' could not subscribe to its channel ({}): it reports DOWN until it can",
					id(), ex.getMessage());
		}
	}

	@Nullable ClusterStreamReader streamReader() {
		return this.streamReader;
	}

	/**
	 * Sets what runs on the cluster's scheduler once identities with local connections are written to the
	 * registry.
	 */
	void onIdentitiesRegistered(@Nullable Consumer<List<ClusterRegistryListener.RegistryKey>> registered) {
		this.registry.onRegistered(registered);
	}

	private void destroy(RedisMessageListenerContainer container) {
		try {
			container.stop();
			container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not stop the listener container of cluster node '{}'", id(), ex);
		}
	}

	/**
	 * Leaves the cluster: stops the heartbeat and removes this node's registry entries and heartbeat at once,
	 * so that other nodes stop routing here without waiting for the time to live.
	 */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.registry.stop();
		shutdown(this.scheduler);
		// Before leaving: a reader still running would create the stream again that leaving deletes.
		stopStreamReader();
		try {
			this.redis.leave();
			logger.info("Cluster node '{}' left the cluster", id());
		}
		catch (RuntimeException ex) {
			logger.warn("Cluster node '{}' could not remove its entries; other nodes remove them once its heartbeat "
					+ "expires", id(), ex);
		}
		stopReceiving();
	}

	/**
	 * Stops as a crashed node would: no more heartbeats, probes or deliveries, and nothing removed from Redis.
	 */
	synchronized void halt() {
		this.running = false;
		this.registry.stop();
		shutdown(this.scheduler);
		stopReceiving();
	}

	private void stopStreamReader() {
		if (this.streamReader != null) {
			this.streamReader.stop();
		}
	}

	private void stopReceiving() {
		stopStreamReader();
		RedisMessageListenerContainer container = this.container;
		this.container = null;
		if (container != null) {
			destroy(container);
		}
		shutdown(this.sender.threads());
		shutdown(this.receiver);
	}

	private static void shutdown(ExecutorService executor) {
		executor.shutdownNow();
		try {
			executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns whether this node is connected to the cluster: its heartbeat is written and its probe comes back.
	 * Sends for other nodes fail at once while it is not.
	 * @return whether the node is connected
	 */
	public boolean isAvailable() {
		long probed = this.lastProbeNanos;
		return this.running && this.heartbeatOk && probed != 0
				&& System.nanoTime() - probed < this.settings.probeTimeout().toNanos();
	}

	/**
	 * Returns how long ago the last probe came back through this node's channel.
	 * @return the age, or {@code null} if none has
	 */
	public @Nullable Duration lastProbeAge() {
		long probed = this.lastProbeNanos;
		return (probed != 0) ? Duration.ofNanos(System.nanoTime() - probed) : null;
	}

	/**
	 * Returns the round trip of the last probe that came back.
	 * @return the round trip, or {@code null} if none has
	 */
	public @Nullable Duration lastProbeRoundTrip() {
		long roundTrip = this.probeRoundTripNanos;
		return (roundTrip >= 0) ? Duration.ofNanos(roundTrip) : null;
	}

	/**
	 * Returns whether the last heartbeat write succeeded.
	 * @return whether Redis took the heartbeat
	 */
	public boolean isHeartbeatWritten() {
		return this.heartbeatOk;
	}

	/**
	 * Returns the live nodes, this one included, as of the last heartbeat.
	 * @return the node ids
	 */
	public List<String> liveNodes() {
		return this.liveNodes;
	}

	/**
	 * Returns the number of sends waiting for a send thread or for Redis to answer.
	 * @return the queue depth
	 */
	public int queueDepth() {
		return this.sender.depth();
	}

	/**
	 * Returns the number of registry entries this node holds: its identities and groups with open connections.
	 * @return the entry count
	 */
	public int registrySize() {
		return this.registry.size();
	}

	private void heartbeat() {
		try {
			boolean existed = this.redis.heartbeat(this.settings.nodeTtl());
			if (!this.heartbeatOk) {
				logger.info("Cluster node '{}' reaches Redis", id());
			}
			this.heartbeatOk = true;
			this.heartbeatsWritten++;
			if (!existed || this.registry.isResyncNeeded()) {
				this.registry.resync();
			}
			this.liveNodes = this.redis.reap();
			MessageListener inbox = this.inbox;
			if (this.container == null && inbox != null) {
				subscribe(inbox);
			}
			resubscribeIfSilent();
			this.redis.publish(this.keys.channel(id()), new ClusterEnvelope(ClusterEnvelope.Type.PROBE, id(), "", "",
					System.currentTimeMillis(), System.nanoTime(), 0, new byte[0], ""));
		}
		catch (RuntimeException ex) {
			if (!this.running) {
				// Interrupted by stop or halt.
				return;
			}
			if (this.heartbeatOk) {
				logger.warn("Cluster node '{}' cannot reach Redis: sends to other nodes fail until it can", id(), ex);
			}
			this.heartbeatOk = false;
			this.heartbeatsWritten = 0;
			this.registry.resyncNeeded();
		}
	}

	/**
	 * Subscribes again when Redis takes the heartbeats but the probes have not come back for twice the probe
	 * timeout: the subscription died without the connection dropping.
	 */
	private void resubscribeIfSilent() {
		RedisMessageListenerContainer container = this.container;
		MessageListener inbox = this.inbox;
		long probed = this.lastProbeNanos;
		if (container == null || inbox == null || this.heartbeatsWritten < 2 || probed == 0
				|| System.nanoTime() - probed < 2 * this.settings.probeTimeout().toNanos()) {
			return;
		}
		logger.warn("Cluster node '{}' hears nothing on its channel although Redis answers: subscribing again", id());
		container.removeMessageListener(inbox);
		container.addMessageListener(inbox, this.topics);
	}

	/**
	 * Drops the subscription while the connection stays up, as a subscription lost on the server side would.
	 */
	void dropSubscription() {
		RedisMessageListenerContainer container = this.container;
		MessageListener inbox = this.inbox;
		if (container != null && inbox != null) {
			container.removeMessageListener(inbox);
		}
	}

	void probeReturned(long sentNanos) {
		long now = System.nanoTime();
		this.probeRoundTripNanos = now - sentNanos;
		this.lastProbeNanos = now;
		this.firstProbe.complete(null);
	}

	/**
	 * Runs Redis work on a send thread.
	 * @throws RejectedExecutionException when the outbound queue is full or the node stopped
	 */
	<T> CompletableFuture<T> submit(Callable<T> work) {
		return this.sender.submit(work);
	}

	ClusterSender sender() {
		return this.sender;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	ClusterKeys keys() {
		return this.keys;
	}

	ClusterRedis redis() {
		return this.redis;
	}

}

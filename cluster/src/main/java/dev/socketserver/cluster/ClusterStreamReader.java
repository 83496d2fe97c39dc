package dev.socketserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

/**
 * Reads this node's stream with the consumer group {@value ClusterKeys#STREAM_GROUP} on a thread and a Redis
 * connection of its own (a blocking {@code XREADGROUP} would hold up every command on the shared one), hands
 * each entry to the listener and acknowledges a batch once its messages are handed to the connections.
 * <p>
 * Whenever it (re)connects, it first reads this consumer's pending entries (id {@code 0}): those read before a
 * crash or a lost connection and never acknowledged come again, flagged as redelivered, before new ones. It is
 * an own loop rather than Spring Data's {@code StreamMessageListenerContainer} because the container reads
 * pending entries at no reconnect and cancels its subscription on the first read error by default.
 */
final class ClusterStreamReader {

	private static final Logger logger = LoggerFactory.getLogger(ClusterStreamReader.class);

	private static final int BATCH = 100;

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private final RedisConnectionFactory connectionFactory;

	private final byte[] stream;

	private final String streamName;

	private final Consumer consumer;

	private final Duration block;

	private final AtomicInteger threads = new AtomicInteger();

	private @Nullable Listener listener;

	private @Nullable ExecutorService thread;

	private CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	private volatile @Nullable RedisConnection connection;

	ClusterStreamReader(RedisConnectionFactory connectionFactory, String stream, String node, Duration block) {
		this.connectionFactory = connectionFactory;
		this.streamName = stream;
		this.stream = ClusterKeys.bytes(stream);
		this.consumer = Consumer.from(ClusterKeys.STREAM_GROUP, node);
		this.block = blockWithin(connectionFactory, block);
	}

	/**
	 * A blocking read must come back before the command timeout, or each would count as a failure.
	 */
	private static Duration blockWithin(RedisConnectionFactory connectionFactory, Duration block) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.getTimeout() > 0) {
			Duration half = Duration.ofMillis(Math.max(1, lettuce.getTimeout() / 2));
			return (half.compareTo(block) < 0) ? half : block;
		}
		return block;
	}

	/**
	 * Starts reading on a new thread, pending entries first.
	 */
	synchronized void start(Listener listener) {
		if (this.thread != null) {
			return;
		}
		this.listener = listener;
		this.running = true;
		this.stopped = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
			Thread reader = new Thread(task, "socket-cluster-stream-" + this.threads.incrementAndGet());
			reader.setDaemon(true);
			return reader;
		});
		this.thread = thread;
		CountDownLatch stopped = this.stopped;
		thread.execute(() -> run(listener, stopped));
	}

	/**
	 * Stops reading as a crash would: what was read and not acknowledged stays pending for the next start.
	 */
	synchronized void stop() {
		ExecutorService thread = this.thread;
		this.thread = null;
		if (thread == null) {
			return;
		}
		this.running = false;
		this.stopped.countDown();
		thread.shutdownNow();
		try {
			if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				close(this.connection);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts again after {@link #stop()} with the last listener, as a restarted reader would.
	 */
	synchronized void restart() {
		Listener listener = this.listener;
		if (listener != null) {
			start(listener);
		}
	}

	private void run(Listener listener, CountDownLatch stopped) {
		boolean failing = false;
		while (this.running) {
			RedisConnection connection = null;
			try {
				connection = this.connectionFactory.getConnection();
				this.connection = connection;
				createGroup(connection);
				readPending(connection, listener);
				if (failing) {
					logger.info("Cluster stream '{}' is read again", this.streamName);
					failing = false;
				}
				while (this.running) {
					List<ByteRecord> records = read(connection, ReadOffset.lastConsumed(), true);
					deliver(connection, records, listener, false);
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				if (!failing) {
					logger.warn("Cluster stream '{}' cannot be read ({}): reading again, pending entries first, once "
							+ "Redis answers", this.streamName, ex.getMessage());
					failing = true;
				}
				else {
					logger.debug("Cluster stream '{}' still cannot be read", this.streamName, ex);
				}
				pause(stopped);
			}
			finally {
				this.connection = null;
				close(connection);
			}
		}
	}

	private void createGroup(RedisConnection connection) {
		try {
			connection.streamCommands().xGroupCreate(this.stream, ClusterKeys.STREAM_GROUP, ReadOffset.from("0"), true);
		}
		catch (RuntimeException ex) {
			if (!isBusyGroup(ex)) {
				throw ex;
			}
		}
	}

	private static boolean isBusyGroup(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("BUSYGROUP")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads this consumer's entries that were read before and never acknowledged, oldest first.
	 */
	private void readPending(RedisConnection connection, Listener listener) {
		ReadOffset offset = ReadOffset.from("0");
		while (this.running) {
			List<ByteRecord> records = read(connection, offset, false);
			if (records.isEmpty()) {
				return;
			}
			deliver(connection, records, listener, true);
			offset = ReadOffset.from(records.get(records.size() - 1).getId());
		}
	}

	@SuppressWarnings("unchecked")
	private List<ByteRecord> read(RedisConnection connection, ReadOffset offset, boolean blocking) {
		StreamReadOptions options = StreamReadOptions.empty().count(BATCH);
		if (blocking) {
			options = options.block(this.block);
		}
		List<ByteRecord> records = connection.streamCommands()
			.xReadGroup(this.consumer, options, StreamOffset.create(this.stream, offset));
		return (records != null) ? records : List.of();
	}

	private void deliver(RedisConnection connection, List<ByteRecord> records, Listener listener,
			boolean redelivered) {
		if (records.isEmpty()) {
			return;
		}
		List<RecordId> ids = new ArrayList<>(records.size());
		for (ByteRecord record : records) {
			ids.add(record.getId());
			Map<byte[], byte[]> fields = record.getValue();
			// A pending entry trimmed away since it was read comes back without fields: nothing to deliver.
			if (fields != null) {
				for (byte[] envelope : fields.values()) {
					listener.onEntry(envelope, redelivered);
				}
			}
		}
		connection.streamCommands().xAck(this.stream, ClusterKeys.STREAM_GROUP, ids.toArray(RecordId[]::new));
	}

	private void pause(CountDownLatch stopped) {
		try {
			stopped.await(this.block.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static void close(@Nullable RedisConnection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close a cluster stream connection", ex);
			}
		}
	}

	/**
	 * Receives the envelopes of the stream, on the reader's thread.
	 */
	interface Listener {

		/**
		 * Delivers an envelope; it is acknowledged once the whole batch is delivered.
		 * @param envelope the encoded envelope
		 * @param redelivered whether it was read before and not acknowledged
		 */
		void onEntry(byte[] envelope, boolean redelivered);

	}

}

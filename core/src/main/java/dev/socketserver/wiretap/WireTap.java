package dev.socketserver.wiretap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.FrameListener;
import dev.socketserver.wiretap.WireTapEntry.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded capture of one connection's frames in both directions: it runs for a number of frames or a time,
 * whichever ends first, or until the connection closes, then detaches itself; what it captured stays readable.
 * Each frame is also logged under the logger {@value #LOGGER_NAME} at {@code INFO}. Safe from any thread.
 *
 * @since 0.1.0
 */
public final class WireTap implements FrameListener {

	/**
	 * Name of the logger that taps log their start, their frames and their end to.
	 */
	public static final String LOGGER_NAME = "dev.socketserver.wiretap";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private final Connection connection;

	private final String serverName;

	private final String connectionId;

	private final WireTapSettings settings;

	private final int frames;

	private final Duration duration;

	private final Instant startedAt;

	private final List<WireTapEntry> entries = new ArrayList<>();

	private final CountDownLatch attached = new CountDownLatch(1);

	private @Nullable Runnable detach;

	private @Nullable Future<?> timer;

	private @Nullable Instant endedAt;

	private @Nullable End end;

	WireTap(Connection connection, int frames, Duration duration, WireTapSettings settings) {
		this.connection = connection;
		this.serverName = connection.serverName();
		this.connectionId = connection.id();
		this.settings = settings;
		this.frames = frames;
		this.duration = duration;
		this.startedAt = Instant.now();
	}

	/**
	 * Attaches to the connection and starts the time bound.
	 */
	void start() {
		logger.info("Wire tap on connection {} of socket server '{}' started: up to {} frames or {}",
				this.connectionId, this.serverName, this.frames, this.duration);
		Runnable detach = this.connection.tap(this);
		Future<?> timer = null;
		try {
			timer = this.connection.channel()
				.eventLoop()
				.schedule(() -> end(End.TIME), this.duration.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The loops shut down: the close below ends the tap.
		}
		boolean ended;
		synchronized (this) {
			ended = this.end != null;
			this.detach = detach;
			this.timer = timer;
		}
		if (ended) {
			// Ended by its frames before it knew how to detach.
			detach.run();
			if (timer != null) {
				timer.cancel(false);
			}
		}
		this.connection.closeFuture().whenComplete((reason, ex) -> end(End.CONNECTION_CLOSED));
	}

	@Override
	public void attached() {
		this.attached.countDown();
	}

	/**
	 * Waits until the tap sees every frame of its connection: attaching takes a turn of the connection's event
	 * loop.
	 * @param timeout the longest to wait
	 * @return whether it is attached
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitAttached(Duration timeout) throws InterruptedException {
		return this.attached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Returns whether the tap has been attached to its connection (and may have ended since).
	 * @return whether it was attached
	 */
	public boolean isAttached() {
		return this.attached.getCount() == 0;
	}

	@Override
	public void received(@Nullable ByteBuf frame, @Nullable Object message) {
		capture(Direction.RECEIVED, frame, message);
	}

	@Override
	public void sent(@Nullable ByteBuf frame, @Nullable Object message) {
		capture(Direction.SENT, frame, message);
	}

	private void capture(Direction direction, @Nullable ByteBuf frame, @Nullable Object message) {
		if (!isActive()) {
			return;
		}
		WireTapEntry entry = entry(direction, frame, message);
		boolean full;
		synchronized (this) {
			if (this.end != null) {
				return;
			}
			this.entries.add(entry);
			full = this.entries.size() >= this.frames;
		}
		if (logger.isInfoEnabled()) {
			logger.info("{}/{} {} {}", this.serverName, this.connectionId, direction, describe(entry));
		}
		if (full) {
			end(End.FRAMES);
		}
	}

	private WireTapEntry entry(Direction direction, @Nullable ByteBuf frame, @Nullable Object message) {
		Instant now = Instant.now();
		int size = (frame != null) ? frame.readableBytes() : -1;
		WireTapMasker masker = this.settings.masker();
		if (masker == WireTapMasker.SIZES_ONLY) {
			// Nothing of the payload is ever turned into text.
			return new WireTapEntry(now, direction, size, null, false, null);
		}
		String hex = null;
		boolean truncated = false;
		if (frame != null) {
			int shown = Math.min(size, this.settings.maxBytesPerFrame());
			hex = ByteBufUtil.hexDump(frame, frame.readerIndex(), shown);
			truncated = shown < size;
		}
		String text = null;
		if (message != null) {
			String whole = String.valueOf(message);
			int max = this.settings.maxMessageLength();
			text = (whole.length() > max) ? escaped(whole, max) + "...(" + (whole.length() - max) + " more)"
					: escaped(whole, whole.length());
		}
		WireTapEntry entry = new WireTapEntry(now, direction, size, hex, truncated, text);
		return (masker != null) ? masker.mask(entry) : entry;
	}

	/**
	 * Returns the first characters of a text with control characters escaped: a peer's bytes must not be able to
	 * forge log lines (a line break) or drive a terminal.
	 */
	static String escaped(String text, int length) {
		StringBuilder out = null;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				if (out == null) {
					out = new StringBuilder(length + 16).append(text, 0, i);
				}
				out.append(String.format("\\u%04x", (int) c));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : text.substring(0, length);
	}

	private static String describe(WireTapEntry entry) {
		StringBuilder line = new StringBuilder();
		line.append((entry.size() >= 0) ? entry.size() + " bytes" : "message");
		if (entry.hex() != null) {
			line.append(' ').append(entry.hex()).append(entry.truncated() ? "..." : "");
		}
		if (entry.message() != null) {
			line.append(' ').append(entry.message());
		}
		return line.toString();
	}

	/**
	 * Ends the tap, unless it has ended already, and detaches it from the connection.
	 * @param end why it ends
	 * @return whether this call ended it
	 */
	boolean end(End end) {
		Runnable detach;
		Future<?> timer;
		int captured;
		synchronized (this) {
			if (this.end != null) {
				return false;
			}
			this.end = end;
			this.endedAt = Instant.now();
			detach = this.detach;
			timer = this.timer;
			captured = this.entries.size();
		}
		if (detach != null) {
			detach.run();
		}
		if (timer != null && end != End.TIME) {
			timer.cancel(false);
		}
		logger.info("Wire tap on connection {} of socket server '{}' ended ({}) with {} frames", this.connectionId,
				this.serverName, end.description, captured);
		return true;
	}

	/**
	 * Returns the name of the tapped connection's server.
	 * @return the server's name
	 */
	public String serverName() {
		return this.serverName;
	}

	/**
	 * Returns the tapped connection's id.
	 * @return the id
	 */
	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Returns the identity of the tapped connection now.
	 * @return the identity, or {@code null} if none is bound
	 */
	public @Nullable String identity() {
		return this.connection.identity();
	}

	/**
	 * Returns the most frames this tap captures.
	 * @return the frame bound
	 */
	public int frames() {
		return this.frames;
	}

	/**
	 * Returns the longest this tap runs.
	 * @return the time bound
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * Returns when this tap started.
	 * @return the start time
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * Returns when this tap ended.
	 * @return the end time, or {@code null} while it runs
	 */
	public synchronized @Nullable Instant endedAt() {
		return this.endedAt;
	}

	/**
	 * Returns why this tap ended.
	 * @return the reason, or {@code null} while it runs
	 */
	public synchronized @Nullable End end() {
		return this.end;
	}

	/**
	 * Returns whether this tap still captures.
	 * @return whether it is active
	 */
	public synchronized boolean isActive() {
		return this.end == null;
	}

	/**
	 * Returns the frames captured so far, oldest first.
	 * @return a copy of the entries
	 */
	public synchronized List<WireTapEntry> entries() {
		return List.copyOf(this.entries);
	}

	@Override
	public String toString() {
		return "Wire tap on connection " + this.connectionId + " of socket server '" + this.serverName + "'";
	}

	/**
	 * Why a tap ended.
	 */
	public enum End {

		/** It captured as many frames as it was asked to. */
		FRAMES("frame limit reached"),

		/** Its time ran out. */
		TIME("time limit reached"),

		/** The connection closed. */
		CONNECTION_CLOSED("connection closed"),

		/** It was stopped, or another tap of the same connection replaced it. */
		STOPPED("stopped");

		private final String description;

		End(String description) {
			this.description = description;
		}

	}

}

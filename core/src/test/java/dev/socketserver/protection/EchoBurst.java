package dev.socketserver.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Pushes a burst of messages at an echo server as fast as the socket takes them while reading the replies on a
 * second thread, and checks the replies byte for byte against what was sent: every reply, in order. The wire
 * form of message {@code i} comes from a function, so writer and reader agree without keeping the burst in
 * memory.
 */
public final class EchoBurst {

	private static final int CHUNK = 64 * 1024;

	private final IntFunction<byte[]> frames;

	private final IntFunction<byte[]> replies;

	private EchoBurst(IntFunction<byte[]> frames, IntFunction<byte[]> replies) {
		this.frames = frames;
		this.replies = replies;
	}

	/**
	 * A burst whose replies are the frames sent, unchanged.
	 */
	public static EchoBurst echoing(IntFunction<byte[]> frames) {
		return new EchoBurst(frames, frames);
	}

	/**
	 * A burst whose reply to message {@code i} is {@code replies.apply(i)}.
	 */
	public static EchoBurst replying(IntFunction<byte[]> frames, IntFunction<byte[]> replies) {
		return new EchoBurst(frames, replies);
	}

	/**
	 * Sends messages until at least {@code bytes} are written, on a connection of its own, then one more message
	 * after every reply arrived, to prove the connection is still served.
	 * @return what was sent and received
	 */
	public Result run(int port, long bytes, Duration within) throws Exception {
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout((int) within.toMillis());
			ExecutorService threads = Executors.newFixedThreadPool(2);
			try {
				int messages = countFor(bytes);
				Future<?> writer = threads.submit(() -> write(socket.getOutputStream(), messages));
				Verifier verifier = new Verifier(socket.getInputStream());
				Future<?> reader = threads.submit(() -> {
					for (int i = 0; i < messages; i++) {
						verifier.expectOne(i, this.replies.apply(i));
					}
					return null;
				});
				long start = System.nanoTime();
				try {
					writer.get(within.toMillis(), TimeUnit.MILLISECONDS);
					reader.get(within.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					throw new AssertionError("Burst stalled: " + verifier.verifiedMessages + " replies ("
							+ verifier.verifiedBytes + " bytes) verified within " + within, ex);
				}
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				byte[] after = this.frames.apply(messages);
				socket.getOutputStream().write(after);
				socket.getOutputStream().flush();
				verifier.expectOne(messages, this.replies.apply(messages));
				return new Result(messages, verifier.verifiedBytes, took);
			}
			finally {
				threads.shutdownNow();
			}
		}
	}

	private int countFor(long bytes) {
		long total = 0;
		int count = 0;
		while (total < bytes) {
			total += this.frames.apply(count++).length;
		}
		return count;
	}

	private Void write(OutputStream out, int messages) throws IOException {
		byte[] chunk = new byte[CHUNK];
		int used = 0;
		for (int i = 0; i < messages; i++) {
			byte[] frame = this.frames.apply(i);
			if (used + frame.length > chunk.length) {
				out.write(chunk, 0, used);
				used = 0;
			}
			if (frame.length > chunk.length) {
				out.write(frame);
			}
			else {
				System.arraycopy(frame, 0, chunk, used, frame.length);
				used += frame.length;
			}
		}
		out.write(chunk, 0, used);
		out.flush();
		return null;
	}

	/**
	 * Reads the replies and compares them with the ones expected, in order.
	 */
	private final class Verifier {

		private final InputStream in;

		private final byte[] buffer = new byte[CHUNK];

		private int start;

		private int end;

		volatile int verifiedMessages;

		volatile long verifiedBytes;

		Verifier(InputStream in) {
			this.in = in;
		}

		void expectOne(int index, byte[] expected) throws IOException {
			int matched = 0;
			while (matched < expected.length) {
				if (this.start == this.end) {
					fill();
				}
				int n = Math.min(expected.length - matched, this.end - this.start);
				int mismatch = Arrays.mismatch(this.buffer, this.start, this.start + n, expected, matched,
						matched + n);
				if (mismatch >= 0) {
					int at = this.start + mismatch;
					String got = new String(this.buffer, at, Math.min(60, this.end - at), StandardCharsets.UTF_8);
					throw new AssertionError("Reply " + index + " differs at byte " + (matched + mismatch) + " after "
							+ this.verifiedMessages + " replies were right: expected "
							+ new String(expected, StandardCharsets.UTF_8) + ", got ..." + got);
				}
				matched += n;
				this.start += n;
			}
			this.verifiedMessages = index + 1;
			this.verifiedBytes += expected.length;
		}

		private void fill() throws IOException {
			int n = this.in.read(this.buffer);
			if (n < 0) {
				throw new AssertionError("Connection closed after " + this.verifiedMessages + " replies");
			}
			this.start = 0;
			this.end = n;
		}

	}

	/**
	 * What a burst sent and received.
	 * @param messages the messages of the burst
	 * @param replyBytes the bytes of their replies
	 * @param took from the first byte sent to the last reply
	 */
	public record Result(int messages, long replyBytes, Duration took) {

		public double megabytesPerSecond() {
			return this.replyBytes / 1e6 / Math.max(this.took.toNanos() / 1e9, 1e-9);
		}

	}

}

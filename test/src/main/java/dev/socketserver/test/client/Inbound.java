package dev.socketserver.test.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * What a test client received: the bytes read so far, the messages decoded from them and not yet taken, and how
 * the peer ended the connection, if it did. Reads block for at most the time left to a deadline.
 */
final class Inbound {

	private final Socket socket;

	private final InputStream in;

	private final @Nullable MessageDecoder<Object> decoder;

	private final ByteBuf buffer = Unpooled.buffer(8192);

	private final byte[] chunk = new byte[8192];

	private final Deque<Object> messages = new ArrayDeque<>();

	private @Nullable String end;

	Inbound(Socket socket, @Nullable MessageDecoder<Object> decoder) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.decoder = decoder;
	}

	boolean hasMessage() {
		return !this.messages.isEmpty();
	}

	Object take() {
		return this.messages.remove();
	}

	/**
	 * Returns how the peer ended the connection, such as {@code "end of stream"}, or {@code null} while it has
	 * not.
	 */
	@Nullable String end() {
		return this.end;
	}

	/**
	 * Records that the connection ended without a read seeing it, as when its TLS handshake failed.
	 */
	void ended(String how) {
		if (this.end == null) {
			this.end = how;
		}
	}

	/**
	 * Reads what arrives before the deadline, at most one socket read.
	 * @return {@code false} if the deadline passed with nothing new, {@code true} if bytes arrived or the peer
	 * ended the connection (or had already)
	 */
	boolean read(long deadlineNanos) {
		if (this.end != null) {
			return true;
		}
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining <= 0) {
			return false;
		}
		try {
			// A timeout of 0 would mean forever.
			this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
			int read = this.in.read(this.chunk);
			if (read < 0) {
				this.end = "end of stream";
			}
			else {
				this.buffer.writeBytes(this.chunk, 0, read);
				decode();
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			if (this.socket.isClosed()) {
				throw new IllegalStateException("The test client is closed", ex);
			}
			// A reset, a broken pipe, a failed TLS handshake: the peer is gone either way.
			this.end = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			return true;
		}
	}

	/**
	 * Describes the bytes received that do not make a whole message yet, for failure messages.
	 */
	String leftover() {
		int length = this.buffer.readableBytes();
		if (length == 0) {
			return "";
		}
		byte[] bytes = ByteBufUtil.getBytes(this.buffer, this.buffer.readerIndex(), Math.min(length, 64));
		return "; received " + Messages.bytes(bytes, length) + " that do not make a whole message";
	}

	private void decode() {
		MessageDecoder<Object> decoder = this.decoder;
		if (decoder == null) {
			return;
		}
		while (this.buffer.isReadable()) {
			Object message;
			try {
				message = decoder.decode(this.buffer);
			}
			catch (Exception ex) {
				throw new AssertionError("Could not decode what the server sent" + leftover(), ex);
			}
			if (message == null) {
				break;
			}
			this.messages.add(Messages.detach(message));
		}
		this.buffer.discardSomeReadBytes();
	}

	void release() {
		if (this.buffer.refCnt() > 0) {
			this.buffer.release();
		}
	}

}

package dev.socketserver.connection;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Sees the frames of one connection in both directions while it is attached with {@link Connection#tap}, as a
 * wire tap does. With a {@code MessageCodec} each call carries a whole frame's bytes, framing included, and the
 * message it was decoded into or encoded from; with a {@code ChannelHandlerCodec} the connection only meets
 * messages, so a call carries the bytes when the message is a buffer and the message otherwise.
 * <p>
 * Received frames are reported on the connection's event loop, sent ones on the thread that encodes them (any
 * thread): implementations must be thread-safe and quick, and must neither keep nor release the buffer, which is
 * only valid during the call.
 *
 * @since 0.1.0
 */
public interface FrameListener {

	/**
	 * Reports that the listener sees every frame from now on; called once, on the connection's event loop.
	 */
	default void attached() {
	}

	/**
	 * Reports a frame received, before the handler sees its message.
	 * @param frame the frame's bytes, or {@code null} if they are not known here
	 * @param message the decoded message, or {@code null} if it is the frame itself
	 */
	void received(@Nullable ByteBuf frame, @Nullable Object message);

	/**
	 * Reports a frame sent: encoded, on its way to the socket.
	 * @param frame the frame's bytes, or {@code null} if they are not known here
	 * @param message the message encoded, or {@code null} if it is the frame itself
	 */
	void sent(@Nullable ByteBuf frame, @Nullable Object message);

}

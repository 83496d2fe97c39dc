package dev.socketserver.connection;

import java.util.concurrent.RejectedExecutionException;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * Attaches a {@link FrameListener} to a connection and detaches it, on the connection's event loop. Nothing of
 * it exists while no listener is attached: with a {@link MessageCodec}, whose frames are only visible inside the
 * connection, the connection's decoder and encoder are wrapped; with a codec of Netty handlers, a handler named
 * {@value #HANDLER_NAME} goes just before the connection's stage.
 */
final class FrameTaps {

	/** Name of the pipeline handler that taps a connection whose codec is made of Netty handlers. */
	static final String HANDLER_NAME = "wiretap";

	private FrameTaps() {
	}

	/**
	 * Attaches a listener in place of any other; from any thread.
	 * @return removes the listener, if it is still the connection's
	 */
	static Runnable attach(ChannelConnection connection, FrameListener listener) {
		onLoop(connection, () -> {
			replace(connection, listener);
			listener.attached();
		});
		return () -> onLoop(connection, () -> {
			if (current(connection) == listener) {
				replace(connection, null);
			}
		});
	}

	private static void onLoop(ChannelConnection connection, Runnable task) {
		if (connection.channel.eventLoop().inEventLoop()) {
			task.run();
			return;
		}
		try {
			connection.channel.eventLoop().execute(task);
		}
		catch (RejectedExecutionException ex) {
			// The loops shut down: the connection is gone, and its tap with it.
		}
	}

	private static @Nullable FrameListener current(ChannelConnection connection) {
		if (connection.runtime.messageCodec != null) {
			return connection.outbound.tap;
		}
		ChannelHandler handler = connection.channel.pipeline().get(HANDLER_NAME);
		return (handler instanceof TapHandler tap) ? tap.listener : null;
	}

	private static void replace(ChannelConnection connection, @Nullable FrameListener listener) {
		MessageCodec<Object> codec = connection.runtime.messageCodec;
		if (codec != null) {
			connection.tapInbound(listener);
			connection.outbound.tap(listener, (listener != null) ? new TappedEncoder(codec, listener) : codec);
			return;
		}
		ChannelPipeline pipeline = connection.channel.pipeline();
		if (pipeline.get(HANDLER_NAME) != null) {
			pipeline.remove(HANDLER_NAME);
		}
		if (listener != null && connection.channel.isActive()) {
			pipeline.addBefore(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, HANDLER_NAME,
					new TapHandler(listener));
		}
	}

	/**
	 * Reports each decoded frame with the bytes it was decoded from, which stay in the buffer until the decode
	 * returns.
	 */
	static final class TappedDecoder implements MessageDecoder<Object> {

		final MessageDecoder<Object> delegate;

		private final FrameListener listener;

		TappedDecoder(MessageDecoder<Object> delegate, FrameListener listener) {
			this.delegate = delegate;
			this.listener = listener;
		}

		@Override
		public @Nullable Object decode(ByteBuf in) throws Exception {
			int start = in.readerIndex();
			Object message = this.delegate.decode(in);
			if (message != null) {
				this.listener.received(in.slice(start, in.readerIndex() - start), contentOf(message));
			}
			return message;
		}

	}

	private static final class TappedEncoder implements MessageCodec<Object> {

		private final MessageCodec<Object> delegate;

		private final FrameListener listener;

		TappedEncoder(MessageCodec<Object> delegate, FrameListener listener) {
			this.delegate = delegate;
			this.listener = listener;
		}

		@Override
		public MessageDecoder<Object> newDecoder() {
			return this.delegate.newDecoder();
		}

		@Override
		public void encode(Object message, ByteBuf out) throws Exception {
			int start = out.writerIndex();
			this.delegate.encode(message, out);
			this.listener.sent(out.slice(start, out.writerIndex() - start), contentOf(message));
		}

		@Override
		public int sizeHint(Object message) {
			return this.delegate.sizeHint(message);
		}

	}

	private static final class TapHandler extends ChannelDuplexHandler {

		final FrameListener listener;

		TapHandler(FrameListener listener) {
			this.listener = listener;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			this.listener.received((msg instanceof ByteBuf bytes) ? bytes.slice() : null, contentOf(msg));
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			this.listener.sent((msg instanceof ByteBuf bytes) ? bytes.slice() : null, contentOf(msg));
			ctx.write(msg, promise);
		}

	}

	/**
	 * Returns the message unless it is bytes, which the frame shows better than their {@code toString}.
	 */
	static @Nullable Object contentOf(Object message) {
		return (message instanceof ByteBuf) ? null : message;
	}

}

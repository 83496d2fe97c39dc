package dev.socketserver.codec;

import java.util.List;

import io.netty.channel.ChannelHandler;

/**
 * {@link Codec} made of Netty handlers, for protocols that already have a Netty decoder and encoder (Redis,
 * HTTP, MQTT). Its handlers sit before the connection handler: inbound they must turn bytes into messages of
 * type {@code T}, outbound they must turn messages of type {@code T} into bytes.
 * <p>
 * Decoders must bound what they buffer; the server cannot see inside them.
 *
 * @param <T> the message type
 * @since 0.1.0
 */
@FunctionalInterface
public non-sealed interface ChannelHandlerCodec<T> extends Codec<T> {

	/**
	 * Creates the handlers of one new connection, in pipeline order. Handlers marked
	 * {@link ChannelHandler.Sharable} may be returned for every connection.
	 * @return the handlers
	 */
	List<ChannelHandler> newHandlers();

}

package dev.socketserver.codec;

/**
 * Converts between the bytes of a connection and the messages its handler sees. A codec is shared by all
 * connections of a server, so it must be thread-safe; per-connection state lives in what it creates per
 * connection.
 * <p>
 * Implement {@link MessageCodec} (fastest: framing, decoding and encoding run inline, without extra pipeline
 * stages) or {@link ChannelHandlerCodec} (to reuse existing Netty decoders and encoders).
 *
 * @param <T> the message type
 * @since 0.1.0
 */
public sealed interface Codec<T> permits MessageCodec, ChannelHandlerCodec {

}

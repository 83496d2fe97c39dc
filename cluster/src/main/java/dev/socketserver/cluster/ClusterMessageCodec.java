package dev.socketserver.cluster;

/**
 * Turns the messages of a server into bytes for another node and back, for servers whose messages need a wire
 * form of their own between nodes: those whose codec encodes in the pipeline (a {@code ChannelHandlerCodec}), or
 * whose messages carry what the server's encoding drops. Without one, a message is encoded once by the server's
 * own codec and the other nodes write those bytes to their connections as they are.
 *
 * @since 0.1.0
 */
public interface ClusterMessageCodec {

	/**
	 * Encodes a message. The message is not released here: the caller owns it.
	 * @param server the name of the server the message is meant for
	 * @param message the message
	 * @return its bytes
	 */
	byte[] encode(String server, Object message);

	/**
	 * Decodes what {@link #encode} wrote, on the receiving node.
	 * @param server the name of the server the message is meant for
	 * @param bytes the bytes
	 * @return the message
	 */
	Object decode(String server, byte[] bytes);

}

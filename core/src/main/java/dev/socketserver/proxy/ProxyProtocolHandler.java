package dev.socketserver.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * The first stage of a server that speaks the PROXY protocol. It looks at the first bytes of a connection: from
 * a trusted proxy, a header is handed to Netty's {@link HAProxyMessageDecoder} and the client address it names
 * given to the connection; from anyone else, a header closes the connection. Other bytes pass on unchanged, and
 * the stage removes itself once it has decided, so that later reads do not pass through it.
 * <p>
 * Unlike {@link HAProxyMessageDecoder#detectProtocol}, which waits for 12 bytes, a peer is let through as soon as
 * its bytes stop matching a header: a one-byte message of a direct client is not held back.
 *
 * @since 0.1.0
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

	/**
	 * Name of the stage in a connection's pipeline.
	 */
	public static final String NAME = "proxy-protocol";

	private static final String DECODER_NAME = "proxy-protocol-decoder";

	private static final String RECEIVER_NAME = "proxy-protocol-header";

	private static final byte[] V1_PREFIX = { 'P', 'R', 'O', 'X', 'Y', ' ' };

	private static final byte[] V2_PREFIX = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	private static final int NO = 0;

	private static final int PARTIAL = 1;

	private static final int FULL = 2;

	private final Listener connection;

	private final boolean trusted;

	private final boolean required;

	private final boolean receiver;

	private @Nullable ByteBuf buffered;

	private ProxyProtocolHandler(Listener connection, boolean trusted, boolean required, boolean receiver) {
		this.connection = connection;
		this.trusted = trusted;
		this.required = required;
		this.receiver = receiver;
	}

	/**
	 * Creates the stage that decides what the first bytes of a connection are.
	 * @param connection what learns the outcome
	 * @param trusted whether the peer is a trusted proxy
	 * @param required whether a trusted proxy must send a header
	 * @return the stage
	 */
	public static ProxyProtocolHandler detector(Listener connection, boolean trusted, boolean required) {
		return new ProxyProtocolHandler(connection, trusted, required, false);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.receiver) {
			receive(ctx, msg);
			return;
		}
		if (!(msg instanceof ByteBuf in)) {
			ctx.fireChannelRead(msg);
			return;
		}
		ByteBuf pending = this.buffered;
		this.buffered = null;
		ByteBuf buffer = (pending != null) ? ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in)
				: in;
		int v1 = match(buffer, V1_PREFIX);
		int v2 = match(buffer, V2_PREFIX);
		if (v1 == FULL || v2 == FULL) {
			if (!this.trusted) {
				buffer.release();
				this.connection.proxyProtocolFailed("PROXY header from an address that is not a trusted proxy");
				return;
			}
			ctx.pipeline().addAfter(ctx.name(), DECODER_NAME, new HAProxyMessageDecoder());
			ctx.pipeline()
				.addAfter(DECODER_NAME, RECEIVER_NAME, new ProxyProtocolHandler(this.connection, true, true, true));
			ctx.pipeline().remove(this);
			ctx.fireChannelRead(buffer);
		}
		else if (v1 == PARTIAL || v2 == PARTIAL) {
			this.buffered = buffer;
		}
		else if (this.trusted && this.required) {
			buffer.release();
			this.connection.proxyProtocolFailed("no PROXY header from a trusted proxy");
		}
		else {
			ctx.pipeline().remove(this);
			this.connection.proxyResolved(null);
			ctx.fireChannelRead(buffer);
		}
	}

	private void receive(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HAProxyMessage header)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			this.connection.proxyResolved(clientAddress(header));
		}
		finally {
			header.release();
		}
		ctx.pipeline().remove(this);
	}

	/**
	 * Returns the client named by a header; a LOCAL header (the proxy's own health check) or an unknown or UNIX
	 * family names none, and the connection keeps its socket address.
	 */
	private static @Nullable InetSocketAddress clientAddress(HAProxyMessage header) {
		String source = header.sourceAddress();
		if (header.command() != HAProxyCommand.PROXY || source == null) {
			return null;
		}
		InetAddress address = NetUtil.createInetAddressFromIpAddressString(source);
		return (address != null) ? new InetSocketAddress(address, header.sourcePort()) : null;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable problem = (cause.getCause() instanceof HAProxyProtocolException) ? cause.getCause() : cause;
		if (this.receiver && problem instanceof HAProxyProtocolException) {
			this.connection.proxyProtocolFailed("malformed PROXY header: " + problem.getMessage());
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		ByteBuf pending = this.buffered;
		if (pending != null) {
			this.buffered = null;
			pending.release();
		}
	}

	private static int match(ByteBuf buffer, byte[] prefix) {
		int length = Math.min(buffer.readableBytes(), prefix.length);
		int start = buffer.readerIndex();
		for (int i = 0; i < length; i++) {
			if (buffer.getByte(start + i) != prefix[i]) {
				return NO;
			}
		}
		return (length == prefix.length) ? FULL : PARTIAL;
	}

	/**
	 * What learns how the PROXY protocol stage decided; called on the connection's event loop.
	 */
	public interface Listener {

		/**
		 * The stage is done: the bytes that follow are the connection's own.
		 * @param client the client named by a trusted proxy's header, or {@code null} to keep the socket address
		 */
		void proxyResolved(@Nullable InetSocketAddress client);

		/**
		 * The header is missing, malformed or came from an untrusted peer: the connection must close.
		 * @param detail what was wrong
		 */
		void proxyProtocolFailed(String detail);

	}

}

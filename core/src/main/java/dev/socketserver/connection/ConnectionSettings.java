package dev.socketserver.connection;

import java.util.List;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.codec.Codec;
import dev.socketserver.dispatch.Execution;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.ssl.ServerSsl;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * What the connections of one server, or of one client, are made of: the values the configuration holds for them,
 * one per concern, handed to its {@link ConnectionManager} as they are. {@code SocketServerConfig} and
 * {@code SocketClientConfig} are the implementations applications meet; a client has no use for the settings of
 * accepting (PROXY protocol, access rules, connection rate, authentication) and leaves them empty.
 *
 * @since 0.1.0
 */
public interface ConnectionSettings {

	/**
	 * Returns the server's name.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the codec of the server's messages.
	 * @return the codec
	 */
	Codec<?> codec();

	/**
	 * Returns the application's handler.
	 * @return the handler
	 */
	SocketHandler<?> handler();

	/**
	 * Returns the allocator of the connections' buffers.
	 * @return the allocator
	 */
	ByteBufAllocator allocator();

	/**
	 * Returns the caps on what connections may hold.
	 * @return the limits
	 */
	ConnectionLimits limits();

	/**
	 * Returns when connections are considered dead and how quiet ones are pinged.
	 * @return the heartbeat policy
	 */
	HeartbeatPolicy heartbeat();

	/**
	 * Returns what pings and pongs look like.
	 * @return the messages, or {@code null} for a server without pings
	 */
	@Nullable HeartbeatMessages<?> heartbeatMessages();

	/**
	 * Returns where the handler runs.
	 * @return the execution settings
	 */
	Execution execution();

	/**
	 * Returns what times handler invocations.
	 * @return the timer, or {@code null} for untimed invocations
	 */
	@Nullable HandlerTimer handlerTimer();

	/**
	 * Returns the TLS side of the server.
	 * @return the TLS settings, or {@code null} for plain TCP
	 */
	@Nullable ServerSsl ssl();

	/**
	 * Returns the TLS side of a client, whose connections start the handshake and verify the server they
	 * connected to (named by the channel's {@link ClientSsl#ENDPOINT} attribute). Ignored when {@link #ssl()} is
	 * set.
	 * @return the client's TLS settings, or {@code null} for servers and plain-TCP clients
	 */
	default @Nullable ClientSsl clientSsl() {
		return null;
	}

	/**
	 * Returns whether connections from trusted proxies start with a PROXY protocol header.
	 * @return the settings, or {@code null} for none
	 */
	@Nullable ProxyProtocol proxyProtocol();

	/**
	 * Returns which remote addresses may connect.
	 * @return the rules, or {@code null} for every address
	 */
	@Nullable AccessRules accessRules();

	/**
	 * Returns how many connections one remote address may open per second.
	 * @return the limit, or {@code null} for none
	 */
	@Nullable ConnectionRateLimit connectionRateLimit();

	/**
	 * Returns how many messages one connection may send per second.
	 * @return the limit, or {@code null} for none
	 */
	@Nullable MessageRateLimit messageRateLimit();

	/**
	 * Returns how connections prove who they are before they are served.
	 * @return the settings, or {@code null} for a server that serves every connection at once
	 */
	@Nullable Authentication authentication();

	/**
	 * Returns how connections send requests and match their replies.
	 * @return the policy, or {@code null} for connections that only send
	 */
	@Nullable RequestPolicy requests();

	/**
	 * Returns the listeners of every connection's open and close.
	 * @return the listeners
	 */
	List<ConnectionListener> listeners();

	/**
	 * Returns the customizers of every connection's pipeline.
	 * @return the customizers
	 */
	List<ChannelPipelineCustomizer> pipelineCustomizers();

}

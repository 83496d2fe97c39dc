package dev.socketserver.autoconfigure;

import java.time.Duration;

import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.server.SocketServerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Maps a declared server's properties onto its configuration, one concern at a time, in the way Boot's web
 * server factory customizers map {@code server.*}: the one per-server mapping of values. The parts that are
 * beans (codec, handler, heartbeat messages) are resolved by the factory.
 */
final class SocketServerPropertiesMapper {

	private final Duration defaultGracePeriod;

	private final boolean virtualThreads;

	private final ObjectProvider<SslBundles> sslBundles;

	/**
	 * Creates a mapper.
	 * @param defaultGracePeriod the grace period of servers that set none: Boot's shutdown phase timeout
	 * @param virtualThreads whether Boot's virtual threads are on, for the {@code auto} execution mode
	 * @param sslBundles Boot's SSL bundles, for TLS
	 */
	SocketServerPropertiesMapper(Duration defaultGracePeriod, boolean virtualThreads,
			ObjectProvider<SslBundles> sslBundles) {
		this.defaultGracePeriod = defaultGracePeriod;
		this.virtualThreads = virtualThreads;
		this.sslBundles = sslBundles;
	}

	void map(DeclaredServer declared, SocketServerConfig.Builder builder) {
		Server server = declared.properties();
		if (server.getPort() == null) {
			throw new InvalidConfigurationPropertyValueException(declared.property("port"), null,
					"Socket server '" + declared.name() + "' needs a port (0 picks a free one)");
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(server::getAddress).to(builder::address);
		map.from(server::getPort).to(builder::port);
		socket(declared, builder);
		limits(server.getLimits(), builder);
		heartbeat(server.getHeartbeat(), builder);
		execution(declared, builder);
		map.from(server.getShutdown()::getGracePeriod)
			.orFrom(() -> this.defaultGracePeriod)
			.to(builder::shutdownGracePeriod);
		SocketServerSecurity.configure(declared, builder, this.sslBundles);
	}

	private static void socket(DeclaredServer declared, SocketServerConfig.Builder builder) {
		SocketServerProperties.Socket socket = declared.properties().getSocket();
		builder.socketOptions((options) -> socket.applyTo(options, declared)
			.withBacklog(socket.getBacklog())
			.withReuseAddress(socket.isReuseAddress()));
	}

	private static void limits(SocketServerProperties.Limits limits, SocketServerConfig.Builder builder) {
		builder.limits((current) -> current.withMaxConnections(limits.getMaxConnections())
			.withMaxConnectionsPerAddress(limits.getMaxConnectionsPerAddress())
			.withMaxPendingOutboundBytes(limits.getMaxPendingOutbound().toBytes())
			.withSlowConsumerPolicy(limits.getSlowConsumerPolicy())
			.withUnwritableTimeout(limits.getUnwritableTimeout())
			.withHandlerErrorPolicy(limits.getHandlerErrorPolicy())
			.withFirstMessageTimeout(limits.getFirstMessageTimeout())
			.withFrameTimeout(limits.getFrameTimeout()));
	}

	private static void heartbeat(SocketServerProperties.Heartbeat heartbeat, SocketServerConfig.Builder builder) {
		builder.heartbeat((current) -> current.withReadIdleTimeout(heartbeat.getReadIdleTimeout())
			.withPingInterval(heartbeat.getPingInterval())
			.withMaxMissedPings(heartbeat.getMaxMissedPings())
			.withPongRequired(heartbeat.isPongRequired())
			.withAnswerPings(heartbeat.isAnswerPings())
			.withDeliverPings(heartbeat.isDeliverPings())
			.withTick(heartbeat.getTick()));
	}

	private void execution(DeclaredServer declared, SocketServerConfig.Builder builder) {
		SocketServerProperties.Execution execution = declared.properties().getExecution();
		ExecutionMode mode = executionMode(execution.getMode(), this.virtualThreads,
				declared.property("execution.mode"));
		builder.execution((current) -> current.withMode(mode)
			.withPoolSize(execution.getPoolSize())
			.withMailboxCapacity(execution.getMailboxCapacity()));
	}

	/**
	 * Resolves the execution mode of a server or client.
	 * @param mode the configured mode
	 * @param virtualThreads whether Boot's virtual threads are on, for {@code auto}
	 * @param property the property's full name, for the error without virtual threads
	 */
	static ExecutionMode executionMode(SocketServerProperties.Execution.Mode mode, boolean virtualThreads,
			String property) {
		return switch (mode) {
			case AUTO -> (virtualThreads && ExecutionMode.virtualThreadsAvailable()) ? ExecutionMode.VIRTUAL_THREADS
					: ExecutionMode.EVENT_LOOP;
			case EVENT_LOOP -> ExecutionMode.EVENT_LOOP;
			case POOL -> ExecutionMode.POOL;
			case VIRTUAL_THREADS -> {
				if (!ExecutionMode.virtualThreadsAvailable()) {
					throw new InvalidConfigurationPropertyValueException(property, "virtual-threads",
							"Virtual threads need Java 21 or later; this is Java " + Runtime.version().feature());
				}
				yield ExecutionMode.VIRTUAL_THREADS;
			}
		};
	}

}

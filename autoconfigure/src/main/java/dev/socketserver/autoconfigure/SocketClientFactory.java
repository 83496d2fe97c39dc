package dev.socketserver.autoconfigure;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.Reconnect;
import dev.socketserver.client.SocketClientConfig;
import dev.socketserver.client.WhileDisconnected;
import dev.socketserver.codec.Codec;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.ssl.SslContextFactory;
import dev.socketserver.transport.EventLoops;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Creates the clients declared under {@code socket.clients}: their properties mapped onto the configuration in
 * one place, their codec and heartbeat messages resolved as a server's are, their handler from a bean, their TLS
 * from an SSL bundle, then the application's {@link SocketClientCustomizer}s.
 *
 * @since 0.1.0
 */
public class SocketClientFactory {

	private final Map<String, DeclaredClient> clients;

	private final EventLoops eventLoops;

	private final ListableBeanFactory beanFactory;

	private final Codecs codecs;

	private final boolean virtualThreads;

	private final ObjectProvider<SslBundles> sslBundles;

	private final ObjectProvider<SocketClientCustomizer> customizers;

	SocketClientFactory(Map<String, DeclaredClient> clients, EventLoops eventLoops, ListableBeanFactory beanFactory,
			boolean virtualThreads, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<SocketClientCustomizer> customizers) {
		this.clients = clients;
		this.eventLoops = eventLoops;
		this.beanFactory = beanFactory;
		this.codecs = new Codecs(beanFactory);
		this.virtualThreads = virtualThreads;
		this.sslBundles = sslBundles;
		this.customizers = customizers;
	}

	/**
	 * Creates the client of the given name, not started.
	 * @param name the client's name under {@code socket.clients}
	 * @return the client
	 */
	public NettySocketClient create(String name) {
		DeclaredClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No socket client '" + name + "' is declared under socket.clients");
		}
		return new NettySocketClient(configure(client).build(), this.eventLoops);
	}

	SocketClientConfig.Builder configure(DeclaredClient declared) {
		SocketClientProperties client = declared.properties();
		SocketClientConfig.Builder builder = SocketClientConfig.builder(declared.name());
		builder.endpoints(endpoints(declared));
		Codec<?> codec = this.codecs.codec(declared);
		builder.codec(codec);
		SocketClientProperties.Heartbeat heartbeat = client.getHeartbeat();
		builder.heartbeatMessages(this.codecs.heartbeatMessages(declared, heartbeat.getPing(), heartbeat.getPong(),
				heartbeat.getMessages(), codec));
		builder.heartbeat((current) -> current.withReadIdleTimeout(heartbeat.getReadIdleTimeout())
			.withPingInterval(heartbeat.getPingInterval())
			.withMaxMissedPings(heartbeat.getMaxMissedPings())
			.withPongRequired(heartbeat.isPongRequired())
			.withAnswerPings(heartbeat.isAnswerPings())
			.withTick(heartbeat.getTick()));
		String handler = client.getHandler();
		if (handler != null) {
			if (!this.codecs.isBean(handler, SocketHandler.class)) {
				throw new InvalidConfigurationPropertyValueException(declared.property("handler"), handler,
						"No SocketHandler bean has this name; candidates: "
								+ List.of(this.beanFactory.getBeanNamesForType(SocketHandler.class)));
			}
			builder.handler(this.beanFactory.getBean(handler, SocketHandler.class));
		}
		builder.connectTimeout(client.getConnectTimeout()).poolSize(client.getPoolSize());
		reconnect(declared, builder);
		builder.failBack((current) -> current.withEnabled(client.getFailBack().isEnabled())
			.withInterval(client.getFailBack().getInterval()));
		if (client.getWhileDisconnected() == WhileDisconnected.QUEUE) {
			builder.queueWhileDisconnected(client.getQueueCapacity());
		}
		else {
			builder.whileDisconnected(client.getWhileDisconnected());
		}
		socket(declared, builder);
		SocketClientProperties.Limits limits = client.getLimits();
		builder.limits((current) -> current.withMaxPendingOutboundBytes(limits.getMaxPendingOutbound().toBytes())
			.withSlowConsumerPolicy(limits.getSlowConsumerPolicy())
			.withUnwritableTimeout(limits.getUnwritableTimeout())
			.withHandlerErrorPolicy(limits.getHandlerErrorPolicy())
			.withFrameTimeout(limits.getFrameTimeout()));
		SocketServerProperties.Execution execution = client.getExecution();
		ExecutionMode mode = SocketServerPropertiesMapper.executionMode(execution.getMode(), this.virtualThreads,
				declared.property("execution.mode"));
		builder.execution((current) -> current.withMode(mode)
			.withPoolSize(execution.getPoolSize())
			.withMailboxCapacity(execution.getMailboxCapacity()));
		builder.ssl(ssl(declared));
		builder.requests(RequestPolicies.policy(declared, client.getRequests(), this.beanFactory));
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private static List<InetSocketAddress> endpoints(DeclaredClient declared) {
		List<String> values = declared.properties().getEndpoints();
		String property = declared.property("endpoints");
		if (values.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"Socket client '" + declared.name() + "' needs at least one endpoint, as host:port");
		}
		List<InetSocketAddress> endpoints = new ArrayList<>(values.size());
		for (String value : values) {
			endpoints.add(endpoint(property, value));
		}
		return endpoints;
	}

	/**
	 * Parses {@code host:port}, with IPv6 addresses in brackets; the host is resolved at each attempt.
	 */
	static InetSocketAddress endpoint(String property, String value) {
		String text = value.trim();
		int colon = text.lastIndexOf(':');
		String host = (colon > 0) ? text.substring(0, colon) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.contains(":")) {
			host = "";
		}
		int port = -1;
		try {
			port = (colon > 0) ? Integer.parseInt(text.substring(colon + 1)) : -1;
		}
		catch (NumberFormatException ex) {
			// Reported below, with the expected form.
		}
		if (host.isBlank() || port < 1 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Endpoints are host:port, with a port between 1 and 65535 and IPv6 addresses in brackets, "
							+ "such as [::1]:7000");
		}
		return InetSocketAddress.createUnresolved(host, port);
	}

	private static void reconnect(DeclaredClient declared, SocketClientConfig.Builder builder) {
		SocketClientProperties.Reconnect reconnect = declared.properties().getReconnect();
		if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			throw new InvalidConfigurationPropertyValueException(declared.property("reconnect.max-delay"),
					reconnect.getMaxDelay(),
					"Must not be below the initial delay (" + reconnect.getInitialDelay() + ")");
		}
		builder.reconnect((current) -> new Reconnect(reconnect.isEnabled(), reconnect.getInitialDelay(),
				reconnect.getMaxDelay(), reconnect.getMultiplier(), reconnect.getJitter()));
	}

	private static void socket(DeclaredClient declared, SocketClientConfig.Builder builder) {
		ConnectionSocketProperties socket = declared.properties().getSocket();
		builder.socketOptions((options) -> socket.applyTo(options, declared));
	}

	private @Nullable ClientSsl ssl(DeclaredClient declared) {
		SocketClientProperties.Ssl ssl = declared.properties().getSsl();
		String bundleName = ssl.getBundle();
		if (!ssl.isEnabled() || bundleName == null || bundleName.isBlank()) {
			return null;
		}
		String property = declared.property("ssl.bundle");
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"No SslBundles bean: SSL bundles come from Spring Boot's SslAutoConfiguration");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName, "No SSL bundle has this name; "
					+ "define it under spring.ssl.bundle.pem." + bundleName + " or spring.ssl.bundle.jks." + bundleName
					+ " (bundles: " + bundles.getBundleNames() + ")");
		}
		SslOptions options = bundle.getOptions();
		SslContext context;
		try {
			context = SslContextFactory.forClient()
				.trustManager(bundle.getManagers().getTrustManagerFactory())
				.keyManager((bundle.getStores().getKeyStore() != null) ? bundle.getManagers().getKeyManagerFactory()
						: null)
				.protocols(!ssl.getProtocols().isEmpty() ? ssl.getProtocols() : list(options.getEnabledProtocols()))
				.ciphers(!ssl.getCiphers().isEmpty() ? ssl.getCiphers() : list(options.getCiphers()))
				.engine(ssl.getEngine())
				.build();
		}
		catch (Exception ex) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"The bundle cannot be used for TLS: " + ex.getMessage());
		}
		String serverName = ssl.getServerName();
		return new ClientSsl(context, (serverName != null && !serverName.isBlank()) ? serverName : null,
				ssl.isVerifyHostname(), ssl.getHandshakeTimeout());
	}

	private static @Nullable List<String> list(String @Nullable [] values) {
		return (values != null) ? Arrays.asList(values) : null;
	}

}

package dev.socketserver.autoconfigure;

import java.util.Arrays;
import java.util.List;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.CidrRanges;
import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.proxy.ProxyProtocolMode;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.ssl.SslContextFactory;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Maps a server's security properties ({@code ssl}, {@code proxy-protocol}, {@code access}, {@code rate-limit})
 * onto its configuration builder. TLS comes from a Spring Boot SSL bundle, and follows it when the bundle is
 * reloaded: the Netty context is rebuilt and swapped for new connections.
 */
final class SocketServerSecurity {

	private static final Logger logger = LoggerFactory.getLogger(SocketServerSecurity.class);

	private SocketServerSecurity() {
	}

	static void configure(DeclaredServer declared, SocketServerConfig.Builder builder,
			ObjectProvider<SslBundles> sslBundles) {
		Server server = declared.properties();
		builder.ssl(ssl(declared, sslBundles));
		builder.proxyProtocol(proxyProtocol(declared));
		SocketServerProperties.Access access = server.getAccess();
		if (!access.getAllow().isEmpty() || !access.getDeny().isEmpty()) {
			builder.accessRules(new AccessRules(ranges(declared.property("access.allow"), access.getAllow()),
					ranges(declared.property("access.deny"), access.getDeny())));
		}
		SocketServerProperties.RateLimit rate = server.getRateLimit();
		if (rate.getConnectionsPerSecond() > 0) {
			builder.connectionRateLimit(new ConnectionRateLimit(rate.getConnectionsPerSecond(),
					burst(rate.getConnectionBurst(), rate.getConnectionsPerSecond()), rate.getTrackedAddresses()));
		}
		if (rate.getMessagesPerSecond() > 0) {
			builder.messageRateLimit(new MessageRateLimit(rate.getMessagesPerSecond(),
					burst(rate.getMessageBurst(), rate.getMessagesPerSecond()), rate.getMessagePolicy()));
		}
	}

	private static int burst(@Nullable Integer burst, double perSecond) {
		return (burst != null) ? burst : (int) Math.max(1, Math.ceil(perSecond));
	}

	private static @Nullable ProxyProtocol proxyProtocol(DeclaredServer declared) {
		SocketServerProperties.ProxyProtocol proxy = declared.properties().getProxyProtocol();
		if (proxy.getMode() == SocketServerProperties.ProxyProtocol.Mode.OFF) {
			return null;
		}
		if (proxy.getTrustedProxies().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(declared.property("proxy-protocol.trusted-proxies"),
					null,
					"Name the proxies whose PROXY headers are believed: a header from anyone else could claim any "
							+ "address");
		}
		ProxyProtocolMode mode = (proxy.getMode() == SocketServerProperties.ProxyProtocol.Mode.REQUIRED)
				? ProxyProtocolMode.REQUIRED : ProxyProtocolMode.OPTIONAL;
		return new ProxyProtocol(mode,
				ranges(declared.property("proxy-protocol.trusted-proxies"), proxy.getTrustedProxies()));
	}

	private static CidrRanges ranges(String property, List<String> ranges) {
		try {
			return CidrRanges.parse(ranges);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, String.join(",", ranges), ex.getMessage());
		}
	}

	private static @Nullable ServerSsl ssl(DeclaredServer declared, ObjectProvider<SslBundles> sslBundles) {
		SocketServerProperties.Ssl ssl = declared.properties().getSsl();
		String name = declared.name();
		String bundleName = ssl.getBundle();
		if (!ssl.isEnabled() || bundleName == null || bundleName.isBlank()) {
			return null;
		}
		String property = declared.property("ssl.bundle");
		SslBundles bundles = sslBundles.getIfAvailable();
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
		ServerSsl serverSsl = new ServerSsl(context(property, ssl, bundle), ssl.getHandshakeTimeout());
		bundles.addBundleUpdateHandler(bundleName, (updated) -> reload(name, bundleName, ssl, updated, serverSsl));
		return serverSsl;
	}

	/**
	 * Builds the context of a renewed bundle, on Boot's file-watching thread. A bundle that fails (say, a key
	 * written before its certificate) leaves the current context in place.
	 */
	private static void reload(String name, String bundleName, SocketServerProperties.Ssl ssl, SslBundle bundle,
			ServerSsl serverSsl) {
		try {
			serverSsl.update(context("socket.servers." + name + ".ssl.bundle", ssl, bundle));
			logger.info("Socket server '{}' serves new connections with the reloaded SSL bundle '{}'", name,
					bundleName);
		}
		catch (RuntimeException ex) {
			logger.error("Socket server '{}' keeps its TLS certificate: the reloaded SSL bundle '{}' is not usable",
					name, bundleName, ex);
		}
	}

	private static SslContext context(String property, SocketServerProperties.Ssl ssl, SslBundle bundle) {
		ClientAuth clientAuth = switch (ssl.getClientAuth()) {
			case NONE -> ClientAuth.NONE;
			case WANT -> ClientAuth.OPTIONAL;
			case NEED -> ClientAuth.REQUIRE;
		};
		if (clientAuth != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new InvalidConfigurationPropertyValueException(property, ssl.getBundle(), "Client authentication '"
					+ ssl.getClientAuth().name().toLowerCase() + "' needs a trust store in the bundle to verify "
					+ "client certificates against");
		}
		SslOptions options = bundle.getOptions();
		try {
			return SslContextFactory.forServer(bundle.getManagers().getKeyManagerFactory())
				.trustManager((clientAuth != ClientAuth.NONE) ? bundle.getManagers().getTrustManagerFactory() : null)
				.clientAuth(clientAuth)
				.protocols(!ssl.getProtocols().isEmpty() ? ssl.getProtocols() : list(options.getEnabledProtocols()))
				.ciphers(!ssl.getCiphers().isEmpty() ? ssl.getCiphers() : list(options.getCiphers()))
				.engine(ssl.getEngine())
				.build();
		}
		catch (Exception ex) {
			throw new InvalidConfigurationPropertyValueException(property, ssl.getBundle(),
					"The bundle cannot serve TLS: " + ex.getMessage());
		}
	}

	private static @Nullable List<String> list(String @Nullable [] values) {
		return (values != null) ? Arrays.asList(values) : null;
	}

}

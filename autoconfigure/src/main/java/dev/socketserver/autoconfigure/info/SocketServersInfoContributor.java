package dev.socketserver.autoconfigure.info;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.server.SocketServer;
import dev.socketserver.ssl.ServerSsl;
import io.netty.util.Version;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} of socket servers, under {@code socketServers}: the Netty version and, per server, the
 * transport in use, the address, the port and, with TLS, the engine, protocols and client authentication.
 *
 * @since 0.1.0
 */
public class SocketServersInfoContributor implements InfoContributor {

	private static final String NETTY_ARTIFACT = "netty-transport";

	private final Iterable<? extends SocketServer> servers;

	/**
	 * Creates a contributor for servers, which are looked up on each request.
	 * @param servers the servers
	 */
	public SocketServersInfoContributor(Iterable<? extends SocketServer> servers) {
		this.servers = Objects.requireNonNull(servers, "'servers' must not be null");
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		String nettyVersion = nettyVersion();
		if (nettyVersion != null) {
			details.put("netty", Map.of("version", nettyVersion));
		}
		Map<String, Object> servers = new LinkedHashMap<>();
		for (SocketServer server : this.servers) {
			servers.put(server.name(), describe(server));
		}
		details.put("servers", servers);
		builder.withDetail("socketServers", details);
	}

	private Map<String, Object> describe(SocketServer server) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("transport", server.transport());
		InetSocketAddress bound = server.boundAddress();
		if (bound != null) {
			description.put("address", bound.getAddress().getHostAddress());
			description.put("port", bound.getPort());
		}
		else {
			description.put("port", server.config().port());
		}
		ServerSsl ssl = server.config().ssl();
		if (ssl != null) {
			description.put("tls", ssl.describe());
		}
		ProxyProtocol proxy = server.config().proxyProtocol();
		if (proxy != null) {
			description.put("proxyProtocol", proxy.mode().name().toLowerCase(Locale.ROOT));
		}
		return description;
	}

	private static @Nullable String nettyVersion() {
		Version version = Version.identify(SocketServersInfoContributor.class.getClassLoader()).get(NETTY_ARTIFACT);
		return (version != null) ? version.artifactVersion() : null;
	}

}

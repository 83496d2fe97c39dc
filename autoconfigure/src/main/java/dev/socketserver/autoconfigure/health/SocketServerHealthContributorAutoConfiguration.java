package dev.socketserver.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the health of socket servers: one contributor named
 * {@code socketServers}, composed of one {@link SocketServerHealthIndicator} per server under the server's name,
 * so that {@code /actuator/health/socketServers/<name>} is stable however many servers there are. Switched off
 * with {@code management.health.socketservers.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, NettySocketServer.class })
@ConditionalOnBean(SocketServer.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("socketservers")
public final class SocketServerHealthContributorAutoConfiguration {

	SocketServerHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = { "socketServersHealthIndicator", "socketServersHealthContributor" })
	CompositeHealthContributor socketServersHealthContributor(ObjectProvider<SocketServer> servers) {
		Map<String, SocketServer> byName = new LinkedHashMap<>();
		servers.orderedStream().forEach((server) -> byName.put(server.name(), server));
		return CompositeHealthContributor.fromMap(byName, SocketServerHealthIndicator::new);
	}

}

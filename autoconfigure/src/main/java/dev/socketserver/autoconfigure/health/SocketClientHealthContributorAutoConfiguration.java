package dev.socketserver.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketClientAutoConfiguration;
import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClient;

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
 * {@link AutoConfiguration Auto-configuration} of the health of socket clients: one contributor named
 * {@code socketClients}, composed of one {@link SocketClientHealthIndicator} per client under the client's name
 * ({@code /actuator/health/socketClients/<name>}). Switched off with
 * {@code management.health.socketclients.enabled=false}, for example when a remote server being down must not
 * make this application DOWN.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketClientAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, NettySocketClient.class })
@ConditionalOnBean(SocketClient.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("socketclients")
public final class SocketClientHealthContributorAutoConfiguration {

	SocketClientHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = { "socketClientsHealthIndicator", "socketClientsHealthContributor" })
	CompositeHealthContributor socketClientsHealthContributor(ObjectProvider<SocketClient> clients) {
		Map<String, SocketClient> byName = new LinkedHashMap<>();
		clients.orderedStream().forEach((client) -> byName.put(client.name(), client));
		return CompositeHealthContributor.fromMap(byName, SocketClientHealthIndicator::new);
	}

}

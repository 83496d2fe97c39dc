package dev.socketserver.autoconfigure.info;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link SocketServersInfoContributor}. On unless
 * {@code management.info.socketservers.enabled} (or, when that is not set, {@code management.info.defaults.enabled})
 * is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class, NettySocketServer.class })
@ConditionalOnBean(SocketServer.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@ConditionalOnEnabledInfoContributor("socketservers")
public final class SocketServersInfoContributorAutoConfiguration {

	SocketServersInfoContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServersInfoContributor socketServersInfoContributor(ObjectProvider<SocketServer> servers) {
		return new SocketServersInfoContributor(servers);
	}

}

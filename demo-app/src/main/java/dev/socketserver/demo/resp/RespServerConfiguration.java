package dev.socketserver.demo.resp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the RESP2 key-value server; {@code socket.servers.resp} in {@code application.yml} names the codec and
 * the handler.
 */
@Configuration(proxyBeanMethods = false)
class RespServerConfiguration {

	@Bean
	RespStore respStore() {
		return new RespStore(System::currentTimeMillis);
	}

	@Bean
	RespCodec respCodec() {
		return new RespCodec(RespLimits.DEFAULTS);
	}

	@Bean
	RespHandler respHandler(RespStore respStore) {
		return new RespHandler(respStore, new ServerCommands(respStore));
	}

}

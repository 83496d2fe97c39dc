package dev.socketserver.autoconfigure;

import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.codec.Codec;
import dev.socketserver.heartbeat.HeartbeatMessages;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves what a declared server or client speaks: its codec, a bean or a built-in one, and its heartbeat
 * messages. The one place where both ends of a connection get them, so that a client speaks what the server it
 * connects to speaks when their properties say the same.
 */
final class Codecs {

	private final ListableBeanFactory beanFactory;

	Codecs(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Returns the built-in codec of a server or client, or {@code null} when it names a codec bean.
	 */
	@Nullable BuiltInCodec builtIn(Declared declared) {
		String name = declared.codecProperties().getCodec();
		return isBean(name, Codec.class) ? null : BuiltInCodec.named(name);
	}

	Codec<?> codec(Declared declared) {
		String name = declared.codecProperties().getCodec();
		if (isBean(name, Codec.class)) {
			return this.beanFactory.getBean(name, Codec.class);
		}
		BuiltInCodec builtIn = BuiltInCodec.named(name);
		if (builtIn == null) {
			throw new InvalidConfigurationPropertyValueException(declared.property("codec"), name,
					"Unknown codec: use one of " + BuiltInCodec.names() + ", or the name of a Codec bean");
		}
		return builtIn.create(declared, this.beanFactory);
	}

	/**
	 * Finds what pings and pongs look like: a named bean, the configured texts, the codec itself if it knows, or
	 * PING and PONG for the line codec.
	 * @param declared the server or client
	 * @param ping the configured ping text, or {@code null}
	 * @param pong the configured pong text, or {@code null}
	 * @param beanName the name of a {@code HeartbeatMessages} bean, or {@code null}
	 * @param codec its codec
	 */
	@Nullable HeartbeatMessages<?> heartbeatMessages(Declared declared, @Nullable String ping, @Nullable String pong,
			@Nullable String beanName, Codec<?> codec) {
		if (beanName != null) {
			if (!isBean(beanName, HeartbeatMessages.class)) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.messages"), beanName,
						"No HeartbeatMessages bean has this name");
			}
			return this.beanFactory.getBean(beanName, HeartbeatMessages.class);
		}
		BuiltInCodec builtIn = builtIn(declared);
		CodecProperties properties = declared.codecProperties();
		Payload payload = (builtIn != null) ? builtIn.payload(properties) : null;
		if (ping != null || pong != null) {
			if (ping == null || pong == null) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.ping"), ping,
						"Set both heartbeat.ping and heartbeat.pong, or neither");
			}
			if (payload == null || payload == Payload.BUFFER || builtIn == BuiltInCodec.JSON) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.ping"), ping,
						"Ping and pong texts need a built-in codec with string or bytes payloads; name a "
								+ "HeartbeatMessages bean in heartbeat.messages instead");
			}
			return (payload == Payload.STRING) ? HeartbeatMessages.strings(ping, pong)
					: HeartbeatMessages.bytes(ping.getBytes(properties.getCharset()),
							pong.getBytes(properties.getCharset()));
		}
		if (codec instanceof HeartbeatMessages<?> messages) {
			return messages;
		}
		if (builtIn == BuiltInCodec.LINE && payload == Payload.STRING) {
			return HeartbeatMessages.strings("PING", "PONG");
		}
		return null;
	}

	boolean isBean(String name, Class<?> type) {
		return this.beanFactory.containsBean(name) && this.beanFactory.isTypeMatch(name, type);
	}

}

package dev.socketserver.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.socketserver.auth.ClientCertificateAuthenticator;
import dev.socketserver.autoconfigure.AuthProperties.ClientCertificate;
import dev.socketserver.autoconfigure.AuthProperties.Forbidden;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.server.SocketServerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Decides how a server authenticates its connections, from its {@code auth} properties and its handler: by the
 * {@link SocketAuthenticator} bean named in {@code auth.authenticator}, by the TLS client certificate
 * ({@code auth.client-certificate}), or by the {@code @OnAuthenticate} method of its controllers; exactly one of
 * them, or none. The other {@code auth} properties then tune it.
 * <p>
 * A server without an authenticator serves its connections unauthenticated. Tuning properties set in its own
 * section ({@code socket.servers.<name>.auth.*}) then fail the startup, since they show that an authenticator was
 * meant but forgotten; those inherited from {@code socket.defaults} do not, as they are meant for the servers that
 * do authenticate.
 */
final class SocketServerAuthentication {

	private static final Logger logger = LoggerFactory.getLogger(SocketServerAuthentication.class);

	private static final String AUTHENTICATOR = "auth.authenticator";

	private static final String CLIENT_CERTIFICATE = "auth.client-certificate";

	private static final String CLIENT_CERTIFICATE_AUTHORITIES = "auth.client-certificate-authorities";

	private static final List<String> TUNING = List.of("auth.timeout", "auth.takeover", "auth.max-failures",
			"auth.failure-window", "auth.ban-duration", "auth.tracked-addresses", "auth.forbidden",
			CLIENT_CERTIFICATE_AUTHORITIES);

	private SocketServerAuthentication() {
	}

	/**
	 * Sets the server's authentication from its properties and handler, before the application's customizers
	 * run, so that they can change it.
	 * @param declared the server
	 * @param handler its resolved handler
	 * @param builder its configuration
	 * @param beanFactory where authenticator beans are found
	 */
	static void configure(DeclaredServer declared, SocketHandler<?> handler, SocketServerConfig.Builder builder,
			ListableBeanFactory beanFactory) {
		AuthProperties auth = declared.properties().getAuth();
		String beanName = StringUtils.hasText(auth.getAuthenticator()) ? auth.getAuthenticator() : null;
		boolean clientCertificate = auth.getClientCertificate() != ClientCertificate.NONE;
		SocketAuthenticator<?> controllers = (handler instanceof ControllerHandler controller)
				? controller.authenticator() : null;
		checkOneSource(declared, beanName, clientCertificate, controllers != null);
		if (!clientCertificate && declared.ownProperties().contains(CLIENT_CERTIFICATE_AUTHORITIES)) {
			throw new InvalidConfigurationPropertyValueException(declared.property(CLIENT_CERTIFICATE_AUTHORITIES),
					String.join(",", auth.getClientCertificateAuthorities()),
					"Only connections authenticated by their client certificate get these authorities: set "
							+ CLIENT_CERTIFICATE + " too");
		}
		SocketAuthenticator<?> authenticator = (beanName != null) ? bean(declared, beanName, beanFactory)
				: clientCertificate ? clientCertificate(declared, auth) : controllers;
		if (authenticator == null) {
			return;
		}
		builder.authentication(Authentication.of(authenticator)
			.withTimeout(auth.getTimeout())
			.withTakeover(auth.getTakeover())
			.withFailureBan(auth.getMaxFailures(), auth.getFailureWindow(), auth.getBanDuration())
			.withTrackedAddresses(auth.getTrackedAddresses())
			.withCloseWhenForbidden(auth.getForbidden() == Forbidden.CLOSE));
		logger.debug("Socket server '{}' authenticates its connections with {}", declared.name(), authenticator);
	}

	/**
	 * Checks, once the application's customizers have run, that a server without authentication neither sets
	 * {@code auth} tuning properties of its own nor has controllers that require authorities.
	 * @param declared the server
	 * @param handler its resolved handler
	 * @param builder its configuration, customized
	 */
	static void verify(DeclaredServer declared, SocketHandler<?> handler, SocketServerConfig.Builder builder) {
		if (builder.authentication() != null) {
			return;
		}
		String tuning = declared.firstOwn(TUNING);
		if (tuning != null) {
			throw new InvalidConfigurationPropertyValueException(declared.property(tuning), null,
					"Socket server '" + declared.name() + "' has no authenticator, so its connections are served "
							+ "unauthenticated and this setting has no effect: name a SocketAuthenticator bean in "
							+ AUTHENTICATOR + ", set " + CLIENT_CERTIFICATE + ", or add an @OnAuthenticate method "
							+ "to its controllers");
		}
		if (handler instanceof ControllerHandler controller && controller.requiresAuthority()) {
			throw new InvalidConfigurationPropertyValueException(declared.property(AUTHENTICATOR), null,
					"Controllers of socket server '" + declared.name() + "' require authorities "
							+ "(@RequiresAuthority), which only authenticated connections hold, but the server has "
							+ "no authenticator: name a SocketAuthenticator bean here, set " + CLIENT_CERTIFICATE
							+ ", or add an @OnAuthenticate method to its controllers");
		}
	}

	private static void checkOneSource(DeclaredServer declared, @Nullable String beanName, boolean clientCertificate,
			boolean controllers) {
		List<String> sources = new ArrayList<>(3);
		if (beanName != null) {
			sources.add("bean '" + beanName + "' (" + AUTHENTICATOR + ")");
		}
		if (clientCertificate) {
			sources.add("the client certificate (" + CLIENT_CERTIFICATE + ")");
		}
		if (controllers) {
			sources.add("the @OnAuthenticate method of its controllers");
		}
		if (sources.size() > 1) {
			String property = (beanName != null) ? AUTHENTICATOR : CLIENT_CERTIFICATE;
			Object value = (beanName != null) ? beanName : clientCertificateValue(declared);
			throw new InvalidConfigurationPropertyValueException(declared.property(property), value,
					"Socket server '" + declared.name() + "' has more than one authenticator: "
							+ String.join(", ", sources) + "; keep one (an empty " + AUTHENTICATOR
							+ " or 'none' for " + CLIENT_CERTIFICATE + " turns off one set in socket.defaults)");
		}
	}

	private static SocketAuthenticator<?> bean(DeclaredServer declared, String name,
			ListableBeanFactory beanFactory) {
		String property = declared.property(AUTHENTICATOR);
		if (!beanFactory.containsBean(name)) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No SocketAuthenticator bean has this name; candidates: "
							+ List.of(beanFactory.getBeanNamesForType(SocketAuthenticator.class)));
		}
		if (!beanFactory.isTypeMatch(name, SocketAuthenticator.class)) {
			Class<?> type = beanFactory.getType(name);
			throw new InvalidConfigurationPropertyValueException(property, name, "Bean '" + name + "' is a "
					+ ((type != null) ? type.getName() : "bean of unknown type") + ", not a SocketAuthenticator");
		}
		return beanFactory.getBean(name, SocketAuthenticator.class);
	}

	private static SocketAuthenticator<?> clientCertificate(DeclaredServer declared, AuthProperties auth) {
		SocketServerProperties.Ssl ssl = declared.properties().getSsl();
		if (!ssl.isEnabled() || !StringUtils.hasText(ssl.getBundle())
				|| ssl.getClientAuth() != SocketServerProperties.Ssl.ClientAuth.NEED) {
			throw new InvalidConfigurationPropertyValueException(declared.property(CLIENT_CERTIFICATE),
					clientCertificateValue(declared), "Connections can only be authenticated by a client "
							+ "certificate that the TLS handshake requires: set ssl.bundle and ssl.client-auth=need");
		}
		ClientCertificateAuthenticator.Name name = switch (auth.getClientCertificate()) {
			case COMMON_NAME -> ClientCertificateAuthenticator.Name.COMMON_NAME;
			case SUBJECT_ALTERNATIVE_NAME -> ClientCertificateAuthenticator.Name.SUBJECT_ALTERNATIVE_NAME;
			case NONE -> throw new IllegalStateException("No client certificate authentication");
		};
		return new ClientCertificateAuthenticator<>(name, Set.copyOf(auth.getClientCertificateAuthorities()));
	}

	private static String clientCertificateValue(DeclaredServer declared) {
		return declared.properties().getAuth().getClientCertificate().name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}

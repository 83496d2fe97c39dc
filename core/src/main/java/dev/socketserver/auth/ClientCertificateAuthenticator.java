package dev.socketserver.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.ssl.CertificateNames;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates a connection by its TLS client certificate (mutual TLS), as soon as the handshake is through: the
 * principal is named after the certificate's subject common name or its first subject alternative name. The
 * server's TLS must require client certificates, and trust only the authority that issues them: this class reads
 * names, the handshake has already verified the chain. A connection without a usable name is rejected.
 *
 * @param <T> the type of the server's messages
 * @since 0.1.0
 */
public final class ClientCertificateAuthenticator<T> implements SocketAuthenticator<T> {

	private final Name name;

	private final Set<String> authorities;

	/**
	 * Creates an authenticator.
	 * @param name which name of the certificate names the principal
	 * @param authorities what every principal authenticated this way may do
	 */
	public ClientCertificateAuthenticator(Name name, Set<String> authorities) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.authorities = Set.copyOf(authorities);
	}

	@Override
	public AuthenticationStep opened(Connection connection) {
		X509Certificate certificate = connection.peerCertificate();
		if (certificate == null) {
			return AuthenticationStep.rejected("no client certificate");
		}
		String principal = nameOf(certificate);
		if (principal == null || principal.isBlank()) {
			return AuthenticationStep.rejected("client certificate without a " + this.name.description);
		}
		return AuthenticationStep.authenticated(new SocketPrincipal(principal, this.authorities,
				Map.of("certificate", certificate)));
	}

	@Override
	public AuthenticationStep authenticate(Connection connection, T message) {
		// Decided when the connection opened; reached only if it could not be.
		return AuthenticationStep.rejected("no client certificate");
	}

	private @Nullable String nameOf(X509Certificate certificate) {
		if (this.name == Name.COMMON_NAME) {
			return CertificateNames.commonName(certificate);
		}
		List<String> names = CertificateNames.subjectAlternativeNames(certificate);
		return names.isEmpty() ? null : names.get(0);
	}

	@Override
	public String toString() {
		return "client certificate " + this.name.description;
	}

	/**
	 * Which name of a client certificate names its principal.
	 */
	public enum Name {

		/** The most specific common name (CN) of the subject. */
		COMMON_NAME("subject common name"),

		/** The first DNS name, IP address, URI or e-mail address among the subject alternative names. */
		SUBJECT_ALTERNATIVE_NAME("subject alternative name");

		private final String description;

		Name(String description) {
			this.description = description;
		}

	}

}

package dev.socketserver.ssl;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Netty {@link SslContext} of a server from key and trust managers, or of a client from trust (and
 * optionally key) managers, with safe defaults: TLS 1.3 and 1.2 only, and the native engine whenever it is
 * available.
 *
 * <pre class="code">
 * SslContext context = SslContextFactory.forServer(keyManagerFactory)
 *     .trustManager(trustManagerFactory)
 *     .clientAuth(ClientAuth.REQUIRE)
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SslContextFactory {

	/**
	 * Protocols enabled unless others are given: TLS 1.0 and 1.1 are deprecated (RFC 8996).
	 */
	public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private SslContextFactory() {
	}

	/**
	 * Starts building a server context.
	 * @param keyManagerFactory the source of the server's key and certificate chain
	 * @return the builder
	 */
	public static Builder forServer(KeyManagerFactory keyManagerFactory) {
		return new Builder(keyManagerFactory);
	}

	/**
	 * Starts building a client context, which trusts the JDK's default trust store unless given trust managers.
	 * @return the builder
	 */
	public static ClientBuilder forClient() {
		return new ClientBuilder();
	}

	/**
	 * Returns whether the native engine ({@code netty-tcnative}) is available.
	 * @return whether {@link SslEngineType#OPENSSL} can be used
	 */
	public static boolean isOpenSslAvailable() {
		return OpenSsl.isAvailable() && OpenSsl.supportsKeyManagerFactory();
	}

	/**
	 * Builder of a server {@link SslContext}.
	 */
	public static final class Builder {

		private final KeyManagerFactory keyManagerFactory;

		private @Nullable TrustManagerFactory trustManagerFactory;

		private ClientAuth clientAuth = ClientAuth.NONE;

		private List<String> protocols = DEFAULT_PROTOCOLS;

		private @Nullable List<String> ciphers;

		private SslEngineType engine = SslEngineType.AUTO;

		private Builder(KeyManagerFactory keyManagerFactory) {
			this.keyManagerFactory = Objects.requireNonNull(keyManagerFactory, "'keyManagerFactory' must not be null");
		}

		/**
		 * Sets what verifies client certificates.
		 * @param trustManagerFactory the trust managers, or {@code null} for the JDK's default trust store
		 * @return this builder
		 */
		public Builder trustManager(@Nullable TrustManagerFactory trustManagerFactory) {
			this.trustManagerFactory = trustManagerFactory;
			return this;
		}

		/**
		 * Sets whether clients present a certificate.
		 * @param clientAuth {@code NONE}, {@code OPTIONAL} (asked for, verified if sent) or {@code REQUIRE}
		 * @return this builder
		 */
		public Builder clientAuth(ClientAuth clientAuth) {
			this.clientAuth = Objects.requireNonNull(clientAuth, "'clientAuth' must not be null");
			return this;
		}

		/**
		 * Sets the enabled protocols.
		 * @param protocols the protocols, such as {@code TLSv1.3}; {@code null} or empty for
		 * {@link #DEFAULT_PROTOCOLS}
		 * @return this builder
		 */
		public Builder protocols(@Nullable Collection<String> protocols) {
			this.protocols = (protocols == null || protocols.isEmpty()) ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
			return this;
		}

		/**
		 * Sets the enabled cipher suites.
		 * @param ciphers the cipher suites in Java names; {@code null} or empty for the engine's defaults
		 * @return this builder
		 */
		public Builder ciphers(@Nullable Collection<String> ciphers) {
			this.ciphers = (ciphers == null || ciphers.isEmpty()) ? null : List.copyOf(ciphers);
			return this;
		}

		/**
		 * Sets the TLS implementation.
		 * @param engine the engine
		 * @return this builder
		 */
		public Builder engine(SslEngineType engine) {
			this.engine = Objects.requireNonNull(engine, "'engine' must not be null");
			return this;
		}

		/**
		 * Builds the context.
		 * @return the context
		 * @throws SSLException if the keys, protocols or ciphers are not usable
		 * @throws IllegalStateException if the native engine is required but not available
		 */
		public SslContext build() throws SSLException {
			SslContextBuilder builder = SslContextBuilder.forServer(this.keyManagerFactory)
				.sslProvider(provider(this.engine))
				.clientAuth(this.clientAuth)
				.protocols(this.protocols);
			if (this.trustManagerFactory != null) {
				builder.trustManager(this.trustManagerFactory);
			}
			if (this.ciphers != null) {
				builder.ciphers(this.ciphers);
			}
			return builder.build();
		}

	}

	private static SslProvider provider(SslEngineType engine) {
		return switch (engine) {
			case AUTO -> isOpenSslAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
			case JDK -> SslProvider.JDK;
			case OPENSSL -> {
				if (!isOpenSslAvailable()) {
					throw new IllegalStateException("The OpenSSL engine was asked for, but netty-tcnative is "
							+ "not available: add netty-tcnative-boringssl-static for this platform",
							OpenSsl.unavailabilityCause());
				}
				yield SslProvider.OPENSSL;
			}
		};
	}

	/**
	 * Builder of a client {@link SslContext}. Hostname verification is not part of the context: see
	 * {@link ClientSsl}.
	 */
	public static final class ClientBuilder {

		private @Nullable TrustManagerFactory trustManagerFactory;

		private @Nullable KeyManagerFactory keyManagerFactory;

		private List<String> protocols = DEFAULT_PROTOCOLS;

		private @Nullable List<String> ciphers;

		private SslEngineType engine = SslEngineType.AUTO;

		private ClientBuilder() {
		}

		/**
		 * Sets what verifies the server's certificate.
		 * @param trustManagerFactory the trust managers, or {@code null} for the JDK's default trust store
		 * @return this builder
		 */
		public ClientBuilder trustManager(@Nullable TrustManagerFactory trustManagerFactory) {
			this.trustManagerFactory = trustManagerFactory;
			return this;
		}

		/**
		 * Sets the source of the client's own certificate, for servers that ask for one.
		 * @param keyManagerFactory the key managers, or {@code null} to present none
		 * @return this builder
		 */
		public ClientBuilder keyManager(@Nullable KeyManagerFactory keyManagerFactory) {
			this.keyManagerFactory = keyManagerFactory;
			return this;
		}

		/**
		 * Sets the enabled protocols.
		 * @param protocols the protocols; {@code null} or empty for {@link #DEFAULT_PROTOCOLS}
		 * @return this builder
		 */
		public ClientBuilder protocols(@Nullable Collection<String> protocols) {
			this.protocols = (protocols == null || protocols.isEmpty()) ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
			return this;
		}

		/**
		 * Sets the enabled cipher suites.
		 * @param ciphers the cipher suites in Java names; {@code null} or empty for the engine's defaults
		 * @return this builder
		 */
		public ClientBuilder ciphers(@Nullable Collection<String> ciphers) {
			this.ciphers = (ciphers == null || ciphers.isEmpty()) ? null : List.copyOf(ciphers);
			return this;
		}

		/**
		 * Sets the TLS implementation.
		 * @param engine the engine
		 * @return this builder
		 */
		public ClientBuilder engine(SslEngineType engine) {
			this.engine = Objects.requireNonNull(engine, "'engine' must not be null");
			return this;
		}

		/**
		 * Builds the context.
		 * @return the context
		 * @throws SSLException if the managers, protocols or ciphers are not usable
		 * @throws IllegalStateException if the native engine is required but not available
		 */
		public SslContext build() throws SSLException {
			SslContextBuilder builder = SslContextBuilder.forClient()
				.sslProvider(provider(this.engine))
				.protocols(this.protocols);
			if (this.trustManagerFactory != null) {
				builder.trustManager(this.trustManagerFactory);
			}
			if (this.keyManagerFactory != null) {
				builder.keyManager(this.keyManagerFactory);
			}
			if (this.ciphers != null) {
				builder.ciphers(this.ciphers);
			}
			return builder.build();
		}

	}

}

package dev.socketserver.ssl;

/**
 * Which TLS implementation a server uses.
 *
 * @since 0.1.0
 */
public enum SslEngineType {

	/**
	 * The native engine when {@code netty-tcnative} (such as {@code netty-tcnative-boringssl-static}) is on the class
	 * path, the JDK's otherwise.
	 */
	AUTO,

	/**
	 * The native OpenSSL or BoringSSL engine of {@code netty-tcnative}: faster handshakes and less garbage; start-up
	 * fails without it.
	 */
	OPENSSL,

	/**
	 * The JDK's own engine.
	 */
	JDK

}

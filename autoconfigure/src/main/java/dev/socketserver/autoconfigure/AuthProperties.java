package dev.socketserver.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.socketserver.connection.IdentityTakeover;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;

/**
 * Authentication settings of a server ({@code socket.servers.<name>.auth}, or {@code socket.defaults.auth} for
 * every server): who decides who a connection is, named by {@code authenticator} or {@code client-certificate}
 * (or a controller's {@code @OnAuthenticate} method), and how the server treats connections while and after they
 * authenticate. Without an authenticator, connections are served unauthenticated and the other settings have no
 * effect; setting them in a server's own section then fails at startup, as a sign of a forgotten authenticator.
 *
 * @since 0.1.0
 */
public class AuthProperties {

	/**
	 * Name of the SocketAuthenticator bean that authenticates connections before they are served. Empty turns off
	 * an authenticator named in 'socket.defaults'.
	 */
	private @Nullable String authenticator;

	/**
	 * Whether connections are authenticated by their TLS client certificate, and which of its names names the
	 * principal: 'none', 'common-name' or 'subject-alternative-name' (the first one). Needs 'ssl.client-auth' set
	 * to 'need'.
	 */
	private ClientCertificate clientCertificate = ClientCertificate.NONE;

	/**
	 * Comma-separated list of authorities held by every connection authenticated by its client certificate.
	 */
	private List<String> clientCertificateAuthorities = new ArrayList<>();

	/**
	 * How long a connection may stay unauthenticated before it is closed; 0 to never close for that. If a
	 * duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * What happens when a connection authenticates as a principal that another open connection already is:
	 * 'keep-both', 'close-older' (the older one is closed as replaced) or 'refuse-newer'.
	 */
	private IdentityTakeover takeover = IdentityTakeover.KEEP_BOTH;

	/**
	 * Number of failed authentications from one remote address, within the failure window, after which the
	 * address is refused for the ban duration. 0 to never refuse an address for that.
	 */
	private int maxFailures = 5;

	/**
	 * How long a failed authentication counts against its remote address. If a duration suffix is not specified,
	 * seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration failureWindow = Duration.ofMinutes(1);

	/**
	 * How long a remote address that reached the maximum failures is refused. If a duration suffix is not
	 * specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration banDuration = Duration.ofMinutes(5);

	/**
	 * Maximum number of remote addresses whose failures are remembered; the table has this fixed size whatever
	 * the number of addresses seen.
	 */
	private int trackedAddresses = 4096;

	/**
	 * What happens to a message that the connection's principal lacks the authority to send: 'reply' refuses it
	 * with an error reply and keeps the connection, 'close' closes the connection.
	 */
	private Forbidden forbidden = Forbidden.REPLY;

	public @Nullable String getAuthenticator() {
		return this.authenticator;
	}

	public void setAuthenticator(@Nullable String authenticator) {
		this.authenticator = authenticator;
	}

	public ClientCertificate getClientCertificate() {
		return this.clientCertificate;
	}

	public void setClientCertificate(ClientCertificate clientCertificate) {
		this.clientCertificate = clientCertificate;
	}

	public List<String> getClientCertificateAuthorities() {
		return this.clientCertificateAuthorities;
	}

	public void setClientCertificateAuthorities(List<String> clientCertificateAuthorities) {
		this.clientCertificateAuthorities = clientCertificateAuthorities;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		this.timeout = timeout;
	}

	public IdentityTakeover getTakeover() {
		return this.takeover;
	}

	public void setTakeover(IdentityTakeover takeover) {
		this.takeover = takeover;
	}

	public int getMaxFailures() {
		return this.maxFailures;
	}

	public void setMaxFailures(int maxFailures) {
		Assert.isTrue(maxFailures >= 0, "'maxFailures' must not be negative");
		this.maxFailures = maxFailures;
	}

	public Duration getFailureWindow() {
		return this.failureWindow;
	}

	public void setFailureWindow(Duration failureWindow) {
		Assert.isTrue(failureWindow.toMillis() > 0, "'failureWindow' must be positive");
		this.failureWindow = failureWindow;
	}

	public Duration getBanDuration() {
		return this.banDuration;
	}

	public void setBanDuration(Duration banDuration) {
		Assert.isTrue(banDuration.toMillis() > 0, "'banDuration' must be positive");
		this.banDuration = banDuration;
	}

	public int getTrackedAddresses() {
		return this.trackedAddresses;
	}

	public void setTrackedAddresses(int trackedAddresses) {
		Assert.isTrue(trackedAddresses >= 4 && trackedAddresses <= (1 << 24),
				"'trackedAddresses' must be between 4 and 16777216");
		this.trackedAddresses = trackedAddresses;
	}

	public Forbidden getForbidden() {
		return this.forbidden;
	}

	public void setForbidden(Forbidden forbidden) {
		this.forbidden = forbidden;
	}

	/**
	 * Whether connections are authenticated by their client certificate, and by which name.
	 */
	public enum ClientCertificate {

		/**
		 * Not by the client certificate.
		 */
		NONE,

		/**
		 * By the certificate's subject common name (CN).
		 */
		COMMON_NAME,

		/**
		 * By the certificate's first subject alternative name.
		 */
		SUBJECT_ALTERNATIVE_NAME

	}

	/**
	 * What happens to a message that the connection's principal lacks the authority to send.
	 */
	public enum Forbidden {

		/**
		 * The message is refused with an error reply; the connection stays open.
		 */
		REPLY,

		/**
		 * The connection is closed as forbidden.
		 */
		CLOSE

	}

}

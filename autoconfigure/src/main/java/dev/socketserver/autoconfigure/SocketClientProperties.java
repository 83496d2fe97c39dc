package dev.socketserver.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.socketserver.autoconfigure.SocketServerProperties.Delimiter;
import dev.socketserver.autoconfigure.SocketServerProperties.FixedLength;
import dev.socketserver.autoconfigure.SocketServerProperties.Json;
import dev.socketserver.autoconfigure.SocketServerProperties.LengthField;
import dev.socketserver.autoconfigure.SocketServerProperties.Line;
import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.client.WhileDisconnected;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.ssl.SslEngineType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one socket client ({@code socket.clients.<name>}, or {@code socket.client-defaults} for every
 * client): where it connects, what it speaks (the codec settings are those of servers), how it reconnects, pings
 * and uses TLS, and what it does while disconnected.
 *
 * @since 0.1.0
 */
public class SocketClientProperties implements CodecProperties {

	/**
	 * Whether this client is created and connects.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of the servers to connect to, as 'host:port' ('[::1]:7000' for IPv6 addresses), tried
	 * in turn: the next one after each failure. Host names are resolved at each attempt.
	 */
	private List<String> endpoints = new ArrayList<>();

	/**
	 * Codec: 'line', 'length-field', 'delimiter', 'fixed-length', 'raw', 'json', or the name of a Codec bean.
	 */
	private String codec = "line";

	/**
	 * Name of the SocketHandler bean that receives the messages the server sends unsolicited (not replies to
	 * requests). Without one, they are ignored.
	 */
	private @Nullable String handler;

	/**
	 * Java type of the messages of the built-in codecs. Defaults to 'string' for the line codec and 'bytes' for
	 * the others.
	 */
	private @Nullable Payload payload;

	/**
	 * Charset of string payloads.
	 */
	private Charset charset = StandardCharsets.UTF_8;

	/**
	 * Maximum size of an inbound frame; a larger one closes the connection before it is buffered.
	 */
	private DataSize maxFrameLength = DataSize.ofMegabytes(1);

	/**
	 * How long a TCP connect may take. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Number of connections to keep open to the endpoint; sends and requests are spread over them in turn.
	 */
	private int poolSize = 1;

	/**
	 * What sends and requests do while there is no connection: 'fail' at once, or 'queue' them (up to the queue
	 * capacity) until the next connection.
	 */
	private WhileDisconnected whileDisconnected = WhileDisconnected.FAIL;

	/**
	 * Number of sends and requests that may wait for a connection, with 'while-disconnected' set to 'queue'; more
	 * fail at once.
	 */
	private int queueCapacity = 1000;

	@NestedConfigurationProperty
	private final Line line = new Line();

	@NestedConfigurationProperty
	private final LengthField lengthField = new LengthField();

	@NestedConfigurationProperty
	private final Delimiter delimiter = new Delimiter();

	@NestedConfigurationProperty
	private final FixedLength fixedLength = new FixedLength();

	@NestedConfigurationProperty
	private final Json json = new Json();

	@NestedConfigurationProperty
	private final SocketServerProperties.Execution execution = new SocketServerProperties.Execution();

	private final Reconnect reconnect = new Reconnect();

	private final FailBack failBack = new FailBack();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Ssl ssl = new Ssl();

	@NestedConfigurationProperty
	private final ConnectionSocketProperties socket = new ConnectionSocketProperties();

	private final Limits limits = new Limits();

	@NestedConfigurationProperty
	private final RequestProperties requests = new RequestProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<String> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public String getCodec() {
		return this.codec;
	}

	public void setCodec(String codec) {
		Assert.hasText(codec, "'codec' must not be empty");
		this.codec = codec;
	}

	public @Nullable String getHandler() {
		return this.handler;
	}

	public void setHandler(@Nullable String handler) {
		this.handler = handler;
	}

	@Override
	public @Nullable Payload getPayload() {
		return this.payload;
	}

	public void setPayload(@Nullable Payload payload) {
		this.payload = payload;
	}

	@Override
	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public DataSize getMaxFrameLength() {
		return this.maxFrameLength;
	}

	public void setMaxFrameLength(DataSize maxFrameLength) {
		Assert.isTrue(maxFrameLength.toBytes() > 0 && maxFrameLength.toBytes() <= Integer.MAX_VALUE,
				"'maxFrameLength' must be between 1B and 2GB");
		this.maxFrameLength = maxFrameLength;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		Assert.isTrue(connectTimeout.toMillis() > 0, "'connectTimeout' must be positive");
		this.connectTimeout = connectTimeout;
	}

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		Assert.isTrue(poolSize > 0, "'poolSize' must be positive");
		this.poolSize = poolSize;
	}

	public WhileDisconnected getWhileDisconnected() {
		return this.whileDisconnected;
	}

	public void setWhileDisconnected(WhileDisconnected whileDisconnected) {
		this.whileDisconnected = whileDisconnected;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		this.queueCapacity = queueCapacity;
	}

	public RequestProperties getRequests() {
		return this.requests;
	}

	@Override
	public Line getLine() {
		return this.line;
	}

	@Override
	public LengthField getLengthField() {
		return this.lengthField;
	}

	@Override
	public Delimiter getDelimiter() {
		return this.delimiter;
	}

	@Override
	public FixedLength getFixedLength() {
		return this.fixedLength;
	}

	@Override
	public Json getJson() {
		return this.json;
	}

	public SocketServerProperties.Execution getExecution() {
		return this.execution;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public FailBack getFailBack() {
		return this.failBack;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public ConnectionSocketProperties getSocket() {
		return this.socket;
	}

	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * When the client connects again after a failed connect or a lost connection.
	 */
	public static class Reconnect {

		/**
		 * Whether to connect again; without, the client closes once its connections are lost.
		 */
		private boolean enabled = true;

		/**
		 * Delay after a lost connection or a first failed connect. If a duration suffix is not specified,
		 * milliseconds will be used.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Longest delay between two attempts. If a duration suffix is not specified, milliseconds will be used.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Factor by which the delay grows with each failed attempt in a row.
		 */
		private double multiplier = 2.0;

		/**
		 * Largest fraction of each delay taken off at random, so that clients that lost the same server do not
		 * all come back at once.
		 */
		private double jitter = 0.2;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			Assert.isTrue(!initialDelay.isNegative(), "'initialDelay' must not be negative");
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			Assert.isTrue(!maxDelay.isNegative(), "'maxDelay' must not be negative");
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1.0, "'multiplier' must be at least 1");
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			Assert.isTrue(jitter >= 0.0 && jitter <= 1.0, "'jitter' must be between 0 and 1");
			this.jitter = jitter;
		}

	}

	/**
	 * Going back to the first endpoint once it is reachable again.
	 */
	public static class FailBack {

		/**
		 * Whether a client connected to a later endpoint probes the first one and, once it connects, goes back to
		 * it.
		 */
		private boolean enabled;

		/**
		 * Time between two probes of the first endpoint. If a duration suffix is not specified, seconds will be
		 * used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration interval = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			Assert.isTrue(interval.toMillis() > 0, "'interval' must be positive");
			this.interval = interval;
		}

	}

	/**
	 * Pings of a quiet server and detection of dead links.
	 */
	public static class Heartbeat {

		/**
		 * How long the server may send nothing before the connection is closed as idle; 0 to never close for
		 * that. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration readIdleTimeout = Duration.ZERO;

		/**
		 * How long the connection may be quiet before the client pings the server; 0 for no pings. Needs ping and
		 * pong messages. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration pingInterval = Duration.ZERO;

		/**
		 * Number of unanswered pings in a row that close the connection, which the client then reconnects.
		 */
		private int maxMissedPings = 3;

		/**
		 * Whether only a pong answers a ping; otherwise any received data does.
		 */
		private boolean pongRequired;

		/**
		 * Whether the client answers the server's pings with a pong itself.
		 */
		private boolean answerPings = true;

		/**
		 * Ping message as text in the client's charset, for the built-in codecs. Defaults to 'PING' for the line
		 * codec.
		 */
		private @Nullable String ping;

		/**
		 * Pong message as text in the client's charset, for the built-in codecs. Defaults to 'PONG' for the line
		 * codec.
		 */
		private @Nullable String pong;

		/**
		 * Name of a HeartbeatMessages bean that recognises and builds pings and pongs, for binary protocols.
		 */
		private @Nullable String messages;

		/**
		 * Resolution of the connection's deadlines: a deadline is noticed at most one tick late. If a duration
		 * suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration tick = Duration.ofSeconds(1);

		public Duration getReadIdleTimeout() {
			return this.readIdleTimeout;
		}

		public void setReadIdleTimeout(Duration readIdleTimeout) {
			Assert.isTrue(!readIdleTimeout.isNegative(), "'readIdleTimeout' must not be negative");
			this.readIdleTimeout = readIdleTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			Assert.isTrue(!pingInterval.isNegative(), "'pingInterval' must not be negative");
			this.pingInterval = pingInterval;
		}

		public int getMaxMissedPings() {
			return this.maxMissedPings;
		}

		public void setMaxMissedPings(int maxMissedPings) {
			Assert.isTrue(maxMissedPings > 0, "'maxMissedPings' must be positive");
			this.maxMissedPings = maxMissedPings;
		}

		public boolean isPongRequired() {
			return this.pongRequired;
		}

		public void setPongRequired(boolean pongRequired) {
			this.pongRequired = pongRequired;
		}

		public boolean isAnswerPings() {
			return this.answerPings;
		}

		public void setAnswerPings(boolean answerPings) {
			this.answerPings = answerPings;
		}

		public @Nullable String getPing() {
			return this.ping;
		}

		public void setPing(@Nullable String ping) {
			this.ping = ping;
		}

		public @Nullable String getPong() {
			return this.pong;
		}

		public void setPong(@Nullable String pong) {
			this.pong = pong;
		}

		public @Nullable String getMessages() {
			return this.messages;
		}

		public void setMessages(@Nullable String messages) {
			this.messages = messages;
		}

		public Duration getTick() {
			return this.tick;
		}

		public void setTick(Duration tick) {
			Assert.isTrue(tick.toMillis() >= 1 && tick.toMillis() <= 60_000, "'tick' must be between 1ms and 60s");
			this.tick = tick;
		}

	}

	/**
	 * TLS, with the trust material (and a client certificate, if the server asks for one) from an SSL bundle of
	 * Spring Boot's ('spring.ssl.bundle.pem.<name>' or 'spring.ssl.bundle.jks.<name>').
	 */
	public static class Ssl {

		/**
		 * Whether to use TLS when a bundle is named; false turns off a bundle named in 'socket.client-defaults'.
		 */
		private boolean enabled = true;

		/**
		 * Name of the SSL bundle whose trust store verifies the server's certificate, and whose key store, if
		 * any, holds the client's certificate. TLS is on when it is set.
		 */
		private @Nullable String bundle;

		/**
		 * Name sent to the server (SNI) and expected in its certificate. Defaults to the host of each endpoint.
		 */
		private @Nullable String serverName;

		/**
		 * Whether the server's certificate must be issued to the server name; without, any certificate the trust
		 * store accepts will do.
		 */
		private boolean verifyHostname = true;

		/**
		 * Comma-separated list of enabled protocols. Defaults to the bundle's enabled protocols, else TLSv1.3 and
		 * TLSv1.2.
		 */
		private List<String> protocols = new ArrayList<>();

		/**
		 * Comma-separated list of enabled cipher suites, in Java names. Defaults to the bundle's ciphers, else the
		 * engine's defaults.
		 */
		private List<String> ciphers = new ArrayList<>();

		/**
		 * How long a TLS handshake may take before the connection is closed. If a duration suffix is not
		 * specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		/**
		 * TLS implementation: 'auto' uses the native OpenSSL (BoringSSL) engine when netty-tcnative is on the
		 * class path, else the JDK's.
		 */
		private SslEngineType engine = SslEngineType.AUTO;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getServerName() {
			return this.serverName;
		}

		public void setServerName(@Nullable String serverName) {
			this.serverName = serverName;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public List<String> getProtocols() {
			return this.protocols;
		}

		public void setProtocols(List<String> protocols) {
			this.protocols = protocols;
		}

		public List<String> getCiphers() {
			return this.ciphers;
		}

		public void setCiphers(List<String> ciphers) {
			this.ciphers = ciphers;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			Assert.isTrue(handshakeTimeout.toMillis() > 0, "'handshakeTimeout' must be positive");
			this.handshakeTimeout = handshakeTimeout;
		}

		public SslEngineType getEngine() {
			return this.engine;
		}

		public void setEngine(SslEngineType engine) {
			this.engine = engine;
		}

	}


	/**
	 * Caps on what the client's connections may hold.
	 */
	public static class Limits {

		/**
		 * Maximum bytes waiting to be written to one connection; beyond it the slow-consumer policy applies.
		 */
		private DataSize maxPendingOutbound = DataSize.ofMegabytes(1);

		/**
		 * What happens to a message sent to a connection over its outbound limit.
		 */
		private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.CLOSE;

		/**
		 * How long a connection may stay unwritable (the server not reading) before it is closed; 0 to never close
		 * for that. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration unwritableTimeout = Duration.ofSeconds(30);

		/**
		 * What happens to a connection whose handler threw.
		 */
		private HandlerErrorPolicy handlerErrorPolicy = HandlerErrorPolicy.CLOSE;

		/**
		 * How long a frame that has started may take to complete before the connection is closed; 0 to never
		 * close for that. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration frameTimeout = Duration.ofSeconds(30);

		public DataSize getMaxPendingOutbound() {
			return this.maxPendingOutbound;
		}

		public void setMaxPendingOutbound(DataSize maxPendingOutbound) {
			Assert.isTrue(maxPendingOutbound.toBytes() > 0, "'maxPendingOutbound' must be positive");
			this.maxPendingOutbound = maxPendingOutbound;
		}

		public SlowConsumerPolicy getSlowConsumerPolicy() {
			return this.slowConsumerPolicy;
		}

		public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
			this.slowConsumerPolicy = slowConsumerPolicy;
		}

		public Duration getUnwritableTimeout() {
			return this.unwritableTimeout;
		}

		public void setUnwritableTimeout(Duration unwritableTimeout) {
			Assert.isTrue(!unwritableTimeout.isNegative(), "'unwritableTimeout' must not be negative");
			this.unwritableTimeout = unwritableTimeout;
		}

		public HandlerErrorPolicy getHandlerErrorPolicy() {
			return this.handlerErrorPolicy;
		}

		public void setHandlerErrorPolicy(HandlerErrorPolicy handlerErrorPolicy) {
			this.handlerErrorPolicy = handlerErrorPolicy;
		}

		public Duration getFrameTimeout() {
			return this.frameTimeout;
		}

		public void setFrameTimeout(Duration frameTimeout) {
			Assert.isTrue(!frameTimeout.isNegative(), "'frameTimeout' must not be negative");
			this.frameTimeout = frameTimeout;
		}

	}

}

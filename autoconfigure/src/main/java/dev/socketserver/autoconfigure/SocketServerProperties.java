package dev.socketserver.autoconfigure;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.socketserver.access.RateLimitPolicy;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.handler.controller.UnknownTypePolicy;
import dev.socketserver.ssl.SslEngineType;
import dev.socketserver.transport.LoopAssignment;
import dev.socketserver.transport.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of socket servers and clients: the event loops they share, each named server and each named
 * client.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socket")
public class SocketServerProperties {

	/**
	 * I/O transport; 'auto' picks epoll, else io_uring, else kqueue, else NIO.
	 */
	private Transport transport = Transport.AUTO;

	/**
	 * Number of acceptor threads shared by all servers.
	 */
	private int bossThreads = 1;

	/**
	 * Number of worker event loops shared by all servers and clients. Defaults to the number of available
	 * processors.
	 */
	private @Nullable Integer workerThreads;

	/**
	 * How new connections are assigned to worker event loops.
	 */
	private LoopAssignment loopAssignment = LoopAssignment.ROUND_ROBIN;

	/**
	 * Settings shared by every server; each server's own settings under 'socket.servers.<name>' override them.
	 */
	private final Server defaults = new Server();

	/**
	 * Servers by name, each with the settings documented under 'socket.defaults'.
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	/**
	 * Settings shared by every client; each client's own settings under 'socket.clients.<name>' override them.
	 */
	@NestedConfigurationProperty
	private final SocketClientProperties clientDefaults = new SocketClientProperties();

	/**
	 * Clients by name, each with the settings documented under 'socket.client-defaults'.
	 */
	private final Map<String, SocketClientProperties> clients = new LinkedHashMap<>();

	/**
	 * Wire taps of single connections, started through the 'socketservers' Actuator endpoint.
	 */
	private final Wiretap wiretap = new Wiretap();

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public int getBossThreads() {
		return this.bossThreads;
	}

	public void setBossThreads(int bossThreads) {
		Assert.isTrue(bossThreads > 0, "'bossThreads' must be positive");
		this.bossThreads = bossThreads;
	}

	public @Nullable Integer getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(@Nullable Integer workerThreads) {
		Assert.isTrue(workerThreads == null || workerThreads > 0, "'workerThreads' must be positive");
		this.workerThreads = workerThreads;
	}

	public LoopAssignment getLoopAssignment() {
		return this.loopAssignment;
	}

	public void setLoopAssignment(LoopAssignment loopAssignment) {
		this.loopAssignment = loopAssignment;
	}

	public Server getDefaults() {
		return this.defaults;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public SocketClientProperties getClientDefaults() {
		return this.clientDefaults;
	}

	public Map<String, SocketClientProperties> getClients() {
		return this.clients;
	}

	public Wiretap getWiretap() {
		return this.wiretap;
	}

	/**
	 * Settings of one server.
	 */
	public static class Server implements CodecProperties {

		/**
		 * Whether this server is started.
		 */
		private boolean enabled = true;

		/**
		 * Network address to bind. Defaults to all interfaces.
		 */
		private @Nullable InetAddress address;

		/**
		 * Port to listen on; 0 picks a free port.
		 */
		private @Nullable Integer port;

		/**
		 * Codec: 'line', 'length-field', 'delimiter', 'fixed-length', 'raw', 'json', or the name of a Codec bean.
		 */
		private String codec = "line";

		/**
		 * Name of the SocketHandler or @SocketController bean serving this server. Optional when controllers name
		 * the server or the application has only one handler.
		 */
		private @Nullable String handler;

		/**
		 * Java type of the messages of the built-in codecs. Defaults to 'string' for the line codec and 'bytes'
		 * for the others.
		 */
		private @Nullable Payload payload;

		/**
		 * Charset of string payloads.
		 */
		private Charset charset = StandardCharsets.UTF_8;

		/**
		 * Maximum size of an inbound frame (a line without its end, a length-field frame with its header); larger
		 * frames close the connection before they are buffered.
		 */
		private DataSize maxFrameLength = DataSize.ofMegabytes(1);

		private final Line line = new Line();

		private final LengthField lengthField = new LengthField();

		private final Delimiter delimiter = new Delimiter();

		private final FixedLength fixedLength = new FixedLength();

		private final Socket socket = new Socket();

		private final Limits limits = new Limits();

		private final Heartbeat heartbeat = new Heartbeat();

		private final Execution execution = new Execution();

		private final Shutdown shutdown = new Shutdown();

		private final Json json = new Json();

		private final Controller controller = new Controller();

		private final Ssl ssl = new Ssl();

		private final ProxyProtocol proxyProtocol = new ProxyProtocol();

		private final Access access = new Access();

		private final RateLimit rateLimit = new RateLimit();

		@NestedConfigurationProperty
		private final AuthProperties auth = new AuthProperties();

		@NestedConfigurationProperty
		private final RequestProperties requests = new RequestProperties();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			Assert.isTrue(port == null || (port >= 0 && port <= 65535), "'port' must be between 0 and 65535");
			this.port = port;
		}

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

		public @Nullable Payload getPayload() {
			return this.payload;
		}

		public void setPayload(@Nullable Payload payload) {
			this.payload = payload;
		}

		public Charset getCharset() {
			return this.charset;
		}

		public void setCharset(Charset charset) {
			this.charset = charset;
		}

		public DataSize getMaxFrameLength() {
			return this.maxFrameLength;
		}

		public void setMaxFrameLength(DataSize maxFrameLength) {
			Assert.isTrue(maxFrameLength.toBytes() > 0 && maxFrameLength.toBytes() <= Integer.MAX_VALUE,
					"'maxFrameLength' must be between 1B and 2GB");
			this.maxFrameLength = maxFrameLength;
		}

		public Line getLine() {
			return this.line;
		}

		public LengthField getLengthField() {
			return this.lengthField;
		}

		public Delimiter getDelimiter() {
			return this.delimiter;
		}

		public FixedLength getFixedLength() {
			return this.fixedLength;
		}

		public Socket getSocket() {
			return this.socket;
		}

		public Limits getLimits() {
			return this.limits;
		}

		public Heartbeat getHeartbeat() {
			return this.heartbeat;
		}

		public Execution getExecution() {
			return this.execution;
		}

		public Shutdown getShutdown() {
			return this.shutdown;
		}

		public Json getJson() {
			return this.json;
		}

		public Controller getController() {
			return this.controller;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public ProxyProtocol getProxyProtocol() {
			return this.proxyProtocol;
		}

		public Access getAccess() {
			return this.access;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public AuthProperties getAuth() {
			return this.auth;
		}

		public RequestProperties getRequests() {
			return this.requests;
		}

	}

	/**
	 * Java type of the messages of the built-in codecs.
	 */
	public enum Payload {

		/**
		 * byte[].
		 */
		BYTES,

		/**
		 * String, decoded with the configured charset; malformed UTF-8 is a decode error.
		 */
		STRING,

		/**
		 * Netty ByteBuf, without copying; released when the handler returns.
		 */
		BUFFER

	}

	/**
	 * Byte order of a length field.
	 */
	public enum ByteOrderType {

		/**
		 * Most significant byte first (network order).
		 */
		BIG_ENDIAN,

		/**
		 * Least significant byte first.
		 */
		LITTLE_ENDIAN

	}

	/**
	 * Settings of the line codec.
	 */
	public static class Line {

		/**
		 * What ends sent lines; received lines may end with either.
		 */
		private LineDelimiter delimiter = LineDelimiter.LF;

		public LineDelimiter getDelimiter() {
			return this.delimiter;
		}

		public void setDelimiter(LineDelimiter delimiter) {
			this.delimiter = delimiter;
		}

	}

	/**
	 * Settings of the length-field codec.
	 */
	public static class LengthField {

		/**
		 * Size of the length field in bytes: 1, 2, 3, 4 or 8.
		 */
		private int length = 4;

		/**
		 * Offset of the length field from the start of the frame.
		 */
		private int offset;

		/**
		 * Value added to the length field to get the number of bytes that follow it; -4 when a 4-byte field
		 * counts itself.
		 */
		private int adjustment;

		/**
		 * Byte order of the length field.
		 */
		private ByteOrderType byteOrder = ByteOrderType.BIG_ENDIAN;

		/**
		 * Whether handlers see frames without their header; otherwise they see whole frames and the codec fills
		 * in the length field of the frames they send.
		 */
		private boolean stripHeader = true;

		public int getLength() {
			return this.length;
		}

		public void setLength(int length) {
			Assert.isTrue(length == 1 || length == 2 || length == 3 || length == 4 || length == 8,
					"'length' must be 1, 2, 3, 4 or 8");
			this.length = length;
		}

		public int getOffset() {
			return this.offset;
		}

		public void setOffset(int offset) {
			Assert.isTrue(offset >= 0, "'offset' must not be negative");
			this.offset = offset;
		}

		public int getAdjustment() {
			return this.adjustment;
		}

		public void setAdjustment(int adjustment) {
			this.adjustment = adjustment;
		}

		public ByteOrderType getByteOrder() {
			return this.byteOrder;
		}

		public void setByteOrder(ByteOrderType byteOrder) {
			this.byteOrder = byteOrder;
		}

		public boolean isStripHeader() {
			return this.stripHeader;
		}

		public void setStripHeader(boolean stripHeader) {
			this.stripHeader = stripHeader;
		}

	}

	/**
	 * Settings of the delimiter codec.
	 */
	public static class Delimiter {

		/**
		 * Bytes that end a frame, as a string in the configured charset; YAML escapes such as "\0" or "\r\n" work
		 * in double quotes.
		 */
		private String value = "\0";

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			Assert.hasLength(value, "'value' must not be empty");
			this.value = value;
		}

	}

	/**
	 * Settings of the fixed-length codec.
	 */
	public static class FixedLength {

		/**
		 * Size of every frame.
		 */
		private @Nullable DataSize length;

		public @Nullable DataSize getLength() {
			return this.length;
		}

		public void setLength(@Nullable DataSize length) {
			Assert.isTrue(length == null || length.toBytes() > 0, "'length' must be positive");
			this.length = length;
		}

	}

	/**
	 * TCP options: those of every connection, plus the listening socket's.
	 */
	public static class Socket extends ConnectionSocketProperties {

		/**
		 * Length of the queue of connections accepted by the kernel but not yet by the server.
		 */
		private int backlog = 1024;

		/**
		 * Whether the port can be bound again while old connections linger (SO_REUSEADDR).
		 */
		private boolean reuseAddress = true;

		public int getBacklog() {
			return this.backlog;
		}

		public void setBacklog(int backlog) {
			Assert.isTrue(backlog > 0, "'backlog' must be positive");
			this.backlog = backlog;
		}

		public boolean isReuseAddress() {
			return this.reuseAddress;
		}

		public void setReuseAddress(boolean reuseAddress) {
			this.reuseAddress = reuseAddress;
		}

	}

	/**
	 * Caps on what connections may hold.
	 */
	public static class Limits {

		/**
		 * Maximum number of open connections; more are accepted, then closed at once and counted. 0 for no
		 * limit.
		 */
		private int maxConnections = 10_000;

		/**
		 * Maximum number of open connections from one remote IP address. 0 for no limit.
		 */
		private int maxConnectionsPerAddress;

		/**
		 * Maximum bytes waiting to be written to one connection; beyond it the slow-consumer policy applies.
		 */
		private DataSize maxPendingOutbound = DataSize.ofMegabytes(1);

		/**
		 * What happens to a message sent to a connection over its outbound limit.
		 */
		private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.CLOSE;

		/**
		 * How long a connection may stay unwritable (its peer not reading) before it is closed as a slow
		 * consumer; 0 to never close for that. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration unwritableTimeout = Duration.ofSeconds(30);

		/**
		 * What happens to a connection whose handler threw.
		 */
		private HandlerErrorPolicy handlerErrorPolicy = HandlerErrorPolicy.CLOSE;

		/**
		 * How long a new connection may send nothing at all before it is closed (slowloris defence); 0 to never
		 * close for that. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration firstMessageTimeout = Duration.ofSeconds(10);

		/**
		 * How long a frame that has started may take to complete before the connection is closed (defence
		 * against peers trickling bytes); 0 to never close for that. If a duration suffix is not specified,
		 * seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration frameTimeout = Duration.ofSeconds(30);

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			Assert.isTrue(maxConnections >= 0, "'maxConnections' must not be negative");
			this.maxConnections = maxConnections;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			Assert.isTrue(maxConnectionsPerAddress >= 0, "'maxConnectionsPerAddress' must not be negative");
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

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

		public Duration getFirstMessageTimeout() {
			return this.firstMessageTimeout;
		}

		public void setFirstMessageTimeout(Duration firstMessageTimeout) {
			Assert.isTrue(!firstMessageTimeout.isNegative(), "'firstMessageTimeout' must not be negative");
			this.firstMessageTimeout = firstMessageTimeout;
		}

		public Duration getFrameTimeout() {
			return this.frameTimeout;
		}

		public void setFrameTimeout(Duration frameTimeout) {
			Assert.isTrue(!frameTimeout.isNegative(), "'frameTimeout' must not be negative");
			this.frameTimeout = frameTimeout;
		}

	}

	/**
	 * Idle detection and pings.
	 */
	public static class Heartbeat {

		/**
		 * How long a connection may send nothing before it is closed as idle; 0 to never close idle
		 * connections. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration readIdleTimeout = Duration.ofSeconds(60);

		/**
		 * How long a connection may be quiet before the server pings it; 0 for no server pings. Needs ping and
		 * pong messages. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration pingInterval = Duration.ZERO;

		/**
		 * Number of unanswered pings in a row that close a connection.
		 */
		private int maxMissedPings = 3;

		/**
		 * Whether only a pong answers a ping; otherwise any received data does.
		 */
		private boolean pongRequired;

		/**
		 * Whether the server answers client pings with a pong itself.
		 */
		private boolean answerPings = true;

		/**
		 * Whether client pings and pongs also reach the handler.
		 */
		private boolean deliverPings;

		/**
		 * Ping message as text in the server's charset, for the built-in codecs. Defaults to 'PING' for the line
		 * codec.
		 */
		private @Nullable String ping;

		/**
		 * Pong message as text in the server's charset, for the built-in codecs. Defaults to 'PONG' for the line
		 * codec.
		 */
		private @Nullable String pong;

		/**
		 * Name of a HeartbeatMessages bean that recognises and builds pings and pongs, for binary protocols.
		 */
		private @Nullable String messages;

		/**
		 * Resolution of connection deadlines: a deadline is noticed at most one tick late. If a duration suffix is
		 * not specified, seconds will be used.
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

		public boolean isDeliverPings() {
			return this.deliverPings;
		}

		public void setDeliverPings(boolean deliverPings) {
			this.deliverPings = deliverPings;
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
	 * Where handlers run.
	 */
	public static class Execution {

		/**
		 * Where handlers run: 'auto' picks virtual threads when 'spring.threads.virtual.enabled' is true on Java 21
		 * or later, else the event loop.
		 */
		private Mode mode = Mode.AUTO;

		/**
		 * Number of threads of the handler pool in 'pool' mode.
		 */
		private int poolSize = 200;

		/**
		 * Number of messages of one connection that may wait for its handler before the connection stops being
		 * read (off the event loop).
		 */
		private int mailboxCapacity = 1024;

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			Assert.isTrue(poolSize > 0, "'poolSize' must be positive");
			this.poolSize = poolSize;
		}

		public int getMailboxCapacity() {
			return this.mailboxCapacity;
		}

		public void setMailboxCapacity(int mailboxCapacity) {
			Assert.isTrue(mailboxCapacity >= 2, "'mailboxCapacity' must be at least 2");
			this.mailboxCapacity = mailboxCapacity;
		}

		/**
		 * Where handlers run.
		 */
		public enum Mode {

			/**
			 * Virtual threads when Spring Boot's virtual threads are enabled and available, else the event loop.
			 */
			AUTO,

			/**
			 * On the event loop: fastest, for handlers that never block.
			 */
			EVENT_LOOP,

			/**
			 * On virtual threads (Java 21 or later), for handlers that block.
			 */
			VIRTUAL_THREADS,

			/**
			 * On a bounded pool of platform threads, for handlers that block.
			 */
			POOL

		}

	}

	/**
	 * Shutdown settings.
	 */
	public static class Shutdown {

		/**
		 * How long a graceful shutdown waits for connections to finish their work before closing them. Defaults
		 * to 'spring.lifecycle.timeout-per-shutdown-phase'. If a duration suffix is not specified, seconds will
		 * be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration gracePeriod;

		public @Nullable Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(@Nullable Duration gracePeriod) {
			Assert.isTrue(gracePeriod == null || !gracePeriod.isNegative(), "'gracePeriod' must not be negative");
			this.gracePeriod = gracePeriod;
		}

	}

	/**
	 * Settings of the JSON codec.
	 */
	public static class Json {

		/**
		 * How JSON messages are framed: one per line (newline-delimited JSON), or length-prefixed as set under
		 * 'length-field'.
		 */
		private JsonFraming framing = JsonFraming.LINE;

		/**
		 * Name of the field holding a message's type, by which controllers route messages.
		 */
		private String typeField = "type";

		public JsonFraming getFraming() {
			return this.framing;
		}

		public void setFraming(JsonFraming framing) {
			this.framing = framing;
		}

		public String getTypeField() {
			return this.typeField;
		}

		public void setTypeField(String typeField) {
			Assert.hasText(typeField, "'typeField' must not be empty");
			this.typeField = typeField;
		}

	}

	/**
	 * How the JSON codec frames messages.
	 */
	public enum JsonFraming {

		/**
		 * One message per line (newline-delimited JSON).
		 */
		LINE,

		/**
		 * Length-prefixed messages, as set under 'length-field'.
		 */
		LENGTH_FIELD

	}

	/**
	 * Settings of the annotated controllers serving a server.
	 */
	public static class Controller {

		/**
		 * What happens to a message whose type no controller method handles, when there is no @Fallback method.
		 * Defaults to 'error' when the codec has error replies (json, line), 'close' otherwise.
		 */
		private @Nullable UnknownTypePolicy unknownType;

		/**
		 * Name of the MessageTypeResolver bean that reads message types. Defaults to the codec's own: the type
		 * field for json, the first word for line.
		 */
		private @Nullable String typeResolver;

		/**
		 * Name of the ErrorReplies bean that answers unknown types and invalid payloads. Defaults to the codec's
		 * own: json and line have one.
		 */
		private @Nullable String errorReplies;

		public @Nullable UnknownTypePolicy getUnknownType() {
			return this.unknownType;
		}

		public void setUnknownType(@Nullable UnknownTypePolicy unknownType) {
			this.unknownType = unknownType;
		}

		public @Nullable String getTypeResolver() {
			return this.typeResolver;
		}

		public void setTypeResolver(@Nullable String typeResolver) {
			this.typeResolver = typeResolver;
		}

		public @Nullable String getErrorReplies() {
			return this.errorReplies;
		}

		public void setErrorReplies(@Nullable String errorReplies) {
			this.errorReplies = errorReplies;
		}

	}

	/**
	 * TLS, from an SSL bundle of Spring Boot's ('spring.ssl.bundle.pem.<name>' or 'spring.ssl.bundle.jks.<name>').
	 */
	public static class Ssl {

		/**
		 * Whether to use TLS when a bundle is named; false turns off a bundle named in 'socket.defaults'.
		 */
		private boolean enabled = true;

		/**
		 * Name of the SSL bundle holding the server's key and certificate chain, and the trust store for client
		 * certificates. TLS is on when it is set; a bundle with 'reload-on-update' renews the certificate of new
		 * connections without a restart.
		 */
		private @Nullable String bundle;

		/**
		 * Whether clients present a certificate, verified against the bundle's trust store: 'none', 'want'
		 * (asked for, the handshake goes on without one) or 'need'.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

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

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
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

		/**
		 * Whether clients present a certificate.
		 */
		public enum ClientAuth {

			/**
			 * Clients are not asked for a certificate.
			 */
			NONE,

			/**
			 * Clients are asked for a certificate; one that is sent must be valid.
			 */
			WANT,

			/**
			 * Clients must present a valid certificate.
			 */
			NEED

		}

	}

	/**
	 * HAProxy PROXY protocol (v1 and v2), for servers behind a load balancer that passes on the client's address.
	 */
	public static class ProxyProtocol {

		/**
		 * Whether connections start with a PROXY protocol header: 'off', 'optional' (trusted proxies may send one)
		 * or 'required' (a trusted proxy's connection without one is closed).
		 */
		private Mode mode = Mode.OFF;

		/**
		 * Comma-separated list of addresses or CIDR ranges of the proxies whose headers are believed; a header
		 * from any other address closes the connection.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		/**
		 * Whether connections start with a PROXY protocol header.
		 */
		public enum Mode {

			/**
			 * No PROXY protocol: the remote address is the socket's.
			 */
			OFF,

			/**
			 * Trusted proxies may send a header.
			 */
			OPTIONAL,

			/**
			 * Trusted proxies must send a header.
			 */
			REQUIRED

		}

	}

	/**
	 * Which remote addresses may connect, checked when a connection is accepted and before anything is allocated
	 * for it. Behind a proxy, the address is the proxy's.
	 */
	public static class Access {

		/**
		 * Comma-separated list of addresses or CIDR ranges (IPv4 or IPv6) allowed to connect. When empty, every
		 * address that is not denied may connect.
		 */
		private List<String> allow = new ArrayList<>();

		/**
		 * Comma-separated list of addresses or CIDR ranges (IPv4 or IPv6) refused, even when allowed.
		 */
		private List<String> deny = new ArrayList<>();

		public List<String> getAllow() {
			return this.allow;
		}

		public void setAllow(List<String> allow) {
			this.allow = allow;
		}

		public List<String> getDeny() {
			return this.deny;
		}

		public void setDeny(List<String> deny) {
			this.deny = deny;
		}

	}

	/**
	 * Rates of new connections per remote address and of messages per connection.
	 */
	public static class RateLimit {

		/**
		 * Maximum number of new connections per second from one remote address (one /64 network for IPv6); more
		 * are refused when accepted. 0 for no limit.
		 */
		private double connectionsPerSecond = 0.0;

		/**
		 * Number of connections one address may open at once before the per-second rate applies. Defaults to
		 * the rate, rounded up.
		 */
		private @Nullable Integer connectionBurst;

		/**
		 * Maximum number of remote addresses whose connection rate is remembered; the table has this fixed size
		 * whatever the number of addresses seen, and forgets the least recently seen ones first.
		 */
		private int trackedAddresses = 16_384;

		/**
		 * Maximum number of messages per second from one connection. 0 for no limit.
		 */
		private double messagesPerSecond = 0.0;

		/**
		 * Number of messages a connection may send at once before the per-second rate applies. Defaults to the
		 * rate, rounded up.
		 */
		private @Nullable Integer messageBurst;

		/**
		 * What happens to a connection over its message rate: 'close' it, or 'pause' reading from it until it is
		 * within the rate again (no message is lost).
		 */
		private RateLimitPolicy messagePolicy = RateLimitPolicy.CLOSE;

		public double getConnectionsPerSecond() {
			return this.connectionsPerSecond;
		}

		public void setConnectionsPerSecond(double connectionsPerSecond) {
			Assert.isTrue(connectionsPerSecond >= 0, "'connectionsPerSecond' must not be negative");
			this.connectionsPerSecond = connectionsPerSecond;
		}

		public @Nullable Integer getConnectionBurst() {
			return this.connectionBurst;
		}

		public void setConnectionBurst(@Nullable Integer connectionBurst) {
			Assert.isTrue(connectionBurst == null || connectionBurst > 0, "'connectionBurst' must be positive");
			this.connectionBurst = connectionBurst;
		}

		public int getTrackedAddresses() {
			return this.trackedAddresses;
		}

		public void setTrackedAddresses(int trackedAddresses) {
			Assert.isTrue(trackedAddresses >= 16 && trackedAddresses <= (1 << 24),
					"'trackedAddresses' must be between 16 and 16777216");
			this.trackedAddresses = trackedAddresses;
		}

		public double getMessagesPerSecond() {
			return this.messagesPerSecond;
		}

		public void setMessagesPerSecond(double messagesPerSecond) {
			Assert.isTrue(messagesPerSecond >= 0, "'messagesPerSecond' must not be negative");
			this.messagesPerSecond = messagesPerSecond;
		}

		public @Nullable Integer getMessageBurst() {
			return this.messageBurst;
		}

		public void setMessageBurst(@Nullable Integer messageBurst) {
			Assert.isTrue(messageBurst == null || messageBurst > 0, "'messageBurst' must be positive");
			this.messageBurst = messageBurst;
		}

		public RateLimitPolicy getMessagePolicy() {
			return this.messagePolicy;
		}

		public void setMessagePolicy(RateLimitPolicy messagePolicy) {
			this.messagePolicy = messagePolicy;
		}

	}

	/**
	 * Bounds of wire taps: captures of one connection's frames, both ways, for a number of frames or a time.
	 */
	public static class Wiretap {

		/**
		 * Whether connections may be tapped through the 'socketservers' endpoint (which must also allow writes).
		 */
		private boolean enabled = true;

		/**
		 * Frames a tap captures when its request does not say.
		 */
		private int defaultFrames = 100;

		/**
		 * Maximum frames one tap may capture, and so the most entries it keeps.
		 */
		private int maxFrames = 1000;

		/**
		 * How long a tap runs when its request does not say. If a duration suffix is not specified, seconds will
		 * be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration defaultDuration = Duration.ofSeconds(60);

		/**
		 * Longest a tap may run. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxDuration = Duration.ofMinutes(10);

		/**
		 * Maximum bytes of each frame shown in hexadecimal.
		 */
		private DataSize maxBytesPerFrame = DataSize.ofBytes(256);

		/**
		 * Maximum characters kept of each decoded message's text.
		 */
		private int maxMessageLength = 512;

		/**
		 * Maximum taps running at once; as many ended ones stay readable. 0 refuses every tap.
		 */
		private int maxTaps = 4;

		/**
		 * Whether taps keep only the sizes, directions and times of frames, never their bytes or messages.
		 */
		private boolean mask;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getDefaultFrames() {
			return this.defaultFrames;
		}

		public void setDefaultFrames(int defaultFrames) {
			Assert.isTrue(defaultFrames > 0, "'defaultFrames' must be positive");
			this.defaultFrames = defaultFrames;
		}

		public int getMaxFrames() {
			return this.maxFrames;
		}

		public void setMaxFrames(int maxFrames) {
			Assert.isTrue(maxFrames > 0, "'maxFrames' must be positive");
			this.maxFrames = maxFrames;
		}

		public Duration getDefaultDuration() {
			return this.defaultDuration;
		}

		public void setDefaultDuration(Duration defaultDuration) {
			Assert.isTrue(!defaultDuration.isNegative() && !defaultDuration.isZero(),
					"'defaultDuration' must be positive");
			this.defaultDuration = defaultDuration;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			Assert.isTrue(!maxDuration.isNegative() && !maxDuration.isZero(), "'maxDuration' must be positive");
			this.maxDuration = maxDuration;
		}

		public DataSize getMaxBytesPerFrame() {
			return this.maxBytesPerFrame;
		}

		public void setMaxBytesPerFrame(DataSize maxBytesPerFrame) {
			Assert.isTrue(!maxBytesPerFrame.isNegative() && maxBytesPerFrame.toBytes() <= Integer.MAX_VALUE,
					"'maxBytesPerFrame' must be between 0 and 2GB");
			this.maxBytesPerFrame = maxBytesPerFrame;
		}

		public int getMaxMessageLength() {
			return this.maxMessageLength;
		}

		public void setMaxMessageLength(int maxMessageLength) {
			Assert.isTrue(maxMessageLength >= 0, "'maxMessageLength' must not be negative");
			this.maxMessageLength = maxMessageLength;
		}

		public int getMaxTaps() {
			return this.maxTaps;
		}

		public void setMaxTaps(int maxTaps) {
			Assert.isTrue(maxTaps >= 0, "'maxTaps' must not be negative");
			this.maxTaps = maxTaps;
		}

		public boolean isMask() {
			return this.mask;
		}

		public void setMask(boolean mask) {
			this.mask = mask;
		}

	}

}

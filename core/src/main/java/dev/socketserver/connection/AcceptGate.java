package dev.socketserver.connection;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.AuthenticationFailures;
import dev.socketserver.access.ConnectionRateLimiter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;

/**
 * Admission of accepted connections, on the acceptor loop before any worker resource is spent on them: address
 * rules and bans after failed authentications, the per-address connection rate, and the connection limits in
 * total and per address. A refused connection is closed at once and counted as rejected, never opened.
 */
@Sharable
final class AcceptGate extends ChannelInboundHandlerAdapter {

	private final ServerRuntime runtime;

	private final @Nullable AccessRules accessRules;

	private final @Nullable ConnectionRateLimiter rateLimiter;

	private final AtomicInteger admitted = new AtomicInteger();

	private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

	/** One line per ten seconds: refusals come in floods. */
	private final ProtectionLog refusals = new ProtectionLog(1);

	AcceptGate(ServerRuntime runtime, @Nullable AccessRules accessRules,
			@Nullable ConnectionRateLimiter rateLimiter) {
		this.runtime = runtime;
		this.accessRules = accessRules;
		this.rateLimiter = rateLimiter;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		Channel child = (Channel) msg;
		CloseReason rejection = admit(child, ctx);
		if (rejection != null) {
			this.runtime.stats.recordRejected(rejection);
			logRejection(child, rejection);
			child.unsafe().closeForcibly();
			return;
		}
		ctx.fireChannelRead(child);
	}

	/**
	 * Decides on the acceptor thread, before the child is registered with a worker loop or its pipeline
	 * exists: address rules first (cheapest, and a denied peer must not use up anyone's rate), then the
	 * per-address rate, then the connection limits. All of them see the socket's peer, which behind a proxy
	 * is the proxy: the client's own address is known only once its PROXY header has been read.
	 */
	private @Nullable CloseReason admit(Channel child, ChannelHandlerContext ctx) {
		ConnectionLimits limits = this.runtime.limits;
		InetAddress address = ConnectionManager.addressOf(child);
		if (address != null) {
			AccessRules rules = this.accessRules;
			if (rules != null && !rules.isAllowed(address)) {
				return CloseReason.ACCESS_DENIED;
			}
			AuthenticationFailures failures = this.runtime.authenticationFailures;
			if (failures != null && failures.isBanned(address, System.nanoTime())) {
				return CloseReason.ACCESS_DENIED;
			}
			ConnectionRateLimiter limiter = this.rateLimiter;
			if (limiter != null && !limiter.tryAcquire(address, ctx.executor().ticker().nanoTime())) {
				return CloseReason.RATE_LIMITED;
			}
		}
		int max = limits.maxConnections();
		if (max > 0 && this.admitted.get() >= max) {
			return CloseReason.CONNECTION_LIMIT;
		}
		int perAddressMax = limits.maxConnectionsPerAddress();
		if (perAddressMax > 0) {
			if (address != null) {
				AtomicInteger count = this.perAddress.computeIfAbsent(address, (key) -> new AtomicInteger());
				if (count.incrementAndGet() > perAddressMax) {
					release(address);
					return CloseReason.CONNECTION_LIMIT;
				}
			}
		}
		this.admitted.incrementAndGet();
		return null;
	}

	void released(Channel channel) {
		this.admitted.decrementAndGet();
		if (this.runtime.limits.maxConnectionsPerAddress() > 0) {
			InetAddress address = ConnectionManager.addressOf(channel);
			if (address != null) {
				release(address);
			}
		}
	}

	private void release(InetAddress address) {
		this.perAddress.computeIfPresent(address, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	int admitted() {
		return this.admitted.get();
	}

	private void logRejection(Channel child, CloseReason reason) {
		this.refusals.refused(child.remoteAddress(), this.runtime.serverName, reason, this.runtime.limits);
	}

}

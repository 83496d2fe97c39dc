package dev.socketserver.access;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Which remote addresses may connect: a deny list that always wins, and an allow list that, when not empty, is
 * the only way in. Checked on the acceptor thread before anything is allocated for the connection; an IPv4 peer
 * is matched without allocating at all.
 *
 * @param allow the addresses allowed to connect; empty to allow every address not denied
 * @param deny the addresses refused even when allowed
 * @since 0.1.0
 */
public record AccessRules(CidrRanges allow, CidrRanges deny) {

	/**
	 * Validates the rules.
	 */
	public AccessRules {
		Objects.requireNonNull(allow, "'allow' must not be null");
		Objects.requireNonNull(deny, "'deny' must not be null");
	}

	/**
	 * Returns whether an address may connect.
	 * @param address the remote address
	 * @return whether it is allowed
	 */
	public boolean isAllowed(InetAddress address) {
		long high;
		long low;
		if (address instanceof Inet4Address v4) {
			high = 0;
			low = Ipv6Key.ipv4Low(v4);
		}
		else {
			byte[] bytes = address.getAddress();
			high = Ipv6Key.high(bytes);
			low = Ipv6Key.low(bytes);
		}
		return !this.deny.containsKey(high, low) && (this.allow.isEmpty() || this.allow.containsKey(high, low));
	}

	/**
	 * Returns whether these rules refuse nothing.
	 * @return whether both lists are empty
	 */
	public boolean isEmpty() {
		return this.allow.isEmpty() && this.deny.isEmpty();
	}

}

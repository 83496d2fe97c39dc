package dev.socketserver.access;

import java.net.InetAddress;
import java.util.Objects;

import io.netty.util.NetUtil;

/**
 * A block of IP addresses in CIDR notation, such as {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address
 * ({@code 192.0.2.7}, {@code ::1}). Parsed once into masks, so that matching an address is a few integer
 * operations.
 *
 * @since 0.1.0
 */
public final class CidrRange {

	private final String text;

	private final boolean ipv4;

	private final long networkHigh;

	private final long networkLow;

	private final long maskHigh;

	private final long maskLow;

	private CidrRange(String text, boolean ipv4, long networkHigh, long networkLow, long maskHigh, long maskLow) {
		this.text = text;
		this.ipv4 = ipv4;
		this.networkHigh = networkHigh;
		this.networkLow = networkLow;
		this.maskHigh = maskHigh;
		this.maskLow = maskLow;
	}

	/**
	 * Parses a range. Host bits beyond the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}); an
	 * IPv4-mapped IPv6 range ({@code ::ffff:10.0.0.0/104}) is the IPv4 range it maps.
	 * @param cidr an address literal, optionally followed by {@code /} and a prefix length; no host names
	 * @return the range
	 * @throws IllegalArgumentException if the text is not an IP literal or the prefix is out of range
	 */
	public static CidrRange parse(String cidr) {
		Objects.requireNonNull(cidr, "'cidr' must not be null");
		String trimmed = cidr.trim();
		int slash = trimmed.indexOf('/');
		String literal = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
		if (bytes == null) {
			throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", ex);
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"'" + cidr + "' has a prefix length out of range: use 0 to " + bits);
			}
		}
		if (bytes.length == 16 && isIpv4Mapped(bytes) && prefix >= 96) {
			bytes = new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
			prefix -= 96;
		}
		if (bytes.length == 4) {
			long mask = (prefix == 0) ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
			long network = ipv4(bytes) & mask;
			return new CidrRange(trimmed, true, 0, network, 0, mask);
		}
		long maskHigh = mask(Math.min(prefix, 64));
		long maskLow = mask(Math.max(prefix - 64, 0));
		return new CidrRange(trimmed, false, Ipv6Key.high(bytes) & maskHigh, Ipv6Key.low(bytes) & maskLow, maskHigh,
				maskLow);
	}

	/**
	 * Returns whether an address lies in this range. IPv4 ranges also match the IPv4-mapped IPv6 form of their
	 * addresses, as a dual-stack socket may report them.
	 * @param address the address
	 * @return whether it is in the range
	 */
	public boolean contains(InetAddress address) {
		return containsKey(Ipv6Key.high(address), Ipv6Key.low(address));
	}

	/**
	 * Matches an address given in the form of {@link Ipv6Key}: IPv4 addresses as their mapped IPv6 form.
	 */
	boolean containsKey(long high, long low) {
		if (this.ipv4) {
			return high == 0 && (low >>> 32) == 0xFFFFL && ((low & 0xFFFFFFFFL) & this.maskLow) == this.networkLow;
		}
		return (high & this.maskHigh) == this.networkHigh && (low & this.maskLow) == this.networkLow;
	}

	/**
	 * Returns whether this is an IPv4 range.
	 * @return whether it is IPv4
	 */
	public boolean isIpv4() {
		return this.ipv4;
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

	private static long ipv4(byte[] bytes) {
		return ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL);
	}

	private static long mask(int bits) {
		return (bits == 0) ? 0 : -1L << (64 - bits);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CidrRange range && this.ipv4 == range.ipv4 && this.networkHigh == range.networkHigh
				&& this.networkLow == range.networkLow && this.maskHigh == range.maskHigh
				&& this.maskLow == range.maskLow;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.networkHigh ^ this.networkLow ^ this.maskHigh ^ this.maskLow);
	}

	@Override
	public String toString() {
		return this.text;
	}

}

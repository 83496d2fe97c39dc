package dev.socketserver.access;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A set of {@link CidrRange}s, matched in order. Lists of proxies and allow or deny lists hold a handful to a few
 * hundred ranges, for which a scan of precompiled masks beats any index.
 *
 * @since 0.1.0
 */
public final class CidrRanges {

	/**
	 * The empty set, which contains no address.
	 */
	public static final CidrRanges NONE = new CidrRanges(List.of());

	private final CidrRange[] ranges;

	private CidrRanges(List<CidrRange> ranges) {
		this.ranges = ranges.toArray(new CidrRange[0]);
	}

	/**
	 * Returns the set of the given ranges.
	 * @param ranges the ranges
	 * @return the set
	 */
	public static CidrRanges of(Collection<CidrRange> ranges) {
		Objects.requireNonNull(ranges, "'ranges' must not be null");
		return ranges.isEmpty() ? NONE : new CidrRanges(List.copyOf(ranges));
	}

	/**
	 * Parses ranges in CIDR notation.
	 * @param ranges the ranges, such as {@code 10.0.0.0/8} or {@code ::1}
	 * @return the set
	 * @throws IllegalArgumentException if one is not a range
	 */
	public static CidrRanges parse(Collection<String> ranges) {
		Objects.requireNonNull(ranges, "'ranges' must not be null");
		return of(ranges.stream().map(CidrRange::parse).toList());
	}

	/**
	 * Parses ranges in CIDR notation.
	 * @param ranges the ranges, such as {@code 10.0.0.0/8} or {@code ::1}
	 * @return the set
	 * @throws IllegalArgumentException if one is not a range
	 */
	public static CidrRanges parse(String... ranges) {
		return parse(List.of(ranges));
	}

	/**
	 * Returns whether an address lies in any of the ranges.
	 * @param address the address
	 * @return whether it is contained
	 */
	public boolean contains(InetAddress address) {
		if (this.ranges.length == 0) {
			return false;
		}
		if (address instanceof Inet4Address v4) {
			return containsKey(0, Ipv6Key.ipv4Low(v4));
		}
		byte[] bytes = address.getAddress();
		return containsKey(Ipv6Key.high(bytes), Ipv6Key.low(bytes));
	}

	boolean containsKey(long high, long low) {
		for (CidrRange range : this.ranges) {
			if (range.containsKey(high, low)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether there is no range.
	 * @return whether the set is empty
	 */
	public boolean isEmpty() {
		return this.ranges.length == 0;
	}

	/**
	 * Returns the ranges.
	 * @return the ranges, in their order
	 */
	public List<CidrRange> ranges() {
		return List.of(this.ranges);
	}

	@Override
	public String toString() {
		return List.of(this.ranges).toString();
	}

}

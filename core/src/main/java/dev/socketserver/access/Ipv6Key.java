package dev.socketserver.access;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An address as two longs, the 128 bits of its IPv6 form; IPv4 addresses take their IPv4-mapped form
 * ({@code ::ffff:a.b.c.d}), so one key space serves both families.
 */
final class Ipv6Key {

	/** The upper half of the low long of an IPv4-mapped address. */
	static final long IPV4_MAPPED = 0xFFFFL << 32;

	private Ipv6Key() {
	}

	/**
	 * Returns the low long of an IPv4 address without allocating: {@code Inet4Address.hashCode()} has been the
	 * address itself in every JDK (and {@code getAddress()} would copy it into a new array on every accept).
	 */
	static long ipv4Low(Inet4Address address) {
		return IPV4_MAPPED | (address.hashCode() & 0xFFFFFFFFL);
	}

	static long high(InetAddress address) {
		return (address instanceof Inet4Address) ? 0 : high(address.getAddress());
	}

	static long low(InetAddress address) {
		return (address instanceof Inet4Address v4) ? ipv4Low(v4) : low(address.getAddress());
	}

	/**
	 * Returns the high long of the key under which an address is counted as one subscriber: an IPv4 address
	 * alone, an IPv6 address by its /64, as one host or subscriber usually holds a whole /64.
	 */
	static long subscriberHigh(InetAddress address) {
		return (address instanceof Inet4Address) ? 0 : high(address.getAddress());
	}

	/**
	 * Returns the low long of the subscriber key (see {@link #subscriberHigh}): IPv4 and IPv4-mapped addresses keep
	 * their full key, other IPv6 addresses none.
	 */
	static long subscriberLow(InetAddress address) {
		if (address instanceof Inet4Address v4) {
			return ipv4Low(v4);
		}
		byte[] bytes = address.getAddress();
		return (high(bytes) == 0 && (low(bytes) >>> 32) == 0xFFFFL) ? low(bytes) : 0;
	}

	/**
	 * Returns the set of a key in a set-associative table: a seeded mix, so that a peer cannot aim its addresses
	 * at one set.
	 */
	static int set(long high, long low, long seed, int setMask) {
		long x = (high * 0x9E3779B97F4A7C15L) ^ low ^ seed;
		x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
		x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
		return (int) (x ^ (x >>> 31)) & setMask;
	}

	static long high(byte[] bytes) {
		if (bytes.length == 4) {
			return 0;
		}
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (bytes[i] & 0xFFL);
		}
		return value;
	}

	static long low(byte[] bytes) {
		if (bytes.length == 4) {
			return IPV4_MAPPED | ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8)
					| (bytes[3] & 0xFFL);
		}
		long value = 0;
		for (int i = 8; i < 16; i++) {
			value = (value << 8) | (bytes[i] & 0xFFL);
		}
		return value;
	}

}

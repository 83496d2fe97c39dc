package dev.socketserver.demo.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.socketserver.connection.SocketPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The devices that may connect to the gateway: for each device id the SHA-256 of its token and its authorities,
 * bound from {@code demo.devices.<id>.token-sha256} and {@code demo.devices.<id>.authorities}. Only hashes are
 * kept, so the configuration does not hold what a device presents.
 *
 * @param devices the devices by id
 */
@ConfigurationProperties("demo")
record DeviceCredentials(Map<String, Device> devices) {

	/**
	 * Compared with when the device is unknown, so that checking an unknown id costs what checking a known one
	 * does, and the time of a reply does not tell which ids exist.
	 */
	private static final byte[] UNKNOWN_DEVICE = new byte[32];

	/**
	 * Validates the devices.
	 */
	DeviceCredentials {
		devices = (devices != null) ? Map.copyOf(devices) : Map.of();
	}

	/**
	 * Checks a device's token.
	 * @param deviceId the id the device claims
	 * @param token the token it presents
	 * @return the device as a principal with its authorities, or {@code null} if the id is unknown or the token
	 * does not match
	 */
	@Nullable SocketPrincipal authenticate(String deviceId, String token) {
		Device device = this.devices.get(deviceId);
		byte[] expected = (device != null) ? device.tokenHash() : UNKNOWN_DEVICE;
		// Constant time: comparing with equals would stop at the first differing byte.
		boolean matches = MessageDigest.isEqual(expected, sha256(token));
		if (device == null || !matches) {
			return null;
		}
		return SocketPrincipal.of(deviceId, device.authorities().toArray(String[]::new));
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * One device.
	 *
	 * @param tokenSha256 the SHA-256 of its token, in hex
	 * @param authorities what it may do, such as {@code telemetry:write}
	 */
	record Device(String tokenSha256, List<String> authorities) {

		/**
		 * Validates the device, so that a mistyped hash fails at start-up rather than refusing the device.
		 */
		Device {
			if (tokenSha256 == null || !tokenSha256.matches("[0-9a-fA-F]{64}")) {
				throw new IllegalArgumentException("'token-sha256' must be the 64 hex digits of a SHA-256");
			}
			authorities = (authorities != null) ? List.copyOf(authorities) : List.of();
		}

		byte[] tokenHash() {
			return HexFormat.of().parseHex(this.tokenSha256);
		}

	}

}

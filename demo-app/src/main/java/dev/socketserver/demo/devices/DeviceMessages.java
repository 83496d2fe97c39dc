package dev.socketserver.demo.devices;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The messages of the device gateway, as Jackson binds and writes them: requests carry Bean Validation
 * constraints, replies carry their {@code type}.
 */
final class DeviceMessages {

	private DeviceMessages() {
	}

	/**
	 * {@code {"type":"hello","deviceId":"d1"}}: binds the connection to a device.
	 */
	record Hello(@NotBlank @Size(max = 64) String deviceId) {
	}

	/**
	 * {@code {"type":"telemetry","sensor":"temp","value":21.5,"seq":1}}: one reading.
	 */
	record Telemetry(@NotBlank String sensor, @NotNull Double value, @PositiveOrZero long seq) {
	}

	/**
	 * {@code {"type":"status","deviceId":"d1"}}: asks for a device's last reading.
	 */
	record StatusQuery(@NotBlank String deviceId) {
	}

	record Welcome(String type, String deviceId) {

		Welcome(String deviceId) {
			this("welcome", deviceId);
		}

	}

	record Ack(String type, long seq) {

		Ack(long seq) {
			this("ack", seq);
		}

	}

	record Pong(String type) {

		static final Pong INSTANCE = new Pong("pong");

	}

	record Reading(String sensor, double value, long seq) {
	}

	record Status(String type, String deviceId, boolean online, @Nullable Reading last) {

		Status(String deviceId, boolean online, @Nullable Reading last) {
			this("status", deviceId, online, last);
		}

	}

}

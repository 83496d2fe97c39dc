package dev.socketserver.demo.devices;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * The messages of the device gateway, as Jackson binds and writes them: requests carry Bean Validation
 * constraints, replies carry their {@code type}.
 */
final class DeviceMessages {

	private DeviceMessages() {
	}

	/**
	 * {@code {"type":"auth","deviceId":"pump-7","token":"..."}}: proves which device the connection is. Its fields
	 * are checked by the authenticating method, which answers a missing one itself.
	 */
	record Auth(@Nullable String deviceId, @Nullable String token) {
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

	record Authenticated(String type, String deviceId) {

		Authenticated(String deviceId) {
			this("authenticated", deviceId);
		}

	}

	/**
	 * An error of the gateway's own, in the form of the codec's: {@code {"type":"error","error":"..."}}.
	 */
	record ErrorReply(String type, String error) {

		ErrorReply(String error) {
			this("error", error);
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

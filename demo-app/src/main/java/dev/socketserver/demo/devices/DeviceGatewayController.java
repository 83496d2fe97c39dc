package dev.socketserver.demo.devices;

import java.util.concurrent.CompletionStage;

import dev.socketserver.autoconfigure.SocketController;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.demo.devices.DeviceMessages.Ack;
import dev.socketserver.demo.devices.DeviceMessages.Auth;
import dev.socketserver.demo.devices.DeviceMessages.Authenticated;
import dev.socketserver.demo.devices.DeviceMessages.ErrorReply;
import dev.socketserver.demo.devices.DeviceMessages.Pong;
import dev.socketserver.demo.devices.DeviceMessages.Reading;
import dev.socketserver.demo.devices.DeviceMessages.Status;
import dev.socketserver.demo.devices.DeviceMessages.StatusQuery;
import dev.socketserver.demo.devices.DeviceMessages.Telemetry;
import dev.socketserver.handler.annotation.AuthenticatedPrincipal;
import dev.socketserver.handler.annotation.MessageType;
import dev.socketserver.handler.annotation.OnAuthenticate;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.RequiresAuthority;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Device gateway over newline-delimited JSON. A device first proves who it is with
 * {@code {"type":"auth","deviceId":"pump-7","token":"..."}} (checked against {@link DeviceCredentials}); its id
 * becomes the connection's identity. Then devices that may ({@code telemetry:write}) send telemetry, each reading
 * acknowledged, and any authenticated device, a display for example, may ask for a device's status. Messages are
 * routed by their {@code type} field, bound to records and validated; unknown types, invalid and forbidden
 * messages are answered with {@code {"type":"error",...}} by the codec, and the connection stays open.
 */
@SocketController("devices")
class DeviceGatewayController {

	private static final Logger logger = LoggerFactory.getLogger(DeviceGatewayController.class);

	private final DeviceCredentials credentials;

	private final DeviceRegistry registry;

	private final ObjectProvider<ConnectionManager> connections;

	// A provider: the manager exists only once the server built with this controller does.
	DeviceGatewayController(DeviceCredentials credentials, DeviceRegistry registry,
			@Qualifier("devices") ObjectProvider<ConnectionManager> connections) {
		this.credentials = credentials;
		this.registry = registry;
		this.connections = connections;
	}

	@OnAuthenticate
	AuthenticationStep authenticate(@MessageType @Nullable String type, Auth auth) {
		if (!"auth".equals(type)) {
			return AuthenticationStep.challenge(new ErrorReply("authenticate first"));
		}
		String deviceId = auth.deviceId();
		String token = auth.token();
		if (deviceId == null || deviceId.isBlank() || token == null || token.isEmpty()) {
			return AuthenticationStep.challenge(new ErrorReply("auth needs deviceId and token"));
		}
		SocketPrincipal device = this.credentials.authenticate(deviceId, token);
		if (device == null) {
			// The client learns nothing about which part was wrong; the log says which id was tried.
			return AuthenticationStep.rejected("bad token for " + deviceId, new ErrorReply("authentication failed"));
		}
		return AuthenticationStep.authenticated(device, new Authenticated(device.name()));
	}

	@OnMessage("telemetry")
	@RequiresAuthority("telemetry:write")
	Ack telemetry(@Valid Telemetry telemetry, @AuthenticatedPrincipal String deviceId) {
		this.registry.record(deviceId, new Reading(telemetry.sensor(), telemetry.value(), telemetry.seq()));
		return new Ack(telemetry.seq());
	}

	@OnMessage("status")
	CompletionStage<Status> status(@Valid StatusQuery query) {
		boolean online = !this.connections.getObject().connectionsOf(query.deviceId()).isEmpty();
		return this.registry.lastReading(query.deviceId())
			.thenApply((last) -> new Status(query.deviceId(), online, last.orElse(null)));
	}

	@OnMessage("ping")
	Pong ping() {
		return Pong.INSTANCE;
	}

	@OnClose
	void closed(@AuthenticatedPrincipal @Nullable String deviceId, CloseReason reason) {
		if (deviceId != null) {
			logger.info("Device {} disconnected: {}", deviceId, reason);
		}
	}

}

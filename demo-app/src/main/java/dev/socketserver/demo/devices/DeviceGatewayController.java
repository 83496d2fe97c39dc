package dev.socketserver.demo.devices;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.socketserver.autoconfigure.SocketController;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.demo.devices.DeviceMessages.Ack;
import dev.socketserver.demo.devices.DeviceMessages.Hello;
import dev.socketserver.demo.devices.DeviceMessages.Pong;
import dev.socketserver.demo.devices.DeviceMessages.Reading;
import dev.socketserver.demo.devices.DeviceMessages.Status;
import dev.socketserver.demo.devices.DeviceMessages.StatusQuery;
import dev.socketserver.demo.devices.DeviceMessages.Telemetry;
import dev.socketserver.demo.devices.DeviceMessages.Welcome;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.codec.InvalidPayloadException;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Device gateway over newline-delimited JSON: a device says hello with its id (the connection's identity), then
 * sends telemetry, each reading acknowledged; anyone may ask for a device's status. Messages are routed by their
 * {@code type} field, bound to records and validated; unknown types and invalid messages are answered with
 * {@code {"type":"error",...}} by the codec, and the connection stays open.
 */
@SocketController("devices")
class DeviceGatewayController {

	private static final Logger logger = LoggerFactory.getLogger(DeviceGatewayController.class);

	private final DeviceRegistry registry;

	private final ObjectProvider<ConnectionManager> connections;

	// A provider: the manager exists only once the server built with this controller does.
	DeviceGatewayController(DeviceRegistry registry,
			@Qualifier("devices") ObjectProvider<ConnectionManager> connections) {
		this.registry = registry;
		this.connections = connections;
	}

	@OnMessage("hello")
	Welcome hello(@Valid Hello hello, Connection connection) {
		connection.bindIdentity(hello.deviceId());
		return new Welcome(hello.deviceId());
	}

	@OnMessage("telemetry")
	Ack telemetry(@Valid Telemetry telemetry, @Identity @Nullable String deviceId) {
		if (deviceId == null) {
			throw new InvalidPayloadException("say hello first", List.of());
		}
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
	void closed(@Identity @Nullable String deviceId, CloseReason reason) {
		if (deviceId != null) {
			logger.info("Device {} disconnected: {}", deviceId, reason);
		}
	}

}

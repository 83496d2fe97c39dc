package dev.socketserver.demo.devices;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.socketserver.connection.ConnectionClosedException;
import dev.socketserver.request.RequestRefusedException;
import dev.socketserver.request.RequestTimeoutException;
import dev.socketserver.routing.IdentityNotConnectedException;
import dev.socketserver.routing.MessageRouter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command path of the device gateway, over HTTP: {@code POST /devices/pump-7/commands} with a JSON body such
 * as {@code {"command":"open-valve","valve":3}} sends {@code {"type":"command","id":..., ...}} to the device
 * bound as {@code pump-7}, wherever it is connected, and answers with the device's reply (the message carrying
 * the same {@code id}), waiting {@code ?timeout=} seconds (5 by default); 404 when the device is not connected,
 * 504 when it does not answer in time.
 */
@RestController
class DeviceCommandController {

	private static final int MAX_TIMEOUT_SECONDS = 60;

	private final MessageRouter router;

	private final JsonMapper mapper;

	DeviceCommandController(MessageRouter router, JsonMapper mapper) {
		this.router = router;
		this.mapper = mapper;
	}

	@PostMapping("/devices/{deviceId}/commands")
	CompletionStage<ResponseEntity<Object>> command(@PathVariable String deviceId,
			@RequestBody Map<String, Object> body, @RequestParam(name = "timeout", defaultValue = "5") int seconds) {
		ObjectNode command = this.mapper.valueToTree(body);
		// The gateway numbers its commands: whatever the caller sent as type or id is replaced.
		command.put("type", "command");
		command.remove("id");
		Duration wait = Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_TIMEOUT_SECONDS)));
		return this.router.request("devices", deviceId, command, wait)
			.handle((reply, failure) -> (failure == null) ? ResponseEntity.ok((Object) reply)
					: failed(deviceId, failure));
	}

	private static ResponseEntity<Object> failed(String deviceId, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		HttpStatus status = (cause instanceof IdentityNotConnectedException) ? HttpStatus.NOT_FOUND
				: (cause instanceof RequestTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT
						: (cause instanceof ConnectionClosedException) ? HttpStatus.BAD_GATEWAY
								: (cause instanceof RequestRefusedException) ? HttpStatus.SERVICE_UNAVAILABLE
										: HttpStatus.INTERNAL_SERVER_ERROR;
		return ResponseEntity.status(status).body(Map.of("deviceId", deviceId, "error", String.valueOf(
				cause.getMessage())));
	}

}

package dev.socketserver.demo.devices;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.socketserver.demo.devices.DeviceMessages.Reading;

import org.springframework.stereotype.Component;

/**
 * Last reading of every device, standing in for a store that answers asynchronously (a database, a cache
 * cluster, another service).
 */
@Component
class DeviceRegistry {

	private final Map<String, Reading> lastReadings = new ConcurrentHashMap<>();

	void record(String deviceId, Reading reading) {
		this.lastReadings.put(deviceId, reading);
	}

	CompletionStage<Optional<Reading>> lastReading(String deviceId) {
		return CompletableFuture.supplyAsync(() -> Optional.ofNullable(this.lastReadings.get(deviceId)));
	}

}

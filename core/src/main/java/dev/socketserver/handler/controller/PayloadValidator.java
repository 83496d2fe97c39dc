package dev.socketserver.handler.controller;

import java.util.List;

import dev.socketserver.codec.Violation;

/**
 * Validates bound payloads of controller parameters marked {@code @Valid}, such as with Jakarta Bean Validation.
 * Thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PayloadValidator {

	/**
	 * Validates a payload.
	 * @param payload the bound payload
	 * @return the violations, empty if the payload is valid
	 */
	List<Violation> validate(Object payload);

}

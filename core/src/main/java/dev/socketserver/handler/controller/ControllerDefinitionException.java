package dev.socketserver.handler.controller;

/**
 * Thrown at start-up when controllers cannot serve a server: a method whose parameters cannot be resolved or
 * whose return type the codec cannot send, two methods for one message type, routing by type without a
 * {@link MessageTypeResolver}, two {@code @OnAuthenticate} methods, {@code @RequiresAuthority} on a method that
 * handles no messages.
 *
 * @since 0.1.0
 */
public class ControllerDefinitionException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what is wrong, naming the method
	 */
	public ControllerDefinitionException(String message) {
		super(message);
	}

}

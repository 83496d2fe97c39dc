package dev.socketserver.demo.resp;

/**
 * A command failed in a way the client is told about with an error reply; the connection stays open. Carries no
 * stack trace: it is an answer, not a fault.
 */
final class RespException extends RuntimeException {

	static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

	static final String SYNTAX_ERROR = "ERR syntax error";

	RespException(String message) {
		super(message, null, false, false);
	}

}

package dev.socketserver.autoconfigure;

import dev.socketserver.server.PortInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a socket server that could not start because its port is taken, as Boot does for web servers.
 */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		String name = cause.getServerName();
		return new FailureAnalysis(
				"Socket server '" + name + "' failed to start. Port " + cause.getPort() + " was already in use.",
				"Identify and stop the process that's listening on port " + cause.getPort()
						+ " or configure socket server '" + name + "' to listen on another port (socket.servers."
						+ name + ".port).",
				cause);
	}

}

package dev.socketserver.autoconfigure.endpoint;

import java.util.List;
import java.util.Map;

import dev.socketserver.autoconfigure.endpoint.RemoteConnections.RemoteConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The connections of an identity on every node, or the one connection closed on another node.
 *
 * @param server the server's name
 * @param identity the identity, {@code null} for a connection closed by id
 * @param connections the connections, each with the node holding it ({@code null} without a cluster)
 * @param errors why a node could not be asked or did not answer, by node id
 * @since 0.1.0
 */
public record IdentityConnectionsDescriptor(String server, @Nullable String identity,
		List<RemoteConnection> connections, Map<String, String> errors) implements OperationResponseBody {

}

package dev.socketserver.routing;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * Sends messages to identities and groups of a server without assuming where their connections live: the local
 * router reaches this JVM's connections, a cluster router (on Redis, for example) also those of other nodes.
 * Code that sends through this interface keeps working when the application scales out.
 * <p>
 * Every method is asynchronous and safe from any thread. A message is of the type the server's codec encodes;
 * a cluster router also needs to serialize it.
 *
 * @since 0.1.0
 */
public interface MessageRouter {

	/**
	 * Sends a message to every connection bound to an identity.
	 * @param server the name of the server whose connections are meant
	 * @param identity the user or device id
	 * @param message the message
	 * @return completes with the number of connections the message was handed to
	 */
	CompletionStage<Integer> sendToIdentity(String server, String identity, Object message);

	/**
	 * Sends a message to the members of a group.
	 * @param server the name of the server whose connections are meant
	 * @param group the group name
	 * @param message the message
	 * @param excludedConnectionId a connection not to send to (typically the sender), or {@code null}
	 * @return completes with the number of connections the message was handed to
	 */
	CompletionStage<Integer> sendToGroup(String server, String group, Object message,
			@Nullable String excludedConnectionId);

	/**
	 * Sends a message to every connection of a server.
	 * @param server the name of the server
	 * @param message the message
	 * @return completes with the number of connections the message was handed to
	 */
	CompletionStage<Integer> broadcast(String server, Object message);

	/**
	 * Sends a request to a connection bound to an identity, wherever it is connected, and completes with its
	 * reply, as {@code Connection#request} does. With several connections of the identity, the one opened last
	 * gets the request.
	 * @param server the name of the server whose connections are meant, which must correlate requests
	 * @param identity the user or device id
	 * @param message the request
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply, or fails with {@link IdentityNotConnectedException} when the identity has
	 * no open connection, and as {@code Connection#request} fails otherwise
	 */
	CompletionStage<Object> request(String server, String identity, Object message, Duration timeout);

}

package dev.socketserver.autoconfigure.endpoint;

import java.util.Map;

import dev.socketserver.wiretap.WireTapRefusedException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} of the {@link SocketServersEndpoint}: over HTTP, closing or
 * tapping a connection that does not exist answers 404 rather than the 204 of an operation that returned
 * nothing, closing on another node that could not be asked answers 503, and a tap beyond the most allowed at
 * once answers 429.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = SocketServersEndpoint.class)
public class SocketServersEndpointWebExtension {

	private static final int STATUS_TOO_MANY_REQUESTS = 429;

	private final SocketServersEndpoint delegate;

	/**
	 * Creates an extension of an endpoint.
	 * @param delegate the endpoint
	 */
	public SocketServersEndpointWebExtension(SocketServersEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Closes one open connection of a server, as {@link SocketServersEndpoint#closeConnection} does.
	 * @param server the server's name
	 * @param id the connection's id
	 * @return the connection as it is after the close, or 404 if there is no such server or open connection
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> closeConnection(@Selector String server, @Selector String id,
			@Nullable String node) {
		Object closed = this.delegate.closeConnection(server, id, node);
		if (closed instanceof IdentityConnectionsDescriptor remote) {
			return ofRemote(remote);
		}
		return orNotFound(closed);
	}

	/**
	 * Closes the connections of an identity on every node, as {@link SocketServersEndpoint#closeIdentity} does.
	 * @param server the server's name
	 * @param identity the identity
	 * @return the connections after the close; 404 if there is none, 503 if none was found and a node could not
	 * be asked
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> closeIdentity(@Selector String server, String identity) {
		IdentityConnectionsDescriptor closed = this.delegate.closeIdentity(server, identity);
		return (closed != null) ? ofRemote(closed) : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static WebEndpointResponse<Object> ofRemote(IdentityConnectionsDescriptor descriptor) {
		if (!descriptor.connections().isEmpty()) {
			return new WebEndpointResponse<>(descriptor);
		}
		return new WebEndpointResponse<>(descriptor, descriptor.errors().isEmpty()
				? WebEndpointResponse.STATUS_NOT_FOUND : WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	/**
	 * Starts a wire tap of one open connection, as {@link SocketServersEndpoint#startTap} does.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param tap {@code tap}
	 * @param frames how many frames to capture
	 * @param seconds for how long
	 * @return the tap; 404 if there is no such connection, 429 if as many taps as allowed run
	 */
	@WriteOperation
	public WebEndpointResponse<Object> startTap(@Selector String server, @Selector String id, @Selector String tap,
			@Nullable Integer frames, @Nullable Integer seconds) {
		try {
			return orNotFound(this.delegate.startTap(server, id, tap, frames, seconds));
		}
		catch (WireTapRefusedException ex) {
			return tooManyTaps(ex);
		}
	}

	/**
	 * Starts a wire tap of every open connection of an identity, as {@link SocketServersEndpoint#startTaps}
	 * does.
	 * @param server the server's name
	 * @param tap {@code tap}
	 * @param identity the identity
	 * @param frames how many frames to capture per connection
	 * @param seconds for how long
	 * @return the taps; 404 if the identity has no connection, 429 if as many taps as allowed run
	 */
	@WriteOperation
	public WebEndpointResponse<Object> startTaps(@Selector String server, @Selector String tap, String identity,
			@Nullable Integer frames, @Nullable Integer seconds) {
		try {
			return orNotFound(this.delegate.startTaps(server, tap, identity, frames, seconds));
		}
		catch (WireTapRefusedException ex) {
			return tooManyTaps(ex);
		}
	}

	/**
	 * Stops the wire tap of a connection, as {@link SocketServersEndpoint#stopTap} does.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param tap {@code tap}
	 * @return the tap, ended, or 404 if the connection has none
	 */
	@DeleteOperation
	public WebEndpointResponse<WireTapDescriptor> stopTap(@Selector String server, @Selector String id,
			@Selector String tap) {
		return orNotFound(this.delegate.stopTap(server, id, tap));
	}

	private static <T> WebEndpointResponse<T> orNotFound(@Nullable T body) {
		return (body != null) ? new WebEndpointResponse<>(body)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static WebEndpointResponse<Object> tooManyTaps(WireTapRefusedException ex) {
		return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getMessage())), STATUS_TOO_MANY_REQUESTS);
	}

}

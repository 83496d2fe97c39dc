package dev.socketserver.autoconfigure.endpoint;

import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint.ConnectionDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} of the {@link SocketServersEndpoint}: over HTTP, closing a
 * connection that does not exist answers 404 rather than the 204 of an operation that returned nothing.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = SocketServersEndpoint.class)
public class SocketServersEndpointWebExtension {

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
	public WebEndpointResponse<ConnectionDescriptor> closeConnection(@Selector String server, @Selector String id) {
		ConnectionDescriptor closed = this.delegate.closeConnection(server, id);
		return (closed != null) ? new WebEndpointResponse<>(closed)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}

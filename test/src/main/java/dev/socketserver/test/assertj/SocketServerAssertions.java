package dev.socketserver.test.assertj;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the AssertJ assertions on socket servers' objects; import it statically beside AssertJ's own
 * {@code Assertions}.
 *
 * @since 0.1.0
 */
public final class SocketServerAssertions {

	private SocketServerAssertions() {
	}

	/**
	 * Creates assertions on a server's connection.
	 * @param connection the connection, such as {@code client.serverConnection()}
	 * @return the assertions
	 */
	public static ConnectionAssert assertThat(@Nullable Connection connection) {
		return new ConnectionAssert(connection);
	}

}

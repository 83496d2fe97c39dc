package dev.socketserver.autoconfigure;

/**
 * A server or a client declared in properties, as far as what it speaks is concerned: its name, its codec's
 * properties, and the full names of its properties for error messages.
 */
interface Declared {

	/**
	 * Returns the name of the server or client.
	 */
	String name();

	/**
	 * Returns the properties of its codec.
	 */
	CodecProperties codecProperties();

	/**
	 * Returns the full name of one of its properties, such as {@code socket.servers.echo.codec}.
	 * @param path the property below the server or client, such as {@code codec}
	 */
	String property(String path);

}

package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key of the store: any bytes, compared by content.
 */
final class RespKey {

	private final byte[] bytes;

	private final int hash;

	RespKey(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	/**
	 * Returns the key named by an argument of a command.
	 */
	static RespKey of(RespCommand command, int index) {
		return new RespKey(command.bytes(index));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof RespKey key) && this.hash == key.hash && Arrays.equals(this.bytes, key.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

}

package dev.socketserver.demo.jt808;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One message of the JT808-like protocol, as it is between the escaping and the wire: a message id, the terminal's
 * phone number (12 digits, sent as 6 BCD bytes), the sender's serial number and the body.
 *
 * @param messageId what the message is, such as {@link #REGISTER}
 * @param terminal the terminal's phone number, 12 digits
 * @param serial the sender's serial number, 0 to 65535, which a response repeats
 * @param body the body, at most {@link #MAX_BODY} bytes
 */
public record Jt808Message(int messageId, String terminal, int serial, byte[] body) {

	/** Terminal heartbeat, acknowledged by a platform general response. */
	public static final int HEARTBEAT = 0x0002;

	/** Terminal registration, answered by {@link #REGISTER_RESPONSE}. */
	public static final int REGISTER = 0x0100;

	/** Terminal authentication with the code that registration gave it. */
	public static final int AUTHENTICATE = 0x0102;

	/** Location report. */
	public static final int LOCATION = 0x0200;

	/** Platform general response: the serial and id of the message answered, and a result. */
	public static final int GENERAL_RESPONSE = 0x8001;

	/** Platform answer to a registration: the serial answered, a result and an authentication code. */
	public static final int REGISTER_RESPONSE = 0x8100;

	/** The largest body the header's 10-bit length can announce. */
	public static final int MAX_BODY = 1023;

	/**
	 * Validates the fields.
	 */
	public Jt808Message {
		Objects.requireNonNull(terminal, "'terminal' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		if (messageId < 0 || messageId > 0xFFFF) {
			throw new IllegalArgumentException("'messageId' must fit in 16 bits: " + messageId);
		}
		if (terminal.length() != 12 || !terminal.chars().allMatch(Character::isDigit)) {
			throw new IllegalArgumentException("'terminal' must be 12 digits: " + terminal);
		}
		if (serial < 0 || serial > 0xFFFF) {
			throw new IllegalArgumentException("'serial' must fit in 16 bits: " + serial);
		}
		if (body.length > MAX_BODY) {
			throw new IllegalArgumentException("'body' must be at most " + MAX_BODY + " bytes: " + body.length);
		}
	}

	/**
	 * Returns a platform general response to this message.
	 * @param serial the platform's serial number
	 * @param result 0 success, 1 failure, 2 malformed, 3 not supported
	 * @return the response
	 */
	public Jt808Message generalResponse(int serial, int result) {
		return new Jt808Message(GENERAL_RESPONSE, this.terminal, serial, new byte[] { (byte) (this.serial >>> 8),
				(byte) this.serial, (byte) (this.messageId >>> 8), (byte) this.messageId, (byte) result });
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Jt808Message that && this.messageId == that.messageId && this.serial == that.serial
				&& this.terminal.equals(that.terminal) && Arrays.equals(this.body, that.body);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.messageId, this.terminal, this.serial, Arrays.hashCode(this.body));
	}

	@Override
	public String toString() {
		return String.format("Jt808Message[id=0x%04X, terminal=%s, serial=%d, body=%s]", this.messageId,
				this.terminal, this.serial, HexFormat.of().formatHex(this.body));
	}

}

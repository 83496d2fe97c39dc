package dev.socketserver.demo.jt808;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JT808-like server end to end over a real socket: a terminal registers, authenticates and reports, a body
 * holding the flag and escape bytes survives the round trip, and a frame with a bad checksum closes only that
 * connection as a decode error.
 */
@SocketServerTest(servers = "jt808")
class Jt808ServerTests {

	private static final String TERMINAL = "013912345678";

	private final Jt808Codec codec = new Jt808Codec();

	@Autowired
	SocketTestClients clients;

	private SocketTestClient terminal() {
		return this.clients.builder("jt808").codec(this.codec).connect();
	}

	@Test
	void aTerminalRegistersAuthenticatesAndHasItsReportsAcknowledged() {
		SocketTestClient terminal = terminal();
		terminal.send(new Jt808Message(Jt808Message.REGISTER, TERMINAL, 1, new byte[37]));
		Jt808Message registered = (Jt808Message) terminal.expectNext();
		assertThat(registered.messageId()).isEqualTo(Jt808Message.REGISTER_RESPONSE);
		assertThat(registered.terminal()).isEqualTo(TERMINAL);
		byte[] body = registered.body();
		assertThat(new byte[] { body[0], body[1], body[2] }).as("answers serial 1 with success")
			.containsExactly(0, 1, 0);
		byte[] code = new byte[body.length - 3];
		System.arraycopy(body, 3, code, 0, code.length);
		assertThat(new String(code, StandardCharsets.US_ASCII)).isEqualTo("demo-" + TERMINAL);
		assertThat(terminal.serverConnection()).hasIdentity(TERMINAL);

		terminal.send(new Jt808Message(Jt808Message.AUTHENTICATE, TERMINAL, 2, code));
		assertThat(generalResult(terminal.expectNext(), 2, Jt808Message.AUTHENTICATE)).isZero();
		terminal.send(new Jt808Message(Jt808Message.HEARTBEAT, TERMINAL, 3, new byte[0]));
		assertThat(generalResult(terminal.expectNext(), 3, Jt808Message.HEARTBEAT)).isZero();
		terminal.send(new Jt808Message(0x0f0f, TERMINAL, 4, new byte[0]));
		assertThat(generalResult(terminal.expectNext(), 4, 0x0f0f)).as("not supported").isEqualTo(3);
		assertThat(terminal.serverConnection()).isOpen();
	}

	@Test
	void flagAndEscapeBytesInsideAFrameAreEscapedOnTheWireAndRestored() {
		byte[] body = { 0x7E, 0x01, 0x7D, 0x02, 0x7E, 0x7E, 0x7D };
		Jt808Message location = new Jt808Message(Jt808Message.LOCATION, TERMINAL, 0x7E7D, body);
		ByteBuf wire = Unpooled.buffer();
		try {
			this.codec.encode(location, wire);
			byte[] bytes = ByteBufUtil.getBytes(wire);
			// Flags only at both ends; inside, the serial 0x7E7D and the body are escaped.
			assertThat(bytes[0]).isEqualTo((byte) 0x7E);
			assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 0x7E);
			String inside = HexFormat.of().formatHex(bytes, 1, bytes.length - 1);
			assertThat(inside).doesNotContain("7e").contains("7d027d01" + "7d0201" + "7d01" + "02" + "7d027d027d01");
		}
		finally {
			wire.release();
		}
		SocketTestClient terminal = terminal();
		terminal.send(location);
		assertThat(generalResult(terminal.expectNext(), 0x7E7D, Jt808Message.LOCATION)).isZero();
	}

	@Test
	void aFrameWithABadChecksumClosesThatConnectionOnly() {
		SocketTestClient bystander = terminal();
		SocketTestClient corrupt = terminal();
		ByteBuf wire = Unpooled.buffer();
		this.codec.encode(new Jt808Message(Jt808Message.HEARTBEAT, TERMINAL, 9, new byte[0]), wire);
		byte[] bytes = ByteBufUtil.getBytes(wire);
		wire.release();
		bytes[bytes.length - 2] ^= 0x55;
		corrupt.sendRaw(bytes);
		corrupt.expectClosed(CloseReason.DECODE_ERROR);
		bystander.send(new Jt808Message(Jt808Message.HEARTBEAT, TERMINAL, 10, new byte[0]));
		assertThat(generalResult(bystander.expectNext(), 10, Jt808Message.HEARTBEAT)).isZero();
	}

	/**
	 * Checks that a message is a general response to the given serial and id, and returns its result.
	 */
	private static int generalResult(Object message, int serial, int messageId) {
		Jt808Message response = (Jt808Message) message;
		assertThat(response.messageId()).isEqualTo(Jt808Message.GENERAL_RESPONSE);
		byte[] body = response.body();
		assertThat(body).hasSize(5);
		assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).as("serial answered").isEqualTo(serial);
		assertThat(((body[2] & 0xFF) << 8) | (body[3] & 0xFF)).as("message id answered").isEqualTo(messageId);
		return body[4];
	}

}

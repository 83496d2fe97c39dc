package dev.socketserver.demo.jt808;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The platform side of the JT808-like protocol: a terminal registers (its phone number becomes the connection's
 * identity, so that {@code MessageRouter} reaches it by number) and gets an authentication code, authenticates
 * with it, then sends heartbeats and location reports, each acknowledged with a general response that repeats
 * its serial number and id. A message id the platform does not know is answered "not supported", and the
 * connection stays open.
 */
@Component("jt808Handler")
class Jt808Handler implements SocketHandler<Jt808Message> {

	private static final Logger logger = LoggerFactory.getLogger(Jt808Handler.class);

	private static final int SUCCESS = 0;

	private static final int FAILURE = 1;

	private static final int NOT_SUPPORTED = 3;

	private final AtomicInteger serials = new AtomicInteger();

	@Override
	public void onMessage(Connection connection, Jt808Message message) {
		switch (message.messageId()) {
			case Jt808Message.REGISTER -> {
				connection.bindIdentity(message.terminal());
				logger.info("Terminal {} registered", message.terminal());
				connection.send(registered(message));
			}
			case Jt808Message.AUTHENTICATE -> connection.send(message.generalResponse(nextSerial(),
					Arrays.equals(message.body(), authCode(message.terminal())) ? SUCCESS : FAILURE));
			case Jt808Message.HEARTBEAT, Jt808Message.LOCATION -> connection
				.send(message.generalResponse(nextSerial(), SUCCESS));
			default -> connection.send(message.generalResponse(nextSerial(), NOT_SUPPORTED));
		}
	}

	private Jt808Message registered(Jt808Message registration) {
		byte[] code = authCode(registration.terminal());
		byte[] body = new byte[3 + code.length];
		body[0] = (byte) (registration.serial() >>> 8);
		body[1] = (byte) registration.serial();
		body[2] = SUCCESS;
		System.arraycopy(code, 0, body, 3, code.length);
		return new Jt808Message(Jt808Message.REGISTER_RESPONSE, registration.terminal(), nextSerial(), body);
	}

	/**
	 * The demo's authentication code; a real platform issues a random one per registration and stores it.
	 */
	static byte[] authCode(String terminal) {
		return ("demo-" + terminal).getBytes(StandardCharsets.US_ASCII);
	}

	private int nextSerial() {
		return this.serials.getAndIncrement() & 0xFFFF;
	}

}

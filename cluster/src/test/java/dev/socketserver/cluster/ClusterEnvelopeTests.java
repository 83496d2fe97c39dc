package dev.socketserver.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.socketserver.cluster.ClusterEnvelope.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The envelope's wire form: version 2 carries the message id, version 1 envelopes of older nodes are still read,
 * and an envelope of another version is refused with both versions named.
 */
class ClusterEnvelopeTests {

	@Test
	void aVersion2EnvelopeKeepsItsMessageId() {
		ClusterEnvelope envelope = ClusterEnvelope.of(Type.IDENTITY, "a", "chat", "bob", bytes("hi\n"))
			.withMessageId("a/1/7");
		ClusterEnvelope decoded = ClusterEnvelope.decode(envelope.encode());
		assertThat(decoded.messageId()).isEqualTo("a/1/7");
		assertThat(decoded.origin()).isEqualTo("a");
		assertThat(decoded.target()).isEqualTo("bob");
		assertThat(decoded.payload()).isEqualTo(bytes("hi\n"));
	}

	@Test
	void aVersion1EnvelopeOfAnOlderNodeIsReadWithoutMessageId() throws IOException {
		ClusterEnvelope decoded = ClusterEnvelope.decode(envelope(1));
		assertThat(decoded.type()).isEqualTo(Type.GROUP);
		assertThat(decoded.target()).isEqualTo("room");
		assertThat(decoded.payload()).isEqualTo(bytes("hi\n"));
		assertThat(decoded.messageId()).isEmpty();
	}

	@Test
	void anEnvelopeOfAnotherVersionIsRefused() throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterEnvelope.decode(envelope(3)))
			.withMessage("Cluster envelope of version 3, expected 1 or 2");
	}

	/**
	 * What a version 1 node writes.
	 */
	private static byte[] envelope(int version) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(version);
			out.writeByte(Type.GROUP.ordinal());
			out.writeUTF("old");
			out.writeUTF("chat");
			out.writeUTF("room");
			out.writeLong(System.currentTimeMillis());
			out.writeLong(0);
			out.writeLong(0);
			byte[] payload = bytes("hi\n");
			out.writeInt(payload.length);
			out.write(payload);
		}
		return bytes.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

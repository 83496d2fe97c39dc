package dev.socketserver.autoconfigure;

import java.nio.charset.Charset;

import dev.socketserver.autoconfigure.SocketServerProperties.Delimiter;
import dev.socketserver.autoconfigure.SocketServerProperties.FixedLength;
import dev.socketserver.autoconfigure.SocketServerProperties.Json;
import dev.socketserver.autoconfigure.SocketServerProperties.LengthField;
import dev.socketserver.autoconfigure.SocketServerProperties.Line;
import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The properties of a codec, which both ends of a connection set alike: a server under {@code socket.servers} and
 * a client under {@code socket.clients}.
 */
interface CodecProperties {

	String getCodec();

	@Nullable Payload getPayload();

	Charset getCharset();

	DataSize getMaxFrameLength();

	Line getLine();

	LengthField getLengthField();

	Delimiter getDelimiter();

	FixedLength getFixedLength();

	Json getJson();

}

package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.demo.resp.RespClientCodec.Error;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The RESP2 key-value server of the demo, driven over real sockets by test clients that write RESP commands.
 */
@DemoTest
@ExtendWith(OutputCaptureExtension.class)
class RespServerTests {

	@Autowired
	RespStore store;

	@Autowired
	SocketTestClients clients;

	@BeforeEach
	void emptyStore() {
		this.store.clear();
	}

	@Test
	void pingAndEchoAnswer() {
		SocketTestClient client = connect();
		assertThat(call(client, "PING")).isEqualTo("PONG");
		assertThat(RespClientCodec.text(call(client, "ping", "hello"))).isEqualTo("hello");
		assertThat(RespClientCodec.text(call(client, "ECHO", "hello world"))).isEqualTo("hello world");
		assertThat(call(client, "PING", "a", "b"))
				.isEqualTo(new Error("ERR wrong number of arguments for 'ping' command"));
	}

	@Test
	void setGetDeleteAndExistsWorkOnKeys() {
		SocketTestClient client = connect();
		assertThat(call(client, "SET", "a", "1")).isEqualTo("OK");
		assertThat(call(client, "SET", "b", "2")).isEqualTo("OK");
		assertThat(RespClientCodec.text(call(client, "GET", "a"))).isEqualTo("1");
		assertThat(call(client, "GET", "missing")).isNull();
		assertThat(call(client, "EXISTS", "a", "b", "missing", "a")).isEqualTo(3L);
		assertThat(call(client, "DEL", "a", "missing")).isEqualTo(1L);
		assertThat(call(client, "GET", "a")).isNull();
		assertThat(call(client, "DBSIZE")).isEqualTo(1L);
	}

	@Test
	void setHonoursConditionsAndReturnsThePreviousValueOnRequest() {
		SocketTestClient client = connect();
		assertThat(call(client, "SET", "k", "v1", "XX")).isNull();
		assertThat(call(client, "SET", "k", "v1", "NX")).isEqualTo("OK");
		assertThat(call(client, "SET", "k", "v2", "NX")).isNull();
		assertThat(call(client, "SET", "k", "v2", "xx")).isEqualTo("OK");
		assertThat(RespClientCodec.text(call(client, "SET", "k", "v3", "GET"))).isEqualTo("v2");
		assertThat(call(client, "SET", "new", "v", "GET")).isNull();
		assertThat(RespClientCodec.text(call(client, "GET", "k"))).isEqualTo("v3");
		assertThat(call(client, "SET", "k", "v", "NX", "XX")).isEqualTo(new Error("ERR syntax error"));
		assertThat(call(client, "SET", "k", "v", "BOGUS")).isEqualTo(new Error("ERR syntax error"));
		assertThat(call(client, "SET", "k", "v", "EX")).isEqualTo(new Error("ERR syntax error"));
	}

	@Test
	void setWithTimeToLiveExpiresTheKey() {
		SocketTestClient client = connect();
		assertThat(call(client, "SET", "long", "v", "EX", "100")).isEqualTo("OK");
		assertThat((Long) call(client, "TTL", "long")).isBetween(99L, 100L);
		assertThat((Long) call(client, "PTTL", "long")).isBetween(90_000L, 100_000L);
		assertThat(call(client, "SET", "long", "w", "KEEPTTL")).isEqualTo("OK");
		assertThat((Long) call(client, "TTL", "long")).isBetween(99L, 100L);
		assertThat(call(client, "SET", "long", "x")).isEqualTo("OK");
		assertThat(call(client, "TTL", "long")).isEqualTo(-1L);
		assertThat(call(client, "TTL", "missing")).isEqualTo(-2L);
		assertThat(call(client, "SET", "short", "v", "PX", "50")).isEqualTo("OK");
		await().atMost(Duration.ofSeconds(5)).until(() -> call(client, "GET", "short") == null);
		assertThat(call(client, "EXISTS", "short")).isEqualTo(0L);
		assertThat(call(client, "SET", "k", "v", "EX", "0"))
			.isEqualTo(new Error("ERR invalid expire time in 'set' command"));
		assertThat(call(client, "SET", "k", "v", "PX", "soon"))
			.isEqualTo(new Error("ERR value is not an integer or out of range"));
	}

	@Test
	void incrementsAndDecrementsIntegers() {
		SocketTestClient client = connect();
		assertThat(call(client, "INCR", "n")).isEqualTo(1L);
		assertThat(call(client, "INCRBY", "n", "41")).isEqualTo(42L);
		assertThat(call(client, "DECR", "n")).isEqualTo(41L);
		assertThat(call(client, "DECRBY", "n", "50")).isEqualTo(-9L);
		assertThat(RespClientCodec.text(call(client, "GET", "n"))).isEqualTo("-9");
		call(client, "SET", "text", "abc");
		assertThat(call(client, "INCR", "text")).isEqualTo(new Error("ERR value is not an integer or out of range"));
		call(client, "SET", "padded", " 1");
		assertThat(call(client, "INCR", "padded")).isEqualTo(new Error("ERR value is not an integer or out of range"));
		call(client, "SET", "max", String.valueOf(Long.MAX_VALUE));
		assertThat(call(client, "INCR", "max")).isEqualTo(new Error("ERR increment or decrement would overflow"));
		assertThat(call(client, "INCRBY", "n", "x"))
			.isEqualTo(new Error("ERR value is not an integer or out of range"));
	}

	@Test
	void incrementIsAtomicAcrossConnections() throws Exception {
		int clientCount = 4;
		int increments = 500;
		ExecutorService executor = Executors.newFixedThreadPool(clientCount);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < clientCount; c++) {
				SocketTestClient client = connect();
				futures.add(executor.submit(() -> {
					byte[] incr = RespClientCodec.command("INCR", "counter");
					byte[] batch = new byte[incr.length * increments];
					for (int i = 0; i < increments; i++) {
						System.arraycopy(incr, 0, batch, i * incr.length, incr.length);
					}
					client.sendRaw(batch);
					for (int i = 0; i < increments; i++) {
						assertThat(read(client)).isInstanceOf(Long.class);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(RespClientCodec.text(call(connect(), "GET", "counter")))
			.isEqualTo(String.valueOf(clientCount * increments));
	}

	@Test
	void multiGetAndMultiSetWorkOnSeveralKeys() {
		SocketTestClient client = connect();
		assertThat(call(client, "MSET", "a", "1", "b", "2")).isEqualTo("OK");
		List<?> values = (List<?>) call(client, "MGET", "a", "missing", "b");
		assertThat(values).hasSize(3);
		assertThat(RespClientCodec.text(values.get(0))).isEqualTo("1");
		assertThat(values.get(1)).isNull();
		assertThat(RespClientCodec.text(values.get(2))).isEqualTo("2");
		assertThat(call(client, "MSET", "a", "1", "b"))
			.isEqualTo(new Error("ERR wrong number of arguments for 'mset' command"));
	}

	@Test
	void keysAndValuesAreBinarySafe() {
		byte[] key = { 0, '\r', '\n', (byte) 0xff, ' ', '$' };
		byte[] value = new byte[256 * 4];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		SocketTestClient client = connect();
		assertThat(call(client, "SET", key, value)).isEqualTo("OK");
		assertThat((byte[]) call(client, "GET", key)).isEqualTo(value);
		assertThat(call(client, "GET", new byte[] { 0, '\r', '\n', (byte) 0xff, ' ' })).isNull();
		assertThat(call(client, "SET", "empty", new byte[0])).isEqualTo("OK");
		assertThat((byte[]) call(client, "GET", "empty")).isEmpty();
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() {
		SocketTestClient client = connect();
		int count = 300;
		StringBuilder pipeline = new StringBuilder();
		for (int i = 0; i < count; i++) {
			pipeline.append(new String(RespClientCodec.command("SET", "key" + i, "value" + i), StandardCharsets.UTF_8))
				.append(new String(RespClientCodec.command("INCR", "pipelined"), StandardCharsets.UTF_8))
				.append(new String(RespClientCodec.command("GET", "key" + i), StandardCharsets.UTF_8));
		}
		client.sendRaw(pipeline.toString());
		for (int i = 0; i < count; i++) {
			assertThat(read(client)).isEqualTo("OK");
			assertThat(read(client)).isEqualTo(i + 1L);
			assertThat(RespClientCodec.text(read(client))).isEqualTo("value" + i);
		}
	}

	@Test
	void largeRepliesToOnePipelineAreAllDelivered() {
		SocketTestClient client = connect();
		byte[] value = new byte[1024 * 1024];
		value[value.length - 1] = 42;
		assertThat(call(client, "SET", "big", value)).isEqualTo("OK");
		byte[] get = RespClientCodec.command("GET", "big");
		byte[] pipeline = new byte[get.length * 8];
		for (int i = 0; i < 8; i++) {
			System.arraycopy(get, 0, pipeline, i * get.length, get.length);
		}
		client.sendRaw(pipeline);
		for (int i = 0; i < 8; i++) {
			assertThat((byte[]) read(client)).isEqualTo(value);
		}
		assertThat(call(client, "MGET", "big", "big")).asList().hasSize(2);
	}

	@Test
	void inlineCommandsAsTelnetSendsThemWork() {
		SocketTestClient client = connect();
		client.sendRaw("PING\r\n\r\nset greeting \"hello \\x41\\n\"\nGET greeting\r\n  EXISTS   greeting  \n");
		assertThat(read(client)).isEqualTo("PONG");
		assertThat(read(client)).isEqualTo("OK");
		assertThat(RespClientCodec.text(read(client))).isEqualTo("hello A\n");
		assertThat(read(client)).isEqualTo(1L);
	}

	@Test
	void unknownCommandsGetAnErrorAndTheConnectionStaysOpen() {
		SocketTestClient client = connect();
		assertThat(call(client, "FOO", "bar", "baz"))
			.isEqualTo(new Error("ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' "));
		assertThat(call(client, "GET")).isEqualTo(new Error("ERR wrong number of arguments for 'get' command"));
		assertThat(call(client, "GET", "a", "b"))
				.isEqualTo(new Error("ERR wrong number of arguments for 'get' command"));
		assertThat(call(client, "ping")).isEqualTo("PONG");
	}

	@Test
	@SuppressWarnings("unchecked")
	void answersWhatRedisClientsAskOnConnect() {
		SocketTestClient client = connect();
		assertThat(texts(call(client, "CONFIG", "GET", "save"))).containsExactly("save", "");
		assertThat(texts(call(client, "CONFIG", "GET", "appendonly"))).containsExactly("appendonly", "no");
		assertThat((List<?>) call(client, "CONFIG", "GET", "*")).hasSizeGreaterThanOrEqualTo(4);
		assertThat(call(client, "COMMAND", "DOCS")).isEqualTo(List.of());
		assertThat(call(client, "SELECT", "0")).isEqualTo("OK");
		assertThat(call(client, "SELECT", "1")).isEqualTo(new Error("ERR DB index is out of range"));
		assertThat(call(client, "CLIENT", "SETNAME", "tests")).isEqualTo("OK");
		assertThat(RespClientCodec.text(call(client, "CLIENT", "GETNAME"))).isEqualTo("tests");
		assertThat(call(client, "CLIENT", "ID")).isInstanceOf(Long.class);
		List<Object> hello = (List<Object>) call(client, "HELLO", "2");
		assertThat(RespClientCodec.text(hello.get(0))).isEqualTo("server");
		assertThat(hello).contains(2L);
		assertThat(call(client, "HELLO", "3")).isEqualTo(new Error("NOPROTO unsupported protocol version"));
		assertThat(RespClientCodec.text(call(client, "INFO"))).contains("redis_version:", "connected_clients:");
		assertThat(RespClientCodec.text(call(client, "INFO", "keyspace"))).startsWith("# Keyspace")
				.doesNotContain("# Server");
	}

	@Test
	void flushAllEmptiesTheStoreAndQuitClosesTheConnection() {
		SocketTestClient client = connect();
		call(client, "SET", "a", "1");
		call(client, "SET", "b", "2");
		assertThat(call(client, "DBSIZE")).isEqualTo(2L);
		assertThat(call(client, "FLUSHALL")).isEqualTo("OK");
		assertThat(call(client, "DBSIZE")).isEqualTo(0L);
		assertThat(call(client, "FLUSHDB", "ASYNC")).isEqualTo("OK");
		assertThat(call(client, "QUIT")).isEqualTo("OK");
		client.expectClosed(CloseReason.CLOSED_BY_APPLICATION);
	}

	@Test
	void hostileHeadersCloseOnlyTheirConnection(CapturedOutput output) {
		SocketTestClient bystander = connect();
		call(bystander, "SET", "safe", "yes");
		// Ten: the server logs at most ten protection closes per ten seconds.
		Map<String, CloseReason> hostile = new LinkedHashMap<>();
		hostile.put("*2147483647\r\n", CloseReason.FRAME_TOO_LARGE);
		hostile.put("*1\r\n$2147483647\r\n", CloseReason.FRAME_TOO_LARGE);
		hostile.put("*1\r\n$2000000\r\n", CloseReason.FRAME_TOO_LARGE);
		// The command after the refused one is not answered: expectClosed fails on a reply that arrives first.
		hostile.put("*10001\r\n*1\r\n$4\r\nPING\r\n", CloseReason.FRAME_TOO_LARGE);
		hostile.put("*99999999999999999999999\r\n", CloseReason.DECODE_ERROR);
		hostile.put("*2\r\n$3\r\nGET\r\n$-1\r\n", CloseReason.DECODE_ERROR);
		hostile.put("*1\r\n+PING\r\n", CloseReason.DECODE_ERROR);
		hostile.put("*1\r\n$4\r\nPINGxx", CloseReason.DECODE_ERROR);
		hostile.put("SET k \"unbalanced\r\n", CloseReason.DECODE_ERROR);
		hostile.put("A".repeat(70 * 1024), CloseReason.FRAME_TOO_LARGE);
		hostile.forEach((request, reason) -> {
			SocketTestClient attacker = connect();
			attacker.sendRaw(request);
			assertThatNoException().as(request).isThrownBy(() -> attacker.expectClosed(reason));
			assertThat(RespClientCodec.text(call(bystander, "GET", "safe"))).isEqualTo("yes");
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> countOccurrences(output.getOut(), "on socket server 'resp'") == hostile.size());
		assertThat(output.getOut()).contains("frame too large (command of 2147483647 arguments (limit 10000))",
				"frame too large (argument of 2147483647 bytes (limit 1048576))",
				"decode error (expected '$', got '+')", "decode error (unbalanced quotes in request)",
				"frame too large (inline command longer than 65536 bytes)");
		assertThat(output.getOut()).doesNotContain("Exception");
	}

	@Test
	void commandsSplitAcrossManyWritesAreReassembled() {
		SocketTestClient client = connect();
		byte[] command = RespClientCodec.command("SET", "split", "x".repeat(100_000));
		for (int i = 0; i < command.length; i += 7919) {
			client.sendRaw(Arrays.copyOfRange(command, i, Math.min(command.length, i + 7919)));
		}
		assertThat(read(client)).isEqualTo("OK");
		assertThat(((byte[]) call(client, "GET", "split"))).hasSize(100_000);
	}

	/**
	 * Connects a client that writes commands and reads replies with {@link RespClientCodec}: the server's codec
	 * reads commands and writes replies, which is not the same protocol.
	 */
	private SocketTestClient connect() {
		return this.clients.builder("resp").codec(new RespClientCodec()).connect();
	}

	/**
	 * Sends one command and returns its reply, {@code null} for nil.
	 */
	private static @Nullable Object call(SocketTestClient client, Object... args) {
		return RespClientCodec.value(client.request(List.of(args)));
	}

	/**
	 * Returns the next reply, {@code null} for nil.
	 */
	private static @Nullable Object read(SocketTestClient client) {
		return RespClientCodec.value(client.expectNext());
	}

	private static List<String> texts(@Nullable Object reply) {
		return ((List<?>) reply).stream().map(RespClientCodec::text).toList();
	}

	private static int countOccurrences(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
			count++;
		}
		return count;
	}

}

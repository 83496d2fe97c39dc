package dev.socketserver.demo.resp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.socketserver.demo.DemoTest;
import dev.socketserver.demo.resp.RespClient.Error;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RESP2 key-value server of the demo, driven over real sockets by a client that writes raw RESP.
 */
@DemoTest
@ExtendWith(OutputCaptureExtension.class)
class RespServerTests {

	@Autowired
	@Qualifier("resp")
	SocketServer server;

	@Autowired
	RespStore store;

	private final List<RespClient> clients = new ArrayList<>();

	@BeforeEach
	void emptyStore() {
		this.store.clear();
	}

	@AfterEach
	void closeClients() throws IOException {
		for (RespClient client : this.clients) {
			client.close();
		}
	}

	@Test
	void pingAndEchoAnswer() throws IOException {
		RespClient client = connect();
		assertThat(client.call("PING")).isEqualTo("PONG");
		assertThat(RespClient.text(client.call("ping", "hello"))).isEqualTo("hello");
		assertThat(RespClient.text(client.call("ECHO", "hello world"))).isEqualTo("hello world");
		assertThat(client.call("PING", "a", "b"))
				.isEqualTo(new Error("ERR wrong number of arguments for 'ping' command"));
	}

	@Test
	void setGetDeleteAndExistsWorkOnKeys() throws IOException {
		RespClient client = connect();
		assertThat(client.call("SET", "a", "1")).isEqualTo("OK");
		assertThat(client.call("SET", "b", "2")).isEqualTo("OK");
		assertThat(RespClient.text(client.call("GET", "a"))).isEqualTo("1");
		assertThat(client.call("GET", "missing")).isNull();
		assertThat(client.call("EXISTS", "a", "b", "missing", "a")).isEqualTo(3L);
		assertThat(client.call("DEL", "a", "missing")).isEqualTo(1L);
		assertThat(client.call("GET", "a")).isNull();
		assertThat(client.call("DBSIZE")).isEqualTo(1L);
	}

	@Test
	void setHonoursConditionsAndReturnsThePreviousValueOnRequest() throws IOException {
		RespClient client = connect();
		assertThat(client.call("SET", "k", "v1", "XX")).isNull();
		assertThat(client.call("SET", "k", "v1", "NX")).isEqualTo("OK");
		assertThat(client.call("SET", "k", "v2", "NX")).isNull();
		assertThat(client.call("SET", "k", "v2", "xx")).isEqualTo("OK");
		assertThat(RespClient.text(client.call("SET", "k", "v3", "GET"))).isEqualTo("v2");
		assertThat(client.call("SET", "new", "v", "GET")).isNull();
		assertThat(RespClient.text(client.call("GET", "k"))).isEqualTo("v3");
		assertThat(client.call("SET", "k", "v", "NX", "XX")).isEqualTo(new Error("ERR syntax error"));
		assertThat(client.call("SET", "k", "v", "BOGUS")).isEqualTo(new Error("ERR syntax error"));
		assertThat(client.call("SET", "k", "v", "EX")).isEqualTo(new Error("ERR syntax error"));
	}

	@Test
	void setWithTimeToLiveExpiresTheKey() throws IOException {
		RespClient client = connect();
		assertThat(client.call("SET", "long", "v", "EX", "100")).isEqualTo("OK");
		assertThat((Long) client.call("TTL", "long")).isBetween(99L, 100L);
		assertThat((Long) client.call("PTTL", "long")).isBetween(90_000L, 100_000L);
		assertThat(client.call("SET", "long", "w", "KEEPTTL")).isEqualTo("OK");
		assertThat((Long) client.call("TTL", "long")).isBetween(99L, 100L);
		assertThat(client.call("SET", "long", "x")).isEqualTo("OK");
		assertThat(client.call("TTL", "long")).isEqualTo(-1L);
		assertThat(client.call("TTL", "missing")).isEqualTo(-2L);
		assertThat(client.call("SET", "short", "v", "PX", "50")).isEqualTo("OK");
		await().atMost(Duration.ofSeconds(5)).until(() -> client.call("GET", "short") == null);
		assertThat(client.call("EXISTS", "short")).isEqualTo(0L);
		assertThat(client.call("SET", "k", "v", "EX", "0"))
			.isEqualTo(new Error("ERR invalid expire time in 'set' command"));
		assertThat(client.call("SET", "k", "v", "PX", "soon"))
			.isEqualTo(new Error("ERR value is not an integer or out of range"));
	}

	@Test
	void incrementsAndDecrementsIntegers() throws IOException {
		RespClient client = connect();
		assertThat(client.call("INCR", "n")).isEqualTo(1L);
		assertThat(client.call("INCRBY", "n", "41")).isEqualTo(42L);
		assertThat(client.call("DECR", "n")).isEqualTo(41L);
		assertThat(client.call("DECRBY", "n", "50")).isEqualTo(-9L);
		assertThat(RespClient.text(client.call("GET", "n"))).isEqualTo("-9");
		client.call("SET", "text", "abc");
		assertThat(client.call("INCR", "text")).isEqualTo(new Error("ERR value is not an integer or out of range"));
		client.call("SET", "padded", " 1");
		assertThat(client.call("INCR", "padded")).isEqualTo(new Error("ERR value is not an integer or out of range"));
		client.call("SET", "max", String.valueOf(Long.MAX_VALUE));
		assertThat(client.call("INCR", "max")).isEqualTo(new Error("ERR increment or decrement would overflow"));
		assertThat(client.call("INCRBY", "n", "x")).isEqualTo(new Error("ERR value is not an integer or out of range"));
	}

	@Test
	void incrementIsAtomicAcrossConnections() throws Exception {
		int clientCount = 4;
		int increments = 500;
		ExecutorService executor = Executors.newFixedThreadPool(clientCount);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < clientCount; c++) {
				RespClient client = connect();
				futures.add(executor.submit(() -> {
					byte[] incr = RespClient.command("INCR", "counter");
					byte[] batch = new byte[incr.length * increments];
					for (int i = 0; i < increments; i++) {
						System.arraycopy(incr, 0, batch, i * incr.length, incr.length);
					}
					client.sendRaw(batch);
					for (int i = 0; i < increments; i++) {
						assertThat(client.read()).isInstanceOf(Long.class);
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
		assertThat(RespClient.text(connect().call("GET", "counter")))
			.isEqualTo(String.valueOf(clientCount * increments));
	}

	@Test
	void multiGetAndMultiSetWorkOnSeveralKeys() throws IOException {
		RespClient client = connect();
		assertThat(client.call("MSET", "a", "1", "b", "2")).isEqualTo("OK");
		List<?> values = (List<?>) client.call("MGET", "a", "missing", "b");
		assertThat(values).hasSize(3);
		assertThat(RespClient.text(values.get(0))).isEqualTo("1");
		assertThat(values.get(1)).isNull();
		assertThat(RespClient.text(values.get(2))).isEqualTo("2");
		assertThat(client.call("MSET", "a", "1", "b"))
			.isEqualTo(new Error("ERR wrong number of arguments for 'mset' command"));
	}

	@Test
	void keysAndValuesAreBinarySafe() throws IOException {
		byte[] key = { 0, '\r', '\n', (byte) 0xff, ' ', '$' };
		byte[] value = new byte[256 * 4];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		RespClient client = connect();
		assertThat(client.call("SET", key, value)).isEqualTo("OK");
		assertThat((byte[]) client.call("GET", key)).isEqualTo(value);
		assertThat(client.call("GET", new byte[] { 0, '\r', '\n', (byte) 0xff, ' ' })).isNull();
		assertThat(client.call("SET", "empty", new byte[0])).isEqualTo("OK");
		assertThat((byte[]) client.call("GET", "empty")).isEmpty();
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() throws IOException {
		RespClient client = connect();
		int count = 300;
		StringBuilder pipeline = new StringBuilder();
		for (int i = 0; i < count; i++) {
			pipeline.append(new String(RespClient.command("SET", "key" + i, "value" + i), StandardCharsets.UTF_8))
				.append(new String(RespClient.command("INCR", "pipelined"), StandardCharsets.UTF_8))
				.append(new String(RespClient.command("GET", "key" + i), StandardCharsets.UTF_8));
		}
		client.sendRaw(pipeline.toString());
		for (int i = 0; i < count; i++) {
			assertThat(client.read()).isEqualTo("OK");
			assertThat(client.read()).isEqualTo(i + 1L);
			assertThat(RespClient.text(client.read())).isEqualTo("value" + i);
		}
	}

	@Test
	void largeRepliesToOnePipelineAreAllDelivered() throws IOException {
		RespClient client = connect();
		byte[] value = new byte[1024 * 1024];
		value[value.length - 1] = 42;
		assertThat(client.call("SET", "big", value)).isEqualTo("OK");
		byte[] get = RespClient.command("GET", "big");
		byte[] pipeline = new byte[get.length * 8];
		for (int i = 0; i < 8; i++) {
			System.arraycopy(get, 0, pipeline, i * get.length, get.length);
		}
		client.sendRaw(pipeline);
		for (int i = 0; i < 8; i++) {
			assertThat((byte[]) client.read()).isEqualTo(value);
		}
		assertThat(client.call("MGET", "big", "big")).asList().hasSize(2);
	}

	@Test
	void inlineCommandsAsTelnetSendsThemWork() throws IOException {
		RespClient client = connect();
		client.sendRaw("PING\r\n\r\nset greeting \"hello \\x41\\n\"\nGET greeting\r\n  EXISTS   greeting  \n");
		assertThat(client.read()).isEqualTo("PONG");
		assertThat(client.read()).isEqualTo("OK");
		assertThat(RespClient.text(client.read())).isEqualTo("hello A\n");
		assertThat(client.read()).isEqualTo(1L);
	}

	@Test
	void unknownCommandsGetAnErrorAndTheConnectionStaysOpen() throws IOException {
		RespClient client = connect();
		assertThat(client.call("FOO", "bar", "baz"))
			.isEqualTo(new Error("ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' "));
		assertThat(client.call("GET")).isEqualTo(new Error("ERR wrong number of arguments for 'get' command"));
		assertThat(client.call("GET", "a", "b"))
				.isEqualTo(new Error("ERR wrong number of arguments for 'get' command"));
		assertThat(client.call("ping")).isEqualTo("PONG");
	}

	@Test
	@SuppressWarnings("unchecked")
	void answersWhatRedisClientsAskOnConnect() throws IOException {
		RespClient client = connect();
		assertThat(texts(client.call("CONFIG", "GET", "save"))).containsExactly("save", "");
		assertThat(texts(client.call("CONFIG", "GET", "appendonly"))).containsExactly("appendonly", "no");
		assertThat((List<?>) client.call("CONFIG", "GET", "*")).hasSizeGreaterThanOrEqualTo(4);
		assertThat(client.call("COMMAND", "DOCS")).isEqualTo(List.of());
		assertThat(client.call("SELECT", "0")).isEqualTo("OK");
		assertThat(client.call("SELECT", "1")).isEqualTo(new Error("ERR DB index is out of range"));
		assertThat(client.call("CLIENT", "SETNAME", "tests")).isEqualTo("OK");
		assertThat(RespClient.text(client.call("CLIENT", "GETNAME"))).isEqualTo("tests");
		assertThat(client.call("CLIENT", "ID")).isInstanceOf(Long.class);
		List<Object> hello = (List<Object>) client.call("HELLO", "2");
		assertThat(RespClient.text(hello.get(0))).isEqualTo("server");
		assertThat(hello).contains(2L);
		assertThat(client.call("HELLO", "3")).isEqualTo(new Error("NOPROTO unsupported protocol version"));
		assertThat(RespClient.text(client.call("INFO"))).contains("redis_version:", "connected_clients:");
		assertThat(RespClient.text(client.call("INFO", "keyspace"))).startsWith("# Keyspace")
				.doesNotContain("# Server");
	}

	@Test
	void flushAllEmptiesTheStoreAndQuitClosesTheConnection() throws IOException {
		RespClient client = connect();
		client.call("SET", "a", "1");
		client.call("SET", "b", "2");
		assertThat(client.call("DBSIZE")).isEqualTo(2L);
		assertThat(client.call("FLUSHALL")).isEqualTo("OK");
		assertThat(client.call("DBSIZE")).isEqualTo(0L);
		assertThat(client.call("FLUSHDB", "ASYNC")).isEqualTo("OK");
		assertThat(client.call("QUIT")).isEqualTo("OK");
		assertThat(client.isClosedByServer()).isTrue();
	}

	@Test
	void hostileHeadersCloseOnlyTheirConnection(CapturedOutput output) throws IOException {
		RespClient bystander = connect();
		bystander.call("SET", "safe", "yes");
		String[] hostile = { "*2147483647\r\n", "*1\r\n$2147483647\r\n", "*1\r\n$2000000\r\n",
				"*10001\r\n", "*99999999999999999999999\r\n", "*2\r\n$3\r\nGET\r\n$-1\r\n", "*1\r\n+PING\r\n",
				"*1\r\n$4\r\nPINGxx", "*x\r\n", "SET k \"unbalanced\r\n", "A".repeat(70 * 1024) };
		for (String request : hostile) {
			RespClient attacker = connect();
			attacker.sendRaw(request);
			assertThat(attacker.isClosedByServer()).as(request).isTrue();
			assertThat(RespClient.text(bystander.call("GET", "safe"))).isEqualTo("yes");
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> countOccurrences(output.getOut(), "on socket server 'resp'") == hostile.length);
		assertThat(output.getOut()).contains("frame too large (command of 2147483647 arguments (limit 10000))",
				"frame too large (argument of 2147483647 bytes (limit 1048576))",
				"decode error (expected '$', got '+')", "decode error (unbalanced quotes in request)",
				"frame too large (inline command longer than 65536 bytes)");
		assertThat(output.getOut()).doesNotContain("Exception");
	}

	@Test
	void commandsSplitAcrossManyWritesAreReassembled() throws IOException {
		RespClient client = connect();
		byte[] command = RespClient.command("SET", "split", "x".repeat(100_000));
		for (int i = 0; i < command.length; i += 7919) {
			client.sendRaw(Arrays.copyOfRange(command, i, Math.min(command.length, i + 7919)));
		}
		assertThat(client.read()).isEqualTo("OK");
		assertThat(((byte[]) client.call("GET", "split"))).hasSize(100_000);
	}

	private RespClient connect() throws IOException {
		RespClient client = new RespClient(this.server.port());
		this.clients.add(client);
		return client;
	}

	private static List<String> texts(Object reply) {
		return ((List<?>) reply).stream().map(RespClient::text).toList();
	}

	private static int countOccurrences(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
			count++;
		}
		return count;
	}

}

package dev.socketserver.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.socketserver.codec.DelimiterFraming;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.codec.RawFraming;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and encoding of one message with each built-in framing composed with each built-in payload codec, as
 * a connection does it: {@code decode} reads one frame from a direct buffer holding exactly that frame (and
 * releases the message, as the connection does after the handler); {@code encode} allocates the buffer a
 * connection allocates for a send (from Netty's default allocator), encodes into it and releases it;
 * {@code encodeOnly} encodes into a buffer reused across calls, which leaves the allocator out.
 * <p>
 * JMH threads are not event-loop threads, so Netty's default (adaptive) allocator serves {@code encode} from its
 * shared magazines, as it does for a send from an application thread; on an event loop it uses a thread-local
 * magazine and allocates faster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

	private static final int MAX_FRAME = 64 * 1024;

	@Param({ "LINE", "LENGTH_FIELD", "DELIMITER", "FIXED_LENGTH", "RAW" })
	FramingKind framing;

	@Param({ "BYTES", "STRING", "BUFFER" })
	PayloadKind payload;

	@Param({ "64", "4096" })
	int size;

	private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;

	private MessageCodec<Object> codec;

	private MessageDecoder<Object> decoder;

	private Object message;

	private ByteBuf frame;

	private ByteBuf out;

	@Setup(Level.Trial)
	@SuppressWarnings("unchecked")
	public void setUp() throws Exception {
		this.codec = (MessageCodec<Object>) MessageCodec.of(this.framing.create(this.size), this.payload.codec());
		this.decoder = this.codec.newDecoder();
		// Letters only: no line end or delimiter inside, and valid UTF-8.
		byte[] bytes = new byte[this.size];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) ('a' + i % 26);
		}
		this.message = this.payload.message(bytes);
		this.frame = this.allocator.directBuffer(this.size + 8);
		this.codec.encode(this.message, this.frame);
		Object decoded = this.decoder.decode(this.frame);
		if (decoded == null || this.frame.isReadable()) {
			throw new IllegalStateException("The frame does not decode to exactly one message");
		}
		ReferenceCountUtil.release(decoded);
		this.out = this.allocator.directBuffer(this.size + 8);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.frame.release();
		this.out.release();
		ReferenceCountUtil.release(this.message);
	}

	@Benchmark
	public Object decode() throws Exception {
		ByteBuf in = this.frame.readerIndex(0);
		Object decoded = this.decoder.decode(in);
		// The handler has seen the message by now: release it as the connection does, keeping only its identity.
		ReferenceCountUtil.release(decoded);
		return decoded;
	}

	@Benchmark
	public int encode() throws Exception {
		ByteBuf out = this.allocator.ioBuffer(this.codec.sizeHint(this.message));
		try {
			this.codec.encode(this.message, out);
			return out.writerIndex();
		}
		finally {
			out.release();
		}
	}

	@Benchmark
	public int encodeOnly() throws Exception {
		ByteBuf out = this.out.clear();
		this.codec.encode(this.message, out);
		return out.writerIndex();
	}

	/**
	 * The built-in framings, each sized for one payload of the benchmark.
	 */
	public enum FramingKind {

		LINE {
			@Override
			Framing create(int payloadSize) {
				return new LineFraming(MAX_FRAME, LineDelimiter.LF);
			}
		},

		LENGTH_FIELD {
			@Override
			Framing create(int payloadSize) {
				return LengthFieldFraming.builder().maxFrameLength(MAX_FRAME).build();
			}
		},

		/** NUL-terminated frames, as STOMP sends them. */
		DELIMITER {
			@Override
			Framing create(int payloadSize) {
				return new DelimiterFraming(new byte[] { 0 }, MAX_FRAME);
			}
		},

		FIXED_LENGTH {
			@Override
			Framing create(int payloadSize) {
				return new FixedLengthFraming(payloadSize);
			}
		},

		RAW {
			@Override
			Framing create(int payloadSize) {
				return new RawFraming(MAX_FRAME);
			}
		};

		abstract Framing create(int payloadSize);

	}

	/**
	 * The built-in payload codecs, with a message of each kind.
	 */
	public enum PayloadKind {

		BYTES {
			@Override
			PayloadCodec<?> codec() {
				return PayloadCodec.bytes();
			}

			@Override
			Object message(byte[] bytes) {
				return bytes;
			}
		},

		STRING {
			@Override
			PayloadCodec<?> codec() {
				return PayloadCodec.string(StandardCharsets.UTF_8);
			}

			@Override
			Object message(byte[] bytes) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
		},

		BUFFER {
			@Override
			PayloadCodec<?> codec() {
				return PayloadCodec.buffer();
			}

			@Override
			Object message(byte[] bytes) {
				// Kept across sends and released at the end; a connection releases what it sent once encoded.
				return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
			}
		};

		abstract PayloadCodec<?> codec();

		abstract Object message(byte[] bytes);

	}

}

package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The commands the key-value server knows, with their arity as Redis counts it: the command name included, and
 * negative for "at least".
 */
enum CommandName {

	PING(-1), ECHO(2), GET(2), SET(-3), DEL(-2), EXISTS(-2), INCR(2), INCRBY(3), DECR(2), DECRBY(3), MGET(-2),
	MSET(-3), TTL(2), PTTL(2), SELECT(2), DBSIZE(1), FLUSHALL(-1), FLUSHDB(-1), INFO(-1), CONFIG(-2), CLIENT(-2),
	HELLO(-1), COMMAND(-1), QUIT(-1);

	/** Commands by the first letter of their name, so a lookup compares a few names at most. */
	private static final CommandName[][] BY_INITIAL = byInitial();

	private static final int MAX_LENGTH = 8;

	private final int arity;

	private final String lowerCaseName;

	private final byte[] lowerCaseBytes;

	CommandName(int arity) {
		this.arity = arity;
		this.lowerCaseName = name().toLowerCase(Locale.ROOT);
		this.lowerCaseBytes = this.lowerCaseName.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Returns whether a command of this name may have {@code count} arguments, its name included.
	 */
	boolean accepts(int count) {
		return (this.arity >= 0) ? count == this.arity : count >= -this.arity;
	}

	/**
	 * Returns the name as Redis writes it in error messages.
	 */
	String lowerCaseName() {
		return this.lowerCaseName;
	}

	/**
	 * Returns the command named by the first argument, in any case, or {@code null} if it is unknown.
	 */
	static @Nullable CommandName of(RespCommand command) {
		int length = command.length(0);
		if (length == 0 || length > MAX_LENGTH) {
			return null;
		}
		// One bulk copy reads the name faster than a bounds-checked read per byte.
		byte[] name = command.bytes(0);
		for (int i = 0; i < name.length; i++) {
			if (name[i] >= 'A' && name[i] <= 'Z') {
				name[i] |= 0x20;
			}
		}
		int initial = name[0] - 'a';
		if (initial < 0 || initial >= BY_INITIAL.length) {
			return null;
		}
		for (CommandName candidate : BY_INITIAL[initial]) {
			if (Arrays.equals(candidate.lowerCaseBytes, name)) {
				return candidate;
			}
		}
		return null;
	}

	private static CommandName[][] byInitial() {
		List<List<CommandName>> lists = new ArrayList<>();
		for (int i = 0; i < 26; i++) {
			lists.add(new ArrayList<>());
		}
		for (CommandName name : values()) {
			lists.get(name.lowerCaseName.charAt(0) - 'a').add(name);
		}
		CommandName[][] table = new CommandName[26][];
		for (int i = 0; i < 26; i++) {
			table[i] = lists.get(i).toArray(new CommandName[0]);
		}
		return table;
	}

}

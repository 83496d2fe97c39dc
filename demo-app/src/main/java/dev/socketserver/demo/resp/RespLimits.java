package dev.socketserver.demo.resp;

/**
 * Bounds on what one client request may make the server buffer: a request over any of them closes the
 * connection as soon as its declared size is known, before its bytes are buffered.
 *
 * @param maxArguments the most arguments of one command
 * @param maxBulkLength the longest argument, in bytes
 * @param maxInlineLength the longest inline command line (as sent by telnet), in bytes
 * @param maxCommandLength the longest command on the wire, headers included, in bytes
 */
record RespLimits(int maxArguments, int maxBulkLength, int maxInlineLength, int maxCommandLength) {

	/**
	 * Limits of the demo: 10,000 arguments, 1 MiB per argument, 64 KiB inline lines (as Redis), 4 MiB per
	 * command.
	 */
	static final RespLimits DEFAULTS = new RespLimits(10_000, 1024 * 1024, 64 * 1024, 4 * 1024 * 1024);

	RespLimits {
		if (maxArguments <= 0 || maxBulkLength < 0 || maxInlineLength <= 0 || maxCommandLength <= 0) {
			throw new IllegalArgumentException("RESP limits must be positive");
		}
	}

}

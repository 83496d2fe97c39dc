package dev.socketserver.wiretap;

/**
 * Decides what a wire tap keeps and logs of each frame it captures, to keep secrets (tokens, personal data) out
 * of the endpoint's answers and the log. It sees the entry before anyone else does.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WireTapMasker {

	/**
	 * Keeps sizes, directions and times only.
	 */
	WireTapMasker SIZES_ONLY = WireTapEntry::sizeOnly;

	/**
	 * Returns what to keep of a captured frame.
	 * @param entry the frame as captured: hex and message already capped
	 * @return the entry to keep, such as a copy with a redacted message or {@link WireTapEntry#sizeOnly()}
	 */
	WireTapEntry mask(WireTapEntry entry);

}

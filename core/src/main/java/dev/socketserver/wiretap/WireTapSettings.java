package dev.socketserver.wiretap;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Bounds of the wire taps of a process: how much one tap may capture and for how long, how many may run, and
 * how their frames are masked.
 *
 * @param defaultFrames the frames a tap captures when its request does not say
 * @param maxFrames the most frames one tap may capture, and so the most entries it keeps
 * @param defaultDuration how long a tap runs when its request does not say
 * @param maxDuration the longest a tap may run
 * @param maxBytesPerFrame the most bytes of a frame shown in hexadecimal
 * @param maxMessageLength the most characters of a decoded message's {@code toString} kept
 * @param maxTaps the most taps running at once; as many ended ones are kept for reading
 * @param masker what is kept of each frame, or {@code null} to keep it all (within the caps)
 * @since 0.1.0
 */
public record WireTapSettings(int defaultFrames, int maxFrames, Duration defaultDuration, Duration maxDuration,
		int maxBytesPerFrame, int maxMessageLength, int maxTaps, @Nullable WireTapMasker masker) {

	/**
	 * Settings by default: 100 frames or 60 seconds unless asked for more, at most 1,000 frames or 10 minutes,
	 * 256 bytes and 512 characters per frame, 4 taps at once, nothing masked.
	 */
	public static final WireTapSettings DEFAULTS = new WireTapSettings(100, 1000, Duration.ofSeconds(60),
			Duration.ofMinutes(10), 256, 512, 4, null);

	/**
	 * Validates the settings.
	 */
	public WireTapSettings {
		Objects.requireNonNull(defaultDuration, "'defaultDuration' must not be null");
		Objects.requireNonNull(maxDuration, "'maxDuration' must not be null");
		if (maxFrames <= 0 || defaultFrames <= 0 || defaultFrames > maxFrames) {
			throw new IllegalArgumentException("'defaultFrames' must be positive and at most 'maxFrames'");
		}
		if (isNotPositive(maxDuration) || isNotPositive(defaultDuration)
				|| defaultDuration.compareTo(maxDuration) > 0) {
			throw new IllegalArgumentException("'defaultDuration' must be positive and at most 'maxDuration'");
		}
		if (maxBytesPerFrame < 0 || maxMessageLength < 0) {
			throw new IllegalArgumentException("'maxBytesPerFrame' and 'maxMessageLength' must not be negative");
		}
		if (maxTaps < 0) {
			throw new IllegalArgumentException("'maxTaps' must not be negative");
		}
	}

	private static boolean isNotPositive(Duration duration) {
		return duration.isNegative() || duration.isZero();
	}

	/**
	 * Returns these settings with other frame counts.
	 * @param defaultFrames the frames of a tap whose request does not say
	 * @param maxFrames the most frames of one tap
	 * @return the new settings
	 */
	public WireTapSettings withFrames(int defaultFrames, int maxFrames) {
		return new WireTapSettings(defaultFrames, maxFrames, this.defaultDuration, this.maxDuration,
				this.maxBytesPerFrame, this.maxMessageLength, this.maxTaps, this.masker);
	}

	/**
	 * Returns these settings with other durations.
	 * @param defaultDuration how long a tap whose request does not say runs
	 * @param maxDuration the longest a tap runs
	 * @return the new settings
	 */
	public WireTapSettings withDurations(Duration defaultDuration, Duration maxDuration) {
		return new WireTapSettings(this.defaultFrames, this.maxFrames, defaultDuration, maxDuration,
				this.maxBytesPerFrame, this.maxMessageLength, this.maxTaps, this.masker);
	}

	/**
	 * Returns these settings with other caps on what is kept per frame.
	 * @param maxBytesPerFrame the most bytes shown in hexadecimal
	 * @param maxMessageLength the most characters of a message kept
	 * @return the new settings
	 */
	public WireTapSettings withFrameCaps(int maxBytesPerFrame, int maxMessageLength) {
		return new WireTapSettings(this.defaultFrames, this.maxFrames, this.defaultDuration, this.maxDuration,
				maxBytesPerFrame, maxMessageLength, this.maxTaps, this.masker);
	}

	/**
	 * Returns these settings with another number of taps at once.
	 * @param maxTaps the most taps running at once, 0 to refuse every tap
	 * @return the new settings
	 */
	public WireTapSettings withMaxTaps(int maxTaps) {
		return new WireTapSettings(this.defaultFrames, this.maxFrames, this.defaultDuration, this.maxDuration,
				this.maxBytesPerFrame, this.maxMessageLength, maxTaps, this.masker);
	}

	/**
	 * Returns these settings with another masker.
	 * @param masker what is kept of each frame, {@code null} for all of it
	 * @return the new settings
	 */
	public WireTapSettings withMasker(@Nullable WireTapMasker masker) {
		return new WireTapSettings(this.defaultFrames, this.maxFrames, this.defaultDuration, this.maxDuration,
				this.maxBytesPerFrame, this.maxMessageLength, this.maxTaps, masker);
	}

}

/**
 * A JT808-like binary protocol for vehicle terminals, end to end: flag-delimited frames with escape bytes and an
 * XOR checksum ({@link dev.socketserver.demo.jt808.Jt808Codec}), and a platform that registers terminals and
 * acknowledges what they report ({@link dev.socketserver.demo.jt808.Jt808Handler}). The worked example of a codec
 * of one's own in {@code docs/codecs.md}.
 */
@NullMarked
package dev.socketserver.demo.jt808;

import org.jspecify.annotations.NullMarked;

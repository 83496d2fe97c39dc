/**
 * Codecs: how bytes on the wire become messages and messages become bytes, with built-in framings.
 */
@NullMarked
package dev.socketserver.codec;

import org.jspecify.annotations.NullMarked;

/**
 * JSON messages (Jackson 3) over a framing of choice, with what the controller model needs: the type field,
 * binding to POJOs and error replies.
 */
@NullMarked
package dev.socketserver.codec.json;

import org.jspecify.annotations.NullMarked;

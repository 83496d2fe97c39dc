/**
 * Chat server of the demo: nicknames, rooms and private messages over a line protocol.
 */
@NullMarked
package dev.socketserver.demo.chat;

import org.jspecify.annotations.NullMarked;

/**
 * HAProxy PROXY protocol (v1 and v2) settings: which proxies are trusted to tell the real client address.
 */
@NullMarked
package dev.socketserver.proxy;

import org.jspecify.annotations.NullMarked;

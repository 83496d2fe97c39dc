/**
 * Request/response over a connection: the correlation of replies with requests, and its policy.
 */
@NullMarked
package dev.socketserver.request;

import org.jspecify.annotations.NullMarked;

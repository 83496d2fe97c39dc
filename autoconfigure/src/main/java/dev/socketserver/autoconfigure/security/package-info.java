/**
 * Authentication of socket connections with Spring Security.
 */
@NullMarked
package dev.socketserver.autoconfigure.security;

import org.jspecify.annotations.NullMarked;

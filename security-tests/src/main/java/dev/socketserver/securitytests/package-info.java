/**
 * Application whose socket server admin endpoint is secured with Spring Security.
 */
@NullMarked
package dev.socketserver.securitytests;

import org.jspecify.annotations.NullMarked;

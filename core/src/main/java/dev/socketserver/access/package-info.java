/**
 * Who may connect and how much they may send: CIDR allow and deny lists, per-address connection rates and
 * per-connection message rates.
 */
@NullMarked
package dev.socketserver.access;

import org.jspecify.annotations.NullMarked;

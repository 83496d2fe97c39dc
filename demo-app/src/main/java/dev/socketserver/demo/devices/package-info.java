/**
 * Device gateway: a newline-delimited JSON server written as an annotated controller.
 */
@NullMarked
package dev.socketserver.demo.devices;

import org.jspecify.annotations.NullMarked;

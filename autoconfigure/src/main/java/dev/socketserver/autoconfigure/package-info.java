/**
 * Auto-configuration of socket servers from {@code socket.*} properties.
 */
@NullMarked
package dev.socketserver.autoconfigure;

import org.jspecify.annotations.NullMarked;

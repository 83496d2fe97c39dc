/**
 * AssertJ assertions on connections of socket servers.
 */
@NullMarked
package dev.socketserver.test.assertj;

import org.jspecify.annotations.NullMarked;

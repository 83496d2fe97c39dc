package dev.socketserver.connection;

import io.netty.channel.ChannelPipeline;

/**
 * Adds handlers to the pipeline of each new connection, after the server assembled its own. The connection's
 * stage is named {@value #CONNECTION_HANDLER_NAME}; add before it to see bytes or decoded messages first.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ChannelPipelineCustomizer {

	/**
	 * Name of the stage that holds the connection and calls the application's handler.
	 */
	String CONNECTION_HANDLER_NAME = "connection";

	/**
	 * Customizes the pipeline of a new connection; runs on its event loop.
	 * @param pipeline the pipeline
	 */
	void customize(ChannelPipeline pipeline);

}

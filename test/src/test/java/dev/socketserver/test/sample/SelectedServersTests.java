package dev.socketserver.test.sample;

import dev.socketserver.server.SocketServers;
import dev.socketserver.test.autoconfigure.LocalSocketServerPort;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice that runs one of the application's servers, without the controllers of the other, and includes a
 * component it would leave out.
 */
@SocketServerTest(servers = "frames",
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GreetingService.class))
class SelectedServersTests {

	@Autowired
	SocketServers servers;

	@Autowired
	SocketTestClients clients;

	@LocalSocketServerPort
	int port;

	@Test
	void onlyTheSelectedServerRunsAndItsPortIsTheOnePublished() {
		assertThat(this.servers.names()).containsExactly("frames");
		assertThat(this.port).isEqualTo(this.servers.get("frames").port());
		this.clients.connect("frames").send(new byte[] { 42 }).expect(new byte[] { 42 });
	}

	@Test
	void controllersOfOtherServersAreLeftOutAndIncludedComponentsAreLoaded(ApplicationContext context) {
		assertThat(context.getBeanNamesForType(LineController.class)).isEmpty();
		assertThat(context.getBeanNamesForType(FrameEchoHandler.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(GreetingService.class)).hasSize(1);
	}

}

package dev.socketserver.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of a port, which a test can cut (every link closed, new ones closed as soon
 * as they are accepted) and restore, to cut one node off from Redis while the others still reach it.
 */
final class CuttableProxy implements AutoCloseable {

	private final int target;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	private volatile boolean cut;

	private volatile boolean closed;

	CuttableProxy(int target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = new Thread(this::accept, "cuttable-proxy-" + this.server.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Closes every link and refuses new ones until {@link #restore()}.
	 */
	void cut() {
		this.cut = true;
		closeLinks();
	}

	void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				quietlyClose(client);
				continue;
			}
			try {
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.target), 2000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				if (this.cut) {
					closeLinks();
					continue;
				}
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				quietlyClose(client);
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Cut or closed by one side: close the other too.
			}
			finally {
				quietlyClose(from);
				quietlyClose(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "cuttable-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private void closeLinks() {
		for (Socket socket : this.sockets) {
			quietlyClose(socket);
		}
		this.sockets.clear();
	}

	private static void quietlyClose(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		closeLinks();
		try {
			this.acceptor.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

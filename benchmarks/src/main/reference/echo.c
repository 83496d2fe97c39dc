/*
 * Reference server of the C1 scenario: the length-field echo (4-byte big-endian length, then the payload) on one
 * thread with level-triggered epoll, the least user-space work a server can do for this protocol. Each readable
 * connection is read once; the complete frames in its buffer are copied to its output and written in one call;
 * what the socket does not take waits for EPOLLOUT. It is the floor the issue compares against, not a product.
 *
 * Usage: echo-c PORT
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER (256 * 1024)
#define MAX_FRAME (BUFFER - 4)
#define EVENTS 512

struct conn {
	int fd;
	int waiting_out;
	size_t in_len;
	size_t out_off, out_len;
	unsigned char in[BUFFER];
	unsigned char out[BUFFER];
};

static int epfd;

static void drop(struct conn *c, const char *why) {
	if (why != NULL) {
		fprintf(stderr, "closing fd %d: %s\n", c->fd, why);
	}
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

/* Writes what is queued; returns -1 when the connection is gone. */
static int flush_out(struct conn *c) {
	while (c->out_off < c->out_len) {
		ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno != EAGAIN) {
				return -1;
			}
			if (!c->waiting_out) {
				/* Stop reading until the socket takes the rest: the client reads its replies first. */
				struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
				epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
				c->waiting_out = 1;
			}
			return 0;
		}
		c->out_off += (size_t) n;
	}
	c->out_off = c->out_len = 0;
	if (c->waiting_out) {
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
		epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
		c->waiting_out = 0;
	}
	return 0;
}

static void readable(struct conn *c) {
	ssize_t n = recv(c->fd, c->in + c->in_len, BUFFER - c->in_len, 0);
	if (n <= 0) {
		if (n < 0 && errno == EAGAIN) {
			return;
		}
		drop(c, NULL);
		return;
	}
	c->in_len += (size_t) n;
	size_t at = 0;
	while (c->in_len - at >= 4) {
		uint32_t length;
		memcpy(&length, c->in + at, 4);
		length = ntohl(length);
		if (length > MAX_FRAME) {
			drop(c, "frame over the limit");
			return;
		}
		if (c->in_len - at < 4 + length) {
			break;
		}
		memcpy(c->out + c->out_len, c->in + at, 4 + length);
		c->out_len += 4 + length;
		at += 4 + length;
	}
	memmove(c->in, c->in + at, c->in_len - at);
	c->in_len -= at;
	if (flush_out(c) < 0) {
		drop(c, NULL);
	}
}

int main(int argc, char **argv) {
	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[1])) };
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listener, (struct sockaddr *) &address, sizeof address) < 0 || listen(listener, 1024) < 0) {
		perror("bind/listen");
		return 1;
	}
	epfd = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &ev);
	printf("C reference echo server: length-field echo on port %s, epoll, one thread\n", argv[1]);
	fflush(stdout);
	struct epoll_event events[EVENTS];
	for (;;) {
		int ready = epoll_wait(epfd, events, EVENTS, -1);
		for (int i = 0; i < ready; i++) {
			struct conn *c = events[i].data.ptr;
			if (c == NULL) {
				int fd;
				while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					struct conn *accepted = calloc(1, sizeof *accepted);
					if (accepted == NULL) {
						close(fd);
						continue;
					}
					accepted->fd = fd;
					struct epoll_event add = { .events = EPOLLIN, .data.ptr = accepted };
					epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &add);
				}
				continue;
			}
			if (c->waiting_out) {
				if (flush_out(c) < 0) {
					drop(c, NULL);
				}
				continue;
			}
			readable(c);
		}
	}
}

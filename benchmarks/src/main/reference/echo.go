// Reference server of the GO1 scenario: the length-field echo (4-byte big-endian length, then the payload) the
// way a Go programmer writes it with the standard library only, one goroutine per connection. A reply is flushed
// when the reader holds no further complete input, so a pipelined batch leaves in one write, as the demo does.
//
// Usage: echo-go -port N    (run with GOMAXPROCS=1 to match the one worker thread of the Java servers)
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"runtime"
)

const maxFrame = 16 * 1024 * 1024

func main() {
	port := flag.Int("port", 0, "port to listen on (127.0.0.1)")
	flag.Parse()
	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Go reference echo server: length-field echo on port %d, GOMAXPROCS %d, %s\n",
		listener.Addr().(*net.TCPAddr).Port, runtime.GOMAXPROCS(0), runtime.Version())
	for {
		conn, err := listener.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go serve(conn)
	}
}

func serve(conn net.Conn) {
	defer conn.Close()
	in := bufio.NewReaderSize(conn, 64*1024)
	out := bufio.NewWriterSize(conn, 64*1024)
	header := make([]byte, 4)
	payload := make([]byte, 64*1024)
	for {
		if _, err := io.ReadFull(in, header); err != nil {
			return
		}
		length := binary.BigEndian.Uint32(header)
		if length > maxFrame {
			log.Printf("closing %s: frame of %d bytes over the %d limit", conn.RemoteAddr(), length, maxFrame)
			return
		}
		if int(length) > len(payload) {
			payload = make([]byte, length)
		}
		if _, err := io.ReadFull(in, payload[:length]); err != nil {
			return
		}
		out.Write(header)
		out.Write(payload[:length])
		if !frameBuffered(in) {
			if err := out.Flush(); err != nil {
				return
			}
		}
	}
}

// frameBuffered tells whether the reader already holds the next whole frame, which can be answered before
// the replies so far are flushed without waiting on the socket.
func frameBuffered(in *bufio.Reader) bool {
	if in.Buffered() < 4 {
		return false
	}
	header, err := in.Peek(4)
	if err != nil {
		return false
	}
	return in.Buffered() >= 4+int(binary.BigEndian.Uint32(header))
}

package mail_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/mail"
)

// TestSendEndsWithItsContext: a mail server that accepts the connection and
// never answers holds Send only until its context ends, not for the
// conversation's timeout, so that shutdown is not held up by it.
func TestSendEndsWithItsContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	connected := make(chan struct{}, 1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // silent until the test ends
			select {
			case connected <- struct{}{}:
			default:
			}
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	sender, err := mail.New(mail.Config{Host: host, Port: p, From: "accord@example.org", Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sender.Send(ctx, digest) }()
	select { // the send waits on the silent server
	case <-connected:
	case <-time.After(10 * time.Second):
		t.Fatal("Send never connected")
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Send to a silent server succeeded")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Send still waiting on a silent server 10 s after its context ended")
	}
}

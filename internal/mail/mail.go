// Package mail sends Accord's email through an SMTP server.
package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"slices"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config names the SMTP server and how to reach it. An empty Host means
// no mail is sent.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	From     string // the sender, e.g. "Accord <accord@example.org>"
	// StartTLS requires the server to offer STARTTLS and the connection to
	// be encrypted; without it TLS is used when the server offers it.
	StartTLS bool
	// TLS overrides the TLS settings (e.g. RootCAs for a private CA); nil
	// verifies the server's certificate against the system's roots.
	TLS *tls.Config
	// Timeout bounds each step of a conversation with the server; zero is 30 seconds.
	Timeout time.Duration
}

// Enabled reports whether mail is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// Problems lists what is wrong with a configuration that is enabled.
func (c Config) Problems() []string {
	if !c.Enabled() {
		return nil
	}
	var p []string
	if strings.ContainsAny(c.Host, " /:") {
		p = append(p, fmt.Sprintf("SMTP host %q: must be a host name or address without port", c.Host))
	}
	if c.Port < 1 || c.Port > 65535 {
		p = append(p, fmt.Sprintf("SMTP port %d: must be between 1 and 65535", c.Port))
	}
	if c.From == "" {
		p = append(p, "SMTP from: the sender's address is required when the SMTP host is set")
	} else if _, err := mail.ParseAddress(c.From); err != nil {
		p = append(p, fmt.Sprintf("SMTP from %q: must be an address such as Accord <accord@example.org>", c.From))
	}
	if (c.Username == "") != (c.Password == "") {
		p = append(p, "SMTP username and password: give both or neither")
	}
	return p
}

// Message is one email to one recipient.
type Message struct {
	To      string // an address, optionally with a name: "Ada <ada@example.org>"
	Subject string
	Text    string // the plain text body
	HTML    string // an HTML alternative; optional
}

// Sender sends messages through the configured SMTP server, one connection per send.
type Sender struct {
	cfg  Config
	opts []gomail.Option
}

// New returns a sender for cfg, which must be enabled and valid.
func New(cfg Config) (*Sender, error) {
	if !cfg.Enabled() {
		return nil, fmt.Errorf("mail: no SMTP host configured")
	}
	if p := cfg.Problems(); len(p) > 0 {
		return nil, fmt.Errorf("mail: %s", strings.Join(p, "; "))
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	tlsConfig := cfg.TLS
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	}
	policy := gomail.TLSOpportunistic
	if cfg.StartTLS {
		policy = gomail.TLSMandatory
	}
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTLSPolicy(policy), gomail.WithTLSConfig(tlsConfig),
		gomail.WithTimeout(cfg.Timeout)}
	if cfg.Username != "" {
		// The strongest mechanism the server offers; PLAIN and LOGIN only over TLS.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	return &Sender{cfg: cfg, opts: opts}, nil
}

// SendTimeout bounds one send by a mail job, far below the lease of its
// claim, so that a server that answers slowly never lets another instance
// take over a job whose mail is still going out.
const SendTimeout = 2 * time.Minute

// Send delivers m to the SMTP server. A nil error means the server
// accepted the message; ctx bounds the whole conversation.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("mail from %q: %w", s.cfg.From, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated") // RFC 3834: no auto-replies
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	// The mail client heeds ctx only while connecting: close the connection
	// when ctx ends, so that a server that stops answering holds a send (and
	// shutdown) no longer than ctx.
	dial := func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		conn, err := (&net.Dialer{}).DialContext(dialCtx, network, addr)
		if err == nil {
			stop := context.AfterFunc(ctx, func() { conn.Close() })
			conn = &stopOnClose{Conn: conn, stop: stop}
		}
		return conn, err
	}
	client, err := gomail.NewClient(s.cfg.Host, append(slices.Clip(s.opts), gomail.WithDialContextFunc(dial))...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail to %s via %s:%d: %w", m.To, s.cfg.Host, s.cfg.Port, err)
	}
	return nil
}

// stopOnClose is a connection that, once closed, no longer needs closing
// when the send's context ends.
type stopOnClose struct {
	net.Conn
	stop func() bool
}

func (c *stopOnClose) Close() error {
	c.stop()
	return c.Conn.Close()
}

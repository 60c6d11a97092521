package app

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/accordhq/accord/internal/mail"
)

// smtpFromEnv sets the SMTP defaults (port 587 with STARTTLS required) and
// reads ACCORD_SMTP_* over them.
func (c *Config) smtpFromEnv(env func(string) string) error {
	c.SMTP = mail.Config{Port: 587, StartTLS: true}
	for name, dst := range map[string]*string{"ACCORD_SMTP_HOST": &c.SMTP.Host, "ACCORD_SMTP_USERNAME": &c.SMTP.Username,
		"ACCORD_SMTP_PASSWORD": &c.SMTP.Password, "ACCORD_SMTP_FROM": &c.SMTP.From} {
		if v := env(name); v != "" {
			*dst = v
		}
	}
	if v := env("ACCORD_SMTP_PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("ACCORD_SMTP_PORT=%q: must be a port number such as 587", v)
		}
		c.SMTP.Port = port
	}
	return envBool(env, "ACCORD_SMTP_STARTTLS", &c.SMTP.StartTLS)
}

// bindSMTPFlags declares the serve command's SMTP flags. The password has
// no flag, so that it never shows in the process list: use the environment.
func (c *Config) bindSMTPFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.SMTP.Host, "smtp-host", c.SMTP.Host, "SMTP server for reminder emails; empty: no reminders (env ACCORD_SMTP_HOST)")
	fs.IntVar(&c.SMTP.Port, "smtp-port", c.SMTP.Port, "SMTP port (env ACCORD_SMTP_PORT)")
	fs.StringVar(&c.SMTP.Username, "smtp-username", c.SMTP.Username, "SMTP user; the password is read from ACCORD_SMTP_PASSWORD (env ACCORD_SMTP_USERNAME)")
	fs.StringVar(&c.SMTP.From, "smtp-from", c.SMTP.From, "sender of reminder emails, e.g. 'Accord <accord@example.org>' (env ACCORD_SMTP_FROM)")
	fs.BoolVar(&c.SMTP.StartTLS, "smtp-starttls", c.SMTP.StartTLS, "require STARTTLS; false uses it when offered (env ACCORD_SMTP_STARTTLS)")
}

//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// postgresServer is a running PostgreSQL server that this process started.
type postgresServer struct {
	url    string // postgres://postgres@127.0.0.1:<port>/postgres
	proc   *child
	exited <-chan struct{}
}

// exitError says how the server ended; valid once exited is closed.
func (s *postgresServer) exitError() error { return s.proc.err }

// startPostgres prepares the cluster in dataDir/postgres (initdb only the first time), clears the
// lock file a crash left behind, and starts the server on a free port of 127.0.0.1.
func startPostgres(ctx context.Context, o *postgresOptions) (*postgresServer, error) {
	acct, err := postgresAccount(o.userName)
	if err != nil {
		return nil, err
	}
	if acct != nil {
		paths := []string{o.binDir, o.dataDir}
		paths = append(paths, filepath.SplitList(o.libPath)...)
		if err := checkReachable(acct, paths...); err != nil {
			return nil, err
		}
	}
	pgdata := filepath.Join(o.dataDir, "postgres")
	if err := ensureCluster(o, acct, pgdata); err != nil {
		return nil, err
	}
	if err := clearStaleLock(pgdata); err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		server, output, err := launch(ctx, o, acct, pgdata, port)
		if err == nil {
			return server, nil
		}
		// Another process took the port between our probe and the server's bind: try another.
		if attempt < 3 && strings.Contains(output, "could not bind") {
			continue
		}
		return nil, fmt.Errorf("%w\n%s", err, output)
	}
}

// launch starts postgres on port and waits until it accepts connections.
func launch(ctx context.Context, o *postgresOptions, acct *account, pgdata string, port int) (*postgresServer, string, error) {
	args := []string{"-D", pgdata}
	for _, setting := range serverSettings(o, port) {
		args = append(args, "-c", setting)
	}
	tail := newTailWriter(os.Stderr)
	cmd := exec.Command(filepath.Join(o.binDir, "postgres"), args...)
	cmd.Env = postgresEnv(o)
	cmd.Dir = "/"
	cmd.Stdout, cmd.Stderr = tail, tail
	// Its own process group, so that a terminal's Ctrl-C reaches us and we stop it in order; and a
	// fast shutdown (SIGINT) when this process dies, however it dies.
	cmd.SysProcAttr = childAttr(acct, true, syscall.SIGINT)
	proc, err := startChild(cmd)
	if err != nil {
		return nil, "", fmt.Errorf("could not start %s: %w", cmd.Path, err)
	}
	server := &postgresServer{
		url:    fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres", port),
		proc:   proc,
		exited: proc.done,
	}

	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-proc.done:
			return nil, tail.String(), fmt.Errorf("PostgreSQL exited while starting (%v)", proc.err)
		case <-ctx.Done():
			_ = server.stop()
			return nil, tail.String(), errors.New("stopped while PostgreSQL was starting")
		case <-ticker.C:
			if lockStatus(pgdata, proc.cmd.Process.Pid) == "ready" {
				return server, "", nil
			}
		}
	}
}

// serverSettings are PostgreSQL's settings for a dev database, given on its command line so that
// they apply to a kept data directory too when they change.
func serverSettings(o *postgresOptions, port int) []string {
	durable := "off"
	if o.durable {
		durable = "on"
	}
	return []string{
		"listen_addresses=127.0.0.1",
		"max_connections=200", // FerretDB's pool of 100 (see main.go) and room for tools
		"port=" + strconv.Itoa(port),
		"unix_socket_directories=",
		// pgx caches FerretDB's statements; after five runs PostgreSQL would switch to a generic
		// plan that never uses an expression index, so plan each execution for its parameters.
		"plan_cache_mode=force_custom_plan",
		"shared_buffers=256MB",
		"effective_cache_size=1GB",
		"work_mem=16MB",
		"maintenance_work_mem=128MB",
		// A throwaway data directory needs no crash safety at all; a kept one survives an OS crash,
		// losing at most the last fraction of a second of commits.
		"fsync=" + durable,
		"full_page_writes=" + durable,
		"synchronous_commit=off",
		"wal_level=minimal",
		"max_wal_senders=0",
		"max_wal_size=1GB",
		"jit=off",
		"timezone=UTC",
		"log_timezone=UTC",
		"log_min_messages=" + postgresLogLevel(o.logLevel),
		"log_min_error_statement=panic",
		"log_checkpoints=off",
		"logging_collector=off",
	}
}

func postgresLogLevel(level slog.Level) string {
	switch {
	case level <= slog.LevelDebug:
		return "info"
	case level <= slog.LevelWarn:
		return "warning"
	default:
		return "fatal"
	}
}

// postgresEnv is a small, predictable environment: no PG* variables of the user's, C messages.
func postgresEnv(o *postgresOptions) []string {
	env := []string{"LC_ALL=C", "LANG=C", "TZ=UTC", "PATH=" + os.Getenv("PATH")}
	if o.libPath != "" {
		env = append(env, "LD_LIBRARY_PATH="+o.libPath)
	}
	return env
}

// stop asks for a fast shutdown (SIGINT), then an immediate one, then kills the process group.
func (s *postgresServer) stop() error {
	pid := s.proc.cmd.Process.Pid
	defer func() { _ = syscall.Kill(-pid, syscall.SIGKILL) }() // any straggler of its group
	for _, step := range []struct {
		signal syscall.Signal
		wait   time.Duration
	}{{syscall.SIGINT, 20 * time.Second}, {syscall.SIGQUIT, 5 * time.Second}, {syscall.SIGKILL, 5 * time.Second}} {
		if step.signal == syscall.SIGKILL {
			// Backends leave the postmaster's process group; they would exit on their own once
			// they notice it is gone, but not before their current query ends.
			for _, c := range childrenOf(pid) {
				_ = syscall.Kill(c, syscall.SIGKILL)
			}
		}
		if err := s.proc.cmd.Process.Signal(step.signal); err != nil {
			break // it has exited
		}
		select {
		case <-s.proc.done:
			return nil
		case <-time.After(step.wait):
		}
	}
	select {
	case <-s.proc.done:
		return nil
	case <-time.After(time.Second):
		return fmt.Errorf("the PostgreSQL server (pid %d) did not stop", pid)
	}
}

// freePort is a TCP port of 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Command activitykit-ferretdb runs an embedded FerretDB for @activitykit/devdb, on its SQLite
// backend or on its PostgreSQL backend with a PostgreSQL server that it starts and stops itself.
//
// It listens on the given TCP address and prints JSON lines on stdout: {"log": "..."} for progress
// worth telling the user, then one {"uri": "...", "postgresUrl": "..."} once the listener is bound
// (or {"unavailable": "..."} and exit code 3 when PostgreSQL cannot be used on this machine). It runs
// until SIGINT/SIGTERM or until its stdin is closed, so that it never outlives the Node.js process
// that started it; the PostgreSQL server dies with it (see postgres.go).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"sync/atomic"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// exitUnavailable is the exit code when PostgreSQL cannot be used here (no user to run it as root,
// a directory it cannot reach); the Node.js side may then fall back to SQLite.
const exitUnavailable = 3

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on")
	dataDir := flag.String("data-dir", "", "directory for the data (required)")
	handler := flag.String("handler", "sqlite", "sqlite or postgresql")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin is closed")
	var pg postgresOptions
	flag.StringVar(&pg.binDir, "postgres-bin", "", "directory of the postgres and initdb binaries")
	flag.StringVar(&pg.libPath, "postgres-lib-path", "", "LD_LIBRARY_PATH for the PostgreSQL binaries")
	flag.StringVar(&pg.template, "postgres-template", "", "cache path of a freshly initialised cluster")
	flag.StringVar(&pg.userName, "postgres-user", "activitykit-devdb", "the user PostgreSQL runs as when we are root")
	flag.BoolVar(&pg.durable, "postgres-durable", true, "fsync (off for a throwaway data directory)")
	flag.Parse()

	if *dataDir == "" {
		fail("--data-dir is required")
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(fmt.Sprintf("bad --log-level %q: %v", *logLevel, err))
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	pg.dataDir = *dataDir
	pg.logLevel = level

	// FerretDB allocates a lot per document it decodes; collecting less often cut its CPU per read
	// 1.7x (peak RSS 114 -> 241 MiB at 100k events). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  *handler,
		Logger:   logger,
	}
	var server *postgresServer
	switch *handler {
	case "sqlite":
		config.SQLiteURL = "file:" + *dataDir + "/"
	case "postgresql":
		var err error
		server, err = startPostgres(ctx, &pg)
		var unavailable *unavailableError
		if errors.As(err, &unavailable) {
			emit(map[string]string{"unavailable": unavailable.Error()})
			os.Exit(exitUnavailable)
		}
		if err == nil {
			err = installGinTwins(ctx, server.url)
			if err != nil {
				_ = server.stop()
			}
		}
		if err != nil {
			fail(err.Error())
		}
		// FerretDB 1.24 holds a pooled connection while it waits for another (an update reads, then
		// writes): with every connection of a small pool held that way it hangs for good. A large
		// pool makes that need far more concurrent writes than a dev database sees.
		config.PostgreSQLURL = server.url + "?pool_max_conns=100"
	default:
		fail(fmt.Sprintf("bad --handler %q: sqlite or postgresql", *handler))
	}

	code := run(ctx, stop, config, server)
	if server != nil {
		if err := server.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "activitykit-ferretdb:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// run serves until ctx is done or the PostgreSQL server exits; returns the exit code.
func run(ctx context.Context, stop context.CancelFunc, config *ferretdb.Config, server *postgresServer) int {
	f, err := ferretdb.New(config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "activitykit-ferretdb:", err)
		return 2
	}
	var code atomic.Int32
	if server != nil {
		go func() {
			select {
			case <-server.exited:
				fmt.Fprintf(os.Stderr, "activitykit-ferretdb: the PostgreSQL server exited unexpectedly: %v\n", server.exitError())
				code.Store(1)
				stop()
			case <-ctx.Done():
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()

	// MongoDBURI blocks until the listener is bound.
	ready := map[string]string{"uri": f.MongoDBURI()}
	if server != nil {
		ready["postgresUrl"] = server.url
	}
	emit(ready)

	<-done
	return int(code.Load())
}

// emit writes one JSON line on stdout.
func emit(value map[string]string) {
	line, _ := json.Marshal(value)
	fmt.Println(string(line))
}

// note tells the user about something slow or surprising (a first initdb, a created user).
func note(format string, args ...any) {
	emit(map[string]string{"log": fmt.Sprintf(format, args...)})
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "activitykit-ferretdb:", msg)
	os.Exit(2)
}

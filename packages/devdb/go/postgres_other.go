//go:build !unix

package main

import "context"

// postgresServer is never started here: the PostgreSQL backend needs a Unix.
type postgresServer struct {
	url    string
	exited <-chan struct{}
}

func (s *postgresServer) exitError() error { return nil }

func (s *postgresServer) stop() error { return nil }

func startPostgres(context.Context, *postgresOptions) (*postgresServer, error) {
	return nil, &unavailableError{"the PostgreSQL backend of the embedded FerretDB runs on Linux and macOS only"}
}

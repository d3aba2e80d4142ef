package main

import "log/slog"

// postgresOptions says where the PostgreSQL binaries and data are and how to run them.
type postgresOptions struct {
	binDir   string     // holds postgres and initdb
	libPath  string     // LD_LIBRARY_PATH for them; may be empty
	template string     // cache path prefix of a freshly initialised cluster; may be empty
	userName string     // who runs PostgreSQL when we are root (it refuses to run as root)
	dataDir  string     // the devdb data directory; the cluster lives in dataDir/postgres
	durable  bool       // fsync and full-page writes on (a kept data directory)
	logLevel slog.Level // of this program; PostgreSQL logs a level less
}

// unavailableError means PostgreSQL cannot be used on this machine as things are.
type unavailableError struct{ msg string }

func (e *unavailableError) Error() string { return e.msg }

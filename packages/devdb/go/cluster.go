//go:build unix

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// initdbArgs create a cluster FerretDB accepts (UTF8, C locale) whose superuser is "postgres" and
// that trusts local connections (it only listens on 127.0.0.1). No fsync: a crash during initdb
// leaves only a staging directory, which the next start deletes.
var initdbArgs = []string{
	"--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C",
	"--no-sync", "--no-instructions",
}

// ensureCluster creates pgdata when it does not exist yet: a copy of the cached template cluster,
// or else initdb (which then fills the template). Either is done in a staging directory renamed into
// place at the end, so pgdata is always a complete cluster.
func ensureCluster(o *postgresOptions, acct *account, pgdata string) error {
	if _, err := os.Stat(filepath.Join(pgdata, "PG_VERSION")); err == nil {
		return nil
	} else if _, err := os.Stat(pgdata); err == nil {
		return fmt.Errorf("%s exists but is not a PostgreSQL data directory (no PG_VERSION); move it away", pgdata)
	}
	removeStaleStaging(o.dataDir)
	staging := filepath.Join(o.dataDir, "postgres.staging-"+strconv.Itoa(os.Getpid()))
	if err := os.RemoveAll(staging); err != nil {
		return err
	}
	template := ""
	if o.template != "" {
		sum := sha256.Sum256([]byte(strings.Join(initdbArgs, " ")))
		template = o.template + "-" + hex.EncodeToString(sum[:4])
	}
	if template != "" && copyTree(template, staging, acct) == nil {
		return os.Rename(staging, pgdata)
	}
	_ = os.RemoveAll(staging)

	note("Initialising the PostgreSQL cluster (initdb), only on first use...")
	started := time.Now()
	if err := os.Mkdir(staging, 0o700); err != nil {
		return err
	}
	if err := acct.chown(staging); err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(o.binDir, "initdb"), append([]string{"--pgdata=" + staging}, initdbArgs...)...)
	cmd.Env = postgresEnv(o)
	cmd.Dir = "/"
	cmd.SysProcAttr = childAttr(acct, false, syscall.SIGKILL)
	if output, err := runChild(cmd); err != nil {
		_ = os.RemoveAll(staging)
		return fmt.Errorf("initdb failed (%v):\n%s", err, output)
	}
	if template != "" {
		saveTemplate(staging, template)
	}
	note("Initialised the PostgreSQL cluster in %.1f s", time.Since(started).Seconds())
	return os.Rename(staging, pgdata)
}

// saveTemplate copies a fresh cluster into the cache, for the next new data directory.
func saveTemplate(cluster, template string) {
	temporary := fmt.Sprintf("%s.%d.tmp", template, os.Getpid())
	err := copyTree(cluster, temporary, nil)
	if err == nil {
		err = os.Rename(temporary, template)
	}
	if err != nil {
		_ = os.RemoveAll(temporary)
		if !errors.Is(err, fs.ErrExist) && !errors.Is(err, syscall.ENOTEMPTY) {
			fmt.Fprintln(os.Stderr, "activitykit-ferretdb: could not cache the initialised cluster:", err)
		}
	}
}

// removeStaleStaging deletes staging directories of processes that are gone (killed mid-initdb).
func removeStaleStaging(dataDir string) {
	matches, _ := filepath.Glob(filepath.Join(dataDir, "postgres.staging-*"))
	for _, dir := range matches {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "postgres.staging-"))
		if err == nil && !alive(pid) {
			_ = os.RemoveAll(dir)
		}
	}
}

// copyTree copies a directory tree, keeping modes; files are owned by acct when it is set.
func copyTree(from, to string, acct *account) error {
	if _, err := os.Stat(filepath.Join(from, "PG_VERSION")); err != nil {
		return err
	}
	return filepath.WalkDir(from, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		info, err := entry.Info()
		if err != nil {
			return err
		}
		switch {
		case entry.IsDir():
			if err := os.Mkdir(target, info.Mode().Perm()); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := copyFile(path, target, info.Mode().Perm()); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: not a file or directory", path)
		}
		return acct.chown(target)
	})
}

func copyFile(from, to string, mode fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

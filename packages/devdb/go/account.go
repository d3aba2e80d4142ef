//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// account is the unprivileged user PostgreSQL runs as when this program runs as root (PostgreSQL
// refuses root). A nil *account means "as ourselves".
type account struct {
	name     string
	uid, gid uint32
}

func (a *account) credential() *syscall.Credential {
	if a == nil {
		return nil
	}
	return &syscall.Credential{Uid: a.uid, Gid: a.gid, Groups: []uint32{}}
}

func (a *account) chown(path string) error {
	if a == nil {
		return nil
	}
	return os.Lchown(path, int(a.uid), int(a.gid))
}

// postgresAccount returns nil unless we are root; then the system user name, created with useradd
// (no home, no login shell) when it does not exist yet, as embedded-postgres does with its
// createPostgresUser option.
func postgresAccount(name string) (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		u, err = createUser(name)
	}
	if err != nil {
		return nil, &unavailableError{fmt.Sprintf(
			"PostgreSQL refuses to run as root, and the user %q to run it as does not exist and could not be created (%v). "+
				"Create it (useradd --system --user-group %s), run as a normal user, or use the ferretdb-sqlite engine.",
			name, err, name)}
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil || uid == 0 {
		return nil, &unavailableError{fmt.Sprintf("the user %q (uid %s) cannot run PostgreSQL", name, u.Uid)}
	}
	return &account{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
}

// createUser adds a system user; several devdbs starting at once may race, so it looks again.
func createUser(name string) (*user.User, error) {
	useradd, err := exec.LookPath("useradd")
	if err != nil {
		useradd = "/usr/sbin/useradd"
	}
	var output []byte
	for attempt := 0; attempt < 5; attempt++ {
		output, err = exec.Command(useradd, "--system", "--user-group", "--no-create-home",
			"--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
			"--comment", "ActivityKit dev database (PostgreSQL)", name).CombinedOutput()
		if u, lookupErr := user.Lookup(name); lookupErr == nil {
			if err == nil {
				note("Created the system user %q to run PostgreSQL as (it refuses to run as root)", name)
			}
			return u, nil
		}
		time.Sleep(200 * time.Millisecond) // /etc/passwd was locked by another useradd
	}
	return nil, fmt.Errorf("%s: %v %s", useradd, err, strings.TrimSpace(string(output)))
}

// checkReachable makes sure acct can reach each path: every directory on the way must let it search.
func checkReachable(acct *account, paths ...string) error {
	for _, path := range paths {
		if path == "" {
			continue
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		for dir := abs; ; dir = filepath.Dir(dir) {
			info, err := os.Stat(dir)
			if err != nil {
				return err
			}
			if info.IsDir() && !canSearch(info, acct) {
				return &unavailableError{fmt.Sprintf(
					"PostgreSQL runs as the user %q (it refuses root), which cannot reach %s: %s does not let others in. "+
						"Allow it (chmod o+x %s), keep the project and data directory elsewhere (not under /root), "+
						"or use the ferretdb-sqlite engine.", acct.name, abs, dir, dir)}
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	return nil
}

func canSearch(info os.FileInfo, acct *account) bool {
	perm := info.Mode().Perm()
	stat, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case !ok:
		return true
	case stat.Uid == acct.uid:
		return perm&0o100 != 0
	case stat.Gid == acct.gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockLines reads postmaster.pid: pid, data directory, start time, port, socket directory, listen
// address, shared memory key, status.
func lockLines(pgdata string) []string {
	data, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// lockStatus is the status PostgreSQL wrote into its lock file ("starting", "ready", ...) when the
// file is that of pid, else "".
func lockStatus(pgdata string, pid int) string {
	lines := lockLines(pgdata)
	if len(lines) < 8 || strings.TrimSpace(lines[0]) != strconv.Itoa(pid) {
		return ""
	}
	return strings.TrimSpace(lines[7])
}

// clearStaleLock makes pgdata ready for a new server after a crash. PostgreSQL itself removes the
// lock file (postmaster.pid) of a dead server, but refuses one whose pid now belongs to another
// process (after a reboot, or in a new container): that one is removed here. A server of an earlier
// run whose dev database died is still shutting down (it got its Pdeathsig), and its children end
// when it ends: they are waited for. A server that another dev database runs is an error.
func clearStaleLock(pgdata string) error {
	lock := 0
	if lines := lockLines(pgdata); lines != nil {
		lock, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	}
	want, err := filepath.EvalSymlinks(pgdata)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		procs := postgresProcessesOn(want, lock)
		if len(procs) == 0 {
			break
		}
		for _, pid := range procs {
			if owner := parentOf(pid); owner > 1 && isOurProgram(owner) {
				return fmt.Errorf("%s is in use by a running PostgreSQL server (pid %d) of another dev database (pid %d); "+
					"stop it first, or use another data directory", pgdata, pid, owner)
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("PostgreSQL processes %v of an earlier run still use %s; stop them", procs, pgdata)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if lock > 0 && alive(lock) {
		note("Removed the stale lock file of a PostgreSQL server that is gone (its pid %d is another process now)", lock)
		return ignoreMissing(os.Remove(filepath.Join(pgdata, "postmaster.pid")))
	}
	return nil
}

// postgresProcessesOn lists the postgres processes working in pgdata (the server and its children
// all have it as their working directory). Without /proc it trusts the lock file's pid.
func postgresProcessesOn(pgdata string, lock int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		if lock > 0 && alive(lock) {
			return []int{lock}
		}
		return nil
	}
	var pids []int
	for _, entry := range entries {
		pid, err := strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err != nil || strings.TrimSpace(string(comm)) != "postgres" || isZombie(pid) {
			continue
		}
		if cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid)); err == nil && cwd == pgdata {
			pids = append(pids, pid)
		}
	}
	return pids
}

// isZombie says whether pid has exited and waits for its parent to reap it.
func isZombie(pid int) bool {
	fields := statFields(pid)
	return len(fields) > 0 && fields[0] == "Z"
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// statFields are the fields of /proc/<pid>/stat after the command name: state, ppid, ...
func statFields(pid int) []string {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	// The command name (2nd field) is in parentheses and may contain spaces.
	return strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
}

// parentOf is the parent pid of pid, or 0.
func parentOf(pid int) int {
	fields := statFields(pid)
	if len(fields) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(fields[1])
	return ppid
}

// childrenOf lists the processes whose parent is pid (Linux /proc; none elsewhere).
func childrenOf(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var children []int
	for _, entry := range entries {
		if p, err := strconv.Atoi(entry.Name()); err == nil && parentOf(p) == pid {
			children = append(children, p)
		}
	}
	return children
}

// isOurProgram says whether pid runs a devdb's embedded FerretDB (this build or another one).
func isOurProgram(pid int) bool {
	self, _ := os.Executable()
	other, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil {
		return true // not ours to inspect: better an error than stopping someone's server
	}
	base := filepath.Base(other)
	return base == filepath.Base(self) || strings.HasPrefix(base, "ferretdb-")
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

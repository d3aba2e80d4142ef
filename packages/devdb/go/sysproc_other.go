//go:build unix && !linux

package main

import "syscall"

// childAttr runs a child as acct (nil: as ourselves), optionally in its own process group. Only
// Linux has a parent-death signal: elsewhere a child outlives this process if it is SIGKILLed (it
// still stops the child when its stdin closes or it is asked to stop).
func childAttr(acct *account, ownGroup bool, _ syscall.Signal) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: ownGroup, Credential: acct.credential()}
}

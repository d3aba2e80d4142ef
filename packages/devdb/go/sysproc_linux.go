package main

import "syscall"

// childAttr runs a child as acct (nil: as ourselves), optionally in its own process group, and has
// Linux send it deathSignal when this process dies, even by SIGKILL.
func childAttr(acct *account, ownGroup bool, deathSignal syscall.Signal) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: ownGroup, Pdeathsig: deathSignal, Credential: acct.credential()}
}

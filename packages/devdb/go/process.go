package main

import (
	"bytes"
	"io"
	"os/exec"
	"runtime"
	"sync"
)

// child is a started process; done is closed once it has exited, and err then says how.
type child struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// startChild starts cmd from a goroutine locked to its OS thread for the child's whole life.
//
// Linux sends a Pdeathsig when the *thread* that forked the child ends, not the process; Go may end
// a thread that had a locked goroutine, so the thread is kept (locked, waiting) until the child is
// gone. When this whole process dies, the child gets its Pdeathsig.
func startChild(cmd *exec.Cmd) (*child, error) {
	c := &child{cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.err = cmd.Wait()
		close(c.done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return c, nil
}

// runChild runs cmd to its end (see startChild) and returns its combined output.
func runChild(cmd *exec.Cmd) ([]byte, error) {
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	c, err := startChild(cmd)
	if err != nil {
		return nil, err
	}
	<-c.done
	return output.Bytes(), c.err
}

// tailWriter forwards everything to out and keeps the last few kilobytes for error messages.
type tailWriter struct {
	mu   sync.Mutex
	out  io.Writer
	tail []byte
}

const tailBytes = 8 << 10

func newTailWriter(out io.Writer) *tailWriter { return &tailWriter{out: out} }

func (w *tailWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tail = append(w.tail, p...)
	if len(w.tail) > tailBytes {
		w.tail = w.tail[len(w.tail)-tailBytes:]
	}
	_, _ = w.out.Write(p) // our stderr going away must not stop the server
	return len(p), nil
}

func (w *tailWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.tail)
}

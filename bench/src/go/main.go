// bench/src/go/main.go - the same two workloads in Go: hand-written
// cleanup, defer (open-coded by the compiler) and defer inside a loop
// (which Go cannot open-code: a runtime defer record per call).
//
//	gobench mutex|res|panic1|panic10 goto|defer|loop|- N
//	(panic1|panic10 with defer: a deferred call in every frame too)
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

type counter struct {
	mu sync.Mutex
	n  int64
}

type res struct {
	id  int
	acc int64
}

var (
	pool     [8]res
	nextSlot uint
	sink     int64
	once     = 1
)

//go:noinline
func resOpen(key int) *res {
	if (uint32(key)*2654435761)>>27 == 3 {
		return nil
	}
	r := &pool[nextSlot&7]
	nextSlot++
	r.id = key
	return r
}

//go:noinline
func resClose(r *res) { r.acc++; sink += int64(r.id) }

//go:noinline
func resUse(a, b, c *res) int { return a.id + b.id + c.id }

//go:noinline
func counterAddGoto(c *counter, v int64) int64 {
	c.mu.Lock()
	if v < 0 {
		c.mu.Unlock()
		return -1
	}
	c.n += v
	r := c.n
	c.mu.Unlock()
	return r
}

//go:noinline
func counterAddDefer(c *counter, v int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v < 0 {
		return -1
	}
	c.n += v
	return c.n
}

//go:noinline
func counterAddLoop(c *counter, v int64) int64 {
	for i := 0; i < once; i++ {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	if v < 0 {
		return -1
	}
	c.n += v
	return c.n
}

//go:noinline
func process3Goto(key int) int {
	a := resOpen(key)
	if a == nil {
		return -1
	}
	b := resOpen(key + 1)
	if b == nil {
		resClose(a)
		return -2
	}
	c := resOpen(key + 2)
	if c == nil {
		resClose(b)
		resClose(a)
		return -3
	}
	r := resUse(a, b, c)
	resClose(c)
	resClose(b)
	resClose(a)
	return r
}

//go:noinline
func process3Defer(key int) int {
	a := resOpen(key)
	if a == nil {
		return -1
	}
	defer resClose(a)
	b := resOpen(key + 1)
	if b == nil {
		return -2
	}
	defer resClose(b)
	c := resOpen(key + 2)
	if c == nil {
		return -3
	}
	defer resClose(c)
	return resUse(a, b, c)
}

//go:noinline
func process3Loop(key int) int {
	// The same, with each defer inside a one-trip loop: Go then uses
	// runtime defer records instead of open-coding them.
	a := resOpen(key)
	if a == nil {
		return -1
	}
	for i := 0; i < once; i++ {
		defer resClose(a)
	}
	b := resOpen(key + 1)
	if b == nil {
		return -2
	}
	for i := 0; i < once; i++ {
		defer resClose(b)
	}
	c := resOpen(key + 2)
	if c == nil {
		return -3
	}
	for i := 0; i < once; i++ {
		defer resClose(c)
	}
	return resUse(a, b, c)
}

// Panic round trip: down() recurses depth frames, then panics; trip()
// recovers in a deferred function.
var recovered int64

//go:noinline
func down(n int) int {
	if n == 0 {
		panic("boom")
	}
	return down(n-1) + 1
}

//go:noinline
func trip(depth int) (r int) {
	defer func() {
		if recover() != nil {
			recovered++
		}
	}()
	return down(depth)
}

// The same with a deferred call in every frame between the panic and the
// recover (p_cdefer.c and p_cxx.cpp with -DDEFER_EVERY_FRAME).
//
//go:noinline
func downDefer(n int) int {
	defer func() { sink += 2 }()
	if n == 0 {
		panic("boom")
	}
	return downDefer(n-1) + 1
}

//go:noinline
func tripDefer(depth int) (r int) {
	defer func() {
		if recover() != nil {
			recovered++
		}
	}()
	return downDefer(depth)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gobench mutex|res|panic1|panic10 goto|defer|loop|- N")
		os.Exit(2)
	}
	n, _ := strconv.Atoi(os.Args[3])
	var acc int64
	c := &counter{}
	t0 := time.Now()
	switch os.Args[1] + "/" + os.Args[2] {
	case "mutex/goto":
		for i := 0; i < n; i++ {
			v := int64(i & 7)
			if i&63 == 17 {
				v = -1
			}
			acc += counterAddGoto(c, v)
		}
	case "mutex/defer":
		for i := 0; i < n; i++ {
			v := int64(i & 7)
			if i&63 == 17 {
				v = -1
			}
			acc += counterAddDefer(c, v)
		}
	case "mutex/loop":
		for i := 0; i < n; i++ {
			v := int64(i & 7)
			if i&63 == 17 {
				v = -1
			}
			acc += counterAddLoop(c, v)
		}
	case "res/goto":
		for i := 0; i < n; i++ {
			acc += int64(process3Goto(i))
		}
	case "res/defer":
		for i := 0; i < n; i++ {
			acc += int64(process3Defer(i))
		}
	case "res/loop":
		for i := 0; i < n; i++ {
			acc += int64(process3Loop(i))
		}
	case "panic1/-":
		for i := 0; i < n; i++ {
			acc += int64(trip(1))
		}
	case "panic10/-":
		for i := 0; i < n; i++ {
			acc += int64(trip(10))
		}
	case "panic1/defer":
		for i := 0; i < n; i++ {
			acc += int64(tripDefer(1))
		}
	case "panic10/defer":
		for i := 0; i < n; i++ {
			acc += int64(tripDefer(10))
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown workload")
		os.Exit(2)
	}
	el := time.Since(t0)
	sink += acc
	if n == 0 {
		n = 1
	}
	fmt.Printf("%.4f %d\n", float64(el.Nanoseconds())/float64(n), sink)
}

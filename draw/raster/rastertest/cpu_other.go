//go:build !unix

package rastertest

import "time"

// CPU is the CPU time this process has used so far; 0 where the platform
// does not say.
func CPU() time.Duration { return 0 }

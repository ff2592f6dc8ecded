// Package gen makes large, valid process maps for benchmarks and tests: one
// pool with eight lanes, a chain of steps that keeps crossing lanes (so many
// handovers), exclusive gateways with a second branch, and complete DI.
// Output is deterministic: the same n gives the same diagram, ids included.
package gen

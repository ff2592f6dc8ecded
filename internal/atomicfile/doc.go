// Package atomicfile replaces files so that a reader, or a crash, sees
// either the old complete file or the new complete file, never a mix:
// write a temp file in the same folder, fsync it, rename it over the
// target, then fsync the folder.
package atomicfile

// Package hidden marks the files Lanemap keeps beside a library's
// processes (locks, the backup folder, the library's identity file) as
// hidden. Their names begin with a dot, which hides them on Linux and
// macOS; Windows Explorer goes by a file attribute instead, so on Windows
// Mark sets it, and a user browsing the shared folder sees the processes
// only. Failing to mark is never a reason to stop: the file works either
// way, so Mark reports nothing.
package hidden

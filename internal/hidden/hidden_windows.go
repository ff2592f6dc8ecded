//go:build windows

package hidden

import "syscall"

// Mark sets path's hidden attribute.
func Mark(path string) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return
	}
	attrs, err := syscall.GetFileAttributes(p)
	if err != nil || attrs&syscall.FILE_ATTRIBUTE_HIDDEN != 0 {
		return
	}
	syscall.SetFileAttributes(p, attrs|syscall.FILE_ATTRIBUTE_HIDDEN)
}

//go:build unix

package reports

import (
	"os"
	"syscall"
)

// processUmask is the umask the process started with. Reading it means
// setting it, so it is read once, before any goroutine creates files.
var processUmask = func() os.FileMode {
	old := syscall.Umask(0)
	syscall.Umask(old)
	return os.FileMode(old)
}()

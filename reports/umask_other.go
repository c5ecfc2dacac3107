//go:build !unix

package reports

import "os"

// processUmask: systems without a umask (Windows) create files 0644.
var processUmask = os.FileMode(0o022)

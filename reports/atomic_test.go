package reports

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

func TestAtomicReplacesRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := OpenOutput(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(out, "new\n")
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("target changed before Commit: %q", b)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(b) != "new\n" || st.Mode().Perm() != 0o600 {
		t.Errorf("after Commit: %q mode %v, want %q mode 0600", b, st.Mode().Perm(), "new\n")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestAtomicWritesDevicesInPlace: a device or a pipe is written in place,
// never replaced by a renamed file.
func TestAtomicWritesDevicesInPlace(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("needs /dev/null and named pipes")
	}
	out, err := OpenOutput(os.DevNull, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(out, "discarded\n")
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, st.Mode(), err)
	}
	entries, _ := filepath.Glob(filepath.Join(filepath.Dir(os.DevNull), ".null.tmp-*"))
	if len(entries) != 0 {
		t.Errorf("temporary files left next to %s: %v", os.DevNull, entries)
	}

	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	out, err = OpenOutput(fifo, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(out, "through the pipe\n")
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Errorf("reader got %q", s)
	}
	if st, err := os.Stat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a named pipe: %v %v", fifo, st.Mode(), err)
	}
}

// TestCreateAtomicHonoursUmask: a new output gets 0666 less the umask
// (umask 077: only its owner can read it); an existing file keeps its mode.
func TestCreateAtomicHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "new.txt")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("new file under umask 077: mode %v, want 0600", st.Mode().Perm())
	}
	os.Chmod(path, 0o640)
	f, err = CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("rewritten file: mode %v, want its old 0640", st.Mode().Perm())
	}
}

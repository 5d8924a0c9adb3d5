package main

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// testVersion is linked into the test binary the way the release build links the real one.
const testVersion = "9.8.7-test"

// buildCommand compiles the command into a temporary directory.
func buildCommand(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the command test builds the emulator with the go tool, which is not on PATH: %v", err)
	}
	binary := filepath.Join(t.TempDir(), "imagepick-emulator")
	out, err := exec.Command(goTool, "build", "-ldflags", "-X main.version="+testVersion, "-o", binary, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return binary
}

// signedForm signs params with the documentation's UCloud test key pair, independently of the emulator's code.
func signedForm(params map[string]string) string {
	params["PublicKey"] = emulator.DefaultUCloudPublicKey
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var toSign strings.Builder
	values := url.Values{}
	for _, k := range keys {
		toSign.WriteString(k + params[k])
		values.Set(k, params[k])
	}
	sum := sha1.Sum([]byte(toSign.String() + emulator.DefaultUCloudPrivateKey))
	values.Set("Signature", hex.EncodeToString(sum[:]))
	return values.Encode()
}

func TestCommand(t *testing.T) {
	binary := buildCommand(t)

	t.Run("serves, prints the URL first and stops on SIGTERM", func(t *testing.T) {
		cmd := exec.Command(binary, "-v", "-limit-cap", "5")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		lines := make(chan string, 1)
		go func() {
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			lines <- line
		}()
		var base string
		select {
		case line := <-lines:
			base = strings.TrimSuffix(line, "\n")
		case <-time.After(60 * time.Second):
			t.Fatal("no URL on stdout")
		}
		if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+$`).MatchString(base) {
			t.Fatalf("first line %q is not the base URL", base)
		}

		body := signedForm(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100"})
		resp, err := http.Post(base+"/?Action=DescribeImage", "application/x-www-form-urlencoded", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var answer struct {
			RetCode    int
			TotalCount int
			ImageSet   []map[string]any
		}
		err = json.NewDecoder(resp.Body).Decode(&answer)
		resp.Body.Close()
		if err != nil || answer.RetCode != 0 || len(answer.ImageSet) != 5 || answer.TotalCount <= 5 {
			t.Errorf("RetCode %d, %d images of %d (%v); want 0 and the -limit-cap of 5", answer.RetCode, len(answer.ImageSet), answer.TotalCount, err)
		}

		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("exit after SIGTERM: %v (stderr %q)", err, stderr.String())
		}
		logged := stderr.String()
		if !strings.Contains(logged, "POST / DescribeImage 200") {
			t.Errorf("-v log %q lacks the request", logged)
		}
		if strings.Contains(logged, emulator.DefaultUCloudPublicKey) || strings.Contains(logged, "Signature") {
			t.Errorf("-v log %q shows parameters", logged)
		}
	})

	t.Run("a taken port exits 1 with one line", func(t *testing.T) {
		taken, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer taken.Close()
		addr := taken.Addr().String()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(binary, "-listen", addr)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
			t.Fatalf("exit: %v, want status 1", err)
		}
		want := "imagepick-emulator: listen " + addr + ": address already in use\n"
		if stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("stderr %q stdout %q, want stderr %q", stderr.String(), stdout.String(), want)
		}
	})

	t.Run("-version prints the linked version", func(t *testing.T) {
		out, err := exec.Command(binary, "-version").Output()
		if err != nil || string(out) != "imagepick-emulator "+testVersion+"\n" {
			t.Errorf("-version: %q, %v; want %q", out, err, "imagepick-emulator "+testVersion)
		}
	})

	t.Run("-export-catalog writes a catalog that -catalog loads", func(t *testing.T) {
		tests := []struct {
			name      string
			args      []string
			wantUHost int
		}{
			{"built-in", nil, len(emulator.DefaultCatalog().UHost)},
			{"generated", []string{"-generate-uhost", "40", "-generate-zone", "cn-bj2-05"}, 40},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, err := exec.Command(binary, append(tt.args, "-export-catalog")...).Output()
				if err != nil {
					t.Fatalf("-export-catalog: %v", err)
				}
				path := filepath.Join(t.TempDir(), "exported.json")
				if err := os.WriteFile(path, out, 0o600); err != nil {
					t.Fatal(err)
				}
				loaded, err := emulator.LoadCatalog(path)
				if err != nil {
					t.Fatalf("the exported catalog does not load: %v", err)
				}
				if len(loaded.UHost) != tt.wantUHost || len(loaded.PHost) == 0 || len(loaded.BMC) == 0 {
					t.Errorf("exported %d UHost (want %d), %d PHost, %d BMC images",
						len(loaded.UHost), tt.wantUHost, len(loaded.PHost), len(loaded.BMC))
				}
				again, err := exec.Command(binary, "-catalog", path, "-export-catalog").Output()
				if err != nil || string(again) != string(out) {
					t.Errorf("exporting the exported catalog again changed it (%v)", err)
				}
			})
		}
	})

	t.Run("a bad catalog exits 1", func(t *testing.T) {
		cmd := exec.Command(binary, "-catalog", filepath.Join(t.TempDir(), "missing.json"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 || !strings.Contains(stderr.String(), "missing.json") {
			t.Errorf("exit %v, stderr %q", err, stderr.String())
		}
	})
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "http://127.0.0.1:8080"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 9}, "http://127.0.0.1:9"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 9}, "http://[::1]:9"},
	}
	for _, tt := range tests {
		if got := baseURL(tt.addr); got != tt.want {
			t.Errorf("baseURL(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestLoadCatalogFlags(t *testing.T) {
	c, err := parseFlags([]string{"-generate-uhost", "300", "-generate-zone", "cn-bj2-05"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := loadCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(catalog.UHost) != 300 || catalog.UHost[0].Zone != "cn-bj2-05" || len(catalog.PHost) == 0 {
		t.Errorf("%d UHost images in %s, %d PHost", len(catalog.UHost), catalog.UHost[0].Zone, len(catalog.PHost))
	}
}

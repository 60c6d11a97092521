package intake

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/extract"
)

// allocated returns the bytes allocated while fn runs (in the whole
// process, so tests that use it do not run in parallel).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// inflatingTo returns a deflate stream of prefix followed by size bytes of
// 'a' (a multiple of 1 MiB), built without compressing them all: after the
// first mebibyte every flushed block of 'a's is the same, so one is
// repeated, and a final empty stored block ends the stream.
func inflatingTo(t *testing.T, prefix string, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	block := func() []byte {
		start := buf.Len()
		w.Write(chunk)
		w.Flush()
		return append([]byte(nil), buf.Bytes()[start:]...)
	}
	w.Write([]byte(prefix))
	block()
	again := block()
	if !bytes.Equal(block(), again) {
		t.Fatal("flushed blocks of 'a's differ; the stream cannot be built by repetition")
	}
	for n := 3 << 20; n < size; n += 1 << 20 {
		buf.Write(again)
	}
	buf.Write([]byte{1, 0, 0, 0xff, 0xff})
	return buf.Bytes()
}

// rawDocx packs a deflated word/document.xml that says it unpacks to
// declared bytes.
func rawDocx(t *testing.T, deflated []byte, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(nil), CompressedSize64: uint64(len(deflated)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated)
	zw.Close()
	return buf.Bytes()
}

// TestDocxLimits reads hostile Word documents: each is refused with an
// error that says which limit it passed, within a few megabytes.
func TestDocxLimits(t *testing.T) {
	const budget = 16 << 20
	const head = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	bomb := inflatingTo(t, head, 1<<30)
	for _, tt := range []struct {
		name string
		data []byte
		want error
		says string
	}{
		{"nested 200,000 deep", docx(t, strings.Repeat("<w:p><w:r>", 200000)+"<w:t>x</w:t>"+strings.Repeat("</w:r></w:p>", 200000)),
			ErrFileLimit, "nested more than 256 levels deep"},
		{"inflates to 1 GB", rawDocx(t, bomb, 1<<30), ErrFileLimit, "expands to more than 16 MB"},
		{"inflates to 1 GB, says 1 KB", rawDocx(t, bomb, 1<<10), extract.ErrBinary, "damaged"},
		{"10 MB in one text", docx(t, "<w:p><w:r><w:t>"+strings.Repeat("a", 10<<20)+"</w:t></w:r></w:p>"),
			extract.ErrTooLarge, "without markup"},
		{"10 MB in one attribute", docx(t, `<w:p w:x="`+strings.Repeat("a", 10<<20)+`"></w:p>`), extract.ErrTooLarge, "without markup"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = TextOf("release.docx", tt.data) })
			t.Logf("%d bytes read with %.1f MB allocated", len(tt.data), float64(n)/(1<<20))
			if n > budget {
				t.Errorf("reading took %d MB, over %d MB", n>>20, budget>>20)
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("got %v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
}

// TestTextFileLimit refuses a text or HTML file over the extractor's
// limit before copying it.
func TestTextFileLimit(t *testing.T) {
	if _, err := TextOf("page.html", bytes.Repeat([]byte("<p>word</p>"), extract.MaxInput/10)); !errors.Is(err, extract.ErrTooLarge) {
		t.Errorf("a 1.1 MB HTML file: %v", err)
	}
}

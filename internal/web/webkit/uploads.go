package webkit

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// Sniff decides the stored content type of an upload, or says why it is
// refused: the staff's documents and images and the contact form's
// attachments are judged alike.
func Sniff(filename string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", accord.Errorf(accord.EINVALID, "The file is empty.")
	}
	sniffed := http.DetectContentType(data)
	kind, ok := accord.StoredType(filename, sniffed)
	switch {
	case !ok && sniffed == accord.ZipType:
		return "", accord.Errorf(accord.EINVALID, "A zip file is accepted only as an office document (.docx, .xlsx, .pptx, .odt, .ods).")
	case !ok:
		return "", accord.Errorf(accord.EINVALID, "Files of type %s are not accepted; send a PDF, an image, plain text or an office document.", sniffed)
	}
	return kind, nil
}

package storetest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testDocuments(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, meeting := genevaWorld(t, db)
	pdf := []byte("%PDF-1.4 the release")
	first := &accord.Attachment{Entity: "engagement", EntityID: meeting.ID, Filename: "release.pdf", ContentType: "application/pdf"}
	again := &accord.Attachment{Entity: "engagement", EntityID: meeting.ID, Filename: "copy.pdf", ContentType: "application/pdf"}
	for _, a := range []*accord.Attachment{first, again} {
		if err := db.Attach(ctx, a, pdf); err != nil {
			t.Fatal(err)
		}
	}
	if first.SHA256 != again.SHA256 || first.Size != int64(len(pdf)) {
		t.Errorf("attachments: %+v %+v", first, again)
	}
	list, err := db.Attachments(ctx, "engagement", meeting.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("attachments: %d %v", len(list), err)
	}
	got, data, err := db.Document(ctx, again.ID)
	if err != nil || !bytes.Equal(data, pdf) || got.Filename != "copy.pdf" {
		t.Errorf("download: %+v %v", got, err)
	}
	if err := db.Attach(ctx, &accord.Attachment{Entity: "agreement", EntityID: 999999, Filename: "x.pdf"}, pdf); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("attach to a missing agreement: %v", err)
	}
	icrcID := ids["ICRC"]
	partner := &accord.User{Email: "focal@icrc.org", Name: "ICRC", Role: accord.RolePartner, OrgID: &icrcID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Document(As(partner), first.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("a partner of ICRC downloads the OIC–WHO release: %v", err)
	}

	// A name stored before uploads were cleaned reads clean everywhere: no
	// direction override shows "brief\u202Efdp.hta" as "briefath.pdf".
	raw := "brief\u202Efdp.hta"
	old := &accord.Attachment{Entity: "engagement", EntityID: meeting.ID, Filename: raw, ContentType: "text/plain"}
	if err := db.Attach(ctx, old, []byte("a plain text, not a program")); err != nil {
		t.Fatal(err)
	}
	list, err = db.Attachments(ctx, "engagement", meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.ID == old.ID && a.Filename != accord.SafeFilename(raw, "text/plain") {
			t.Errorf("an old upload is listed as %q", a.Filename)
		}
	}
	if got, _, err := db.Document(ctx, old.ID); err != nil || strings.ContainsRune(got.Filename, '\u202E') {
		t.Errorf("an old upload downloads as %q (%v)", got.Filename, err)
	}
}

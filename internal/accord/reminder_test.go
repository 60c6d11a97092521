package accord

import (
	"fmt"
	"testing"
)

func TestGroupDigests(t *testing.T) {
	ada, omar := Recipient{UserID: 7, Email: "ada@example.org"}, Recipient{UserID: 3, Email: "omar@example.org"}
	digests := GroupDigests("2030-03-02", []Reminder{
		{To: ada, Kind: ReminderActionPointDue, RecordID: 9, Date: "2030-03-01"},
		{To: omar, Kind: ReminderAgreementExpiry, RecordID: 1, Date: "2030-05-01"},
		{To: ada, Kind: ReminderAgreementExpiry, RecordID: 5, Date: "2030-05-01"},
		{To: ada, Kind: ReminderAgreementExpiry, RecordID: 4, Date: "2030-04-01"},
		{To: ada, Kind: ReminderAgreementExpiry, RecordID: 2, Date: "2030-05-01"},
	})
	var got []string
	for _, d := range digests {
		line := fmt.Sprintf("%d %s:", d.To.UserID, d.Day)
		for _, r := range d.Reminders {
			line += fmt.Sprintf(" %s/%d", r.Kind[:2], r.RecordID)
		}
		got = append(got, line)
	}
	// Users in order; in each digest agreements first, then by date and record.
	want := []string{"3 2030-03-02: ag/1", "7 2030-03-02: ag/4 ag/2 ag/5 ac/9"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("digests %q, want %q", got, want)
	}
}

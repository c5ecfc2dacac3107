package lexicons

import "testing"

func TestDefaultsValid(t *testing.T) {
	set, err := Defaults()
	if err != nil {
		t.Fatalf("embedded defaults do not validate:\n%v", err)
	}
	if len(set.Entities) < 400 {
		t.Errorf("gazetteer has %d canonical entries, want at least 400", len(set.Entities))
	}
	if len(set.Framing) < 200 {
		t.Errorf("framing lexicon has %d entries, want at least 200", len(set.Framing))
	}
	t.Logf("framing entries %d, entity entries %d", len(set.Framing), len(set.Entities))
}

package lexicons

import "testing"

// An anaphor ("~the bloc") may be listed by several entries; a plain alias
// may not.
func TestParseEntitiesAnaphor(t *testing.T) {
	data := "European Union\tSTATE_ACTOR\tEU|~the bloc\tauto\nASEAN\tSTATE_ACTOR\t~the bloc\tauto\n"
	es, probs := ParseEntities("a.tsv", []byte(data))
	if len(probs) != 0 || len(es) != 2 {
		t.Fatalf("entries %d, problems %v", len(es), probs)
	}
	a := es[1].Aliases[1]
	if !a.Anaphor || a.Text != "the bloc" || len(a.Words) != 2 {
		t.Errorf("alias = %+v, want the anaphor \"the bloc\"", a)
	}
	_, probs = ParseEntities("b.tsv", []byte("European Union\tSTATE_ACTOR\tthe bloc\tauto\nASEAN\tSTATE_ACTOR\tthe bloc\tauto\n"))
	if len(probs) != 1 {
		t.Errorf("plain shared alias: problems %v, want one duplicate", probs)
	}
}

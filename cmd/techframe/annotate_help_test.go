package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// annotate --help states the document balance, and the records follow it:
// (C - K) / (C + K) with C = cooperation + both, K = competition + both;
// null when no sentence is framed.
func TestAnnotateHelpStatesBalance(t *testing.T) {
	help, _, _ := runCLI(t, "", "annotate", "--help")
	if !strings.Contains(strings.Join(strings.Fields(help), " "), "balance = (C - K) / (C + K), where C counts cooperation + both sentences and K competition + both sentences") {
		t.Errorf("annotate --help lacks the balance formula:\n%s", help)
	}
	in := `{"id":"d1","text":"China and the EU signed a joint AI pact. Rivalry and strategic competition between the powers grew. Cooperation amid rivalry shaped the talks. The partnership deepened joint research with Japan. Trade volumes rose."}` + "\n" +
		`{"id":"d2","text":"Trade volumes rose by a tenth."}` + "\n"
	out, errs, code := runCLI(t, in, "annotate", "--format", "jsonl", "--no-tokens")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// d1 has 2 cooperation, 1 competition and 1 both sentence: 0.2, where
	// counting "both" on neither side would give 1/3.
	if !strings.Contains(out, `"balance":0.2`) {
		t.Errorf("d1's balance is not 0.2:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		coop, comp, both := rec["cooperation"].(float64), rec["competition"].(float64), rec["both"].(float64)
		c, k := coop+both, comp+both
		if c+k == 0 {
			if rec["balance"] != nil {
				t.Errorf("%s: no framed sentence, balance %v, want null", rec["id"], rec["balance"])
			}
			continue
		}
		if b, ok := rec["balance"].(float64); !ok || math.Abs(b-(c-k)/(c+k)) > 1e-12 {
			t.Errorf("%s: balance %v, want (%v - %v) / (%v + %v)", rec["id"], rec["balance"], c, k, c, k)
		}
	}
}

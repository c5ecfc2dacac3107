package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// resolveActor finds the canonical name an actor: pattern means among the
// gazetteer's entries: the canonical name itself, or an alias of exactly
// one entry ("US", "Beijing", "the bloc" named by one entry only). Case,
// apostrophes, hyphens and spaces do not matter. With nothing found the
// error suggests the nearest names; ok is false with a nil error when
// nothing is found but --ner may still tag the name (the caller warns).
func resolveActor(entries []lexicons.EntityEntry, value string, ner bool) (canonical, via string, ok bool, err error) {
	key := actorKey(value)
	for _, e := range entries {
		if actorKey(e.Canonical) == key {
			return e.Canonical, "", true, nil
		}
	}
	var owners []string
	for _, e := range entries {
		for _, a := range e.Aliases {
			if actorKey(a.Text) == key && !slices.Contains(owners, e.Canonical) {
				owners = append(owners, e.Canonical)
				via = fmt.Sprintf("%s:%d", e.File, e.Line)
			}
		}
	}
	switch {
	case len(owners) == 1:
		return owners[0], via, true, nil
	case len(owners) > 1:
		sort.Strings(owners)
		return "", "", false, pipeline.Usagef("kwic: actor:%s is a name of several entities (%s): give the one you mean", value, strings.Join(owners, ", "))
	case ner:
		return "", "", false, nil
	}
	msg := fmt.Sprintf("kwic: no entity of the gazetteer is named or called %q", value)
	if near := nearestActors(entries, key); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return "", "", false, pipeline.Usagef("%s (see techframe lexicons export for the names, or add --ner for names outside the gazetteer)", msg)
}

// actorKey folds what does not tell two spellings of a name apart.
func actorKey(s string) string {
	words := lexicons.Words(strings.TrimLeft(s, "@~"), 0, nil)
	norms := make([]string, len(words))
	for i, w := range words {
		norms[i] = w.Norm
	}
	return strings.Join(norms, " ")
}

// nearestActors returns up to three canonical names within two edits of
// key, by their own spelling or an alias's, nearest first.
func nearestActors(entries []lexicons.EntityEntry, key string) []string {
	best := map[string]int{}
	for _, e := range entries {
		spellings := []string{e.Canonical}
		for _, a := range e.Aliases {
			spellings = append(spellings, a.Text)
		}
		for _, sp := range spellings {
			d := editDistance(actorKey(sp), key, 2)
			if d <= 2 {
				if old, ok := best[e.Canonical]; !ok || d < old {
					best[e.Canonical] = d
				}
			}
		}
	}
	names := make([]string, 0, len(best))
	for n := range best {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if best[names[i]] != best[names[j]] {
			return best[names[i]] < best[names[j]]
		}
		return names[i] < names[j]
	})
	return names[:min(len(names), 3)]
}

// editDistance is the edit distance between a and b (in bytes; an
// insertion, deletion, substitution or swap of two neighbours costs 1:
// "Chian" is one edit from "China"), or limit+1 when it is more than
// limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows: before the previous, the previous, the current.
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		pp, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		rows[0], rows[1], rows[2] = prev, cur, pp
	}
	return rows[1][len(b)]
}

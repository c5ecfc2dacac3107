// Package formula keeps spreadsheets from running CSV text as formulas, and
// undoes that when a sheet comes back; CellText makes text fit a workbook
// cell (cell.go).
//
// Excel and LibreOffice run a cell that starts with = + - or @ (or a tab or
// carriage return, which they skip before such a character) as a formula:
// "=HYPERLINK(...)" or "@cmd|' /C calc'!A0" in a sentence would act when a
// coder opens the sheet. Defuse prefixes such text with an apostrophe, which
// both programs show as text; Restore takes it off again when techframe
// reads a sheet it wrote (a coding sheet from sample, coded and handed
// back), so every row still matches its sentence by text and by id.
//
// Text that already starts with apostrophes followed by one of those
// characters gets one more, so Restore(Defuse(s)) == s for every s.
package formula

// trigger reports whether c makes a spreadsheet read a cell as a formula.
func trigger(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// escaped reports whether s would be read as a formula, or is the escaped
// form of one: apostrophes followed by a trigger character.
func escaped(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			return trigger(s[i])
		}
	}
	return false
}

// Defuse returns s with a leading apostrophe when a spreadsheet would run
// it as a formula (or when it starts with apostrophes before such a
// character, so that Restore gives s back); otherwise s unchanged.
func Defuse(s string) string {
	if escaped(s) {
		return "'" + s
	}
	return s
}

// Restore undoes Defuse: a cell that starts with an apostrophe followed by
// = + - @ (tab, carriage return, or further apostrophes before one of
// them) loses its first apostrophe. Any other cell is returned unchanged.
func Restore(s string) string {
	if len(s) > 1 && s[0] == '\'' && escaped(s[1:]) {
		return s[1:]
	}
	return s
}

// RestoreAll restores every cell of a CSV record in place and returns it.
func RestoreAll(rec []string) []string {
	for i, c := range rec {
		rec[i] = Restore(c)
	}
	return rec
}

// KeepQuote returns s with one more leading apostrophe when Restore would
// take one off it (s starts with an apostrophe, then = + - @ or further
// apostrophes before one), otherwise s unchanged; Restore(KeepQuote(s))
// == s. It is for text stored where no escape is needed, such as a
// workbook's string cell ("=x" stays "=x"), that is read back with Restore
// because a coder may have saved a sheet escaped for CSV as a workbook.
func KeepQuote(s string) string {
	if Restore(s) != s {
		return "'" + s
	}
	return s
}

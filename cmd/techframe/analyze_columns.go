package main

import (
	"regexp"
	"sort"

	"github.com/techframe/techframe/reports"
)

// The definitions of every column analyze can write, in one place. The
// Columns sheet (a Columns table in CSV and JSON) lists the definitions of
// the columns this run wrote, sheet by sheet; TestEveryColumnIsDefined
// fails when a table gains a column with no definition here.

// columnDef defines one column of a report table.
type columnDef struct {
	// sheet is the table's name; "" matches any table (the "note" of a
	// sheet whose part did not run).
	sheet string
	// column is the column's name, or a placeholder in angle brackets for
	// a column named by the input or the run: "<metadata field>",
	// "<group-by field>", "topic N: <label>", "topic N".
	column  string
	meaning string
	formula string
}

const (
	metaPlaceholder  = "<metadata field>"
	groupPlaceholder = "<group-by field>"
)

// Words used by several definitions, so that each is said one way.
const (
	defBalance  = "Frame balance: from -1 (only competition) to +1 (only cooperation); empty when no sentence is cooperation, competition or both."
	fBalance    = "(C - K) / (C + K), C = cooperation + both sentences, K = competition + both sentences"
	defPer1000  = "Sentences with this label per 1,000 tokens of the document, where tokens are all of the document's tokens, punctuation included, as in its tokens column (keyness's per-10k rates count words only)."
	fPer1000    = "sentences with the label x 1000 / tokens"
	defShare    = "Share of the sentences with this label (cooperation, competition, both or neutral), shown as a percentage; the count behind it is in the column of the same label."
	fShare      = "sentences with the label / sentences"
	defCount    = "Sentences with this frame label (cooperation, competition, both or neutral)."
	defTokens   = "Tokens of the document: words, numbers and punctuation as the tokenizer split them."
	defDocID    = "Document id (the input's id field, or the file name)."
	defSentIdx  = "Sentence index within the document, counted from 0 (as on the Sentences sheet)."
	defExample  = "The text of the example sentence (document id and sentence index beside it)."
	defExampleD = "Document id of the example sentence (the document of the group where the term occurs most often, the first such in input order)."
	defNPMI     = "Topic coherence: normalised pointwise mutual information of pairs of the topic's 10 terms of highest weight, over sliding windows of 10 tokens in the corpus, averaged over pairs; from -1 to +1, higher = the terms occur together more (gensim c_npmi). A property of the model: techframe topics gives the same figure whatever --rank it lists words by."
	fNPMI       = "mean over pairs of log((P(wi,wj) + 1e-12) / (P(wi) P(wj))) / -log(P(wi,wj) + 1e-12)"
)

var columnDefs = []columnDef{
	{"", "note", "Why the sheet holds no table: the part of the run that writes it did not run or had nothing to compare.", ""},

	{"About", "item", "What the row explains: a sheet, a codebook term or a label rule.", ""},
	{"About", "explanation", "The explanation.", ""},

	{"Columns", "sheet", "The sheet (CSV file, JSON table) the column is on; continued sheets (\"Evidence (2)\") have the columns of the first.", ""},
	{"Columns", "column", "The column's name as in the header row.", ""},
	{"Columns", "meaning", "What the column holds.", ""},
	{"Columns", "formula", "How the value is computed, where there is a formula.", ""},

	// Summary sheet: the blocks' columns in the workbook ...
	{"Summary", "measure", "Corpus block: what the row counts.", ""},
	{"Summary", "value", "The figure: in the workbook's Corpus block the measure's value; in CSV and JSON the value of the cell named by section, row and column (shares as fractions, 0.25 = 25%).", ""},
	{"Summary", "frame", "Frame label: cooperation, competition, both or neutral.", ""},
	{"Summary", "sentences", "Sentences: with this label (Frame shares), of the document or group (Frame share by ...), or naming the actor (Top actors).", ""},
	{"Summary", "share", "Share of all sentences with this label.", "sentences with the label / sentences"},
	{"Summary", "document", "Document id (the first 60 documents when not grouping; a note under the block says when there are more).", ""},
	{"Summary", groupPlaceholder, "The value of the --group-by field (binned with --bin) that the row describes.", ""},
	{"Summary", "documents", "Frame share by ... and Topic prevalence by ...: documents in the row (1 for a document, the group's documents for a group). Top keywords: documents that contain the term (document frequency).", ""},
	{"Summary", "cooperation", "Frame share by ...: share of the row's sentences labelled cooperation. Top actors: sentences naming the actor labelled cooperation.", fShare},
	{"Summary", "competition", "Frame share by ...: share of the row's sentences labelled competition. Top actors: sentences naming the actor labelled competition.", fShare},
	{"Summary", "both", "Frame share by ...: share of the row's sentences labelled both. Top actors: sentences naming the actor labelled both.", fShare},
	{"Summary", "neutral", "Frame share by ...: share of the row's sentences labelled neutral. Top actors: sentences naming the actor labelled neutral.", fShare},
	{"Summary", "balance", defBalance, fBalance},
	{"Summary", "actor", "Canonical name of the actor (state, organisation or person).", ""},
	{"Summary", "type", "Entity type of the actor.", ""},
	{"Summary", "term", "A vocabulary term (a word or n-gram after the vocabulary settings).", ""},
	{"Summary", "score", "Mean TF-IDF weight of the term over all documents (see Keywords, tfidf).", "sum of the documents' tfidf / documents"},
	{"Summary", "count", "Occurrences of the term in the corpus.", ""},
	{"Summary", "topic", "Topic number and label (its three top terms).", ""},
	{"Summary", "prevalence", "Mean share of the topic in the documents (see Topics).", "mean over documents of the topic's proportion"},
	{"Summary", "NPMI", defNPMI, fNPMI},
	{"Summary", "topic N", "Topic prevalence by group: mean share of topic N in the group's documents with terms (the block's documents column counts them; a document with no term has no share).", "mean over the group's documents with terms of the topic's proportion"},
	{"Summary", "system share", "Share of the corpus sentences the tagger gave this label.", "sentences with the label / sentences"},
	{"Summary", "corrected share", "Estimated true share of the label: each hand-coded row weighted by the corpus sentences with its system label (see Validation).", "sum over system labels s of share(s) x coded rows of s with this gold label / coded rows of s"},
	{"Summary", "95% CI low", "Lower end of the 95% bootstrap interval of the corrected share.", ""},
	{"Summary", "95% CI high", "Upper end of the 95% bootstrap interval of the corrected share.", ""},
	// ... and the long table of CSV and JSON (value is above).
	{"Summary", "section", "The Summary block the figure belongs to (its title on the sheet).", ""},
	{"Summary", "row_type", "What the block's rows are: measure, frame, document, the --group-by field, actor, term, topic; note for the note under a block (value holds it), such as how many of the documents it shows.", ""},
	{"Summary", "row", "The row's name: a measure, label, document id, group, actor, term or topic.", ""},
	{"Summary", "column", "The block's column the value is in (sentences, share, cooperation, balance, ...), defined above.", ""},

	{"Documents", "id", defDocID, ""},
	{"Documents", metaPlaceholder, "A metadata field of the input, as given. A column whose every value is a plain number (2024, 3.5; no leading zero or +) holds numbers; any other holds text.", ""},
	{"Documents", "tokens", defTokens, ""},
	{"Documents", "sentences", "Sentences of the document.", ""},
	{"Documents", "frame", "The document's label: neutral when no sentence is framed; both when each side holds at least a third of the framed sentences; otherwise the side with more sentences (see About, label rules).", ""},
	{"Documents", "cooperation", defCount, ""},
	{"Documents", "competition", defCount, ""},
	{"Documents", "both", defCount, ""},
	{"Documents", "neutral", defCount, ""},
	{"Documents", "share_cooperation", defShare, fShare},
	{"Documents", "share_competition", defShare, fShare},
	{"Documents", "share_both", defShare, fShare},
	{"Documents", "share_neutral", defShare, fShare},
	{"Documents", "balance", defBalance, fBalance},
	{"Documents", "per1000_cooperation", defPer1000, fPer1000},
	{"Documents", "per1000_competition", defPer1000, fPer1000},
	{"Documents", "per1000_both", defPer1000, fPer1000},
	{"Documents", "per1000_neutral", defPer1000, fPer1000},
	{"Documents", "top keywords", "The document's five terms with the highest TF-IDF weight (see Keywords).", ""},
	{"Documents", "dominant topic", "The topic with the largest share of the document (see DocTopics); empty for a document with no term.", ""},

	{"Sentences", "doc_id", defDocID, ""},
	{"Sentences", "sentence", defSentIdx, ""},
	{"Sentences", "frame", "The sentence's frame label: cooperation, competition, both or neutral (see About, label rules).", ""},
	{"Sentences", "cues", "The framing cues that fired in the sentence, with their lexicon terms (details on the Evidence sheet).", ""},
	{"Sentences", "negated", "Number of the sentence's counted cues under a negation: its Evidence rows with negated 1 and an empty ignored column (cues a rule set aside are not counted, as in the Summary's framing cues counted).", ""},
	{"Sentences", "hedged", "Number of the sentence's counted cues under a hedge: its Evidence rows with hedged 1 and an empty ignored column.", ""},
	{"Sentences", "actors", "Actors (states, organisations, persons) named in the sentence, by canonical name and type.", ""},
	{"Sentences", "text", "The sentence as in the document.", ""},
	{"Sentences", "start", "Byte offset where the sentence starts in the document's text (half-open span).", ""},
	{"Sentences", "end", "Byte offset where the sentence ends in the document's text (text[start:end]).", ""},

	{"Evidence", "doc_id", defDocID, ""},
	{"Evidence", "sentence", defSentIdx, ""},
	{"Evidence", "text", "The words of the document that matched.", ""},
	{"Evidence", "term", "The lexicon entry that matched.", ""},
	{"Evidence", "frame", "The frame of the lexicon entry: cooperation or competition. A negated cue's weight counts for the other frame (see counts_for).", ""},
	{"Evidence", "weight", "What the cue added to its sentence's score for the counts_for frame: the lexicon entry's weight after the scope rules (a hedge or a concession cuts it; a negation moves it to the other frame, halved for a negated cooperation cue, or makes it 0, as in \"no mention of rivalry\"); 0 when ignored.", ""},
	{"Evidence", "negated", "1 when the cue is under a negation, else 0.", ""},
	{"Evidence", "hedged", "1 when the cue is under a hedge, else 0.", ""},
	{"Evidence", "counts_for", "The frame the cue's weight was added to: frame, or the other frame when the cue is negated (\"did not seek confrontation\" counts for cooperation); empty when it counted for nothing (ignored, or weight 0). Per sentence, the weights summed by counts_for are its cooperation and competition scores, the main inputs of its label (see About, label rules).", "sentence's cooperation score = sum of weight over its rows with counts_for = cooperation (likewise competition)"},
	{"Evidence", "ignored", "Why a rule set the cue aside (another sense, inside a name, ...); empty when no rule did (counts_for says where its weight went).", ""},
	{"Evidence", "lexicon", "The lexicon file of the entry (builtin:framing.tsv is the built-in lexicon).", ""},
	{"Evidence", "line", "The entry's line in the lexicon file.", ""},
	{"Evidence", "start", "Byte offset where the match starts in the document's text.", ""},
	{"Evidence", "end", "Byte offset where the match ends in the document's text (text[start:end]).", ""},
	{"Evidence", "sentence_text", "The sentence the cue is in.", ""},

	{"Entities", "canonical", "The entity's canonical name; the surface forms that mean the same entity are merged into it.", ""},
	{"Entities", "type", "Entity type: STATE_ACTOR, ORGANIZATION, PERSON, POLICY, TECHNOLOGY, EVENT, CONCEPT.", ""},
	{"Entities", "mentions", "Mentions of the entity in the corpus.", ""},
	{"Entities", "documents", "Documents that mention the entity.", ""},
	{"Entities", "surface forms merged (count)", "The spellings found in the text that were merged into the canonical name, with their counts.", ""},

	{"ActorFrames", "actor", "Canonical name of the actor (state, organisation or person).", ""},
	{"ActorFrames", "type", "Entity type of the actor.", ""},
	{"ActorFrames", "sentences", "Sentences naming the actor (a sentence counts once however often it names the actor).", ""},
	{"ActorFrames", "cooperation", "Sentences naming the actor labelled cooperation.", ""},
	{"ActorFrames", "competition", "Sentences naming the actor labelled competition.", ""},
	{"ActorFrames", "both", "Sentences naming the actor labelled both.", ""},
	{"ActorFrames", "neutral", "Sentences naming the actor labelled neutral.", ""},
	{"ActorFrames", "share_cooperation", "Share of the sentences naming the actor that are labelled cooperation.", "cooperation / sentences"},
	{"ActorFrames", "share_competition", "Share of the sentences naming the actor that are labelled competition.", "competition / sentences"},
	{"ActorFrames", "share_both", "Share of the sentences naming the actor that are labelled both.", "both / sentences"},
	{"ActorFrames", "share_neutral", "Share of the sentences naming the actor that are labelled neutral.", "neutral / sentences"},
	{"ActorFrames", "balance", defBalance, fBalance},
	{"ActorFrames", "example cooperation sentences (doc#sentence)", "Up to three sentences naming the actor labelled cooperation, each as [document#sentence index] text.", ""},
	{"ActorFrames", "example competition sentences (doc#sentence)", "Up to three sentences naming the actor labelled competition, each as [document#sentence index] text.", ""},

	{"Keywords", "doc_id", defDocID, ""},
	{"Keywords", groupPlaceholder, "The value of the --group-by field (binned with --bin).", ""},
	{"Keywords", "documents", "Documents in the group.", ""},
	{"Keywords", "rank", "Rank of the term in the document or group, 1 = highest weight.", ""},
	{"Keywords", "term", "A vocabulary term (a word or n-gram after the vocabulary settings).", ""},
	{"Keywords", "tfidf", "The term's TF-IDF weight in the document (settings tf, idf and norm in the Manifest; by default raw counts, smooth idf, rows scaled to length 1).", "tf x idf, idf = ln((1 + n) / (1 + df)) + 1, then the row divided by its L2 norm; n = documents, df = documents with the term"},
	{"Keywords", "mean tfidf", "Mean TF-IDF weight of the term over the group's documents (a document counts once whatever its length).", "sum of the group's documents' tfidf / documents in the group"},
	{"Keywords", "count", "Occurrences of the term in the document or group.", ""},
	{"Keywords", "doc_freq", "Documents of the group that contain the term.", ""},
	{"Keywords", "example doc", "Document id of the example sentence (the document of the group where the term has its highest TF-IDF weight, the first such in input order).", ""},
	{"Keywords", "sentence", "Index (from 0) of the term's first sentence in the example document.", ""},
	{"Keywords", "example sentence", defExample, ""},

	{"Keyness", groupPlaceholder, "The target group (a value of the --group-by field); the reference is every other document.", ""},
	{"Keyness", "rank", "Rank of the term among those over-represented in the group, by G2.", ""},
	{"Keyness", "term", "A vocabulary term.", ""},
	{"Keyness", "G2", "Log-likelihood: how surprising the term's frequency in the group is against the rest (Dunning 1993); 3.84 is p = 0.05, 10.83 is p = 0.001.", "2 (a ln(a/E1) + b ln(b/E2)), E1 = c (a+b)/(c+d), E2 = d (a+b)/(c+d); a, b = counts in group and rest, c, d = word tokens in group and rest"},
	{"Keyness", "p", "p-value of G2 (chi-square, 1 degree of freedom); not corrected for testing many terms.", "P(chi-square(1) >= G2)"},
	{"Keyness", "log ratio", "Effect size (Hardie 2014): log2 of the ratio of the term's relative frequencies; 1 = twice as frequent in the group, 2 = four times. A zero count is taken as 0.5.", "log2((a/c) / (b/d))"},
	{"Keyness", "count in group", "Occurrences of the term in the group.", ""},
	{"Keyness", "count in rest", "Occurrences of the term in the other documents.", ""},
	{"Keyness", "per 10k in group", "Occurrences per 10,000 word tokens of the group (word tokens: with a letter or digit, stop words included).", "count in group x 10000 / word tokens of the group"},
	{"Keyness", "per 10k in rest", "Occurrences per 10,000 word tokens of the other documents.", "count in rest x 10000 / word tokens of the rest"},
	{"Keyness", "example doc", defExampleD, ""},
	{"Keyness", "sentence", "Index (from 0) of the example sentence in its document.", ""},
	{"Keyness", "example sentence", defExample, ""},

	{"Topics", "topic", "Topic number, from 1.", ""},
	{"Topics", "label", "The topic's three top terms, joined by _.", ""},
	{"Topics", "prevalence", "Mean share of the topic in the documents with terms, as a percentage.", "mean over documents of the topic's proportion"},
	{"Topics", "tokens", "LDA: tokens of the corpus assigned to the topic. NMF: the topic's total weight (not a count).", "LDA: tokens assigned; NMF: sum over documents of W[d,k] x sum of H[k]"},
	{"Topics", "NPMI", defNPMI, fNPMI},
	{"Topics", "UMass", "Topic coherence by document co-occurrence of the topic's 10 terms of highest weight (gensim u_mass); 0 or below, closer to 0 = more coherent.", "mean over pairs (j < i) of log((D(wi,wj)/N + 1e-12) / (D(wj)/N)); D = documents containing the words, N = documents"},
	{"Topics", "exclusivity", "How much the topic's 10 top terms belong to it alone: the mean share of each term's weight that this topic holds; 1 = no other topic uses them.", "mean over top terms w of phi[k,w] / sum over topics j of phi[j,w]"},
	{"Topics", "top terms (weight)", "Up to 12 terms with the highest weight in the topic, with their weight (LDA: probability of the term in the topic; NMF: the term's weight in H); only terms with a positive weight.", ""},
	{"Topics", "cooperation (weighted sentences)", "Sentences labelled cooperation or both, each document's counted in proportion to its share of the topic (a document with no term has no share and adds nothing).", "sum over documents of proportion x (cooperation + both sentences)"},
	{"Topics", "competition (weighted sentences)", "Sentences labelled competition or both, each document's counted in proportion to its share of the topic (a document with no term has no share and adds nothing).", "sum over documents of proportion x (competition + both sentences)"},
	{"Topics", "balance", defBalance + " Here over the weighted sentences.", "(C - K) / (C + K), C and K the weighted sentences"},
	{"Topics", "representative documents", "Up to three documents with the largest share of the topic, with that share; a document whose share rounds to 0% is left out.", ""},

	{"DocTopics", "doc_id", defDocID, ""},
	{"DocTopics", "dominant topic", "Number of the topic with the largest share of the document; empty for a document with no term.", ""},
	{"DocTopics", "topic N: <label>", "Share of the document given to topic N (LDA: smoothed proportion theta; NMF: the row of W scaled to sum to 1); empty for a document with no term, which the model never saw.", ""},

	{"Validation", "section", "Group of figures: coding, agreement, confusion, corrected share, corpus estimate, corrected share by the --group-by field, by note tag, method.", ""},
	{"Validation", "measure", "The figure (accuracy, macro-F1, Cohen's kappa, Krippendorff's alpha, precision, recall, F1, a confusion cell, a share) or the group.", ""},
	{"Validation", "label", "The frame label the figure is about, when it is about one.", ""},
	{"Validation", "value", "The figure's value: shares as percentages, agreement scores as decimals (1 = perfect agreement).", "accuracy = agreeing rows / matched rows; kappa = (po - pe) / (1 - pe); F1 = 2 precision recall / (precision + recall)"},
	{"Validation", "count", "The rows or sentences behind the figure (for precision: predicted; recall: gold rows; F1: true positives; shares: sentences or coded rows).", ""},
	{"Validation", "ci95_low", "Lower end of the 95% percentile bootstrap interval. Agreement figures (accuracy, macro-F1, kappa, alpha): documents resampled with their coded rows. Corrected shares (overall and by group) and the corpus estimate: coded rows resampled within each system label, the sentence counts per system label (of the corpus or the group) held fixed. Empty where the figure has no interval.", ""},
	{"Validation", "ci95_high", "Upper end of the 95% percentile bootstrap interval, resampled as for ci95_low (documents for agreement figures; coded rows within each system label for corrected shares and the corpus estimate).", ""},

	{"Disagreements", "file", "The hand-coded file (--gold).", ""},
	{"Disagreements", "line", "The coded row's line in the file.", ""},
	{"Disagreements", "doc_id", defDocID, ""},
	{"Disagreements", "index", "The matched sentence's index (from 0); \"3-4\" when the coded row spans several sentences.", ""},
	{"Disagreements", "match", "How the coded row was matched to the corpus (exact, span, ...), or \"unmatched:\" and why.", ""},
	{"Disagreements", "gold", "The coder's label.", ""},
	{"Disagreements", "system", "The tagger's label.", ""},
	{"Disagreements", "sentence", "The sentence's text as coded (the corpus text where it matched).", ""},
	{"Disagreements", "cues", "The framing cues that fired in the sentence.", ""},
	{"Disagreements", "note", "The coder's note (tags such as rule-10).", ""},

	{"Manifest", "section", "run, setting, result (figures about the output as a whole, such as topic coherence), lexicon, input, gold, warnings, truncated cells, continued sheet, timing (seconds).", ""},
	{"Manifest", "key", "The item: a setting's name, a file's path, a warning's stage:kind, a part of the run.", ""},
	{"Manifest", "value", "Its value: numbers as numbers (timings in seconds), SHA-256 hashes, counts, text.", ""},
}

var (
	docTopicColumn = regexp.MustCompile(`^topic [0-9]+: `)
	topicNColumn   = regexp.MustCompile(`^topic [0-9]+$`)
)

// definitionFor finds the definition of a column of a table.
func definitionFor(sheet string, c reports.Column) (columnDef, bool) {
	name := c.Name
	switch {
	case c.Input && sheet == "Documents":
		name = metaPlaceholder
	case c.Input:
		name = groupPlaceholder
	case sheet == "DocTopics" && docTopicColumn.MatchString(name):
		name = "topic N: <label>"
	case sheet == "Summary" && topicNColumn.MatchString(name):
		name = "topic N"
	}
	for _, d := range columnDefs {
		if d.sheet == sheet && d.column == name {
			return d, true
		}
	}
	for _, d := range columnDefs {
		if d.sheet == "" && d.column == name {
			return d, true
		}
	}
	return columnDef{}, false
}

// noDefinition marks a column missing from columnDefs on the Columns sheet
// (TestEveryColumnIsDefined fails on it).
const noDefinition = "(no definition)"

// columnRecorder remembers the columns of every table a run writes, so that
// the Columns table defines exactly those.
type columnRecorder struct {
	reports.TableSet
	order []string
	cols  map[string][]reports.Column
}

// Table implements reports.TableSet.
func (r *columnRecorder) Table(name string, cols []reports.Column) (reports.RowWriter, error) {
	r.record(name, cols)
	return r.TableSet.Table(name, cols)
}

func (r *columnRecorder) record(name string, cols []reports.Column) {
	if r.cols == nil {
		r.cols = map[string][]reports.Column{}
	}
	if _, ok := r.cols[name]; !ok {
		r.order = append(r.order, name)
	}
	seen := map[string]bool{}
	for _, c := range r.cols[name] {
		seen[c.Name] = true
	}
	for _, c := range reports.UniqueColumns(cols) {
		if !seen[c.Name] {
			seen[c.Name] = true
			r.cols[name] = append(r.cols[name], c)
		}
	}
}

// xlsxOf returns the workbook behind a table set, if it writes one.
func xlsxOf(set reports.TableSet) (*reports.XLSXSet, bool) {
	if r, ok := set.(*columnRecorder); ok {
		set = r.TableSet
	}
	x, ok := set.(*reports.XLSXSet)
	return x, ok
}

// columnsTable is the Columns table's own columns.
var columnsTable = []reports.Column{{Name: "sheet", Width: 16}, {Name: "column", Width: 34}, {Name: "meaning", Kind: "wrap", Width: 90}, {Name: "formula", Kind: "wrap", Width: 60}}

// writeColumns writes the Columns table: a definition of every column of
// the tables written, in the report's tab order.
func writeColumns(set reports.TableSet, a *analysis) error {
	r, ok := set.(*columnRecorder)
	if !ok {
		return nil
	}
	r.record("Columns", columnsTable)
	names := append([]string(nil), r.order...)
	pos := func(name string) int {
		for i, s := range reportSheets(a.validation) {
			if s == name {
				return i
			}
		}
		return len(sheetOrder) + 10
	}
	sort.SliceStable(names, func(i, j int) bool { return pos(names[i]) < pos(names[j]) })
	t, err := r.TableSet.Table("Columns", columnsTable)
	if err != nil {
		return err
	}
	for _, name := range names {
		for _, c := range r.cols[name] {
			d, ok := definitionFor(name, c)
			if !ok {
				d.meaning = noDefinition
			}
			if err := t.Row(name, c.Name, d.meaning, d.formula); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

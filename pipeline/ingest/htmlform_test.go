package ingest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// aspnetHidden is the hidden state an ASP.NET form carries.
const aspnetHidden = `<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwULLTE2MTY2ODcyMjlkZA=="></div>`

// TestHTMLForms: a form that holds the page (ASP.NET wraps every page in
// one) is read, however short the page; search boxes, sign-up and comment
// forms beside the article's text are left out, however many paragraphs
// they have.
func TestHTMLForms(t *testing.T) {
	story := "<p>China and the EU agreed to coordinate chip standards, the ministry said on Monday.</p>" +
		"<p>Officials in Brussels called the accord a step towards cooperation.</p>"
	storyText := "China and the EU agreed to coordinate chip standards, the ministry said on Monday.\n\n" +
		"Officials in Brussels called the accord a step towards cooperation."
	cases := []struct{ name, in, text string }{
		// The reported page: one paragraph in the ASP.NET form was
		// "no text: skipped".
		{"short ASP.NET page, one paragraph",
			`<html><head><title>Statement</title></head><body><form method="post" action="./page3.aspx" id="aspnetForm">` + aspnetHidden +
				`<p>The ministry said China and the EU would cooperate on chip standards.</p></form></body></html>`,
			"The ministry said China and the EU would cooperate on chip standards."},
		{"short ASP.NET page, text in a span",
			`<body><form id="form1" runat="server">` + aspnetHidden + `<span id="lblBody">Beijing rejected the sanctions.</span></form></body>`,
			"Beijing rejected the sanctions."},
		// A long page in the form: its own banner, menu and search box
		// inside the form are left out as anywhere else; a copyright
		// line outside the form does not outweigh it.
		{"long ASP.NET page, text in spans and line breaks",
			`<body><form id="aspnetForm" action="./speech.aspx">` + aspnetHidden +
				`<div id="ctl00_banner" role="banner">Ministry of Foreign Affairs</div>` +
				`<ul id="ctl00_menu" role="navigation"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>` +
				`<div role="search"><input name="ctl00$q" type="text"><input type="submit" value="Search"></div>` +
				`<div id="ctl00_content"><span class="title">Speech at the summit</span><br><br>` +
				`<span id="ctl00_lblBody">The minister said China and the EU agreed to cooperate on chips.<br><br>` +
				`She warned that sanctions would deepen the rivalry.<br><br>Talks resume in May.</span></div>` +
				`<div id="ctl00_foot">Ministry home page</div></form><div class="copy">© 2024 Ministry</div></body>`,
			"Speech at the summit\n\nThe minister said China and the EU agreed to cooperate on chips.\n\n" +
				"She warned that sanctions would deepen the rivalry.\n\nTalks resume in May.\n\nMinistry home page\n\n© 2024 Ministry"},
		{"long ASP.NET page with headings and paragraphs",
			`<body><form id="aspnetForm">` + aspnetHidden + `<nav><a href="/">Home</a></nav><h2>Summit</h2>` + story +
				`<h2>Reactions</h2><p>Washington said it would study the accord.</p><footer>Contact</footer></form></body>`,
			"Summit\n\n" + storyText + "\n\nReactions\n\nWashington said it would study the accord."},
		// A form around <main> holds the page, whatever lies outside it.
		{"ASP.NET form around main",
			`<body><form id="aspnetForm"><main>` + story + `</main></form><div>` + strings.Repeat("Links to other ministries. ", 20) + `</div></body>`,
			storyText},
		// An article page: the search box, the newsletter sign-up and
		// the comment form (WordPress's, five paragraphs) are left out.
		{"article page with search, sign-up and comment forms",
			`<body><form class="search-form" action="/"><label for="s">Search for:</label><input id="s" name="s"><button>Search</button></form>` +
				`<h1>Beijing and Brussels</h1>` + story +
				`<form class="newsletter" action="/subscribe"><p>Get our China briefing in your inbox every morning.</p><input type="email" name="email"><button>Sign up</button></form>` +
				`<p>Talks resume in May.</p>` +
				`<form id="commentform" class="comment-form" method="post"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>` +
				`<p class="comment-form-comment"><label for="comment">Comment *</label><textarea id="comment"></textarea></p>` +
				`<p class="comment-form-author"><label for="author">Name *</label><input id="author"></p>` +
				`<p class="comment-form-email"><label for="email">Email *</label><input id="email"></p>` +
				`<p class="form-submit"><input type="submit" value="Post Comment"></p></form></body>`,
			"Beijing and Brussels\n\n" + storyText + "\n\nTalks resume in May."},
		{"sign-up form inside the article",
			`<body><article><h1>Beijing and Brussels</h1>` + story +
				`<form class="signup"><h3>Stay informed</h3><p>Our weekly newsletter on EU-China relations.</p><p>Free, every Friday.</p><p>Unsubscribe at any time.</p><input type="email"><button>Subscribe</button></form></article></body>`,
			"Beijing and Brussels\n\n" + storyText},
		// The trade-off of the rule: a sign-up with more prose than a
		// one-line story beside it is read with it (nothing is lost).
		{"sign-up form outweighs a one-line story",
			`<body><p>Talks resume.</p><form class="signup"><p>Get our China briefing in your inbox every morning.</p><input type="email"></form></body>`,
			"Talks resume.\n\nGet our China briefing in your inbox every morning."},
		// A form that holds the page is still left out when hidden.
		{"hidden page form, text outside",
			`<body><form id="aspnetForm" hidden><p>Old version of the text, kept hidden.</p></form><p>Visible.</p></body>`, "Visible."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, _, whole := extractHTML([]byte(tc.in))
			if text != tc.text || whole {
				t.Errorf("text (read whole: %v)\n%q\nwant\n%q", whole, text, tc.text)
			}
		})
	}
}

// TestHTMLFurnitureOnly: a page whose text is all page furniture is read
// whole (only scripts, styles, form controls and the like left out) and
// reported, rather than skipped; a page with no text at all is still
// skipped.
func TestHTMLFurnitureOnly(t *testing.T) {
	cases := []struct {
		name, in, text string
		whole          bool
	}{
		{"story in an aside", `<body><nav><a href="/">Home</a></nav><aside><p>China and the EU agreed to cooperate.</p></aside><script>var x = 1;</script></body>`,
			"Home\n\nChina and the EU agreed to cooperate.", true},
		// Saved while a pop-up was open: the page behind it is
		// aria-hidden.
		{"page hidden behind a pop-up", `<body><div id="page" aria-hidden="true"><h1>Sanctions</h1><p>Beijing rejected them.</p></div>` +
			`<div role="dialog">Subscribe? <button>No thanks</button></div><noscript>Enable JavaScript</noscript></body>`,
			"Sanctions\n\nBeijing rejected them.\n\nSubscribe?", true},
		{"empty main, text in the footer", `<body><main></main><footer><p>Statement of 3 May: the talks failed.</p></footer></body>`,
			"Statement of 3 May: the talks failed.", true},
		{"only a search form", `<body><form role="search"><label>Search</label><input name="q"><button>Go</button></form></body>`, "Search", true},
		{"no text at all", `<body><script>document.write("x")</script><template><p>t</p></template><svg><text>chart</text></svg><select><option>A</option></select></body>`, "", false},
		{"normal page", `<body><nav>Home</nav><p>Text.</p></body>`, "Text.", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, _, whole := extractHTML([]byte(tc.in))
			if text != tc.text || whole != tc.whole {
				t.Errorf("text (read whole: %v)\n%q\nwant (read whole: %v)\n%q", whole, text, tc.whole, tc.text)
			}
		})
	}
}

// TestHTMLFurnitureOnlyWarning: the reader keeps a furniture-only page with
// one counted warning naming it (fatal with Strict), and reads the short
// ASP.NET page without any.
func TestHTMLFurnitureOnlyWarning(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"aside.html": `<body><aside><p>China and the EU agreed to cooperate.</p></aside></body>`,
		"page3.html": `<body><form id="aspnetForm">` + aspnetHidden + `<p>The ministry said China would cooperate.</p></form></body>`,
	})
	aside, page3 := filepath.Join(dir, "aside.html"), filepath.Join(dir, "page3.html")
	res := readAll(t, []string{aside, page3}, Options{})
	if res.err != nil || len(res.docs) != 2 {
		t.Fatalf("err %v, %d documents; want 2", res.err, len(res.docs))
	}
	if got := res.docs[0].Text; got != "China and the EU agreed to cooperate." {
		t.Errorf("aside.html text %q", got)
	}
	if got := res.docs[1].Text; got != "The ministry said China would cooperate." {
		t.Errorf("page3.html text %q", got)
	}
	if len(res.warns) != 1 || res.warns[0].Kind != KindFurnitureOnly || res.warns[0].Path != aside {
		t.Errorf("warnings %+v; want one %s for %s", res.warns, KindFurnitureOnly, aside)
	}
	if n := res.src.Warnings()[KindFurnitureOnly]; n != 1 {
		t.Errorf("Warnings()[%s] = %d, want 1", KindFurnitureOnly, n)
	}
	strict := readAll(t, []string{aside}, Options{Strict: true})
	var se *pipeline.StrictError
	if !errors.As(strict.err, &se) || se.Warning.Kind != KindFurnitureOnly {
		t.Errorf("strict: err %v, want a *pipeline.StrictError for %s", strict.err, KindFurnitureOnly)
	}
}

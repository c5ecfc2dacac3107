package ingest

import (
	"strings"
	"testing"
)

// TestHTMLFurniture: page furniture (navigation, banners, sidebars,
// footers, forms, cookie banners, hidden elements) is left out of an HTML
// page's text; with <article> (or <main>) only that is read; a page
// without any of these keeps all its text.
func TestHTMLFurniture(t *testing.T) {
	long := strings.Repeat("China and the EU agreed to coordinate chip standards. ", 30)
	cases := []struct{ name, in, text string }{
		{"plain page keeps everything", "<html><body><h1>Chips</h1><div><p>One.</p><section><h2>Part</h2><p>Two.</p></section></div><table><tr><td>a</td><td>b</td></tr></table></body></html>",
			"Chips\n\nOne.\n\nPart\n\nTwo.\n\na b"},
		{"audit a.html", "<html><head><meta charset=\"utf-8\"><title>China&#8217;s chip push</title>\n<noscript>Please enable JavaScript to cooperate with us.</noscript></head>" +
			"<body><header><div class=\"logo\">The Daily Rivalry</div></header>\n<aside><h3>Related</h3><ul><li>US sanctions Huawei</li></ul></aside>\n" +
			"<main><p>Beijing and Brussels agreed<br>to deepen cooperation.</p>\n<svg><title>chart of sanctions</title></svg><template><p>hidden template rivalry</p></template>\n" +
			"<div style=\"display:none\">hidden cooperation text</div></main>\n<div id=\"cookie\">We use cookies. Accept all</div></body></html>",
			"Beijing and Brussels agreed\nto deepen cooperation."},
		{"audit page.html", "<body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav>\n<article><h1>The chip war heats up</h1>\n<p>Export controls escalate the rivalry.</p>\n</article><footer>&copy; 2024 Example News. Subscribe now!</footer></body>",
			"The chip war heats up\n\nExport controls escalate the rivalry."},
		{"no article: cookie banner, aside, footer", "<body><div class=\"cookie-banner\">We use cookies to improve your experience. <button>Accept</button></div>" +
			"<h1>Beijing and Brussels</h1><p>The two sides pledged to cooperate.</p><aside>Related: US sanctions Huawei</aside><p>Talks resume in May.</p><footer>Subscribe</footer></body>",
			"Beijing and Brussels\n\nThe two sides pledged to cooperate.\n\nTalks resume in May."},
		{"hidden in every form", "<body><p>Kept.</p><p hidden>attr</p><div aria-hidden=\"true\">aria</div><span style=\"visibility: hidden\">vis</span><div style=\"DISPLAY : NONE !important\">disp</div>" +
			"<div role=\"navigation\">nav</div><div role=\"banner\">ban</div><div role=\"contentinfo\">info</div><div role=\"complementary\">comp</div><div role=\"search\">search</div><div role=\"dialog\">pop</div><dialog>dlg</dialog><p>End.</p></body>",
			"Kept.\n\nEnd."},
		{"forms and controls", "<body><form role=\"x\"><input name=q><button>Search</button></form><p>Text.</p><select><option>Opt</option></select><textarea>typed</textarea></body>", "Text."},
		// ASP.NET wraps the whole page in one form: that form is read.
		{"page-wrapping form", "<body><form id=\"form1\"><h1>Minister speaks</h1><p>We cooperate.</p></form></body>", "Minister speaks\n\nWe cooperate."},
		// A header inside an article holds its headline and byline.
		{"article header kept", "<body><header>Site</header><article><header><h1>Headline</h1><p>By A. Writer</p></header><p>Body.</p><footer>Share this</footer></article></body>",
			"Headline\n\nBy A. Writer\n\nBody."},
		// A headline above the article is kept, as before.
		{"h1 outside the article", "<body><div class=\"top\"><h1>Headline</h1></div><article><p>Body.</p></article><p>Comments: 3</p></body>", "Headline\n\nBody."},
		{"article inside main wins over teasers", "<body><main><article><p>Main story.</p></article></main><div><article><p>Teaser.</p></article></div></body>", "Main story."},
		// The story in <main>, teaser <article>s outside it or beside it
		// (review): <main> is read, not the teasers alone.
		{"teasers outside main", "<body><main><h1>Beijing and Brussels</h1><p>China and the EU agreed to cooperate on chips.</p></main><section class=\"related\"><article><h3>Other story</h3><p>Teaser text about rivalry.</p></article></section></body>",
			"Beijing and Brussels\n\nChina and the EU agreed to cooperate on chips."},
		{"story beside cards in main", "<body><main><div><p>The story itself.</p></div><article><p>Card.</p></article></main></body>", "The story itself.\n\nCard."},
		{"several articles", "<body><article><p>One.</p></article><div>between</div><article><p>Two.</p></article></body>", "One.\n\nTwo."},
		{"hidden article ignored", "<body><article hidden><p>Old.</p></article><p>Visible.</p></body>", "Visible."},
		{"main without article", "<body><header><h1>Site</h1></header><main><h1>Story</h1><p>Text.</p></main><p>After.</p></body>", "Story\n\nText."},
		// A wrapper named for cookies (a class set once they are
		// accepted) that holds the page is not a banner.
		{"cookie-named wrapper kept", "<body><div class=\"page cookies-accepted\"><p>" + long + "</p></div></body>", strings.TrimSpace(long)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, _, _ := extractHTML([]byte(tc.in))
			if text != tc.text {
				t.Errorf("text\n%q\nwant\n%q", text, tc.text)
			}
		})
	}
}

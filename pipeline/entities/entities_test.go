package entities

import (
	"fmt"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

var gaz = func() *Gazetteer {
	set, err := lexicons.Defaults()
	if err != nil {
		panic(err)
	}
	return New(set)
}()

// doc builds a Document whose sentences end at ". " (no tokenizer needed:
// the gazetteer reads sentence spans only).
func doc(text string) *pipeline.Document {
	d := &pipeline.Document{Text: text}
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], ". ")
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: end}})
		start = end + 1
	}
	return d
}

func mentions(t *testing.T, text string) []string {
	t.Helper()
	d := doc(text)
	if err := gaz.Process(d); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range d.Entities {
		if got := d.Text[e.Start:e.End]; e.Source != Source || got == "" {
			t.Errorf("bad entity %+v", e)
		}
		out = append(out, d.Text[e.Start:e.End]+"="+e.Canonical+"/"+e.Type)
	}
	return out
}

func TestGazetteerCases(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"possessive", "China's chip plan", []string{"China=China/STATE_ACTOR", "chip=semiconductors/TECHNOLOGY"}},
		{"curly possessive", "Huawei’s phones", []string{"Huawei=Huawei/ORGANIZATION"}},
		{"hyphen pair", "China-US talks", []string{"China=China/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"en dash pair", "US–China rivalry", []string{"US=United States/STATE_ACTOR", "China=China/STATE_ACTOR"}},
		{"acronym case", "let us talk about AI with the US", []string{"AI=artificial intelligence/TECHNOLOGY", "US=United States/STATE_ACTOR"}},
		{"lower-case ai is not AI", "the ai said us", nil},
		// Congress and Senate are the US chambers unless a name around
		// them makes them another assembly.
		{"Congress: the US one", "Yesterday Congress passed the bill, and the Republican Congress and the U.S. Senate agreed", []string{"Congress=Congress/ORGANIZATION", "Congress=Congress/ORGANIZATION", "U.S.=United States/STATE_ACTOR", "Senate=Senate/ORGANIZATION"}},
		{"Congress: another party's", "Xi opened the Party Congress while the Indian National Congress protested", []string{"Xi=Xi Jinping/PERSON"}},
		{"Congress: a province's", "The Guangdong Provincial People's Congress approved it", nil},
		{"Senate: another country's", "The Philippine Senate and the Senate of Canada met", []string{"Canada=Canada/STATE_ACTOR"}},
		{"Congress of the United States", "the Congress of the United States", []string{"Congress=Congress/ORGANIZATION", "United States=United States/STATE_ACTOR"}},
		{"Congress: a headline in title case", "Chip Makers Lobby Congress Over Export Rules", []string{"Chip=semiconductors/TECHNOLOGY", "Congress=Congress/ORGANIZATION"}},
		{"Congress: a party's in capitals", "XI OPENS PARTY CONGRESS AS CHINA WARNS CONGRESS", []string{"XI=Xi Jinping/PERSON", "CHINA=China/STATE_ACTOR", "CONGRESS=Congress/ORGANIZATION"}},
		// "US" in capitals is the country after a headline's verb and
		// before a noun it modifies, even after LET ("LET US CHIPMAKERS
		// SELL TO CHINA").
		{"capitals: country after a verb", "CHINA TELLS US TO STOP", []string{"CHINA=China/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: LET US in a headline", "LET US CHIPMAKERS SELL TO CHINA", []string{"US=United States/STATE_ACTOR", "CHINA=China/STATE_ACTOR"}},
		{"LET US for emphasis is the pronoun", "LET US build a future together with China", []string{"China=China/STATE_ACTOR"}},
		{"LET US ending a sentence", "And so I say: LET US", nil},
		// A headline in capitals has no case to tell a name from a word:
		// people, full names and one-word states and organisations are
		// found (capitals make Georgia, Jordan or Chad no more ambiguous
		// than title case does), but a name that is an everyday word
		// (Turkey, Apple, Intel) only where the headline treats it as an
		// actor: coordinated with another actor, or a possessive.
		{"capitals: surnames in a headline", "BIDEN AND XI AGREE TO RESUME MILITARY TALKS", []string{"BIDEN=Joe Biden/PERSON", "XI=Xi Jinping/PERSON"}},
		{"capitals: full name in a headline", "XI JINPING VISITS PARIS AS EU WEIGHS TARIFFS", []string{"XI JINPING=Xi Jinping/PERSON", "EU=European Union/STATE_ACTOR"}},
		{"capitals: surname that is a word", "TRUMP SAYS CHINA MUST BUY MORE US CHIPS", []string{"TRUMP=Donald Trump/PERSON", "CHINA=China/STATE_ACTOR", "US=United States/STATE_ACTOR", "CHIPS=semiconductors/TECHNOLOGY"}},
		{"capitals: full names of states and bodies", "BURKINA FASO JOINS TALKS AT ATLANTIC COUNCIL", []string{"BURKINA FASO=Burkina Faso/STATE_ACTOR", "ATLANTIC COUNCIL=Atlantic Council/ORGANIZATION"}},
		{"capitals: a name opening with a function word", "CHINA SAYS NO TO LAM RESEARCH TOOLS", []string{"CHINA=China/STATE_ACTOR", "LAM RESEARCH=Lam Research/ORGANIZATION"}},
		{"capitals: one-word names that are words", "TURKEY PRICES SOAR AS APPLE HARVEST FAILS IN CHAD", []string{"CHAD=Chad/STATE_ACTOR"}},
		{"capitals: one-word state", "GEORGIA SIGNS TRADE PACT WITH CHINA", []string{"GEORGIA=Georgia/STATE_ACTOR", "CHINA=China/STATE_ACTOR"}},
		{"capitals: one-word states and organisations", "MAURITANIA JOINS TALKS AS CHINA BANS MICRON CHIPS", []string{"MAURITANIA=Mauritania/STATE_ACTOR", "CHINA=China/STATE_ACTOR", "MICRON=Micron/ORGANIZATION", "CHIPS=semiconductors/TECHNOLOGY"}},
		{"capitals: one-word state as a possessive", "GEORGIA'S PRESIDENT MEETS XI", []string{"GEORGIA=Georgia/STATE_ACTOR", "XI=Xi Jinping/PERSON"}},
		{"capitals: a word-name coordinated with an actor", "JORDAN AND INTEL AGREE ON CHIP PLANT", []string{"JORDAN=Jordan/STATE_ACTOR", "INTEL=Intel/ORGANIZATION", "CHIP=semiconductors/TECHNOLOGY"}},
		{"capitals: word-names in a list, a pair and a possessive", "CHINA, TURKEY SIGN PACT AS APPLE'S SALES FALL AND INTEL & AMD CUT PRICES", []string{"CHINA=China/STATE_ACTOR", "TURKEY=Turkey/STATE_ACTOR", "APPLE=Apple/ORGANIZATION", "INTEL=Intel/ORGANIZATION", "AMD=AMD/ORGANIZATION"}},
		{"capitals: word-name after a verb", "CHINA WARNS APPLE AND TESLA", []string{"CHINA=China/STATE_ACTOR", "APPLE=Apple/ORGANIZATION", "TESLA=Tesla/ORGANIZATION"}},
		{"capitals: intel as a word", "NEW INTEL ON CHINA'S CHIPS", []string{"CHINA=China/STATE_ACTOR", "CHIPS=semiconductors/TECHNOLOGY"}},
		{"capitals: intel modified, or modifying", "US INTEL SAYS CHINA IS AHEAD AS US AND INTEL OFFICIALS MEET", []string{"US=United States/STATE_ACTOR", "CHINA=China/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: word-names beside an actor but no names", "NEW INTEL AND US SANCTIONS, A LAND GRAB AND US RESPONSE", []string{"US=United States/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: word-names alone", "US TO ARM TAIWAN; RELIANCE ON CHINA GROWS; CHINA AT ARM'S LENGTH", []string{"US=United States/STATE_ACTOR", "TAIWAN=Taiwan/STATE_ACTOR", "CHINA=China/STATE_ACTOR", "CHINA=China/STATE_ACTOR"}},
		{"capitals: a name in a compound", "GUINEA PIG FOR QUAD-CORE CHIPS", []string{"CHIPS=semiconductors/TECHNOLOGY"}},
		{"capitals: acronyms that spell words, used as words", "WHO WILL WIN THE CHIP WAR? MOST FIRMS BACK NEW EXPORT LAWS", []string{"CHIP WAR=chip war/CONCEPT"}},
		{"capitals: acronyms that spell words, used as names", "WHO AND CHINA CLASH AS MOST'S NEW AI PLAN LANDS", []string{"WHO=World Health Organization/ORGANIZATION", "CHINA=China/STATE_ACTOR", "MOST=Ministry of Science and Technology/ORGANIZATION", "AI=artificial intelligence/TECHNOLOGY"}},
		{"acronyms that spell words, in running text", "The WHO and MOST signed a deal on LAWS.", []string{"WHO=World Health Organization/ORGANIZATION", "MOST=Ministry of Science and Technology/ORGANIZATION", "LAWS=autonomous systems/TECHNOLOGY"}},
		{"capitals: a state opening another name", "JORDAN RIVER TALKS STALL AS GEORGIA TECH WINS", nil},
		{"a capital in a compound", "Washington state and Brussels sprouts growers met officials in Washington State; Washington State's governor praised Beijing duck.", nil},
		{"a capital before state media keeps its government", "Beijing state media said Washington imposed sanctions.", []string{"Beijing=China/STATE_ACTOR", "Washington=United States/STATE_ACTOR"}},
		{"capitals: a one-word name in running text keeps its case", "The GEORGIA delegation met the JORDAN team", nil},
		{"mixed case unchanged", "Georgia's president met Intel executives and new intel on Jordan", []string{"Georgia=Georgia/STATE_ACTOR", "Intel=Intel/ORGANIZATION", "Jordan=Jordan/STATE_ACTOR"}},
		{"capitals: a full name in capitals in running text", "DONALD TRUMP: We will see what happens with China", []string{"DONALD TRUMP=Donald Trump/PERSON", "China=China/STATE_ACTOR"}},
		{"capitals: a surname in running text keeps its case", "the chapter on TRUMP cards and the letter xi", nil},
		{"capitals: a surname before a noun it compounds with", "CHINA PLAYS ITS RARE EARTH TRUMP CARD AS MUSK OX HERDS GROW", []string{"CHINA=China/STATE_ACTOR", "RARE EARTH=rare earths/TECHNOLOGY"}},
		{"capitals: a name after an indefinite article is a phrase", "A NEW AMERICA FOR A NEW CENTURY", []string{"AMERICA=United States/STATE_ACTOR"}},
		{"capitals: the name of a body", "NEW AMERICA REPORT ON CHINA", []string{"NEW AMERICA=New America/ORGANIZATION", "CHINA=China/STATE_ACTOR"}},
		{"capitals: a Roman numeral is no name", "TITLE XI OF THE ACT AND CHAPTER XI OF THE REPORT", nil},
		{"capitals: possessive surname", "CHINA'S XI WARNS AGAINST DECOUPLING", []string{"CHINA=China/STATE_ACTOR", "XI=Xi Jinping/PERSON", "DECOUPLING=decoupling/CONCEPT"}},
		{"let the US act", "let the US act", []string{"US=United States/STATE_ACTOR"}},
		// Menus, footers and calls to readers in capitals: an imperative
		// opening a line or a segment takes the pronoun ("CONTACT US",
		// "TELL US WHAT YOU THINK"); a headline's verb does not.
		{"capitals: menu and footer", "SUBSCRIBE | ABOUT US | CONTACT US • FOLLOW US ON TWITTER", nil},
		{"capitals: call to readers", "TELL US WHAT YOU THINK: readers can write to us", nil},
		{"capitals: join us at the end", "JOIN US", nil},
		{"capitals: headline verb keeps the country", "CHINA TELLS US WHAT TO DO AS ALLIES JOIN US", []string{"CHINA=China/STATE_ACTOR", "US=United States/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: imperative before a noun keeps the country", "ABOUT US CHIPS: WHY US SANCTIONS FAIL", []string{"US=United States/STATE_ACTOR", "CHIPS=semiconductors/TECHNOLOGY", "US=United States/STATE_ACTOR"}},
		{"imperative in running text keeps the country", "About US, the report says little", []string{"US=United States/STATE_ACTOR"}},
		// An exhortation in capitals: the imperative opening the line takes
		// "US" as its object when a bare infinitive, a determiner or a
		// pronoun's word follows.
		{"capitals: LET US and a verb", "LET US BUILD A BETTER FUTURE WITH OUR ALLIES", nil},
		{"capitals: HELP US and a verb", "HELP US KEEP AMERICA SAFE", []string{"AMERICA=United States/STATE_ACTOR"}},
		{"capitals: LET US NOT after AND", "AND LET US NOT FORGET TAIWAN", []string{"TAIWAN=Taiwan/STATE_ACTOR"}},
		{"capitals: PLEASE HELP US TO and a verb", "PLEASE HELP US TO PROTECT OPEN RESEARCH", nil},
		{"capitals: GIVE US and a determiner", "GIVE US YOUR VIEWS ON CHINA'S AI RULES", []string{"CHINA=China/STATE_ACTOR", "AI=artificial intelligence/TECHNOLOGY"}},
		{"capitals: SHOW US and a determiner", "SHOW US THE DATA", nil},
		{"capitals: JOIN US FOR", "JOIN US FOR A WEBINAR ON EXPORT CONTROLS", []string{"EXPORT CONTROLS=export controls/POLICY"}},
		{"capitals: TELL US and a pronoun's word", "TELL US HOW CHINA SHOULD BE REGULATED", []string{"CHINA=China/STATE_ACTOR"}},
		{"capitals: LET US after two openers, before a verb of no list", "AND SO LET US TRUST OUR PARTNERS", nil},
		{"capitals: LET US before an adverb in -s", "LET US ALWAYS REMEMBER", nil},
		// ... and the country stays the country.
		{"capitals: LET US before a hyphen pair", "LET US-CHINA TALKS RESUME", []string{"US=United States/STATE_ACTOR", "CHINA=China/STATE_ACTOR"}},
		{"capitals: HELP US before a noun it modifies", "HELP US INDUSTRY NOW", []string{"US=United States/STATE_ACTOR"}},
		{"capitals: GIVE US before a name", "GIVE US AI FIRMS A CHANCE", []string{"US=United States/STATE_ACTOR", "AI=artificial intelligence/TECHNOLOGY"}},
		{"capitals: HELP US before a noun", "HELP US FIRMS COMPETE WITH HUAWEI", []string{"US=United States/STATE_ACTOR", "HUAWEI=Huawei/ORGANIZATION"}},
		{"capitals: LET US mid-line", "CHINA WILL NOT LET US BUILD FABS THERE", []string{"CHINA=China/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: US after WITH", "VIETNAM SIGNS TRADE PACT WITH US", []string{"VIETNAM=Vietnam/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"capitals: US as subject", "US AND CHINA RESUME TALKS", []string{"US=United States/STATE_ACTOR", "CHINA=China/STATE_ACTOR"}},
		{"capitals: US after ON", "SANCTIONS ON US FIRMS", []string{"US=United States/STATE_ACTOR"}},
		{"lower-case us is no country", "help us keep it safe, and let us build", nil},
		// Technology words in another sense.
		{"chips in other senses", "a bargaining chip, potato chips, fish and chips, blue-chip stocks, chip-and-PIN cards; when the chips are down, chips matter", []string{"chips=semiconductors/TECHNOLOGY"}},
		{"quantum leap", "a quantum leap in quantum computing", []string{"quantum computing=quantum computing/TECHNOLOGY"}},
		// Capitals: a source of pressure is the government; a place visited is a place.
		{"capital as a source", "waivers from Washington and pressure from Beijing, as she flew from Tokyo", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capitals visited", "Huang visited Taipei, Shenzhen and Beijing", nil},
		{"a person is no place in a list", "In Beijing, Xi and Washington agreed to talk", []string{"Xi=Xi Jinping/PERSON", "Washington=United States/STATE_ACTOR"}},
		// A ministry named without its country is China's unless another owns it.
		{"another country's ministry", "Japan's Ministry of Foreign Affairs, the Indian Ministry of Commerce and the Ministry of Foreign Affairs of Singapore", []string{"Japan=Japan/STATE_ACTOR", "Singapore=Singapore/STATE_ACTOR"}},
		{"China's ministry", "the Ministry of Commerce of the People's Republic of China and the Ministry of Foreign Affairs", []string{"Ministry of Commerce=Ministry of Commerce/ORGANIZATION", "People's Republic of China=China/STATE_ACTOR", "Ministry of Foreign Affairs=Ministry of Foreign Affairs/ORGANIZATION"}},
		// A state inside another name is not the state.
		{"bank of a state", "Bank of China and Bank of America reported", []string{"Bank of China=Bank of China/ORGANIZATION"}},
		{"university of a state", "The National University of Singapore and Tsinghua University", []string{"Tsinghua University=Tsinghua University/ORGANIZATION"}},
		{"chamber of commerce in a state", "The American Chamber of Commerce in China said so", nil},
		{"company named after a state", "shares of US Steel, Singapore Airlines and Air India fell", nil},
		{"countries that are also words keep their case", "Chad and Niger signed, but a hanging chad did not", []string{"Chad=Chad/STATE_ACTOR", "Niger=Niger/STATE_ACTOR"}},
		{"newspaper and institute", "as the Japan Times reported, the Korea Development Institute expects growth", nil},
		{"river", "The Jordan River is far from Jordan", []string{"Jordan=Jordan/STATE_ACTOR"}},
		{"person after a title", "Mr Jordan and Ms Georgia Lewis asked about China", []string{"China=China/STATE_ACTOR"}},
		{"government bodies keep the state", "The Embassy of China and the Government of India", []string{"China=China/STATE_ACTOR", "India=India/STATE_ACTOR"}},
		{"title-case headline keeps the state", "China Steel Output Falls as Exports Curbed", []string{"China=China/STATE_ACTOR"}},
		// News datelines: where the story was filed, not the government.
		{"dateline with two capitals", "WASHINGTON/BEIJING (Reuters) - The United States acted", []string{"Reuters=Reuters/ORGANIZATION", "United States=United States/STATE_ACTOR"}},
		{"dateline with two capitals and a date", "BRUSSELS/WASHINGTON, Jan 5 (AP) -- EU officials said", []string{"EU=European Union/STATE_ACTOR"}},
		{"dateline in title case", "Beijing, May 3 (Reuters) - China said no", []string{"Reuters=Reuters/ORGANIZATION", "China=China/STATE_ACTOR"}},
		{"title case capital before a date, no dateline", "Beijing, May 3, was the deadline China set", []string{"Beijing=China/STATE_ACTOR", "China=China/STATE_ACTOR"}},
		{"capitals listed, no dateline", "WASHINGTON, BEIJING and Moscow all said no", []string{"WASHINGTON=United States/STATE_ACTOR", "BEIJING=China/STATE_ACTOR", "Moscow=Russia/STATE_ACTOR"}},
		{"dotted", "the U.S. and the E.U.", []string{"U.S.=United States/STATE_ACTOR", "E.U.=European Union/STATE_ACTOR"}},
		{"capital as government", "Beijing said so", []string{"Beijing=China/STATE_ACTOR"}},
		{"capital as place", "a conference in Beijing", nil},
		// A capital before a capitalised word is part of a longer name,
		// except before a date or in a headline.
		{"capital inside a name", "the Washington Institute and Moscow State University", nil},
		{"capital before a date", "Beijing Tuesday rejected the claims", []string{"Beijing=China/STATE_ACTOR"}},
		{"capital in a headline", "Beijing Warns Washington Over Arms Sales", []string{"Beijing=China/STATE_ACTOR", "Washington=United States/STATE_ACTOR"}},
		{"capital in a short headline", "Washington Responds", []string{"Washington=United States/STATE_ACTOR"}},
		{"capitals in a hyphen pair", "the Washington-Beijing rivalry", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital before an acronym", "Washington DC has long viewed Huawei as a threat", []string{"Washington=United States/STATE_ACTOR", "Huawei=Huawei/ORGANIZATION"}},
		{"capital before a government body", "Washington Treasury officials and the Beijing Foreign Ministry", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital before a name", "Washington China hawks cheered", []string{"Washington=United States/STATE_ACTOR", "China=China/STATE_ACTOR"}},
		{"capital before State Council", "Beijing State Council officials", []string{"Beijing=China/STATE_ACTOR", "State Council=State Council/ORGANIZATION"}},
		{"capital before a State university", "Moscow State University and Seoul National University", nil},
		{"company named after a capital", "Beijing Automotive and Shanghai Electric", nil},
		{"emphasis, not a dateline", "WASHINGTON, not Beijing, started it, the spokesman said", []string{"WASHINGTON=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"headline in capitals with a brand", "BEIJING, WASHINGTON TRADE BARBS OVER TikTok", []string{"BEIJING=China/STATE_ACTOR", "WASHINGTON=United States/STATE_ACTOR", "TikTok=TikTok/ORGANIZATION"}},
		{"dateline with an agency", "BEIJING, May 3 (Reuters) - China said no", []string{"Reuters=Reuters/ORGANIZATION", "China=China/STATE_ACTOR"}},
		// A news dateline is where the story was filed.
		{"dateline", "WASHINGTON — The Commerce Department acted", []string{"Commerce Department=Department of Commerce/ORGANIZATION"}},
		{"capitals opening a headline", "BEIJING, WASHINGTON CLASH OVER CHIPS", []string{"BEIJING=China/STATE_ACTOR", "WASHINGTON=United States/STATE_ACTOR", "CHIPS=semiconductors/TECHNOLOGY"}},
		{"capital opening a sentence", "Beijing, for its part, rejected the claims", []string{"Beijing=China/STATE_ACTOR"}},
		{"longest match", "Made in China 2025 and the Ministry of Commerce", []string{"Made in China 2025=Made in China 2025/POLICY", "Ministry of Commerce=Ministry of Commerce/ORGANIZATION"}},
		{"hyphen variant", "cyber sovereignty and cyber-sovereignty", []string{"cyber sovereignty=cyber sovereignty/CONCEPT", "cyber-sovereignty=cyber sovereignty/CONCEPT"}},
		{"British spelling", "the International Organisation for Standardisation", []string{"International Organisation for Standardisation=International Organization for Standardization/ORGANIZATION"}},
		{"sensitive common word", "an apple a day; Apple sells", []string{"Apple=Apple/ORGANIZATION"}},
		{"person", "President Xi met Joe Biden", []string{"Xi=Xi Jinping/PERSON", "Joe Biden=Joe Biden/PERSON"}},
		// Titles are context, never part of a person's span.
		{"title before full name", "Premier Li Qiang and President Xi Jinping spoke", []string{"Li Qiang=Li Qiang/PERSON", "Xi Jinping=Xi Jinping/PERSON"}},
		{"title licenses a surname", "President Lai and Foreign Minister Wang Yi", []string{"Lai=Lai Ching-te/PERSON", "Wang Yi=Wang Yi/PERSON"}},
		{"title licenses a surname alone", "Foreign Minister Wang said", []string{"Wang=Wang Yi/PERSON"}},
		{"surname without title", "Lai and Wang said", nil},
		// Capitals: place after a locative, government otherwise.
		{"officials in capital", "officials in Washington and policymakers in Brussels agreed", []string{"Washington=United States/STATE_ACTOR", "Brussels=European Union/STATE_ACTOR"}},
		{"policy makers in capital", "policy makers in Beijing", []string{"Beijing=China/STATE_ACTOR"}},
		{"coordinated capitals follow the first", "planners in Washington and Tokyo", []string{"Washington=United States/STATE_ACTOR", "Tokyo=Japan/STATE_ACTOR"}},
		{"coordinated places stay places", "a summit in Jakarta and Nairobi", nil},
		{"some in capital", "some in Washington see it, and few in Brussels or Tokyo dispute it", []string{"Washington=United States/STATE_ACTOR", "Brussels=European Union/STATE_ACTOR", "Tokyo=Japan/STATE_ACTOR"}},
		{"partners in capitals", "our partners in Washington and Beijing", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital-based", "a Brussels-based think tank and a Beijing-backed fund", []string{"Beijing=China/STATE_ACTOR"}},
		{"Sino-", "Sino-US relations", []string{"Sino=China/STATE_ACTOR", "US=United States/STATE_ACTOR"}},
		{"rules in capitals", "compatible with rules in Brussels, Beijing and Washington", []string{"Brussels=European Union/STATE_ACTOR", "Beijing=China/STATE_ACTOR", "Washington=United States/STATE_ACTOR"}},
		{"visitors in a capital", "foreign diplomats in Beijing and world leaders in Paris", nil},
		{"nationality before governing noun", "the talks saw Chinese officials in Washington", nil},
		{"capital possessive after locative", "central to Beijing's diplomacy", []string{"Beijing=China/STATE_ACTOR"}},
		{"capital possessive place", "a lab in Beijing's Haidian district and hotels in Beijing's suburbs", nil},
		{"capital as the city's events and offices", "the Beijing marathon, the Beijing Olympics and our Brussels office", nil},
		{"capital after a place noun", "the mayor of Beijing and the streets of Brussels", nil},
		{"capital as government beside a city use", "Beijing protested the Beijing marathon's route", []string{"Beijing=China/STATE_ACTOR"}},
		{"place after plain verb", "the delegation arrived in Washington", nil},
		// A capital as a financial centre, a market or a venue is the city.
		{"capital's financial district", "Investors in London's financial district and London's financial district itself", nil},
		{"capital's place anywhere", "Beijing's suburbs are sprawling", nil},
		{"capital's markets", "London's stock market rose, Tokyo's financial markets fell and Frankfurt's bourse held", nil},
		{"capital's financial sector", "London's financial sector courted Chinese banks", nil},
		{"capital's market reforms are the government's", "Beijing's capital market reforms, Beijing's investment regime and Beijing's financial regulators", []string{"Beijing=China/STATE_ACTOR", "Beijing=China/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital's old allies are the government's", "Washington's old allies", []string{"Washington=United States/STATE_ACTOR"}},
		{"capital before market people", "London bankers, London investors and a London listing; London copper rose", nil},
		{"capital listed", "London-listed miners and a London-based fund", nil},
		{"capital before a finance compound", "the London stock market, London hedge funds and Beijing fund managers", nil},
		{"capital's market with a determiner", "the London market for Chinese bonds grew", nil},
		{"capital's exchange by name", "the London Metal Exchange and the London Stock Exchange", nil},
		{"capital as a venue", "at the London summit and the Washington talks", nil},
		{"capital that talks is the government", "Beijing talks up its chip industry and shares Moscow's concerns", []string{"Beijing=China/STATE_ACTOR", "chip=semiconductors/TECHNOLOGY", "Moscow=Russia/STATE_ACTOR"}},
		{"capital is a financial hub", "London is a global financial hub", nil},
		{"capital remains a venue", "London remains the preferred listing venue for Chinese tech firms", nil},
		{"capital made a hub", "The deal makes London a hub for renminbi trading", nil},
		{"capital in apposition to a centre", "London, Europe's largest financial centre, courted Chinese banks", []string{"Europe=Europe/STATE_ACTOR"}},
		{"capitals that are financial centres", "Beijing and London are rival financial centres, and Tokyo or Seoul is a regional hub for fund managers", nil},
		{"capital as a hub of government business", "Washington is the hub for coordinating allied export controls. Washington remains the centre for decisions on export controls. Beijing has become a hub for AI governance diplomacy. Beijing is a hub for Belt and Road lending.", []string{"Washington=United States/STATE_ACTOR", "export controls=export controls/POLICY", "Washington=United States/STATE_ACTOR", "export controls=export controls/POLICY", "Beijing=China/STATE_ACTOR", "AI governance=AI governance/CONCEPT", "Beijing=China/STATE_ACTOR", "Belt and Road=Belt and Road Initiative/POLICY"}},
		{"capital as a hub of markets and visitors", "Tokyo is a hub for start-ups. Paris is the centre for luxury listings. Seoul is a hub for conferences and tourism.", nil},
		{"capital as a destination of goods is the state", "Moscow is a key destination for Chinese drones.", []string{"Moscow=Russia/STATE_ACTOR", "drones=drones/TECHNOLOGY"}},
		{"capital as a destination of visitors", "London is a top destination for Chinese students.", nil},
		{"capital's metal tariffs are the government's", "Washington's aluminium tariffs have angered Beijing. Washington copper tariffs hit Chilean miners.", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR", "Washington=United States/STATE_ACTOR"}},
		{"capital is home to", "London is home to many Chinese banks", nil},
		{"capital as a partner is the government", "Washington is a key partner and London is the main obstacle", []string{"Washington=United States/STATE_ACTOR", "London=United Kingdom/STATE_ACTOR"}},
		{"capital in a list of places", "firms list in New York and London, in Shanghai, Frankfurt and Paris, or in Hong Kong rather than Tokyo", []string{"Hong Kong=Hong Kong/STATE_ACTOR"}},
		{"capital opening a clause after a place", "abuses in Xinjiang, and Beijing responded; in October, and Beijing said so; in Johor, Batam, and Bangkok", []string{"Beijing=China/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital opening a clause after a list", "Huawei builds networks in Africa and Beijing provides the loans", []string{"Huawei=Huawei/ORGANIZATION", "Beijing=China/STATE_ACTOR"}},
		{"capital as the hub of a policy", "Washington is the hub of the alliance and Beijing the centre of decision-making", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital's acts on markets are the government's", "Washington's listing of Chinese firms, Beijing's exchanges with Moscow and Beijing's investment funds", []string{"Washington=United States/STATE_ACTOR", "Beijing=China/STATE_ACTOR", "Moscow=Russia/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital meeting its targets", "with Beijing meeting its targets, Beijing has a vision of a financial hub", []string{"Beijing=China/STATE_ACTOR", "Beijing=China/STATE_ACTOR"}},
		{"capital is one of the centres", "London is one of the world's leading financial centres", nil},
		{"capital after governed place list", "officials in Geneva and London", []string{"London=United Kingdom/STATE_ACTOR"}},
		{"capitals as governments", "London and Beijing signed an accord after pressure from London", []string{"London=United Kingdom/STATE_ACTOR", "Beijing=China/STATE_ACTOR", "London=United Kingdom/STATE_ACTOR"}},
		{"capital's decision", "London's decision to ban Huawei", []string{"London=United Kingdom/STATE_ACTOR", "Huawei=Huawei/ORGANIZATION"}},
		// Determiners are not part of the name.
		{"the government", "the Chinese government and the American government", []string{"Chinese government=China/STATE_ACTOR", "American government=United States/STATE_ACTOR"}},
		{"the Netherlands", "the Netherlands and the Philippines", []string{"Netherlands=Netherlands/STATE_ACTOR", "Philippines=Philippines/STATE_ACTOR"}},
		// "the bloc": the bloc named last before it, else the EU.
		{"the bloc alone", "the bloc's rules", []string{"bloc=European Union/STATE_ACTOR"}},
		{"the bloc after ASEAN", "ASEAN met; the bloc agreed", []string{"ASEAN=ASEAN/STATE_ACTOR", "bloc=ASEAN/STATE_ACTOR"}},
		{"the bloc after EU and BRICS", "the EU and BRICS talked; the bloc agreed", []string{"EU=European Union/STATE_ACTOR", "BRICS=BRICS/ORGANIZATION", "bloc=BRICS/ORGANIZATION"}},
		{"the bloc after NATO", "NATO allies met; the bloc said", []string{"NATO=NATO/ORGANIZATION", "bloc=NATO/ORGANIZATION"}},
		{"other blocs are not the bloc", "the Soviet bloc and a trading bloc", nil},
		// Actors inside longer names.
		{"qualifier and organisation", "US Congress and China's Ministry of Science and Technology", []string{"US=United States/STATE_ACTOR", "Congress=Congress/ORGANIZATION", "China=China/STATE_ACTOR", "Ministry of Science and Technology=Ministry of Science and Technology/ORGANIZATION"}},
		{"qualifier picks the organisation", "the US AI Safety Institute", []string{"US=United States/STATE_ACTOR", "US AI Safety Institute=U.S. AI Safety Institute/ORGANIZATION"}},
		{"joint body", "the EU-US Trade and Technology Council", []string{"EU=European Union/STATE_ACTOR", "US=United States/STATE_ACTOR", "Trade and Technology Council=Trade and Technology Council/ORGANIZATION"}},
		{"bilateral summit", "the Xi-Biden summit", []string{"Xi=Xi Jinping/PERSON", "Xi-Biden summit=Xi-Biden summit/EVENT", "Biden=Joe Biden/PERSON"}},
		{"administration names its leader", "the Trump administration", []string{"Trump=Donald Trump/PERSON", "Trump administration=United States/STATE_ACTOR"}},
		{"trade war names both sides", "the US-China trade war", []string{"US=United States/STATE_ACTOR", "China=China/STATE_ACTOR", "trade war=Trade war/EVENT"}},
		{"firm named after a state", "China Mobile and China Telecom", []string{"China Mobile=China Mobile/ORGANIZATION", "China Telecom=China Telecom/ORGANIZATION"}},
		{"policy named after a state", "the EU AI Act and Made in China 2025", []string{"EU AI Act=EU AI Act/POLICY", "Made in China 2025=Made in China 2025/POLICY"}},
		{"city inside an event name", "the Paris AI Action Summit", []string{"Paris AI Action Summit=AI Action Summit/EVENT"}},
		// Span of a technology: the technology word, not its head noun.
		{"5G networks", "5G networks and humanoid robots", []string{"5G=5G/TECHNOLOGY", "humanoid robots=robotics/TECHNOLOGY"}},
		{"Cyberspace Administration", "the Cyberspace Administration issued rules", []string{"Cyberspace Administration=Cyberspace Administration of China/ORGANIZATION"}},
		{"European Commission is an organisation", "the European Commission and the EU", []string{"European Commission=European Commission/ORGANIZATION", "EU=European Union/STATE_ACTOR"}},
		{"event", "at the World Artificial Intelligence Conference", []string{"World Artificial Intelligence Conference=World Artificial Intelligence Conference/EVENT"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentions(t, tc.text)
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestSentenceBoundary(t *testing.T) {
	// "Made in China 2025" split over two sentences must not match; each
	// entity carries its sentence index.
	d := doc("They were made in. China 2025 plans. Huawei grew.")
	if err := gaz.Process(d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		if e.Canonical == "Made in China 2025" {
			t.Fatal("matched across a sentence boundary")
		}
		if !d.Sentences[e.Sent].Contains(e.Span) {
			t.Errorf("%s: span %v outside sentence %d", e.Canonical, e.Span, e.Sent)
		}
	}
	if len(d.Entities) != 2 || d.Entities[1].Canonical != "Huawei" || d.Entities[1].Sent != 2 {
		t.Errorf("entities = %+v", d.Entities)
	}
}

func TestNEROverlapRemoved(t *testing.T) {
	d := doc("Huawei and Jane Doe met")
	d.Entities = []pipeline.Entity{
		{Span: pipeline.Span{Start: 0, End: 6}, Canonical: "Huawei", Type: "GPE", Source: "ner"},
		{Span: pipeline.Span{Start: 11, End: 19}, Canonical: "Jane Doe", Type: "PERSON", Source: "ner"},
	}
	if err := gaz.Process(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) != 2 || d.Entities[0].Source != Source || d.Entities[1].Source != "ner" {
		t.Errorf("entities = %+v, want the gazetteer Huawei and the NER Jane Doe", d.Entities)
	}
}

func TestSurfaceForms(t *testing.T) {
	a := doc("The US and the U.S. and Washington. The USA")
	b := doc("United States and Beijing")
	for _, d := range []*pipeline.Document{a, b} {
		if err := gaz.Process(d); err != nil {
			t.Fatal(err)
		}
	}
	m := SurfaceForms(a, b)
	if len(m) != 2 || m[0].Canonical != "United States" || m[0].Mentions != 5 {
		t.Fatalf("merged = %+v", m)
	}
	var forms []string
	for _, f := range m[0].Forms {
		forms = append(forms, f.Text)
	}
	if strings.Join(forms, "|") != "U.S.|US|USA|United States|Washington" {
		t.Errorf("forms = %q", forms)
	}
}

func BenchmarkGazetteer(b *testing.B) {
	text := strings.Repeat("Beijing's Ministry of Industry and Information Technology said China and the EU will cooperate on 5G standards at the ITU, while the US tightened export controls on Nvidia chips. ", 50)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		d := doc(text)
		if err := gaz.Process(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGazetteerLongSentence tags one sentence of n words with no full
// stop (a transcript): the cost per word should not grow with n (it did,
// as mentions times words, when the dateline and headline tests were
// asked afresh for every mention).
//
// The capitals case is one chain of capitals joined by "and": the test for
// a shared predicate ("Beijing and London are rival financial centres")
// walked the rest of the chain for every capital in it.
func BenchmarkGazetteerLongSentence(b *testing.B) {
	for _, u := range []struct {
		name, unit string
		words      int
	}{
		{"names", "US President Biden met officials in Beijing and China Mobile executives, ", 11},
		{"capitals", "Beijing and Paris and London and Tokyo and ", 8},
	} {
		for _, reps := range []int{500, 4000} {
			text := strings.Repeat(u.unit, reps)
			words := reps * u.words
			b.Run(fmt.Sprintf("%s/words=%d", u.name, words), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					d := &pipeline.Document{Text: text, Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}}}
					if err := gaz.Process(d); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
			})
		}
	}
}

// TestLongChainOfCapitals: every capital of a long "X and Y and Z" chain
// in one sentence (a transcript with no full stop) is tagged. The chain is
// walked once per sentence, not once per capital; its cost per word is
// measured by BenchmarkGazetteerLongSentence, not here (timings belong in
// benchmarks).
func TestLongChainOfCapitals(t *testing.T) {
	const reps = 2000
	text := strings.Repeat("Beijing and Paris and London and Tokyo and ", reps)
	d := &pipeline.Document{Text: text, Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}}}
	if err := gaz.Process(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) != reps*4 {
		t.Fatalf("%d entities, want %d", len(d.Entities), reps*4)
	}
	for _, e := range d.Entities[:8] {
		if e.Type != "STATE_ACTOR" {
			t.Errorf("%q: %s, want STATE_ACTOR", text[e.Start:e.End], e.Type)
		}
	}
}

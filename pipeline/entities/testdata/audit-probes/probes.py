# Probe sentences and hand annotations (written before running the tagger).
# Expectation: "surface[#n]|TYPES|canonical|flag"; TYPES: S=STATE_ACTOR O=ORGANIZATION P=POLICY
# T=TECHNOLOGY H=PERSON E=EVENT C=CONCEPT, several letters = either accepted; canonical '*' = any;
# flag 'opt' = acceptable if tagged, not counted as a miss if absent.
P = []
def p(pid, text, *exp): P.append((pid, text, list(exp)))

# A. organisations whose names contain a country or city
p("a01","BEIJING, March 4 (Reuters) - Bank of China said on Tuesday it would stop processing payments for three Russian chip distributors named on the Entity List.",
  "Bank of China|O|*|", "Reuters|O|*|opt", "chip|T|semiconductors|opt", "Entity List|P|*|")
p("a02","China Mobile and China Telecom have each pledged to build more than a million 5G base stations by the end of the year.",
  "China Mobile|O|*|", "China Telecom|O|*|", "5G|T|5G|")
p("a03","Researchers at the Chinese Academy of Sciences reported a 504-qubit superconducting processor, a milestone for quantum computing in the country.",
  "Chinese Academy of Sciences|O|*|", "quantum computing|T|quantum computing|")
p("a04","The Beijing Institute of Technology, which trains engineers for the defence industry, was added to the US Entity List in 2020.",
  "Beijing Institute of Technology|O|*|", "US|S|United States|", "Entity List|P|*|")
p("a05","A 2023 report by the Korea Development Institute argued that Seoul cannot afford to pick a side in the chip war.",
  "Korea Development Institute|O|*|", "Seoul|S|South Korea|", "chip war|CT|*|opt")
p("a06","Writing in the Japan Times, a former trade negotiator warned that Tokyo's export curbs on lithography tools would invite retaliation.",
  "Japan Times|O|*|opt", "Tokyo|S|Japan|", "export curbs|P|*|opt", "lithography|T|*|opt")
p("a07","US Steel shareholders approved the sale to Nippon Steel despite objections from both presidential campaigns.",
  "US Steel|O|*|opt", "Nippon Steel|O|*|opt")
p("a08","The Industrial and Commercial Bank of China was hit by a ransomware attack that disrupted trades in US Treasuries.",
  "Industrial and Commercial Bank of China|O|*|", "US|S|United States|opt")
p("a09","China Electronics Technology Group Corporation (CETC) supplies radar and AI-enabled surveillance systems to the People's Liberation Army.",
  "China Electronics Technology Group Corporation|O|*|", "CETC|O|*|", "AI|T|artificial intelligence|", "People's Liberation Army|O|*|")
p("a10","Analysts at the China Academy of Information and Communications Technology, a think tank under MIIT, estimate that the digital economy reached 50 trillion yuan.",
  "China Academy of Information and Communications Technology|O|*|", "MIIT|O|*|", "digital economy|C|*|opt")
p("a11","The Bank of England and the People's Bank of China signed a memorandum on central bank digital currencies.",
  "Bank of England|O|*|", "People's Bank of China|O|*|", "digital currencies|T|*|opt")
p("a12","Taiwan Semiconductor Manufacturing Company, better known as TSMC, will open a second fab in Kumamoto with Sony and Denso.",
  "Taiwan Semiconductor Manufacturing Company|O|TSMC|", "TSMC|O|TSMC|", "Sony|O|*|", "Denso|O|*|")
p("a13","The National University of Singapore and Tsinghua University will co-host a workshop on AI safety.",
  "National University of Singapore|O|*|", "Tsinghua University|O|*|", "AI|T|artificial intelligence|opt", "AI safety|C|*|opt")
p("a14","The American Chamber of Commerce in China said two thirds of its members had delayed investment because of the export controls.",
  "American Chamber of Commerce in China|O|*|", "export controls|P|export controls|")
p("a15","A delegation from the German Marshall Fund of the United States met officials of the Cyberspace Administration of China.",
  "German Marshall Fund of the United States|O|*|", "Cyberspace Administration of China|O|Cyberspace Administration of China|")
p("a16","The European Chamber of Commerce in China warned that the Data Security Law leaves foreign firms guessing about what counts as important data.",
  "European Chamber of Commerce in China|O|*|", "Data Security Law|P|Data Security Law|")
p("a17","Huawei's HiSilicon unit and the Shenzhen-based Semiconductor Manufacturing International Corporation are both subject to US restrictions.",
  "Huawei|O|Huawei|", "HiSilicon|O|*|", "Semiconductor Manufacturing International Corporation|O|SMIC|", "US|S|United States|")
p("a18","The Center for Strategic and International Studies and the Mercator Institute for China Studies published parallel reports on Chinese chip subsidies.",
  "Center for Strategic and International Studies|O|*|", "Mercator Institute for China Studies|O|*|", "chip|T|semiconductors|")
p("a19","Radio Free Asia and the South China Morning Post both reported the arrests.",
  "Radio Free Asia|O|*|opt", "South China Morning Post|O|*|opt")

# B. nationality adjectives vs states
p("b01","Chinese firms now account for more than half of global installations of industrial robots.",
  "robots|T|robotics|")
p("b02","American chips still power most of the data centres that train Chinese large language models.",
  "chips|T|semiconductors|", "data centres|T|data centres|", "large language models|T|large language models|")
p("b03","The Chinese government has ordered state-owned enterprises to replace foreign software by 2027.",
  "Chinese government|S|China|")
p("b04","Chinese authorities detained two employees of a US consultancy in Shanghai last month.",
  "Chinese authorities|S|China|", "US|S|United States|")
p("b05","European regulators and Chinese regulators take very different views of facial recognition.",
  "Chinese regulators|S|China|opt", "facial recognition|T|*|opt")
p("b06","Indian engineers make up a large share of the workforce at Nvidia and Microsoft.",
  "Nvidia|O|Nvidia|", "Microsoft|O|*|")
p("b07","Taiwanese chipmakers fear that a blockade would sever their supply of neon gas.",
  "chipmakers|T|semiconductors|opt")
p("b08","A Chinese Foreign Ministry spokesperson said the sanctions violated international law.",
  "Chinese Foreign Ministry|OS|*|")
p("b09","British officials said the United Kingdom would not follow the Dutch in restricting servicing of DUV machines.",
  "United Kingdom|S|United Kingdom|", "DUV|T|*|opt")
p("b10","Korean memory makers Samsung and SK Hynix received waivers from Washington.",
  "Samsung|O|*|", "SK Hynix|O|*|", "Washington|S|United States|")
p("b11","The Russian military has used Iranian-designed drones against Ukrainian infrastructure.",
  "drones|T|*|opt")

# C. capitals: government vs place
p("c01","Beijing warned on Friday that it would take 'resolute countermeasures' if the Netherlands tightened its export rules.",
  "Beijing|S|China|", "Netherlands|S|Netherlands|", "export rules|P|*|opt")
p("c02","More than 2,000 delegates attended a conference in Beijing on the future of the digital economy.",
  "digital economy|C|*|opt")
p("c03","Washington's allies in Asia are divided over how far to follow its semiconductor controls.",
  "Washington|S|United States|", "semiconductor|T|semiconductors|", "semiconductor controls|P|*|opt")
p("c04","Officials in Brussels are drafting guidance on how the AI Act applies to general-purpose models.",
  "Brussels|S|European Union|opt", "AI Act|P|EU AI Act|")
p("c05","Brussels has opened an anti-subsidy investigation into Chinese electric vehicles.",
  "Brussels|S|European Union|", "electric vehicles|T|*|opt")
p("c06","The summit will be held in Washington next spring, the White House said.",
  "White House|SO|*|opt")
p("c07","Tokyo and Seoul have quietly coordinated their responses to Beijing's rare-earth export ban.",
  "Tokyo|S|Japan|", "Seoul|S|South Korea|", "Beijing|S|China|", "export ban|P|*|opt", "rare-earth|T|*|opt")
p("c08","Moscow has courted Chinese investment in its domestic chip industry since 2022.",
  "Moscow|S|Russia|", "chip|T|semiconductors|")
p("c09","The author spent three years teaching at a university in Moscow before joining the foreign service.")
p("c10","New Delhi has banned more than 300 Chinese apps, including TikTok, on national security grounds.",
  "New Delhi|S|India|", "TikTok|O|*|opt", "national security|C|*|opt")
p("c11","London remains the preferred listing venue for Chinese tech firms seeking access to European capital.")
p("c12","Taipei insists that its chip industry is a 'silicon shield', not a bargaining chip.",
  "Taipei|S|Taiwan|", "chip|T|semiconductors|", "silicon shield|C|*|opt")
p("c13","Canberra and Wellington differ on whether to join the second pillar of AUKUS.",
  "Canberra|S|Australia|", "Wellington|S|New Zealand|", "AUKUS|OPS|*|")
p("c14","Berlin has so far declined to exclude Huawei from its 5G core network.",
  "Berlin|S|Germany|", "Huawei|O|Huawei|", "5G|T|5G|")
p("c15","Beijing-based start-up Zhipu AI released an open-weight model that rivals GPT-4.",
  "Zhipu AI|O|*|", "GPT-4|T|*|opt", "open-weight model|T|*|opt")
p("c16","Jensen Huang, the chief executive of Nvidia, visited Taipei, Shenzhen and Shanghai in January.",
  "Jensen Huang|H|*|", "Nvidia|O|Nvidia|")

# D. ambiguous short forms
p("d01","Let us be clear: none of us believes that decoupling from China is costless.",
  "China|S|China|", "decoupling|C|*|opt")
p("d02","TELL US WHAT YOU THINK: readers can write to the editors at the address below.")
p("d03","The artist Ai Weiwei, who left China in 2015, has called AI-generated art 'a new kind of censorship'.",
  "Ai Weiwei|H|Ai Weiwei|", "China|S|China|", "AI|T|artificial intelligence|")
p("d04","Ai Weiwei's studio in Beijing was demolished by the authorities in 2018.",
  "Ai Weiwei|H|Ai Weiwei|")
p("d05","EU AND CHINA AGREE TO RESUME HIGH-LEVEL DIGITAL DIALOGUE",
  "EU|S|European Union|", "CHINA|S|China|")
p("d06","Georgia's governor welcomed a $5 billion battery plant near Savannah.", "battery|T|*|opt")
p("d07","Georgia's government has signed a memorandum with a Chinese consortium to build a deep-sea port at Anaklia.",
  "Georgia|S|Georgia|")
p("d08","Jordan has joined the Digital Silk Road with a data-centre project in Aqaba.",
  "Jordan|S|Jordan|", "Digital Silk Road|P|Digital Silk Road|", "data-centre|T|data centres|")
p("d09","Michael Jordan and Chad Smith were not on the guest list.",
  "Michael Jordan|H|*|opt", "Chad Smith|H|*|opt")
p("d10","Chad and Niger have both signed cooperation agreements with Huawei on smart-city surveillance.",
  "Chad|S|Chad|", "Niger|S|Niger|", "Huawei|O|Huawei|", "smart-city|T|*|opt")
p("d11","Turkey has been courted by both Washington and Beijing as a manufacturing hub for drones.",
  "Turkey|S|*|", "Washington|S|United States|", "Beijing|S|China|", "drones|T|*|opt")
p("d12","The cafeteria served turkey sandwiches during the closed-door session on AI governance.",
  "AI|TC|*|")
p("d13","Türkiye's defence agency signed a deal with Baykar for AI-enabled targeting software.",
  "Türkiye|S|*|", "Baykar|O|*|opt", "AI|T|artificial intelligence|")
p("d14","The Us and Them exhibition explores how algorithms sort citizens.", "algorithms|T|*|opt")
p("d15","Officials from the U.S. and the E.U. met in Pittsburgh for the Trade and Technology Council.",
  "U.S.|S|United States|", "E.U.|S|European Union|", "Trade and Technology Council|OE|*|")
p("d16","The USA and the UAE signed an agreement on AI chips.",
  "USA|S|United States|", "UAE|S|*|", "AI chips|T|semiconductors|", "AI|T|artificial intelligence|opt")
p("d17","IT ministers from the G7 discussed it at length.",
  "G7|O|*|")
p("d18","India, not China, was the guest of honour at the Quad meeting.",
  "India|S|India|", "China|S|China|", "Quad|O|*|")
p("d19","Mr Li, the premier, spoke after the Indian delegation left.",
  "Li|H|Li Qiang|")

# E. possessives and hyphenated pairs
p("e01","China's push for technological self-reliance has accelerated since 2018.",
  "China|S|China|", "technological self-reliance|C|technological self-reliance|")
p("e02","US-China tensions over semiconductors show no sign of easing.",
  "US|S|United States|", "China|S|China|", "semiconductors|T|semiconductors|")
p("e03","Sino-US relations entered a new phase after the Bali meeting.",
  "Sino|S|China|", "US|S|United States|")
p("e04","The China–EU summit ended without a joint statement on data flows.",
  "China|S|China|", "EU|S|European Union|", "China–EU summit|E|*|opt", "data flows|C|*|opt")
p("e05","Washington's and Tokyo's approaches to chip subsidies diverge.",
  "Washington|S|United States|", "Tokyo|S|Japan|", "chip|T|semiconductors|")
p("e06","The EU's AI Act and China's algorithm registry rest on different assumptions.",
  "EU's AI Act|P|EU AI Act|opt", "EU|S|European Union|", "AI Act|P|EU AI Act|", "China|S|China|", "algorithm|T|*|opt")
p("e07","Britain’s semiconductor strategy, published in May, was widely criticised as underfunded.",
  "Britain|S|United Kingdom|", "semiconductor|T|semiconductors|", "semiconductor strategy|P|*|opt")
p("e08","India-Japan cooperation on undersea cables has been slow to materialise.",
  "India|S|India|", "Japan|S|Japan|", "undersea cables|T|*|")
p("e09","The Russia-Ukraine war has reshaped European thinking about dual-use technology.",
  "Russia|S|Russia|", "Ukraine|S|Ukraine|", "Russia-Ukraine war|E|*|opt", "dual-use|C|*|opt")
p("e10","Xi's and Biden's aides met in Vienna in May.",
  "Xi|H|Xi Jinping|", "Biden|H|Joe Biden|")
p("e11","Sino-Japanese competition in Southeast Asia extends to undersea cables and 5G.",
  "Sino|S|China|opt", "Japanese|S|Japan|opt", "undersea cables|T|*|", "5G|T|5G|")
p("e12","PRC-backed hackers targeted Taiwan's semiconductor supply chain.",
  "PRC|S|China|", "Taiwan|S|Taiwan|", "semiconductor|T|semiconductors|")

# F. persons
p("f01","President Xi told the Politburo that science and technology are the 'primary productive force'.",
  "Xi|H|Xi Jinping|", "Politburo|O|*|opt")
p("f02","Mr Xi did not mention artificial intelligence in his New Year address.",
  "Xi|H|Xi Jinping|", "artificial intelligence|T|artificial intelligence|")
p("f03","Xi and Biden agreed in Woodside to open a government-to-government dialogue on AI risk.",
  "Xi|H|Xi Jinping|", "Biden|H|Joe Biden|", "AI|T|artificial intelligence|")
p("f04","The Biden administration expanded the rules in October 2023 to cover more advanced chips.",
  "Biden|HS|*|", "chips|T|semiconductors|")
p("f05","Premier Li Qiang proposed a new global AI cooperation organisation headquartered in Shanghai.",
  "Li Qiang|H|Li Qiang|", "AI|T|artificial intelligence|")
p("f06","Commerce Secretary Gina Raimondo said the department would not allow China to obtain the most advanced chips.",
  "Gina Raimondo|H|*|", "China|S|China|", "chips|T|semiconductors|")
p("f07","Foreign Minister Wang Yi met his Singaporean counterpart, Vivian Balakrishnan, on the sidelines of the ASEAN meeting.",
  "Wang Yi|H|*|", "Vivian Balakrishnan|H|*|", "ASEAN|SO|ASEAN|")
p("f08","Ursula von der Leyen called for 'de-risking, not decoupling' in a speech in March 2023.",
  "Ursula von der Leyen|H|*|", "de-risking|C|*|opt", "decoupling|C|*|opt")
p("f09","Trump's second term began with tariffs of 10 per cent on all Chinese goods.",
  "Trump|H|Donald Trump|")
p("f10","Speaking to reporters, Donald J. Trump said TikTok 'must be sold'.",
  "Donald J. Trump|H|Donald Trump|", "TikTok|O|*|opt")
p("f11","Ren Zhengfei, Huawei's founder, told employees that the company was in 'survival mode'.",
  "Ren Zhengfei|H|*|", "Huawei|O|Huawei|")
p("f12","XI JINPING ARRIVES IN MOSCOW FOR TALKS WITH PUTIN",
  "XI JINPING|H|Xi Jinping|", "PUTIN|H|*|")
p("f13","Deng Xiaoping's dictum to 'hide your strength and bide your time' is often misquoted.",
  "Deng Xiaoping|H|Deng Xiaoping|")
p("f14","Liu He, the former vice-premier, led the trade talks with Robert Lighthizer.",
  "Liu He|H|*|", "Robert Lighthizer|H|*|")

# G. policies and laws
p("g01","Made in China 2025 named ten priority sectors, from robotics to new-energy vehicles.",
  "Made in China 2025|P|Made in China 2025|", "robotics|T|robotics|", "new-energy vehicles|T|*|opt")
p("g02","The CHIPS Act set aside $39 billion in manufacturing incentives.",
  "CHIPS Act|P|CHIPS and Science Act|")
p("g03","The Trump administration imposed Section 301 tariffs on $250 billion of Chinese imports.",
  "Trump|HS|*|", "Section 301 tariffs|P|*|")
p("g04","More than 600 Chinese entities have been added to the Entity List since 2018.",
  "Entity List|P|*|")
p("g05","The EU AI Act classifies remote biometric identification as a high-risk use.",
  "EU AI Act|P|EU AI Act|", "biometric identification|T|*|opt")
p("g06","Under the Personal Information Protection Law, cross-border transfers require a security assessment by the CAC.",
  "Personal Information Protection Law|P|Personal Information Protection Law|", "CAC|O|Cyberspace Administration of China|")
p("g07","The Belt and Road Initiative has quietly rebranded its digital component as the Digital Silk Road.",
  "Belt and Road Initiative|P|Belt and Road Initiative|", "Digital Silk Road|P|Digital Silk Road|")
p("g08","Article 7 of the National Intelligence Law obliges organisations to 'support, assist and cooperate' with state intelligence work.",
  "National Intelligence Law|P|*|")
p("g09","The Foreign Direct Product Rule lets Washington restrict sales of chips made anywhere with American tools.",
  "Foreign Direct Product Rule|P|*|", "Washington|S|United States|", "chips|T|semiconductors|")
p("g10","The Netherlands' export-control regime for ASML's immersion scanners took effect on 1 September.",
  "Netherlands|S|Netherlands|", "export-control|P|export controls|", "ASML|O|*|", "immersion scanners|T|*|opt")
p("g11","Beijing's 'Global AI Governance Initiative' was unveiled at the Belt and Road Forum in October 2023.",
  "Beijing|S|China|", "Global AI Governance Initiative|P|*|", "Belt and Road Forum|E|*|")
p("g12","The GDPR and China's PIPL are often compared, but their enforcement models differ sharply.",
  "GDPR|P|*|", "China|S|China|", "PIPL|P|Personal Information Protection Law|")
p("g13","The New Generation Artificial Intelligence Development Plan of 2017 set the goal of global leadership by 2030.",
  "New Generation Artificial Intelligence Development Plan|P|New Generation Artificial Intelligence Development Plan|")
p("g14","The Inflation Reduction Act's battery provisions exclude components from a 'foreign entity of concern'.",
  "Inflation Reduction Act|P|*|", "battery|T|*|opt")

# H. events
p("h01","Leaders will meet at the G20 summit in Bali next week, where chips are expected to feature in bilateral talks.",
  "G20|OE|*|", "chips|T|semiconductors|")
p("h02","WAIC opened in Shanghai on Thursday with more than 400 exhibitors showing humanoid robots.",
  "WAIC|E|World Artificial Intelligence Conference|", "robots|T|robotics|")
p("h03","The Bletchley summit produced a declaration signed by 28 countries and the EU, including China.",
  "Bletchley summit|E|AI Safety Summit|", "EU|S|European Union|", "China|S|China|")
p("h04","At the World Internet Conference in Wuzhen, officials promoted cyber sovereignty as a universal principle.",
  "World Internet Conference|E|World Internet Conference|", "cyber sovereignty|C|cyber sovereignty|")
p("h05","The Paris AI Action Summit ended with the US and UK declining to sign the final statement.",
  "AI Action Summit|E|*|", "US|S|United States|", "UK|S|United Kingdom|")
p("h06","At the Shangri-La Dialogue, the Chinese defence minister accused Washington of stoking confrontation.",
  "Shangri-La Dialogue|E|*|", "Washington|S|United States|")
p("h07","The World Artificial Intelligence Conference, held annually since 2018, has become Beijing's showcase for AI diplomacy.",
  "World Artificial Intelligence Conference|E|World Artificial Intelligence Conference|", "Beijing|S|China|", "AI|T|artificial intelligence|")
p("h08","The 20th Party Congress elevated science and technology to a standalone chapter of the work report.",
  "20th Party Congress|E|*|")
p("h09","APEC leaders gathered in San Francisco, where Xi met business executives at a dinner.",
  "APEC|OE|*|", "Xi|H|Xi Jinping|")
p("h10","The Two Sessions in March set a 5 per cent growth target and promised more support for 'new quality productive forces'.",
  "Two Sessions|E|*|", "new quality productive forces|C|*|opt")

# I. technologies and concepts, plural/adjective forms
p("i01","Semiconductors, quantum and biotech are the three areas where outbound investment is now screened.",
  "Semiconductors|T|semiconductors|", "quantum|T|quantum computing|", "biotech|T|biotechnology|", "outbound investment|P|*|opt")
p("i02","Chipmakers in Wuxi have stockpiled older tools ahead of further controls.",
  "Chipmakers|T|semiconductors|opt")
p("i03","The report warns that AI-enabled disinformation could undermine elections across the region.",
  "AI|T|artificial intelligence|")
p("i04","Large-language-model developers in China must file their algorithms with regulators.",
  "Large-language-model|T|large language models|", "China|S|China|", "algorithms|T|*|opt")
p("i05","LLMs trained on Chinese-language data tend to reflect the Party's positions.",
  "LLMs|T|large language models|", "Party|O|*|opt")
p("i06","Quantum-computing research at USTC in Hefei has attracted record funding.",
  "Quantum-computing|T|quantum computing|", "USTC|O|*|")
p("i07","Data centers in Guizhou host much of Apple's iCloud data for Chinese users.",
  "Data centers|T|data centres|", "Apple|O|*|", "iCloud|T|cloud computing|opt")
p("i08","Robotic and autonomous systems are central to the PLA's vision of 'intelligentised warfare'.",
  "Robotic|T|robotics|", "autonomous systems|T|autonomous systems|", "PLA|O|*|", "intelligentised warfare|C|*|opt")
p("i09","Internet sovereignty, sometimes written cyber-sovereignty, is the organising idea of the Chinese approach.",
  "Internet sovereignty|C|cyber sovereignty|", "cyber-sovereignty|C|cyber sovereignty|")
p("i10","Scholars describe a technopolar world in which companies, not states, wield decisive power over AI.",
  "technopolar|C|*|", "AI|T|artificial intelligence|")
p("i11","The European Union's pursuit of strategic autonomy in cloud computing has produced Gaia-X.",
  "European Union|S|European Union|", "strategic autonomy|C|strategic autonomy|", "cloud computing|T|cloud computing|", "Gaia-X|OP|*|opt")
p("i12","Submarine fibre-optic cables carry over 95 per cent of intercontinental data traffic.",
  "fibre-optic cables|T|*|")
p("i13","Beijing wants a bigger voice in global governance, especially digital governance.",
  "Beijing|S|China|", "global governance|C|global governance|", "digital governance|C|digital governance|")
p("i14","5G-enabled factories and the Chinese aerospace sector are the showcase projects.",
  "5G|T|5G|", "aerospace|T|aerospace|")
p("i15","Potato chips and chip-and-PIN cards are not what the export rules cover.",
  "export rules|P|*|opt")
p("i16","The biotechnology sector has fewer chokepoints than semiconductor manufacturing.",
  "biotechnology|T|biotechnology|", "semiconductor|T|semiconductors|", "chokepoints|C|*|opt")
p("i17","China's share of global robotics patents rose to 40 per cent.",
  "China|S|China|", "robotics|T|robotics|")

# J. headlines, bylines, credits, quotes, lists, parentheses, genres
p("j01","China Unveils Sweeping Rules For Generative AI Services",
  "China|S|China|", "AI|T|artificial intelligence|opt", "Generative AI|T|*|opt")
p("j02","By Liu Mei and James Carter | Photo: Xinhua/Getty Images",
  "Liu Mei|H|*|", "James Carter|H|*|", "Xinhua|O|*|opt", "Getty Images|O|*|opt")
p("j03","(Photo: Alex Wong/Getty Images) Commerce Secretary Raimondo speaks at the Capitol.",
  "Alex Wong|H|*|opt", "Getty Images|O|*|opt", "Raimondo|H|*|")
p("j04","\"We will never accept technological hegemony,\" the spokesperson said, adding that China 'opposes the politicisation of trade'.",
  "China|S|China|", "technological hegemony|C|*|opt")
p("j05","Participants included Huawei, ZTE, Alibaba, Tencent and Baidu (all Chinese), as well as Nokia and Ericsson.",
  "Huawei|O|Huawei|", "ZTE|O|ZTE|", "Alibaba|O|Alibaba|", "Tencent|O|Tencent|", "Baidu|O|Baidu|", "Nokia|O|*|", "Ericsson|O|*|")
p("j06","The signatories (the UK, the US, the EU, Japan, India and Singapore) pledged to share evaluations of frontier models.",
  "UK|S|United Kingdom|", "US|S|United States|", "EU|S|European Union|", "Japan|S|Japan|", "India|S|India|", "Singapore|S|Singapore|", "frontier models|T|*|opt")
p("j07","US SANCTIONS SMIC OVER MILITARY TIES",
  "US|S|United States|", "SMIC|O|SMIC|")
p("j08","Asked whether China would retaliate, Mao Ning replied: \"The US side should stop its wrong practices.\"",
  "China|S|China|", "Mao Ning|H|*|", "US|S|United States|")
p("j09","BRUSSELS (AP) — The European Commission fined Apple 1.8 billion euros on Monday.",
  "AP|O|*|opt", "European Commission|OS|*|", "Apple|O|*|")
p("j10","Mr Speaker, this House must decide whether the Chinese Communist Party is a partner or a threat.",
  "Chinese Communist Party|O|*|")
p("j11","The honourable member for Ilford South asked the minister whether Hikvision cameras would be removed from government buildings.",
  "Hikvision|O|*|")
p("j12","In this paper we use data from the Center for Security and Emerging Technology (CSET) to measure AI talent flows.",
  "Center for Security and Emerging Technology|O|*|", "CSET|O|*|", "AI|T|artificial intelligence|")
p("j13","TAIPEI, Oct 5 (Reuters) - Taiwan's defence ministry said 25 Chinese aircraft crossed the median line.",
  "Reuters|O|*|opt", "Taiwan|S|Taiwan|", "defence ministry|O|*|opt")
p("j14","SHANGHAI/WASHINGTON, May 12 — Shares of Chinese chip designers rallied after Washington paused new restrictions.",
  "chip|T|semiconductors|", "Washington|S|United States|")
p("j15","Translated statement of the Ministry of Foreign Affairs of the People's Republic of China: The Chinese side firmly opposes the so-called 'Entity List' designation.",
  "Ministry of Foreign Affairs of the People's Republic of China|OS|*|", "Chinese side|S|China|opt", "Entity List|P|*|")
p("j16","Table 2 lists the EU, China, and the U.S. by number of AI standards proposals submitted to ISO/IEC JTC 1.",
  "EU|S|European Union|", "China|S|China|", "U.S.|S|United States|", "AI|T|artificial intelligence|", "ISO/IEC JTC 1|O|*|")
p("j17","Sources: ITU, 3GPP, WTO, author's calculations.",
  "ITU|O|*|", "3GPP|O|*|", "WTO|O|*|")
p("j18","Ambassador Xie Feng told an audience at the Brookings Institution that China 'does not seek to replace anyone'.",
  "Xie Feng|H|*|", "Brookings Institution|O|*|", "China|S|China|")
p("j19","The Honourable Member (Mr. Jordan) asked about the ban on DeepSeek.",
  "Jordan|H|*|opt", "DeepSeek|O|*|")
p("j20","The People's Republic of China and the Republic of Korea issued a joint statement on supply-chain resilience.",
  "People's Republic of China|S|China|", "Republic of Korea|S|South Korea|", "supply-chain resilience|C|*|opt")

"""English evidence terms for IPTC Media Topics, written by the wirelake team (CC0).

Each entry is ``term`` or ``term^weight`` (weight 1 by default; 2 = specific to the topic, 3 = near-certain). Terms
are lower case, one to three words, and are matched after the same light plural folding as the text (``elections``
matches ``election``), so list singulars and spell out other inflections. A second-level topic's terms also count
for its parent.
"""

KEYWORDS: dict[str, str] = {
    # ---------------------------------------------------------------- arts, culture, entertainment and media
    "medtop:01000000": """
        culture^2, cultural, heritage, museum^2, gallery^2, exhibition^2, exhibit, artist^2, artwork^3, painting^2,
        painter^3, sculpture^3, sculptor^3, curator^3, art^2, arts^2, literary^3, novel^2, novelist^3, poet^3,
        poetry^3, author, book^2, memoir^2, publisher, bestseller^3, fiction^2, library, festival^2, biennale^3,
        architecture^2, architect^2, design, designer, fashion^2, runway^2, costume^2, tradition, folklore^3,
        heritage site^3, monument, unesco^2, opera^3, ballet^3, dance^2, dancer^3, choreographer^3, theater^2,
        theatre^2, playwright^3, broadway^3, stage, royal, photography^2, photographer^2, anniversary,
        literature^3, writer^2, artistic^3, art world^3, art fair^3, masterpiece^3, auction house^3, sotheby^3,
        christie^2, cultural heritage^3, carnival^2, west end^2, performer^3, performing arts^3, book prize^3,
        booker prize^3, short story^3, manga^3, anime^3, exhibited^3, retrospective^2
    """,
    "medtop:20000002": """
        film^2, movie^3, cinema^3, box office^3, director, actor^3, actress^3, starring^3, screenplay^3,
        hollywood^3, oscar^3, oscars^3, academy award^3, golden globe^3, emmy^3, grammy^3, bafta^3, cannes^3,
        sundance^3, premiere^3, sequel^3, trailer^2, franchise, blockbuster^3, studio^2, animation^3, animated^3,
        netflix^2, disney^2, streaming series^3, tv series^3, series^1, season^1, episode^3, sitcom^3, drama^2,
        comedy^2, comedian^3, musical^3, music^3, musician^3, song^3, singer^3, songwriter^3, album^3, single^1,
        band^2, concert^3, tour^1, rapper^3, hip-hop^3, pop star^3, rock^1, jazz^3, orchestra^3, symphony^3,
        composer^3, pianist^3, guitarist^3, billboard^2, chart^1, spotify^2, record label^3, lyric^3, celebrity^2,
        entertainment^2, star^1, fan^1, audience^1, performance^1, red carpet^3, reality show^3, reality tv^3,
        superhero^3, marvel^3, character^2, role^1, cast^2, filmmaker^3,
        documentary^2, critic^2, review^1, rapper^3, dj^2,
        film festival^3, box-office^3, biopic^3, thriller^2, horror film^3, horror movie^3, rom-com^3, directed by^3,
        cinematographer^3, producer^1, hbo^3, hulu^3, prime video^3, showrunner^3, miniseries^3, tv show^3,
        television series^3, stand-up^2, soundtrack^3, singer-songwriter^3, vocalist^3, drummer^3, bassist^3,
        frontman^3, lead singer^3, rock band^3, k-pop^3, bollywood^3, nollywood^3, debut album^3, chart-topping^3,
        tour date^3, gig^1, films^2, movies^3, screenwriter^3, box office hit^3, streaming^1, on screen^2
    """,
    "medtop:20000045": """
        journalist^2, journalism^3, newspaper^2, magazine^2, broadcaster^2, broadcast^1, television^2, tv^1,
        radio^2, newsroom^3, editor^2, press freedom^3, media^1, podcast^2, anchor^1, tabloid^3, bbc^1, cnn^1
    """,
    # ---------------------------------------------------------------- crime, law and justice
    "medtop:02000000": """
        law^1, legal^1, lawsuit^2, sue^2, sued^2, suing^2, litigation^2, plaintiff^3, defendant^3, settlement^1,
        lawyer^2, attorney^2, counsel^1, legal action^2, ruling^2, ruled^2, rule^0.5, appeal^1, justice^1,
        constitution^1, constitutional^1, unconstitutional^2, rights^0.5, injunction^3, damages^1
    """,
    "medtop:20000082": """
        crime^2, criminal^2, murder^3, murdered^3, homicide^3, killing^2, killed^1, stabbing^3, stabbed^3,
        shooting^2, shot dead^3, gunman^2, robbery^3, robbed^3, burglary^3, theft^3, stolen^2, steal^2, fraud^3,
        fraudulent^3, scam^3, scammer^3, money laundering^3, laundering^3, bribery^3, bribe^3, corruption^2,
        embezzlement^3, smuggling^3, trafficking^3, drug dealer^3, cartel^2, gang^3, mafia^3, kidnapping^3,
        kidnapped^3, abduction^3, assault^2, rape^3, sexual assault^3, abuse^1, victim^1, suspect^3, suspects^3,
        hacker^2, ransomware^2, cybercrime^3, extortion^3, manslaughter^3, crime scene^3, serial killer^3
    """,
    "medtop:20000106": """
        court^2, courtroom^3, judge^2, jury^3, juror^3, trial^2, verdict^3, sentenced^3, sentence^1, sentencing^3,
        convicted^3, conviction^2, acquitted^3, acquittal^3, guilty^3, not guilty^3, pleaded^3, plea^2,
        prosecutor^3, prosecution^2, prosecuted^3, indicted^3, indictment^3, charged with^3, charge^1, charged^2,
        testimony^2, testified^3, witness^1, supreme court^2, high court^2, appeals court^3, magistrate^3,
        hearing^1, case^1, bail^3, prison^2, jail^2, jailed^3, imprisoned^2, imprisonment^3, inmate^2,
        death penalty^3, parole^3, custody^1, extradition^3, extradited^3
    """,
    "medtop:20000129": """
        police^2, policeman^3, police officer^3, officers^1, detective^3, arrest^2, arrested^3, arresting^2,
        investigation^1, investigator^1, fbi^2, raid^1, warrant^2, patrol^1, sheriff^3, constable^3, scotland yard^3,
        law enforcement^3, cop^2, forensic^2, custody^1, interpol^3, manhunt^3
    """,
    # ---------------------------------------------------------------- disaster, accident and emergency incident
    "medtop:03000000": """
        emergency^1, rescue^2, rescuer^3, rescued^2, evacuate^3, evacuated^3, evacuation^3, casualties^1,
        death toll^3, injured^1, injuries^1, survivor^2, missing^1, debris^2, rubble^3, relief effort^3,
        first responder^3, firefighter^3, fire brigade^3, paramedic^2, ambulance^2, red cross^2, aid agency^1
    """,
    "medtop:20000139": """
        accident^3, crash^2, crashed^2, collision^3, collided^3, derailed^3, derailment^3, plane crash^3,
        car crash^3, road accident^3, traffic accident^3, capsized^3, sank^2, shipwreck^3, fire^1, blaze^3,
        explosion^2, exploded^2, blast^1, gas leak^3, building collapse^3, collapsed^2, drowned^3, drowning^3,
        fatal^2, fatality^2, pileup^3, stampede^3
    """,
    "medtop:20000148": """
        disaster^3, earthquake^3, quake^3, tremor^2, aftershock^3, magnitude^2, tsunami^3, volcano^3, volcanic^3,
        eruption^3, landslide^3, mudslide^3, avalanche^3, flood^2, flooding^2, flash flood^3, wildfire^3,
        bushfire^3, forest fire^3, famine^3, hurricane^2, cyclone^2, typhoon^2, tornado^2, state of emergency^2,
        humanitarian^1, displaced^1
    """,
    # ---------------------------------------------------------------- economy, business and finance
    "medtop:04000000": """
        economy^2, economic^2, business^2, businesses^2, company^2, companies^2, firm^1, corporate^2, industry^2,
        industrial^1, sector^1, market^1, finance^2, financial^2, money^1, price^1, prices^1, cost^1, costs^1,
        billion^1, million^0.5, dollar^1, euro^1, pound^0.5, yen^2, yuan^2, rupee^2, revenue^3, profit^3, profits^3,
        loss^1, sales^2, sale^1, earnings^3, quarter^1, quarterly^3, fiscal^2, annual^0.5, customer^2,
        consumer^2, retail^3, retailer^3, supermarket^2, shop^1, store^1, brand^2, product^2, manufacturing^3,
        manufacturer^3, factory^2, supply chain^3, supplier^2, export^3, import^2, trade^2, tariff^3, deal^1,
        merger^3, acquisition^3, acquire^3, takeover^3, bid^1, startup^2, entrepreneur^3, founder^1, chief executive^3,
        ceo^3, cfo^3, executive^2, board^1, shareholder^3, investor^3, investment^2, invest^2, fund^1, bank^2,
        banking^3, lender^3, loan^2, mortgage^3, credit^2, debt^2, insurance^2, insurer^3, airline^2, oil^1,
        gas^0.5, energy^1, commodity^3, real estate^3, property^1, housing market^3, rent^1, tax^1, taxes^1,
        subsidy^2, budget^1, spending^1, growth^1, demand^1, supply^1, valuation^3, funding^1, venture capital^3,
        ipo^3, bankruptcy^3, bankrupt^3, layoff^2, restructuring^2, analyst^2, forecast^1, outlook^1,
        boeing^1, tesla^1, amazon^1, walmart^2, crypto^2, cryptocurrency^3, bitcoin^3, blockchain^2,
        corporation^2, inc^2, ltd^2, plc^3, economies^2, market share^3, profit margin^3, operating profit^3,
        net income^3, per share^3, fiscal year^3, year-on-year^3, year over year^3, basis point^3, rate cut^3,
        rate hike^3, consumer spending^3, retail sales^3, wholesale^3, e-commerce^3, ecommerce^3, logistics^2,
        automaker^3, carmaker^3, billionaire^2, tax cut^2, trade war^3, chairman^1, turnover^2, shares^1,
        trillion^1, finance minister^2, treasury^1, business leader^3, small business^3, economy minister^3
    """,
    "medtop:20000344": """
        inflation^3, gdp^3, gross domestic product^3, recession^3, economic growth^3, economist^3, interest rate^3,
        interest rates^3, central bank^3, federal reserve^3, the fed^3, ecb^3, bank of england^3, monetary policy^3,
        fiscal policy^3, stimulus^2, deficit^2, unemployment rate^3, jobs report^3, consumer price^3, cost of living^2,
        exchange rate^3, currency^2, imf^2, world bank^2, austerity^3, productivity^2, trade deficit^3,
        economic outlook^3
    """,
    "medtop:20000385": """
        stock^2, stocks^2, share price^3, shares^2, stock market^3, stock exchange^3, wall street^3, nasdaq^3,
        dow jones^3, s&p^3, ftse^3, nikkei^3, dax^3, index^1, bond^2, bonds^2, treasury yield^3, yield^2,
        trader^3, trading^2, equities^3, hedge fund^3, market value^3, market capitalization^3, valuation^2,
        rally^1, sell-off^3, selloff^3, investor^2, brent^3, crude^2, futures^2, forex^3, bull market^3,
        bear market^3
    """,
    "medtop:20000170": """
        quarterly results^3, annual results^3, earnings report^3, revenue^1, profit warning^3, guidance^2,
        chief executive^1, ceo^1, announced^0.5, launch^1, job cuts^2, stake^2, subsidiary^3, conglomerate^3
    """,
    # ---------------------------------------------------------------- education
    "medtop:05000000": """
        education^3, educational^3, university^2, universities^2, college^2, campus^2, student^2, students^2,
        tuition^3, degree^1, graduate^2, graduation^3, academic^2, scholarship^3, professor^1, lecturer^2,
        curriculum^3, exam^3, exams^3, examination^2, learning^1, literacy^3, school^2, schools^2, pupil^3,
        teacher^3, teaching^2, classroom^3, kindergarten^3, preschool^3, homework^3, head teacher^3,
        headteacher^3, principal^1, education minister^3, student loan^3, enrolment^3, enrollment^3
    """,
    "medtop:20000400": """
        primary school^3, secondary school^3, high school^3, elementary school^3, school district^3,
        school board^3, public school^3, private school^3
    """,
    # ---------------------------------------------------------------- environment
    "medtop:06000000": """
        environment^2, environmental^3, pollution^3, polluted^3, pollutant^3, emission^2, emissions^2,
        conservation^3, wildlife^3, species^2, endangered^3, extinction^3, biodiversity^3, habitat^3, ecosystem^3,
        deforestation^3, forest^1, rainforest^3, ocean^1, plastic^2, recycling^3, waste^1, sustainability^2,
        sustainable^2, green^1, renewable^2, solar^1, wind power^2, wind farm^2, clean energy^2, fossil fuel^2,
        coal^1, air quality^3, smog^3, toxic^1, contamination^2, contaminated^2, drought^2, water supply^1,
        national park^2, nature^1, environmentalist^3, greenpeace^3, poaching^3
    """,
    "medtop:20000418": """
        climate change^3, climate^3, global warming^3, greenhouse gas^3, carbon^2, carbon dioxide^3, co2^3,
        net zero^3, paris agreement^3, cop28^3, cop29^3, cop30^3, cop^1, ipcc^3, decarbonisation^3,
        decarbonization^3, climate crisis^3, emissions target^3, warming^2, heatwave^1, sea level^3, glacier^2
    """,
    # ---------------------------------------------------------------- health
    "medtop:07000000": """
        health^2, healthcare^3, health care^3, hospital^2, patient^2, patients^2, doctor^2, doctors^2, nurse^2,
        physician^3, medical^2, medicine^2, drug^1, drugs^1, treatment^2, therapy^2, vaccine^3, vaccination^3,
        vaccinated^3, clinical^3, clinic^2, surgery^3, surgeon^3, diagnosis^3, diagnosed^3, symptom^3, mental health^3,
        public health^3, nhs^2, world health organization^3, pharmaceutical^2, pharma^2, fda^2, dose^2,
        obesity^3, diet^1, nutrition^2, smoking^2, tobacco^2, alcohol^1, overdose^2, opioid^3, life expectancy^3,
        wellbeing^1, care home^2, medicaid^2, medicare^2, abortion^1
    """,
    "medtop:20000446": """
        disease^3, diseases^3, virus^2, viral^1, infection^3, infected^3, infectious^3, outbreak^3, epidemic^3,
        pandemic^3, covid^3, covid-19^3, coronavirus^3, influenza^3, flu^3, measles^3, malaria^3, ebola^3,
        cholera^3, hiv^3, aids^2, tuberculosis^3, cancer^3, tumour^3, tumor^3, diabetes^3, dementia^3,
        alzheimer^3, heart disease^3, stroke^1, illness^3, ill^1, chronic^2, mpox^3, dengue^3, bird flu^3
    """,
    # ---------------------------------------------------------------- human interest
    "medtop:08000000": """
        human interest^3, heartwarming^3, viral video^3, birthday^3, centenarian^3, celebrated^1, pet^2, dog^2,
        cat^1, puppy^3, kitten^3, animal^1, zoo^2, anniversary^1, wedding^2, married^1, couple^1, prince^1,
        princess^2, royal family^2, king charles^1, record-breaking^2, guinness world record^3, world record^1,
        oldest^2, reunited^3, quirky^3, lottery^2, jackpot^2, award^1, honour^1, honored^1, hero^1
    """,
    # ---------------------------------------------------------------- labour
    "medtop:09000000": """
        labour^2, labor^2, worker^2, workers^2, employee^2, employees^2, employer^2, employment^3, job^2, jobs^2,
        wage^3, wages^3, minimum wage^3, salary^2, pay^1, pay rise^3, pension^2, retirement^2, workplace^3,
        workforce^2, hiring^2, unemployed^2, unemployment^2, labour market^3, labor market^3, staff^1,
        working conditions^3, overtime^3, gig economy^3, remote work^2, layoff^2, redundancy^3
    """,
    "medtop:20000536": """
        union^1, trade union^3, labor union^3, labour union^3, unionise^3, unionize^3, strike^2, striking^2,
        walkout^3, picket^3, industrial action^3, collective bargaining^3, teamsters^3, uaw^3, tuc^3, afl-cio^3
    """,
    # ---------------------------------------------------------------- lifestyle and leisure
    "medtop:10000000": """
        lifestyle^3, leisure^3, travel^2, traveller^2, traveler^2, tourism^2, tourist^2, holiday^2, vacation^3,
        destination^2, hotel^2, resort^2, cruise^2, beach^1, restaurant^3, chef^3, cuisine^3, recipe^3, cooking^3,
        food^1, dish^2, menu^2, wine^2, beer^1, cocktail^3, coffee^1, bakery^3, fitness^2, workout^3, yoga^3,
        gardening^3, garden^2, hobby^3, shopping^1, home decor^3, interior^2, beauty^2, skincare^3, makeup^2,
        dating^2, relationship^1, parenting^2, wellness^3, spa^2, hiking^2, camping^3, outdoor^1,
        video game^3, gaming^2, gamer^3, console^2, playstation^3, xbox^3, nintendo^3, buying guide^3,
        gift guide^3, deals^1, holiday gift^3
    """,
    # ---------------------------------------------------------------- politics
    "medtop:11000000": """
        politics^3, political^3, politician^3, party^1, parties^1, opposition^2, democrat^2, democrats^2,
        democratic^1, republican^2, republicans^2, gop^3, conservative^2, conservatives^2, labour party^3,
        liberal^1, socialist^2, populist^2, far-right^2, far right^2, left-wing^2, right-wing^2, coalition^2,
        lawmaker^3, lawmakers^3, legislator^3, legislation^2, legislative^2, bill^1, senator^3, senate^3,
        congress^3, congressional^3, congressman^3, congresswoman^3, house of representatives^3, parliament^3,
        parliamentary^3, mp^2, mps^2, speaker^1, policy^1, reform^1, referendum^3, impeachment^3, impeach^3,
        veto^2, white house^2, downing street^3, kremlin^2, president^1, presidential^2, prime minister^2,
        chancellor^1, minister^1, ministry^1, cabinet^2, governor^1, mayor^1, administration^1, state department^2,
        sanctions^1, sanction^1, diplomat^2, diplomatic^2, trump^1, biden^1, harris^1, starmer^1, macron^1,
        putin^1, zelensky^1, xi jinping^1, modi^1, scholz^1, merz^1, sunak^1, netanyahu^1, erdogan^1,
        protest^0.5, activist^1, human rights^2, civil rights^2, democracy^2, authoritarian^2, regime^1,
        constitution^1,
        minister^2, conservative party^3, tory^3, tories^3, liberal democrat^3, snp^3, cdu^3, spd^3, afd^3,
        bjp^3, ldp^3, likud^3, national rally^3, green party^3, democratic party^3, republican party^3, anc^2,
        opposition leader^3, ruling party^3, head of state^2, governing^2, legislature^3, national assembly^3,
        state assembly^3, bundestag^3, duma^3, knesset^3, house speaker^3, home secretary^3, interior minister^3,
        first minister^3, president-elect^3, vice president^2, partisan^3, bipartisan^3, filibuster^3,
        politically^3, campaign trail^3, election campaign^3, government^1, senior minister^3, cabinet minister^3,
        party leader^3, leadership contest^3, no-confidence^3, no confidence^2, by-election^3
    """,
    "medtop:20000574": """
        election^3, elections^3, elected^2, electoral^3, vote^2, votes^2, voted^2, voter^3, voters^3, voting^2,
        ballot^3, ballots^3, poll^1, polls^1, polling^2, campaign^1, campaigning^2, candidate^2, candidacy^3,
        primary^1, primaries^3, caucus^3, nominee^2, nomination^1, runoff^3, re-election^3, reelection^3,
        landslide victory^3, turnout^3, constituency^3, electorate^3, incumbent^2, swing state^3, midterm^3
    """,
    "medtop:20000593": """
        government^2, governments^2, cabinet^1, ministry^1, minister^1, federal^1, state government^3,
        spokesman^0.5, spokeswoman^0.5, official^0.5, officials^0.5, agency^0.5, public sector^2, civil servant^3,
        regulator^1, regulation^1, executive order^3, decree^2, budget^1
    """,
    "medtop:20000638": """
        international relations^3, foreign policy^3, foreign minister^3, foreign ministry^3, secretary of state^2,
        diplomacy^3, diplomat^2, diplomatic^2, ambassador^3, embassy^3, summit^2, bilateral^3, treaty^2,
        united nations^2, un security council^3, security council^3, nato^2, european union^1, g7^3, g20^3,
        sanctions^2, envoy^3, talks^1, state visit^3
    """,
    # ---------------------------------------------------------------- religion
    "medtop:12000000": """
        religion^3, religious^3, faith^2, church^3, churches^3, catholic^3, pope^3, vatican^3, bishop^3,
        archbishop^3, priest^3, clergy^3, pastor^3, evangelical^3, christian^2, christianity^3, muslim^2,
        islam^3, islamic^2, mosque^3, imam^3, ramadan^3, eid^3, hajj^3, jewish^2, judaism^3, synagogue^3,
        rabbi^3, hindu^2, hinduism^3, temple^2, buddhist^2, buddhism^3, monk^3, nun^3, sikh^2, god^2, prayer^3,
        worship^3, congregation^3, spiritual^2, theology^3, bible^3, quran^3, koran^3, diocese^3, parish^3,
        christmas^1, easter^2, blasphemy^3, saint^1
    """,
    # ---------------------------------------------------------------- science and technology
    "medtop:13000000": """
        science^3, scientific^3, scientist^3, scientists^3, research^2, researcher^3, researchers^3, study^1,
        studies^1, laboratory^3, lab^2, experiment^3, journal^1, published in^2, peer-reviewed^3, nature journal^3,
        discovery^2, discovered^1, innovation^1, technology^2, technologies^2, tech^2,
        findings^2, published in the journal^3, the journal nature^3, the journal science^3, peer reviewed^3,
        preprint^3, sciences^3, scientifically^3, technological^3, tech firm^3, space station^3, spacex^3,
        outer space^3, space^0.5, research team^3, study published^3, co-author^3, lead author^3
    """,
    "medtop:20000717": """
        physics^3, physicist^3, chemistry^3, chemist^3, biology^3, biologist^3, astronomy^3, astronomer^3,
        telescope^3, galaxy^3, planet^3, asteroid^3, comet^3, star formation^3, black hole^3, universe^3,
        cosmic^3, nasa^3, space agency^3, esa^2, spacecraft^3, astronaut^3, rocket^2, launch^0.5, orbit^3,
        satellite^2, mars^2, moon^1, lunar^3, solar system^3, fossil^3, dinosaur^3, paleontologist^3,
        archaeologist^3, archaeology^3, archaeological^3, evolution^2, genome^3, gene^3, genetic^3, dna^3,
        molecule^3, particle^3, quantum^3, species^1, ecologist^3, geologist^3, neuroscience^3, neuron^3
    """,
    "medtop:20000756": """
        artificial intelligence^3, ai^3, machine learning^3, chatbot^3, chatgpt^3, openai^3, generative^3,
        large language model^3, algorithm^2, software^3, hardware^2, app^2, apps^2, smartphone^3, iphone^3,
        android^3, device^2, gadget^3, computer^2, computing^3, laptop^3, tablet^1, chip^2, chips^2,
        semiconductor^3, processor^3, nvidia^3, intel^2, apple^1, google^2, microsoft^2, meta^1, facebook^2,
        instagram^2, tiktok^2, twitter^1, social media^2, platform^1, internet^2, online^1, website^2, digital^2,
        data^1, cloud^1, cybersecurity^3, cyberattack^3, hacker^1, hack^1, hacked^1, encryption^3, robot^3,
        robotics^3, drone^1, electric vehicle^2, battery^2, self-driving^3, autonomous^2, engineer^2,
        engineering^2, 5g^3, broadband^3, telecom^2, programmer^3, developer^1, startup^1, silicon valley^3,
        tech giant^3, tech company^3, user^2, users^2, feature^1, update^1, browser^3, search engine^3,
        virtual reality^3, vr^2, augmented reality^3, wi-fi^3, bluetooth^3, gigabyte^3,
        cyber^2, supercomputer^3, data center^3, data centre^3, llm^3, anthropic^3, deepmind^3,
        neural network^3, open source^2, open-source^2, operating system^3, ios^3, macos^3, linux^3, password^2,
        malware^3, phishing^3, vulnerability^2, chipmaker^3, artificial-intelligence^3, ai model^3, gpu^3
    """,
    # ---------------------------------------------------------------- society
    "medtop:14000000": """
        society^2, social^1, community^2, communities^2, inequality^3, poverty^3, homeless^3, homelessness^3,
        welfare^2, social security^2, charity^2, volunteer^2, volunteers^2, discrimination^3, racism^3, racist^3,
        gender^2, women's rights^3, lgbt^3, lgbtq^3, transgender^3, same-sex^3, gay^2, feminist^3, equality^2,
        diversity^2, family^1, families^1, child^1, children^1, youth^1, elderly^2, ageing^2, aging^1,
        population^1, census^3, demographic^3, birth rate^3, housing^1, affordable housing^3, social media^0.5,
        migrant^2, refugee^1, generation^1, marriage^1, divorce^2
    """,
    "medtop:20000771": """
        immigration^3, immigrant^3, immigrants^3, migrant^2, migrants^2, migration^3, asylum^3, asylum seeker^3,
        refugee^2, refugees^2, deportation^3, deported^3, border crossing^3, border patrol^3, undocumented^3,
        visa^2, citizenship^2
    """,
    # ---------------------------------------------------------------- sport
    "medtop:15000000": """
        sport^3, sports^3, athlete^3, athletes^3, team^1, teams^1, coach^3, coached^3, player^2, players^2,
        match^2, game^1, games^1, season^1, league^3, championship^3, champion^2, champions^2, title^1,
        tournament^3, cup^2, final^1, semifinal^3, semi-final^3, quarterfinal^3, quarter-final^3, playoff^3,
        playoffs^3, score^1, scored^3, scoring^2, goal^2, goals^2, win^1, won^1, victory^1, defeat^2, defeated^1,
        beat^1, draw^1, stadium^3, fans^1, olympic^3, olympics^3, paralympic^3, world cup^3, medal^3, medallist^3,
        medalist^3, football^3, soccer^3, premier league^3, la liga^3, bundesliga^3, serie a^3, champions league^3,
        uefa^3, fifa^3, striker^3, midfielder^3, defender^2, goalkeeper^3, penalty^1, free kick^3, hat-trick^3,
        manager^1, transfer^1, basketball^3, nba^3, baseball^3, mlb^3, nfl^3, quarterback^3, touchdown^3,
        super bowl^3, hockey^3, nhl^3, tennis^3, wimbledon^3, grand slam^3, golf^3, pga^3, cricket^3, wicket^3,
        innings^3, rugby^3, cycling^2, tour de france^3, formula one^3, formula 1^3, f1^3, grand prix^3,
        motorsport^3, boxing^3, boxer^3, ufc^3, wrestling^2, marathon^3, athletics^3, sprinter^3, swimmer^3,
        swimming^2, skier^3, skiing^2, gymnast^3, racing^1, race^1, lap^2, pitcher^3, inning^3, home run^3,
        rebound^2, dunk^3, coach^2, referee^3, var^2, relegation^3, promoted^1, kickoff^3, kick-off^3,
        clean sheet^3, overtime^1, roster^3, draft pick^3, free agent^3, ncaa^3, varsity^3, sprint^1, podium^3,
        squad^3, teammate^3, head coach^3, fixture^2, derby^2, standings^3, ranked^1, ranking^1, seeded^3,
        knockout^2, group stage^3, qualifier^3, qualifying^2, olympian^3, world champion^3, title race^3,
        unbeaten^3, winless^3, undefeated^3, halftime^3, half-time^3, first half^2, second half^2, injury time^3,
        stoppage time^3, extra time^3, equaliser^3, equalizer^3, assist^2, yard^1, batting^3, bowler^3, bowling^2,
        test match^3, odi^3, ipl^3, t20^3, nascar^3, indycar^3, motogp^3, atp^3, wta^3, french open^3,
        australian open^3, us open^2, ryder cup^3, six nations^3, copa america^3, mls^3, wnba^3, transfer window^3,
        free agency^3, trade deadline^3, bullpen^3, point guard^3, winger^3, centre-back^3, center back^3,
        full-back^3, skipper^2, gold medal^3, silver medal^3, bronze medal^3, personal best^3, grand final^3,
        premiership^3, ligue 1^3, eredivisie^3, a-league^3, espn^3, sky sports^3, sportsman^3, sportswoman^3,
        sporting^2, club^1, fc^3, season opener^3, preseason^3, pre-season^3, postseason^3
    """,
    # ---------------------------------------------------------------- conflict, war and peace
    "medtop:16000000": """
        war^3, wars^3, warfare^3, conflict^2, peace^2, ceasefire^3, truce^3, peace talks^3, peace deal^3,
        peace process^3, hostage^3, hostages^3, prisoner of war^3, military^2, troops^3, soldier^3, soldiers^3,
        army^2, armed forces^3, defence^1, defense^1, defence minister^3, defense secretary^3, pentagon^2,
        invasion^3, invade^3, occupied^2, occupation^2, frontline^3, front line^3, offensive^2, missile^3,
        missiles^3, drone strike^3, airstrike^3, air strike^3, shelling^3, bombardment^3, bombing^2, bomb^2,
        weapon^2, weapons^2, ammunition^3, artillery^3, tank^1, navy^2, air force^2, militant^3, militants^3,
        insurgent^3, rebel^3, rebels^3, militia^3, guerrilla^3, coup^3, civil war^3, gaza^2, hamas^3,
        hezbollah^3, idf^3, houthi^3, houthis^3, ukraine^1, russia^0.5, kyiv^1, nuclear weapon^3, protest^1,
        protester^3, protesters^3, demonstrators^3, riot^3, clashes^3, unrest^3, tear gas^3, genocide^3,
        war crimes^3
    """,
    "medtop:20000053": """
        terror^3, terrorism^3, terrorist^3, terrorists^3, terror attack^3, suicide bomber^3, suicide bombing^3,
        jihadist^3, isis^3, islamic state^3, al-qaeda^3, al qaeda^3, extremist^3, radicalised^3, radicalized^3,
        counter-terrorism^3
    """,
    "medtop:20000056": """
        armed conflict^3, fighting^2, battle^2, combat^3, killed in^1, strike^1, attack^1, attacks^1,
        offensive^1, troops^1, ceasefire^1
    """,
    # ---------------------------------------------------------------- weather
    "medtop:17000000": """
        weather^3, forecast^1, forecaster^3, meteorologist^3, meteorological^3, met office^3, rain^2, rainfall^3,
        heavy rain^3, snow^2, snowfall^3, blizzard^3, storm^2, thunderstorm^3, hail^3, wind^1, gust^3, gusts^3,
        temperature^2, temperatures^2, heat^1, heatwave^2, heat wave^2, cold snap^3, frost^3, freezing^2,
        celsius^2, fahrenheit^2, degrees^1, humidity^3, sunny^3, cloudy^3, showers^2, weather warning^3,
        national weather service^3, el nino^3, la nina^3, monsoon^3, hurricane^2, typhoon^2, cyclone^2,
        tornado^2, drought^1
    """,
    "medtop:20001129": """
        heatwave^2, heat wave^2, storm^1, hurricane^2, typhoon^2, cyclone^2, tornado^2, blizzard^2, monsoon^2,
        thunderstorm^2, snowstorm^3, tropical storm^3, landfall^3
    """,
}

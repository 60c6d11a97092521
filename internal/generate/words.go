package generate

// intergovernmental lists real international organizations: the partners a
// cooperation office meets most. The first is the office's own organization.
// IATI identifiers are given where they are the organizations' published ones.
var intergovernmental = []struct {
	en, fr, ar, acronym, typ, iati, hq, web, parent string
}{
	{"Organisation of Islamic Cooperation", "Organisation de la coopération islamique", "منظمة التعاون الإسلامي", "OIC", "40", "", "SA", "https://www.oic-oci.org", ""},
	{"World Health Organization", "Organisation mondiale de la Santé", "منظمة الصحة العالمية", "WHO", "40", "XM-DAC-928", "CH", "https://www.who.int", ""},
	{"International Organization for Migration", "Organisation internationale pour les migrations", "المنظمة الدولية للهجرة", "IOM", "40", "XM-DAC-47066", "CH", "https://www.iom.int", ""},
	{"International Committee of the Red Cross", "Comité international de la Croix-Rouge", "اللجنة الدولية للصليب الأحمر", "ICRC", "21", "XM-DAC-21016", "CH", "https://www.icrc.org", ""},
	{"United Nations Children's Fund", "Fonds des Nations unies pour l'enfance", "منظمة الأمم المتحدة للطفولة", "UNICEF", "40", "XM-DAC-41122", "US", "https://www.unicef.org", ""},
	{"Office of the United Nations High Commissioner for Refugees", "Haut-Commissariat des Nations unies pour les réfugiés", "المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "UNHCR", "40", "XM-DAC-41121", "CH", "https://www.unhcr.org", ""},
	{"World Food Programme", "Programme alimentaire mondial", "برنامج الأغذية العالمي", "WFP", "40", "XM-DAC-41140", "IT", "https://www.wfp.org", ""},
	{"United Nations Development Programme", "Programme des Nations unies pour le développement", "برنامج الأمم المتحدة الإنمائي", "UNDP", "40", "XM-DAC-41114", "US", "https://www.undp.org", ""},
	{"United Nations Population Fund", "Fonds des Nations unies pour la population", "صندوق الأمم المتحدة للسكان", "UNFPA", "40", "XM-DAC-41119", "US", "https://www.unfpa.org", ""},
	{"Food and Agriculture Organization of the United Nations", "Organisation des Nations unies pour l'alimentation et l'agriculture", "منظمة الأغذية والزراعة للأمم المتحدة", "FAO", "40", "XM-DAC-41301", "IT", "https://www.fao.org", ""},
	{"United Nations Educational, Scientific and Cultural Organization", "Organisation des Nations unies pour l'éducation, la science et la culture", "منظمة الأمم المتحدة للتربية والعلم والثقافة", "UNESCO", "40", "XM-DAC-41304", "FR", "https://www.unesco.org", ""},
	{"International Labour Organization", "Organisation internationale du Travail", "منظمة العمل الدولية", "ILO", "40", "XM-DAC-41302", "CH", "https://www.ilo.org", ""},
	{"United Nations Office for the Coordination of Humanitarian Affairs", "Bureau de la coordination des affaires humanitaires", "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "OCHA", "40", "", "US", "https://www.unocha.org", ""},
	{"United Nations Entity for Gender Equality and the Empowerment of Women", "ONU Femmes", "هيئة الأمم المتحدة للمرأة", "UN Women", "40", "", "US", "https://www.unwomen.org", ""},
	{"United Nations Environment Programme", "Programme des Nations unies pour l'environnement", "برنامج الأمم المتحدة للبيئة", "UNEP", "40", "", "KE", "https://www.unep.org", ""},
	{"Joint United Nations Programme on HIV/AIDS", "Programme commun des Nations unies sur le VIH/sida", "برنامج الأمم المتحدة المشترك لمكافحة الإيدز", "UNAIDS", "40", "", "CH", "https://www.unaids.org", ""},
	{"World Bank", "Banque mondiale", "البنك الدولي", "WB", "40", "", "US", "https://www.worldbank.org", ""},
	{"Islamic Development Bank", "Banque islamique de développement", "البنك الإسلامي للتنمية", "IsDB", "40", "", "SA", "https://www.isdb.org", ""},
	{"African Development Bank", "Banque africaine de développement", "البنك الأفريقي للتنمية", "AfDB", "40", "", "CI", "https://www.afdb.org", ""},
	{"Asian Development Bank", "Banque asiatique de développement", "بنك التنمية الآسيوي", "ADB", "40", "", "PH", "https://www.adb.org", ""},
	{"International Fund for Agricultural Development", "Fonds international de développement agricole", "الصندوق الدولي للتنمية الزراعية", "IFAD", "40", "", "IT", "https://www.ifad.org", ""},
	{"Gavi, the Vaccine Alliance", "Gavi, l'Alliance du Vaccin", "التحالف العالمي للقاحات والتحصين", "Gavi", "30", "", "CH", "https://www.gavi.org", ""},
	{"The Global Fund to Fight AIDS, Tuberculosis and Malaria", "Le Fonds mondial de lutte contre le sida, la tuberculose et le paludisme", "الصندوق العالمي لمكافحة الإيدز والسل والملاريا", "GFATM", "40", "", "CH", "https://www.theglobalfund.org", ""},
	{"African Union", "Union africaine", "الاتحاد الأفريقي", "AU", "40", "", "ET", "https://au.int", ""},
	{"Economic Community of West African States", "Communauté économique des États de l'Afrique de l'Ouest", "الجماعة الاقتصادية لدول غرب أفريقيا", "ECOWAS", "40", "", "NG", "https://www.ecowas.int", ""},
	{"League of Arab States", "Ligue des États arabes", "جامعة الدول العربية", "LAS", "40", "", "EG", "https://www.lasportal.org", ""},
	{"Gulf Cooperation Council", "Conseil de coopération du Golfe", "مجلس التعاون لدول الخليج العربية", "GCC", "40", "", "SA", "https://www.gcc-sg.org", ""},
	{"Association of Southeast Asian Nations", "Association des nations de l'Asie du Sud-Est", "رابطة دول جنوب شرق آسيا", "ASEAN", "40", "", "ID", "https://asean.org", ""},
	{"International Federation of Red Cross and Red Crescent Societies", "Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge", "الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر", "IFRC", "21", "", "CH", "https://www.ifrc.org", ""},
	{"Médecins Sans Frontières", "Médecins Sans Frontières", "أطباء بلا حدود", "MSF", "21", "", "CH", "https://www.msf.org", ""},
	{"Islamic Relief Worldwide", "Secours Islamique Mondial", "الإغاثة الإسلامية عبر العالم", "IRW", "21", "", "GB", "https://www.islamic-relief.org", ""},
	{"Save the Children International", "Save the Children International", "منظمة إنقاذ الطفولة الدولية", "SCI", "21", "", "GB", "https://www.savethechildren.net", ""},
	{"Norwegian Refugee Council", "Conseil norvégien pour les réfugiés", "المجلس النرويجي للاجئين", "NRC", "21", "", "NO", "https://www.nrc.no", ""},
	{"Islamic World Educational, Scientific and Cultural Organization", "Organisation du monde islamique pour l'éducation, les sciences et la culture", "منظمة العالم الإسلامي للتربية والعلوم والثقافة", "ICESCO", "40", "", "MA", "https://www.icesco.org", ""},
	{"Islamic Solidarity Fund", "Fonds de solidarité islamique", "صندوق التضامن الإسلامي", "ISF", "40", "", "SA", "", "OIC"},
	{"Statistical, Economic and Social Research and Training Centre for Islamic Countries", "Centre de recherches statistiques, économiques et sociales et de formation pour les pays islamiques", "مركز الأبحاث الإحصائية والاقتصادية والاجتماعية والتدريب للدول الإسلامية", "SESRIC", "40", "", "TR", "https://www.sesric.org", "OIC"},
	{"Islamic Centre for Development of Trade", "Centre islamique pour le développement du commerce", "المركز الإسلامي لتنمية التجارة", "ICDT", "40", "", "MA", "", "OIC"},
	{"King Salman Humanitarian Aid and Relief Centre", "Centre d'aide humanitaire et de secours du Roi Salmane", "مركز الملك سلمان للإغاثة والأعمال الإنسانية", "KSrelief", "10", "", "SA", "https://www.ksrelief.org", ""},
	{"Qatar Fund for Development", "Fonds du Qatar pour le développement", "صندوق قطر للتنمية", "QFFD", "10", "", "QA", "https://www.qatarfund.org.qa", ""},
	{"Kuwait Fund for Arab Economic Development", "Fonds koweïtien pour le développement économique arabe", "الصندوق الكويتي للتنمية الاقتصادية العربية", "KFAED", "10", "", "KW", "https://www.kuwait-fund.org", ""},
	{"Bill & Melinda Gates Foundation", "Fondation Bill-et-Melinda-Gates", "مؤسسة بيل وميليندا غيتس", "BMGF", "60", "", "US", "https://www.gatesfoundation.org", ""},
}

// officeParents are the organizations with country offices among the generated ones.
var officeParents = []string{"WHO", "UNICEF", "UNHCR", "WFP", "UNDP", "IOM", "UNFPA", "FAO", "OCHA", "OIC"}

// portfolio is a ministry's field in three languages.
type portfolio struct{ en, fr, ar string }

var portfolios = []portfolio{
	{"Health", "de la Santé", "وزارة الصحة"},
	{"Foreign Affairs", "des Affaires étrangères", "وزارة الخارجية"},
	{"Education", "de l'Éducation nationale", "وزارة التربية والتعليم"},
	{"Social Affairs", "des Affaires sociales", "وزارة الشؤون الاجتماعية"},
	{"Planning and Development", "du Plan et du Développement", "وزارة التخطيط والتنمية"},
	{"Agriculture", "de l'Agriculture", "وزارة الزراعة"},
	{"Humanitarian Affairs", "de l'Action humanitaire", "وزارة الشؤون الإنسانية"},
	{"Women and Family", "de la Femme et de la Famille", "وزارة المرأة والأسرة"},
	{"Finance", "des Finances", "وزارة المالية"},
	{"Interior", "de l'Intérieur", "وزارة الداخلية"},
}

// fields name what NGOs, foundations and institutes work on.
var fields = []string{"Health", "Education", "Water and Sanitation", "Migration", "Food Security", "Refugees", "Children", "Women", "Development",
	"Research", "Peace", "Climate", "Human Rights", "Youth", "Disability", "Maternal Health", "Rural Development", "Humanitarian Relief",
	"Public Health", "Nutrition"}

var ngoKinds = []string{"Association", "Society", "Foundation", "Council", "Network", "Alliance", "Initiative", "Trust", "Relief Committee", "Coalition", "Forum", "Centre"}

var regionAdjectives = []string{"West African", "East African", "Arab", "Asian", "Latin American", "Sahelian", "Central Asian", "Horn of Africa",
	"Mediterranean", "Gulf", "Southern African", "Pacific"}

// titles are the positions people hold, by kind of organization; the first
// is held by one person only, the head.
var titles = map[string][]string{
	"40": {"Director-General", "Deputy Director-General", "Assistant Director-General", "Regional Director", "Director of External Relations",
		"Head of Partnerships", "Senior Programme Officer", "Programme Officer", "Partnerships Officer", "Technical Officer", "Senior Adviser",
		"Country Representative", "Chief of Health Section", "Humanitarian Coordinator"},
	"10": {"Minister", "Deputy Minister", "Permanent Secretary", "Director of International Cooperation", "Ambassador and Permanent Representative",
		"Director-General", "Chief of Staff", "Adviser to the Minister", "Head of Multilateral Affairs", "Counsellor"},
	"ngo": {"Executive Director", "President", "Secretary General", "Country Director", "Programme Manager", "Head of Advocacy", "Board Member",
		"Field Coordinator", "Director of Partnerships", "Finance Manager"},
	"60": {"President and Chief Executive Officer", "Director of Global Health", "Senior Program Officer", "Program Officer", "Chair of the Board",
		"Director of Grants"},
	"80": {"Vice-Chancellor", "Dean of the Faculty of Medicine", "Professor of Public Health", "Director of the Centre", "Senior Researcher",
		"Research Fellow", "Head of International Relations"},
	"70": {"Chief Executive Officer", "Managing Director", "Head of Public Affairs", "Regional Director", "Head of Corporate Responsibility",
		"Business Development Manager"},
}

// typeTitles maps an IATI organisation type to its list of titles.
func typeTitles(typ string) []string {
	switch typ {
	case "40", "30":
		return titles["40"]
	case "10", "11", "15":
		return titles["10"]
	case "60":
		return titles["60"]
	case "80":
		return titles["80"]
	case "70", "71", "72", "73":
		return titles["70"]
	}
	return titles["ngo"]
}

// topic is what engagements, agreements and activities are about, with the
// OECD-DAC purpose codes its activities are classed under.
type topic struct {
	name    string
	sectors []string
	kinds   []string // kinds of activity that fit
}

var topics = []topic{
	{"health cooperation", []string{"12110", "12191", "12220", "12230"}, []string{"technical_assistance", "capacity_building", "training"}},
	{"vaccine access", []string{"12250", "12264", "12220"}, []string{"vaccine_access", "medical_supplies", "technical_assistance"}},
	{"maternal and child health", []string{"12220", "13020", "12240"}, []string{"training", "medical_supplies", "capacity_building"}},
	{"polio eradication", []string{"12250", "12220"}, []string{"vaccine_access", "training", "technical_assistance"}},
	{"COVID-19 response", []string{"12264", "72010", "12250"}, []string{"vaccine_access", "medical_supplies", "emergency_assistance"}},
	{"humanitarian access", []string{"72010", "72050", "15220"}, []string{"emergency_assistance", "seminar", "workshop"}},
	{"international humanitarian law", []string{"15160", "15220", "15130"}, []string{"seminar", "workshop", "training"}},
	{"migration governance", []string{"15190", "15110"}, []string{"technical_assistance", "capacity_building", "research"}},
	{"refugee protection", []string{"72010", "72040", "15160"}, []string{"emergency_assistance", "capacity_building", "training"}},
	{"food security", []string{"31110", "52010", "72040"}, []string{"emergency_assistance", "technical_assistance", "research"}},
	{"water and sanitation", []string{"14030", "14010", "14020"}, []string{"technical_assistance", "capacity_building", "other"}},
	{"education in emergencies", []string{"11220", "11110", "72010"}, []string{"training", "emergency_assistance", "capacity_building"}},
	{"women's empowerment", []string{"15170", "15150", "16020"}, []string{"training", "workshop", "capacity_building"}},
	{"youth employment", []string{"16020", "11330"}, []string{"training", "capacity_building", "workshop"}},
	{"disaster risk reduction", []string{"74020", "74010", "41010"}, []string{"training", "technical_assistance", "workshop"}},
	{"climate adaptation", []string{"41010", "31110", "41030"}, []string{"research", "technical_assistance", "workshop"}},
	{"nutrition", []string{"12240", "72040", "52010"}, []string{"medical_supplies", "emergency_assistance", "training"}},
	{"malaria control", []string{"12262", "12250"}, []string{"medical_supplies", "training", "research"}},
	{"tuberculosis control", []string{"12263", "12250"}, []string{"medical_supplies", "training", "technical_assistance"}},
	{"medical supplies", []string{"12191", "12220", "72010"}, []string{"medical_supplies", "emergency_assistance", "technical_assistance"}},
	{"health workforce training", []string{"12181", "12110"}, []string{"training", "capacity_building", "seminar"}},
	{"statistical capacity", []string{"16062", "15110"}, []string{"capacity_building", "training", "research"}},
	{"peacebuilding", []string{"15220", "15210"}, []string{"seminar", "workshop", "other"}},
	{"interfaith dialogue", []string{"15220", "16061"}, []string{"seminar", "workshop", "other"}},
	{"cultural heritage", []string{"16061", "43082"}, []string{"seminar", "research", "other"}},
	{"science and technology", []string{"43082", "11420"}, []string{"research", "seminar", "capacity_building"}},
	{"trade and investment", []string{"33110", "25010"}, []string{"technical_assistance", "seminar", "research"}},
	{"digital health", []string{"12196", "22040"}, []string{"technical_assistance", "capacity_building", "research"}},
	{"counter-trafficking", []string{"15190", "15180"}, []string{"training", "capacity_building", "workshop"}},
	{"mental health and psychosocial support", []string{"12340", "72010"}, []string{"training", "emergency_assistance", "capacity_building"}},
}

// Words for the texts of the chain.
var (
	supplies  = []string{"essential medicines", "cold-chain equipment", "surgical kits", "COVID-19 test kits", "insulin and diabetes supplies", "oral rehydration salts", "emergency health kits"}
	vaccines  = []string{"COVID-19", "measles", "polio", "HPV", "yellow fever", "cholera", "meningitis"}
	trainees  = []string{"health workers", "midwives", "teachers", "border officials", "community volunteers", "laboratory technicians", "nurses", "statisticians"}
	crises    = []string{"floods", "drought", "conflict", "the earthquake", "the cholera outbreak", "displacement", "the food crisis"}
	audiences = []string{"diplomats", "parliamentarians", "journalists", "religious leaders", "civil society organizations", "government officials", "young researchers"}

	meetingVerbs = []string{"met", "held talks", "held consultations", "met on the sidelines of the session"}
	discussions  = []string{
		"They reviewed progress under the existing cooperation framework and the situation in %s.",
		"Both sides stressed the need to mobilize resources for %s.",
		"The discussion covered joint programming, data sharing and capacity building in %s.",
		"They exchanged views on the humanitarian situation in %s and on access for relief workers.",
		"All agreed that needs in %s far exceed the funding available.",
	}
	outcomes = []string{
		"Agreed to develop a new memorandum of understanding and a plan of action on %s.",
		"Agreed to hold a joint workshop on %s.",
		"Agreed to exchange focal points and meet again within six months.",
		"Agreed to explore joint resource mobilization for %s.",
		"Agreed to continue seminars and workshops on %s.",
		"Agreed to prepare a joint concept note on %s.",
	}
	// actionTexts are what engagements agree, each with the note of its doing.
	actionTexts = []struct{ text, done string }{
		{"Develop a memorandum of understanding between %[1]s and %[2]s on %[3]s", "Draft memorandum sent to the partner for comments on %s."},
		{"Prepare a draft plan of action on %[3]s for %[4]s", "Draft plan of action shared with the partner on %s."},
		{"Organize a joint workshop on %[3]s in %[5]s", "Workshop held on %s with 35 participants."},
		{"Share the concept note on %[3]s with %[2]s", "Concept note shared with the partner on %s."},
		{"Nominate focal points for cooperation on %[3]s", "Focal points exchanged by letter of %s."},
		{"Explore joint resource mobilization for %[3]s in %[4]s", "Joint proposal submitted to donors on %s."},
		{"Follow up on the delivery of medical supplies to %[4]s", "Delivery confirmed by the partner on %s."},
		{"Arrange a technical mission to %[4]s on %[3]s", "Mission report circulated on %s."},
		{"Circulate the meeting report to member states", "Report circulated to member states on %s."},
		{"Convene the next meeting of the joint working group on %[3]s", "The working group met on %s."},
		{"Prepare a briefing note for the Secretary-General on %[3]s", "Briefing note delivered on %s."},
		{"Draft the terms of reference of a joint study on %[3]s in %[4]s", "Terms of reference agreed on %s."},
	}
	dropReasons = []string{"Overtaken by the new framework agreement.", "The partner withdrew from the initiative.", "Funding was not secured.",
		"Superseded by the regional plan of action.", "No longer a priority after the change of government."}
	terminationReasons = []string{"Terminated by mutual consent after the programme closed.", "Terminated on notice following a change in the partner's mandate.",
		"Terminated after the funding ended.", "Terminated when the partner office in the country closed."}
	amendmentChanges = []string{"Extension of the term by two years.", "Addition of %s to the scope of cooperation.", "Revised budget annex.",
		"Addition of a party's regional office as implementing entity.", "Updated reporting schedule (semi-annual)."}
	amendmentReasons = []string{"Requested by the parties at the annual review.", "To align with the new strategic plan.", "Following the mid-term evaluation."}
	objectiveTexts   = []string{
		"Strengthen national capacity for %[1]s in %[2]s", "Improve access to services related to %[1]s in %[2]s", "Mobilize resources for %[1]s",
		"Share knowledge and good practice on %[1]s", "Coordinate joint advocacy on %[1]s", "Build an evidence base on %[1]s in %[2]s",
	}
)

// agreementKindTitles names each kind of agreement in a title.
var agreementKindTitles = map[string]string{
	"mou": "Memorandum of Understanding", "cooperation_agreement": "Cooperation Agreement", "framework_of_engagement": "Framework of Engagement",
	"work_plan": "Joint Work Plan", "letter_of_intent": "Letter of Intent", "exchange_of_letters": "Exchange of Letters", "funding_agreement": "Funding Agreement",
}

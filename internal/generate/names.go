package generate

// People's names, by region of the world, so that a Malian NGO's staff are
// called Diallo and Traoré and a Japanese agency's Tanaka and Sato.
type nameSet struct{ first, last []string }

var regions = map[string]nameSet{
	"arab": {
		first: []string{"Ahmed", "Mohamed", "Omar", "Khalid", "Youssef", "Hassan", "Ali", "Ibrahim", "Tarek", "Karim", "Sami", "Walid", "Faisal", "Nabil", "Hisham",
			"Fatima", "Aisha", "Mariam", "Layla", "Noura", "Huda", "Salma", "Rania", "Amal", "Yasmin", "Hala", "Dina", "Samira", "Leila", "Zainab", "Reem"},
		last: []string{"Al-Sayed", "Haddad", "Mansour", "Khalil", "Nasser", "Hamdan", "Saleh", "Abdullah", "Farouk", "Qasim", "El-Amin", "Bakri", "Othman",
			"Rahman", "Suleiman", "Al-Hashimi", "Darwish", "Aziz", "Karam", "Yousef", "Hijazi", "Zaki", "Sharif", "Tawfiq", "Al-Mutairi", "Al-Qahtani",
			"Benali", "Bouzid", "Mahmoud", "Al-Ansari"},
	},
	"westafrica": {
		first: []string{"Amadou", "Moussa", "Ibrahima", "Mamadou", "Oumar", "Seydou", "Abdoulaye", "Cheikh", "Kwame", "Kofi", "Chinedu", "Emeka", "Oluwaseun",
			"Babajide", "Issa", "Aminata", "Fatoumata", "Mariama", "Awa", "Aissatou", "Adama", "Ngozi", "Chiamaka", "Ama", "Akosua", "Folake", "Hadiza",
			"Binta", "Kadiatou", "Ramatoulaye"},
		last: []string{"Diallo", "Traoré", "Keita", "Coulibaly", "Diop", "Ndiaye", "Sow", "Ba", "Cissé", "Touré", "Konaté", "Ouédraogo", "Sawadogo", "Kaboré",
			"Mensah", "Boateng", "Owusu", "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Abubakar", "Bello", "Danjuma", "Camara", "Sylla", "Barry", "Fofana",
			"Sanogo", "Maïga"},
	},
	"eastafrica": {
		first: []string{"Abebe", "Tesfaye", "Dawit", "Yohannes", "Mulugeta", "Abdirahman", "Joseph", "Peter", "Samuel", "Daniel", "Moses", "Emmanuel", "Wanjiru",
			"Achieng", "Amina", "Halima", "Grace", "Mercy", "Faith", "Tigist", "Hiwot", "Selam", "Fatuma", "Asha", "Neema", "Zawadi", "Habiba", "Salome",
			"Agnes", "Esther"},
		last: []string{"Bekele", "Tadesse", "Haile", "Girma", "Mengistu", "Kebede", "Abdi", "Warsame", "Farah", "Hussein", "Omondi", "Otieno", "Kamau", "Mwangi",
			"Njoroge", "Wanjala", "Mutua", "Kiprop", "Mugisha", "Habimana", "Uwimana", "Okello", "Namubiru", "Mushi", "Ngowi", "Juma", "Mohamud", "Ochieng",
			"Nakato", "Tesfamariam"},
	},
	"southasia": {
		first: []string{"Muhammad", "Imran", "Asif", "Farhan", "Rahul", "Arjun", "Vikram", "Sanjay", "Anil", "Rajesh", "Tariq", "Bilal", "Hamid", "Saad", "Zubair",
			"Ayesha", "Sana", "Nadia", "Priya", "Anjali", "Sunita", "Meera", "Kavita", "Shabnam", "Farzana", "Nasreen", "Rukhsana", "Lakshmi", "Deepa", "Mahnaz"},
		last: []string{"Khan", "Ahmed", "Hussain", "Malik", "Chaudhry", "Qureshi", "Siddiqui", "Sharma", "Patel", "Singh", "Gupta", "Rao", "Iyer", "Nair", "Das",
			"Chowdhury", "Islam", "Hossain", "Haque", "Sultani", "Ahmadzai", "Popal", "Stanekzai", "Wardak", "Noori", "Perera", "Fernando", "Shrestha",
			"Karimi", "Baloch"},
	},
	"eastasia": {
		first: []string{"Wei", "Jun", "Hao", "Yuki", "Hiroshi", "Takeshi", "Kenji", "Min-jun", "Ji-woo", "Seo-yeon", "Anh", "Minh", "Linh", "Siti", "Nur", "Ahmad",
			"Budi", "Dewi", "Putri", "Agus", "Rizal", "Hana", "Mei", "Xin", "Haruka", "Sakura", "Somchai", "Kanya", "Maria", "Jose"},
		last: []string{"Wang", "Zhang", "Chen", "Liu", "Li", "Tanaka", "Suzuki", "Sato", "Kim", "Park", "Lee", "Nguyen", "Tran", "Pham", "Le", "Santoso", "Wijaya",
			"Hidayat", "Rahman", "Ismail", "Tan", "Lim", "Ong", "Reyes", "Santos", "Cruz", "Srisuk", "Chaiyaporn", "Wong", "Yamamoto"},
	},
	"latam": {
		first: []string{"José", "Juan", "Carlos", "Luis", "Miguel", "Jorge", "Alejandro", "Diego", "Andrés", "Fernando", "Ricardo", "Pablo", "João", "Pedro", "Rafael",
			"María", "Ana", "Lucía", "Carmen", "Sofía", "Valentina", "Camila", "Gabriela", "Isabel", "Paula", "Daniela", "Mariana", "Fernanda", "Beatriz", "Juliana"},
		last: []string{"García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez",
			"Díaz", "Morales", "Vargas", "Castro", "Ortiz", "Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Ferreira", "Almeida", "Mendoza",
			"Rojas", "Herrera", "Aguilar"},
	},
	"europe": {
		first: []string{"Jean", "Pierre", "François", "Marie", "Sophie", "Claire", "Hans", "Klaus", "Anna", "Elena", "Giulia", "Marco", "Luca", "Lars", "Ingrid",
			"Erik", "Anders", "Karin", "James", "John", "Michael", "Sarah", "Emma", "Olivia", "Thomas", "David", "Peter", "Catherine", "Helen", "Robert"},
		last: []string{"Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Rossi", "Russo", "Bianchi",
			"Romano", "Ferrari", "Jansen", "de Vries", "Andersson", "Johansson", "Nielsen", "Hansen", "Smith", "Johnson", "Brown", "Williams", "Taylor",
			"Wilson", "Novak", "Kowalski", "Ivanova"},
	},
	"centralasia": {
		first: []string{"Mehmet", "Mustafa", "Ahmet", "Emre", "Murat", "Ayşe", "Elif", "Zeynep", "Fatma", "Aigerim", "Timur", "Rustam", "Dilnoza", "Gulnara",
			"Bakhyt", "Azamat", "Farrukh", "Reza", "Hossein", "Maryam", "Zahra", "Sara", "Parisa", "Dariush", "Kamran", "Leyla", "Nigar", "Elnur", "Aziz", "Madina"},
		last: []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan", "Abdullayev", "Aliyev", "Mammadov", "Hasanov",
			"Karimov", "Rakhimov", "Yusupov", "Saidov", "Nurmatov", "Ospanov", "Zhakupov", "Akhmetov", "Rezaei", "Hosseini", "Ahmadi", "Mohammadi", "Moradi",
			"Jafari", "Rahimi", "Tursunov"},
	},
}

// regionNames is the order regions are drawn in where a country has none.
var regionNames = []string{"arab", "westafrica", "eastafrica", "southasia", "eastasia", "latam", "europe", "centralasia"}

// countryRegion names the region whose names a country's people carry.
var countryRegion = map[string]string{
	"AE": "arab", "BH": "arab", "DZ": "arab", "EG": "arab", "IQ": "arab", "JO": "arab", "KW": "arab", "LB": "arab", "LY": "arab", "MA": "arab",
	"MR": "arab", "OM": "arab", "PS": "arab", "QA": "arab", "SA": "arab", "SD": "arab", "SY": "arab", "TN": "arab", "YE": "arab", "DJ": "arab",
	"KM": "arab",
	"BF": "westafrica", "BJ": "westafrica", "CI": "westafrica", "CM": "westafrica", "GA": "westafrica", "GH": "westafrica", "GM": "westafrica",
	"GN": "westafrica", "GW": "westafrica", "LR": "westafrica", "ML": "westafrica", "NE": "westafrica", "NG": "westafrica", "SL": "westafrica",
	"SN": "westafrica", "TD": "westafrica", "TG": "westafrica", "CF": "westafrica", "CD": "westafrica",
	"ER": "eastafrica", "ET": "eastafrica", "KE": "eastafrica", "MW": "eastafrica", "MZ": "eastafrica", "RW": "eastafrica", "SO": "eastafrica",
	"SS": "eastafrica", "TZ": "eastafrica", "UG": "eastafrica", "ZA": "eastafrica", "ZM": "eastafrica", "ZW": "eastafrica",
	"AF": "southasia", "BD": "southasia", "IN": "southasia", "LK": "southasia", "MV": "southasia", "NP": "southasia", "PK": "southasia",
	"BN": "eastasia", "CN": "eastasia", "ID": "eastasia", "JP": "eastasia", "KH": "eastasia", "KR": "eastasia", "MM": "eastasia", "MY": "eastasia",
	"PH": "eastasia", "TH": "eastasia", "VN": "eastasia",
	"AR": "latam", "BR": "latam", "CO": "latam", "GY": "latam", "HT": "latam", "MX": "latam", "PE": "latam", "SR": "latam",
	"AT": "europe", "BE": "europe", "CA": "europe", "CH": "europe", "DE": "europe", "DK": "europe", "ES": "europe", "FR": "europe", "GB": "europe",
	"IT": "europe", "NL": "europe", "NO": "europe", "PT": "europe", "SE": "europe", "US": "europe", "RU": "europe", "AL": "europe",
	"AZ": "centralasia", "IR": "centralasia", "KG": "centralasia", "KZ": "centralasia", "TJ": "centralasia", "TM": "centralasia", "TR": "centralasia",
	"UZ": "centralasia",
}

// cities are where engagements take place, by country. Countries missing
// here (or from the countries table) host none.
var cities = map[string][]string{
	"AE": {"Abu Dhabi", "Dubai"}, "AF": {"Kabul", "Herat", "Kandahar"}, "AL": {"Tirana"}, "AR": {"Buenos Aires"}, "AT": {"Vienna"},
	"AZ": {"Baku"}, "BD": {"Dhaka", "Chittagong", "Cox's Bazar"}, "BE": {"Brussels"}, "BF": {"Ouagadougou", "Bobo-Dioulasso"}, "BH": {"Manama"},
	"BJ": {"Cotonou", "Porto-Novo"}, "BN": {"Bandar Seri Begawan"}, "BR": {"Brasília", "São Paulo"}, "CA": {"Ottawa", "Montreal"},
	"CD": {"Kinshasa", "Goma"}, "CF": {"Bangui"}, "CH": {"Geneva", "Bern"}, "CI": {"Abidjan", "Yamoussoukro"}, "CM": {"Yaoundé", "Douala"},
	"CN": {"Beijing", "Shanghai"}, "CO": {"Bogotá"}, "DE": {"Berlin", "Bonn"}, "DJ": {"Djibouti"}, "DK": {"Copenhagen"}, "DZ": {"Algiers", "Oran"},
	"EG": {"Cairo", "Alexandria", "Sharm El-Sheikh"}, "ER": {"Asmara"}, "ES": {"Madrid"}, "ET": {"Addis Ababa"}, "FR": {"Paris", "Lyon"},
	"GA": {"Libreville"}, "GB": {"London"}, "GH": {"Accra"}, "GM": {"Banjul"}, "GN": {"Conakry"}, "GW": {"Bissau"}, "GY": {"Georgetown"},
	"HT": {"Port-au-Prince"}, "ID": {"Jakarta", "Surabaya"}, "IN": {"New Delhi", "Mumbai"}, "IQ": {"Baghdad", "Erbil"}, "IR": {"Tehran"},
	"IT": {"Rome"}, "JO": {"Amman"}, "JP": {"Tokyo"}, "KE": {"Nairobi", "Mombasa"}, "KG": {"Bishkek"}, "KH": {"Phnom Penh"}, "KM": {"Moroni"},
	"KR": {"Seoul"}, "KW": {"Kuwait City"}, "KZ": {"Astana", "Almaty"}, "LB": {"Beirut"}, "LK": {"Colombo"}, "LR": {"Monrovia"},
	"LY": {"Tripoli", "Benghazi"}, "MA": {"Rabat", "Casablanca"}, "ML": {"Bamako", "Mopti"}, "MM": {"Yangon"}, "MR": {"Nouakchott"},
	"MV": {"Malé"}, "MW": {"Lilongwe"}, "MX": {"Mexico City"}, "MY": {"Kuala Lumpur"}, "MZ": {"Maputo"}, "NE": {"Niamey", "Agadez"},
	"NG": {"Abuja", "Lagos", "Kano"}, "NL": {"The Hague", "Amsterdam"}, "NO": {"Oslo"}, "NP": {"Kathmandu"}, "OM": {"Muscat"}, "PE": {"Lima"},
	"PH": {"Manila"}, "PK": {"Islamabad", "Karachi", "Lahore"}, "PS": {"Ramallah", "Gaza"}, "PT": {"Lisbon"}, "QA": {"Doha"}, "RU": {"Moscow"},
	"RW": {"Kigali"}, "SA": {"Riyadh", "Jeddah"}, "SD": {"Khartoum", "Port Sudan"}, "SE": {"Stockholm"}, "SL": {"Freetown"},
	"SN": {"Dakar", "Saint-Louis"}, "SO": {"Mogadishu", "Hargeisa"}, "SR": {"Paramaribo"}, "SS": {"Juba"}, "SY": {"Damascus", "Aleppo"},
	"TD": {"N'Djamena", "Abéché"}, "TG": {"Lomé"}, "TH": {"Bangkok"}, "TJ": {"Dushanbe"}, "TM": {"Ashgabat"}, "TN": {"Tunis"},
	"TR": {"Ankara", "Istanbul"}, "TZ": {"Dar es Salaam", "Dodoma"}, "UG": {"Kampala"}, "US": {"New York", "Washington"},
	"UZ": {"Tashkent", "Samarkand"}, "VN": {"Hanoi"}, "YE": {"Sana'a", "Aden"}, "ZA": {"Pretoria", "Johannesburg"}, "ZM": {"Lusaka"},
	"ZW": {"Harare"},
}

// hubWeight makes the diplomatic capitals host more meetings than the rest.
var hubWeight = map[string]float64{"CH": 14, "US": 8, "SA": 8, "BE": 3, "FR": 3, "AT": 3, "IT": 3, "TR": 3, "EG": 3, "QA": 3, "AE": 3, "KE": 3, "ET": 3}

// focusCountries are where most activities and action points are aimed:
// the crises and the least developed countries a cooperation office works for.
var focusCountries = []string{"AF", "YE", "SO", "SD", "SS", "ML", "NE", "BF", "TD", "MR", "SY", "PS", "LB", "JO", "IQ", "BD", "PK", "NG", "SN", "GN",
	"SL", "CM", "ET", "KE", "UG", "MZ", "HT", "MM", "DJ", "KM", "GM", "GW", "TJ", "KG", "LY", "CF", "CD"}

// countryOverride shortens the IATI names that read badly in a title.
var countryOverride = map[string]string{
	"CD": "the Democratic Republic of the Congo", "CG": "the Republic of the Congo", "KR": "the Republic of Korea",
	"KP": "the Democratic People's Republic of Korea", "GB": "the United Kingdom", "US": "the United States", "LA": "the Lao People's Democratic Republic",
	"SY": "Syria", "RU": "the Russian Federation", "TW": "Taiwan", "FM": "Micronesia", "MD": "Moldova", "VE": "Venezuela", "BO": "Bolivia",
	"IR": "Iran", "TZ": "Tanzania", "PS": "Palestine", "VN": "Viet Nam", "NL": "the Netherlands", "PH": "the Philippines", "AE": "the United Arab Emirates",
	"GM": "the Gambia", "CF": "the Central African Republic", "KM": "the Comoros", "SD": "Sudan", "NE": "Niger", "DO": "the Dominican Republic",
}

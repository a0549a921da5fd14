"""Places: the aliases people type for them, and cities no loaded guide may cover."""

from __future__ import annotations

import re

from bot.prose.words import fold_accents

# Region aliases people type, to the canonical names guides use.
REGION_ALIASES: dict[str, str] = {
    "sf": "San Francisco",
    "sfo": "San Francisco",
    "san fran": "San Francisco",
    "bay area": "San Francisco",
    "sf bay area": "San Francisco",
    "silicon valley": "San Francisco",
    "san francisco bay area": "San Francisco",
    "ny": "New York",
    "nyc": "New York",
    "new york city": "New York",
    "manhattan": "New York",
    "new york ny": "New York",
    "brooklyn": "New York",
    "ldn": "London",
    "greater london": "London",
    "sea": "Seattle",
    "atx": "Austin",
    "bangalore": "Bengaluru",
    "blr": "Bengaluru",
    "bengaluru": "Bengaluru",
    "bangalore city": "Bengaluru",
    "hyd": "Hyderabad",
    "bombay": "Mumbai",
    "gurgaon": "Gurugram",
    "zürich": "Zurich",
    "zrh": "Zurich",
    "munchen": "Munich",
    "münchen": "Munich",
    "ams": "Amsterdam",
    "tlv": "Tel Aviv",
    "yyz": "Toronto",
    "sg": "Singapore",
    "syd": "Sydney",
    "dub": "Dublin",
    # The same places in the languages people fall back to (accents are folded on both sides).
    "londres": "London",
    "londra": "London",
    "londyn": "London",
    "nueva york": "New York",
    "nova york": "New York",
    "nova iorque": "New York",
    "zurigo": "Zurich",
    "monaco di baviera": "Munich",
    "munique": "Munich",
    "parigi": "Paris",
    "lisboa": "Lisbon",
    "warszawa": "Warsaw",
    "varsovia": "Warsaw",
    "kobenhavn": "Copenhagen",
    "tokio": "Tokyo",
    "singapur": "Singapore",
    "sidney": "Sydney",
    "ciudad de mexico": "Mexico City",
}
# Places people name that no loaded guide may cover, so "segment cdp berlin" is read as a
# region the guide lacks (and said so) rather than as an unknown company.
KNOWN_REGIONS = (
    "San Francisco",
    "New York",
    "Seattle",
    "Austin",
    "Boston",
    "Chicago",
    "Los Angeles",
    "Denver",
    "Washington",
    "Toronto",
    "Vancouver",
    "Montreal",
    "London",
    "Dublin",
    "Berlin",
    "Munich",
    "Paris",
    "Amsterdam",
    "Zurich",
    "Stockholm",
    "Copenhagen",
    "Warsaw",
    "Madrid",
    "Barcelona",
    "Lisbon",
    "Tel Aviv",
    "Bengaluru",
    "Hyderabad",
    "Pune",
    "Mumbai",
    "Gurugram",
    "Chennai",
    "Singapore",
    "Sydney",
    "Melbourne",
    "Tokyo",
    "Seoul",
    "Hong Kong",
    "Sao Paulo",
    "Mexico City",
    "Remote",
)


_KEY_RE = re.compile(r"[^\w]+")


def region_key(name: str) -> str:
    """One key for every spelling of a place: "Bangalore", "bengaluru" and "BLR" -> "bengaluru",
    so an answer can name a region the way its guide spells it whichever spelling was typed."""
    plain = " ".join(_KEY_RE.sub(" ", fold_accents(name).casefold()).split())
    return fold_accents(REGION_ALIASES.get(plain, plain)).casefold()


# What a place pays in, for pastes that name a city but write no currency ("Seattle, 170 + 15%
# + 400/4") or write a bare "$" ("$165k base" in Toronto is CAD). Short forms are matched case-
# sensitively (SF, LA, NYC), names case-insensitively. Only an unambiguous place decides.
_CURRENCY_PLACES: dict[str, tuple[str, ...]] = {
    "USD": (
        "san francisco", "bay area", "silicon valley", "new york", "seattle", "austin", "boston",
        "chicago", "los angeles", "denver", "washington dc", "atlanta", "portland", "pittsburgh",
        "raleigh", "charlotte", "minneapolis", "columbus", "cleveland", "san diego", "san jose",
        "brooklyn", "manhattan", "menlo park", "mountain view", "sunnyvale", "cupertino",
        "palo alto", "redmond", "bellevue", "kirkland", "richmond", "dallas", "houston",
        "phoenix", "philadelphia", "philly", "miami", "detroit", "salt lake city", "nashville", "baltimore",
        "st. louis", "kansas city", "indianapolis", "orlando", "tampa", "durham", "madison",
        "ann arbor", "boulder", "irvine", "santa clara", "oakland", "jersey city", "hoboken",
        "nyc", "remote us", "remote (us)", "us company", "us-based", "usa", "united states", "湾区",
        "硅谷", "西雅图", "纽约", "湾區", "sf", "san mateo", "redwood city", "foster city",
        "fremont", "los gatos", "berkeley", "santa monica", "pasadena", "culver city", "sacramento",
        "scottsdale", "las vegas", "st louis", "cincinnati", "milwaukee", "louisville", "omaha",
        "new orleans", "providence", "hartford", "arlington va", "reston", "mclean", "plano",
        "irving", "fort worth", "san antonio", "albuquerque", "boise", "tacoma", "princeton",
    ),
    "CAD": ("toronto", "vancouver", "montreal", "montréal", "ottawa", "calgary", "waterloo", "canada", "edmonton",
        "winnipeg", "halifax", "kitchener", "mississauga", "markham", "québec", "quebec city"),
    "GBP": ("london", "manchester", "leeds", "bristol", "edinburgh", "glasgow", "birmingham", "cambridge uk", "united kingdom", "king's cross", "belfast", "cardiff",
        "newcastle", "sheffield", "liverpool", "nottingham", "brighton", "milton keynes", "oxford",
        "england", "scotland"),
    "EUR": (
        "berlin", "munich", "münchen", "munchen", "hamburg", "köln", "koln", "cologne",
        "frankfurt", "stuttgart", "düsseldorf", "paris", "lyon", "toulouse", "nantes", "madrid",
        "barcelona", "valencia", "lisbon", "lisboa", "porto", "amsterdam", "rotterdam",
        "eindhoven", "veldhoven", "utrecht", "dublin", "milano", "milan", "rome", "roma", "wien",
        "vienna", "brussels", "helsinki", "tallinn", "athens", "germany", "deutschland", "france",
        "spain", "españa", "netherlands", "ireland", "italy", "austria", "portugal",
        "leipzig", "dresden", "nürnberg", "nuremberg", "hannover", "bonn", "karlsruhe", "darmstadt",
        "mannheim", "bremen", "marseille", "lille", "bordeaux", "rennes", "grenoble", "sevilla",
        "seville", "málaga", "malaga", "bilbao", "the hague", "den haag", "delft", "groningen",
        "leiden", "antwerp", "ghent", "luxembourg", "cork", "galway", "limerick", "torino", "turin",
        "bologna", "graz", "linz", "salzburg", "espoo", "tampere", "riga", "vilnius", "braga",
        "finland", "belgium", "estonia", "latvia", "lithuania", "greece",
    ),
    "CHF": ("zurich", "zürich", "basel", "geneva", "genève", "bern", "lausanne", "switzerland", "schweiz", "lugano", "winterthur"),
    "INR": (
        "bangalore", "bengaluru", "hyderabad", "pune", "mumbai", "gurgaon", "gurugram", "noida",
        "delhi", "chennai", "kolkata", "ahmedabad", "india", "kochi", "coimbatore", "jaipur", "indore",
        "chandigarh", "mysuru", "mysore", "bhubaneswar", "trivandrum", "thiruvananthapuram",
        "ghaziabad", "faridabad", "thane", "navi mumbai", "vadodara", "lucknow", "nagpur",
    ),
    "SGD": ("singapore",),
    "HKD": ("hong kong",),
    "AUD": ("sydney", "melbourne", "brisbane", "perth", "adelaide", "canberra", "australia", "gold coast", "hobart"),
    "NZD": ("auckland", "wellington", "new zealand"),
    "JPY": ("tokyo", "osaka", "kyoto", "japan", "東京", "大阪", "京都", "yokohama", "fukuoka", "nagoya",
        "sapporo", "kobe", "福岡", "横浜", "名古屋", "札幌", "神戸"),
    "KRW": ("seoul", "korea", "서울", "판교", "pangyo", "busan", "부산", "성남"),
    "CNY": ("beijing", "shanghai", "shenzhen", "hangzhou", "北京", "上海", "深圳", "杭州", "广州", "成都", "guangzhou", "chengdu", "wuhan", "nanjing", "suzhou", "南京", "苏州", "武汉",
        "西安", "天津", "重庆", "厦门"),
    "SEK": ("stockholm", "gothenburg", "göteborg", "goteborg", "sweden", "malmö", "malmo", "uppsala"),
    "PLN": ("warsaw", "warszawa", "kraków", "krakow", "wrocław", "wroclaw", "gdańsk", "gdansk", "poland",
        "katowice", "poznań", "poznan", "łódź", "lodz", "lublin", "szczecin", "gdynia", "polska"),
    "BRL": ("são paulo", "sao paulo", "rio de janeiro", "florianópolis", "belo horizonte", "brazil", "brasil", "recife", "porto alegre",
        "curitiba", "campinas", "brasília", "brasilia", "fortaleza"),
    "MXN": ("mexico city", "cdmx", "guadalajara", "monterrey", "méxico", "querétaro", "queretaro", "puebla", "tijuana"),
    "COP": ("bogotá", "bogota", "medellín", "medellin", "colombia", "cali"),
    "ARS": ("buenos aires", "argentina", "rosario", "mendoza"),
    "CLP": ("santiago de chile", "chile", "valparaíso", "valparaiso"),
    "SAR": ("riyadh", "jeddah", "saudi arabia"),
    "VND": ("hanoi", "hà nội", "ho chi minh city", "saigon", "vietnam", "việt nam"),
    "CZK": ("prague", "praha", "brno", "czechia", "czech republic"),
    "NOK": ("oslo", "bergen", "trondheim", "norway"),
    "DKK": ("copenhagen", "københavn", "aarhus", "denmark"),
    "AED": ("dubai", "abu dhabi", "sharjah", "uae"),
    "ILS": ("tel aviv", "israel", "תל אביב", "ישראל", "haifa", "herzliya", "ramat gan", "petah tikva",
        "petach tikva", "beer sheva", "be'er sheva", "beersheba", "jerusalem", "raanana", "ra'anana",
        "netanya", "rehovot", "yokneam", "kfar saba"),
}  # fmt: skip
_CURRENCY_CODES: dict[str, tuple[str, ...]] = {
    "USD": ("SF", "NYC", "LA", "MTV", "ATX", "US", "USA"),
    "GBP": ("UK", "LDN"),
    "SGD": ("SG",),
    "HKD": ("HK",),
    "BRL": ("SP", "BH", "RJ"),
    "INR": ("BLR", "HYD"),
    "ILS": ("TLV",),
}  # fmt: skip
_BY_NAME = {n: c for c, names in _CURRENCY_PLACES.items() for n in names}
_BY_CODE = {n: c for c, codes in _CURRENCY_CODES.items() for n in codes}
_CJK_NAMES = tuple((n, c) for n, c in _BY_NAME.items() if ord(n[0]) > 0x2E80)
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS_RE = re.compile(r"[A-Za-z]+")
_ONE_WORD = {n: c for n, c in _BY_NAME.items() if _LETTERS_RE.fullmatch(n) and ord(n[0]) <= 0x2E80}
_SEVERAL_WORDS = tuple(
    (n, c) for n, c in _BY_NAME.items() if n not in _ONE_WORD and ord(n[0]) <= 0x2E80
)
# "60 000 $ US", "US$ 5k": the letters say which dollar, they name no place
_DOLLAR_MARK_RE = re.compile(r"\$[ \u00a0\u202f]?US\b|\bUS[ ]?\$")
_HEBREW_PREFIXES = frozenset("בלמהוכש")
_US_STATE_RE = re.compile(
    r", (?:WA|CA|TX|NC|NY|MA|IL|CO|GA|OR|PA|MN|OH|FL|NJ|UT|AZ|MI|TN|MD|VA|DC)\b"
)


def place_currencies(text: str) -> set[str]:
    """The currencies of every place ``text`` names. One-word names are a set look-up of the
    paste's words, longer names a substring scan with a check of the letters round it: a
    long paste costs a few passes, not one pass per name."""
    low = text.lower()
    found = {_ONE_WORD[w] for w in set(_LETTERS_RE.findall(low)) if w in _ONE_WORD}
    for name, currency in _SEVERAL_WORDS:
        if currency not in found and _has_name(low, name):
            found.add(currency)
    found |= {c for n, c in _CJK_NAMES if c not in found and n in text}
    codes = _ASCII_LETTERS_RE.findall(_DOLLAR_MARK_RE.sub(" ", text))
    found |= {_BY_CODE[w] for w in set(codes) if w in _BY_CODE}
    if _US_STATE_RE.search(text):
        found.add("USD")
    return found


def _has_name(low: str, name: str) -> bool:
    """``name`` in ``low`` with no letter glued to either end (bar a Hebrew one-letter
    preposition: "בתל אביב" is "in Tel Aviv")."""
    at = low.find(name)
    while at >= 0:
        end = at + len(name)
        glued = at > 0 and low[at - 1].isalpha()
        if glued and low[at - 1] in _HEBREW_PREFIXES and "\u05d0" <= name[0] <= "\u05ea":
            glued = at > 1 and low[at - 2].isalpha()
        if not glued and not (end < len(low) and low[end].isalpha()):
            return True
        at = low.find(name, at + 1)
    return False

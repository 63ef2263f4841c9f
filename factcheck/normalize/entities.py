"""People, organisations and places, with aliases merged across a corpus.

There is no offline Indonesian NER model we can ship, so mentions are found the way a copy editor
would: runs of capitalised words, with titles and honorifics peeled off ("Mr Kim", "Presiden Rusia
Vladimir Putin"). Aliases are merged corpus-wide by :class:`AliasIndex`: "Kim" becomes "Kim Jong Un"
when that is the most frequent full name containing it, "Kim Jong-Un" and "Kim Jong Un" share a key,
and a small table maps well-known country names and acronyms ("DPRK", "Korut") together.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

EntityKind = Literal["person_or_org", "place", "country"]

HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "pak", "bu", "bapak", "ibu", "tuan", "nyonya", "sdr", "h", "hj"}
TITLES = {
    "presiden",
    "pemimpin",
    "menteri",
    "sekretaris",
    "jenderal",
    "letjen",
    "mayjen",
    "pensiunan",
    "mayor",
    "juru",
    "bicara",
    "direktur",
    "dirut",
    "kepala",
    "ketua",
    "wakil",
    "gubernur",
    "duta",
    "besar",
    "profesor",
    "perdana",
    "raja",
    "panglima",
    "kanselir",
    "senator",
    "menko",
    "wapres",
    "pejabat",
    "analis",
    "peneliti",
    "utama",
    "pers",
    "kolonel",
    "laksamana",
    "marsekal",
    # portfolios that sit between a title and a name ("Menteri Koordinator Bidang ... Luhut")
    "koordinator",
    "bidang",
    "kemaritiman",
    "investasi",
    "perhubungan",
    "keuangan",
    "luar",
    "negeri",
    "pertahanan",
    "dalam",
    "bumn",
    "sekjen",
    "jubir",
}
# Capitalised words that start sentences or headlines but name nothing.
COMMON_CAPITALISED = frozenset(
    (
        "pada dalam namun tetapi tapi selain banyak pertemuan sementara setelah sebelum sesaat jika baik "
        "menurut dari di ke yang ini itu kami mereka dia ia kita fakta sebuah seorang para beberapa kedua "
        "akhir awal rencana kunjungan uji sekarang terakhir manfaat keduanya tidak semakin saudara "
        "terkasih baca juga dengan sebagai untuk kereta media termasuk kerjasama kerja kesepakatan "
        "perjanjian logo komentar the a an and of for in on script dan atau tahun bulan pekan hari senin "
        "selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus "
        "september oktober november desember ada adalah apa bagaimana mau bahas marah sekretaris kecuali "
        "tetap seperti sejak hingga saat ketika karena"
    ).split()
)
_CONNECTORS = {"bin", "binti", "van", "von", "de", "al", "for", "of", "the"}
# a run is split after these: "Gedung Putih | Karine Jean-Pierre", "Korea Utara | Kim Jong Un"
ORG_ENDS = {"putih", "kremlin", "marves"}
COUNTRIES = {
    "korea utara": "korea utara",
    "korut": "korea utara",
    "dprk": "korea utara",
    "north korea": "korea utara",
    "korea selatan": "korea selatan",
    "korsel": "korea selatan",
    "south korea": "korea selatan",
    "rusia": "rusia",
    "russia": "rusia",
    "federasi rusia": "rusia",
    "amerika serikat": "amerika serikat",
    "as": "amerika serikat",
    "us": "amerika serikat",
    "usa": "amerika serikat",
    "amerika": "amerika serikat",
    "tiongkok": "china",
    "china": "china",
    "cina": "china",
    "rrt": "china",
    "ukraina": "ukraina",
    "ukraine": "ukraina",
    "indonesia": "indonesia",
    "ri": "indonesia",
    "jepang": "jepang",
    "japan": "jepang",
    "inggris": "inggris",
    "britania raya": "inggris",
    "iran": "iran",
    "vietnam": "vietnam",
    "uni soviet": "uni soviet",
    "prancis": "prancis",
    "jerman": "jerman",
}
PLACE_HEADS = frozenset(
    (
        "stasiun kota pusat pantai pelabuhan bandara istana provinsi kabupaten pulau semenanjung "
        "kosmodrom teluk selat jalan"
    ).split()
)
_PLACE_CUE = re.compile(r"\b(?:di|ke|dari|menuju|tiba di|berlangsung di|digelar di|diadakan di)\s+$", re.IGNORECASE)

_TOKEN = re.compile(r"[A-Z][\w'’.-]*\w|[A-Z]")


@dataclass(frozen=True)
class EntityMention:
    text: str  # as written, titles removed
    start: int
    end: int
    key: str  # normalised surface key (aliases are resolved later by AliasIndex)
    kind: EntityKind


def surface_key(name: str) -> str:
    """'Kim Jong-Un' -> 'kim jong un'; 'Mr. Putin' -> 'putin'; country aliases folded."""
    words = re.sub(r"[-‐–’'`]", " ", name).replace(".", " ").lower().split()
    while words and (words[0] in HONORIFICS or words[0] in TITLES):
        words.pop(0)
    key = " ".join(words)
    return COUNTRIES.get(key, key)


def _runs(sentence: str) -> Iterable[tuple[int, int]]:
    """Spans of runs of capitalised tokens (with lower-case connectors inside)."""
    tokens = list(_TOKEN.finditer(sentence))
    i = 0
    while i < len(tokens):
        start, end = tokens[i].start(), tokens[i].end()
        j = i + 1
        while j < len(tokens):
            gap = sentence[end : tokens[j].start()]
            if gap == " " or (gap.strip().lower() in _CONNECTORS and len(gap) < 7 and gap.startswith(" ")):
                end = tokens[j].end()
                j += 1
            else:
                break
        yield start, end
        i = j


def _split_run(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Dewan Keamanan Nasional AS John Kirby" after the organisation or country part."""
    words = list(re.finditer(r"\S+", sentence[start:end]))
    for i in range(len(words) - 1, 0, -1):
        head = sentence[start : start + words[i - 1].end()]
        last = words[i - 1].group(0)
        tail_len = len(words) - i
        if tail_len > 4 or tail_len < 2:  # the part after the split must look like a full name
            continue
        if (
            surface_key(" ".join(w.group(0) for w in words[max(0, i - 2) : i])) in COUNTRIES.values()
            or surface_key(last) in COUNTRIES
            or last.lower() in ORG_ENDS
            or (last.isupper() and len(last) > 1)
        ):
            return [(start, start + len(head)), (start + words[i].start(), end)]
    return [(start, end)]


def find_entities(sentence: str, common: set[str] | frozenset[str] = frozenset()) -> list[EntityMention]:
    """Named mentions in one sentence, titles and honorifics removed.

    ``common`` holds words seen in lower case in the same article: a capitalised sentence-initial
    word that is also used in lower case ("Pembicaraan", "Selama") names nothing.
    """
    out: list[EntityMention] = []
    spans = [piece for run in _runs(sentence) for piece in _split_run(sentence, *run)]
    for start, end in spans:
        if start == 0 or sentence[:start].strip(" “\"'(") == "":
            first = sentence[start:end].split(" ")[0]
            if first.lower() in common and first.lower() not in COUNTRIES:
                cut = len(first) + 1
                start = min(end, start + cut)
                if start >= end:
                    continue
        words = sentence[start:end].split(" ")
        # peel titles, honorifics and sentence-initial common words off the front
        while (
            words
            and (w := words[0].lower().rstrip("."))
            and (w in HONORIFICS or w in TITLES or w in COMMON_CAPITALISED)
        ):
            start += len(words[0]) + 1
            words.pop(0)
        while words and words[-1].lower() in _CONNECTORS:
            words.pop()
        if not words:
            continue
        text = " ".join(words)
        end = start + len(text)
        if len(text) < 2 or text.isdigit():
            continue
        key = surface_key(text)
        if not key:
            continue
        kind: EntityKind
        if key in COUNTRIES.values():
            kind = "country"
        elif words[0].lower() in PLACE_HEADS or _PLACE_CUE.search(sentence[max(0, start - 16) : start]):
            kind = "place"
        else:
            kind = "person_or_org"
        out.append(EntityMention(text, start, end, key, kind))
    return out


class AliasIndex:
    """Maps surface keys to a canonical key across a whole corpus.

    A key ("kim", "kirby", "jean pierre") maps to the most frequent longer key that begins or
    ends with its words ("kim jong un", "john kirby", "karine jean pierre"). Build it once from every mention of the
    corpus (it is plain data, so it can be built per batch and merged).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter(keys)
        self._canon: dict[str, str] = {}
        countries = set(COUNTRIES.values())
        for key in self.counts:
            if key in countries:
                continue  # "korea utara" is never short for a longer name
            words = key.split()
            longer = [
                m
                for m in self.counts
                if len(m.split()) > len(words)
                and (m.split()[: len(words)] == words or m.split()[-len(words) :] == words)
            ]
            if longer:
                self._canon[key] = max(longer, key=lambda m: (self.counts[m], -len(m), m))

    def canonical(self, key: str) -> str:
        seen = {key}
        while key in self._canon and self._canon[key] not in seen:
            key = self._canon[key]
            seen.add(key)
        return key

    def __call__(self, key: str) -> str:
        return self.canonical(key)

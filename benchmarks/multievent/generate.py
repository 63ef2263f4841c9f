"""Generate a corpus of many confusable news events with ground truth.

    python -m benchmarks.multievent.generate OUT_DIR --articles N --seed S [--langs id,en] [--truth PATH]

Writes ``OUT_DIR/*.md`` (YAML front matter: title, source, url, published, language) and
``OUT_DIR/../<name>.truth.json`` (or ``--truth``). Deterministic for a seed. Events are of six
types (inaugurations, summits, disasters, sports finals, court verdicts, acquisitions) and share
cities, officials and dates; some are sequels of an earlier event of the same actors (a year
later) whose articles look back at it. Each event is reported by several fictional outlets in
Indonesian and English; some articles carry page furniture (bylines, "Baca juga:" lines, photo
credits, timestamps, an outlet's sign-off). Planted into the corpus, with their ground truth:

- discrepancies: one article of an event gives a wrong date, place, figure or quote speaker;
  or, published after the event, still announces it for another date (plan-after-date);
- traps that are not contradictions: an article published before the event announces it for
  the date it then took place (plan vs outcome); look-back sentences about the earlier event;
  syndicated copies (same text, other outlet, new headline); a stale page (an old article
  republished with a new date); same-type events in one city with the same officials.

Every body sentence of every article is in the truth file with its true event, the facts it
states (``E07.date``), the facts it gets wrong and the plans it announces, so a report can be
scored claim by claim (:mod:`benchmarks.multievent.score`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import string
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 1
TEMPLATES = Path(__file__).resolve().parent / "templates"
TYPES = ("inauguration", "summit", "disaster", "sports", "verdict", "deal")
#: attributes with a figure, per event type (date, venue and speaker are common to all types)
FIGURES = {
    "inauguration": ("cost", "capacity", "months"),
    "summit": ("hours", "agreements", "investment"),
    "disaster": ("deaths", "evacuees", "houses"),
    "sports": ("score", "attendance", "minute"),
    "verdict": ("years", "fine", "restitution"),
    "deal": ("value", "stake", "employees"),
}
#: figures an article written before the event can already state
KNOWN_BEFORE = {"inauguration": ("cost", "capacity", "months"), "deal": ("value", "employees")}
SEQUEL_TYPES = ("summit", "sports", "deal", "inauguration")
ALIASES = {"minute_th": "minute"}  # placeholder -> attribute
PREV = {"prev_date": "date", "prev_venue": "venue", "prev_value": "value"}


def aspect_of(attribute: str) -> str:
    return {"date": "date", "venue": "place", "speaker": "attribution"}.get(attribute, "number")


@dataclass(frozen=True)
class Value:
    """A fact's value: kind in date, place, count, money, duration, percent, score, person, minute."""

    kind: str
    raw: Any
    unit: Any = None

    def canonical(self) -> Any:
        if self.kind == "date":
            return self.raw.isoformat()
        if self.kind == "score":
            return f"{self.raw[0]}-{self.raw[1]}"
        if self.kind == "money":
            return f"{self.raw} {self.unit}"
        return self.raw


@dataclass
class Event:
    id: str
    type: str
    day: dt.date
    city: str
    ident: dict[str, dict[str, str]]  # language -> identity placeholders
    facts: dict[str, Value]
    speakers: list[str]  # speakers[0] says the quote
    quote: dict[str, str]
    prev: Event | None = None
    articles: list[str] = field(default_factory=list)


@dataclass
class Slot:
    """One planned article."""

    event: Event
    lang: str
    outlet: str
    published: dt.date
    kind: str = "report"  # report, preview, plan-after, copy, stale
    wrong: dict[str, Value] = field(default_factory=dict)
    force: set[str] = field(default_factory=set)
    copy_of: Slot | None = None
    others: list[Event] = field(default_factory=list)  # a round-up's other events
    name: str = ""
    headline: str = ""
    group: str = ""
    sentences: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""


def load_templates() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    world = yaml.safe_load((TEMPLATES / "world.yaml").read_text(encoding="utf-8"))
    langs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(TEMPLATES.glob("*.yaml"))}
    langs.pop("world")
    return world, langs


# ----------------------------------------------------------------------------------- rendering
def _num(x: float, lang: str) -> str:
    """1250 -> "1.250" (id) / "1,250" (en); 1.5 -> "1,5" / "1.5"."""
    x = round(x, 1)
    if float(x).is_integer():
        s = f"{int(x):,}"
        return s.replace(",", ".") if lang == "id" else s
    s = f"{x:,.1f}"
    if lang == "id":
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s


class Renderer:
    def __init__(self, langs: dict[str, dict[str, Any]], rng: random.Random) -> None:
        self.langs = langs
        self.rng = rng

    def date(self, day: dt.date, lang: str, styles: str = "date_styles") -> str:
        data = self.langs[lang]["lang"]
        style = self.rng.choice(data[styles])
        return style.format(
            wd=data["weekdays"][day.weekday()], d=day.day, m=day.month, mon=data["months"][day.month - 1], y=day.year
        )

    def small(self, n: int, lang: str) -> str:
        words = self.langs[lang]["lang"]["number_words"]
        return words[n] if n < len(words) and self.rng.random() < 0.4 else _num(n, lang)

    def value(self, v: Value, lang: str, etype: str, attr: str) -> str:
        data = self.langs[lang]["lang"]
        if v.kind == "date":
            return self.date(v.raw, lang)
        if v.kind == "place":
            form = self.langs[lang]["places"][etype]
            if etype == "summit":
                kind, capital = v.raw
                return form.format(kind=kind[lang], x=capital)
            return form.format(x=v.raw)
        if v.kind == "count":
            unit = v.unit[lang] if isinstance(v.unit, dict) else data[v.unit]
            return f"{self.small(v.raw, lang) if v.raw <= 10 else _num(v.raw, lang)} {unit}".strip()
        if v.kind == "duration":
            return f"{self.small(v.raw, lang)} {data[v.unit + '_unit']}"
        if v.kind == "percent":
            return self.rng.choice(data["percent"]).format(x=v.raw)
        if v.kind == "money":
            if v.unit == "idr_m":
                return self.rng.choice(data["money_idr_m"]).format(x=_num(v.raw, lang))
            big = v.raw >= 1000
            key = f"money_{v.unit}{'_big' if big else ''}"
            return self.rng.choice(data[key]).format(x=_num(v.raw / 1000 if big else v.raw, lang))
        if v.kind == "score":
            return f"{v.raw[0]}-{v.raw[1]}"
        if v.kind == "minute":
            n = v.raw
            if lang == "en":
                suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
                return f"{n}{suffix}"
            return str(n)
        return str(v.raw)


def _fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def _attr(name: str) -> str:
    name = ALIASES.get(name, name)
    return name[0].lower() + name[1:]


def _title(s: str, keep_lower: Sequence[str]) -> str:
    """Headline case: every lower-case word capitalised except the short ones the language keeps."""
    words = s.split(" ")
    return " ".join(w if i and (w in keep_lower or not w.islower()) else _cap(w) for i, w in enumerate(words))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ----------------------------------------------------------------------------------- the world
class World:
    def __init__(self, seed: int, langs: Sequence[str]) -> None:
        self.rng = random.Random(seed)
        self.world, all_langs = load_templates()
        self.langs = {k: all_langs[k] for k in langs}
        self.lang_codes = list(langs)
        self.render = Renderer(self.langs, self.rng)
        self.used_names: set[str] = set()
        self.city_officials: dict[str, list[tuple[int, str]]] = {}
        self.ministers = [(2, self.person()), (3, self.person()), (4, self.person())]
        self.n_events = 0
        self.used_dates: list[dt.date] = []

    def person(self, english: bool = False) -> str:
        w = self.world
        firsts, lasts = (w["english_first"], w["english_last"]) if english else (w["first_names"], w["last_names"])
        for _ in range(1000):
            name = f"{self.rng.choice(firsts)} {self.rng.choice(lasts)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return f"{self.rng.choice(firsts)} {self.rng.choice(lasts)} {len(self.used_names)}"

    def titled(self, title: dict[str, str], name: str, where: str = "") -> dict[str, str]:
        return {lang: f"{title[lang]}{' ' + where if where else ''} {name}" for lang in self.lang_codes}

    def officials(self, city: str) -> list[tuple[int, str]]:
        """The mayor and the deputy mayor of a city: the same people in every event there."""
        if city not in self.city_officials:
            self.city_officials[city] = [(0, self.person()), (1, self.person())]
        return self.city_officials[city]

    def pick_day(self, year: int) -> dt.date:
        if self.used_dates and self.rng.random() < 0.25:  # same-day events
            day = self.rng.choice(self.used_dates)
            if day.year == year:
                return day
        day = dt.date(year, 2, 1) + dt.timedelta(days=self.rng.randrange(0, 290))
        self.used_dates.append(day)
        return day

    def new_id(self) -> str:
        self.n_events += 1
        return f"E{self.n_events:03d}"

    # ------------------------------------------------------------------- one event per type
    def event(self, etype: str, year: int = 2025, prev: Event | None = None) -> Event:
        rng, w = self.rng, self.world
        day = self.pick_day(year)
        if prev is not None:  # about a year later
            lo, hi = dt.date(year, 2, 1), dt.date(year, 11, 20)
            day = min(hi, max(lo, prev.day + dt.timedelta(days=365 + rng.randrange(-60, 60))))
        make = getattr(self, f"_{etype}")
        ident, facts, speakers, city = make(prev)
        quote = rng.choice(w["quotes"][etype])
        facts["date"] = Value("date", day)
        facts["speaker"] = Value("person", speakers[0])
        return Event(self.new_id(), etype, day, city, ident, facts, speakers, quote, prev)

    def _inauguration(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        city = prev.city if prev else rng.choice(w["cities"][:8])  # few cities: same-city events
        officials = self.officials(city) + self.ministers
        if prev:
            title_i, official = next((t, n) for t, n in officials if n == prev.speakers[0])
        else:
            title_i, official = rng.choice(officials)
        title = w["official_titles"][title_i]
        where = city if title_i < 2 else ""
        g_i, guest = rng.choice([o for o in officials if o[1] != official])
        kind = rng.choice(w["facility_kinds"])
        fname = rng.choice(w["facility_names"])
        ident: dict[str, dict[str, str]] = {}
        for lang in self.lang_codes:
            facility = f"{kind[lang]} {fname}" if lang == "id" else f"{fname} {kind[lang].title()}"
            ident[lang] = {
                "official": self.titled(title, official, where)[lang],
                "official_name": official.split()[-1],
                "guest": self.titled(w["official_titles"][g_i], guest, city if g_i < 2 else "")[lang],
                "facility": facility,
                "facility_kind": kind[lang],
                "city": city,
            }
            if prev:
                ident[lang]["prev_facility"] = prev.ident[lang]["facility"]
        cap_unit = {"id": kind["cap_id"], "en": kind["cap_en"]}
        lo, hi, step = kind["cap"]
        facts = {
            "venue": Value("place", rng.choice(w["districts"])),
            "cost": Value("money", rng.randrange(40, 2400) // 10 * 10, "idr"),
            "capacity": Value("count", rng.randrange(lo // step, hi // step) * step, cap_unit),
            "months": Value("duration", rng.randrange(8, 40), "months"),
        }
        return ident, facts, [official, guest], city

    def _summit(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        if prev:
            a, b = prev.ident["_"]["a"], prev.ident["_"]["b"]
            ca, cb = (
                next(c for c in w["countries"] if c["name"] == a),
                next(c for c in w["countries"] if c["name"] == b),
            )
            ca, cb = cb, ca  # the return visit
            la, lb = prev.ident["_"]["lb"], prev.ident["_"]["la"]
            ta, tb = prev.ident["_"]["tb"], prev.ident["_"]["ta"]
        else:
            ca, cb = rng.sample(w["countries"], 2)
            la, lb = self.person(True), self.person(True)
            ta, tb = (str(rng.randrange(len(w["leader_titles"]))) for _ in range(2))
        ident: dict[str, dict[str, str]] = {
            "_": {"a": ca["name"], "b": cb["name"], "la": la, "lb": lb, "ta": ta, "tb": tb}
        }
        for lang in self.lang_codes:
            t_a, t_b = w["leader_titles"][int(ta)][lang], w["leader_titles"][int(tb)][lang]
            ident[lang] = {
                "leader_a": f"{t_a} {ca['name']} {la}" if lang == "id" else f"{ca['name']} {t_a} {la}",
                "leader_b": f"{t_b} {cb['name']} {lb}" if lang == "id" else f"{cb['name']} {t_b} {lb}",
                "leader_a_name": la.split()[-1],
                "leader_b_name": lb.split()[-1],
                "country_a": ca["name"],
                "country_b": cb["name"],
                "city": cb["capital"],
            }
            if prev:
                ident[lang]["prev_city"] = prev.city
        facts = {
            "venue": Value("place", (rng.choice(w["summit_venues"]), cb["capital"])),
            "hours": Value("duration", rng.randrange(2, 7), "hours"),
            "agreements": Value("count", rng.randrange(3, 16), {"id": "", "en": ""}),
            "investment": Value("money", rng.randrange(10, 95) * 100, "usd"),
        }
        speakers = [la, lb] if rng.random() < 0.5 else [lb, la]
        return ident, facts, speakers, cb["capital"]

    def _disaster(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        region = rng.choice(w["regions"][:5])  # few regions: several disasters in one place
        if region not in self.city_officials:
            self.city_officials[region] = [(0, self.person()), (1, self.person())]
        head, regent = (n for _, n in self.city_officials[region])
        hazard = rng.choice(w["hazards"])
        ident: dict[str, dict[str, str]] = {}
        for lang in self.lang_codes:
            reg = self.langs[lang]["places"]["region"].format(x=region)
            agency = f"Kepala BPBD {reg} {head}" if lang == "id" else f"{reg} disaster agency head {head}"
            bupati = f"Bupati {region} {regent}" if lang == "id" else f"{region} regent {regent}"
            ident[lang] = {"hazard": hazard[lang], "region": reg, "guest": bupati, "city": region, "agency": agency}
        facts = {
            "venue": Value("place", rng.choice(w["villages"])),
            "deaths": Value("count", rng.randrange(3, 90), "people"),
            "evacuees": Value("count", rng.randrange(30, 900) * 10, "residents"),
            "houses": Value("count", rng.randrange(40, 950), "houses"),
        }
        speakers = [head, regent] if rng.random() < 0.7 else [regent, head]
        return ident, facts, speakers, region

    def _sports(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        if prev:
            ta, tb = prev.ident["_"]["ta"], prev.ident["_"]["tb"]
            ca, cb = prev.ident["_"]["ca"], prev.ident["_"]["cb"]
            comp_i = int(prev.ident["_"]["comp"])
        else:
            ta, tb = rng.sample(w["teams"], 2)
            ca, cb = self.person(), self.person()
            comp_i = rng.randrange(len(w["competitions"]))
        city = rng.choice(w["cities"])
        win_a = rng.random() < 0.5
        winner, loser = (ta, tb) if win_a else (tb, ta)
        cw, cl = (ca, cb) if win_a else (cb, ca)
        ident: dict[str, dict[str, str]] = {
            "_": {"ta": ta, "tb": tb, "ca": ca, "cb": cb, "comp": str(comp_i), "cw": cw}
        }
        for lang in self.lang_codes:
            coach = "pelatih" if lang == "id" else "coach"
            ident[lang] = {
                "team_a": ta,
                "team_b": tb,
                "winner": winner,
                "loser": loser,
                "competition": w["competitions"][comp_i][lang],
                "city": city,
                "scorer": self.person() if lang == self.lang_codes[0] else ident[self.lang_codes[0]]["scorer"],
                "guest": f"{cl}",
                "coach": coach,
            }
        w_goals = rng.randrange(1, 5)
        facts = {
            "venue": Value("place", rng.choice(w["stadiums"])),
            "score": Value("score", (w_goals, rng.randrange(0, w_goals))),
            "attendance": Value("count", rng.randrange(150, 600) * 100, "spectators"),
            "minute": Value("minute", rng.randrange(3, 90)),
        }
        return ident, facts, [cw, cl], city

    def _verdict(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        city = rng.choice(w["cities"][:8])
        defendant, judge, prosecutor, lawyer = self.person(), self.person(), self.person(), self.person()
        case = rng.choice(w["cases"])
        ident: dict[str, dict[str, str]] = {}
        for lang in self.lang_codes:
            roles = (
                ("hakim ketua", "jaksa", "pengacara") if lang == "id" else ("presiding judge", "prosecutor", "lawyer")
            )
            ident[lang] = {
                "defendant": defendant,
                "defendant_name": defendant.split()[-1],
                "case": case[lang],
                "city": city,
                "prosecutor": prosecutor,
                "lawyer": lawyer,
                f"role:{judge}": roles[0],
                f"role:{prosecutor}": roles[1],
                f"role:{lawyer}": roles[2],
            }
        facts = {
            "venue": Value("place", city),
            "years": Value("duration", rng.randrange(2, 16), "years"),
            "fine": Value("money", rng.randrange(1, 10) * 100, "idr_m"),
            "restitution": Value("money", rng.randrange(2, 95), "idr"),
        }
        speakers = [judge, prosecutor, lawyer]
        rng.shuffle(speakers)
        return ident, facts, speakers, city

    def _deal(self, prev: Event | None) -> tuple[dict[str, dict[str, str]], dict[str, Value], list[str], str]:
        rng, w = self.rng, self.world
        if prev:
            buyer, ceo = prev.ident["_"]["buyer"], prev.speakers[0]
            target = rng.choice([c for c in w["companies"] if c not in (buyer, prev.ident["_"]["target"])])
        else:
            buyer, target = rng.sample(w["companies"], 2)
            ceo = self.person()
        ceo_t = self.person()
        city = rng.choice(w["cities"][:8])
        ident: dict[str, dict[str, str]] = {"_": {"buyer": buyer, "target": target}}
        for lang in self.lang_codes:
            role = "Direktur Utama {c}" if lang == "id" else "{c} chief executive"
            ident[lang] = {
                "buyer": buyer,
                "target": target,
                "city": city,
                "guest": f"{role.format(c=target)} {ceo_t}",
                f"role:{ceo}": role.format(c=buyer),
                f"role:{ceo_t}": role.format(c=target),
            }
            if prev:
                ident[lang]["prev_target"] = prev.ident["_"]["target"]
        facts = {
            "venue": Value("place", city),
            "value": Value("money", rng.randrange(5, 250) * 10, "usd"),
            "stake": Value("percent", rng.randrange(6, 21) * 5),
            "employees": Value("count", rng.randrange(5, 120) * 100, "employees"),
        }
        return ident, facts, [ceo, ceo_t], city

    # ------------------------------------------------------------------- wrong values
    def wrong_value(self, ev: Event, attr: str) -> Value:
        rng, v = self.rng, ev.facts[attr]
        if v.kind == "date":
            return Value("date", v.raw + dt.timedelta(days=rng.choice([-3, -2, -1, 1, 2, 3, 7])))
        if v.kind == "place":
            pool: list[Any]
            if ev.type == "summit":
                pool = [(k, v.raw[1]) for k in self.world["summit_venues"] if k != v.raw[0]]
            else:
                key = {"inauguration": "districts", "disaster": "villages", "sports": "stadiums"}.get(ev.type, "cities")
                pool = [p for p in self.world[key] if p != v.raw]
            return Value("place", rng.choice(pool))
        if v.kind == "person":
            return Value("person", rng.choice(ev.speakers[1:]))
        if v.kind == "score":
            w, l_ = v.raw
            return Value(
                "score", rng.choice([(w + 1, l_), (w, l_ + 1) if l_ + 1 < w else (w + 2, l_), (w + 1, l_ + 1)])
            )
        if v.kind == "minute":
            return Value("minute", max(1, min(90, v.raw + rng.choice([-15, -10, -7, 7, 10, 15]))))
        if v.kind == "percent":
            return Value("percent", v.raw - 20 if v.raw > 50 else v.raw + 20)
        x = v.raw
        if x <= 16:
            new = x + rng.choice([-2, -1, 1, 2, 3]) if x > 2 else x + rng.choice([1, 2, 3])
        else:
            factor = rng.choice([0.5, 0.6, 0.7, 1.4, 1.5, 2.0])
            step = max(1, 10 ** (len(str(int(x))) - 2))
            new = max(step, round(x * factor / step) * step)
        return Value(v.kind, int(new), v.unit)


# ----------------------------------------------------------------------------------- articles
def furniture_sentence(kind: str, text: str) -> dict[str, Any]:
    """A line of page furniture (byline, "Baca juga:", sign-off ...): about no event, no fact."""
    return {
        "text": text,
        "role": "furniture",
        "event": None,
        "facts": [],
        "wrong": [],
        "plans": [],
        "minor": [],
        "kind": kind,
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]


class Writer:
    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng
        outlets = {"id": list(world.world["outlets_id"]), "en": list(world.world["outlets_en"])}
        self.outlets = {k: v for k, v in outlets.items() if k in world.lang_codes}
        # each outlet has its own sign-off line, dateline habit and reporters
        self.style: dict[str, dict[str, Any]] = {}
        wire = world.world["wire"]
        for lang in world.lang_codes:
            for outlet in [*self.outlets[lang], wire[lang]]:
                fur = world.langs[lang]["furniture"]
                self.style[outlet] = {
                    "signoff": self.rng.choice(fur["signoff"]),
                    "dateline": self.rng.random() < 0.5,
                    "reporters": [world.person() for _ in range(3)],
                    "furniture": self.rng.random() < 0.7,
                    "lang": lang,
                }

    def outlet(self, lang: str, taken: set[str]) -> str:
        free = [o for o in self.outlets[lang] if o not in taken] or self.outlets[lang]
        return self.rng.choice(free)

    def fill(self, template: str, slot: Slot, styles: str = "date_styles") -> dict[str, Any]:
        """One sentence: the template filled with the slot's values; which facts it states."""
        ev, lang = slot.event, slot.lang
        vals: dict[str, str] = dict(ev.ident[lang])
        facts: list[str] = []
        wrong: list[str] = []
        plans: list[str] = []
        for name in _fields(template):
            attr = _attr(name)
            if name in vals or attr in vals:
                continue
            if name in PREV and ev.prev is not None:
                pv = ev.prev.facts[PREV[name]]
                text = (
                    self.w.render.date(pv.raw, lang, "prev_date_styles")
                    if pv.kind == "date"
                    else (self.w.render.value(pv, lang, ev.prev.type, PREV[name]))
                )
                vals[name] = text
                facts.append(f"{ev.prev.id}.{PREV[name]}")
                continue
            if attr == "quote":
                q = ev.quote[lang]
                if "{quote}\u201d " in template and q.endswith("."):
                    q = q[:-1] + ","  # “..., ” said X.
                vals[name] = q
                continue
            if attr not in ev.facts:
                raise KeyError(f"template field {name!r} unknown for {ev.type}")
            v = slot.wrong.get(attr, ev.facts[attr])
            if attr == "speaker":
                text = self._speaker(ev, lang, v.raw)
            elif attr == "date":
                text = self.w.render.date(v.raw, lang, styles)
            else:
                text = self.w.render.value(v, lang, ev.type, attr)
            vals[name] = _cap(text) if name[0].isupper() else text
            fid = f"{ev.id}.{attr}"
            if styles == "plan_date_styles" and attr in ("date", "venue"):
                (wrong if attr in slot.wrong else plans).append(fid)
            else:
                (wrong if attr in slot.wrong else facts).append(fid)
        for k in list(vals):
            vals.setdefault(_cap(k), _cap(vals[k]))
        text = template.format(**vals)
        about_prev = ev.prev is not None and bool(facts) and all(f.startswith(ev.prev.id + ".") for f in facts)
        event = ev.prev.id if about_prev and ev.prev is not None else ev.id
        return {"text": _cap(text), "event": event, "facts": facts, "wrong": wrong, "plans": plans, "minor": []}

    def _speaker(self, ev: Event, lang: str, name: str) -> str:
        if ev.type == "inauguration":
            who = {ev.speakers[0]: ev.ident[lang]["official"], ev.speakers[1]: ev.ident[lang]["guest"]}
            return who.get(name, name)
        if ev.type == "disaster":
            return ev.ident[lang]["agency"] if ev.ident[lang]["agency"].endswith(name) else ev.ident[lang]["guest"]
        if ev.type == "sports":
            team = ev.ident[lang]["winner" if name == ev.ident["_"]["cw"] else "loser"]
            return f"{team} coach {name}" if lang == "en" else f"pelatih {team} {name}"
        role = ev.ident[lang].get(f"role:{name}")
        if role:
            return f"{role} {name}" if self.rng.random() < 0.7 else name
        return name

    # ------------------------------------------------------------------- one article
    def minor(self, slot: Slot, key: str, i: int, role: str, pool: Sequence[str] | None = None) -> dict[str, Any]:
        """A sentence that states no planted fact: its template's index names the small fact it
        states, the same in every language (``E07.color.3``), so two outlets agreeing on it agree."""
        templates = pool if pool is not None else self.w.langs[slot.lang][slot.event.type][key]
        s = self.fill(templates[i], slot)
        s["role"] = role
        s["minor"] = [f"{slot.event.id}.{key}.{i}"]
        return s

    def body(self, slot: Slot) -> list[dict[str, Any]]:
        ev, lang, rng = slot.event, slot.lang, self.rng
        T = self.w.langs[lang][ev.type]
        out: list[dict[str, Any]] = []

        def add(key: str, role: str, styles: str = "date_styles") -> None:
            if T.get(key):
                s = self.fill(rng.choice(T[key]), slot, styles)
                s["role"] = role
                out.append(s)

        if slot.kind == "roundup":
            for e in [ev, *slot.others]:
                part = Slot(e, lang, slot.outlet, slot.published)
                T = self.w.langs[lang][e.type]
                chosen = [rng.choice(T["lead"])] + [rng.choice(T[a]) for a in rng.sample(FIGURES[e.type], 2)]
                for k, tpl in enumerate(chosen):
                    s = self.fill(tpl, part)
                    s["role"] = "lead" if k == 0 else "fact"
                    out.append(s)
                if rng.random() < 0.5:
                    s = self.fill(rng.choice(T["quote"]), part)
                    s["role"] = "quote"
                    out.append(s)
            return out
        if slot.kind in ("preview", "plan-after"):
            add("lead_plan", "plan", "plan_date_styles")
            for attr in KNOWN_BEFORE.get(ev.type, ()):
                if rng.random() < 0.6 or attr in slot.force:
                    add(attr, "fact")
            pool = self.w.langs[lang]["preview"]["color"]
            rest = [self.minor(slot, "preview", i, "color", pool) for i in range(len(pool))]
            rng.shuffle(rest)
            bg = self.minor(slot, "background", rng.randrange(len(T["background"])), "background")
            rest.insert(rng.randrange(len(rest) + 1), bg)
            return out + rest[: max(7, rng.randrange(7, len(rest) + 1))]
        add("lead", "lead")
        middle: list[dict[str, Any]] = []
        for attr in FIGURES[ev.type]:
            if rng.random() < 0.75 or attr in slot.force:
                s = self.fill(rng.choice(T[attr]), slot)
                s["role"] = "fact"
                middle.append(s)
        if rng.random() < 0.85 or "speaker" in slot.force:
            s = self.fill(rng.choice(T["quote"]), slot)
            s["role"] = "quote"
            middle.append(s)
        if T.get("guest") and rng.random() < 0.5:
            middle.append(self.minor(slot, "guest", rng.randrange(len(T["guest"])), "background"))
        if ev.prev is not None and T.get("lookback") and rng.random() < 0.75:
            s = self.fill(rng.choice(T["lookback"]), slot)
            s["role"] = "lookback"
            middle.append(s)
        extra = [("background", i) for i in range(len(T["background"]))] + [
            ("color", i) for i in range(len(T["color"]))
        ]
        rng.shuffle(extra)
        target = rng.randrange(8, 17)
        while extra and (len(out) + len(middle) < target or len(out) + len(middle) < 8):
            role, i = extra.pop()
            middle.append(self.minor(slot, role, i, role))
        # a weighted shuffle: facts, quotes and look-backs tend to come before colour and background
        keys = {id(s): rng.random() + (0.6 if s["role"] in ("color", "background") else 0.0) for s in middle}
        middle.sort(key=lambda s: keys[id(s)])
        quote_first = middle and middle[0]["role"] == "quote" and len(middle) > 1
        if quote_first:
            middle[0], middle[1] = middle[1], middle[0]
        return out + middle

    def furniture(self, slot: Slot, headlines: list[str]) -> dict[str, str]:
        lang, rng, st = slot.lang, self.rng, self.style[slot.outlet]
        fur = self.w.langs[lang]["furniture"]
        reporter = rng.choice(st["reporters"])
        initials = "".join(p[0].lower() for p in reporter.split())
        ctx = {
            "reporter": reporter,
            "editor": self.style[slot.outlet]["reporters"][0],
            "outlet": slot.outlet,
            "initials": initials,
            "n": rng.randrange(1, 12),
        }
        out: dict[str, str] = {}
        if not st["furniture"]:
            return out
        if rng.random() < 0.3:
            out["timestamp"] = rng.choice(fur["timestamp"]).format(**ctx)
        if rng.random() < 0.5:
            out["byline"] = rng.choice(fur["byline"]).format(**ctx)
        if rng.random() < 0.3:
            out["photo"] = rng.choice(fur["photo"]).format(**ctx)
        if rng.random() < 0.4 and headlines:
            out["read_more"] = rng.choice(fur["read_more"]).format(headline=rng.choice(headlines))
        if rng.random() < 0.85:
            out["signoff"] = st["signoff"].format(**ctx)
        return out

    def assemble(
        self, slot: Slot, sentences: list[dict[str, Any]], fur: dict[str, str]
    ) -> tuple[str, list[dict[str, Any]]]:
        """Paragraphs of 1-3 sentences with the furniture lines where pages put them."""
        rng, st = self.rng, self.style[slot.outlet]
        sentences = [dict(s) for s in sentences]
        if st["dateline"] and sentences and slot.kind != "copy":
            dateline = self.w.langs[slot.lang]["furniture"]["dateline"].format(
                CITY=slot.event.city.upper(), outlet=slot.outlet
            )
            sentences[0]["text"] = f"{dateline} {sentences[0]['text']}"
        blocks: list[list[dict[str, Any]]] = []
        i = 0
        while i < len(sentences):
            n = rng.choice([1, 2, 2, 3])
            blocks.append(sentences[i : i + n])
            i += n

        def line(role: str, text: str) -> list[dict[str, Any]]:
            return [furniture_sentence(role, text)]

        if "photo" in fur:
            blocks.insert(1, line("photo", fur["photo"]))
        if "read_more" in fur and len(blocks) > 3:
            blocks.insert(rng.randrange(2, len(blocks) - 1), line("read_more", fur["read_more"]))
        head = [line(k, fur[k]) for k in ("timestamp", "byline") if k in fur]
        tail = [line("signoff", fur["signoff"])] if "signoff" in fur else []
        blocks = head + blocks + tail
        paragraphs = [" ".join(s["text"] for s in b) for b in blocks]
        flat = [s for b in blocks for s in b]
        return "\n\n".join(paragraphs) + "\n", flat


# ----------------------------------------------------------------------------------- the corpus
def plan_corpus(world: World, writer: Writer, n_articles: int) -> tuple[list[Event], list[Slot]]:
    """Which events happen, and which outlet writes which kind of article about each."""
    rng = world.rng
    events: list[Event] = []
    slots: list[Slot] = []
    en_share = 0.36 if "en" in world.lang_codes and len(world.lang_codes) > 1 else 0.0
    lang0 = world.lang_codes[0] if world.lang_codes[0] != "en" or len(world.lang_codes) == 1 else "id"

    def lang() -> str:
        return "en" if rng.random() < en_share else lang0 if en_share else world.lang_codes[0]

    type_cycle: list[str] = []
    aspect_queue: list[str] = []
    while len(slots) < n_articles:
        if not type_cycle:
            type_cycle = list(TYPES)
            rng.shuffle(type_cycle)
        etype = type_cycle.pop()
        if etype in SEQUEL_TYPES and rng.random() < 0.4:
            first = world.event(etype, 2024)
            pair = [first, world.event(etype, 2025, prev=first)]
        else:
            pair = [world.event(etype, 2025)]
        for ev in pair:
            remaining = n_articles - len(slots)
            if remaining <= 0:
                break
            events.append(ev)
            n_reports = min(remaining, rng.randrange(3, 9))
            taken: set[str] = set()
            ev_slots: list[Slot] = []
            for _ in range(n_reports):
                lg = lang()
                outlet = writer.outlet(lg, taken)
                taken.add(outlet)
                pub = ev.day + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
                ev_slots.append(Slot(ev, lg, outlet, pub))
            extras: list[Slot] = []
            can_plan = bool(world.langs[lang0][etype].get("lead_plan"))
            if can_plan and rng.random() < 0.45 and len(slots) + len(ev_slots) + len(extras) < n_articles:
                lg = lang()
                extras.append(
                    Slot(ev, lg, writer.outlet(lg, taken), ev.day - dt.timedelta(days=rng.randrange(2, 9)), "preview")
                )
            if can_plan and rng.random() < 0.12 and len(slots) + len(ev_slots) + len(extras) < n_articles:
                lg = lang()
                s = Slot(
                    ev, lg, writer.outlet(lg, taken), ev.day + dt.timedelta(days=rng.randrange(1, 4)), "plan-after"
                )
                s.wrong["date"] = world.wrong_value(ev, "date")
                extras.append(s)
            if rng.random() < 0.3 and len(slots) + len(ev_slots) + len(extras) + 2 <= n_articles:
                lg = lang()
                wire = Slot(ev, lg, world.world["wire"][lg], ev.day + dt.timedelta(days=rng.choice([0, 1])))
                extras.append(wire)
                for _ in range(rng.choice([1, 1, 2])):
                    if len(slots) + len(ev_slots) + len(extras) < n_articles:
                        extras.append(Slot(ev, lg, writer.outlet(lg, taken), wire.published, "copy", copy_of=wire))
            # planted wrong values in ordinary reports (not the wire copy others reproduce)
            candidates = [s for s in ev_slots]
            n_wrong = rng.choice([0, 1, 1, 1, 2]) if len(candidates) >= 3 else 0
            # aspects in turn over the corpus (date, place, attribution, a figure), then an attribute
            attrs: list[str] = []
            for _ in range(n_wrong):
                if not aspect_queue:
                    aspect_queue = ["date", "venue", "speaker", "figure"]
                    rng.shuffle(aspect_queue)
                pick = next((a for a in aspect_queue if a not in attrs), aspect_queue[0])
                aspect_queue.remove(pick)
                attrs.append(rng.choice(FIGURES[etype]) if pick == "figure" else pick)
            for victim, attr in zip(rng.sample(candidates, n_wrong), attrs, strict=False):
                victim.wrong[attr] = world.wrong_value(ev, attr)
                victim.force.add(attr)
                others = [s for s in ev_slots if s is not victim and attr not in s.wrong]
                for s in rng.sample(others, min(2, len(others))):
                    s.force.add(attr)
            if rng.random() < 0.3:  # every ordinary report states something quotable
                for s in ev_slots:
                    s.force.add("speaker")
            slots.extend(ev_slots + extras)
            if ev.prev is not None and rng.random() < 0.5 and len(slots) < n_articles:
                src = next((s for s in slots if s.event is ev.prev and s.kind == "report" and not s.wrong), None)
                if src is not None:
                    stale = Slot(
                        ev.prev,
                        src.lang,
                        writer.outlet(src.lang, set()),
                        ev.day + dt.timedelta(days=rng.randrange(0, 4)),
                        "stale",
                        copy_of=src,
                    )
                    slots.append(stale)
        # now and then a news round-up: one article about events of three kinds within two weeks
        if rng.random() < 0.15 and len(slots) < n_articles:
            ref = rng.choice(events)
            picked: list[Event] = []
            for e in sorted(events, key=lambda e: (abs((e.day - ref.day).days), e.id)):
                if abs((e.day - ref.day).days) <= 14 and e.type not in {x.type for x in picked}:
                    picked.append(e)
            picked = picked[:3]
        else:
            picked = []
        if len(picked) == 3:
            lg = lang()
            day = max(e.day for e in picked) + dt.timedelta(days=1)
            roundup = Slot(picked[0], lg, writer.outlet(lg, set()), day, "roundup")
            roundup.others = picked[1:]
            slots.append(roundup)
    return events, slots[:n_articles]


def generate(
    out_dir: Path, n_articles: int, seed: int, langs: Sequence[str] = ("id", "en"), truth_path: Path | None = None
) -> dict[str, Any]:
    """Write the corpus and its truth file; returns the truth."""
    world = World(seed, langs)
    writer = Writer(world)
    events, slots = plan_corpus(world, writer, n_articles)
    rng = world.rng
    # names and headlines first: "Baca juga" lines point at other articles of the corpus
    order = list(range(len(slots)))
    rng.shuffle(order)
    for k, i in enumerate(order):
        s = slots[i]
        T = world.langs[s.lang][s.event.type]
        key = "headline_plan" if s.kind in ("preview", "plan-after") and T.get("headline_plan") else "headline"
        tpl = rng.choice(T[key])
        if s.kind == "roundup":
            tpl = rng.choice(world.langs[s.lang]["roundup"]["headline"])
        s.headline = _title(writer.fill(tpl, s)["text"], world.langs[s.lang]["lang"]["headline_lowercase"])
        s.name = f"{k:04d}_{_slug(s.outlet)}.md"
    headlines = {s.lang: [x.headline for x in slots if x.lang == s.lang] for s in slots}
    groups: dict[int, str] = {}
    for s in slots:
        src = s.copy_of if s.copy_of is not None else s
        groups.setdefault(id(src), f"S{len(groups) + 1:04d}")
        s.group = groups[id(src)]
    for s in slots:
        if s.copy_of is None:
            s.sentences = writer.body(s)
    for s in slots:
        if s.copy_of is not None:
            s.sentences = [dict(x) for x in s.copy_of.sentences]
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_articles: dict[str, Any] = {}
    for s in slots:
        fur = writer.furniture(s, [h for h in headlines[s.lang] if h != s.headline])
        body, flat = writer.assemble(s, s.sentences, fur)
        if s.copy_of is not None and s.copy_of.text:  # same text as the source, its own furniture
            body, flat = _reuse(s.copy_of, fur, writer)
        s.text = body
        front = {
            "title": s.headline,
            "source": s.outlet,
            "url": f"https://{_slug(s.outlet)}.example/{s.published:%Y/%m/%d}/{_slug(s.headline)}",
            "published": s.published.isoformat(),
            "language": s.lang,
        }
        fm = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        (out_dir / s.name).write_text(f"---\n{fm}---\n\n{body}", encoding="utf-8")
        s.sentences = flat
        s.event.articles.append(s.name)
        for e in s.others:
            e.articles.append(s.name)
        truth_articles[s.name] = {
            "event": s.event.id,
            "language": s.lang,
            "outlet": s.outlet,
            "published": s.published.isoformat(),
            "kind": s.kind,
            "syndication": s.group,
            "stale": s.kind == "stale",
            "copy_of": s.copy_of.name if s.copy_of is not None else None,
            "events": [s.event.id, *(e.id for e in s.others)],
            "sentences": [{k: v for k, v in x.items()} for x in flat],
        }
    truth = build_truth(events, slots, truth_articles, seed, n_articles, langs)
    path = truth_path or out_dir.parent / f"{out_dir.name}.truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return truth


def _reuse(src: Slot, fur: dict[str, str], writer: Writer) -> tuple[str, list[dict[str, Any]]]:
    """A copy keeps the source's body paragraphs and gets its own page furniture."""
    body_sents = [x for x in src.sentences if x["role"] != "furniture"]
    paragraphs = [p for p in src.text.strip().split("\n\n")]
    furniture_texts = {x["text"] for x in src.sentences if x["role"] == "furniture"}
    paragraphs = [p for p in paragraphs if p not in furniture_texts]
    lines = []
    flat: list[dict[str, Any]] = []

    def f(role: str) -> None:
        if role in fur:
            lines.append(fur[role])
            flat.append(furniture_sentence(role, fur[role]))

    f("timestamp")
    f("byline")
    lines.extend(paragraphs)
    flat.extend(dict(x) for x in body_sents)
    f("signoff")
    return "\n\n".join(lines) + "\n", flat


def build_truth(
    events: list[Event], slots: list[Slot], arts: dict[str, Any], seed: int, n: int, langs: Sequence[str]
) -> dict[str, Any]:
    by_name = {s.name: s for s in slots}
    facts: dict[str, dict[str, Any]] = {}
    for e in events:
        for attr, v in e.facts.items():
            facts[f"{e.id}.{attr}"] = {
                "id": f"{e.id}.{attr}",
                "attribute": attr,
                "aspect": aspect_of(attr),
                "value": v.canonical(),
                "statements": [],
            }
    for name, a in arts.items():
        for i, s in enumerate(a["sentences"]):
            for fid in s["facts"]:
                facts[fid]["statements"].append({"article": name, "sentence": i, "text": s["text"]})
    for f in facts.values():
        f["sources"] = len({arts[st["article"]]["syndication"] for st in f["statements"]})
        f["corroborated"] = f["sources"] >= 2
    discrepancies: list[dict[str, Any]] = []
    traps: list[dict[str, Any]] = []
    lookbacks: list[dict[str, Any]] = []
    for name, a in arts.items():
        slot = by_name[name]
        for i, s in enumerate(a["sentences"]):
            for fid in s["wrong"]:
                attr = fid.split(".", 1)[1]
                correct = [st for st in facts[fid]["statements"] if st["article"] != name]
                kind = "plan-after-date" if slot.kind == "plan-after" else "wrong-value"
                discrepancies.append(
                    {
                        "id": f"D{len(discrepancies) + 1:03d}",
                        "event": a["event"],
                        "article": name,
                        "sentence": i,
                        "text": s["text"],
                        "aspect": aspect_of(attr),
                        "attribute": attr,
                        "kind": kind,
                        "wrong_value": slot.wrong[attr].canonical(),
                        "correct_value": facts[fid]["value"],
                        "correct": correct,
                        "language": a["language"],
                    }
                )
            if s["role"] == "plan" and slot.kind == "preview":
                outcomes = [
                    st
                    for st in facts[f"{a['event']}.date"]["statements"]
                    if a["event"] in arts[st["article"]]["events"] and arts[st["article"]]["kind"] != "stale"
                ]
                traps.append(
                    {
                        "id": f"T{len(traps) + 1:03d}",
                        "kind": "plan-vs-outcome",
                        "event": a["event"],
                        "plan": {"article": name, "sentence": i, "text": s["text"]},
                        "outcomes": outcomes,
                    }
                )
            if s["role"] == "lookback":
                lookbacks.append(
                    {
                        "article": name,
                        "sentence": i,
                        "text": s["text"],
                        "event": s["event"],
                        "article_event": a["event"],
                    }
                )
    ev_out = []
    for e in events:
        ident = e.ident[langs[0]]
        ev_out.append(
            {
                "id": e.id,
                "type": e.type,
                "date": e.day.isoformat(),
                "city": e.city,
                "title": f"{e.type} {e.day.isoformat()} {e.city}",
                "actors": sorted(
                    {
                        v
                        for k, v in ident.items()
                        if k in ("official", "leader_a", "leader_b", "buyer", "target", "team_a", "team_b", "defendant")
                    }
                ),
                "sequel_of": e.prev.id if e.prev else None,
                "articles": sorted(e.articles),
                "facts": [facts[f"{e.id}.{attr}"] for attr in e.facts],
            }
        )
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "n_articles": n,
        "languages": list(langs),
        "articles": dict(sorted(arts.items())),
        "events": ev_out,
        "discrepancies": discrepancies,
        "traps": traps,
        "lookbacks": lookbacks,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--langs", default="id,en", help="comma-separated: id, en")
    parser.add_argument(
        "--truth", type=Path, default=None, help="where to write the truth (default OUT_DIR/../<name>.truth.json)"
    )
    args = parser.parse_args(argv)
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    _, known = load_templates()
    bad = [x for x in langs if x not in known]
    if bad or not langs:
        sys.stderr.write(
            f"error: unknown language {', '.join(bad) or '(none)'}; choose from {', '.join(sorted(known))}\n"
        )
        return 2
    if args.articles < 2:
        sys.stderr.write("error: --articles must be at least 2\n")
        return 2
    if args.out_dir.exists() and any(args.out_dir.glob("*.md")):
        sys.stderr.write(f"error: {args.out_dir} already holds .md files; give an empty or new folder\n")
        return 2
    truth = generate(args.out_dir, args.articles, args.seed, langs, args.truth)
    sys.stdout.write(
        f"{len(truth['articles'])} articles, {len(truth['events'])} events, {len(truth['discrepancies'])} planted "
        f"discrepancies, {len(truth['traps'])} traps, {len(truth['lookbacks'])} look-back sentences -> {args.out_dir}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

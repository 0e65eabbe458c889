"""The curated actor knowledge base: the packaged YAML loads and keeps its own schema, names resolve to the
right actors, dated relations and ACLED regime-period names hold, and malformed files are refused."""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.kb.actors import (
    ACTOR_KINDS,
    data_dir,
    load_actor_files,
    load_actors,
    normalize,
)
from sahelwatch.model import RELATION_TYPES

ACTOR_FILES = sorted((data_dir() / "actors").glob("*.yaml"))
SAHEL_STATES = ("mali", "algeria", "niger", "burkina_faso", "mauritania", "libya", "chad")


@pytest.fixture(scope="module")
def kb():
    return load_actors()


def _raw_entries() -> list[tuple[str, dict]]:
    return [(p.name, e) for p in ACTOR_FILES for e in yaml.safe_load(p.read_text(encoding="utf-8"))]


# ------------------------------------------------------------------ the packaged knowledge base


def test_expected_files_are_packaged():
    names = {p.name for p in ACTOR_FILES}
    assert {"states.yaml", "state_forces.yaml", "armed_groups.yaml", "international.yaml", "people.yaml",
            "generic.yaml"} <= names


def test_packaged_kb_loads_with_unique_ids_valid_kinds_and_targets(kb):
    assert len(kb) >= 200
    ids = Counter(str(e["id"]) for _, e in _raw_entries())
    assert [i for i, n in ids.items() if n > 1] == []
    assert set(ids) == set(kb.actors)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert {a.kind for a in kb.actors.values()} <= set(ACTOR_KINDS)
    for r in kb.relations:
        assert r.target in kb.actors, r
        assert r.type in RELATION_TYPES, r
        assert r.source != r.target, r


def test_yaml_scalars_stay_strings():
    """YAML turns bare `no`, `on`, `2017` and the like into booleans and numbers: names must stay text."""
    for fname, e in _raw_entries():
        for key in ("name", "acled_name", "country", "capital", "description"):
            if key in e and e[key] is not None:
                assert isinstance(e[key], str), (fname, e["id"], key, e[key])
        aliases = e.get("aliases") or {}
        assert set(aliases) <= {"en", "fr", "other"}, (fname, e["id"])
        for lang, names in aliases.items():
            assert isinstance(names, list) and names, (fname, e["id"], lang)
            assert all(isinstance(n, str) and n.strip() for n in names), (fname, e["id"], lang)
        for d in e.get("demonyms") or []:
            assert isinstance(d, str), (fname, e["id"], d)
        if "country" in e:
            assert re.fullmatch(r"[A-Z]{2}", e["country"]), (fname, e["id"])


def test_every_actor_is_described(kb):
    assert [a.id for a in kb.actors.values() if len(a.description) < 15] == []


def test_enough_actors_have_aliases(kb):
    assert sum(1 for a in kb.actors.values() if a.aliases or a.aliases_fr) >= 150


def test_aliases_point_to_one_actor_except_known_homonyms(kb):
    shared = {k: v for k, v in kb.alias_index.items() if len(v) > 1}
    # Mali's 2020 junta and Niger's 2023 junta both call themselves the CNSP; lookup ranks them by date
    assert shared == {"cnsp": ["mali_cnsp", "niger_cnsp"]}


def test_no_alias_is_a_bare_generic_word(kb):
    generic = {"platform", "civilians", "villagers", "gunmen", "government", "army", "military", "forces",
               "rebels", "jihadists", "militia", "militants", "authorities", "junta", "is", "us", "un", "eu"}
    for a in kb.actors.values():
        for n in a.aliases + a.aliases_fr:
            if n.isupper() and len(n) <= 3:  # IS, US, UN: matched case-sensitively as acronyms
                continue
            assert normalize(n) not in generic, (a.id, n)


def test_states_have_demonyms_capital_and_acled_country_name(kb):
    states = [a for a in kb.actors.values() if a.kind == "state"]
    assert len(states) >= 35
    for s in states:
        assert s.demonyms, s.id
        assert s.capital, s.id
        assert s.acled_name, s.id
        assert s.capital not in s.aliases + s.aliases_fr, s.id


def test_demonyms_point_to_one_state(kb):
    seen: dict[str, str] = {}
    for s in (a for a in kb.actors.values() if a.kind == "state"):
        for d in s.demonyms:
            assert seen.setdefault(normalize(d), s.id) == s.id, (d, seen[normalize(d)], s.id)


def test_forces_and_government_bodies_are_part_of_a_state(kb):
    for a in kb.actors.values():
        if a.kind in ("state_force", "government_body"):
            state = kb.state_of(a.id)
            assert state is not None and state.kind == "state", a.id


@pytest.mark.parametrize("state_id, military, government, police", [
    ("mali", "fama", "mali_government", "mali_police"),
    ("algeria", "anp", "algeria_government", "algeria_police"),
    ("niger", "niger_military", "niger_government", "niger_police"),
    ("burkina_faso", "burkina_military", "burkina_government", "burkina_police"),
    ("chad", "chad_military", "chad_government", "chad_police"),
    ("mauritania", "mauritania_military", "mauritania_government", None),
    ("russia", "russia_military", "russia_government", None),
    ("france", "france_military", "france_government", None),
    ("usa", "us_military", "us_government", None),
])
def test_each_state_lists_its_regular_army_first(kb, state_id, military, government, police):
    """The extractor reads "Malian soldiers" as the first non-police force of Mali and "Bamako said" as the
    body named "Government of ...": the army must precede special units, the government be so named."""
    forces = kb.forces_of(state_id)
    regular = [f.id for f in forces if "police" not in normalize(f.name) and "gendarm" not in normalize(f.name)]
    assert regular[0] == military
    govs = [g.id for g in kb.forces_of(state_id, ("government_body",)) if normalize(g.name).startswith("government")]
    assert govs[0] == government
    if police:
        assert [f.id for f in forces if "police" in normalize(f.name)][0] == police


def test_sahel_states_have_army_police_or_gendarmerie_government_and_ministries(kb):
    for sid in SAHEL_STATES:
        forces = kb.forces_of(sid)
        bodies = kb.forces_of(sid, ("government_body",))
        assert forces and bodies, sid
        if sid != "libya":
            assert any("gendarm" in normalize(f.name) or "police" in normalize(f.name) for f in forces), sid
            assert any("defen" in normalize(b.name) or "armed forces" in normalize(b.name) for b in bodies), sid


def test_every_person_is_tied_to_something(kb):
    people = [a for a in kb.actors.values() if a.kind == "person"]
    assert len(people) >= 60
    tie = {"president_of", "minister_of", "leader_of", "commander_of", "official_of", "oversees"}
    for p in people:
        assert any(r.type in tie for r in p.relations), p.id


def test_dates_are_ordered(kb):
    for a in kb.actors.values():
        if a.valid_from and a.valid_to:
            assert a.valid_from <= a.valid_to, a.id
        for r in a.relations:
            if r.start and r.end:
                assert r.start <= r.end, (a.id, r)
        periods = a.acled_periods
        for (s1, e1, _), (s2, _e2, _) in zip(periods, periods[1:]):
            assert e1 is not None and s2 is not None and e1 < s2, (a.id, periods)
        for s, e, name in periods:
            assert s is None or e is None or s <= e, (a.id, name)


def test_acled_period_names_follow_the_convention(kb):
    """"Military Forces of Mali (2013-2020)": the base name, then the years of the period."""
    for a in kb.actors.values():
        for start, end, name in a.acled_periods:
            m = re.search(r"\((\d{4})-(\d{4})?\)", name)
            if a.kind in ("state_force", "government_body"):
                assert m, (a.id, name)
            if m and start is not None:
                # the years are the regime's: a unit created within a period (the MOC, 2017) keeps its name
                assert int(m.group(1)) <= start.year, (a.id, name)
                if m.group(2):
                    assert end is not None and int(m.group(2)) == end.year, (a.id, name)
                else:  # an open period ends only with the actor itself (MINUSMA closed in 2023)
                    assert end is None or end == a.valid_to, (a.id, name)


# ------------------------------------------------------------------ lookups


@pytest.mark.parametrize("name, actor_id", [
    ("FAMa", "fama"),
    ("Forces armées maliennes", "fama"),
    ("Malian Armed Forces", "fama"),
    ("Military Forces of Mali", "fama"),
    ("Jama'at Nusrat al-Islam wal-Muslimin", "jnim"),
    ("Jama’at Nusrat al-Islam wal-Muslimin", "jnim"),
    ("GSIM", "jnim"),
    ("JNIM: Group for Support of Islam and Muslims", "jnim"),
    ("African Corps", "africa_corps"),
    ("Russian Africa Corps", "africa_corps"),
    ("Corps africain", "africa_corps"),
    ("Groupe Wagner", "wagner"),
    ("groupe Wagner", "wagner"),
    ("PMC Wagner", "wagner"),
    ("Yunus-Bek Yevkurov", "yevkurov"),
    ("Yunus-bek Yevkurov", "yevkurov"),
    ("État islamique au Grand Sahara", "is_sahel"),
    ("Etat islamique au Grand Sahara", "is_sahel"),
    ("ISGS", "is_sahel"),
    ("IS Sahel", "is_sahel"),
    ("Assimi Goita", "goita"),
    ("Goïta", "goita"),
    ("Sergei Lavrov", "lavrov"),
    ("Evgeny Prigozhin", "prigozhin"),
    ("Mohamed Ould Cheikh El Ghazouani", "ghazouani"),
    ("Algerian People's National Army", "anp"),
    ("Armée nationale populaire", "anp"),
    ("Russian Ministry of Defense", "russia_mod"),
    ("Russian MoD", "russia_mod"),
    ("U.S. Africa Command", "africom"),
    ("AFRICOM", "africom"),
    ("Türkiye", "turkey"),
    ("République du Mali", "mali"),
    ("Azawad Liberation Front", "fla"),
    ("Front de libération de l'Azawad", "fla"),
    ("CSP-DPA", "csp_dpa"),
    ("Azawad rebels", "azawad_movements"),
    ("Plateforme des mouvements du 14 juin 2014", "platform"),
    ("Alliance des États du Sahel", "aes"),
    ("CEDEAO", "ecowas"),
    ("Macina Liberation Front", "katiba_macina"),
    ("Al-Qaïda au Maghreb islamique", "aqim"),
    ("Fulani Ethnic Militia (Mali)", "fulani_militia_mali"),
    ("milice peule", "fulani_militia_mali"),
    ("Civilians (Mali)", "civilians_mali"),
    ("Unidentified Armed Group (Niger)", "unidentified_armed_group_niger"),
    ("Dozo Communal Militia (Mali)", "dozo_militia_mali"),
])
def test_lookup(kb, name, actor_id):
    found = kb.lookup(name)
    assert found and found[0].id == actor_id, (name, [a.id for a in found])


@pytest.mark.parametrize("name", ["Déby", "Maïga", "Traoré", "Keïta", "Camara", "Platform", "civilians", "villagers"])
def test_ambiguous_words_are_not_aliases(kb, name):
    assert kb.lookup(name) == []


def test_cnsp_is_resolved_by_date(kb):
    assert kb.lookup("CNSP", date(2020, 10, 1))[0].id == "mali_cnsp"
    assert kb.lookup("CNSP", date(2024, 1, 1))[0].id == "niger_cnsp"


@pytest.mark.parametrize("word, state_id", [
    ("Malian", "mali"), ("maliennes", "mali"), ("Algerian", "algeria"), ("nigérienne", "niger"),
    ("Nigerian", "nigeria"), ("Burkinabè", "burkina_faso"), ("burkinabe", "burkina_faso"), ("Chadian", "chad"),
    ("tchadien", "chad"), ("Russian", "russia"), ("américaine", "usa"), ("Turkish", "turkey"), ("Ivorian", "cote_divoire"),
])
def test_demonyms(kb, word, state_id):
    state = kb.by_demonym(word)
    assert state is not None and state.id == state_id


# ------------------------------------------------------------------ dated relations and ACLED names


def test_africa_corps_succeeds_wagner_under_the_russian_defence_ministry(kb):
    assert "successor_of" in {r.type for r in kb.relations_between("africa_corps", "wagner")}
    assert {r.type for r in kb.relations_between("africa_corps", "russia_mod")} & {"part_of", "oversees"}
    assert "oversees" in {r.type for r in kb.relations_between("yevkurov", "africa_corps", date(2024, 6, 1))}
    wagner_russia = {r.type for r in kb.relations_between("wagner", "russia")}
    assert wagner_russia & {"affiliate_of", "patron_of", "supports"}


def test_prigozhin_led_wagner_until_his_death(kb):
    led = [r for r in kb.relations_between("prigozhin", "wagner") if r.type == "leader_of"]
    assert led
    assert any(r.valid_on(date(2022, 6, 1)) for r in led)
    assert not any(r.valid_on(date(2024, 1, 1)) for r in led)
    assert kb.relations_between("prigozhin", "wagner", date(2024, 1, 1)) == []


def test_jnim_components(kb):
    members = {r.source for r in kb.relations if r.type == "member_of" and r.target == "jnim"}
    assert members & {"aqim_sahara", "aqim"}
    assert {"al_mourabitoun", "ansar_dine", "katiba_macina"} <= members
    for m in members:
        (rel,) = [r for r in kb.relations_between(m, "jnim") if r.type == "member_of"]
        assert rel.start == date(2017, 3, 2)
    assert "affiliate_of" in {r.type for r in kb.relations_between("jnim", "al_qaeda")}
    assert "successor_of" in {r.type for r in kb.relations_between("aqim", "gspc")}
    assert kb["jnim"].valid_from == date(2017, 3, 2)


def test_azawad_movements_succession(kb):
    assert "successor_of" in {r.type for r in kb.relations_between("fla", "csp_dpa")}
    assert "successor_of" in {r.type for r in kb.relations_between("csp_dpa", "csp_psd")}
    assert kb["fla"].valid_on(date(2025, 1, 1)) and not kb["fla"].valid_on(date(2024, 6, 1))
    assert not kb["mnla"].valid_on(date(2025, 1, 1))


def test_heads_of_state_by_date(kb):
    def presidents(state: str, day: date) -> set[str]:
        return {r.source for r in kb.relations if r.type == "president_of" and r.target == state and r.valid_on(day)}

    assert presidents("mali", date(2018, 5, 1)) == {"ibk"}
    assert presidents("mali", date(2021, 1, 1)) == {"bah_ndaw"}
    assert presidents("mali", date(2024, 1, 1)) == {"goita"}
    assert presidents("niger", date(2022, 1, 1)) == {"bazoum"}
    assert presidents("niger", date(2024, 1, 1)) == {"tiani"}
    assert presidents("burkina_faso", date(2022, 6, 1)) == {"damiba"}
    assert presidents("burkina_faso", date(2023, 6, 1)) == {"traore"}
    assert presidents("chad", date(2020, 1, 1)) == {"idriss_deby"}


def test_ministers_by_date(kb):
    def ministers(body: str, day: date) -> set[str]:
        return {r.source for r in kb.relations if r.type == "minister_of" and r.target == body and r.valid_on(day)}

    assert ministers("russia_mod", date(2023, 1, 1)) == {"shoigu"}
    assert ministers("russia_mod", date(2025, 1, 1)) == {"belousov"}
    assert ministers("mali_mod", date(2023, 1, 1)) == {"sadio_camara"}
    assert ministers("mali_mod", date(2021, 6, 1)) == set()  # between the May 2021 coup and the new cabinet
    assert ministers("algeria_mfa", date(2022, 1, 1)) == {"lamamra"}
    assert ministers("algeria_mfa", date(2024, 1, 1)) == {"attaf"}


def test_fama_acled_regime_periods(kb):
    fama = kb["fama"]
    assert fama.acled_name_on(date(2018, 5, 1)) == "Military Forces of Mali (2013-2020)"
    assert fama.acled_name_on(date(2021, 1, 1)) == "Military Forces of Mali (2020-2021)"
    assert fama.acled_name_on(date(2024, 1, 1)) == "Military Forces of Mali (2021-)"
    assert fama.acled_name_on(None) == "Military Forces of Mali"
    assert kb["mali_gendarmerie"].acled_name_on(date(2017, 1, 1)) == "Police Forces of Mali (2013-2020) Gendarmerie"
    assert kb["niger_military"].acled_name_on(date(2024, 1, 1)) == "Military Forces of Niger (2023-)"
    assert kb["france_military"].acled_name_on(date(2019, 1, 1)) == "Military Forces of France (2017-)"


def test_is_sahel_acled_names_follow_its_renamings(kb):
    is_sahel = kb["is_sahel"]
    assert is_sahel.acled_name_on(date(2018, 1, 1)) == "Islamic State (Greater Sahara)"
    assert is_sahel.acled_name_on(date(2020, 1, 1)) == "Islamic State (West Africa) - Greater Sahara Faction"
    rel = [r for r in kb.relations_between("is_sahel", "iswap") if r.type == "part_of"]
    assert rel and rel[0].valid_on(date(2020, 1, 1)) and not rel[0].valid_on(date(2023, 1, 1))


def test_acled_dev_set_names_are_mostly_known(kb, shared):
    """Most actor mentions in the ACLED dev set are names the KB can produce (read-only use of the names)."""
    produced = {a.acled_name for a in kb.actors.values() if a.acled_name}
    produced |= {name for a in kb.actors.values() for _, _, name in a.acled_periods}
    counts: Counter[str] = Counter()
    with open(shared / "eval" / "data" / "acled_mali_2017_2019.jsonl", encoding="utf-8") as fh:
        for line in fh:
            gold = json.loads(line)["gold"]
            counts.update((gold.get("actors") or []) + (gold.get("assoc_actors") or []))
    known = sum(n for name, n in counts.items() if name in produced)
    assert known / sum(counts.values()) >= 0.9


# ------------------------------------------------------------------ malformed files are refused


GOOD = """
- id: alpha
  name: Alpha
  kind: state
  capital: Alphaville
  demonyms: [Alphan]
- id: beta
  name: Beta Army
  kind: state_force
  relations:
    - {type: part_of, target: alpha, from: 2017-03, to: 2020-12-31}
"""


def _write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_small_file_loads(tmp_path):
    kb = load_actor_files([_write(tmp_path, GOOD)])
    (rel,) = kb.relations_between("beta", "alpha")
    assert rel.start == date(2017, 3, 1) and rel.end == date(2020, 12, 31)
    assert kb.by_demonym("Alphan").id == "alpha"
    assert kb.state_of("beta").id == "alpha"


@pytest.mark.parametrize("bad, message", [
    (GOOD.replace("type: part_of", "type: owns"), "unknown relation type"),
    (GOOD.replace("from: 2017-03", "from: 2017-13"), "bad date"),
    (GOOD.replace("to: 2020-12-31", "to: 31/12/2020"), "bad date"),
    (GOOD.replace("target: alpha", "target: gamma"), "unknown target"),
    (GOOD.replace("id: beta", "id: alpha"), "duplicate"),
    (GOOD.replace("kind: state_force", "kind: army"), "unknown kind"),
    (GOOD.replace("  name: Beta Army\n", ""), "needs id, name and kind"),
    ("- id: x\n  name: [unclosed\n", "not valid YAML"),
    ("id: x\nname: X\nkind: state\n", "expected a list"),
])
def test_malformed_file_is_refused(tmp_path, bad, message):
    with pytest.raises(KnowledgeBaseError, match=message):
        load_actor_files([_write(tmp_path, bad)])


def test_duplicate_id_across_files_is_refused(tmp_path):
    other = "- id: alpha\n  name: Alpha again\n  kind: state\n"
    with pytest.raises(KnowledgeBaseError, match="duplicate"):
        load_actor_files([_write(tmp_path, GOOD), _write(tmp_path, other, "b.yaml")])


def test_state_for_country():
    kb = load_actors()
    assert kb.state_for_country("NE").id == "niger"
    assert kb.state_for_country("XX") is None and kb.state_for_country(None) is None

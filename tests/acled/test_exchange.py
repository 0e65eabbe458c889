"""ACLED files in and out: both layouts read to the same records, malformed rows are reported and skipped, a
header of neither layout is refused, what is written reads back the same, and an ACLED row becomes the
document and event the store keeps."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from sahelwatch.acled.convert import (
    acled_interval,
    kb_actor_for,
    record_from_store,
    record_to_analysis,
    split_actors,
    strip_period,
)
from sahelwatch.acled.exchange import (
    FILE_COLUMNS,
    detect_layout,
    parse_acled_date,
    read_acled_csv,
    write_acled_csv,
    write_records,
)
from sahelwatch.errors import InputError
from sahelwatch.kb.actors import load_actors
from sahelwatch.model import ACLED_COLUMNS, AcledRecord

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "acled"
DYADIC = FIXTURES / "dyadic.csv"
MONADIC = FIXTURES / "monadic.csv"
MALFORMED = FIXTURES / "malformed.csv"


@pytest.fixture(scope="module")
def kb():
    return load_actors()


def by_id(records: list[AcledRecord]) -> dict[str, AcledRecord]:
    return {r.event_id_cnty: r for r in records}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# ------------------------------------------------------------------ reading


def test_dyadic_export_reads_every_event():
    records, problems = read_acled_csv(DYADIC)
    assert problems == []
    assert [r.event_id_cnty for r in records] == ["MLI90001", "BFO90002", "NIG90003", "MLI90004", "MLI90005"]
    clash = records[0]
    assert clash.doc_id == "MLI90001" and clash.origin == "acled" and clash.confidence == 1.0
    assert (clash.event_type, clash.sub_event_type, clash.plover_type) == ("Battles", "Armed clash", "ASSAULT")
    assert clash.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert (clash.actor2, clash.assoc_actor_2) == ("Military Forces of Mali (2021-)", "Wagner Group")
    assert (clash.latitude, clash.longitude, clash.fatalities) == (15.9182, 2.4022, 3)
    assert clash.notes.count('"Wagner"') == 1  # quoted quotes survive
    assert clash.source == "Sahel Monitor; Radio Kayira"
    assert by_id(records)["MLI90004"].plover_type == "AGREE"
    assert by_id(records)["MLI90005"].actor2 == ""  # a one-sided event


def test_older_day_month_year_dates():
    records, _ = read_acled_csv(DYADIC)
    assert by_id(records)["BFO90002"].event_date == date(2019, 1, 5)  # "05 January 2019" in the file
    assert parse_acled_date("5 March 2024") == date(2024, 3, 5)
    assert parse_acled_date("05-Mar-2024") == date(2024, 3, 5)
    assert parse_acled_date("2024-03-05") == date(2024, 3, 5)
    for bad in ("", "03/05/2024", "31 February 2024", "5 Brumaire 2024", "1709856000"):
        with pytest.raises(InputError):
            parse_acled_date(bad)


def test_monadic_layout_reads_to_the_same_records():
    """One row per actor, the rows of an event not even adjacent (MLI90001's second row is last)."""
    monadic, problems = read_acled_csv(MONADIC)
    dyadic, _ = read_acled_csv(DYADIC)
    assert problems == []
    assert by_id(monadic) == by_id(dyadic)


def test_layout_comes_from_the_header():
    assert detect_layout(ACLED_COLUMNS) == "dyadic"
    assert detect_layout(["EVENT_ID_CNTY", "ACTOR1", "ACTOR2"]) == "dyadic"  # older exports shout
    assert detect_layout(["event_id_cnty", "actor", "assoc_actor", "inter"]) == "monadic"
    assert detect_layout(["id", "text", "published"]) is None


def test_utf8_bom_and_upper_case_header(tmp_path: Path):
    text = DYADIC.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (header.upper() + "\r\n" + rest.replace("\n", "\r\n")).encode("utf-8"))
    records, problems = read_acled_csv(bom)
    assert problems == []
    assert by_id(records) == by_id(read_acled_csv(DYADIC)[0])


def test_malformed_rows_are_reported_and_skipped():
    records, problems = read_acled_csv(MALFORMED)
    assert [r.event_id_cnty for r in records] == ["MLI90011", "MLI90012"]
    assert by_id(records)["MLI90012"].event_date == date(2024, 7, 10)
    assert problems == [
        "row 3: missing event_date",
        "row 4: event_date '2024-02-30' is not a date (YYYY-MM-DD or DD Month YYYY)",
        "row 5: unknown event type / sub-event type pair 'Battles' / 'Attack'",
        "row 6: latitude 'north' is not a number",
        "row 7: longitude '200.5' is out of range (-180 to 180)",
        "row 8: fatalities '-2' is not a non-negative integer",
        "row 9: fatalities 'a dozen' is not a non-negative integer",
        "row 10: missing event_id_cnty",
        "row 12: event MLI90011 already read on row 2",
        "row 13: 4 fields, the header has 31",
    ]


@pytest.mark.parametrize("changes,needle", [
    ({"latitude": "95"}, "latitude '95' is out of range"),
    ({"latitude": "nan"}, "latitude 'nan' is out of range"),
    ({"longitude": ""}, "latitude and longitude must be given together"),
    ({"fatalities": "2.5"}, "fatalities '2.5' is not a non-negative integer"),
    ({"event_type": "Battle-No change of territory"}, "unknown event type / sub-event type pair"),
    ({"sub_event_type": ""}, "missing sub_event_type"),
    ({"time_precision": "4"}, "time_precision '4' is not 1, 2 or 3"),
    ({"geo_precision": "x"}, "geo_precision 'x' is not 1, 2 or 3"),
    ({"year": "2023"}, "year '2023' does not match event_date 2024-03-04"),
])
def test_each_malformed_kind(tmp_path: Path, changes: dict[str, str], needle: str):
    rows = list(csv.DictReader(DYADIC.open(encoding="utf-8")))
    rows[0].update(changes)
    path = write_csv(tmp_path / "one.csv", list(ACLED_COLUMNS), [[r[c] for c in ACLED_COLUMNS] for r in rows])
    records, problems = read_acled_csv(path)
    assert len(records) == 4 and "MLI90001" not in by_id(records)
    assert len(problems) == 1 and problems[0].startswith("row 2: ") and needle in problems[0], problems


def test_lenient_where_acled_is(tmp_path: Path):
    """Case of the types, ACLED's older spelling of a sub-event, spreadsheet integers, empty tolls and codes."""
    rows = list(csv.DictReader(DYADIC.open(encoding="utf-8")))
    rows[0].update(event_type="battles", sub_event_type="ARMED CLASH", fatalities="3.0", time_precision="",
                   geo_precision="")
    rows[1].update(event_type="Protests", sub_event_type="Excessive force against protestors", fatalities="")
    path = write_csv(tmp_path / "lenient.csv", list(ACLED_COLUMNS), [[r[c] for c in ACLED_COLUMNS] for r in rows])
    records, problems = read_acled_csv(path)
    assert problems == []
    first, second = records[0], records[1]
    assert (first.event_type, first.sub_event_type, first.fatalities) == ("Battles", "Armed clash", 3)
    assert (first.time_precision, first.geo_precision) == (1, 1)
    assert (second.sub_event_type, second.fatalities, second.plover_type) == (
        "Excessive force against protesters", 0, "COERCE")


def test_monadic_problems_skip_the_whole_event(tmp_path: Path):
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor", "assoc_actor", "inter",
              "fatalities"]
    rows = [
        ["MLI1", "2024-01-01", "Battles", "Armed clash", "A", "", "2", "0"],
        ["MLI1", "2024-01-01", "Battles", "Armed clash", "B", "", "1", "many"],   # bad: MLI1 is skipped whole
        ["MLI2", "2024-01-02", "Battles", "Armed clash", "A", "", "2", "0"],
        ["MLI2", "2024-01-03", "Battles", "Armed clash", "B", "", "1", "0"],      # another date for MLI2
        ["MLI3", "2024-01-04", "Battles", "Armed clash", "A", "", "2", "0"],
        ["MLI3", "2024-01-04", "Battles", "Armed clash", "B", "", "1", "0"],
        ["MLI3", "2024-01-04", "Battles", "Armed clash", "C", "", "1", "0"],      # a third actor row
        ["MLI4", "2024-01-05", "Battles", "Armed clash", "C", "D", "3", "1"],
        ["MLI4", "2024-01-05", "Battles", "Armed clash", "E", "", "1", "1"],
    ]
    records, problems = read_acled_csv(write_csv(tmp_path / "m.csv", header, rows))
    assert [(r.event_id_cnty, r.actor1, r.assoc_actor_1, r.inter1, r.actor2, r.inter2) for r in records] == [
        ("MLI4", "C", "D", "3", "E", "1")]
    assert problems == [
        "row 2: skipped with malformed row 3 of the same event MLI1",
        "row 3: fatalities 'many' is not a non-negative integer",
        "row 5: event_date differs from row 4 of the same event MLI2; skipped",
        "row 8: event MLI3 has more than two actor rows (rows 6, 7, 8); skipped",
    ]


@pytest.mark.parametrize("content,needle", [
    (b"id,text,published\n1,hello,2024-01-01\n", "not an ACLED export: the header lacks event_id_cnty"),
    (b"event_id_cnty,event_date,event_type,sub_event_type,notes\n", "actor1 and actor2 (or actor"),
    (b"event_id_cnty,event_date,actor1,actor2\n", "lacks event_type, sub_event_type"),
    (b"event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,notes,notes\n", "'notes' appears twice"),
    (b"", "empty file"),
    (b"\x00\x01\x02\x03binary", "binary"),
])
def test_unreadable_file_or_bad_header_is_one_input_error(tmp_path: Path, content: bytes, needle: str):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_acled_csv(path)
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_acled_csv(tmp_path / "absent.csv")
    with pytest.raises(InputError, match="not a regular file"):
        read_acled_csv(tmp_path)


def test_header_only_file_has_no_records(tmp_path: Path):
    path = tmp_path / "h.csv"
    path.write_text(",".join(ACLED_COLUMNS) + "\n\n", encoding="utf-8")
    assert read_acled_csv(path) == ([], [])


# ------------------------------------------------------------------ writing


def test_file_columns_are_the_record_row_keys():
    record = read_acled_csv(DYADIC)[0][0]
    assert tuple(record.to_row()) == FILE_COLUMNS
    assert FILE_COLUMNS[0] == "doc_id" and FILE_COLUMNS[1:-3] == ACLED_COLUMNS


def test_round_trip_write_then_read(tmp_path: Path):
    records, _ = read_acled_csv(DYADIC)
    out = tmp_path / "out.csv"
    assert write_records(records, out) == len(records)
    again, problems = read_acled_csv(out)
    assert problems == [] and again == records
    buf = io.StringIO()
    write_acled_csv(records, buf)
    assert buf.getvalue() == out.read_text(encoding="utf-8")
    assert buf.getvalue().splitlines()[0] == ",".join(FILE_COLUMNS)


def test_jsonl_and_unsupported_suffix(tmp_path: Path):
    records, _ = read_acled_csv(DYADIC)
    out = tmp_path / "out.jsonl"
    write_records(records, out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [r.to_row() for r in records]
    with pytest.raises(InputError, match="expected .csv or .jsonl"):
        write_records(records, tmp_path / "out.xlsx")
    with pytest.raises(InputError, match="cannot write"):
        write_records(records, tmp_path / "missing" / "out.csv")
    empty = io.StringIO()
    assert write_acled_csv([], empty) == 0 and empty.getvalue() == ",".join(FILE_COLUMNS) + "\n"


# ------------------------------------------------------------------ actors, dates and the store's records


def test_actor_names_match_the_knowledge_base_whatever_the_period(kb):
    assert strip_period("Military Forces of Mali (2013-2020)") == "Military Forces of Mali"
    assert strip_period("Police Forces of Mali (2021-) Gendarmerie") == "Police Forces of Mali Gendarmerie"
    assert strip_period("Civilians (Mali)") == "Civilians (Mali)"
    day = date(2019, 6, 1)
    assert kb_actor_for("Military Forces of Mali (2013-2020)", day, kb).id == "fama"
    assert kb_actor_for("Military Forces of Mali (2002-2012)", day, kb).id == "fama"  # a period not of the day
    assert kb_actor_for("Government of Mali (2021-)", day, kb).id == "mali_government"
    assert kb_actor_for("JNIM: Group for Support of Islam and Muslims", day, kb).id == "jnim"
    assert kb_actor_for("Wagner Group", day, kb).id == "wagner"
    assert kb_actor_for("Herders (Mali)", day, kb) is None
    assert split_actors("Students (Mali); Women (Mali);  ; Students (Mali)") == ["Students (Mali)", "Women (Mali)"]


def test_time_precision_gives_day_week_or_month():
    day = date(2024, 2, 14)
    assert (acled_interval(day, 1).start, acled_interval(day, 1).end) == (day, day)
    week = acled_interval(day, 2)
    assert (week.start, week.end, week.precision) == (date(2024, 2, 11), date(2024, 2, 17), "week")
    month = acled_interval(day, 3)
    assert (month.start, month.end, month.precision) == (date(2024, 2, 1), date(2024, 2, 29), "month")
    assert acled_interval(date(2024, 12, 5), 3).end == date(2024, 12, 31)


def test_record_to_analysis(kb):
    records = by_id(read_acled_csv(DYADIC)[0])
    analysis = record_to_analysis(records["MLI90001"], kb)
    doc, [event] = analysis.document, analysis.events
    assert (doc.id, doc.source, doc.published) == ("acled:MLI90001", "Sahel Monitor; Radio Kayira",
                                                   date(2024, 3, 4))
    assert doc.text == records["MLI90001"].notes
    assert (event.id, event.type, event.acled_sub_event_type, event.fatalities) == (
        "MLI90001", "ASSAULT", "Armed clash", 3)
    assert [(p.actor_id, p.name, p.role) for p in event.participants] == [
        ("jnim", "JNIM: Group for Support of Islam and Muslims", "source"),
        ("fama", "Military Forces of Mali (2021-)", "target"),
        ("wagner", "Wagner Group", "other")]
    assert (event.place.name, event.place.country, event.place.admin1) == ("Menaka", "ML", "Menaka")
    [ev] = event.evidence
    assert (ev.extractor, ev.confidence, ev.start, ev.end) == ("acled_import", 1.0, 0, len(doc.text))
    fama = next(a for a in analysis.actors if a.id == "fama")
    assert fama.in_kb and fama.acled_name == "Military Forces of Mali (2021-)"

    silent = record_to_analysis(records["NIG90003"], kb)  # empty notes: a generated line to cite
    assert silent.document.text.startswith("Remote explosive/landmine/IED (Explosions/Remote violence) involving")
    assert silent.events[0].date.precision == "month"

    farmers = next(a for a in record_to_analysis(records["BFO90002"], kb).actors if not a.in_kb)
    assert farmers.name == "Farmers (Burkina Faso)" and farmers.id.startswith("acled_")
    with pytest.raises(InputError, match="event_id_cnty"):
        record_to_analysis(records["MLI90001"].model_copy(update={"event_id_cnty": ""}), kb)


def _stored(**kw: object) -> dict:
    row: dict = {"doc_id": "doc_1", "origin": "text", "acled_event_type": "Battles",
                 "acled_sub_event_type": "Armed clash", "date_start": date(2019, 6, 1), "date_precision": "day",
                 "type": "ASSAULT", "confidence": 0.7, "country": "ML", "place_name": "Boulkessi",
                 "geo_precision": 2, "fatalities": None, "document_source": "Test Wire",
                 "sentences": ["JNIM attacked the army.", "JNIM attacked the army.", "It was repelled."],
                 "acled_participants": []}
    row.update(kw)
    return row


def test_record_from_store_codes_a_text_event(kb):
    def p(actor_id: str, name: str, role: str, side: int | None = None) -> dict:
        return {"actor_id": actor_id, "name": name, "role": role, "side": side, "acled_name": None,
                "actor_name": name}

    record = record_from_store(_stored(acled_participants=[
        p("jnim", "JNIM fighters", "source"), p("fama", "Malian soldiers", "target"),
        p("new_local_hunters", "local hunters", "other")]), kb)
    assert record.origin == "coded" and record.doc_id == "doc_1" and record.event_id_cnty == ""
    assert record.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert record.actor2 == "Military Forces of Mali (2013-2020)"  # the period of the event's date
    assert record.assoc_actor_1 == "local hunters"
    assert (record.country, record.iso, record.region) == ("Mali", "466", "Western Africa")
    assert (record.fatalities, record.geo_precision, record.time_precision) == (0, 2, 1)
    assert record.notes == "JNIM attacked the army. It was repelled."
    assert record.disorder_type == "Political violence" and record.source == "Test Wire"

    # 'other' participants fill empty actor slots first
    agreement = record_from_store(_stored(acled_event_type="Strategic developments",
                                          acled_sub_event_type="Agreement", type="AGREE", acled_participants=[
                                              p("mali", "Mali", "other"), p("niger", "Niger", "other")]), kb)
    assert (agreement.actor1, agreement.actor2) == ("Mali", "Niger")
    assert record_from_store(_stored(acled_event_type=None), kb) is None
    assert record_from_store(_stored(date_start=None), kb) is None

"""Event date and ACLED time precision."""
import pytest

from sahelwatch.acled.coder import code_report


@pytest.mark.parametrize("text, published, event_date, precision", [
    ("On 12 February 2024, gunmen attacked a bus near Gao.", "2024-02-15", "2024-02-12", 1),
    ("On February 12, gunmen attacked a bus near Gao.", "2024-02-15", "2024-02-12", 1),
    ("On December 30, gunmen attacked a bus near Gao.", "2024-01-03", "2023-12-30", 1),  # year from the report
    ("Gunmen attacked a bus near Gao yesterday.", "2024-02-15", "2024-02-14", 1),
    ("Gunmen attacked a bus near Gao.", "2024-02-15", "2024-02-15", 2),  # no date: the report's week
    # a month-first date read day-first: only the swap fits a report of 7 January
    ("On May 1, gunmen attacked a bus near Gao.", "2019-01-07", "2019-01-05", 1),
    # a date long before the report that is not a swap stays as written
    ("On March 20, gunmen attacked a bus near Gao.", "2019-06-10", "2019-03-20", 1),
])
def test_event_dates(text, published, event_date, precision):
    record = code_report(text, published)[0]
    assert (record.event_date.isoformat(), record.time_precision) == (event_date, precision)


def test_background_date_does_not_win():
    record = code_report("On 3 May 2024, French forces arrested a man wanted for the attack of March 2016 in "
                         "Gossi.", "2024-05-05")[0]
    assert record.event_date.isoformat() == "2024-05-03"

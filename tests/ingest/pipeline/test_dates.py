"""Date expressions resolved against the publication date, without the spaCy model."""
from datetime import date

from ingest.pipeline.dates import resolve_dates

TUESDAY = date(2022, 9, 13)


def _only(text, published=TUESDAY):
    found = resolve_dates(text, published)
    assert len(found) == 1, found
    return found[0].date_start, found[0].date_end, found[0].precision


def test_weekday_is_the_last_such_day_on_or_before_publication():
    assert _only("Shelling began on Sunday.") == (date(2022, 9, 11), date(2022, 9, 11), "day")


def test_weekday_of_publication_is_the_publication_day():
    assert _only("The announcement came in the early hours of Tuesday.") == (TUESDAY, TUESDAY, "day")


def test_local_night_with_gmt_reading_spans_the_day_before():
    assert _only("At 00:05 a.m. (2005 GMT) on Tuesday, the shelling began.") == (date(2022, 9, 12), TUESDAY, "day")


def test_last_week_is_the_previous_monday_to_sunday():
    assert _only("a shootout that took place last week") == (date(2022, 9, 5), date(2022, 9, 11), "week")


def test_month_without_year_is_this_year_when_already_past():
    assert _only("Azerbaijan also said in August") == (date(2022, 8, 1), date(2022, 8, 31), "month")


def test_month_without_year_is_last_year_when_still_ahead():
    assert _only("fighting in November", date(2022, 3, 1)) == (date(2021, 11, 1), date(2021, 11, 30), "month")


def test_month_and_day_without_year():
    assert _only("Since February 24, the union mediates.") == (date(2022, 2, 24), date(2022, 2, 24), "day")


def test_abbreviated_month_with_ordinal_day():
    assert _only("On Dec. 6th, forces advanced.", date(2016, 12, 9)) == (date(2016, 12, 6), date(2016, 12, 6), "day")


def test_day_before_month():
    assert _only("took place in Urem al-Kubra on 19 September.", date(2016, 12, 21))[0] == date(2016, 9, 19)


def test_today_and_earlier_today_are_the_publication_day():
    found = resolve_dates("today's attack; a call earlier today", TUESDAY)
    assert [(d.text, d.date_start) for d in found] == [("today", TUESDAY), ("earlier today", TUESDAY)]


def test_the_following_day_counts_from_the_last_day_named():
    found = resolve_dates("On Dec. 6th they attacked, and the following day they retreated.", date(2016, 12, 9))
    assert found[-1].date_start == date(2016, 12, 7)


def test_years_after_points_back_from_publication():
    assert _only("nearly two years after the war") == (date(2020, 1, 1), date(2020, 12, 31), "year")


def test_month_with_year():
    assert _only("The war ended in November 2020.") == (date(2020, 11, 1), date(2020, 11, 30), "month")


def test_may_as_a_verb_is_not_a_date():
    assert resolve_dates("Fighting may resume.", TUESDAY) == []


def test_relative_dates_need_a_publication_date():
    assert resolve_dates("It happened last week, in July 2022.", None)[0].text == "July 2022"


def test_overnight_is_the_night_before_publication():
    assert _only("Drones struck the port overnight.") == (date(2022, 9, 12), TUESDAY, "day")


def test_since_a_recent_weekday_reaches_publication():
    assert _only("The fighting has killed 20 people since Friday.") == (date(2022, 9, 9), TUESDAY, "week")


def test_past_few_days_end_at_publication():
    assert _only("The clinic treated 40 wounded over the past three days.") == (date(2022, 9, 10), TUESDAY, "day")


def test_dateline_date_is_not_an_event_date():
    assert resolve_dates("ASHFORD, Sept 13 (Wire) - Troops shelled the town on Sunday.", TUESDAY)[0].text == "Sunday"

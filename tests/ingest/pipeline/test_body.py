"""Headline, body, captions and site chrome (ingest/pipeline/body.py)."""
from ingest.pipeline.body import find_body

PAGE = """News   /   More

Rebels seize airport in northern town

In this file photo taken on May 2, 2021, smoke rises over the town. (Photo by AFP)

Rebels seized the airport on Monday, officials said.

The army said it would retake it.

Example News's website can also be accessed at the following alternate addresses:

www.example-news.co.uk

SHARE THIS ARTICLE
Example News Roku
"""


def _texts(spans):
    return [PAGE[s:e] for s, e in spans]


def test_headline_is_the_first_line_after_the_menu():
    assert find_body(PAGE).title == "Rebels seize airport in northern town"


def test_title_span_points_at_the_headline():
    body = find_body(PAGE)
    assert PAGE[slice(*body.title_span)] == body.title


def test_body_keeps_the_news_paragraphs():
    assert _texts(find_body(PAGE).body_spans) == [
        "Rebels seized the airport on Monday, officials said.",
        "The army said it would retake it.",
    ]


def test_photo_caption_is_a_caption_not_body():
    captions = _texts(find_body(PAGE).caption_spans)
    assert captions == ["In this file photo taken on May 2, 2021, smoke rises over the town. (Photo by AFP)"]


def test_mirror_addresses_share_buttons_and_app_names_are_chrome():
    chrome = _texts(find_body(PAGE).chrome_spans)
    assert "www.example-news.co.uk" in chrome
    assert "SHARE THIS ARTICLE" in chrome
    assert "Example News Roku" in chrome
    assert any("alternate addresses" in line for line in chrome)


def test_menu_line_is_chrome():
    assert "News   /   More" in _texts(find_body(PAGE).chrome_spans)


def test_press_agency_credit_at_line_end_marks_a_caption():
    caption = "Displaced families wait at a checkpoint near the border (Reuters)"
    text = f"Title of the story here\n\n{caption}\n\nThe war goes on."
    body = find_body(text)
    assert [text[s:e] for s, e in body.caption_spans] == [caption]


def test_text_without_chrome_is_all_body_after_the_title():
    text = "Ceasefire holds in the south\n\nThe ceasefire held overnight.\nBoth sides reported calm."
    body = find_body(text)
    assert body.title == "Ceasefire holds in the south"
    assert [text[s:e] for s, e in body.body_spans] == ["The ceasefire held overnight.", "Both sides reported calm."]


PRESS_RELEASE = """Burkina Faso: official condemns attack

GENEVA (2 November 2023) - The official condemned an attack near the town.

ENDS

For more information and media requests, please contact the press team in Geneva.

Tag and share - Twitter: @UNHumanRights and Facebook: unitednationshumanrights
"""


def test_press_release_footer_is_chrome():
    body = find_body(PRESS_RELEASE)
    kept = " ".join(PRESS_RELEASE[s:e] for s, e in body.body_spans)
    assert "ENDS" not in kept and "media requests" not in kept and "Tag and share" not in kept


def test_press_release_text_stays_in_the_body():
    body = find_body(PRESS_RELEASE)
    kept = " ".join(PRESS_RELEASE[s:e] for s, e in body.body_spans)
    assert "condemned an attack near the town" in kept


FEDERAL_PAGE = """An official website of the United States government
Here's how you know
A .gov website belongs to an official government organization in the United States.
A lock (lock ) or https:// means you've safely connected to the .gov website.

News Release | March 4, 2031

U.S. Navy Intercepts Drone Over Gulf Waters

Release Number 20310304 - 02

A U.S. destroyer shot down a drone on Monday, the command said.

Further information
Follow the Command on twitter @ExampleCommand
"""


def test_federal_website_banner_is_chrome():
    body = find_body(FEDERAL_PAGE)
    chrome = [FEDERAL_PAGE[s:e] for s, e in body.chrome_spans]
    assert "Here's how you know" in chrome
    assert any(line.startswith("An official website of") for line in chrome)


def test_section_label_with_date_and_release_number_with_suffix_are_chrome():
    chrome = [FEDERAL_PAGE[s:e] for s, e in find_body(FEDERAL_PAGE).chrome_spans]
    assert "News Release | March 4, 2031" in chrome
    assert "Release Number 20310304 - 02" in chrome


def test_headline_with_an_abbreviation_is_still_the_title():
    assert find_body(FEDERAL_PAGE).title == "U.S. Navy Intercepts Drone Over Gulf Waters"


def test_social_follow_lines_at_the_end_are_chrome():
    chrome = [FEDERAL_PAGE[s:e] for s, e in find_body(FEDERAL_PAGE).chrome_spans]
    assert "Follow the Command on twitter @ExampleCommand" in chrome
    assert "Further information" in chrome


BROADCASTER_PAGE = """Accessibility links

Breaking News

Region

Militants Kill Five Soldiers Near Border Town


Border
Border
Militants killed five soldiers near the border town on Monday, a provincial official said.

The army said it had sent reinforcements.

You May Like

Farmers Count the Cost of a Dry Season
"""


def test_headline_is_the_short_line_that_shares_words_with_the_lead():
    assert find_body(BROADCASTER_PAGE).title == "Militants Kill Five Soldiers Near Border Town"


def test_short_lines_above_the_headline_are_navigation():
    chrome = [BROADCASTER_PAGE[s:e] for s, e in find_body(BROADCASTER_PAGE).chrome_spans]
    assert {"Accessibility links", "Breaking News", "Region"} <= set(chrome)


def test_a_tag_printed_twice_in_a_row_is_chrome():
    chrome = [BROADCASTER_PAGE[s:e] for s, e in find_body(BROADCASTER_PAGE).chrome_spans]
    assert chrome.count("Border") == 2


def test_headlines_under_a_you_may_like_header_are_chrome():
    body = [BROADCASTER_PAGE[s:e] for s, e in find_body(BROADCASTER_PAGE).body_spans]
    assert "Farmers Count the Cost of a Dry Season" not in body


def test_byline_and_date_stamp_are_chrome():
    text = "Rebels take hill town\n\nBy Jane Example\nJanuary 17, 2020 02:02 PM\n\nRebels took the town on Friday."
    chrome = [text[s:e] for s, e in find_body(text).chrome_spans]
    assert chrome == ["By Jane Example", "January 17, 2020 02:02 PM"]


def test_a_line_in_another_script_is_chrome():
    text = ("ཟླ་བ། ༢༠༢༤/༠༦/༡༨\n\nArmy Kills Insurgents in Hill Region\n\n"
            "The army says it killed insurgents in a hill region.")
    body = find_body(text)
    assert body.title == "Army Kills Insurgents in Hill Region"
    assert [text[s:e] for s, e in body.chrome_spans] == ["ཟླ་བ། ༢༠༢༤/༠༦/༡༨"]


def test_a_media_record_of_labelled_fields_is_chrome():
    record = "IMAGE INFO Date Taken: 03.06.2024 Photo ID: 1 Resolution: 891x526 Location: TAMPA, FL, US Web Views: 3"
    text = f"Ship hit in the gulf\n\nA missile hit a ship in the gulf on Wednesday, the command said.\n\n{record}"
    assert record not in [text[s:e] for s, e in find_body(text).body_spans]


def test_bulleted_image_size_label_is_chrome():
    text = "Ship hit in the gulf\n\nA missile hit a ship in the gulf on Wednesday, the command said.\n\n • 16x9 Image"
    assert [text[s:e] for s, e in find_body(text).chrome_spans] == ["• 16x9 Image"]


def test_a_department_name_above_the_headline_is_not_the_title():
    text = ("Ministry of Example Affairs\nMinister condemns attack on market\n"
            "The Minister has issued a statement condemning the attack on the market in the capital.")
    assert find_body(text).title == "Minister condemns attack on market"


def test_a_file_photo_credit_before_a_bar_marks_a_caption():
    text = "Rebel Army (RA) Personal (File Photo) |\n\nRebels said the army shelled their base on Monday, killing ten."
    assert [text[s:e] for s, e in find_body(text).caption_spans] == ["Rebel Army (RA) Personal (File Photo) |"]


def test_a_two_word_name_sharing_nothing_with_the_lead_is_not_the_headline():
    text = "Jane Example\nRIVERTOWN—Rebels said the army shelled their base on Monday, killing ten cadets."
    assert find_body(text).title is None

"""Actors: states, government bodies, forces, organisations and people (ingest/pipeline/actors.py, people.py)."""




def _by_name(table, name):
    matches = [a for a in table.results if a.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in table.results]}"
    return matches[0]


def _texts(text, actor):
    return [text[s:e] for s, e in actor.mentions]


def test_a_title_case_headline_does_not_stretch_an_acronym_into_a_name(read):
    text, table = read("Officials: NATO Air Strike Kills 11 Civilians, Mostly Children\n\n"
                       "A NATO air strike killed 11 civilians, officials said.")
    assert "NATO Air" not in [a.name for a in table.results]
    assert _texts(text, _by_name(table, "NATO"))[0] == "NATO"


def test_possessive_and_adjective_name_one_defense_ministry(read):
    text, table = read("Headline here today\n\nAzerbaijan's Defense Ministry said it was attacked. "
                       "Later the Azerbaijani Defense Ministry said two soldiers died.")
    bodies = [a for a in table.results if a.kind == "government_body"]
    assert len(bodies) == 1
    assert bodies[0].country_code == "AZ"


def test_government_body_has_its_state_as_parent_when_the_state_acts(read):
    text, table = read("Headline here today\n\nArmenia accused Baku of shelling. "
                       "The Armenian Defense Ministry said so.")
    ministry, armenia = _by_name(table, "Armenia Defense Ministry"), _by_name(table, "Armenia")
    assert ministry.parent_id == armenia.id


def test_nationality_forces_are_the_state(read):
    text, table = read("Headline here today\n\nArmenian forces opened fire, officials in Baku said.")
    armenia = _by_name(table, "Armenia")
    assert (armenia.kind, "Armenian forces" in _texts(text, armenia)) == ("state", True)


def test_capitals_used_for_governments_are_the_states(read):
    text, table = read("Headline here today\n\nTensions between Yerevan and Baku remain high.")
    assert {(a.name, a.kind) for a in table.results} == {("Armenia", "state"), ("Azerbaijan", "state")}


def test_country_named_only_as_a_place_is_not_an_actor(read):
    text, table = read("Headline here today\n\nRussia started a military operation in Ukraine.")
    assert [a.name for a in table.results] == ["Russia"]


def test_title_gives_a_person_the_nationality_before_it(read):
    text, table = read("Headline here today\n\nArmenian Foreign Minister Ararat Mirzoyan met officials.")
    person = _by_name(table, "Ararat Mirzoyan")
    assert (person.kind, person.country_code) == ("person", "AM")


def test_counterpart_apposition_gives_the_nationality(read):
    text, table = read("Headline here today\n\nMirzoyan and his Azerbaijani counterpart, Jeyhun Bayramov, talked.")
    assert _by_name(table, "Jeyhun Bayramov").country_code == "AZ"


def test_titled_surname_is_a_person_with_the_publishers_country(read):
    text, table = read("Headline here today\n\nSecretary Kerry raised these concerns.",
                       publisher="U.S. Department of State")
    kerry = _by_name(table, "Kerry")
    assert (kerry.kind, kerry.country_code) == ("person", "US")


def test_surname_alone_refers_back_to_the_full_name(read):
    text, table = read("Headline here today\n\nPresident Ilham Aliyev spoke. Later Aliyev left Brussels.")
    assert _texts(text, _by_name(table, "Ilham Aliyev")) == ["Ilham Aliyev", "Aliyev"]


def test_bare_title_refers_back_to_its_holder(read):
    text, table = read("Headline here today\n\nForeign Secretary Boris Johnson welcomed it.\n\n"
                       "The Foreign Secretary said: no.")
    assert "Foreign Secretary" in _texts(text, _by_name(table, "Boris Johnson"))


def test_the_ministry_refers_to_the_last_named_ministry(read):
    text, table = read("Headline here today\n\nUkraine's Defence Ministry reported shelling. "
                       "The ministry said two died.")
    assert "ministry" in _texts(text, _by_name(table, "Ukraine Defense Ministry"))


def test_the_regime_is_the_state_the_article_is_about(read):
    text, table = read("Headline here today\n\nStrikes hit towns in Syria again. "
                       "The Asad regime denied it; the regime blamed rebels.", publisher="UK Government")
    syria = _by_name(table, "Syria")
    assert _texts(text, syria) == ["Asad regime", "regime"]


def test_known_armed_group_and_acronym(read):
    text, table = read("Headline here today\n\nThe Rapid Support Forces attacked El Fasher. The RSF denied it.")
    rsf = _by_name(table, "Rapid Support Forces")
    assert (rsf.kind, _texts(text, rsf)) == ("armed_group", ["Rapid Support Forces", "RSF"])


def test_acronym_spelling_a_named_force_is_that_force(read):
    text, table = read("Headline here today\n\nIraqi Security Forces seized the hospital. Later the ISF withdrew.")
    assert _texts(text, _by_name(table, "Iraqi Security Forces")) == ["Iraqi Security Forces", "ISF"]


def test_un_body_is_an_international_organisation_and_its_short_name_refers_back(read):
    text, table = read("Headline here today\n\nThe UN Board of Inquiry's report came out. "
                       "The Board of Inquiry found more.")
    board = _by_name(table, "UN Board of Inquiry")
    assert (board.kind, len(board.mentions)) == ("international_org", 2)


def test_places_tagged_as_people_are_not_people(read):
    text, table = read("Headline here today\n\nArmenia said Azerbaijan shelled the cities of Goris, Sotk, and Jermuk.")
    assert not [a for a in table.results if a.kind == "person"]


def test_dates_numbers_and_weekdays_are_not_actors(read):
    text, table = read("Headline here today\n\nOn Tuesday, 12 BM-30 Smerch rockets hit the area at 00:05 a.m.")
    assert table.results == []


def test_actor_at_finds_the_mention_covering_a_range(read):
    text, table = read("Headline here today\n\nRussia deployed 1,960 peacekeepers.")
    start = text.index("Russia")
    assert table.actor_at(start, start + 6) == _by_name(table, "Russia").id


def test_a_nation_led_coalition_is_an_actor_of_its_own_and_the_coalition_refers_back(read):
    text, table = read("Airstrike hits market\n\nRebels blamed a Saudi-led coalition for the airstrike. "
                       "Rights groups have accused the coalition of bombing civilian areas.")
    coalition = _by_name(table, "Saudi-led coalition")
    assert (coalition.kind, _texts(text, coalition)) == ("military", ["Saudi-led coalition", "coalition"])


def test_the_voice_of_america_is_a_media_outlet_not_the_united_states(read):
    text, table = read("Airstrike hits market\n\nOriginally posted by the Voice of America. Rebels said an "
                       "airstrike hit a market.")
    assert "United States" not in [a.name for a in table.results]

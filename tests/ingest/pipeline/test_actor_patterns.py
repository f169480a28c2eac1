"""Actor patterns beyond the lexicon: bracketed acronyms, media names, '-led', 'our Office', surnames, juntas."""

from tests.ingest.pipeline.lookup import mentioned_as


def test_name_before_a_bracketed_acronym_is_an_organisation_the_acronym_names_later(read):
    text, table = read("Headline here today\n\nThe Northern Valley Defence Force (NVDF) said its fighters held "
                       "the hill. A NVDF commander said three men died.")
    group = mentioned_as(text, table, "Northern Valley Defence Force")
    assert group.kind == "armed_group"
    assert text.count("NVDF") == sum(text[s:e] == "NVDF" for s, e in group.mentions)


def test_bracketed_letters_that_do_not_spell_the_name_make_no_organisation(read):
    text, table = read("Headline here today\n\nKOLOVO, Ruritania (AP) — Officials said the bridge was hit.")
    assert not any(a.name.startswith("KOLOVO") or "AP" in a.name for a in table.results)


def test_proper_name_before_news_agency_is_media(read):
    text, table = read("Headline here today\n\nRebels shelled the port, the rebel-run Zarqa news agency reported.")
    assert mentioned_as(text, table, "Zarqa news agency").kind == "media"


def test_nationality_leading_an_intervention_names_the_state(read):
    text, table = read("Headline here today\n\nA French-led intervention drove the rebels from the towns.")
    assert mentioned_as(text, table, "French").name == "France"


def test_our_office_in_a_release_is_the_publisher(read):
    text, table = read("Headline here today\n\nAccording to information gathered by our Office, gunmen attacked "
                       "a camp.", publisher="UN Human Rights Office")
    office = mentioned_as(text, table, "our Office")
    assert (office.name, office.kind) == ("UN Human Rights Office", "international_org")


def test_surname_alone_refers_back_to_the_person_named_earlier(read):
    text, table = read("Headline here today\n\nRebel spokesman Yahya Qassem said the ship was hit. "
                       "Qassem also claimed a drone was downed.")
    assert mentioned_as(text, table, "Qassem").name == "Yahya Qassem"


def test_name_before_village_is_not_a_person(read):
    text, table = read("Headline here today\n\nJets dropped bombs on Tha Byay Hla village on Monday, the group said.")
    assert not [a for a in table.results if a.kind == "person"]


def test_junta_is_the_ruling_military(read):
    text, table = read("Headline here today\n\nThe Myanmar military denied the report. "
                       "A junta airstrike killed ten people last year.")
    assert mentioned_as(text, table, "junta").kind == "military"


def test_national_military_is_the_one_command_the_article_names(read):
    text, table = read("Headline here today\n\nThe missile hit the ship, the U.S. military said. "
                       "U.S. Central Command said the crew was rescued.")
    assert mentioned_as(text, table, "U.S. military").name == "U.S. Central Command"


def test_local_officials_are_a_government_body_of_the_main_country(read):
    text, table = read("Headline here today\n\nMali's army said nine soldiers died. Malian troops retreated. "
                       "Local officials said at least 20 soldiers died.")
    officials = mentioned_as(text, table, "Local officials")
    assert (officials.kind, officials.country_code) == ("government_body", "ML")


def test_fighters_of_a_named_group_are_that_group(read):
    text, table = read("Headline here today\n\nOn Thursday, fighters of JNIM attacked a convoy near the town.")
    assert mentioned_as(text, table, "fighters").name == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_its_fighters_after_a_named_group_are_that_group(read):
    text, table = read("Headline here today\n\nJNIM said in a statement that its fighters had killed "
                       "scores of soldiers.")
    assert mentioned_as(text, table, "fighters").name == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_fighters_of_a_group_linked_to_another_belong_to_the_named_group(read):
    text, table = read("Headline here today\n\nOn Thursday, fighters of the al-Qaeda-linked JNIM attacked a convoy.")
    assert mentioned_as(text, table, "fighters").name == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_the_group_refers_back_to_the_latest_named_armed_group(read):
    text, table = read("Headline here today\n\nThe Northern Valley Defence Force (NVDF) said jets bombed the village. "
                       "Scores of others were wounded, the group said.")
    assert mentioned_as(text, table, "group").name == "Northern Valley Defence Force"


def test_longer_name_over_a_known_group_spelled_by_its_own_acronym_is_a_branch(read):
    text, table = read("Headline here today\n\nHe led al-Shabaab in Kenya (ASK). Police said ASK fighters crossed.")
    branch = mentioned_as(text, table, "ASK")
    assert (branch.name, branch.kind) == ("al-Shabaab in Kenya", "armed_group")


def test_acronym_before_the_name_of_an_organisation_only_the_model_found_is_that_organisation(read):
    text, table = read('Headline here today\n\nThe accounts were marked "BFTI Hold", a reference to the Bureau of'
                       " Foreign Trade Inspection in Cairo.")
    assert mentioned_as(text, table, "BFTI").name == "Bureau of Foreign Trade Inspection"


def test_acronym_before_the_hyphen_of_an_organisations_name_is_that_organisation(read):
    text, table = read("Headline here today\n\nA spokesman for JTF-Sahel said the convoy was hit. JTF officers later "
                       "visited the site.")
    assert mentioned_as(text, table, "JTF").name == "JTF-Sahel"


def test_named_operation_is_no_actor(read):
    text, table = read("Headline here today\n\nThe raids were part of Operation Silver Anvil, officials said.")
    assert not any(a.name.startswith("Operation") for a in table.results)


def test_un_general_assembly_by_its_acronym_is_the_un_organ(read):
    text, table = read("Headline here today\n\nThe ministers met on the margins of the UNGA session in Geneva.")
    assembly = mentioned_as(text, table, "UNGA")
    assert (assembly.name, assembly.kind) == ("UN General Assembly", "international_org")

"""Militaries, nationality adjectives, unnamed attackers, role nouns, territories' ministries (forces.py, people.py)."""

from ingest.pipeline import extract_text
from tests.ingest.pipeline.lookup import mentioned_as


def test_nationality_military_is_the_national_army_under_its_state(read):
    text, table = read("The Israeli military said its jets struck a compound. Israel denied any wrongdoing.")
    army = mentioned_as(text, table, "Israeli military")
    assert (army.name, army.kind) == ("Israel Defense Forces", "military")
    assert table.by_id[army.parent_id].name == "Israel"


def test_the_army_refers_back_to_the_military_not_the_troops(read):
    text, table = read("The Israeli military said it struck militants. Israeli troops fought in the city, "
                       "where the army said its forces killed 30 fighters.")
    assert mentioned_as(text, table, "army").name == "Israel Defense Forces"
    assert mentioned_as(text, table, "Israeli troops").kind == "state"


def test_possessive_air_force_is_a_military_branch(read):
    text, table = read("Drones attacked the port overnight, Ukraine's air force said.")
    branch = mentioned_as(text, table, "Ukraine's air force")
    assert branch.kind == "military" and branch.country_code == "UA"


def test_military_modifying_a_noun_stays_the_state(read):
    text, table = read("Azerbaijan shelled Armenian military positions near the border, Armenia said.")
    assert mentioned_as(text, table, "Armenian military").kind == "state"


def test_nationality_adjective_before_an_attack_word_names_the_state(read):
    text, table = read("Russian shelling killed three civilians in the city on Sunday.")
    assert mentioned_as(text, table, "Russian").name == "Russia"


def test_nationality_adjective_before_an_ordinary_noun_is_not_an_actor(read):
    _, table = read("The Russian language is taught in many schools, the teacher said.")
    assert not any(a.country_code == "RU" for a in table.results)


def test_gunmen_who_kill_are_one_unidentified_armed_group(read):
    text, table = read("Gunmen killed five farmers in the village, and police said the attackers fled.")
    group = mentioned_as(text, table, "Gunmen")
    assert group.kind == "armed_group"
    assert mentioned_as(text, table, "attackers").id == group.id


def test_militants_who_only_suffer_are_not_an_armed_group(read):
    _, table = read("The army said it killed 30 militants on Monday.")
    assert not any(a.kind == "armed_group" for a in table.results)


def test_led_militants_belong_to_the_group_that_leads_them(read):
    text, table = read("Hamas-led militants killed hundreds of people in the attack.")
    assert mentioned_as(text, table, "Hamas-led militants").name == "Hamas"


def test_health_officials_of_a_territory_are_its_health_ministry(read):
    text, table = read("Gaza health officials said 11 people died. The Health Ministry said 20 more were hurt.")
    ministry = mentioned_as(text, table, "Gaza health officials")
    assert ministry.kind == "government_body" and ministry.country_code == "PS"
    assert mentioned_as(text, table, "Health Ministry").id == ministry.id


def test_police_is_a_government_body_of_the_main_country(read):
    text, table = read("Gunmen killed eight villagers in Zamfara State, police said. Zamfara has seen many raids.")
    police = mentioned_as(text, table, "police")
    assert (police.kind, police.country_code) == ("government_body", "NG")


def test_role_noun_refers_to_the_person_named_with_that_title_in_apposition(read):
    text, table = read("Shelling killed four people, the regional governor said.\n\nOleksandr Prokudin, governor "
                       "of the Kherson region, said the city was hit all day.")
    assert mentioned_as(text, table, "regional governor").name == "Oleksandr Prokudin"


def test_title_before_a_name_does_not_swallow_the_date(read):
    text, table = read("Rights chief condemns attack\n\n"
                       "UN High Commissioner for Human Rights Volker Türk on Thursday condemned the attack.")
    assert mentioned_as(text, table, "Volker Türk").kind == "person"
    assert not any("Thursday" in text[s:e] for a in table.results for s, e in a.mentions)


def test_sahel_armed_group_and_its_acronym_are_known(read):
    text, table = read("Members of Jama'at Nusrat al-Islam wal-Muslimin (JNIM) attacked a camp.")
    assert mentioned_as(text, table, "JNIM").name == "Jama'at Nusrat al-Islam wal-Muslimin"


def test_definite_office_whose_holder_goes_unnamed_is_a_person_of_its_own(read):
    text, table = read("Headline here today\n\nThe Defence Secretary visited the troops in Estonia on Friday.")
    office = mentioned_as(text, table, "Defence Secretary")
    assert (office.kind, office.name) == ("person", "Defence Secretary")


def test_title_joined_by_is_to_a_named_person_is_that_person(read):
    text, table = read("Headline here today\n\nHer Chief of Staff is Colonel Amina Diallo, a veteran of the Sahel.")
    assert mentioned_as(text, table, "Her Chief of Staff").name == "Amina Diallo"


def test_lone_surname_that_speaks_is_a_person(read):
    text, table = read('Headline here today\n\n"The drills went well and the crews learned a lot," said Okafor.')
    assert mentioned_as(text, table, "Okafor").kind == "person"


def test_region_after_a_title_and_for_is_the_office_not_a_place(nlp):
    text = "Headline here today\n\nMinister for the Sahel, Jane Holt, condemned the attack in Gao."
    assert [p.name for p in extract_text(text, nlp=nlp).locations] == ["Gao"]

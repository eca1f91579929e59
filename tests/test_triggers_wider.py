"""Trigger coverage by class: nominal events, light verbs, passives, coordination, and the
lemmas added to the pattern files. Real spaCy model; sentences written for these tests."""
import pytest

import dateline
from dateline import nlp as nlp_mod
from dateline.events import code


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load()


def cands(nlp, text):
    doc = nlp(text)
    return [c for s in doc.sents for c in code.sentence_candidates(s)]


def one(nlp, text, trigger):
    found = [c for c in cands(nlp, text) if c.trigger.text == trigger]
    assert found, f"no candidate on {trigger!r} in {text!r}: {[(c.trigger.text, c.event) for c in cands(nlp, text)]}"
    return found[0]


def words(args):
    return {a.token.text for a in args}


# --- nominal events: the noun's actor (possessive, by, from, between) and recipient
@pytest.mark.parametrize("text,trigger,event,actors,recipients", [
    ("The signing of the accord by Israel and Bahrain took place in Washington.", "signing", "AGREE",
     {"Israel", "Bahrain"}, {"accord"}),
    ("Talks between Iran and the United States resumed in Oman.", "Talks", "CONSULT", {"Iran", "States"}, set()),
    ("An attack by rebels on the base killed ten soldiers.", "attack", "ASSAULT", {"rebels"}, {"base"}),
    ("A visit by the French president to Algeria took place in May.", "visit", "CONSULT",
     {"president"}, {"Algeria"}),
    ("Russia's invasion of Ukraine began in February.", "invasion", "ASSAULT", {"Russia"}, {"Ukraine"}),
    ("A strike by dock workers paralysed the port.", "strike", "PROTEST", {"workers"}, set()),
])
def test_nominal_events(nlp, text, trigger, event, actors, recipients):
    c = one(nlp, text, trigger)
    assert c.event == event and c.kind == "noun"
    assert actors <= words(c.actors)
    assert recipients <= words(c.recipients)


def test_nominal_sanctions_and_ban_take_their_target(nlp):
    c = one(nlp, "The EU announced new sanctions against Russia.", "sanctions")
    assert c.event == "COERCE" and words(c.actors) == {"EU"} and "Russia" in words(c.recipients)
    c = one(nlp, "The government announced a ban on rallies.", "ban")
    assert c.event == "COERCE" and c.mode == "ban" and "rallies" in words(c.recipients)


# --- light verbs: the type from the noun, the actor from the verb's subject
@pytest.mark.parametrize("text,trigger,event,actor,recipient", [
    ("Biden held talks with Xi in Bali.", "held", "CONSULT", "Biden", "Xi"),
    ("Israel launched strikes on Gaza.", "strikes", "ASSAULT", "Israel", "Gaza"),
    ("Russia launched strikes against Ukrainian cities.", "strikes", "ASSAULT", "Russia", "cities"),
    ("North Korea issued a warning to Japan.", "warning", "THREATEN", "Korea", "Japan"),
    ("The United States imposed sanctions on Iran.", "imposed", "COERCE", "States", "Iran"),
    ("Hamas made an offer to Israel.", "offer", "AGREE", "Hamas", "Israel"),
    ("Turkey struck a deal with Russia.", "struck", "SUPPORT", "Turkey", "Russia"),
    ("Germany gave support to Ukraine.", "gave", "AID", "Germany", "Ukraine"),
    ("Farmers staged a protest in Paris.", "protest", "PROTEST", "Farmers", None),
    ("Police carried out raids in Istanbul.", "raids", "COERCE", "Police", None),
    ("Turkey mounted an offensive against Kurdish fighters.", "offensive", "ASSAULT", "Turkey", "fighters"),
    ("India waged war on Pakistan.", "war", "ASSAULT", "India", "Pakistan"),
    ("The ministers engaged in talks with the rebels.", "talks", "CONSULT", "ministers", "rebels"),
    ("Israeli jets carried out an air raid on Gaza.", "raid", "ASSAULT", "jets", "Gaza"),
])
def test_light_verbs(nlp, text, trigger, event, actor, recipient):
    c = one(nlp, text, trigger)
    assert c.event == event
    assert actor in words(c.actors)
    if recipient:
        assert recipient in words(c.recipients)


def test_staged_is_a_light_verb_despite_its_lemma(nlp):
    # the small model lemmatises "staged" as "stag"; the workers still strike
    c = one(nlp, "Workers staged a strike at the factory.", "strike")
    assert c.kind == "light" and c.event == "PROTEST" and words(c.actors) == {"Workers"}


# --- passives: the agent acts, the passive subject receives
@pytest.mark.parametrize("text,trigger,event,actor,recipient", [
    ("The convoy was attacked by militants.", "attacked", "ASSAULT", "militants", "convoy"),
    ("Sanctions were imposed on Iran by the United States.", "imposed", "COERCE", "States", "Iran"),
    ("The opposition leader was arrested by police.", "arrested", "COERCE", "police", "leader"),
    ("The protesters were dispersed by police.", "dispersed", "COERCE", "police", "protesters"),
    ("The president was criticized by opposition leaders.", "criticized", "ACCUSE", "leaders", "president"),
])
def test_passives(nlp, text, trigger, event, actor, recipient):
    c = one(nlp, text, trigger)
    assert c.event == event
    assert words(c.actors) == {actor}
    assert recipient in words(c.recipients)


# --- coordination: actors and recipients shared across conjuncts
def test_coordinated_subjects(nlp):
    c = one(nlp, "Russia and China signed an agreement.", "signed")
    assert words(c.actors) == {"Russia", "China"}


def test_coordinated_verbs_share_subject_and_object(nlp):
    met = one(nlp, "Macron met and thanked Zelensky.", "met")
    thanked = one(nlp, "Macron met and thanked Zelensky.", "thanked")
    assert met.event == "CONSULT" and thanked.event == "SUPPORT"
    for c in (met, thanked):
        assert words(c.actors) == {"Macron"} and "Zelensky" in words(c.recipients)
    shelled = one(nlp, "The army shelled and bombed the town.", "shelled")
    assert shelled.event == "ASSAULT" and "town" in words(shelled.recipients)


def test_intransitive_first_conjunct_does_not_take_the_object(nlp):
    c = one(nlp, "Police arrived and arrested the man.", "arrived")
    assert "man" not in words(c.recipients)


def test_coordinated_objects(nlp):
    c = one(nlp, "Russia attacked Ukraine and Georgia.", "attacked")
    assert words(c.recipients) == {"Ukraine", "Georgia"}


# --- lemmas added to the pattern files
@pytest.mark.parametrize("text,trigger,event", [
    ("The minister hit out at the opposition.", "hit", "ACCUSE"),
    ("The US rescinded the sanctions on Cuba.", "rescinded", "RETREAT"),
    ("Rebels torched the police station.", "torched", "ASSAULT"),
    ("The foreign ministry refuted the reports.", "refuted", "REJECT"),
    ("Security forces took the activists into detention.", "detention", "COERCE"),
])
def test_added_lemmas(nlp, text, trigger, event):
    found = [c for c in cands(nlp, text) if c.trigger.text == trigger]
    assert found, [(c.trigger.text, c.event) for c in cands(nlp, text)]
    assert found[0].event == event


def test_end_to_end_light_verb_and_passive():
    events = dateline.extract("Farmers in France staged a protest in Paris on Monday. "
                              "The French opposition leader was arrested by police in Paris.",
                              published="2024-03-06")
    by_type = {e["event"]: e for e in events}
    assert set(by_type) >= {"PROTEST", "COERCE"}

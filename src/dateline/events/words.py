"""The event coder's named word classes, read from ``events/data/word_classes.tsv``.

Each class is a petrarch2-style list of words that a rule reads by name (the file says what
each is for; users extend it there). Prepositions keep the file's order (it is a
preference); the other classes are sets.
"""
from __future__ import annotations

from pathlib import Path

from dateline.tables import word_classes

_CLASSES = word_classes(Path(__file__).with_name("data") / "word_classes.tsv")


#: parties left implicit in measures and retreats (events/implicit.py), in their own table
_IMPLICIT = word_classes(Path(__file__).with_name("data") / "implicit_parties.tsv")
MEASURE_VERBS = frozenset(_IMPLICIT["measure_verbs"])
FOREIGN_MEASURE_NOUNS = frozenset(_IMPLICIT["foreign_measure_nouns"])
GOVERNMENT_THINGS = frozenset(_IMPLICIT["government_things"])
CARRIER_NOUNS = frozenset(_IMPLICIT["carrier_nouns"])
REVERSAL_PREPS = _IMPLICIT["reversal_preps"]
INQUIRY_LEMMAS = frozenset(_IMPLICIT["inquiry_verbs"])
SCHEDULE_WORDS = frozenset(_IMPLICIT["schedule_words"])


def word_class(name: str) -> set[str]:
    """The words of one class (a KeyError names a class the data file lacks)."""
    return set(_CLASSES[name])


# prepositions, in order of preference
RECIPIENT_PREPS = _CLASSES["recipient_preps"]
PLACE_PREPS = _CLASSES["place_preps"]
NOUN_ACTOR_PREPS = _CLASSES["noun_actor_preps"]
NOUN_ACTOR_TARGET_PREPS = _CLASSES["noun_actor_target_preps"]
# argument finding
INTRANSITIVE_LEMMAS = word_class("intransitive_verbs")
SUBJECT_CONTROL_LEMMAS = word_class("subject_control_verbs")
CAUSATIVE_LEMMAS = word_class("causative_verbs")
REPORTING_LEMMAS = word_class("reporting_verbs")
CONVEYANCE_LEMMAS = word_class("conveyance_verbs")
RECEIVE_LEMMAS = word_class("receive_verbs")
PURPOSE_LEMMAS = word_class("purpose_verbs")
PRONOUNS = word_class("pronouns")
# status (events/status.py)
FUTURE_AUX = word_class("future_aux")
HYPOTHETICAL_AUX = word_class("hypothetical_aux")
CONDITIONAL_MARKS = word_class("conditional_marks")
PRESENT_BE = word_class("present_be")
REPORTED_FUTURE_LEMMAS = word_class("reported_future_verbs")
# codebook rules (events/rules.py, events/code.py, events/triggers.py)
COMMITMENT_LEMMAS = word_class("commitment_verbs")
DEMAND_LEMMAS = word_class("demand_verbs")
COMMITMENT_OBJECTS = word_class("commitment_objects")
COMMITMENT_MODIFIERS = word_class("commitment_modifiers")
AIR_STRIKE_MODIFIERS = word_class("air_strike_modifiers")
ORDER_LEMMAS = word_class("order_verbs")
OBLIGATION_AUX = word_class("obligation_aux")
OBLIGATION_VERBS = word_class("obligation_verbs")
PROTESTER_LEMMAS = word_class("protester_nouns")
CIVILIAN_LEMMAS = PROTESTER_LEMMAS | word_class("civilian_nouns")
STATE_LEMMAS = word_class("state_nouns")
OBSTRUCT_LEMMAS = word_class("obstruct_verbs")
MATERIAL_SUPPORT = word_class("material_support_modifiers")
SHOWING_LEMMAS = word_class("showing_verbs")
DEATH_LEMMAS = word_class("death_verbs")
AMOUNT_NOUNS = word_class("amount_nouns")
CONTRAST_MARKS = word_class("contrast_marks")
ABILITY_NOUNS = word_class("ability_nouns")
MEASURE_NOUNS = word_class("measure_nouns")
IMPOSED_MEASURE_NOUNS = word_class("imposed_measure_nouns")
HOME_FORCE_WORDS = word_class("home_force_words")
HEDGE_ADVERBS = word_class("hedge_adverbs")
OCCURRENCE_LEMMAS = word_class("occurrence_verbs")
ARMED_FORCE_LEMMAS = word_class("armed_force_nouns")
DECISION_NOUNS = word_class("decision_nouns")
NO_COMMENT_LEMMAS = word_class("no_comment_verbs")
MUTUAL_LEMMAS = word_class("mutual_verbs")
PARTICIPANT_NOUNS = word_class("participant_nouns")
CONDEMNING_WORDS = word_class("condemning_words")
PRAISING_WORDS = word_class("praising_words")
BLAME_WORDS = word_class("blame_words")
COUNTERFACTUAL_AUX = word_class("counterfactual_aux")
BELIEF_VERBS = word_class("belief_verbs")
BELIEF_NOUNS = word_class("belief_nouns")
UNREALIZED_HEADS = word_class("unrealized_heads")
STORY_PLACE_NOUNS = word_class("story_place_nouns")
ALLOW_LEMMAS = word_class("allow_verbs")
WRONGDOING_LEMMAS = word_class("wrongdoing_verbs")
MODIFIER_VERBS = word_class("modifier_verbs")
DENIAL_LEMMAS = word_class("denial_verbs")
ACCUSATION_NOUNS = word_class("accusation_nouns")
ARMED_ONLY_LEMMAS = word_class("armed_only_verbs")
SPORTS_WORDS = word_class("sports_words")
DISMISSAL_LEMMAS = word_class("dismissal_verbs")
# verbal acts told as nouns (events/nominal.py, events/status.py)
AGENT_OF_NOUNS = word_class("agent_of_nouns")
WITNESS_NOUNS = word_class("witness_nouns")
AUDIENCE_PREPS = word_class("audience_preps")
PARTNER_NOUN_TYPES = word_class("partner_noun_types")
CLAUSE_PARTNER_MARKS = word_class("clause_partner_marks")
PRESSING_NOUNS = word_class("pressing_nouns")
PERSUASION_LEMMAS = word_class("persuasion_verbs")
DESCRIBING_LEMMAS = word_class("describing_verbs")
STANDING_MEASURES = word_class("standing_measures")
REFUSAL_CONDITION_MARKS = word_class("refusal_condition_marks")
NONSPECIFIC_DETERMINERS = word_class("nonspecific_determiners")
CONDITION_NOUNS = word_class("condition_nouns")
REFUSAL_PHRASES = word_class("refusal_phrases")
MESSAGE_NOUNS = word_class("message_nouns")
NAMING_LEMMAS = word_class("naming_verbs")
PEOPLE_QUANTITY_NOUNS = word_class("people_quantity_nouns")
#: the last words of the refusal phrases: a sentence without one of them holds none
REFUSAL_ENDS = {p.split()[-1].split("-")[-1] for p in REFUSAL_PHRASES}
FEELING_LEMMAS = word_class("feeling_verbs")
INDEFINITE_SUBJECTS = word_class("indefinite_subjects")
BODY_PARTS = word_class("body_parts")
BARGAINING_NOUNS = word_class("bargaining_nouns")
MEASURE_MAKING_LEMMAS = word_class("measure_making_verbs")

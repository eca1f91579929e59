"""Named word classes of the event coder (prepositions and lemmas that decide a role or a rule).

Each class says what it is for; they are read by :mod:`events.triggers`,
:mod:`events.arguments` and :mod:`events.rules`.
"""
from __future__ import annotations

#: prepositions whose object can be the recipient, in order of preference.
RECIPIENT_PREPS = ("with", "against", "to", "on", "into", "upon", "at", "toward", "towards",
                   "for", "over", "from", "of", "about", "in", "across", "inside", "around", "near")
#: places that are recipients only of material conflict ("struck plants across Ukraine")
PLACE_PREPS = ("in", "across", "inside", "around", "near")
#: prepositions after a trigger noun that introduce its actor.
NOUN_ACTOR_PREPS = ("by", "from")
#: prepositions on a noun's "by"/"from" actor that still name the noun's target
NOUN_ACTOR_TARGET_PREPS = ("to", "on", "against", "with", "into")
#: verbs that take no object of their own in "X V1 and V2 Y" ("arrived and met the
#: president": the president is met, not arrived at)
INTRANSITIVE_LEMMAS = {"arrive", "travel", "tour", "talk", "retreat", "withdraw", "resign", "quit",
                       "protest", "demonstrate", "rally", "march", "riot", "strike", "clash", "fight",
                       "retaliate", "surrender", "relent", "agree", "apologize", "apologise", "cooperate",
                       "concede", "yield", "complain", "object", "insist", "mobilize", "mobilise",
                       "respond", "decline", "refuse", "return", "step", "back", "give", "sit", "walk"}
#: verbs whose infinitive is done by their subject even with an object ("promised Kyiv to send",
#: "summoned the ambassador to complain")
SUBJECT_CONTROL_LEMMAS = {"promise", "pledge", "vow", "threaten", "offer", "summon"}
#: verbs whose bare complement is done by their own subject ("let free", "set free")
CAUSATIVE_LEMMAS = {"let", "set"}
#: verbs that report speech: what they report is the sentence's event ("officials said X
#: attacked Y"), and an obligation they report is the speaker's demand ("X said Y must go")
REPORTING_LEMMAS = {"say", "tell", "announce", "report", "add", "state", "confirm", "declare", "assert",
                    "insist", "stress", "warn", "reiterate", "argue", "write", "note", "tweet", "maintain"}
#: commitment verbs: their type follows the act committed to when that act is hostile.
COMMITMENT_LEMMAS = {"vow", "pledge", "promise", "offer", "swear"}
#: asking for a hostile measure against someone is an accusation of them ("called for
#: sanctions against Moscow", "demanded an investigation into the killing")
DEMAND_LEMMAS = {"call", "demand", "urge", "seek", "press", "push", "ask", "request"}
#: verbs whose direct object is the thing moved, never the recipient ("sent troops to X")
CONVEYANCE_LEMMAS = {"send", "deploy", "dispatch", "deliver", "ship", "transfer", "airlift"}
#: verbs whose subject gets what the trigger noun names ("received loans from Canada", "got an
#: IMF loan"): the giver ("from X") is the actor and the subject the recipient.
RECEIVE_LEMMAS = {"receive", "get", "obtain", "secure"}
#: what is signed, when it is a commitment to act together rather than an endorsement: a
#: defence pact or a ceasefire is AGREE ("sign" alone is SUPPORT, as in the PLV gold)
COMMITMENT_OBJECTS = {"ceasefire", "truce", "armistice"}
COMMITMENT_MODIFIERS = {"defence", "defense", "security", "military", "cooperation", "peace",
                        "ceasefire", "truce", "access", "alliance", "co-operation"}
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "its", "their", "his", "we",
            "us", "who", "which", "that", "i", "you"}
AIR_STRIKE_MODIFIERS = {"air", "missile", "drone", "military", "rocket", "artillery", "aerial", "precision",
               "retaliatory", "preemptive", "pre-emptive", "nuclear", "targeted", "israeli", "russian",
               "american", "us", "u.s.", "coalition", "airstrike", "punitive", "surgical"}
#: verbs whose purpose clause says what the event was: "called X to congratulate him",
#: "sent a team to investigate", "summoned the ambassador to complain"
PURPOSE_LEMMAS = {"call", "send", "dispatch", "summon", "visit", "travel", "meet", "telephone", "phone"}
#: orders to do something hostile are coercion ("ordered X to discontinue its services")
ORDER_LEMMAS = {"order", "force", "compel", "direct", "instruct"}
#: a demand put as an obligation ("Israel must end attacks") is a REQUEST
OBLIGATION_AUX = {"must", "should"}
PROTESTER_LEMMAS = {"protester", "protestor", "demonstrator", "rioter", "striker", "marcher"}
#: civilians who block roads are protesting (PLOVER PROTEST obstruct), not coercing
CIVILIAN_LEMMAS = PROTESTER_LEMMAS | {"worker", "supporter", "people", "student", "activist", "youth",
                                     "farmer", "resident", "villager", "driver", "trucker", "teacher",
                                     "union", "employee", "citizen", "crowd", "mob", "opponent"}
STATE_LEMMAS = {"government", "ministry", "embassy", "minister", "president", "premier", "chancellor",
                "ambassador", "state", "country", "foreign", "kremlin", "administration", "cabinet",
                "spokesman", "spokeswoman", "spokesperson", "parliament", "council", "envoy"}
OBSTRUCT_LEMMAS = {"block", "blockade", "barricade", "occupy"}
#: support that is given in kind or money is AID ("$500 million in military support")
MATERIAL_SUPPORT = {"military", "financial", "economic", "humanitarian", "logistic", "logistical", "budget",
                    "budgetary", "technical", "material", "medical"}
#: protest verbs that mean "show" when they take an object or a clause
SHOWING_LEMMAS = {"demonstrate"}
#: verbs of dying: the subject is the victim of the violence that caused it
DEATH_LEMMAS = {"die", "succumb", "perish"}

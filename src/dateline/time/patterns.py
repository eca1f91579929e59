"""The recogniser's regular expressions, built once from lexicon.txt.

Each rule is (name, compiled regex). A named group ``span`` (when present) is the part
that becomes the expression; the rest of the match is context the rule requires
("in the spring": the preposition makes "spring" a season, it is not part of the span).
Group names are what normalise.py reads.
"""
from __future__ import annotations

import re

from dateline.time import lexicon

LEX = lexicon.load()
alt = lexicon.alternation

_MONTH_WORDS = list(LEX["month"])
_MONTH_FULL_WORDS = [w for w in _MONTH_WORDS if len(w) > 4 or w in ("june", "july", "may")]
_MONTH_ABBR_WORDS = [w for w in _MONTH_WORDS if w not in _MONTH_FULL_WORDS]
MONTH = ("(?:" + alt(_MONTH_FULL_WORDS, capitalised=True) + r"(?![a-zA-Z])|"
         + alt(_MONTH_ABBR_WORDS, capitalised=True) + r"\.?(?![a-zA-Z]))")
MONTH_FULL = alt(_MONTH_FULL_WORDS, capitalised=True) + r"(?![a-zA-Z])"
MONTH_ABBR_DOT = alt([w for w in _MONTH_ABBR_WORDS if w not in ("mar", "jun", "jul")], capitalised=True) + r"\."
WEEKDAY = ("(?:" + alt([w for w in LEX["weekday"] if w.endswith("day")], capitalised=True) + r"(?![a-zA-Z])|"
           + alt([w for w in LEX["weekday"] if not w.endswith("day")], capitalised=True) + r"\.?(?![a-zA-Z]))")
WEEKDAY_FULL = alt([w for w in LEX["weekday"] if w.endswith("day")], capitalised=True) + r"(?![a-zA-Z])"
NUMWORD = alt(LEX["number"])
NUMWORD_TAIL = alt([w for w in LEX["number"] if not w.startswith(("a ", "an ")) and w not in ("a", "an")])
NUM = rf"(?:\d+(?:[.,]\d+)?(?:\s*(?:½|1/2))?|{NUMWORD}(?:(?:\s+|-|\s+and\s+){NUMWORD_TAIL})*)"
VAGUE = alt(LEX["vague_number"])
ORDINAL = alt(LEX["ordinal"])
SEASON = alt(LEX["season"])
POD = alt(LEX["part_of_day"])
HOLIDAY_NAMES = list(LEX["holiday"]) + ["thanksgiving day", "thanksgiving", "easter sunday", "easter monday",
                                        "easter", "good friday", "memorial day", "labor day",
                                        "martin luther king day", "presidents day", "election day"]
HOLIDAY = alt(HOLIDAY_NAMES)
UNIT_SG = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|millennium)"
UNIT_PL = r"(?:seconds|minutes|hours|days|nights|weeks|fortnights|months|years|decades|centuries|millennia|millenniums)"
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG}|hrs?|mins?|yrs?)(?![a-z])"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
APPROX = (r"(?:about|nearly|almost|approximately|roughly|around|some|more\s+than|less\s+than|"
          r"fewer\s+than|over|at\s+least|up\s+to|under|just|only|barely|close\s+to|upwards\s+of|"
          r"well\s+over|at\s+most|another|an\s+additional|an\s+extra|the\s+better\s+part\s+of)")
REL = r"(?:this|last|next|past|coming|previous|current|the\s+current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+same|that|the\s+preceding)"
PREP = r"(?:in|during|by|until|till|since|through|throughout|for|from|before|after|of|over|into|to)"
DAY_PREFIX_MOD = r"(?:early|late|earlier|later)"
EDGE_MOD = (r"(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
            r"the\s+middle\s+of|the\s+rest\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|"
            r"the\s+turn\s+of|the\s+close\s+of)")
TZ = r"(?:(?:[A-Z]{1,2}[SD]?T|GMT|UTC|ET|PT|CT|MT)(?![A-Za-z])|local\s+time)"
AMPM = r"(?:a\.m\.|p\.m\.|a\.m|p\.m|am|pm|AM|PM)(?![A-Za-z])"

#: a part of day written before its day ("mid-afternoon yesterday", "late morning Friday")
PRE_POD = r"(?P<ppod>(?:mid-?\s*)?(?:morning|afternoon|evening))"

RULES_SOURCE: list[tuple[str, str]] = [
    # ---- absolute calendar dates -------------------------------------------------------
    ("date_mdy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})(?![\d%]|:\d)(?!\s*(?:percent|per\s+cent|million|billion|years?|days?))(?:,?\s+(?P<year>{YEAR})(?![\d%]))?"),
    ("date_dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR})(?![\d%]))?"),
    ("day_conjunct", rf"(?P<mon>{MONTH})\s*(?P<day1>{DAYNUM})\s*(?:and|or|to|through|-|–)\s*(?P<span>(?P<day>{DAYNUM})(?:,?\s+(?P<year>{YEAR}))?)(?![\d%]|:\d)"),
    ("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})(?![\d%]|:\d)(?:,?\s+(?P<year>{YEAR})(?![\d%]))?"),
    ("month_year", rf"(?:(?P<mod>{EDGE_MOD})[\s-]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})(?![\d%])|'(?P<yy>\d\d)\b)"),
    ("month_relyear", rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+following|the\s+same)\s+year(?![a-z])"),
    ("month_wordyear", rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<words>(?:nineteen|twenty)[\s-]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?![a-z-])"),
    ("iso_date", r"(?<![\d.-])(?P<year>1[5-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?)?(?![\d])"),
    ("iso_month", r"(?<![\d.-])(?P<year>1[5-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])(?![\d-])"),
    ("slash_date", r"(?<![\d/.])(?P<a>[01]?\d|3[01]|2\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d)(?![\d/])"),
    ("dot_date", r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d\d)(?![\d.]\d)"),
    ("compact_date", r"(?<![\d.,$])(?P<year>19\d\d|20[0-4]\d)(?P<month>0[1-9]|1[0-2])(?P<day>[0-2]\d|3[01])(?![\d])"),
    # ---- years, decades, centuries ----------------------------------------------------------
    ("year", rf"(?:(?P<mod>{EDGE_MOD})[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY|the\s+year|calendar\s+year|the\s+fiscal\s+year|model\s+year)\s*)?(?<![\d$€£#.,:/])(?<!\d-)(?P<year>{YEAR})(?![\d%]|,\d|\.\d|-\d|\s*(?:percent|per\s*cent|%))(?:\s+(?P<bce>BC|B\.C\.|BCE|AD|A\.D\.)(?![A-Za-z]))?"),
    ("short_fiscal", r"(?P<fiscal>fiscal(?:\s+year)?|FY)\s*'?(?P<yy>\d\d)(?![\d])"),
    ("decade", rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<decade>1\d\d0|20\d0)'?s|'(?P<yy>\d0)'?s)(?![a-z])"),
    ("decade_short", rf"(?:(?<=the\s)|(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s)|(?<=0s,\s))(?:(?P<mod>early|mid|late)[\s-]+)?(?P<yy>[1-9]0)'?s(?![a-z])"),
    ("year_words", rf"(?:the\s+year\s+)?(?P<words>(?:nineteen|twenty)[\s-]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|(?:oh|o)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![a-z-])"),
    ("decade_word", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])"),
    ("century", rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})[\s-]+century(?:\s+(?P<bce>BC|B\.C\.|BCE|AD|A\.D\.))?"),
    # ---- parts of years ---------------------------------------------------------------
    ("season_year", rf"(?:(?P<mod>early|late|mid)[\s-]+)?(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})(?![\d%])"),
    ("season_rel", rf"(?:(?P<mod>early|late|mid)[\s-]+)?(?P<rel>this|last|next|past|coming|previous|that)\s+(?P<season>{SEASON})(?![a-z])"),
    ("season_bare", rf"\b(?:in|during|by|until|till|since|through|throughout|for|before|after|over|into)\s+(?P<span>(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>spring|summer|winter|autumn|fall))(?![a-z])(?!\s+of\s+(?!\d))"),
    ("quarter", rf"(?:the\s+)?(?:(?P<rel>this\s+year's|last\s+year's|next\s+year's|this|last|next|past|current|latest|previous|coming|recent|same|year-ago|year-earlier|prior-year|(?:the\s+)?year[\s-]ago|(?:the\s+)?year[\s-]earlier|fiscal|calendar)[\s-]+)*(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+)?(?:fiscal[\s-]+)?(?P<unit>quarter|half|period)(?![a-z])(?!\s*(?:-\s*)?point|\s+of\s+(?:a|an|the|its|his|her|their|all|them|those|these|one|all)\b)(?:,?\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year|the\s+(?P<ycur>current|previous|next)\s+(?:fiscal\s+)?year)(?![\d%]))?"),
    ("quarter_code", rf"(?<![A-Za-z0-9])(?P<unit>Q|H)(?P<ord>[1-4])(?:\s*(?P<year>{YEAR}|'\d\d))?(?![A-Za-z0-9])"),
    # ---- relative to the document date --------------------------------------------------
    ("day_word", rf"(?:(?P<mod>{DAY_PREFIX_MOD})\s+)?(?:{PRE_POD}\s+)?(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)(?![a-z])(?:\s+(?P<pod>{POD}))?"),
    ("this_pod", rf"(?:(?P<mod>{DAY_PREFIX_MOD})\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)(?![a-z])"),
    ("rel_unit", rf"(?:(?P<mod>{EDGE_MOD})[\s-]+)?(?P<rel>{REL})\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|decade|century|day|quarter)(?![a-z])"),
    ("anchored", rf"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>that|the\s+same|the\s+following|the\s+previous|the\s+next|the\s+preceding|the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)(?![a-z])(?!\s+(?:of|after|before|when|that|in)\b)"),
    ("earlier_in", rf"(?P<mod>earlier|later|early|late)\s+(?:in|on)\s+the\s+(?P<unit>week|month|year)(?![a-z])"),
    ("rel_named", rf"(?:(?P<mod>early|late|mid|earlier|later)[\s-]+)?(?P<rel>this|last|next|past|coming|previous|the\s+previous|the\s+following|the\s+next|the\s+coming)\s+(?:(?P<mon>{MONTH_FULL})|(?P<wd>{WEEKDAY_FULL})|(?P<holiday>{HOLIDAY}))"),
    ("the_weekend", r"(?:(?P<mod>early|late)\s+)?(?:the|this|last|next|that)\s+weekend(?![a-z])"),
    ("ago", rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM}|{VAGUE})?\s*(?P<unit>{UNIT})(?:\s+(?:or\s+so|and\s+a\s+half))?\s+(?P<dir>ago|earlier|later|hence|from\s+now|back|(?:before|after)(?![a-z])(?!\s+(?:that|the|this|when|he|she|it|they|a|an|his|her|its|their)\b))(?![a-z])"),
    # ---- named days, months, holidays ----------------------------------------------------
    ("weekday", rf"(?:(?P<mod>early|late)\s+)?(?:{PRE_POD}\s+)?(?P<wd>{WEEKDAY_FULL})(?:,?\s+(?P<pod>{POD}))?"),
    ("weekday_abbr", rf"(?<![A-Za-z])(?P<wd>(?-i:Mon|Tues?|Wed|Thurs?|Fri|Sat)\.)"),
    ("month", rf"(?:(?P<mod>{EDGE_MOD})[\s-]+)?(?P<mon>{MONTH_FULL}|{MONTH_ABBR_DOT})"),
    ("holiday_week", rf"(?P<holiday>(?=[A-Z]){HOLIDAY})\s+week(?![a-z])"),
    ("holiday", rf"(?P<holiday>(?=[A-Z]){HOLIDAY})(?:\s+(?P<year>{YEAR}))?(?![a-z])"),
    # ---- clock times ------------------------------------------------------------------
    ("clock", rf"(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>{AMPM})(?:\s+(?P<tz>{TZ}))?"),
    ("clock24", rf"(?<![\d:.$,])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?(?![\d:])(?:\s*(?P<ampm>{AMPM}))?(?:\s+(?P<tz>{TZ}|hours|hrs))?"),
    ("clock_word", rf"(?P<word>noon|midnight|midday)(?![a-z])"),
    ("oclock", rf"(?P<hour>{NUM})\s+o'clock(?:\s+(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"),
    ("hour_pod", r"\b(?:at|by|until|till|around|about|after|before|from|since|to|was|is)\s+(?P<span>(?P<hour>1[0-2]|0?[1-9]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?![a-z])"),
    ("short_year", r"\b(?:since|in|of|from|until|by|to)\s+(?P<span>'(?P<yy>\d\d))(?![\d'])"),
    ("clock_military", rf"(?<![\d:.,$])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?P<tz>GMT|UTC|Z)(?![A-Za-z])"),
    ("the_day", r"\b(?:end|ended|ending|ends|finish|finished|finishing|close|closed|closing|start|started|starting|begin|began|beginning|for|during|throughout|of|(?:earlier|later)\s+in)\s+(?P<span>the\s+(?P<unit>day|session|week))(?![a-z])(?!\s+(?:before|after|of|when|that|in\s+which|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b)"),
    ("year_ended", r"(?:the|its|their)\s+(?:(?:fiscal|financial)\s+)?year(?=\s+(?:that\s+)?(?:ended|ending|ends)\b)"),
    ("edge_of_unit", r"(?P<mod>the\s+(?:very\s+)?(?:beginning|start|end|middle|rest|close|remainder|first\s+half|second\s+half)\s+of)\s+the\s+(?:(?:fiscal|financial|calendar|current|present)\s+)?(?P<unit>year|month|week|day|quarter|decade|century)(?![a-z])(?!\s+(?:before|after|of|when)\b)"),
    ("whole_unit", r"(?:the|this|that)\s+(?:entire|whole|full)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>year|month|week|day)(?![a-z])(?!\s+(?:before|after|of|when)\b)"),
    ("unit_previous", r"the\s+(?P<unit>day|week|month|year)\s+(?P<rel>previous|before|earlier|prior|after|later|following)(?![a-z])(?!\s+(?:the|a|an|last|that|this|[a-z]+ing)\b)"),
    ("duration_range", rf"(?<![A-Za-z\d.,])(?P<span>(?P<num>\d+(?:\.\d+)?|{NUMWORD}))\s*(?:and|or|to|-|–)\s*(?:\d+(?:\.\d+)?|{NUMWORD})[\s-]+(?P<unit>{UNIT})"),
    ("duration_adjective", r"(?<![A-Za-z-])(?:(?P<single>single|one|full|whole)-(?P<unit1>day|week|month|year|hour|night)|(?P<unit2>day|week|month|year|hour|night|decade|centur(?:y|ie))s?-long|(?P<unit3>decade|year|month|week|centurie)s-(?:long|old))(?![a-z])"),
    ("duration_quarters", rf"(?<![A-Za-z])(?P<num>{NUM})\s+(?:(?:full|straight|consecutive|successive)\s+)?(?:fiscal\s+)?quarters(?![a-z])"),
    # ---- durations and sets --------------------------------------------------------------
    ("duration", rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<the>the|a|an|its|their|his|her)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|remaining|initial|preceding|latest|same)\s+)?(?:(?P<approx2>{APPROX})\s+)?(?P<num>{NUM}|{VAGUE})(?P<half0>\s+and\s+a\s+half)?(?:\s+(?:more|full|straight|consecutive|long|additional|further|whole|entire))?(?:\s+(?:trading|business|working|school|calendar))?(?:[\s-]+|(?<=\d))(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>[\s-]+(?:old|olds))?(?!-old)"),
    ("bare_units", rf"\b(?:for|over|in|within|after|takes?|took|taking|last(?:ed|ing|s)?)\s+(?P<span>(?:the\s+)?(?:(?P<rel>past|last|next|coming)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))(?![a-z])(?!\s+(?:of|ago|earlier|later|before|after)\b)"),
    ("set_every", rf"(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY_FULL})|(?P<mon>{MONTH_FULL})|(?P<pod>morning|afternoon|evening|night))(?![a-z])"),
    ("set_adverb", r"(?<![a-z-])(?P<word>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|semiannually|fortnightly)(?![a-z])"),
    ("set_plural_weekday", rf"(?:on\s+|every\s+)?(?P<span>(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)))(?![a-z])"),
    # ---- vague references --------------------------------------------------------------
    ("ref_duration", alt(LEX["ref_duration"]) + r"(?![a-z])"),
    ("ref_phrase", alt(LEX["ref_phrase"]) + r"(?![a-z])"),
    ("ref_word", r"(?<![a-z'-])" + alt(LEX["ref_word"]) + r"(?![a-z'-])"),
    ("one_day", r"(?<![a-z])(?P<span>one\s+day)(?![a-z])(?!\s+(?:of|after|before|later|earlier|in\s+advance))"),
]

RULES: list[tuple[str, re.Pattern]] = [(name, re.compile(src, re.I)) for name, src in RULES_SOURCE]

#: rules whose matches win ties with others of the same length (more specific readings)
PRIORITY = {name: i for i, (name, _) in enumerate(RULES_SOURCE)}

# ---- triggers: a rule only runs in windows around its trigger words (speed: most of a
# text holds no time word, and the full patterns are costly to try at every character).
# One pass splits the text into words; each word gets keys (itself in lower case, plus
# classes like "#digit", "#unit", "#month"); a rule runs around the words whose keys meet
# its trigger set. ----
WORD = re.compile(r"[A-Za-z]+|\d+")
_UNIT_PREFIXES = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
                  "decade", "centur", "millenni")
_UNIT_SHORT = {"hr", "hrs", "min", "mins", "yr", "yrs"}
_MONTH_KEYS = set(LEX["month"])
_WEEKDAY_KEYS = set(LEX["weekday"])
_SEASON_KEYS = set(LEX["season"])
_MONTH_RULES = {"#month"}
_DIGIT = {"#digit"}
TRIGGERS: dict[str, set[str]] = {
    "date_mdy": _MONTH_RULES, "week_of": _MONTH_RULES, "day_conjunct": _MONTH_RULES, "date_dmy": _MONTH_RULES, "month_year": _MONTH_RULES,
    "month_relyear": _MONTH_RULES, "month_wordyear": _MONTH_RULES, "month": _MONTH_RULES,
    "iso_date": _DIGIT, "iso_month": _DIGIT, "slash_date": _DIGIT, "dot_date": _DIGIT,
    "compact_date": _DIGIT, "year": _DIGIT, "short_fiscal": {"fiscal", "fy"},
    "decade": _DIGIT, "decade_short": _DIGIT, "decade_word": {"#ties"},
    "year_words": {"nineteen", "twenty", "thousand"}, "century": {"century"},
    "season_year": {"#season"}, "season_rel": {"#season"}, "season_bare": {"#season"},
    "quarter": {"quarter", "half", "period"}, "quarter_code": {"q", "h"},
    "day_word": {"today", "tonight", "yesterday", "tomorrow"},
    "this_pod": {"morning", "afternoon", "evening", "night"},
    "rel_unit": {"#unit", "quarter"}, "earlier_in": {"earlier", "later", "early", "late"},
    "rel_named": {"this", "last", "next", "past", "coming", "previous", "following"},
    "the_weekend": {"weekend"},
    "anchored": {"that", "same", "following", "previous", "next", "preceding", "prior"},
    "ago": {"ago", "earlier", "later", "before", "after", "hence", "now", "back"},
    "weekday": {"#weekday"}, "weekday_abbr": {"#weekday"}, "set_plural_weekday": {"#weekday"},
    "holiday": {w for name in HOLIDAY_NAMES for w in re.findall(r"[a-z]+", name)[:1]},
    "holiday_week": {w for name in HOLIDAY_NAMES for w in re.findall(r"[a-z]+", name)[:1]},
    "clock": _DIGIT, "clock24": _DIGIT, "clock_military": _DIGIT, "short_year": _DIGIT,
    "clock_word": {"noon", "midnight", "midday"}, "oclock": {"clock"},
    "hour_pod": {"morning", "afternoon", "evening", "night"},
    "the_day": {"#unit", "session"},
    "year_ended": {"ended", "ending", "ends"},
    "edge_of_unit": {"beginning", "start", "end", "middle", "rest", "close", "remainder", "half"},
    "whole_unit": {"entire", "whole", "full"},
    "unit_previous": {"previous", "before", "earlier", "prior", "after", "later", "following"},
    "duration_range": _DIGIT | {"#unit"},
    "duration_adjective": {"long", "old", "single", "one", "full", "whole"},
    "duration_quarters": {"quarters"}, "duration": {"#unit"}, "bare_units": {"#unit"},
    "set_every": {"every", "each", "per"}, "set_adverb": {"#ly"},
    # vague references: every word of their lexicon entries
    "ref_duration": {w for phrase in LEX["ref_duration"] for w in phrase.split()},
    "ref_phrase": {w for phrase in LEX["ref_phrase"] for w in phrase.split()} - {"the", "at", "in", "a", "as"},
    "ref_word": set(LEX["ref_word"]), "one_day": {"one"},
}
#: how far before / after a trigger a rule's match may reach
WINDOW_BEFORE, WINDOW_AFTER = 90, 70

#: key -> the rules it triggers
KEY_RULES: dict[str, tuple[str, ...]] = {}
for _name, _ in RULES_SOURCE:
    for _key in TRIGGERS[_name]:
        KEY_RULES[_key] = KEY_RULES.get(_key, ()) + (_name,)
_key_cache: dict[str, tuple[str, ...]] = {}


def rules_for_word(word: str) -> tuple[str, ...]:
    """The rules a word of the text triggers (cached per word form)."""
    found = _key_cache.get(word)
    if found is not None:
        return found
    lower = word.lower()
    keys = [lower]
    if word.isdigit():
        keys.append("#digit")
    else:
        if lower.startswith(_UNIT_PREFIXES) or lower in _UNIT_SHORT:
            keys.append("#unit")
        if word[0].isupper():
            if lower in _MONTH_KEYS:
                keys.append("#month")
            if lower in _WEEKDAY_KEYS or (lower.endswith("s") and lower[:-1] in _WEEKDAY_KEYS):
                keys.append("#weekday")
        if lower in _SEASON_KEYS:
            keys.append("#season")
        if lower.endswith("ly"):
            keys.append("#ly")
        if lower.endswith("ties"):
            keys.append("#ties")
    rules = tuple(dict.fromkeys(r for k in keys for r in KEY_RULES.get(k, ())))
    if len(_key_cache) < 200_000:
        _key_cache[word] = rules
    return rules

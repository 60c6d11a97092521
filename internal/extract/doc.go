// Package extract reads a press release about cooperation between
// organizations and proposes the records an officer would otherwise type:
// whether it reports an engagement, its date and place, the organizations
// and people that took part (with titles), the commitments made (with
// sums and currencies), the beneficiary countries and the topics. The
// output follows ../shared/data/pressreleases/README.md.
//
// It is pure Go and rule-based: no network, no model. Every rule is a
// general pattern of English news style, not a sentence of the
// development set; the families and their reasons follow.
//
// # Input
//
// Texts over 1 MB, with NUL bytes or mostly invalid UTF-8, or empty after
// cleaning are refused with ErrTooLarge, ErrBinary or ErrEmpty. HTML is
// reduced to text (script and style dropped, block tags become line
// breaks, entities decoded). A text whose letters are mostly non-Latin,
// or whose function words are French, Spanish and the like rather than
// English, is refused with ErrUnsupported ("language not supported yet")
// rather than guessed at.
//
// # Cost
//
// Reading takes time linear in the text. Sentences are cut at 200 tokens,
// titles and names are read at most 40 and 24 tokens from where they
// start, each sentence's words and each surname's occurrences are
// collected once, and a text yields at most 100 people and 100
// commitments. The inner steps are counted: a text that costs more than
// 1,000 steps a token is refused with ErrTooComplex, and Extract stops
// between sentences when its context ends.
//
// # Gazetteers
//
// Names are found by longest match of folded tokens (case, diacritics,
// British/American spellings) against: a shipped list of international
// organizations with acronyms and French and Arabic names (data/orgs.txt),
// countries from internal/refdata with common names and demonyms
// (data/countries.txt), capitals and major cities (data/cities.txt), and
// any Gazetteer passed to New: Accord's own organizations and people,
// which grow as officers confirm extractions. Acronyms match only with
// their case ("WHO", not "who"); other names must start with a capital.
//
// # Structure: datelines, headlines, quotes, sentences
//
// News items open with a dateline ("JEDDAH:", "GENEVA, Dec 5 (KUNA) --"):
// it says where the item was filed, not where the meeting was, so no
// place or date is taken from it except as an anchor (its year, or its
// date for "today"). Quoted speech is marked: what a person says is not
// what happened, so quotes never make participants or commitments.
//
// # Participants
//
// An organization takes part when it is named, outside quotes, in a
// sentence that reports the engagement: a lower-case cue of meeting,
// visiting, signing, giving or receiving ("met", "held talks", "signed",
// "pledge", "handed over"). News agencies and forums (the General
// Assembly, a summit) never take part; a name used as the modifier of an
// event ("the OIC Donor Conference") or after "according to" is only
// mentioned. Regional offices count as their organization; an organ
// named beside its parent is the parent acting. Governments are named as
// "Government of X" when the text says so ("the Government of Japan",
// "the Vietnamese Government", "Embassy of X", "the State of Kuwait") or
// when a participant holds a national office (minister, ambassador).
//
// # People and titles
//
// People are found by the appositions of news style: "TITLE of ORG,
// NAME", "ORG's TITLE NAME", "[ORG|COUNTRY|Saudi] TITLE NAME" and "NAME,
// TITLE of ORG". A title is a run of title words (heads such as director,
// minister, envoy; modifiers such as deputy, executive) with complements
// after of/for/to/in/at; an office named like an organization ("United
// Nations High Commissioner for Refugees") is a title too. Honorifics
// (Dr., H.E., Sheikh, Dato') are dropped from names. A person takes part
// when named (in full or by surname) in a sentence with a cue of taking
// part; people only quoted or mentioned are left out. The person's
// organization is the one after "of" or "at" in the title, else the
// qualifier before it, else for national offices the government of the
// state named in or before the title, the only government named, the
// dateline's country, or the country named most often, in that order.
// Titles are reported without the qualifier and the trailing "of ORG".
//
// # Place and date
//
// The place is the first "in CITY" in a sentence about the meeting
// (met, held, signed, ceremony, sidelines), "here" meaning the dateline's
// city; a country alone only after "held in" or "took place in". The date
// is the first written date in such a sentence: a full date; a day and
// month with the year of a dated dateline; "today" or "yesterday" against
// a dated dateline. "On Monday", "last week" and "recently" are not
// dates the text states: they give DateEstimate against the dateline or
// the publication date, for an officer to confirm.
//
// # Commitments
//
// An instrument (memorandum of understanding, agreement, deal, framework
// of collaboration, plan of action) is a commitment when the sentence
// reports its signing as news ("was signed", "signed a", "inked", "agreed
// to develop", "would be drawn up") and names it as new ("a", "an", "two",
// a headline); "the agreement" refers back to one already counted, and a
// bare participle ("the agreement signed between them") refers to an
// earlier signing. Sums ("$4.5m", "US$ 6.6 million", "USD one million",
// "SR 10 million", "63.3 million dollars", "€65.5 million") go to the
// sentence's first instrument, or make a pledge when they are given,
// granted, donated or contributed; a grant at an event with a signing is
// an agreement. Sentences about cumulative giving ("since 2015", "a total
// of", "over the past years") are history, not commitments. Goods
// ("10,000 doses") make a pledge when handed over or donated; when the
// goods have one stated quantity it is the amount, with no currency;
// with several, the money value is. Agreed seminars and workshops are
// events; agreed committees and mechanisms are "other". Duplicates (a
// headline repeating the lead) are merged, an instrument without a sum
// yields to one of its kind with a sum, and a sum equal to the total of
// two or more others is dropped.
//
// # Engagement
//
// An item reports an engagement when two or more participants are found,
// or one with a commitment. Otherwise it is reported as no engagement
// and every other field is empty.
//
// # Beneficiaries and topics
//
// Beneficiary countries are countries after in/to/for, or demonyms before
// "refugees", "people", "children", in sentences about aid or needs;
// venues and givers are left out. Topics are known subjects of
// cooperation found in the text.
package extract

"""Meetings: names found from their head word, attributes read from the text around them.

For each sentence:
1. a meeting name starts at a head word ("Hội nghị", "Meeting") and runs as far as the language's name
   grammar allows (Vietnamese: forward to a verb, a preposition of place or time, or punctuation;
   English: the run of capitalised words, acronyms and connectors around the head); a series written
   as acronym and number ("COP28", "AMME-17") is a meeting on its own;
2. the name gives kind, body, edition and partners;
3. the text after the name, up to the next meeting, gives date and place; a list of meetings that
   closes with one date and place shares them; the next sentence's "Hội nghị diễn ra tại …" adds what
   is still missing.

Modules: `mention` (the record of one mention), `names` (name grammar and what a name says), `attributes`
(date and place around a name), `sentence` (the meetings of one sentence), `context` (the document around it).
"""

from pipeline.extract.meetings.context import meetings_in_document
from pipeline.extract.meetings.mention import Evidence, MeetingMention
from pipeline.extract.meetings.names import english_name_span, vietnamese_name_end
from pipeline.extract.meetings.sentence import meetings_in_sentence

__all__ = ["Evidence", "MeetingMention", "english_name_span", "meetings_in_document", "meetings_in_sentence",
           "vietnamese_name_end"]

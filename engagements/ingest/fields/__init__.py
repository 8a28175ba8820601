"""One module per fact that `extract` finds in a cleaned readout.

`context` holds what every field shares: the document, the gazetteer, the people finder, the
sentences and dates, and the `Extraction` being filled in. The field modules run in this order,
because later ones read what earlier ones found:

- `meeting`: the sentences that report the engagement, which most later fields read from;
- `participants`: the people who met;
- `speakers`: spokespeople and people statements are attributed to;
- `when`: the meeting date;
- `modality`: in person, phone or video;
- `location`: where an in-person meeting took place, and the event it was on the sidelines of;
- `quotes`: quoted statements and who said them;
- `topics`: gazetteer topics mentioned anywhere in the text;
- `commitments`: sentences in which a party commits to something, and which party;
- `related`: other meetings the readout refers to.
"""

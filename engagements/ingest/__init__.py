"""Readout ingestion: turn a raw readout (text, markdown or HTML) into a draft meeting.

`clean` strips page debris and normalises the text, `dates` finds and resolves dates in prose,
`gazetteer` holds the officials, titles and topic keywords extraction matches against,
`extract` finds the meeting's facts with the text span behind each, and `contract` renders them
as the "Ingestion output" JSON of DESIGN.md. None of these modules imports Django at module level.
"""

"""ACLED-grade event coding: classification, ACLED actor naming, place, date and fatalities for short event
reports, and the exchange of ACLED files."""

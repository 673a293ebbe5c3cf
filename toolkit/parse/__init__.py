"""Reading free text: ages, durations and time points, partial dates, Markdown, readability.

Every rule and renderer reads text through these modules; no rule carries its own pattern
for what one of them already reads.
"""

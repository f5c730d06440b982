"""User text in the places Streamlit reads as Markdown: headings, captions, labels, messages.

Plan, theme and action text, lead names, file names and link parameters come from people and
files, not from us. Streamlit draws Markdown (and its own extras) in these places, so a name like
`![x](http://host/x.png)` would make every viewer's browser fetch an image, and `:red[...]`,
`:material/home:`, `$x$` or a bare web address would render. `md()` makes such text plain:
every ASCII punctuation mark is backslash-escaped (CommonMark's rule), and a word joiner (an
invisible, zero-width character) follows each ":", "@" and "." followed by neither a digit nor
a space, and each "www", because Streamlit finds icons (":material/home:"), emoji, web and
e-mail addresses in the text after Markdown is read, where escapes no longer count. Only there:
a figure ("25.2%"), a time ("10:30") or a sentence's full stop keeps no invisible character,
which would be copied with it into a briefing paper. Text for st.html goes through html.escape
instead (components/tables.py).
"""

from __future__ import annotations

import re

from readiness.text import one_line, visible

_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_SPLITS = re.compile(r"([:@.])(?=[^\s\d])|(?<=www)(?=\\\.)", re.IGNORECASE)
_WORD_JOINER = "\u2060"
# Labels, headings and names quoted in messages: long enough for any real title or name.
LABEL_LIMIT = 300


def md(text: object, limit: int | None = None) -> str:
    """`text` on one line, shown as written wherever Streamlit reads Markdown.

    With `limit`, text longer than that many characters is cut there and ends in "…" (labels and
    headings of a 10,000-character cell must not fill the screen).
    """
    plain = one_line(visible(str(text)))
    if limit is not None:
        plain = cut(plain, limit)
    escaped = _PUNCTUATION.sub(r"\\\1", plain)
    return _SPLITS.sub(lambda m: (m.group(1) or "") + _WORD_JOINER, escaped)


def cut(text: str, limit: int = LABEL_LIMIT) -> str:
    """The text, or its first `limit` characters ending in "…" if it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

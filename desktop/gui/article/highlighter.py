"""How spans are painted into the article text: formats per block, computed from the span index.

Visual encoding (chosen so nested, overlapping and long spans stay distinguishable and the text
stays black on pastel):

* **mention** — background in the label colour (made pastel if it is not already). Where mentions
  nest or overlap, the *innermost* (shortest) one gives the background, slightly darker for each
  enclosing level, and the nearest *enclosing* mention draws a solid underline in a strong shade of
  its colour. So a PERS mention ``الرئيس الروسي فلاديمير بوتين`` with OCC ``الرئيس`` and NORP
  ``الروسي`` inside shows the OCC and NORP backgrounds with the PERS underline running under both.
* **suggestion** — (propagated, not yet accepted) a pale tint of the label colour with a dotted
  underline; a real mention on the same text wins the background, the suggestion keeps the dotted
  underline unless an enclosing mention needs it.
* **other** — another annotator's mention, shown read-only when their layers are on: a pale tint
  of the label colour with a dashed underline; one's own mention on the same text wins the
  background, and the tooltip names the annotator.
* **claim** — claims are long and overlap mentions, so they do not touch the background: a coloured
  bar in the right (RTL-side) margin along the claim's lines, painted over the viewport for visible
  blocks only (overlapping claims get side-by-side lanes), plus claim text in a dark shade of the
  claim colour.
* **cue** — (reporting verb of a claim) bold with an overline, in a dark shade of its colour.
* **selected span** (``set_selected_span``) — a stronger background and a rounded outline in a
  strong shade of its colour.
* **bidi overrides** (U+202A–U+202E, U+2066–U+2069) — zero-width, so a small red bracket is
  painted at their position and the hover tooltip names them; ZWJ/ZWNJ stay invisible.

Colour changes inside a word keep Arabic letters joined (Qt shapes across format boundaries).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat

from desktop.gui.article.span_index import ViewSpan


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class Palette:
    """Derived shades of span colours, computed once per colour."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], QColor] = {}

    def _base(self, color: str) -> QColor:
        c = QColor(color)
        return c if c.isValid() else QColor("#c0c0c0")

    def get(self, color: str, shade: str) -> QColor:
        key = (color, shade)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._make(self._base(color), shade)
        return hit

    @staticmethod
    def _make(c: QColor, shade: str) -> QColor:
        white = QColor("#ffffff")
        h, s, l_, _ = c.getHslF()
        if shade == "bg":  # pastel: black text must stay readable
            return c if l_ >= 0.78 else _mix(c, white, (0.82 - l_) / max(1e-6, 1.0 - l_))
        if shade == "pale":  # suggestions: paler than a mention
            bg = Palette._make(c, "bg")
            return _mix(bg, white, 0.55)
        if shade == "selected":
            return QColor.fromHslF(h, min(1.0, max(s, 0.55)), 0.70)
        if shade == "strong":  # lines, bars and outlines on white paper
            return QColor.fromHslF(h, min(1.0, max(s, 0.55)), 0.45 if s > 0.05 else 0.40)
        if shade == "dark":  # text colour: still reads as black at a glance
            return QColor.fromHslF(h, min(1.0, max(s, 0.45)), 0.24 if s > 0.05 else 0.15)
        raise ValueError(shade)

    def darker(self, color: QColor, levels: int) -> QColor:
        return color if levels <= 0 else color.darker(100 + 7 * min(levels, 3))


class SpanHighlighter(QSyntaxHighlighter):
    """Applies the span formats of one block from the view's per-block index.

    Works in two modes. *Eager* (small documents): every block is formatted when the text is set,
    like any syntax highlighter. *Lazy* (large documents): blocks are formatted only when they are
    about to be painted (:meth:`ArticleView.paintEvent` calls :meth:`ensure_block`), so opening a
    1 MB article costs one screen of formatting instead of the whole text.
    """

    def __init__(self, view) -> None:
        super().__init__(view.document())
        self._view = view
        self._palette = Palette()
        self._formats: dict[tuple, QTextCharFormat] = {}
        self.lazy = False
        self._done = bytearray()
        self._forcing = False

    def reset(self, block_count: int, *, lazy: bool) -> None:
        self.lazy = lazy
        self._done = bytearray(block_count)

    def forget_all(self) -> None:
        """Lazy mode: every block is formatted again before it is next painted."""
        self._done = bytearray(len(self._done))

    def invalidate(self, block_numbers) -> None:
        """Re-format these blocks now (eager) or when next painted (lazy)."""
        doc = self.document()
        for n in block_numbers:
            if n >= len(self._done):
                continue
            if self.lazy and not self._done[n]:
                continue  # not formatted yet: will be when painted
            block = doc.findBlockByNumber(n)
            if block.isValid():
                self._forcing = True
                try:
                    self.rehighlightBlock(block)
                finally:
                    self._forcing = False

    def ensure_block(self, block: QTextBlock) -> bool:
        """Format ``block`` if it has not been yet; True when that changed something."""
        n = block.blockNumber()
        if n >= len(self._done) or self._done[n]:
            return False
        self._forcing = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._forcing = False
        return self._view._index.has_block(n)

    def is_formatted(self, block_number: int) -> bool:
        return block_number < len(self._done) and bool(self._done[block_number])

    # -- formats --

    def _format(self, key: tuple) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(*key)
        return fmt

    def _make_format(
        self,
        inner: str | None,
        depth: int,
        outer: str | None,
        suggestion: str | None,
        claim: str | None,
        cue: str | None,
        selected: bool,
        other: str | None = None,
    ) -> QTextCharFormat:
        p = self._palette
        fmt = QTextCharFormat()
        if inner is not None:
            bg = p.get(inner, "selected" if selected else "bg")
            fmt.setBackground(p.darker(bg, depth - 1))
        elif suggestion is not None:
            fmt.setBackground(p.get(suggestion, "selected" if selected else "pale"))
        elif other is not None:
            fmt.setBackground(p.get(other, "selected" if selected else "pale"))
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(p.get(outer, "strong"))
        elif suggestion is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(p.get(suggestion, "strong"))
        elif other is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(p.get(other, "strong"))
        if cue is not None:
            fmt.setForeground(p.get(cue, "dark"))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontOverline(True)
        elif claim is not None:
            fmt.setForeground(p.get(claim, "dark"))
        return fmt

    def _key(self, active: list[ViewSpan], selected_id: object) -> tuple:
        inner = outer = suggestion = other = claim = cue = None
        inner_len = outer_len = sugg_len = other_len = 1 << 62
        depth = 0
        selected = False
        for s in active:
            kind = s.kind
            length = s.end - s.start
            if kind == "mention":
                depth += 1
                if length < inner_len or (length == inner_len and inner is not None):
                    if inner is not None and inner_len < outer_len:
                        outer, outer_len = inner, inner_len
                    inner, inner_len = s, length
                elif length < outer_len:
                    outer, outer_len = s, length
            elif kind == "suggestion":
                if length < sugg_len:
                    suggestion, sugg_len = s, length
            elif kind == "other":
                if length < other_len:
                    other, other_len = s, length
            elif kind == "claim":
                claim = s
            elif kind == "cue":
                cue = s
        if selected_id is not None:
            top = inner if inner is not None else suggestion if suggestion is not None else other
            selected = top is not None and top.id == selected_id
        return (
            inner.color if inner is not None else None,
            depth,
            outer.color if outer is not None else None,
            suggestion.color if suggestion is not None else None,
            claim.color if claim is not None else None,
            cue.color if cue is not None else None,
            selected,
            other.color if other is not None else None,
        )

    # -- QSyntaxHighlighter --

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        n = block.blockNumber()
        done = self._done
        if n >= len(done):
            return
        if self.lazy and not self._forcing:
            done[n] = 0
            return
        done[n] = 1
        view = self._view
        spans = view._index.block(n)
        if not spans:
            return
        cp0 = view._line_starts[n]
        cp1 = cp0 + view._line_lengths[n]
        to16 = view._map.to_utf16
        base16 = block.position()
        selected_id = view._selected_id
        if len(spans) == 1:
            s = spans[0]
            a = max(s.start, cp0)
            b = min(s.end, cp1)
            if a < b:
                u = to16(a) - base16
                self.setFormat(u, to16(b) - base16 - u, self._format(self._key(spans, selected_id)))
            return
        # Sweep over the span boundaries inside this block; ``spans`` is sorted by start.
        points = {cp0, cp1}
        for s in spans:
            if s.start > cp0:
                points.add(s.start)
            if s.end < cp1:
                points.add(s.end)
        bounds = sorted(points)
        active: list[ViewSpan] = []
        i = 0
        count = len(spans)
        for j in range(len(bounds) - 1):
            a, b = bounds[j], bounds[j + 1]
            if active:
                active = [s for s in active if s.end > a]
            while i < count and spans[i].start <= a:
                if spans[i].end > a:
                    active.append(spans[i])
                i += 1
            if not active:
                continue
            u = to16(a) - base16
            self.setFormat(u, to16(b) - base16 - u, self._format(self._key(active, selected_id)))

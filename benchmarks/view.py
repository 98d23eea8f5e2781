"""Timings of the article view for the benchmark (quality.md S2 and S3).

Each function builds its own generated article (Arabic-like words in paragraphs, nested mentions,
suggestions, claims and cues), so runs are comparable from one machine to the next. Generation is
not timed. Needs a QApplication; one is created (offscreen works) when none exists.
"""

from __future__ import annotations

import random
import statistics
import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from desktop.gui.article_view import ArticleView, ViewSpan
from desktop.gui.fonts import load_bundled_fonts

__all__ = ["generate_article", "measure_jump", "measure_open", "measure_scroll"]

_WORDS = (
    "الرئيس الروسي فلاديمير بوتين ونظيره السوري بشار الأسد محادثات في موسكو اليوم الأربعاء "
    "يتبادل الرئيسان خلالها الآراء حول مجموعة واسعة من القضايا الثنائية والدولية وقال إن حجم "
    "التجارة بين روسيا وسوريا آخذ في الازدياد حيث بلغ النمو العام الماضي وأشار إلى أنه "
    "المقبل يصادف الذكرى الثمانين لإقامة العلاقات الدبلوماسية البلدين للقوات المسلحة "
    "وزير الخارجية سيرغي لافروف دمشق الكرملين الحكومة الاقتصادي مكافحة الإرهاب ٢٠٢٣ 7٪ "
    "أكد نفى أعلن مصادر مطلعة وكالة سانا تاس عزيزي السيد سعيد جداً برؤيتكم أشكركم"
).split()
_COLORS = ("#ffb3ba", "#ffd8a8", "#fff3a3", "#b5ead7", "#a8d8ff", "#c9f2c7", "#d5c6f0")
_LABELS = ("PERS", "NORP", "OCC", "ORG", "GPE", "DATE", "FAC")


_warm = False


def _app() -> QApplication:
    """The QApplication, warmed up once: fonts registered and one view built and thrown away, so
    the timings measure opening a document, not starting the application."""
    global _warm
    app = QApplication.instance() or QApplication([])
    if not _warm:
        _warm = True
        load_bundled_fonts()
        view = ArticleView()
        view.set_article("تجربة", [])
        view.deleteLater()
        app.processEvents()
    return app


def generate_article(
    n_chars: int = 1_000_000, n_spans: int = 10_000, seed: int = 1, *, ordered: bool = True
) -> tuple[str, list[ViewSpan]]:
    """A generated article of about ``n_chars`` code points with ``n_spans`` spans.

    Paragraphs of 40–120 words; spans are word-aligned: mostly mentions of 1–3 words (a quarter of
    the longer ones have a nested mention inside), some suggestions and cues, and claims of 8–30
    words. With ``ordered`` (the default) spans come in document order, as storage returns them;
    otherwise in random order (the view then sorts them).
    """
    rnd = random.Random(seed)
    parts: list[str] = []
    words: list[tuple[int, int]] = []
    size = 0
    while size < n_chars:
        for k in range(rnd.randint(40, 120)):
            if k:
                parts.append(" ")
                size += 1
            w = rnd.choice(_WORDS)
            words.append((size, size + len(w)))
            parts.append(w)
            size += len(w)
        parts.append(".\n")
        size += 2
    text = "".join(parts)
    rows: list[tuple[int, int, str, int]] = []
    nw = len(words)
    while len(rows) < n_spans:
        r = rnd.random()
        w0 = rnd.randrange(nw)
        if r < 0.05:
            kind, length = "claim", rnd.randint(8, 30)
        elif r < 0.10:
            kind, length = "cue", 1
        elif r < 0.20:
            kind, length = "suggestion", rnd.randint(1, 2)
        else:
            kind, length = "mention", rnd.randint(1, 3)
        w1 = min(nw - 1, w0 + length - 1)
        rows.append((words[w0][0], words[w1][1], kind, rnd.randrange(len(_COLORS))))
        if kind == "mention" and w1 > w0 and rnd.random() < 0.25 and len(rows) < n_spans:
            w = rnd.randint(w0, w1)  # a nested mention inside this one
            rows.append((words[w][0], words[w][1], kind, rnd.randrange(len(_COLORS))))
    if ordered:
        rows.sort()
    spans = [
        ViewSpan(i, a, b, kind, _COLORS[c], _LABELS[c], f"{_LABELS[c]} #{i}")
        for i, (a, b, kind, c) in enumerate(rows)
    ]
    return text, spans


def _open(text: str, spans: list[ViewSpan], width: int, height: int) -> tuple[ArticleView, float]:
    app = _app()
    t0 = time.perf_counter()
    view = ArticleView()
    view.resize(width, height)
    view.set_article(text, spans)
    view.show()
    view.viewport().grab()  # a full paint of the first screen
    app.processEvents()
    return view, (time.perf_counter() - t0) * 1000.0


def measure_open(
    n_chars: int = 1_000_000,
    n_spans: int = 10_000,
    *,
    width: int = 1000,
    height: int = 800,
    seed: int = 1,
    ordered: bool = True,
) -> float:
    """Milliseconds from a new view to a fully coloured first screen (S2)."""
    text, spans = generate_article(n_chars, n_spans, seed, ordered=ordered)
    view, ms = _open(text, spans, width, height)
    _dispose(view)
    return ms


def _dispose(view: ArticleView) -> None:
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _summary(times: list[float]) -> dict:
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": sorted(times)[max(0, int(len(times) * 0.95) - 1)],
        "max": max(times),
    }


def measure_jump(
    n_chars: int = 1_000_000,
    n_spans: int = 10_000,
    n_jumps: int = 50,
    *,
    width: int = 1000,
    height: int = 800,
    seed: int = 1,
) -> dict:
    """Milliseconds per jump to a random span (select it, scroll to it, paint): p50/p95/max."""
    text, spans = generate_article(n_chars, n_spans, seed)
    app = _app()
    view, _ = _open(text, spans, width, height)
    rnd = random.Random(seed + 1)
    times = []
    for _ in range(n_jumps):
        span = rnd.choice(spans)
        t0 = time.perf_counter()
        view.set_selected_span(span.id)
        view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000.0)
    _dispose(view)
    return _summary(times)


def measure_scroll(
    n_chars: int = 1_000_000,
    n_spans: int = 10_000,
    n_frames: int = 100,
    *,
    width: int = 1000,
    height: int = 800,
    seed: int = 1,
) -> dict:
    """Milliseconds per frame when scrolling down a page at a time: p50/p95/max."""
    text, spans = generate_article(n_chars, n_spans, seed)
    app = _app()
    view, _ = _open(text, spans, width, height)
    bar = view.verticalScrollBar()
    times = []
    for _ in range(n_frames):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000.0)
    _dispose(view)
    return _summary(times)


if __name__ == "__main__":  # python -m desktop.gui.bench_view
    for n in (10_000, 50_000):
        print(f"open 1 MB, {n} spans: {measure_open(n_spans=n):.1f} ms")
    print(f"open 1 MB, 10000 spans, unordered: {measure_open(ordered=False):.1f} ms")
    print("jump:", {k: round(v, 1) for k, v in measure_jump().items()})
    print("scroll:", {k: round(v, 1) for k, v in measure_scroll().items()})

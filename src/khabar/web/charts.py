"""Chart geometry for server-rendered SVG: events over time by type, and the top actor pairs."""

from __future__ import annotations

from typing import Any

from khabar.web import labels

WIDTH = 920
TIMELINE_HEIGHT = 280
MAX_PERIODS = 60  # beyond this many months the bars get too thin to read: count by year instead
MAX_XLABELS = 12
PAIR_ROW = 26
PAIR_LABEL_WIDTH = 230


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Lay out stacked bars of event counts per period (month, or year for long spans), one colour per type."""
    if not rows:
        return {"empty": True, "width": WIDTH, "height": TIMELINE_HEIGHT}
    periods = _months(min(r["month"] for r in rows), max(r["month"] for r in rows))
    by_year = len(periods) > MAX_PERIODS
    if by_year:
        periods = [str(y) for y in range(int(periods[0][:4]), int(periods[-1][:4]) + 1)]
    counts: dict[str, dict[str, int]] = {p: {} for p in periods}
    totals: dict[str, int] = {}
    for r in rows:
        p = r["month"][:4] if by_year else r["month"]
        counts[p][r["type"]] = counts[p].get(r["type"], 0) + r["events"]
        totals[r["type"]] = totals.get(r["type"], 0) + r["events"]
    types = sorted(totals, key=lambda t: (-totals[t], t))
    top = max(sum(c.values()) for c in counts.values()) or 1
    left, right, top_pad, bottom = 44, 8, 10, 34
    plot_w, plot_h = WIDTH - left - right, TIMELINE_HEIGHT - top_pad - bottom
    step = plot_w / len(periods)
    bar_w = max(1.0, step * 0.8)
    bars = []
    for i, p in enumerate(periods):
        y = top_pad + plot_h
        x = left + i * step + (step - bar_w) / 2
        for t in types:
            n = counts[p].get(t, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bar_w, 1), "h": round(h, 1),
                         "cls": labels.css_class("t", t, labels.EVENT_TYPES),
                         "title": f"{p} · {labels.label(labels.EVENT_TYPES, t)} ({t}): {n}"})
    every = max(1, -(-len(periods) // MAX_XLABELS))
    xlabels = [{"x": round(left + i * step + step / 2, 1), "y": TIMELINE_HEIGHT - 12, "text": p}
               for i, p in enumerate(periods) if i % every == 0]
    ticks = sorted({0, top // 2, top})
    ylabels = [{"x": left - 6, "y": round(top_pad + plot_h - v / top * plot_h, 1), "text": str(v)} for v in ticks]
    legend = [{"type": t, "label": labels.label(labels.EVENT_TYPES, t), "events": totals[t],
               "cls": labels.css_class("t", t, labels.EVENT_TYPES)} for t in types]
    return {"empty": False, "width": WIDTH, "height": TIMELINE_HEIGHT, "bars": bars, "xlabels": xlabels,
            "ylabels": ylabels, "left": left, "right": WIDTH - right, "base": top_pad + plot_h,
            "legend": legend, "unit": "year" if by_year else "month"}


def pairs(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Lay out horizontal bars of the actor pairs with most events, growing leftwards from their labels."""
    if not rows:
        return {"empty": True, "width": WIDTH, "height": PAIR_ROW}
    top = max(r["events"] for r in rows) or 1
    plot_w = WIDTH - PAIR_LABEL_WIDTH - 60
    out = []
    for i, r in enumerate(rows):
        w = max(2.0, r["events"] / top * plot_w)
        x = WIDTH - PAIR_LABEL_WIDTH - w
        y = i * PAIR_ROW + 4
        out.append({"x": round(x, 1), "y": y, "w": round(w, 1), "h": PAIR_ROW - 8,
                    "label": f"{r['source'] or '؟'} → {r['target'] or '؟'}", "label_x": WIDTH - 6,
                    "count_x": round(x - 6, 1), "text_y": y + PAIR_ROW / 2, "events": r["events"],
                    "source": r["source"], "target": r["target"]})
    return {"empty": False, "width": WIDTH, "height": len(rows) * PAIR_ROW + 8, "bars": out}

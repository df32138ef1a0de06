#!/usr/bin/env python3
"""Checks a DOM that headless Chromium dumped from an HTML report
(`.ci/browser.sh`). Standard library only.

    browser_check.py DOM.html --conflicts N [--hostile]

Asserts that the page's summary states N conflicts (`data-conflicts`) and
holds as many `.finding.conflict` sections, that it has SVG charts, and that
nothing ran: no `script` element, the title is the report's, no element got
a `data-pwned` attribute (the hostile fixture's canaries), no element has an
event-handler attribute or a `javascript:` link. Exits 1 with the reasons.
"""

import argparse
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict)
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))
        if tag == "title":
            self._in_title = True

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def check(path, conflicts, hostile):
    dom = Dom()
    with open(path, encoding="utf-8") as f:
        dom.feed(f.read())
    dom.close()
    problems = []
    tags = [t for t, _ in dom.elements]
    summaries = [a for t, a in dom.elements if a.get("id") == "summary"]
    if len(summaries) != 1:
        problems.append(f"{len(summaries)} #summary elements, expected 1")
    stated = summaries[0].get("data-conflicts") if summaries else None
    sections = [
        a
        for t, a in dom.elements
        if t == "section" and {"finding", "conflict"} <= set(a.get("class", "").split())
    ]
    if stated != str(len(sections)):
        problems.append(f"the summary states {stated} conflicts, the page has {len(sections)} conflict sections")
    if len(sections) != conflicts:
        problems.append(f"{len(sections)} conflict sections, expected {conflicts}")
    svgs = tags.count("svg")
    if svgs == 0:
        problems.append("no svg chart")
    if dom.title.strip() != "crosscheck report":
        problems.append(f"the title is {dom.title.strip()!r}")
    if "script" in tags:
        problems.append(f"{tags.count('script')} script elements")
    for t, a in dom.elements:
        for k, v in a.items():
            if k == "data-pwned":
                problems.append(f"<{t}> has data-pwned={v!r}: a canary ran")
            if k.startswith("on"):
                problems.append(f"<{t}> has an event handler {k}={v!r}")
            if k in ("href", "src", "action", "xlink:href") and v.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:")):
                problems.append(f"<{t}> {k}={v!r}")
    if hostile:
        for t in ("img", "iframe", "object", "embed"):
            if t in tags:
                problems.append(f"a {t} element (from source text?)")
    return problems, len(sections), svgs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dom")
    p.add_argument("--conflicts", type=int, required=True)
    p.add_argument("--hostile", action="store_true")
    args = p.parse_args()
    problems, sections, svgs = check(args.dom, args.conflicts, args.hostile)
    if problems:
        for x in problems:
            print(f"{args.dom}: {x}", file=sys.stderr)
        sys.exit(1)
    print(f"{args.dom}: ok ({sections} conflict sections, {svgs} svg charts, nothing ran)")


if __name__ == "__main__":
    main()

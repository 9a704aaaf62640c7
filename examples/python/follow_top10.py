#!/usr/bin/env python3
"""Follows a SkillScore contest's live feed and prints the top 10 of an event after every change.

An integrator's example of the live-feed contract (docs/api.md, "Live feed"): it watches in the
compact form, keeps the rows itself by applying each update exactly as the contract says (shifts,
then rows by bib, then moves, then removals, then the public order), notices a lost message by
`prev` and watches again, and watches again after every reconnect.

Needs python-socketio 5 with websocket-client. On Debian/Ubuntu:

    sudo apt-get install --no-install-recommends python3-socketio python3-websocket
    /usr/bin/python3 examples/python/follow_top10.py --server http://192.168.1.10:3000 --contest BG2024 --event hair

`--json` prints one JSON object a line instead of a table (what the tests read).
"""

import argparse
import json
import re
import sys
import threading

import socketio

NAMESPACE = "/live"


def bib_key(bib):
    """Bibs in natural order (A2 before A10), as the server orders rows of one rank."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", bib) if part != ""]


def public_order(row):
    """By rank, unranked (non-competing) entries last, rows of one rank by bib."""
    return (row["rank"] is None, row["rank"] if row["rank"] is not None else 0, bib_key(row["bib"]))


def apply_changes(rows, update):
    """One update applied to the rows held, in the contract's order; returns the new rows in public order."""
    named = {r["bib"] for r in update.get("rows") or []} | {m[0] for m in update.get("moves") or []}
    shifts = update.get("shifts") or []
    by_bib = {}
    for row in rows:
        # shifts apply to entries the update does not name, by the rank held before this message
        if shifts and row["rank"] is not None and row["bib"] not in named:
            for start, end, by in shifts:
                if start <= row["rank"] <= end:
                    row = dict(row, rank=row["rank"] + by)
                    break
        by_bib[row["bib"]] = row
    for row in update.get("rows") or []:
        by_bib[row["bib"]] = row
    for move in update.get("moves") or []:
        held = by_bib.get(move[0])
        if held is None:
            continue
        by_bib[move[0]] = dict(held, rank=move[1], award=move[2]) if len(move) == 3 else dict(held, rank=move[1])
    for bib in update.get("removed") or []:
        by_bib.pop(bib, None)
    return sorted(by_bib.values(), key=public_order)


class Follower:
    def __init__(self, server, contest, event, as_json, top):
        self.server = server
        self.contest = contest
        self.event = event
        self.as_json = as_json
        self.top = top
        self.events = {}  # event key -> {"name", "rows", "last"}
        self.seq = None
        self.sio = socketio.Client(reconnection=True)
        self.sio.on("connect", self.on_connect, namespace=NAMESPACE)
        self.sio.on("snapshot", self.on_snapshot, namespace=NAMESPACE)
        self.sio.on("update", self.on_update, namespace=NAMESPACE)
        self.sio.on("error", self.on_error, namespace=NAMESPACE)

    def watch(self):
        request = {"contest": self.contest, "compact": True}
        if self.event:
            request["events"] = [self.event]
        self.sio.emit("watch", request, namespace=NAMESPACE)

    def on_connect(self):
        # after every (re)connect the contract asks for a new watch
        self.watch()

    def on_error(self, error):
        print(f"feed error {error.get('statusCode')}: {error.get('message')}", file=sys.stderr, flush=True)

    def on_snapshot(self, snapshot):
        self.contest = snapshot["contest"]  # the code as stored, whatever case was typed
        self.seq = snapshot["seq"]
        self.events = {
            e["event"]: {"name": e.get("name") or e["event"], "rows": sorted(e["rows"], key=public_order), "last": e.get("last", 0)}
            for e in snapshot["events"]
        }
        if not self.event and snapshot["events"]:
            self.event = snapshot["events"][0]["event"]
        self.show(self.event)

    def on_update(self, update):
        held = self.events.get(update["event"])
        if held is None or update.get("prev") != held["last"]:
            # a message for this event was lost (or the event is new): start again from a snapshot
            self.watch()
            return
        held["rows"] = apply_changes(held["rows"], update)
        held["last"] = update["seq"]
        self.seq = update["seq"]
        self.show(update["event"])

    def show(self, key):
        held = self.events.get(key)
        if held is None or key != self.event:
            return
        top = held["rows"][: self.top]
        if self.as_json:
            print(json.dumps({"contest": self.contest, "event": key, "seq": self.seq, "top": top}, ensure_ascii=False), flush=True)
            return
        print(f"\n{self.contest} · {held['name']} · seq {self.seq}")
        for r in top:
            rank = "–" if r["rank"] is None else r["rank"]
            print(f"{rank:>3}  {r['bib']:<6} {r['name']:<8} {r['organization']:<12} {r['total']:>8.2f}  {r.get('award') or ''}")
        sys.stdout.flush()

    def run(self, seconds):
        self.sio.connect(self.server, namespaces=[NAMESPACE], transports=["websocket"])
        if seconds:
            threading.Timer(seconds, self.sio.disconnect).start()
        self.sio.wait()


def main():
    p = argparse.ArgumentParser(description="Print the live top 10 of a SkillScore event.")
    p.add_argument("--server", required=True, help="the server's address, e.g. http://192.168.1.10:3000")
    p.add_argument("--contest", required=True, help="contest code, any case")
    p.add_argument("--event", help="event key (default: the contest's first event)")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.add_argument("--seconds", type=float, default=0, help="stop after this long (0: run until interrupted)")
    a = p.parse_args()
    try:
        Follower(a.server.rstrip("/"), a.contest, a.event, a.json, a.top).run(a.seconds)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

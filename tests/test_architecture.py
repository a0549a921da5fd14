"""The shape of the code: layers read off the folders of bot/, imports pointing down only.

Every module of bot/ belongs to the layer of its package (or, at the top, of its own name).
A module may import its own layer and the layers below it, never one above. A package or
module that is listed but missing fails, and so does one that exists but is not listed: a
rename has to update this map, it cannot slip past it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

BOT = ROOT / "bot"

# Lowest first. A name is a package folder or a top-level module of bot/.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("config",),
    ("prose",),
    ("guides", "offers", "synthetic"),
    ("index", "scoring"),
    # I/O like guides/load, below the Slack edge; it reads Lookup (misses) but no coach.
    ("store",),
    ("coach",),
    # The reloader: builds Coaches, so above coach; the Slack edge and the CLI hold it.
    ("live",),
    ("render",),
    ("slack", "chat"),
    ("cli",),
    ("__main__",),
    ("testing",),  # stand-ins for Slack, for tests and benchmarks: nothing in the bot uses them
)
LAYER_OF = {name: depth for depth, names in enumerate(LAYERS) for name in names}
# Only these may talk to Slack, print, or read the environment.
SLACK_IMPORTERS = {"slack"}
ENVIRONMENT_READERS = {"config"}


def unit_of(path: Path) -> str:
    """The layer name of a module: its package below bot/, or its own name at the top."""
    relative = path.relative_to(BOT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def modules() -> list[Path]:
    return sorted(p for p in BOT.rglob("*.py") if p.name != "__init__.py" or p.parent != BOT)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from bot.guides import body" imports the module bot.guides.body
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) == ("os", "environ")
        ):
            found.add("os.environ")
    return found


def bot_units(path: Path) -> set[str]:
    """The layer names ``path`` imports from bot."""
    units = set()
    for name in imports(path):
        parts = name.split(".")
        if parts[0] == "bot" and len(parts) > 1:
            units.add(parts[1])
    return units


def test_every_listed_layer_exists() -> None:
    missing = [
        name
        for name in LAYER_OF
        if not (BOT / name).is_dir() and not (BOT / f"{name}.py").is_file()
    ]
    assert not missing, f"listed in LAYERS but not in bot/: {missing}"


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({unit_of(p) for p in modules()} - set(LAYER_OF))
    assert not unplaced, f"bot/ holds {unplaced}, which LAYERS does not place"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    own = LAYER_OF[unit_of(path)]
    upward = {u for u in bot_units(path) if u in LAYER_OF and LAYER_OF[u] > own}
    assert not upward, f"{path.relative_to(ROOT)} (layer {own}) imports higher layers {upward}"


def test_no_import_cycles() -> None:
    """Between modules, not only layers: guides/model must not need guides/body back."""
    graph: dict[str, set[str]] = {}
    names = {module_name(p): p for p in modules()}
    for name, path in names.items():
        graph[name] = {target for target in imports(path) if target in names and target != name}
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_slack_edge_imports_slack(path: Path) -> None:
    slack = {n for n in imports(path) if n.split(".")[0] in {"slack_bolt", "slack_sdk"}}
    if unit_of(path) not in SLACK_IMPORTERS:
        assert not slack, f"{path.relative_to(ROOT)} imports {slack}"


def test_the_slack_edge_does_import_slack() -> None:
    """The check above would pass vacuously if the Slack package moved."""
    importers = {
        unit_of(p) for p in modules() if any(n.split(".")[0] == "slack_bolt" for n in imports(p))
    }
    assert importers == SLACK_IMPORTERS


def test_only_config_reads_the_environment() -> None:
    readers = {unit_of(p) for p in modules() if "os.environ" in imports(p)}
    assert readers == ENVIRONMENT_READERS

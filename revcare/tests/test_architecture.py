"""docs/architecture.md draws the same dependency graph as the contract lint-imports enforces."""

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def contract_layers() -> list[list[str]]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    lines = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return [[module.strip() for module in re.split(r"[:|]", line)] for line in lines]


def test_the_architecture_diagram_is_the_layers_contract():
    doc = (ROOT / "docs" / "architecture.md").read_text()
    diagram = doc[doc.index("```mermaid"):]
    diagram = diagram[: diagram.index("```", 3)]
    chain = next(line.strip() for line in diagram.splitlines() if "-->" in line)
    drawn = [name.strip() for name in chain.split("-->")]
    layers = contract_layers()
    # revcare's top and bottom layers are drawn as one box each, naming their modules
    expected = ["top", *(layer[0] for layer in layers[1:-1]), "plumbing"]
    assert drawn == expected
    for box, layer in (("top", layers[0]), ("plumbing", layers[-1])):
        label = re.search(rf'{box}\["([^"]+)"\]', diagram).group(1)
        assert all(module.removeprefix("revcare.") in label for module in layer), (box, layer)


def test_every_app_with_tests_is_in_the_suite_and_the_contract():
    """A new app's tests run in `make test` and its imports are checked (both are easy to forget)."""
    apps_with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    assert apps_with_tests <= set(config["pytest"]["testpaths"].split())
    linted = {module.split(".")[0] for layer in contract_layers() for module in layer}
    assert apps_with_tests <= linted

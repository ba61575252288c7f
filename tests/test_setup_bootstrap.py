"""setup/bootstrap.py: which Odoo source and requirements a new machine gets.

Loaded by path, like the commands load it; no Odoo, no network.
"""

import importlib.util
import sys
import tarfile
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parent.parent / "setup"


@pytest.fixture(scope="module")
def bootstrap():
    sys.path.insert(0, str(SETUP))
    try:
        spec = importlib.util.spec_from_file_location(
            "bootstrap", SETUP / "bootstrap.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SETUP))


def make_tree(root, version="19, 0", requirements=""):
    """A minimal Odoo source tree: odoo/release.py and requirements.txt."""
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text(
        f"version_info = ({version}, 0, FINAL, 0, '')\n", encoding="utf-8"
    )
    (root / "requirements.txt").write_text(requirements, encoding="utf-8")
    (root / "addons" / "account").mkdir(parents=True)
    return root


def test_requirements_skip_ldap_and_absent_addons(bootstrap, tmp_path):
    tree = make_tree(
        tmp_path / "odoo",
        requirements=(
            "lxml==4.9.3 ; python_version > '3.10'\n"
            "# a comment\n"
            "python-ldap==3.4.0 ; sys_platform != 'win32'\n"
            "onnxruntime==1.28.0  # used by flutterattendance's face_engine\n"
            "ofxparse==0.21  # used by account\n"
        ),
    )
    keep, skipped = bootstrap.requirement_lines(tree)
    assert keep == [
        "lxml==4.9.3 ; python_version > '3.10'",
        "ofxparse==0.21  # used by account",
    ]
    assert sorted(skipped) == [
        "onnxruntime==1.28.0  # used by flutterattendance's face_engine",
        "python-ldap==3.4.0 ; sys_platform != 'win32'",
    ]
    assert (
        "flutterattendance"
        in skipped["onnxruntime==1.28.0  # used by flutterattendance's face_engine"]
    )


def test_only_an_odoo_19_tree_is_a_source(bootstrap, tmp_path):
    assert bootstrap.is_odoo_tree(make_tree(tmp_path / "a"))
    assert not bootstrap.is_odoo_tree(make_tree(tmp_path / "b", version="18, 0"))
    assert not bootstrap.is_odoo_tree(tmp_path)


def test_local_tree_is_used_in_place(bootstrap, tmp_path):
    tree = make_tree(tmp_path / "src")
    assert bootstrap.obtain_source(str(tree), tmp_path / "local") == tree


def test_archive_is_extracted_into_local(bootstrap, tmp_path):
    tree = make_tree(tmp_path / "odoo-19.0")
    archive = tmp_path / "odoo.tar.gz"
    with tarfile.open(archive, "w:gz") as handle:
        handle.add(tree, arcname="odoo-19.0")
    local = tmp_path / "local"
    local.mkdir()
    found = bootstrap.obtain_source(str(archive), local)
    assert found == local / "odoo"
    assert (found / "odoo" / "release.py").is_file()


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("/nonexistent/odoo.tar.gz", "no such file or directory"),
        ("odoo-typo", "no such file or directory"),
    ],
)
def test_no_source_is_one_sentence(bootstrap, tmp_path, src, reason):
    with pytest.raises(bootstrap.devenv.SetupError) as err:
        bootstrap.obtain_source(src, tmp_path)
    message = str(err.value)
    assert reason in message
    assert "RELANCE_ODOO_SRC" in message
    assert "\n" not in message


def test_a_directory_that_is_not_odoo_is_refused(bootstrap, tmp_path):
    with pytest.raises(bootstrap.devenv.SetupError, match="not an Odoo 19.0 source"):
        bootstrap.obtain_source(str(tmp_path), tmp_path / "local")

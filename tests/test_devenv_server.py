# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""How setup/run starts the production (prefork) server: setup/devenv.py."""

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "setup"))

import devenv  # noqa: E402

CHILD = """
import os, socket
sock = socket.socket(fileno=3)
assert os.environ["LISTEN_FDS"] == "1", os.environ["LISTEN_FDS"]
assert os.environ["LISTEN_PID"] == str(os.getpid()), os.environ["LISTEN_PID"]
print(sock.getsockname()[1], sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
"""


def test_launcher_is_a_script_not_python_dash_m(tmp_path):
    """Odoo's websocket process re-runs ``sys.argv[0]``: it must be a script."""
    (tmp_path / "odoo").write_text("#!/bin/sh\n")
    python = tmp_path / "python3"
    assert devenv.odoo_launcher(str(python)) == [str(python), str(tmp_path / "odoo")]


def test_launcher_without_script_says_how_to_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(devenv, "odoo_location", lambda: str(tmp_path / "odoo"))
    with pytest.raises(devenv.SetupError, match="pip install -e"):
        devenv.odoo_launcher(str(tmp_path / "python3"))


def test_prefork_options_carry_workers_limits_and_proxy_mode():
    options = devenv.prefork_options(3, 2, gevent_port=8072, proxy_mode=True)
    assert options[:2] == ["--workers=3", "--max-cron-threads=2"]
    assert "--limit-request=8192" in options
    assert "--limit-time-real=1200" in options
    assert options[-2:] == ["--gevent-port=8072", "--proxy-mode"]


def test_threaded_server_has_no_worker_limits():
    assert devenv.prefork_options(0) == ["--workers=0", "--max-cron-threads=1"]


def test_default_workers_follow_odoo_deployment_guide(monkeypatch):
    monkeypatch.setattr(devenv.os, "cpu_count", lambda: 2)
    assert devenv.default_workers() == 5


@pytest.mark.parametrize("extra_fds", [0, 3])
def test_socket_is_handed_over_as_fd_3_like_systemd(extra_fds):
    """The child finds the listening socket on fd 3 with LISTEN_FDS/LISTEN_PID,
    whichever descriptor it had in the parent."""
    spare = [open(__file__, "rb") for __ in range(extra_fds)]  # noqa: SIM115
    try:
        with devenv.listening_socket("127.0.0.1", 0, backlog=64) as sock:
            port = sock.getsockname()[1]
            cmd, popen_kwargs = devenv.socket_activation(
                [sys.executable, "-c", CHILD], sock
            )
            result = subprocess.run(
                cmd, capture_output=True, text=True, check=False, **popen_kwargs
            )
    finally:
        for handle in spare:
            handle.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(port), "1"]


def test_prefork_env_wakes_cron_workers_on_rescheduling():
    assert devenv.prefork_env()["ODOO_NOTIFY_CRON_CHANGES"] == "1"


def _stub_server(name):
    """A one-shot server answering ``<name> <first line>`` to each connection."""
    sock = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                conn, __ = sock.accept()
            except OSError:
                return
            with conn:
                line = conn.recv(4096).split(b"\r\n", 1)[0]
                conn.sendall(name + b" " + line)

    threading.Thread(target=serve, daemon=True).start()
    return sock


def test_front_router_sends_websocket_to_the_websocket_process():
    """Without a reverse proxy, /websocket must reach the gevent process:
    Odoo's HTTP workers answer it with a 500 and a traceback."""
    http_stub, ws_stub = _stub_server(b"http"), _stub_server(b"ws")
    with devenv.listening_socket("127.0.0.1", 0) as public:
        devenv.FrontRouter(
            public, http_stub.getsockname()[1], ws_stub.getsockname()[1]
        ).start()
        answers = []
        for path in ("/websocket?version=1", "/my/invoices/7", "/r/abc"):
            with socket.create_connection(public.getsockname()) as client:
                client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                answers.append(client.recv(4096).decode())
    http_stub.close()
    ws_stub.close()
    assert answers == [
        "ws GET /websocket?version=1 HTTP/1.1",
        "http GET /my/invoices/7 HTTP/1.1",
        "http GET /r/abc HTTP/1.1",
    ]

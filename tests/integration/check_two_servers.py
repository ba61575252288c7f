#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two real Odoo servers run the reminder crons on one database: nothing twice.

Production runs several Odoo servers (prefork: HTTP workers, cron workers,
the websocket process) on one database. This check starts two of them, as
``setup/run`` does (``devenv.prefork_options``: 2 HTTP workers and one cron
worker each), with a few hundred customers due, and lets their cron workers
plan and execute the reminders (email and SMS). SMS reach a local HTTP
gateway speaking the protocol of ``relance_nc/models/relance_sms_api.py``
(which deduplicates on the message id, as the protocol requires); emails are
counted in Odoo's mail queue (``mail.mail``, the mail scheduler is stopped).

In the middle of the execution, the server whose cron worker is sending is
killed with SIGKILL (its whole process group, as a power cut would) and
started again. Afterwards every reminder is planned once and sent once: one
``mail.mail`` per email action, one message id per SMS action, none
delivered twice; an id may be *posted* again after the kill (the batch in
flight), which the gateway answers without sending it again.

The clock is not frozen (no mechanism freezes it across processes and
PostgreSQL): the company's sending hours cover the whole day and its time
zone is chosen among fixed-offset zones so that "now" is a sending day there
(``res.company._relance_next_allowed``). It prints ``N passed, M failed`` and
exits 1 on failure; ``setup/test`` runs it on its test database. By hand:
``python3 tests/integration/check_two_servers.py --db DB --db-port PORT``.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from benchlib import (  # noqa: E402
    Checks,
    create_overdue_invoices,
    devenv,
    open_check_registry,
    parse_check_args,
    serve_json,
    superuser_env,
)

CUSTOMERS = 200
GATEWAY_DELAY = 0.03  # seconds per SMS batch: the execution lasts a while
KILL_AFTER = CUSTOMERS // 4  # SMS delivered before one server is killed
SERVER_START_TIMEOUT = 90
RUN_TIMEOUT = 120


# ---------------------------------------------------------------------------
# The SMS gateway
# ---------------------------------------------------------------------------


class Gateway:
    """A local SMS gateway: counts the posts and the deliveries per message id.

    Once ``KILL_AFTER`` messages are delivered, it holds the next requests
    until :meth:`release`: the server sending them is killed while its
    request is in flight, whatever the speed of the execution.
    """

    def __init__(self):
        self.posts = Counter()
        self.delivered = {}
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.server = serve_json(self.answer)
        self.url = f"http://127.0.0.1:{self.server.server_port}/send"

    def answer(self, payload):
        time.sleep(GATEWAY_DELAY)
        if self.count() >= KILL_AFTER:
            self.released.wait(RUN_TIMEOUT)
        return {"messages": [self.receive(m) for m in payload["messages"]]}

    def release(self):
        """Answer the held requests and the next ones at once."""
        self.released.set()

    def receive(self, message):
        """Record one message; deliver it unless its id was delivered already."""
        with self.lock:
            self.posts[message["id"]] += 1
            self.delivered.setdefault(message["id"], message)
        return {"id": message["id"], "status": "accepted", "provider_id": message["id"]}

    def count(self):
        with self.lock:
            return len(self.delivered)


# ---------------------------------------------------------------------------
# Data, committed through the ORM of this process
# ---------------------------------------------------------------------------


def sending_time_zone(company):
    """A fixed-offset zone where now is inside the company's sending window."""
    now = datetime.utcnow().replace(microsecond=0)
    for offset in range(-12, 15):
        # Etc/GMT-N is N hours EAST of UTC (POSIX sign convention).
        tz = f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"
        company.partner_id.tz = tz
        local_hour = (now + timedelta(hours=offset)).hour
        if local_hour < 22 and company._relance_next_allowed(now, "sms") <= now:
            return tz
    raise RuntimeError("no time zone puts now in the sending window")


def configure_company(env, gateway):
    """Sending window over the whole day, email and SMS, the local gateway."""
    company = env.company
    company.write(
        {
            "email": "creancier@example.nc",
            "relance_send_start": 0.0,
            "relance_send_end": 23.99,
            "relance_send_saturday": True,
            "relance_sms_provider": "http",
            "relance_sms_url": gateway.url,
            "relance_sms_sender": "CRDC",
            "relance_sms_api_key": "two-servers-key",
            "relance_sms_webhook_secret": "two-servers-secret",
        }
    )
    company.action_relance_accept_terms()
    policy = env["relance.policy"]._get_company_default(company)
    policy.level_ids.write(
        {
            "review": "auto",
            "use_email": True,
            "use_sms": True,
            "use_call": False,
            "use_letter": False,
            "use_registered_letter": False,
            "use_handover": False,
            "attach_invoices": False,
            "attach_statement": False,
        }
    )
    return company, sending_time_zone(company)


def create_customers(env):
    """Customers with one overdue invoice each; return their ids."""
    customers = env["res.partner"].create(
        [
            {
                "name": f"Two-server customer {i}",
                "is_company": True,
                "email": f"client{i}@example.nc",
                "phone": f"+6877{i:05d}",
                "country_id": env.ref("base.nc").id,
            }
            for i in range(CUSTOMERS)
        ]
    )
    create_overdue_invoices(env, customers, date.today() - timedelta(days=10))
    return customers.ids


def quiet_crons(env):
    """Only our two crons run, and only when triggered; mails stay queued."""
    ours = env.ref("relance_nc.ir_cron_relance_plan") | env.ref(
        "relance_nc.ir_cron_relance_execute"
    )
    env["ir.cron"].search([("id", "not in", ours.ids)]).active = False
    ours.write({"active": True, "nextcall": datetime.now() + timedelta(days=30)})
    # Left over by an interrupted run of this check on the same database.
    env["relance.action"].search([("state", "=", "scheduled")]).state = "cancelled"
    return ours


def trigger(registry, xmlid):
    with registry.cursor() as cr:
        superuser_env(cr).ref(xmlid)._trigger()


# ---------------------------------------------------------------------------
# The servers
# ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One Odoo server in prefork mode, started as ``setup/run`` starts it."""

    def __init__(self, name, args, data_dir, log_dir):
        self.name = name
        self.args = args
        self.data_dir = data_dir
        self.logfile = Path(log_dir) / f"odoo-{name}.log"
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        cmd = devenv.odoo_cmd(
            self.args.db,
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            *devenv.prefork_options(2, 1, gevent_port=free_port()),
            f"--logfile={self.logfile}",
            "--log-level=info",
            port=self.args.db_port,
            data_dir=self.data_dir,
        )
        self.proc = subprocess.Popen(
            cmd,
            env=devenv.prefork_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_up(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                url = f"http://127.0.0.1:{self.port}/web/health"
                with urllib.request.urlopen(url, timeout=5) as resp:
                    if resp.status == 200:
                        return True
            except OSError:
                time.sleep(0.5)
        return False

    def pids(self):
        """The master and its children (workers, websocket process)."""
        pids = {self.proc.pid}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    pids.add(int(entry.name))
        return pids

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc is not None:
            devenv.terminate(self.proc, timeout=30)

    def tracebacks(self):
        try:
            return self.logfile.read_text(errors="replace").count("Traceback")
        except OSError:
            return 0


def busy_odoo_pids(registry, db):
    """Odoo processes whose database session is inside a transaction."""
    with registry.cursor() as cr:
        cr.execute(
            "SELECT application_name FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid() "
            "AND state IN ('active', 'idle in transaction') "
            "AND application_name LIKE 'odoo-%%'",
            [db],
        )
        return {int(name.split("-")[1]) for (name,) in cr.fetchall()}


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


# ---------------------------------------------------------------------------
# The scenario
# ---------------------------------------------------------------------------


def action_counts(registry, customer_ids):
    """``{state: count}`` of the customers' actions, and their duplicates."""
    with registry.cursor() as cr:
        env = superuser_env(cr)
        groups = env["relance.action"]._read_group(
            [("partner_id", "in", customer_ids)],
            ["partner_id", "level_id", "channel"],
            ["__count"],
        )
        states = dict(
            env["relance.action"]._read_group(
                [("partner_id", "in", customer_ids)], ["state"], ["__count"]
            )
        )
        return states, sum(1 for group in groups if group[-1] > 1)


def kill_the_sender(registry, args, servers, gateway, check):
    """SIGKILL the server sending SMS, mid-execution, and start it again."""
    reached = wait_for(lambda: gateway.count() >= KILL_AFTER, RUN_TIMEOUT)
    check(f"{KILL_AFTER} SMS sent before the kill", reached, str(gateway.count()))
    busy = busy_odoo_pids(registry, args.db)
    victim = next((s for s in servers if s.pids() & busy), servers[0])
    sent_at_kill = gateway.count()
    victim.kill()
    gateway.release()
    print(f"     killed server {victim.name} after {sent_at_kill} SMS")
    check(
        "the kill happened mid-execution",
        sent_at_kill < CUSTOMERS,
        f"{sent_at_kill} of {CUSTOMERS} SMS sent",
    )
    victim.start()
    check(f"server {victim.name} restarted", victim.wait_up())
    return victim


def run_scenario(registry, args, servers, gateway, customer_ids, check):
    trigger(registry, "relance_nc.ir_cron_relance_plan")
    planned = wait_for(
        lambda: sum(action_counts(registry, customer_ids)[0].values()) >= 2 * CUSTOMERS,
        RUN_TIMEOUT,
    )
    states, duplicates = action_counts(registry, customer_ids)
    check(
        "the cron workers planned an email and an SMS per customer",
        planned,
        str(states),
    )
    check("one action per customer, level and channel", not duplicates)
    trigger(registry, "relance_nc.ir_cron_relance_execute")
    kill_the_sender(registry, args, servers, gateway, check)
    # The killed run left its cron job unfinished; the next trigger resumes it.
    trigger(registry, "relance_nc.ir_cron_relance_execute")
    done = wait_for(
        lambda: (
            action_counts(registry, customer_ids)[0].get("done", 0) >= 2 * CUSTOMERS
        ),
        RUN_TIMEOUT,
    )
    states, duplicates = action_counts(registry, customer_ids)
    check("every action sent after the restart", done, str(states))
    check("still one action per customer, level and channel", not duplicates)


def check_deliveries(registry, gateway, customer_ids, check):
    with registry.cursor() as cr:
        env = superuser_env(cr)
        actions = env["relance.action"].search([("partner_id", "in", customer_ids)])
        email_actions = actions.filtered(lambda a: a.channel == "email")
        sms_actions = actions - email_actions
        mails = env["mail.mail"].search(
            [("model", "=", "relance.action"), ("res_id", "in", email_actions.ids)]
        )
        per_action = Counter(mails.mapped("res_id"))
        check(
            "one email per email action in the mail queue",
            len(email_actions) == CUSTOMERS
            and sorted(per_action.values()) == [1] * CUSTOMERS,
            f"{len(mails)} emails for {len(email_actions)} actions",
        )
        ours = set(
            env["sms.sms"]
            .search([("relance_action_id", "in", sms_actions.ids)])
            .mapped("uuid")
        )
    delivered = ours & set(gateway.delivered)
    reposted = sum(gateway.posts[key] - 1 for key in delivered)
    check(
        "one SMS delivered per SMS action",
        len(sms_actions) == CUSTOMERS and len(ours) == len(delivered) == CUSTOMERS,
        f"{len(delivered)} delivered for {len(sms_actions)} actions "
        f"({len(ours)} SMS in Odoo)",
    )
    # the SMS go to the gateway in batches (one request each): a server
    # killed between the gateway's answer and its commit posts its batch
    # again, and the gateway answers it without sending it again
    from odoo.addons.relance_nc.const import SMS_CHUNK_SIZE  # noqa: PLC0415

    check(
        "no SMS posted again except the batch in flight at the kill",
        reposted <= SMS_CHUNK_SIZE,
        f"{reposted} re-posted (one batch at most: {SMS_CHUNK_SIZE})",
    )


def main():
    args = parse_check_args(__doc__)
    check = Checks()
    started = time.monotonic()
    gateway = Gateway()
    registry = open_check_registry(args)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        __, tz = configure_company(env, gateway)
        customer_ids = create_customers(env)
        quiet_crons(env)
    print(f"     {CUSTOMERS} customers due; company time zone {tz}")
    with tempfile.TemporaryDirectory(prefix="relance-two-servers-") as tmp:
        servers = [Server(name, args, tmp, tmp) for name in ("A", "B")]
        try:
            for server in servers:
                server.start()
            check("two prefork servers up", all(s.wait_up() for s in servers))
            run_scenario(registry, args, servers, gateway, customer_ids, check)
            check_deliveries(registry, gateway, customer_ids, check)
        finally:
            for server in servers:
                server.stop()
        tracebacks = sum(server.tracebacks() for server in servers)
        check("no traceback in the servers' logs", not tracebacks, f"{tracebacks}")
        if tracebacks:
            for server in servers:
                print(server.logfile.read_text(errors="replace")[-4000:])
    print(f"     {time.monotonic() - started:.0f}s")
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())

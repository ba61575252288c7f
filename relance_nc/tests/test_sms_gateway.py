# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
import socket
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from markupsafe import escape

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.sms.tools.sms_api import SmsApi

from ..models.relance_sms_api import RelanceSmsApi
from .common import RelanceInvoiceCommon

API_KEY = "test-api-key"
SECRET = "test-webhook-secret"
MOBILE = "+687751234"
ROUTE = "/relance_nc/sms/status"
SEND_TIME = "2026-10-08 01:00"  # Thursday 12:00 in Nouméa, 7 days overdue


class FakeSmsGateway:
    """The SMS gateway, played by a real HTTP server on 127.0.0.1.

    It checks the API key and the JSON body, deduplicates on the message id as
    the protocol requires, and answers as told: ``fail_status`` (an HTTP
    error for every request) or ``reject`` ({number: error code}).
    """

    def __init__(self):
        self.requests = []  # JSON bodies received
        self.connections = 0  # HTTP connections opened (kept alive)
        self.delivered = []  # (to, text) of each message sent to a phone
        self.accepted = {}  # id -> provider id
        self.fail_status = None
        self.reject = {}
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real gateway

            def setup(self):
                gateway.connections += 1
                return super().setup()

            def do_POST(self):  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status, answer = gateway.answer(self.headers, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def reset(self):
        self.requests.clear()
        self.delivered.clear()
        self.accepted.clear()
        self.fail_status = None
        self.reject = {}

    def answer(self, headers, body):
        if headers.get("Authorization") != f"Bearer {API_KEY}":
            return 401, {"error": "bad credentials"}
        if headers.get("Content-Type") != "application/json":
            return 415, {"error": "JSON expected"}
        payload = json.loads(body)
        self.requests.append(payload)
        if self.fail_status:
            return self.fail_status, {"error": "internal error"}
        return 200, {"messages": [self._answer(m) for m in payload["messages"]]}

    def _answer(self, message):
        if message["id"] in self.accepted:  # a retry: not sent twice
            return {
                "id": message["id"],
                "status": "accepted",
                "provider_id": self.accepted[message["id"]],
            }
        if message["to"] in self.reject:
            return {
                "id": message["id"],
                "status": "rejected",
                "error": self.reject[message["to"]],
            }
        provider_id = f"GW-{len(self.accepted) + 1}"
        self.accepted[message["id"]] = provider_id
        self.delivered.append((message["to"], message["text"]))
        return {"id": message["id"], "status": "accepted", "provider_id": provider_id}


@tagged("post_install", "-at_install")
class TestSmsGateway(RelanceInvoiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gateway = FakeSmsGateway()
        cls.gateway.start()
        cls.addClassCleanup(cls.gateway.stop)
        cls.company.write(
            {
                "relance_sms_provider": "http",
                "relance_sms_url": cls.gateway.url,
                "relance_sms_sender": "RELANCENC",
                "relance_sms_api_key": API_KEY,
                "relance_sms_webhook_secret": SECRET,
                "relance_cost_sms": 20,
            }
        )
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _sms_action(self):
        with freeze_time(SEND_TIME):
            return self._plan(date(2026, 10, 8)).filtered(lambda a: a.channel == "sms")

    def _execute(self, action):
        with freeze_time(SEND_TIME):
            action._execute()
        return action

    def _sms_of(self, action):
        return self.env["sms.sms"].search(
            [("relance_action_id", "in", action.ids)], order="id"
        )

    def _post_report(self, report, secret=SECRET, signature=None):
        raw = json.dumps(report).encode()
        if signature is None:
            digest = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
            signature = f"sha256={digest}"
        headers = {"Content-Type": "application/json"}
        if signature:
            headers["X-Relance-Signature"] = signature
        with mute_logger("werkzeug", "odoo.http"):
            response = self.url_open(ROUTE, data=raw, headers=headers)
        self.env.invalidate_all()
        return response

    def _messages(self, record):
        return self.env["mail.message"].search_count(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    # ------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------

    def test_reminder_sms_sent_end_to_end(self):
        action = self._execute(self._sms_action())
        self.assertEqual(len(self.gateway.requests), 1)
        request = self.gateway.requests[0]
        sms = self._sms_of(action)
        self.assertEqual(request["sender"], "RELANCENC")
        self.assertTrue(request["status_url"].endswith(ROUTE))
        self.assertEqual(
            request["messages"],
            [{"id": sms.uuid, "to": MOBILE, "text": action.body_text}],
        )
        self.assertIn("XPF remain unpaid (1 invoice(s))", action.body_text)
        self.assertEqual(self.gateway.delivered, [(MOBILE, action.body_text)])
        self.assertRecordValues(
            action,
            [
                {
                    "state": "done",
                    "delivery_state": "sent",
                    "recipient": MOBILE,
                    "provider_ref": "GW-1",
                    "cost": 20,
                }
            ],
        )
        self.assertRecordValues(
            sms, [{"state": "pending", "relance_provider_ref": "GW-1"}]
        )
        self.assertEqual(self.invoice.relance_level_id, action.level_id)

    def test_161_units_make_two_separate_sms(self):
        action = self._sms_action()
        text = "Rappel " * 23  # 161 units
        user = new_test_user(
            self.env,
            login="sms_user",
            groups="relance_nc.group_relance_user",
            company_id=self.company.id,
        )
        composer_form = Form(
            self.env["relance.sms.composer"]
            .with_user(user)
            .with_context(default_action_id=action.id)
        )
        self.assertEqual(composer_form.number, MOBILE)
        self.assertIn("XPF remain unpaid", composer_form.body, "the template, rendered")
        composer_form.body = text
        composer = composer_form.save()
        with freeze_time(SEND_TIME):
            result = composer.action_send()
        self.assertEqual(result["params"]["type"], "success")
        messages = self.gateway.requests[0]["messages"]
        self.assertEqual(len(messages), 2)
        self.assertEqual("".join(m["text"] for m in messages), text)
        self.assertEqual([len(m["text"]) for m in messages], [154, 7])
        self.assertEqual(len({m["id"] for m in messages}), 2)
        self.assertRecordValues(
            action,
            [{"state": "done", "body_text": text, "cost": 40, "sms_text_custom": True}],
        )

    def test_composer_schedules_the_chosen_text(self):
        action = self._sms_action()
        composer = self.env["relance.sms.composer"].create(
            {
                "action_id": action.id,
                "body": "Merci de régler la facture.",
                "send_mode": "scheduled",
                "scheduled_at": "2026-10-09 21:30:00",
            }
        )
        composer.action_send()
        self.assertFalse(self.gateway.requests)
        self.assertRecordValues(
            action,
            [{"state": "scheduled", "scheduled_at": composer.scheduled_at}],
        )
        with freeze_time("2026-10-09 21:30"):
            action._execute()
        self.assertEqual(
            self.gateway.delivered, [(MOBILE, "Merci de régler la facture.")]
        )
        self.assertEqual(action.state, "done")

    def test_composer_needs_the_accepted_terms(self):
        action = self._sms_action()
        self.company.relance_terms_acceptance_ids.sudo().unlink()
        composer = self.env["relance.sms.composer"].create({"action_id": action.id})
        with self.assertRaises(UserError), freeze_time(SEND_TIME):
            composer.action_send()
        self.assertFalse(self.gateway.requests)
        self.assertFalse(action.sms_text_custom)

    @mute_logger("odoo.addons.sms.models.sms_sms")
    def test_http_error_fails_and_retry_sends_the_same_key(self):
        self.gateway.fail_status = 500
        action = self._execute(self._sms_action())
        self.assertRecordValues(
            action, [{"state": "failed", "delivery_state": "failed"}]
        )
        self.assertIn("HTTP 500", action.error)
        self.assertTrue(any("HTTP 500" in m.body for m in action.message_ids))
        failed_sms = self._sms_of(action)
        self.assertRecordValues(
            failed_sms, [{"state": "error", "failure_type": "sms_server"}]
        )
        self.assertNotEqual(self.invoice.relance_level_id, action.level_id)

        self.gateway.fail_status = None
        action.action_retry()
        self._execute(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(self._sms_of(action), failed_sms, "the same SMS, resent")
        ids = [r["messages"][0]["id"] for r in self.gateway.requests]
        self.assertEqual(ids, [failed_sms.uuid] * 2, "the same idempotency key")
        self.assertEqual(len(self.gateway.delivered), 1)

    def test_retry_after_a_lost_answer_is_not_delivered_twice(self):
        """The gateway accepted the SMS but Odoo never got the answer (crash,
        timeout): the retry sends the same key and the gateway drops it."""
        action = self._execute(self._sms_action())
        self._sms_of(action).write({"state": "error", "failure_type": "sms_server"})
        action.write({"state": "failed"})
        action.action_retry()
        self._execute(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(len(self.gateway.requests), 2)
        self.assertEqual(len(self.gateway.delivered), 1)

    def test_run_after_a_crash_is_not_delivered_twice(self):
        """Odoo died after the gateway accepted, before its commit: the SMS
        records are gone, the next run derives the same key again."""
        action = self._execute(self._sms_action())
        first_id = self.gateway.requests[0]["messages"][0]["id"]
        self._sms_of(action).unlink()  # what the rollback leaves
        action.write({"state": "scheduled", "delivery_state": False})
        self._execute(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(self.gateway.requests[1]["messages"][0]["id"], first_id)
        self.assertEqual(len(self.gateway.delivered), 1)

    @mute_logger("odoo.addons.sms.models.sms_sms")
    def test_unreachable_gateway_fails_and_retry_sends_later(self):
        with socket.socket() as sock:  # a port where nobody listens
            sock.bind(("127.0.0.1", 0))
            closed_port = sock.getsockname()[1]
        self.company.relance_sms_url = f"http://127.0.0.1:{closed_port}/api/send"
        action = self._execute(self._sms_action())
        self.assertEqual(action.state, "failed")
        self.assertIn("SMS gateway unreachable", action.error)

        self.company.relance_sms_url = self.gateway.url
        action.action_retry()
        self.assertEqual(action.state, "scheduled")
        self._execute(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(len(self.gateway.delivered), 1)

    @mute_logger("odoo.addons.sms.models.sms_sms")
    def test_rejected_number_fails_the_action(self):
        self.gateway.reject = {MOBILE: "invalid_number"}
        action = self._execute(self._sms_action())
        self.assertRecordValues(
            action, [{"state": "failed", "delivery_state": "failed"}]
        )
        self.assertIn("invalid_number", action.error)
        first = self._sms_of(action)
        self.assertEqual(first.failure_type, "sms_number_format")

        # a deliberate new attempt after a definitive refusal gets a new key
        self.gateway.reject = {}
        action.action_retry()
        self._execute(action)
        self.assertEqual(action.state, "done")
        second = self._sms_of(action) - first
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second.uuid, first.uuid)

    def test_fixed_line_gets_no_sms(self):
        action = self._sms_action()
        self.customer.phone = "27 12 34"
        self._execute(action)
        self.assertEqual(action.state, "failed")
        self.assertEqual(
            action.error,
            "Boulangerie du Caillou has no valid mobile number: SMS only go to "
            "mobiles.",
        )
        self.assertFalse(self.gateway.requests)
        self.assertFalse(self._sms_of(action))

    # ------------------------------------------------------------
    # The execution cron: SMS in batches
    # ------------------------------------------------------------

    def _batch_of_sms_actions(self):
        """SMS actions of three customers due together: two mobiles, one
        fixed line."""
        for name, phone in (
            ("Quincaillerie du Nord", "76 12 34"),
            ("Garage", "27 12 34"),
        ):
            partner = self._create_relance_customer(name, phone)
            self._invoice(partner, 48500, date(2026, 9, 1), date(2026, 10, 1))
        actions = self._sms_action()
        self.assertEqual(len(actions), 3)
        return actions

    def _run_execute_cron(self):
        with freeze_time(SEND_TIME):
            self.env.ref("relance_nc.ir_cron_relance_execute").method_direct_trigger()
        self.env.invalidate_all()

    def test_cron_sends_the_sms_of_a_batch_in_one_request(self):
        actions = self._batch_of_sms_actions()
        fixed = actions.filtered(lambda a: a.partner_id.phone == "27 12 34")
        self._run_execute_cron()
        self.assertEqual((actions - fixed).mapped("state"), ["done", "done"])
        self.assertEqual(fixed.state, "failed", "it fails alone")
        self.assertIn("no valid mobile number", fixed.error)
        self.assertEqual(len(self.gateway.requests), 1)
        sent = self.gateway.requests[0]["messages"]
        self.assertEqual(
            sorted(m["id"] for m in sent),
            sorted(self._sms_of(actions - fixed).mapped("uuid")),
        )
        self.assertEqual(
            sorted(to for to, __ in self.gateway.delivered), [MOBILE, "+687761234"]
        )
        for action in actions - fixed:
            # the SMS is logged in the action's chatter, no tracking message
            self.assertEqual(len(action.message_ids), 1)
            self.assertIn(f"SMS sent to {action.recipient}", action.message_ids.body)
            self.assertIn(escape(action.body_text), action.message_ids.body)
            self.assertRecordValues(
                action,
                [
                    {
                        "delivery_state": "sent",
                        "provider_ref": self._sms_of(action).relance_provider_ref,
                    }
                ],
            )

    def test_batch_sent_again_after_a_crash_is_not_delivered_twice(self):
        """Odoo died after the gateway accepted a batch, before its commit:
        the next run sends the same keys and nothing is delivered twice."""
        actions = self._batch_of_sms_actions()

        class Crash(Exception):
            pass

        with self.assertRaises(Crash), self.env.cr.savepoint(), freeze_time(SEND_TIME):
            actions._execute_sms_batch()
            raise Crash
        self.env.invalidate_all()
        self.assertEqual(actions.mapped("state"), ["scheduled"] * 3)
        self.assertFalse(self._sms_of(actions))
        first_ids = sorted(m["id"] for m in self.gateway.requests[0]["messages"])
        self.assertEqual(len(self.gateway.delivered), 2)

        self._run_execute_cron()
        self.assertEqual(len(self.gateway.requests), 2)
        self.assertEqual(
            sorted(m["id"] for m in self.gateway.requests[1]["messages"]), first_ids
        )
        self.assertEqual(len(self.gateway.delivered), 2, "not delivered twice")
        self.assertEqual(sorted(actions.mapped("state")), ["done", "done", "failed"])

    @mute_logger("odoo.addons.sms.models.sms_sms")
    def test_gateway_failure_leaves_the_whole_batch_retryable(self):
        actions = self._batch_of_sms_actions()
        mobiles = actions.filtered(lambda a: a.partner_id.phone != "27 12 34")
        self.gateway.fail_status = 503
        self._run_execute_cron()
        self.assertEqual(actions.mapped("state"), ["failed"] * 3)
        for action in mobiles:
            self.assertIn("HTTP 503", action.error)
        first = self._sms_of(mobiles)
        self.assertEqual(first.mapped("failure_type"), ["sms_server"] * 2)

        self.gateway.fail_status = None
        mobiles.action_retry()
        self._run_execute_cron()
        self.assertEqual(mobiles.mapped("state"), ["done", "done"])
        self.assertEqual(self._sms_of(mobiles), first, "the same SMS, resent")
        self.assertEqual(
            sorted(m["id"] for m in self.gateway.requests[-1]["messages"]),
            sorted(first.mapped("uuid")),
        )
        self.assertEqual(len(self.gateway.delivered), 2)

    def test_queue_cron_path_splits_per_provider(self):
        """sms.sms._send() without an API (the queue cron) sends our SMS through
        the gateway and the other companies' through IAP."""
        action = self._sms_action()
        ours = self.env["sms.sms"].create(
            {"number": MOBILE, "body": "Bonjour", "relance_action_id": action.id}
        )
        other_company = self.env["res.company"].create({"name": "IAP company"})
        self.assertEqual(other_company._get_sms_api_class(), SmsApi)
        self.assertEqual(self.company._get_sms_api_class(), RelanceSmsApi)
        theirs = (
            self.env["sms.sms"]
            .with_company(other_company)
            .create({"number": "+687761234", "body": "Hello"})
        )
        apis = {
            type(api): sms
            for api, sms in (ours | theirs).with_company(other_company)._split_by_api()
        }
        self.assertEqual(apis, {RelanceSmsApi: ours, SmsApi: theirs})
        with mute_logger("odoo.addons.sms.models.sms_sms"):
            (ours | theirs).with_company(other_company)._send(unlink_sent=False)
        self.assertEqual(self.gateway.delivered, [(MOBILE, "Bonjour")])
        self.assertEqual(ours.state, "pending")
        self.assertEqual(theirs.state, "error", "IAP is unavailable in tests")

    # ------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------

    def test_signed_delivery_report_marks_delivered(self):
        action = self._execute(self._sms_action())
        sms = self._sms_of(action)
        report = {"id": sms.uuid, "provider_id": "GW-1", "status": "delivered"}
        response = self._post_report(report)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"result": "ok"})
        self.assertEqual(sms.state, "sent")
        self.assertRecordValues(
            action, [{"state": "done", "delivery_state": "delivered"}]
        )
        messages = self._messages(action)
        # a replay changes nothing
        self.assertEqual(self._post_report(report).status_code, 200)
        self.assertEqual(sms.state, "sent")
        self.assertEqual(action.delivery_state, "delivered")
        self.assertEqual(self._messages(action), messages)

    def test_bad_signature_is_refused_and_changes_nothing(self):
        action = self._execute(self._sms_action())
        sms = self._sms_of(action)
        report = {"id": sms.uuid, "status": "failed", "error": "network"}
        for signature in ("sha256=" + "0" * 64, "", "md5=abc"):
            with self.subTest(signature=signature):
                response = self._post_report(report, signature=signature)
                self.assertEqual(response.status_code, 403)
        wrong_key = self._post_report(report, secret="another-secret")
        self.assertEqual(wrong_key.status_code, 403)
        self.assertEqual(sms.state, "pending")
        self.assertRecordValues(action, [{"state": "done", "delivery_state": "sent"}])

    def test_malformed_or_unknown_report(self):
        # Unknown id and wrong signature: one answer (no existence oracle).
        unknown = self._post_report({"id": "0" * 32, "status": "delivered"})
        self.assertEqual(unknown.status_code, 403)
        self.assertEqual(
            unknown.text,
            self._post_report({"id": "0" * 32, "status": "failed"}, secret="x").text,
        )
        bad_status = self._post_report({"id": "0" * 32, "status": "lost"})
        self.assertEqual(bad_status.status_code, 400)
        with mute_logger("werkzeug", "odoo.http"):
            not_json = self.url_open(
                ROUTE, data=b"{not json", headers={"Content-Type": "application/json"}
            )
        self.assertEqual(not_json.status_code, 400)

    def test_hostile_reports_are_400_never_500(self):
        action = self._execute(self._sms_action())
        sms = self._sms_of(action)
        deep = b"[" * 2000 + b"]" * 2000
        reports = [
            {"id": sms.uuid, "status": ["delivered"]},
            {"id": sms.uuid, "status": {"delivered": 1}},
            {"id": sms.uuid, "status": None},
            {"id": sms.uuid, "status": "failed", "error": 0},
            {"id": sms.uuid, "status": "failed", "error": False},
            {"id": sms.uuid, "status": "failed", "error": []},
            {"id": sms.uuid, "status": "failed", "provider_id": {"a": 1}},
            {"id": sms.uuid + "\x00", "status": "delivered"},
            {"id": ["x"], "status": "delivered"},
            [sms.uuid, "delivered"],
        ]
        for report in reports:
            with self.subTest(report=report):
                self.assertEqual(self._post_report(report).status_code, 400)
        with mute_logger("werkzeug", "odoo.http"):
            response = self.url_open(
                ROUTE, data=deep, headers={"Content-Type": "application/json"}
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(sms.state, "pending")

    def test_failure_report_fails_the_action_and_flags_the_contact(self):
        action = self._execute(self._sms_action())
        sms = self._sms_of(action)
        contact_messages = self._messages(self.customer)
        report = {"id": sms.uuid, "status": "expired", "error": "handset off"}
        self.assertEqual(self._post_report(report).status_code, 200)
        self.assertRecordValues(
            action, [{"state": "failed", "delivery_state": "failed"}]
        )
        self.assertIn("expired", action.error)
        self.assertIn("handset off", action.error)
        self.assertRecordValues(
            sms, [{"state": "error", "relance_error": "handset off"}]
        )
        self.assertEqual(self._messages(self.customer), contact_messages + 1)
        last = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.customer.id)],
            limit=1,
        )
        self.assertIn("Reminder SMS failed", last.body)
        # the same report again: nothing more
        action_messages = self._messages(action)
        self.assertEqual(self._post_report(report).status_code, 200)
        self.assertEqual(self._messages(action), action_messages)
        self.assertEqual(self._messages(self.customer), contact_messages + 1)
        # the action may be retried: a new key, sent again
        action.action_retry()
        self._execute(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(len(self.gateway.delivered), 2)

    # ------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------

    def test_sender_name_is_validated(self):
        for sender in ("RELANCE NC", "Relancé", "ABCDEFGHIJKL"):
            with self.subTest(sender=sender), self.assertRaises(ValidationError):
                self.company.relance_sms_sender = sender
        self.company.relance_sms_sender = "Relance2026"

    def test_plain_http_gateway_only_on_loopback(self):
        for url in (
            "http://sms.example.nc/send",
            "http://127.0.0.1.example.nc/send",
            "ftp://sms.example.nc/",
            "sms.example.nc",
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                self.company.relance_sms_url = url
        for url in ("https://sms.example.nc/send", "http://127.0.0.1:9/send"):
            self.company.relance_sms_url = url
            self.assertEqual(self.company.relance_sms_url, url)

    def test_gateway_secrets_are_for_administrators(self):
        manager = new_test_user(
            self.env,
            login="sms_manager",
            groups="relance_nc.group_relance_manager",
            company_id=self.company.id,
        )
        company = self.company.with_user(manager)
        self.assertEqual(company.relance_sms_url, self.gateway.url)
        with self.assertRaises(AccessError):
            company.read(["relance_sms_api_key"])
        with self.assertRaises(AccessError):
            company.read(["relance_sms_webhook_secret"])

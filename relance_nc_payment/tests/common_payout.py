# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account_payment.tests.common import AccountPaymentCommon


class PayoutCommon(AccountPaymentCommon):
    """One database, both roles.

    * ``creditor``: a New Caledonian company in XPF whose debtors pay its
      invoices by card through the hosted shop (the core dummy provider,
      marked as paid out by relance.nc); payments go to its clearing account.
    * ``crdc``: the provider company (collection firm) for which the creditor
      is a relance.nc client with fee rules; it pays out and invoices fees.
    """

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.creditor = cls.company_data["company"]
        cls.creditor.write({"email": "compta@creancier.example.nc"})
        cls.creditor.partner_id.tz = "Pacific/Noumea"
        cls.xpf = cls.creditor.currency_id
        crdc_data = cls.setup_other_company(
            name="CRDC", email="paiement@crdc.example.nc"
        )
        cls.crdc = crdc_data["company"]
        cls.crdc.partner_id.tz = "Pacific/Noumea"
        cls.env.user.company_ids |= cls.crdc
        cls.env.user.group_ids |= cls.env.ref("relance_nc.group_relance_manager")
        cls.env = cls.env(
            context=dict(
                cls.env.context, allowed_company_ids=(cls.creditor | cls.crdc).ids
            )
        )
        cls.client = cls.creditor.partner_id
        cls.client.with_company(cls.crdc).relance_client = True
        # Real money only: the provider is live (test mode is never paid out).
        cls.provider.write(
            {
                "relance_payout": True,
                "available_currency_ids": [Command.link(cls.xpf.id)],
                "state": "enabled",
            }
        )
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.debtor = cls.partner_a
        cls.Payout = cls.env["relance.payout"].with_company(cls.crdc)
        cls.Rejection = cls.env["relance.payment.rejection"].with_company(cls.crdc)
        cls.cron = cls.env.ref("relance_nc_payment.ir_cron_relance_payout")
        cls.user = new_test_user(
            cls.env,
            login="payout_user",
            groups="relance_nc.group_relance_user",
            company_id=cls.crdc.id,
        )
        cls._tx_seq = 0

    @classmethod
    def _fee_rules(cls, *rules):
        """Create ``(brand or False, percent, fixed)`` rules for the client."""
        return cls.env["relance.fee.rule"].create(
            [
                {
                    "company_id": cls.crdc.id,
                    "partner_id": cls.client.id,
                    "brand": brand,
                    "percent": percent,
                    "fixed": fixed,
                }
                for brand, percent, fixed in rules
            ]
        )

    def _invoice(self, amount):
        return self._create_invoice_one_line(
            price_unit=amount,
            partner_id=self.debtor,
            invoice_date="2026-01-02",
            tax_ids=[],
            currency_id=self.xpf,
            post=True,
        )

    def _paid_tx(self, amount, confirmed_at, method="visa", invoice=None):
        """A confirmed and post-processed hosted shop payment of ``invoice``
        (created if None), confirmed at ``confirmed_at`` (naive UTC string)."""
        type(self)._tx_seq += 1
        invoice = invoice or self._invoice(amount)
        tx = self._create_transaction(
            "redirect",
            reference=f"TX-{self._tx_seq:04d}",
            amount=amount,
            currency_id=self.xpf.id,
            partner_id=self.debtor.id,
            state="done",
            is_live=True,
            last_state_change=fields.Datetime.to_datetime(confirmed_at),
            invoice_ids=[Command.set(invoice.ids)],
            payment_method_id=self.env.ref(f"payment.payment_method_{method}").id,
        )
        tx._post_process()  # the creditor's payment, reconciled with the invoice
        return tx

    def _run_cron(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()

    def _payouts(self, period=None):
        domain = [("partner_id", "=", self.client.id)]
        if period:
            domain.append(("period", "=", period))
        return self.Payout.search(domain)

    def _balance(self, account, company=None):
        company = company or self.creditor
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", account.id),
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
            ]
        )
        return sum(lines.mapped("balance"))

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import const
from ..tools import dunning


class RelanceLevel(models.Model):
    """A step of a reminder policy: when it applies and what it sends."""

    _name = "relance.level"
    _description = "Reminder Level"
    _order = "policy_id, delay, id"
    _check_company_auto = True

    policy_id = fields.Many2one(
        "relance.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    delay = fields.Integer(
        string="Days After Due Date",
        required=True,
        help="Number of days after the due date when this level applies; a "
        "negative number sends a courtesy reminder before the due date.",
    )
    use_email = fields.Boolean(string="Email")
    use_sms = fields.Boolean(string="SMS")
    use_letter = fields.Boolean(string="Letter")
    use_registered_letter = fields.Boolean(string="Registered Letter")
    use_call = fields.Boolean(string="Phone Call")
    use_handover = fields.Boolean(string="Hand-over to Collection")
    tone = fields.Selection(
        const.TONES,
        string="Wording",
        compute="_compute_tone",
        store=True,
        readonly=False,
        help="Tone of the texts of this level when it has no template of its "
        "own: courtesy before the due date (the invoices will be due), then "
        "first and second reminders, then the formal notice stating the "
        "deadline. Follows the level's rank unless chosen.",
    )
    email_template_id = fields.Many2one(
        "mail.template",
        domain=[("model", "=", "relance.action")],
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain=[("model", "=", "relance.action")],
    )
    attach_invoices = fields.Boolean(help="Attach the PDF of each overdue invoice.")
    attach_statement = fields.Boolean(help="Attach the customer's account statement.")
    fee = fields.Monetary(
        help="Reminder fee recorded on each action of this level (accessory "
        "amounts are only claimed when the invoices stated them)."
    )
    review = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual review")],
        string="Sending Mode",
        default="auto",
        required=True,
        help="Automatic actions are sent at their scheduled time; the others "
        "wait for a user to validate them.",
    )
    channel_count = fields.Integer(compute="_compute_channel_count")

    @api.depends(
        lambda self: [
            channel.level_field
            for channel in self.env["relance.action"]._get_channel_registry().values()
        ]
    )
    def _compute_channel_count(self):
        for level in self:
            level.channel_count = len(level._get_channels())

    @api.depends("delay", "policy_id.level_ids.delay")
    def _compute_tone(self):
        for level in self:
            if level.delay < 0:
                level.tone = "courtesy"
                continue
            rank = len(
                level.policy_id.level_ids.filtered(
                    lambda other, lv=level: 0 <= other.delay < lv.delay
                )
            )
            level.tone = ("first", "second")[rank] if rank < 2 else "notice"

    def _get_template(self, channel):
        """The level's ``mail.template`` or ``sms.template`` of ``channel``,
        else the default template of its tone."""
        self.ensure_one()
        template = self[f"{channel}_template_id"]
        xmlid = const.DEFAULT_TEMPLATES[channel][self.tone or "first"]
        return template or self.env.ref(xmlid)

    def _get_levels_reached(self, oldest, today, reached):
        """``{level: [invoice ids]}``: the invoices a reminder at this level
        moves up, and to which level. ``oldest`` is ``{invoice id: due date
        of its oldest item listed}``, ``reached`` the levels they reached so
        far (``{invoice id: relance.level}``, see
        ``account.move._read_relance_state``).

        One message may list invoices due at lower levels, or coming due
        (several levels merged on one day, see
        ``relance.action._prepare_merged_vals``): each invoice reaches the
        level its oldest listed item is due for, at most this one, and never
        goes down.
        """
        self.ensure_one()
        levels = self.policy_id.level_ids
        delays = levels.mapped("delay")
        by_delay = {level.delay: level for level in levels}
        targets = {}
        for move_id, due in sorted(oldest.items()):
            delay = dunning.level_for_days((today - due).days, delays)
            if delay is None:
                continue
            target = by_delay[min(delay, self.delay)]
            current = reached.get(move_id)
            if (
                current
                and current.policy_id == target.policy_id
                and current.delay >= target.delay
            ):
                continue
            targets.setdefault(target, []).append(move_id)
        return targets

    @api.constrains("delay", "policy_id")
    def _check_unique_delay(self):
        for policy in self.policy_id:
            delays = policy.level_ids.mapped("delay")
            if len(delays) != len(set(delays)):
                raise ValidationError(
                    self.env._(
                        "Two levels of the policy %(policy)s have the same delay.",
                        policy=policy.display_name,
                    )
                )

    def _get_channels(self, registry=None):
        """Channel codes this level triggers, in execution order.

        ``registry``: the channel registry when the caller already has it
        (a planning run asks for every level).
        """
        self.ensure_one()
        if registry is None:
            registry = self.env["relance.action"]._get_channel_registry()
        return [code for code, channel in registry.items() if self[channel.level_field]]

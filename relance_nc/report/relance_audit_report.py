# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportRelanceAudit(models.AbstractModel):
    """Receivables audit report, printed from its wizard."""

    _name = "report.relance_nc.report_audit"
    _description = "Receivables Audit Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["relance.audit.report.wizard"].browse(docids)
        return {
            "doc_ids": wizards.ids,
            "doc_model": "relance.audit.report.wizard",
            "docs": wizards,
            "audits": {wizard.id: wizard._get_audit_values() for wizard in wizards},
        }

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import OrderedDict

from odoo import models

from odoo.addons.base.models.ir_actions_report import _wkhtml

#: Reports printed one record per wkhtmltopdf run when Qt is not patched.
SINGLE_RECORD_REPORTS = {"relance_nc.report_statement"}


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """Render several customers' statements one by one on an unpatched Qt.

        wkhtmltopdf builds without the patched Qt (Debian's package) refuse
        several documents in one run; each record is then rendered alone and
        the PDFs are merged as usual by the caller.
        """
        ids = list(OrderedDict.fromkeys(res_ids or []))
        if (
            len(ids) < 2
            or self._get_report(report_ref).report_name not in SINGLE_RECORD_REPORTS
            or _wkhtml().is_patched_qt
        ):
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        streams = OrderedDict()
        for res_id in ids:
            streams.update(
                super()._render_qweb_pdf_prepare_streams(
                    report_ref, dict(data or {}), res_ids=[res_id]
                )
            )
        return streams

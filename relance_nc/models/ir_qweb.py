# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo import models, tools


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _generate_code_uncached(self, template):
        """Compile a raw template once per source, when the caller asks.

        Odoo caches the code of views, not of raw templates: mail templates
        (``mail.render.mixin._render_template_qweb``) are parsed and compiled
        again for every record, the main cost of rendering thousands of
        reminder emails. With ``relance_reuse_compiled_qweb`` in the context,
        the code is cached like a view's, by source and by the context keys
        that change compilation (language, restricted rendering…).
        """
        if isinstance(template, etree._Element) and self.env.context.get(
            "relance_reuse_compiled_qweb"
        ):
            return self._relance_generate_code_by_source(
                etree.tostring(template, encoding="unicode"), template
            )
        return super()._generate_code_uncached(template)

    @tools.ormcache(
        "source",
        "tuple(self.env.context.get(k) or False "
        "for k in self._get_template_cache_keys())",
        cache="templates",
    )
    def _relance_generate_code_by_source(self, source, template):
        return self.with_context(
            relance_reuse_compiled_qweb=False
        )._generate_code_uncached(template)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Keep the partners flagged "relance.nc client" per company before the flag
becomes a view of the client files (res.partner.relance_client was a
company-dependent Boolean, stored as jsonb ``{company id: value}``)."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'relance_client'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        CREATE TABLE IF NOT EXISTS relance_client_flag_migration AS
        SELECT partner.id AS partner_id, flag.key::integer AS company_id
          FROM res_partner partner, jsonb_each(partner.relance_client) flag
         WHERE partner.relance_client IS NOT NULL
           AND jsonb_typeof(partner.relance_client) = 'object'
           AND flag.value = 'true'::jsonb
        """
    )

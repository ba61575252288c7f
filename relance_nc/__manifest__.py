# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Payment Reminders",
    "summary": "Payment reminders and customer data for New Caledonia and "
    "French Polynesia (RIDET, TAHITI, XPF)",
    "version": "19.0.1.6.1",
    "category": "Accounting/Accounting",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "application": True,
    "depends": ["account", "phone_validation", "sms"],
    "external_dependencies": {
        "python": ["phonenumbers", "python-stdnum", "requests"],
    },
    "data": [
        "security/relance_nc_security.xml",
        "security/relance_provider_security.xml",
        "security/ir.model.access.csv",
        "security/relance_case_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "views/relance_templates.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/relance_policy_views.xml",
        "views/relance_action_views.xml",
        "views/res_config_settings_views.xml",
        "views/sms_template_views.xml",
        "views/relance_registry_views.xml",
        "views/relance_partner_update_views.xml",
        "wizards/relance_registry_import_wizard_views.xml",
        "wizards/relance_partner_check_wizard_views.xml",
        "wizards/relance_sms_composer_views.xml",
        "wizards/relance_run_preview_views.xml",
        "report/relance_statement_report.xml",
        "report/relance_audit_report.xml",
        "report/relance_receivable_report_views.xml",
        "report/relance_recovery_report_views.xml",
        "views/relance_report_views.xml",
        "wizards/relance_audit_report_wizard_views.xml",
        "views/relance_nc_menus.xml",
        "data/relance_service_data.xml",
        "views/relance_client_views.xml",
        "views/relance_usage_line_views.xml",
        "views/relance_provider_dashboard_views.xml",
        "views/res_config_settings_provider_views.xml",
        "views/relance_provider_menus.xml",
        "views/relance_client_portal_templates.xml",
        "data/relance_case_data.xml",
        "data/relance_case_mail_template_data.xml",
        "views/relance_case_views.xml",
        "views/relance_case_templates.xml",
        "views/relance_case_portal_templates.xml",
        "wizards/relance_case_submit_wizard_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/relance_nc_demo.xml",
        "demo/relance_provider_demo.xml",
    ],
    # read by res.company._relance_demo_registry, not loaded as data
    "oca_data_manual": ["demo/ridet_etablissements_demo.csv"],
    "assets": {
        "web.assets_backend": [
            "relance_nc/static/src/sms_counter/**/*",
        ],
        # Debian's wkhtmltopdf draws @font-face web fonts as outlines (no
        # text layer): reports use the fonts installed on the system instead
        # (fonts-lato for the default 'Lato'; see readme/CONFIGURE.md).
        "web.report_assets_common": [
            ("remove", "web/static/fonts/fonts.scss"),
        ],
        "web.assets_tests": [
            "relance_nc/static/tests/tours/*.js",
        ],
        "web.assets_unit_tests": [
            "relance_nc/static/tests/**/*",
            ("remove", "relance_nc/static/tests/tours/**/*"),
        ],
    },
}

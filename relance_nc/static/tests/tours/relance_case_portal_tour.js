/* License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

// Date inputs take ISO values; typing goes through the browser's own format.
function setDate(value) {
    return function () {
        this.anchor.value = value;
    };
}

// A client without Odoo submits an Eco case on the portal: one invoice,
// the conditions accepted, and the case shows up submitted in /my/cases.
registry.category("web_tour.tours").add("relance_nc_case_portal_submit", {
    steps: () => [
        {
            content: "Open the new case form",
            trigger: "a#relance_case_new",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: "input[name='debtor_name']", run: "edit Snack du Port"},
        {trigger: "input[name='debtor_email']", run: "edit snack@port.example.nc"},
        {trigger: "input[name='ref_0']", run: "edit FAC-2026-001"},
        {trigger: "input[name='date_0']", run: setDate("2026-03-01")},
        {trigger: "input[name='due_0']", run: setDate("2026-03-31")},
        {trigger: "input[name='amount_0']", run: "edit 11 300"},
        {
            trigger: "textarea[name='payment_instructions']",
            run: "edit Virement BCI 17499 00010 12345678901 22",
        },
        {content: "Accept the Eco conditions", trigger: "input#accept", run: "click"},
        {
            content: "Submit",
            trigger: "button#relance_case_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case is submitted",
            trigger: "#relance_case_detail[data-relance-state='submitted']",
        },
    ],
});

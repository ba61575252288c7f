/* License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

// A debtor opens the payment link of a reminder, pays by card on the
// (fake, local) Lyra page, and comes back to a paid invoice.
registry.category("web_tour.tours").add("relance_nc_payment_portal_pay", {
    steps: () => [
        {
            content: "The page says what is due",
            trigger: "#relance_pay_status [data-relance-status='due']",
        },
        {
            content: "Pay now",
            trigger: "a[data-bs-target='#pay_with']",
            run: "click",
        },
        {
            content: "Choose the relance.nc hosted shop",
            trigger:
                "#pay_with [name='o_payment_option']:has(input[data-provider-code='relance_lyra'])",
            run: "click",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:enabled",
            run: "click",
            // The form goes to the card page, which posts the result back.
            expectUnloadPage: true,
        },
        {
            content: "Back from the card page, the invoice is paid",
            trigger: "#relance_pay_status [data-relance-status='paid']",
            timeout: 30000,
        },
    ],
});

/* License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

// A client's contact opens its relance.nc page, sees the letter the provider
// wrote for it, and validates it.
registry.category("web_tour.tours").add("relance_nc_edition_portal_letter_validation", {
    steps: () => [
        {
            content: "Open the letter awaiting validation",
            trigger: ".o_relance_letters_to_validate a.o_relance_letter_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Validate it",
            trigger: "button.o_relance_validate",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The letter is validated",
            trigger: ".o_relance_letter_validated",
        },
    ],
});

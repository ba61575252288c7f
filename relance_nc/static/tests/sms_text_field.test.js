import { mailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { click } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    fields,
    models,
    mountView,
} from "@web/../tests/web_test_helpers";

class Reminder extends models.Model {
    _name = "relance.test.reminder";
    body_text = fields.Text();
    _records = [{ id: 1, body_text: "Bonjour" }];
}

describe.current.tags("desktop");
defineModels({ ...mailModels, Reminder });

async function mountComposer() {
    await mountView({
        type: "form",
        resModel: "relance.test.reminder",
        resId: 1,
        arch: `<form><field name="body_text" widget="relance_sms_text"/></form>`,
    });
}

const textarea = ".o_field_widget[name='body_text'] textarea";

test("counts the stored text", async () => {
    await mountComposer();
    expect(".o_relance_sms_units").toHaveText("7 / 160 units");
    expect(".o_relance_sms_count").toHaveText("1 SMS");
    expect(".o_relance_sms_encoding").toHaveText("GSM");
    expect(".o_relance_sms_non_gsm").toHaveCount(0);
});

test("counts live as the user types, by the rules of tools/sms.py", async () => {
    await mountComposer();
    await contains(textarea).edit("Reçu {1}\nmerci", { confirm: false });
    // ç makes it UCS-2: 70 units per SMS, braces count 1, a line break 2
    expect(".o_relance_sms_units").toHaveText("15 / 70 units");
    expect(".o_relance_sms_encoding").toHaveText("Unicode (70 per SMS)");
    expect(".o_relance_sms_non_gsm").toHaveText("Outside GSM: ç");
    await contains(textarea).edit("a".repeat(159) + "€", { confirm: false });
    expect(".o_relance_sms_units").toHaveText("161 / 320 units");
    expect(".o_relance_sms_count").toHaveText("2 SMS");
});

test("replaces the characters outside GSM", async () => {
    await mountComposer();
    await contains(textarea).edit("Reçu : « 15\u202f000 XPF » – à bientôt…", {
        confirm: false,
    });
    await click(".o_relance_sms_transliterate");
    await animationFrame();
    expect(textarea).toHaveValue('Recu : " 15 000 XPF " - à bientot...');
    expect(".o_relance_sms_encoding").toHaveText("GSM");
    expect(".o_relance_sms_transliterate").toHaveCount(0);
});

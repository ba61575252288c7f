import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { TextField, textField } from "@web/views/fields/text/text_field";
import { useState } from "@odoo/owl";

import { GSM7, smsInfo, transliterate } from "./sms_counting";

/** A character as the user can see it: invisible ones by their code point. */
function visibleChar(char) {
    if (char.trim() && !/^\p{Cf}$/u.test(char)) {
        return char;
    }
    return `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A text field for SMS: under the text, live as the user types, the units
 * used, the number of SMS, the encoding and the characters outside GSM, with
 * a button that replaces them as relance_nc/tools/sms.py transliterate() does.
 */
export class RelanceSmsTextField extends TextField {
    static template = "relance_nc.SmsTextField";
    static props = {
        ...TextField.props,
        isTemplate: { type: Boolean, optional: true },
    };

    setup() {
        super.setup();
        // The text being typed, not committed to the record yet, and the record
        // value it was typed over: once the record changes, the record wins.
        this.typing = useState({ text: null, over: null });
    }

    get smsText() {
        const stored = this.props.record.data[this.props.name] || "";
        if (this.typing.text !== null && this.typing.over === stored) {
            return this.typing.text;
        }
        return stored;
    }

    get sms() {
        const info = smsInfo(this.smsText);
        return {
            ...info,
            capacity: info.limit * Math.max(info.count, 1),
            encodingLabel: info.encoding === GSM7 ? _t("GSM") : _t("Unicode (70 per SMS)"),
            nonGsmText: info.nonGsm.map(visibleChar).join(" "),
        };
    }

    onSmsInput(ev) {
        this.typing.over = this.props.record.data[this.props.name] || "";
        this.typing.text = ev.target.value;
    }

    onReplaceAccents() {
        const textarea = this.textareaRef.el;
        if (!textarea) {
            return;
        }
        textarea.value = transliterate(textarea.value);
        // the events the user would fire: counted, then committed to the record
        textarea.dispatchEvent(new InputEvent("input"));
        textarea.dispatchEvent(new Event("change"));
    }
}

export const relanceSmsTextField = {
    ...textField,
    component: RelanceSmsTextField,
    displayName: _t("SMS text with counter"),
    supportedTypes: ["text", "char"],
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...textField.extractProps(fieldInfo, dynamicInfo),
        isTemplate: Boolean(fieldInfo.options?.template),
    }),
};

registry.category("fields").add("relance_sms_text", relanceSmsTextField);
